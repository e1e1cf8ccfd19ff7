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
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Sequence
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from . import chart, vocabulary
from .coverage import week_counts
from .records import (Agreement, Catalogue, CoverageReport, Outage, OutletScore, OutletWeek, PartnershipCoverage,
                      Story, Trend, WeekCounts, Window)
from .spreadsheet import to_cell

TEMPLATES = Path(__file__).resolve().parent / "templates"
TOP = 10  # gaps shown in full: what an editor reads in two minutes
MORE = 12  # further gaps named in one paragraph; the CSV and JSON list them all
LEADS = 5  # of those, how many get a story lead
OUTLETS_TOP = 20  # outlets in the report's table; the CSV and JSON list them all
RECENT_YEARS = 3  # an agreement signed this recently is still news
ANNIVERSARY_DAYS = 42  # "the coming weeks": six weeks is time enough to plan a story
PLAN_TYPES = {"action plan", "road map", "programme"}

# Every word a reader sees, one table per language with the same keys (a test checks them).
# r_* are reasons to act on a gap, a_* the angles a story lead suggests.
STRINGS = {
    "ru": {
        "cause_errors": "ошибки сервера", "cause_not_polled": "монитор не опрашивал ленту",
        "cause_rolled_over": "лента сменилась целиком между опросами (хранит около {held} ч; опрос раз в {gap} ч)",
        "cause_empty": "лента пришла пустой", "cause_before_first_poll": "до первого опроса", "hours_unit": "ч",
        "outlets_h": "Издания: сколько они пишут о партнёрствах", "o_outlet": "издание", "o_country": "страна",
        "o_articles": "публикаций", "o_partnership": "о партнёрствах", "o_share": "доля", "o_trend": "доля за 12 нед.", "o_gaps": "пробелы",
        "o_help": "Освещено и пробелы — партнёрства территории издания за период; собрано — какую долю периода ленты издания удалось прочитать", "o_observed": "собрано",
        "cal_name": "Календарь партнёрств", "cal_anniversary": "{pair}: {years} лет документу «{kind}»",
        "cal_plan_start": "{pair}: начинается {kind} на {period}", "cal_plan_end": "{pair}: завершается {kind} на {period}",
        "cal_planned": "{pair}: планируется {kind}", "cal_month": "годовщина — {month}; день подписания в каталоге не указан",
        "cal_page": "страница партнёрства", "cal_kind": {"anniversary": "годовщина", "plan_start": "начало плана",
                                                       "plan_end": "конец плана", "planned": "планируется"},
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
        "chart": "Освещение по неделям", "chart_windows": "Освещение по периодам той же длины", "lead": "Для редакции", "agreements": "Документы",
        "partner_published": "Что писала сторона партнёра", "angle": "Тема", "monograph": "монография, строки {lines}",
        "date_unknown": "дата не указана", "period": "период {period}", "topics": "темы",
        "not_collected_feed": "«{outlet}»: не собиралась {hours} ч ({error}); партнёрств без данных: {n}",
        "partnerships": "партнёрства", "no_gaps": "Пробелов нет.", "none": "—",
        "chart_alt": "Недель: {n}; освещено: {covered}; пробелы: {gap}; нет данных: {not_collected}",
        "story_forms": ("публикация", "публикации", "публикаций"),
        "r_partner": "писала только сторона партнёра ({outlets}), белорусские СМИ — нет",
        "a_partner": "Сторона партнёра уже рассказала о своём («{title}», {outlet}); белорусская сторона этой истории не рассказана.",
        "r_partner_recent": "в последние недели писала только сторона партнёра ({outlets})",
        "a_partner_recent": "Сторона партнёра писала: «{title}» ({outlet}). Что с тех пор произошло, глазами белорусской стороны?",
        "r_anniversary": "{years} лет документу «{kind}» ({signed}): годовщина — {when}",
        "a_anniversary": "{years} лет со дня подписания ({kind}, {signed}): что сделано{topics}?",
        "a_topics": " — {topics}",
        "r_round_year": "в {this_year} году {age} лет документу «{kind}» ({year})",
        "r_recent": "«{kind}» подписано недавно ({signed})",
        "a_recent": "«{kind}» подписано в {signed}: что изменилось с тех пор?",
        "r_plan": "действует {kind} на {period}", "r_plan_ends": "действует {kind} на {period}, завершается в этом году",
        "a_plan": "Действует {kind} на {period}: как он выполняется?",
        "a_plan_ends": "{Kind} на {period} завершается в этом году: что выполнено и что дальше?",
        "r_expired": "срок документа «{kind}» ({period}) истёк",
        "a_expired": "Срок документа «{kind}» ({period}) истёк: продлено ли сотрудничество?",
        "r_in_force": "действует {kind}",
        "r_silence_days": "последняя публикация {days} дн. назад",
        "r_silence_weeks": "ни одной публикации за {weeks} нед. наблюдения",
        "a_default": "Как сегодня идёт сотрудничество{topics}?", "a_default_topics": " ({topics})",
        "times": "{n} раз",
    },
    "be": {
        "cause_errors": "памылкі сервера", "cause_not_polled": "манітор не апытваў стужку",
        "cause_rolled_over": "стужка змянілася цалкам паміж апытаннямі (захоўвае каля {held} г; апытанне раз у {gap} г)",
        "cause_empty": "стужка прыйшла пустой", "cause_before_first_poll": "да першага апытання", "hours_unit": "г",
        "outlets_h": "Выданні: колькі яны пішуць пра партнёрствы", "o_outlet": "выданне", "o_country": "краіна",
        "o_articles": "публікацый", "o_partnership": "пра партнёрствы", "o_share": "доля", "o_trend": "доля за 12 тыдз.", "o_gaps": "прабелы",
        "o_help": "Асветлена і прабелы — партнёрствы тэрыторыі выдання за перыяд; сабрана — якую частку перыяду стужкі выдання ўдалося прачытаць", "o_observed": "сабрана",
        "cal_name": "Каляндар партнёрстваў", "cal_anniversary": "{pair}: {years} гадоў дакументу «{kind}»",
        "cal_plan_start": "{pair}: пачынаецца {kind} на {period}", "cal_plan_end": "{pair}: завяршаецца {kind} на {period}",
        "cal_planned": "{pair}: плануецца {kind}", "cal_month": "гадавіна — {month}; дзень падпісання ў каталогу не пазначаны",
        "cal_page": "старонка партнёрства", "cal_kind": {"anniversary": "гадавіна", "plan_start": "пачатак плана",
                                                        "plan_end": "канец плана", "planned": "плануецца"},
        "title": "Асвятленне партнёрстваў у СМІ", "window": "Перыяд", "scope": "Ахоп", "everything": "усе партнёрствы",
        "covered": "асветлена", "gap": "прабел", "not_collected": "няма даных",
        "act": "Што асвятліць у першую чаргу", "covered_h": "Асветленыя партнёрствы",
        "more_gaps": "Іншыя прабелы", "more_gaps_tail": "і яшчэ {n}: поўны спіс у CSV і JSON",
        "not_collected_h": "Няма даных: стужкі не сабраныя", "stories": "публікацый", "outlets": "СМІ",
        "last_covered": "апошняя публікацыя", "days_ago": "{days} дз. таму", "never": "публікацый не знойдзена",
        "feeds": "Стужкі", "feeds_line": "сабрана {collected}, з памылкамі {failing}", "why": "чаму",
        "no_feed": "ніводная стужка не сочыць за гэтым партнёрствам",
        "down": "стужка «{outlet}» не збіралася {hours} г ({error})",
        "summary": "Асветлена: {covered}, прабелаў: {gap}, няма даных: {not_collected}",
        "delta": "асветлена на {delta:+d} у параўнанні з папярэднім тыднем",
        "partner_side": "бок партнёра", "belarusian_side": "беларускі бок",
        "sides": "беларускі бок: {by}, бок партнёра: {partner}",
        "trend": "тыдняў з публікацыямі: {c4} з {n4} сабраных за 4 тыдз., {c12} з {n12} за 12 тыдз.",
        "chart": "Асвятленне па тыднях", "chart_windows": "Асвятленне па перыядах той жа даўжыні", "lead": "Для рэдакцыі", "agreements": "Дакументы",
        "partner_published": "Што пісаў бок партнёра", "angle": "Тэма", "monograph": "манаграфія, радкі {lines}",
        "date_unknown": "дата не пазначана", "period": "перыяд {period}", "topics": "тэмы",
        "not_collected_feed": "«{outlet}»: не збіралася {hours} г ({error}); партнёрстваў без даных: {n}",
        "partnerships": "партнёрствы", "no_gaps": "Прабелаў няма.", "none": "—",
        "chart_alt": "Тыдняў: {n}; асветлена: {covered}; прабелы: {gap}; няма даных: {not_collected}",
        "story_forms": ("публікацыя", "публікацыі", "публікацый"),
        "r_partner": "пісаў толькі бок партнёра ({outlets}), беларускія СМІ — не",
        "a_partner": "Бок партнёра ўжо расказаў пра сваё («{title}», {outlet}); беларускі бок гэтай гісторыі не расказаны.",
        "r_partner_recent": "у апошнія тыдні пісаў толькі бок партнёра ({outlets})",
        "a_partner_recent": "Бок партнёра пісаў: «{title}» ({outlet}). Што з таго часу адбылося, вачыма беларускага боку?",
        "r_anniversary": "{years} гадоў дакументу «{kind}» ({signed}): гадавіна — {when}",
        "a_anniversary": "{years} гадоў з дня падпісання ({kind}, {signed}): што зроблена{topics}?",
        "a_topics": " — {topics}",
        "r_round_year": "у {this_year} годзе {age} гадоў дакументу «{kind}» ({year})",
        "r_recent": "«{kind}» падпісана нядаўна ({signed})",
        "a_recent": "«{kind}» падпісана ў {signed}: што змянілася з таго часу?",
        "r_plan": "дзейнічае {kind} на {period}", "r_plan_ends": "дзейнічае {kind} на {period}, завяршаецца ў гэтым годзе",
        "a_plan": "Дзейнічае {kind} на {period}: як ён выконваецца?",
        "a_plan_ends": "{Kind} на {period} завяршаецца ў гэтым годзе: што выканана і што далей?",
        "r_expired": "тэрмін дакумента «{kind}» ({period}) скончыўся",
        "a_expired": "Тэрмін дакумента «{kind}» ({period}) скончыўся: ці працягнута супрацоўніцтва?",
        "r_in_force": "дзейнічае {kind}",
        "r_silence_days": "апошняя публікацыя {days} дз. таму",
        "r_silence_weeks": "ніводнай публікацыі за {weeks} тыдз. назірання",
        "a_default": "Як сёння ідзе супрацоўніцтва{topics}?", "a_default_topics": " ({topics})",
        "times": "колькасць разоў: {n}",
    },
    "en": {
        "cause_errors": "server errors", "cause_not_polled": "the monitor did not poll",
        "cause_rolled_over": "the feed rolled over between polls (it holds about {held} h; polled every {gap} h)",
        "cause_empty": "the feed came back empty", "cause_before_first_poll": "before the first poll", "hours_unit": "h",
        "outlets_h": "Outlets: how much they write about partnerships", "o_outlet": "outlet", "o_country": "country",
        "o_articles": "stories", "o_partnership": "about partnerships", "o_share": "share", "o_trend": "share, 12 weeks", "o_gaps": "gaps",
        "o_help": "Covered and gaps: the partnerships of the outlet's territory in the window; collected: how much of the window the outlet's feeds were read", "o_observed": "collected",
        "cal_name": "Partnership calendar", "cal_anniversary": "{pair}: {years} years of the {kind}",
        "cal_plan_start": "{pair}: the {kind} for {period} begins", "cal_plan_end": "{pair}: the {kind} for {period} ends",
        "cal_planned": "{pair}: {kind} planned", "cal_month": "anniversary in {month}; the catalogue does not record the day of signing",
        "cal_page": "partnership page", "cal_kind": {"anniversary": "anniversary", "plan_start": "plan begins",
                                                   "plan_end": "plan ends", "planned": "planned"},
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
        "chart": "Coverage by week", "chart_windows": "Coverage by windows of the same length", "lead": "Story lead", "agreements": "Agreements",
        "partner_published": "What the partner side published", "angle": "Angle", "monograph": "monograph, lines {lines}",
        "date_unknown": "date not stated", "period": "period {period}", "topics": "topics",
        "not_collected_feed": "“{outlet}”: not collected for {hours} h ({error}); partnerships without data: {n}",
        "partnerships": "partnerships", "no_gaps": "No gaps.", "none": "—",
        "chart_alt": "{n} weeks: covered {covered}; gaps {gap}; not collected {not_collected}",
        "story_forms": ("story", "stories", "stories"),
        "r_partner": "the partner side published ({outlets}), the Belarusian side did not",
        "a_partner": "The partner side has told its side (“{title}”, {outlet}); the Belarusian side of this story is untold.",
        "r_partner_recent": "in recent weeks only the partner side published ({outlets})",
        "a_partner_recent": "The partner side published “{title}” ({outlet}); what happened since, seen from Belarus?",
        "r_anniversary": "{years} years of the {kind} ({signed}) in {when}",
        "a_anniversary": "{years} years since the {kind} was signed ({signed}): what has it delivered{topics}?",
        "a_topics": " in {topics}",
        "r_round_year": "{age} years of the {kind} this year ({year})",
        "r_recent": "{kind} signed recently ({signed})",
        "a_recent": "The {kind} was signed in {signed}: what has changed since?",
        "r_plan": "{kind} for {period} in force", "r_plan_ends": "{kind} for {period} in force and ending this year",
        "a_plan": "The {kind} for {period} is in force: how is it being carried out?",
        "a_plan_ends": "The {kind} for {period} ends this year: what was done, and what comes next?",
        "r_expired": "{kind} for {period} has run out",
        "a_expired": "The {kind} for {period} has run out: was it renewed?",
        "r_in_force": "{kind} in force",
        "r_silence_days": "last covered {days} days ago",
        "r_silence_weeks": "no story in {weeks} week(s) of monitoring",
        "a_default": "How is cooperation going{topics}?", "a_default_topics": " in {topics}",
        "times": "{n} times",
    },
}
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
    t = STRINGS[lang]
    p = row_coverage.partnership
    reasons: list[tuple[str, float, str]] = []
    angles: list[tuple[float, str]] = []

    stories = row_coverage.stories
    partner_now = [s for s in stories if s.side == "partner"]
    if partner_now and not any(s.side == "belarusian" for s in stories):
        outlets = ", ".join(sorted({s.outlet for s in partner_now}))
        reasons.append(("partner", 5, t["r_partner"].format(outlets=outlets)))
        story = partner_now[0]
        angles.append((5, t["a_partner"].format(title=story.title, outlet=story.outlet)))
    elif trend and trend.partner_stories and not trend.belarusian_stories and not stories:
        outlets = ", ".join(sorted({s.outlet for s in trend.partner_stories}))
        reasons.append(("partner", 4, t["r_partner_recent"].format(outlets=outlets)))
        story = trend.partner_stories[-1]
        angles.append((3, t["a_partner_recent"].format(title=story.title, outlet=story.outlet)))

    for agreement in p.agreements:
        kind = vocabulary.agreement_type(agreement.type, lang)
        year, month, day = parse_signed(agreement.signed)
        if year is None:
            continue
        age = today.year - year
        if month is not None:
            anniversary = _anniversary(year, month, day or 1, today)
            years = anniversary.year - year
            if years > 0 and years % 5 == 0 and (today - timedelta(days=31 if day is None else 0)) <= anniversary <= today + timedelta(days=ANNIVERSARY_DAYS):
                when = _month(anniversary, lang) if day is None else anniversary.isoformat()
                reasons.append(("anniversary", 5, t["r_anniversary"].format(years=years, kind=kind, signed=agreement.signed,
                                                                            when=when)))
                topics = t["a_topics"].format(topics=vocabulary.topics(agreement.topics, lang)) if agreement.topics else ""
                angles.append((4, t["a_anniversary"].format(years=years, kind=kind, signed=agreement.signed, topics=topics)))
        elif age > 0 and age % 5 == 0:
            reasons.append(("round_year", 1.5, t["r_round_year"].format(this_year=today.year, age=age, kind=kind, year=year)))
        if 0 <= age < RECENT_YEARS:
            reasons.append(("recent", 4, t["r_recent"].format(kind=kind, signed=agreement.signed)))
            angles.append((3, t["a_recent"].format(kind=kind, signed=agreement.signed)))

    for agreement in p.agreements:
        kind = vocabulary.agreement_type(agreement.type, lang)
        period = parse_period(agreement.period)
        if period and period[0] <= today.year <= period[1] and agreement.status != "planned":
            ends = period[1] == today.year
            reasons.append(("plan", 4, t["r_plan_ends" if ends else "r_plan"].format(kind=kind, period=agreement.period)))
            angles.append((3.5 if ends else 2.5, t["a_plan_ends" if ends else "a_plan"].format(
                kind=kind, Kind=kind[:1].upper() + kind[1:], period=agreement.period)))
        elif period and period[1] < today.year and agreement.type in PLAN_TYPES:
            reasons.append(("expired", 0.5, t["r_expired"].format(kind=kind, period=agreement.period)))
            angles.append((1, t["a_expired"].format(kind=kind, period=agreement.period)))
        elif agreement.status == "in force" and agreement.type in PLAN_TYPES:
            reasons.append(("in_force", 2, t["r_in_force"].format(kind=kind)))

    days = None
    if row_coverage.last_covered is not None and row_coverage.status != "covered":
        days = (today - timedelta(days=1) - row_coverage.last_covered).days
        if days >= 28:
            reasons.append(("silence", min(days / 30, 4), t["r_silence_days"].format(days=days)))
    silent = trend.silent_weeks if trend else (1 if row_coverage.status == "gap" else 0)
    if row_coverage.last_covered is None and silent:
        reasons.append(("silence", min(silent / 2, 3), t["r_silence_weeks"].format(weeks=silent)))
    level_bonus = {"intergovernmental": 1.0, "interregional": 1.0, "municipal": 0.5}.get(p.level, 0.0)
    strongest: dict[str, tuple[float, str]] = {}
    for kind, weight, text in reasons:
        if kind not in strongest or weight > strongest[kind][0]:
            strongest[kind] = (weight, text)
    score = sum(weight for weight, _ in strongest.values()) + level_bonus
    topics = vocabulary.topics((p.topics or ())[:3], lang)
    default_angle = t["a_default"].format(topics=t["a_default_topics"].format(topics=topics) if topics else "")
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


