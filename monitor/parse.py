"""Fetched bytes → feed entries: charset, feedparser, plain text, canonical URLs.

Feed HTML becomes plain text here and is stored only as text, so nothing from a feed is ever
rendered as markup or executed downstream. This step does not fetch or store anything.
"""

from __future__ import annotations

import calendar
import codecs
import hashlib
import html
import re
from datetime import datetime, timezone
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import charset_normalizer
import feedparser
import ftfy

from .errors import ParseError
from .records import Entry

TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|yclid|mc_cid|mc_eid|_openstat|from|ref)$", re.I)
XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"'][^>]*\?>", re.I)
# Cyrillic feeds that declare nothing are most often one of these; detection picks among them.
CYRILLIC_ENCODINGS = ["utf_8", "cp1251", "koi8_r", "koi8_u", "iso8859_5", "mac_cyrillic"]


def parse_feed(body: bytes, content_type: str | None = None, max_entries: int = 500) -> list[Entry]:
    """Parse a feed document; raises ParseError when the bytes are not a feed. content_type is the
    HTTP header, whose charset counts when the document declares none."""
    body = _to_utf8(body, content_type)
    # Entity expansion is refused by feedparser's parser setup; we also refuse DOCTYPE internal
    # subsets outright, which real feeds never need and billion-laughs attacks always do.
    if re.search(rb"<!DOCTYPE[^>]*\[", body[:4096], re.I) and b"<!ENTITY" in body[:65536]:
        raise ParseError("the feed declares XML entities, which feeds never need; refused as unsafe")
    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries and not parsed.feed.get("title"):
        reason = parsed.get("bozo_exception")
        looks_html = re.match(rb"\s*(<\?xml[^>]*\?>\s*)?(<!doctype html|<html)", body[:300], re.I)
        if looks_html:
            raise ParseError("got an HTML page, not a feed; find the page's RSS or Atom link")
        raise ParseError(f"not a feed{f' ({reason})' if reason else ''}; check the URL points at RSS or Atom")
    cut = cut_off(body)
    if cut:
        raise cut
    bodies = _body_keys(parsed.get("namespaces") or {})
    entries = []
    for item in parsed.entries[:max_entries]:
        entry = _entry(item, bodies)
        if entry is not None:
            entries.append(entry)
    return entries


# --- charset ---------------------------------------------------------------------------------

BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# Charsets of one byte per character: any bytes decode in most of them, so a wrong declaration
# (a KOI8-R feed saying windows-1251, a server's default ISO-8859-1) is only found by reading.
SINGLE_BYTE = {"cp1251", "koi8-r", "koi8-u", "iso8859-5", "mac-cyrillic", "cp866", "cp1252",
               "iso8859-1", "iso8859-15", "cp1250", "iso8859-2"}
MISREAD_MARGIN = 0.05  # how much less garbled another charset must read before it overrules a declaration


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
    """The document re-encoded as UTF-8 with a declaration saying so, whatever it came in."""
    text = decode_document(body, content_type).lstrip("\ufeff")
    declaration = '<?xml version="1.0" encoding="utf-8"?>'
    text, replaced = re.subn(r"^\s*<\?xml[^>]*\?>", declaration, text, count=1)
    if not replaced and text.lstrip().startswith("<") and not text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        text = declaration + text
    return text.encode("utf-8")


def decode_document(body: bytes, content_type: str | None = None) -> str:
    """The document's text: a byte-order mark first, then what the document and the HTTP header
    declare (a single-byte charset only when the bytes read right in it), then UTF-8, then the
    likeliest Cyrillic charset."""
    for mark, codec in BOMS:
        if body.startswith(mark):
            try:
                return body[len(mark):].decode(codec)
            except UnicodeDecodeError:
                raise ParseError(f"the feed starts with a {codec.upper()} byte-order mark but is not {codec.upper()}")
    for declared in _declared(body, content_type):
        try:
            text = body.decode(declared)
        except (LookupError, UnicodeDecodeError):
            continue
        if _codec(declared) in SINGLE_BYTE:
            return _checked_single_byte(body, declared, text)
        return text
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(body, cp_isolation=CYRILLIC_ENCODINGS).best()
        if best is None:
            raise ParseError("the feed's text encoding could not be recognised")
        return str(best)


