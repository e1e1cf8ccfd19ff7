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
from monitor.records import Window
from monitor.store import Store

from .conftest import feed_table

TZ = "Europe/Minsk"
FIRST = iso_week("2026-W27")  # twenty weeks of polls: W27 .. W46
WEEKS = [Window(FIRST.start + timedelta(weeks=n), FIRST.end + timedelta(weeks=n)) for n in range(20)]
NOW = window_bounds(WEEKS[-1], TZ)[1] + timedelta(days=3)
PAIR = "by-mogilev-oblast--ru-bryansk-oblast"


@pytest.fixture
def monitor(config_dir, tmp_path):
    """Mogilev and Bryansk papers polled every six hours for twenty weeks, all healthy: every
    Mogilev–Bryansk week is a gap until something says otherwise."""
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
                store.record_poll(feed_id, f"http://127.0.0.1:9/{feed_id}.xml", start + timedelta(hours=6 * step + 1), ok=True)
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
    assert status(monitor, WEEKS[-1]) == "gap"
    assert kept_weeks(monitor) == set(WEEKS[-12:])  # the report's week and its trend
    monitor.store.record_poll("mogilev", "http://127.0.0.1:9/m.xml", NOW, ok=False, error_kind="temporary",
                              error="HTTP 503")
    assert kept_weeks(monitor) == set(WEEKS[-12:])


def test_a_backfilled_outage_drops_exactly_the_weeks_it_touches(monitor):
    assert status(monitor, WEEKS[10]) == "gap"
    assert status(monitor, WEEKS[-1]) == "gap"
    kept = kept_weeks(monitor)
    # A failure logged late (an import of another poller's log) inside week 10: it drops week 10,
    # the one window it is in (the feed's next attempt is in the same week), and nothing else.
    monday = window_bounds(WEEKS[10], TZ)[0]
    monitor.store.record_poll("mogilev", "http://127.0.0.1:9/m.xml", monday + timedelta(days=2, hours=2), ok=False,
                              error_kind="temporary", error="HTTP 503")
    assert kept_weeks(monitor) == kept - {WEEKS[10]}
    assert status(monitor, WEEKS[10]) == "gap"  # five hours down: within the six-hour tolerance
    assert WEEKS[10] in kept_weeks(monitor)
    # A whole day of week 11 replaced by one failure: that week is not a gap any more.
    stretch = window_bounds(WEEKS[11], TZ)[0] + timedelta(days=1)
    with monitor.store.db.conn:
        monitor.store.db.execute("DELETE FROM fetch_log WHERE feed_id = 'mogilev' AND at > ? AND at < ?",
                                 [stretch.isoformat(), (stretch + timedelta(days=1)).isoformat()])
    monitor.store.record_poll("mogilev", "http://127.0.0.1:9/m.xml", stretch + timedelta(minutes=1), ok=False,
                              error_kind="temporary", error="HTTP 503")
    assert WEEKS[11] not in kept_weeks(monitor) and WEEKS[12] in kept_weeks(monitor)
    assert status(monitor, WEEKS[11]) == "not_collected"  # down a whole day: not a gap any more


def test_a_change_of_tolerance_is_computed_again_while_the_log_is_there(monitor, config_dir):
    week = WEEKS[-1]
    start = window_bounds(week, TZ)[0]
    with monitor.store.db.conn:  # Mogilev down for 9 hours on Tuesday of the last week
        monitor.store.db.execute("DELETE FROM fetch_log WHERE feed_id = 'mogilev' AND at > ? AND at < ?",
                                 [(start + timedelta(days=1)).isoformat(), (start + timedelta(days=1, hours=12)).isoformat()])
    with monitor.store.db.conn:
        monitor.store.db.execute("DELETE FROM week_results")
    monitor.store.record_poll("mogilev", "http://127.0.0.1:9/m.xml", start + timedelta(days=1, hours=2), ok=False,
                              error_kind="temporary", error="HTTP 503")
    assert status(monitor, week) == "not_collected"
    settings = (config_dir / "settings.toml").read_text(encoding="utf-8")
    (config_dir / "settings.toml").write_text(settings.replace("outage_tolerance_hours = 6", "outage_tolerance_hours = 12"),
                                              encoding="utf-8")
    lenient = Monitor(load_config(config_dir), monitor.db_path, clock=lambda: NOW)
    try:
        assert status(lenient, week) == "gap"
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
    assert "settings.toml: fetch_log_days must be a whole number of days, at least 98" in err
    assert "Traceback" not in err
