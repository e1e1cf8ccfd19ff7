"""Sources without feeds (a sitemap, a listing page) and backfill, against a local news site on
127.0.0.1 (tests/newssite.py): no feed, a robots.txt, monthly sitemaps, pages with menus and sidebars."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from monitor.app import Monitor
from monitor.cli import run_cli
from monitor.config import load_config
from monitor.coverage import iso_week
from monitor.fulltext import PageReader
from monitor.poll import PollLock
from monitor.sources import month_of, read_article, read_listing

from .conftest import LOOPBACK, feed_table
from .newssite import ARTICLES, OLD, PRIVATE, article_page, listing_page, serve_site

NOW = datetime(2026, 3, 28, 18, 0, tzinfo=timezone.utc)
MINSK = ZoneInfo("Europe/Minsk")
BRYANSK = "by-mogilev-oblast--ru-bryansk-oblast"
ADJARA = "by-mogilev-oblast--ge-adjara"


def quick_pages(config_dir) -> None:
    """Requests to one site spaced by 10 ms instead of a second, for tests that really wait."""
    settings = config_dir / "settings.toml"
    text = settings.read_text(encoding="utf-8")
    assert "\npage_delay = 1.0 " in text
    settings.write_text(text.replace("\npage_delay = 1.0 ", "\npage_delay = 0.01 "), encoding="utf-8")


class Waits:
    """The page politeness on a clock that moves only when it waits: what it waited, and no test sleeps."""

    def __init__(self):
        self.now, self.slept = 1000.0, []

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds

    def reader(self, monitor) -> PageReader:
        return PageReader(monitor.config.settings.limits, sleep=self.sleep, monotonic=lambda: self.now)


def backfill(monitor, since: date, until: date | None = None, waits: Waits | None = None, **options):
    return monitor.backfill([], since, until, reader=(waits or Waits()).reader(monitor), **options)


def make_monitor(config_dir, tmp_path, matcher, feeds: str, clock=NOW) -> Monitor:
    quick_pages(config_dir)
    (config_dir / "feeds.toml").write_text(feeds, encoding="utf-8")
    monitor = Monitor(load_config(config_dir), tmp_path / "monitor.db", clock=lambda: clock)
    monitor._matcher = matcher
    return monitor


def stored(monitor) -> dict[str, date]:
    """Each stored article's path and its day by the editors' clock."""
    return {a.url.split("127.0.0.1", 1)[1].split("/", 1)[1]: a.published.astimezone(MINSK).date()
            for a in monitor.store.articles()}


def requested(server, path: str) -> int:
    return sum(1 for p, _ in server.requests if p == path)


@pytest.fixture
def site(server):
    return serve_site(server)


# --- reading pages (pure) ----------------------------------------------------------------------


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.date_form + a.path)
def test_article_date_title_and_text_come_from_the_page_not_its_menus_or_sidebar(article):
    page = read_article(article_page(article).encode("utf-8"), "http://127.0.0.1" + article.path, "Europe/Minsk", NOW)
    assert page.published.astimezone(MINSK).date() == article.day  # the sidebar's 1 января 2020 is not it
    assert page.title.startswith(article.title)
    assert article.text[:40] in page.text
    assert "Популярное" not in page.text and "Все новости района" not in page.text


def test_listing_gives_article_links_in_order_and_its_next_page_but_no_menu_or_sidebar_link():
    html = listing_page(ARTICLES[3:], 2, 3)
    listing = read_listing(html.encode("utf-8"), "http://127.0.0.1/news/page/2/")
    assert [item.url for item in listing.articles] == ["http://127.0.0.1" + a.path for a in ARTICLES[3:]]
    assert listing.next_page == "http://127.0.0.1/news/page/3/"
    last = read_listing(listing_page(ARTICLES[:1], 3, 3).encode("utf-8"), "http://127.0.0.1/news/page/3/")
    assert last.next_page is None


@pytest.mark.parametrize("pager, url, expected", [
    ('<link rel="next" href="/novosti/?PAGEN_1=3">', "http://h/novosti/?PAGEN_1=2", "http://h/novosti/?PAGEN_1=3"),
    ('<a href="/news?page=4">Далей</a>', "http://h/news?page=3", "http://h/news?page=4"),
    ('<a href="/news/">1</a> <a href="/news/page/3/">3</a>', "http://h/news/page/2/", "http://h/news/page/3/"),
    ('<a href="/news/page/3/">3</a>', "http://h/news/", None),
], ids=["bitrix rel=next", "belarusian word", "page numbers", "no page 2"])
def test_a_listings_next_page_is_found_the_ways_cms_write_it(pager, url, expected):
    html = f'<html><head>{pager if pager.startswith("<link") else ""}</head><body><main>{pager}</main></body></html>'
    assert read_listing(html.encode("utf-8"), url).next_page == expected


def test_a_sitemap_names_its_month_in_several_ways():
    assert month_of("https://x.by/sitemap-2026-03.xml") == date(2026, 3, 1)
    assert month_of("https://x.by/sitemap/2025/11/") == date(2025, 11, 1)
    assert month_of("https://x.by/wp-sitemap-posts-post-2.xml") is None


# --- configuration -----------------------------------------------------------------------------


def test_kind_is_checked_with_a_one_line_error_naming_the_feed(config_dir):
    (config_dir / "feeds.toml").write_text(feed_table("paper", "https://x.by/", kind="atom"), encoding="utf-8")
    with pytest.raises(Exception) as caught:
        load_config(config_dir)
    [problem] = caught.value.problems
    assert "feeds.toml:1" in problem and "'paper'" in problem and "kind must be one of feed, sitemap, page" in problem
    (config_dir / "feeds.toml").write_text(feed_table("paper", "https://x.by/"), encoding="utf-8")
    assert load_config(config_dir).feeds[0].kind == "feed"


# --- backfill ------------------------------------------------------------------------------------


def test_backfill_from_a_sitemap_index_stores_each_article_once_with_its_date(site, server, config_dir, tmp_path,
                                                                                matcher):
    monitor = make_monitor(config_dir, tmp_path, matcher,
                           feed_table("raion", site + "/sitemap_index.xml", kind="sitemap"))
    [result] = backfill(monitor, date(2026, 1, 1), date(2026, 3, 31))
    days = stored(monitor)
    assert {path: day for path, day in days.items() if not path.startswith("private/")} == \
        {a.path.lstrip("/"): a.day for a in ARTICLES}
    assert OLD.path.lstrip("/") not in days and requested(server, "/sitemap-2025-12.xml") == 0  # outside the window
    assert result.articles == len(days) and result.matched >= 2 and result.stopped is None
    assert result.observed == (datetime(2025, 12, 31, 21, 0, tzinfo=timezone.utc), NOW)
    # Matched like polled stories.
    assert {pid for pid, *_ in monitor.store.matched_stories()} >= {BRYANSK, ADJARA}
    # A second run finds nothing new and fetches no article page again.
    [again] = backfill(monitor, date(2026, 1, 1), date(2026, 3, 31))
    assert again.articles == 0
    assert all(requested(server, a.path) == 1 for a in ARTICLES)


def test_backfill_of_a_feed_reads_the_sitemap_its_sites_robots_txt_names(site, server, config_dir, tmp_path,
                                                                           matcher):
    monitor = make_monitor(config_dir, tmp_path, matcher, feed_table("raion", site + "/rss.xml"))
    [result] = backfill(monitor, date(2026, 2, 1), date(2026, 2, 28))
    assert result.stopped is None and set(stored(monitor)) == {"news/bryansk-plan/"}
    assert requested(server, "/robots.txt") == 1 and requested(server, "/sitemap-2026-01.xml") == 0


def test_backfill_of_a_feed_without_a_sitemap_walks_its_paged_home_page_or_says_what_to_add(server, config_dir,
                                                                                             tmp_path, matcher):
    site = serve_site(server, listing_per_page=5)
    for path in ("/robots.txt", "/sitemap_index.xml"):
        del server.routes[path]
    monitor = make_monitor(config_dir, tmp_path, matcher, feed_table("raion", site + "/rss.xml"))
    [result] = backfill(monitor, date(2026, 3, 15))
    assert "its home page is no paged news listing" in result.stopped and 'kind = "page"' in result.stopped
    server.routes["/"] = server.routes["/news/"]  # a WordPress home page: the newest posts, then /page/2/
    [result] = backfill(monitor, date(2026, 3, 15))
    assert result.stopped is None
    assert {a.path.lstrip("/") for a in ARTICLES if a.day >= date(2026, 3, 15)} <= set(stored(monitor))


def test_backfill_keeps_to_robots_txt_its_disallowed_path_and_its_crawl_delay(site, server, config_dir, tmp_path,
                                                                               matcher):
    monitor = make_monitor(config_dir, tmp_path, matcher,
                           feed_table("raion", site + "/sitemap_index.xml", kind="sitemap"))
    waits = Waits()
    [result] = backfill(monitor, date(2026, 1, 1), date(2026, 3, 31), waits=waits)
    assert requested(server, PRIVATE.path) == 0
    assert not [path for path in stored(monitor) if path.startswith("private/")]
    # One request at a time, a second apart as the site asks (page_delay alone would be 10 ms).
    assert waits.slept and set(waits.slept) == {1.0} and len(waits.slept) == len(server.requests) - 1
    # The refusal is recorded, so a rerun does not ask robots.txt about it again.
    assert monitor.store.db.execute("SELECT note FROM source_pages WHERE url LIKE '%/private/%'").fetchone()[0] \
        .endswith("robots.txt does not allow robots to read it")


def test_backfill_stopped_part_way_resumes_without_fetching_a_page_twice(site, server, config_dir, tmp_path,
                                                                         matcher):
    monitor = make_monitor(config_dir, tmp_path, matcher,
                           feed_table("raion", site + "/sitemap_index.xml", kind="sitemap"))

    def interrupt(progress):
        if progress.articles >= 2:
            raise KeyboardInterrupt  # what Ctrl-C does in the middle of a run

    with pytest.raises(KeyboardInterrupt):
        backfill(monitor, date(2026, 1, 1), date(2026, 3, 31), on_progress=interrupt)
    assert len(stored(monitor)) == 2
    backfill(monitor, date(2026, 1, 1), date(2026, 3, 31))
    assert {a.path.lstrip("/") for a in ARTICLES} <= set(stored(monitor))
    pages = [a.path for a in ARTICLES] + ["/sitemap-2026-01.xml", "/sitemap-2026-02.xml"]
    assert {path: requested(server, path) for path in pages} == {path: 1 for path in pages}
    assert requested(server, PRIVATE.path) == 0


def test_the_request_budget_per_site_stops_a_run_and_the_next_run_goes_on(site, server, config_dir, tmp_path,
                                                                          matcher, capsys):
    monitor = make_monitor(config_dir, tmp_path, matcher,
                           feed_table("raion", site + "/sitemap_index.xml", kind="sitemap"))
    [first] = backfill(monitor, date(2026, 1, 1), date(2026, 3, 31), budget=6)
    assert first.pages == 6 and "requests allowed to this site in one run are used up" in first.stopped
    assert len(server.requests) == 7 and requested(server, "/robots.txt") == 1  # robots.txt costs no budget
    # Articles go newest first: the two it fetched prove the stretch from the older one's date.
    assert first.observed == (datetime(2026, 3, 20, tzinfo=timezone.utc), NOW)
    [second] = backfill(monitor, date(2026, 1, 1), date(2026, 3, 31))
    assert second.stopped is None
    assert {a.path.lstrip("/") for a in ARTICLES} <= set(stored(monitor))


def test_backfill_walks_a_paged_listing_back_to_the_start_date(site, server, config_dir, tmp_path, matcher):
    monitor = make_monitor(config_dir, tmp_path, matcher, feed_table("raion", site + "/news/", kind="page"))
    [result] = backfill(monitor, date(2026, 3, 15))
    days = stored(monitor)
    assert {a.path.lstrip("/"): a.day for a in ARTICLES if a.day >= date(2026, 3, 15)}.items() <= days.items()
    assert result.stopped is None
    assert result.observed == (datetime(2026, 3, 14, 21, 0, tzinfo=timezone.utc), NOW)
    # Page 2's articles are all older than the window: the walk stops there.
    assert requested(server, "/news/page/2/") == 1 and requested(server, "/news/page/3/") == 0
    assert OLD.path.lstrip("/") not in days


def test_a_past_weeks_report_gives_the_statuses_its_articles_imply(site, config_dir, tmp_path, matcher):
    monitor = make_monitor(config_dir, tmp_path, matcher,
                           feed_table("raion", site + "/sitemap_index.xml", kind="sitemap"))
    mogilev = {pid for pid, p in monitor.catalogue.partnerships.items() if p.a == "by-mogilev-oblast"}

    def statuses(week):
        return {p.partnership.id: p.status for p in monitor.coverage(iso_week(week)).partnerships}

    # A report before the backfill: nothing seen, and the ended week's answer is kept...
    assert {statuses("2026-W07")[pid] for pid in mogilev} == {"not_collected"}
    backfill(monitor, date(2026, 1, 1), date(2026, 3, 31))
    # ...until the backfill proves the week seen: then it is computed again.

    february = statuses("2026-W07")
    assert february[BRYANSK] == "covered"  # its plan was signed on 10 February
    # The backfill proved the paper seen all week: its other partnerships are gaps, not guesses.
    assert {february[pid] for pid in mogilev - {BRYANSK}} == {"gap"}
    march = statuses("2026-W11")
    assert march[ADJARA] == "covered" and march[BRYANSK] == "gap"
    # Before the backfill's window nothing was seen: not collected, never a gap.
    december = statuses("2025-W50")
    assert {december[pid] for pid in mogilev} == {"not_collected"}


# --- polling a source that is not a feed ---------------------------------------------------------


def test_polling_a_sitemap_source_fetches_only_new_recent_article_pages(server, config_dir, tmp_path, matcher):
    site = serve_site(server, crawl_delay=False)
    monitor = make_monitor(config_dir, tmp_path, matcher,
                           feed_table("raion", site + "/sitemap_index.xml", kind="sitemap"))
    [outcome] = monitor.poll(everything=True)
    recent = {a.path.lstrip("/") for a in ARTICLES if a.day >= date(2026, 2, 26)}  # robots.txt keeps /private/ out
    assert outcome.status == "new" and set(stored(monitor)) == recent
    assert requested(server, "/sitemap-2026-01.xml") == 0
    [again] = monitor.poll(everything=True)
    assert again.status == "unchanged"
    assert all(requested(server, "/" + path) == 1 for path in recent)


def test_polling_a_listing_page_source(server, config_dir, tmp_path, matcher):
    site = serve_site(server, crawl_delay=False)
    monitor = make_monitor(config_dir, tmp_path, matcher, feed_table("raion", site + "/news/", kind="page"))
    [outcome] = monitor.poll(everything=True)
    assert outcome.status == "new" and outcome.new_articles == 2  # the first page's two newest


def test_a_source_that_is_not_what_its_kind_says_is_one_error_line_and_nothing_is_lost(server, config_dir, tmp_path,
                                                                                       matcher):
    site = serve_site(server, crawl_delay=False)
    monitor = make_monitor(config_dir, tmp_path, matcher, feed_table("raion", site + "/news/", kind="sitemap"))
    [outcome] = monitor.poll(everything=True)
    assert outcome.status == "error" and "not a sitemap" in outcome.error and 'kind = "page"' in outcome.error
    [result] = backfill(monitor, date(2026, 3, 1))
    assert "not a sitemap" in result.stopped and result.articles == 0


def test_a_site_without_a_feed_offers_its_sitemap_or_else_its_listing_page(server):
    from monitor.fetch import make_client
    from monitor.poll import HostLimiter
    from monitor.records import Limits
    from monitor.sources import PageFetcher, offer_sources

    base = serve_site(server, listing_per_page=6)
    with make_client(Limits(), LOOPBACK) as client:
        fetcher = PageFetcher(client, Limits(), HostLimiter(1))
        [offer] = offer_sources(base + "/", fetcher, NOW)
        assert (offer.url, offer.kind) == (base + "/sitemap_index.xml", "sitemap")
        assert offer.articles == 5 and offer.newest.date() == date(2026, 3, 27)  # February and March
        assert str(offer) == (f'{base}/sitemap_index.xml (a sitemap, kind = "sitemap": 5 articles listed, '
                              f'newest 2026-03-27)')
        for path in ("/robots.txt", "/sitemap_index.xml"):
            del server.routes[path]
        [offer] = offer_sources(base + "/news/", fetcher, NOW)
        assert (offer.url, offer.kind, offer.articles) == (base + "/news/", "page", 6)
        assert offer_sources(base + "/", fetcher, NOW) == []  # the home page lists no news


# --- the command -------------------------------------------------------------------------------


def test_backfill_command_shows_progress_and_what_each_source_gave(server, config_dir, tmp_path, capsys):
    site = serve_site(server, crawl_delay=False)
    quick_pages(config_dir)
    (config_dir / "feeds.toml").write_text(feed_table("raion", site + "/sitemap_index.xml", kind="sitemap"),
                                           encoding="utf-8")
    code = run_cli(["--config", str(config_dir), "--db", str(tmp_path / "m.db"), "backfill", "--since", "2026-01-01",
                    "--until", "2026-03-31"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "sources 1/1" in err and "articles" in err and "pages" in err
    assert "raion: 6 articles stored" in out or "raion: 5 articles stored" in out


def test_backfill_command_waits_for_a_running_poll_and_names_it(site, config_dir, tmp_path, capsys, monkeypatch):
    (config_dir / "feeds.toml").write_text(feed_table("raion", site + "/news/", kind="page"), encoding="utf-8")
    monkeypatch.setattr(Monitor, "lock_wait", 0.3)
    with PollLock(tmp_path / "m.db", wait=0):
        code = run_cli(["--config", str(config_dir), "--db", str(tmp_path / "m.db"), "backfill", "--since",
                        "2026-01-01"])
    assert code == 1
    assert "another monitor is polling this database" in capsys.readouterr().err


def test_feeds_add_of_a_site_without_a_feed_adds_its_sitemap_and_the_next_poll_reads_it(server, config_dir, tmp_path,
                                                                                        capsys):
    site = serve_site(server, crawl_delay=False)
    quick_pages(config_dir)
    args = ["--config", str(config_dir), "--db", str(tmp_path / "m.db")]
    assert run_cli(args + ["feeds", "add", site + "/", "--id", "raion", "--outlet", "Районка", "--country", "BY",
                           "--region", "by-mogilev-oblast", "--language", "ru", "--yes"]) == 0
    out = capsys.readouterr().out
    assert f'{site}/sitemap_index.xml (a sitemap, kind = "sitemap"' in out
    [feed] = load_config(config_dir).feeds
    assert (feed.id, feed.url, feed.kind) == ("raion", site + "/sitemap_index.xml", "sitemap")
    assert run_cli(args + ["poll", "--all", "--strict"]) == 0
    # Read without error; the site's articles are older than a poll looks (a month): backfill's.
    assert capsys.readouterr().out.strip() == "raion: unchanged"


def test_feeds_check_says_what_a_sitemap_or_listing_source_lists(server, config_dir, tmp_path, capsys):
    site = serve_site(server, crawl_delay=False)
    quick_pages(config_dir)
    (config_dir / "feeds.toml").write_text(
        feed_table("raion", site + "/sitemap_index.xml", kind="sitemap") + feed_table("listing", site + "/news/", kind="page")
        + feed_table("wrong", site + "/", kind="page"), encoding="utf-8")
    args = ["--config", str(config_dir), "--db", str(tmp_path / "m.db"), "feeds", "check"]
    assert run_cli(args + ["listing"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "listing: a news listing page listing 2 articles"
    assert out[1] == f"  - {ARTICLES[-1].title}"
    assert run_cli(args + ["--all"]) == 0
    out = capsys.readouterr().out
    assert "raion: works: a sitemap listing" in out and "listing: works" in out
    assert "wrong: fails: lists no article links" in out and "3 feeds: 2 work, 0 moved, 1 fail" in out


def test_feeds_list_says_which_sources_are_not_feeds(config_dir, tmp_path, capsys):
    (config_dir / "feeds.toml").write_text(feed_table("raion", "https://raion.by/sitemap.xml", kind="sitemap")
                                           + feed_table("agency", "https://agency.by/rss.xml"), encoding="utf-8")
    assert run_cli(["--config", str(config_dir), "--db", str(tmp_path / "m.db"), "feeds", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("https://raion.by/sitemap.xml  (sitemap)") and lines[1].endswith("https://agency.by/rss.xml")


def test_backfill_command_bad_dates_are_one_line(config_dir, tmp_path, capsys):
    code = run_cli(["--config", str(config_dir), "--db", str(tmp_path / "m.db"), "backfill", "--since", "March"])
    assert code == 1 and "--since and --until are dates, YYYY-MM-DD" in capsys.readouterr().err
