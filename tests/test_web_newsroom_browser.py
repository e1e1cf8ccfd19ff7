"""The newsroom pages in real headless Chromium: the planning calendar, the outlet scorecard, the
12-week charts, Belarusian, and the matrix with JavaScript switched off."""

from __future__ import annotations

import re

import icalendar

from .test_web import PAIR, WEEK
from .test_web_browser import browser, dashboard, follow, page  # noqa: F401 (fixtures shared with those tests)

KZ = "by-belarus--kz-kazakhstan"  # its 2017-2026 programme ends on 31 December 2026
PAVLODAR = "by-gomel-oblast--kz-pavlodar-region"  # signed November 2016: ten years in November 2026


def test_the_calendar_page_lists_the_next_eight_weeks_and_offers_the_ics(dashboard, page):
    base, _, _ = dashboard
    page.goto(f"{base}/calendar")  # the dashboard's today is 19 November 2026
    assert page.locator("h1").inner_text() == "Календарь на 8 недель вперёд"
    plan_end = page.locator(f'li.event.plan_end[data-partnership="{KZ}"]')
    assert plan_end.count() == 2  # its treaty and its programme, both for 2017-2026
    assert "2026-12-31" in plan_end.first.inner_text() and "завершается" in plan_end.first.inner_text()
    anniversary = page.locator(f'li.event.anniversary[data-partnership="{PAVLODAR}"]')
    assert "10 лет" in anniversary.inner_text() and "годовщина — ноябрь 2026" in anniversary.inner_text()
    weeks = page.locator("section.calendar-week").evaluate_all("nodes => nodes.map(n => n.dataset.week)")
    assert weeks == sorted(weeks) and weeks[0] >= "2026-11-16" and weeks[-1] <= "2027-01-11"
    page.select_option("select[name=partner_country]", "KZ")
    follow(page, "form.filters button")
    assert "partner_country=KZ" in page.url
    assert page.locator("li.event").count() == page.locator('li.event[data-partnership*="--kz-"]').count() > 0
    href = page.get_attribute("a[download]", "href")
    assert "partner_country=KZ" in href
    calendar = icalendar.Calendar.from_ical(page.request.get(base + href).body())
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert any(KZ in uid for uid in uids) and all("-kz-" in uid for uid in uids)
    follow(page, f'li.event[data-partnership="{KZ}"] a >> nth=0')
    assert page.url.endswith(f"/partnerships/{KZ}")


def test_the_outlet_scorecard_and_an_outlets_page_with_its_chart(dashboard, page):
    base, _, _ = dashboard
    page.goto(f"{base}/outlets?week={WEEK}&lang=en")
    assert page.locator("h1").inner_text() == "Outlets: how much they write about partnerships"
    order = page.locator("table.outlets tbody tr").evaluate_all("rows => rows.map(r => r.dataset.outlet)")
    assert order[-1] == "bryansk" and set(order) == {"mogilev", "vitebsk", "grodno", "bryansk"}  # partner side last
    download = page.request.get(base + page.get_attribute("a[download]", "href")).text()
    assert download.startswith("id,outlet,country,articles,partnership_articles,share,covered,gaps")
    mogilev = page.locator('tr[data-outlet="mogilev"] td').all_inner_texts()
    assert mogilev[1] == "Belarus" and mogilev[5] == "1"  # it covered Mogilev–Bryansk
    assert int(mogilev[3]) >= 2 and mogilev[4].endswith("%")
    follow(page, 'tr[data-outlet="mogilev"] a')
    assert page.locator("h1").inner_text() == "Могилёвская правда" and f"week={WEEK}" in page.url
    assert page.locator("figure.chart svg rect").count() > 0  # the server-drawn 12-week chart
    assert page.locator("table.outlet-weeks tbody tr").count() == 12
    assert page.locator(f'a[href*="/partnerships/{PAIR}"]').count() == 1
    follow(page, "nav.lang >> text=BE")
    assert page.locator("h2 >> nth=0").inner_text() == "Па тыднях"


def test_a_partnership_page_carries_its_chart(dashboard, page):
    base, _, _ = dashboard
    page.goto(f"{base}/partnerships/{PAIR}?week={WEEK}&lang=be")
    assert page.get_attribute("html", "lang") == "be"
    assert page.locator("figure.chart svg").count() == 1
    assert page.get_attribute("figure.chart svg", "aria-label") == "Асвятленне па тыднях"
    assert "Магілёўская вобласць" in page.locator("h1").inner_text()


def test_the_matrix_works_without_javascript(dashboard, browser):  # noqa: F811
    base, _, _ = dashboard
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{base}/?week={WEEK}")
    follow(page, 'td.cell[data-row="by-mogilev-oblast"][data-column="RU"] a')
    assert page.locator(f'tr[data-partnership="{PAIR}"]').count() == 1
    follow(page, f'tr[data-partnership="{PAIR}"] td:nth-child(2) a')
    assert page.locator("figure.chart svg").count() == 1
    follow(page, "nav.lang >> text=BE")
    assert page.get_attribute("html", "lang") == "be"
    context.close()


def test_belarusian_pages_read_in_belarusian(dashboard, page):
    """The matrix, the outlets and the calendar in Belarusian: no Latin word but the formats and the
    calendar apps' names and ISO country codes, no letter only Russian has (feeds' headlines aside: none on these pages)."""
    base, _, _ = dashboard
    allowed = {"ics", "Outlook", "Google", "Apple", "outlets", "csv", "UTC"}
    for path in ("/", "/outlets", "/calendar"):
        page.goto(f"{base}{path}?week={WEEK}&lang=be" if path != "/calendar" else f"{base}{path}?lang=be")
        text = page.locator("main").inner_text() + page.locator("header").inner_text().replace("RU", "").replace("EN", "").replace("BE", "")
        for outlet in ("Могилёвская правда", "Витебские вести", "Брянский вестник", "Гродненская правда"):
            text = text.replace(outlet, "")
        latin = {w for w in re.findall(r"[A-Za-z]{2,}", text) if not re.fullmatch(r"[A-Z]{2}", w)} - allowed  # ISO codes
        russian = set(re.findall(r"\S*[иИщЩъЪ]\S*", text))
        assert (path, latin, russian) == (path, set(), set())
