"""Covered, gap or not collected: each partnership's status for a window and a scope. Pure.

A partnership is watched by every enabled feed whose region is one of its sides or a territory
above them (a Mogilev Oblast paper watches Mogilev's twin towns; the national agency watches all).
It is *covered* when any stored story in the window matched it. It is a *gap* only when every feed
watching it was collected over the window; otherwise, and when no feed watches it at all, it is
*not collected*, so a gap is never claimed from missing data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Iterable, Mapping
from zoneinfo import ZoneInfo

from .records import (Catalogue, CoverageReport, Feed, FetchLogRow, Outage, PartnershipCoverage, Story,
                      Window)


def window_bounds(window: Window, tz: str) -> tuple[datetime, datetime]:
    """The window's first and last-plus-one instants in UTC, by the editors' clock."""
    zone = ZoneInfo(tz)
    start = datetime.combine(window.start, time.min, zone)
    end = datetime.combine(window.end + timedelta(days=1), time.min, zone)
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


def iso_week(label: str) -> Window:
    """'2026-W47' → Monday to Sunday of that ISO week."""
    year, week = label.upper().split("-W")
    monday = date.fromisocalendar(int(year), int(week), 1)
    return Window(monday, monday + timedelta(days=6))


def previous_week(today: date) -> Window:
    monday = today - timedelta(days=today.weekday() + 7)
    return Window(monday, monday + timedelta(days=6))


@dataclass(frozen=True)
class FeedCollection:
    """How much of a window one feed was collected."""

    feed_id: str
    collected: bool
    outage_hours: float
    error: str | None


def feed_collection(feed_id: str, log: Iterable[FetchLogRow], before: FetchLogRow | None,
                    start: datetime, end: datetime, now: datetime, tolerance_hours: float) -> FeedCollection:
    """A feed was collected over [start, end) when it succeeded at least once since `start` and
    its failure stretches inside the window add up to no more than the tolerance.

    A failure stretch runs from a failed attempt to the next success; time before the feed's first
    poll is not an outage, because the first successful poll brings the feed's backlog.
    """
    horizon = min(end, now)
    outage = timedelta()
    failing_since = before.at if before is not None and not before.ok else None
    succeeded, last_error = False, before.error if before is not None and not before.ok else None
    for row in sorted(log, key=lambda r: r.at):
        if row.ok:
            succeeded = True
            if failing_since is not None:
                outage += _overlap(failing_since, row.at, start, horizon)
                failing_since = None
        else:
            last_error = row.error
            if failing_since is None:
                failing_since = row.at
    if failing_since is not None:
        outage += _overlap(failing_since, horizon, start, horizon)
    hours = outage.total_seconds() / 3600
    if not succeeded:
        total = max((horizon - start).total_seconds() / 3600, 0.0)
        return FeedCollection(feed_id, False, total, last_error or "not polled during the window")
    return FeedCollection(feed_id, hours <= tolerance_hours, hours, last_error)


def _overlap(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> timedelta:
    return max(min(a_end, b_end) - max(a_start, b_start), timedelta())


def watching_feeds(catalogue: Catalogue, feeds: Iterable[Feed], partnership_id: str) -> tuple[Feed, ...]:
    partnership = catalogue.partnerships[partnership_id]
    territories = set(catalogue.ancestors(partnership.a)) | set(catalogue.ancestors(partnership.b))
    return tuple(feed for feed in feeds if feed.enabled and feed.region in territories)


def in_scope(catalogue: Catalogue, partnership_id: str, scope: Mapping[str, str]) -> bool:
    partnership = catalogue.partnerships[partnership_id]
    region = scope.get("region")
    if region and region not in catalogue.ancestors(partnership.a) and region not in catalogue.ancestors(partnership.b):
        return False
    country = scope.get("partner_country")
    if country and catalogue.entities[partnership.b].country != country.upper():
        return False
    return True


def compute_coverage(catalogue: Catalogue, feeds: Iterable[Feed], window: Window, tz: str,
                     stories: Mapping[str, list[Story]], log: Iterable[FetchLogRow],
                     before: Mapping[str, FetchLogRow], last_covered: Mapping[str, date],
                     now: datetime, tolerance_hours: float, scope: Mapping[str, str] | None = None
                     ) -> CoverageReport:
    scope = dict(scope or {})
    feeds = tuple(feeds)
    start, end = window_bounds(window, tz)
    rows_by_feed: dict[str, list[FetchLogRow]] = {}
    for row in log:
        rows_by_feed.setdefault(row.feed_id, []).append(row)
    collection = {feed.id: feed_collection(feed.id, rows_by_feed.get(feed.id, ()), before.get(feed.id),
                                           start, end, now, tolerance_hours)
                  for feed in feeds if feed.enabled}
    outlet_of = {feed.id: feed.outlet for feed in feeds}
    results = []
    for pid in catalogue.partnerships:
        if catalogue.partnerships[pid].retired or not in_scope(catalogue, pid, scope):
            continue
        partnership = catalogue.partnerships[pid]
        watchers = watching_feeds(catalogue, feeds, pid)
        found = tuple(stories.get(pid, ()))
        outages = tuple(Outage(feed.id, outlet_of[feed.id], round(collection[feed.id].outage_hours, 1),
                               collection[feed.id].error)
                        for feed in watchers if not collection[feed.id].collected)
        if found:
            status = "covered"
        elif not watchers or outages:
            status = "not_collected"
        else:
            status = "gap"
        last = max((s.published.date() for s in found if s.published), default=None) or last_covered.get(pid)
        results.append(PartnershipCoverage(partnership=partnership, status=status, stories=found,
                                           outages=outages, watching_feeds=tuple(f.id for f in watchers),
                                           last_covered=last))
    failing = sum(1 for c in collection.values() if not c.collected)
    return CoverageReport(window=window, scope=scope, partnerships=tuple(results),
                          feeds_collected=len(collection) - failing, feeds_failing=failing)
