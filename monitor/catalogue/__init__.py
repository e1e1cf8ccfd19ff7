"""Keeping the catalogue current: id rules, validation, the local change log, export and import.

The shipped files (entities.jsonl, partnerships.jsonl) stay the reviewed starting point and are
never rewritten here. An admin's edits are appended to `local-changes.jsonl` beside them, one JSON
object per change (who, when, what, why, source), and replayed over the shipped files on every load.
An upgrade that replaces the shipped files therefore keeps every local change; a local addition the
maintainers have since adopted merges into their record instead of failing.

Nothing is ever deleted: a retired partnership stays in the catalogue (with `retired`), so its id
and its pair stay reserved and its history stays readable. This module does no matching and prints
nothing; the command line in cli/catalogue.py is its thin twin.

    rules.py     ids, editable fields, validation of new entities and agreements
    periods.py   signing dates and periods; in_force and expired (pure, for the report)
    changes.py   applying a change, the change log and its replay, CatalogueEditor, search
    exchange.py  CSV and JSONL export, import as a reviewed diff
    review.py    the matcher's name forms for an entity; candidates from the news and their review
"""


from __future__ import annotations

from ..config import ENTITY_KINDS, LEVELS
from .changes import (CatalogueEditor, apply_change, apply_local_changes, entity_names, load_effective_catalogue,
                      pair_owner, read_changes, replay, search)
from .exchange import ENTITY_COLUMNS, PARTNERSHIP_COLUMNS, ImportPlan, cell, export_text, plan_import, read_import
from .periods import expired, in_force, parse_period, parse_signed
from .review import (Sighting, accept_changes, candidate_key, find_sighting, guess_lang, level_for, merge_changes,
                     name_variants, open_candidates, reject_changes, sightings_in)
from .rules import (ALIAS_LANGS, LIST_FIELDS, LOCAL_CHANGES, ChangeError, check_period,
                    check_signed, entity_id_for, fingerprint, fold, partnership_id_for, slug)

__all__ = [
    "ALIAS_LANGS", "ENTITY_COLUMNS", "ENTITY_KINDS", "LEVELS", "LIST_FIELDS", "LOCAL_CHANGES", "PARTNERSHIP_COLUMNS",
    "CatalogueEditor", "ChangeError", "ImportPlan", "apply_change", "apply_local_changes", "candidate_key", "cell",
    "check_period", "check_signed", "entity_id_for", "entity_names", "expired", "export_text", "fingerprint", "fold",
    "guess_lang", "in_force", "load_effective_catalogue", "name_variants", "pair_owner", "parse_period",
    "parse_signed", "partnership_id_for", "plan_import", "read_changes", "read_import", "replay", "search", "slug",
    "Sighting", "accept_changes", "find_sighting", "level_for", "merge_changes", "open_candidates", "reject_changes",
    "sightings_in",
]
