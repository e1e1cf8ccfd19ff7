"""Backfill: a source's past articles, collected from its sitemaps or its paged listing.

A new install knows nothing of the past (a feed holds its last 10 to 100 items), but a news site's
sitemaps list every article, usually by month, and its listing pages go back page by page. For each
chosen source: sitemap sources read their sitemap (an index's monthly sitemaps outside the window are
not read), feeds read the site's sitemap found through robots.txt or the usual addresses (else walk
its home page when it is a paged news listing), listing sources walk their pages back until the
articles are older than the window. Each new article page is
fetched, read (sources.read_article), matched and stored like a polled story, together with the
mark that it was fetched, so Ctrl-C and a rerun go on where it stopped without fetching an article
page twice. A sub-sitemap read in the last RESUME_WITHIN is not read again, nor ever again one of a
month that has ended; the root sitemap (its list of months) and listing pages (which shift as news is
added) are read again. Every request keeps to the page politeness (robots.txt, one at a time per
site, the delay) and counts against a budget per site per run.

What a run proves seen: a source's sitemaps that date every article they list, all of them fetched,
prove the window from its start (whole months, or a listing older than the window) or from their
oldest article; a listing walked page after page proves the span back to the oldest article of the
last page it read. Articles are fetched newest first, so a run stopped by its budget still proves
the stretch it finished.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Callable, Iterable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from .errors import FetchError
from .fulltext import RefusedByRobots
from .parse import canonical_url
from .records import ArticleText, Feed, Settings
from .sources import (MIN_LISTING_LINKS, BudgetSpent, Listed, PageFetcher, canonical, may_hold, month_of, page_entry,
                      read_article, read_listing, read_sitemap, site_sitemaps)
from .store import Store

RESUME_WITHIN = timedelta(hours=24)  # a sitemap or listing page read this recently is a resumed run's, not news
MAX_LISTING_PAGES = 2000  # a listing walk stops here whatever the dates say: ~40 000 articles

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Progress:
    """Where a run stands, for the progress line."""

    source: str
    sources_done: int
    sources: int
    pages: int  # requests made so far (sitemaps, listing pages, article pages)
    articles: int  # articles stored so far (new or updated)
    remaining: int | None  # article pages still to fetch for this source, when known
    eta_seconds: float | None


@dataclass(frozen=True)
class SourceResult:
    feed_id: str
    pages: int  # requests made for this source
    articles: int  # articles stored (new or updated)
    matched: int  # of them, about partnerships
    observed: tuple[datetime, datetime] | None  # the span this run proves seen whole
    stopped: str | None = None  # why the source was left unfinished (an error, the budget); None: finished


def window_instants(since: date, until: date | None, tz: str, now: datetime) -> tuple[datetime, datetime]:
    """[since, until] by the editors' clock as UTC instants; no until means up to now."""
    from .coverage import window_bounds
    from .records import Window

    start, end = window_bounds(Window(since, until or now.astimezone(timezone.utc).date()), tz)
    return start, min(end, now)


