"""The dashboard without a browser: pages, filters, downloads, escaping, login, CSRF.

The database is a real SQLite file filled through the real store and matcher, as a week of polls
would fill it. test_web_browser.py drives the same data in headless Chromium.
"""

from __future__ import annotations

import json
import re
import socket
import threading
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone

import httpx
import pytest
import uvicorn

from monitor.app import Monitor
from monitor.config import load_config
from monitor.coverage import iso_week
from monitor.records import ArticleText, Entry
from monitor.store import Store
from monitor.web import STRINGS, TEMPLATES, WEB_STRINGS, create_app, highlight, link, safe_url, top_territory

from .conftest import feed_table

NOW = datetime(2026, 11, 19, 12, 0, tzinfo=timezone.utc)  # a Thursday: the last complete week is W46
WEEK = "2026-W46"
PAIR = "by-mogilev-oblast--ru-bryansk-oblast"
TVER = "by-vitebsk-oblast--ru-tver-oblast"
TOKEN = "test-admin-token-0123456789"
SCRIPT_TITLE = '<script>alert("xss")</script> Брянщина и Могилёвщина договорились о сотрудничестве'

ARTICLES = {
    "mogilev": [
        ("m1", "https://mogilev.example/news/1", "Могилёвская область и Брянская область подписали план сотрудничества",
         "В Могилёве делегации Могилёвской и Брянской областей подписали план мероприятий на 2026–2028 годы.",
         datetime(2026, 11, 11, 9, 0, tzinfo=timezone.utc)),
        # A hostile feed: a script in the title and a javascript: link.
        ("m2", "javascript:alert(1)", SCRIPT_TITLE,
         "Губернатор Брянской области встретился с делегацией Могилёвской области.",
         datetime(2026, 11, 12, 9, 0, tzinfo=timezone.utc)),
        ("m3", "https://mogilev.example/news/3", "Уборка урожая завершена", "Аграрии области завершили уборку.",
         datetime(2026, 11, 13, 9, 0, tzinfo=timezone.utc)),
    ],
    "vitebsk": [],
    "bryansk": [],
}


def build_dashboard(config_dir, db, matcher) -> Monitor:
    """Four feeds polled over the week 2026-W46: Mogilev carries two stories on Mogilev–Bryansk,
    Vitebsk and Bryansk are collected and silent (gaps), Grodno fails all week (not collected)."""
    (config_dir / "feeds.toml").write_text(
        feed_table("mogilev", "http://127.0.0.1:9/mogilev.xml", outlet="Могилёвская правда")
        + feed_table("vitebsk", "http://127.0.0.1:9/vitebsk.xml", region="by-vitebsk-oblast", outlet="Витебские вести")
        + feed_table("bryansk", "http://127.0.0.1:9/bryansk.xml", region="ru-bryansk-oblast", country="RU",
                     outlet="Брянский вестник")
        + feed_table("grodno", "http://127.0.0.1:9/grodno.xml", region="by-grodno-oblast", outlet="Гродненская правда"),
        encoding="utf-8")
    store = Store(db)
    start = datetime(2026, 11, 8, 23, 0, tzinfo=timezone.utc)
    for step in range(0, 11 * 24, 12):  # every 12 hours from the week's start to after it
        at = start + timedelta(hours=step)
        for feed_id, items in ARTICLES.items():
            entries = []
            for guid, url, title, summary, published in items:
                if published <= at:
                    text = ArticleText(id=guid, title=title, summary=summary, lang="ru")
                    entries.append((Entry(guid=guid, url=url, title=title, summary=summary, content="",
                                          published=published), None, "ru", tuple(matcher.match(text))))
            store.record_poll(feed_id, f"http://127.0.0.1:9/{feed_id}.xml", at, ok=True, status=200, entries=entries)
        store.record_poll("grodno", "http://127.0.0.1:9/grodno.xml", at, ok=False, status=503,
                          error_kind="temporary", error="HTTP 503 <b>Service Unavailable</b>")
    store.close()
    monitor = Monitor(load_config(config_dir), db, clock=lambda: NOW)
    monitor._matcher = matcher
    return monitor


