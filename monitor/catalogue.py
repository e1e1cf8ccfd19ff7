"""Keeping the catalogue current: id rules, validation, the local change log, export and import.

The shipped files (entities.jsonl, partnerships.jsonl) stay the reviewed starting point and are
never rewritten here. An admin's edits are appended to `local-changes.jsonl` beside them, one JSON
object per change (who, when, what, why, source), and replayed over the shipped files on every load.
An upgrade that replaces the shipped files therefore keeps every local change; a local addition the
maintainers have since adopted merges into their record instead of failing.

Nothing is ever deleted: a retired partnership stays in the catalogue (with `retired`), so its id
and its pair stay reserved and its history stays readable. This module does no matching and prints
nothing; the command line in cli/catalogue.py is its thin twin.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Mapping

from .config import AGREEMENT_STATUSES, AGREEMENT_TYPES, ENTITY_KINDS, LEVELS, load_catalogue
from .errors import ConfigError, InputError
from .records import Agreement, Catalogue, CatalogueChange, Entity, Partnership

LOCAL_CHANGES = "local-changes.jsonl"
NAME_LANGS = ("en", "ru", "be", "uk", "local")
ALIAS_LANGS = ("ru", "be", "uk", "en")
ORG_TYPES = {"enterprise", "university", "media", "ministry", "association", "fez", "executive", "other"}
ENTITY_ID = re.compile(r"^[a-z]{2}-(org-)?[a-z0-9]+(-[a-z0-9]+)*$")
SIGNED = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
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
    import unicodedata

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


def candidate_key(belarusian: str, partner: str) -> str:
    """A short stable id for a candidate pair, so an admin can type it and a rejection sticks."""
    digest = hashlib.sha1(f"{belarusian}|{fold(partner)}".encode("utf-8")).hexdigest()[:8]
    return f"c-{digest}"


# --- dates and periods -----------------------------------------------------------------------------

def parse_signed(text: str) -> tuple[date, date]:
    """'2017', '2017-11' or '2017-11-03' → the first and last day it may mean. ValueError if not."""
    match = SIGNED.match(text.strip())
    if not match:
        raise ValueError(text)
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if day is None:
        first = date(year, month, 1)
        last = date(year + (month == 12), month % 12 + 1, 1)
        return first, date.fromordinal(last.toordinal() - 1)
    exact = date(year, month, day)
    return exact, exact


_RANGE = re.compile(r"^\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*(?:(?:\.\.|–|—|/|\s-\s|-(?=\d{4}\b))\s*"
                    r"(\d{4}(?:-\d{2}(?:-\d{2})?)?)?)?\s*$")


def parse_period(text: str) -> tuple[date, date | None]:
    """A plan's or programme's period as the catalogue writes it → (first day, last day or None).

    '2016-2018' (also with – or ..), '2015', '2019-03..2021-06', '2019..' (open-ended).
    ValueError for anything else, so a validation can name the value.
    """
    match = _RANGE.match(text or "")
    if not match:
        raise ValueError(text)
    start = parse_signed(match.group(1))[0]
    if match.group(2):
        end = parse_signed(match.group(2))[1]
    elif re.search(r"(\.\.|–|—|/|-)\s*$", text.strip()) and not SIGNED.match(text.strip()):
        end = None
    else:
        end = parse_signed(match.group(1))[1]
    if end is not None and end < start:
        raise ValueError(text)
    return start, end


def in_force(agreement: Agreement, on_date: date) -> bool:
    """Whether an agreement was in force on a day. Pure.

    A planned agreement is not in force. With a period, it is in force inside it (a period of
    years runs from 1 January of the first to 31 December of the last). Without one, it is in
    force from its signing on (cooperation agreements and twinnings run until ended), and always
    when the monograph gives no date. A period that cannot be read counts as no period; the
    catalogue's validation keeps such values out.
    """
    if agreement.status == "planned":
        return False
    if agreement.period:
        try:
            start, end = parse_period(agreement.period)
        except ValueError:
            pass
        else:
            return start <= on_date and (end is None or on_date <= end)
    if agreement.signed:
        try:
            return parse_signed(agreement.signed)[0] <= on_date
        except ValueError:
            return True
    return True


def expired(agreement: Agreement, on_date: date) -> bool:
    """A plan or programme whose period ended before the day: a story lead, not a gap."""
    if not agreement.period:
        return False
    try:
        end = parse_period(agreement.period)[1]
    except ValueError:
        return False
    return end is not None and end < on_date


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


# --- applying one change --------------------------------------------------------------------------

def _summarise(partnership: Partnership) -> Partnership:
    signed = sorted(a.signed for a in partnership.agreements if a.signed)
    return replace(partnership, first_signed=signed[0] if signed else None,
                   last_signed=signed[-1] if signed else None)


def _with(catalogue: Catalogue, entity: Entity | None = None, partnership: Partnership | None = None) -> Catalogue:
    entities, partnerships = dict(catalogue.entities), dict(catalogue.partnerships)
    if entity is not None:
        entities[entity.id] = entity
    if partnership is not None:
        partnerships[partnership.id] = partnership
    return Catalogue(entities=entities, partnerships=partnerships, outlets=catalogue.outlets)


def pair_owner(catalogue: Catalogue, a: str, b: str) -> Partnership | None:
    """The partnership that already holds this pair, in either order."""
    for partnership in catalogue.partnerships.values():
        if {partnership.a, partnership.b} == {a, b}:
            return partnership
    return None


def _edit_values(current: Mapping, data: Mapping, editable: set[str], kind: str) -> dict:
    """The new values of the fields an edit touches: `set` replaces, `add`/`remove` change lists."""
    problems: list[tuple[str, str]] = []
    values: dict = {}
    for section in ("set", "add", "remove"):
        for field, value in (data.get(section) or {}).items():
            if field not in editable:
                problems.append((field, f"a {kind} has no editable field {field!r}; editable: {', '.join(sorted(editable))}"))
                continue
            if section != "set" and field not in LIST_FIELDS:
                problems.append((field, f"{field} is not a list; use --set {field}=VALUE"))
                continue
            old = values.get(field, current.get(field))
            if field in LIST_FIELDS:
                old_list = list(_list(old))
                items = list(_list(value))
                if section == "set":
                    values[field] = items
                elif section == "add":
                    values[field] = old_list + [i for i in items if i not in old_list]
                else:
                    missing = [i for i in items if i not in old_list]
                    if missing:
                        problems.append((field, f"{missing[0]!r} is not in {field}; nothing to remove"))
                    values[field] = [i for i in old_list if i not in items]
            elif field in BOOL_FIELDS:
                values[field] = _bool(value, field, problems)
            else:
                values[field] = _text(value)
    if not values and not problems:
        problems.append(("set", "the change changes nothing; give --set, --add or --remove"))
    if problems:
        raise ChangeError(problems)
    return values


def find_agreement(partnership: Partnership, data: Mapping) -> int:
    """The index of the agreement an edit means: by its fingerprint, else its number."""
    fingerprint = data.get("match") or {}
    if fingerprint:
        for index, agreement in enumerate(partnership.agreements):
            if _fingerprint(agreement) == fingerprint:
                return index
    number = data.get("agreement")
    if isinstance(number, int) and 1 <= number <= len(partnership.agreements) and not fingerprint:
        return number - 1
    raise ChangeError([("agreement", f"partnership {partnership.id} has no agreement {number!r}; "
                                     f"`monitor catalogue show {partnership.id}` numbers them")])


def _fingerprint(agreement: Agreement) -> dict:
    return {"type": agreement.type, "signed": agreement.signed, "seed_lines": list(agreement.seed_lines),
            "source": agreement.source}


def apply_change(catalogue: Catalogue, change: CatalogueChange, today: date | None = None,
                 replaying: bool = False) -> Catalogue:
    """The catalogue after one change. Pure; ChangeError when it cannot apply.

    `replaying` is the load path: an addition the shipped catalogue has since adopted merges into
    the shipped record (its aliases and agreements join) instead of failing, so upgrades keep it.
    """
    data = change.data
    if change.op == "add-entity":
        entity = entity_from_raw(data, catalogue)
        existing = catalogue.entities.get(entity.id)
        if existing is not None:
            if not replaying:
                raise ChangeError([("id", f"{entity.id!r} is taken by {existing.name}; ids are never reused, "
                                          f"pass another --id")])
            aliases = {lang: _list(list(existing.aliases.get(lang, ())) + list(entity.aliases.get(lang, ())))
                       for lang in ALIAS_LANGS}
            entity = replace(existing, names={**entity.names, **existing.names}, aliases=aliases)
        return _with(catalogue, entity=entity)

    if change.op == "add-partnership":
        problems = []
        a, b = _text(data.get("a")), _text(data.get("b"))
        for side, value in (("a", a), ("b", b)):
            if value not in catalogue.entities:
                problems.append((side, f"unknown entity {value!r}; add it first with `monitor catalogue add-entity`"))
        if not problems and catalogue.entities[a].country != "BY":
            problems.append(("a", f"side a is the Belarusian side; {a} is in {catalogue.entities[a].country}"))
        if not problems and a == b:
            problems.append(("b", "a partnership needs two different entities"))
        level = _text(data.get("level"))
        if level not in LEVELS:
            problems.append(("level", f"{level!r} is not a known level; use one of {', '.join(sorted(LEVELS))}"))
        agreements_raw = data.get("agreements") or []
        if not agreements_raw:
            problems.append(("type", "a new partnership needs its first agreement (type, status, source)"))
        agreements = []
        for raw in agreements_raw:
            try:
                agreements.append(agreement_from_raw({**raw, "source": raw.get("source") or change.source},
                                                     None if replaying else today, need_source=True))
            except ChangeError as exc:
                problems += exc.problems
        if problems:
            raise ChangeError(problems)
        pid = partnership_id_for(a, b)
        owner = pair_owner(catalogue, a, b)
        if owner is not None:
            if not replaying or owner.id != pid:
                state = " (retired; `monitor catalogue edit " + owner.id + " --set retired=no` brings it back)" if owner.retired else ""
                raise ChangeError([("b", f"{a} and {b} are already partnership {owner.id}{state}; "
                                         f"add an agreement to it with `monitor catalogue add-agreement {owner.id}`")])
            new = [x for x in agreements if _fingerprint(x) not in [_fingerprint(y) for y in owner.agreements]]
            return _with(catalogue, partnership=_summarise(replace(owner, agreements=owner.agreements + tuple(new))))
        partnership = Partnership(id=pid, a=a, b=b, level=level, agreements=tuple(agreements),
                                  topics=_list(data.get("topics")))
        return _with(catalogue, partnership=_summarise(partnership))

    if change.op in ("add-agreement", "edit-agreement", "retire") or (
            change.op == "edit" and change.target in catalogue.partnerships):
        partnership = catalogue.partnerships.get(change.target)
        if partnership is None:
            raise ChangeError([("id", f"unknown partnership {change.target!r}; `monitor catalogue search` finds ids")])
        if change.op == "add-agreement":
            agreement = agreement_from_raw({**data, "source": data.get("source") or change.source},
                                           None if replaying else today, need_source=True)
            if _fingerprint(agreement) in [_fingerprint(x) for x in partnership.agreements]:
                if replaying:
                    return catalogue
                raise ChangeError([("signed", f"partnership {partnership.id} already has this {agreement.type} "
                                              f"from this source; edit it instead")])
            return _with(catalogue, partnership=_summarise(replace(
                partnership, agreements=partnership.agreements + (agreement,))))
        if change.op == "retire":
            if partnership.retired and not replaying:
                raise ChangeError([("id", f"{partnership.id} is already retired")])
            return _with(catalogue, partnership=replace(partnership, retired=True))
        if change.op == "edit-agreement":
            index = find_agreement(partnership, data)
            old = partnership.agreements[index]
            values = _edit_values(agreement_to_raw(old), data, AGREEMENT_EDITABLE, "agreement")
            merged = {**agreement_to_raw(old), **values}
            agreement = agreement_from_raw(merged, None if replaying else today, need_source=False)
            agreements = list(partnership.agreements)
            agreements[index] = agreement
            return _with(catalogue, partnership=_summarise(replace(partnership, agreements=tuple(agreements))))
        values = _edit_values(partnership_to_raw(partnership), data, PARTNERSHIP_EDITABLE, "partnership")
        if "level" in values and values["level"] not in LEVELS:
            raise ChangeError([("level", f"{values['level']!r} is not a known level; use one of {', '.join(sorted(LEVELS))}")])
        return _with(catalogue, partnership=replace(
            partnership, level=values.get("level", partnership.level),
            topics=_list(values["topics"]) if "topics" in values else partnership.topics,
            retired=values.get("retired", partnership.retired)))

    if change.op == "edit":
        entity = catalogue.entities.get(change.target)
        if entity is None:
            raise ChangeError([("id", f"unknown entity or partnership {change.target!r}; "
                                      f"`monitor catalogue search` finds ids")])
        raw = entity_to_raw(entity)
        values = _edit_values(raw, data, ENTITY_EDITABLE, "entity")
        if values.get("parent") == entity.id:
            raise ChangeError([("parent", "an entity cannot be its own parent")])
        return _with(catalogue, entity=entity_from_raw({**raw, **values}, catalogue, new=False))

    if change.op == "reject-candidate":
        return catalogue  # recorded only: `rejected_candidates` reads it from the log
    raise ChangeError([("op", f"unknown change {change.op!r}; this log was written by a newer monitor")])


# --- the change log ---------------------------------------------------------------------------------

def read_changes(path: Path) -> list[CatalogueChange]:
    if not path.exists():
        return []
    changes = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            changes.append(CatalogueChange(at=raw["at"], by=raw["by"], op=raw["op"], target=raw["target"],
                                           data=raw.get("data") or {}, why=raw.get("why") or "",
                                           source=raw.get("source") or "", line=number))
        except (json.JSONDecodeError, KeyError, TypeError):
            raise ConfigError(f"{path}:{number}: not a change record (at, by, op, target, data); this file is "
                              f"append-only, restore the line from a backup or your version control")
    return changes


def change_to_json(change: CatalogueChange) -> str:
    return json.dumps({"at": change.at, "by": change.by, "op": change.op, "target": change.target,
                       "data": change.data, "why": change.why, "source": change.source}, ensure_ascii=False)


def replay(catalogue: Catalogue, changes: Iterable[CatalogueChange], path: Path) -> Catalogue:
    for change in changes:
        try:
            catalogue = apply_change(catalogue, change, replaying=True)
        except ChangeError as exc:
            raise ConfigError([f"{path}:{change.line}: {change.op} {change.target}: {field}: {message}"
                               for field, message in exc.problems])
    return catalogue


def apply_local_changes(catalogue: Catalogue, folder: Path, problems: list[str] | None = None) -> Catalogue:
    """The shipped catalogue with the folder's local changes replayed: what load_config uses."""
    path = Path(folder) / LOCAL_CHANGES
    if not path.exists():
        return catalogue
    try:
        return replay(catalogue, read_changes(path), path)
    except ConfigError as exc:
        if problems is None:
            raise
        problems.extend(exc.problems)
        return catalogue


