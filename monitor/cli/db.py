"""`monitor db`: looking after the database file."""

from __future__ import annotations

import click


@click.group()
def db():
    """Look after the database: prune the raw fetch log."""


@db.command()
@click.option("--days", type=click.IntRange(min=98), metavar="N",
              help="Keep this many days of raw fetch log instead of fetch_log_days in settings.toml (98 at least).")
@click.pass_obj
def prune(obj, days: int | None):
    """Remove raw fetch-log attempts older than fetch_log_days (settings.toml).

    Each week before the cut gets its collection results computed and kept first, so weekly reports
    and trends of any age stay the same; `monitor run` does this every night."""
    pruned = obj.monitor.prune_fetch_log(days)
    day = pruned.before.astimezone(obj.monitor.timezone).date().isoformat()
    if not pruned.weeks_kept:
        click.echo(f"Nothing to prune: the fetch log holds nothing before {day} but each feed's last attempt.")
        return
    click.echo(f"Removed {pruned.removed} fetch-log attempts before {day} (each feed keeps its last one); "
               f"weeks whose results were kept first: {pruned.weeks_kept}.")