class Backfill:
    """One run over some sources. Writing happens on the calling thread; requests go one at a time."""

    def __init__(self, store: Store, settings: Settings, matcher, client, limiter, clock: Clock,
                 on_progress: Callable[[Progress], None] | None = None, all_feeds: Iterable[Feed] = (),
                 budget: int | None = None, reader=None):
        self.store, self.settings, self.matcher, self.clock = store, settings, matcher, clock
        self.fetcher = PageFetcher(client, settings.limits, limiter,
                                   budget if budget is not None else settings.limits.backfill_requests_per_host,
                                   reader)
        self.on_progress = on_progress or (lambda progress: None)
        self.all_feeds = tuple(all_feeds)
        self.articles = 0
        self._source, self._index, self._count = "", 0, 0

    @property
    def pages(self) -> int:
        return sum(self.fetcher.requests.values())

    def run(self, feeds: list[Feed], since: date, until: date | None = None) -> list[SourceResult]:
        results = []
        self._count = len(feeds)
        for index, feed in enumerate(feeds):
            self._source, self._index = feed.id, index
            results.append(self.source(feed, since, until))
        self._source, self._index = "", len(feeds)
        self._report(None)
        return results

    def source(self, feed: Feed, since: date, until: date | None) -> SourceResult:
        pages_before, articles_before = self.pages, self.articles
        start, end = window_instants(since, until, self.settings.timezone, self.clock())
        self._report(None)
        try:
            if feed.kind == "page":
                matched, observed = self._walk_listing(feed, feed.url, start, end)
            elif feed.kind == "sitemap":
                matched, observed = self._read_sitemaps(feed, [feed.url], start, end)
            else:  # a feed holds only its newest items: its site's sitemaps, else its paged home page
                roots = self._site_sitemaps(feed)
                if roots:
                    matched, observed = self._read_sitemaps(feed, roots, start, end)
                else:
                    matched, observed = self._walk_listing(feed, self._site_listing(feed), start, end)
            stopped = None
        except FetchError as exc:
            matched, observed, stopped = 0, None, str(exc)
            if isinstance(exc, _Partial):
                matched, observed, stopped = exc.matched, exc.observed, exc.reason
        record_observed(self.store, feed.id, observed)
        return SourceResult(feed.id, self.pages - pages_before, self.articles - articles_before, matched,
                            observed, stopped)

    # --- sitemaps ---------------------------------------------------------------------------

    def _site_sitemaps(self, feed: Feed) -> list[str]:
        """A feed's site's sitemaps (sources.site_sitemaps)."""
        parts = urlsplit(feed.url)
        return site_sitemaps(f"{parts.scheme}://{parts.netloc}/", self.fetcher)

    def _site_listing(self, feed: Feed) -> str:
        """A feed's site's home page when it is a paged news listing (as on most WordPress sites),
        or why the feed's past cannot be collected."""
        parts = urlsplit(feed.url)
        home = f"{parts.scheme}://{parts.netloc}/"
        listing = read_listing(self.fetcher.get(home).body or b"", home)
        if len(listing.articles) < MIN_LISTING_LINKS or listing.next_page is None:
            raise FetchError(f"{home}: the site names no sitemap in robots.txt, has none at the usual addresses "
                             f"and its home page is no paged news listing; add its news listing page as a source "
                             f"with kind = \"page\" and backfill that", kind="hard")
        return home

    def _keep_sitemap(self, feed: Feed, sitemap) -> None:
        self.store.record_listed(feed.id, sitemap.url, "sitemap", self.clock(),
                                 [(canonical(item.url), item.published, item.title) for item in sitemap.articles])

    def _read_sitemaps(self, feed: Feed, roots: list[str], start: datetime, end: datetime):
        """Read the roots (always: they list the months) and the sub-sitemaps that may hold the
        window, except one read moments ago (a resumed run) or a past month's read before."""
        now = self.clock()
        zone = ZoneInfo(self.settings.timezone)  # months by the editors' clock
        first, last = start.astimezone(zone).date(), end.astimezone(zone).date()
        read_before = self.store.source_pages(feed.id, "sitemap")
        queue, seen = list(roots), set()
        # Monthly sitemaps each list their whole month: when every month of the window was read,
        # the window is proven from its first day, even if its first article came later.
        by_month, months_whole = False, True
        while queue:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            previous = read_before.get(url)
            month = month_of(url)
            closed = month is not None and _month_end(month) <= now.date()
            if url not in roots and previous and previous[1] and (closed or now - previous[0] < RESUME_WITHIN):
                continue  # its articles are listed already and it has not changed since
            try:
                sitemap = read_sitemap(url, self.fetcher)
            except BudgetSpent:
                raise
            except FetchError:
                if url in roots:
                    raise
                months_whole = False
                continue  # one month's sitemap that fails leaves that month unproven, not the run
            self._keep_sitemap(feed, sitemap)
            self._report(None)
            if sitemap.children:
                by_month = True
                months_whole = months_whole and all(month_of(child) for child in sitemap.children)
            queue.extend(child for child in sitemap.children if may_hold(child, first, last))
        try:
            matched, reached = self._fetch_articles(feed, start, end)
        except _Partial as partial:  # articles go newest first: the stretch down to the last one is whole
            raise _Partial(partial.reason, partial.matched, self._sitemap_span(feed, start, end, partial.reached))
        return matched, self._sitemap_span(feed, start, end, reached, whole_from_start=by_month and months_whole)

    def _sitemap_span(self, feed: Feed, start: datetime, end: datetime, reached: datetime | None,
                      whole_from_start: bool | None = None) -> tuple[datetime, datetime] | None:
        """What sitemaps prove seen: nothing unless they date every article and every article down
        to `reached` was fetched; a run stopped part way (whole_from_start None) proves from
        `reached`; a finished one the window from its start when the sitemaps reach back past it
        (or are whole months), else from the oldest article they list."""
        if reached is None:
            return None
        listed, dated, oldest = self.store.listed_summary(feed.id)
        if not listed or listed != dated:
            return None
        if whole_from_start is None:
            return _span(max(reached, start), end, True)
        if whole_from_start or (oldest is not None and oldest <= start):
            return _span(start, end, True)
        return _span(max(oldest, start), end, True)

    # --- article pages ----------------------------------------------------------------------

    def _fetch_articles(self, feed: Feed, start: datetime, end: datetime, urls: list[str] | None = None
                        ) -> tuple[int, datetime | None]:
        """Fetch the source's listed, unfetched articles of [start, end), newest first (only among
        `urls` when given). Returns how many were about partnerships, and the oldest listed date
        down to which every article was fetched (None when one failed: that stretch is unproven)."""
        todo = self.store.listed_to_fetch(feed.id, start, end, urls)
        same_outlet = tuple(f.id for f in self.all_feeds if f.outlet == feed.outlet) or (feed.id,)
        matched, reached, contiguous = 0, end, True
        t0 = time.monotonic()
        for done, (url, listed_date, title) in enumerate(todo):
            self._report(len(todo) - done, (time.monotonic() - t0) / done * (len(todo) - done) if done else None)
            try:
                result = self.fetcher.get(url)
            except BudgetSpent as exc:
                raise _Partial(str(exc), matched, reached=reached if contiguous else None)
            except RefusedByRobots as exc:  # not ours to read: it leaves what we may read whole
                self.store.record_backfilled(feed.id, url, self.clock(), None, note=str(exc))
                continue
            except FetchError as exc:
                if exc.kind == "hard":  # gone or refused: marked, so a rerun does not ask again
                    self.store.record_backfilled(feed.id, url, self.clock(), None, note=str(exc))
                contiguous = False
                continue
            now = self.clock()
            entry = page_entry(read_article(result.body or b"", url, self.settings.timezone, now),
                               Listed(url, listed_date, title))
            matches = tuple(self.matcher.match(ArticleText(
                id=entry.guid, title=entry.title, summary="", content=entry.content, lang=feed.language,
                url=entry.url)))
            outcome = self.store.record_backfilled(feed.id, url, now, (entry, canonical_url(entry.url), feed.language,
                                                                      matches), same_outlet=same_outlet)
            if outcome in ("new", "updated"):
                self.articles += 1
                matched += bool(matches)
            if contiguous and listed_date is not None:
                reached = min(reached, listed_date)
        self._report(0, 0.0)
        return matched, reached if contiguous else None

    # --- listing pages ----------------------------------------------------------------------

    def _walk_listing(self, feed: Feed, first: str, start: datetime, end: datetime):
        """Walk a listing page's pages back, fetching each page's articles, until a page's articles
        are all older than the window (or there is no next page). Pages proven in a row prove the
        span back to the oldest article on the last of them."""
        url, matched, oldest_seen, walked, contiguous = first, 0, end, 0, True
        while url and walked < MAX_LISTING_PAGES:
            walked += 1
            try:
                result = self.fetcher.get(url)
            except BudgetSpent as exc:
                raise _Partial(str(exc), matched, _span(oldest_seen, end, contiguous))
            listing = read_listing(result.body or b"", result.url)
            links = [canonical(item.url) for item in listing.articles]
            self.store.record_listed(feed.id, url, "listing", self.clock(),
                                     [(link, None, item.title) for link, item in zip(links, listing.articles)])
            try:
                got, reached = self._fetch_articles(feed, datetime.min.replace(tzinfo=timezone.utc), end, urls=links)
            except _Partial as partial:
                raise _Partial(partial.reason, matched + partial.matched, _span(oldest_seen, end, contiguous))
            matched += got
            contiguous = contiguous and reached is not None
            dates = [d for d in self.store.listed_dates(feed.id, links).values() if d is not None]
            if dates and contiguous:
                oldest_seen = min(oldest_seen, min(dates))
            if dates and max(dates) < start:
                break  # this page is wholly older than the window
            url = listing.next_page
        return matched, _span(max(oldest_seen, start), end, contiguous)

    def _report(self, remaining: int | None, eta: float | None = None) -> None:
        self.on_progress(Progress(self._source, self._index, self._count, self.pages, self.articles, remaining, eta))


class _Partial(FetchError):
    """A source stopped part way (its budget spent): what it did until then still counts."""

    def __init__(self, reason: str, matched: int, observed: tuple[datetime, datetime] | None = None,
                 reached: datetime | None = None):
        super().__init__(reason, kind="temporary")
        self.reason, self.matched, self.observed = reason, matched, observed
        self.reached = reached  # the oldest listed date down to which every article was fetched


def _span(start: datetime, end: datetime, proven: bool) -> tuple[datetime, datetime] | None:
    return (start, end) if proven and start < end else None


def _month_end(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def record_observed(store: Store, feed_id: str, span: tuple[datetime, datetime] | None) -> None:
    """Record a span a backfill proves seen in the source's observed time, so past windows count
    the source as collected over it."""
    if span is not None:
        store.record_observed(feed_id, *span)
