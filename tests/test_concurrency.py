"""Two writers at once: admins editing feeds.toml together, and a poll while another process holds
the database's write lock. Every writer is a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

from monitor.config import load_config

from .conftest import ROOT


def _monitor(config_dir, db, *args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "monitor", "--config", str(config_dir), "--db", str(db), *args],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def test_ten_admins_adding_feeds_at_once_all_land(config_dir, tmp_path):
    (config_dir / "feeds.toml").write_text("# the admins' feeds\n", encoding="utf-8")
    adds = [_monitor(config_dir, tmp_path / "m.db", "feeds", "add", f"https://paper{n}.example/rss", "--id", f"paper{n}",
                     "--outlet", f"Paper {n}", "--country", "BY", "--region", "by-mogilev-oblast", "--language", "ru",
                     "--no-check") for n in range(10)]
    results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in adds]
    assert [code for code, _, _ in results] == [0] * 10, results
    assert all(out.startswith("added paper") for _, out, _ in results)
    text = (config_dir / "feeds.toml").read_text(encoding="utf-8")
    assert text.startswith("# the admins' feeds\n")
    assert sorted(feed.id for feed in load_config(config_dir).feeds) == sorted(f"paper{n}" for n in range(10))
    assert not [p.name for p in config_dir.iterdir() if p.name.endswith(".tmp")]


def test_two_admins_adding_the_same_feed_one_is_told_it_exists(config_dir, tmp_path):
    adds = [_monitor(config_dir, tmp_path / "m.db", "feeds", "add", "https://paper.example/rss", "--id", "paper",
                     "--outlet", f"Paper {n}", "--country", "BY", "--region", "by-mogilev-oblast", "--language", "ru",
                     "--no-check") for n in range(2)]
    results = sorted((p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in adds)
    assert [code for code, _, _ in results] == [0, 1], results
    assert "already exists" in results[1][2] and "Traceback" not in results[1][2]
    assert [feed.id for feed in load_config(config_dir).feeds] == ["paper"]


# --- a poll while another process holds the database's write lock ----------------------------------

HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("ROLLBACK")
"""


def _hold_write_lock(db, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "holding"
    return holder


def _poll_once(server, db, matcher, monkeypatch, busy_ms: int, attempts: int):
    from monitor import poll, store
    from monitor.fetch import make_client

    from .test_robustness import NOW, feed, rss, settings

    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", busy_ms)
    monkeypatch.setattr(poll, "WRITE_ATTEMPTS", attempts)
    url = server.route("/busy.xml", rss([("g1", "Первая"), ("g2", "Вторая")]).encode())
    database = store.Store(db)
    s = settings()
    with make_client(s.limits, s.allow_networks) as client:
        [outcome] = poll.poll_feeds([feed("busy", url)], database, s, matcher, client, lambda: NOW)
    return database, outcome


def test_a_poll_outlasts_a_writer_holding_the_database_and_stores_everything(server, tmp_path, matcher, monkeypatch):
    db = tmp_path / "m.db"
    from monitor.store import Store

    Store(db).close()  # migrated before the other writer takes the lock
    holder = _hold_write_lock(db, 1.5)
    try:
        database, outcome = _poll_once(server, db, matcher, monkeypatch, busy_ms=400, attempts=10)
    finally:
        holder.wait(timeout=30)
    assert outcome.status == "new" and outcome.new_articles == 2, outcome
    assert database.count("articles") == 2
    database.close()


def test_a_poll_the_database_stays_busy_for_says_so_and_counts_as_not_observed(server, tmp_path, matcher, monkeypatch):
    from .test_robustness import NOW

    db = tmp_path / "m.db"
    from monitor.store import Store

    Store(db).close()
    holder = _hold_write_lock(db, 60)
    try:
        database, outcome = _poll_once(server, db, matcher, monkeypatch, busy_ms=200, attempts=2)
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert outcome.status == "error" and outcome.error_kind == "temporary"
    assert "2 entries fetched were not stored" in outcome.error and "not collected" in outcome.error
    assert database.fetch_log() == [] and database.count("articles") == 0
    observed = database.observations(["busy"], NOW - timedelta(days=7), NOW + timedelta(days=1))["busy"]
    assert observed.spans == () and observed.holes == ()  # the poll that was not stored observed nothing
    database.close()
    # the holder is gone: the feed is still due with no validators, so the next pass stores it all
    database, outcome = _poll_once(server, db, matcher, monkeypatch, busy_ms=200, attempts=2)
    assert outcome.status == "new" and database.count("articles") == 2
    observed = database.observations(["busy"], NOW - timedelta(days=7), NOW + timedelta(days=1))["busy"]
    assert observed.first_poll is not None  # this one is the feed's first observation
    database.close()
