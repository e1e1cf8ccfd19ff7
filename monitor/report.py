"""Ranking gaps, story leads, and rendering a coverage report as Markdown, HTML, CSV or JSON.

Facts come only from the catalogue and the stored articles; a sentence here never states something
neither of them holds (an angle is a question to ask, not a claim). Ranking is a pure function of
the report, its history and the catalogue, dated by the window (the day after it ends is "today"),
so the same window always gives the same report. The JSON form is a stable interface read by other
tools: its documented keys keep their names and meaning; new keys may be added.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta, timezone
from pathlib import Path
from typing import Sequence
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from . import chart
from .coverage import week_counts
from .records import (Agreement, Catalogue, CoverageReport, PartnershipCoverage, Story, Trend, WeekCounts,
                      Window)
from .spreadsheet import to_cell

FORMATS = ("md", "html", "csv", "json")
REPORT_LANGUAGES = ("ru", "en")
TEMPLATES = Path(__file__).resolve().parent / "templates"
TOP = 10  # gaps shown in full: what an editor reads in two minutes
MORE = 12  # further gaps named in one paragraph; the CSV and JSON list them all
LEADS = 5  # of those, how many get a story lead
RECENT_YEARS = 3  # an agreement signed this recently is still news
ANNIVERSARY_DAYS = 42  # "the coming weeks": six weeks is time enough to plan a story
PLAN_TYPES = {"action plan", "road map", "programme"}

STRINGS = {
    "ru": {
        "title": "Освещение партнёрств в СМИ", "window": "Период", "scope": "Охват", "everything": "все партнёрства",
        "covered": "освещено", "gap": "пробел", "not_collected": "нет данных",
        "act": "Что осветить в первую очередь", "covered_h": "Освещённые партнёрства",
        "more_gaps": "Другие пробелы", "more_gaps_tail": "и ещё {n}: полный список в CSV и JSON",
        "not_collected_h": "Нет данных: ленты не собраны", "stories": "публикаций", "outlets": "СМИ",
        "last_covered": "последняя публикация", "days_ago": "{days} дн. назад", "never": "публикаций не найдено",
        "feeds": "Ленты", "feeds_line": "собрано {collected}, с ошибками {failing}", "why": "почему",
        "no_feed": "ни одна лента не следит за этим партнёрством",
        "down": "лента «{outlet}» не собиралась {hours} ч ({error})",
        "summary": "Освещено: {covered}, пробелов: {gap}, нет данных: {not_collected}",
        "delta": "освещено на {delta:+d} к предыдущей неделе",
        "partner_side": "сторона партнёра", "belarusian_side": "белорусская сторона",
        "sides": "белорусская сторона: {by}, сторона партнёра: {partner}",
        "trend": "недель с публикациями: {c4} из {n4} собранных за 4 нед., {c12} из {n12} за 12 нед.",
        "chart": "Освещение по неделям", "lead": "Для редакции", "agreements": "Документы",
        "partner_published": "Что писала сторона партнёра", "angle": "Тема", "monograph": "монография, строки {lines}",
        "date_unknown": "дата не указана", "period": "период {period}", "topics": "темы",
        "not_collected_feed": "«{outlet}»: не собиралась {hours} ч ({error}); партнёрств без данных: {n}",
        "partnerships": "партнёрства", "no_gaps": "Пробелов нет.", "none": "—",
        "chart_alt": "Недель: {n}; освещено: {covered}; пробелы: {gap}; нет данных: {not_collected}",
        "cause_errors": "ошибки сервера", "cause_not_polled": "монитор не опрашивал ленту",
        "cause_rolled_over": "лента сменилась целиком между опросами (хранит около {held} ч; опрос раз в {gap} ч)",
        "cause_empty": "лента пришла пустой", "cause_before_first_poll": "до первого опроса",
        "times": "{n} раз",
    },
    "en": {
        "title": "Media coverage of partnerships", "window": "Window", "scope": "Scope", "everything": "all partnerships",
        "covered": "covered", "gap": "gap", "not_collected": "not collected",
        "act": "Cover these first", "covered_h": "Covered partnerships",
        "more_gaps": "Other gaps", "more_gaps_tail": "and {n} more: the full list is in the CSV and JSON",
        "not_collected_h": "Not collected: feeds were not collected", "stories": "stories", "outlets": "outlets",
        "last_covered": "last covered", "days_ago": "{days} days ago", "never": "no story found",
        "feeds": "Feeds", "feeds_line": "{collected} collected, {failing} failing", "why": "why",
        "no_feed": "no feed watches this partnership",
        "down": "feed “{outlet}” not collected for {hours} h ({error})",
        "summary": "Covered: {covered}, gaps: {gap}, not collected: {not_collected}",
        "delta": "covered {delta:+d} on the week before",
        "partner_side": "partner side", "belarusian_side": "Belarusian side",
        "sides": "Belarusian side: {by}, partner side: {partner}",
        "trend": "weeks with stories: {c4} of {n4} collected in 4 weeks, {c12} of {n12} in 12 weeks",
        "chart": "Coverage by week", "lead": "Story lead", "agreements": "Agreements",
        "partner_published": "What the partner side published", "angle": "Angle", "monograph": "monograph, lines {lines}",
        "date_unknown": "date not stated", "period": "period {period}", "topics": "topics",
        "not_collected_feed": "“{outlet}”: not collected for {hours} h ({error}); partnerships without data: {n}",
        "partnerships": "partnerships", "no_gaps": "No gaps.", "none": "—",
        "chart_alt": "{n} weeks: covered {covered}; gaps {gap}; not collected {not_collected}",
        "cause_errors": "server errors", "cause_not_polled": "the monitor did not poll",
        "cause_rolled_over": "the feed rolled over between polls (it holds about {held} h; polled every {gap} h)",
        "cause_empty": "the feed came back empty", "cause_before_first_poll": "before the first poll",
        "times": "{n} times",
    },
}

AGREEMENT_RU = {"cooperation agreement": "соглашение о сотрудничестве", "other": "договорённость",
                "twinning": "побратимство", "contract": "договор", "programme": "программа", "action plan": "план мероприятий",
                "protocol": "протокол", "memorandum": "меморандум", "treaty": "договор", "road map": "дорожная карта"}
STATUS_RU = {"signed": "подписано", "in force": "действует", "planned": "планируется", "other": "иное"}
TOPIC_RU = {"economy": "экономика", "trade": "торговля", "industry": "промышленность", "science": "наука",
            "agriculture": "сельское хозяйство", "culture": "культура", "education": "образование",
            "transport": "транспорт", "health": "здравоохранение", "media": "СМИ", "construction": "строительство",
            "investment": "инвестиции", "technology": "технологии", "tourism": "туризм", "sport": "спорт",
            "social": "социальная сфера", "innovation": "инновации", "humanitarian": "гуманитарная сфера",
            "energy": "энергетика", "machine tools": "станкостроение", "housing": "ЖКХ", "engineering": "машиностроение",
            "youth": "молодёжь", "forestry": "лесное хозяйство", "logistics": "логистика", "history": "история",
            "environment": "экология", "ecology": "экология", "exhibitions": "выставки", "pharmacy": "фармацевтика"}
STATUS_ORDER = {"gap": 0, "covered": 1, "not_collected": 2}


# --- ranking -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lead:
    """What a reporter needs to start: the agreements, what the partner side published, an angle."""

    agreements: tuple[str, ...]  # one line per agreement, newest first, from the catalogue
    partner_stories: tuple[Story, ...]  # from the stored articles
    angle: str


@dataclass(frozen=True)
class RankedRow:
    coverage: PartnershipCoverage
    name_a: str
    name_b: str
    priority: int  # 1 is the partnership to act on first; 0 for rows with nothing to act on
    why: str
    trend: Trend | None = None
    days_since: int | None = None  # from the last story to the window's last day
    lead: Lead | None = None

    @property
    def side_counts(self) -> dict[str, int]:
        sides = [story.side for story in self.coverage.stories]
        return {"belarusian": sides.count("belarusian"), "partner": sides.count("partner")}

    @property
    def partner_only(self) -> bool:
        """Covered only by the partner side's press: for Belarusian editors, still a gap."""
        counts = self.side_counts
        return self.coverage.status == "covered" and counts["partner"] > 0 and counts["belarusian"] == 0


