"""`monitor catalogue ...`: find, read and keep current the partnership catalogue.

Every edit goes through CatalogueEditor (monitor/catalogue.py), which validates it and appends it
to config/catalogue/local-changes.jsonl; the shipped files are never rewritten.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from .. import catalogue as C
from ..errors import InputError
from ..files import write_atomically

BY = click.option("--by", envvar="USER", help="Who makes the change. Default: $USER.")
WHY = click.option("--why", default="", help="Why: the reason an admin reading the log later needs.")


def _editor(obj) -> C.CatalogueEditor:
    return C.CatalogueEditor(Path(obj.config_dir) / "catalogue")


def _option_name(field: str) -> str:
    if field in ("a", "b"):
        return field.upper()  # the positional arguments of add-partnership
    if field.startswith("aliases_"):
        return f"--alias {field[8:]}=..."
    return "--" + field.replace("_", "-")


def _as_options(change, field: str) -> str:
    return f"{_option_name(field)}: "


def _pairs(values: tuple[str, ...], option: str) -> dict[str, list[str]]:
    """FIELD=VALUE options → {field: [values]}; a malformed one is an error naming the option."""
    out: dict[str, list[str]] = {}
    for value in values:
        field, sep, text = value.partition("=")
        if not sep or not field.strip():
            raise InputError(f"{option} {value!r}: write FIELD=VALUE, e.g. {option} aliases_ru=Брянщина")
        out.setdefault(field.strip(), []).append(text.strip())
    return out


def _label(catalogue, entity_id: str) -> str:
    entity = catalogue.entities.get(entity_id)
    return f"{entity.name} ({entity_id})" if entity else entity_id


def _source_of(agreement) -> str:
    if agreement.source:
        return f"source: {agreement.source}"
    if agreement.seed_lines:
        return "monograph lines " + ", ".join(str(n) for n in agreement.seed_lines)
    return "source: (none recorded)"


@click.group()
def catalogue():
    """Find, read and keep current the partnership catalogue (every change is logged)."""


# --- reading ---------------------------------------------------------------------------------------


@catalogue.command("list")
@click.option("--entities", "show_entities", is_flag=True, help="List entities instead of partnerships.")
@click.option("--country", help="Only this country (ISO code, e.g. RU): the partner's for partnerships.")
@click.option("--level", help="Only partnerships of this level.")
@click.option("--retired", "retired", is_flag=True, help="Only retired partnerships.")
@click.pass_obj
def list_(obj, show_entities, country, level, retired):
    """List partnerships (id, level, sides, agreements) or, with --entities, entities."""
    cat = _editor(obj).catalogue
    if show_entities:
        for entity in cat.entities.values():
            if country and entity.country != country.upper():
                continue
            click.echo(f"{entity.id}\t{entity.kind}\t{entity.country}\t{entity.name}")
        return
    for p in cat.partnerships.values():
        if (country and cat.entities[p.b].country != country.upper()) or (level and p.level != level):
            continue
        if retired != p.retired:
            continue
        flag = "  (retired)" if p.retired else ""
        click.echo(f"{p.id}\t{p.level}\t{cat.entities[p.a].name} — {cat.entities[p.b].name}\t"
                   f"{len(p.agreements)} agreement(s){flag}")


@catalogue.command()
@click.argument("text")
@click.pass_obj
def search(obj, text):
    """Find entities and partnerships by any name or alias in any language (case and ё/е folded)."""
    cat = _editor(obj).catalogue
    entities, partnerships = C.search(cat, text)
    if not entities and not partnerships:
        click.echo(f"Nothing in the catalogue is called {text!r}; `monitor catalogue add-entity` adds it.")
        return
    for entity in entities:
        hits = [n for n in C.entity_names(entity) if C.fold(text) in C.fold(n)]
        shown = f"  ({', '.join(hits[:3])})" if hits and hits[0] != entity.name else ""
        click.echo(f"entity       {entity.id}\t{entity.kind}\t{entity.name}{shown}")
    for p in partnerships:
        flag = "  (retired)" if p.retired else ""
        click.echo(f"partnership  {p.id}\t{cat.entities[p.a].name} — {cat.entities[p.b].name}{flag}")


@catalogue.command()
@click.argument("item_id", metavar="ID")
@click.pass_obj
def show(obj, item_id):
    """Show an entity, or a partnership with its agreements, their sources and its coverage."""
    editor = _editor(obj)
    cat = editor.catalogue
    if item_id in cat.entities:
        _show_entity(editor, item_id)
    elif item_id in cat.partnerships:
        _show_partnership(obj, editor, item_id)
    else:
        raise InputError(f"no entity or partnership {item_id!r}; `monitor catalogue search TEXT` finds ids")
    changes = editor.history(item_id)
    if changes:
        click.echo("changes:")
        for change in changes:
            click.echo("  " + _log_line(change))


def _show_entity(editor, entity_id):
    cat = editor.catalogue
    e = cat.entities[entity_id]
    click.echo(f"{e.id}: {e.name}")
    click.echo(f"  kind: {e.kind}{' (' + e.org_type + ')' if e.org_type else ''}, country: {e.country}"
               + (f", in {_label(cat, e.parent)}" if e.parent else ""))
    for lang, name in e.names.items():
        click.echo(f"  name_{lang}: {name}")
    for lang, aliases in e.aliases.items():
        if aliases:
            click.echo(f"  aliases_{lang}: {' | '.join(aliases)}")
    if e.ambiguous:
        click.echo(f"  ambiguous: {e.ambiguity_note or 'yes'}")
    origin = "local change" if entity_id not in editor.shipped.entities else "shipped catalogue"
    click.echo(f"  from: {origin}")
    partners = [p for p in cat.partnerships.values() if entity_id in (p.a, p.b)]
    if partners:
        click.echo("partnerships:")
        for p in partners:
            other = p.b if p.a == entity_id else p.a
            click.echo(f"  {p.id}\t{p.level}\twith {_label(cat, other)}{'  (retired)' if p.retired else ''}")


def _show_partnership(obj, editor, pid):
    cat = editor.catalogue
    p = cat.partnerships[pid]
    click.echo(f"{p.id}: {_label(cat, p.a)} — {_label(cat, p.b)}")
    click.echo(f"  level: {p.level}" + ("  RETIRED: kept for history, not reported as a gap" if p.retired else ""))
    if p.first_signed:
        click.echo(f"  signed: {p.first_signed}" + (f" … {p.last_signed}" if p.last_signed != p.first_signed else ""))
    click.echo("agreements:")
    today = editor.today()
    for number, a in enumerate(p.agreements, 1):
        when = a.signed or "date not given"
        period = f", period {a.period}" + (" (expired)" if C.expired(a, today) else
                                           " (in force)" if C.in_force(a, today) else "") if a.period else ""
        click.echo(f"  {number}. {a.type}, {a.status}, signed {when}{period}")
        if a.signatories:
            click.echo(f"     signatories: {'; '.join(a.signatories)}")
        if a.topics:
            click.echo(f"     topics: {', '.join(a.topics)}")
        click.echo(f"     {_source_of(a)}")
        if a.note:
            click.echo(f"     note: {a.note}")
    click.echo("coverage: " + _coverage(obj, pid))


def _coverage(obj, pid) -> str:
    """Stories matched so far, from the database if there is one; never creates a database."""
    monitor = obj.monitor
    if not monitor.db_path.exists():
        return f"no database yet at {monitor.db_path}; `monitor poll` collects the news"
    stories = [(article, score) for p, score, _, article in monitor.store.matched_stories() if p == pid]
    if not stories:
        return "no story has matched it yet"
    dates = [(a.published or a.fetched).date() for a, _ in stories]
    lines = [f"{len(stories)} stories, {min(dates)} … {max(dates)}"]
    for article, score in stories[-5:]:
        when = (article.published or article.fetched).date()
        lines.append(f"  {when}  {article.title}  {article.url or ''}".rstrip())
    return "\n".join(lines)


@catalogue.command()
@click.argument("entity_id", metavar="ID")
@click.pass_obj
def names(obj, entity_id):
    """Every name form the matcher looks for for an entity (folded: lower case, ё as е)."""
    from ..match import Matcher

    cat = _editor(obj).catalogue
    if entity_id not in cat.entities:
        raise InputError(f"no entity {entity_id!r}; `monitor catalogue search TEXT` finds ids")
    variants = C.name_variants(Matcher.compile(cat), entity_id)
    total = sum(len(v) for v in variants.values())
    click.echo(f"{entity_id}: {cat.entities[entity_id].name}: {total} forms")
    for kind, forms in variants.items():
        click.echo(f"{kind} ({len(forms)}):")
        for form in forms:
            click.echo(f"  {form}")
    if not total:
        click.echo("The matcher looks for no form of this entity; add a name or alias with `monitor catalogue edit`.")


@catalogue.command()
@click.argument("item_id", metavar="[ID]", required=False)
@click.option("--limit", type=int, help="Only the last N changes.")
@click.pass_obj
def log(obj, item_id, limit):
    """List local changes (who, when, what, why), oldest first; an ID narrows them."""
    changes = _editor(obj).history(item_id)
    if limit:
        changes = changes[-limit:]
    if not changes:
        click.echo("No local changes: the catalogue is the shipped one.")
    for change in changes:
        click.echo(_log_line(change))


def _log_line(change) -> str:
    what = change.op
    if change.op in ("edit", "edit-agreement"):
        detail = "; ".join(f"{section} {field}={C.cell(value)}" for section in ("set", "add", "remove")
                           for field, value in (change.data.get(section) or {}).items())
        number = change.data.get("agreement")
        what = f"{change.op}{' #' + str(number) if number else ''} {detail}"
    line = f"{change.at}  {change.by}  {what}  {change.target}"
    if change.why:
        line += f"  why: {change.why}"
    if change.source:
        line += f"  source: {change.source}"
    return line


# --- editing -----------------------------------------------------------------------------------------


def _record(editor, changes, cli_names=True):
    editor.record(changes, where=(lambda change, field: _as_options(change, field)) if cli_names else
                  (lambda change, field: f"{field}: "))


AGREEMENT_OPTIONS = [
    click.option("--type", "kind", required=True, help="Agreement type: cooperation agreement, twinning, "
                 "action plan, programme, memorandum, protocol, treaty, road map, contract, other."),
    click.option("--status", default="signed", show_default=True, help="signed, in force, planned or other."),
    click.option("--signed", help="When it was signed: YYYY, YYYY-MM or YYYY-MM-DD."),
    click.option("--period", help="For plans and programmes: YYYY-YYYY, e.g. 2025-2027."),
    click.option("--signatory", "signatories", multiple=True, help="Who signed (repeatable)."),
    click.option("--topic", "topics", multiple=True, help="A topic such as trade, culture (repeatable)."),
    click.option("--note", help="Anything an editor should know."),
    click.option("--source", required=True, help="The article URL or document that states it (required)."),
]


def agreement_options(func):
    for option in reversed(AGREEMENT_OPTIONS):
        func = option(func)
    return func


def _agreement(kind, status, signed, period, signatories, topics, note, source) -> dict:
    return {"type": kind, "status": status, "signed": signed, "period": period, "signatories": list(signatories),
            "topics": list(topics), "note": note, "source": source}


@catalogue.command("add-entity")
@click.option("--kind", required=True, type=click.Choice(sorted(C.ENTITY_KINDS)))
@click.option("--country", required=True, help="Two-letter ISO code, e.g. RU.")
@click.option("--name-en", help="English name; the new id is made from it (ru-bryansk-oblast).")
@click.option("--name-ru", help="Russian name, nominative, with ё where standard.")
@click.option("--name-be", help="Belarusian name.")
@click.option("--name-uk", help="Ukrainian name.")
@click.option("--name-local", help="The partner's own-language name.")
@click.option("--alias", "aliases", multiple=True, help="LANG=NAME, e.g. ru=Брянщина (repeatable).")
@click.option("--parent", help="The territory it belongs to (an entity id).")
@click.option("--org-type", help="For organizations: enterprise, university, media, ministry, association, fez, other.")
@click.option("--ambiguous", "ambiguity_note", help="Why the name is ambiguous (a common word, another place).")
@click.option("--id", "entity_id", help="Use this id instead of the one made from the name (same rule).")
@click.option("--source", required=True, help="The article URL or document that names it (required).")
@WHY
@BY
@click.pass_obj
def add_entity(obj, kind, country, name_en, name_ru, name_be, name_uk, name_local, aliases, parent, org_type,
               ambiguity_note, entity_id, source, why, by):
    """Add a territory or organization; its id follows the catalogue's rule and is never reused."""
    editor = _editor(obj)
    alias_map = _pairs(aliases, "--alias")
    for lang in alias_map:
        if lang not in C.ALIAS_LANGS:
            raise InputError(f"--alias {lang}=...: language must be one of {', '.join(C.ALIAS_LANGS)}")
    if not entity_id:
        name = name_en or name_ru
        if not name:
            raise InputError("--name-en: give an English (or at least a Russian) name; the id is made from it")
        entity_id = C.entity_id_for(kind, country, name)
    data = {"id": entity_id, "kind": kind, "country": country, "org_type": org_type, "parent": parent,
            "name_en": name_en, "name_ru": name_ru, "name_be": name_be, "name_uk": name_uk,
            "name_local": name_local, "ambiguous": bool(ambiguity_note), "ambiguity_note": ambiguity_note,
            **{f"aliases_{lang}": alias_map.get(lang, []) for lang in C.ALIAS_LANGS}}
    _record(editor, [editor.change("add-entity", entity_id, data, by, why, source)])
    click.echo(f"Added entity {entity_id}.")


