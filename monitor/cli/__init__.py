"""The command line: parse options, make one call on the facade, print.

A user's mistake (MonitorError) is printed as one line per problem, without a traceback, and the
command exits 1; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import errno
import json
import sqlite3
import sys
from datetime import date
from pathlib import Path

import click

from ..config import default_config_dir, load_config
from ..errors import ConfigError, InputError, MonitorError
from ..files import write_atomically
from ..records import OUTLETS_CSV, REPORT_FORMATS, REPORT_LANGUAGES, PollOutcome, Window

# Modules a command needs are imported inside it: `monitor match` on a feed's worth of articles
# should not pay for loading the report's templates or the fetcher.


class Context:
    """What every command gets: where the config and the database are, and the facade on demand."""

    current: "Context | None" = None  # this command's, for naming its database in an error

    def __init__(self, config_dir: Path, db: Path | None):
        self.config_dir = config_dir
        self.db_override = db
        self.db_path: Path | None = db
        self._monitor = None
        Context.current = self

    @property
    def config(self):
        return self.monitor.config

    @property
    def catalogue(self):
        return self.monitor.catalogue

    def catalogue_alone(self):
        """The catalogue with the admins' local changes, for commands that need no feeds or database."""
        from ..catalogue import load_effective_catalogue

        return load_effective_catalogue(self.config_dir / "catalogue")

    @property
    def monitor(self):
        if self._monitor is None:
            from ..app import Monitor

            config = load_config(self.config_dir)
            self.db_path = self.db_override or _resolve(config.settings.database, self.config_dir)
            self._monitor = Monitor(config, self.db_path)
        return self._monitor

    def close(self):
        if self._monitor is not None:
            self._monitor.close()


def _resolve(database: str, config_dir: Path) -> Path:
    """A relative database path in settings.toml is relative to the project (the config's parent)."""
    path = Path(database)
    return path if path.is_absolute() else config_dir.resolve().parent / path


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_dir", type=click.Path(path_type=Path), envvar="MONITOR_CONFIG",
              help="Config folder (settings.toml, feeds.toml, catalogue/). Default: ./config.")
@click.option("--db", type=click.Path(path_type=Path), envvar="MONITOR_DB",
              help="SQLite database file. Default: the one in settings.toml (db/monitor.db).")
@click.version_option(package_name="partnership-monitor")
@click.pass_context
def main(ctx: click.Context, config_dir: Path | None, db: Path | None):
    """Measure how the regional press covers Belarus's partnerships abroad, and report the gaps."""
    ctx.obj = Context(config_dir or default_config_dir(), db)
    ctx.call_on_close(ctx.obj.close)


def _outcome_line(outcome: PollOutcome) -> str:
    if outcome.status == "error":
        return f"{outcome.feed_id}: error ({outcome.error_kind}): {outcome.error}"
    if outcome.status == "unchanged":
        return f"{outcome.feed_id}: unchanged"
    parts = [f"{outcome.new_articles} new"]
    if outcome.updated_articles:
        parts.append(f"{outcome.updated_articles} updated")
    parts.append(f"{outcome.matched} about partnerships")
    return f"{outcome.feed_id}: " + ", ".join(parts)


@main.command()
@click.option("--output", type=click.Path(path_type=Path), default=Path("reports/demo"), show_default=True,
              help="Folder for the demo database and its reports.")
@click.pass_obj
def demo(obj: Context, output: Path):
    """Run the whole path offline on bundled sample feeds and write a gap report."""
    from ..demo import DEMO_WEEK, run_demo

    catalogue = obj.catalogue_alone()
    written = run_demo(catalogue, obj.config_dir / "catalogue", output, say=click.echo,
                       on_outcome=lambda o: click.echo("  " + _outcome_line(o)))
    data = json.loads(written["json"].read_text(encoding="utf-8"))
    counts = {s: sum(1 for p in data["partnerships"] if p["status"] == s) for s in ("covered", "gap", "not_collected")}
    click.echo(f"Week {DEMO_WEEK}: {counts['covered']} partnerships covered, {counts['gap']} gaps, "
               f"{counts['not_collected']} not collected (feeds failing: {data['feeds']['failing']}).")
    click.echo(f"Report: {written['md']}")
    click.echo(f"        {written['html']}")
    click.echo(f"        {written['json']}")
    click.echo(f"In Belarusian: {written['be.md']}, in English: {written['en.md']} (and .html)")
    click.echo(f"Browse it: monitor --config {written['config']} serve, then open "
               f"http://127.0.0.1:8080/?week={DEMO_WEEK}")