def parse_signed(signed: str | None) -> tuple[int | None, int | None, int | None]:
    """'2016-11' → (2016, 11, None): as precise as the monograph is, no more."""
    parts = [int(p) for p in re.findall(r"\d+", signed or "")[:3]]
    parts += [None] * (3 - len(parts))
    year, month, day = parts
    if year is None or not 1900 < year < 2200:
        return None, None, None
    return year, month if month and 1 <= month <= 12 else None, day if month and day and 1 <= day <= 31 else None


def parse_period(period: str | None) -> tuple[int, int] | None:
    years = [int(y) for y in re.findall(r"(?:19|20)\d\d", period or "")]
    return (min(years), max(years)) if years else None


def _signals(row_coverage: PartnershipCoverage, trend: Trend | None, today: date,
             lang: str) -> tuple[float, list[tuple[float, str]], str]:
    """(score, [(weight, reason)], angle) for one partnership; reasons and the angle use only
    catalogue facts and stored stories. Each kind of reason counts once, at its strongest, so a
    partnership with ten old agreements does not outrank one with a single fresh reason."""
    en = lang == "en"
    p = row_coverage.partnership
    reasons: list[tuple[str, float, str]] = []
    angles: list[tuple[float, str]] = []

    stories = row_coverage.stories
    partner_now = [s for s in stories if s.side == "partner"]
    if partner_now and not any(s.side == "belarusian" for s in stories):
        outlets = ", ".join(sorted({s.outlet for s in partner_now}))
        reasons.append(("partner", 5, f"the partner side published ({outlets}), the Belarusian side did not" if en
                        else f"писала только сторона партнёра ({outlets}), белорусские СМИ — нет"))
        story = partner_now[0]
        angles.append((5, (f"The partner side has told its side (“{story.title}”, {story.outlet}); the Belarusian side of this story is untold."
                           if en else f"Сторона партнёра уже рассказала о своём («{story.title}», {story.outlet}); белорусская сторона этой истории не рассказана.")))
    elif trend and trend.partner_stories and not trend.belarusian_stories and not stories:
        outlets = ", ".join(sorted({s.outlet for s in trend.partner_stories}))
        reasons.append(("partner", 4, f"in recent weeks only the partner side published ({outlets})" if en
                        else f"в последние недели писала только сторона партнёра ({outlets})"))
        story = trend.partner_stories[-1]
        angles.append((3, (f"The partner side published “{story.title}” ({story.outlet}); what happened since, seen from Belarus?"
                           if en else f"Сторона партнёра писала: «{story.title}» ({story.outlet}). Что с тех пор произошло, глазами белорусской стороны?")))

    for agreement in p.agreements:
        kind = agreement.type if en else AGREEMENT_RU.get(agreement.type, agreement.type)
        year, month, day = parse_signed(agreement.signed)
        if year is None:
            continue
        age = today.year - year
        if month is not None:
            anniversary = _anniversary(year, month, day or 1, today)
            years = anniversary.year - year
            if years > 0 and years % 5 == 0 and (today - timedelta(days=31 if day is None else 0)) <= anniversary <= today + timedelta(days=ANNIVERSARY_DAYS):
                when = _month(anniversary, lang) if day is None else anniversary.isoformat()
                reasons.append(("anniversary", 5, f"{years} years of the {kind} ({agreement.signed}) in {when}" if en
                                else f"{years} лет документу «{kind}» ({agreement.signed}): годовщина — {when}"))
                angles.append((4, (f"{years} years since the {kind} was signed ({agreement.signed}): what has it delivered"
                                   f"{' in ' + ', '.join(agreement.topics) if agreement.topics else ''}?" if en else
                                   f"{years} лет со дня подписания ({kind}, {agreement.signed}): что сделано"
                                   f"{' — ' + ', '.join(_topic(t, lang) for t in agreement.topics) if agreement.topics else ''}?")))
        elif age > 0 and age % 5 == 0:
            reasons.append(("round_year", 1.5, f"{age} years of the {kind} this year ({year})" if en
                            else f"в {today.year} году {age} лет документу «{kind}» ({year})"))
        if 0 <= age < RECENT_YEARS:
            reasons.append(("recent", 4, f"{kind} signed recently ({agreement.signed})" if en
                            else f"«{kind}» подписано недавно ({agreement.signed})"))
            angles.append((3, f"The {kind} was signed in {agreement.signed}: what has changed since?" if en
                           else f"«{kind}» подписано в {agreement.signed}: что изменилось с тех пор?"))

    for agreement in p.agreements:
        kind = agreement.type if en else AGREEMENT_RU.get(agreement.type, agreement.type)
        period = parse_period(agreement.period)
        if period and period[0] <= today.year <= period[1] and agreement.status != "planned":
            ends = period[1] == today.year
            reasons.append(("plan", 4, f"{kind} for {agreement.period} in force{' and ending this year' if ends else ''}" if en
                            else f"действует {kind} на {agreement.period}{', завершается в этом году' if ends else ''}"))
            angles.append((3.5 if ends else 2.5, (
                f"The {kind} for {agreement.period} ends this year: what was done, and what comes next?" if ends and en else
                f"{kind.capitalize()} на {agreement.period} завершается в этом году: что выполнено и что дальше?" if ends else
                f"The {kind} for {agreement.period} is in force: how is it being carried out?" if en else
                f"Действует {kind} на {agreement.period}: как он выполняется?")))
        elif period and period[1] < today.year and agreement.type in PLAN_TYPES:
            reasons.append(("expired", 0.5, f"{kind} for {agreement.period} has run out" if en
                            else f"срок документа «{kind}» ({agreement.period}) истёк"))
            angles.append((1, f"The {kind} for {agreement.period} has run out: was it renewed?" if en
                           else f"Срок документа «{kind}» ({agreement.period}) истёк: продлено ли сотрудничество?"))
        elif agreement.status == "in force" and agreement.type in PLAN_TYPES:
            reasons.append(("in_force", 2, f"{kind} in force" if en else f"действует {kind}"))

    days = None
    if row_coverage.last_covered is not None and row_coverage.status != "covered":
        days = (today - timedelta(days=1) - row_coverage.last_covered).days
        if days >= 28:
            reasons.append(("silence", min(days / 30, 4), f"last covered {days} days ago" if en else f"последняя публикация {days} дн. назад"))
    silent = trend.silent_weeks if trend else (1 if row_coverage.status == "gap" else 0)
    if row_coverage.last_covered is None and silent:
        reasons.append(("silence", min(silent / 2, 3), f"no story in {silent} week(s) of monitoring" if en
                        else f"ни одной публикации за {silent} нед. наблюдения"))
    level_bonus = {"intergovernmental": 1.0, "interregional": 1.0, "municipal": 0.5}.get(p.level, 0.0)
    strongest: dict[str, tuple[float, str]] = {}
    for kind, weight, text in reasons:
        if kind not in strongest or weight > strongest[kind][0]:
            strongest[kind] = (weight, text)
    score = sum(weight for weight, _ in strongest.values()) + level_bonus
    topics = ", ".join(_topic(t, lang) for t in (p.topics or ())[:3])
    default_angle = (f"How is cooperation going{' in ' + topics if topics else ''}?" if en
                     else f"Как сегодня идёт сотрудничество{' (' + topics + ')' if topics else ''}?")
    angle = max(angles, key=lambda a: a[0])[1] if angles else default_angle
    return score, list(strongest.values()), angle


