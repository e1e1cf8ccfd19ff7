"""Ranking gaps and rendering a coverage report as Markdown, HTML, CSV or JSON.

Facts come only from the catalogue and the stored articles; a sentence here never states
something neither of them holds. The JSON form is a stable interface read by other tools.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .records import Catalogue, CoverageReport, PartnershipCoverage

FORMATS = ("md", "html", "csv", "json")
TEMPLATES = Path(__file__).resolve().parent / "templates"

STRINGS = {
    "ru": {
        "title": "Освещение партнёрств в СМИ", "window": "Период", "scope": "Охват", "everything": "все партнёрства",
        "covered": "освещено", "gap": "пробел", "not_collected": "нет данных",
        "gaps": "Пробелы: партнёрства без публикаций", "covered_h": "Освещённые партнёрства",
        "not_collected_h": "Нет данных: ленты не собраны", "stories": "публикаций", "outlets": "СМИ",
        "last_covered": "последняя публикация", "never": "не освещалось", "feeds": "Ленты",
        "feeds_line": "собрано лент: {collected}, с ошибками: {failing}", "why": "почему",
        "no_feed": "ни одна лента не следит за этим партнёрством", "down": "лента «{outlet}» не собиралась {hours} ч: {error}",
        "summary": "Освещено: {covered}, пробелов: {gap}, нет данных: {not_collected}",
        "partner_side": "сторона партнёра", "belarusian_side": "белорусская сторона",
    },
    "en": {
        "title": "Media coverage of partnerships", "window": "Window", "scope": "Scope", "everything": "all partnerships",
        "covered": "covered", "gap": "gap", "not_collected": "not collected",
        "gaps": "Gaps: partnerships with no coverage", "covered_h": "Covered partnerships",
        "not_collected_h": "Not collected: feeds were not collected", "stories": "stories", "outlets": "outlets",
        "last_covered": "last covered", "never": "never covered", "feeds": "Feeds",
        "feeds_line": "feeds collected: {collected}, failing: {failing}", "why": "why",
        "no_feed": "no feed watches this partnership", "down": "feed “{outlet}” not collected for {hours} h: {error}",
        "summary": "Covered: {covered}, gaps: {gap}, not collected: {not_collected}",
        "partner_side": "partner side", "belarusian_side": "Belarusian side",
    },
}

AGREEMENT_WEIGHT = {"action plan": 3, "road map": 3, "programme": 3, "twinning": 2, "cooperation agreement": 2,
                    "memorandum": 2, "treaty": 2}


@dataclass(frozen=True)
class RankedRow:
    coverage: PartnershipCoverage
    name_a: str
    name_b: str
    priority: int  # 1 is the gap to act on first; 0 for rows that are not gaps
    why: str


def _year(signed: str | None) -> int | None:
    return int(signed[:4]) if signed and signed[:4].isdigit() else None


def rank(report: CoverageReport, catalogue: Catalogue, today: date, lang: str = "ru") -> list[RankedRow]:
    """Order gaps by what an editor should act on first, each with a one-line reason."""
    rows = []
    for item in report.partnerships:
        p = item.partnership
        score, reasons = 0.0, []
        last = max((_year(a.signed) or 0 for a in p.agreements), default=0)
        if last and today.year - last <= 2:
            score += 3
            reasons.append(("signed or renewed in " if lang == "en" else "подписано или обновлено в ") + str(last))
        in_force = [a for a in p.agreements if a.status == "in force"]
        if in_force:
            score += 2
            reasons.append(f"{len(in_force)} " + ("agreement(s) in force" if lang == "en" else "действующих документа(ов)"))
        for agreement in p.agreements:
            signed = _year(agreement.signed)
            if signed and (today.year - signed) % 5 == 0 and today.year > signed:
                score += 2
                reasons.append((f"{today.year - signed} years since the {agreement.type}" if lang == "en"
                                else f"{today.year - signed} лет документу ({agreement.type})"))
                break
        score += max((AGREEMENT_WEIGHT.get(a.type, 1) for a in p.agreements), default=0) / 3
        if item.last_covered is None:
            score += 1
            reasons.append("never covered in the stored news" if lang == "en" else "ни одной публикации в собранных лентах")
        else:
            days = (today - item.last_covered).days
            score += min(days / 90, 2)
            reasons.append(f"{days} days since last covered" if lang == "en" else f"{days} дн. без публикаций")
        rows.append((score, item, "; ".join(reasons)))
    gaps = sorted((r for r in rows if r[1].status == "gap"), key=lambda r: (-r[0], r[1].partnership.id))
    priority = {r[1].partnership.id: index for index, r in enumerate(gaps, 1)}
    ranked = []
    for score, item, why in rows:
        if item.status == "not_collected":
            why = _not_collected_reason(item, lang)
        elif item.status == "covered":
            why = f"{len(item.stories)} " + STRINGS[lang]["stories"]
        ranked.append(RankedRow(item, _name(catalogue, item.partnership.a, lang), _name(catalogue, item.partnership.b, lang),
                                priority.get(item.partnership.id, 0), why))
    order = {"gap": 0, "covered": 1, "not_collected": 2}
    return sorted(ranked, key=lambda r: (order[r.coverage.status], r.priority, r.coverage.partnership.id))


def _not_collected_reason(item: PartnershipCoverage, lang: str) -> str:
    if not item.watching_feeds:
        return STRINGS[lang]["no_feed"]
    return "; ".join(STRINGS[lang]["down"].format(outlet=o.outlet, hours=o.hours, error=o.error or "?")
                     for o in item.outages)


def _name(catalogue: Catalogue, entity_id: str, lang: str) -> str:
    entity = catalogue.entities[entity_id]
    return entity.names.get("en" if lang == "en" else "ru") or entity.name


def to_json_data(report: CoverageReport, rows: list[RankedRow]) -> dict:
    return {
        "window": {"from": report.window.start.isoformat(), "to": report.window.end.isoformat()},
        "scope": dict(report.scope),
        "partnerships": [{
            "id": row.coverage.partnership.id,
            "a": row.coverage.partnership.a,
            "b": row.coverage.partnership.b,
            "status": row.coverage.status,
            "stories": len(row.coverage.stories),
            "outlets": list(row.coverage.outlets),
            "links": [s.url for s in row.coverage.stories if s.url],
            "last_covered": row.coverage.last_covered.isoformat() if row.coverage.last_covered else None,
            "priority": row.priority,
            "why": row.why,
            "not_collected_feeds": [o.feed_id for o in row.coverage.outages],
        } for row in rows],
        "feeds": {"collected": report.feeds_collected, "failing": report.feeds_failing},
    }


def render(report: CoverageReport, catalogue: Catalogue, fmt: str, today: date, lang: str = "ru") -> str:
    rows = rank(report, catalogue, today, lang)
    if fmt == "json":
        return json.dumps(to_json_data(report, rows), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["id", "belarusian_side", "partner", "status", "stories", "outlets", "last_covered", "priority", "why"])
        for row in rows:
            c = row.coverage
            writer.writerow([c.partnership.id, row.name_a, row.name_b, c.status, len(c.stories), "; ".join(c.outlets),
                             c.last_covered.isoformat() if c.last_covered else "", row.priority, row.why])
        return buffer.getvalue()
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    counts = {status: sum(1 for r in rows if r.coverage.status == status) for status in ("covered", "gap", "not_collected")}
    template = env.get_template(f"report.{fmt}.j2")
    return template.render(report=report, rows=rows, t=STRINGS[lang], counts=counts, lang=lang,
                           gaps=[r for r in rows if r.coverage.status == "gap"],
                           covered=[r for r in rows if r.coverage.status == "covered"],
                           not_collected=[r for r in rows if r.coverage.status == "not_collected"])
