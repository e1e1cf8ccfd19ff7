"""One feed's pipeline (fetch → parse → match → store) and a pass over many feeds.

Fetching, parsing and matching run in worker threads, at most `concurrency` at once and at most
`per_host` against any one server. Writing stays on the calling thread, one transaction per feed,
so SQLite never sees two writers from this process. A feed's failure is data: it is stored as the
feed's last error and a fetch-log line, and the pass goes on.
"""

from __future__ import annotations

import logging
import os
import random
import threading
import time
from collections import defaultdict
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urlsplit

import httpx

from . import schedule
from .entry_dates import judge_dates
from .errors import FetchError, ParseError, StoreError
from .fetch import fetch
from .files import take_flock, why
from .fulltext import PageReader, RobotsCache, requested, wants_page
from .observed import Fetch, entry_keys, observe
from .parse import canonical_url, parse_feed
from .records import ArticleText, Entry, Feed, FetchResult, Match, PollOutcome, Settings
from .sources import KNOWN_FOR
from .store import Store, content_hash, iso, parse_iso, snapshot_of

Clock = Callable[[], datetime]
KnownPages = Callable[[str, list[str]], set[str]]  # (feed id, guids) -> those whose page text is stored
log = logging.getLogger("monitor")
_rng = random.Random()  # jitter only; tests pass their own


@dataclass(frozen=True)
class Fetched:
    """The work done off the writer thread for one feed."""

    feed: Feed
    started: datetime
    result: FetchResult | None = None
    entries: tuple[tuple[Entry, str | None, str | None, tuple[Match, ...]], ...] = ()
    body_hash: str | None = None
    error: FetchError | ParseError | None = None
    duration_ms: int = 0
    answer: str = "entries"  # "not_modified" (304), "unchanged" (the same bytes) or "entries"
    keys: frozenset[str] = frozenset()  # every entry's GUID and canonical URL (observed.entry_keys)
    dates: tuple[datetime | None, ...] = ()  # every entry's date, for the overlap with the last fetch


class HostLimiter:
    """At most n requests at once per host name."""

    def __init__(self, per_host: int):
        self.per_host = per_host
        self._lock = threading.Lock()
        self._semaphores: dict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(per_host))

    def __call__(self, url: str) -> threading.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            return self._semaphores[host]


def effective_url(feed: Feed, state: dict) -> str:
    """Where to fetch: the address a permanent redirect moved the feed to, unless the admin has
    since changed the feed's URL in feeds.toml (then the admin's word wins)."""
    if state.get("moved_to") and state.get("url") in (None, feed.url):
        return state["moved_to"]
    return feed.url


def fetch_and_match(feed: Feed, state: dict, client: httpx.Client, settings: Settings, matcher,
                    limiter: HostLimiter, clock: Clock, pages: PageReader | None = None,
                    known_pages: KnownPages | None = None) -> Fetched:
    started = clock()
    t0 = time.perf_counter()
    url = effective_url(feed, state)
    if feed.kind != "feed":
        return fetch_source(feed, state, client, settings, matcher, limiter, pages, started, t0)
    try:
        with limiter(url):
            result = fetch(client, url, settings.limits, etag=state.get("etag"),
                           last_modified=state.get("last_modified"))
        if result.body is None:
            return Fetched(feed, started, result=result, duration_ms=_ms(t0), answer="not_modified")
        body_hash = content_hash(result.body.decode("latin-1"))
        if body_hash == state.get("content_hash"):
            # Same bytes under a new ETag: nothing to parse.
            return Fetched(feed, started, result=result, body_hash=body_hash, duration_ms=_ms(t0), answer="unchanged")
        entries = parse_feed(result.body, result.content_type, settings.limits.max_entries_per_poll)
        # every entry the feed holds, before full text leaves out the known ones: what overlap compares
        keys = entry_keys(text for entry in entries for text in (entry.guid, canonical_url(entry.url)))
        dates = tuple(entry.published for entry in entries)
        if feed.fulltext is not False and pages is not None:
            entries = with_full_text(entries, feed, known_pages or (lambda feed_id, guids: set()), client,
                                     settings, limiter, pages)
        matched = []
        for entry in entries:
            article = ArticleText(id=entry.guid, title=entry.title, summary=entry.summary,
                                  content=entry.content, lang=feed.language, url=entry.url)
            matched.append((entry, canonical_url(entry.url), feed.language, tuple(matcher.match(article))))
        return Fetched(feed, started, result=result, entries=tuple(matched), body_hash=body_hash,
                       duration_ms=_ms(t0), keys=keys, dates=dates)
    except (FetchError, ParseError) as exc:
        return Fetched(feed, started, error=exc, duration_ms=_ms(t0))