@catalogue.command("add-partnership")
@click.argument("a")
@click.argument("b")
@click.option("--level", required=True, type=click.Choice(sorted(C.LEVELS)))
@agreement_options
@WHY
@BY
@click.pass_obj
def add_partnership(obj, a, b, level, kind, status, signed, period, signatories, topics, note, source, why, by):
    """Add a partnership between a Belarusian entity A and a partner B, with its first agreement."""
    editor = _editor(obj)
    pid = C.partnership_id_for(a, b)
    data = {"a": a, "b": b, "level": level, "topics": list(topics),
            "agreements": [_agreement(kind, status, signed, period, signatories, topics, note, source)]}
    _record(editor, [editor.change("add-partnership", pid, data, by, why, source)])
    click.echo(f"Added partnership {pid}.")


@catalogue.command("add-agreement")
@click.argument("partnership_id", metavar="ID")
@agreement_options
@WHY
@BY
@click.pass_obj
def add_agreement(obj, partnership_id, kind, status, signed, period, signatories, topics, note, source, why, by):
    """Add an agreement (a renewal, a new plan) to an existing partnership."""
    editor = _editor(obj)
    data = _agreement(kind, status, signed, period, signatories, topics, note, source)
    _record(editor, [editor.change("add-agreement", partnership_id, data, by, why, source)])
    number = len(editor.catalogue.partnerships[partnership_id].agreements)
    click.echo(f"Added agreement {number} to {partnership_id}.")