def load_effective_catalogue(folder: Path) -> Catalogue:
    """Shipped files plus local changes, for commands that read the catalogue without load_config."""
    return apply_local_changes(load_catalogue(Path(folder)), Path(folder))


class CatalogueEditor:
    """The catalogue of one config folder, and the only writer of its change log."""

    def __init__(self, folder: Path | str, clock: Callable[[], datetime] = utcnow):
        self.folder = Path(folder)
        self.path = self.folder / LOCAL_CHANGES
        self.clock = clock
        self.shipped = load_catalogue(self.folder)
        self.changes = read_changes(self.path)
        self.catalogue = replay(self.shipped, self.changes, self.path)

    def today(self) -> date:
        return self.clock().date()

    def change(self, op: str, target: str, data: Mapping, by: str, why: str = "", source: str = "") -> CatalogueChange:
        if not by or not by.strip():
            raise InputError("say who makes the change with --by NAME (or set USER)")
        at = self.clock().astimezone(timezone.utc).isoformat(timespec="seconds")
        return CatalogueChange(at=at, by=by.strip(), op=op, target=target, data=dict(data),
                               why=(why or "").strip(), source=(source or "").strip())

    def preview(self, changes: list[CatalogueChange], where: Callable[[CatalogueChange, str], str] | None = None
                ) -> Catalogue:
        """The catalogue after the changes, without writing; InputError names every problem."""
        catalogue, problems = self.catalogue, []
        for change in changes:
            try:
                catalogue = apply_change(catalogue, change, self.today())
            except ChangeError as exc:
                for field, message in exc.problems:
                    problems.append(where(change, field) + message if where else f"{field}: {message}")
        if problems:
            raise InputError(_many(problems, "nothing changed"))
        return catalogue

    def record(self, changes: list[CatalogueChange], where=None) -> Catalogue:
        """Apply and append the changes: all of them or, on any problem, none."""
        catalogue = self.preview(changes, where)
        if changes:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            text = "".join(change_to_json(c) + "\n" for c in changes)
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(text)  # one write: a crash leaves whole lines or none
            self.changes = read_changes(self.path)
        self.catalogue = catalogue
        return catalogue

    # --- reading ---

    def history(self, target: str | None = None) -> list[CatalogueChange]:
        if target is None:
            return list(self.changes)
        return [c for c in self.changes if c.target == target or c.target.startswith(target + "--")
                or c.target.endswith("--" + target) or c.data.get("a") == target or c.data.get("b") == target]

    def rejected_candidates(self) -> set[str]:
        return {c.target for c in self.changes if c.op == "reject-candidate"}


