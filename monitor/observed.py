"""Which time the monitor can prove it observed a feed, decided at fetch time. Pure.

A feed only ever holds its newest entries. A successful fetch proves that the time since the
previous successful fetch was observed when the two overlap: an entry the previous fetch returned is
still there (by GUID or canonical URL, which works for feeds without dates), or the oldest entry is
dated at or before the previous fetch (only when entry_dates trusts the fetch's dates), or the server
answered 304, or the body is byte for byte the same. Otherwise the feed rolled over between the two
fetches and the hole from the previous fetch to this fetch's oldest trusted date (or to this fetch)
was never seen. A first fetch observes from its oldest trusted date.

A pinned ("sticky") entry stays at the top of a feed while everything below it turns over, so it
would prove every fetch continuous. A feed drops its oldest entries first: an entry the feed kept
while it dropped stories first seen after it (more than one: an editor may delete a story) is
pinned, and proves nothing; nor, then, do the fetch's dates, whose oldest is most likely the
pinned entry's.

Here: that decision (`observe`), the horizon (how far back a feed's entries reach), merging
intervals, and naming each missed stretch of a window with its cause (`missed`). Nothing here
reads the clock, fetches or stores.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Iterable, Mapping, Sequence

from .entry_dates import DateVerdict, judge_dates

# A poll this much later than the interval in force means nobody polled (the monitor was stopped),
# not that the feed was busy: a jittered or slightly late poll stays well under twice the interval.
LATE_POLL_FACTOR = 2.0

# Causes of missed time, as data; report.py and the status pages put them in words.
ERRORS = "errors"  # fetches failed (server errors, timeouts) and the next success did not overlap
ROLLED_OVER = "rolled_over"  # every poll succeeded but the feed dropped entries between two of them
NOT_POLLED = "not_polled"  # no attempt at all: the monitor was not running
EMPTY = "empty"  # the feed came back with no entries after holding some
BEFORE_FIRST_POLL = "before_first_poll"  # older than anything the first fetch showed
CAUSES = (ERRORS, ROLLED_OVER, NOT_POLLED, EMPTY, BEFORE_FIRST_POLL)


def entry_key(text: str) -> str:
    """A short fixed-size stand-in for a GUID or link, so a fetch's keys stay small in the database."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def entry_keys(guids_and_urls: Iterable[str | None]) -> frozenset[str]:
    return frozenset(entry_key(text) for text in guids_and_urls if text)


@dataclass(frozen=True)
class Snapshot:
    """What the previous successful fetch of a feed showed, as far as overlap needs it."""

    at: datetime
    keys: frozenset[str] | None  # its entries' keys; None when unknown (history from before this rule)
    # when each key was first seen (None: unknown, history from before pinned entries were told)
    since: Mapping[str, datetime] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Fetch:
    """One successful fetch of a feed."""

    at: datetime
    answer: str = "entries"  # "entries", "not_modified" (HTTP 304) or "unchanged" (the same bytes)
    keys: frozenset[str] = frozenset()  # its entries' GUIDs and canonical URLs, as entry_keys
    dates: tuple[datetime | None, ...] = ()  # its entries' dates as the feed gives them (None: undated)


@dataclass(frozen=True)
class Hole:
    """A stretch the monitor did not observe, and why (one of CAUSES)."""

    start: datetime | None  # None: from the beginning of time (before the first poll)
    end: datetime
    cause: str
    held: timedelta | None = None  # how far back the feed's entries reached at the fetch that found it
    gap: timedelta | None = None  # the time between the two fetches
    error: str | None = None  # the last failure's message, for ERRORS

    @property
    def hours(self) -> float | None:
        return None if self.start is None else (self.end - self.start).total_seconds() / 3600


@dataclass(frozen=True)
class Observation:
    """What one fetch proves: the span it observed (if any), the hole it found (if any), the
    snapshot to compare the next fetch with, and how far back the feed's entries reach (learned
    only when the feed dropped entries since the previous fetch; None otherwise)."""

    observed: tuple[datetime, datetime] | None
    hole: Hole | None
    snapshot: Snapshot
    horizon: timedelta | None
    dates: DateVerdict


