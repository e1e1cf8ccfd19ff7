"""The dashboard's defences in real headless Chromium, where a person would notice them: a login
shut after too many wrong tokens, a slow feed check that leaves the other pages working, and a
logged-out session whose kept cookie opens nothing."""

from __future__ import annotations

import pytest

from monitor.web import FREE_LOGINS, create_app

from .conftest import ROOT, write_test_settings
from .test_web import TOKEN, WEEK, build_dashboard, serving
from .test_web_browser import browser, page  # noqa: F401 (fixtures)

RSS = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Медленная</title>'
       '<item><guid>s1</guid><title>Новости района</title><pubDate>Tue, 17 Nov 2026 07:00:00 GMT</pubDate></item>'
       '</channel></rss>')


@pytest.fixture
def dashboard(tmp_path, matcher, server):
    """A dashboard of its own per test (login throttling counts per client, and every test here
    is 127.0.0.1), with one more feed whose server takes eight seconds to answer."""
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    write_test_settings(config_dir)
    (config_dir / "catalogue").symlink_to(ROOT / "config" / "catalogue")
    monitor = build_dashboard(config_dir, tmp_path / "monitor.db", matcher)
    server.route("/slow.xml", RSS, delay=8)
    monitor.add_feed(id="slow", url=server.url("/slow.xml"), outlet="Медленная", country="BY",
                     region="by-mogilev-oblast", language="ru", check=False)
    with serving(create_app(monitor, admin_token=TOKEN)) as base:
        yield base
    monitor.close()


def log_in(page, base, token=TOKEN):
    page.goto(f"{base}/login?lang=en")
    page.fill('input[name="token"]', token)
    with page.expect_response(lambda r: r.request.method == "POST" and "/login" in r.url) as answer:
        page.click('form[action="/login?lang=en"] button[type=submit]')
    return answer.value


def test_a_login_is_shut_for_a_while_after_too_many_wrong_tokens(dashboard, page):
    for _ in range(FREE_LOGINS - 1):
        assert log_in(page, dashboard, "a-wrong-guess").status == 401
        assert page.locator(".error").inner_text() == "That token is not the admin token."
    shut = log_in(page, dashboard, "a-wrong-guess")
    assert shut.status == 429 and shut.headers["retry-after"] == "30"
    assert "Too many failed logins from here; the next try is possible in 30 s." in page.locator(".error").inner_text()
    # The right token now gets the same answer: nothing is tried while the login is shut.
    assert log_in(page, dashboard).status == 429
    page.goto(f"{dashboard}/admin?lang=en")
    assert page.url.startswith(f"{dashboard}/login")


def test_pages_answer_while_a_slow_feed_is_checked(dashboard, page):
    log_in(page, dashboard)
    page.goto(f"{dashboard}/admin?lang=en")
    page.locator('tr[data-feed="slow"] button[value="check"]').click()
    assert "/admin/checks/" in page.url
    # the checking page may still be rendering on a busy machine: wait for it, well before the check ends
    page.locator('p.checking[data-feed="slow"]').wait_for(state="visible", timeout=5_000)
    # Another tab: the matrix and the feeds page open at once while the check waits on the feed.
    other = page.context.new_page()
    other.set_default_timeout(6_000)  # well before the check can end
    other.goto(f"{dashboard}/?week={WEEK}&lang=en")
    assert other.locator("h1").inner_text() == "Coverage matrix"
    other.goto(f"{dashboard}/admin?lang=en")
    assert other.locator('tr[data-feed="slow"]').count() == 1
    assert "/admin/checks/" in page.url  # the check has not finished yet
    # The checking page refreshes itself and lands on the feeds page with the result.
    page.wait_for_url(f"{dashboard}/admin?lang=en", timeout=20_000)
    assert page.locator(".flash").inner_text().startswith("slow: a feed with 1 entries, newest 2026-11-17 07:00")


def test_after_logout_a_kept_cookie_opens_nothing(dashboard, page, browser):  # noqa: F811
    log_in(page, dashboard)
    page.goto(f"{dashboard}/admin?lang=en")
    kept = page.context.cookies()
    page.click("text=Log out")
    thief = browser.new_context()
    thief.add_cookies(kept)
    stolen = thief.new_page()
    stolen.goto(f"{dashboard}/admin?lang=en")
    assert stolen.url.startswith(f"{dashboard}/login")
    thief.close()