# --- search ------------------------------------------------------------------------------------------

def entity_names(entity: Entity) -> list[str]:
    out = [name for name in entity.names.values() if name]
    for lang in ALIAS_LANGS:
        out += list(entity.aliases.get(lang, ()))
    return out


def search(catalogue: Catalogue, text: str) -> tuple[list[Entity], list[Partnership]]:
    """Entities any of whose names or aliases contain the text (folded), and their partnerships."""
    needle = fold(text)
    if not needle:
        raise InputError("search for at least one letter, e.g. `monitor catalogue search Брянск`")
    entities = [e for e in catalogue.entities.values()
                if needle in e.id or any(needle in fold(n) for n in entity_names(e))]
    ids = {e.id for e in entities}
    partnerships = [p for p in catalogue.partnerships.values()
                    if p.a in ids or p.b in ids or needle in p.id]
    return entities, partnerships


# --- export and import ----------------------------------------------------------------------------------

ENTITY_COLUMNS = ["id", "kind", "org_type", "country", "parent", "name_en", "name_ru", "name_be", "name_uk",
                  "name_local", "aliases_ru", "aliases_be", "aliases_uk", "aliases_en", "ambiguous",
                  "ambiguity_note", "source"]
PARTNERSHIP_COLUMNS = ["partnership", "a", "b", "a_name", "b_name", "level", "retired", "agreement", "type",
                       "signed", "period", "status", "signatories", "topics", "note", "source", "seed_lines",
                       "evidence"]
