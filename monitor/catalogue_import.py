"""Import the maintainers' catalogue into config/catalogue/, reproducibly.

    python -m monitor.catalogue_import ../shared/catalogue config/catalogue

The files stay JSON Lines, one record per line, so an admin can read and diff them and an error can
name its line. Ids are kept exactly: reports, tests and users refer to them. The import validates
the source first and writes nothing if it is wrong; records keep the source's order so a re-import
of the same source produces byte-identical files.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .config import load_catalogue
from .errors import ConfigError

FILES = ("entities.jsonl", "partnerships.jsonl", "media.jsonl")


def import_catalogue(source: Path, target: Path) -> dict[str, int]:
    load_catalogue(source)  # raises ConfigError listing every problem; nothing written yet
    target.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name in FILES:
        records = [json.loads(line) for line in (source / name).read_text(encoding="utf-8").splitlines() if line.strip()]
        text = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
        (target / name).write_text(text, encoding="utf-8")
        counts[name] = len(records)
    return counts


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m monitor.catalogue_import SOURCE_DIR TARGET_DIR", file=sys.stderr)
        return 2
    try:
        counts = import_catalogue(Path(args[0]), Path(args[1]))
    except ConfigError as exc:
        print(f"catalogue not imported:\n{exc}", file=sys.stderr)
        return 1
    for name, count in counts.items():
        print(f"{name}: {count} records")
    return 0


if __name__ == "__main__":
    sys.exit(main())
