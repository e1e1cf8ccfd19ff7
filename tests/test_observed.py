"""Which time a fetch proves observed: the overlap rule between two successful fetches, one
scenario each, and how missed stretches of a window get their causes. Pure, no clock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from monitor.observed import (BEFORE_FIRST_POLL, EMPTY, ERRORS, NOT_POLLED, ROLLED_OVER, Fetch, Hole, Snapshot,
                              complement, entry_keys, merge, missed, observe, observed_share)

T0 = datetime(2026, 11, 16, 6, 0, tzinfo=timezone.utc)  # the previous successful fetch
T1 = T0 + timedelta(hours=6)  # this one
H = timedelta(hours=1)


def keys(*names):
    return entry_keys(f"https://paper.example/news/{name}" for name in names)


def fetch(names, dates, at=T1, answer="entries"):
    return Fetch(at=at, answer=answer, keys=keys(*names), dates=tuple(dates))


PREVIOUS = Snapshot(T0, keys("a", "b", "c"))


@pytest.mark.parametrize("name, current, observed, hole", [
    ("an entry of the previous fetch is still there, no dates at all",
     fetch(["x", "y", "c"], [None, None, None]), (T0, T1), None),
    ("the oldest trusted date is before the previous fetch",
     fetch(["x", "y", "z"], [T1 - H, T1 - 3 * H, T0 - H]), (T0, T1), None),
    ("no shared entry and the oldest date is after the previous fetch: rolled over",
     fetch(["x", "y", "z"], [T1 - H, T1 - 2 * H, T1 - 3 * H]), (T1 - 3 * H, T1), (T0, T1 - 3 * H, ROLLED_OVER)),
    ("the server said 304", fetch([], [], answer="not_modified"), (T0, T1), None),
    ("the body is byte for byte the same", fetch([], [], answer="unchanged"), (T0, T1), None),
    ("every entry carries the feed's build time: dates prove nothing, GUIDs do not overlap",
     fetch(["x", "y", "z"], [T1 - H] * 3), None, (T0, T1, ROLLED_OVER)),
    ("every entry carries the build time, but an entry is shared",
     fetch(["x", "y", "a"], [T1 - H] * 3), (T0, T1), None),
    ("dates in the future (a wrong offset) are not read, even though one is old",
     fetch(["x", "y", "z"], [T1 + 3 * H, T1 - H, T0 - 5 * H]), None, (T0, T1, ROLLED_OVER)),
    ("a wrong offset with a shared entry still overlaps", fetch(["x", "b"], [T1 + 3 * H, T1 + 2 * H]), (T0, T1), None),
    ("an empty feed after one with entries proves nothing", fetch([], []), None, (T0, T1, EMPTY)),
])
def test_overlap_rule(name, current, observed, hole):
    result = observe(PREVIOUS, current)
    assert result.observed == observed, name
    got = (result.hole.start, result.hole.end, result.hole.cause) if result.hole else None
    assert got == hole, name


def test_a_first_fetch_observes_from_its_oldest_trusted_date():
    result = observe(None, fetch(["x", "y"], [T1 - H, T1 - 30 * H]))
    assert result.observed == (T1 - 30 * H, T1)
    assert result.hole == Hole(None, T1 - 30 * H, BEFORE_FIRST_POLL)
    assert result.horizon is None  # it may hold far more than it has published


def test_the_horizon_is_learned_when_the_feed_drops_entries():
    kept_all = observe(PREVIOUS, fetch(["a", "b", "c", "x"], [T0 - 9 * H, T0 - 5 * H, T0 - 2 * H, T1 - H]))
    assert kept_all.observed == (T0, T1) and kept_all.horizon is None
    dropped = observe(PREVIOUS, fetch(["c", "x"], [T0 - 2 * H, T1 - H]))
    assert dropped.observed == (T0, T1) and dropped.horizon == 8 * H
    undated = observe(PREVIOUS, fetch(["c", "x", "y"], [None] * 3), per_week=21)  # 3 held at 3 a day
    assert undated.horizon == timedelta(days=1)


def test_a_first_fetch_without_trusted_dates_observes_nothing_before_itself():
    result = observe(None, fetch(["x", "y", "z"], [T1 - H] * 3))
    assert result.observed is None and result.hole == Hole(None, T1, BEFORE_FIRST_POLL)
    assert result.horizon is None


def test_a_feed_that_was_empty_before_lost_nothing():
    assert observe(Snapshot(T0, frozenset()), fetch([], [])).observed == (T0, T1)
    # what it holds now is everything that appeared since it held nothing
    result = observe(Snapshot(T0, frozenset()), fetch(["x"], [T1 - H]))
    assert result.observed == (T0, T1) and result.hole is None


def test_history_from_before_the_rule_overlaps_by_date_only():
    legacy = Snapshot(T0, None)  # an upgraded database: when, but not what, the last fetch saw
    assert observe(legacy, fetch(["a"], [T1 - 2 * H])).hole.cause == ROLLED_OVER
    assert observe(legacy, fetch(["a", "b"], [T1 - 2 * H, T0 - H])).observed == (T0, T1)
    assert observe(legacy, fetch([], [])).hole is not None


def test_304_keeps_the_previous_entries_for_the_next_comparison():
    kept = observe(PREVIOUS, fetch([], [], answer="not_modified")).snapshot
    assert kept == Snapshot(T1, PREVIOUS.keys)
    assert observe(kept, fetch(["c", "d"], [None, None], at=T1 + 6 * H)).observed == (T1, T1 + 6 * H)


@pytest.mark.parametrize("failures, interval, cause", [
    (0, timedelta(hours=6), ROLLED_OVER),  # every poll on time, the feed outran them
    (2, timedelta(hours=1), ERRORS),  # polls in between failed
    (0, timedelta(hours=1), NOT_POLLED),  # six hours late with no attempt: the monitor was not running
])
def test_a_hole_is_named_by_what_happened_between_the_fetches(failures, interval, cause):
    current = fetch(["x", "y"], [T1 - H, T1 - 2 * H])
    hole = observe(PREVIOUS, current, failures=failures, interval=interval, error="HTTP 503").hole
    assert hole.cause == cause
    assert hole.held == 2 * H and hole.gap == 6 * H
    assert hole.error == ("HTTP 503" if cause == ERRORS else None)


def test_merging_and_complement():
    spans = [(T0, T0 + H), (T0 + H, T0 + 2 * H), (T0 + 5 * H, T0 + 6 * H), (T0 + 3 * H, T0 + 3 * H)]
    assert merge(spans) == [(T0, T0 + 2 * H), (T0 + 5 * H, T0 + 6 * H)]
    assert complement(spans, T0 - H, T0 + 7 * H) == [(T0 - H, T0), (T0 + 2 * H, T0 + 5 * H), (T0 + 6 * H, T0 + 7 * H)]
    assert observed_share(spans, T0, T0 + 6 * H) == pytest.approx(0.5)


def test_missed_stretches_carry_their_causes():
    start, end = T0, T0 + 48 * H
    first = T0 + 4 * H  # the feed's first poll saw back to here
    spans = [(first, T0 + 10 * H), (T0 + 20 * H, T0 + 30 * H), (T0 + 40 * H, T0 + 44 * H)]
    holes = [Hole(None, first, BEFORE_FIRST_POLL),
             Hole(T0 + 10 * H, T0 + 20 * H, ROLLED_OVER, held=3 * H, gap=12 * H)]
    failed = [(T0 + 33 * H, "HTTP 503")]
    got = [(m.start - T0, m.end - T0, m.cause) for m in missed(spans, holes, failed, start, end, first)]
    assert got == [(0 * H, 4 * H, BEFORE_FIRST_POLL), (10 * H, 20 * H, ROLLED_OVER), (30 * H, 40 * H, ERRORS),
                   (44 * H, 48 * H, NOT_POLLED)]


def test_a_feed_never_polled_missed_everything_before_its_first_poll_or_by_errors():
    never = T1  # no fetch yet: everything up to now is before the first poll
    assert [m.cause for m in missed([], [], [], T0, T1, never)] == [BEFORE_FIRST_POLL]
    assert [m.cause for m in missed([], [], [(T0 + H, "HTTP 503")], T0, T1, never)] == [ERRORS]
    assert [m.cause for m in missed([], [], [], T0, T1, None)] == [NOT_POLLED]  # polled before, not since


@pytest.mark.parametrize("interval, horizon, expected", [
    (timedelta(hours=6), timedelta(hours=3), timedelta(hours=1, minutes=30)),  # kept below what the feed holds
    (timedelta(hours=1), timedelta(days=3), timedelta(hours=1)),  # never longer than the adaptive or own interval
    (timedelta(hours=1), timedelta(minutes=4), timedelta(minutes=10)),  # never shorter than the minimum
    (timedelta(hours=1), None, timedelta(hours=1)),  # nothing learned yet
])
def test_the_interval_in_force_stays_below_the_horizon(interval, horizon, expected):
    from monitor.schedule import losing_entries, within_horizon

    assert within_horizon(interval, horizon, min_minutes=10) == expected
    assert losing_entries(horizon, 10) == (horizon is not None and horizon < timedelta(minutes=10))


def since(**first_seen):
    """{key: first seen} for entries named by keyword: name=hours before T0."""
    return {key: T0 - hours * H for name, hours in first_seen.items() for key in keys(name)}


PINNED_PREVIOUS = Snapshot(T0, keys("pin", "a", "b", "c", "d"), since(pin=200, a=8, b=6, c=4, d=2))


def test_a_pinned_entry_alone_proves_no_overlap():
    """Only the pinned entry is left of the last fetch, and everything first seen after it is gone:
    the feed rolled over underneath it."""
    result = observe(PINNED_PREVIOUS, fetch(["pin", "x", "y", "z"], [None] * 4))
    assert result.observed is None and result.hole.cause == ROLLED_OVER


def test_a_pinned_entry_with_an_old_date_does_not_prove_overlap_by_dates_either():
    """Its date is the oldest in the feed, before the previous fetch; the stories' dates are all after."""
    result = observe(PINNED_PREVIOUS, fetch(["pin", "x", "y", "z"], [T0 - 200 * H, T1 - H, T1 - 2 * H, T1 - 3 * H]))
    assert result.hole is not None and (result.hole.start, result.hole.end) == (T0, T1 - 3 * H)