READ_ONLY = {"a_name", "b_name"}  # for people reading the sheet; ignored on import
MONOGRAPH_ONLY = {"seed_lines", "evidence"}  # the monograph's record: not editable


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def export_rows(catalogue: Catalogue, table: str) -> tuple[list[str], list[dict]]:
    if table == "entities":
        rows = []
        for entity in catalogue.entities.values():
            raw = entity_to_raw(entity)
            rows.append({column: _cell(raw.get(column)) for column in ENTITY_COLUMNS})
        return ENTITY_COLUMNS, rows
    rows = []
    for p in catalogue.partnerships.values():
        base = {"partnership": p.id, "a": p.a, "b": p.b, "a_name": catalogue.entities[p.a].name,
                "b_name": catalogue.entities[p.b].name, "level": p.level, "retired": _cell(p.retired)}
        for number, agreement in enumerate(p.agreements, 1):
            raw = agreement_to_raw(agreement)
            rows.append({**base, "agreement": str(number),
                         **{c: _cell(raw.get(c)) for c in PARTNERSHIP_COLUMNS if c not in base and c != "agreement"}})
        if not p.agreements:
            rows.append({**base, **{c: "" for c in PARTNERSHIP_COLUMNS if c not in base}})
    return PARTNERSHIP_COLUMNS, rows


