"""The SQLite file: migrations, one transaction per feed, updates, and a second process."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime, timezone

import pytest

from monitor.errors import StoreError
from monitor.records import Entry, Evidence, Match, Mention
from monitor.store import Store

AT = datetime(2026, 11, 17, 8, 0, tzinfo=timezone.utc)


def entry(guid, title="Заголовок", url=None, content="Текст"):
    return Entry(guid=guid, url=url, title=title, summary="", content=content, published=AT)


def a_match(pid="by-mogilev-oblast--ru-bryansk-oblast"):
    mention = Mention("by-mogilev-oblast", "Могилёвская", 0, 11)
    return Match(pid, 0.9, (Evidence(mention, Mention("ru-bryansk-oblast", "Брянская", 14, 22), "s"),))


def test_migrations_apply_once_and_enable_wal(tmp_path):
    store = Store(tmp_path / "m.db")
    version = store.schema_version
    assert version >= 1
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    assert Store(tmp_path / "m.db").schema_version == version


def test_database_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "m.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version=999")
    with pytest.raises(StoreError, match="newer version"):
        Store(path)


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "m.db"
    path.write_bytes(b"this is a text file, not sqlite" * 100)
    with pytest.raises(StoreError, match="not a monitor database"):
        Store(path)


def test_one_story_is_stored_once_by_guid_and_by_canonical_url(tmp_path):
    store = Store(tmp_path / "m.db")
    rows = [(entry("g1", url="https://x.example/1"), "https://x.example/1", "ru", (a_match(),)),
            (entry("g1", url="https://x.example/1"), "https://x.example/1", "ru", (a_match(),))]
    assert store.record_poll("f", "https://x.example/rss", AT, ok=True, entries=rows) == (1, 0)
    # the same story from the outlet's other feed, reached with tracking parameters stripped
    other = [(entry("other-guid", url="https://x.example/1?utm_source=a"), "https://x.example/1", "ru", ())]
    assert store.record_poll("f2", "https://x.example/rss2", AT, ok=True, entries=other) == (0, 0)
    assert store.count("articles") == 1


def test_updated_entry_replaces_text_and_is_matched_again(tmp_path):
    store = Store(tmp_path / "m.db")
    store.record_poll("f", "u", AT, ok=True, entries=[(entry("g1"), None, "ru", (a_match(),))])
    changed = entry("g1", content="Новый текст без партнёров")
    assert store.record_poll("f", "u", AT, ok=True, entries=[(changed, None, "ru", ())]) == (0, 1)
    assert store.articles()[0].content == "Новый текст без партнёров"
    assert list(store.matched_stories()) == []
    hits = store.db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'партнёров'").fetchall()
    assert len(hits) == 1


def test_failed_poll_is_data_with_a_counter(tmp_path):
    store = Store(tmp_path / "m.db")
    for _ in range(3):
        store.record_poll("f", "u", AT, ok=False, error_kind="soft", error="HTTP 500")
    state = store.feed_state("f")
    assert state["consecutive_failures"] == 3 and state["last_error"] == "HTTP 500"
    store.record_poll("f", "u", AT, ok=True)
    assert store.feed_state("f")["consecutive_failures"] == 0
    assert [row.ok for row in store.fetch_log()] == [False, False, False, True]


def test_a_failed_write_leaves_nothing_half_written(tmp_path):
    store = Store(tmp_path / "m.db")

    def entries():
        yield entry("g1"), None, "ru", ()
        raise RuntimeError("crash in the middle of a feed")

    with pytest.raises(RuntimeError):
        store.record_poll("f", "u", AT, ok=True, entries=entries())
    assert store.count("articles") == 0 and store.fetch_log() == []


def test_second_process_waits_for_the_writer_then_proceeds(tmp_path):
    path = tmp_path / "m.db"
    Store(path).close()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sqlite3, time
        conn = sqlite3.connect({str(path)!r})
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO fetch_log (feed_id, at, ok) VALUES ('other', '2026-11-17T08:00:00+00:00', 1)")
        print("holding", flush=True)
        time.sleep(1.5)
        conn.commit()
    """)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "holding"
    store = Store(path)
    store.record_poll("f", "u", AT, ok=True, entries=[(entry("g1"), None, "ru", ())])
    holder.wait(timeout=10)
    assert {row.feed_id for row in store.fetch_log()} == {"other", "f"}


def test_candidates_are_read_page_by_page_once_and_again_only_under_new_matcher_code(tmp_path):
    store = Store(tmp_path / "m.db")
    store.record_poll("f", "u", AT, ok=True, entries=[(entry(f"g{i}", title=f"Статья {i}"), None, "ru", ())
                                                       for i in range(1203)])
    assert store.candidate_progress("code-1") == (0, 1203)
    pages = list(store.articles_to_read_for_candidates(0, page=100))
    assert [len(p) for p in pages] == [100] * 12 + [3]
    read = [a for p in pages for a in p]
    assert [a.title for a in read] == [f"Статья {i}" for i in range(1203)]
    for page in pages:  # the first article of every page reports a candidate
        store.record_candidates("code-1", [a.id for a in page], [("c-1", page[0].id, "by-x", "Икс", None, "s")])
    assert store.candidate_progress("code-1") == (read[-1].id, 0)
    ((key, _, partner, _, count, first, title, *_),) = store.candidate_sightings()
    assert (key, partner, count, first, title) == ("c-1", "Икс", 13, read[0].id, "Статья 0")
    # new matcher code: what the old one found is dropped and everything is read again
    assert store.candidate_progress("code-2") == (0, 1203)
    assert store.candidate_sightings() == []
