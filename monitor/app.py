"""The facade: the one object the command line, the scheduler and the web pages call.

It owns the configuration, the database and the compiled matcher, and joins the steps of the data
flow (poll → store → match → coverage → report). It holds no policy of its own: each decision is
made by the pure module that owns it.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator
from zoneinfo import ZoneInfo

from . import coverage, report
from .config import Config
from .fetch import make_client
from .poll import due_feeds, poll_feeds
from .records import ArticleText, CoverageReport, Match, PollOutcome, Story, Window
from .store import Store


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Monitor:
    def __init__(self, config: Config, db_path: Path | str, clock: Callable[[], datetime] = utcnow):
        self.config = config
        self.db_path = Path(db_path)
        self.clock = clock
        self._store: Store | None = None
        self._matcher = None

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

    def poll(self, feed_ids: Iterable[str] = (), everything: bool = False,
             on_outcome: Callable[[PollOutcome], None] | None = None) -> list[PollOutcome]:
        """Poll the named feeds, or all enabled ones (everything), or those that are due."""
        wanted = list(feed_ids)
        if wanted:
            feeds = [self.config.feed(feed_id) for feed_id in wanted]
        elif everything:
            feeds = [feed for feed in self.config.feeds if feed.enabled]
        else:
            feeds = due_feeds(self.config.feeds, self.store, self.clock())
        matcher = self.matcher
        with make_client(self.config.settings.limits) as client:
            return poll_feeds(feeds, self.store, self.config.settings, matcher, client, self.clock, on_outcome)

    # --- matching --------------------------------------------------------------------------

    def match(self, articles: Iterable[ArticleText]) -> Iterator[tuple[ArticleText, tuple[Match, ...]]]:
        matcher = self.matcher
        for article in articles:
            yield article, tuple(matcher.match(article))

    # --- coverage and reports ----------------------------------------------------------------

    def coverage(self, window: Window, scope: dict | None = None) -> CoverageReport:
        settings = self.config.settings
        start, end = coverage.window_bounds(window, settings.timezone)
        feeds = {feed.id: feed for feed in self.config.feeds}
        stories: dict[str, list[Story]] = {}
        last_covered: dict[str, date] = {}
        seen: set[tuple[str, str, str]] = set()
        for pid, score, evidence, article in self.store.matched_stories(until=end):
            when = article.published or article.fetched
            if when < start:
                last_covered[pid] = max(last_covered.get(pid, date.min), when.astimezone(self.timezone).date())
                continue
            feed = feeds.get(article.feed_id)
            outlet = feed.outlet if feed else article.feed_id
            # One story is one story: the same headline in two feeds of one outlet counts once.
            key = (pid, outlet, _title_key(article.title))
            if key in seen:
                continue
            seen.add(key)
            sentence = ""
            try:
                sentence = (json.loads(evidence) or [{}])[0].get("sentence", "")
            except (ValueError, AttributeError):
                pass
            stories.setdefault(pid, []).append(Story(
                article_id=article.id, feed_id=article.feed_id, outlet=outlet, title=article.title,
                url=article.url, published=article.published,
                side="belarusian" if (feed is None or feed.country == "BY") else "partner",
                score=score, sentence=sentence))
        log = self.store.fetch_log(since=start, until=end)
        before = self.store.last_poll_before(start)
        return coverage.compute_coverage(
            self.catalogue, self.config.feeds, window, settings.timezone, stories, log, before, last_covered,
            now=self.clock(), tolerance_hours=settings.outage_tolerance_hours, scope=scope)

    def report(self, window: Window, scope: dict | None = None, fmt: str = "md", lang: str = "ru") -> str:
        return report.render(self.coverage(window, scope), self.catalogue, fmt, self.today(), lang)

    def write_weekly_report(self, window: Window) -> Path:
        """Write the week's report in every format to the reports folder; returns the Markdown path.
        A week already written is not recorded twice, so a restart never duplicates it."""
        settings = self.config.settings
        folder = Path(settings.reports_dir)
        if not folder.is_absolute():
            folder = self.config.root.resolve().parent / folder
        folder.mkdir(parents=True, exist_ok=True)
        stem = f"report-{window.start.isoformat()}"
        for fmt in report.FORMATS:
            (folder / f"{stem}.{fmt}").write_text(self.report(window, fmt=fmt), encoding="utf-8")
        path = folder / f"{stem}.md"
        if not self.store.report_delivered(window.start.isoformat(), {}, "folder"):
            self.store.record_report(self.clock(), window.start.isoformat(), window.end.isoformat(), {}, "md",
                                     str(path), delivered_to="folder")
        return path

    # --- feeds -----------------------------------------------------------------------------

    def feeds_status(self) -> list[dict]:
        states = self.store.feed_states()
        rows = []
        for feed in self.config.feeds:
            state = states.get(feed.id, {})
            if not feed.enabled:
                health = "disabled"
            elif state.get("disabled_reason"):
                health = "gone"
            elif not state:
                health = "never polled"
            elif state.get("consecutive_failures"):
                health = "failing" if state["consecutive_failures"] >= 3 else "error"
            else:
                health = "ok"
            rows.append({"feed": feed.id, "outlet": feed.outlet, "health": health,
                         "last_success": state.get("last_success"), "failures": state.get("consecutive_failures") or 0,
                         "last_error": state.get("last_error"), "next_due": state.get("next_due"),
                         "moved_to": state.get("moved_to")})
        return rows


def _title_key(title: str) -> str:
    return re.sub(r"\W+", " ", title.casefold().replace("ё", "е")).strip()