@pytest.fixture
def monitor(config_dir, tmp_path, matcher):
    monitor = build_dashboard(config_dir, tmp_path / "monitor.db", matcher)
    yield monitor
    monitor.close()


@contextmanager
def serving(app):
    """The app under uvicorn on a free port of 127.0.0.1, in a thread; yields its base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(500):
            if server.started:
                break
            thread.join(0.01)
        assert server.started, "the dashboard did not start"
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture
def client(monitor):
    with serving(create_app(monitor, admin_token=TOKEN)) as base, httpx.Client(base_url=base) as client:
        yield client


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def login(client) -> None:
    page = client.get("/login")
    response = client.post("/login", data={"csrf": csrf_of(page.text), "token": TOKEN}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/admin"


# --- pure helpers ---


def test_highlight_marks_mentions_and_trims_to_context():
    text = "aaaa Mogilev bbbb Bryansk cccc"
    pieces = highlight(text, [(5, 12, "by"), (18, 25, "ru")])
    assert "".join(p for p, _ in pieces) == text
    assert [p for p, mark in pieces if mark] == ["Mogilev", "Bryansk"]
    trimmed = highlight(text, [(5, 12, "by")], context=2)
    assert trimmed[0] == ("…", None) and trimmed[-1] == ("…", None)
    # offsets past the text (a stale evidence row) are ignored, not a crash
    assert highlight("short", [(3, 99, "x")]) == [("short", None)]


def test_only_http_links_are_kept():
    assert safe_url("https://belta.by/x") == "https://belta.by/x"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url(" JavaScript:alert(1)") is None
    assert safe_url("data:text/html,x") is None and safe_url(None) is None


def test_matrix_rows_are_top_territories(catalogue):
    assert top_territory(catalogue, "by-bobruisk") == "by-mogilev-oblast"
    assert top_territory(catalogue, "by-belarus") == "by-belarus"
    assert top_territory(catalogue, "ru-yekaterinburg") == "ru-sverdlovsk-oblast"


# --- editors' pages ---


def test_matrix_colours_cells_and_links_to_their_partnerships(client):
    page = client.get("/", params={"week": WEEK})
    assert page.status_code == 200
    assert page.headers["content-security-policy"].startswith("default-src 'none'")
    cell = re.search(r'<td class="cell (\w+)" data-row="by-mogilev-oblast" data-column="RU"><a href="([^"]+)"', page.text)
    assert cell, page.text[:2000]
    assert "region=by-mogilev-oblast" in cell.group(2) and "partner_country=RU" in cell.group(2)
    drill = client.get("/", params={"week": WEEK, "country": "RU"})
    assert 'data-column="ru-bryansk-oblast"' in drill.text


def test_gap_list_filters_by_region_country_status_and_outlet(client):
    everything = client.get("/partnerships", params={"week": WEEK})
    assert f'data-partnership="{PAIR}"' in everything.text
    gaps = client.get("/partnerships", params={"week": WEEK, "region": "by-vitebsk-oblast", "status": "gap"})
    assert f'data-partnership="{TVER}"' in gaps.text and PAIR not in gaps.text
    covered = client.get("/partnerships", params={"week": WEEK, "region": "by-mogilev-oblast", "partner_country": "RU",
                                                  "status": "covered"})
    rows = re.findall(r'data-partnership="([^"]+)"', covered.text)
    assert rows == [PAIR]
    grodno = client.get("/partnerships", params={"week": WEEK, "region": "by-grodno-oblast"})
    assert 'data-status="not_collected"' in grodno.text and 'data-status="gap"' not in grodno.text
    outlet = client.get("/partnerships", params={"week": WEEK, "outlet": "Могилёвская правда", "status": "covered"})
    assert outlet.status_code == 200 and PAIR in outlet.text
    assert client.get("/partnerships", params={"region": "nowhere"}).status_code == 400
    assert client.get("/partnerships", params={"week": "W99"}).status_code == 400


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_the_same_report_downloads_in_every_format(client, monitor, fmt):
    params = {"week": WEEK, "region": "by-mogilev-oblast", "lang": "en"}
    response = client.get(f"/report.{fmt}", params=params)
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    # the facade renders it: the same text as `monitor report` gives
    assert response.text == monitor.report(iso_week(WEEK), {"region": "by-mogilev-oblast"}, fmt, "en")
    if fmt == "json":
        statuses = {p["id"]: p["status"] for p in json.loads(response.text)["partnerships"]}
        assert statuses[PAIR] == "covered"


def test_partnership_page_shows_agreements_timeline_and_highlighted_stories(client):
    page = client.get(f"/partnerships/{PAIR}", params={"week": WEEK, "lang": "en"})
    assert page.status_code == 200
    assert "<h2>Agreements" in page.text
    assert page.text.count('data-status="covered"') >= 1
    assert "<mark" in page.text and ">Могилёвская область</mark>" in page.text
    assert 'href="https://mogilev.example/news/1"' in page.text
    assert "javascript:alert" not in page.text  # the hostile link is dropped, not rendered
    assert client.get("/partnerships/no-such-pair").status_code == 404


def test_feed_strings_are_escaped_everywhere(client):
    for path in (f"/partnerships/{PAIR}?week={WEEK}", "/articles/2"):
        page = client.get(path)
        assert "<script>" not in page.text
        assert "&lt;script&gt;alert(" in page.text


def test_article_page_highlights_both_sides(client):
    page = client.get("/articles/1")
    assert page.status_code == 200
    assert re.search(r"<mark[^>]*>Могилёвская область</mark>", page.text)
    assert re.search(r"<mark[^>]*>Брянская область</mark>", page.text)
    assert client.get("/articles/999").status_code == 404


# --- language ---


def test_pages_are_russian_by_default_and_english_on_request(client):
    ru = client.get("/", params={"week": WEEK})
    assert '<html lang="ru">' in ru.text and "<h1>Матрица освещения</h1>" in ru.text
    assert "Coverage matrix" not in ru.text and ">Все партнёрства</a>" in ru.text
    en = client.get("/", params={"week": WEEK, "lang": "en"})
    assert '<html lang="en">' in en.text and "<h1>Coverage matrix</h1>" in en.text
    assert "Матрица" not in en.text and ">All partnerships</a>" in en.text
    # the switch is this page in the other language, its filters kept
    assert f'<a href="/?week={WEEK}&amp;lang=en" hreflang="en"' in ru.text
    assert f'<a href="/?week={WEEK}" hreflang="ru"' in en.text
    # every link and form of an English page carries the language on
    cell = re.search(r'data-row="by-mogilev-oblast" data-column="RU"><a href="([^"]+)"', en.text).group(1)
    assert cell.endswith("&amp;lang=en")
    assert '<input type="hidden" name="lang" value="en">' in en.text
    assert "lang=" not in re.search(r'data-column="RU"><a href="([^"]+)"', ru.text).group(1)
    gaps = client.get("/partnerships", params={"week": WEEK, "lang": "en"}).text
    assert "<h1>Partnerships</h1>" in gaps and f"/partnerships/{PAIR}?week={WEEK}&amp;lang=en" in gaps
    assert f"/report.json?week={WEEK}&amp;lang=en" in gaps
    assert "<h1>Партнёрства</h1>" in client.get("/partnerships", params={"week": WEEK}).text
    assert client.get("/", params={"lang": "de"}).status_code == 400


def test_error_pages_speak_the_page_language(client):
    ru = client.get("/partnerships/no-such-pair")
    assert ru.status_code == 404 and '<html lang="ru">' in ru.text and "в каталоге нет партнёрства" in ru.text
    en = client.get("/partnerships/no-such-pair", params={"lang": "en"})
    assert "no partnership &#39;no-such-pair&#39; in the catalogue" in en.text
    missing = client.get("/nowhere", params={"lang": "en"})
    assert missing.status_code == 404 and "there is no such page" in missing.text
    assert "такой страницы нет" in client.get("/nowhere").text
    assert "сначала войдите" in client.post("/admin/feeds", data={}).text


def test_login_and_changes_keep_the_language(client):
    sent = client.get("/admin", params={"lang": "en"}, follow_redirects=False)
    assert sent.headers["location"] == "/login?next=%2Fadmin%3Flang%3Den&lang=en"
    page = client.get(sent.headers["location"])
    assert "<h1>Admin login</h1>" in page.text and 'action="/login?lang=en"' in page.text
    done = client.post("/login?lang=en", data={"csrf": csrf_of(page.text), "token": TOKEN, "next": "/admin?lang=en"},
                       follow_redirects=False)
    assert done.headers["location"] == "/admin?lang=en"
    admin = client.get("/admin").text
    assert "<h1>Состояние лент</h1>" in admin and 'action="/admin/feeds/mogilev/disable"' in admin
    flash = client.post("/admin/feeds/mogilev/disable?lang=en", data={"csrf": csrf_of(admin)}, follow_redirects=True)
    assert str(flash.url).endswith("/admin?lang=en") and "mogilev: disabled" in flash.text
    flash = client.post("/admin/feeds/mogilev/enable", data={"csrf": csrf_of(admin)}, follow_redirects=True)
    assert "mogilev: включена" in flash.text


def test_every_word_a_template_uses_is_in_both_languages():
    assert WEB_STRINGS["ru"].keys() == WEB_STRINGS["en"].keys()
    used = set()
    for template in (TEMPLATES / "web").glob("*.j2"):
        used |= set(re.findall(r"\bt\.(\w+)", template.read_text(encoding="utf-8")))
    assert used and not {word for word in used for lang in STRINGS if word not in STRINGS[lang]}
    assert link("/x", {"a": "1", "b": "", "lang": "ru"}, "en") == "/x?a=1&lang=en"
    assert link("/x", (), "ru") == "/x"


# --- admin ---


def test_anonymous_users_are_sent_to_login_and_refused_changes(client):
    page = client.get("/admin", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")
    assert client.get("/admin/candidates", follow_redirects=False).status_code == 303
    # a change without a session is refused before anything else is looked at
    assert client.post("/admin/feeds/mogilev/disable", data={"csrf": "x"}).status_code == 403
    assert client.post("/admin/feeds", data={}).status_code == 403


def test_wrong_token_is_refused_and_cookie_is_strict(client):
    page = client.get("/login")
    cookie = page.headers["set-cookie"].lower()  # the session starts here, holding the CSRF token
    bad = client.post("/login", data={"csrf": csrf_of(page.text), "token": "nope"}, follow_redirects=False)
    assert bad.status_code == 401
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert client.get("/admin", follow_redirects=False).status_code == 303


def test_login_needs_the_csrf_token_and_changes_need_it_too(client):
    assert client.post("/login", data={"token": TOKEN}, follow_redirects=False).status_code == 403
    login(client)
    assert client.get("/admin").status_code == 200
    assert client.post("/admin/feeds/mogilev/disable", data={"csrf": "forged"}).status_code == 403


def test_admin_sees_feed_health(client):
    login(client)
    page = client.get("/admin", params={"lang": "en"})
    assert re.search(r'data-feed="grodno">.*?class="health"[^>]*>failing', page.text, re.S)
    assert "HTTP 503 &lt;b&gt;Service Unavailable&lt;/b&gt;" in page.text


def test_login_redirects_only_to_local_paths(client):
    page = client.get("/login", params={"next": "//evil.example/"})
    assert 'name="next"' not in page.text
    response = client.post("/login", data={"csrf": csrf_of(page.text), "token": TOKEN, "next": "https://evil.example/"},
                           follow_redirects=False)
    assert response.headers["location"] == "/admin"


def test_without_a_token_nobody_can_log_in(monitor):
    with serving(create_app(monitor, admin_token=None)) as base, httpx.Client(base_url=base) as client:
        page = client.get("/login")
        assert "MONITOR_ADMIN_TOKEN" in page.text
        assert 'name="token"' not in page.text
        assert client.post("/login", data={"token": ""}).status_code == 403


def test_serve_refuses_a_short_admin_token(config_dir, tmp_path, monkeypatch, capsys):
    from monitor.cli import run_cli

    monkeypatch.setenv("MONITOR_ADMIN_TOKEN", "short")
    assert run_cli(["--config", str(config_dir), "--db", str(tmp_path / "m.db"), "serve", "--port", "8099"]) == 1
    assert "MONITOR_ADMIN_TOKEN is shorter than 16" in capsys.readouterr().err


def test_the_downloaded_html_report_escapes_feed_titles(client):
    text = client.get("/report.html", params={"week": WEEK, "region": "by-mogilev-oblast"}).text
    assert "Брянщина и Могилёвщина" in text and "<script>alert(" not in text


def test_admin_accepts_and_rejects_candidates_from_the_news(config_dir, tmp_path, matcher):
    """Candidates the stored news reports are reviewed on the admin page; the catalogue grows."""
    import shutil

    from .conftest import ROOT

    (config_dir / "catalogue").unlink()  # a private copy: accepting writes the local change log
    shutil.copytree(ROOT / "config" / "catalogue", config_dir / "catalogue")
    monitor = build_dashboard(config_dir, tmp_path / "monitor.db", matcher)
    titles = {"n": "Могилёв и Новозыбков подписали соглашение о побратимстве",
              "k": "Могилёв и Клинцы подписали меморандум о сотрудничестве"}
    monitor.store.record_poll("mogilev", "http://127.0.0.1:9/mogilev.xml", NOW, ok=True, entries=[
        (Entry(guid=g, url=f"https://mogilev.example/news/{g}", title=t, summary="", content="", published=NOW),
         None, "ru", ()) for g, t in titles.items()])
    # Accepting recompiles the matcher for the grown catalogue: seconds on a cold cache, past httpx's 5.
    with serving(create_app(monitor, admin_token=TOKEN)) as base, httpx.Client(base_url=base, timeout=60) as client:
        assert client.post("/admin/candidates/c-x/reject", data={"csrf": "x", "why": "x"}).status_code == 403
        login(client)
        page = client.get("/admin/candidates").text
        keys = dict(re.findall(r'data-candidate="(c-[0-9a-f]+)">\s*<td><b>Могилёв</b> — (\w+)', page))
        assert set(keys.values()) >= {"Новозыбков", "Клинцы"}, page
        novozybkov = next(k for k, v in keys.items() if v == "Новозыбков")
        klintsy = next(k for k, v in keys.items() if v == "Клинцы")
        csrf = csrf_of(page)
        done = client.post(f"/admin/candidates/{novozybkov}/accept?lang=en",
                           data={"csrf": csrf, "kind": "city", "country": "ru", "name_en": "Novozybkov"},
                           follow_redirects=True)
        assert "accepted as by-mogilev--ru-novozybkov" in done.text
        done = client.post(f"/admin/candidates/{klintsy}/reject?lang=en", data={"csrf": csrf, "why": "a football match"},
                           follow_redirects=True)
        assert "rejected" in done.text
        page = client.get("/admin/candidates").text
        assert novozybkov not in page and klintsy not in page
    monitor.close()
    catalogue = load_config(config_dir).catalogue
    assert catalogue.partnerships["by-mogilev--ru-novozybkov"].agreements[0].source == "https://mogilev.example/news/n"
