"""An article page's main text, for entries that carry only a title and a lead.

Most regional feeds publish one or two sentences per item, and the partnership is often named only
in the article. So an entry whose feed gives no body and a short lead gets its page's main text,
politely: robots.txt is honoured (protego, cached per host), one page request at a time per host
with a delay between them (longer if robots.txt asks for a Crawl-delay), each page fetched once per
pass. Pages go through fetch.py like feeds, so they keep its limits and refusals; trafilatura finds
the main text and drops menus, sidebars, comments and footers, and returns plain text only.

Failure is never an error of the feed: the caller keeps the lead and stores the reason returned.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from typing import Callable
from urllib.parse import urlsplit

from .errors import FetchError
from .fetch import PAGE_ACCEPT, fetch
from .parse import decode_document, header_charset, repair_text
from .records import Entry, FetchResult, Limits

MIN_TEXT = 200  # characters; less is a cookie banner or a teaser, not an article
LEAD_MAX = 500  # characters; a feed's text without a body and shorter than this is only a lead
ROBOTS_AGENT = "partnership-monitor"  # the product token of fetch.USER_AGENT, as robots.txt names robots
ROBOTS_TTL = 24 * 3600.0  # seconds; RFC 9309 asks crawlers not to use a robots.txt older than a day
MAX_CRAWL_DELAY = 30.0  # seconds; a larger Crawl-delay is honoured as this, and the per-poll cap does the rest
ROBOTS_ACCEPT = "text/plain, */*;q=0.5"
REFUSED = "article page: robots.txt does not allow robots to read it"
RESERVED = "no article page: the link's site is a name reserved for examples"
# RFC 2606 and 6761: names that are never a real site, so no lookup or request is made for them.
RESERVED_NAMES = (".example", ".invalid", ".test", ".example.com", ".example.net", ".example.org")
UNREADABLE_ROBOTS = "article page: not read, since the site's robots.txt could not be read"


def requested(note: str | None) -> bool:
    """Whether reading a page (with this outcome) cost a request to it: robots.txt's refusals did not."""
    return not (note and note.startswith((REFUSED, UNREADABLE_ROBOTS, RESERVED)))


def wants_page(entry: Entry, forced: bool) -> bool:
    """Whether an entry's article page should be read: always when the admin forces it
    (`fulltext = true`), otherwise when the feed gave no body and only a short lead."""
    if not entry.url or not entry.url.startswith(("http://", "https://")):
        return forced
    return forced or (not entry.content and len(entry.summary) < LEAD_MAX)


class RobotsCache:
    """Parsed robots.txt per site (scheme and host), kept for ROBOTS_TTL. Thread-safe."""

    def __init__(self, monotonic: Callable[[], float] = time.monotonic):
        self.monotonic = monotonic
        self._rules: dict[str, tuple[float, object]] = {}
        self._lock = threading.Lock()

    def get(self, origin: str):
        with self._lock:
            found = self._rules.get(origin)
        if found and self.monotonic() - found[0] < ROBOTS_TTL:
            return found[1]
        return None

    def put(self, origin: str, rules) -> None:
        with self._lock:
            self._rules[origin] = (self.monotonic(), rules)


class _Everything:
    """robots.txt's verdict when there is none (4xx: every page) or it cannot be read (nothing)."""

    def __init__(self, allowed: bool, why: str = ""):
        self.allowed, self.why = allowed, why

    def can_fetch(self, url: str, agent: str) -> bool:
        return self.allowed

    def crawl_delay(self, agent: str):
        return None


class RefusedByRobots(FetchError):
    """A page robots.txt forbids: not fetched, and never asked for again."""