def _month(day: date, lang: str) -> str:
    return vocabulary.month(day.month, day.year, lang)


def stories_label(n: int, lang: str) -> str:
    """'1 публикация', '3 публикации', '5 публикаций': Russian and Belarusian counts agree with their noun."""
    one, few, many = STRINGS[lang]["story_forms"]
    if lang == "en":
        return f"{n} {one if n == 1 else many}"
    if n % 10 == 1 and n % 100 != 11:
        return f"{n} {one}"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return f"{n} {few}"
    return f"{n} {many}"


def rank(report: CoverageReport, catalogue: Catalogue, today: date | None = None, lang: str = "ru",
         trends: dict[str, Trend] | None = None, zone: tzinfo = timezone.utc) -> list[RankedRow]:
    """Order what an editor should act on first, each with a one-line reason. Gaps are acted on,
    and so is a partnership only the partner side's press covered. `today` defaults to the day
    after the window, the Monday a weekly report is read; `zone` is the editors' clock, for the
    times of what a feed missed."""
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
            lead = _lead(item, trend, angle, lang, catalogue) if priority[i] <= LEADS else None
        elif item.status == "not_collected":
            why, lead = _not_collected_reason(item, lang, zone), None
        else:
            counts = row.side_counts
            why, lead = f"{stories_label(len(item.stories), lang)}: " + t["sides"].format(by=counts["belarusian"], partner=counts["partner"]), None
        ranked.append(RankedRow(item, row.name_a, row.name_b, priority.get(i, 0), why, trend, row.days_since, lead))
    return sorted(ranked, key=lambda r: (r.priority == 0, r.priority, STATUS_ORDER[r.coverage.status], r.coverage.partnership.id))


