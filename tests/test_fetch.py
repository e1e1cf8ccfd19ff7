"""One conditional GET against a real server on 127.0.0.1."""

from __future__ import annotations

import gzip

import pytest

from monitor.errors import FetchError
from monitor.fetch import USER_AGENT, fetch, make_client, parse_retry_after
from monitor.records import Limits

from .conftest import LOOPBACK

LIMITS = Limits(connect_timeout=2, read_timeout=1, max_body_bytes=50_000)


@pytest.fixture
def client():
    with make_client(LIMITS, LOOPBACK) as http:
        yield http


def test_conditional_get_sends_validators_and_gets_not_modified(server, client):
    url = server.route("/feed.xml", "<rss/>", etag='"v1"', headers={"Last-Modified": "Mon, 16 Nov 2026 08:00:00 GMT"})
    first = fetch(client, url, LIMITS)
    assert first.body == b"<rss/>" and first.etag == '"v1"'
    second = fetch(client, url, LIMITS, etag=first.etag, last_modified=first.last_modified)
    assert second.status == 304 and second.body is None
    path, headers = server.requests[-1]
    assert headers["If-None-Match"] == '"v1"'
    assert headers["User-Agent"] == USER_AGENT


@pytest.mark.parametrize("status, kind", [(404, "hard"), (410, "hard"), (500, "soft"), (502, "soft"), (503, "temporary"), (429, "temporary")])
def test_http_errors_are_classified(server, client, status, kind):
    url = server.route("/x", "", status=status)
    with pytest.raises(FetchError) as caught:
        fetch(client, url, LIMITS)
    assert caught.value.kind == kind and caught.value.status == status


def test_retry_after_is_honoured_and_capped(server, client):
    url = server.route("/busy", "", status=429, headers={"Retry-After": "120"})
    with pytest.raises(FetchError) as caught:
        fetch(client, url, LIMITS)
    assert caught.value.retry_after == 120
    assert parse_retry_after("99999999") == 6 * 3600


def test_permanent_redirect_is_reported(server, client):
    server.route("/new.xml", "<rss/>")
    url = server.route("/old.xml", "", status=301, headers={"Location": "/new.xml"})
    result = fetch(client, url, LIMITS)
    assert result.body == b"<rss/>"
    assert result.permanent_redirect == server.url("/new.xml")


def test_temporary_redirect_is_followed_but_not_reported_as_a_move(server, client):
    server.route("/new.xml", "<rss/>")
    url = server.route("/tmp.xml", "", status=302, headers={"Location": "/new.xml"})
    assert fetch(client, url, LIMITS).permanent_redirect is None


def test_body_over_the_limit_is_refused(server, client):
    url = server.route("/huge.xml", b"x" * 60_000)
    with pytest.raises(FetchError, match="over the 50,000-byte limit") as caught:
        fetch(client, url, LIMITS)
    assert caught.value.kind == "hard"


def test_gzip_bomb_is_cut_off_while_streaming(server, client):
    bomb = gzip.compress(b"\0" * 5_000_000)
    url = server.route("/bomb.xml", bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="over the"):
        fetch(client, url, LIMITS)


def test_slow_server_times_out_as_temporary(server, client):
    url = server.route("/slow.xml", "<rss/>", delay=2.5)
    with pytest.raises(FetchError) as caught:
        fetch(client, url, LIMITS)
    assert caught.value.kind == "temporary"


def test_unreachable_server_is_a_soft_failure(client):
    with pytest.raises(FetchError) as caught:
        fetch(client, "http://127.0.0.1:9/feed.xml", LIMITS)
    assert caught.value.kind == "soft"
