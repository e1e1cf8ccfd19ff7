"""Sources that are not feeds: a site's sitemap (`kind = "sitemap"`) or a news listing page
(`kind = "page"`), and the article pages they point to.

Most state district newspapers publish no feed, but their WordPress, Bitrix, Joomla or Drupal sites
publish sitemaps (often one per month under an index, sometimes a Google News sitemap) and listing
pages (`/category/news/page/5/`). A sitemap is read with ultimate-sitemap-parser, which knows every
sitemap dialect; our own web client gives it the bytes, so every request (sitemaps, listing pages,
article pages) goes through the page politeness of fulltext.PageReader: robots.txt, one request at a
time per site with a delay, fetch.py's limits. A listing page's article links and its next page are
found here. An article page gives its title and main text (trafilatura) and its publication date
(htmldate, which reads meta tags, the URL and the text, Russian months included). Also here: one
poll of such a source, what a site without a feed offers instead, and what `feeds check` says.

Nothing here stores anything; PageFetcher does the requests, and the rest reads what they return.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from urllib.parse import urldefrag, urljoin, urlsplit
from zoneinfo import ZoneInfo

from usp.fetch_parse import SitemapFetcher
from usp.objects.sitemap import InvalidSitemap
from usp.web_client.abstract_client import AbstractWebClient, AbstractWebClientSuccessResponse, WebClientErrorResponse

from .errors import FetchError
from .fetch import PAGE_ACCEPT
from .fulltext import PageReader, RefusedByRobots
from .records import Entry, Feed, FetchResult, Limits

SITEMAP_ACCEPT = "application/xml, text/xml;q=0.9, */*;q=0.5"
# The sitemap reader logs each failure it meets; ours are reported once, as the source's error.
logging.getLogger("usp").setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class Listed:
    """An article address a sitemap or listing page gives, with the date it gives, if any."""

    url: str
    published: datetime | None = None  # a Google News publication date, else the sitemap's lastmod
    title: str | None = None  # a Google News sitemap's title


@dataclass(frozen=True)
class Sitemap:
    """One sitemap document: its articles, and the sitemaps it points to (an index)."""

    url: str
    articles: tuple[Listed, ...]
    children: tuple[str, ...]


@dataclass(frozen=True)
class Listing:
    """One listing page: its article links in page order (newest first on news sites) and the next page."""

    url: str
    articles: tuple[Listed, ...]
    next_page: str | None


@dataclass(frozen=True)
class PageArticle:
    url: str
    title: str
    text: str
    published: datetime | None  # aware; a date without a time is midnight by the editors' clock


# --- fetching ----------------------------------------------------------------------------------


class BudgetSpent(FetchError):
    """The run's requests to one site are used up; the rest waits for the next run."""

    def __init__(self, host: str, budget: int):
        super().__init__(f"{host}: the {budget} requests allowed to this site in one run are used up; "
                         f"run again later to go on", kind="temporary")


class PageFetcher:
    """Every request a non-feed source makes: sitemaps, listing pages, article pages, each under the
    page politeness (fulltext.PageReader: robots.txt, one request at a time per site, the delay).
    It counts requests per host against a budget (a backfill's total per site; None for none)."""

    def __init__(self, client, limits: Limits, limiter, budget: int | None = None, reader: PageReader | None = None):
        self.client, self.limits, self.limiter, self.budget = client, limits, limiter, budget
        self.reader = reader or PageReader(limits)
        self.requests: Counter[str] = Counter()

    def get(self, url: str, accept: str = PAGE_ACCEPT) -> FetchResult:
        host = (urlsplit(url).hostname or "").lower()
        if self.budget is not None and self.requests[host] >= self.budget:
            raise BudgetSpent(host, self.budget)
        try:
            result = self.reader.fetch_page(self.client, url, accept, self.limiter)
        except RefusedByRobots:
            raise  # robots.txt said no before any request: it costs nothing
        except FetchError:
            self.requests[host] += 1
            raise
        self.requests[host] += 1
        return result