def _lead(item: PartnershipCoverage, trend: Trend | None, angle: str, lang: str, catalogue: Catalogue) -> Lead:
    def signed_key(agreement: Agreement):
        return tuple(x or 0 for x in parse_signed(agreement.signed))

    lines = [agreement_line(a, lang, catalogue) for a in sorted(item.partnership.agreements, key=signed_key, reverse=True)[:3]]
    partner: dict[int, Story] = {}
    for story in list(item.stories) + list(trend.partner_stories if trend else ()):
        if story.side == "partner":
            partner.setdefault(story.article_id, story)
    newest = sorted(partner.values(), key=lambda s: (s.published is None, s.published), reverse=True)
    return Lead(tuple(lines), tuple(newest[:3]), angle)


def agreement_line(agreement: Agreement, lang: str, catalogue: Catalogue) -> str:
    """An agreement in one line: type, date, period, status, signatories (by the catalogue entity
    they name) and topics, all in the report's language."""
    t = STRINGS[lang]
    parts = [vocabulary.agreement_type(agreement.type, lang), agreement.signed or t["date_unknown"]]
    if agreement.period:
        parts.append(t["period"].format(period=agreement.period))
    parts.append(vocabulary.agreement_status(agreement.status, lang))
    text = ", ".join(parts)
    if agreement.signatories:
        text += ": " + vocabulary.signatory_names(catalogue, agreement.signatories, lang)
    if agreement.topics:
        text += f"; {t['topics']}: " + vocabulary.topics(agreement.topics, lang)
    if agreement.seed_lines:
        text += f" ({t['monograph'].format(lines=', '.join(str(n) for n in agreement.seed_lines))})"
    return text


