"""Applying changes, the append-only change log, its replay on load, and the editor that writes it."""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Mapping

from ..config import LEVELS, load_catalogue
from ..errors import ConfigError, InputError, WriteError
from ..files import locked, write_atomically, write_error
from ..records import Agreement, Catalogue, CatalogueChange, Entity, Partnership
from .rules import (AGREEMENT_EDITABLE, ALIAS_LANGS, BOOL_FIELDS, ENTITY_EDITABLE, LIST_FIELDS, LOCAL_CHANGES,
                    PARTNERSHIP_EDITABLE, ChangeError, _bool, _list, _many, _text, agreement_from_raw, agreement_to_raw,
                    entity_from_raw, entity_to_raw, fingerprint, fold, partnership_id_for, partnership_to_raw, utcnow)

# --- applying one change --------------------------------------------------------------------------

def _summarise(partnership: Partnership) -> Partnership:
    signed = sorted(a.signed for a in partnership.agreements if a.signed)
    return replace(partnership, first_signed=signed[0] if signed else None,
                   last_signed=signed[-1] if signed else None)


def _with(catalogue: Catalogue, entity: Entity | None = None, partnership: Partnership | None = None,
          in_place: bool = False) -> Catalogue:
    """The catalogue with one record put in: a new catalogue, or (in_place, for a caller that owns
    the dicts, see `owned_copy`) the same one changed, so a long run of changes stays linear."""
    if in_place:
        entities, partnerships = catalogue.entities, catalogue.partnerships
    else:
        entities, partnerships = dict(catalogue.entities), dict(catalogue.partnerships)
    if entity is not None:
        entities[entity.id] = entity
    if partnership is not None:
        partnerships[partnership.id] = partnership
    if in_place:
        return catalogue
    return Catalogue(entities=entities, partnerships=partnerships, outlets=catalogue.outlets)


def owned_copy(catalogue: Catalogue) -> Catalogue:
    """A catalogue whose dicts are this caller's own, for apply_change(..., in_place=True)."""
    return Catalogue(entities=dict(catalogue.entities), partnerships=dict(catalogue.partnerships),
                     outlets=catalogue.outlets)


def pair_owner(catalogue: Catalogue, a: str, b: str) -> Partnership | None:
    """The partnership that already holds this pair, in either order. A partnership's id is its
    sides (config.py checks the shipped files), so two look-ups find it."""
    for pid in (partnership_id_for(a, b), partnership_id_for(b, a)):
        partnership = catalogue.partnerships.get(pid)
        if partnership is not None and {partnership.a, partnership.b} == {a, b}:
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
    wanted = data.get("match") or {}
    if wanted:
        for index, agreement in enumerate(partnership.agreements):
            if fingerprint(agreement) == wanted:
                return index
        # An upgrade may have corrected the shipped record (a date, a type); the monograph lines, or
        # the admin's source, still name the same agreement when exactly one has them.
        for key in ("seed_lines", "source"):
            if wanted.get(key):
                same = [i for i, a in enumerate(partnership.agreements) if fingerprint(a)[key] == wanted[key]]
                if len(same) == 1:
                    return same[0]
    number = data.get("agreement")
    if isinstance(number, int) and 1 <= number <= len(partnership.agreements) and not wanted:
        return number - 1
    if wanted:
        raise ChangeError([("agreement", f"the agreement this edit changed ({wanted.get('type')}, "
                                         f"{wanted.get('signed') or 'no date'}) is no longer in {partnership.id}; "
                                         f"compare `monitor catalogue show {partnership.id}` with the shipped files")])
    raise ChangeError([("agreement", f"partnership {partnership.id} has no agreement {number!r}; "
                                     f"`monitor catalogue show {partnership.id}` numbers them")])