@main.command()
@click.option("--feed", "feed_ids", multiple=True, help="Poll only this feed (repeatable).")
@click.option("--all", "everything", is_flag=True, help="Poll every enabled feed, due or not.")
@click.option("--strict", is_flag=True, help="Exit 1 if any feed failed.")
@click.pass_obj
def poll(obj: Context, feed_ids: tuple[str, ...], everything: bool, strict: bool):
    """Fetch each due feed once, store new articles and match them."""
    monitor = obj.monitor
    unknown = [f for f in feed_ids if monitor.config.feed(f) is None]
    if unknown:
        raise InputError(f"unknown feed {unknown[0]!r}; `monitor feeds list` shows the feed ids")
    outcomes = monitor.poll(feed_ids, everything, on_outcome=lambda o: click.echo(_outcome_line(o)))
    if not outcomes:
        click.echo("No feed is due; use --all to poll every feed now.")
    if strict and any(o.status == "error" for o in outcomes):
        sys.exit(1)


@main.command()
@click.option("--input", "input_path", required=True, type=click.Path(path_type=Path),
              help="JSON Lines file of articles (id, title, summary, content, lang, url, published); - for stdin.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Processes that match (default: one per core; a short file is matched in one).")
@click.pass_obj
def match(obj: Context, input_path: Path, jobs: int | None):
    """Match articles from a file against the catalogue; no database needed."""
    from ..inputs import read_lines
    from ..match import Matcher
    from ..match.many import match_many

    matcher = Matcher.compile(obj.catalogue_alone())
    out = sys.stdout
    for line in match_many(read_lines(input_path), lambda item: _match_line(matcher, *item), jobs):
        out.write(line)


def _match_line(matcher, where: str, line: str) -> str:
    """One input line's answer: the article's id, partnerships and evidence as one JSON line."""
    from ..inputs import article, parse_object

    found = article(parse_object(where, line), where)
    matches = matcher.match(found)
    return json.dumps({
        "id": found.id,
        "partnerships": [m.partnership_id for m in matches],
        "evidence": [{"partnership": m.partnership_id, "score": round(m.score, 3),
                      "mentions": [{"entity": e.a.entity_id, "text": e.a.text, "start": e.a.start, "end": e.a.end}
                                   for e in m.evidence[:1]] +
                                  [{"entity": e.b.entity_id, "text": e.b.text, "start": e.b.start, "end": e.b.end}
                                   for e in m.evidence[:1]],
                      "sentence": m.evidence[0].sentence if m.evidence else ""} for m in matches],
    }, ensure_ascii=False) + "\n"


