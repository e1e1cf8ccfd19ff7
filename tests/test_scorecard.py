"""The outlet scorecard against a polled fixture week: feeds served over HTTP on 127.0.0.1, polled
into a real SQLite file, reported."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from monitor.app import Monitor
from monitor.config import load_config
from monitor.coverage import iso_week, watching_feeds
from monitor.records import Window

from .conftest import feed_table

WEEK = iso_week("2026-W47")  # 16-22 November 2026
NOW = datetime(2026, 11, 23, 5, 0, tzinfo=timezone.utc)  # Monday morning: the report is made
PAIR = "by-mogilev-oblast--ru-bryansk-oblast"


def rss(items: list[tuple[str, str, datetime]]) -> bytes:
    entries = "".join(
        f"<item><guid>{guid}</guid><link>https://paper.example/{guid}</link><title>{title}</title>"
        f"<pubDate>{format_datetime(when)}</pubDate></item>" for guid, title, when in items)
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>{entries}</channel></rss>'.encode()


def day(n: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, 11, 16 + n, hour, minute, tzinfo=timezone.utc)


MOGILEV = [  # four stories this week, two about the partnership with Bryansk; one the week before
    ("m0", "Коммунальщики начали подготовку улиц к зиме", day(-5, 7, 40)),
    ("m1", "Могилёвская область и Брянская область подписали план сотрудничества на 2027 год", day(0, 8, 15)),
    ("m2", "Делегация Брянской области приехала в Могилёвскую область обсудить поставки техники", day(2, 11, 5)),
    ("m3", "В Могилёве открыли новый каток у драмтеатра", day(3, 13, 30)),
    ("m4", "Синоптики обещают мокрый снег к выходным", day(4, 6, 50)),
]
BRYANSK = [  # three stories this week, one about the partnership; one the week before
    ("b0", "Брянские школьники победили на олимпиаде по физике", day(-4, 10, 20)),
    ("b1", "Брянская область и Могилёвская область нарастят товарооборот", day(1, 9, 45)),
    ("b2", "В Брянске прошёл фестиваль уличной еды", day(2, 15, 10)),
    ("b3", "На трассе под Брянском начался ремонт моста", day(5, 12, 35)),
]
POLL_EVERY = timedelta(hours=6)


@pytest.fixture
def week(server, config_dir, tmp_path, matcher):
    """Polled every six hours from the evening before the week to the Monday after, as a real
    week is: each feed holds every story it ran so far, so every poll overlaps the one before."""
    mogilev, bryansk = server.route("/mogilev.xml", b""), server.route("/bryansk.xml", b"")
    grodno = server.route("/grodno.xml", "", status=503)
    (config_dir / "feeds.toml").write_text(
        feed_table("mogilev", mogilev, outlet="Могилёвская правда")
        + feed_table("bryansk", bryansk, region="ru-bryansk-oblast", country="RU", outlet="Брянский вестник")
        + feed_table("grodno", grodno, region="by-grodno-oblast", outlet="Гродненские вести"), encoding="utf-8")
    clock = [datetime(2026, 11, 15, 15, 0, tzinfo=timezone.utc)]
    monitor = Monitor(load_config(config_dir), tmp_path / "monitor.db", clock=lambda: clock[0])
    monitor._matcher = matcher
    while clock[0] <= NOW:
        server.route("/mogilev.xml", rss([item for item in MOGILEV if item[2] <= clock[0]]))
        server.route("/bryansk.xml", rss([item for item in BRYANSK if item[2] <= clock[0]]))
        monitor.poll(everything=True)
        clock[0] += POLL_EVERY
    clock[0] = NOW
    yield monitor
    monitor.close()


def watched(monitor, feed_id):
    feeds = monitor.config.feeds
    return {pid for pid, p in monitor.catalogue.partnerships.items()
            if not p.retired and feed_id in {f.id for f in watching_feeds(monitor.catalogue, feeds, pid)}}


def test_the_scorecard_counts_each_outlets_week(week):
    data = json.loads(week.report(WEEK, fmt="json"))
    outlets = {o["id"]: o for o in data["outlets"]}
    assert [o["id"] for o in data["outlets"]] == ["mogilev", "grodno", "bryansk"]  # Belarusian side first
    mogilev = outlets["mogilev"]
    assert {k: mogilev[k] for k in ("outlet", "country", "articles", "partnership_articles", "share", "covered")} == {
        "outlet": "Могилёвская правда", "country": "BY", "articles": 4, "partnership_articles": 2, "share": 0.5,
        "covered": 1}
    assert mogilev["gaps"] == len(watched(week, "mogilev")) - 1  # everything it watches but Bryansk
    bryansk = outlets["bryansk"]
    assert (bryansk["articles"], bryansk["partnership_articles"], bryansk["share"], bryansk["covered"]) == (3, 1, 0.333, 1)
    assert bryansk["gaps"] == len(watched(week, "bryansk")) - 1
    grodno = outlets["grodno"]  # failing: nothing collected, so no gap is claimed for it
    assert (grodno["articles"], grodno["share"], grodno["covered"], grodno["gaps"]) == (0, None, 0, 0)
    assert grodno["not_collected"] == len(watched(week, "grodno"))
    # how much of the week each outlet's feeds were read: all of it, or none while its server failed
    assert (mogilev["observed"], bryansk["observed"], grodno["observed"]) == (1.0, 1.0, 0.0)
    # the 12-week trend: the story of the week before counts there, not here
    assert [w["articles"] for w in mogilev["trend"]] == [0] * 10 + [1, 4]
    assert [w["articles"] for w in bryansk["trend"]][-2:] == [1, 3]
    assert [w["share"] for w in mogilev["trend"]][-2:] == [0.0, 0.5]
    assert mogilev["trend"][-1]["from"] == "2026-11-16"


def test_the_scorecard_follows_the_scope_and_reaches_every_format(week):
    scoped = json.loads(week.report(WEEK, {"region": "by-grodno-oblast"}, fmt="json"))
    assert [o["id"] for o in scoped["outlets"]] == ["grodno"]  # Mogilev and Bryansk papers watch nothing there
    texts = week.reports(WEEK, {}, ("md", "html", "outlets.csv"), "ru")
    assert "| Могилёвская правда | Беларусь | 4 | 2 | 50% | 1 |" in texts["md"]
    assert "| Брянский вестник | Россия | 3 | 1 | 33% | 1 |" in texts["md"]
    assert "Издания: сколько они пишут о партнёрствах" in texts["html"]
    rows = list(csv.DictReader(io.StringIO(texts["outlets.csv"])))
    assert [(r["id"], r["articles"], r["partnership_articles"], r["share"]) for r in rows][0] == ("mogilev", "4", "2", "0.5")
    assert rows[0]["share_2026-11-16"] == "0.5" and rows[0]["share_2026-11-09"] == "0.0"
    assert [r["observed"] for r in rows] == ["1.0", "0.0", "1.0"]
    assert "| Гродненские вести | Беларусь | 0 | 0 | — | 0 | 0 | 0% |" in texts["md"]


def test_outlet_counts_read_only_the_windows_asked(week):
    """The store's one query for the scorecard reads its window through the feed-and-time index."""
    plan = " ".join(str(row) for row in week.store.db.execute(
        "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM articles a WHERE a.feed_id IN ('mogilev')"
        " AND a.story_at >= '2026' AND a.story_at < '2027'").fetchall())
    assert "articles_feed_story" in plan
    start = datetime(2026, 11, 15, 21, tzinfo=timezone.utc)
    counts = week.store.outlet_counts(["mogilev", "bryansk"], start - timedelta(days=7), start + timedelta(days=7), 7)
    assert counts == {("mogilev", 0): (1, 0), ("mogilev", 1): (4, 2), ("bryansk", 0): (1, 0), ("bryansk", 1): (3, 1)}


def test_a_longer_window_says_its_trend_is_of_windows_that_long(week):
    weekly = week.report(WEEK, fmt="md", lang="en")
    assert "Coverage by week: " in weekly
    fortnight = Window(WEEK.start - timedelta(days=7), WEEK.end)
    longer = week.reports(fortnight, {}, ("md", "html"), "en")
    assert "Coverage by windows of the same length: " in longer["md"] and "Coverage by week" not in longer["md"]
    assert "Coverage by windows of the same length</h2>" in longer["html"]
    # the Mogilev paper's first poll reached back to its oldest story (11 November, 07:40 UTC): the
    # fortnight from 9 November 00:00 in Minsk was not seen for its first 58 h 40 min of 336 h
    mogilev = next(o for o in json.loads(week.report(fortnight, fmt="json"))["outlets"] if o["id"] == "mogilev")
    assert mogilev["observed"] == round(1 - (58 + 40 / 60) / 336, 3)
