"""The facade: the one object the command line, the scheduler and the web pages call.

It owns the configuration, the database and the compiled matcher, and joins the steps of the data
flow (poll → store → match → coverage → report). It holds no policy of its own: each decision is
made by the pure module that owns it.
"""

from __future__ import annotations

import json
import logging
from bisect import bisect_left
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Iterable
from zoneinfo import ZoneInfo

from . import coverage, deliver, report, week_results
from .config import Config
from .errors import DeliveryError
from .fetch import make_client
from .fulltext import RobotsCache
from .observed import observed_share
from .poll import PollLock, due_feeds, poll_feeds
from .records import OUTLETS_CSV, REPORT_FORMATS, CoverageReport, Delivery, PollOutcome, Pruned, Subscription, Window
from .schedule import losing_entries
from .store import Store, parse_iso


log = logging.getLogger("monitor")
TREND_WEEKS = 12  # the "last 4 and 12 weeks"; 4 is a slice of these


def story_time(article) -> datetime:
    """When coverage counts a stored story (as coverage.stories_from_matches does)."""
    return article.story_at or article.published or article.fetched


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Monitor:
    def __init__(self, config: Config, db_path: Path | str, clock: Callable[[], datetime] = utcnow):
        self.config = config
        self.db_path = Path(db_path)
        self.clock = clock
        self._store: Store | None = None
        self._matcher = None
        self._subscriptions: tuple[Subscription, ...] | None = None
        self.robots = RobotsCache()  # sites' robots.txt, read once a day across the scheduler's passes

    # --- parts, made on first use so `monitor match` never opens a database --------------------

    @property
    def catalogue(self):
        return self.config.catalogue

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.db_path)
        return self._store

    @property
    def matcher(self):
        if self._matcher is None:
            from .match import Matcher

            self._matcher = Matcher.compile(self.config.catalogue)
        return self._matcher

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.config.settings.timezone)

    def today(self) -> date:
        return self.clock().astimezone(self.timezone).date()

    # --- polling ---------------------------------------------------------------------------

    lock_wait = 30.0  # seconds a second poller waits for the first before saying who holds the database

    def poll(self, feed_ids: Iterable[str] = (), everything: bool = False,
             on_outcome: Callable[[PollOutcome], None] | None = None, stop=None) -> list[PollOutcome]:
        """Poll the named feeds, or all enabled ones (everything), or those that are due. One
        poller per database: a second one waits, then names the process holding it. Setting
        `stop` (a threading.Event) ends the pass within a moment, unstored feeds left due."""
        matcher = self.matcher
        with PollLock(self.db_path, self.lock_wait):
            wanted = list(feed_ids)
            if wanted:
                feeds = [self.config.feed(feed_id) for feed_id in wanted]
            elif everything:
                feeds = [feed for feed in self.config.feeds if feed.enabled]
            else:
                feeds = due_feeds(self.config.feeds, self.store, self.clock())
            with make_client(self.config.settings.limits, self.config.settings.allow_networks) as client:
                return poll_feeds(feeds, self.store, self.config.settings, matcher, client, self.clock, on_outcome,
                                  all_feeds=self.config.feeds, robots=self.robots, stop=stop)

    def backfill(self, feed_ids: Iterable[str], since: date, until: date | None = None, on_progress=None,
                 budget: int | None = None, reader=None):
        """Collect the past articles of the named sources (all enabled ones when none is named)
        from their sitemaps or listing pages, under the poll lock: a poll and a backfill never
        write one database at once. Resumable: what was fetched is recorded as it is stored.
        reader: the page politeness (a fulltext.PageReader; tests pass one with their own sleep)."""
        from .backfill import Backfill
        from .fulltext import PageReader
        from .poll import HostLimiter

        matcher = self.matcher
        with PollLock(self.db_path, self.lock_wait):
            wanted = list(feed_ids)
            feeds = [self.config.feed(f) for f in wanted] if wanted else [f for f in self.config.feeds if f.enabled]
            with make_client(self.config.settings.limits, self.config.settings.allow_networks) as client:
                run = Backfill(self.store, self.config.settings, matcher, client, HostLimiter(1), self.clock,
                               on_progress, self.config.feeds, budget,
                               reader or PageReader(self.config.settings.limits, self.robots))
                return run.run(feeds, since, until)

    def _check_source(self, feed):
        from .fulltext import PageReader
        from .poll import HostLimiter
        from .sources import PageFetcher, check_source

        settings = self.config.settings
        with make_client(settings.limits, settings.allow_networks) as client:
            fetcher = PageFetcher(client, settings.limits, HostLimiter(1), reader=PageReader(settings.limits, self.robots))
            return check_source(feed, fetcher, self.clock())

    def find_sources(self, url: str) -> list:
        """What a site without a feed offers instead: its sitemaps, else the page itself when it
        is a news listing (sources.Offer records, each with its kind)."""
        from .fulltext import PageReader
        from .poll import HostLimiter
        from .sources import PageFetcher, offer_sources

        settings = self.config.settings
        with make_client(settings.limits, settings.allow_networks) as client:
            fetcher = PageFetcher(client, settings.limits, HostLimiter(1), reader=PageReader(settings.limits, self.robots))
            return offer_sources(url, fetcher, self.clock())

    # --- the feed list: feeds.toml edited in place, checked before it is replaced ----------------

    @property
    def feeds_file(self):
        from .feeds_admin import FeedsFile

        return FeedsFile(self.config.root / "feeds.toml", self.catalogue)

    def _reload_feeds(self) -> None:
        from dataclasses import replace

        self.config = replace(self.config, feeds=self.feeds_file.feeds())
        self._feeds_stamp = self.feeds_file.stamp()

    _feeds_stamp = None  # feeds.toml's (mtime, size, inode) when the feed list was last read

    def reload_feeds_if_changed(self) -> bool:
        """Read feeds.toml again when it changed since it was read (an admin's edit from the
        dashboard or another command); True when it did. A file that no longer loads raises
        ConfigError and the feed list in use stays as it was."""
        stamp = self.feeds_file.stamp()
        if self._feeds_stamp is None:
            self._feeds_stamp = stamp  # the list in use came from this file at start
            return False
        if stamp == self._feeds_stamp:
            return False
        try:
            self._reload_feeds()
        finally:
            self._feeds_stamp = stamp  # a broken edit is said once, not every few seconds
        return True

    def add_feed(self, id: str, url: str, outlet: str, country: str, region: str, language: str,
                 interval: int | None = None, fulltext: bool | None = None, tags: Iterable[str] = ("unchecked",),
                 check: bool = True, choose: Callable | None = None):
        """Add a feed to feeds.toml. With check, it is fetched first: an unreachable address is
        refused with the reason, and the "unchecked" tag is dropped. An address that is not a feed
        (a site's home page, a moved feed) is searched for the site's feeds; `choose` picks one of
        them (a FoundFeed, or None to add nothing); without it the error lists them."""
        values = {"id": id, "url": url, "outlet": outlet, "country": country, "region": region,
                  "language": language, "interval": interval, "fulltext": fulltext, "tags": list(tags)}
        values = {k: v for k, v in values.items() if v not in (None, "")}
        if check:
            from .errors import ConfigError, FetchError, InputError, ParseError

            from .config import parse_feed

            # validate first, so a bad region is reported before any network traffic
            problems: list[str] = []

            parse_feed(dict(values), "new feed", self.catalogue, problems)
            from .feeds_admin import _url_key

            for feed in self.config.feeds:
                if feed.id == id:
                    problems.append(f"duplicate: a feed with id {id!r} already exists; choose another --id")
                elif _url_key(feed.url) == _url_key(url):
                    problems.append(f"duplicate: {url} is already feed {feed.id!r}")
            if problems:
                raise ConfigError(problems)
            try:
                self.check_feed(url, discover=False)
            except (ParseError, FetchError) as exc:
                if isinstance(exc, FetchError) and not exc.status:
                    raise  # unreachable: there is no site to search
                # a site without a feed may still offer a sitemap or a news listing page (sources.py)
                found = self.find_feeds(url) or self.find_sources(url)
                if not found:
                    raise extended(exc, "; no feed found on the site either (tried the links on its pages and "
                                        "the usual addresses such as /feed/ and /rss.xml), nor a sitemap or a "
                                        "news listing page")
                if choose is None:
                    raise InputError(f"{url} is not a feed; the site's feeds: "
                                     + "; ".join(str(item) for item in found) + ". Add one of these addresses")
                chosen = choose(found)
                if chosen is None:
                    raise InputError("nothing added")
                values["url"] = chosen.url
                if getattr(chosen, "kind", "feed") != "feed":
                    values["kind"] = chosen.kind
                for feed in self.config.feeds:
                    if _url_key(feed.url) == _url_key(chosen.url):
                        raise ConfigError([f"duplicate: {chosen.url} is already feed {feed.id!r}"])
            values["tags"] = [t for t in values.get("tags", []) if t != "unchecked"] or None
            values = {k: v for k, v in values.items() if v is not None}
        added = self.feeds_file.add([values])
        self._reload_feeds()
        return added[0]

    def find_feeds(self, url: str) -> list:
        """The working feeds of the site that url belongs to, best first (FoundFeed records)."""
        from .feeds_admin import discover_feeds

        return discover_feeds(url, self.config.settings.limits, allow_networks=self.config.settings.allow_networks)

    def set_feed_url(self, feed_id: str, url: str) -> None:
        """Point a feed at a new address (its id, history and articles stay)."""
        from .config import url_problem
        from .errors import InputError

        problem = url_problem(url)
        if problem:
            raise InputError(problem)
        self.feeds_file.update(feed_id, {"url": url})
        self._reload_feeds()

    def remove_feed(self, feed_id: str) -> None:
        """Remove a feed from feeds.toml; its stored articles and history stay in the database."""
        self.feeds_file.remove(feed_id)
        self._reload_feeds()

    def enable_feed(self, feed_id: str) -> None:
        """Enable a feed, and forget a 410's disabling and any backoff so it is polled next pass."""
        self.feeds_file.set_enabled(feed_id, True)
        self._reload_feeds()
        self.store.reset_feed(feed_id)

    def disable_feed(self, feed_id: str) -> None:
        self.feeds_file.set_enabled(feed_id, False)
        self._reload_feeds()

    def check_feed(self, feed_or_url: str, discover: bool = True):
        """Fetch a feed (a configured id or any URL) once and say what it holds, storing nothing.
        A feed that fails (gone, an HTML page, not a feed) is looked for on its site, and the
        error names the address that works and the command that switches to it."""
        from .errors import FetchError, InputError, ParseError
        from .feeds_admin import check_url

        feed = self.config.feed(feed_or_url)
        if feed is None and not feed_or_url.startswith(("http://", "https://")):
            raise InputError(f"unknown feed {feed_or_url!r}; give a feed id from `monitor feeds list` or an http(s) URL")
        url = feed.url if feed else feed_or_url
        if feed is not None and feed.kind != "feed":
            return self._check_source(feed)
        try:
            return check_url(url, self.config.settings.limits, self.matcher if feed else None, feed,
                             allow_networks=self.config.settings.allow_networks)
        except (FetchError, ParseError) as exc:
            if not discover or (isinstance(exc, FetchError) and not exc.status):
                raise
            found = self.find_feeds(url)
            if not found:
                raise
            raise extended(exc, f"; the site's feed is at {found[0]}: {switch_command(feed, found[0].url)}") from exc

    def mark_checked(self, feed_ids: list[str]) -> list[str]:
        """Drop the "unchecked" tag of these feeds; returns the ids that had it."""
        marked = []
        for feed in self.config.feeds:
            if feed.id in feed_ids and "unchecked" in feed.tags:
                tags = [tag for tag in feed.tags if tag != "unchecked"]
                self.feeds_file.update(feed.id, {"tags": tags or None})
                marked.append(feed.id)
        self._reload_feeds()
        return marked

    def check_all(self, on_result: Callable | None = None) -> list:
        """Check every configured feed once (one request at a time per site, several sites at once)
        and say for each: works, moved (with the address that works) or fails (with why)."""
        from .feeds_admin import check_all

        return check_all(self.config.feeds, self.config.settings.limits, on_result, self.config.settings.allow_networks)

    def import_opml(self, path: Path | str, defaults: dict | None = None) -> tuple[list, list[str]]:
        """Add every feed of an OPML file; feeds already listed (same id or URL) are skipped.
        Returns (added feeds, skipped ids). Any other problem adds nothing."""
        from .feeds_admin import _url_key, read_opml

        tables = read_opml(Path(path), defaults or {})
        known_ids = {feed.id for feed in self.config.feeds}
        known_urls = {_url_key(feed.url) for feed in self.config.feeds}
        fresh, skipped = [], []
        for table in tables:
            if table["id"] in known_ids or _url_key(table["url"]) in known_urls:
                skipped.append(table["id"])
            else:
                fresh.append(table)
        added = self.feeds_file.add(fresh) if fresh else []
        self._reload_feeds()
        return added, skipped

    def export_opml(self) -> str:
        from .feeds_admin import write_opml

        return write_opml(self.config.feeds)

    # --- the catalogue: candidates from the news --------------------------------------------------

    def catalogue_editor(self):
        from .catalogue import CatalogueEditor

        return CatalogueEditor(self.config.root / "catalogue", clock=self.clock)

    def _record_catalogue(self, editor, changes) -> None:
        """Record reviewed changes, then see the catalogue (and match) as it now is."""
        from dataclasses import replace

        editor.record(changes, where=lambda change, field: f"{field}: ")
        self.config = replace(self.config, catalogue=editor.catalogue)
        self._matcher = None

    def candidates(self, on_progress: Callable[[int, int], None] | None = None):
        """Partnerships the stored news reports that the catalogue lacks, not yet reviewed.

        Each article is read for candidates once, with the sightings kept in the database: this
        reads only the articles stored or changed since the last time (all of them after an
        upgrade of the matcher). `on_progress(read, to_read)` hears about a long reading."""
        from .catalogue import open_candidates, sightings_in
        from .match import CODE_DIGEST

        through, todo = self.store.candidate_progress(CODE_DIGEST)
        done = 0
        if todo:
            matcher = self.matcher
            for page in self.store.articles_to_read_for_candidates(through):
                self.store.record_candidates(CODE_DIGEST, [a.id for a in page],
                                             [row for article in page for row in sightings_in(matcher, article)])
                done += len(page)
                if on_progress:
                    on_progress(done, todo)
        editor = self.catalogue_editor()
        return open_candidates(self.store.candidate_sightings(), editor.reviewed_candidates(), editor.catalogue)

    def _sighting(self, key: str):
        from .catalogue import find_sighting

        return find_sighting(self.candidates(), key)

    def accept_candidate(self, key: str, kind: str, country: str, by: str, **details) -> str:
        """Add the candidate's partner and the partnership; returns the new partnership's id."""
        from .catalogue import accept_changes

        editor = self.catalogue_editor()
        changes = accept_changes(editor, self._sighting(key), kind, country, by, **details)
        self._record_catalogue(editor, changes)
        return changes[1].target

    def merge_candidate(self, key: str, entity_id: str, by: str, **details) -> None:
        from .catalogue import merge_changes

        editor = self.catalogue_editor()
        self._record_catalogue(editor, merge_changes(editor, self._sighting(key), entity_id, by, **details))

    def reject_candidate(self, key: str, by: str, why: str) -> None:
        from .catalogue import reject_changes

        editor = self.catalogue_editor()
        self._record_catalogue(editor, reject_changes(editor, self._sighting(key), by, why))

    # --- coverage and reports ----------------------------------------------------------------

    def coverage(self, window: Window, scope: dict | None = None) -> CoverageReport:
        return self.coverage_history(window, scope, 1)[-1]

    def coverage_history(self, window: Window, scope: dict | None = None, weeks: int = TREND_WEEKS) -> list[CoverageReport]:
        """The scope's coverage for `weeks` windows ending with this one, oldest first: the trend.

        Reads only what the windows hold: their matched stories (one index range), each
        partnership's last story before the first window (one seek each), and each feed's
        collection per window (kept once a window has ended: week_results)."""
        settings = self.config.settings
        zone = self.timezone
        windows = coverage.windows_up_to(window, weeks)
        bounds = [coverage.window_bounds(w, settings.timezone) for w in windows]
        matches = list(self.store.matched_stories(since=bounds[0][0], until=bounds[-1][1]))
        times = [story_time(article) for _, _, _, article in matches]
        last_story = self.store.last_story_before(bounds[0][0], self.catalogue.partnerships)
        feed_ids = {feed.id for feed in self.config.feeds if feed.enabled}
        now = self.clock()
        history = []
        for w, (start, end) in zip(windows, bounds):
            first, last = bisect_left(times, start), bisect_left(times, end)
            for pid, _, _, article in matches[:first]:  # matches before this window, after the first
                when = story_time(article)
                last_story[pid] = max(last_story.get(pid, when), when)
            matches, times = matches[first:], times[first:]
            stories, _ = coverage.stories_from_matches(matches[:last - first], self.config.feeds, start,
                                                       settings.timezone)
            last_covered = {pid: when.astimezone(zone).date() for pid, when in last_story.items()}
            collection = week_results.collections(self.store, feed_ids, start, end, now,
                                                  settings.outage_tolerance_hours)
            history.append(coverage.compute_coverage(
                self.catalogue, self.config.feeds, w, settings.timezone, stories, (), {}, last_covered,
                now=now, tolerance_hours=settings.outage_tolerance_hours, scope=scope, collection=collection))
        return history

    def report(self, window: Window, scope: dict | None = None, fmt: str = "md", lang: str = "ru") -> str:
        return self.reports(window, scope, (fmt,), lang)[fmt]

    def reports(self, window: Window, scope: dict | None = None, formats: tuple[str, ...] = ("md", "html", "csv", "json"), lang: str = "ru") -> dict[str, str]:
        """One report in several formats, computed once; "outlets.csv" is its outlet scorecard."""
        history = self.coverage_history(window, scope)
        outlets = self.outlet_scores(history, scope)
        return {fmt: report.render(history[-1], self.catalogue, fmt, lang=lang, history=history, outlets=outlets,
                                   zone=self.timezone)
                for fmt in formats}

    def outlet_scores(self, history: list[CoverageReport], scope: dict | None = None):
        """The outlet scorecard over a coverage history (oldest first, equal windows)."""
        from . import scorecard

        tz = self.config.settings.timezone
        feeds = coverage.scoped_feeds(self.config.feeds, scope or {})
        start, _ = coverage.window_bounds(history[0].window, tz)
        _, end = coverage.window_bounds(history[-1].window, tz)
        days = (history[-1].window.end - history[-1].window.start).days + 1
        counts = self.store.outlet_counts([feed.id for feed in feeds if feed.enabled], start, end, days)
        return scorecard.outlet_scores(history, feeds, counts)

    # --- the planning calendar -----------------------------------------------------------------

    def calendar_events(self, months: int = 12, scope: dict | None = None, lang: str = "ru", days: int | None = None):
        """What a newsroom can plan around from today for `months` months (or `days` days)."""
        from . import calendar

        start = self.today()
        until = start + timedelta(days=days - 1) if days else calendar.add_months(start, months) - timedelta(days=1)
        zone = self.timezone
        last = {pid: moment.astimezone(zone).date() for pid, moment in self.store.last_covered().items()}
        return calendar.upcoming(self.catalogue, start, until, lang, scope, last, self.config.settings.dashboard_url)

    def calendar(self, months: int = 12, scope: dict | None = None, lang: str = "ru") -> bytes:
        """The planning calendar as an .ics file."""
        from . import calendar

        return calendar.to_ical(self.calendar_events(months, scope, lang), lang, self.config.settings.timezone,
                                now=self.clock())

    def write_calendar(self, scope: dict | None = None, lang: str = "ru") -> Path:
        """calendar[-scope][.lang].ics in the reports folder: one address an editor subscribes to."""
        path = self.reports_dir / (deliver.calendar_stem(scope or {}, lang) + ".ics")
        return deliver.write_calendar(path, self.calendar(scope=scope, lang=lang))

    def write_calendars(self) -> list[Path]:
        """calendar.ics for the whole catalogue, and one per subscription's scope and language."""
        wanted = {("{}", "ru"): {}}
        for subscription in self.subscriptions:
            key = (json.dumps(subscription.scope, sort_keys=True), subscription.lang)
            wanted.setdefault(key, subscription.scope)
        return [self.write_calendar(scope, lang) for (_, lang), scope in wanted.items()]

    # --- housekeeping --------------------------------------------------------------------------

    def prune_fetch_log(self, days: int | None = None) -> Pruned:
        """Remove raw fetch-log attempts older than `days` (settings: fetch_log_days), cut at the
        start of a week by the editors' clock. Every week before the cut gets its results computed
        and kept first, so no weekly report or trend loses anything; each feed keeps its last
        attempt before the cut, where the next window starts from."""
        settings = self.config.settings
        now = self.clock()
        cut_week = coverage.previous_week((now - timedelta(days=days or settings.fetch_log_days)
                                           ).astimezone(self.timezone).date() + timedelta(days=7))
        cut = coverage.window_bounds(cut_week, settings.timezone)[0]
        oldest, done = self.store.oldest_attempt(), self.store.pruned_before()
        if oldest is not None and done is not None:
            oldest = max(oldest, done)  # what an earlier prune left before its cut is each feed's last attempt
        weeks = 0
        if oldest is not None and oldest < cut:
            feed_ids = {feed.id for feed in self.config.feeds} | self.store.polled_feeds()
            week = coverage.previous_week(oldest.astimezone(self.timezone).date() + timedelta(days=7))
            while (bounds := coverage.window_bounds(week, settings.timezone))[0] < cut:
                week_results.collections(self.store, feed_ids, *bounds, now, settings.outage_tolerance_hours)
                weeks += 1
                week = Window(week.start + timedelta(days=7), week.end + timedelta(days=7))
        removed = self.store.prune_fetch_log(cut, now) if weeks else 0
        return Pruned(cut, removed, weeks)

    # --- delivery ----------------------------------------------------------------------------

    @property
    def reports_dir(self) -> Path:
        folder = Path(self.config.settings.reports_dir)
        return folder if folder.is_absolute() else self.config.root.resolve().parent / folder

    @property
    def subscriptions(self) -> tuple[Subscription, ...]:
        """config/subscriptions.toml, read once; a mistake there is a ConfigError."""
        if self._subscriptions is None:
            self._subscriptions = deliver.load_subscriptions(self.config.root / "subscriptions.toml", self.catalogue,
                                                             self.config.feeds)
        return self._subscriptions

    def write_reports(self, window: Window, scope: dict | None = None, lang: str = "ru") -> dict[str, str | Path]:
        """Write a report in every format to the reports folder and list it in the Atom feed.
        Returns the texts by format, and their paths under "paths"."""
        scope = dict(scope or {})
        texts = self.reports(window, scope, REPORT_FORMATS + (OUTLETS_CSV,), lang)
        data = json.loads(texts["json"])
        counts = {s: sum(1 for p in data["partnerships"] if p["status"] == s) for s in ("covered", "gap", "not_collected")}
        scope_label = ", ".join(v if isinstance(v, str) else ", ".join(v) for v in scope.values())
        meta = {"from": window.start.isoformat(), "to": window.end.isoformat(), "scope": scope, "lang": lang,
                "counts": counts, "scope_label": scope_label}
        stem = deliver.report_stem(window, scope, lang)
        paths = deliver.write_reports(self.reports_dir, stem, texts, meta, self.clock(), self.config.settings.reports_url)
        return {**texts, "paths": paths}

    def send_report(self, window: Window, recipient: str, scope: dict | None = None, fmt: str = "html",
                    lang: str = "ru", texts: dict | None = None) -> None:
        """Email one report now (no check whether it was sent before: `monitor report --email`)."""
        texts = texts or self.write_reports(window, scope, lang)
        t = report.STRINGS[lang]
        data = json.loads(texts["json"])
        gaps = sum(1 for p in data["partnerships"] if p["status"] == "gap")
        subject = f"{t['title']} · {window.label} · {t['gap']}: {gaps}"
        attachment = None
        if fmt in ("csv", "json"):
            mime = "text/csv" if fmt == "csv" else "application/json"
            attachment = (f"{deliver.report_stem(window, scope or {}, lang)}.{fmt}", texts[fmt].encode("utf-8"), mime)
        sender = self.config.settings.smtp.sender if self.config.settings.smtp else "monitor@localhost"
        html, image = (texts["html"] if fmt == "html" else None), None
        if html is not None:  # the reports folder's HTML keeps its SVG; the email's chart is a PNG
            content_id = deliver.content_id("chart", sender)
            html, png = report.email_html(html, report.weeks_from_json(data), lang, content_id)
            image = (content_id, png) if png else None
        message = deliver.build_message(sender, recipient, subject, texts["md"], html, attachment, now=self.clock(),
                                        image=image)
        deliver.send(self.config.settings.smtp, message)

    def deliver(self, window: Window, force: bool = False) -> list[Delivery]:
        """Send the window's report to every subscription that has not had it. A delivery is
        recorded in the store after the server accepted it, so a restart never sends it twice;
        a failed one is not recorded, so the next run tries again."""
        self.write_calendars()  # the months ahead move on with every week
        outcomes = []
        made: dict[tuple, dict] = {}
        for subscription in self.subscriptions:
            scope = subscription.scope
            target = f"mailto:{subscription.recipient}"
            if not force and self.store.report_delivered(window.start.isoformat(), scope, target):
                outcomes.append(Delivery(subscription.recipient, window, "already sent"))
                continue
            key = (json.dumps(scope, sort_keys=True), subscription.lang)
            try:
                if key not in made:
                    made[key] = self.write_reports(window, scope, subscription.lang)
                texts = made[key]
                self.send_report(window, subscription.recipient, scope, subscription.format, subscription.lang, texts)
            except DeliveryError as exc:
                outcomes.append(Delivery(subscription.recipient, window, "failed", str(exc)))
                continue
            self.store.record_report(self.clock(), window.start.isoformat(), window.end.isoformat(), scope,
                                     subscription.format, str(texts["paths"][subscription.format]), delivered_to=target)
            outcomes.append(Delivery(subscription.recipient, window, "sent"))
        return outcomes

    def write_weekly_report(self, window: Window) -> Path:
        """The scheduler's weekly job: the whole catalogue's report to the reports folder (and its
        Atom feed), then each subscription's by email. Returns the Markdown path."""
        written = self.write_reports(window)
        if not self.store.report_delivered(window.start.isoformat(), {}, "folder"):
            self.store.record_report(self.clock(), window.start.isoformat(), window.end.isoformat(), {}, "md",
                                     str(written["paths"]["md"]), delivered_to="folder")
        for outcome in self.deliver(window):
            if outcome.status == "failed":
                log.warning("report for %s not sent to %s: %s", window.label, outcome.recipient, outcome.error)
            elif outcome.status == "sent":
                log.info("report for %s sent to %s", window.label, outcome.recipient)
        return written["paths"]["md"]

    # --- feeds -----------------------------------------------------------------------------

    def feeds_status(self, lang: str = "en") -> list[dict]:
        """Each configured feed's state as data: health, validators, last success, failures, last
        error, next poll, entries per week, the interval in force, a move or a 410 to act on, and
        how well it is observed (its last hole's cause in `lang`)."""
        states = self.store.feed_states()
        failing_after = self.config.settings.failing_after
        min_interval = self.config.settings.min_interval
        now = self.clock()
        rows = []
        for feed in self.config.feeds:
            state = states.get(feed.id, {})
            failures = state.get("consecutive_failures") or 0
            if not feed.enabled:
                health = "disabled"
            elif state.get("disabled_reason"):
                health = "gone"
            elif not state:
                health = "never polled"
            elif failures >= failing_after or state.get("failing_since"):
                health = "failing"
            elif failures:
                health = "error"
            else:
                health = "ok"
            moved = state.get("moved_to") if state.get("url") in (None, feed.url) else None
            rows.append({"feed": feed.id, "outlet": feed.outlet, "health": health,
                         "last_success": state.get("last_success"), "failures": failures,
                         "last_error_kind": state.get("last_error_kind"), "last_error": state.get("last_error"),
                         "next_due": state.get("next_due"), "entries_per_week": state.get("entries_per_week"),
                         "interval": state.get("interval_minutes"), "etag": state.get("etag"),
                         "last_modified": state.get("last_modified"), "content_hash": state.get("content_hash"),
                         "failing_since": state.get("failing_since"), "moved_to": moved,
                         "disabled_reason": state.get("disabled_reason"),
                         **self._observed_status(feed.id, state, now, min_interval, lang)})
        return rows

    def _observed_status(self, feed_id: str, state: dict, now: datetime, min_interval: int, lang: str) -> dict:
        """How well a feed is observed: how far back its entries reach (its horizon), the share of
        the 7 days before its last success that was observed (time since then is not yet judged),
        its last hole with the cause, and whether it loses entries however often it is polled."""
        horizon = timedelta(minutes=state["horizon_minutes"]) if state.get("horizon_minutes") else None
        last_success = parse_iso(state.get("last_success"))
        share = None
        if last_success is not None:
            end = min(now, last_success)
            record = self.store.observations([feed_id], end - timedelta(days=7), end)[feed_id]
            start = max(end - timedelta(days=7), record.legacy_until or end - timedelta(days=7))
            share = observed_share(record.spans, start, end) if end > start else None
        hole = self.store.last_hole(feed_id)
        return {"horizon_minutes": state.get("horizon_minutes"), "observed_7d": share,
                "last_hole": None if hole is None else {
                    "from": hole.start.isoformat(), "to": hole.end.isoformat(), "hours": round(hole.hours, 1),
                    "cause": hole.cause, "why": report.cause_words(hole, lang)},
                "losing_entries": losing_entries(horizon, min_interval)}


def switch_command(feed, url: str) -> str:
    """The command that points a configured feed (or adds a new one) at a working address."""
    if feed is None:
        return f"monitor feeds add {url} --outlet ... --country ... --region ... --language ..."
    return f"monitor feeds set-url {feed.id} {url}"


def extended(error, more: str):
    """The same fetch or parse error with more words (kind and status kept)."""
    from .errors import FetchError, ParseError

    if isinstance(error, FetchError):
        return FetchError(f"{error}{more}", kind=error.kind, status=error.status, retry_after=error.retry_after)
    return ParseError(f"{error}{more}")
