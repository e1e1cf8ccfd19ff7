"""Hostile and broken feeds over a real server on 127.0.0.1, crash safety, and the pure policies.

The corpus test polls every feed file of feedparser's own test suite, taken from the feedparser
source distribution of the installed version at test time; it is skipped, saying why, when the
package registry cannot be reached.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import tarfile
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from monitor import schedule
from monitor.app import Monitor
from monitor.config import load_config
from monitor.dedupe import Candidate, same_story
from monitor.errors import FetchError, StoreError
from monitor.fetch import fetch, make_client
from monitor.poll import PollLock, poll_feeds
from monitor.records import Feed, Limits, Settings
from monitor.store import Store

from .conftest import FEEDS, LOOPBACK, ROOT, feed_table

NOW = datetime(2026, 11, 19, 12, 0, tzinfo=timezone.utc)
FAST = Limits(connect_timeout=2, read_timeout=1, total_timeout=1.5, max_body_bytes=200_000, concurrency=8, per_host=8)


def settings(**limits) -> Settings:
    return Settings(database="", limits=replace(FAST, **limits), allow_networks=LOOPBACK)


def feed(feed_id: str, url: str, **extra) -> Feed:
    return Feed(id=feed_id, url=url, outlet=extra.pop("outlet", feed_id), country="BY", region="by-mogilev-oblast",
                language="ru", **extra)


def run_poll(feeds, store, matcher, clock=lambda: NOW, all_feeds=None, **limits):
    s = settings(**limits)
    with make_client(s.limits, s.allow_networks) as client:
        return {o.feed_id: o for o in poll_feeds(feeds, store, s, matcher, client, clock, all_feeds=all_feeds,
                                                 rng=random.Random(1))}


def rss(items: list[tuple[str, str]], extra: str = "") -> str:
    body = "".join(f"<item><guid>{g}</guid><title>{t}</title><link>https://x.example/{g}</link>"
                   f"<pubDate>Tue, 17 Nov 2026 07:00:00 GMT</pubDate>{extra}</item>" for g, t in items)
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>{body}</channel></rss>'


# --- faults over HTTP -------------------------------------------------------------------------


def test_drip_that_never_finishes_is_cut_off_by_the_total_deadline(server):
    url = server.route("/drip.xml", b"<rss>" + b" " * 40_000, drip=0.1)  # ~4 s to send, a chunk every 0.1 s
    started = time.monotonic()
    with make_client(FAST, LOOPBACK) as client, pytest.raises(FetchError, match="cut off") as caught:
        fetch(client, url, FAST)
    assert time.monotonic() - started < 3 and caught.value.kind == "temporary"


def test_deflate_bomb_is_refused_without_inflating_it(server):
    import zlib

    url = server.route("/bomb", zlib.compress(b"\0" * 50_000_000), headers={"Content-Encoding": "deflate"})
    with make_client(FAST, LOOPBACK) as client, pytest.raises(FetchError, match="over the"):
        fetch(client, url, FAST)


def test_failures_back_off_become_failing_and_410_disables(server, tmp_path, matcher):
    store = Store(tmp_path / "m.db")
    flaky = server.route("/flaky.xml", "", status=500)
    gone = server.route("/gone.xml", "", status=410)
    clock = [NOW]
    dues = []
    for attempt in range(3):
        outcomes = run_poll([feed("flaky", flaky), feed("gone", gone)], store, matcher, lambda: clock[0])
        assert outcomes["flaky"].error_kind == "soft"
        dues.append(datetime.fromisoformat(store.feed_state("flaky")["next_due"]) - clock[0])
        clock[0] += timedelta(days=1)
    assert dues[0] < dues[1] < dues[2]  # exponential backoff
    state = store.feed_state("flaky")
    assert state["consecutive_failures"] == 3 and state["failing_since"]
    assert store.feed_state("gone")["disabled_reason"].startswith("HTTP 410")
    assert [r.ok for r in store.fetch_log()].count(False) == 6  # one log line per attempt
    server.route("/flaky.xml", rss([("a", "Новости")]))
    run_poll([feed("flaky", flaky)], store, matcher, lambda: clock[0])
    assert store.feed_state("flaky")["failing_since"] is None


def test_permanent_redirect_moves_the_feed_until_the_admin_changes_it(server, tmp_path, matcher):
    store = Store(tmp_path / "m.db")
    server.route("/new.xml", rss([("a", "Первая новость")]))
    old = server.route("/old.xml", "", status=308, headers={"Location": "/new.xml"})
    run_poll([feed("f", old)], store, matcher)
    assert store.feed_state("f")["moved_to"] == server.url("/new.xml")
    run_poll([feed("f", old)], store, matcher)
    assert server.requests[-1][0] == "/new.xml"  # the stored address is used directly
    run_poll([feed("f", server.url("/new.xml"))], store, matcher)  # the admin copied it
    assert store.feed_state("f")["moved_to"] is None


def test_duplicates_by_guid_url_and_headline_across_an_outlets_feeds(server, tmp_path, matcher):
    store = Store(tmp_path / "m.db")
    headline = "Могилёвская и Брянская области подписали план мероприятий на 2027 год"
    a = server.route("/a.xml", rss([("1", headline), ("1", headline), ("2", "Короткая")]))
    b = server.route("/b.xml", rss([("other-guid", headline.replace("план", "план,")), ("3", "Короткая")]))
    # Two passes, so which feed brings the story first is fixed (one pass stores in finishing order).
    paper = [feed("a", a, outlet="Paper"), feed("b", b, outlet="Paper")]
    first = run_poll(paper[:1], store, matcher, all_feeds=paper)
    second = run_poll(paper[1:], store, matcher, all_feeds=paper)
    assert first["a"].new_articles == 2  # the repeated guid is one story
    # b's near-identical headline is the same story; "Короткая" is too short to judge, so it is new
    assert second["b"].new_articles == 1
    server.route("/a.xml", rss([("1", headline + " — обновлено")]))
    assert run_poll([feed("a", a, outlet="Paper")], store, matcher)["a"].updated_articles == 1


def test_billion_laughs_and_wrong_charset_over_http(server, tmp_path, matcher):
    store = Store(tmp_path / "m.db")
    laughs = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY a{i} "{("&a%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 9))
        + ']><rss><channel><title>&a8;</title></channel></rss>')
    text = (FEEDS / "vitebsk-cp1251.xml").read_bytes().decode("cp1251")
    lying = text.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-8"?>').encode("koi8_r")
    outcomes = run_poll([feed("laughs", server.route("/l.xml", laughs)),
                         feed("koi8", server.route("/k.xml", lying, headers={"Content-Type": "text/xml; charset=utf-8"}))],
                        store, matcher)
    assert outcomes["laughs"].status == "error" and "entities" in outcomes["laughs"].error
    assert outcomes["koi8"].new_articles == 1
    assert "Тверской" in store.articles()[0].title


def test_fulltext_uses_the_page_and_keeps_the_lead_with_a_reason(server, tmp_path, matcher):
    store = Store(tmp_path / "m.db")
    page = ("<html><body><nav>Меню Главная Спорт</nav><article><h1>Визит</h1>" + "".join(
        f"<p>День {day}: делегация Могилёвской области провела переговоры в Брянске о сотрудничестве в сельском"
        f" хозяйстве, образовании и торговле; встреча номер {day}.</p>" for day in range(1, 7))
        + "</article><footer>© Газета</footer></body></html>")
    server.route("/story-1", page)
    body = rss([("1", "Визит"), ("2", "Другой визит")]).replace(
        "https://x.example/1", server.url("/story-1")).replace("https://x.example/2", server.url("/missing"))
    run_poll([feed("f", server.route("/f.xml", body), fulltext=True)], store, matcher)
    rows = dict(store.db.execute("SELECT guid, fulltext_note FROM articles").fetchall())
    content = {a.guid: a.content for a in store.articles()}
    assert "переговоры в Брянске" in content["1"] and "Меню" not in content["1"] and rows["1"] is None
    assert rows["2"].startswith("article page: HTTP 404")
    # the page that failed is tried again at the next poll of a changed feed, and its text replaces the lead
    server.route("/missing", page)
    server.route("/f.xml", body.replace("</channel>", "<item><guid>3</guid><title>Новое</title></item></channel>"))
    run_poll([feed("f", server.url("/f.xml"), fulltext=True)], store, matcher, clock=lambda: NOW + timedelta(hours=2))
    content = {a.guid: a.content for a in store.articles()}
    assert "переговоры в Брянске" in content["2"]


def test_fulltext_article_keeps_its_page_text_when_the_feed_changes(server, tmp_path, matcher):
    """A later poll of a changed feed must not overwrite a stored page text with the feed's lead."""
    store = Store(tmp_path / "m.db")
    page = ("<html><body><article><h1>Визит</h1>" + "".join(
        f"<p>Абзац {n}: делегация Могилёвской области провела переговоры в Брянской области о сотрудничестве"
        f" в сельском хозяйстве и торговле.</p>" for n in range(1, 7)) + "</article></body></html>")
    server.route("/story-1", page)
    first = rss([("1", "Визит")]).replace("https://x.example/1", server.url("/story-1"))
    url = server.route("/f.xml", first)
    run_poll([feed("f", url, fulltext=True)], store, matcher)
    assert "переговоры в Брянской области" in store.articles()[0].content
    server.route("/f.xml", rss([("1", "Визит"), ("2", "Погода")]).replace("https://x.example/1", server.url("/story-1")))
    run_poll([feed("f", url, fulltext=True)], store, matcher, clock=lambda: NOW + timedelta(hours=2))
    kept = {a.guid: a.content for a in store.articles()}
    assert "переговоры в Брянской области" in kept["1"]
    assert [pid for pid, *_ in store.matched_stories()] == ["by-mogilev-oblast--ru-bryansk-oblast"]


