"""Article files given on the command line: JSON Lines in, frozen ArticleText out.

One reader serves `monitor match` (plain articles) and `monitor eval` (articles with labels), so
both name a bad file or line the same way and neither needs a database.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterator

from .errors import InputError
from .records import ArticleText


def read_lines(path: Path) -> Iterator[tuple[str, str]]:
    """(where, line) for each non-blank line, unparsed: `monitor match` hands lines to its workers
    as they are, so the process that reads never parses. "-" reads standard input."""
    try:
        handle = sys.stdin if str(path) == "-" else Path(path).open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}; give an existing JSON Lines file of articles") from None
    with handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                yield f"{path}:{number}", line


def parse_object(where: str, line: str) -> dict:
    """One line's JSON object; `where` names the file and line in the error."""
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg}); write one article object per line") from None
    if not isinstance(raw, dict):
        raise InputError(f"{where}: each line must be one JSON object")
    return raw


def read_objects(path: Path) -> Iterator[tuple[str, dict]]:
    """(where, object) for each non-blank line."""
    for where, line in read_lines(path):
        yield where, parse_object(where, line)


def article(raw: dict, where: str) -> ArticleText:
    """An article from one JSON object: `id` and `title` required; summary, content, lang, url,
    published optional."""
    if "id" not in raw or not isinstance(raw.get("title"), str):
        raise InputError(f'{where}: an article needs at least "id" and a "title" text')
    return ArticleText(id=str(raw["id"]), title=raw["title"], summary=str(raw.get("summary") or ""),
                       content=str(raw.get("content") or ""), lang=raw.get("lang"), url=raw.get("url"),
                       published=raw.get("published"))


def read_articles(path: Path) -> Iterator[ArticleText]:
    for where, raw in read_objects(path):
        yield article(raw, where)
