"""`monitor backfill`: past articles from sources' sitemaps and listing pages (monitor/backfill.py)."""

from __future__ import annotations

import sys
import time
from datetime import date, timedelta

import click

from ..errors import InputError


@click.command()
@click.option("--feed", "feed_ids", multiple=True, metavar="ID", help="Only this source (repeatable). Default: every enabled one.")
@click.option("--since", required=True, metavar="DATE", help="First day to collect, YYYY-MM-DD.")
@click.option("--until", metavar="DATE", help="Last day to collect, YYYY-MM-DD. Default: today.")
@click.option("--budget", type=click.IntRange(1), metavar="N",
              help="Requests allowed to one site in this run. Default: limits.backfill_requests_per_host.")
@click.pass_obj
def backfill(obj, feed_ids: tuple[str, ...], since: str, until: str | None, budget: int | None):
    """Collect past articles from the sources' sitemaps or listing pages, match and store them.

    Stop it with Ctrl-C at any time: run the same command again and it goes on where it stopped,
    without fetching an article page twice.
    """
    monitor = obj.monitor
    try:
        first = date.fromisoformat(since)
        last = date.fromisoformat(until) if until else None
    except ValueError:
        raise InputError("--since and --until are dates, YYYY-MM-DD, e.g. --since 2026-03-01")
    if last is not None and last < first:
        raise InputError(f"--until {until} is before --since {since}")
    unknown = [f for f in feed_ids if monitor.config.feed(f) is None]
    if unknown:
        raise InputError(f"unknown feed {unknown[0]!r}; `monitor feeds list` shows the feed ids")
    shown = {"at": 0.0}

    def progress(p):
        now = time.monotonic()
        if now - shown["at"] < 1.0 and p.remaining not in (0, None):
            return  # one line a second at most
        shown["at"] = now
        parts = [f"sources {p.sources_done}/{p.sources}", f"pages {p.pages}", f"articles {p.articles}"]
        if p.remaining:
            parts.append(f"{p.remaining} pages to go")
        if p.eta_seconds:
            parts.append(f"ETA {_duration(p.eta_seconds)}")
        line = (f"{p.source}: " if p.source else "") + ", ".join(parts)
        if sys.stderr.isatty():
            click.echo("\r" + line.ljust(100), nl=False, err=True)
        else:
            click.echo(line, err=True)

    try:
        results = monitor.backfill(feed_ids, first, last, on_progress=progress, budget=budget)
    except KeyboardInterrupt:
        click.echo("\nStopped. Run the same command again to go on where it stopped.", err=True)
        raise SystemExit(130)
    if sys.stderr.isatty():
        click.echo("", err=True)
    for result in results:
        seen = ""
        if result.observed:  # days by the editors' clock; the span's end is exclusive
            first_day = result.observed[0].astimezone(monitor.timezone)
            last_day = (result.observed[1] - timedelta(seconds=1)).astimezone(monitor.timezone)
            seen = f"; seen whole from {first_day:%Y-%m-%d %H:%M} to {last_day:%Y-%m-%d %H:%M}"
        line = (f"{result.feed_id}: {result.articles} articles stored, {result.matched} about partnerships, "
                f"{result.pages} requests{seen}")
        if result.stopped:
            line += f"; unfinished: {result.stopped}"
        click.echo(line)
    if any(r.stopped for r in results):
        sys.exit(1)


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"