# --- crash safety and two processes ----------------------------------------------------------

CHILD = """
import sys
from monitor.cli import run_cli
sys.exit(run_cli(sys.argv[1:]))
"""


def test_kill_9_mid_poll_loses_nothing_committed_and_the_next_poll_completes(server, config_dir, tmp_path, matcher):
    body = (FEEDS / "mogilev.xml").read_bytes()
    feeds_toml = "".join(feed_table(f"f{i}", server.route(
        f"/f{i}.xml", body.replace(b"mogilev-", f"f{i}-".encode()).replace(b"/news/", f"/f{i}/".encode()), delay=0.4))
        for i in range(12))
    (config_dir / "feeds.toml").write_text(feeds_toml, encoding="utf-8")
    (config_dir / "settings.toml").write_text(
        (config_dir / "settings.toml").read_text(encoding="utf-8").replace("per_host = 2", "per_host = 1"), encoding="utf-8")
    db = tmp_path / "m.db"
    child = subprocess.Popen([sys.executable, "-c", CHILD, "--config", str(config_dir), "--db", str(db), "poll", "--all"],
                             cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if db.exists():
                try:
                    with sqlite3.connect(db, timeout=5) as peek:
                        if peek.execute("SELECT COUNT(*) FROM fetch_log").fetchone()[0] >= 2:
                            break
                except sqlite3.OperationalError:
                    pass  # not migrated yet
            time.sleep(0.05)
        else:
            pytest.fail("the child never polled: " + child.stderr.read().decode())
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    with sqlite3.connect(db) as peek:
        logged = {r[0] for r in peek.execute("SELECT feed_id FROM fetch_log")}
        assert 2 <= len(logged) < 12
        # nothing half-written: every stored article belongs to a feed whose poll was logged
        assert {r[0] for r in peek.execute("SELECT DISTINCT feed_id FROM articles")} <= logged
    monitor = Monitor(load_config(config_dir), db, clock=lambda: NOW)
    monitor._matcher = matcher
    outcomes = monitor.poll(everything=True)
    assert all(o.status in ("new", "unchanged") for o in outcomes), outcomes
    assert monitor.store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert monitor.store.count("articles") == 24
    monitor.close()


def test_a_second_poller_waits_then_says_who_holds_the_database(tmp_path):
    with PollLock(tmp_path / "m.db"):
        with pytest.raises(StoreError, match=rf"another monitor is polling this database \(pid {os.getpid()}"):
            with PollLock(tmp_path / "m.db", wait=0.3):
                pass
    with PollLock(tmp_path / "m.db", wait=0):
        pass  # released on exit


# --- feedparser's own test corpus ---------------------------------------------------------------


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    import feedparser

    folder = tmp_path_factory.mktemp("feedparser-sdist")
    fetched = subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-binary", ":all:", "--no-deps",
                              f"feedparser=={feedparser.__version__}", "-d", str(folder)],
                             capture_output=True, text=True, timeout=120)
    archives = list(folder.glob("feedparser-*.tar.gz"))
    if fetched.returncode != 0 or not archives:
        pytest.skip(f"feedparser {feedparser.__version__}'s source could not be downloaded from the package registry: "
                    f"{(fetched.stderr or '').strip().splitlines()[-1:] }")
    files = {}
    with tarfile.open(archives[0]) as archive:
        for member in archive.getmembers():
            parts = Path(member.name).parts
            if member.isfile() and "tests" in parts and parts[-1].endswith((".xml", ".rdf", ".atom", ".rss")):
                files["/" + "/".join(parts[parts.index("tests") + 1:])] = archive.extractfile(member).read()
    return files


