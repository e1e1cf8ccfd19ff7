"""The dashboard against an attacker, over real HTTP to uvicorn on 127.0.0.1: guessed tokens,
kept cookies, huge bodies, forged Host headers, crashes; and a slow feed check that must not hold
up other pages. test_web_security_browser.py shows the same in Chromium where a person notices."""

from __future__ import annotations

import logging
import socket
import time
from datetime import timedelta
from urllib.parse import urlsplit

import httpx
import pytest

from monitor.web import FIRST_WAIT, FREE_LOGINS, MAX_FORM_BYTES, SECURITY_HEADERS, LoginThrottle, create_app

from .test_web import NOW, TOKEN, csrf_of, login, monitor, serving  # noqa: F401 (monitor is a fixture)

RSS = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Медленная</title>'
       '<item><guid>s1</guid><title>Новости района</title><pubDate>Tue, 17 Nov 2026 07:00:00 GMT</pubDate></item>'
       '</channel></rss>')


class Clock:
    """The dashboard's clock, moved by hand."""

    def __init__(self):
        self.now = NOW

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def base(monitor, clock):
    with serving(create_app(monitor, admin_token=TOKEN, clock=clock)) as url:
        yield url


def try_token(client: httpx.Client, token: str) -> httpx.Response:
    page = client.get("/login")
    return client.post("/login", data={"csrf": csrf_of(page.text), "token": token}, follow_redirects=False)


def test_failed_logins_are_throttled_for_a_growing_while_and_logged(base, clock, caplog):
    caplog.set_level(logging.WARNING, logger="monitor")
    with httpx.Client(base_url=base) as client:
        for _ in range(FREE_LOGINS - 1):
            assert try_token(client, "guess").status_code == 401
        refused = try_token(client, "guess")  # the last free failure closes the door
        assert refused.status_code == 429 and refused.headers["Retry-After"] == str(int(FIRST_WAIT))
        # Even the right token is not looked at while the door is shut.
        right = try_token(client, TOKEN)
        assert right.status_code == 429 and "Слишком много неудачных попыток входа" in right.text
        clock.now += timedelta(seconds=FIRST_WAIT + 1)
        again = try_token(client, "guess")
        assert again.status_code == 429 and again.headers["Retry-After"] == str(int(2 * FIRST_WAIT))
        clock.now += timedelta(seconds=2 * FIRST_WAIT + 1)
        assert try_token(client, TOKEN).status_code == 303  # then the admin gets in, and the count starts over
        assert client.get("/admin").status_code == 200
    messages = [r.getMessage() for r in caplog.records]
    assert sum("failed login from 127.0.0.1" in m for m in messages) == FREE_LOGINS + 1
    assert any("refused unread" in m for m in messages)


def test_the_throttle_grows_to_an_hour_and_forgets_on_success():
    now = [0.0]
    throttle = LoginThrottle(lambda: now[0], free=2, first=30, longest=3600)
    assert [throttle.failed("a") for _ in range(10)] == [0, 30, 60, 120, 240, 480, 960, 1920, 3600, 3600]
    assert throttle.wait("a") == 3600 and throttle.wait("b") == 0
    now[0] += 3600
    assert throttle.wait("a") == 0
    throttle.succeeded("a")
    assert throttle.failed("a") == 0