def _anniversary(year: int, month: int, day: int, today: date) -> date:
    """The next (or current month's) anniversary of a signing on or after today's month."""
    for candidate_year in (today.year, today.year + 1):
        try:
            candidate = date(candidate_year, month, min(day, 28 if month == 2 else day))
        except ValueError:
            candidate = date(candidate_year, month, 28)
        if (candidate.year, candidate.month) >= (today.year, today.month):
            return candidate
    return date(today.year + 1, month, 1)


MONTHS_RU = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
             "ноябрь", "декабрь")


def _month(day: date, lang: str) -> str:
    return day.strftime("%B %Y") if lang == "en" else f"{MONTHS_RU[day.month - 1]} {day.year}"


def stories_label(n: int, lang: str) -> str:
    """'1 публикация', '3 публикации', '5 публикаций': Russian counts agree with their noun."""
    if lang == "en":
        return f"{n} {'story' if n == 1 else 'stories'}"
    if n % 10 == 1 and n % 100 != 11:
        return f"{n} публикация"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return f"{n} публикации"
    return f"{n} публикаций"


def _topic(topic: str, lang: str) -> str:
    return topic if lang == "en" else TOPIC_RU.get(topic, topic)


def rank(report: CoverageReport, catalogue: Catalogue, today: date | None = None, lang: str = "ru",
         trends: dict[str, Trend] | None = None) -> list[RankedRow]:
    """Order what an editor should act on first, each with a one-line reason. Gaps are acted on,
    and so is a partnership only the partner side's press covered. `today` defaults to the day
    after the window, the Monday a weekly report is read."""
    today = today or report.window.end + timedelta(days=1)
    trends = trends or {}
    scored = []
    for item in report.partnerships:
        trend = trends.get(item.partnership.id)
        score, reasons, angle = _signals(item, trend, today, lang)
        scored.append((score, reasons, angle, item, trend))
    rows: list[RankedRow] = []
    for score, reasons, angle, item, trend in scored:
        days = (report.window.end - item.last_covered).days if item.last_covered else None
        rows.append(RankedRow(item, _name(catalogue, item.partnership.a, lang), _name(catalogue, item.partnership.b, lang),
                              0, "", trend, days))
    actionable = sorted((i for i, row in enumerate(rows) if row.coverage.status == "gap" or row.partner_only),
                        key=lambda i: (-scored[i][0], rows[i].coverage.partnership.id))
    priority = {i: n for n, i in enumerate(actionable, 1)}
    t = STRINGS[lang]
    ranked = []
    for i, row in enumerate(rows):
        score, reasons, angle, item, trend = scored[i]
        if i in priority:
            top = [text for _, text in sorted(reasons, key=lambda r: -r[0])[:3]]
            why = "; ".join(top) or (t["never"] if item.last_covered is None else t["gap"])
            lead = _lead(item, trend, angle, lang) if priority[i] <= LEADS else None
        elif item.status == "not_collected":
            why, lead = _not_collected_reason(item, lang), None
        else:
            counts = row.side_counts
            why, lead = f"{stories_label(len(item.stories), lang)}: " + t["sides"].format(by=counts["belarusian"], partner=counts["partner"]), None
        ranked.append(RankedRow(item, row.name_a, row.name_b, priority.get(i, 0), why, trend, row.days_since, lead))
    return sorted(ranked, key=lambda r: (r.priority == 0, r.priority, STATUS_ORDER[r.coverage.status], r.coverage.partnership.id))