def apply_change(catalogue: Catalogue, change: CatalogueChange, today: date | None = None,
                 replaying: bool = False, in_place: bool = False) -> Catalogue:
    """The catalogue after one change. Pure unless in_place (see `_with`); ChangeError when it
    cannot apply, and then nothing has changed.

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
        return _with(catalogue, entity=entity, in_place=in_place)

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
            new = [x for x in agreements if fingerprint(x) not in [fingerprint(y) for y in owner.agreements]]
            return _with(catalogue, partnership=_summarise(replace(owner, agreements=owner.agreements + tuple(new))),
                         in_place=in_place)
        partnership = Partnership(id=pid, a=a, b=b, level=level, agreements=tuple(agreements),
                                  topics=_list(data.get("topics")))
        return _with(catalogue, partnership=_summarise(partnership), in_place=in_place)

    if change.op in ("add-agreement", "edit-agreement", "retire") or (
            change.op == "edit" and change.target in catalogue.partnerships):
        partnership = catalogue.partnerships.get(change.target)
        if partnership is None:
            raise ChangeError([("id", f"unknown partnership {change.target!r}; `monitor catalogue search` finds ids")])
        if change.op == "add-agreement":
            agreement = agreement_from_raw({**data, "source": data.get("source") or change.source},
                                           None if replaying else today, need_source=True)
            if fingerprint(agreement) in [fingerprint(x) for x in partnership.agreements]:
                if replaying:
                    return catalogue
                raise ChangeError([("signed", f"partnership {partnership.id} already has this {agreement.type} "
                                              f"from this source; edit it instead")])
            return _with(catalogue, partnership=_summarise(replace(
                partnership, agreements=partnership.agreements + (agreement,))), in_place=in_place)
        if change.op == "retire":
            if partnership.retired and not replaying:
                raise ChangeError([("id", f"{partnership.id} is already retired")])
            return _with(catalogue, partnership=replace(partnership, retired=True), in_place=in_place)
        if change.op == "edit-agreement":
            index = find_agreement(partnership, data)
            old = partnership.agreements[index]
            values = _edit_values(agreement_to_raw(old), data, AGREEMENT_EDITABLE, "agreement")
            merged = {**agreement_to_raw(old), **values}
            agreement = agreement_from_raw(merged, None if replaying else today, need_source=False)
            agreements = list(partnership.agreements)
            agreements[index] = agreement
            return _with(catalogue, partnership=_summarise(replace(partnership, agreements=tuple(agreements))),
                         in_place=in_place)
        values = _edit_values(partnership_to_raw(partnership), data, PARTNERSHIP_EDITABLE, "partnership")
        if "level" in values and values["level"] not in LEVELS:
            raise ChangeError([("level", f"{values['level']!r} is not a known level; use one of {', '.join(sorted(LEVELS))}")])
        return _with(catalogue, partnership=replace(
            partnership, level=values.get("level", partnership.level),
            topics=_list(values["topics"]) if "topics" in values else partnership.topics,
            retired=values.get("retired", partnership.retired)), in_place=in_place)

    if change.op == "edit":
        entity = catalogue.entities.get(change.target)
        if entity is None:
            raise ChangeError([("id", f"unknown entity or partnership {change.target!r}; "
                                      f"`monitor catalogue search` finds ids")])
        raw = entity_to_raw(entity)
        values = _edit_values(raw, data, ENTITY_EDITABLE, "entity")
        if values.get("parent") == entity.id:
            raise ChangeError([("parent", "an entity cannot be its own parent")])
        return _with(catalogue, entity=entity_from_raw({**raw, **values}, catalogue, new=False), in_place=in_place)

    if change.op == "review-candidate":
        return catalogue  # recorded only: `reviewed_candidates` reads it from the log
    raise ChangeError([("op", f"unknown change {change.op!r}; this log was written by a newer monitor")])


# --- the change log ---------------------------------------------------------------------------------

def read_changes(path: Path, text: str | None = None, first_line: int = 1) -> list[CatalogueChange]:
    """The change log's records (of `text`, a part of the log starting at `first_line`, if given)."""
    if text is None:
        if not path.exists():
            return []
        text = path.read_text(encoding="utf-8")
    changes = []
    for number, line in enumerate(text.splitlines(), first_line):
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
    """The catalogue after the changes, in time linear in their number."""
    catalogue = owned_copy(catalogue)
    for change in changes:
        try:
            catalogue = apply_change(catalogue, change, replaying=True, in_place=True)
        except ChangeError as exc:
            raise ConfigError([f"{path}:{change.line}: {change.op} {change.target}: {field}: {message}"
                               for field, message in exc.problems])
    return catalogue


