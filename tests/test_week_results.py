"""Weekly results kept once computed, dropped exactly when the log changes, and pruning that keeps
every report as it was. A real SQLite file filled through the store's write path; a fixed clock."""

from __future__ import annotations

import json
from contextlib import nullcontext
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from monitor.app import Monitor
from monitor.cli import run_cli
from monitor.config import load_config
from monitor.coverage import iso_week, window_bounds
from monitor.records import Entry, Window
from monitor.store import Store

from .conftest import feed_table

TZ = "Europe/Minsk"
FIRST = iso_week("2026-W27")  # twenty weeks of polls: W27 .. W46
WEEKS = [Window(FIRST.start + timedelta(weeks=n), FIRST.end + timedelta(weeks=n)) for n in range(20)]
NOW = window_bounds(WEEKS[-1], TZ)[1] + timedelta(days=3)
PAIR = "by-mogilev-oblast--ru-bryansk-oblast"


QUIET = (19 * 7 + 1) * 4  # Tuesday of the last week: Mogilev's poll is missed, the next one has rolled over


@pytest.fixture
def monitor(config_dir, tmp_path):
    """Mogilev and Bryansk papers polled every six hours for twenty weeks: every Mogilev–Bryansk
    week is a gap, but the last, where Mogilev's feed rolled over between two polls twelve hours
    apart, and whose last five hours no poll has seen yet: 17 hours not observed, more than the
    six-hour tolerance."""
    (config_dir / "feeds.toml").write_text(
        feed_table("mogilev", "http://127.0.0.1:9/m.xml")
        + feed_table("bryansk", "http://127.0.0.1:9/b.xml", region="ru-bryansk-oblast", country="RU"),
        encoding="utf-8")
    db = tmp_path / "monitor.db"
    store = Store(db)
    start = window_bounds(WEEKS[0], TZ)[0]
    with store.transaction():
        store.transaction = nullcontext  # twenty weeks of polls in one write
        for step in range(20 * 7 * 4):
            for feed_id in ("mogilev", "bryansk"):
                entries = ()
                if feed_id == "mogilev":  # one undated entry, until the feed rolls over to another
                    if step == QUIET:
                        continue
                    guid = "old" if step < QUIET else "new"
                    entries = [(Entry(guid=guid, url=None, title=f"Урожай {guid}", summary="", content="",
                                      published=None), None, "ru", ())]
                store.record_poll(feed_id, f"http://127.0.0.1:9/{feed_id}.xml", start + timedelta(hours=6 * step + 1),
                                  ok=True, entries=entries)
    store.close()
    monitor = Monitor(load_config(config_dir), db, clock=lambda: NOW)
    yield monitor
    monitor.close()


def status(monitor, week: Window) -> str:
    data = json.loads(monitor.report(week, {"region": "by-mogilev-oblast"}, "json"))
    return next(p["status"] for p in data["partnerships"] if p["id"] == PAIR)


def kept_weeks(monitor) -> set[Window]:
    return {w for w in WEEKS if monitor.store.kept_week(*window_bounds(w, TZ)) is not None}


def test_ended_weeks_are_kept_and_a_new_poll_keeps_them(monitor):
    assert status(monitor, WEEKS[-2]) == "gap"
    assert kept_weeks(monitor) == set(WEEKS[-13:-1])  # the report's week and its trend
    monitor.store.record_poll("mogilev", "http://127.0.0.1:9/m.xml", NOW, ok=False, error_kind="temporary",
                              error="HTTP 503")
    assert kept_weeks(monitor) == set(WEEKS[-13:-1])