def _lead(item: PartnershipCoverage, trend: Trend | None, angle: str, lang: str) -> Lead:
    def signed_key(agreement: Agreement):
        return tuple(x or 0 for x in parse_signed(agreement.signed))

    lines = [_agreement_line(a, lang) for a in sorted(item.partnership.agreements, key=signed_key, reverse=True)[:3]]
    partner: dict[int, Story] = {}
    for story in list(item.stories) + list(trend.partner_stories if trend else ()):
        if story.side == "partner":
            partner.setdefault(story.article_id, story)
    newest = sorted(partner.values(), key=lambda s: (s.published is None, s.published), reverse=True)
    return Lead(tuple(lines), tuple(newest[:3]), angle)


def _agreement_line(agreement: Agreement, lang: str) -> str:
    t = STRINGS[lang]
    en = lang == "en"
    parts = [agreement.type if en else AGREEMENT_RU.get(agreement.type, agreement.type),
             agreement.signed or t["date_unknown"]]
    if agreement.period:
        parts.append(t["period"].format(period=agreement.period))
    parts.append(agreement.status if en else STATUS_RU.get(agreement.status, agreement.status))
    text = ", ".join(parts)
    if agreement.signatories:
        text += ": " + ", ".join(agreement.signatories)
    if agreement.topics:
        text += f"; {t['topics']}: " + ", ".join(_topic(x, lang) for x in agreement.topics)
    if agreement.seed_lines:
        text += f" ({t['monograph'].format(lines=', '.join(str(n) for n in agreement.seed_lines))})"
    return text