@main.command("eval")
@click.option("--input", "input_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              metavar="LABELLED.jsonl", help="Articles with a 'labels' list of partnership ids.")
@click.option("--catalogue", "catalogue_dir", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Catalogue folder; default: the configured one, with its local changes.")
@click.pass_obj
def eval_(obj: Context, input_path: Path, catalogue_dir: Path | None):
    """Measure matching: precision, recall and F1 overall, per language and per level."""
    from ..config import load_catalogue
    from ..evaluate import evaluate, format_eval, read_labelled
    from ..match import Matcher

    items = read_labelled(input_path)
    catalogue = load_catalogue(catalogue_dir) if catalogue_dir else obj.catalogue_alone()
    click.echo(format_eval(evaluate(Matcher.compile(catalogue), items)))


def parse_window(date_from: str | None, date_to: str | None, week: str | None, today: date) -> Window:
    from ..coverage import FIRST_DAY, LAST_DAY, iso_week, previous_week, window_problem

    if week and (date_from or date_to):
        raise InputError("give either --week or --from and --to, not both")
    try:
        if week:
            window = iso_week(week)
        elif date_from or date_to:
            if not (date_from and date_to):
                raise InputError("give both --from and --to (YYYY-MM-DD), or --week YYYY-Www")
            window = Window(date.fromisoformat(date_from), date.fromisoformat(date_to))
            if window.end < window.start:
                raise InputError(f"--to {date_to} is before --from {date_from}")
        else:
            return previous_week(today)
    except ValueError:
        raise InputError(f"dates are YYYY-MM-DD and weeks YYYY-Www between {FIRST_DAY.year} and {LAST_DAY.year}, "
                         f"e.g. --week 2026-W47")
    if window_problem(window):
        raise InputError(f"no report for {window.label}: {window_problem(window)}")
    return window


def parse_scope(monitor, regions, countries, outlets) -> dict:
    """--region/--partner-country/--outlet into a scope; one value stays a string, so the JSON
    report's "scope" reads {"region": "by-mogilev-oblast"}."""
    for region in regions:
        if region not in monitor.catalogue.entities:
            raise InputError(f"unknown region {region!r}; use a catalogue entity id such as by-mogilev-oblast")
    known_outlets = {f.id for f in monitor.config.feeds} | {f.outlet for f in monitor.config.feeds}
    for outlet in outlets:
        if outlet not in known_outlets:
            raise InputError(f"unknown outlet {outlet!r}; use a feed id from `monitor feeds list`")
    scope = {}
    for key, values in (("region", regions), ("partner_country", tuple(c.upper() for c in countries)),
                        ("outlet", outlets)):
        if values:
            scope[key] = values[0] if len(values) == 1 else list(values)
    return scope


@main.command()
@click.option("--from", "date_from", help="First day, YYYY-MM-DD.")
@click.option("--to", "date_to", help="Last day, YYYY-MM-DD.")
@click.option("--week", help="An ISO week, YYYY-Www. Default: last complete week.")
@click.option("--region", "regions", multiple=True, help="Only partnerships of this territory (a catalogue entity id; repeatable).")
@click.option("--partner-country", "countries", multiple=True, help="Only partners in this country (ISO code such as RU; repeatable).")
@click.option("--outlet", "outlets", multiple=True, help="Only what this outlet carries (a feed id; repeatable).")
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS + (OUTLETS_CSV,)), default="md", show_default=True,
              help="outlets.csv: the outlet scorecard alone.")
@click.option("--lang", type=click.Choice(REPORT_LANGUAGES), default="ru", show_default=True,
              help="Language of the report: Russian, Belarusian or English.")
@click.option("--output", type=click.Path(path_type=Path), help="Write to this file instead of standard output.")
@click.option("--email", "recipient", help="Also email it to this address now (SMTP from settings.toml).")
@click.pass_obj
def report(obj: Context, date_from, date_to, week, regions, countries, outlets, fmt, lang, output, recipient):
    """Write the gap report for a window: covered, gap or not collected, per partnership."""
    monitor = obj.monitor
    window = parse_window(date_from, date_to, week, monitor.today())
    scope = parse_scope(monitor, regions, countries, outlets)
    text = monitor.report(window, scope, fmt, lang)
    if output:
        write_atomically(output, text)
        click.echo(f"Report for {window.label} written to {output}", err=True)
    else:
        sys.stdout.write(text)
    if recipient:
        monitor.send_report(window, recipient, scope, fmt, lang)
        click.echo(f"Report for {window.label} sent to {recipient}", err=True)