# --- the snapshot: the log replayed so far, so a start-up replays only what came after ---------------
#
# The log stays the record (append-only, never rewritten). The snapshot beside it holds the records
# the log has changed, with what it was made from: the shipped files' hash and the hash of the log's
# bytes it covers. If the shipped files change (an upgrade) or the log's covered part is not what it
# was (restored from a backup), the snapshot is ignored and the whole log replayed, as before.

SNAPSHOT = ".local-changes.snapshot.json"
SNAPSHOT_VERSION = 1
SNAPSHOT_AFTER = 200  # changes replayed past the snapshot before a new one is written


def _shipped_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for name in ("entities.jsonl", "partnerships.jsonl", "media.jsonl"):
        try:
            digest.update((folder / name).read_bytes())
        except FileNotFoundError:
            pass
        digest.update(b"\0")
    return digest.hexdigest()


def _entity_from_json(raw: dict) -> Entity:
    return Entity(**{**raw, "aliases": {lang: tuple(names) for lang, names in raw["aliases"].items()}})


def _partnership_from_json(raw: dict) -> Partnership:
    agreements = tuple(Agreement(**{**a, "signatories": tuple(a["signatories"]), "topics": tuple(a["topics"]),
                                    "seed_lines": tuple(a["seed_lines"])}) for a in raw["agreements"])
    return Partnership(**{**raw, "agreements": agreements, "topics": tuple(raw["topics"])})


def _read_snapshot(folder: Path, shipped_hash: str, log: bytes) -> dict | None:
    """The snapshot if it was made from these shipped files and the start of this log, else None."""
    try:
        data = json.loads((folder / SNAPSHOT).read_text(encoding="utf-8"))
        covered = data["log_bytes"]
        if (data["version"] != SNAPSHOT_VERSION or data["shipped"] != shipped_hash or covered > len(log)
                or hashlib.sha256(log[:covered]).hexdigest() != data["log_hash"]):
            return None
        return data
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing, damaged or from another version: replay the whole log


def _entity_json(entity: Entity) -> dict:
    return {"id": entity.id, "kind": entity.kind, "country": entity.country, "names": dict(entity.names),
            "aliases": {lang: list(names) for lang, names in entity.aliases.items()}, "parent": entity.parent,
            "org_type": entity.org_type, "ambiguous": entity.ambiguous, "ambiguity_note": entity.ambiguity_note}


def _partnership_json(partnership: Partnership) -> dict:
    return {**{f.name: getattr(partnership, f.name) for f in fields(Partnership)},
            "agreements": [{f.name: getattr(a, f.name) for f in fields(Agreement)} for a in partnership.agreements]}


def write_snapshot(folder: Path, shipped: Catalogue, effective: Catalogue, log: bytes) -> None:
    """Note the catalogue `effective` as what replaying `log` (whole lines) over `shipped` gives."""
    data = {"version": SNAPSHOT_VERSION, "shipped": _shipped_hash(folder), "log_bytes": len(log),
            "log_hash": hashlib.sha256(log).hexdigest(), "log_lines": log.count(b"\n"),
            "entities": [_entity_json(e) for i, e in effective.entities.items() if shipped.entities.get(i) != e],
            "partnerships": [_partnership_json(p) for i, p in effective.partnerships.items()
                             if shipped.partnerships.get(i) != p]}
    try:
        write_atomically(folder / SNAPSHOT, json.dumps(data, ensure_ascii=False))
    except WriteError:
        pass  # a read-only catalogue folder: start-ups replay the whole log, which stays right


def replay_log(shipped: Catalogue, folder: Path) -> Catalogue:
    """The shipped catalogue with the folder's change log applied: from the snapshot when it is
    valid, replaying only the lines after it; a new snapshot when many lines came after."""
    return _replay_log(shipped, Path(folder))[0]


