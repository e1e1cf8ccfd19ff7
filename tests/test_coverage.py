"""Covered, gap, or not collected: the decision behind every line of the report. Pure, no clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from zoneinfo import ZoneInfo

from monitor.coverage import compute_coverage, feed_collection, iso_week, window_bounds
from monitor.records import Feed, FetchLogRow, Story, Window

WEEK = iso_week("2026-W47")
START, END = window_bounds(WEEK, "Europe/Minsk")
NOW = END + timedelta(hours=8)
PAIR = "by-mogilev-oblast--ru-bryansk-oblast"

MOGILEV = Feed(id="mogilev", url="https://m.example/rss", outlet="Могилёвская правда", country="BY",
               region="by-mogilev-oblast", language="ru")
BRYANSK = Feed(id="bryansk", url="https://b.example/rss", outlet="Брянск", country="RU",
               region="ru-bryansk-oblast", language="ru")
GRODNO = Feed(id="grodno", url="https://g.example/rss", outlet="Гродно", country="BY",
              region="by-grodno-oblast", language="ru")


def ok(feed_id, hours_after_start):
    return FetchLogRow(feed_id, START + timedelta(hours=hours_after_start), True)


def failed(feed_id, hours_after_start, error="HTTP 503"):
    return FetchLogRow(feed_id, START + timedelta(hours=hours_after_start), False, "temporary", error)


def hourly(feed_id):
    return [ok(feed_id, h) for h in range(0, 24 * 7, 1)]


def status_of(catalogue, log, stories=None, before=None, feeds=(MOGILEV, BRYANSK, GRODNO)):
    report = compute_coverage(catalogue, feeds, WEEK, "Europe/Minsk", stories or {}, log, before or {}, {},
                              now=NOW, tolerance_hours=6)
    return {item.partnership.id: item for item in report.partnerships}, report


def test_week_is_monday_to_sunday_in_minsk():
    assert WEEK == Window(date(2026, 11, 16), date(2026, 11, 22))
    assert START == datetime(2026, 11, 15, 21, 0, tzinfo=timezone.utc)


def test_story_makes_covered_and_silence_with_healthy_feeds_is_a_gap(catalogue):
    story = Story(1, "mogilev", "Могилёвская правда", "t", "https://m.example/1",
                  START + timedelta(days=1), "belarusian")
    items, report = status_of(catalogue, hourly("mogilev") + hourly("bryansk") + hourly("grodno"), {PAIR: [story]})
    assert items[PAIR].status == "covered" and items[PAIR].outlets == ("Могилёвская правда",)
    assert items["by-mogilev-oblast--ru-oryol-oblast"].status == "gap"
    assert report.feeds_failing == 0


def test_partnership_no_feed_watches_is_not_collected_never_a_gap(catalogue):
    items, _ = status_of(catalogue, hourly("mogilev") + hourly("bryansk") + hourly("grodno"))
    assert items["by-brest-oblast--ru-smolensk-oblast"].status == "not_collected"
    assert items["by-brest-oblast--ru-smolensk-oblast"].watching_feeds == ()


def test_long_outage_of_one_watching_feed_makes_not_collected(catalogue):
    log = hourly("mogilev") + [ok("bryansk", 0), failed("bryansk", 10), failed("bryansk", 20), ok("bryansk", 40)] + hourly("grodno")
    items, report = status_of(catalogue, log)
    item = items["by-mogilev-oblast--ru-oryol-oblast"]  # Bryansk's feed does not watch Oryol
    assert item.status == "gap"
    item = items[PAIR]
    assert item.status == "not_collected"
    assert item.outages[0].feed_id == "bryansk" and item.outages[0].hours == 30.0
    assert report.feeds_failing == 1


def test_short_outage_within_tolerance_still_allows_a_gap(catalogue):
    log = hourly("mogilev") + [ok("bryansk", 0), failed("bryansk", 10), ok("bryansk", 13)] + hourly("grodno")
    items, _ = status_of(catalogue, log)
    assert items[PAIR].status == "gap"


def test_feed_never_polled_in_the_window_was_not_collected():
    result = feed_collection("grodno", [], None, START, END, NOW, 6)
    assert not result.collected and result.outage_hours == pytest.approx(24 * 7)


def test_outage_that_began_before_the_window_counts_from_the_window_start():
    before = FetchLogRow("f", START - timedelta(days=2), False, "soft", "HTTP 500")
    result = feed_collection("f", [ok("f", 12)], before, START, END, NOW, 6)
    assert not result.collected and result.outage_hours == pytest.approx(12)
    assert result.error == "HTTP 500"


def test_scope_by_region_keeps_only_that_regions_partnerships(catalogue):
    report = compute_coverage(catalogue, (MOGILEV,), WEEK, "Europe/Minsk", {}, [], {}, {}, NOW, 6,
                              scope={"region": "by-mogilev-oblast"})
    ids = {item.partnership.id for item in report.partnerships}
    assert PAIR in ids and "by-brest-oblast--ru-smolensk-oblast" not in ids
    assert "by-bobruisk--ru-naro-fominsk" in ids  # a city inside the oblast belongs to its scope
    assert all("by-mogilev-oblast" in catalogue.ancestors(catalogue.partnerships[pid].a) for pid in ids)


def _article(article_id, feed_id, title, published):
    from monitor.records import StoredArticle

    return StoredArticle(article_id, feed_id, f"g{article_id}", f"https://x.example/{article_id}", title, "", "",
                         "ru", published, published)


def test_stories_count_once_per_outlet_and_know_their_side():
    from monitor.coverage import stories_from_matches

    regions = Feed(id="mogilev-2", url="https://m.example/rss2", outlet="Могилёвская правда", country="BY",
                   region="by-mogilev-oblast", language="ru")
    day = START + timedelta(days=2)
    rows = [(PAIR, 0.9, "[]", _article(1, "mogilev", "Могилёв и Брянск подписали план", day)),
            (PAIR, 0.9, "[]", _article(2, "mogilev-2", "Могилёв и Брянск подписали план!", day)),  # same outlet
            (PAIR, 0.8, "[]", _article(3, "bryansk", "Могилёв и Брянск подписали план", day)),
            (PAIR, 0.8, "[]", _article(4, "bryansk", "Старая история", START - timedelta(days=30)))]
    stories, last_covered = stories_from_matches(rows, (MOGILEV, regions, BRYANSK), START, "Europe/Minsk")
    assert [(s.article_id, s.side) for s in stories[PAIR]] == [(1, "belarusian"), (3, "partner")]
    assert last_covered[PAIR] == (START - timedelta(days=30)).astimezone(ZoneInfo("Europe/Minsk")).date()


# --- observed time: what the monitor can prove it saw, not only whether fetches failed ---------------


def observed(feed_id, *spans, holes=(), first_poll=None, legacy_until=None):
    from monitor.observed import FeedObserved

    return FeedObserved(feed_id, tuple((START + timedelta(hours=a), START + timedelta(hours=b)) for a, b in spans),
                        tuple(holes), first_poll, legacy_until)


def test_a_monitor_stopped_for_three_days_did_not_collect_though_no_fetch_failed():
    from monitor.observed import NOT_POLLED

    seen = observed("f", (-24, 48), (120, 168), first_poll=START - timedelta(days=1))
    log = [ok("f", h) for h in range(0, 48)] + [ok("f", h) for h in range(120, 168)]
    result = feed_collection("f", log, None, START, END, NOW, 6, seen)
    assert not result.collected and result.outage_hours == pytest.approx(72)
    assert [(m.cause, m.hours) for m in result.missed] == [(NOT_POLLED, 72)]


def test_failures_that_the_next_fetch_overlapped_lost_nothing():
    seen = observed("f", (-24, 168), first_poll=START - timedelta(days=1))
    log = [ok("f", 0), failed("f", 10), failed("f", 20), ok("f", 40)]
    assert feed_collection("f", log, None, START, END, NOW, 6, seen).collected


def test_time_before_a_new_feeds_first_poll_is_not_collected():
    from monitor.observed import BEFORE_FIRST_POLL, Hole

    first = START + timedelta(hours=30)
    seen = observed("f", (30, 168), holes=[Hole(None, first, BEFORE_FIRST_POLL)], first_poll=first)
    result = feed_collection("f", [ok("f", 40)], None, START, END, NOW, 6, seen)
    assert not result.collected and [(m.cause, m.hours) for m in result.missed] == [(BEFORE_FIRST_POLL, 30)]


def test_an_upgraded_database_judges_its_history_by_failed_attempts_and_the_rest_by_observed_time():
    from monitor.observed import ROLLED_OVER, Hole

    upgrade = START + timedelta(hours=72)
    # before the upgrade: fetches every hour, a 4-hour failure; after it: a 3-hour hole
    log = [ok("f", h) for h in range(0, 168) if not 10 <= h < 14] + [failed("f", h) for h in range(10, 14)]
    hole = Hole(START + timedelta(hours=100), START + timedelta(hours=103), ROLLED_OVER, timedelta(hours=3),
                timedelta(hours=6))
    seen = observed("f", (72, 100), (103, 168), holes=[hole], legacy_until=upgrade)
    result = feed_collection("f", log, None, START, END, NOW, 6, seen)
    assert result.outage_hours == pytest.approx(4 + 3) and not result.collected
    assert [m.cause for m in result.missed] == [ROLLED_OVER]
    # with no hole after the upgrade, the 4 hours of failures alone stay within the tolerance
    clean = observed("f", (72, 168), legacy_until=upgrade)
    assert feed_collection("f", log, None, START, END, NOW, 6, clean).collected
