"""A small district newspaper's site without a feed, served on 127.0.0.1 by tests/feedserver.py.

Written for these tests: a robots.txt with a disallowed path and a crawl delay, a sitemap index with
monthly sitemaps, article pages with menus, sidebars and their date in several forms (meta tags, a
Russian date in the text, only the URL), and a news listing with pagination.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Article:
    path: str
    title: str
    text: str
    day: date
    date_form: str  # meta, text, url
    listed: date | None = None  # the sitemap's lastmod, when it differs from the day


BRYANSK = ("Делегация Могилёвской области прибыла в Брянскую область. Губернатор Брянской области и председатель "
           "Могилёвского облисполкома подписали план мероприятий по сотрудничеству на два года.")
ADJARA = ("Могилёвская область и Аджария договорились о сотрудничестве в туризме. Делегация Аджарии посетила "
          "Могилёв и осмотрела санатории области.")
LOCAL = ("В районе завершили ремонт моста через реку. Движение по нему откроют к концу недели, сообщили в "
         "районном исполнительном комитете.")
FILLER = (" Работы вели три бригады, материалы закупили заранее, а жители соседних деревень помогали с "
          "уборкой территории после окончания строительства.")

ARTICLES = (
    Article("/news/2026/01/14/most-otkryli/", "В районе отремонтировали мост", LOCAL, date(2026, 1, 14), "url"),
    Article("/news/bryansk-plan/", "Могилёвская и Брянская области подписали план", BRYANSK, date(2026, 2, 10), "meta"),
    Article("/news/adjara-turizm/", "Могилёвщина и Аджария: туризм", ADJARA, date(2026, 3, 12), "text"),
    Article("/news/vesna-polya/", "Весенний сев начался", LOCAL.replace("моста", "дороги"), date(2026, 3, 20), "meta"),
    Article("/news/2026/03/27/sport/", "Районная спартакиада", LOCAL.replace("моста", "стадиона"), date(2026, 3, 27), "url"),
)
PRIVATE = Article("/private/draft-bryansk/", "Черновик: Брянская область", BRYANSK, date(2026, 3, 18), "meta")
OLD = Article("/news/2025/12/20/zima/", "Зимние каникулы", LOCAL.replace("моста", "катка"), date(2025, 12, 20), "url")
MONTHS_RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
             "ноября", "декабря")

MENU = ('<header><nav class="menu"><a href="/">Главная страница газеты</a> <a href="/news/">Все новости района</a> '
        '<a href="/about/">О редакции и контакты</a></nav></header>')
SIDEBAR = ('<aside class="sidebar"><h3>Популярное</h3><ul><li><a href="/news/2026/03/27/sport/">Районная спартакиада '
           'прошла с успехом</a> <span>1 января 2020</span></li></ul><p>Архив за 2019 год</p></aside>'
           '<footer>© Районная газета, 1931–2026. Перепечатка с разрешения редакции.</footer>')


def article_page(article: Article) -> str:
    meta = (f'<meta property="article:published_time" content="{article.day.isoformat()}T09:30:00+03:00">'
            if article.date_form == "meta" else "")
    when = (f'<p class="date">{article.day.day} {MONTHS_RU[article.day.month - 1]} {article.day.year}</p>'
            if article.date_form == "text" else "")
    body = article.text + FILLER * 3
    return (f'<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>{article.title} | Районная газета'
            f'</title>{meta}</head><body>{MENU}<main><article><h1>{article.title}</h1>{when}<p>{body}</p>'
            f'</article></main>{SIDEBAR}</body></html>')


def sitemap(articles, base: str) -> str:
    urls = "".join(f"<url><loc>{base}{a.path}</loc><lastmod>{(a.listed or a.day).isoformat()}</lastmod></url>"
                   for a in articles)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def sitemap_index(months, base: str) -> str:
    items = "".join(f"<sitemap><loc>{base}/sitemap-{m}.xml</loc></sitemap>" for m in months)
    return (f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f'{items}</sitemapindex>')


def listing_page(articles, number: int, last: int) -> str:
    links = "".join(f'<li><a href="{a.path}">{a.title}</a></li>' for a in articles)
    pages = "".join(f'<a href="/news/page/{n}/">{n}</a> ' for n in range(1, last + 1) if n != number)
    after = f'<a href="/news/page/{number + 1}/">Следующая</a>' if number < last else ""
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>Новости</title></head><body>{MENU}<main>'
            f'<h1>Новости района</h1><ul class="news">{links}</ul><div class="pagination">{pages}{after}</div>'
            f'</main>{SIDEBAR}</body></html>')


def serve_site(server, listing_per_page: int = 2, crawl_delay: bool = True) -> str:
    """Put the whole site on the test server; returns its base address."""
    base = server.base
    everything = ARTICLES + (PRIVATE, OLD)
    delay = "Crawl-delay: 1\n" if crawl_delay else ""
    server.route("/robots.txt", f"User-agent: *\nDisallow: /private/\n{delay}\n"
                                f"Sitemap: {base}/sitemap_index.xml\n", headers={"Content-Type": "text/plain"})
    months = ("2025-12", "2026-01", "2026-02", "2026-03")
    server.route("/sitemap_index.xml", sitemap_index(months, base), headers={"Content-Type": "application/xml"})
    for month in months:
        server.route(f"/sitemap-{month}.xml", sitemap([a for a in everything if a.day.isoformat()[:7] == month], base),
                     headers={"Content-Type": "application/xml"})
    for article in everything:
        server.route(article.path, article_page(article), headers={"Content-Type": "text/html; charset=utf-8"})
    newest_first = sorted(ARTICLES + (OLD,), key=lambda a: a.day, reverse=True)
    pages = [newest_first[i:i + listing_per_page] for i in range(0, len(newest_first), listing_per_page)]
    for number, chunk in enumerate(pages, 1):
        html = listing_page(chunk, number, len(pages))
        server.route(f"/news/page/{number}/", html, headers={"Content-Type": "text/html; charset=utf-8"})
        if number == 1:
            server.route("/news/", html, headers={"Content-Type": "text/html; charset=utf-8"})
    server.route("/", f'<html><body>{MENU}<main><a href="/news/">Новости</a></main></body></html>',
                 headers={"Content-Type": "text/html; charset=utf-8"})
    return base