def test_every_feed_of_feedparsers_test_suite_is_polled_without_a_crash(corpus, server, tmp_path, matcher):
    """All ~2,200 files (no sampling): each poll ends as data, a log line per feed."""
    assert len(corpus) > 1000
    feeds = []
    for number, (path, body) in enumerate(sorted(corpus.items())):
        feeds.append(feed(f"c{number}", server.route(path, body, headers={"Content-Type": "application/xml"})))
    store = Store(tmp_path / "m.db")
    outcomes = run_poll(feeds, store, matcher, concurrency=8, per_host=8)
    assert len(outcomes) == len(feeds)
    log = store.fetch_log()
    assert len(log) == len(feeds) and {r.feed_id for r in log} == {f.id for f in feeds}
    failed = [r for r in log if not r.ok]
    assert all(r.error_kind in ("temporary", "soft", "hard") and r.error for r in failed)
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert len(failed) < len(feeds) / 2  # most of feedparser's suite is well-formed


# --- the pure policies, with an injected clock --------------------------------------------------


@pytest.mark.parametrize("per_week, expected_minutes", [
    (None, 60),  # nothing to judge by: the default
    (0.0, 1440),  # silent: daily
    (1.0, 1440),  # weekly: clamped to a day
    (42.0, 120),  # six a day: every two hours
    (10_000.0, 10),  # a firehose: clamped to ten minutes
])
def test_adaptive_interval_is_clamped(per_week, expected_minutes):
    assert schedule.interval_for(feed("f", "u"), 60, per_week) == timedelta(minutes=expected_minutes)
    assert schedule.interval_for(feed("f", "u", interval=15), 60, per_week) == timedelta(minutes=15)


