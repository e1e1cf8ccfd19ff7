"""Covered, gap or not collected: each partnership's status for a window and a scope. Pure.

A partnership is watched by every enabled feed whose region is one of its sides or a territory
above them (a Mogilev Oblast paper watches Mogilev's twin towns; the national agency watches all).
It is *covered* when any stored story in the window matched it. It is a *gap* only when every feed
watching it was collected over the window; otherwise, and when no feed watches it at all, it is
*not collected*, so a gap is never claimed from missing data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Iterable, Mapping, Sequence
from zoneinfo import ZoneInfo

from .dedupe import title_key
from .observed import FeedObserved, Missed, missed
from .records import (Catalogue, CoverageReport, Feed, FetchLogRow, Outage, PartnershipCoverage, Story, StoredArticle,
                      Trend, WeekCounts, Window)

SCOPE_KEYS = ("region", "partner_country", "outlet")


def window_bounds(window: Window, tz: str) -> tuple[datetime, datetime]:
    """The window's first and last-plus-one instants in UTC, by the editors' clock."""
    zone = ZoneInfo(tz)
    start = datetime.combine(window.start, time.min, zone)
    end = datetime.combine(window.end + timedelta(days=1), time.min, zone)
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


# The days a window may cover: the trend reaches weeks before a window and a day's bounds are
# converted between zones, so the calendar's own ends (year 1, year 9999) are kept clear of.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(9998, 12, 31)


def window_problem(window: Window) -> str | None:
    """Why a window cannot be reported on, or None."""
    if window.start < FIRST_DAY or window.end > LAST_DAY:
        return f"choose days between {FIRST_DAY} and {LAST_DAY}"
    return None


def iso_week(label: str) -> Window:
    """'2026-W47' → Monday to Sunday of that ISO week; ValueError for anything else."""
    year, week = label.upper().split("-W")
    monday = date.fromisocalendar(int(year), int(week), 1)
    if not FIRST_DAY <= monday <= LAST_DAY:
        raise ValueError(f"week {label} is outside the days a report can cover")
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
    missed: tuple[Missed, ...] = ()  # the stretches not observed, with their causes (observed time only)
    error_codes: tuple[tuple[str, str], ...] = ()  # each fetch error of the window with its stored code


def feed_collection(feed_id: str, log: Iterable[FetchLogRow], before: FetchLogRow | None,
                    start: datetime, end: datetime, now: datetime, tolerance_hours: float,
                    observed: FeedObserved | None = None) -> FeedCollection:
    """A feed was collected over [start, end) when the time in it that the monitor cannot prove
    it observed, from any cause, adds up to no more than the tolerance (up to now, not beyond).

    Observed time (observed.py) decides from where the feed's record of it begins. History before
    that (a database made before observed time was recorded; `observed` None for all of it) is
    judged by failed attempts: stretches from a failed attempt to the next success, and a window
    without any success is not collected.
    """
    horizon = min(end, now)
    log = sorted(log, key=lambda r: r.at)
    succeeded = any(row.ok for row in log)
    if observed is None:
        legacy_end = horizon
    else:
        legacy_end = max(start, min(observed.legacy_until, horizon)) if observed.legacy_until else start
    hours, last_error = 0.0, None
    if legacy_end > start:
        if succeeded:
            hours, last_error = _failure_hours(log, before, start, legacy_end)
        else:
            hours = (legacy_end - start).total_seconds() / 3600
            last_error = _last_error(log, before) or "not polled during the window"
    gaps: tuple[Missed, ...] = ()
    if observed is not None and horizon > legacy_end:
        if observed.legacy_until:
            first_poll = None  # polled before observed time began: never "before the first poll"
        else:
            first_poll = observed.first_poll or horizon  # never fetched yet: all of it is before
        failed = [(row.at, row.error) for row in log if not row.ok]
        if before is not None and not before.ok:
            failed.insert(0, (legacy_end, before.error))  # failing since before the window
        gaps = tuple(missed(observed.spans, observed.holes, failed, legacy_end, horizon, first_poll))
        hours += sum(gap.hours for gap in gaps)
        last_error = last_error or next((gap.error for gap in reversed(gaps) if gap.error), None)
    codes = {row.error: row.error_code for row in ([before] if before is not None else []) + log
             if not row.ok and row.error and row.error_code}
    return FeedCollection(feed_id, hours <= tolerance_hours if (succeeded or observed is not None) else False,
                          hours, last_error, gaps, tuple(codes.items()))


def _failure_hours(log: Sequence[FetchLogRow], before: FetchLogRow | None, start: datetime,
                   stop: datetime) -> tuple[float, str | None]:
    """Hours of [start, stop) from a failed attempt to the next success, and the last error."""
    outage = timedelta()
    failing_since = before.at if before is not None and not before.ok else None
    last_error = before.error if failing_since is not None else None
    for row in log:
        if row.at >= stop:
            break
        if row.ok:
            if failing_since is not None:
                outage += _overlap(failing_since, row.at, start, stop)
                failing_since = None
        else:
            last_error = row.error
            if failing_since is None:
                failing_since = row.at
    if failing_since is not None:
        outage += _overlap(failing_since, stop, start, stop)
    return outage.total_seconds() / 3600, last_error


def _last_error(log: Sequence[FetchLogRow], before: FetchLogRow | None) -> str | None:
    errors = [row.error for row in log if not row.ok]
    if errors:
        return errors[-1]
    return before.error if before is not None and not before.ok else None


def _overlap(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> timedelta:
    return max(min(a_end, b_end) - max(a_start, b_start), timedelta())


def stories_from_matches(matches: Iterable[tuple[str, float, str, StoredArticle]], feeds: Iterable[Feed],
                         start: datetime, tz: str) -> tuple[dict[str, list[Story]], dict[str, date]]:
    """Stories per partnership from stored matches up to the window's end, and the day each
    partnership was last covered before the window (by the editors' clock).

    One story is one story: the same headline in two feeds of one outlet counts once. A story's
    side is the outlet's country: Belarusian, or the partner's press.
    """
    zone = ZoneInfo(tz)
    by_id = {feed.id: feed for feed in feeds}
    stories: dict[str, list[Story]] = {}
    last_covered: dict[str, date] = {}
    seen: set[tuple[str, str, str]] = set()
    for pid, score, evidence, article in matches:
        when = article.story_at or article.published or article.fetched
        if when < start:
            day = when.astimezone(zone).date()
            last_covered[pid] = max(last_covered.get(pid, day), day)
            continue
        feed = by_id.get(article.feed_id)
        outlet = feed.outlet if feed else article.feed_id
        key = (pid, outlet, title_key(article.title))
        if key in seen:
            continue
        seen.add(key)
        stories.setdefault(pid, []).append(Story(
            article_id=article.id, feed_id=article.feed_id, outlet=outlet, title=article.title,
            url=article.url, published=article.published,
            side="belarusian" if (feed is None or feed.country == "BY") else "partner",
            score=score, sentence=_first_sentence(evidence)))
    return stories, last_covered


def _first_sentence(evidence: str) -> str:
    try:
        return (json.loads(evidence) or [{}])[0].get("sentence", "")
    except (ValueError, AttributeError, TypeError):
        return ""


def watching_feeds(catalogue: Catalogue, feeds: Iterable[Feed], partnership_id: str) -> tuple[Feed, ...]:
    return _watchers(catalogue, tuple(feeds))(partnership_id)


def _watchers(catalogue: Catalogue, feeds: tuple[Feed, ...]):
    """watching_feeds for many partnerships over the same feeds: the feeds are indexed by region
    once, so each partnership looks up its few territories instead of testing every feed."""
    by_region: dict[str, list[int]] = {}
    for index, feed in enumerate(feeds):
        if feed.enabled:
            by_region.setdefault(feed.region, []).append(index)

    def watchers(partnership_id: str) -> tuple[Feed, ...]:
        partnership = catalogue.partnerships[partnership_id]
        territories = set(catalogue.ancestors(partnership.a)) | set(catalogue.ancestors(partnership.b))
        return tuple(feeds[i] for i in sorted(i for t in territories for i in by_region.get(t, ())))
    return watchers


def scope_values(scope: Mapping, key: str) -> tuple[str, ...]:
    """A scope key holds one value or a list (a subscription may name several regions)."""
    value = scope.get(key)
    if not value:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def in_scope(catalogue: Catalogue, partnership_id: str, scope: Mapping) -> bool:
    """Within each key any value may match (regions A or B); across keys all must (region and country)."""
    partnership = catalogue.partnerships[partnership_id]
    regions = scope_values(scope, "region")
    if regions:
        sides = set(catalogue.ancestors(partnership.a)) | set(catalogue.ancestors(partnership.b))
        if not sides.intersection(regions):
            return False
    countries = {c.upper() for c in scope_values(scope, "partner_country")}
    if countries and catalogue.entities[partnership.b].country not in countries:
        return False
    return True


def scoped_feeds(feeds: Iterable[Feed], scope: Mapping) -> tuple[Feed, ...]:
    """An outlet scope keeps only that outlet's feeds (named by feed id or outlet name): its editor
    asks what *their* outlet missed, so other outlets' stories and failures do not count."""
    outlets = set(scope_values(scope, "outlet"))
    feeds = tuple(feeds)
    if not outlets:
        return feeds
    return tuple(feed for feed in feeds if feed.id in outlets or feed.outlet in outlets)


def compute_coverage(catalogue: Catalogue, feeds: Iterable[Feed], window: Window, tz: str,
                     stories: Mapping[str, list[Story]], log: Iterable[FetchLogRow],
                     before: Mapping[str, FetchLogRow], last_covered: Mapping[str, date],
                     now: datetime, tolerance_hours: float, scope: Mapping[str, str] | None = None,
                     observed: Mapping[str, FeedObserved] | None = None,
                     collection: Mapping[str, FeedCollection] | None = None) -> CoverageReport:
    """Each partnership's status for the window. observed: each feed's observed time around the
    window (Store.observations); None judges every feed by its failed attempts alone, as a
    database from before observed time was recorded is judged. `collection`, when given, is every
    enabled feed's collection over the window already decided (kept weekly results); `log`,
    `before` and `observed` are then not read."""
    scope = dict(scope or {})
    by_outlet = bool(scope_values(scope, "outlet"))
    feeds = scoped_feeds(feeds, scope)
    feed_ids = {feed.id for feed in feeds}
    zone = ZoneInfo(tz)
    start, end = window_bounds(window, tz)
    if collection is not None:
        collection = {feed.id: collection[feed.id] for feed in feeds if feed.enabled}
    else:
        rows_by_feed: dict[str, list[FetchLogRow]] = {}
        for row in log:
            rows_by_feed.setdefault(row.feed_id, []).append(row)
        collection = {feed.id: feed_collection(feed.id, rows_by_feed.get(feed.id, ()), before.get(feed.id),
                                               start, end, now, tolerance_hours,
                                               None if observed is None else observed.get(feed.id, FeedObserved(feed.id)))
                      for feed in feeds if feed.enabled}
    outlet_of = {feed.id: feed.outlet for feed in feeds}
    watching = _watchers(catalogue, feeds)
    results = []
    relevant: set[str] = set()
    for pid in catalogue.partnerships:
        if catalogue.partnerships[pid].retired or not in_scope(catalogue, pid, scope):
            continue
        partnership = catalogue.partnerships[pid]
        watchers = watching(pid)
        if by_outlet and not watchers:
            continue  # the outlet does not report on this partnership's territories at all
        relevant.update(feed.id for feed in watchers)
        found = tuple(s for s in stories.get(pid, ()) if not by_outlet or s.feed_id in feed_ids)
        outages = tuple(Outage(feed.id, outlet_of[feed.id], round(collection[feed.id].outage_hours, 1),
                               collection[feed.id].error, collection[feed.id].missed,
                               tuple(map(tuple, collection[feed.id].error_codes)))  # kept weeks hold lists
                        for feed in watchers if not collection[feed.id].collected)
        if found:
            status = "covered"
        elif not watchers or outages:
            status = "not_collected"
        else:
            status = "gap"
        # By the editors' clock: a story at 01:00 Minsk on Monday belongs to Monday, not Sunday.
        last = max((s.published.astimezone(zone).date() for s in found if s.published), default=None) \
            or last_covered.get(pid)
        results.append(PartnershipCoverage(partnership=partnership, status=status, stories=found,
                                           outages=outages, watching_feeds=tuple(f.id for f in watchers),
                                           last_covered=last))
    # Feeds that watch nothing in the scope say nothing about it: a Grodno outage is not news to
    # a Mogilev editor. Everything in scope counts every enabled feed.
    counted = [c for feed_id, c in collection.items() if feed_id in relevant or not scope]
    failing = sum(1 for c in counted if not c.collected)
    return CoverageReport(window=window, scope=scope, partnerships=tuple(results),
                          feeds_collected=len(counted) - failing, feeds_failing=failing)


# --- trend: the same scope over the weeks before ------------------------------------------------


def windows_up_to(window: Window, count: int) -> list[Window]:
    """`count` windows of the report's length ending with it, oldest first."""
    length = (window.end - window.start).days + 1
    return [Window(window.start - timedelta(days=length * back), window.end - timedelta(days=length * back))
            for back in range(count - 1, -1, -1)]


def week_counts(history: Sequence[CoverageReport]) -> list[WeekCounts]:
    counts = []
    for report in history:
        statuses = [item.status for item in report.partnerships]
        counts.append(WeekCounts(report.window, statuses.count("covered"), statuses.count("gap"),
                                 statuses.count("not_collected")))
    return counts


def trends(history: Sequence[CoverageReport]) -> dict[str, Trend]:
    """Each partnership's statuses over the history (oldest first), with what each side published."""
    statuses: dict[str, list[str]] = {}
    partner: dict[str, list[Story]] = {}
    belarusian: dict[str, int] = {}
    for report in history:
        for item in report.partnerships:
            pid = item.partnership.id
            statuses.setdefault(pid, []).append(item.status)
            for story in item.stories:
                if story.side == "partner":
                    partner.setdefault(pid, []).append(story)
                else:
                    belarusian[pid] = belarusian.get(pid, 0) + 1
    return {pid: Trend(tuple(values), tuple(partner.get(pid, ())), belarusian.get(pid, 0))
            for pid, values in statuses.items()}