@catalogue.command()
@click.argument("item_id", metavar="ID")
@click.option("--agreement", type=int, help="Edit this agreement of the partnership (its number in `show`).")
@click.option("--set", "sets", multiple=True, help="FIELD=VALUE: replace a field (lists: a | b).")
@click.option("--add", "adds", multiple=True, help="FIELD=VALUE: add to a list field, e.g. aliases_ru=Брянщина.")
@click.option("--remove", "removes", multiple=True, help="FIELD=VALUE: remove from a list field.")
@click.option("--source", default="", help="The article or document behind the change.")
@WHY
@BY
@click.pass_obj
def edit(obj, item_id, agreement, sets, adds, removes, source, why, by):
    """Change an entity's names and aliases, a partnership's level, or an agreement's facts."""
    if not (why or source):
        raise InputError("--why: say why (or give --source); the log keeps it for whoever reads it later")
    editor = _editor(obj)
    data: dict = {}
    for section, values, option in (("set", sets, "--set"), ("add", adds, "--add"), ("remove", removes, "--remove")):
        pairs = _pairs(values, option)
        if pairs:
            data[section] = {field: (items if field in C.LIST_FIELDS and section != "set" else
                                     " | ".join(items) if field in C.LIST_FIELDS else items[-1])
                             for field, items in pairs.items()}
    op = "edit"
    if agreement is not None:
        partnership = editor.catalogue.partnerships.get(item_id)
        if partnership is None:
            raise InputError(f"--agreement needs a partnership id; {item_id!r} is not one")
        if not 1 <= agreement <= len(partnership.agreements):
            raise InputError(f"--agreement {agreement}: {item_id} has agreements 1 to {len(partnership.agreements)}")
        op = "edit-agreement"
        data.update({"agreement": agreement, "match": C.fingerprint(partnership.agreements[agreement - 1])})
    _record(editor, [editor.change(op, item_id, data, by, why, source)], cli_names=False)
    click.echo(f"Changed {item_id}.")