def fetch_source(feed: Feed, state: dict, client: httpx.Client, settings: Settings, matcher,
                 limiter: HostLimiter, pages: PageReader | None, started: datetime, t0: float) -> Fetched:
    """A sitemap or listing page source: its new article links fetched as pages (sources.py), every
    request under the page politeness (robots.txt, one at a time per site, the delay).
    Overlap with the previous poll is judged by everything it lists, as a feed's by all its entries:
    a listing proves the time back to its oldest link when a link of the previous poll is still on it."""
    from .sources import PageFetcher, canonical, new_entries

    try:
        entries, listed = new_entries(feed, state.get("guids") or set(), PageFetcher(client, settings.limits, limiter, reader=pages),
                                      settings.limits, settings.timezone, started)
    except FetchError as exc:
        return Fetched(feed, started, error=exc, duration_ms=_ms(t0))
    matched = [(entry, canonical_url(entry.url), feed.language,
                tuple(matcher.match(ArticleText(id=entry.guid, title=entry.title, summary=entry.summary,
                                                content=entry.content, lang=feed.language, url=entry.url))))
               for entry in entries]
    return Fetched(feed, started, result=FetchResult(url=feed.url, status=200, body=None, etag=None, last_modified=None),
                   entries=tuple(matched), duration_ms=_ms(t0),
                   keys=entry_keys(text for item in listed for text in (canonical(item.url), canonical_url(item.url))),
                   dates=tuple(item.published for item in listed))


def with_full_text(entries: list[Entry], feed: Feed, known_pages: KnownPages, client: httpx.Client,
                   settings: Settings, limiter: HostLimiter, pages: PageReader) -> list[Entry]:
    """Entries that carry only a lead (every entry when the feed says `fulltext = true`) get their
    article page's main text as content, at most fulltext_per_poll page requests per feed and poll
    (robots.txt's refusals cost none); the others over the cap, and those whose page fails, keep
    their lead with a note saying why (and are tried again at a later poll). Such entries whose
    page text is already stored are left out, so the feed's lead never replaces it (an edit to such
    a story's lead is therefore not followed)."""
    forced = feed.fulltext is True
    wanted = [entry for entry in entries if wants_page(entry, forced)]
    if not wanted:
        return entries
    known = known_pages(feed.id, [entry.guid for entry in wanted])
    out, fetched = [], 0
    for entry in entries:
        if not wants_page(entry, forced):
            out.append(entry)
            continue
        if entry.guid in known:
            continue
        if fetched >= settings.limits.fulltext_per_poll:
            out.append(replace(entry, fulltext_note="not fetched: over fulltext_per_poll for one poll"))
            continue
        text, note = pages.article_text(client, entry.url, limiter)
        fetched += requested(note)
        out.append(replace(entry, content=text, fulltext_note=None) if text else replace(entry, fulltext_note=note))
    return out


def _ms(t0: float) -> int:
    return int((time.perf_counter() - t0) * 1000)


