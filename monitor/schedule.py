"""When each feed is due: pure policy functions of the feed's state and an injected clock.

The APScheduler wiring that calls the facade lives at the bottom; the policy above it never sleeps
and never reads the wall clock, so tests drive it with any time they like.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Iterable

from .records import Feed

MAX_BACKOFF = timedelta(hours=24)  # a failing feed is still tried daily, so recovery is noticed
JITTER = 0.1  # ±10 % of the interval, so feeds added together do not poll in lockstep
RATE_WINDOW = timedelta(days=28)  # entries older than this no longer say how busy a feed is
POLLS_PER_ENTRY = 2  # poll twice per expected new entry: a feed's window of items is never outrun
WEEK = timedelta(days=7)
HORIZON_MARGIN = 0.5  # poll twice within what a feed holds: one failed or late poll still overlaps


def entries_per_week(times: Iterable[datetime], now: datetime) -> float | None:
    """How many entries a feed publishes a week, from the dates of the entries seen in the last
    four weeks; None when there are none (nothing to judge by). A span shorter than a day counts
    as a day, so a first poll of a feed that published ten items this morning is not 'thousands'."""
    recent = [t for t in times if t is not None and now - RATE_WINDOW <= t <= now + timedelta(days=1)]
    if not recent:
        return None
    span = max(now - min(recent), timedelta(days=1))
    return len(recent) / (span / WEEK)


def interval_for(feed: Feed, default_minutes: int, per_week: float | None = None,
                 min_minutes: int = 10, max_minutes: int = 1440) -> timedelta:
    """The feed's own interval when it sets one; else from how often it publishes, clamped; else
    the default."""
    if feed.interval:
        return timedelta(minutes=feed.interval)
    if per_week is None:
        return timedelta(minutes=default_minutes)
    if per_week <= 0:
        return timedelta(minutes=max_minutes)
    adaptive = WEEK / (per_week * POLLS_PER_ENTRY)
    return min(max(adaptive, timedelta(minutes=min_minutes)), timedelta(minutes=max_minutes))


def within_horizon(interval: timedelta, horizon: timedelta | None, min_minutes: int = 10) -> timedelta:
    """The interval kept below the feed's horizon (how far back its entries reach) with a margin,
    so a feed never rolls over between two polls; never longer than the interval it is given
    (adaptive or configured), never shorter than the minimum."""
    if horizon is None:
        return interval
    return max(min(interval, horizon * HORIZON_MARGIN), timedelta(minutes=min_minutes))


def losing_entries(horizon: timedelta | None, min_minutes: int) -> bool:
    """A feed whose entries reach back less than the shortest interval loses entries however
    often it is polled: it needs another source."""
    return horizon is not None and horizon < timedelta(minutes=min_minutes)


def next_due_after_success(feed: Feed, now: datetime, default_minutes: int,
                           rng: random.Random | None = None, interval: timedelta | None = None) -> datetime:
    interval = interval or interval_for(feed, default_minutes)
    jitter = (rng or random).uniform(-JITTER, JITTER) * interval
    return now + interval + jitter


def next_due_after_failure(feed: Feed, now: datetime, default_minutes: int, consecutive_failures: int,
                           retry_after: float | None = None, rng: random.Random | None = None,
                           interval: timedelta | None = None) -> datetime:
    """Exponential backoff from the feed's interval, capped, plus up to 10 % jitter so feeds that
    failed together (one host down) do not return together; a server's Retry-After (already
    capped by fetch) wins if longer."""
    interval = interval or interval_for(feed, default_minutes)
    backoff = min(interval * (2 ** min(max(consecutive_failures - 1, 0), 20)), MAX_BACKOFF)
    backoff += (rng or random).uniform(0, JITTER) * backoff
    if retry_after is not None:
        backoff = max(backoff, timedelta(seconds=retry_after))
    return now + backoff


def is_due(next_due: datetime | None, now: datetime) -> bool:
    return next_due is None or next_due <= now


def is_failing(consecutive_failures: int, failing_after: int) -> bool:
    """A feed is never dropped silently: after this many failures in a row it is marked failing."""
    return consecutive_failures >= failing_after


# --- APScheduler wiring --------------------------------------------------------------------------

POLL_TICK_SECONDS = 60  # how often due feeds are looked for; each feed keeps its own interval
FEEDS_CHECK_SECONDS = 5  # how soon an edit of feeds.toml (a feed added or disabled) is acted on
STOP_GRACE_SECONDS = 10  # how long a stop waits for the feed being written; writes take milliseconds
HOUSEKEEPING_HOUR = 4  # pruning the fetch log nightly, when editors do not wait for pages
CANDIDATES_AFTER_START_MINUTES = 5  # reading the news for catalogue candidates once after the first polls


def run_forever(monitor, say=None) -> None:
    """Poll due feeds every minute and write the weekly report at its time, until Ctrl-C or
    SIGTERM. Runs in the foreground; logs one line per feed polled. An edit of feeds.toml is
    picked up within seconds and starts a pass, so an added feed is polled and a disabled one is
    not. A stop ends a pass within a moment: the feed being written is finished, the feeds still
    being fetched are not stored and stay due for the next start."""
    import logging
    import os
    import signal
    import sys
    import threading

    from apscheduler.schedulers.blocking import BlockingScheduler
    from apscheduler.triggers.cron import CronTrigger

    from .coverage import previous_week
    from .errors import ConfigError

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    log = logging.getLogger("monitor")
    for chatty in ("apscheduler", "httpx", "pymorphy3", "trafilatura"):  # their INFO lines drown ours
        logging.getLogger(chatty).setLevel(logging.WARNING)
    settings = monitor.config.settings
    scheduler = BlockingScheduler(timezone=settings.timezone)
    stopping = threading.Event()
    idle = threading.Event()  # no pass is running: a stop need not wait
    idle.set()

    again = threading.Event()  # feeds.toml changed during a pass: look for due feeds once more

    def poll_due():
        idle.clear()
        try:
            while not stopping.is_set():
                again.clear()
                for outcome in monitor.poll(on_outcome=None, stop=stopping):
                    if outcome.status == "error":
                        log.warning("feed %s: %s error: %s", outcome.feed_id, outcome.error_kind, outcome.error)
                    else:
                        log.info("feed %s: %s (%d new, %d about partnerships)", outcome.feed_id, outcome.status,
                                 outcome.new_articles, outcome.matched)
                if not again.is_set():
                    break
        finally:
            idle.set()

    def check_feeds():
        try:
            changed = monitor.reload_feeds_if_changed()
        except ConfigError as exc:
            log.warning("feeds.toml changed but does not load, so the feeds in use stay as they were: %s",
                        "; ".join(exc.problems))
            return
        if changed:
            log.info("feeds.toml changed: %d feeds enabled; polling those due now",
                     sum(f.enabled for f in monitor.config.feeds))
            again.set()
            if idle.is_set():
                scheduler.modify_job("poll", next_run_time=datetime.now(scheduler.timezone))

    def weekly_report():
        window = previous_week(monitor.today())
        path = monitor.write_weekly_report(window)
        log.info("weekly report for %s written to %s", window.label, path)

    def housekeeping():
        pruned = monitor.prune_fetch_log()
        if pruned.removed:
            log.info("fetch log pruned: %d attempts before %s removed, %d weeks' results kept",
                     pruned.removed, pruned.before.date(), pruned.weeks_kept)

    def read_candidates():
        # the news read for catalogue candidates before an admin asks, so the review list is
        # ready: at start (all history, after an upgrade of the matcher) and then daily
        log.info("catalogue candidates: %d open", len(monitor.candidates()))

    monitor.reload_feeds_if_changed()  # note the file as it is now, so a later edit is seen
    hour, minute = (int(part) for part in settings.report_time.split(":"))
    scheduler.add_job(poll_due, "interval", seconds=POLL_TICK_SECONDS, max_instances=1, coalesce=True,
                      next_run_time=datetime.now(scheduler.timezone), id="poll")
    scheduler.add_job(check_feeds, "interval", seconds=FEEDS_CHECK_SECONDS, max_instances=1, coalesce=True,
                      id="feeds-check")
    scheduler.add_job(weekly_report, CronTrigger(day_of_week=settings.report_weekday, hour=hour, minute=minute),
                      max_instances=1, coalesce=True, misfire_grace_time=6 * 3600, id="weekly-report")
    scheduler.add_job(housekeeping, CronTrigger(hour=HOUSEKEEPING_HOUR), max_instances=1, coalesce=True,
                      misfire_grace_time=12 * 3600, id="housekeeping")
    scheduler.add_job(read_candidates, CronTrigger(hour=HOUSEKEEPING_HOUR), max_instances=1, coalesce=True,
                      misfire_grace_time=12 * 3600, id="candidates",
                      next_run_time=datetime.now(scheduler.timezone) + timedelta(minutes=CANDIDATES_AFTER_START_MINUTES))

    def stop(signum, frame):
        log.info("stopping (signal %s); the feed being written finishes first", signum)
        stopping.set()
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    log.info("monitor running: %d feeds, weekly report %s %s %s; Ctrl-C stops",
             sum(f.enabled for f in monitor.config.feeds), settings.report_weekday, settings.report_time,
             settings.timezone)
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        stopping.set()
    idle.wait(STOP_GRACE_SECONDS)
    monitor.close()
    log.info("monitor stopped")
    # Fetches still in flight hold worker threads that Python would wait for at exit (up to the
    # fetch deadline). Nothing of theirs is stored (every write was on the pass's thread, which
    # has finished), so the process ends now instead of waiting for them.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
