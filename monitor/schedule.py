"""When each feed is due: pure policy functions of the feed's state and an injected clock.

The APScheduler wiring that calls the facade lives at the bottom; the policy above it never sleeps
and never reads the wall clock, so tests drive it with any time they like.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from .records import Feed

MAX_BACKOFF = timedelta(hours=24)  # a failing feed is still tried daily, so recovery is noticed
JITTER = 0.1  # ±10 % of the interval, so feeds added together do not poll in lockstep


def interval_for(feed: Feed, default_minutes: int) -> timedelta:
    return timedelta(minutes=feed.interval or default_minutes)


def next_due_after_success(feed: Feed, now: datetime, default_minutes: int,
                           rng: random.Random | None = None) -> datetime:
    interval = interval_for(feed, default_minutes)
    jitter = (rng or random).uniform(-JITTER, JITTER) * interval
    return now + interval + jitter


def next_due_after_failure(feed: Feed, now: datetime, default_minutes: int, consecutive_failures: int,
                           retry_after: float | None = None) -> datetime:
    """Exponential backoff from the feed's interval, capped; a server's Retry-After wins if longer."""
    interval = interval_for(feed, default_minutes)
    backoff = min(interval * (2 ** max(consecutive_failures - 1, 0)), MAX_BACKOFF)
    if retry_after is not None:
        backoff = max(backoff, timedelta(seconds=retry_after))
    return now + backoff


def is_due(next_due: datetime | None, now: datetime) -> bool:
    return next_due is None or next_due <= now


# --- APScheduler wiring --------------------------------------------------------------------------

POLL_TICK_SECONDS = 60  # how often due feeds are looked for; each feed keeps its own interval


def run_forever(monitor, say=None) -> None:
    """Poll due feeds every minute and write the weekly report at its time, until Ctrl-C or
    SIGTERM. Runs in the foreground; logs one line per feed polled."""
    import logging
    import signal

    from apscheduler.schedulers.blocking import BlockingScheduler
    from apscheduler.triggers.cron import CronTrigger

    from .coverage import previous_week

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    log = logging.getLogger("monitor")
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    settings = monitor.config.settings
    scheduler = BlockingScheduler(timezone=settings.timezone)

    def poll_due():
        for outcome in monitor.poll(on_outcome=None):
            if outcome.status == "error":
                log.warning("feed %s: %s error: %s", outcome.feed_id, outcome.error_kind, outcome.error)
            else:
                log.info("feed %s: %s (%d new, %d about partnerships)", outcome.feed_id, outcome.status,
                         outcome.new_articles, outcome.matched)

    def weekly_report():
        window = previous_week(monitor.today())
        path = monitor.write_weekly_report(window)
        log.info("weekly report for %s written to %s", window.label, path)

    hour, minute = (int(part) for part in settings.report_time.split(":"))
    scheduler.add_job(poll_due, "interval", seconds=POLL_TICK_SECONDS, max_instances=1, coalesce=True,
                      next_run_time=datetime.now(scheduler.timezone), id="poll")
    scheduler.add_job(weekly_report, CronTrigger(day_of_week=settings.report_weekday, hour=hour, minute=minute),
                      max_instances=1, coalesce=True, misfire_grace_time=6 * 3600, id="weekly-report")

    def stop(signum, frame):
        log.info("stopping (signal %s); the feed being written finishes first", signum)
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    log.info("monitor running: %d feeds, weekly report %s %s %s; Ctrl-C stops",
             sum(f.enabled for f in monitor.config.feeds), settings.report_weekday, settings.report_time,
             settings.timezone)
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
    log.info("monitor stopped")
