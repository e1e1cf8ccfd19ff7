"""Each feed's collection over a window that has ended, computed once and kept in the database.

Whether a feed was collected over a window is coverage.feed_collection's decision; this module only
decides where the answer comes from. A window that has ended changes only when an attempt is logged
inside it, or as a feed's last attempt before it, and the store drops exactly those kept windows
when that happens (a trigger, so every writer does it). So a report's twelve-week trend reads twelve
kept rows instead of twelve weeks of fetch log, and a window whose raw log was pruned keeps its
answer.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import fields, is_dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Iterable

from . import coverage, observed
from .coverage import FeedCollection
from .observed import FeedObserved, Missed
from .store import Store

# What kept results were computed under: the rules (this version of coverage.py and observed.py)
# and the tolerance.
RULES = hashlib.sha256(b"".join(Path(module.__file__).read_bytes() for module in (coverage, observed))).hexdigest()[:12]


def collections(store: Store, feed_ids: Iterable[str], start: datetime, end: datetime, now: datetime,
                tolerance_hours: float) -> dict[str, FeedCollection]:
    """Each feed's collection over [start, end): kept when the window has ended, else computed."""
    wanted = set(feed_ids)
    key = f"{tolerance_hours:g}h/{RULES}"
    if end > now:
        return _compute(store, wanted, start, end, now, tolerance_hours)
    kept = store.kept_week(start, end)
    pruned = store.pruned_before()
    usable = kept is not None and (kept[0] == key or (pruned is not None and start < pruned))
    found = _decode(kept[1]) if usable else {}
    missing = wanted - set(found)
    if not missing:
        return found
    if usable:  # a feed added since: its own log only
        return {**found, **_compute(store, missing, start, end, now, tolerance_hours)}
    if pruned is not None and start < pruned:  # only part of its log is left: answer, never keep
        return _compute(store, wanted, start, end, now, tolerance_hours)
    try:
        with store.transaction():  # the log cannot change between reading it and keeping the answer
            everyone = wanted | store.polled_feeds()
            found = _compute(store, everyone, start, end, now, tolerance_hours)
            store.keep_week(start, end, key, now, json.dumps({f: _encode(c) for f, c in sorted(found.items())}))
    except sqlite3.OperationalError:  # a read-only or busy database: answer without keeping
        found = _compute(store, wanted, start, end, now, tolerance_hours)
    return found


def _compute(store: Store, feed_ids: set[str], start: datetime, end: datetime, now: datetime,
             tolerance_hours: float) -> dict[str, FeedCollection]:
    rows: dict[str, list] = {}
    for row in store.collection_log(start, end, feed_ids):
        rows.setdefault(row.feed_id, []).append(row)
    before = store.last_poll_before(start, feed_ids)
    seen = store.observations(sorted(feed_ids), start, end)
    return {feed_id: coverage.feed_collection(feed_id, rows.get(feed_id, ()), before.get(feed_id), start, end, now,
                                              tolerance_hours, seen.get(feed_id, FeedObserved(feed_id)))
            for feed_id in sorted(feed_ids)}


# A collection as JSON: its fields, with times as ISO text and durations in seconds.

def _encode(value):
    if is_dataclass(value):
        return {f.name: _encode(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, datetime):
        return {"at": value.isoformat()}
    if isinstance(value, timedelta):
        return {"seconds": value.total_seconds()}
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    return value


def _plain(value):
    if isinstance(value, dict) and value.keys() == {"at"}:
        return datetime.fromisoformat(value["at"])
    if isinstance(value, dict) and value.keys() == {"seconds"}:
        return timedelta(seconds=value["seconds"])
    return value


def _decode(text: str) -> dict[str, FeedCollection]:
    found = {}
    for feed_id, data in json.loads(text).items():
        missed = tuple(Missed(**{k: _plain(v) for k, v in m.items()}) for m in data.pop("missed", ()))
        found[feed_id] = FeedCollection(**{k: _plain(v) for k, v in data.items()}, missed=missed)
    return found