# --- sitemaps ----------------------------------------------------------------------------------


def read_sitemap(url: str, fetcher: PageFetcher) -> Sitemap:
    """One sitemap document (XML, plain text, gzip, robots.txt, RSS) read by ultimate-sitemap-parser.
    An index's sub-sitemaps are returned, not followed, so the caller decides which to read (by
    month, by what it read before)."""
    children: list[str] = []

    def keep_children(urls, level, parents):
        children.extend(u for u in urls if u not in children)
        return []

    client = _SitemapClient(fetcher)
    tree = SitemapFetcher(url=url, recursion_level=0, web_client=client,
                          recurse_list_callback=keep_children).sitemap()
    if client.error is not None:
        raise client.error
    if isinstance(tree, InvalidSitemap):
        raise FetchError(f"{url}: not a sitemap; give the site's sitemap address (often /sitemap.xml, named in "
                         f"its robots.txt), or use kind = \"page\" for a news listing page", kind="hard")
    articles = tuple(_listed(page) for page in tree.all_pages())
    return Sitemap(url=url, articles=articles, children=tuple(children))


SITEMAP_PATHS = ("sitemap.xml", "sitemap_index.xml", "wp-sitemap.xml", "sitemap-index.xml")  # WordPress, Yoast, Bitrix, Joomla, Drupal
MIN_LISTING_LINKS = 5  # a page with fewer article links is a page, not a news listing


def site_sitemaps(home: str, fetcher: PageFetcher) -> list[str]:
    """A site's sitemaps: those its robots.txt names, else the first of the usual addresses that
    holds a sitemap; none when neither."""
    named = fetcher.reader.sitemaps(fetcher.client, home)
    if named:
        return named
    for path in SITEMAP_PATHS:
        try:
            read_sitemap(home + path, fetcher)
        except BudgetSpent:
            raise
        except FetchError:
            continue
        return [home + path]
    return []


@dataclass(frozen=True)
class Offer:
    """A source a site without a feed can be followed by, for `monitor feeds add SITE`."""

    url: str
    kind: str  # sitemap or page
    articles: int  # articles it lists now
    newest: datetime | None

    def __str__(self) -> str:
        what = "a sitemap" if self.kind == "sitemap" else "a news listing page"
        newest = f", newest {self.newest:%Y-%m-%d}" if self.newest else ""
        return f"{self.url} ({what}, kind = \"{self.kind}\": {self.articles} articles listed{newest})"


def offer_sources(site: str, fetcher: PageFetcher, now: datetime) -> list[Offer]:
    """What a site without a feed offers instead: its sitemaps (with the articles of their recent
    months), else the page itself when it is a news listing."""
    parts = urlsplit(site)
    home = f"{parts.scheme}://{parts.netloc}/"
    offers = []
    for url in site_sitemaps(home, fetcher):
        try:
            listed = source_listing(Feed(id="offer", url=url, outlet="", country="", region="", language="",
                                         kind="sitemap"), fetcher, now)
        except FetchError:
            continue
        dates = [item.published for item in listed if item.published]
        offers.append(Offer(url, "sitemap", len(listed), max(dates) if dates else None))
    if offers:
        return offers
    try:
        result = fetcher.get(site)
    except FetchError:
        return []
    listing = read_listing(result.body or b"", result.url)
    if len(listing.articles) >= MIN_LISTING_LINKS:
        return [Offer(site, "page", len(listing.articles), None)]
    return []


def _listed(page) -> Listed:
    story = page.news_story
    published = story.publish_date if story and story.publish_date else page.last_modified
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=timezone.utc)
    return Listed(url=page.url, published=published, title=story.title if story else None)


