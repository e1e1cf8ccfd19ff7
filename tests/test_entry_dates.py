"""Which feed dates are article dates: the patterns real feeds show, one scenario each."""

from datetime import datetime, timedelta, timezone

import pytest

from monitor.entry_dates import DateVerdict, judge_dates, story_time

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)
MINSK = timezone(timedelta(hours=3))


def hours_ago(*hours):
    return [NOW - timedelta(hours=h) for h in hours]


@pytest.mark.parametrize("name, dates, trusted", [
    ("article times", hours_ago(1, 3.5, 7.25, 30), True),
    ("one entry", hours_ago(2), True),
    ("some entries undated", hours_ago(1, 5) + [None], True),
    ("build time on every item", [NOW - timedelta(minutes=3)] * 20, False),
    ("midnight every day", [datetime(2026, 11, d, 0, 0, tzinfo=MINSK) for d in (17, 18, 19, 20)], False),
    ("two midnights are chance", [datetime(2026, 11, d, 0, 0, tzinfo=MINSK) for d in (18, 19)], True),
    ("local time labelled UTC", [NOW + timedelta(hours=2, minutes=50)] + hours_ago(1, 4), False),
    ("within clock skew", [NOW + timedelta(minutes=5)] + hours_ago(1, 4), True),
    ("no dates", [None, None], False),
    ("empty feed", [], False),
])
def test_judge_dates(name, dates, trusted):
    verdict = judge_dates(dates, NOW)
    assert verdict.trusted is trusted, name
    assert (verdict.reason is None) is trusted


def test_story_time_falls_back_to_first_seen():
    published, seen = NOW - timedelta(days=3), NOW
    assert story_time(published, seen, DateVerdict(True)) == published
    assert story_time(published, seen, DateVerdict(False, "build time")) == seen
    assert story_time(None, seen, DateVerdict(True)) == seen
