"""The dashboard in real headless Chromium (Debian's chromium, driven by Playwright).

One browser for the module, a fresh context (cookies) per test, against the server this module
starts on 127.0.0.1 over a real SQLite file. Chromium missing is a failure, not a skip: CI installs it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from monitor.web import create_app

from .conftest import ROOT, write_test_settings
from .test_web import PAIR, SCRIPT_TITLE, TOKEN, TVER, WEEK, build_dashboard, serving

# The flags this machine needs: no sandbox as root, and no background traffic to hosts that the
# closed network refuses. Playwright adds --headless and a fresh temporary --user-data-dir itself.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory, matcher):
    folder = tmp_path_factory.mktemp("web")
    config_dir = folder / "config"
    config_dir.mkdir()
    write_test_settings(config_dir)
    (config_dir / "catalogue").symlink_to(ROOT / "config" / "catalogue")
    monitor = build_dashboard(config_dir, folder / "monitor.db", matcher)
    with serving(create_app(monitor, admin_token=TOKEN)) as base:
        yield base, monitor, config_dir
    monitor.close()


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Chromium is not installed: `apt-get install -y chromium` (.ci/run does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.dialogs = []  # any alert() or confirm() would be a script that ran
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    assert page.dialogs == []
    context.close()


def follow(page, selector: str) -> None:
    """Click a link or a submit button and wait until the page it leads to has loaded: a click
    returns once the navigation has begun, and on a busy machine a count read then may see the new
    page half parsed (or the old one)."""
    page.click(selector)
    page.wait_for_load_state()


def test_a_click_from_the_matrix_reaches_a_story(dashboard, page):
    base, _, _ = dashboard
    page.goto(f"{base}/?week={WEEK}&lang=en")
    assert page.locator("h1").inner_text().startswith("Coverage matrix")
    follow(page, 'td.cell[data-row="by-mogilev-oblast"][data-column="RU"] a')
    assert page.locator(f'tr[data-partnership="{PAIR}"]').count() == 1
    follow(page, f'tr[data-partnership="{PAIR}"] td:nth-child(2) a')
    assert "/partnerships/" + PAIR in page.url
    assert page.locator("table.timeline td.covered").count() >= 1
    assert page.locator("article.story mark").count() >= 2
    follow(page, "article.story h3 a >> nth=-1")  # the oldest story: the plan signed on 11 November
    assert page.locator("h1.article-title").inner_text() == "Могилёвская область и Брянская область подписали план сотрудничества"
    assert page.locator(".text mark").all_inner_texts()[:2] == ["Могилёвская область", "Брянская область"]
    assert page.get_attribute("text=read the original", "href") == "https://mogilev.example/news/1"


def test_filters_narrow_the_gap_list_and_the_report_downloads(dashboard, page):
    base, _, _ = dashboard
    page.goto(f"{base}/partnerships?week={WEEK}&lang=en")
    assert page.locator(f'tr[data-partnership="{PAIR}"]').count() == 1
    page.select_option('select[name="region"]', "by-vitebsk-oblast")
    page.select_option('select[name="status"]', "gap")
    follow(page, "form.filters button[type=submit]")
    assert "region=by-vitebsk-oblast" in page.url and "lang=en" in page.url
    assert page.locator(f'tr[data-partnership="{TVER}"]').count() == 1
    assert page.locator(f'tr[data-partnership="{PAIR}"]').count() == 0
    assert set(page.locator("tr[data-partnership] .badge").all_inner_texts()) == {"gap"}
    with page.expect_download() as download:
        page.click("text=json")
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["scope"] == {"region": "by-vitebsk-oblast"}
    assert {p["id"]: p["status"] for p in data["partnerships"]}[TVER] == "gap"


def test_a_script_in_a_feed_title_is_shown_as_text(dashboard, page):
    base, _, _ = dashboard
    page.goto(f"{base}/partnerships/{PAIR}?week={WEEK}&lang=en")
    titles = page.locator("article.story h3").all_inner_texts()
    assert SCRIPT_TITLE in titles
    follow(page, f"article.story h3 a >> text={SCRIPT_TITLE[:20]}")
    assert page.locator("h1.article-title").inner_text() == SCRIPT_TITLE
    assert page.locator("main script").count() == 0
    assert page.locator("text=read the original").count() == 0  # its javascript: link was dropped


def test_an_anonymous_user_cannot_reach_admin_or_disable_a_feed(dashboard, page):
    base, _, _ = dashboard
    page.goto(f"{base}/admin")
    assert page.url.startswith(f"{base}/login")
    response = page.request.post(f"{base}/admin/feeds/mogilev/disable", form={"csrf": "guess"})
    assert response.status == 403


def test_an_admin_logs_in_and_disables_a_feed(dashboard, page):
    base, monitor, config_dir = dashboard
    page.goto(f"{base}/admin?lang=en")
    page.fill('input[name="token"]', TOKEN)
    follow(page, 'form[action="/login?lang=en"] button[type=submit]')
    assert page.url == f"{base}/admin?lang=en"
    row = page.locator('tr[data-feed="vitebsk"]')
    assert row.locator(".health").inner_text().startswith("ok")
    row.locator('button[value="disable"]').click()
    page.wait_for_load_state()  # the form's answer is a new page
    assert "vitebsk" in page.locator(".flash").inner_text()
    assert page.locator('tr[data-feed="vitebsk"] .health').inner_text().startswith("disabled")
    assert monitor.config.feed("vitebsk").enabled is False
    assert "enabled = false" in (config_dir / "feeds.toml").read_text(encoding="utf-8")
    follow(page, "text=Log out")
    page.goto(f"{base}/admin")
    assert page.url.startswith(f"{base}/login")


def test_pages_are_russian_until_the_switch_says_english(dashboard, page):
    base, _, _ = dashboard
    page.goto(f"{base}/?week={WEEK}")
    assert page.get_attribute("html", "lang") == "ru"
    assert page.locator("h1").inner_text() == "Матрица освещения"
    follow(page, "nav.lang >> text=EN")
    assert page.get_attribute("html", "lang") == "en" and f"week={WEEK}" in page.url
    assert page.locator("h1").inner_text() == "Coverage matrix"
    follow(page, 'td.cell[data-row="by-mogilev-oblast"][data-column="RU"] a')  # a link keeps the language
    assert page.locator("h1").inner_text() == "Partnerships"
    assert page.locator(f'tr[data-partnership="{PAIR}"] .badge').inner_text() == "covered"
    follow(page, "nav.lang >> text=RU")
    assert page.locator("h1").inner_text() == "Партнёрства" and "region=by-mogilev-oblast" in page.url
    assert page.locator(f'tr[data-partnership="{PAIR}"] .badge').inner_text() == "освещено"