def test_logout_ends_the_session_even_for_a_kept_cookie(base):
    with httpx.Client(base_url=base) as client:
        login(client)
        admin = client.get("/admin")
        kept_cookie, csrf = client.cookies["monitor_session"], csrf_of(admin.text)
        assert client.post("/logout", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    with httpx.Client(base_url=base, cookies={"monitor_session": kept_cookie}) as thief:
        assert thief.get("/admin", follow_redirects=False).headers["location"].startswith("/login")
        refused = thief.post("/admin/feeds/mogilev/disable", data={"csrf": csrf}, follow_redirects=False)
        assert refused.status_code == 403
        assert thief.get("/").status_code == 200  # the editors' pages stay open to all


def test_a_session_ends_after_a_working_day(base, clock):
    with httpx.Client(base_url=base) as client:
        login(client)
        assert client.get("/admin").status_code == 200
        clock.now += timedelta(hours=9)
        assert client.get("/admin", follow_redirects=False).status_code == 303


def test_the_session_table_holds_no_usable_id(base, monitor):
    with httpx.Client(base_url=base) as client:
        login(client)
    stored = monitor.store.db.execute("SELECT id_hash FROM dashboard_sessions").fetchall()
    assert len(stored) == 1 and len(stored[0][0]) == 64  # a SHA-256, not the id the cookie carries


def raw_exchange(base: str, head: str, body: bytes = b"") -> bytes:
    """Send a request's head and part of a body on a plain socket; read what comes back until the
    server closes the connection (a server waiting for the rest would time this out)."""
    address = urlsplit(base)
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(head.encode("latin-1") + body)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        return answer


def test_a_huge_anonymous_post_is_refused_before_its_body_is_read(base):
    declared = 400_000_000
    head = (f"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {declared}\r\n\r\n")
    # Only the first kilobyte is ever sent; the answer comes anyway, and the connection closes.
    answer = raw_exchange(base, head, b"token=" + b"x" * 1024)
    assert answer.startswith(b"HTTP/1.1 413")
    assert b"content-security-policy" in answer.lower()


def test_a_huge_body_without_a_length_is_cut_off_while_it_streams(base):
    def chunks():
        for _ in range(40):
            yield b"x" * 16_384  # 640 KB, ten times the limit

    with httpx.Client(base_url=base) as client:
        response = client.post("/login", content=chunks(), headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413 and MAX_FORM_BYTES < 640 * 1024


def test_a_forged_host_is_refused_and_never_echoed(base):
    with httpx.Client(base_url=base) as client:
        forged = client.get("/partnerships/", headers={"Host": "evil.example"}, follow_redirects=False)
        assert forged.status_code == 400 and "evil.example" not in forged.text
        assert not any("evil.example" in value for value in forged.headers.values())
        ours = client.get("/partnerships/?week=2026-W46", follow_redirects=False)
        assert ours.status_code == 307 and ours.headers["location"] == "/partnerships?week=2026-W46"
        sneaky = client.get("//evil.example/", follow_redirects=False)
        assert sneaky.headers.get("location", "/").startswith("/") and not sneaky.headers.get("location", "").startswith("//")


def test_configured_host_names_are_answered(monitor):
    with serving(create_app(monitor, admin_token=TOKEN, hosts=("monitor.example.org",))) as url, \
            httpx.Client(base_url=url) as client:
        assert client.get("/", headers={"Host": "monitor.example.org"}).status_code == 200
        assert client.get("/", headers={"Host": "other.example.org"}).status_code == 400


def test_admin_pages_are_never_cached(base):
    with httpx.Client(base_url=base) as client:
        assert client.get("/login").headers["Cache-Control"] == "no-store"
        login(client)
        assert client.get("/admin").headers["Cache-Control"] == "no-store"
        assert client.get("/admin/candidates").headers["Cache-Control"] == "no-store"


def test_a_crash_is_the_error_page_with_the_security_headers(monitor, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monitor.coverage = broken
    with serving(create_app(monitor, admin_token=TOKEN)) as url, httpx.Client(base_url=url) as client:
        for path in ("/", "/no-such-page", "/?week=nonsense"):
            response = client.get(path)
            assert response.status_code in (500, 404, 400)
            for key, value in SECURITY_HEADERS.items():
                assert response.headers[key] == value, (path, key)
        crashed = client.get("/?lang=en")
    assert crashed.status_code == 500 and "Internal error" in crashed.text and "RuntimeError" not in crashed.text
    assert any("dashboard: GET / failed" in r.getMessage() for r in caplog.records)


def test_a_slow_feed_check_runs_in_the_background_and_other_pages_answer(monitor, server, clock):
    server.route("/slow.xml", RSS, delay=6)  # long enough for a loaded machine
    monitor.add_feed(id="slow", url=server.url("/slow.xml"), outlet="Медленная", country="BY",
                     region="by-mogilev-oblast", language="ru", check=False)
    with serving(create_app(monitor, admin_token=TOKEN, clock=clock)) as url, httpx.Client(base_url=url) as client:
        login(client)
        csrf = csrf_of(client.get("/admin").text)
        started = client.post("/admin/feeds/slow/check?lang=en", data={"csrf": csrf}, follow_redirects=False)
        progress = started.headers["location"]
        assert started.status_code == 303 and progress.startswith("/admin/checks/") and progress.endswith("lang=en")
        waiting = client.get(progress)
        assert waiting.status_code == 200 and 'data-feed="slow"' in waiting.text
        assert '<meta http-equiv="refresh"' in waiting.text
        assert client.get("/?week=2026-W46").status_code == 200  # while the check waits on the feed
        assert client.get(progress).status_code == 200  # still checking: the matrix did not wait for it
        for _ in range(200):
            done = client.get(progress, follow_redirects=False)
            if done.status_code == 303:
                break
            time.sleep(0.1)
        assert done.headers["location"] == "/admin?lang=en"
        assert "slow: a feed with 1 entries" in client.get("/admin?lang=en").text
        assert client.get(progress).status_code == 404  # a result is shown once


def test_the_add_feed_form_refuses_an_address_inside_the_network(base, monitor):
    with httpx.Client(base_url=base) as client:
        login(client)
        csrf = csrf_of(client.get("/admin").text)
        client.post("/admin/feeds?lang=en", data={"csrf": csrf, "id": "metadata", "url": "http://169.254.169.254/latest/",
                                                  "outlet": "x", "country": "BY", "region": "by-mogilev-oblast",
                                                  "language": "ru"})
        page = client.get("/admin?lang=en")
    assert "not added" in page.text and "169.254.169.254: a link-local address" in page.text
    assert monitor.config.feed("metadata") is None
