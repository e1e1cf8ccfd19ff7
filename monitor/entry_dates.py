"""Which of a feed's dates are article dates. Pure.

Feeds stamp their entries with whatever their CMS has: the article's time, the feed's build time on
every item, midnight of the day, a local time labelled UTC, or nothing. Only an article's time may
say when a story ran or prove that two fetches overlapped, so a fetch's dates are judged together:
they are trusted when they are not one instant for every entry, not one time of day on every entry,
and none lies in the future beyond a small clock skew (a wrong offset moves them all, so one such
date distrusts the fetch). An entry without a trusted date takes the time it was first seen.

This module does not parse dates (parse.py does) and does not store anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Sequence

FUTURE_SKEW = timedelta(minutes=15)  # servers' clocks drift; more than this is a wrong offset, not drift
SAME_TIME_OF_DAY_MIN = 3  # two entries at 00:00 on two days happen; three or more is a date-only feed


@dataclass(frozen=True)
class DateVerdict:
    """Whether one fetch's entry dates can be read as article dates, and if not, why."""

    trusted: bool
    reason: str | None = None  # plain words for an admin: why the dates are not article dates


def judge_dates(dates: Sequence[datetime | None], fetched_at: datetime,
                skew: timedelta = FUTURE_SKEW) -> DateVerdict:
    """The verdict on the dates of one fetch's entries (None for an entry without a date).

    Aware datetimes only. A fetch with no dated entry is untrusted: there is nothing to read.
    """
    dated = [moment for moment in dates if moment is not None]
    if not dated:
        return DateVerdict(False, "the entries carry no dates")
    if any(moment > fetched_at + skew for moment in dated):
        return DateVerdict(False, "entries are dated in the future (a wrong time zone?)")
    if len(dated) >= 2 and len(set(dated)) == 1:
        return DateVerdict(False, "every entry carries the same date (the feed's build time)")
    times_of_day = {moment.astimezone(timezone.utc).time() for moment in dated}
    if len(dated) >= SAME_TIME_OF_DAY_MIN and len(times_of_day) == 1:
        return DateVerdict(False, "every entry is stamped at the same time of day (dates without times)")
    return DateVerdict(True)


def story_time(published: datetime | None, first_seen: datetime, verdict: DateVerdict) -> datetime:
    """When a story ran, as reports and coverage windows count it: its own date when the fetch's
    dates are trusted, otherwise when the monitor first saw it."""
    if verdict.trusted and published is not None:
        return published
    return first_seen
