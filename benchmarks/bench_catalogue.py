"""Catalogue import and start-up with a long change log: does the time grow with the rows, or
with their square?

For each size (20,000, 40,000 and 200,000 rows by default) it makes a config folder with the
shipped catalogue, writes an entities CSV of that many new towns as an admin's spreadsheet would
hold them, and times, each as a whole process (`python -m monitor ...`, cut off after --timeout
seconds):

- `monitor catalogue import FILE --yes`: plan the diff, check it, append it to the change log;
- `monitor catalogue list` afterwards, the first time (the change log is replayed) and the second
  (from the snapshot the first one left); the baseline is the same command on a folder without
  local changes, run in the same session.

It also times the change log's replay in this process (load_effective_catalogue, the call every
command makes). Growth is printed as the ratio of each size's time to the smallest size's, beside
the ratio of the sizes: linear work keeps the two close; work that grows with the square doubles
the ratio each time the rows double. It prints figures and ratios; it asserts nothing.

    .venv/bin/python benchmarks/bench_catalogue.py [--sizes 20000,40000,200000] [--timeout 900]
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.catalogue import ENTITY_COLUMNS, load_effective_catalogue  # noqa: E402


def make_folder(base: Path, name: str) -> Path:
    config = base / name
    (config / "catalogue").mkdir(parents=True)
    shutil.copy(ROOT / "config" / "settings.toml", config / "settings.toml")
    (config / "feeds.toml").write_text("", encoding="utf-8")
    for file in ("entities.jsonl", "partnerships.jsonl", "media.jsonl"):
        shutil.copy(ROOT / "config" / "catalogue" / file, config / "catalogue" / file)
    return config


def write_rows(path: Path, count: int) -> None:
    """New towns under Bryansk oblast, one row each, as `catalogue export --table entities` lays
    them out (empty id: the import makes it from the English name)."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=ENTITY_COLUMNS)
        writer.writeheader()
        for n in range(count):
            writer.writerow({"kind": "city", "country": "RU", "parent": "ru-bryansk-oblast",
                             "name_en": f"Benchtown {n}", "name_ru": f"Бенчгород {n}",
                             "source": f"https://example.org/towns/{n}"})


def timed_process(args: list[str], timeout: float) -> float | None:
    started = time.perf_counter()
    try:
        subprocess.run([sys.executable, "-m", "monitor", *args], cwd=ROOT, check=True, timeout=timeout,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "USER": "bench"})
    except subprocess.TimeoutExpired:
        return None
    return time.perf_counter() - started


def show(seconds: float | None, timeout: float) -> str:
    return f"{seconds:8.2f} s" if seconds is not None else f"  > {timeout:.0f} s (cut off)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20000,40000,200000")
    parser.add_argument("--timeout", type=float, default=900.0)
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")]
    base = Path(tempfile.mkdtemp(prefix="bench-catalogue-"))
    try:
        empty = make_folder(base, "empty")
        baseline = timed_process(["--config", str(empty), "catalogue", "list"], options.timeout)
        print(f"baseline: `monitor catalogue list` without local changes {show(baseline, options.timeout)}")
        results = {}
        for size in sizes:
            config = make_folder(base, f"rows-{size}")
            rows = base / f"rows-{size}.csv"
            write_rows(rows, size)
            imported = timed_process(["--config", str(config), "catalogue", "import", str(rows), "--yes"],
                                     options.timeout)
            first = second = replay = None
            if imported is not None:
                first = timed_process(["--config", str(config), "catalogue", "list"], options.timeout)
                second = timed_process(["--config", str(config), "catalogue", "list"], options.timeout)
                started = time.perf_counter()
                catalogue = load_effective_catalogue(config / "catalogue")
                replay = time.perf_counter() - started
                assert len(catalogue.entities) >= size
            results[size] = (imported, first, second, replay)
            print(f"{size:>7} rows: import {show(imported, options.timeout)}   start-up after: first "
                  f"{show(first, options.timeout)}, again {show(second, options.timeout)} "
                  f"(x{(second or 0) / baseline:.2f} of the baseline)   in-process load {show(replay, options.timeout)}")
        smallest = sizes[0]
        print(f"\ngrowth against {smallest} rows (linear keeps 'time' near 'rows'):")
        for size in sizes[1:]:
            ratios = []
            for label, index in (("import", 0), ("first start-up", 1), ("start-up", 2), ("in-process load", 3)):
                now, then = results[size][index], results[smallest][index]
                ratios.append(f"{label} x{now / then:.1f}" if now and then else f"{label} cut off")
            print(f"  {size:>7} rows: rows x{size / smallest:.1f}; time: " + ", ".join(ratios))
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
