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