def _replay_log(shipped: Catalogue, folder: Path) -> tuple[Catalogue, int]:
    """replay_log, and how many lines the snapshot now in place does not cover."""
    path = folder / LOCAL_CHANGES
    try:
        log = path.read_bytes()
    except FileNotFoundError:
        return shipped, 0
    # only whole lines: a line being appended right now is read at the next start
    log = log[:log.rfind(b"\n") + 1]
    snapshot = _read_snapshot(folder, _shipped_hash(folder), log)
    start, first_line, catalogue = 0, 1, shipped
    if snapshot is not None:
        catalogue = owned_copy(shipped)
        for raw in snapshot["entities"]:
            catalogue.entities[raw["id"]] = _entity_from_json(raw)
        for raw in snapshot["partnerships"]:
            catalogue.partnerships[raw["id"]] = _partnership_from_json(raw)
        start, first_line = snapshot["log_bytes"], snapshot["log_lines"] + 1
    tail = log[start:].decode("utf-8")
    catalogue = replay(catalogue, read_changes(path, tail, first_line), path)
    replayed = tail.count("\n")
    if replayed >= SNAPSHOT_AFTER:
        write_snapshot(folder, shipped, catalogue, log)
        replayed = 0
    return catalogue, replayed


def apply_local_changes(catalogue: Catalogue, folder: Path, problems: list[str] | None = None) -> Catalogue:
    """The shipped catalogue with the folder's local changes replayed: what load_config uses."""
    try:
        return replay_log(catalogue, Path(folder))
    except ConfigError as exc:
        if problems is None:
            raise
        problems.extend(exc.problems)
        return catalogue


def load_effective_catalogue(folder: Path) -> Catalogue:
    """Shipped files plus local changes, for commands that read the catalogue without load_config."""
    return apply_local_changes(load_catalogue(Path(folder)), Path(folder))


class CatalogueEditor:
    """The catalogue of one config folder, and the only writer of its change log. Recording holds
    the log's lock, and takes in changes another admin recorded since this editor read the log,
    so two admins at once never check against a stale catalogue."""

    def __init__(self, folder: Path | str, clock: Callable[[], datetime] = utcnow):
        self.folder = Path(folder)
        self.path = self.folder / LOCAL_CHANGES
        self.clock = clock
        self.shipped = load_catalogue(self.folder)
        self._read_log()

    def _read_log(self) -> None:
        self._log_size = self.path.stat().st_size if self.path.exists() else 0
        self.catalogue, self._unsnapshotted = _replay_log(self.shipped, self.folder)
        self._changes: list[CatalogueChange] | None = None

    @property
    def changes(self) -> list[CatalogueChange]:
        """The log's records, read when first asked for (history, reviewed candidates)."""
        if self._changes is None:
            self._changes = read_changes(self.path)
        return self._changes

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
        catalogue, problems = owned_copy(self.catalogue), []
        for change in changes:
            try:
                catalogue = apply_change(catalogue, change, self.today(), in_place=True)
            except ChangeError as exc:
                for field, message in exc.problems:
                    problems.append(where(change, field) + message if where else f"{field}: {message}")
        if problems:
            raise InputError(_many(problems, "nothing changed"))
        return catalogue

    def record(self, changes: list[CatalogueChange], where=None) -> Catalogue:
        """Apply and append the changes: all of them or, on any problem, none."""
        if not changes:
            return self.preview(changes, where)
        with locked(self.path):
            if (self.path.stat().st_size if self.path.exists() else 0) != self._log_size:
                self._read_log()  # another admin recorded changes meanwhile: check against them too
            catalogue = self.preview(changes, where)
            text = "".join(change_to_json(c) + "\n" for c in changes)
            try:
                with self.path.open("a", encoding="utf-8") as handle:
                    handle.write(text)  # one write: a crash leaves whole lines or none
            except OSError as exc:
                raise write_error(self.path, exc, "record the change") from exc
            # Changes that passed the preview replay to the same catalogue, so it is the new state.
            self.catalogue, self._changes = catalogue, None
            self._log_size = self.path.stat().st_size
            self._unsnapshotted += len(changes)
            if self._unsnapshotted >= SNAPSHOT_AFTER:
                write_snapshot(self.folder, self.shipped, catalogue, self.path.read_bytes())
                self._unsnapshotted = 0
        return catalogue

    # --- reading ---

    def history(self, target: str | None = None) -> list[CatalogueChange]:
        if target is None:
            return list(self.changes)
        return [c for c in self.changes if c.target == target or c.target.startswith(target + "--")
                or c.target.endswith("--" + target) or c.data.get("a") == target or c.data.get("b") == target]

    def reviewed_candidates(self) -> set[str]:
        """Candidate keys already accepted, merged or rejected: never proposed again."""
        return {c.target for c in self.changes if c.op == "review-candidate"}


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