def _declared(body: bytes, content_type: str | None) -> list[str]:
    found = []
    match = XML_DECLARATION.match(body)
    if match:
        found.append(match.group(1).decode("ascii").lower())
    found.append(header_charset(content_type))
    return [name for name in dict.fromkeys(found) if name and _codec(name)]


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, or None."""
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", content_type or "", re.I)
    return match.group(1).lower() if match else None


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _checked_single_byte(body: bytes, declared: str, text: str) -> str:
    """The declared single-byte reading, unless the bytes are UTF-8 (Cyrillic in a single-byte
    charset practically never is) or another Cyrillic charset reads clearly cleaner."""
    if body.isascii():
        return text
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates = list(dict.fromkeys([declared] + CYRILLIC_ENCODINGS[1:]))
    results = charset_normalizer.from_bytes(body, cp_isolation=candidates)
    best = results.best()
    if best is None or _codec(best.encoding) == _codec(declared):
        return text
    as_declared = [r for r in results if _codec(r.encoding) == _codec(declared)]
    if as_declared and as_declared[0].chaos <= best.chaos + MISREAD_MARGIN:
        return text
    return str(best)


# --- entries ---------------------------------------------------------------------------------

YANDEX_NAMESPACES = {"http://news.yandex.ru", "https://news.yandex.ru", "http://news.yandex.ru/"}
TURBO_NAMESPACES = {"http://turbo.yandex.ru", "https://turbo.yandex.ru", "http://turbo.yandex.ru/"}
TURBO_HEADER = re.compile(r"<header\b.*?</header\s*>", re.I | re.S)


def _body_keys(namespaces: dict) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """feedparser's keys for <yandex:full-text> and <turbo:content>: it names them by the
    document's own prefixes."""
    yandex = {"yandex"} | {prefix for prefix, uri in namespaces.items() if uri in YANDEX_NAMESPACES}
    turbo = {"turbo"} | {prefix for prefix, uri in namespaces.items() if uri in TURBO_NAMESPACES}
    return tuple(f"{p}_full-text" for p in yandex), tuple(f"{p}_content" for p in turbo)


def _entry(item, bodies: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())) -> Entry | None:
    title = repair_text(html_to_text(item.get("title", "")))
    summary = repair_text(html_to_text(item.get("summary", "")))
    content = repair_text(_body(item, *bodies))
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


def _body(item, yandex_keys: tuple[str, ...], turbo_keys: tuple[str, ...]) -> str:
    """The article's body: whichever of content:encoded (or Atom content), <yandex:full-text> and
    <turbo:content> (its <header>, which repeats the headline, dropped) holds the most text."""
    bodies = [_markup(part.get("value", "")) for part in item.get("content", []) or []]
    bodies += [_markup(item[key]) for key in yandex_keys if item.get(key)]
    bodies += [TURBO_HEADER.sub(" ", _markup(item[key])) for key in turbo_keys if item.get(key)]
    texts = [html_to_text(body) for body in bodies]
    return max(texts, key=len, default="")


def _markup(value) -> str:
    """Feed HTML as written: a feed that is not well-formed XML is read by feedparser's loose
    parser, which hands namespaced elements back escaped once."""
    value = value if isinstance(value, str) else ""
    if "<" not in value and "&lt;" in value:
        value = html.unescape(value)
    return value


# Mojibake of UTF-8 read as Latin-1, windows-1252 or windows-1251: a lead byte's character, then a
# continuation byte's, twice running ("Ð\x9fÑ\x80", "РџСЂ"). Text without such runs is never touched;
# text with them goes to ftfy, which changes it only when the repair reads better.
_LEADS = "".join(sorted({bytes([b]).decode(enc, "ignore") for b in range(0xC2, 0xE0)
                         for enc in ("latin-1", "cp1252", "cp1251")} - {""}))
_CONTINUATIONS = "".join(sorted({bytes([b]).decode(enc, "ignore") for b in range(0x80, 0xC0)
                                 for enc in ("latin-1", "cp1252", "cp1251")} - {""}))
_MOJIBAKE = re.compile(f"(?:[{re.escape(_LEADS)}][{re.escape(_CONTINUATIONS)}]){{2}}")


def repair_text(text: str) -> str:
    """Text that was UTF-8 decoded as a single-byte charset and encoded again, decoded back;
    anything else unchanged."""
    if not text or text.isascii() or not _MOJIBAKE.search(text):
        return text
    return ftfy.fix_encoding(text)


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