def export_text(catalogue: Catalogue, fmt: str, table: str = "partnerships") -> str:
    """CSV (with a UTF-8 BOM so office suites read Cyrillic; write with encoding='utf-8') or JSONL."""
    if fmt == "jsonl":
        lines = [json.dumps({"record": "entity", **entity_to_raw(e)}, ensure_ascii=False)
                 for e in catalogue.entities.values()]
        lines += [json.dumps({"record": "partnership", **partnership_to_raw(p)}, ensure_ascii=False)
                  for p in catalogue.partnerships.values()]
        return "".join(line + "\n" for line in lines)
    columns, rows = export_rows(catalogue, table)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()


class ImportPlan:
    """What an import would change: the changes to record and one readable line for each."""

    def __init__(self, changes: list[CatalogueChange], lines: list[str], places: dict[int, str]):
        self.changes = changes
        self.lines = lines
        self.places = places  # id(change) -> "FILE row N, column " prefix for errors


def read_import(path: Path) -> tuple[str, list[tuple[str, dict]]]:
    """(kind, [(where, row)]) from a CSV (with or without BOM) or JSONL file; kind names the
    table: entities, partnerships or jsonl."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; give the CSV or JSONL file to import")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; in the office suite save as 'CSV UTF-8'")
    if path.suffix.lower() in (".jsonl", ".json") or text.lstrip().startswith("{"):
        rows = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}: not valid JSON ({exc.msg}); write one record per line")
            if not isinstance(raw, dict) or raw.get("record") not in ("entity", "partnership"):
                raise InputError(f"{path}:{number}: each line needs \"record\": \"entity\" or \"partnership\", "
                                 f"as `monitor catalogue export --format jsonl` writes it")
            rows.append((f"{path.name}:{number}", raw))
        return "jsonl", rows
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    if "partnership" in header:
        kind, known = "partnerships", PARTNERSHIP_COLUMNS
    elif "kind" in header and "id" in header:
        kind, known = "entities", ENTITY_COLUMNS
    else:
        raise InputError(f"{path} row 1: the header names neither the partnerships table (partnership, a, b, ...) "
                         f"nor the entities table (id, kind, ...); start from `monitor catalogue export`")
    unknown = [c for c in header if c not in known]
    if unknown:
        raise InputError(f"{path} row 1, column {unknown[0]!r}: unknown column; known: {', '.join(known)}")
    rows = []
    for number, row in enumerate(reader, 2):
        if None in row:
            raise InputError(f"{path} row {number}: more cells than columns; check for an unquoted comma")
        if any((v or "").strip() for v in row.values()):
            rows.append((f"{path.name} row {number}", {k: (v or "").strip() for k, v in row.items()}))
    return kind, rows


def plan_import(editor: CatalogueEditor, path: Path, by: str, why: str) -> ImportPlan:
    """Diff an edited export against the catalogue. Rows the file lacks are left as they are."""
    kind, rows = read_import(Path(path))
    planner = _Planner(editor, by, why or f"import of {Path(path).name}", kind)
    for where, row in rows:
        if kind == "jsonl":
            record = row.pop("record")
            if record == "entity":
                planner.entity(where, row, "field")
            else:
                agreements = row.pop("agreements", None) or []
                base = {"partnership": row.get("id"), **{k: v for k, v in row.items() if k != "id"}}
                if not agreements:
                    planner.partnership_row(where, base, "field", agreement_given=False)
                for number, agreement in enumerate(agreements, 1):
                    planner.partnership_row(where, {**base, **agreement, "agreement": number}, "field",
                                            agreement_given=True)
        elif kind == "entities":
            planner.entity(where, row, "column")
        else:
            planner.partnership_row(where, row, "column", agreement_given=bool(row.get("type")))
    return planner.finish()


class _Planner:
    def __init__(self, editor: CatalogueEditor, by: str, why: str, kind: str):
        self.editor, self.by, self.why, self.kind = editor, by, why, kind
        self.catalogue = editor.catalogue
        self.problems: list[str] = []
        self.changes: list[CatalogueChange] = []
        self.lines: list[str] = []
        self.places: dict[int, str] = {}
        self.new_partnerships: dict[str, tuple[str, CatalogueChange]] = {}
        self.seen_agreements: set[tuple[str, int]] = set()

    def _add(self, change: CatalogueChange, where: str, word: str, line: str) -> None:
        # Applied at once to a scratch catalogue, so later rows may use entities earlier rows add.
        try:
            self.catalogue = apply_change(self.catalogue, change, self.editor.today())
        except ChangeError as exc:
            for field, message in exc.problems:
                self.problems.append(f"{where}, {word} {field}: {message}")
            return
        self.changes.append(change)
        self.places[id(change)] = f"{where}, {word} "
        self.lines.append(line)

    def _make(self, op, target, data, source=""):
        return self.editor.change(op, target, data, self.by, self.why, source)

    def entity(self, where: str, row: dict, word: str) -> None:
        entity_id = _text(row.get("id"))
        source = _text(row.get("source")) or ""
        existing = self.catalogue.entities.get(entity_id) if entity_id else None
        if existing is None:
            if not source:
                self.problems.append(f"{where}, {word} source: a new entity needs a source (URL or document)")
                return
            data = {k: v for k, v in row.items() if k in ENTITY_COLUMNS and k != "source"}
            if not entity_id:
                name = _text(row.get("name_en")) or _text(row.get("name_ru")) or ""
                data["id"] = entity_id = entity_id_for(_text(row.get("kind")) or "", _text(row.get("country")) or "", name)
            for lang in ALIAS_LANGS:
                data[f"aliases_{lang}"] = list(_list(data.get(f"aliases_{lang}")))
            self._add(self._make("add-entity", entity_id, data, source), where, word,
                      f"+ entity {entity_id} ({_text(row.get('name_ru')) or _text(row.get('name_en'))}, "
                      f"{row.get('kind')}, {row.get('country')})  source: {source}")
            return
        for fixed in ("kind", "country"):
            if fixed in row and _text(row[fixed]) != getattr(existing, fixed):
                self.problems.append(f"{where}, {word} {fixed}: {existing.id} is a {existing.kind} in "
                                     f"{existing.country} and ids are stable; add a new entity instead")
                return
        raw = entity_to_raw(existing)
        sets, adds, removes = {}, {}, {}
        for field in ENTITY_EDITABLE:
            if field not in row:
                continue
            if field in LIST_FIELDS:
                old, new = list(_list(raw.get(field))), list(_list(row[field]))
                if old != new:
                    if set(old) == set(new):
                        continue  # order only: not a change of fact
                    if [x for x in new if x not in old]:
                        adds[field] = [x for x in new if x not in old]
                    if [x for x in old if x not in new]:
                        removes[field] = [x for x in old if x not in new]
            elif field in BOOL_FIELDS:
                problems: list = []
                value = _bool(row[field], field, problems)
                if problems:
                    self.problems.append(f"{where}, {word} {field}: {problems[0][1]}")
                elif value != bool(raw.get(field)):
                    sets[field] = value
            elif _text(row[field]) != _text(raw.get(field)):
                sets[field] = _text(row[field])
        if sets or adds or removes:
            data = {k: v for k, v in (("set", sets), ("add", adds), ("remove", removes)) if v}
            self._add(self._make("edit", existing.id, data, _text(row.get("source")) or ""), where, word,
                      f"~ entity {existing.id}: " + describe_edit(raw, data))

    def partnership_row(self, where: str, row: dict, word: str, agreement_given: bool) -> None:
        pid, a, b = _text(row.get("partnership")), _text(row.get("a")), _text(row.get("b"))
        if not pid:
            if not (a and b):
                self.problems.append(f"{where}, {word} partnership: give the partnership id, or sides a and b")
                return
            pid = partnership_id_for(a, b)
        number = row.get("agreement")
        if isinstance(number, str):
            if number and not number.isdigit():
                self.problems.append(f"{where}, {word} agreement: {number!r} is not a number; leave it empty for a new agreement")
                return
            number = int(number) if number else None
        existing = self.catalogue.partnerships.get(pid)
        agreement = {k: row[k] for k in ("type", "signed", "period", "status", "signatories", "topics", "note",
                                          "source", "seed_lines", "evidence") if k in row}
        if existing is None or pid in self.new_partnerships:
            if number is not None and self.kind != "jsonl":
                self.problems.append(f"{where}, {word} agreement: partnership {pid} is new; leave agreement empty")
                return
            if pid in self.new_partnerships:
                self.new_partnerships[pid][1].data["agreements"].append(agreement)
                return
            data = {"a": a or pid.split("--")[0], "b": b or pid.partition("--")[2], "level": _text(row.get("level")),
                    "topics": list(_list(row.get("topics"))) if self.kind == "jsonl" else [],
                    "agreements": [agreement] if agreement_given else []}
            change = self._make("add-partnership", pid, data, _text(row.get("source")) or "")
            self.new_partnerships[pid] = (where, change)
            return
        for side, value in (("a", a), ("b", b)):
            if value and value != getattr(existing, side):
                self.problems.append(f"{where}, {word} {side}: {pid} has side {side} {getattr(existing, side)}; "
                                     f"sides are part of the id and never change")
                return
        sets = {}
        if _text(row.get("level")) and row.get("level") != existing.level:
            sets["level"] = _text(row["level"])
        if "retired" in row:
            problems: list = []
            retired = _bool(row["retired"], "retired", problems)
            if problems:
                self.problems.append(f"{where}, {word} retired: {problems[0][1]}")
            elif retired != existing.retired:
                sets["retired"] = retired
        if sets:
            if sets == {"retired": True}:
                self._add(self._make("retire", pid, {}), where, word, f"- retire partnership {pid}")
            else:
                self._add(self._make("edit", pid, {"set": sets}), where, word,
                          f"~ partnership {pid}: " + describe_edit(partnership_to_raw(existing), {"set": sets}))
            existing = self.catalogue.partnerships[pid]
        if not agreement_given:
            return
        if number is None:
            self._add(self._make("add-agreement", pid, agreement, _text(row.get("source")) or ""), where, word,
                      f"+ agreement {pid}: {agreement.get('type')} {agreement.get('signed') or ''}".rstrip()
                      + f"  source: {_text(row.get('source'))}")
            return
        if not 1 <= number <= len(existing.agreements):
            self.problems.append(f"{where}, {word} agreement: {pid} has no agreement {number}; leave it empty to add one")
            return
        old = agreement_to_raw(existing.agreements[number - 1])
        for field in MONOGRAPH_ONLY:
            if field in row and _cell(row[field]).strip() != _cell(old.get(field)).strip():
                self.problems.append(f"{where}, {word} {field}: the monograph's record cannot be edited; "
                                     f"put a correction in note")
                return
        sets, adds, removes = {}, {}, {}
        for field in AGREEMENT_EDITABLE:
            if field not in row:
                continue
            if field in LIST_FIELDS:
                before, after = list(_list(old.get(field))), list(_list(row[field]))
                if set(before) != set(after):
                    sets[field] = after
            elif _text(row[field]) != _text(old.get(field)):
                sets[field] = _text(row[field])
        if sets:
            data = {"agreement": number, "match": _fingerprint(existing.agreements[number - 1]), "set": sets}
            self._add(self._make("edit-agreement", pid, data, _text(row.get("source")) or ""), where, word,
                      f"~ agreement {pid} #{number}: " + describe_edit(old, data))

    def finish(self) -> ImportPlan:
        for pid, (where, change) in self.new_partnerships.items():
            count = len(change.data["agreements"])
            self._add(change, where, "column" if self.kind != "jsonl" else "field",
                      f"+ partnership {pid} ({change.data.get('level')}) with {count} agreement(s)")
        if self.problems:
            raise InputError(_many(self.problems, "nothing imported; fix these and import again"))
        return ImportPlan(self.changes, self.lines, self.places)


def _many(problems: list[str], outcome: str) -> str:
    """One line for one problem; a count and one indented line each for several."""
    if len(problems) == 1:
        return f"{problems[0]}; {outcome}"
    return f"{len(problems)} problems, {outcome}:\n" + "\n".join("  " + p for p in problems)


def describe_edit(before: Mapping, data: Mapping) -> str:
    parts = []
    for field, value in (data.get("set") or {}).items():
        parts.append(f"{field} {_cell(before.get(field)) or '(empty)'!r} → {_cell(value) or '(empty)'!r}")
    for field, value in (data.get("add") or {}).items():
        parts.append(f"{field} + {_cell(value)!r}")
    for field, value in (data.get("remove") or {}).items():
        parts.append(f"{field} − {_cell(value)!r}")
    return "; ".join(parts)


# --- name variants and candidates ----------------------------------------------------------------------

def name_variants(matcher, entity_id: str) -> dict[str, list[str]]:
    """Every folded form the matcher looks for that names this entity, grouped by how it came
    about (name, adjective, body, colloquial). Asks the matcher's own `variants` when it has one;
    otherwise reads its compiled automaton, so the answer is what matching really uses."""
    if hasattr(matcher, "variants"):
        found = matcher.variants(entity_id)
        if isinstance(found, Mapping):
            return {k: sorted(v) for k, v in found.items()}
        return {"name": sorted(found)}
    compiled = matcher._c  # no public accessor yet; see the report of the catalogue work
    grouped: dict[str, set[str]] = {}
    for key, (_, index) in compiled.automaton.items():
        form = compiled.forms[index]
        if entity_id in form.entities:
            label = form.kind if form.strength else f"{form.kind} (needs context)"
            grouped.setdefault(label, set()).add(key)
    return {kind: sorted(keys) for kind, keys in sorted(grouped.items())}


def guess_lang(text: str) -> str:
    if not re.search(r"[а-яёіўєїґ]", text.casefold()):
        return "en"
    if re.search(r"[ўі]", text.casefold()) and not re.search(r"[иєї]", text.casefold()):
        return "be"
    if re.search(r"[єїґ]", text.casefold()):
        return "uk"
    return "ru"
