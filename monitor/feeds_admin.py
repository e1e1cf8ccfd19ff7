"""The admins' feed list: editing config/feeds.toml, OPML in and out, and checking a feed.

feeds.toml is edited block by block: each `[[feeds]]` table, with the comment lines right above it,
is one block; a change rewrites only its block (through tomlkit, so comments inside it stay) and
leaves every other line of the file as the admin wrote it. The result is validated like any
config before it replaces the file, atomically, so a failed edit leaves the old file; each
read-modify-write holds the file's lock, so two admins editing at once both land.

OPML is read with defusedxml (an OPML file from elsewhere is untrusted XML: no entity expansion,
no external entities) and written with the standard library. Feeds keep our own fields as
outline attributes (country, region, language ...) so an export imports back unchanged; other
tools ignore attributes they do not know.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import tomlkit

from .config import load_feeds, parse_feed
from .config import url_key as _url_key
from .errors import ConfigError, FetchError, InputError, ParseError
from .files import locked, write_atomically
from .records import Catalogue, Feed, Limits

TABLE = "[[feeds]]"


# --- feeds.toml, block by block -------------------------------------------------------------


@dataclass
class _Block:
    lines: list[str]  # the comment lines above the table, the header and its keys

    @property
    def table(self):
        doc = tomlkit.parse("".join(line for line in self.lines))
        return doc["feeds"][0]

    @property
    def feed_id(self) -> str | None:
        try:
            return str(self.table.get("id"))
        except Exception:
            return None


def _split(text: str) -> tuple[list[str], list[_Block]]:
    """The lines before the first table, and one block per table. Comment lines directly above a
    table header belong to that table, so removing a feed removes its comment too."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    starts = [i for i, line in enumerate(lines) if line.strip() == TABLE]
    if not starts:
        return lines, []
    cuts = []
    for start in starts:
        cut = start
        while cut > 0 and lines[cut - 1].lstrip().startswith("#") and (cuts == [] or cut - 1 >= cuts[-1]):
            cut -= 1
        # a comment block glued to the file's header (no blank line before it) stays in the header
        if not cuts and cut > 0 and cut != start and lines[cut - 1].strip():
            cut = start
        cuts.append(cut)
    head = lines[:cuts[0]]
    blocks = [_Block(lines[cut:(cuts[n + 1] if n + 1 < len(cuts) else len(lines))]) for n, cut in enumerate(cuts)]
    return head, blocks


def _join(head: list[str], blocks: list[_Block]) -> str:
    return "".join(head) + "".join("".join(block.lines) for block in blocks)


def _set_keys(block: _Block, values: dict) -> None:
    """Change keys of one table, keeping its comments; trailing blank lines stay where they were."""
    body = block.lines
    tail = []
    while body and not body[-1].strip():
        tail.insert(0, body.pop())
    comments = []
    while body and body[0].lstrip().startswith("#"):
        comments.append(body.pop(0))
    doc = tomlkit.parse("".join(body))
    table = doc["feeds"][0]
    for key, value in values.items():
        if value is None:
            table.pop(key, None)
        else:
            table[key] = value
    block.lines = comments + [tomlkit.dumps(doc)] + tail


def _new_block(values: dict) -> _Block:
    doc = tomlkit.document()
    aot = tomlkit.aot()
    table = tomlkit.table()
    for key, value in values.items():
        if value not in (None, (), [], ""):
            table[key] = list(value) if isinstance(value, tuple) else value
    aot.append(table)
    doc.append("feeds", aot)
    return _Block(["\n"] + tomlkit.dumps(doc).splitlines(keepends=True))


