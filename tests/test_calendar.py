"""The planning calendar: read back with icalendar, as a calendar app reads it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

import icalendar
import pytest

from monitor.app import Monitor
from monitor.calendar import to_ical, upcoming
from monitor.cli import run_cli
from monitor.config import load_config
from monitor.coverage import in_scope
from monitor.records import Agreement, Catalogue, Entry, Match, Partnership

from .conftest import feed_table

TODAY = date(2026, 12, 7)
UNTIL = date(2027, 12, 6)  # twelve months
A, B, C = "by-mogilev-oblast", "ru-bryansk-oblast", "kz-pavlodar-region"


def plan_catalogue(catalogue) -> Catalogue:
    agreements = (
        Agreement("cooperation agreement", "2016-12-15", None, "in force", ("Mogilev Oblast", "Bryansk Oblast"),
                  ("trade", "space")),  # 10 years on 15 December 2026
        Agreement("twinning", "2012-03", None, "signed"),  # 15 years in March 2027, day not recorded
        Agreement("memorandum", "2019-05-02", None, "signed"),  # 7 and 8 years: not round
        Agreement("action plan", "2025", "2025-2026", "in force"),  # ends 31 December 2026
        Agreement("programme", "2026-10", "2027-2029", "signed"),  # begins 1 January 2027
        Agreement("road map", "2024", "2024-2028", "in force"),  # ends after the horizon
        Agreement("contract", "2027-02-20", None, "planned"),  # a signing planned for a day
    )
    plans = Partnership(f"{A}--{B}", A, B, "interregional", agreements, ("trade",))
    other = Partnership(f"{A}--{C}", A, C, "interregional", (Agreement("memorandum", "2017-01-20", None, "signed"),))
    retired = Partnership(f"{A}--by-x", A, C, "interregional", (Agreement("memorandum", "2017-01-20", None, "signed"),),
                          retired=True)
    return replace(catalogue, partnerships={p.id: p for p in (plans, other, retired)})


def parse(ics: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(ics)


def test_round_anniversaries_and_plan_dates_of_the_next_twelve_months(catalogue):
    events = upcoming(plan_catalogue(catalogue), TODAY, UNTIL, "ru", last_covered={f"{A}--{B}": date(2026, 11, 18)},
                      dashboard_url="https://monitor.example/")
    cal = parse(to_ical(events, "ru", now=datetime(2026, 12, 7, 6, tzinfo=timezone.utc)))
    got = [(e["UID"].split("-")[0], e.decoded("DTSTART"), e.decoded("DTEND")) for e in cal.walk("VEVENT")]
    assert got == [
        ("anniversary", date(2026, 12, 15), date(2026, 12, 16)),
        ("plan_end", date(2026, 12, 31), date(2027, 1, 1)),
        ("plan_start", date(2027, 1, 1), date(2027, 1, 2)),
        ("anniversary", date(2027, 1, 20), date(2027, 1, 21)),  # the other partnership's 10th
        ("planned", date(2027, 2, 20), date(2027, 2, 21)),
        ("anniversary", date(2027, 3, 1), date(2027, 3, 2)),  # the month's first: only the month is known
    ]
    first = cal.walk("VEVENT")[0]
    assert f"{A}--{B}" in first["UID"]  # names the partnership
    assert str(first["SUMMARY"]) == "Могилёвская область — Брянская область: 10 лет документу «соглашение о сотрудничестве»"
    description = str(first["DESCRIPTION"])
    assert "2016-12-15, действует: Могилёвская область, Брянская область; темы: торговля, космос" in description
    assert "последняя публикация: 2026-11-18" in description
    assert str(first["URL"]) == f"https://monitor.example/partnerships/{A}--{B}"
    march = cal.walk("VEVENT")[-1]
    assert "годовщина — март 2027; день подписания в каталоге не указан" in str(march["DESCRIPTION"])
    assert "публикаций не найдено" in str(cal.walk("VEVENT")[3]["DESCRIPTION"])
    # The editors' time zone, declared so calendar apps place the days in Minsk.
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Minsk"]
    assert str(cal["X-WR-TIMEZONE"]) == "Europe/Minsk"
    assert len({str(e["UID"]) for e in cal.walk("VEVENT")}) == 6


def test_the_calendar_follows_the_scope_and_the_language(catalogue):
    plans = plan_catalogue(catalogue)
    kz = upcoming(plans, TODAY, UNTIL, "en", scope={"partner_country": ["KZ"]})
    assert [e.partnership_id for e in kz] == [f"{A}--{C}"]
    assert kz[0].summary == "Mogilev Oblast — Pavlodar Region: 10 years of the memorandum"
    assert kz[0].url.endswith("?lang=en")
    be = upcoming(plans, TODAY, UNTIL, "be", scope={"region": ["by-gomel-oblast"]})
    assert be == []
    be = upcoming(plans, TODAY, UNTIL, "be")
    assert be[0].summary.startswith("Магілёўская вобласць — Бранская вобласць: 10 гадоў")


def test_the_calendar_command_and_deliver_keep_calendars_in_the_reports_folder(config_dir, tmp_path, capsys, catalogue):
    settings = (config_dir / "settings.toml").read_text(encoding="utf-8")
    (config_dir / "settings.toml").write_text(
        'dashboard_url = "https://monitor.example"\n'
        + settings.replace('reports_dir = "reports"', f'reports_dir = "{(tmp_path / "out").as_posix()}"'), encoding="utf-8")
    (config_dir / "feeds.toml").write_text(feed_table("mogilev", "https://m.example/rss"), encoding="utf-8")
    (config_dir / "subscriptions.toml").write_text(
        '[[subscriptions]]\nrecipient = "editor@mogilev.example"\nregions = ["by-mogilev-oblast"]\nlang = "be"\n',
        encoding="utf-8")
    db = tmp_path / "monitor.db"
    output = tmp_path / "plan.ics"
    # The catalogue's Gomel–Pavlodar agreement (November 2016) turns ten in November 2026.
    with Monitor(load_config(config_dir), db, clock=lambda: datetime(2026, 10, 1, 9, tzinfo=timezone.utc)) as monitor:
        story = Entry(guid="g", url="https://m.example/1", title="Гомель и Павлодар", summary="", content="",
                      published=datetime(2026, 9, 20, 8, tzinfo=timezone.utc))
        monitor.store.record_poll("mogilev", "https://m.example/rss", datetime(2026, 9, 20, 9, tzinfo=timezone.utc),
                                  ok=True, entries=[(story, story.url, "ru", (Match("by-gomel-oblast--kz-pavlodar-region", 0.9),))])
        events = monitor.calendar_events(12, {"region": "by-gomel-oblast"})
        pavlodar = [e for e in events if e.partnership_id == "by-gomel-oblast--kz-pavlodar-region"]
        assert [(e.kind, e.day) for e in pavlodar] == [("anniversary", date(2026, 11, 1))]
        assert "последняя публикация: 2026-09-20" in pavlodar[0].description
        plan_ends = [e for e in monitor.calendar_events(15) if e.kind == "plan_end"]
        assert "by-belarus--kz-kazakhstan" in {e.partnership_id for e in plan_ends}  # its 2017-2026 programme
        written = monitor.write_calendars()
    assert sorted(p.name for p in written) == ["calendar-by-mogilev-oblast.be.ics", "calendar.ics"]
    mogilev = parse((tmp_path / "out" / "calendar-by-mogilev-oblast.be.ics").read_bytes())
    pids = {str(e["UID"]).split("@")[0].split("-", 5)[5] for e in mogilev.walk("VEVENT")}
    assert pids and all(in_scope(catalogue, pid, {"region": ["by-mogilev-oblast"]}) for pid in pids)

    assert run_cli(["--config", str(config_dir), "--db", str(db), "calendar", "--region", "by-gomel-oblast",
                    "--months", "12", "--lang", "en", "--output", str(output)]) == 0
    cal = parse(output.read_bytes())
    pids = {str(e["UID"]).split("@")[0].split("-", 5)[5] for e in cal.walk("VEVENT")}
    assert pids and all(in_scope(catalogue, pid, {"region": "by-gomel-oblast"}) for pid in pids)
    assert "written to" in capsys.readouterr().err
    assert run_cli(["--config", str(config_dir), "--db", str(db), "calendar", "--region", "by-nowhere",
                    "--output", str(output)]) == 1
    assert "unknown region 'by-nowhere'" in capsys.readouterr().err


@pytest.mark.parametrize("signed, today, expected", [
    ("2016-02-29", date(2026, 1, 1), date(2026, 2, 28)),  # a leap day falls on the 28th
    ("2021-12", date(2026, 12, 20), date(2026, 12, 1)),  # this month's, day not recorded: still shown
])
def test_awkward_signing_dates(catalogue, signed, today, expected):
    p = Partnership(f"{A}--{B}", A, B, "interregional", (Agreement("memorandum", signed, None, "signed"),))
    events = upcoming(replace(catalogue, partnerships={p.id: p}), today, date(today.year + 1, 1, 31))
    assert [e.day for e in events] == [expected]


def test_deliver_keeps_the_calendar_in_the_reports_folder(config_dir, tmp_path, capsys):
    settings = (config_dir / "settings.toml").read_text(encoding="utf-8")
    (config_dir / "settings.toml").write_text(
        settings.replace('reports_dir = "reports"', f'reports_dir = "{(tmp_path / "out").as_posix()}"'), encoding="utf-8")
    (config_dir / "feeds.toml").write_text(feed_table("mogilev", "https://m.example/rss"), encoding="utf-8")
    assert run_cli(["--config", str(config_dir), "--db", str(tmp_path / "m.db"), "deliver", "--week", "2026-W47"]) == 0
    assert "calendar.ics" in capsys.readouterr().out
    cal = parse((tmp_path / "out" / "calendar.ics").read_bytes())
    assert str(cal["X-WR-CALNAME"]) == "Календарь партнёрств" and cal.walk("VEVENT")
    assert (tmp_path / "out" / "report-2026-W47.outlets.csv").read_text(encoding="utf-8").startswith("id,outlet,")