def _not_collected_reason(item: PartnershipCoverage, lang: str, zone: tzinfo) -> str:
    if not item.watching_feeds:
        return STRINGS[lang]["no_feed"]
    return "; ".join(STRINGS[lang]["down"].format(outlet=o.outlet, hours=o.hours, error=outage_why(o, lang, zone))
                     for o in item.outages)


def _number(hours: float) -> str:
    return f"{hours:.0f}" if hours >= 10 else f"{hours:.1f}".rstrip("0").rstrip(".")


def cause_words(gap, lang: str = "en", outage: Outage | None = None) -> str:
    """A missed stretch's cause in the reader's words (observed.Missed or observed.Hole); a fetch
    error told from the code the outage keeps for it, never from the fetcher's English."""
    t = STRINGS[lang]
    if gap.cause == "rolled_over" and gap.held is not None and gap.gap is not None:
        return t["cause_rolled_over"].format(held=_number(gap.held.total_seconds() / 3600),
                                             gap=_number(gap.gap.total_seconds() / 3600))
    if gap.cause == "rolled_over":
        return t["cause_rolled_over"].split(" (")[0]
    words = t.get(f"cause_{gap.cause}", gap.cause)
    code = outage.code_of(gap.error) if outage is not None else None
    if gap.cause == "errors" and code:
        return f"{words} ({vocabulary.fetch_error(code, lang)})"
    if gap.cause == "errors" and gap.error and lang == "en":
        return f"{words} ({gap.error})"
    return words