class FeedsFile:
    """config/feeds.toml, changed one feed at a time and validated before it is replaced."""

    def __init__(self, path: Path, catalogue: Catalogue):
        self.path = Path(path)
        self.catalogue = catalogue

    def stamp(self) -> tuple | None:
        """What changes whenever the file does (an edit here replaces it, so the inode changes too)."""
        try:
            info = self.path.stat()
        except OSError:
            return None
        return info.st_mtime_ns, info.st_size, info.st_ino

    def _read(self) -> tuple[list[str], list[_Block]]:
        text = self.path.read_text(encoding="utf-8") if self.path.exists() else ""
        return _split(text)

    def _find(self, blocks: list[_Block], feed_id: str) -> int:
        for index, block in enumerate(blocks):
            if block.feed_id == feed_id:
                return index
        raise InputError(f"unknown feed {feed_id!r}; `monitor feeds list` shows the feed ids")

    def _write(self, text: str) -> tuple[Feed, ...]:
        """Validate the new text as feeds.toml, then replace the file atomically. Called with the
        file's lock held, so no other edit lands between our read and this write."""
        problems: list[str] = []
        feeds = load_feeds(self.path, self.catalogue, problems, text=text)
        if problems:
            raise ConfigError(problems)
        write_atomically(self.path, text)
        return feeds

    def feeds(self) -> tuple[Feed, ...]:
        problems: list[str] = []
        feeds = load_feeds(self.path, self.catalogue, problems) if self.path.exists() else ()
        if problems:
            raise ConfigError(problems)
        return feeds

    def add(self, values_list: list[dict]) -> list[Feed]:
        """Append feeds (dicts of feeds.toml keys) after checking each one and the whole file."""
        with locked(self.path):
            existing = self.feeds()
            ids = {feed.id: feed for feed in existing}
            urls = {_url_key(feed.url): feed for feed in existing}
            problems: list[str] = []
            added = []
            for values in values_list:
                where = values.pop("_where", str(self.path))
                feed = parse_feed(values, where, self.catalogue, problems)
                if feed is None:
                    continue
                if feed.id in ids:
                    problems.append(f"{where}: duplicate: a feed with id {feed.id!r} already exists; choose another --id")
                    continue
                if _url_key(feed.url) in urls:
                    problems.append(f"{where}: duplicate: {feed.url} is already feed {urls[_url_key(feed.url)].id!r}")
                    continue
                ids[feed.id] = urls[_url_key(feed.url)] = feed
                added.append(values)
            if problems:
                raise ConfigError(problems)
            head, blocks = self._read()
            blocks.extend(_new_block(values) for values in added)
            written = self._write(_join(head, blocks))
        wanted = {values["id"] for values in added}
        return [feed for feed in written if feed.id in wanted]

    def remove(self, feed_id: str) -> None:
        with locked(self.path):
            head, blocks = self._read()
            del blocks[self._find(blocks, feed_id)]
            self._write(_join(head, blocks))

    def update(self, feed_id: str, values: dict) -> None:
        """Change keys of one feed (None removes a key), keeping its comments."""
        with locked(self.path):
            head, blocks = self._read()
            _set_keys(blocks[self._find(blocks, feed_id)], values)
            self._write(_join(head, blocks))

    def set_enabled(self, feed_id: str, enabled: bool) -> None:
        with locked(self.path):
            head, blocks = self._read()
            # enabled is the default, so enabling removes the key rather than writing `enabled = true`
            _set_keys(blocks[self._find(blocks, feed_id)], {"enabled": None if enabled else False})
            self._write(_join(head, blocks))




# --- OPML -----------------------------------------------------------------------------------

OUR_ATTRIBUTES = ("id", "country", "region", "language", "interval", "fulltext", "enabled", "kind")