@main.command()
@click.option("--week", help="An ISO week, YYYY-Www. Default: last complete week.")
@click.option("--force", is_flag=True, help="Send again to subscribers who already had this week's report.")
@click.pass_obj
def deliver(obj: Context, week, force):
    """Write the week's reports to the reports folder and email each subscription once."""
    monitor = obj.monitor
    window = parse_window(None, None, week, monitor.today())
    written = monitor.write_reports(window)
    click.echo(f"Report for {window.label} written to {written['paths']['html']} (Atom feed: "
               f"{monitor.reports_dir / 'reports.atom'})")
    outcomes = monitor.deliver(window, force=force)
    click.echo(f"Planning calendar: {monitor.reports_dir / 'calendar.ics'} (and one per subscription)")
    for outcome in outcomes:
        click.echo(f"{outcome.recipient}: {outcome.status}" + (f": {outcome.error}" if outcome.error else ""))
    if not monitor.subscriptions:
        click.echo("No subscriptions: add [[subscriptions]] to config/subscriptions.toml to email reports.")
    if any(o.status == "failed" for o in outcomes):
        sys.exit(1)


@main.command()
@click.option("--region", "regions", multiple=True, help="Only partnerships of this territory (a catalogue entity id; repeatable).")
@click.option("--partner-country", "countries", multiple=True, help="Only partners in this country (ISO code such as RU; repeatable).")
@click.option("--months", type=click.IntRange(1, 60), default=12, show_default=True, help="How far ahead, from today.")
@click.option("--lang", type=click.Choice(REPORT_LANGUAGES), default="ru", show_default=True,
              help="Language of the events: Russian, Belarusian or English.")
@click.option("--output", type=click.Path(path_type=Path), required=True, help="The .ics file to write.")
@click.pass_obj
def calendar(obj: Context, regions, countries, months, lang, output):
    """Write a planning calendar (.ics): round anniversaries of signings, plans starting and ending."""
    monitor = obj.monitor
    scope = parse_scope(monitor, regions, countries, ())
    events = monitor.calendar_events(months, scope, lang)
    from ..calendar import to_ical

    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(to_ical(events, lang, monitor.config.settings.timezone, now=monitor.clock()))
    kinds = {kind: sum(1 for e in events if e.kind == kind) for kind in ("anniversary", "plan_start", "plan_end", "planned")}
    click.echo(f"{len(events)} events in the next {months} months written to {output}: {kinds['anniversary']} "
               f"anniversaries, {kinds['plan_start']} plans starting, {kinds['plan_end']} ending, "
               f"{kinds['planned']} planned signings", err=True)


@main.command()
@click.pass_obj
def run(obj: Context):
    """Run the scheduler: poll each feed at its interval, write the weekly report on time."""
    from ..schedule import run_forever

    obj.monitor.subscriptions  # a mistake in subscriptions.toml stops the start, not Monday's report
    run_forever(obj.monitor)


# Command groups that have grown past a few lines live in their own modules beside this one.
from .feeds import feeds  # noqa: E402
from .web import serve  # noqa: E402
from .catalogue import catalogue  # noqa: E402
from .backfill import backfill  # noqa: E402
from .db import db  # noqa: E402

main.add_command(feeds)
main.add_command(backfill)
main.add_command(serve)
main.add_command(catalogue)
main.add_command(db)


def run_cli(argv: list[str] | None = None) -> int:
    try:
        main.main(args=argv, prog_name="monitor", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 1
    except ConfigError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        return 1
    except MonitorError as exc:
        click.echo(f"error: {exc}", err=True)
        return 1
    except sqlite3.DatabaseError as exc:  # a damaged, full or read-only database met after opening it
        from ..store import explain

        where = Context.current.db_path if Context.current and Context.current.db_path else "the database"
        click.echo(f"error: {explain(where, exc)}", err=True)
        return 1
    except OSError as exc:
        if exc.errno not in USER_OS_ERRORS:
            raise  # anything else is a bug and keeps its traceback
        from ..files import why

        click.echo(f"error: {exc.filename or 'a file'}: {why(exc)}", err=True)
        return 1
    except KeyboardInterrupt:
        click.echo("Stopped.", err=True)
        return 130
    return 0


# What the machine, not the monitor, got wrong: a full disk, a read-only folder, a file in the way.
USER_OS_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOTDIR,
                  errno.EISDIR, errno.EEXIST}


def entry_point() -> None:
    sys.exit(run_cli())