class _SitemapClient(AbstractWebClient):
    """ultimate-sitemap-parser's web client, answering from PageFetcher: the same limits, budget and
    politeness as every other request. A failure is kept to be raised as ours, never retried
    here (the next poll or run tries again)."""

    def __init__(self, fetcher: PageFetcher):
        self.fetcher = fetcher
        self.error: FetchError | None = None

    def set_max_response_data_length(self, max_response_data_length):
        pass  # our limits.max_body_bytes bounds every body

    def get(self, url):
        try:
            result = self.fetcher.get(url, accept=SITEMAP_ACCEPT)
        except FetchError as exc:
            self.error = self.error or exc
            return WebClientErrorResponse(str(exc), retryable=False)
        return _SitemapResponse(result)


class _SitemapResponse(AbstractWebClientSuccessResponse):
    def __init__(self, result: FetchResult):
        self.result = result

    def status_code(self):
        return self.result.status

    def status_message(self):
        return "OK"

    def header(self, case_insensitive_name):
        if case_insensitive_name.lower() == "content-type":
            return self.result.content_type
        return None

    def raw_data(self):
        return self.result.body or b""

    def url(self):
        return self.result.url


MONTH_IN_URL = re.compile(r"(?<!\d)(20\d\d)[-_/.]?(0[1-9]|1[0-2])(?!\d)")


def month_of(url: str) -> date | None:
    """The month a sitemap's address names (`sitemap-2026-03.xml`, `/2026/03/`, `post-202603`), if any."""
    found = MONTH_IN_URL.findall(urlsplit(url).path + "?" + urlsplit(url).query)
    if not found:
        return None
    year, month = found[-1]
    return date(int(year), int(month), 1)


def may_hold(url: str, since: date | None, until: date | None) -> bool:
    """Whether a sub-sitemap can hold articles of [since, until]: one that names a month outside
    it is skipped unread; one that names none is read."""
    month = month_of(url)
    if month is None:
        return True
    next_month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    if since and next_month <= since:
        return False
    if until and month > until:
        return False
    return True


# --- listing pages -----------------------------------------------------------------------------

NEXT_WORDS = ("next", "older", "следующая", "далее", "дальше", "вперед", "вперёд", "наступная", "далей",
              "наступна", "»", "›", "→", ">")
PAGE_NUMBER = re.compile(r"(/page/|[?&](?:page|PAGEN_\d+|p)=)(\d+)(/?)(?=$|[?&#])")
SKIPPED_PARTS = ("nav", "header", "footer", "aside", "menu")
SKIPPED_PATHS = re.compile(r"/(tag|tags|category|author|page|search|login|wp-login|feed|rss|contacts?|about)(/|$)|\.(jpe?g|png|gif|pdf|docx?|xml|zip)$", re.I)
MIN_LINK_TEXT = 15  # characters: a headline, not "Ещё" or a date


def read_listing(body: bytes | str, url: str) -> Listing:
    """A listing page's article links and its next page. Links in menus, headers, footers and
    sidebars are not articles; an article link is one to the same site with a headline's worth of
    text, not to a tag, category, author or file."""
    import lxml.html

    if isinstance(body, bytes):
        from charset_normalizer import from_bytes

        best = from_bytes(body).best()
        body = str(best) if best is not None else body.decode("utf-8", "replace")
    try:
        root = lxml.html.fromstring(body)
    except Exception:  # an empty or hostile page is no listing, not a crash
        return Listing(url, (), None)
    host = urlsplit(url).hostname
    own = _clean(url)
    seen: dict[str, Listed] = {}
    for anchor in root.iter("a"):
        href = anchor.get("href")
        if not href:
            continue
        target = _clean(urljoin(url, href))
        parts = urlsplit(target)
        if parts.scheme not in ("http", "https") or parts.hostname != host or target == own:
            continue
        if any(ancestor.tag in SKIPPED_PARTS or _has_role(ancestor) for ancestor in anchor.iterancestors()):
            continue
        text = " ".join(anchor.text_content().split())
        if len(text) < MIN_LINK_TEXT or SKIPPED_PATHS.search(parts.path) or parts.path in ("", "/"):
            continue
        if target not in seen:
            seen[target] = Listed(url=target, published=None, title=text)
    return Listing(url, tuple(seen.values()), next_page(root, url))


