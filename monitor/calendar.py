"""A planning calendar: what a newsroom can plan a story around, as iCalendar (RFC 5545).

From the catalogue only: round anniversaries of signings (5, 10, 15 ... years; on the signing day,
or on the first of its month when the catalogue records only the month), the start and the end of
plans and programmes in force, and signings the catalogue records as planned for a known day. Each
event names its partnership in the UID (stable, so a calendar app updates an event instead of
adding it twice), says what the agreement is about and when the partnership was last covered, and
links its dashboard page. Events are whole days in the editors' time zone (Europe/Minsk), which the
file declares. `upcoming` is pure; `to_ical` writes the file with the icalendar library.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Iterable, Mapping

import icalendar

from . import vocabulary
from .coverage import in_scope
from .records import Agreement, Catalogue
from .report import STRINGS, agreement_line, parse_period, parse_signed

ROUND_YEARS = 5  # a fifth, tenth, fifteenth ... anniversary is an occasion the press marks
DEFAULT_DASHBOARD = "http://127.0.0.1:8080"  # `monitor serve`'s own address when no public one is set
PRODID = "-//partnership-monitor//planning calendar//EN"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str  # names the partnership, the agreement and the occasion
    partnership_id: str
    kind: str  # anniversary, plan_start, plan_end, planned
    day: date  # the day it falls on (the first of the month when only the month is known)
    month_only: bool  # the catalogue records the signing's month, not its day
    summary: str
    description: str
    url: str


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def partnership_url(base: str | None, partnership_id: str, lang: str) -> str:
    url = f"{(base or DEFAULT_DASHBOARD).rstrip('/')}/partnerships/{partnership_id}"
    return url if lang == "ru" else f"{url}?lang={lang}"


def _occasions(agreement: Agreement, start: date, end: date) -> Iterable[tuple[str, date, bool, dict]]:
    """(kind, day, month only, words) for each occasion of one agreement within [start, end]."""
    year, month, day = parse_signed(agreement.signed)
    if year is not None and month is not None and agreement.status != "planned":
        for when_year in range(start.year, end.year + 1):
            years = when_year - year
            if years <= 0 or years % ROUND_YEARS:
                continue
            try:
                when = date(when_year, month, day or 1)
            except ValueError:  # 29 February in a common year
                when = date(when_year, month, 28)
            if start <= when <= end or (day is None and start <= add_months(when, 1) - timedelta(days=1) and when <= end):
                yield "anniversary", when, day is None, {"years": years}
    if year is not None and month is not None and day is not None and agreement.status == "planned":
        when = date(year, month, day)
        if start <= when <= end:
            yield "planned", when, False, {}
    period = parse_period(agreement.period)
    if period and agreement.status != "planned" and period[1] >= start.year:
        first, last = date(period[0], 1, 1), date(period[1], 12, 31)
        if start <= first <= end:
            yield "plan_start", first, False, {}
        if start <= last <= end:
            yield "plan_end", last, False, {}


def upcoming(catalogue: Catalogue, start: date, end: date, lang: str = "ru", scope: Mapping | None = None,
             last_covered: Mapping[str, date] | None = None, dashboard_url: str | None = None) -> list[CalendarEvent]:
    """Every occasion between start and end (inclusive) for the partnerships in scope, by day."""
    t = STRINGS[lang]
    scope = scope or {}
    last_covered = last_covered or {}
    events = []
    for pid, partnership in catalogue.partnerships.items():
        if partnership.retired or not in_scope(catalogue, pid, scope):
            continue
        pair = (f"{vocabulary.entity_name(catalogue, partnership.a, lang)} — "
                f"{vocabulary.entity_name(catalogue, partnership.b, lang)}")
        url = partnership_url(dashboard_url, pid, lang)
        covered = last_covered.get(pid)
        for index, agreement in enumerate(partnership.agreements):
            kind_name = vocabulary.agreement_type(agreement.type, lang)
            for kind, day, month_only, words in _occasions(agreement, start, end):
                summary = t[f"cal_{kind}"].format(pair=pair, kind=kind_name, period=agreement.period, **words)
                lines = [agreement_line(agreement, lang, catalogue)]
                if month_only:
                    lines.append(t["cal_month"].format(month=vocabulary.month(day.month, day.year, lang)))
                lines.append(f"{t['last_covered']}: {covered.isoformat() if covered else t['never']}")
                lines.append(f"{t['cal_page']}: {url}")
                events.append(CalendarEvent(
                    uid=f"{kind}-{day.isoformat()}-{index}-{pid}@partnership-monitor", partnership_id=pid, kind=kind,
                    day=day, month_only=month_only, summary=summary, description="\n".join(lines), url=url))
    return sorted(events, key=lambda e: (e.day, e.partnership_id, e.uid))


def to_ical(events: Iterable[CalendarEvent], lang: str = "ru", tz: str = "Europe/Minsk",
            now: datetime | None = None) -> bytes:
    """The events as an .ics file an editor subscribes to in Outlook, Google or Apple Calendar."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", STRINGS[lang]["cal_name"])
    calendar.add("x-wr-timezone", tz)
    calendar.add_component(icalendar.Timezone.from_tzid(tz))
    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    for item in events:
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)  # a whole day, as calendars show anniversaries
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", item.summary)
        event.add("description", item.description)
        event.add("url", item.url)
        event.add("categories", [STRINGS[lang]["cal_kind"][item.kind]])
        event.add("transp", "TRANSPARENT")  # a reminder to plan, not a busy hour
        calendar.add_component(event)
    return calendar.to_ical()
