"""Hostile servers on 127.0.0.1 (and ::1): redirects inward, headers sent a byte at a time, bodies
cut off in transit. Only the tests that need their own server allow its network."""

from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest

from monitor.app import Monitor
from monitor.cli import run_cli
from monitor.config import load_config
from monitor.errors import ConfigError, FetchError
from monitor.fetch import RefusedAddress, address_problem, allowed_networks, fetch, make_client
from monitor.records import Limits

from .conftest import LOOPBACK, feed_table, write_test_settings
from .feedserver import FeedServer

NOW = datetime(2026, 11, 19, 12, 0, tzinfo=timezone.utc)
FAST = Limits(connect_timeout=2, read_timeout=1, total_timeout=1.5, max_body_bytes=200_000)
RSS = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
       + "".join(f"<item><guid>g{n}</guid><title>Новость {n}</title><link>https://x.example/{n}</link>"
                 f"<pubDate>Tue, 17 Nov 2026 0{n}:00:00 GMT</pubDate></item>" for n in range(1, 7))
       + "</channel></rss>")


@pytest.fixture
def server6():
    """A server on the IPv6 loopback, to see whether anything reaches it."""
    feed_server = FeedServer("::1").start()
    yield feed_server
    feed_server.stop()


def test_a_feed_on_this_machine_is_refused_before_any_connection_by_default(server):
    url = server.route("/feed.xml", RSS)
    with make_client(FAST) as client, pytest.raises(RefusedAddress, match="127.0.0.1: a loopback address") as caught:
        fetch(client, url, FAST)
    assert caught.value.kind == "hard" and "allow_networks" in str(caught.value)
    assert server.requests == []
    with make_client(FAST, LOOPBACK) as client:  # the same feed, its network allowed
        assert fetch(client, url, FAST).body == RSS.encode()


@pytest.mark.parametrize("target, problem", [
    ("http://10.20.30.40/feed.xml", "a private address"),
    ("http://169.254.169.254/latest/meta-data/", "a link-local address"),
    ("http://192.168.1.1:8080/", "a private address"),
    ("http://[fd00::5]/feed", "a private address"),
    ("http://[::ffff:10.0.0.1]/feed", "a private address inside an IPv6 address"),
    ("http://0.0.0.0/feed", "an unspecified address"),
    ("http://224.0.0.1/feed", "a multicast address"),
    ("http://240.0.0.1/feed", "a reserved address"),
    ("http://100.64.0.1/feed", "not a public address"),
])
def test_a_redirect_inward_is_refused_at_any_hop(server, target, problem):
    server.route("/hop2", "", status=302, headers={"Location": target})
    url = server.route("/feed.xml", "", status=301, headers={"Location": "/hop2"})
    with make_client(FAST, LOOPBACK) as client, pytest.raises(RefusedAddress) as caught:
        fetch(client, url, FAST)
    assert str(caught.value).startswith(f"redirected to {target}: refused to fetch")
    assert problem in str(caught.value)
    assert [path for path, _ in server.requests] == ["/feed.xml", "/hop2"]


def test_a_redirect_to_the_ipv6_loopback_never_reaches_it(server, server6):
    target = server6.route("/feed.xml", RSS)
    url = server.route("/feed.xml", "", status=302, headers={"Location": target})
    with make_client(FAST, LOOPBACK) as client, pytest.raises(RefusedAddress, match=r"::1: a loopback address"):
        fetch(client, url, FAST)
    assert server6.requests == []


def test_a_redirect_to_a_name_of_this_machine_is_refused_after_the_lookup(server, server6):
    # The first server is on ::1 (allowed); "localhost" resolves to 127.0.0.1, which is not.
    server.route("/feed.xml", RSS)
    url = server6.route("/feed.xml", "", status=302, headers={"Location": server.url("/feed.xml").replace("127.0.0.1", "localhost")})
    with make_client(FAST, ["::1/128"]) as client, pytest.raises(RefusedAddress) as caught:
        fetch(client, url, FAST)
    assert "localhost (127.0.0.1): a loopback address" in str(caught.value)
    assert server.requests == []


@pytest.mark.parametrize("disguise", ["2130706433", "0x7f000001", "127.1", "[::ffff:127.0.0.1]", "[0:0:0:0:0:0:0:1]"])
def test_this_machine_in_disguise_is_refused(server, disguise):
    url = server.route("/feed.xml", RSS).replace("127.0.0.1", disguise)
    with make_client(FAST) as client, pytest.raises(RefusedAddress, match="a loopback address"):
        fetch(client, url, FAST)
    assert server.requests == []


def test_address_rules():
    assert address_problem("93.184.216.34") is None and address_problem("2a00:1450:4001::1") is None
    assert address_problem("::1") == "a loopback address"
    assert address_problem("fe80::1%eth0") == "a link-local address"
    assert address_problem("2002:0a00:0001::1") == "a private address inside an IPv6 address"  # 6to4 of 10.0.0.1
    assert address_problem("10.1.2.3", allowed_networks(["10.0.0.0/8"])) is None
    assert address_problem("10.1.2.3", allowed_networks(["fd00::/8"])) == "a private address"


