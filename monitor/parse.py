"""Fetched bytes → feed entries: charset, feedparser, plain text, canonical URLs.

Feed HTML becomes plain text here and is stored only as text, so nothing from a feed is ever
rendered as markup or executed downstream. This step does not fetch or store anything.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from datetime import datetime, timezone
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import charset_normalizer
import feedparser

from .errors import ParseError
from .records import Entry

TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|yclid|mc_cid|mc_eid|_openstat|from|ref)$", re.I)
XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"'][^>]*\?>", re.I)
# Cyrillic feeds that declare nothing are most often one of these; detection picks among them.
CYRILLIC_ENCODINGS = ["utf_8", "cp1251", "koi8_r", "koi8_u", "iso8859_5", "mac_cyrillic"]


def parse_feed(body: bytes, content_type: str | None = None, max_entries: int = 500) -> list[Entry]:
    """Parse a feed document; raises ParseError when the bytes are not a feed."""
    body = _to_utf8(body, content_type)
    # Entity expansion is refused by feedparser's parser setup; we also refuse DOCTYPE internal
    # subsets outright, which real feeds never need and billion-laughs attacks always do.
    if re.search(rb"<!DOCTYPE[^>]*\[", body[:4096], re.I) and b"<!ENTITY" in body[:65536]:
        raise ParseError("the feed declares XML entities, which feeds never need; refused as unsafe")
    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries and not parsed.feed.get("title"):
        reason = parsed.get("bozo_exception")
        looks_html = body.lstrip()[:200].lower().startswith((b"<!doctype html", b"<html"))
        if looks_html:
            raise ParseError("got an HTML page, not a feed; find the page's RSS or Atom link")
        raise ParseError(f"not a feed{f' ({reason})' if reason else ''}; check the URL points at RSS or Atom")
    cut = cut_off(body)
    if cut:
        raise cut
    entries = []
    for item in parsed.entries[:max_entries]:
        entry = _entry(item)
        if entry is not None:
            entries.append(entry)
    return entries


ROOT_TAG = re.compile(rb"<([A-Za-z_][\w.:-]*)[^>]*?(/?)>")
PROLOG = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.S | re.I)


def cut_off(body: bytes) -> ParseError | None:
    """A document whose root element never closes was cut off in transit (a server that hung up,
    a proxy that gave up); feedparser would read the items before the cut and call it a success."""
    start = PROLOG.match(body).end()
    root = ROOT_TAG.match(body, start)
    if root is None or root.group(2):  # not XML we can judge, or an empty <rss/>
        return None
    if re.search(rb"</\s*" + re.escape(root.group(1)) + rb"\s*>", body[root.end():]):
        return None
    error = ParseError(f"the feed ends after {len(body):,} bytes before its closing </{root.group(1).decode()}>: "
                       "cut off in transit; trying again at the next poll")
    error.kind = "temporary"
    return error


def _to_utf8(body: bytes, content_type: str | None) -> bytes:
    """Re-encode the document as UTF-8 when its declared charset is missing or wrong."""
    declared = None
    match = XML_DECLARATION.match(body)
    if match:
        declared = match.group(1).decode("ascii").lower()
    elif content_type and "charset=" in content_type.lower():
        declared = content_type.lower().split("charset=")[-1].split(";")[0].strip(" \"'")
    if declared:
        try:
            body.decode(declared)
            return body  # the declaration holds; feedparser honours it
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(body, cp_isolation=CYRILLIC_ENCODINGS).best()
        if best is None:
            raise ParseError("the feed's text encoding could not be recognised")
        text = str(best)
    text = text.lstrip("\ufeff")
    text = re.sub(r"^\s*<\?xml[^>]*\?>", '<?xml version="1.0" encoding="utf-8"?>', text, count=1)
    return text.encode("utf-8")


def _entry(item) -> Entry | None:
    title = html_to_text(item.get("title", ""))
    summary = html_to_text(item.get("summary", ""))
    content = ""
    for part in item.get("content", []) or []:
        content = html_to_text(part.get("value", ""))
        if content:
            break
    if content == summary:
        content = ""
    link = item.get("link") or None
    guid = item.get("id") or link or _digest(title, summary)
    if not (title or summary or content):
        return None
    return Entry(guid=str(guid)[:1000], url=link, title=title, summary=summary, content=content,
                 published=_time(item.get("published_parsed")),
                 # feedparser aliases a missing "updated" to "published" with a warning; ask only if present
                 updated=_time(item.get("updated_parsed")) if "updated" in item else None)


def _time(struct) -> datetime | None:
    if not struct:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(struct), tz=timezone.utc)
    except (OverflowError, ValueError, TypeError):
        return None


def _digest(*parts: str) -> str:
    return "sha256:" + hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:32]


class _TextExtractor(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article"}
    SKIP = {"script", "style", "noscript", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Plain text of feed HTML: tags dropped, scripts dropped, paragraphs kept as blank lines."""
    if not markup:
        return ""
    if "<" not in markup and "&" not in markup:
        return re.sub(r"[ \t\r\f\v]+", " ", markup).strip()
    extractor = _TextExtractor()
    extractor.feed(markup)
    extractor.close()
    text = "".join(extractor.parts).replace("\xa0", " ")
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def canonical_url(url: str | None) -> str | None:
    """The URL an article is known by: no tracking parameters or fragment, lower-case scheme and
    host, no default port, so one story reached by two links is stored once."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not TRACKING_PARAMS.match(k)])
    path = parts.path or "/"
    return urlunsplit(("https", host, path, query, ""))
