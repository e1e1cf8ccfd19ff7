"""One conditional GET of a feed, within limits.

Returns a FetchResult (new bytes, or not modified) or raises a FetchError whose kind tells the
poller how to treat it: temporary (try again soon: 429, 503, timeouts), soft (back off: other 5xx,
connection failures) or hard (an admin must act: 404, 410, a body over the size limit).
It does not parse, store or retry: those are other steps' jobs.

Every fetch is bounded three ways: connect and read timeouts (a silent server), a total deadline (a
server that drips a byte at a time and never finishes, headers included: every socket read waits
at most until the deadline) and a body-size limit counted after decompression, enforced while
streaming (a huge or gzip-bomb body never sits in memory). A body that ends before its
Content-Length, or a compressed body that ends mid-stream, is a failure, never a short success.

Only public addresses are fetched (_GuardedTransport, _GuardedBackend): a feed, a redirect at any hop or an admin's check
cannot reach the machine itself, the office network or a cloud metadata service, except the
networks settings.toml lists in allow_networks. Literal addresses are refused before any
connection; names are resolved once, and only their checked addresses are connected to, so a
name that answers differently the second time (DNS rebinding) gains nothing. The name look-up is
bounded by the deadline too: a resolver that never answers holds a poll no longer than a server.
"""

from __future__ import annotations

import contextvars
import email.utils
import ipaddress
import socket
import time
import zlib
from concurrent.futures import ThreadPoolExecutor, TimeoutError as LookupTimeout
from datetime import datetime, timezone
from typing import Iterable

import httpcore
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