def _not_collected_reason(item: PartnershipCoverage, lang: str) -> str:
    if not item.watching_feeds:
        return STRINGS[lang]["no_feed"]
    return "; ".join(STRINGS[lang]["down"].format(outlet=o.outlet, hours=o.hours, error=outage_why(o, lang))
                     for o in item.outages)


def _number(hours: float) -> str:
    return f"{hours:.0f}" if hours >= 10 else f"{hours:.1f}".rstrip("0").rstrip(".")


def cause_words(gap, lang: str = "en") -> str:
    """A missed stretch's cause in the reader's words (observed.Missed or observed.Hole)."""
    t = STRINGS[lang]
    if gap.cause == "rolled_over" and gap.held is not None and gap.gap is not None:
        return t["cause_rolled_over"].format(held=_number(gap.held.total_seconds() / 3600),
                                             gap=_number(gap.gap.total_seconds() / 3600))
    if gap.cause == "rolled_over":
        return t["cause_rolled_over"].split(" (")[0]
    words = t.get(f"cause_{gap.cause}", gap.cause)
    return f"{words} ({gap.error})" if gap.cause == "errors" and gap.error else words


def _span_text(gap) -> str:
    """A missed span in UTC, short: 16.11 21:00–17.11 03:00 UTC."""
    start, end = gap.start.astimezone(timezone.utc), gap.end.astimezone(timezone.utc)
    tail = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%d.%m %H:%M}"
    return f"{start:%d.%m %H:%M}–{tail} UTC"


