"""Matching a stream on every core: `monitor match` over a file of a million articles.

The matcher is loaded once, then the process forks workers that share it (copy-on-write), so no
worker loads or compiles anything. Each worker does the whole of one item's work, `answer`
(for `monitor match`: parse a line, match it, write its JSON line), so this process only reads
lines and writes what comes back: text crosses between processes, never records, which cost
more to pickle than a short article costs to match. Items go to the workers in chunks and the
answers come back in input order; at most a few chunks per worker are in flight, so a long
stream never sits in memory. A short stream, one core or a platform without `fork` is answered
in this process: starting workers costs more than they would save.
"""

from __future__ import annotations

import gc
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from typing import Any

CHUNK = 32  # items per task: big enough that pickling and queues cost little beside matching
IN_FLIGHT = 4  # chunks queued per worker, so none waits for the next while this process writes
PARALLEL_FROM = 16 * CHUNK  # a stream shorter than this is answered here: workers would not pay off

_answer: Callable[[Any], Any] | None = None  # the workers' `answer`: this process's, inherited at the fork


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def match_many(items: Iterable, answer: Callable[[Any], Any], jobs: int | None = None) -> Iterator:
    """answer(item) for every item, in input order. `jobs`: processes that answer (default: every
    core); 1 answers in this process. `answer` holds the loaded matcher, which the workers inherit.

    An error, reading the stream or answering an item (a bad line), is raised after the answers
    to the items before it are yielded, as answering one by one would."""
    jobs = default_jobs() if jobs is None else jobs
    stream = iter(items)
    head: list = []
    if jobs > 1:
        try:
            head.extend(islice(stream, PARALLEL_FROM))
        except Exception:  # a bad line early on: answer what came before it, then say so
            yield from map(answer, head)
            raise
    if len(head) == PARALLEL_FROM:
        import multiprocessing  # here: a short stream never starts workers, so never pays for it

        if "fork" in multiprocessing.get_all_start_methods():
            yield from _on_workers(answer, head, stream, jobs)
            return
    yield from map(answer, chain(head, stream))


def _on_workers(answer: Callable[[Any], Any], head: list, stream: Iterator, jobs: int) -> Iterator:
    import multiprocessing

    global _answer
    _answer = answer
    gc.freeze()
    pending: deque = deque()  # async results, oldest first
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
                pending.append(pool.apply_async(_answer_chunk, (chunk,)))
            if not pending:
                break
            answers, error = pending.popleft().get()
            yield from answers
            if error is not None:
                raise error
    if failure is not None:
        raise failure


def _chunks(items: Iterator) -> Iterator[list]:
    """Chunks of CHUNK items; the one a reading error cuts short is yielded before the error."""
    chunk: list = []
    try:
        for item in items:
            chunk.append(item)
            if len(chunk) == CHUNK:
                yield chunk
                chunk = []
    except Exception:
        if chunk:
            yield chunk
        raise
    if chunk:
        yield chunk


def _answer_chunk(chunk: list) -> tuple[list, Exception | None]:
    """The chunk's answers, and the error that stopped it (the answers before it still count)."""
    assert _answer is not None, "a worker runs only after match_many set `answer`"
    answers = []
    for item in chunk:
        try:
            answers.append(_answer(item))
        except Exception as exc:
            return answers, exc
    return answers, None
