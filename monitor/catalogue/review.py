"""What the matcher looks for, and candidates from the news."""

from __future__ import annotations

import hashlib
import re
from typing import Mapping

from .rules import fold


def candidate_key(belarusian: str, partner: str) -> str:
    """A short stable id for a candidate pair, so an admin can type it and a rejection sticks."""
    digest = hashlib.sha1(f"{belarusian}|{fold(partner)}".encode("utf-8")).hexdigest()[:8]
    return f"c-{digest}"


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
            grouped.setdefault(label, set()).add(key.strip())  # keys are padded with spaces for word edges
    return {kind: sorted(keys) for kind, keys in sorted(grouped.items())}


def guess_lang(text: str) -> str:
    if not re.search(r"[а-яёіўєїґ]", text.casefold()):
        return "en"
    if re.search(r"[ўі]", text.casefold()) and not re.search(r"[иєї]", text.casefold()):
        return "be"
    if re.search(r"[єїґ]", text.casefold()):
        return "uk"
    return "ru"