def _span_text(gap, zone: tzinfo) -> str:
    """A missed span on the editors' clock, short: 17.11 00:00–06:00 UTC+03."""
    start, end = gap.start.astimezone(zone), gap.end.astimezone(zone)
    tail = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%d.%m %H:%M}"
    return f"{start:%d.%m %H:%M}–{tail} {zone_label(start)}"


def zone_label(moment: datetime) -> str:
    """The clock a time is told in: UTC, UTC+03 (a zone named by its offset, as Minsk's is), CET."""
    name = moment.tzname() or "UTC"
    return f"UTC{name}" if name[:1] in "+-" else name


def outage_why(outage, lang: str, zone: tzinfo = timezone.utc) -> str:
    """Why a feed was not collected: each cause with its hours, the longest first; the last error
    for history judged by failed attempts alone."""
    spans: dict[str, list] = {}
    for gap in outage.missed:
        spans.setdefault(cause_words(gap, lang, outage), []).append(gap)
    unit = STRINGS[lang]["hours_unit"]
    ranked = sorted(spans.items(), key=lambda item: -sum(gap.hours for gap in item[1]))
    parts = []
    for words, gaps in ranked:
        # when: the spans themselves if few, else how many; one cause needs no hours of its own
        when = ", ".join(_span_text(gap, zone) for gap in gaps) if len(gaps) <= 2 else STRINGS[lang]["times"].format(n=len(gaps))
        hours = "" if len(ranked) == 1 else f", {_number(sum(gap.hours for gap in gaps))} {unit}"
        parts.append(f"{words}: {when}{hours}")
    if outage.error and not any(gap.error == outage.error for gap in outage.missed):
        parts.append(vocabulary.fetch_error(outage.error_code, lang))
    return "; ".join(parts) or "?"