def _has_role(element) -> bool:
    role = (element.get("role") or "").lower()
    classes = (element.get("class") or "").lower()
    return role in ("navigation", "banner", "contentinfo", "complementary") or any(
        word in classes.split() for word in ("sidebar", "menu", "nav", "navbar", "footer", "breadcrumbs", "pagination"))


def next_page(root, url: str) -> str | None:
    """The listing's next (older) page: a rel="next" link, a link saying so (Следующая, »), or
    the address with the page number one higher."""
    for element in root.iter("link", "a"):
        if "next" in (element.get("rel") or "").lower().split() and element.get("href"):
            return _clean(urljoin(url, element.get("href")))
    for anchor in root.iter("a"):
        text = " ".join(anchor.text_content().split()).lower()
        if anchor.get("href") and text and any(text == word or text.startswith(word + " ") or text.endswith(" " + word)
                                               for word in NEXT_WORDS):
            return _clean(urljoin(url, anchor.get("href")))
    wanted = _page_number(url) + 1
    for anchor in root.iter("a"):
        href = anchor.get("href")
        if href and _page_number(_clean(urljoin(url, href))) == wanted and _same_listing(url, urljoin(url, href)):
            return _clean(urljoin(url, href))
    return None


def _page_number(url: str) -> int:
    found = PAGE_NUMBER.findall(urlsplit(url).path + ("?" + urlsplit(url).query if urlsplit(url).query else ""))
    return int(found[-1][1]) if found else 1


def _same_listing(a: str, b: str) -> bool:
    strip = lambda u: PAGE_NUMBER.sub("", urlsplit(u).path).rstrip("/")  # noqa: E731
    return strip(a) == strip(b)


def _clean(url: str) -> str:
    return urldefrag(url)[0]


# --- article pages -----------------------------------------------------------------------------


def read_article(body: bytes | str, url: str, tz: str, now: datetime) -> PageArticle:
    """The article's title and main text (trafilatura; menus, sidebars and footers dropped) and its
    publication date (htmldate: meta tags, then the URL, then dates in the text). A page without
    a date keeps None; one without main text keeps its title, which may still name a partnership."""
    import trafilatura
    from htmldate import find_date

    try:
        document = trafilatura.bare_extraction(body, url=url, with_metadata=True, include_comments=False,
                                               include_tables=False, favor_precision=True, deduplicate=False)
    except Exception:  # one hostile page must not stop the source
        document = None
    title = ((getattr(document, "title", None) or "") if document is not None else "").strip()
    text = ((getattr(document, "text", None) or "") if document is not None else "").strip()
    try:
        found = find_date(body, url=url, original_date=True, extensive_search=True,
                          outputformat="%Y-%m-%dT%H:%M:%S%z", max_date=now.astimezone(timezone.utc).date().isoformat())
    except Exception:
        found = None
    return PageArticle(url=url, title=title, text=text, published=page_date(found, tz))


def page_date(found: str | None, tz: str) -> datetime | None:
    """htmldate's answer as an aware time: with its offset when the page gave one, otherwise read
    by the editors' clock (a bare date is that day's midnight there, so it lands on the right day)."""
    if not found:
        return None
    try:
        moment = datetime.strptime(found, "%Y-%m-%dT%H:%M:%S%z")
    except ValueError:
        try:
            moment = datetime.strptime(found[:19], "%Y-%m-%dT%H:%M:%S")
        except ValueError:
            try:
                moment = datetime.combine(date.fromisoformat(found[:10]), time.min)
            except ValueError:
                return None
        moment = moment.replace(tzinfo=ZoneInfo(tz))
    return moment.astimezone(timezone.utc)



