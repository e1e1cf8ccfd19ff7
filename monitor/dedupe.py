"""One story is one story: deciding that an entry is a story already stored. Pure functions.

GUIDs and canonical URLs are matched by the store's unique keys; this module decides the fuzzy
case: the same headline reaching us through two feeds of one outlet (a "regions" feed and a
"economy" feed), with different GUIDs and links. It does not read or write the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from rapidfuzz import fuzz, process

MIN_TITLE = 24  # characters; shorter headlines ("Погода", "Новости дня") repeat across different stories
SIMILARITY = 92  # rapidfuzz ratio 0..100: a changed comma or a typo fix, not a different story
MAX_APART = timedelta(days=3)  # the same headline a week later is a new story (a yearly event)


@dataclass(frozen=True)
class Candidate:
    """A stored story of the same outlet that an entry may repeat."""

    article_id: int
    title: str
    published: datetime | None


def title_key(title: str) -> str:
    """A headline folded for comparison: case, ё/е, punctuation and spacing do not count."""
    return re.sub(r"\W+", " ", title.casefold().replace("ё", "е")).strip()


def same_story(title: str, published: datetime | None, candidates: list[Candidate]) -> int | None:
    """The id of the stored story this headline repeats, or None."""
    key = title_key(title)
    if len(key) < MIN_TITLE or not candidates:
        return None
    # "Курс на 17 ноября" and "Курс на 18 ноября" are different stories: numbers must agree
    digits = re.findall(r"\d+", key)
    near = [c for c in candidates
            if (published is None or c.published is None or abs(c.published - published) <= MAX_APART)
            and re.findall(r"\d+", title_key(c.title)) == digits]
    if not near:
        return None
    best = process.extractOne(key, [title_key(c.title) for c in near], scorer=fuzz.ratio, score_cutoff=SIMILARITY)
    return near[best[2]].article_id if best else None
