"""One conditional GET of a feed, within limits.

Returns a FetchResult (new bytes, or not modified) or raises a FetchError whose kind tells the
poller how to treat it: temporary (try again soon: 429, 503, timeouts), soft (back off: other 5xx,
connection failures) or hard (an admin must act: 404, 410, a body over the size limit).
It does not parse, store or retry: those are other steps' jobs.

Every fetch is bounded three ways: connect and read timeouts (a silent server), a total deadline (a
server that drips a byte at a time and never finishes) and a body-size limit counted after
decompression, enforced while streaming (a huge or gzip-bomb body never sits in memory).
"""

from __future__ import annotations

import email.utils
import time
import zlib
from datetime import datetime, timezone

import httpx

from . import __version__
from .errors import FetchError
from .records import FetchResult, Limits

USER_AGENT = f"partnership-monitor/{__version__} (+https://github.com/partnership-monitor; regional press coverage research)"
MAX_RETRY_AFTER = 6 * 3600.0  # seconds; a server asking for more is treated as asking for 6 hours
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
# We decompress ourselves (see _Decoder), so we offer only what zlib can bound.
ACCEPT_ENCODING = "gzip, deflate"


def make_client(limits: Limits) -> httpx.Client:
    timeout = httpx.Timeout(limits.read_timeout, connect=limits.connect_timeout)
    pool = httpx.Limits(max_connections=max(limits.concurrency, 1) * 2, max_keepalive_connections=limits.concurrency)
    # Redirects are followed by hand so a permanent move can be reported to the admin.
    return httpx.Client(timeout=timeout, limits=pool, follow_redirects=False,
                        headers={"User-Agent": USER_AGENT, "Accept": FEED_ACCEPT,
                                 "Accept-Encoding": ACCEPT_ENCODING})


def fetch(client: httpx.Client, url: str, limits: Limits, etag: str | None = None,
          last_modified: str | None = None, max_redirects: int = 5, accept: str | None = None) -> FetchResult:
    deadline = time.monotonic() + limits.total_timeout
    headers = {"Accept": accept} if accept else {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current, moved, all_permanent = url, None, True
    for _ in range(max_redirects + 1):
        _check_deadline(deadline, limits)
        try:
            with client.stream("GET", current, headers=headers) as response:
                if response.has_redirect_location:
                    target = str(response.url.join(response.headers.get("Location", "")))
                    # Only a chain of permanent redirects moves the feed; one temporary hop does not.
                    all_permanent = all_permanent and response.status_code in (301, 308)
                    moved = target if all_permanent else None
                    current = target
                    continue
                _raise_for_status(response)
                if response.status_code == 304:
                    return FetchResult(url=current, status=304, body=None, etag=etag, last_modified=last_modified,
                                       permanent_redirect=moved)
                body = _read_limited(response, limits.max_body_bytes, deadline, limits)
                return FetchResult(url=current, status=response.status_code, body=body,
                                   etag=response.headers.get("ETag"),
                                   last_modified=response.headers.get("Last-Modified"),
                                   content_type=response.headers.get("Content-Type"),
                                   permanent_redirect=moved)
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out ({type(exc).__name__})", kind="temporary", code="timeout") from exc
        except httpx.InvalidURL as exc:
            raise FetchError(f"not a fetchable URL: {exc}", kind="hard", code="bad_url") from exc
        except httpx.TransportError as exc:
            raise FetchError(f"could not connect: {exc}", kind="soft", code="connect") from exc
    raise FetchError(f"more than {max_redirects} redirects", kind="hard", code="redirects")


def _raise_for_status(response: httpx.Response) -> None:
    status = response.status_code
    if status < 400 or status == 304:
        return
    if status in (429, 503):
        reason = "too many requests, the server asks us to slow down" if status == 429 else "the server is unavailable"
        raise FetchError(f"HTTP {status}: {reason}; trying again later", kind="temporary", status=status,
                         retry_after=parse_retry_after(response.headers.get("Retry-After")),
                         code=f"{'rate_limited' if status == 429 else 'unavailable'}:{status}")
    if status == 410:
        raise FetchError("HTTP 410 Gone: the feed was removed", kind="hard", status=status, code="gone")
    if status >= 500:
        raise FetchError(f"HTTP {status}: server error", kind="soft", status=status, code=f"server_error:{status}")
    raise FetchError(f"HTTP {status}: check the feed's URL", kind="hard", status=status)


def _check_deadline(deadline: float, limits: Limits) -> None:
    if time.monotonic() > deadline:
        raise FetchError(f"still sending after {limits.total_timeout:g} s; cut off", kind="temporary", code="cut_off")


def _read_limited(response: httpx.Response, max_bytes: int, deadline: float, limits: Limits) -> bytes:
    """Read the body, stopping as soon as it exceeds the limit (decompressed size counts) or the
    total deadline passes."""
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"feed is {int(declared):,} bytes, over the {max_bytes:,}-byte limit", kind="hard", code="too_large")
    decoder = _Decoder(response.headers.get("Content-Encoding", ""), max_bytes)
    chunks, size = [], 0
    for raw in response.iter_raw():
        _check_deadline(deadline, limits)
        chunk = decoder.feed(raw)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"feed is over the {max_bytes:,}-byte limit", kind="hard", code="too_large")
        chunks.append(chunk)
    tail = decoder.flush()
    if size + len(tail) > max_bytes:
        raise FetchError(f"feed is over the {max_bytes:,}-byte limit", kind="hard", code="too_large")
    chunks.append(tail)
    return b"".join(chunks)


class _Decoder:
    """Content-Encoding undone with a bound on the output of every step. httpx's own decoder would
    inflate a whole network chunk at once, and 64 KB of gzip can inflate to 64 MB."""

    def __init__(self, encoding: str, max_bytes: int):
        self.max_bytes = max_bytes
        codings = [c.strip().lower() for c in encoding.split(",") if c.strip() and c.strip().lower() != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise FetchError(f"unsupported Content-Encoding {encoding!r}", kind="hard", code="bad_encoding")
        self.coding = codings[0] if codings else None
        self.inflater = None
        if self.coding in ("gzip", "x-gzip"):
            self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self.first = True

    def feed(self, data: bytes) -> bytes:
        if self.coding is None:
            return data
        if self.coding == "deflate" and self.first:
            # "deflate" is zlib-wrapped by the standard and raw by some servers: tell by the header.
            self.inflater = zlib.decompressobj(zlib.MAX_WBITS if data[:1] == b"\x78" else -zlib.MAX_WBITS)
        self.first = False
        out = []
        size = 0
        try:
            while data:
                piece = self.inflater.decompress(data, self.max_bytes + 1 - size)
                out.append(piece)
                size += len(piece)
                if size > self.max_bytes:
                    break  # the caller sees the size and refuses
                data = self.inflater.unconsumed_tail
                if self.inflater.eof:
                    break
        except zlib.error as exc:
            raise FetchError(f"the body is not valid {self.coding} ({exc})", kind="hard", code="bad_encoding") from exc
        return b"".join(out)

    def flush(self) -> bytes:
        if self.coding is None or self.inflater is None:
            return b""
        try:
            return self.inflater.flush(self.max_bytes + 1)
        except zlib.error as exc:
            raise FetchError(f"the body is not valid {self.coding} ({exc})", kind="hard", code="bad_encoding") from exc


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), capped."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    now = now or datetime.now(timezone.utc)
    return min(max((when - now).total_seconds(), 0.0), MAX_RETRY_AFTER)