def store_fetched(store: Store, fetched: Fetched, settings: Settings, clock: Clock,
                  same_outlet: tuple[str, ...] = (), rng: random.Random | None = None) -> PollOutcome:
    """Write one feed's result in one transaction and say what happened."""
    feed, now, rng = fetched.feed, clock(), rng or _rng
    state = store.feed_state(feed.id)
    per_week = state.get("entries_per_week")
    horizon = timedelta(minutes=state["horizon_minutes"]) if state.get("horizon_minutes") else None
    interval = schedule.within_horizon(
        schedule.interval_for(feed, settings.default_interval, per_week, settings.min_interval,
                              settings.max_interval), horizon, settings.min_interval)
    extra: dict = {}
    if state.get("url") not in (None, feed.url):
        extra.update(moved_to=None, moved_at=None)  # the admin changed the address: old moves no longer apply
    if fetched.error is not None:
        error = fetched.error
        kind = getattr(error, "kind", "hard")
        failures = int(state.get("consecutive_failures") or 0) + 1
        due = schedule.next_due_after_failure(feed, now, settings.default_interval, failures,
                                              getattr(error, "retry_after", None), rng=rng, interval=interval)
        extra["next_due"] = iso(due)
        if schedule.is_failing(failures, settings.failing_after) and not state.get("failing_since"):
            extra["failing_since"] = iso(now)
            log.warning("feed %s is failing: %d failures in a row, last: %s", feed.id, failures, error)
        if getattr(error, "status", None) == 410:
            extra.update(disabled_reason=str(error), disabled_at=iso(now))
            log.warning("feed %s disabled: %s", feed.id, error)
        store.record_poll(feed.id, feed.url, fetched.started, ok=False, status=getattr(error, "status", None),
                          state=extra, error_kind=kind, error=str(error), duration_ms=fetched.duration_ms,
                          error_code=getattr(error, "code", None))
        return PollOutcome(feed.id, fetched.started, now, "error", error_kind=kind, error=str(error))
    result = fetched.result
    current = Fetch(fetched.started, fetched.answer, fetched.keys, fetched.dates)
    if fetched.entries:
        since = now - schedule.RATE_WINDOW
        # stored stories' times, and this fetch's dated stories not stored yet (counted once);
        # undated new ones are counted from the next poll on, by when they were first seen
        stored = store.entry_times(feed.id, since)
        fresh: list[datetime] = []
        if judge_dates(fetched.dates, fetched.started).trusted:
            known = set(stored)
            fresh = [entry.published for entry, *_ in fetched.entries
                     if entry.published and entry.published not in known]
        per_week = schedule.entries_per_week(stored + fresh, now)
    observation = observe(snapshot_of(state), current,
                          failures=int(state.get("consecutive_failures") or 0),
                          interval=timedelta(minutes=state["interval_minutes"]) if state.get("interval_minutes") else None,
                          error=state.get("last_error"), per_week=per_week)
    horizon = observation.horizon or horizon
    interval = schedule.within_horizon(
        schedule.interval_for(feed, settings.default_interval, per_week, settings.min_interval,
                              settings.max_interval), horizon, settings.min_interval)
    extra.update(entries_per_week=per_week, interval_minutes=round(interval.total_seconds() / 60),
                 failing_since=None,
                 next_due=iso(schedule.next_due_after_success(feed, now, settings.default_interval, rng=rng,
                                                              interval=interval)))
    if result is not None:
        extra.update(etag=result.etag, last_modified=result.last_modified)
        if result.permanent_redirect and result.permanent_redirect != extra.get("moved_to", state.get("moved_to")):
            extra.update(moved_to=result.permanent_redirect, moved_at=iso(now))
            log.warning("feed %s moved permanently to %s; polling the new address. Put it in feeds.toml: "
                        "monitor feeds add ... or edit the url", feed.id, result.permanent_redirect)
    if fetched.body_hash:
        extra["content_hash"] = fetched.body_hash
    new, updated = store.record_poll(feed.id, feed.url, fetched.started, ok=True,
                                     status=result.status if result else None, entries=fetched.entries,
                                     state=extra, duration_ms=fetched.duration_ms, same_outlet=same_outlet,
                                     observation=observation)
    matched = sum(1 for _, _, _, matches in fetched.entries if matches)
    status = "new" if new or updated else "unchanged"
    return PollOutcome(feed.id, fetched.started, now, status, new_articles=new, updated_articles=updated,
                       matched=matched)


STOP_CHECK_SECONDS = 0.5  # how often a pass waiting for fetches looks whether it was asked to stop
WRITE_ATTEMPTS = 3  # each waits the store's busy timeout (30 s): a writer holding the database 45 s is outlasted


def store_or_say_why(store: Store, fetched: Fetched, settings: Settings, clock: Clock,
                     same_outlet: tuple[str, ...] = (), rng: random.Random | None = None) -> PollOutcome:
    """store_fetched, tried again while another process holds the database's write lock. When it
    stays busy nothing of the poll is written, so its time is not observed and the feed stays due
    with its old validators: the next pass fetches the whole feed again. The outcome says so."""
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            return store_fetched(store, fetched, settings, clock, same_outlet, rng)
        except StoreError as exc:
            if not exc.busy:
                raise
            log.info("feed %s: the database is busy (attempt %d of %d); waiting", fetched.feed.id, attempt,
                     WRITE_ATTEMPTS)
    error = (f"not stored: the database stayed busy (another process is writing to it), so the "
             f"{len(fetched.entries)} entries fetched were not stored and this time counts as not collected; "
             f"the feed is fetched again at the next pass")
    log.warning("feed %s: %s", fetched.feed.id, error)
    return PollOutcome(fetched.feed.id, fetched.started, clock(), "error", error_kind="temporary", error=error)


