"""`monitor feeds ...`: the admins' view of the feed list."""

from __future__ import annotations

import click


@click.group()
def feeds():
    """See and manage the feed list."""


@feeds.command("list")
@click.pass_obj
def feeds_list(obj):
    """List the configured feeds."""
    for feed in obj.config.feeds:
        flag = "" if feed.enabled else "  (disabled)"
        click.echo(f"{feed.id}\t{feed.outlet}\t{feed.region}\t{feed.language}\t{feed.url}{flag}")


@feeds.command("status")
@click.pass_obj
def feeds_status(obj):
    """Show each feed's health: last success, failures, last error, next poll."""
    rows = obj.monitor.feeds_status()
    headers = ["feed", "health", "last_success", "failures", "next_due", "last_error"]
    table = [[str(row.get(h) if row.get(h) is not None else "-") for h in headers] for row in rows]
    widths = [min(max(len(h), *(len(r[i]) for r in table)) if table else len(h), 60) for i, h in enumerate(headers)]
    click.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths)))
    for row in table:
        click.echo("  ".join(cell[:w].ljust(w) for cell, w in zip(row, widths)))
