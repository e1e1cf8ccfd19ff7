"""Polling real feeds over HTTP on 127.0.0.1 into a real SQLite file."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from monitor.app import Monitor
from monitor.cli import run_cli
from monitor.config import load_config

from .conftest import FEEDS, feed_table

NOW = datetime(2026, 11, 19, 12, 0, tzinfo=timezone.utc)
PAIR = "by-mogilev-oblast--ru-bryansk-oblast"


@pytest.fixture
def setup(server, config_dir, tmp_path):
    good = server.route("/mogilev.xml", (FEEDS / "mogilev.xml").read_bytes(), etag='"m1"')
    vitebsk = server.route("/vitebsk.xml", (FEEDS / "vitebsk-cp1251.xml").read_bytes())
    broken = server.route("/grodno.xml", "", status=503, headers={"Retry-After": "600"})
    (config_dir / "feeds.toml").write_text(
        feed_table("mogilev", good) + feed_table("vitebsk", vitebsk, region="by-vitebsk-oblast")
        + feed_table("grodno", broken, region="by-grodno-oblast"), encoding="utf-8")
    return config_dir, tmp_path / "monitor.db"


def test_poll_stores_matches_and_records_failures_as_data(setup, matcher):
    config_dir, db = setup
    clock = [NOW]
    monitor = Monitor(load_config(config_dir), db, clock=lambda: clock[0])
    monitor._matcher = matcher
    outcomes = {o.feed_id: o for o in monitor.poll(everything=True)}
    assert outcomes["mogilev"].status == "new" and outcomes["mogilev"].new_articles == 2
    assert outcomes["mogilev"].matched == 1
    assert outcomes["vitebsk"].new_articles == 1 and outcomes["vitebsk"].matched == 1
    assert outcomes["grodno"].status == "error" and outcomes["grodno"].error_kind == "temporary"
    state = monitor.store.feed_state("grodno")
    assert state["consecutive_failures"] == 1
    # Retry-After: 600 is honoured; the feed's hourly interval is longer still
    assert datetime.fromisoformat(state["next_due"]) >= NOW + timedelta(seconds=600)
    matched = {pid for pid, *_ in monitor.store.matched_stories()}
    assert PAIR in matched and "by-vitebsk-oblast--ru-tver-oblast" in matched

    # The second poll is conditional: the ETag comes back, nothing is duplicated.
    clock[0] = NOW + timedelta(hours=2)
    outcomes = {o.feed_id: o for o in monitor.poll(everything=True)}
    assert outcomes["mogilev"].status == "unchanged"
    assert outcomes["vitebsk"].status == "unchanged"
    assert monitor.store.count("articles") == 3
    monitor.close()


def test_only_due_feeds_are_polled(setup, matcher):
    config_dir, db = setup
    clock = [NOW]
    monitor = Monitor(load_config(config_dir), db, clock=lambda: clock[0])
    monitor._matcher = matcher
    assert len(monitor.poll()) == 3  # never polled: all due
    clock[0] = NOW + timedelta(minutes=5)
    assert monitor.poll() == []  # nothing due five minutes later
    clock[0] = NOW + timedelta(hours=2, minutes=30)
    # grodno's backoff has passed; the others publish a few items a week, so their adaptive
    # interval is longer than that but never longer than a day (vitebsk's entries reach back six
    # hours, so it is polled every three, ±10 % jitter: not yet)
    assert {o.feed_id for o in monitor.poll()} == {"grodno"}
    clock[0] = NOW + timedelta(hours=27)
    assert {o.feed_id for o in monitor.poll()} == {"mogilev", "vitebsk", "grodno"}
    monitor.close()


def test_poll_command_prints_one_line_per_feed_and_strict_fails(setup, capsys):
    config_dir, db = setup
    args = ["--config", str(config_dir), "--db", str(db), "poll", "--all"]
    assert run_cli(args) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert sorted(line.split(":")[0] for line in lines) == ["grodno", "mogilev", "vitebsk"]
    assert any(line.startswith("grodno: error (temporary): HTTP 503") for line in lines)
    with pytest.raises(SystemExit) as exited:
        run_cli(args + ["--strict"])
    assert exited.value.code == 1


def test_unknown_feed_is_one_clear_line(setup, capsys):
    config_dir, db = setup
    assert run_cli(["--config", str(config_dir), "--db", str(db), "poll", "--feed", "nope"]) == 1
    assert "unknown feed 'nope'" in capsys.readouterr().err
