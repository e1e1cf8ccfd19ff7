"""Observed time in the SQLite file: spans merged as fetches overlap, holes kept with their cause,
read back for a window only, and a database from before observed time upgraded without loss."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

from monitor.observed import ROLLED_OVER, Fetch, Snapshot, entry_keys, observe
from monitor.records import Entry
from monitor.store import MIGRATIONS, Store

T0 = datetime(2026, 11, 16, 6, 0, tzinfo=timezone.utc)
H = timedelta(hours=1)


def poll(store, at, names, dates, previous):
    entries = [(Entry(guid=n, url=None, title=n, summary="", content="", published=d), None, "ru", ())
               for n, d in zip(names, dates)]
    observation = observe(previous, Fetch(at, "entries", entry_keys(names), tuple(dates)))
    store.record_poll("paper", "https://paper.example/rss", at, ok=True, entries=entries, observation=observation)
    return observation.snapshot


def test_overlapping_fetches_make_one_span_and_a_rollover_a_hole(tmp_path):
    store = Store(tmp_path / "m.db")
    snap = poll(store, T0, ["a", "b"], [T0 - 5 * H, T0 - 2 * H], None)
    snap = poll(store, T0 + 3 * H, ["b", "c"], [T0 - 2 * H, T0 + H], snap)
    snap = poll(store, T0 + 6 * H, ["c", "d"], [T0 + H, T0 + 5 * H], snap)
    snap = poll(store, T0 + 20 * H, ["x", "y"], [T0 + 18 * H, T0 + 19 * H], snap)  # rolled over
    assert store.db.execute("SELECT COUNT(*) FROM observed_spans").fetchone()[0] == 2

    got = store.observations(["paper"], T0, T0 + 24 * H)["paper"]
    assert got.spans == ((T0 - 5 * H, T0 + 6 * H), (T0 + 18 * H, T0 + 20 * H))
    assert got.first_poll == T0 - 5 * H and got.legacy_until is None
    [hole] = [h for h in got.holes if h.start is not None]
    assert (hole.start, hole.end, hole.cause, hole.held, hole.gap) == (T0 + 6 * H, T0 + 18 * H, ROLLED_OVER, 2 * H, 14 * H)
    assert store.last_hole("paper") == hole

    later = store.observations(["paper"], T0 + 19 * H, T0 + 30 * H)["paper"]
    assert later.spans == ((T0 + 18 * H, T0 + 20 * H),) and later.holes == ()
    assert later.first_poll == T0 - 5 * H  # known however far the window is from the first poll
    # each new story keeps its own date as its time, the dates being article dates
    assert store.db.execute("SELECT story_at FROM articles WHERE guid = 'd'").fetchone()[0] == "2026-11-16T11:00:00+00:00"


def test_undated_or_build_time_entries_take_the_time_they_were_first_seen(tmp_path):
    store = Store(tmp_path / "m.db")
    poll(store, T0, ["a", "b", "c"], [T0 - H] * 3, None)  # one build time on every item
    assert {r[0] for r in store.db.execute("SELECT story_at FROM articles")} == {"2026-11-16T06:00:00+00:00"}


def test_a_database_from_before_observed_time_keeps_its_history(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for number in (1, 2):
        [script] = MIGRATIONS.glob(f"{number:04d}_*.sql")
        conn.executescript(script.read_text(encoding="utf-8") + f"\nPRAGMA user_version={number};")
    conn.execute("INSERT INTO feeds (id, url, last_attempt, last_success) VALUES ('paper', 'u', ?, ?)",
                 ["2026-11-10T08:00:00+00:00", "2026-11-10T07:00:00+00:00"])
    conn.executemany(
        "INSERT INTO articles (feed_id, guid, title, published, fetched, content_hash) VALUES ('paper', ?, 't', ?, ?, 'h')",
        [("dated", "2026-11-09T10:00:00+00:00", "2026-11-10T07:00:00+00:00"),
         ("undated", None, "2026-11-10T07:00:00+00:00"),
         ("wrong offset", "2026-11-10T10:00:00+00:00", "2026-11-10T07:00:00+00:00")])
    conn.commit()
    conn.close()

    store = Store(path)
    times = dict(store.db.execute("SELECT guid, story_at FROM articles").fetchall())
    assert times == {"dated": "2026-11-09T10:00:00+00:00", "undated": "2026-11-10T07:00:00+00:00",
                     "wrong offset": "2026-11-10T07:00:00+00:00"}
    assert store.observations(["paper"], T0, T0 + H)["paper"].legacy_until == datetime(2026, 11, 10, 8, tzinfo=timezone.utc)
    plan = " ".join(str(r) for r in store.db.execute(
        "EXPLAIN QUERY PLAN SELECT start_at, end_at FROM observed_spans WHERE feed_id = ? AND end_at > ? AND start_at < ?",
        ["paper", "a", "b"]).fetchall())
    assert "observed_spans_feed_end" in plan


def test_a_pinned_entry_proves_nothing_once_newer_stories_fell_out(tmp_path):
    """An undated feed keeps an announcement pinned above its five newest stories. Polled every two
    hours it overlaps by the stories; after a night without polls every story has changed and only
    the pinned entry is still there: the store kept when each entry was first seen, so the pinned
    one is known to have outlived newer stories and the night is a hole, not observed time."""
    store = Store(tmp_path / "m.db")

    def poll_feed(at, names):
        entries = [(Entry(guid=n, url=None, title=n, summary="", content="", published=None), None, "ru", ())
                   for n in names]
        store.record_poll("paper", "https://paper.example/rss", at, ok=True, entries=entries)

    stories = [f"s{n}" for n in range(1, 20)]
    poll_feed(T0, ["pinned"] + stories[0:5][::-1])
    poll_feed(T0 + 2 * H, ["pinned"] + stories[2:7][::-1])  # two new, two fell out: overlaps by s3-s5
    poll_feed(T0 + 4 * H, ["pinned"] + stories[4:9][::-1])
    poll_feed(T0 + 14 * H, ["pinned"] + stories[12:17][::-1])  # the night: nothing but the pin is left
    got = store.observations(["paper"], T0, T0 + 24 * H)["paper"]
    assert got.spans[0] == (T0, T0 + 4 * H)
    [hole] = [h for h in got.holes if h.start is not None]
    assert (hole.start, hole.end, hole.cause) == (T0 + 4 * H, T0 + 14 * H, ROLLED_OVER)
