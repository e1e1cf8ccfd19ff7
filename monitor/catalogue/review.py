"""What the matcher looks for, and candidates from the news: finding them, and the changes that
accepting, merging or rejecting one makes. Pure: the facade reads articles and records changes."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Iterable

from ..errors import InputError
from ..records import ArticleText, Catalogue, CatalogueChange, StoredArticle
from .changes import CatalogueEditor, entity_names, pair_owner
from .rules import ALIAS_LANGS, entity_id_for, fold, partnership_id_for


def candidate_key(belarusian: str, partner: str) -> str:
    """A short stable id for a candidate pair, so an admin can type it and a rejection sticks."""
    digest = hashlib.sha1(f"{belarusian}|{fold(partner)}".encode("utf-8")).hexdigest()[:8]
    return f"c-{digest}"


def name_variants(matcher, entity_id: str) -> dict[str, list[str]]:
    """Every folded form the matcher looks for that names this entity, grouped by how it came
    about (name, adjective, body, colloquial): what matching really uses, not a re-derivation."""
    return {kind: list(forms) for kind, forms in matcher.variants(entity_id).items()}


def guess_lang(text: str) -> str:
    if not re.search(r"[а-яёіўєїґ]", text.casefold()):
        return "en"
    if re.search(r"[ўі]", text.casefold()) and not re.search(r"[иєї]", text.casefold()):
        return "be"
    if re.search(r"[єїґ]", text.casefold()):
        return "uk"
    return "ru"


# --- candidates from the news ------------------------------------------------------------------


@dataclass(frozen=True)
class Sighting:
    """A candidate pair as the news shows it: where it was first seen, and how often."""

    key: str  # candidate_key(belarusian, partner): what an admin types
    belarusian: str  # the catalogue territory's id
    partner: str  # the partner's name as the article has it (nominative where the matcher could)
    count: int  # articles that report it
    title: str  # the first such article
    url: str | None
    sentence: str
    article_id: int


def sightings_in(matcher, stored: StoredArticle) -> list[tuple]:
    """The candidates one stored article reports, as rows for Store.record_candidates."""
    article = ArticleText(id=str(stored.id), title=stored.title, summary=stored.summary, content=stored.content,
                          lang=stored.lang, url=stored.url)
    return [(candidate_key(c.belarusian.entity_id, c.partner), stored.id, c.belarusian.entity_id, c.partner,
             c.partner_id, c.sentence) for c in matcher.candidates(article)]


def open_candidates(rows: Iterable[tuple], reviewed: set[str], catalogue: Catalogue) -> list[Sighting]:
    """Store.candidate_sightings rows that are still open: not reviewed, both sides still as the
    sighting saw them (a pair an admin has since added to the catalogue is no candidate); the
    most reported first."""
    pairs = {frozenset((p.a, p.b)) for p in catalogue.partnerships.values()}
    out = []
    for key, belarusian, partner, partner_id, count, article_id, title, url, sentence in rows:
        if key in reviewed or belarusian not in catalogue.entities:
            continue
        if partner_id is not None and (partner_id not in catalogue.entities
                                       or frozenset((belarusian, partner_id)) in pairs):
            continue
        out.append(Sighting(key, belarusian, partner, count, title, url, sentence, article_id))
    return sorted(out, key=lambda s: (-s.count, s.key))


def find_sighting(sightings: Iterable[Sighting], key: str) -> Sighting:
    for sighting in sightings:
        if sighting.key == key:
            return sighting
    raise InputError(f"no open candidate {key!r}; `monitor catalogue candidates` lists them")


def level_for(catalogue: Catalogue, a: str, b_kind: str) -> str:
    """The level a new pair most likely has, from the kinds of its two sides."""
    kinds = {catalogue.entities[a].kind, b_kind}
    if "organization" in kinds:
        return "enterprise"
    if kinds <= {"city", "district"}:
        return "municipal"
    if "country" in kinds:
        return "intergovernmental"
    return "interregional"


def accept_changes(editor: CatalogueEditor, s: Sighting, kind: str, country: str, by: str, *,
                   name_en: str | None = None, name_ru: str | None = None, level: str | None = None,
                   agreement_type: str = "other", status: str = "signed", signed: str | None = None,
                   why: str = "") -> list[CatalogueChange]:
    """Add the partner as a new entity and the pair as a partnership, the article as source."""
    source = s.url or s.title
    lang = guess_lang(s.partner)
    names = {"name_en": name_en, "name_ru": name_ru or (s.partner if lang == "ru" else None)}
    if lang in ("be", "uk"):
        names[f"name_{lang}"] = s.partner
    elif lang == "en" and not name_en:
        names["name_en"] = s.partner
    entity_id = entity_id_for(kind, country, names.get("name_en") or names.get("name_ru") or s.partner)
    entity = {"id": entity_id, "kind": kind, "country": country, **names,
              **{f"aliases_{x}": ([s.partner] if x == lang and s.partner not in names.values() else [])
                 for x in ALIAS_LANGS}}
    partnership = {"a": s.belarusian, "b": entity_id, "level": level or level_for(editor.catalogue, s.belarusian, kind),
                   "agreements": [{"type": agreement_type, "status": status, "signed": signed, "source": source,
                                   "note": f"Found in the news: {s.sentence.strip()[:300]}"}]}
    why = why or f"candidate {s.key}"
    return [editor.change("add-entity", entity_id, entity, by, why, source),
            editor.change("add-partnership", partnership_id_for(s.belarusian, entity_id), partnership, by, why, source),
            editor.change("review-candidate", s.key, {"decision": "accepted", "a": s.belarusian, "partner": s.partner,
                                                      "into": entity_id}, by, why, source)]


def merge_changes(editor: CatalogueEditor, s: Sighting, entity_id: str, by: str, *, level: str | None = None,
                  agreement_type: str = "other", status: str = "signed", why: str = "") -> list[CatalogueChange]:
    """The candidate's name becomes an alias of an existing entity, and the pair a partnership
    if it is not one yet."""
    catalogue = editor.catalogue
    if entity_id not in catalogue.entities:
        raise InputError(f"no entity {entity_id!r}; `monitor catalogue search TEXT` finds ids")
    source, lang, why = s.url or s.title, guess_lang(s.partner), why or f"candidate {s.key}"
    changes = []
    if s.partner not in entity_names(catalogue.entities[entity_id]):
        changes.append(editor.change("edit", entity_id, {"add": {f"aliases_{lang}": [s.partner]}}, by, why, source))
    if pair_owner(catalogue, s.belarusian, entity_id) is None:
        partnership = {"a": s.belarusian, "b": entity_id,
                       "level": level or level_for(catalogue, s.belarusian, catalogue.entities[entity_id].kind),
                       "agreements": [{"type": agreement_type, "status": status, "source": source,
                                       "note": f"Found in the news: {s.sentence.strip()[:300]}"}]}
        changes.append(editor.change("add-partnership", partnership_id_for(s.belarusian, entity_id), partnership,
                                     by, why, source))
    changes.append(editor.change("review-candidate", s.key, {"decision": "merged", "a": s.belarusian,
                                                             "partner": s.partner, "into": entity_id}, by, why, source))
    return changes


def reject_changes(editor: CatalogueEditor, s: Sighting, by: str, why: str) -> list[CatalogueChange]:
    """A rejected pair is recorded, so it is not proposed again."""
    if not why.strip():
        raise InputError("say why the candidate is not a partnership (--why), for the log")
    return [editor.change("review-candidate", s.key, {"decision": "rejected", "a": s.belarusian, "partner": s.partner},
                          by, why, s.url or "")]
