"""The SQLite database: schema migrations, and all the SQL the monitor runs.

Migrations are the numbered SQL files in db/migrations/, applied in order on open and recorded in
PRAGMA user_version. WAL mode lets the dashboard read while the poller writes. Every write that
belongs together (one feed's poll: its articles, their matches, its state and its log line) is one
transaction, so a crash at any moment leaves either all of it or none of it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterable, Iterator

import sqlite_utils

from .dedupe import Candidate, same_story
from .entry_dates import DateVerdict, judge_dates, story_time
from .errors import StoreError
from .files import why
from .observed import FeedObserved, Fetch, Hole, Observation, Snapshot, entry_keys, observe
from .records import Entry, FetchLogRow, Match, StoredArticle

MIGRATIONS = Path(__file__).resolve().parent.parent / "db" / "migrations"
SQLITE_MAX_INT = 2**63 - 1  # the largest id a row can have
BUSY_TIMEOUT_MS = 30_000  # a second monitor waits this long for the first to finish a feed's write


def iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def parse_iso(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def content_hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def snapshot_of(state: dict) -> Snapshot | None:
    """A feed's last successful fetch as the overlap rule compares it (from its feeds row); its
    entries are unknown when it came before observed time was recorded (an upgraded database)."""
    at = parse_iso(state.get("last_success"))
    if at is None:
        return None
    keys = state.get("seen_keys")
    since = state.get("seen_since")  # {first seen: [keys]}, grouped so each time is written once
    return Snapshot(at, frozenset(json.loads(keys)) if keys is not None else None,
                    {key: parse_iso(when) for when, group in json.loads(since).items() for key in group}
                    if since else None)


class Store:
    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._writing = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot make its folder ({why(exc)}); point --db or database in "
                             f"settings.toml at another place") from exc
        try:
            conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
            self.db = sqlite_utils.Database(conn)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(self._explain(exc)) from exc

    def _explain(self, exc: sqlite3.Error) -> str:
        return explain(self.path, exc)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic write. IMMEDIATE takes the write lock up front, so a second process waits
        (busy timeout) instead of failing when its read turns into a write. Threads sharing this
        connection (the scheduler's poll, report and housekeeping jobs) take turns."""
        with self._writing:
            self.db.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                if self.db.conn.in_transaction:
                    self.db.conn.execute("ROLLBACK")
                raise
            self.db.conn.execute("COMMIT")

    def close(self) -> None:
        self.db.conn.close()

    # --- migrations ------------------------------------------------------------------------

    def _migrate(self) -> None:
        # A file's number is its schema version; numbers may skip (work merged from parallel
        # branches reserves its own), so each file newer than the recorded version runs, in order.
        files = sorted((int(path.name[:4]), path) for path in MIGRATIONS.glob("[0-9][0-9][0-9][0-9]_*.sql"))
        current = self.db.execute("PRAGMA user_version").fetchone()[0]
        if files and current > files[-1][0]:
            raise StoreError(f"{self.path}: made by a newer version of the monitor (schema {current}); upgrade the monitor")
        for number, path in files:
            if number <= current:
                continue
            # executescript commits on its own; BEGIN/COMMIT inside keeps each migration atomic.
            self.db.conn.executescript(f"BEGIN;\n{path.read_text(encoding='utf-8')}\nPRAGMA user_version={number};\nCOMMIT;")

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    # --- feed state ------------------------------------------------------------------------

    def feed_state(self, feed_id: str) -> dict:
        cursor = self.db.execute("SELECT * FROM feeds WHERE id = ?", [feed_id])
        row = cursor.fetchone()
        if row is None:
            return {}
        return dict(zip([d[0] for d in cursor.description], row))

    def feed_states(self) -> dict[str, dict]:
        cursor = self.db.execute("SELECT * FROM feeds")
        columns = [d[0] for d in cursor.description]
        return {row[0]: dict(zip(columns, row)) for row in cursor.fetchall()}

    # --- one feed's poll, in one transaction -------------------------------------------------

    def record_poll(self, feed_id: str, url: str, at: datetime, *, ok: bool, status: int | None = None,
                    entries: Iterable[tuple[Entry, str | None, str | None, tuple[Match, ...]]] = (),
                    state: dict | None = None, error_kind: str | None = None, error: str | None = None,
                    duration_ms: int | None = None, same_outlet: tuple[str, ...] = (),
                    observation: Observation | None = None, error_code: str | None = None) -> tuple[int, int]:
        """Store a poll's result atomically: new or changed articles with their matches, the
        feed's state, what the fetch proved observed (its span and hole; without an observation
        the entries are all the fetch showed, and none an unchanged feed) and a fetch-log line.
        Entries are (entry, canonical url, lang, matches). same_outlet names the feeds (this one
        included) whose stories a near-identical headline repeats (within the feed itself GUIDs
        and links decide). Returns (new, updated)."""
        new = updated = 0
        entries = list(entries)
        state = dict(state or {})
        if ok and observation is None:
            # A caller with entries only: they are all the fetch showed, and none means nothing
            # changed since the last fetch (at a first fetch: an empty feed).
            keys = entry_keys(text for entry, canonical, *_ in entries for text in (entry.guid, canonical))
            previous = snapshot_of(self.feed_state(feed_id))
            observation = observe(previous, Fetch(at, "entries" if entries or previous is None else "unchanged",
                                                  keys, tuple(e.published for e, *_ in entries)))
        if observation is not None:
            snapshot = observation.snapshot
            state["seen_keys"] = None if snapshot.keys is None else json.dumps(sorted(snapshot.keys))
            groups: dict[str, list[str]] = {}
            for key, when in sorted((snapshot.since or {}).items()):
                groups.setdefault(iso(when), []).append(key)
            state["seen_since"] = json.dumps(groups, sort_keys=True) if groups else None
            if observation.horizon is not None:
                state["horizon_minutes"] = max(1, _minutes(observation.horizon))
        verdict = observation.dates if observation else judge_dates([e.published for e, *_ in entries], at)
        try:
            with self.transaction():
                # within one feed GUIDs and links decide; headlines only join the outlet's feeds
                others = tuple(f for f in same_outlet if f != feed_id)
                candidates = self._outlet_candidates(others, at) if others else None
                for entry, canonical, lang, matches in entries:
                    outcome = self._upsert_article(feed_id, entry, canonical, lang, at, matches, candidates, verdict)
                    new += outcome == "new"
                    updated += outcome == "updated"
                if observation is not None:
                    self._write_observation(feed_id, observation)
                self._write_state(feed_id, url, at, ok=ok, state=state, error_kind=error_kind, error=error)
                self.db.execute(
                    "INSERT INTO fetch_log (feed_id, at, ok, status, new_articles, error_kind, error, duration_ms,"
                    " error_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [feed_id, iso(at), int(ok), status, new, error_kind, error, duration_ms, error_code])
        except sqlite3.OperationalError as exc:
            raise StoreError(self._explain(exc), busy=_is_busy(exc)) from exc
        return new, updated

    def _upsert_article(self, feed_id: str, entry: Entry, canonical: str | None, lang: str | None,
                        at: datetime, matches: tuple[Match, ...], candidates: list[Candidate] | None = None,
                        verdict: DateVerdict = DateVerdict(True)) -> str:
        digest = content_hash(entry.title, entry.summary, entry.content)
        # The feed's own GUID first, so a changed link never points the update at another story.
        row = self.db.execute("SELECT id, content_hash FROM articles WHERE feed_id = ? AND guid = ?",
                              [feed_id, entry.guid]).fetchone()
        if row is None and canonical:
            row = self.db.execute("SELECT id, content_hash FROM articles WHERE canonical_url = ?",
                                  [canonical]).fetchone()
        if row is None and candidates is not None and same_story(entry.title, entry.published, candidates):
            return "duplicate"  # the outlet's other feed carried it first: one story is one story
        if row is not None and row[1] == digest:
            return "unchanged"
        if canonical and self.db.execute("SELECT 1 FROM articles WHERE canonical_url = ? AND id IS NOT ?",
                                         [canonical, row[0] if row else None]).fetchone():
            canonical = None  # another stored story owns this link; keep both without breaking the key
        values = [entry.url, canonical, entry.title, entry.summary, entry.content, lang,
                  iso(entry.published), iso(entry.updated), digest, entry.fulltext_note]
        if row is None:
            cursor = self.db.execute(
                "INSERT INTO articles (url, canonical_url, title, summary, content, lang, published, updated,"
                " content_hash, fulltext_note, feed_id, guid, fetched, story_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values + [feed_id, entry.guid, iso(at), iso(story_time(entry.published, at, verdict))])
            article_id, outcome = cursor.lastrowid, "new"
        else:
            # An updated entry replaces its text and is matched again.
            article_id, outcome = row[0], "updated"
            self.db.execute(
                "UPDATE articles SET url = ?, canonical_url = COALESCE(?, canonical_url), title = ?, summary = ?,"
                " content = ?, lang = ?, published = COALESCE(?, published), updated = ?, content_hash = ?,"
                " fulltext_note = ? WHERE id = ?",
                values + [article_id])
            self.db.execute("DELETE FROM matches WHERE article_id = ?", [article_id])
        for match in matches:
            self.db.execute(
                "INSERT INTO matches (article_id, partnership_id, score, evidence) VALUES (?, ?, ?, ?)",
                [article_id, match.partnership_id, match.score,
                 json.dumps([asdict(e) for e in match.evidence], ensure_ascii=False)])
        return outcome

    def _write_observation(self, feed_id: str, observation: Observation) -> None:
        """The fetch's observed span, merged with the feed's spans it touches, and its hole."""
        if observation.observed is not None:
            self._drop_kept_weeks(*observation.observed)
            self._merge_span(feed_id, *observation.observed)
        hole = observation.hole
        if hole is not None:
            self._drop_kept_weeks(hole.start, hole.end)
            self.db.execute(
                "INSERT INTO observed_holes (feed_id, start_at, end_at, cause, held_minutes, gap_minutes, error)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [feed_id, iso(hole.start), iso(hole.end), hole.cause, _minutes(hole.held), _minutes(hole.gap),
                 hole.error])

    def _drop_kept_weeks(self, start: datetime | None, end: datetime) -> None:
        """Kept weekly results that a newly observed span or hole reaches into are computed again."""
        self.db.execute("DELETE FROM week_results WHERE end_at > ? AND start_at < ?", [iso(start) or "", iso(end)])

    def _merge_span(self, feed_id: str, start: datetime, end: datetime) -> None:
        """An observed span, merged with the feed's spans it touches."""
        rows = self.db.execute(
            "SELECT rowid, start_at, end_at FROM observed_spans WHERE feed_id = ? AND end_at >= ? AND start_at <= ?",
            [feed_id, iso(start), iso(end)]).fetchall()
        for rowid, a, b in rows:
            start, end = min(start, parse_iso(a)), max(end, parse_iso(b))
            self.db.execute("DELETE FROM observed_spans WHERE rowid = ?", [rowid])
        self.db.execute("INSERT INTO observed_spans (feed_id, start_at, end_at) VALUES (?, ?, ?)",
                        [feed_id, iso(start), iso(end)])

    def record_observed(self, feed_id: str, start: datetime, end: datetime) -> None:
        """A span proven seen other than by a poll (a backfill that fetched every article its
        sitemaps list for it), merged into the feed's observed time."""
        with self.transaction():
            # The weeks it reaches into forget this feed's kept result only, so it is computed
            # again from the new span while the other feeds' kept results (perhaps from a fetch log
            # pruned since) stay as they were.
            self.db.execute("UPDATE week_results SET feeds = json_remove(feeds, ?) WHERE end_at > ? AND start_at < ?",
                            [f'$."{feed_id}"', iso(start), iso(end)])
            self._merge_span(feed_id, start, end)

    def _write_state(self, feed_id: str, url: str, at: datetime, *, ok: bool, state: dict,
                     error_kind: str | None, error: str | None) -> None:
        previous = self.feed_state(feed_id)
        failures = 0 if ok else int(previous.get("consecutive_failures") or 0) + 1
        row = dict(previous)  # columns added by later migrations keep their values unless state sets them
        row.update({
            "id": feed_id, "url": url, "last_attempt": iso(at),
            "last_success": iso(at) if ok else previous.get("last_success"),
            "consecutive_failures": failures,
            "last_error_kind": None if ok else error_kind,
            "last_error": None if ok else error,
            "etag": previous.get("etag"), "last_modified": previous.get("last_modified"),
            "content_hash": previous.get("content_hash"), "next_due": previous.get("next_due"),
            "moved_to": previous.get("moved_to"), "disabled_reason": previous.get("disabled_reason"),
        })
        row.update(state)
        # Plain SQL: sqlite-utils' upsert reads the table's schema on every call, which made it
        # most of a poll's write.
        columns = list(row)
        self.db.execute(
            f"INSERT INTO feeds ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            f" ON CONFLICT (id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in columns if c != 'id')}",
            [row[c] for c in columns])

    def _outlet_candidates(self, feed_ids: tuple[str, ...], at: datetime) -> list[Candidate]:
        """Recent stories of an outlet's feeds, for near-identical headline checks."""
        marks = ", ".join("?" * len(feed_ids))
        rows = self.db.execute(
            f"SELECT id, title, published FROM articles WHERE feed_id IN ({marks}) AND fetched >= ?",
            [*feed_ids, iso(at - timedelta(days=7))]).fetchall()
        return [Candidate(r[0], r[1], parse_iso(r[2])) for r in rows]

    # --- feed state the poller and the admin commands read and change ------------------------

    def entry_times(self, feed_id: str, since: datetime) -> list[datetime]:
        """The feed's stored stories' times (entry_dates.story_time) since a moment."""
        rows = self.db.execute("SELECT story_at FROM articles WHERE feed_id = ? AND story_at >= ?",
                               [feed_id, iso(since)]).fetchall()
        return [parse_iso(r[0]) for r in rows]

    def guids_with_page_text(self, feed_id: str, guids: list[str]) -> set[str]:
        """Which of these stories of a feed are stored with their full text (from the feed or the
        article page); the others kept only their lead (with a note why) or are new. Called from
        the poller's worker threads, so it reads on a connection of its own."""
        found: set[str] = set()
        conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            for start in range(0, len(guids), 500):
                chunk = guids[start:start + 500]
                marks = ", ".join("?" * len(chunk))
                found.update(r[0] for r in conn.execute(
                    f"SELECT guid FROM articles WHERE feed_id = ? AND guid IN ({marks}) AND fulltext_note IS NULL",
                    [feed_id, *chunk]))
        finally:
            conn.close()
        return found

    def recent_guids(self, feed_id: str, since: datetime) -> set[str]:
        """A source's stories of since a moment (by their story time, an index range, so a poll's
        read does not grow with the source's history): a sitemap or listing poll fetches only the
        pages not among them (older listed articles are backfill's)."""
        return {r[0] for r in self.db.execute(
            "SELECT guid FROM articles WHERE feed_id = ? AND story_at >= ?", [feed_id, iso(since)]).fetchall()}

    # --- backfill: what was read from a sitemap or listing source, to resume without refetching --

    def source_pages(self, feed_id: str, kind: str) -> dict[str, tuple[datetime, bool]]:
        """The sitemaps or listing pages of a source read before: url → (when, ok)."""
        return {r[0]: (parse_iso(r[1]), bool(r[2])) for r in self.db.execute(
            "SELECT url, fetched, ok FROM source_pages WHERE feed_id = ? AND kind = ?",
            [feed_id, kind]).fetchall()}

    def record_listed(self, feed_id: str, page_url: str, kind: str, at: datetime,
                      listed: Iterable[tuple[str, datetime | None, str | None]]) -> None:
        """One sitemap or listing page read: the page, and the article addresses it gave
        (url, date, title), in one transaction."""
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO source_pages (url, feed_id, kind, fetched, ok)"
                            " VALUES (?, ?, ?, ?, 1)", [page_url, feed_id, kind, iso(at)])
            self.db.conn.executemany(
                "INSERT INTO source_listed (feed_id, url, published, title) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (feed_id, url) DO UPDATE SET published = COALESCE(excluded.published, published),"
                " title = COALESCE(excluded.title, title)",
                [(feed_id, url, iso(published), title) for url, published, title in listed])

    def listed_to_fetch(self, feed_id: str, since: datetime, until: datetime,
                        urls: Iterable[str] | None = None) -> list[tuple[str, datetime | None, str | None]]:
        """The listed articles of a source in [since, until) (or undated) that no backfill fetched
        and that are not stored yet, newest first; only among `urls` when given (one listing page)."""
        sql = ("SELECT l.url, l.published, l.title FROM source_listed l WHERE l.feed_id = ?"
               " AND (l.published IS NULL OR (l.published >= ? AND l.published < ?))"
               " AND NOT EXISTS (SELECT 1 FROM source_pages p WHERE p.url = l.url)"
               " AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.feed_id = l.feed_id AND a.guid = l.url)")
        params: list = [feed_id, iso(since), iso(until)]
        if urls is not None:
            urls = list(urls)
            sql += f" AND l.url IN ({', '.join('?' * len(urls))})"
            params += urls
        rows = self.db.execute(sql + " ORDER BY l.published IS NULL, l.published DESC", params).fetchall()
        return [(r[0], parse_iso(r[1]), r[2]) for r in rows]

    def listed_summary(self, feed_id: str) -> tuple[int, int, datetime | None]:
        """How many articles a source's sitemaps listed, how many of them with a date, and the oldest date."""
        row = self.db.execute("SELECT COUNT(*), COUNT(published), MIN(published) FROM source_listed WHERE feed_id = ?",
                              [feed_id]).fetchone()
        return row[0], row[1], parse_iso(row[2])

    def listed_dates(self, feed_id: str, urls: Iterable[str]) -> dict[str, datetime | None]:
        """The stored date of each given article of a source (its page's date once fetched, else
        the date its sitemap gave)."""
        out = {}
        for url in urls:
            row = self.db.execute(
                "SELECT COALESCE((SELECT published FROM articles WHERE feed_id = ? AND guid = ?),"
                " (SELECT published FROM source_listed WHERE feed_id = ? AND url = ?))",
                [feed_id, url, feed_id, url]).fetchone()
            out[url] = parse_iso(row[0]) if row else None
        return out

    def record_backfilled(self, feed_id: str, page_url: str, at: datetime,
                          entry: tuple[Entry, str | None, str | None, tuple[Match, ...]] | None,
                          note: str | None = None, same_outlet: tuple[str, ...] = ()) -> str:
        """One article page a backfill fetched: the article stored and matched like a polled one,
        and the page marked fetched, in one transaction, so a rerun never fetches it again.
        Returns new, updated, unchanged or duplicate (or "failed" with a note)."""
        outcome = "failed"
        try:
            with self.transaction():
                if entry is not None:
                    others = tuple(f for f in same_outlet if f != feed_id)
                    candidates = self._outlet_candidates(others, at) if others else None
                    article, canonical, lang, matches = entry
                    outcome = self._upsert_article(feed_id, article, canonical, lang, at, matches, candidates)
                self.db.execute("INSERT OR REPLACE INTO source_pages (url, feed_id, kind, fetched, ok, note)"
                                " VALUES (?, ?, 'article', ?, ?, ?)", [page_url, feed_id, iso(at), int(entry is not None), note])
        except sqlite3.OperationalError as exc:
            raise StoreError(self._explain(exc)) from exc
        return outcome

    def reset_feed(self, feed_id: str) -> bool:
        """Forget a feed's 410 disabling and backoff so it is polled again at the next pass (after
        an admin enables it). Returns whether there was state to reset."""
        with self.transaction():
            cursor = self.db.execute(
                "UPDATE feeds SET disabled_reason = NULL, disabled_at = NULL, next_due = NULL WHERE id = ?", [feed_id])
        return cursor.rowcount > 0

    def forget_move(self, feed_id: str) -> None:
        """The admin copied the new address into feeds.toml (or chose another): stop using moved_to."""
        with self.transaction():
            self.db.execute("UPDATE feeds SET moved_to = NULL, moved_at = NULL WHERE id = ?", [feed_id])

    # --- dashboard sessions: only a hash of each id, so the database opens no session ----------

    def open_session(self, session_id: str, now: datetime, expires: datetime) -> None:
        with self.transaction():
            # Sessions long over are dropped as new ones open, so the table stays small.
            self.db.execute("DELETE FROM dashboard_sessions WHERE expires < ?", [iso(now - timedelta(days=1))])
            self.db.execute("INSERT INTO dashboard_sessions (id_hash, created, expires) VALUES (?, ?, ?)",
                            [_session_hash(session_id), iso(now), iso(expires)])

    def session_is_open(self, session_id: str, now: datetime) -> bool:
        row = self.db.execute("SELECT 1 FROM dashboard_sessions WHERE id_hash = ? AND ended IS NULL AND expires > ?",
                              [_session_hash(session_id), iso(now)]).fetchone()
        return row is not None

    def end_session(self, session_id: str, now: datetime) -> None:
        with self.transaction():
            self.db.execute("UPDATE dashboard_sessions SET ended = ? WHERE id_hash = ? AND ended IS NULL",
                            [iso(now), _session_hash(session_id)])

    # --- reads ------------------------------------------------------------------------------

    def fetch_log(self, since: datetime | None = None, until: datetime | None = None) -> list[FetchLogRow]:
        where, params = _between("at", since, until)
        sql = f"SELECT feed_id, at, ok, error_kind, error, error_code FROM fetch_log WHERE {where} ORDER BY at, id"
        return [_log_row(r) for r in self.db.execute(sql, params).fetchall()]

    def polled_feeds(self) -> set[str]:
        """Every feed that has a state, so a fetch log: the feeds table, not a scan of the log."""
        return {r[0] for r in self.db.execute("SELECT id FROM feeds").fetchall()}

    def last_poll_before(self, moment: datetime, feed_ids: Iterable[str] | None = None) -> dict[str, FetchLogRow]:
        """Each feed's last attempt before a moment: whether a window started healthy. One index
        seek per feed, however long the log."""
        rows = self.db.execute(
            "SELECT g.feed_id, g.at, g.ok, g.error_kind, g.error, g.error_code FROM feeds f JOIN fetch_log g ON g.id ="
            " (SELECT h.id FROM fetch_log h WHERE h.feed_id = f.id AND h.at < ? ORDER BY h.at DESC, h.id DESC LIMIT 1)",
            [iso(moment)]).fetchall()
        wanted = None if feed_ids is None else set(feed_ids)
        return {r[0]: _log_row(r) for r in rows if wanted is None or r[0] in wanted}

    def collection_log(self, since: datetime, until: datetime, feed_ids: Iterable[str] | None = None
                       ) -> list[FetchLogRow]:
        """The attempts in [since, until) that decide whether each feed was collected: every failed
        attempt, each feed's first success, and the first success after each failure. The other
        successes change nothing (a success while the feed is healthy ends no outage), so reading
        them would only make a year-long window cost a year of polls."""
        start, end = iso(since), iso(until)
        wanted = None if feed_ids is None else set(feed_ids)
        success_from = ("SELECT s.at FROM fetch_log s WHERE s.feed_id = {feed} AND s.at {op} {moment} AND s.at < :end"
                        " AND s.ok = 1 ORDER BY s.at LIMIT 1")
        rows, successes = [], set()
        for feed_id, at, ok, error_kind, error, error_code, recovered in self.db.execute(
                "SELECT f.feed_id, f.at, f.ok, f.error_kind, f.error, f.error_code, (" + success_from.format(feed="f.feed_id", op=">", moment="f.at")
                + ") FROM fetch_log f WHERE f.ok = 0 AND f.at >= :start AND f.at < :end ORDER BY f.at, f.id",
                {"start": start, "end": end}).fetchall():
            if wanted is None or feed_id in wanted:
                rows.append(FetchLogRow(feed_id, parse_iso(at), False, error_kind, error, error_code))
                if recovered is not None:
                    successes.add((feed_id, recovered))
        for feed_id, first in self.db.execute(
                "SELECT f.id, (" + success_from.format(feed="f.id", op=">=", moment=":start") + ") FROM feeds f",
                {"start": start, "end": end}).fetchall():
            if first is not None and (wanted is None or feed_id in wanted):
                successes.add((feed_id, first))
        rows += [FetchLogRow(feed_id, parse_iso(at), True) for feed_id, at in sorted(successes)]
        return rows

    def observations(self, feed_ids: Iterable[str], start: datetime, end: datetime) -> dict[str, FeedObserved]:
        """Each feed's observed spans and holes that reach into [start, end), how far back its first
        fetch saw and where its history from before observed time ends. Seeks by (feed, end), so
        a year of history costs no more than a week; all feeds in one statement of each kind (the
        list as JSON), since four statements a feed made 300 feeds' twelve weeks 14,000 statements."""
        feed_ids = list(feed_ids)
        listed = json.dumps(feed_ids)
        spans: dict[str, list] = {}
        for feed_id, a, b in self.db.execute(
                "SELECT feed_id, start_at, end_at FROM observed_spans WHERE feed_id IN (SELECT value FROM json_each(?))"
                " AND end_at > ? AND start_at < ? ORDER BY feed_id, end_at", [listed, iso(start), iso(end)]).fetchall():
            spans.setdefault(feed_id, []).append((parse_iso(a), parse_iso(b)))
        holes: dict[str, list] = {}
        for row in self.db.execute(
                "SELECT feed_id, start_at, end_at, cause, held_minutes, gap_minutes, error FROM observed_holes"
                " WHERE feed_id IN (SELECT value FROM json_each(?)) AND end_at > ? AND (start_at IS NULL OR start_at < ?)"
                " ORDER BY feed_id, end_at", [listed, iso(start), iso(end)]).fetchall():
            holes.setdefault(row[0], []).append(_hole(row[1:]))
        # the first fetch's hole ends before any other: the earliest by the index
        first = {feed_id: (a, b) for feed_id, a, b in self.db.execute(
            "SELECT h.feed_id, h.start_at, h.end_at FROM observed_holes h WHERE h.rowid IN (SELECT (SELECT g.rowid"
            " FROM observed_holes g WHERE g.feed_id = v.value ORDER BY g.end_at LIMIT 1) FROM json_each(?) v)",
            [listed]).fetchall()}
        legacy = dict(self.db.execute("SELECT id, legacy_until FROM feeds WHERE id IN (SELECT value FROM json_each(?))",
                                      [listed]).fetchall())
        out = {}
        for feed_id in feed_ids:
            a, b = first.get(feed_id, (None, None))
            out[feed_id] = FeedObserved(feed_id, tuple(spans.get(feed_id, ())), tuple(holes.get(feed_id, ())),
                                        first_poll=parse_iso(b) if b is not None and a is None else None,
                                        legacy_until=parse_iso(legacy.get(feed_id)))
        return out

    def last_hole(self, feed_id: str) -> Hole | None:
        """The feed's latest hole other than before its first poll."""
        row = self.db.execute(
            "SELECT start_at, end_at, cause, held_minutes, gap_minutes, error FROM observed_holes"
            " WHERE feed_id = ? AND start_at IS NOT NULL ORDER BY end_at DESC LIMIT 1", [feed_id]).fetchone()
        return _hole(row) if row else None

    def matched_stories(self, since: datetime | None = None, until: datetime | None = None
                        ) -> Iterator[tuple[str, float, str, StoredArticle]]:
        """(partnership id, score, evidence JSON, article) for every match, by the story's time
        (its trusted date, else when it was first seen: entry_dates.story_time), an index range over
        the matches' copy of that time."""
        where, params = _between("m.story_at", since, until)
        sql = ("SELECT m.partnership_id, m.score, m.evidence, a.id, a.feed_id, a.guid, a.url, a.title, a.summary,"
               " a.content, a.lang, a.published, a.fetched, a.story_at FROM matches m JOIN articles a"
               f" ON a.id = m.article_id WHERE {where} ORDER BY m.story_at, a.id")
        for row in self.db.execute(sql, params).fetchall():
            yield row[0], row[1], row[2], _article(row[3:])

    def outlet_counts(self, feed_ids: Iterable[str], since: datetime, until: datetime,
                      bucket_days: int) -> dict[tuple[str, int], tuple[int, int]]:
        """{(feed id, window number from `since`): (stories, stories matched to any partnership)},
        each story at its story time, as coverage counts it. The stories: one grouped query over the
        articles_feed_story index; the matched ones: one over the matches' own copy of the story
        time (kept equal by triggers), not a look-up of matches for every article."""
        feed_ids = list(feed_ids)
        if not feed_ids:
            return {}
        listed, bounds = json.dumps(feed_ids), [iso(since), iso(until)]
        bucket = "CAST((julianday({}) - julianday(:since)) / :days AS INTEGER)"
        params = {"feeds": listed, "since": bounds[0], "until": bounds[1], "days": bucket_days}
        # CROSS JOIN keeps this order: from the window's matches to their articles, never from the
        # feeds' articles of all time to their matches.
        matched = {(row[0], row[1]): row[2] for row in self.db.execute(
            f"SELECT a.feed_id, {bucket.format('m.story_at')} AS n, COUNT(DISTINCT m.article_id) FROM matches m"
            " CROSS JOIN articles a ON a.id = m.article_id WHERE m.story_at >= :since AND m.story_at < :until"
            " AND a.feed_id IN (SELECT value FROM json_each(:feeds)) GROUP BY a.feed_id, n", params).fetchall()}
        rows = self.db.execute(
            f"SELECT a.feed_id, {bucket.format('a.story_at')} AS n, COUNT(*) FROM articles a"
            " WHERE a.feed_id IN (SELECT value FROM json_each(:feeds)) AND a.story_at >= :since AND a.story_at < :until"
            " GROUP BY a.feed_id, n", params).fetchall()
        return {(row[0], row[1]): (row[2], matched.get((row[0], row[1]), 0)) for row in rows}

    def last_covered(self) -> dict[str, datetime]:
        """Each partnership's newest matched story (by story time): one grouped pass over the
        (partnership, story time) index of the matches, for the calendar's "last covered"."""
        rows = self.db.execute("SELECT partnership_id, MAX(story_at) FROM matches GROUP BY partnership_id").fetchall()
        return {row[0]: parse_iso(row[1]) for row in rows if row[1]}

    def last_story_before(self, moment: datetime, partnership_ids: Iterable[str]) -> dict[str, datetime]:
        """Each partnership's latest matched story before a moment: one index seek each."""
        found = {}
        for pid in partnership_ids:
            row = self.db.execute("SELECT MAX(story_at) FROM matches WHERE partnership_id = ? AND story_at < ?",
                                  [pid, iso(moment)]).fetchone()
            if row[0] is not None:
                found[pid] = parse_iso(row[0])
        return found

    # Kept weekly results (week_results.py) and pruning of the raw fetch log.

    def kept_week(self, since: datetime, until: datetime) -> tuple[str, str] | None:
        """(key, feeds JSON) kept for the window [since, until), if any."""
        row = self.db.execute("SELECT key, feeds FROM week_results WHERE start_at = ? AND end_at = ?",
                              [iso(since), iso(until)]).fetchone()
        return (row[0], row[1]) if row else None

    def keep_week(self, since: datetime, until: datetime, key: str, computed_at: datetime, feeds_json: str) -> None:
        """Keep a window's results; call it inside the transaction that read what they were computed from."""
        self.db.execute("INSERT OR REPLACE INTO week_results (start_at, end_at, key, computed_at, feeds)"
                        " VALUES (?, ?, ?, ?, ?)", [iso(since), iso(until), key, iso(computed_at), feeds_json])

    def oldest_attempt(self) -> datetime | None:
        """When the oldest attempt still in the fetch log was made."""
        row = self.db.execute("SELECT MIN(g.at) FROM feeds f JOIN fetch_log g ON g.id ="
                              " (SELECT h.id FROM fetch_log h WHERE h.feed_id = f.id ORDER BY h.at LIMIT 1)").fetchone()
        return parse_iso(row[0])

    def pruned_before(self) -> datetime | None:
        """The latest cut of the raw fetch log: attempts before it are gone (but each feed's last)."""
        return parse_iso(self.db.execute("SELECT MAX(pruned_before) FROM prune_marks").fetchone()[0])

    def prune_fetch_log(self, before: datetime, now: datetime) -> int:
        """Remove the raw fetch log's attempts before a moment, keeping each feed's last one before
        it (a window after the cut starts from it). Returns how many were removed. Kept weekly
        results are not touched: no trigger fires on a delete."""
        with self.transaction():
            removed = 0
            for feed_id in sorted(self.polled_feeds()):
                last = self.db.execute("SELECT id FROM fetch_log WHERE feed_id = ? AND at < ? ORDER BY at DESC, id DESC"
                                       " LIMIT 1", [feed_id, iso(before)]).fetchone()
                if last is not None:
                    removed += self.db.execute("DELETE FROM fetch_log WHERE feed_id = ? AND at < ? AND id != ?",
                                               [feed_id, iso(before), last[0]]).rowcount
            self.db.execute("INSERT INTO prune_marks (pruned_before, pruned_at) VALUES (?, ?)", [iso(before), iso(now)])
        return removed

    # Candidates from the news, kept per article (catalogue.review finds them, the facade asks).

    def candidate_progress(self, code: str) -> tuple[int, int]:
        """(the id up to which every article has been read for candidates by matcher `code`,
        articles still to read). Sightings found by other code are dropped first: read all anew."""
        row = self.db.execute("SELECT through FROM candidate_scan WHERE code = ?", [code]).fetchone()
        if row is None:
            with self.transaction():
                for table in ("candidate_scan", "candidate_sightings", "candidate_rescan"):
                    self.db.execute(f"DELETE FROM {table}")
                self.db.execute("INSERT INTO candidate_scan (code, through) VALUES (?, 0)", [code])
            row = (0,)
        through = row[0]
        todo = self.db.execute("SELECT (SELECT COUNT(*) FROM articles WHERE id > ?)"
                               " + (SELECT COUNT(*) FROM candidate_rescan)", [through]).fetchone()[0]
        return through, todo

    def articles_to_read_for_candidates(self, through: int, page: int = 500) -> Iterator[list[StoredArticle]]:
        """Pages of the articles changed since they were read, then of those stored after `through`."""
        changed = [row[0] for row in self.db.execute("SELECT article_id FROM candidate_rescan ORDER BY article_id")]
        for start in range(0, len(changed), page):
            ids = changed[start:start + page]
            yield [_article(row) for row in self.db.execute(
                "SELECT id, feed_id, guid, url, title, summary, content, lang, published, fetched FROM articles"
                " WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id", [json.dumps(ids)])]
        last = through
        while True:
            rows = self.db.execute(
                "SELECT id, feed_id, guid, url, title, summary, content, lang, published, fetched FROM articles"
                " WHERE id > ? ORDER BY id LIMIT ?", [last, page]).fetchall()
            if rows:
                yield list(map(_article, rows))
            if len(rows) < page:
                return
            last = rows[-1][0]

    def record_candidates(self, code: str, read: list[int], sightings: list[tuple]) -> None:
        """Keep what reading the articles `read` found: (key, article id, belarusian, partner,
        partner id, sentence) rows. One transaction, so an interrupted reading keeps every page
        before it."""
        with self.transaction():
            ids = json.dumps(read)
            self.db.execute("DELETE FROM candidate_sightings WHERE article_id IN (SELECT value FROM json_each(?))", [ids])
            self.db.execute("DELETE FROM candidate_rescan WHERE article_id IN (SELECT value FROM json_each(?))", [ids])
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO candidate_sightings (key, article_id, belarusian, partner, partner_id, sentence)"
                " VALUES (?, ?, ?, ?, ?, ?)", sightings)
            self.db.execute("UPDATE candidate_scan SET through = MAX(through, ?) WHERE code = ?", [max(read, default=0), code])

    def candidate_sightings(self) -> list[tuple]:
        """Per candidate key: (key, belarusian, partner, partner id, articles, first article's id,
        title, url, and the sentence there), the first article being the earliest stored."""
        return self.db.execute(
            "SELECT s.key, s.belarusian, s.partner, s.partner_id, n.count, a.id, a.title, a.url, s.sentence"
            " FROM (SELECT key, MIN(article_id) AS first, COUNT(*) AS count FROM candidate_sightings GROUP BY key) n"
            " JOIN candidate_sightings s ON s.key = n.key AND s.article_id = n.first"
            " JOIN articles a ON a.id = n.first").fetchall()

    def articles(self, limit: int | None = None) -> list[StoredArticle]:
        sql = ("SELECT id, feed_id, guid, url, title, summary, content, lang, published, fetched FROM articles"
               " ORDER BY id")
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [_article(row) for row in self.db.execute(sql).fetchall()]

    # Reads for the dashboard: one partnership's stories, one article and what it matched.

    def partnership_articles(self, partnership_id: str) -> list[tuple[float, str, StoredArticle]]:
        """(score, evidence JSON, article) for every stored story matched to a partnership, newest first."""
        rows = self.db.execute(
            "SELECT m.score, m.evidence, a.id, a.feed_id, a.guid, a.url, a.title, a.summary, a.content, a.lang,"
            " a.published, a.fetched FROM matches m JOIN articles a ON a.id = m.article_id"
            " WHERE m.partnership_id = ? ORDER BY COALESCE(a.published, a.fetched) DESC, a.id DESC",
            [partnership_id]).fetchall()
        return [(row[0], row[1], _article(row[2:])) for row in rows]

    def article(self, article_id: int) -> StoredArticle | None:
        if not 0 < article_id <= SQLITE_MAX_INT:
            return None  # no such row, and SQLite could not even be asked about it
        row = self.db.execute(
            "SELECT id, feed_id, guid, url, title, summary, content, lang, published, fetched FROM articles"
            " WHERE id = ?", [article_id]).fetchone()
        return _article(row) if row else None

    def article_matches(self, article_id: int) -> list[tuple[str, float, str]]:
        """(partnership id, score, evidence JSON) for one article, surest first."""
        if not 0 < article_id <= SQLITE_MAX_INT:
            return []
        return [tuple(row) for row in self.db.execute(
            "SELECT partnership_id, score, evidence FROM matches WHERE article_id = ? ORDER BY score DESC,"
            " partnership_id", [article_id]).fetchall()]

    def count(self, table: str) -> int:
        return self.db[table].count

    def record_report(self, created: datetime, window_from: str, window_to: str, scope: dict,
                      fmt: str, path: str | None, delivered_to: str | None = None) -> None:
        with self.transaction():
            self.db["reports"].insert({"created": iso(created), "window_from": window_from,
                                       "window_to": window_to, "scope": json.dumps(scope, sort_keys=True),
                                       "format": fmt, "path": path, "delivered_to": delivered_to})

    def report_delivered(self, window_from: str, scope: dict, delivered_to: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM reports WHERE window_from = ? AND scope = ? AND delivered_to = ?",
            [window_from, json.dumps(scope, sort_keys=True), delivered_to]).fetchone()
        return row is not None


