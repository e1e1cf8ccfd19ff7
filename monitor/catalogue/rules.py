"""The catalogue's rules: ids, the fields an admin may set, and validation of new records.

Validation raises ChangeError with (field, problem and fix) pairs; each caller words the field its
own way (an option of the command line, a column of a spreadsheet, a line of the change log).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timezone
from typing import Mapping

from ..config import AGREEMENT_STATUSES, AGREEMENT_TYPES, ENTITY_KINDS
from ..records import Agreement, Catalogue, Entity, Partnership
from .periods import parse_period, parse_signed

LOCAL_CHANGES = "local-changes.jsonl"
NAME_LANGS = ("en", "ru", "be", "uk", "local")
ALIAS_LANGS = ("ru", "be", "uk", "en")
ORG_TYPES = {"enterprise", "university", "media", "ministry", "association", "fez", "executive", "other"}
ENTITY_ID = re.compile(r"^[a-z]{2}-(org-)?[a-z0-9]+(-[a-z0-9]+)*$")
LIST_SEPARATOR = " | "  # no catalogue name contains "|", and commas do occur in names

ENTITY_EDITABLE = ({f"name_{lang}" for lang in NAME_LANGS} | {f"aliases_{lang}" for lang in ALIAS_LANGS}
                   | {"parent", "org_type", "ambiguous", "ambiguity_note"})
PARTNERSHIP_EDITABLE = {"level", "topics", "retired"}
AGREEMENT_EDITABLE = {"type", "signed", "period", "status", "signatories", "topics", "note", "source"}
LIST_FIELDS = {f"aliases_{lang}" for lang in ALIAS_LANGS} | {"topics", "signatories"}
BOOL_FIELDS = {"ambiguous", "retired"}


class ChangeError(Exception):
    """A change that cannot be applied: (field, problem and fix) pairs, worded by the caller."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{f}: {m}" for f, m in problems))


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def fold(text: str) -> str:
    """Case, ё/е, apostrophes and dashes folded, spaces collapsed: how names are compared."""
    text = text.casefold().replace("ё", "е")
    text = re.sub(r"[’ʼ‘`´]", "'", text)
    text = re.sub(r"[‐‑‒–—―−]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


# --- ids ------------------------------------------------------------------------------------------

_TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіўєїґ",
                     ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
                      "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
                      "i", "u", "ye", "yi", "g"]))


def slug(text: str, limit: int = 40) -> str:
    """Lowercase ASCII words joined by '-', cut at a word boundary: the tail of a new id."""
    latin = "".join(_TRANSLIT.get(ch, ch) for ch in text.casefold())
    latin = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", latin)
    out = ""
    for word in words:
        if out and len(out) + 1 + len(word) > limit:
            break
        out = f"{out}-{word}" if out else word
    return out


def entity_id_for(kind: str, country: str, name: str) -> str:
    """The existing rule: country code, 'org-' for organizations, then the English name
    (ru-bryansk-oblast, by-baranovichi-district, by-org-belaz)."""
    middle = "org-" if kind == "organization" else ""
    return f"{country.lower()}-{middle}{slug(name)}"


def partnership_id_for(a: str, b: str) -> str:
    return f"{a}--{b}"


# --- records <-> the files' dicts --------------------------------------------------------------------

def entity_to_raw(entity: Entity) -> dict:
    raw: dict = {"id": entity.id, "kind": entity.kind, "org_type": entity.org_type, "country": entity.country}
    for lang in NAME_LANGS:
        raw[f"name_{lang}"] = entity.names.get(lang)
    raw["parent"] = entity.parent
    for lang in ALIAS_LANGS:
        raw[f"aliases_{lang}"] = list(entity.aliases.get(lang, ()))
    if entity.ambiguous or entity.ambiguity_note:
        raw["ambiguous"] = entity.ambiguous
        raw["ambiguity_note"] = entity.ambiguity_note
    return raw


def agreement_to_raw(agreement: Agreement) -> dict:
    raw = {"type": agreement.type, "signed": agreement.signed, "period": agreement.period,
           "status": agreement.status, "signatories": list(agreement.signatories),
           "topics": list(agreement.topics), "seed_lines": list(agreement.seed_lines),
           "evidence": agreement.evidence, "note": agreement.note}
    if agreement.source:
        raw["source"] = agreement.source
    return raw


def partnership_to_raw(partnership: Partnership) -> dict:
    raw = {"id": partnership.id, "a": partnership.a, "b": partnership.b, "level": partnership.level,
           "agreements": [agreement_to_raw(a) for a in partnership.agreements],
           "topics": list(partnership.topics), "first_signed": partnership.first_signed,
           "last_signed": partnership.last_signed}
    if partnership.retired:
        raw["retired"] = True
    return raw