@catalogue.command()
@click.argument("partnership_id", metavar="ID")
@click.option("--why", required=True, help="Why it ended (the source or decision), for the log.")
@BY
@click.pass_obj
def retire(obj, partnership_id, why, by):
    """Retire a partnership: kept with its history and id, no longer reported as a gap."""
    editor = _editor(obj)
    if partnership_id not in editor.catalogue.partnerships:
        raise InputError(f"no partnership {partnership_id!r}; only partnerships are retired")
    _record(editor, [editor.change("retire", partnership_id, {}, by, why)])
    click.echo(f"Retired {partnership_id}; it stays in the catalogue and its id stays reserved.")


# --- export and import -----------------------------------------------------------------------------------


@catalogue.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="csv", show_default=True)
@click.option("--table", type=click.Choice(["partnerships", "entities"]), default="partnerships", show_default=True,
              help="For CSV: one row per agreement (partnerships) or one row per entity.")
@click.option("--output", type=click.Path(path_type=Path), help="Write to this file instead of standard output.")
@click.pass_obj
def export(obj, fmt, table, output):
    """Export the catalogue (shipped plus local changes) for a spreadsheet or a script."""
    text = C.export_text(_editor(obj).catalogue, fmt, table)
    if output:
        write_atomically(output, text)
        click.echo(f"Exported to {output}", err=True)
    else:
        sys.stdout.write(text)


