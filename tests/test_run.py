"""`monitor run`: the scheduler polls on start, logs in plain words and stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from .conftest import FEEDS, feed_table


def test_run_polls_logs_and_stops_on_sigterm(server, config_dir, tmp_path):
    url = server.route("/mogilev.xml", (FEEDS / "mogilev.xml").read_bytes())
    (config_dir / "feeds.toml").write_text(feed_table("mogilev", url), encoding="utf-8")
    db = tmp_path / "run.db"
    process = subprocess.Popen([sys.executable, "-m", "monitor", "--config", str(config_dir), "--db", str(db), "run"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines = []
    deadline = time.monotonic() + 60
    try:
        for line in process.stdout:
            lines.append(line)
            if "feed mogilev:" in line or time.monotonic() > deadline:
                break
        process.send_signal(signal.SIGTERM)
        rest, _ = process.communicate(timeout=30)
    finally:
        process.kill()
    log = "".join(lines) + rest
    assert "monitor running: 1 feeds" in log
    assert "feed mogilev: new (2 new, 1 about partnerships)" in log
    assert "monitor stopped" in log and process.returncode == 0
    assert "HTTP Request" not in log  # the library's own chatter stays out of the admin's log


def _wait_for(process, lines, text, seconds=60):
    """Read the log until a line holds `text`; fail with the log so far when it never comes."""
    deadline = time.monotonic() + seconds
    for line in process.stdout:
        lines.append(line)
        if text in line:
            return line
        if time.monotonic() > deadline:
            break
    raise AssertionError(f"{text!r} never logged:\n" + "".join(lines))


def test_run_follows_feeds_toml_edits_and_stops_within_seconds_mid_poll(server, config_dir, tmp_path):
    import sqlite3

    from monitor.cli import run_cli

    body = (FEEDS / "mogilev.xml").read_bytes()
    url_a = server.route("/a.xml", body)
    url_b = server.route("/b.xml", body.replace(b"mogilev-", b"b-").replace(b"/news/", b"/b/"))
    url_slow = server.route("/slow.xml", body, delay=40)
    (config_dir / "feeds.toml").write_text(feed_table("a", url_a), encoding="utf-8")
    db = tmp_path / "run.db"
    process = subprocess.Popen([sys.executable, "-m", "monitor", "--config", str(config_dir), "--db", str(db), "run"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines: list[str] = []
    admin = ["--config", str(config_dir), "--db", str(db)]
    try:
        _wait_for(process, lines, "feed a: new")
        with sqlite3.connect(db) as conn:  # feed a is due again and has news
            conn.execute("UPDATE feeds SET next_due = '2000-01-01T00:00:00+00:00' WHERE id = 'a'")
        server.route("/a.xml", body.replace(b"mogilev-", b"a2-").replace(b"/news/", b"/a2/"))
        # an admin disables a and adds b while the scheduler runs
        assert run_cli([*admin, "feeds", "disable", "a"]) == 0
        assert run_cli([*admin, "feeds", "add", url_b, "--id", "b", "--outlet", "B", "--country", "BY",
                        "--region", "by-mogilev-oblast", "--language", "ru", "--no-check"]) == 0
        _wait_for(process, lines, "feed b: new")
        assert sum("feed a:" in line for line in lines) == 1  # the disabled feed was not polled again

        # a feed whose server takes 40 s to answer is being fetched when the stop comes
        assert run_cli([*admin, "feeds", "add", url_slow, "--id", "slow", "--outlet", "Slow", "--country", "BY",
                        "--region", "by-mogilev-oblast", "--language", "ru", "--no-check"]) == 0
        deadline = time.monotonic() + 60
        while not any(path == "/slow.xml" for path, _ in server.requests) and time.monotonic() < deadline:
            time.sleep(0.05)
        asked = time.monotonic()
        process.send_signal(signal.SIGTERM)
        rest, _ = process.communicate(timeout=30)
        stopped_after = time.monotonic() - asked
    finally:
        process.kill()
    log = "".join(lines) + rest
    assert process.returncode == 0 and "monitor stopped" in log, log
    assert stopped_after < 5, f"took {stopped_after:.1f} s to stop"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM articles WHERE guid LIKE '%a2-%'").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM articles WHERE feed_id = 'b'").fetchone()[0] == 2
        assert conn.execute("SELECT COUNT(*) FROM fetch_log WHERE feed_id = 'slow'").fetchone()[0] == 0  # still due
