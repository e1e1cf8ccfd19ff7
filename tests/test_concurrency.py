"""Two writers at once: admins editing feeds.toml together, and a poll while another process holds
the database's write lock. Every writer is a real process."""

from __future__ import annotations

import os
import subprocess
import sys

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