def _text(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _list(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split("|")
    out: list[str] = []
    for item in value:
        item = str(item).strip()
        if item and item not in out:
            out.append(item)
    return tuple(out)


def _bool(value, field: str, problems: list) -> bool:
    if isinstance(value, bool):
        return value
    text = fold(str(value or ""))
    if text in ("", "no", "false", "0", "нет"):
        return False
    if text in ("yes", "true", "1", "да"):
        return True
    problems.append((field, f"{value!r} is not yes or no"))
    return False


def check_signed(value: str | None, status: str | None, today: date | None) -> str | None:
    """The problem with a signing date, or None. `today` None skips the future check (replay)."""
    if value is None:
        return None
    try:
        first, _ = parse_signed(value)
    except ValueError:
        return f"{value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2025-05"
    if first.year < 1945:
        return f"{value!r} is before any of these agreements; check the year"
    if today and status in ("signed", "in force") and first > today:
        return f"{value!r} is in the future but the status is {status!r}; use status planned or fix the date"
    return None


def check_period(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        parse_period(value)
    except ValueError:
        return f"{value!r} is not a period; write YYYY-YYYY (e.g. 2019-2021), YYYY, or YYYY-MM..YYYY-MM"
    return None


def agreement_from_raw(raw: Mapping, today: date | None, need_source: bool) -> Agreement:
    """Validate an agreement given as the files' fields; ChangeError lists every problem."""
    problems: list[tuple[str, str]] = []
    kind, status = _text(raw.get("type")), _text(raw.get("status"))
    if kind not in AGREEMENT_TYPES:
        problems.append(("type", f"{kind!r} is not a known type; use one of {', '.join(sorted(AGREEMENT_TYPES))}"))
    if status not in AGREEMENT_STATUSES:
        problems.append(("status", f"{status!r} is not a known status; use one of {', '.join(sorted(AGREEMENT_STATUSES))}"))
    signed, period = _text(raw.get("signed")), _text(raw.get("period"))
    for field, problem in (("signed", check_signed(signed, status, today)), ("period", check_period(period))):
        if problem:
            problems.append((field, problem))
    source = _text(raw.get("source"))
    seed_lines = tuple(n for n in raw.get("seed_lines") or () if isinstance(n, int))
    if need_source and not source:
        problems.append(("source", "every new fact needs a source: the article's URL or the document (title, date)"))
    if problems:
        raise ChangeError(problems)
    return Agreement(type=kind, signed=signed, period=period, status=status,
                     signatories=_list(raw.get("signatories")), topics=_list(raw.get("topics")),
                     seed_lines=seed_lines, evidence=_text(raw.get("evidence")) or "",
                     note=_text(raw.get("note")), source=source)


def entity_from_raw(raw: Mapping, catalogue: Catalogue, new: bool = True) -> Entity:
    problems: list[tuple[str, str]] = []
    entity_id, kind, country = _text(raw.get("id")), _text(raw.get("kind")), _text(raw.get("country"))
    if kind not in ENTITY_KINDS:
        problems.append(("kind", f"{kind!r} is not a known kind; use one of {', '.join(sorted(ENTITY_KINDS))}"))
    if not country or not re.fullmatch(r"[A-Z]{2}", country):
        problems.append(("country", f"{country!r} is not a two-letter ISO code; write it like RU or BY"))
    names = {lang: _text(raw.get(f"name_{lang}")) for lang in NAME_LANGS}
    names = {lang: name for lang, name in names.items() if name}
    if "ru" not in names and "en" not in names:
        problems.append(("name_ru", "give at least a Russian (name_ru) or English (name_en) name"))
    if not new:
        pass  # an existing id stays as it is, whatever rule it was made by
    elif not entity_id or not ENTITY_ID.match(entity_id):
        problems.append(("id", f"{entity_id!r} does not follow the id rule; write it like ru-bryansk-oblast or by-org-belaz"))
    elif kind in ENTITY_KINDS and country and not problems:
        prefix = f"{country.lower()}-{'org-' if kind == 'organization' else ''}"
        if not entity_id.startswith(prefix) or (kind != "organization" and entity_id.startswith(prefix + "org-")):
            problems.append(("id", f"{entity_id!r} must start with {prefix!r} for a {kind} in {country}"))
    parent = _text(raw.get("parent"))
    if parent and parent not in catalogue.entities:
        problems.append(("parent", f"unknown entity {parent!r}; use an id from `monitor catalogue search`"))
    org_type = _text(raw.get("org_type"))
    if org_type and kind != "organization":
        problems.append(("org_type", "only organizations have an org_type; leave it empty"))
    elif org_type and org_type not in ORG_TYPES:
        problems.append(("org_type", f"{org_type!r} is not known; use one of {', '.join(sorted(ORG_TYPES))}"))
    ambiguous = _bool(raw.get("ambiguous"), "ambiguous", problems)
    if problems:
        raise ChangeError(problems)
    return Entity(id=entity_id, kind=kind, country=country, names=names,
                  aliases={lang: _list(raw.get(f"aliases_{lang}")) for lang in ALIAS_LANGS},
                  parent=parent, org_type=org_type, ambiguous=ambiguous,
                  ambiguity_note=_text(raw.get("ambiguity_note")))


def _many(problems: list[str], outcome: str) -> str:
    """One line for one problem; a count and one indented line each for several."""
    if len(problems) == 1:
        return f"{problems[0]}; {outcome}"
    return f"{len(problems)} problems, {outcome}:\n" + "\n".join("  " + p for p in problems)


def fingerprint(agreement: Agreement) -> dict:
    """What identifies an agreement across upgrades: its number may shift, these do not."""
    return {"type": agreement.type, "signed": agreement.signed, "seed_lines": list(agreement.seed_lines),
            "source": agreement.source}
