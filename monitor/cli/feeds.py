"""`monitor feeds ...`: the admins' view of the feed list, and its editing commands.

Each command parses its options, makes one call on the facade and prints; editing commands change
config/feeds.toml in place, keeping the admin's comments and order.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from ..files import write_atomically
from ..records import LANGUAGES


@click.group()
def feeds():
    """See and manage the feed list."""


@feeds.command("list")
@click.pass_obj
def feeds_list(obj):
    """List the configured feeds."""
    for feed in obj.config.feeds:
        flag = "" if feed.enabled else "  (disabled)"
        kind = "" if feed.kind == "feed" else f"  ({feed.kind})"  # a sitemap or listing page, not a feed
        click.echo(f"{feed.id}\t{feed.outlet}\t{feed.region}\t{feed.language}\t{feed.url}{kind}{flag}")


def _when(text: str | None) -> str:
    """ISO UTC times shortened for a table: 2026-11-19 12:00."""
    if not text:
        return "-"
    try:
        return datetime.fromisoformat(text).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return text


def _cell(value) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


STATUS_COLUMNS = [  # (header, row key, how to show it, widest)
    ("feed", "feed", _cell, 28), ("health", "health", _cell, 12), ("last success", "last_success", _when, 16),
    ("fails", "failures", _cell, 5), ("next due", "next_due", _when, 16), ("/week", "entries_per_week", _cell, 6),
    ("every", "interval", lambda v: f"{v}m" if v else "-", 6), ("etag", "etag", _cell, 14),
    ("last-modified", "last_modified", _cell, 29), ("hash", "content_hash", lambda v: (v or "-")[:8], 8),
    ("holds", "horizon_minutes", lambda v: _span(v), 6),
    ("seen 7d", "observed_7d", lambda v: "-" if v is None else f"{v:.0%}", 7),
    ("last hole", "hole", _cell, 90),
    ("last error", "error", _cell, 70),
]


def _span(minutes: int | None) -> str:
    """How far back a feed's entries reach, in the unit that reads best."""
    if not minutes:
        return "-"
    if minutes < 120:
        return f"{minutes}m"
    return f"{minutes / 60:.0f}h" if minutes < 48 * 60 else f"{minutes / 1440:.0f}d"


LOSING_ADVICE = ("add a section feed (one rubric or region of the outlet), a sitemap source, or ask the outlet "
                 "for a longer feed")


@feeds.command("status")
@click.pass_obj
def feeds_status(obj):
    """Show each feed's state: health, last success, failures, next poll, entries per week, the
    interval in force, validators (ETag, Last-Modified, content hash), how far back its entries
    reach, the share of its last 7 days observed, its last hole with the cause, and the last error."""
    rows = obj.monitor.feeds_status()
    for row in rows:
        kind, error = row.get("last_error_kind"), row.get("last_error")
        row["error"] = f"{kind}: {error}" if error else None
        hole = row.get("last_hole")
        row["hole"] = f"{_when(hole['from'])}, {hole['hours']:g} h: {hole['why']}" if hole else None
    table = [[show(row.get(key))[:widest] for _, key, show, widest in STATUS_COLUMNS] for row in rows]
    widths = [max([len(header)] + [len(r[i]) for r in table]) for i, (header, *_) in enumerate(STATUS_COLUMNS)]
    click.echo("  ".join(h.ljust(w) for (h, *_), w in zip(STATUS_COLUMNS, widths)).rstrip())
    for cells in table:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(cells, widths)).rstrip())
    # What an admin has to act on, in words.
    for row in rows:
        if row.get("moved_to"):
            click.echo(f"note: {row['feed']} moved permanently to {row['moved_to']}; polling the new address. "
                       f"Put it in feeds.toml as the feed's url.")
        if row.get("disabled_reason"):
            click.echo(f"note: {row['feed']} is disabled: {row['disabled_reason']}. "
                       f"`monitor feeds enable {row['feed']}` tries it again.")
        if row.get("losing_entries"):
            click.echo(f"note: {row['feed']} is losing entries: they reach back only {_span(row['horizon_minutes'])},"
                       f" less than the shortest interval ({obj.config.settings.min_interval}m), so stories drop out"
                       f" between polls and its partnerships count as not collected; {LOSING_ADVICE}.")
        if row["health"] == "failing":
            click.echo(f"note: {row['feed']} is failing since {_when(row.get('failing_since'))}; "
                       f"its partnerships count as not collected. `monitor feeds check {row['feed']}` shows why.")


@feeds.command("add")
@click.argument("url")
@click.option("--id", "feed_id", help="Stable lowercase id. Default: made from the URL.")
@click.option("--outlet", required=True, help="The outlet's name as editors know it.")
@click.option("--country", required=True, help="ISO code of the outlet's country, e.g. BY.")
@click.option("--region", required=True, help="Catalogue entity id of the territory it reports on, e.g. by-mogilev-oblast.")
@click.option("--language", required=True, type=click.Choice(LANGUAGES), help="Language of the feed.")
@click.option("--interval", type=int, help="Minutes between polls (default: adaptive).")
@click.option("--fulltext/--no-fulltext", default=None,
              help="Read every item's article page / never read pages. Default: pages of items that carry only a lead.")
