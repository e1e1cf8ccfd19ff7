"""Export for spreadsheets and scripts, and import of an edited export as a reviewed diff.

CSV carries a UTF-8 BOM so office suites show Cyrillic; reading accepts it with or without. Cells
that a spreadsheet would run as formulas are written as text and read back as they were. An
import never deletes: rows missing from the file are left as they are. Every problem names the row
(as the spreadsheet numbers it, header = row 1) and the column, and nothing is applied then.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Mapping

from ..errors import InputError
from ..records import Catalogue, CatalogueChange
from ..spreadsheet import from_cell, to_cell
from .changes import CatalogueEditor, apply_change, owned_copy
from .rules import (AGREEMENT_EDITABLE, ALIAS_LANGS, BOOL_FIELDS, ENTITY_EDITABLE, LIST_FIELDS, LIST_SEPARATOR,
                    ChangeError, _bool, _list, _many, _text, agreement_to_raw, entity_id_for, entity_to_raw, fingerprint,
                    partnership_id_for, partnership_to_raw)

# --- export and import ----------------------------------------------------------------------------------

ENTITY_COLUMNS = ["id", "kind", "org_type", "country", "parent", "name_en", "name_ru", "name_be", "name_uk",
                  "name_local", "aliases_ru", "aliases_be", "aliases_uk", "aliases_en", "ambiguous",
                  "ambiguity_note", "source"]
PARTNERSHIP_COLUMNS = ["partnership", "a", "b", "a_name", "b_name", "level", "retired", "agreement", "type",
                       "signed", "period", "status", "signatories", "topics", "note", "source", "seed_lines",
                       "evidence"]
READ_ONLY = {"a_name", "b_name"}  # for people reading the sheet; ignored on import
MONOGRAPH_ONLY = {"seed_lines", "evidence"}  # the monograph's record: not editable


def cell(value) -> str:
    """A value as a spreadsheet cell: lists joined by ' | ', yes for true, empty for none."""
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
            rows.append({column: cell(raw.get(column)) for column in ENTITY_COLUMNS})
        return ENTITY_COLUMNS, rows
    rows = []
    for p in catalogue.partnerships.values():
        base = {"partnership": p.id, "a": p.a, "b": p.b, "a_name": catalogue.entities[p.a].name,
                "b_name": catalogue.entities[p.b].name, "level": p.level, "retired": cell(p.retired)}
        for number, agreement in enumerate(p.agreements, 1):
            raw = agreement_to_raw(agreement)
            rows.append({**base, "agreement": str(number),
                         **{c: cell(raw.get(c)) for c in PARTNERSHIP_COLUMNS if c not in base and c != "agreement"}})
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
    writer.writerows({column: to_cell(value) for column, value in row.items()} for row in rows)
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
            rows.append((f"{path.name} row {number}", {k: from_cell((v or "").strip()) for k, v in row.items()}))
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
        self.catalogue = owned_copy(editor.catalogue)  # a scratch copy each row's change is applied to
        self.problems: list[str] = []
        self.changes: list[CatalogueChange] = []
        self.lines: list[str] = []
        self.places: dict[int, str] = {}
        self.new_partnerships: dict[str, tuple[str, CatalogueChange]] = {}
        self.seen_agreements: set[tuple[str, int]] = set()

    def _add(self, change: CatalogueChange, where: str, word: str, line: str) -> None:
        # Applied at once to a scratch catalogue, so later rows may use entities earlier rows add.
        try:
            self.catalogue = apply_change(self.catalogue, change, self.editor.today(), in_place=True)
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
        elif a and b and pid != partnership_id_for(a, b):
            self.problems.append(f"{where}, {word} partnership: {pid!r} is not {partnership_id_for(a, b)!r}; "
                                 f"a partnership's id is its sides a--b")
            return
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
        if sets.get("retired") is True:  # its own change, so the log reads "retire" like the command
            del sets["retired"]
            self._add(self._make("retire", pid, {}), where, word, f"- retire partnership {pid}")
        if sets:
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
            if field in row and cell(row[field]).strip() != cell(old.get(field)).strip():
                self.problems.append(f"{where}, {word} {field}: the monograph's record cannot be edited; "
                                     f"put a correction in note")
                return
        sets = {}
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
            data = {"agreement": number, "match": fingerprint(existing.agreements[number - 1]), "set": sets}
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


def describe_edit(before: Mapping, data: Mapping) -> str:
    parts = []
    for field, value in (data.get("set") or {}).items():
        parts.append(f"{field} {cell(before.get(field)) or '(empty)'!r} → {cell(value) or '(empty)'!r}")
    for field, value in (data.get("add") or {}).items():
        parts.append(f"{field} + {cell(value)!r}")
    for field, value in (data.get("remove") or {}).items():
        parts.append(f"{field} − {cell(value)!r}")
    return "; ".join(parts)