# --- one poll of a sitemap or listing source --------------------------------------------------

RECENT = timedelta(days=31)  # a poll looks for articles of the last month; older ones are backfill's
KNOWN_FOR = timedelta(days=183)  # stories stored this recently are not fetched again, even if a slow site still lists them


def page_entry(article: PageArticle, listed: Listed | None = None) -> Entry:
    """An article page as the entry the rest of the path stores and matches; its address is its GUID,
    so a poll and a backfill of one source never store it twice."""
    title = article.title or (listed.title if listed and listed.title else "")
    published = article.published or (listed.published if listed else None)
    return Entry(guid=article.url, url=article.url, title=title, summary="", content=article.text,
                 published=published)


def source_listing(feed: Feed, fetcher: PageFetcher, now: datetime) -> tuple[Listed, ...]:
    """What a sitemap or listing source lists now: a sitemap index's recent sub-sitemaps (those
    that name a month of the last RECENT, or the last one when none names a month), or a listing
    page's first page."""
    if feed.kind == "page":
        result = fetcher.get(feed.url)
        return read_listing(result.body or b"", result.url).articles
    root = read_sitemap(feed.url, fetcher)
    listed = list(root.articles)
    recent = [url for url in root.children if may_hold(url, (now - RECENT).date(), None) and month_of(url)]
    if root.children and not recent:
        recent = [root.children[-1]]
    for child in recent:
        listed.extend(read_sitemap(child, fetcher).articles)
    return tuple(listed)


def new_entries(feed: Feed, known: set[str], fetcher: PageFetcher, limits: Limits, tz: str,
                now: datetime) -> tuple[list[Entry], tuple[Listed, ...]]:
    """A poll of a non-feed source: the listed articles not stored yet (and not older than RECENT
    by the date the source gives), newest first, fetched as pages, at most fulltext_per_poll; and
    everything the source lists, which is what overlap with the previous poll is judged by.
    A page that fails is left for the next poll; the source's own failure is raised."""
    listed = source_listing(feed, fetcher, now)
    oldest = now - RECENT
    fresh = [item for item in dict((canonical(item.url), item) for item in listed).values()
             if canonical(item.url) not in known and (item.published is None or item.published >= oldest)]
    fresh.sort(key=lambda item: item.published or now, reverse=True)
    entries = []
    for item in fresh[:limits.fulltext_per_poll]:
        try:
            result = fetcher.get(item.url)
        except FetchError:
            continue
        entries.append(page_entry(read_article(result.body or b"", canonical(item.url), tz, now), item))
    return entries, listed


@dataclass(frozen=True)
class SourceCheck:
    """What `monitor feeds check` says of a sitemap or listing source: what it lists now."""

    url: str
    kind: str
    articles: int
    newest: datetime | None
    titles: tuple[str, ...]  # the first few headlines a listing page gives

    def __str__(self) -> str:
        what = "a sitemap" if self.kind == "sitemap" else "a news listing page"
        newest = f", newest {self.newest:%Y-%m-%d %H:%M} UTC" if self.newest else ""
        return f"{what} listing {self.articles} articles{newest}"


def check_source(feed: Feed, fetcher: PageFetcher, now: datetime) -> SourceCheck:
    """Read a sitemap or listing source once, as a poll would, and say what it lists; a source
    that lists nothing is a FetchError naming what to do."""
    listed = source_listing(feed, fetcher, now)
    if not listed:
        raise FetchError(f"{feed.url}: lists no article links; check the address, or its kind "
                         f"(sitemap: the site's sitemap.xml; page: a news listing page)", kind="hard")
    dates = [item.published for item in listed if item.published]
    return SourceCheck(feed.url, feed.kind, len(listed), max(dates) if dates else None,
                       tuple(item.title for item in listed[:3] if item.title))


def canonical(url: str) -> str:
    """An article address as GUID: without its fragment."""
    return _clean(url)
