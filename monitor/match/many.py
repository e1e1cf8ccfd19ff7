"""Matching a stream of articles on every core: `monitor match` over a file, a rematch of history.

The matcher is loaded once, then the process forks workers that share it (copy-on-write), so no
worker loads or compiles anything. Articles go to the workers in chunks and the results come back
in input order; at most a few chunks per worker are in flight, so a stream of a million articles
never sits in memory. A short stream, one core or a platform without `fork` matches in this
process: starting workers costs more than they would save.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import chain, islice

from ..records import ArticleText, Match
from .engine import Matcher

CHUNK = 32  # articles per task: big enough that pickling and queues cost little beside matching
IN_FLIGHT = 4  # chunks queued per worker, so none waits for the next while this process writes
PARALLEL_FROM = 16 * CHUNK  # a stream shorter than this is matched here: workers would not pay off

_matcher: Matcher | None = None  # the workers' matcher: this process's, inherited at the fork


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def match_many(matcher: Matcher, articles: Iterable[ArticleText], jobs: int | None = None
               ) -> Iterator[tuple[ArticleText, tuple[Match, ...]]]:
    """(article, its matches) for every article, in input order. `jobs`: processes that match
    (default: every core); 1 matches in this process.

    An error reading the stream (a bad line) is raised after the articles before it are yielded,
    as matching one by one would."""
    jobs = default_jobs() if jobs is None else jobs
    stream = iter(articles)
    head: list[ArticleText] = []
    if jobs > 1:
        try:
            head.extend(islice(stream, PARALLEL_FROM))
        except Exception:  # a bad line early on: match what came before it, then say so
            yield from ((article, matcher.match(article)) for article in head)
            raise
    if len(head) == PARALLEL_FROM:
        import multiprocessing  # here: a short stream never starts workers, so never pays for it

        if "fork" in multiprocessing.get_all_start_methods():
            yield from _on_workers(matcher, head, stream, jobs)
            return
    for article in chain(head, stream):
        yield article, matcher.match(article)


def _on_workers(matcher: Matcher, head: list[ArticleText], stream: Iterator[ArticleText], jobs: int
                ) -> Iterator[tuple[ArticleText, tuple[Match, ...]]]:
    import multiprocessing

    global _matcher
    _matcher = matcher
    pending: deque = deque()  # (chunk, its async result), oldest first
    failure: Exception | None = None
    # Ctrl-C reaches the workers too; only this process answers it (leaving the pool ends them)
    with multiprocessing.get_context("fork").Pool(jobs, initializer=signal.signal,
                                                   initargs=(signal.SIGINT, signal.SIG_IGN)) as pool:
        chunks = _chunks(chain(head, stream))
        while True:
            while failure is None and len(pending) < jobs * IN_FLIGHT:
                try:
                    chunk = next(chunks)
                except StopIteration:
                    break
                except Exception as exc:  # a bad line: what came before it is still written
                    failure = exc
                    break
                pending.append((chunk, pool.apply_async(_match_chunk, (chunk,))))
            if not pending:
                break
            chunk, result = pending.popleft()
            yield from zip(chunk, result.get())
    if failure is not None:
        raise failure


def _chunks(articles: Iterator[ArticleText]) -> Iterator[list[ArticleText]]:
    """Chunks of CHUNK articles; the one a reading error cuts short is yielded before the error."""
    chunk: list[ArticleText] = []
    try:
        for article in articles:
            chunk.append(article)
            if len(chunk) == CHUNK:
                yield chunk
                chunk = []
    except Exception:
        if chunk:
            yield chunk
        raise
    if chunk:
        yield chunk


def _match_chunk(chunk: list[ArticleText]) -> list[tuple[Match, ...]]:
    assert _matcher is not None, "a worker runs only after match_many set the matcher"
    return [_matcher.match(article) for article in chunk]