def test_entries_per_week_from_recent_dates():
    times = [NOW - timedelta(days=d) for d in (0.5, 1, 2, 3, 40)]  # the 40-day-old one is out of the window
    assert schedule.entries_per_week(times, NOW) == pytest.approx(4 / 3 * 7)
    assert schedule.entries_per_week([], NOW) is None
    assert schedule.entries_per_week([NOW - timedelta(hours=1)] * 5, NOW) == pytest.approx(35)  # a day at least


def test_backoff_is_exponential_capped_jittered_and_honours_retry_after():
    f, rng = feed("f", "u"), random.Random(7)
    waits = [schedule.next_due_after_failure(f, NOW, 60, n, rng=rng) - NOW for n in range(1, 10)]
    assert waits[0] >= timedelta(minutes=60) and waits[1] >= timedelta(minutes=120)
    assert all(w <= schedule.MAX_BACKOFF * (1 + schedule.JITTER) for w in waits)
    assert schedule.next_due_after_failure(f, NOW, 60, 1, retry_after=5 * 3600, rng=rng) - NOW == timedelta(hours=5)
    dues = {schedule.next_due_after_success(f, NOW, 60, rng=rng) for _ in range(20)}
    assert len(dues) > 1 and all(timedelta(minutes=54) <= d - NOW <= timedelta(minutes=66) for d in dues)


@pytest.mark.parametrize("title, published, expected", [
    ("Могилёвская и Брянская области подписали план мероприятий", NOW, 1),
    ("МОГИЛЕВСКАЯ и Брянская области подписали план мероприятий!", NOW, 1),  # case, ё/е, punctuation
    ("Могилёвская и Брянская области подписали план мероприятий", NOW + timedelta(days=30), None),  # a new event
    ("Гомельская и Брянская области обсудили торговлю зерном", NOW, None),
    ("Погода", NOW, None),  # too short to judge
])
def test_same_story_by_headline(title, published, expected):
    stored = [Candidate(1, "Могилёвская и Брянская области подписали план мероприятий", NOW),
              Candidate(2, "Погода", NOW)]
    assert same_story(title, published, stored) == expected


def test_headlines_that_differ_in_numbers_are_different_stories():
    stored = [Candidate(1, "Курс белорусского рубля на 17 ноября 2026 года", NOW)]
    assert same_story("Курс белорусского рубля на 18 ноября 2026 года", NOW, stored) is None