def read_opml(path: Path, defaults: dict) -> list[dict]:
    """feeds.toml tables from an OPML file: every outline with an xmlUrl. Our own attributes are
    used where present, `defaults` (country, region, language, tags) elsewhere."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError as XmlError
    from defusedxml.ElementTree import parse

    try:
        root = parse(str(path)).getroot()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; give the OPML file exported from your feed reader")
    except (XmlError, DefusedXmlException, ValueError) as exc:
        raise InputError(f"{path}: not a readable OPML file ({exc}); export it again from the feed reader")
    if root.tag.lower() != "opml":
        raise InputError(f"{path}: the root element is <{root.tag}>, not <opml>; give an OPML file")
    tables = []
    for number, outline in enumerate(root.iter("outline"), 1):
        url = outline.get("xmlUrl") or outline.get("xmlurl")
        if not url:
            continue  # a folder; its feeds are visited on their own
        title = (outline.get("title") or outline.get("text") or "").strip() or (urlsplit(url).hostname or url)
        values: dict = {"id": outline.get("id") or slug(url), "url": url.strip(), "outlet": title}
        for key in ("country", "region", "language"):
            value = outline.get(key) or defaults.get(key)
            if value:
                values[key] = value
        if outline.get("interval", "").isdigit():
            values["interval"] = int(outline.get("interval"))
        for flag in ("fulltext", "enabled"):
            if outline.get(flag) in ("true", "false"):
                values[flag] = outline.get(flag) == "true"
        if outline.get("kind"):
            values["kind"] = outline.get("kind")  # a sitemap or listing page source; checked with the rest
        tags = [t.strip().strip("/") for t in re.split(r"[,]", outline.get("category") or "") if t.strip().strip("/")]
        values["tags"] = list(dict.fromkeys(tags + list(defaults.get("tags") or ())))
        if not values["tags"]:
            del values["tags"]
        values["_where"] = f"{path}: outline {number} ({title})"
        tables.append(values)
    if not tables:
        raise InputError(f"{path}: no outline with an xmlUrl; nothing to import")
    return tables


def write_opml(feeds: tuple[Feed, ...], title: str = "Partnership coverage monitor feeds") -> str:
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = title
    body = ElementTree.SubElement(root, "body")
    for feed in feeds:
        attributes = {"type": "rss", "text": feed.outlet, "title": feed.outlet, "xmlUrl": feed.url, "id": feed.id,
                      "country": feed.country, "region": feed.region, "language": feed.language}
        if feed.tags:
            attributes["category"] = ",".join(feed.tags)
        if feed.interval:
            attributes["interval"] = str(feed.interval)
        if feed.fulltext is not None:
            attributes["fulltext"] = "true" if feed.fulltext else "false"
        if not feed.enabled:
            attributes["enabled"] = "false"
        if feed.kind != "feed":
            attributes["kind"] = feed.kind
        ElementTree.SubElement(body, "outline", attributes)
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"


def slug(url: str) -> str:
    """A feed id from its address: host and path, lowercase, e.g. mogilevnews-by-rss-xml."""
    parts = urlsplit(url)
    host = (parts.hostname or "feed").lower().removeprefix("www.")
    text = f"{host}{parts.path}".lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60] or "feed"


# --- check: fetch once, store nothing -------------------------------------------------------


@dataclass(frozen=True)
class CheckResult:
    url: str  # what was asked for
    final_url: str  # after redirects
    moved_to: str | None  # a permanent redirect the admin should copy into feeds.toml
    entries: int
    newest: datetime | None
    titles: tuple[str, ...]  # the first few headlines, to recognise the feed
    matched: int | None  # entries about catalogue partnerships (None: not matched)
    bytes: int

    def __str__(self) -> str:
        newest = f", newest {self.newest:%Y-%m-%d %H:%M} UTC" if self.newest else ", entries undated"
        text = f"a feed with {self.entries} entries{newest}"
        if self.matched is not None:
            text += f", {self.matched} about catalogue partnerships"
        if self.moved_to:
            text += f"; moved permanently to {self.moved_to}: put that address in feeds.toml"
        return text


def check_url(url: str, limits: Limits, matcher=None, feed: Feed | None = None,
              allow_networks: tuple[str, ...] = (), client=None) -> CheckResult:
    """Fetch a feed once and describe it; a problem is raised as one line an admin can act on."""
    from .fetch import make_client

    if client is None:
        with make_client(limits, allow_networks) as own:
            return check_url(url, limits, matcher, feed, allow_networks, own)
    from .fetch import fetch
    from .parse import parse_feed as parse_bytes
    from .records import ArticleText

    try:
        result = fetch(client, url, limits)
    except FetchError as exc:
        if exc.status:
            raise FetchError(f"{url}: {exc}", kind=exc.kind, status=exc.status)
        raise FetchError(f"{url}: unreachable ({exc}); check the address and that the site is up", kind=exc.kind)
    body = result.body or b""
    try:
        entries = parse_bytes(body, result.content_type, limits.max_entries_per_poll)
    except ParseError as exc:
        found = discover_feed_links(body, result.url) if b"<" in body[:2048] else []
        hint = f"; the page links to a feed: {found[0]}" if found else ""
        raise ParseError(f"{url}: {exc}{hint}")
    matched = None
    if matcher is not None:
        language = feed.language if feed else None
        matched = sum(1 for entry in entries if matcher.match(ArticleText(
            id=entry.guid, title=entry.title, summary=entry.summary, content=entry.content, lang=language)))
    dates = [entry.published for entry in entries if entry.published]
    return CheckResult(url=url, final_url=result.url, moved_to=result.permanent_redirect, entries=len(entries),
                       newest=max(dates) if dates else None, titles=tuple(e.title for e in entries[:3]),
                       matched=matched, bytes=len(body))


# --- discovery: a site's feeds from its pages and the usual CMS addresses --------------------

# Where CMSs put their feeds: WordPress (/feed/), Drupal (/rss.xml), Bitrix and others (/rss/),
# Campsite/Newscoop (/feed/index.rss, /index.rss), and the feeds made for Yandex's aggregator.
FEED_PATHS = ("/feed/", "/rss.xml", "/rss/", "/index.rss", "/feed/index.rss", "/rss", "/atom.xml",
              "/rss/yandex/", "/yandex/rss.xml", "/rss/yandex.xml", "/feed/yandex/")
MAX_CANDIDATES = 20  # addresses tried on one site, so a discovery stays a handful of requests
LINKED, USUAL = "linked from the site", "a usual feed address"


@dataclass(frozen=True)
class FoundFeed:
    """A working feed that discovery found on a site."""

    url: str
    how: str  # LINKED or USUAL
    check: CheckResult

    def __str__(self) -> str:
        newest = f"newest {self.check.newest:%Y-%m-%d %H:%M} UTC" if self.check.newest else "entries undated"
        return f"{self.url} ({self.check.entries} entries, {newest}; {self.how})"


def discover_feeds(url: str, limits: Limits, client=None, allow_networks: tuple[str, ...] = ()) -> list[FoundFeed]:
    """The feeds a site offers, best first: those its page and home page link to (<link
    rel="alternate">, then feed-like links, as trafilatura's feed finder reads them), then the
    usual CMS addresses; each fetched once through fetch.py and kept if it parses with entries.
    The same feed under two addresses is listed once."""
    from .fetch import make_client

    if client is None:
        with make_client(limits, allow_networks) as own:
            return discover_feeds(url, limits, own)
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    candidates = [(link, LINKED) for link in _page_feed_links(client, [url, origin + "/"], limits)]
    candidates += [(origin + path, USUAL) for path in FEED_PATHS]
    found: list[FoundFeed] = []
    tried: set[str] = set()
    kept: set = set()  # final addresses and headline lists of the feeds kept, so one feed is listed once
    for candidate, how in candidates:
        if candidate in tried:
            continue
        if len(tried) >= MAX_CANDIDATES:
            break
        tried.add(candidate)
        try:
            check = check_url(candidate, limits, client=client)
        except (FetchError, ParseError):
            continue
        if not check.entries or check.final_url in kept or (check.titles and check.titles in kept):
            continue
        kept.update({check.final_url, check.titles})
        found.append(FoundFeed(check.moved_to or candidate, how, check))
    return best_first(found)


def best_first(found: list[FoundFeed]) -> list[FoundFeed]:
    """The freshest feed first (by day: a feed updated today beats one updated last month), then
    one the site links to itself, then the one with more entries."""
    def key(item: FoundFeed):
        day = item.check.newest.date().toordinal() if item.check.newest else 0
        return (-day, item.how != LINKED, -item.check.entries)
    return sorted(found, key=key)


def _page_feed_links(client, pages: list[str], limits: Limits) -> list[str]:
    from trafilatura.feeds import FeedParameters, determine_feed

    from .fetch import PAGE_ACCEPT, fetch
    from .parse import decode_document

    links: list[str] = []
    for page in dict.fromkeys(pages):
        try:
            result = fetch(client, page, limits, accept=PAGE_ACCEPT)
        except FetchError:
            continue
        body = result.body or b""
        if not re.search(rb"<html|<!doctype html", body[:4096], re.I):
            continue
        try:
            text = decode_document(body, result.content_type)
        except ParseError:
            text = body.decode("utf-8", "replace")
        host = urlsplit(result.url).hostname or ""
        links += discover_feed_links(body, result.url)
        try:
            links += determine_feed(text, FeedParameters(result.url, host, result.url))
        except Exception:  # the finder is a convenience; the usual addresses are still tried
            pass
    return list(dict.fromkeys(links))


@dataclass(frozen=True)
class FeedCheck:
    """What `feeds check --all` found for one configured feed."""

    feed_id: str
    url: str
    verdict: str  # works, moved, fails
    detail: str  # what it holds, or why it fails
    new_url: str | None = None  # for moved: the address that works
    entries: int = 0
    newest: datetime | None = None

    @property
    def command(self) -> str | None:
        return f"monitor feeds set-url {self.feed_id} {self.new_url}" if self.new_url else None

    def __str__(self) -> str:
        text = f"{self.feed_id}: {self.verdict}: {self.detail}"
        return f"{text}; switch with `{self.command}`" if self.command else text

    def as_dict(self) -> dict:
        return {"id": self.feed_id, "url": self.url, "verdict": self.verdict, "detail": self.detail,
                "new_url": self.new_url, "entries": self.entries,
                "newest": self.newest.isoformat() if self.newest else None, "command": self.command}


def check_one(feed: Feed, limits: Limits, client) -> FeedCheck:
    """One feed's verdict; a failing one is looked for on its site."""
    if feed.kind != "feed":  # a sitemap or listing page: it works when it lists articles
        from datetime import timezone

        from .sources import PageFetcher, check_source

        try:
            found = check_source(feed, PageFetcher(client, limits, None), datetime.now(timezone.utc))
        except FetchError as exc:
            return FeedCheck(feed.id, feed.url, "fails", str(exc).removeprefix(f"{feed.url}: "))
        return FeedCheck(feed.id, feed.url, "works", str(found), None, found.articles, found.newest)
    try:
        result = check_url(feed.url, limits, client=client)
    except (FetchError, ParseError) as exc:
        why = str(exc).removeprefix(f"{feed.url}: ")
        found = [] if isinstance(exc, FetchError) and not exc.status else discover_feeds(feed.url, limits, client)
        if found:
            best = found[0]
            return FeedCheck(feed.id, feed.url, "moved", f"{why}; the site's feed is at {best}", best.url,
                             best.check.entries, best.check.newest)
        return FeedCheck(feed.id, feed.url, "fails", why)
    if result.moved_to:
        return FeedCheck(feed.id, feed.url, "moved", f"moved permanently; {result}", result.moved_to,
                         result.entries, result.newest)
    if not result.entries:
        return FeedCheck(feed.id, feed.url, "fails", "a feed without entries")
    return FeedCheck(feed.id, feed.url, "works", str(result), None, result.entries, result.newest)


def check_all(feeds, limits: Limits, on_result=None, allow_networks: tuple[str, ...] = ()) -> list[FeedCheck]:
    """Every feed checked once: the feeds of one site one after another, several sites at once."""
    from concurrent.futures import ThreadPoolExecutor

    from .fetch import make_client

    by_site: dict[str, list[Feed]] = {}
    for feed in feeds:
        by_site.setdefault((urlsplit(feed.url).hostname or "").lower(), []).append(feed)
    results: dict[str, FeedCheck] = {}
    lock = threading.Lock()

    def site(site_feeds: list[Feed]) -> None:
        for feed in site_feeds:
            found = check_one(feed, limits, client)
            with lock:
                results[feed.id] = found
                if on_result:
                    on_result(found)

    with make_client(limits, allow_networks) as client, ThreadPoolExecutor(max_workers=max(1, limits.concurrency)) as pool:
        for future in [pool.submit(site, site_feeds) for site_feeds in by_site.values()]:
            future.result()
    return [results[feed.id] for feed in feeds]


LINK_TAG = re.compile(rb"<link\b[^>]*>", re.I)
ATTRIBUTE = re.compile(rb"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def discover_feed_links(page: bytes, base: str) -> list[str]:
    """RSS or Atom addresses an HTML page advertises (<link rel="alternate" type="...rss+xml">)."""
    from urllib.parse import urljoin

    found = []
    for tag in LINK_TAG.findall(page[:200_000]):
        attrs = {m.group(1).decode("ascii").lower(): (m.group(2) or m.group(3) or m.group(4) or b"").decode("utf-8", "replace")
                 for m in ATTRIBUTE.finditer(tag)}
        if "alternate" in attrs.get("rel", "").lower() and attrs.get("type", "").lower() in (
                "application/rss+xml", "application/atom+xml") and attrs.get("href"):
            found.append(urljoin(base, attrs["href"]))
    return found