def test_stories_still_there_prove_overlap_beside_a_pinned_entry():
    result = observe(PINNED_PREVIOUS, fetch(["pin", "x", "y", "c", "d"], [None] * 5))  # a and b fell out
    assert result.observed == (T0, T1) and result.hole is None


def test_one_deleted_story_does_not_make_the_older_ones_pinned():
    """An editor deleted the newest story; the older ones still there prove the overlap."""
    result = observe(PINNED_PREVIOUS, fetch(["x", "pin", "a", "b", "c"], [None] * 5))  # d deleted
    assert result.observed == (T0, T1)


def test_first_seen_times_carry_over_and_new_entries_start_now():
    snapshot = observe(PINNED_PREVIOUS, fetch(["pin", "x", "c", "d"], [None] * 4)).snapshot
    assert snapshot.since[next(iter(keys("pin")))] == T0 - 200 * H
    assert snapshot.since[next(iter(keys("x")))] == T1
    # a 304 keeps them for the comparison after it
    kept = observe(snapshot, fetch([], [], at=T1 + H, answer="not_modified")).snapshot
    assert kept.since == snapshot.since


def test_without_first_seen_times_any_shared_entry_still_proves_overlap():
    """A snapshot from before first-seen times were kept (an upgraded database): the old rule."""
    legacy = Snapshot(T0, keys("pin", "a", "b"))
    assert observe(legacy, fetch(["pin", "x", "y"], [None] * 3)).observed == (T0, T1)


def test_the_horizon_learnt_at_a_pinned_rollover_is_the_stories_not_the_pin():
    result = observe(PINNED_PREVIOUS, fetch(["pin", "x", "y", "z"], [T0 - 200 * H, T1 - H, T1 - 2 * H, T1 - 3 * H]))
    assert result.horizon == 3 * H