def due_feeds(feeds: Iterable[Feed], store: Store, now: datetime) -> list[Feed]:
    states = store.feed_states()
    return [feed for feed in feeds
            if feed.enabled and not states.get(feed.id, {}).get("disabled_reason")
            and schedule.is_due(parse_iso(states.get(feed.id, {}).get("next_due")), now)]


def poll_feeds(feeds: list[Feed], store: Store, settings: Settings, matcher, client: httpx.Client,
               clock: Clock, on_outcome: Callable[[PollOutcome], None] | None = None,
               all_feeds: Iterable[Feed] | None = None, rng: random.Random | None = None,
               robots: RobotsCache | None = None, stop: threading.Event | None = None) -> list[PollOutcome]:
    """Poll the given feeds once; results are stored as each feed finishes. all_feeds (default:
    the given ones) tells which feeds share an outlet, for near-identical headlines; robots keeps
    sites' robots.txt from one pass to the next (default: read afresh).

    When `stop` is set the pass ends within a moment: no further feed is started or stored, and
    the feeds still being fetched are left to their threads unstored (so their time is not
    observed and they stay due). A feed's write is never cut: writes happen on this thread."""
    limiter = HostLimiter(settings.limits.per_host)
    pages = PageReader(settings.limits, robots)
    states = store.feed_states()
    outlets: dict[str, list[str]] = defaultdict(list)
    for feed in (all_feeds if all_feeds is not None else feeds):
        outlets[feed.outlet].append(feed.id)
    outcomes = []
    pool = ThreadPoolExecutor(max_workers=max(1, settings.limits.concurrency))

    def submit(feed: Feed):
        state = dict(states.get(feed.id, {}))
        if feed.kind != "feed":
            state["guids"] = store.recent_guids(feed.id, clock() - KNOWN_FOR)  # read here: the store is this thread's
        return pool.submit(fetch_and_match, feed, state, client, settings, matcher, limiter, clock,
                           pages, store.guids_with_page_text)

    try:
        # Only the pending futures are kept: each round's done ones are let go of as it ends, so a
        # stored feed's entries are freed at once instead of all feeds' staying until the pass ends.
        pending = {submit(feed) for feed in feeds}
        while pending and not (stop and stop.is_set()):
            done, pending = wait(pending, timeout=STOP_CHECK_SECONDS, return_when=FIRST_COMPLETED)
            for future in done:
                if stop and stop.is_set():
                    break
                fetched = future.result()
                outcome = store_or_say_why(store, fetched, settings, clock,
                                           tuple(outlets.get(fetched.feed.outlet) or (fetched.feed.id,)), rng)
                outcomes.append(outcome)
                if on_outcome:
                    on_outcome(outcome)
            del done
    finally:
        stopping = bool(stop and stop.is_set())
        pool.shutdown(wait=not stopping, cancel_futures=stopping)
    order = {feed.id: index for index, feed in enumerate(feeds)}
    return sorted(outcomes, key=lambda o: order[o.feed_id])


class PollLock:
    """One poller per database at a time. A second process waits up to `wait` seconds, then says
    which process holds the lock. The lock is an OS file lock, so a killed process (kill -9
    included) releases it; the file's text only names the holder."""

    def __init__(self, db_path: Path | str, wait: float = 30.0):
        self.path = Path(f"{db_path}.poll-lock")
        self.wait = wait
        self.handle = None

    def __enter__(self):
        try:
            import fcntl  # noqa: F401  (take_flock uses it)
        except ImportError:  # not POSIX: SQLite's own locking still keeps the file whole
            return self
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = open(self.path, "a+", encoding="utf-8")
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot take the poll lock beside the database ({why(exc)})") from exc
        if not take_flock(self.handle, self.wait, retry_every=0.2):
            self.handle.seek(0)
            holder = self.handle.read().strip() or "another process"
            self.handle.close()
            self.handle = None
            raise StoreError(f"{self.path.with_suffix('')}: another monitor is polling this database "
                             f"({holder}); wait for it to finish or stop it")
        try:
            self.handle.seek(0)
            self.handle.truncate()
            self.handle.write(f"pid {os.getpid()}, polling since {datetime.now(timezone.utc):%Y-%m-%d %H:%M:%S} UTC")
            self.handle.flush()
        except OSError as exc:
            self.__exit__()
            raise StoreError(f"{self.path}: cannot take the poll lock beside the database ({why(exc)})") from exc
        return self

    def __exit__(self, *exc):
        if self.handle is not None:
            handle, self.handle = self.handle, None
            try:
                handle.close()  # closing releases the lock
            except OSError:
                pass  # the holder's note could not be flushed (a full disk); the lock is released all the same