def test_headers_sent_a_byte_at_a_time_are_cut_off_by_the_total_deadline(server):
    url = server.route("/slow-headers.xml", RSS, headers={"Content-Type": "application/rss+xml",
                                                          "X-Padding": "x" * 200}, header_drip=0.05)
    started = time.monotonic()
    with make_client(FAST, LOOPBACK) as client, pytest.raises(FetchError, match="cut off") as caught:
        fetch(client, url, FAST)
    # ~12 s of headers at this pace; the deadline is 1.5 s, each byte comes well within read_timeout
    assert time.monotonic() - started < 3 and caught.value.kind == "temporary"


def test_a_body_shorter_than_its_content_length_is_a_failure(server):
    url = server.route("/short.xml", RSS[:300], headers={"Content-Length": str(len(RSS.encode()))}, hang_up=True)
    with make_client(FAST, LOOPBACK) as client, pytest.raises(FetchError, match="cut off") as caught:
        fetch(client, url, FAST)
    assert caught.value.kind == "temporary"


def test_a_gzip_body_that_ends_mid_stream_is_a_failure(server):
    import gzip

    packed = gzip.compress(RSS.encode())
    url = server.route("/cut.xml.gz", packed[: len(packed) // 2], headers={"Content-Encoding": "gzip"})
    with make_client(FAST, LOOPBACK) as client, pytest.raises(FetchError, match="ends before"):
        fetch(client, url, FAST)


def monitor_over(config_dir, server, allow=LOOPBACK) -> Monitor:
    write_test_settings(config_dir, allow)
    (config_dir / "feeds.toml").write_text(feed_table("mogilev", server.url("/feed.xml")), encoding="utf-8")
    return Monitor(load_config(config_dir), config_dir.parent / "monitor.db", clock=lambda: NOW)


def test_an_xml_document_cut_in_half_is_a_failed_poll_not_an_unchanged_one(server, config_dir, matcher):
    server.route("/feed.xml", RSS)
    with monitor_over(config_dir, server) as monitor:
        monitor._matcher = matcher
        assert monitor.poll(["mogilev"])[0].status == "new"
        server.route("/feed.xml", RSS[: len(RSS) // 2])  # a complete HTTP answer of half a document
        outcome = monitor.poll(["mogilev"])[0]
        assert outcome.status == "error" and outcome.error_kind == "temporary"
        assert "cut off" in outcome.error
        assert [row.ok for row in monitor.store.fetch_log() if row.feed_id == "mogilev"] == [True, False]


def test_the_shipped_settings_refuse_a_feed_on_this_machine(server, config_dir, capsys):
    server.route("/feed.xml", RSS)
    with monitor_over(config_dir, server, allow=()) as monitor:
        outcome = monitor.poll(["mogilev"])[0]
    assert outcome.status == "error" and "refused to fetch 127.0.0.1" in outcome.error
    assert run_cli(["--config", str(config_dir), "--db", str(config_dir.parent / "m.db"), "feeds", "check", "mogilev"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "refused to fetch 127.0.0.1" in err[0] and "allow_networks" in err[0]
    assert server.requests == []


@pytest.mark.parametrize("line, expected", [
    ('allow_networks = "10.0.0.0/8"', "allow_networks must be a list of networks"),
    ('allow_networks = ["10.0.0.300/8"]', "'10.0.0.300/8' is not a network"),
    ('dashboard_hosts = ["https://monitor.example.org:8080"]', "is not a host name"),
])
def test_network_and_host_settings_are_checked_when_loaded(config_dir, line, expected):
    settings = config_dir / "settings.toml"
    key = line.split(" = ")[0]
    text = settings.read_text(encoding="utf-8")
    text = "\n".join(line if row.startswith(f"{key} = ") else row for row in text.splitlines())
    settings.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(config_dir)
    assert len(caught.value.problems) == 1 and expected in caught.value.problems[0]
    assert caught.value.problems[0].startswith(str(settings))


def test_a_name_that_never_resolves_is_cut_off_by_the_total_deadline(monkeypatch):
    """A resolver that never answers (a DNS server dropping queries) holds a poll no longer than a
    silent server would. No resolver that hangs can run on this machine, so the system's is swapped
    for one that waits until the test ends."""
    import threading

    import monitor.fetch

    released = threading.Event()
    monkeypatch.setattr(monitor.fetch, "resolve", lambda *args, **kwargs: released.wait(30) and [])
    started = time.monotonic()
    try:
        with make_client(FAST) as client, pytest.raises(FetchError) as caught:
            fetch(client, "http://feeds.slow-dns.example/rss.xml", FAST)
    finally:
        released.set()
    assert time.monotonic() - started < 3  # the deadline is 1.5 s
    assert caught.value.kind == "temporary" and "feeds.slow-dns.example" in str(caught.value)