class PageReader:
    """Reads article pages for one poll pass (several feeds, several threads)."""

    def __init__(self, limits: Limits, robots: RobotsCache | None = None,  # a long-lived one: read once a day
                 sleep: Callable[[float], None] = time.sleep, monotonic: Callable[[], float] = time.monotonic):
        self.limits = limits
        self.robots = robots or RobotsCache()
        self.sleep, self.monotonic = sleep, monotonic
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = defaultdict(threading.Lock)
        self._last_request: dict[str, float] = {}
        self._pages: dict[str, tuple[str | None, str | None]] = {}
        self._unreachable: dict[str, object] = {}  # robots.txt that could not be read: this pass only

    def article_text(self, client, url: str | None, limiter=None) -> tuple[str | None, str | None]:
        """(main text, None) or (None, why not)."""
        if not url or not url.startswith(("http://", "https://")):
            return None, "no article link in the entry"
        if f".{(urlsplit(url).hostname or '').lower()}".endswith(RESERVED_NAMES):
            return None, RESERVED
        with self._lock:
            if url in self._pages:
                return self._pages[url]
            host_lock = self._host_locks[(urlsplit(url).hostname or "").lower()]
        with host_lock:  # one request at a time to a host, robots.txt included
            with self._lock:
                if url in self._pages:  # another feed of this pass read it while we waited
                    return self._pages[url]
            rules = self._rules(client, url)
            page = None
            if isinstance(rules, _Everything) and not rules.allowed:
                found = (None, f"{UNREADABLE_ROBOTS} ({rules.why})")
            elif not rules.can_fetch(url, ROBOTS_AGENT):
                found = (None, REFUSED)
            else:
                try:
                    page = self._request(client, url, PAGE_ACCEPT, limiter, rules.crawl_delay(ROBOTS_AGENT))
                    found = (None, "article page was empty")
                except FetchError as exc:
                    found = (None, f"article page: {exc}")
        if page is not None and page.body:  # extraction needs no network: the host is free meanwhile
            found = extract(page.body, url, page.content_type)
        with self._lock:
            self._pages[url] = found
        return found

    def fetch_page(self, client, url: str, accept: str = PAGE_ACCEPT, limiter=None) -> FetchResult:
        """One request for a page read whole (a sitemap, a listing page, an article page whose
        title and date are wanted too: sources.py), under the same rules as article_text:
        robots.txt, one request at a time per host, the delay. Nothing is cached: the caller keeps
        what it read. A refusal is a FetchError: hard when robots.txt forbids the page, temporary
        when robots.txt cannot be read."""
        with self._lock:
            host_lock = self._host_locks[(urlsplit(url).hostname or "").lower()]
        with host_lock:
            rules = self._rules(client, url)
            if isinstance(rules, _Everything) and not rules.allowed:
                raise FetchError(f"{url}: not read, since the site's robots.txt could not be read ({rules.why})",
                                 kind="temporary")
            if not rules.can_fetch(url, ROBOTS_AGENT):
                raise RefusedByRobots(f"{url}: robots.txt does not allow robots to read it", kind="hard")
            return self._request(client, url, accept, limiter, rules.crawl_delay(ROBOTS_AGENT))

    def sitemaps(self, client, url: str) -> list[str]:
        """The sitemaps the robots.txt of url's site names (read once, as for its pages)."""
        with self._lock:
            host_lock = self._host_locks[(urlsplit(url).hostname or "").lower()]
        with host_lock:
            rules = self._rules(client, url)
        return list(getattr(rules, "sitemaps", None) or ())

    def _rules(self, client, url: str):
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        rules = self.robots.get(origin) or self._unreachable.get(origin)
        if rules is not None:
            return rules
        try:
            result = self._request(client, origin + "/robots.txt", ROBOTS_ACCEPT, None, None)
            from protego import Protego

            text = decode_document(result.body or b"", result.content_type) if result.body else ""
            rules = Protego.parse(text)
        except FetchError as exc:
            # RFC 9309: a robots.txt that is not there (4xx) allows everything; one that cannot be
            # read (5xx, no connection) forbids everything until it can.
            status = getattr(exc, "status", None)
            if not (status and 400 <= status < 500 and status != 429):
                self._unreachable[origin] = rules = _Everything(False, str(exc))
                return rules
            rules = _Everything(True)
        except Exception:  # an unreadable robots.txt (bad encoding): nothing this pass
            self._unreachable[origin] = rules = _Everything(False, "robots.txt could not be read")
            return rules
        self.robots.put(origin, rules)
        return rules

    def _request(self, client, url: str, accept: str, limiter, crawl_delay):
        host = (urlsplit(url).hostname or "").lower()
        delay = max(self.limits.page_delay, min(float(crawl_delay or 0), MAX_CRAWL_DELAY))
        last = self._last_request.get(host)
        if last is not None:
            wait = last + delay - self.monotonic()
            if wait > 0:
                self.sleep(wait)
        try:
            if limiter is None:
                return fetch(client, url, self.limits, accept=accept)
            with limiter(url):
                return fetch(client, url, self.limits, accept=accept)
        finally:
            self._last_request[host] = self.monotonic()


def extract(page: bytes | str, url: str | None = None, content_type: str | None = None) -> tuple[str | None, str | None]:
    """Main text of an HTML page, or (None, why not). A charset in the HTTP header is used when the
    bytes read in it; otherwise trafilatura reads the page's own declaration."""
    import trafilatura

    if isinstance(page, bytes) and header_charset(content_type):
        try:
            page = page.decode(header_charset(content_type))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        # deduplicate stays off: it drops paragraphs seen in earlier pages of the process, so a
        # wire story that two outlets carry would lose its text at the second.
        text = trafilatura.extract(page, url=url, include_comments=False, include_tables=False,
                                   favor_precision=True, deduplicate=False)
    except Exception as exc:  # a library bug on one hostile page must not stop the feed's poll
        return None, f"extraction failed: {type(exc).__name__}"
    if not text or len(text.strip()) < MIN_TEXT:
        return None, "no main text found on the article page"
    return repair_text(text.strip()), None
