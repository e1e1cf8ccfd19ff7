"""A week of real polling over 127.0.0.1 with an injected clock, every poll a success: the feed that
rolls over between polls is not collected, with the missed spans and their cause named, while feeds
whose polls overlapped (by date, and undated ones by shared entries) still yield gaps and stories
still yield covered; `feeds status` names the feed that loses entries."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from email.utils import format_datetime

import pytest

from monitor.app import Monitor
from monitor.cli import run_cli
from monitor.config import load_config
from monitor.coverage import iso_week, window_bounds

from .conftest import feed_table

WEEK = iso_week("2026-W47")
START, END = window_bounds(WEEK, "Europe/Minsk")
POLL_EVERY = timedelta(hours=6)
H = timedelta(hours=1)
MOGILEV_GAP = "by-mogilev-oblast--ru-oryol-oblast"
VITEBSK_COVERED = "by-vitebsk-oblast--ru-tver-oblast"
VITEBSK_GAP = "by-vitebsk-oblast--ru-bryansk-oblast"
BREST_GAP = "by-brest-oblast--ru-smolensk-oblast"
TVER_STORY = ("Витебская и Тверская области подписали план мероприятий",
              "Витебский облисполком и правительство Тверской области подписали план мероприятий по сотрудничеству.")


def rss(items) -> str:
    """items: (guid, title, summary, date or None)."""
    body = "".join(
        f"<item><title>{title}</title><link>{guid}</link><guid>{guid}</guid><description>{summary}</description>"
        + (f"<pubDate>{format_datetime(when)}</pubDate>" if when else "") + "</item>"
        for guid, title, summary, when in items)
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>{body}</channel></rss>'


def busy_agency(now: datetime) -> str:
    """A story every hour on the hour, four in the feed: it holds about 3 hours."""
    newest = now.replace(minute=0, second=0, microsecond=0)
    hours = [newest - k * H for k in range(4)]
    return rss([(f"https://mogilev.example/n/{h:%Y%m%d%H}", f"Новости часа {h:%H}", "Коротко о главном.", h)
                for h in hours])


def daily_paper(now: datetime) -> str:
    """A dated story a day at 10:00 UTC, the last five in the feed; Tver on Wednesday."""
    days = [d for d in (START.replace(hour=10) + timedelta(days=k) for k in range(-6, 8)) if d <= now][-5:]
    items = []
    for day in reversed(days):
        title, summary = (TVER_STORY if day.date() == (START + timedelta(days=3)).date()
                          else (f"Новости района за {day:%d.%m}", "Хроника дня."))
        items.append((f"https://vitebsk.example/n/{day:%Y%m%d}", title, summary, day))
    return rss(items)


def undated_paper(now: datetime) -> str:
    """No dates at all: a new story every day at 12:00 UTC, the last five in the feed."""
    days = [d for d in (START.replace(hour=12) + timedelta(days=k) for k in range(-6, 8)) if d <= now][-5:]
    return rss([(f"https://brest.example/n/{d:%Y%m%d}", f"Хроника {d:%d.%m}", "События дня.", None)
                for d in reversed(days)])


@pytest.fixture(scope="module")
def polled_week(tmp_path_factory, matcher):
    from .feedserver import FeedServer

    tmp = tmp_path_factory.mktemp("week")
    config_dir = tmp / "config"
    config_dir.mkdir()
    from .conftest import ROOT, write_test_settings

    # Polls every 6 hours, the shortest interval allowed: the agency's 3 hours cannot be kept up with.
    settings = write_test_settings(config_dir)
    settings.write_text(settings.read_text(encoding="utf-8")
                        .replace("default_interval = 60", "default_interval = 360\nmin_interval = 360"), encoding="utf-8")
    (config_dir / "catalogue").symlink_to(ROOT / "config" / "catalogue")
    server = FeedServer().start()
    try:
        mogilev, vitebsk, brest = (server.route(f"/{name}.xml", "") for name in ("mogilev", "vitebsk", "brest"))
        (config_dir / "feeds.toml").write_text(
            feed_table("mogilev", mogilev, outlet="Могилёвское агентство")
            + feed_table("vitebsk", vitebsk, region="by-vitebsk-oblast", outlet="Витебская газета")
            + feed_table("brest", brest, region="by-brest-oblast", outlet="Брестская газета"), encoding="utf-8")
        clock = [START - 24 * H]
        monitor = Monitor(load_config(config_dir), tmp / "monitor.db", clock=lambda: clock[0])
        monitor._matcher = matcher
        while clock[0] <= END:
            server.route("/mogilev.xml", busy_agency(clock[0]))
            server.route("/vitebsk.xml", daily_paper(clock[0]))
            server.route("/brest.xml", undated_paper(clock[0]))
            outcomes = monitor.poll(everything=True)
            assert all(outcome.status != "error" for outcome in outcomes)
            clock[0] += POLL_EVERY
        clock[0] = END + 5 * H  # Monday morning: the report is made
        yield monitor, config_dir, tmp / "monitor.db"
        monitor.close()
    finally:
        server.stop()


def test_a_feed_that_rolls_over_between_successful_polls_is_not_collected_and_says_why(polled_week):
    monitor, _, _ = polled_week
    data = json.loads(monitor.report(WEEK, fmt="json", lang="en"))
    rows = {row["id"]: row for row in data["partnerships"]}

    lost = rows[MOGILEV_GAP]
    assert lost["status"] == "not_collected"
    [outage] = lost["outages"]
    assert outage["feed"] == "mogilev" and outage["error"] is None
    causes = {m["cause"] for m in outage["missed"]}
    assert causes == {"rolled_over"}
    # each 6-hour gap between polls lost what the feed no longer held: 3 of those hours
    first = outage["missed"][0]
    assert (first["from"], first["to"]) == (START.isoformat(), (START + 3 * H).isoformat())
    assert first["hours"] == 3.0 and "rolled over between polls (it holds about 3 h; polled every 6 h)" in first["why"]
    assert outage["hours"] >= 3 * 24
    assert "rolled over between polls" in lost["why"]

    assert rows[VITEBSK_COVERED]["status"] == "covered"
    assert rows[VITEBSK_GAP]["status"] == "gap"  # dated, and each poll overlapped the one before
    assert rows[BREST_GAP]["status"] == "gap"  # no dates at all, but each poll shared entries with the last
    assert data["feeds"] == {"collected": 2, "failing": 1}

    markdown = monitor.report(WEEK, fmt="md", lang="en")
    assert "the feed rolled over between polls (it holds about 3 h; polled every 6 h): 28 times" in markdown


def test_feeds_status_names_the_feed_that_loses_entries(polled_week, capsys):
    monitor, config_dir, db = polled_week
    rows = {row["feed"]: row for row in monitor.feeds_status()}
    assert rows["mogilev"]["losing_entries"] and not rows["vitebsk"]["losing_entries"]
    assert rows["mogilev"]["horizon_minutes"] == 180
    assert rows["mogilev"]["observed_7d"] == pytest.approx(0.5, abs=0.02)
    assert rows["vitebsk"]["observed_7d"] == pytest.approx(1.0) and rows["brest"]["observed_7d"] == pytest.approx(1.0)
    assert rows["mogilev"]["last_hole"]["cause"] == "rolled_over"

    capsys.readouterr()
    assert run_cli(["--config", str(config_dir), "--db", str(db), "feeds", "status"]) == 0
    out = capsys.readouterr().out
    assert "mogilev" in out and "losing entries" in out
    assert "a section feed" in out  # what to do about it


def test_the_admin_page_names_the_feed_that_loses_entries(polled_week):
    import httpx

    from monitor.web import create_app

    from .test_web import TOKEN, login, serving

    monitor, _, _ = polled_week
    with serving(create_app(monitor, admin_token=TOKEN)) as base, httpx.Client(base_url=base) as client:
        login(client)
        page = client.get("/admin", params={"lang": "en"}).text
    row = page.split('data-feed="mogilev"')[1].split("</tr>")[0]
    assert "losing entries" in row and "a sitemap source" in row
    assert "the feed rolled over between polls (it holds about 3 h; polled every 6 h)" in row
    assert "50 %" in row
    assert "losing entries" not in page.split('data-feed="vitebsk"')[1].split("</tr>")[0]
