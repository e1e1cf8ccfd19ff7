"""One feed's pipeline (fetch → parse → match → store) and a pass over many feeds.

Fetching, parsing and matching run in worker threads, at most `concurrency` at once and at most
`per_host` against any one server. Writing stays on the calling thread, one transaction per feed,
so SQLite never sees two writers from this process. A feed's failure is data: it is stored as the
feed's last error and a fetch-log line, and the pass goes on.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Iterable
from urllib.parse import urlsplit

import httpx

from . import schedule
from .errors import FetchError, ParseError
from .fetch import fetch
from .parse import canonical_url, parse_feed
from .records import ArticleText, Entry, Feed, FetchResult, Match, PollOutcome, Settings
from .store import Store, content_hash, iso, parse_iso

Clock = Callable[[], datetime]


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


def fetch_and_match(feed: Feed, state: dict, client: httpx.Client, settings: Settings, matcher,
                    limiter: HostLimiter, clock: Clock) -> Fetched:
    started = clock()
    t0 = time.perf_counter()
    url = state.get("moved_to") or feed.url
    try:
        with limiter(url):
            result = fetch(client, url, settings.limits, etag=state.get("etag"),
                           last_modified=state.get("last_modified"))
        if result.body is None:
            return Fetched(feed, started, result=result, duration_ms=_ms(t0))
        body_hash = content_hash(result.body.decode("latin-1"))
        if body_hash == state.get("content_hash"):
            # Same bytes under a new ETag: nothing to parse.
            return Fetched(feed, started, result=result, body_hash=body_hash, duration_ms=_ms(t0))
        entries = parse_feed(result.body, result.content_type, settings.limits.max_entries_per_poll)
        matched = []
        for entry in entries:
            article = ArticleText(id=entry.guid, title=entry.title, summary=entry.summary,
                                  content=entry.content, lang=feed.language, url=entry.url)
            matched.append((entry, canonical_url(entry.url), feed.language, tuple(matcher.match(article))))
        return Fetched(feed, started, result=result, entries=tuple(matched), body_hash=body_hash,
                       duration_ms=_ms(t0))
    except (FetchError, ParseError) as exc:
        return Fetched(feed, started, error=exc, duration_ms=_ms(t0))


def _ms(t0: float) -> int:
    return int((time.perf_counter() - t0) * 1000)


def store_fetched(store: Store, fetched: Fetched, settings: Settings, clock: Clock) -> PollOutcome:
    """Write one feed's result in one transaction and say what happened."""
    feed, now = fetched.feed, clock()
    state = store.feed_state(feed.id)
    if fetched.error is not None:
        error = fetched.error
        kind = getattr(error, "kind", "hard")
        failures = int(state.get("consecutive_failures") or 0) + 1
        due = schedule.next_due_after_failure(feed, now, settings.default_interval, failures,
                                              getattr(error, "retry_after", None))
        extra = {"next_due": iso(due)}
        if getattr(error, "status", None) == 410:
            extra["disabled_reason"] = str(error)
        store.record_poll(feed.id, feed.url, fetched.started, ok=False, status=getattr(error, "status", None),
                          state=extra, error_kind=kind, error=str(error), duration_ms=fetched.duration_ms)
        return PollOutcome(feed.id, fetched.started, now, "error", error_kind=kind, error=str(error))
    result = fetched.result
    new_state = {"next_due": iso(schedule.next_due_after_success(feed, now, settings.default_interval))}
    if result is not None:
        new_state.update(etag=result.etag, last_modified=result.last_modified)
        if result.permanent_redirect:
            new_state["moved_to"] = result.permanent_redirect
    if fetched.body_hash:
        new_state["content_hash"] = fetched.body_hash
    new, updated = store.record_poll(feed.id, feed.url, fetched.started, ok=True,
                                     status=result.status if result else None, entries=fetched.entries,
                                     state=new_state, duration_ms=fetched.duration_ms)
    matched = sum(1 for _, _, _, matches in fetched.entries if matches)
    status = "new" if new or updated else "unchanged"
    return PollOutcome(feed.id, fetched.started, now, status, new_articles=new, updated_articles=updated,
                       matched=matched)


def due_feeds(feeds: Iterable[Feed], store: Store, now: datetime) -> list[Feed]:
    states = store.feed_states()
    return [feed for feed in feeds
            if feed.enabled and not states.get(feed.id, {}).get("disabled_reason")
            and schedule.is_due(parse_iso(states.get(feed.id, {}).get("next_due")), now)]


def poll_feeds(feeds: list[Feed], store: Store, settings: Settings, matcher, client: httpx.Client,
               clock: Clock, on_outcome: Callable[[PollOutcome], None] | None = None) -> list[PollOutcome]:
    """Poll the given feeds once; results are stored as each feed finishes."""
    limiter = HostLimiter(settings.limits.per_host)
    states = store.feed_states()
    outcomes = []
    with ThreadPoolExecutor(max_workers=max(1, settings.limits.concurrency)) as pool:
        futures = [pool.submit(fetch_and_match, feed, states.get(feed.id, {}), client, settings, matcher,
                               limiter, clock) for feed in feeds]
        for future in as_completed(futures):
            outcome = store_fetched(store, future.result(), settings, clock)
            outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)
    order = {feed.id: index for index, feed in enumerate(feeds)}
    return sorted(outcomes, key=lambda o: order[o.feed_id])