def explain(path: Path | str, exc: sqlite3.Error) -> str:
    """A database error in the admin's words: what is wrong with which file, and what to do."""
    text = str(exc)
    if _is_busy(exc):
        return (f"{path}: the database is busy: another monitor process is writing to it; "
                f"wait for it to finish or stop it")
    if "not a database" in text:
        return f"{path}: not a monitor database ({text}); point --db at another file"
    if "malformed" in text or "corrupt" in text:
        return (f"{path}: the database file is damaged ({text}); restore it from a backup, or try "
                f"`sqlite3 {path} .recover`, then run again")
    if "full" in text or "disk I/O error" in text:  # SQLite says I/O error when its journal cannot grow
        return f"{path}: the disk is full ({text}); free some space and run again: nothing stored is lost"
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return (f"{path}: cannot open the database for writing ({text}); make the file and its folder writable "
                f"(SQLite writes journal files beside it), or point --db at another place")
    return f"{path}: {text}"


def _is_busy(exc: sqlite3.Error) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _between(column: str, since: datetime | None, until: datetime | None) -> tuple[str, list]:
    """A WHERE clause for `since <= column < until`, either end optional."""
    clauses, params = ["1=1"], []
    if since:
        clauses.append(f"{column} >= ?")
        params.append(iso(since))
    if until:
        clauses.append(f"{column} < ?")
        params.append(iso(until))
    return " AND ".join(clauses), params


def _session_hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8")).hexdigest()


def _minutes(span: timedelta | None) -> int | None:
    return None if span is None else round(span.total_seconds() / 60)


def _hole(r) -> Hole:
    return Hole(parse_iso(r[0]), parse_iso(r[1]), r[2], None if r[3] is None else timedelta(minutes=r[3]),
                None if r[4] is None else timedelta(minutes=r[4]), r[5])


def _log_row(r) -> FetchLogRow:
    return FetchLogRow(feed_id=r[0], at=parse_iso(r[1]), ok=bool(r[2]), error_kind=r[3], error=r[4], error_code=r[5])


def _article(row) -> StoredArticle:
    return StoredArticle(id=row[0], feed_id=row[1], guid=row[2], url=row[3], title=row[4], summary=row[5],
                         content=row[6], lang=row[7], published=parse_iso(row[8]), fetched=parse_iso(row[9]),
                         story_at=parse_iso(row[10]) if len(row) > 10 else None)