def outage_why(outage, lang: str) -> str:
    """Why a feed was not collected: each cause with its hours, the longest first; the last error
    for history judged by failed attempts alone."""
    spans: dict[str, list] = {}
    for gap in outage.missed:
        spans.setdefault(cause_words(gap, lang), []).append(gap)
    unit = "ч" if lang == "ru" else "h"
    ranked = sorted(spans.items(), key=lambda item: -sum(gap.hours for gap in item[1]))
    parts = []
    for words, gaps in ranked:
        # when: the spans themselves if few, else how many; one cause needs no hours of its own
        when = ", ".join(_span_text(gap) for gap in gaps) if len(gaps) <= 2 else STRINGS[lang]["times"].format(n=len(gaps))
        hours = "" if len(ranked) == 1 else f", {_number(sum(gap.hours for gap in gaps))} {unit}"
        parts.append(f"{words}: {when}{hours}")
    if outage.error and not any(gap.error == outage.error for gap in outage.missed):
        parts.append(outage.error)
    return "; ".join(parts) or "?"


def _name(catalogue: Catalogue, entity_id: str, lang: str) -> str:
    entity = catalogue.entities[entity_id]
    return entity.names.get("en" if lang == "en" else "ru") or entity.name


# --- safety of what came from feeds ------------------------------------------------------------------


def safe_url(url: str | None) -> str | None:
    """Only http(s) links reach a report: a feed's javascript: or data: link is dropped."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md_escape(text: object) -> str:
    """Feed text in Markdown: no markup, links or raw HTML of its own, and one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text or "").split()))


# --- rendering -------------------------------------------------------------------------------------------


def to_json_data(report: CoverageReport, rows: list[RankedRow], history: Sequence[WeekCounts] = (),
                 lang: str = "ru") -> dict:
    return {
        "window": {"from": report.window.start.isoformat(), "to": report.window.end.isoformat()},
        "scope": dict(report.scope),
        "partnerships": [_json_row(row, lang) for row in rows],
        "feeds": {"collected": report.feeds_collected, "failing": report.feeds_failing},
        "weeks": [{"from": w.window.start.isoformat(), "to": w.window.end.isoformat(), "covered": w.covered,
                   "gap": w.gap, "not_collected": w.not_collected} for w in history],
    }