@catalogue.command("import")
@click.argument("path", metavar="FILE", type=click.Path(path_type=Path))
@click.option("--yes", is_flag=True, help="Apply without asking.")
@WHY
@BY
@click.pass_obj
def import_(obj, path, yes, why, by):
    """Import an edited export (CSV with or without BOM, or JSONL): shows the changes, applies on yes."""
    editor = _editor(obj)
    plan = C.plan_import(editor, path, by or "", why)
    if not plan.changes:
        click.echo("No changes: the file matches the catalogue.")
        return
    for line in plan.lines:
        click.echo(line)
    click.echo("Rows missing from the file are left as they are.")
    if not yes and not click.confirm(f"Apply {len(plan.changes)} change(s)?", default=False):
        click.echo("Nothing imported.")
        return
    editor.record(plan.changes, where=lambda change, field: plan.places.get(id(change), "") + f"{field}: ")
    click.echo(f"Imported {len(plan.changes)} change(s); `monitor catalogue log` lists them.")


# --- candidates from the news ----------------------------------------------------------------------------


def _monitor_with_news(obj):
    monitor = obj.monitor
    if not monitor.db_path.exists():
        raise InputError(f"no database at {monitor.db_path}; `monitor poll` collects the news first")
    return monitor


@catalogue.command()
@click.pass_obj
def candidates(obj):
    """New partnerships the news reports that the catalogue lacks: review with accept, merge, reject."""
    monitor = _monitor_with_news(obj)
    shown = {"at": 0.0}

    def progress(read: int, to_read: int) -> None:
        now = time.monotonic()
        if now - shown["at"] >= 1.0 or read == to_read:  # one line a second at most
            shown["at"] = now
            click.echo(f"Reading stored articles for candidates: {read:,} of {to_read:,}", err=True)

    sightings = monitor.candidates(on_progress=progress)
    if not sightings:
        click.echo("No open candidates.")
    for s in sightings:
        click.echo(f"{s.key}\t{_label(monitor.catalogue, s.belarusian)} — {s.partner!r}\t{s.count} article(s)")
        click.echo(f"    {s.sentence.strip()[:200]}")
        click.echo(f"    {s.title}  {s.url or ''}".rstrip())