def observe(previous: Snapshot | None, current: Fetch, *, failures: int = 0, interval: timedelta | None = None,
            error: str | None = None, per_week: float | None = None) -> Observation:
    """The overlap decision between the previous and the current successful fetch of one feed.

    failures: failed attempts since the previous success (a hole after them is the errors' fault);
    interval: the interval in force (a hole after a poll far later than it is the monitor's);
    per_week: entries a week, to estimate the horizon of a feed whose dates cannot be trusted.
    """
    verdict = judge_dates(current.dates, current.at)
    oldest = _oldest_trusted(current, verdict)
    if current.answer in ("not_modified", "unchanged") and previous is not None:
        # The feed holds what it held: the same entries, so nothing fell out in between.
        kept = Snapshot(current.at, previous.keys, previous.since)
        return Observation((previous.at, current.at), None, kept, None, verdict)
    # After a 304 with nothing to compare (a first fetch), the entries are unknown.
    snapshot = (Snapshot(current.at, current.keys, _first_seen(previous, current)) if current.answer == "entries"
                else Snapshot(current.at, None))
    if previous is None:
        start = oldest if oldest is not None else current.at
        return Observation((start, current.at) if start < current.at else None,
                           Hole(None, start, BEFORE_FIRST_POLL), snapshot, None, verdict)
    # What the entries span says how much the feed holds only once it drops some; until then the
    # feed may hold far more than it has published (one story of this morning is not "6 hours").
    dropped = bool(previous.keys and previous.keys - current.keys)
    horizon = feed_horizon(current, verdict, per_week) if dropped else None
    if previous.keys == frozenset():
        # The feed held nothing last time: whatever it holds now is all that appeared since.
        return Observation((previous.at, current.at), None, snapshot, horizon, verdict)
    shared = current.keys & previous.keys if previous.keys else frozenset()
    proving = shared - _pinned(previous, shared, previous.keys - current.keys if previous.keys else frozenset())
    pinned_only = bool(shared) and not proving
    if pinned_only and oldest is not None and oldest <= previous.at:
        # the old date is the pinned entry's: the stories reach back to the oldest date after it
        oldest = min((d for d in current.dates if d is not None and previous.at < d <= current.at), default=None)
    overlaps = bool(proving) or (oldest is not None and oldest <= previous.at)
    if overlaps:
        return Observation((previous.at, current.at), None, snapshot, horizon, verdict)
    seen_from = max(oldest, previous.at) if oldest is not None else current.at
    gap = current.at - previous.at
    if failures:
        cause = ERRORS
    elif interval is not None and gap > interval * LATE_POLL_FACTOR:
        cause = NOT_POLLED
    elif not current.keys:
        cause = EMPTY
    else:
        cause = ROLLED_OVER
    # a hole: the feed dropped what it held (its stories', not a pinned entry's, dates say how much)
    horizon = current.at - oldest if pinned_only and oldest is not None else feed_horizon(current, verdict, per_week)
    hole = Hole(previous.at, seen_from, cause, held=horizon, gap=gap, error=error if failures else None)
    observed = (seen_from, current.at) if seen_from < current.at else None
    return Observation(observed, hole if seen_from > previous.at else None, snapshot, horizon, verdict)


def _first_seen(previous: Snapshot | None, current: Fetch) -> dict[str, datetime]:
    """When each of the current fetch's keys was first seen: kept from the previous snapshot, or now."""
    known = (previous.since or {}) if previous is not None else {}
    return {key: known.get(key, current.at) for key in current.keys}


# Keys dropped after a kept one that make it pinned: more than one entry's (a GUID and a link), so
# one story an editor deleted does not turn the older stories around it into pinned ones.
PINNED_AFTER_DROPPED_KEYS = 3


def _pinned(previous: Snapshot, shared: frozenset[str], dropped: frozenset[str]) -> frozenset[str]:
    """The shared keys the feed kept while dropping entries first seen after them: pinned."""
    since = previous.since
    if not since or not dropped:
        return frozenset()
    dropped_since = sorted(since[key] for key in dropped if key in since)
    return frozenset(key for key in shared if key in since and len(dropped_since) - bisect.bisect_right(
        dropped_since, since[key]) >= PINNED_AFTER_DROPPED_KEYS)