def _json_row(row: RankedRow, lang: str = "ru") -> dict:
    c = row.coverage
    data = {
        "id": c.partnership.id, "a": c.partnership.a, "b": c.partnership.b, "name_a": row.name_a, "name_b": row.name_b,
        "status": c.status, "stories": len(c.stories), "outlets": list(c.outlets),
        "sides": row.side_counts,
        "links": [url for url in (safe_url(s.url) for s in c.stories) if url],
        "last_covered": c.last_covered.isoformat() if c.last_covered else None,
        "days_since": row.days_since, "priority": row.priority, "why": row.why,
        "not_collected_feeds": [o.feed_id for o in c.outages],
        "outages": [{"feed": o.feed_id, "outlet": o.outlet, "hours": o.hours, "error": o.error,
                     "why": outage_why(o, lang),
                     "missed": [{"from": m.start.isoformat(), "to": m.end.isoformat(), "hours": round(m.hours, 1),
                                 "cause": m.cause, "why": cause_words(m, lang)} for m in o.missed]}
                    for o in c.outages],
    }
    if row.trend is not None:
        data["trend"] = {"weeks": list(row.trend.statuses),
                         "covered_4": row.trend.covered_weeks(4), "collected_4": row.trend.collected_weeks(4),
                         "covered_12": row.trend.covered_weeks(12), "collected_12": row.trend.collected_weeks(12)}
    if row.lead is not None:
        data["lead"] = {"agreements": list(row.lead.agreements), "angle": row.lead.angle,
                        "partner_stories": [{"title": s.title, "outlet": s.outlet, "url": safe_url(s.url),
                                             "published": s.published.date().isoformat() if s.published else None}
                                            for s in row.lead.partner_stories]}
    return data


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "html.j2"]),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["md"] = md_escape
    env.filters["safe_url"] = safe_url
    return env


ENV = _environment()