def _name(catalogue: Catalogue, entity_id: str, lang: str) -> str:
    return vocabulary.entity_name(catalogue, entity_id, lang)


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
                 outlets: Sequence[OutletScore] = (), lang: str = "ru", zone: tzinfo = timezone.utc) -> dict:
    return {
        "window": {"from": report.window.start.isoformat(), "to": report.window.end.isoformat()},
        "scope": dict(report.scope),
        "partnerships": [_json_row(row, lang, zone) for row in rows],
        "feeds": {"collected": report.feeds_collected, "failing": report.feeds_failing},
        "weeks": [{"from": w.window.start.isoformat(), "to": w.window.end.isoformat(), "covered": w.covered,
                   "gap": w.gap, "not_collected": w.not_collected} for w in history],
        "outlets": [_json_outlet(score) for score in outlets],
    }


def _share(week: OutletWeek) -> float | None:
    return _ratio(week.share)


def _ratio(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _json_outlet(score: OutletScore) -> dict:
    now = score.now
    return {"id": score.id, "outlet": score.outlet, "country": score.country, "articles": now.articles,
            "partnership_articles": now.partnership_articles, "share": _share(now), "covered": len(now.covered),
            "gaps": len(now.gaps), "not_collected": len(now.not_collected), "observed": _ratio(now.observed),
            "feeds": list(score.feeds),
            "trend": [{"from": w.window.start.isoformat(), "to": w.window.end.isoformat(), "articles": w.articles,
                       "partnership_articles": w.partnership_articles, "share": _share(w)} for w in score.weeks]}


SPARK = "▁▂▃▄▅▆▇█"


def share_text(week: OutletWeek) -> str:
    return percent(week.share)


def percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def sparkline(score: OutletScore) -> str:
    """The share's weeks in one line of block characters, scaled to the outlet's best week; a dot
    for a week it published nothing."""
    shares = [w.share for w in score.weeks]
    top = max((x for x in shares if x), default=0)
    return "".join("·" if x is None else SPARK[0] if not top else SPARK[min(int(x / top * (len(SPARK) - 1) + 0.5), len(SPARK) - 1)]
                   for x in shares)


def outlets_csv(outlets: Sequence[OutletScore]) -> str:
    """The scorecard for a spreadsheet: one row per outlet, with the weekly shares of the trend."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    weeks = outlets[0].weeks if outlets else ()
    writer.writerow(["id", "outlet", "country", "articles", "partnership_articles", "share", "covered", "gaps",
                     "not_collected", "observed", *(f"share_{w.window.start.isoformat()}" for w in weeks)])
    for score in outlets:
        now = score.now
        writer.writerow([to_cell(v) for v in (
            score.id, score.outlet, score.country, now.articles, now.partnership_articles,
            "" if now.share is None else _share(now), len(now.covered), len(now.gaps), len(now.not_collected),
            "" if now.observed is None else _ratio(now.observed), *("" if w.share is None else _share(w) for w in score.weeks))])
    return buffer.getvalue()


def country_name(catalogue: Catalogue, code: str, lang: str) -> str:
    entity = next((e.id for e in catalogue.entities.values() if e.kind == "country" and e.country == code), None)
    return _name(catalogue, entity, lang) if entity else code


def _json_row(row: RankedRow, lang: str = "ru", zone: tzinfo = timezone.utc) -> dict:
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
                     "error_code": o.error_code, "why": outage_why(o, lang, zone),
                     "missed": [{"from": m.start.isoformat(), "to": m.end.isoformat(), "hours": round(m.hours, 1),
                                 "cause": m.cause, "why": cause_words(m, lang, o)} for m in o.missed]}
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
           history: Sequence[CoverageReport] = (), outlets: Sequence[OutletScore] = (),
           zone: tzinfo = timezone.utc) -> str:
    """One report in one format ("outlets.csv": its outlet scorecard alone). `history` is the same
    scope's reports for the weeks up to and including this one (oldest first), for the trend and
    the chart; without it there is no trend. `outlets` is the scorecard (scorecard.outlet_scores).
    `zone`: the editors' clock, in which the times a feed missed are told."""
    if fmt == "outlets.csv":
        return outlets_csv(outlets)
    from .coverage import trends as trends_of

    history = list(history) or [report]
    rows = rank(report, catalogue, today, lang, trends_of(history) if len(history) > 1 else None, zone)
    weeks = week_counts(history)
    if fmt == "json":
        return json.dumps(to_json_data(report, rows, weeks, outlets, lang, zone), ensure_ascii=False, indent=2) + "\n"
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
        outage_groups=_outage_groups(not_collected, lang, zone), weeks=weeks,
        chart=Markup(chart_svg(weeks, lang)) if fmt == "html" else "", scope_line=_scope_line(report, catalogue, lang),
        outlets=outlets[:OUTLETS_TOP], outlets_tail=max(len(outlets) - OUTLETS_TOP, 0),
        countries={o.country: country_name(catalogue, o.country, lang) for o in outlets},
        share_text=share_text, percent=percent, sparkline=sparkline, chart_title=chart_title(weeks, lang))


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