def make_client(limits: Limits, allow_networks: Iterable[str] = ()) -> httpx.Client:
    """A client that connects only to public addresses and to the networks in allow_networks
    (settings.toml; empty by default)."""
    timeout = httpx.Timeout(limits.read_timeout, connect=limits.connect_timeout)
    pool = httpx.Limits(max_connections=max(limits.concurrency, 1) * 2, max_keepalive_connections=limits.concurrency)
    # Redirects are followed by hand so a permanent move can be reported to the admin, and each
    # hop's address is checked. An explicit transport also means no proxy from the environment,
    # which would connect on our behalf to addresses we never see.
    return httpx.Client(timeout=timeout, limits=pool, follow_redirects=False,
                        transport=_GuardedTransport(pool, allow_networks),
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
    token = _deadline.set(deadline)
    try:
        for _ in range(max_redirects + 1):
            _check_deadline(deadline, limits)
            try:
                result = _one_hop(client, current, headers, limits, deadline, etag, last_modified, moved)
            except RefusedAddress as exc:
                if current != url:
                    raise RefusedAddress(f"redirected to {current}: {exc}") from None
                raise
            if isinstance(result, FetchResult):
                return result
            # Only a chain of permanent redirects moves the feed; one temporary hop does not.
            current, permanent = result
            all_permanent = all_permanent and permanent
            moved = current if all_permanent else None
    finally:
        _deadline.reset(token)
    raise FetchError(f"more than {max_redirects} redirects", kind="hard", code="redirects")


def _one_hop(client: httpx.Client, current: str, headers: dict, limits: Limits, deadline: float,
             etag: str | None, last_modified: str | None, moved: str | None) -> FetchResult | tuple[str, bool]:
    """One request: the result, or (where a redirect points, whether it is permanent)."""
    try:
        with client.stream("GET", current, headers=headers) as response:
            if response.has_redirect_location:
                target = str(response.url.join(response.headers.get("Location", "")))
                return target, response.status_code in (301, 308)
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
        if time.monotonic() >= deadline - 0.05:  # the read was cut short by the deadline, not its own timeout
            raise FetchError(f"still sending after {limits.total_timeout:g} s; cut off", kind="temporary",
                             code="cut_off") from exc
        raise FetchError(f"timed out ({type(exc).__name__})", kind="temporary", code="timeout") from exc
    except httpx.InvalidURL as exc:
        raise FetchError(f"not a fetchable URL: {exc}", kind="hard", code="bad_url") from exc
    except httpx.RemoteProtocolError as exc:
        if "expected" in str(exc):  # h11: the connection closed before Content-Length bytes came
            raise FetchError(f"cut off: {exc}; trying again later", kind="temporary", code="cut_off") from exc
        raise FetchError(f"the server broke the HTTP protocol: {exc}", kind="soft", code="protocol") from exc
    except httpx.TransportError as exc:
        raise FetchError(f"could not connect: {exc}", kind="soft", code="connect") from exc


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
        raise FetchError(f"feed is {int(declared):,} bytes, over the {max_bytes:,}-byte limit", kind="hard",
                         code="too_large")
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
    if not decoder.complete:
        raise FetchError(f"the {decoder.coding} body ends before its end: cut off in transit; trying again later",
                         kind="temporary", code="cut_off")
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

    @property
    def complete(self) -> bool:
        """The compressed stream reached its end marker (an empty body counts as complete)."""
        return self.coding is None or self.first or self.inflater is None or self.inflater.eof

    def flush(self) -> bytes:
        if self.coding is None or self.inflater is None:
            return b""
        try:
            return self.inflater.flush(self.max_bytes + 1)
        except zlib.error as exc:
            raise FetchError(f"the body is not valid {self.coding} ({exc})", kind="hard", code="bad_encoding") from exc


# --- only public addresses ----------------------------------------------------------------------

_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar("fetch_deadline", default=None)


class RefusedAddress(FetchError):
    """An address that is not public and not in allow_networks: an admin must change the URL."""

    def __init__(self, message: str):
        super().__init__(message, kind="hard", code="refused")


def allowed_networks(allow_networks: Iterable[str]) -> tuple:
    return tuple(ipaddress.ip_network(net, strict=False) for net in allow_networks)


def address_problem(address: str, allowed: tuple = ()) -> str | None:
    """Why an IP address may not be fetched (None: it may). Not public is: private, loopback,
    link-local (169.254.169.254 is the cloud's metadata service), multicast, reserved,
    unspecified, shared (carrier NAT), documentation ranges, and IPv6 forms that carry such an
    IPv4 address (mapped, 6to4, Teredo)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 zone (fe80::1%eth0) is link-local anyway
    if any(ip.version == net.version and ip in net for net in allowed):
        return None
    if ip.version == 6:
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            inner = address_problem(str(embedded), allowed)
            return f"{inner} inside an IPv6 address" if inner else None
    for label, test in (("a loopback", ip.is_loopback), ("an unspecified", ip.is_unspecified),
                        ("a link-local", ip.is_link_local), ("a multicast", ip.is_multicast),
                        ("a reserved", ip.is_reserved), ("a private", ip.is_private)):
        if test:
            return f"{label} address"
    if not ip.is_global:
        return "not a public address"
    return None


def _refusal(host: str, address: str, problem: str) -> str:
    where = address if host == address else f"{host} ({address})"
    return (f"refused to fetch {where}: {problem}; only public addresses are fetched "
            "(settings.toml allow_networks lists networks to allow)")


def _literal(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host.strip("[]").split("%", 1)[0]))
    except ValueError:
        return None


# Name look-ups run here so a fetch can stop waiting for one at its deadline (getaddrinfo itself
# cannot be interrupted: a look-up that never answers keeps its thread, and the pool's size bounds
# how many can). `resolve` is what they call: the system's resolver.
_LOOKUPS = ThreadPoolExecutor(max_workers=8, thread_name_prefix="name-lookup")
resolve = socket.getaddrinfo


class _GuardedBackend(httpcore.SyncBackend):
    """Connects only to checked addresses, and bounds every read and write by the fetch's
    deadline, so a server sending its headers a byte a second is cut off like a dripping body."""

    def __init__(self, allowed: tuple):
        self.allowed = allowed

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        literal = _literal(host)
        if literal is not None:
            candidates = [literal]
        else:
            try:
                found = _LOOKUPS.submit(resolve, host, port, type=socket.SOCK_STREAM).result(_bounded(timeout))
            except LookupTimeout:
                raise FetchError(f"the name {host} was not resolved in time; trying again later",
                                 kind="temporary", code="timeout") from None
            except (socket.gaierror, UnicodeError) as exc:
                raise httpcore.ConnectError(f"the name {host} could not be resolved ({exc})") from exc
            candidates = list(dict.fromkeys(info[4][0] for info in found))
        refused = [(address, address_problem(address, self.allowed)) for address in candidates]
        usable = [address for address, problem in refused if problem is None]
        if not usable:
            address, problem = refused[0]
            raise RefusedAddress(_refusal(host, address, problem))
        error: Exception | None = None
        for address in usable:
            try:
                stream = super().connect_tcp(address, port, _bounded(timeout), local_address, socket_options)
                return _DeadlineStream(stream)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        raise error


def _bounded(timeout: float | None) -> float | None:
    """The operation's timeout, shortened to what is left of the current fetch's deadline."""
    deadline = _deadline.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the fetch's total deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream):
        self.stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.stream.read(max_bytes, _bounded(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, _bounded(timeout))

    def close(self) -> None:
        self.stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        return _DeadlineStream(self.stream.start_tls(ssl_context, server_hostname, _bounded(timeout)))

    def get_extra_info(self, info: str):
        return self.stream.get_extra_info(info)


class _GuardedTransport(httpx.HTTPTransport):
    def __init__(self, pool: httpx.Limits, allow_networks: Iterable[str]):
        super().__init__(limits=pool)
        self.allowed = allowed_networks(allow_networks)
        # httpx has no public way to give its pool a network backend; the pool it built is
        # replaced by the same pool over _GuardedBackend.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(), max_connections=pool.max_connections,
            max_keepalive_connections=pool.max_keepalive_connections, keepalive_expiry=pool.keepalive_expiry,
            network_backend=_GuardedBackend(self.allowed))

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        literal = _literal(host)
        if literal is not None:  # refused before any connection, not only at connect time
            problem = address_problem(literal, self.allowed)
            if problem:
                raise RefusedAddress(_refusal(host, literal, problem))
        return super().handle_request(request)


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