@catalogue.command()
@click.argument("key", metavar="CANDIDATE")
@click.option("--kind", required=True, type=click.Choice(sorted(C.ENTITY_KINDS)), help="What the partner is.")
@click.option("--country", required=True, help="The partner's country, two-letter ISO code.")
@click.option("--name-en", help="English name (the id is made from it).")
@click.option("--name-ru", help="Russian nominative name; default: the name as the article wrote it.")
@click.option("--level", type=click.Choice(sorted(C.LEVELS)), help="Default: from the two sides' kinds.")
@click.option("--type", "agreement_type", default="other", show_default=True, help="The agreement's type.")
@click.option("--status", default="signed", show_default=True)
@click.option("--signed", help="YYYY, YYYY-MM or YYYY-MM-DD.")
@WHY
@BY
@click.pass_obj
def accept(obj, key, kind, country, name_en, name_ru, level, agreement_type, status, signed, why, by):
    """Accept a candidate: add the partner and the partnership, with the article as their source."""
    pid = _monitor_with_news(obj).accept_candidate(
        key, kind, country, by, name_en=name_en, name_ru=name_ru, level=level, agreement_type=agreement_type,
        status=status, signed=signed, why=why)
    click.echo(f"Added partnership {pid} and its partner.")


@catalogue.command()
@click.argument("key", metavar="CANDIDATE")
@click.argument("entity_id", metavar="ENTITY")
@click.option("--level", type=click.Choice(sorted(C.LEVELS)), help="For a new partnership; default from the kinds.")
@click.option("--type", "agreement_type", default="other", show_default=True)
@click.option("--status", default="signed", show_default=True)
@WHY
@BY
@click.pass_obj
def merge(obj, key, entity_id, level, agreement_type, status, why, by):
    """Merge a candidate into an existing entity: its name becomes an alias, and the pair a
    partnership if it is not one yet."""
    _monitor_with_news(obj).merge_candidate(key, entity_id, by, level=level, agreement_type=agreement_type,
                                            status=status, why=why)
    click.echo(f"Merged {key} into {entity_id}.")


@catalogue.command()
@click.argument("key", metavar="CANDIDATE")
@click.option("--why", required=True, help="Why it is not a partnership, for the log.")
@BY
@click.pass_obj
def reject(obj, key, why, by):
    """Reject a candidate; the same pair is not proposed again."""
    _monitor_with_news(obj).reject_candidate(key, by, why)
    click.echo(f"Rejected {key}; it will not be proposed again.")