def _scope_line(report: CoverageReport, catalogue: Catalogue, lang: str) -> str:
    """The scope in the reader's words: regions and partner countries by their names; outlets as
    the feeds name them."""
    if not report.scope:
        return STRINGS[lang]["everything"]
    countries = {e.country: e.id for e in catalogue.entities.values() if e.kind == "country"}
    parts = []
    for key, value in report.scope.items():
        values = [value] if isinstance(value, str) else list(value)
        if key == "partner_country":
            values = [countries.get(v.upper(), v) for v in values]
        parts.append(", ".join(_name(catalogue, v, lang) if v in catalogue.entities else v for v in values))
    return "; ".join(parts)


def _outage_groups(rows: list[RankedRow], lang: str, zone: tzinfo) -> list[str]:
    """Not collected, grouped by the failing feed: one line per outage, not one per partnership."""
    t = STRINGS[lang]
    groups: dict[tuple, int] = {}
    unwatched = 0
    for row in rows:
        if not row.coverage.outages:
            unwatched += 1
        for o in row.coverage.outages:
            key = (o.outlet, o.hours, outage_why(o, lang, zone))
            groups[key] = groups.get(key, 0) + 1
    lines = [t["not_collected_feed"].format(outlet=outlet, hours=hours, error=error, n=n)
             for (outlet, hours, error), n in sorted(groups.items(), key=lambda g: -g[1])]
    if unwatched:
        lines.append(f"{t['no_feed']}: {unwatched}")
    return lines


def chart_svg(weeks: Sequence[WeekCounts], lang: str = "ru") -> str:
    """The chart as inline SVG, for the reports folder and the dashboard (see chart.py)."""
    return chart.svg(weeks, STRINGS[lang], chart_title(weeks, lang))


def chart_title(weeks: Sequence[WeekCounts], lang: str = "ru") -> str:
    """"By week" for weekly windows; a month's or a year's report says its bars are windows as long
    as its own, so nobody reads a bar of a year as a week."""
    window = weeks[-1].window if weeks else None
    weekly = window is None or (window.end - window.start).days == 6
    return STRINGS[lang]["chart" if weekly else "chart_windows"]


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