def render(report: CoverageReport, catalogue: Catalogue, fmt: str, today: date | None = None, lang: str = "ru",
           history: Sequence[CoverageReport] = ()) -> str:
    """One report in one format. `history` is the same scope's reports for the weeks up to and
    including this one (oldest first), for the trend and the chart; without it there is no trend."""
    from .coverage import trends as trends_of

    history = list(history) or [report]
    rows = rank(report, catalogue, today, lang, trends_of(history) if len(history) > 1 else None)
    weeks = week_counts(history)
    if fmt == "json":
        return json.dumps(to_json_data(report, rows, weeks, lang), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return _csv(rows)
    t = STRINGS[lang]
    counts = {status: sum(1 for r in rows if r.coverage.status == status) for status in STATUS_ORDER}
    actionable = [r for r in rows if r.priority]
    not_collected = [r for r in rows if r.coverage.status == "not_collected"]
    delta = weeks[-1].covered - weeks[-2].covered if len(weeks) > 1 and weeks[-2].gap + weeks[-2].covered else None
    return ENV.get_template(f"report.{fmt}.j2").render(
        report=report, rows=rows, t=t, counts=counts, lang=lang, delta=delta,
        top=actionable[:TOP], more=actionable[TOP:TOP + MORE], more_tail=max(len(actionable) - TOP - MORE, 0),
        covered=[r for r in rows if r.coverage.status == "covered"], not_collected=not_collected,
        outage_groups=_outage_groups(not_collected, lang), weeks=weeks,
        chart=Markup(chart_svg(weeks, lang)) if fmt == "html" else "", scope_line=_scope_line(report, catalogue, t))


def _csv(rows: list[RankedRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "belarusian_side", "partner", "status", "stories", "belarusian_side_stories",
                     "partner_side_stories", "outlets", "last_covered", "days_since", "covered_weeks_4",
                     "covered_weeks_12", "priority", "why"])
    for row in rows:
        c, trend = row.coverage, row.trend
        writer.writerow([to_cell(v) for v in (
            c.partnership.id, row.name_a, row.name_b, c.status, len(c.stories), row.side_counts["belarusian"],
            row.side_counts["partner"], "; ".join(c.outlets), c.last_covered.isoformat() if c.last_covered else "",
            "" if row.days_since is None else row.days_since, trend.covered_weeks(4) if trend else "",
            trend.covered_weeks(12) if trend else "", row.priority, row.why)])
    return buffer.getvalue()


def _scope_line(report: CoverageReport, catalogue: Catalogue, t: dict) -> str:
    if not report.scope:
        return t["everything"]
    parts = []
    for key, value in report.scope.items():
        values = [value] if isinstance(value, str) else list(value)
        parts.append(", ".join(catalogue.entities[v].name if v in catalogue.entities else v for v in values))
    return "; ".join(parts)


def _outage_groups(rows: list[RankedRow], lang: str) -> list[str]:
    """Not collected, grouped by the failing feed: one line per outage, not one per partnership."""
    t = STRINGS[lang]
    groups: dict[tuple, int] = {}
    unwatched = 0
    for row in rows:
        if not row.coverage.outages:
            unwatched += 1
        for o in row.coverage.outages:
            key = (o.outlet, o.hours, outage_why(o, lang))
            groups[key] = groups.get(key, 0) + 1
    lines = [t["not_collected_feed"].format(outlet=outlet, hours=hours, error=error, n=n)
             for (outlet, hours, error), n in sorted(groups.items(), key=lambda g: -g[1])]
    if unwatched:
        lines.append(f"{t['no_feed']}: {unwatched}")
    return lines


def chart_svg(weeks: Sequence[WeekCounts], lang: str = "ru") -> str:
    """The chart as inline SVG, for the reports folder and the dashboard (see chart.py)."""
    t = STRINGS[lang]
    return chart.svg(weeks, t, t["chart"])


def chart_alt(weeks: Sequence[WeekCounts], lang: str = "ru") -> str:
    """The chart's figures in one line: an image's alt text, read when the image is not shown."""
    def figures(status: str) -> str:
        return ",".join(str(getattr(week, status)) for week in weeks)
    return STRINGS[lang]["chart_alt"].format(n=len(weeks), covered=figures("covered"), gap=figures("gap"),
                                             not_collected=figures("not_collected"))


def weeks_from_json(data: dict) -> list[WeekCounts]:
    """The weekly counts back from a JSON report's "weeks": what its chart was drawn from."""
    return [WeekCounts(Window(date.fromisoformat(w["from"]), date.fromisoformat(w["to"])), w["covered"], w["gap"],
                       w["not_collected"]) for w in data.get("weeks", [])]


def email_html(html: str, weeks: Sequence[WeekCounts], lang: str, cid: str) -> tuple[str, bytes | None]:
    """The HTML report as an email carries it. Gmail, Outlook and most webmail show no SVG and strip
    data: URIs, so the inline SVG chart becomes an <img> of the same bars as a PNG the message
    carries (Content-ID `cid`), with its figures as alt text and a table of the weeks under it.
    Returns the HTML and the PNG, or the HTML unchanged and None when the report has no chart.
    `html` must be this module's rendering of the same weeks: its SVG is swapped verbatim."""
    if len(weeks) < 2:
        return html, None
    svg = chart_svg(weeks, lang)
    if html.count(svg) != 1:
        raise ValueError("the HTML holds no chart drawn from these weeks; render it and the weeks from one report")
    t = STRINGS[lang]
    width, height = chart.FRAME.width, chart.png_size(scale=1)[1]
    image = (f'<img src="cid:{escape(cid)}" width="{width}" height="{height}" alt="{escape(chart_alt(weeks, lang))}" '
             f'style="display: block; width: 100%; max-width: {width}px; height: auto; border: 0;">')
    cell = 'style="padding: 1px 3px; text-align: right;"'
    rows = ['<tr><td></td>' + "".join(f'<td {cell}>{w.window.start.strftime("%d.%m")}</td>' for w in weeks) + "</tr>"]
    for status in ("covered", "gap", "not_collected"):
        swatch = (f'<span style="display: inline-block; width: 9px; height: 9px; margin-right: 3px; '
                  f'background: {chart.COLOURS[status]};"></span>')
        rows.append(f'<tr><td style="padding: 1px 6px 1px 0; white-space: nowrap;">{swatch}{escape(t[status])}</td>'
                    + "".join(f"<td {cell}>{getattr(w, status)}</td>" for w in weeks) + "</tr>")
    table = ('<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse: collapse; '
             f'font-size: 11px; color: #555; margin-top: 4px;">{"".join(rows)}</table>')
    return html.replace(svg, image + table), chart.png(weeks)