def test_a_backfilled_outage_drops_exactly_the_weeks_it_touches(monitor):
    assert status(monitor, WEEKS[10]) == "gap"
    assert status(monitor, WEEKS[-1]) == "not_collected"
    kept = kept_weeks(monitor)
    # A failure logged late (an import of another poller's log) inside week 10: it drops week 10,
    # the one window it is in (the feed's next attempt is in the same week), and nothing else.
    monday = window_bounds(WEEKS[10], TZ)[0]
    monitor.store.record_poll("mogilev", "http://127.0.0.1:9/m.xml", monday + timedelta(days=2, hours=2), ok=False,
                              error_kind="temporary", error="HTTP 503")
    assert kept_weeks(monitor) == kept - {WEEKS[10]}
    assert status(monitor, WEEKS[10]) == "gap"  # five hours down: within the six-hour tolerance
    assert WEEKS[10] in kept_weeks(monitor)


def test_a_poll_after_a_quiet_stretch_drops_the_week_it_reaches_back_into(monitor):
    # The last poll was five hours before the last week ended; a poll three days later proves the
    # feed unchanged since, so the time it saw reaches back into that week, and only that week.
    report = monitor.report(WEEKS[-1], {}, "json")
    kept = kept_weeks(monitor)
    assert WEEKS[-1] in kept
    monitor.store.record_poll("mogilev", "http://127.0.0.1:9/m.xml", NOW, ok=True)
    assert kept_weeks(monitor) == kept - {WEEKS[-1]}
    again = monitor.report(WEEKS[-1], {}, "json")
    with monitor.store.db.conn:
        monitor.store.db.execute("DELETE FROM week_results")
    assert monitor.report(WEEKS[-1], {}, "json") == again
    # The week's last five hours were not yet seen; now they are: only the rolled-over twelve remain.
    assert outage_hours(report) == 17.0 and outage_hours(again) == 12.0


def outage_hours(report: str) -> float:
    data = json.loads(report)
    return next(o["hours"] for p in data["partnerships"] if p["id"] == PAIR for o in p["outages"])


def test_a_change_of_tolerance_is_computed_again_while_the_log_is_there(monitor, config_dir):
    assert status(monitor, WEEKS[-1]) == "not_collected"
    settings = (config_dir / "settings.toml").read_text(encoding="utf-8")
    (config_dir / "settings.toml").write_text(settings.replace("outage_tolerance_hours = 6", "outage_tolerance_hours = 18"),
                                              encoding="utf-8")
    lenient = Monitor(load_config(config_dir), monitor.db_path, clock=lambda: NOW)
    try:
        assert status(lenient, WEEKS[-1]) == "gap"
    finally:
        lenient.close()


def test_pruning_keeps_every_weekly_report_as_it_was(monitor, config_dir, capsys):
    before = {w: monitor.report(w, {}, "json") for w in WEEKS[:8]}
    attempts = monitor.store.count("fetch_log")
    code = run_cli(["--config", str(config_dir), "--db", str(monitor.db_path), "db", "prune", "--days", "98"])
    out = capsys.readouterr().out
    assert code == 0 and out.startswith("Removed ") and "fetch-log attempts before" in out
    cut = monitor.store.pruned_before()  # the command's clock is the real one: 98 days ago, at a Monday
    assert cut <= datetime.now(timezone.utc) - timedelta(days=98) and cut.astimezone(ZoneInfo(TZ)).weekday() == 0
    assert monitor.store.count("fetch_log") < attempts
    assert len(monitor.store.fetch_log(until=cut)) == 2  # each feed's last attempt before the cut
    assert {w: monitor.report(w, {}, "json") for w in WEEKS[:8]} == before
    # A second prune finds nothing more to remove.
    assert run_cli(["--config", str(config_dir), "--db", str(monitor.db_path), "db", "prune", "--days", "98"]) == 0
    assert "Nothing to prune" in capsys.readouterr().out


def test_fetch_log_days_below_the_trend_is_one_line(config_dir, capsys):
    settings = (config_dir / "settings.toml").read_text(encoding="utf-8")
    (config_dir / "settings.toml").write_text(settings.replace("fetch_log_days = 400", "fetch_log_days = 30"),
                                              encoding="utf-8")
    assert run_cli(["--config", str(config_dir), "db", "prune"]) == 1
    err = capsys.readouterr().err
    assert "settings.toml:" in err and "fetch_log_days = 30: must be a whole number of days from 98" in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