def _oldest_trusted(fetch: Fetch, verdict: DateVerdict) -> datetime | None:
    if not verdict.trusted:
        return None
    dated = [moment for moment in fetch.dates if moment is not None]
    return min(min(dated), fetch.at) if dated else None


def feed_horizon(fetch: Fetch, verdict: DateVerdict, per_week: float | None = None) -> timedelta | None:
    """How far back the feed's entries reach: from its oldest trusted date to the fetch; without
    trusted dates, the entries it holds at the rate it publishes them; None when neither is known."""
    oldest = _oldest_trusted(fetch, verdict)
    if oldest is not None:
        return fetch.at - oldest
    if per_week and fetch.keys:
        # keys hold a GUID and a link per entry; the number of entries is the number of dates
        count = len(fetch.dates) or len(fetch.keys)
        return timedelta(days=7) * (count / per_week)
    return None


# --- intervals ----------------------------------------------------------------------------------

Interval = tuple[datetime, datetime]


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Overlapping or touching intervals joined, in order; empty ones dropped."""
    out: list[Interval] = []
    for start, end in sorted(i for i in intervals if i[0] < i[1]):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def complement(spans: Iterable[Interval], start: datetime, end: datetime) -> list[Interval]:
    """The parts of [start, end) that no span covers."""
    out, cursor = [], start
    for a, b in merge(spans):
        if b <= cursor or a >= end:
            continue
        if a > cursor:
            out.append((cursor, a))
        cursor = max(cursor, b)
    if cursor < end:
        out.append((cursor, end))
    return out


def seconds(intervals: Iterable[Interval]) -> float:
    return sum((b - a).total_seconds() for a, b in intervals)


@dataclass(frozen=True)
class Missed:
    """A stretch of a window the monitor did not observe a feed, with its cause."""

    start: datetime
    end: datetime
    cause: str  # one of CAUSES
    held: timedelta | None = None
    gap: timedelta | None = None
    error: str | None = None

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600


def missed(spans: Sequence[Interval], holes: Sequence[Hole], failed_at: Sequence[tuple[datetime, str | None]],
           start: datetime, end: datetime, first_poll: datetime | None) -> list[Missed]:
    """Each stretch of [start, end) outside the observed spans, with its cause: the recorded hole
    that covers it; else failed attempts within it (errors); else, before first_poll (how far back
    the feed's first fetch saw; None when its history began before this rule); else nobody polled.
    failed_at: (when, error) of failed attempts near the window."""
    out: list[Missed] = []
    for a, b in complement(spans, start, end):
        pieces: list[Missed] = []
        for hole in sorted((h for h in holes if h.start is not None), key=lambda h: h.start):
            lo, hi = max(a, hole.start), min(b, hole.end)
            if lo < hi:
                pieces.append(Missed(lo, hi, hole.cause, hole.held, hole.gap, hole.error))
        for lo, hi in complement([(m.start, m.end) for m in pieces], a, b):
            # a failure at the stretch's very end (a failing feed's latest attempt) explains it too
            errors = [(at, text) for at, text in failed_at if lo <= at <= hi]
            if errors:
                pieces.append(Missed(lo, hi, ERRORS, error=errors[-1][1]))
            elif first_poll is not None and hi <= first_poll:
                pieces.append(Missed(lo, hi, BEFORE_FIRST_POLL))
            else:
                pieces.append(Missed(lo, hi, NOT_POLLED))
        out.extend(sorted(pieces, key=lambda m: m.start))
    return out


@dataclass(frozen=True)
class FeedObserved:
    """One feed's observation record around a window, as the store reads it."""

    feed_id: str
    spans: tuple[Interval, ...] = ()  # merged observed intervals that reach into the window
    holes: tuple[Hole, ...] = ()  # recorded holes that reach into the window
    first_poll: datetime | None = None  # how far back the feed's first fetch saw (None: not recorded)
    legacy_until: datetime | None = None  # history before this is judged by failed attempts (an upgrade)


def observed_share(spans: Sequence[Interval], start: datetime, end: datetime) -> float:
    """The share of [start, end) covered by observed spans (0..1)."""
    total = (end - start).total_seconds()
    if total <= 0:
        return 1.0
    return 1 - seconds(complement(spans, start, end)) / total