@click.option("--tag", "tags", multiple=True, help="A label (repeatable).")
@click.option("--no-check", is_flag=True, help="Add without fetching it first (tagged unchecked).")
@click.option("--yes", "assume_yes", is_flag=True, help="When URL is a site, add its best feed without asking.")
@click.pass_obj
def feeds_add(obj, url, feed_id, outlet, country, region, language, interval, fulltext, tags, no_check, assume_yes):
    """Add a feed to feeds.toml, after fetching it once to see that it is a feed. URL may be a
    site's page: its feeds are found, listed with entry counts and newest dates, and the one chosen
    (the best with --yes) is added."""
    from ..feeds_admin import slug

    def choose(found):
        click.echo(f"{url} is not a feed; feeds found on the site, best first:")
        for number, item in enumerate(found, 1):
            click.echo(f"  {number}. {item}")
        if assume_yes:
            click.echo(f"adding the best: {found[0].url}")
            return found[0]
        if not sys.stdin.isatty():
            raise click.UsageError("choose one: run again with its address, or with --yes for the best")
        number = click.prompt("Add which one (0 for none)", type=click.IntRange(0, len(found)), default=1)
        return found[number - 1] if number else None

    feed = obj.monitor.add_feed(id=feed_id or slug(url), url=url, outlet=outlet, country=country, region=region,
                                language=language, interval=interval, fulltext=fulltext,
                                tags=tuple(tags) + (("unchecked",) if no_check else ()), check=not no_check,
                                choose=choose)
    click.echo(f"added {feed.id}: {feed.url}")


@feeds.command("set-url")
@click.argument("feed_id")
@click.argument("url")
@click.pass_obj
def feeds_set_url(obj, feed_id, url):
    """Point a feed at a new address (what `feeds check` found); its id and history stay."""
    obj.monitor.set_feed_url(feed_id, url)
    click.echo(f"{feed_id} now reads {url}")


@feeds.command("remove")
@click.argument("feed_id")
@click.pass_obj
def feeds_remove(obj, feed_id):
    """Remove a feed from feeds.toml; what it collected stays in the database."""
    obj.monitor.remove_feed(feed_id)
    click.echo(f"removed {feed_id}")


@feeds.command("enable")
@click.argument("feed_id")
@click.pass_obj
def feeds_enable(obj, feed_id):
    """Enable a feed (also one a 410 Gone disabled); it is polled at the next pass."""
    obj.monitor.enable_feed(feed_id)
    click.echo(f"enabled {feed_id}")


@feeds.command("disable")
@click.argument("feed_id")
@click.pass_obj
def feeds_disable(obj, feed_id):
    """Disable a feed: kept in feeds.toml, not polled."""
    obj.monitor.disable_feed(feed_id)
    click.echo(f"disabled {feed_id}")


@feeds.command("check")
@click.argument("feed", required=False)
@click.option("--all", "check_all", is_flag=True, help="Check every configured feed.")
@click.option("--output", type=click.Path(path_type=Path),
              help="With --all: also write what was found, one JSON object per feed, to this file.")
@click.option("--mark-checked", is_flag=True, help="With --all: drop the unchecked tag of every feed that works.")
@click.pass_obj
def feeds_check(obj, feed, check_all, output, mark_checked):
    """Fetch a feed (an id or a URL) once and say what it holds; nothing is stored. A feed that
    fails is looked for on its site, and the command that switches to the working address is
    printed. With --all, every feed: works, moved or fails, and why."""
    if check_all == bool(feed):
        raise click.UsageError("give a feed id or URL, or --all")
    if not check_all:
        if output or mark_checked:
            raise click.UsageError("--output and --mark-checked go with --all")
        result = obj.monitor.check_feed(feed)
        click.echo(f"{feed}: {result}")
        for title in result.titles:
            click.echo(f"  - {title[:100]}")
        return
    import json

    from ..errors import InputError

    if output and (output.is_dir() or not output.resolve().parent.is_dir()):
        raise InputError(f"{output}: not a file in an existing folder; give another --output")
    results = obj.monitor.check_all(on_result=lambda found: click.echo(str(found)))
    counts = {verdict: sum(1 for r in results if r.verdict == verdict) for verdict in ("works", "moved", "fails")}
    click.echo(f"{len(results)} feeds: {counts['works']} work, {counts['moved']} moved, {counts['fails']} fail")
    if output:
        write_atomically(output, "".join(json.dumps(r.as_dict(), ensure_ascii=False) + "\n" for r in results))
        click.echo(f"written to {output}", err=True)
    if mark_checked:
        marked = obj.monitor.mark_checked([r.feed_id for r in results if r.verdict == "works"])
        click.echo(f"unchecked tag dropped from {len(marked)} feeds that work")
    if counts["moved"]:
        click.echo("moved feeds: run the printed `monitor feeds set-url` commands to switch them")


@feeds.command("import-opml")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--country", help="Country for outlines that do not name one.")
@click.option("--region", help="Catalogue region for outlines that do not name one.")
@click.option("--language", type=click.Choice(LANGUAGES), help="Language for outlines that do not name one.")
@click.pass_obj
def feeds_import_opml(obj, path, country, region, language):
    """Add the feeds of an OPML file to feeds.toml (tagged unchecked); ones already listed are skipped."""
    defaults = {"country": country, "region": region, "language": language, "tags": ["unchecked"]}
    added, skipped = obj.monitor.import_opml(path, defaults)
    for feed in added:
        click.echo(f"added {feed.id}: {feed.url}")
    if skipped:
        click.echo(f"skipped {len(skipped)} already listed: {', '.join(skipped)}")
    click.echo(f"{len(added)} feeds added")


@feeds.command("export-opml")
@click.option("--output", type=click.Path(path_type=Path), help="Write to this file instead of standard output.")
@click.pass_obj
def feeds_export_opml(obj, output):
    """Write the feed list as OPML, for feed readers and other tools."""
    text = obj.monitor.export_opml()
    if output:
        write_atomically(output, text)
        click.echo(f"{len(obj.config.feeds)} feeds written to {output}", err=True)
    else:
        sys.stdout.write(text)
