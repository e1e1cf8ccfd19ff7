"""The weekly gap report as an editor and the maintainers' checks read it.

The end-to-end test drives a week of local feeds over real HTTP through polling and matching into a
real SQLite file, with an injected clock, and reads the JSON report.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime, timedelta
from email.utils import format_datetime

import pytest

from monitor import chart
from monitor.app import Monitor
from monitor.config import load_config
from monitor.coverage import compute_coverage, iso_week, trends, window_bounds
from monitor.records import Entry, Match, Story
from monitor.report import chart_alt, chart_svg, email_html, rank, render, weeks_from_json

from .conftest import feed_table

WEEK = iso_week("2026-W47")  # Monday 16 – Sunday 22 November 2026
START, END = window_bounds(WEEK, "Europe/Minsk")
MOGILEV_BRYANSK = "by-mogilev-oblast--ru-bryansk-oblast"
BREST_BRYANSK = "by-brest-oblast--ru-bryansk-oblast"
MOGILEV_ORYOL = "by-mogilev-oblast--ru-oryol-oblast"
GRODNO_KALININGRAD = "by-grodno-oblast--ru-kaliningrad-oblast"


def rss(items: list[tuple[str, str, str, datetime]]) -> str:
    body = "".join(
        f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
        f"<description>{summary}</description><pubDate>{format_datetime(when)}</pubDate></item>"
        for title, summary, link, when in items)
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>{body}</channel></rss>'


TRADE = ("Могилёвская и Брянская области договорились нарастить товарооборот",
         "Делегация Брянской области провела переговоры в Могилёвском облисполкоме: стороны обсудили "
         "выполнение соглашения о сотрудничестве в торговле и промышленности.",
         "https://mogilev.example/news/tovarooborot", START + timedelta(days=2, hours=9))
FESTIVAL = ("В Могилёве прошёл фестиваль народного творчества", "На площади Славы выступили коллективы области.",
            "https://mogilev.example/news/festival", START + timedelta(days=1, hours=10))
PLAN = ("Брянская область и Брестская область готовят новый план мероприятий",
        "Правительство Брянской области и Брестский облисполком согласовали проект плана мероприятий "
        "по развитию сотрудничества.", "https://bryansk.example/news/plan", START + timedelta(days=3, hours=11))


WEATHER = ("Погода на выходные", "Без осадков.", "https://mogilev.example/news/pogoda", START - timedelta(days=2))
HARVEST = ("Брянские аграрии завершили уборку", "Итоги сезона.", "https://bryansk.example/news/uborka",
           START - timedelta(days=3))


@pytest.fixture
def week(server, config_dir, tmp_path, matcher):
    """A week of polling, once a day at 23:00 UTC from the evening before it: the Mogilev paper
    publishes a festival on Tuesday and its trade story on Wednesday, the Bryansk paper writes about
    Brest, and Grodno's server answers 503 all week. Each paper's feed still holds a story of the
    week before, so the first poll proves the week was observed from its start."""
    mogilev = server.route("/mogilev.xml", rss([WEATHER]))
    bryansk = server.route("/bryansk.xml", rss([HARVEST]))
    grodno = server.route("/grodno.xml", "", status=503)
    (config_dir / "feeds.toml").write_text(
        feed_table("mogilev", mogilev, outlet="Могилёвская правда")
        + feed_table("bryansk", bryansk, region="ru-bryansk-oblast", country="RU", outlet="Брянский вестник")
        + feed_table("grodno", grodno, region="by-grodno-oblast", outlet="Гродненские вести"), encoding="utf-8")
    clock = [START]
    monitor = Monitor(load_config(config_dir), tmp_path / "monitor.db", clock=lambda: clock[0])
    monitor._matcher = matcher
    for day in range(-1, 7):
        clock[0] = START + timedelta(days=day, hours=23)
        if day == 1:
            server.route("/mogilev.xml", rss([FESTIVAL, WEATHER]))
        if day == 2:
            server.route("/mogilev.xml", rss([FESTIVAL, TRADE]))
        if day == 3:
            server.route("/bryansk.xml", rss([PLAN, HARVEST]))
        monitor.poll(everything=True)
    clock[0] = END + timedelta(hours=5)  # Monday morning: the report is made
    yield monitor
    monitor.close()


def test_a_polled_week_gives_each_partnership_its_status_in_the_json_report(week):
    data = json.loads(week.report(WEEK, fmt="json"))
    assert data["window"] == {"from": "2026-11-16", "to": "2026-11-22"}
    assert data["feeds"] == {"collected": 2, "failing": 1}
    rows = {row["id"]: row for row in data["partnerships"]}
    assert set(rows[MOGILEV_BRYANSK]) >= {"id", "status", "stories", "outlets", "last_covered", "priority", "why"}

    covered = rows[MOGILEV_BRYANSK]
    assert (covered["status"], covered["stories"], covered["outlets"]) == ("covered", 1, ["Могилёвская правда"])
    assert covered["last_covered"] == "2026-11-18" and covered["priority"] == 0
    assert covered["sides"] == {"belarusian": 1, "partner": 0}

    # Only the partner side's press wrote about Brest: covered, yet first on the Belarusian editor's list.
    partner_only = rows[BREST_BRYANSK]
    assert partner_only["status"] == "covered" and partner_only["sides"] == {"belarusian": 0, "partner": 1}
    assert partner_only["priority"] >= 1 and "Брянский вестник" in partner_only["why"]
    assert partner_only["lead"]["partner_stories"][0]["url"] == "https://bryansk.example/news/plan"

    gap = rows[MOGILEV_ORYOL]  # the Mogilev paper was collected all week and said nothing
    assert (gap["status"], gap["stories"], gap["last_covered"]) == ("gap", 0, None)
    assert gap["priority"] >= 1 and gap["why"]

    missing = rows[GRODNO_KALININGRAD]  # Grodno's feed failed: no gap is claimed
    assert missing["status"] == "not_collected" and missing["priority"] == 0
    assert missing["outages"][0]["feed"] == "grodno" and missing["outages"][0]["hours"] >= 24 * 6
    assert "Гродненские вести" in missing["why"]

    priorities = sorted(row["priority"] for row in data["partnerships"] if row["priority"])
    assert priorities == list(range(1, len(priorities) + 1))


def test_scope_by_region_by_partner_country_and_by_outlet(week):
    by_region = json.loads(week.report(WEEK, {"region": "by-brest-oblast"}, fmt="json"))
    assert by_region["scope"] == {"region": "by-brest-oblast"}
    assert BREST_BRYANSK in {row["id"] for row in by_region["partnerships"]}
    assert MOGILEV_BRYANSK not in {row["id"] for row in by_region["partnerships"]}

    by_country = json.loads(week.report(WEEK, {"partner_country": "KZ"}, fmt="json"))
    assert by_country["partnerships"] and all(row["b"].startswith("kz-") for row in by_country["partnerships"])

    # The Mogilev paper's editor: only what that paper could carry, and its silence on Brest is not theirs.
    by_outlet = json.loads(week.report(WEEK, {"outlet": "mogilev"}, fmt="json"))
    ids = {row["id"]: row for row in by_outlet["partnerships"]}
    assert ids[MOGILEV_BRYANSK]["status"] == "covered" and ids[MOGILEV_ORYOL]["status"] == "gap"
    assert BREST_BRYANSK not in ids and GRODNO_KALININGRAD not in ids
    assert by_outlet["feeds"] == {"collected": 1, "failing": 0}


def test_trend_counts_weeks_and_the_chart_draws_them(week):
    data = json.loads(week.report(WEEK, fmt="json"))
    row = {r["id"]: r for r in data["partnerships"]}[MOGILEV_BRYANSK]
    # Eleven weeks before monitoring began were not collected; this week was, and was covered.
    assert row["trend"]["weeks"] == ["not_collected"] * 11 + ["covered"]
    assert (row["trend"]["covered_4"], row["trend"]["collected_4"]) == (1, 1)
    assert len(data["weeks"]) == 12 and data["weeks"][-1]["from"] == "2026-11-16"
    assert data["weeks"][-1]["covered"] == sum(1 for r in data["partnerships"] if r["status"] == "covered")

    html = week.report(WEEK, fmt="html")
    assert html.count("<svg") == 1 and "<script" not in html
    assert html.count('fill="#2e7d32"><title>') == 1  # one week had covered partnerships


def test_html_report_is_russian_by_default_english_on_request_and_inline_styled(week):
    ru = week.report(WEEK, fmt="html")
    en = week.report(WEEK, fmt="html", lang="en")
    assert "Что осветить в первую очередь" in ru and "Могилёвская область — Брянская область" in ru
    assert "Cover these first" in en and "Mogilev Oblast — Bryansk Oblast" in en
    assert "<style" not in ru and "style=" in ru  # email clients drop <style> blocks
    assert 'href="https://mogilev.example/news/tovarooborot"' in ru


def test_story_lead_uses_only_catalogue_facts(catalogue, week):
    data = json.loads(week.report(WEEK, fmt="json"))
    lead = {r["id"]: r for r in data["partnerships"]}[BREST_BRYANSK]["lead"]
    agreement = catalogue.partnerships[BREST_BRYANSK].agreements[0]
    line = lead["agreements"][0]
    assert agreement.signed in line and agreement.period in line
    assert all(str(n) in line for n in agreement.seed_lines)  # where the monograph records it
    assert "Брестская область" in line and "Брянская область" in line  # signatories by the entity they name
    assert "Брянская область и Брестская область готовят новый план мероприятий" in lead["angle"]


@pytest.fixture
def hostile(config_dir, tmp_path):
    """A story whose title is markup and whose link is javascript:, stored as the poller would."""
    (config_dir / "feeds.toml").write_text(feed_table("mogilev", "https://m.example/rss", outlet="=HYPERLINK(1)"), encoding="utf-8")
    monitor = Monitor(load_config(config_dir), tmp_path / "monitor.db", clock=lambda: END + timedelta(hours=5))
    title = '<script>alert(1)</script><img src=x onerror=alert(2)> =HYPERLINK("http://evil") [x](javascript:y)'
    entry = Entry(guid="g1", url="javascript:alert(3)", title=title, summary="", content="",
                  published=START + timedelta(days=1))
    ok = Entry(guid="g2", url="https://m.example/ok", title="Ordinary", summary="", content="",
               published=START + timedelta(days=1))
    for hour in range(0, 24 * 7, 12):
        monitor.store.record_poll("mogilev", "https://m.example/rss", START + timedelta(hours=hour), ok=True,
                                  entries=[(entry, None, "ru", (Match(MOGILEV_BRYANSK, 0.9),)),
                                           (ok, "https://m.example/ok", "ru", (Match(MOGILEV_ORYOL, 0.9),))] if hour == 0 else [])
    yield monitor
    monitor.close()


def test_feed_strings_are_escaped_and_only_http_links_survive(hostile):
    html = hostile.report(WEEK, fmt="html")
    assert "<script>" not in html and "<img" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html.replace("(javascript:y)", "")  # the title's text may say it; no link does
    assert 'href="javascript' not in html and 'href="https://m.example/ok"' in html
    md = hostile.report(WEEK, fmt="md")
    assert "<script>" not in md and "\\[x\\]" in md
    assert not re.search(r"(?<!\\)\]\(<?javascript", md)  # an escaped bracket is text, not a link
    data = json.loads(hostile.report(WEEK, fmt="json"))
    row = {r["id"]: r for r in data["partnerships"]}[MOGILEV_BRYANSK]
    assert row["status"] == "covered" and row["links"] == []
    rows = list(csv.reader(io.StringIO(hostile.report(WEEK, fmt="csv"))))
    assert rows[0][:4] == ["id", "belarusian_side", "partner", "status"]
    assert all(not cell.startswith(("=", "+", "@")) for line in rows for cell in line)


# --- ranking, pure ---------------------------------------------------------------------------------


def _report(catalogue, stories=None, scope=None):
    from monitor.records import Feed, FetchLogRow

    feed = Feed(id="national", url="https://n.example/rss", outlet="Агентство", country="BY", region="by-belarus",
                language="ru")
    log = [FetchLogRow("national", START + timedelta(hours=h), True) for h in range(0, 24 * 7, 6)]
    return compute_coverage(catalogue, (feed,), WEEK, "Europe/Minsk", stories or {}, log, {}, {},
                            now=END + timedelta(hours=5), tolerance_hours=6, scope=scope)


def test_an_anniversary_in_the_coming_weeks_outranks_plain_silence(catalogue):
    # Gomel–Pavlodar signed in 2016-11: ten years this month. Baranovichi–Glodeni has no date at all.
    rows = {r.coverage.partnership.id: r for r in rank(_report(catalogue), catalogue)}
    anniversary, undated = rows["by-gomel-oblast--kz-pavlodar-region"], rows["by-baranovichi-district--md-glodeni-district"]
    assert 0 < anniversary.priority < undated.priority
    assert "10 лет" in anniversary.why and "2016-11" in anniversary.why
    assert anniversary.lead is not None and "10 лет" in anniversary.lead.angle
    english = {r.coverage.partnership.id: r for r in rank(_report(catalogue), catalogue, lang="en")}
    assert "10 years" in english["by-gomel-oblast--kz-pavlodar-region"].why


def test_a_plan_in_force_that_ends_this_year_is_named(catalogue):
    rows = {r.coverage.partnership.id: r for r in rank(_report(catalogue), catalogue)}
    row = rows["by-belarus--kz-kazakhstan"]  # treaty and programme for 2017-2026
    assert "2017-2026" in row.why and "завершается в этом году" in row.why
    assert row.priority <= 10


def test_a_long_silence_after_the_last_story_is_counted_in_days(catalogue):
    week = _report(catalogue)
    item = next(i for i in week.partnerships if i.partnership.id == MOGILEV_ORYOL)
    from dataclasses import replace

    silent = replace(week, partnerships=tuple(replace(i, last_covered=date(2026, 8, 1)) if i is item else i
                                              for i in week.partnerships))
    row = {r.coverage.partnership.id: r for r in rank(silent, catalogue)}[MOGILEV_ORYOL]
    assert row.days_since == 113 and "113 дн." in row.why


def test_partner_side_coverage_in_earlier_weeks_ranks_a_gap_this_week(catalogue):
    story = Story(7, "bryansk", "Брянский вестник", "План", "https://b.example/p", START - timedelta(days=10), "partner")
    earlier = _report(catalogue, {BREST_BRYANSK: [story]})
    now = _report(catalogue)
    rows = {r.coverage.partnership.id: r for r in rank(now, catalogue, trends=trends([earlier, now]))}
    row = rows[BREST_BRYANSK]
    assert row.coverage.status == "gap" and "Брянский вестник" in row.why and row.priority <= 10


def test_chart_has_one_bar_per_week_with_its_numbers():
    from monitor.records import WeekCounts, Window

    weeks = [WeekCounts(Window(date(2026, 11, 2), date(2026, 11, 8)), 3, 5, 2),
             WeekCounts(Window(date(2026, 11, 9), date(2026, 11, 15)), 0, 0, 10)]
    svg = chart_svg(weeks)
    assert svg.startswith("<svg") and "2026-11-02: освещено 3" in svg and "2026-11-09: нет данных 10" in svg
    assert "2026-11-09: освещено" not in svg


def _weeks(*counts):
    from monitor.records import WeekCounts, Window

    start = date(2026, 11, 2)
    return [WeekCounts(Window(start + timedelta(weeks=i), start + timedelta(weeks=i, days=6)), *c)
            for i, c in enumerate(counts)]


def test_bars_stack_the_week_counts_as_shares_of_the_drawing_area():
    frame = chart.Frame(width=404, height=134, top=10, bottom=24, left=4)  # inner 100, step 100
    bars = chart.bars(_weeks((3, 5, 2), (0, 0, 10), (0, 0, 0), (1, 1, 0)), frame)
    assert [(b.x, b.width) for b in bars] == [(4, 70), (104, 70), (204, 70), (304, 70)]
    first = bars[0].segments
    assert [(s.status, s.value, s.y, s.height) for s in first] == [
        ("not_collected", 2, 10, 20), ("gap", 5, 30, 50), ("covered", 3, 80, 30)]
    assert first[-1].y + first[-1].height == frame.baseline  # covered stands on the baseline
    assert [(s.status, s.height) for s in bars[1].segments] == [("not_collected", 100)]
    assert bars[2].segments == ()  # a week with nothing in scope draws nothing
    assert [(s.status, s.y, s.height) for s in bars[3].segments] == [("gap", 10, 50), ("covered", 60, 50)]


def test_the_svg_draws_the_bars_the_geometry_computes():
    weeks = _weeks((3, 5, 2), (0, 0, 10))
    svg = chart_svg(weeks)
    drawn = re.findall(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="(#\w+)"><title>', svg)
    expected = [(f"{b.x:.1f}", f"{s.y:.1f}", f"{b.width:.1f}", f"{s.height:.1f}", chart.COLOURS[s.status])
                for b in chart.bars(weeks) for s in b.segments]
    assert drawn == expected and len(drawn) == 4


def test_the_email_html_shows_the_chart_as_a_cid_image_with_its_figures(catalogue):
    from monitor.records import CoverageReport, Window

    now = _report(catalogue)
    before = CoverageReport(window=Window(now.window.start - timedelta(days=7), now.window.end - timedelta(days=7)),
                            scope=now.scope, partnerships=now.partnerships, feeds_collected=1, feeds_failing=0)
    html = render(now, catalogue, "html", lang="en", history=[before, now])
    weeks = weeks_from_json(json.loads(render(now, catalogue, "json", history=[before, now])))
    mail, png = email_html(html, weeks, "en", "chart.1@example")
    assert html.count("<svg") == 1 and "<svg" not in mail and png.startswith(b"\x89PNG\r\n\x1a\n")
    assert '<img src="cid:chart.1@example"' in mail and chart_alt(weeks, "en") in mail
    assert chart_alt(weeks, "en").startswith(f"2 weeks: covered {weeks[0].covered},{weeks[1].covered}; gaps ")
    start = mail.index("<img")
    end = mail.index("</table>", start) + len("</table>")  # the image and its table of weeks replace the SVG
    assert mail[:start] + mail[end:] == html.replace(chart_svg(weeks, "en"), "")
    assert email_html(render(now, catalogue, "html"), weeks[-1:], "ru", "x") == (render(now, catalogue, "html"), None)


def test_markdown_report_lists_the_top_gaps_with_leads(catalogue):
    md = render(_report(catalogue), catalogue, "md")
    assert "## Что осветить в первую очередь" in md
    assert md.count("   - Тема:") == 5  # a lead for each of the top five
    assert "полный список в CSV и JSON" in md
