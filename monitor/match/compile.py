"""Compiling the catalogue: every entity's written forms in one Aho-Corasick automaton, plus the
indexes typo and spelling repair use; cached on disk, keyed by the catalogue and this package's code.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick

from .. import names as N
from ..records import Catalogue, Entity
from .vocabulary import (BODIES, CAPITAL_WORDS, COMBINING, COUNTRY_ADJECTIVES, CUES, PHRASE_CUES, EN_BODIES, EN_DEMONYMS, EN_KIND_WORDS,
                         ACTOR_KINDS, EN_STATE_ACTORS, EN_STATE_GOODS, EN_GOODS_KINDS, GENDER_OF_ENDING, GOODS_KINDS, STATE_ACTORS,
                         REGION_GENITIVE, STATE_GOODS, STATE_REGULATORS, TAKES_KIND, TERRITORY_KINDS)

CACHE_VERSION = "4"

# A word's code is two (or three) base-256 digits, each digit position from its own block of
# characters, so a key can only match at a word's start and no trie node has more than 256
# children (the automaton searches a node's children one by one); an article's unknown words are
# spaces. A key's value keeps its word count in the low bits.
CODE_BLOCK = 0x100
KEY_WORD_BITS = 6


def _in_cp1251(key: str) -> bool:
    """A name's words can be in text folded to cp1251 (not Georgian or Armenian script)."""
    try:
        key.encode("cp1251")
        return True
    except UnicodeEncodeError:
        return False


def _code(index: int, width: int) -> str:
    digits = []
    for position in range(width):
        digits.append(chr(CODE_BLOCK * (position + 1) + index % 256))
        index //= 256
    return "".join(reversed(digits))

# Strength of a name form: how much it says on its own.
STRONG = 2  # an official name or alias
AMBIGUOUS = 1  # the bare name of an entity flagged ambiguous: needs the partner next to it
WEAK = 0  # an adjective alone (брянская делегация): stands for whichever same-stem entity is named


@dataclass(frozen=True)
class Form:
    """One compiled name form: which entities it names and how strongly."""

    entities: tuple[str, ...]
    strength: int
    kind: str = "name"  # name, adjective, body, colloquial, short, pair (two states at once)


@dataclass
class _Compiled:
    # Aho-Corasick over word codes: each name word is one character (`byte_codes`), so a name of
    # three words is a key of three characters and the trie stays small (fast to load, light in
    # memory); a value is the key's index into `forms` shifted by KEY_WORD_BITS, or'd with its
    # number of words
    automaton: object
    forms: list[Form]
    cue_automaton: object
    byte_codes: dict[bytes, str]  # every name word (the vocabulary), as cp1251 bytes -> its code
    code_width: int  # characters per word code
    pairs: dict[tuple[str, str], str]
    partners: dict[str, tuple[str, ...]]
    entity_kind: dict[str, str]
    entity_country: dict[str, str]
    countries: frozenset[str]
    ancestors: dict[str, frozenset[str]]
    ambiguous: frozenset[str]
    levels: dict[str, str] = field(default_factory=dict)
    word_entities: dict[str, frozenset[str]] = field(default_factory=dict)
    same_name: dict[str, dict[str, str]] = field(default_factory=dict)  # id -> kind -> same-named id
    # the distinctive name words by how one typo can leave them (`typo_keys`): built here, not
    # at the first look-up, so a whole `monitor match` does not pay for it
    typo_index: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # names.loose of a distinctive name word -> the name words (spelling across languages)
    loose: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # the Russian dictionary's paradigms of first names (Андрей, Мария): a capitalised word
    # beside a name that is also a surname makes it a person's (names.paradigms)
    first_name_paradigms: frozenset[int] = frozenset()
    capitals: dict[str, str] = field(default_factory=dict)  # a state's capital city -> the state's code
    # per dictionary language, the (paradigm, form) readings of nouns in the genitive (names.word_forms)
    genitive_nouns: dict[str, frozenset[tuple[int, int]]] = field(default_factory=dict)

    def code(self, word: str) -> str | None:
        """A folded word's code, None when no name has it."""
        return self.byte_codes.get(word.encode("cp1251", "replace"))


# --- compile ---------------------------------------------------------------------------------------


def _code_digest() -> str:
    """This package's code, names.py and the dictionaries' versions: a change to any makes a new cache."""
    digest = hashlib.sha256(CACHE_VERSION.encode())
    digest.update(N.dictionary_version().encode())
    for module in sorted(Path(__file__).parent.glob("*.py")) + [Path(N.__file__)]:
        digest.update(module.name.encode())
        digest.update(module.read_bytes())
    return digest.hexdigest()


# Taken at import: a long-running process must key its cache by the code it runs, not by a
# newer file on disk, or it would store old structures under the new code's name.
CODE_DIGEST = _code_digest()


def _catalogue_digest(catalogue: Catalogue) -> str:
    digest = hashlib.sha256(CODE_DIGEST.encode())
    for entity in sorted(catalogue.entities.values(), key=lambda e: e.id):
        digest.update(repr((entity.id, entity.kind, entity.country, sorted(entity.names.items()),
                            sorted((k, tuple(v)) for k, v in entity.aliases.items()), entity.parent,
                            entity.ambiguous)).encode())
    for partnership in sorted(catalogue.partnerships.values(), key=lambda p: p.id):
        digest.update(repr((partnership.id, partnership.a, partnership.b, partnership.level)).encode())
    return digest.hexdigest()[:24]


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/partnership-monitor, else ~/.cache/partnership-monitor."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "partnership-monitor"


# Caches kept per folder: each code or catalogue change writes a new one (~30 MB); the most
# recently used few cover a checkout, its tests and a long-running poller on an older version.
KEEP_CACHES = 4


def _prune(folder: Path) -> None:
    caches = sorted(folder.glob("matcher-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in caches[KEEP_CACHES:]:
        stale.unlink(missing_ok=True)


def load(catalogue: Catalogue, cache: Path | None | bool = True) -> "_Compiled":
    """The compiled catalogue from the on-disk cache keyed by catalogue and code, else built
    (and cached). `cache=False` always builds; a Path overrides the cache folder."""
    if cache is False:
        return _build(catalogue)
    folder = Path(cache) if isinstance(cache, (str, Path)) else cache_dir()
    path = folder / f"matcher-{_catalogue_digest(catalogue)}.pickle"
    try:
        with path.open("rb") as handle:
            loaded = pickle.load(handle)
        expected = set(_Compiled.__dataclass_fields__)
        if isinstance(loaded, _Compiled) and expected <= set(vars(loaded)):
            try:
                os.utime(path)  # recently used caches survive the pruning below
            except OSError:
                pass
            return loaded
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        pass  # missing or stale: rebuild below
    compiled = _build(catalogue)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as handle:
            pickle.dump(compiled, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)  # atomic, so a parallel reader never sees half a file
        _prune(folder)
    except OSError:
        pass  # a read-only home still gets a working matcher, just a slower start
    return compiled


def _adjective_stem(entity: Entity, lang: str) -> str | None:
    """The adjective stem of a territory named by an adjective (Брянская область → брянск)."""
    name = entity.names.get(lang)
    if not name:
        return None
    first = N.words(name)[:1]
    if not first or len(N.words(name)) < 2:
        return None
    parts = N.adjective_parts(first[0], lang)
    return parts[0] if parts else None


def _city_adjective_candidates(name: str, lang: str) -> set[str]:
    """Adjective stems a city's name may take (Бобруйск → бобруйск, Орша → оршанск)."""
    word = N.key(name)
    if not word or " " in word:
        return set()
    if "-" in word and len(word.split("-")[0]) >= 5:  # Ростов-на-Дону → ростовский
        return _city_adjective_candidates(word.split("-")[0], lang)
    stems = {word}
    # Ukrainian softens the suffix (брестськ, гомельськ, вітебськ) where Russian and Belarusian
    # write ск (брестск, брэсцк is the region's own)
    sk = "ськ" if lang == "uk" else "ск"
    if word.endswith(("ск", "цк", "ськ", "цьк")):
        stems.add(word)
    elif word[-1] in "аяеоыіи":
        stems |= {word[:-1] + sk, word[:-1] + "ан" + sk, word[:-1] + "ин" + sk, word[:-1] + "ен" + sk}
    elif word.endswith("ь"):
        stems.add(word + sk)
    elif word.endswith("ў"):
        stems.add(word[:-1] + "ўск")
    else:
        stems.add(word + sk)
    if lang == "be" and "о" in word:
        # Belarusian writes an unstressed о as а, and the adjective moves the stress off the root
        # (Орша → аршанскі)
        stems |= {stem.replace("о", "а") for stem in stems}
    return stems


# Long state names in organisation names and their everyday short forms (Министерство ...
# Республики Беларусь is written Министерство ... Беларуси as often as not).
SHORT_STATE = (
    ("Республики Беларусь", "Беларуси"), ("Рэспублікі Беларусь", "Беларусі"), ("Республіки Білорусь", "Білорусі"),
    ("Российской Федерации", "России"), ("Республики Молдова", "Молдовы"), ("Республики Молдова", "Молдавии"),
    ("Республики Казахстан", "Казахстана"), ("Кыргызской Республики", "Кыргызстана"),
    ("Кыргызской Республики", "Киргизии"), ("Республики Таджикистан", "Таджикистана"),
    ("Республики Узбекистан", "Узбекистана"), ("Республики Армения", "Армении"),
    ("Республики Дагестан", "Дагестана"), ("Республики Татарстан", "Татарстана"),
    ("Республики Башкортостан", "Башкортостана"),
    ("of the Republic of Belarus", "of Belarus"), ("of the Russian Federation", "of Russia"),
    ("of the Republic of Moldova", "of Moldova"), ("of the Kyrgyz Republic", "of Kyrgyzstan"),
)
# A minister stands for the ministry (заместитель министра промышленности = the ministry).
MINISTRY = (("Министерство ", "министр "), ("Міністэрства ", "міністр "), ("Міністерство ", "міністр "),
            ("Ministry of ", "Minister of "))


# Residents named after their town (могилевчане, воронежцев), in the plural only: one resident
# (гомельчанину, живущему в Курске) is a person, and what one person does is no relation of places.
DEMONYM_ENDINGS = {
    "ru": ("чане", "чан", "чанам", "чанами", "чанах", "цы", "цев", "цам", "цами", "цах"),
    "be": ("чане", "чан", "чанам", "чанамі", "чанах", "цы", "цаў", "цам", "цамі", "цах"),
    "uk": ("чани", "чан", "чанам", "чанами", "чанах", "ці", "ців", "цям", "цями", "цях"),
}


def _demonyms(adjective_stem: str, lang: str) -> set[str]:
    """Могилёвский → могилевчане, могилевцы (weak forms, like the adjective itself)."""
    base = re.sub(r"(ск|цк|ськ|цьк|ўск)$", "", adjective_stem)
    if base == adjective_stem or len(base) < 3:
        return set()
    return {base + ending for ending in DEMONYM_ENDINGS.get(lang, ())}


def _name_sources(entity: Entity, place_keys: frozenset[str] = frozenset()):
    """(language, text, official) for every name and alias, with legal forms and brackets split."""
    for lang in ("ru", "be", "uk", "en", "local"):
        texts = []
        if entity.names.get(lang):
            texts.append((entity.names[lang], True))
        texts += [(alias, False) for alias in entity.aliases.get(lang, ())]
        for text, official in texts:
            variants = {text}
            for variant in list(variants):
                parts = N.split_parenthetical(variant)
                if parts:
                    variants.add(parts[0])
                    # a bracket holds an acronym (MTZ) or a locator (Georgia): keep only the acronym
                    if parts[1].upper() == parts[1] and N.key(parts[1]) not in place_keys:
                        variants.add(parts[1])
            for variant in list(variants):
                stripped = N.strip_legal_form(variant)
                if stripped:
                    variants.add(stripped)
                core = N.quoted_core(variant)
                if core and entity.kind == "organization" and N.key(core) not in place_keys:
                    variants.add(core)
            if entity.kind == "organization":
                for variant in list(variants):
                    for long, short in SHORT_STATE:
                        if variant.endswith(long):
                            variants.add(variant[: -len(long)] + short)
                for variant in list(variants):
                    for ministry, minister in MINISTRY:
                        if variant.startswith(ministry):
                            variants.add(minister + variant[len(ministry):])
            if entity.kind == "organization":
                variants |= _short_forms(variants, lang)
            for variant in variants:
                yield ("ru" if lang == "local" and _is_cyrillic(variant) else lang), variant, official


# "имени" written short, per language (Минский электротехнический завод им. В. И. Козлова)
NAMED_AFTER = {"ru": ("имени", "им."), "be": ("імя", "ім."), "uk": ("імені", "ім.")}
# An academy an institute belongs to: news drops it once the institute is introduced.
ACADEMY_TAIL = re.compile(
    r"\s+(НАН|РАН|АН|Национальной академии наук|Российской академии наук|Нацыянальнай акадэміі навук|"
    r"Національної академії наук)(\s+[А-ЯЁІЎЄЇ][а-яёіўєї']+)?$")
# A body "under the Government" (Комитет по телевидению и радио при Правительстве Республики
# Таджикистан): news drops the attachment.
GOVERNMENT_TAIL = re.compile(r"\s+(при Правительстве|пры Урадзе|при Уряді|under the Government)\b.*$")
# Words news contracts into one (Батумский госуниверситет, Таджикский техуниверситет, Ташкентский
# завод сельхозтехники), nominative as the catalogue writes names; declined with the rest.
CONTRACTIONS = (("государственный университет", "госуниверситет"), ("технический университет", "техуниверситет"),
                ("педагогический университет", "педуниверситет"), ("медицинский университет", "медуниверситет"),
                ("сельскохозяйственной техники", "сельхозтехники"),
                ("сельскохозяйственного машиностроения", "сельхозмашиностроения"),
                ("дзяржаўны ўніверсітэт", "дзяржуніверсітэт"), ("тэхнічны ўніверсітэт", "тэхуніверсітэт"),
                ("педагагічны ўніверсітэт", "педуніверсітэт"), ("медыцынскі ўніверсітэт", "медуніверсітэт"),
                ("сельскагаспадарчай тэхнікі", "сельгастэхнікі"),
                ("державний університет", "держуніверситет"), ("технічний університет", "техуніверситет"),
                ("педагогічний університет", "педуніверситет"), ("медичний університет", "медуніверситет"),
                ("сільськогосподарської техніки", "сільгосптехніки"))
# English names "X of (the Republic of) Country": news writes "Country's X" or "Belarusian X".
EN_OF_COUNTRY = re.compile(r"^(?P<head>.+?) of (?:the Republic of |the )?(?P<country>[A-Z][a-z]+)$")
EN_FEZ = re.compile(r"^(?:Free Economic Zone|FEZ)\s+[\"'«]?(?P<name>[^\"'»]+?)[\"'»]?$")
# a special economic zone is named the same ways, but its bare name is often a common word (Lotus)
EN_SEZ = re.compile(r"^(?:Special Economic Zone|SEZ)\s+[\"'«]?(?P<name>[^\"'»]+?)[\"'»]?$")


UNIVERSITY = {"ru": "университет", "be": "ўніверсітэт", "uk": "університет"}
STATE_ADJECTIVE_STEMS = ("белорусск", "беларуск", "білоруськ")
STATE_WORD = {"ru": "государственный", "be": "дзяржаўны", "uk": "державний"}
# Kinds of organisation news names by place adjective and kind alone (Крюковский завод).
KIND_HEADS = {"ru": ("завод", "комбинат", "институт"), "be": ("завод", "камбінат", "інстытут"),
              "uk": ("завод", "комбінат", "інститут")}
# The level of a body after its place's adjective, which news drops (Витебский союз нанимателей).
LEVEL_ADJECTIVES = {"областной", "областная", "областное", "абласны", "абласная", "абласное", "обласний",
                    "обласна", "обласне", "городской", "городская", "гарадскі", "гарадская", "міський", "міська"}
PLANT_HEADS = ("завод", "комбинат", "камбінат", "комбінат")
ACRONYM_SKIP = {"и", "і", "та", "по", "па", "з", "в", "у", "на", "для"}


# Russian letters as English-language news spells an organisation's acronym (ГКНТ → GKNT, БНТУ → BNTU).
LATIN_ACRONYM_LETTERS = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ы": "y", "э": "e", "ю": "yu", "я": "ya",
    "ь": "", "ъ": ""})


# A ministry's one-word short name (Минприроды, Минсельхозпрод), which English news transliterates.
MINISTRY_SHORT = re.compile(r"^Мин[а-яё]{4,}$")


def _latin_acronym(key: str) -> str:
    """A Russian acronym's or one-word short name's key in Latin letters (soft and hard signs
    dropped), or "" when it holds any other letter."""
    latin = key.translate(LATIN_ACRONYM_LETTERS)
    return latin if latin.isascii() and latin.isalpha() else ""


def _generated_short_forms(text: str, lang: str) -> set[str]:
    """An acronym of a three-word or longer name (Донской государственный технический университет
    → ДГТУ, Новочеркасский инженерно-мелиоративный институт → НИМИ) and a university named by
    its place alone (Костромской университет), as keys with their case forms."""
    if "«" in text or '"' in text:
        return set()
    words = text.split()
    for marker in ("имени", "им.", "імя", "ім.", "імені"):
        if marker in words:
            words = words[: words.index(marker)]
    letters = [part[0] for word in words if word.lower() not in ACRONYM_SKIP for part in word.split("-") if part]
    out: set[str] = set()
    if len(words) >= 3 and 3 <= len(letters) <= 6 and all(ch.isalpha() for ch in letters):
        acronym = N.key("".join(letters))
        if not _is_known_word(acronym):  # НИМИ would also be the pronoun "ними"
            out.add(acronym)
    university = UNIVERSITY[lang]
    if len(words) >= 3 and words[-1].lower() == university and N.adjective_parts(N.key(words[0]), lang):
        out |= N.phrase_forms(f"{words[0]} {university}", lang)
    # without "state" when three words still say which (Ташкентский педагогический университет),
    # and so contracted (Ташкенцкі педуніверсітэт)
    state = STATE_WORD[lang]
    if len(words) >= 4 and state in [w.lower() for w in words[1:-1]]:
        stateless = " ".join(w for w in words if w.lower() != state)
        out |= N.phrase_forms(stateless, lang)
        for long, compact in CONTRACTIONS:
            if long in stateless:
                out |= N.phrase_forms(stateless.replace(long, compact), lang)
    # a plant or an institute by its place adjective and its kind (Крюковский завод); a plant by
    # its two adjectives alone (Гомельский вагоностроительный)
    if len(words) >= 3 and words[-1].lower() in KIND_HEADS.get(lang, ()) and N.adjective_parts(N.key(words[0]), lang):
        out |= N.phrase_forms(f"{words[0]} {words[-1].lower()}", lang)
        if len(words) == 3 and words[-1].lower() in PLANT_HEADS and N.adjective_parts(N.key(words[1]), lang):
            out |= N.phrase_forms(f"{words[0]} {words[1]}", lang)
    # without a coordinated tail (завод тракторных деталей и агрегатов), the state's adjective
    # inside the name (отделение Белорусской торгово-промышленной палаты) or the level after the
    # place (Витебский областной союз нанимателей), when three words still say which
    conjunction = next((i for i, w in enumerate(words) if i >= 2 and w in ("и", "і", "та")), None)
    inner_state = [w for w in words[1:] if w.lower().startswith(STATE_ADJECTIVE_STEMS)]
    shorter = []
    if conjunction:
        shorter.append(words[:conjunction])
    if inner_state:
        shorter.append([w for w in words if w not in inner_state])
    if len(words) >= 4 and words[1].lower() in LEVEL_ADJECTIVES:
        shorter.append(words[:1] + words[2:])  # Витебский [областной] союз нанимателей
    for kept in shorter:
        if len(kept) >= 3:
            out |= N.phrase_forms(" ".join(kept), lang)
    # the kind and the honoree's surname (институт имени Потапенко)
    text_words = text.split()
    for marker in NAMED_AFTER.get(lang, ())[:1]:
        if marker in text_words:
            at = text_words.index(marker)
            heads = [w for w in text_words[:at] if w.lower() in KIND_HEADS.get(lang, ()) + (university,)]
            surname = text_words[-1]
            if heads and surname[:1].isupper() and len(surname) > 2:
                out |= {f"{form} {marker} {N.key(surname)}" for form in N.phrase_forms(heads[0].lower(), lang)}
    return out


def _short_forms(variants: set[str], lang: str) -> set[str]:
    """Everyday forms of an organisation's name: "им." for "имени"; the name without the person
    it honours or the academy it belongs to, when three words still say which one it is;
    госуниверситет, сельхозтехники; "Belarus' State Committee ..."; "Grodnoinvest free economic zone"."""
    out: set[str] = set()
    for variant in variants:
        full, short = NAMED_AFTER.get(lang, ("", ""))
        if full and f" {short} " in variant:
            variant = variant.replace(f" {short} ", f" {full} ")  # МЭТЗ им. Козлова is written МЭТЗ имени Козлова too
            out.add(variant)
        if full and f" {full} " in variant:
            out.add(variant.replace(f" {full} ", f" {short} "))
            head, honoree = variant.split(f" {full} ", 1)
            if len(head.split()) >= 3:
                out.add(head)
            # the honoree by surname alone (МГУ имени Кулешова, институт имени Потапенко)
            surname = honoree.split()[-1] if honoree.split() else ""
            if surname[:1].isupper() and len(surname) > 2 and (len(head.split()) >= 2 or _is_acronym(head)):
                out.add(f"{head} {full} {surname}")  # МЭТЗ имени Козлова: an acronym says which one too
        if lang == "en" and " named after " in variant:
            head = variant.split(" named after ")[0]
            if len(head.split()) >= 3:
                out.add(head)  # Tashkent State Technical University
        for tail in (ACADEMY_TAIL, GOVERNMENT_TAIL):
            head = tail.sub("", variant)
            if head != variant and len(head.split()) >= 3:
                out.add(head)
        for long, compact in CONTRACTIONS:
            if long in variant:
                out.add(variant.replace(long, compact))
        if lang == "en":
            match = EN_OF_COUNTRY.match(variant)
            if match and match["country"] in EN_DEMONYMS:
                head, country = match["head"], match["country"]
                # and as news shortens the head: the Tajik Olympic Committee, the Tajik chamber of commerce
                heads = {head, head.removeprefix("National ").replace(" and Industry", "")} - {""}
                # a ministry by its field before the word (the Belarusian Industry Ministry)
                field = head.removeprefix("Ministry of ")
                if field != head and " of " not in field and len(field.split()) <= 3:
                    heads.add(f"{field} Ministry")
                for head in heads:
                    out |= {f"{country}'s {head}", f"{country}' {head}"}
                    out |= {f"{demonym} {head}" for demonym in EN_DEMONYMS[country]}
            match = EN_FEZ.match(variant)
            if match:
                name = match["name"].strip()
                out |= {name, f"{name} free economic zone", f"{name} FEZ"}
            match = EN_SEZ.match(variant)
            if match:
                name = match["name"].strip()
                out |= {f"{name} special economic zone", f"{name} SEZ", f"{name} economic zone"}
    for variant in list(out) + [v for v in variants if lang == "en"]:
        # the head without its honoree is written short too (Батумский госуниверситет)
        for long, compact in CONTRACTIONS:
            if long in variant:
                out.add(variant.replace(long, compact))
        # and without "State" when three words still say which (Tashkent Pedagogical University)
        if lang == "en" and " State " in f" {variant} " and len(variant.split()) >= 4 and " named after " not in variant:
            out.add(" ".join(w for w in variant.split() if w != "State"))
    return out


# A Cyrillic acronym read as a word (МАЗ, not МТЗ or БГУ) declines in writing like a noun
ACRONYM_ENDINGS = {"ru": ("а", "у", "ом", "е"), "be": ("а", "у", "ам", "е"), "uk": ("у", "а", "ом", "і", "ові")}
VOWELS = frozenset("АЕЁИОУЫЭЮЯІЇЄ")


def _reads_as_word(text: str) -> bool:
    """An acronym ending in a vowel and a consonant (МАЗ, КамАЗ): read as a word, so it declines."""
    return len(text) >= 3 and text[-2] in VOWELS and text[-1].isalpha() and text[-1] not in VOWELS and _is_cyrillic(text)


def _is_acronym(text: str) -> bool:
    """A short name in capitals (МЭТЗ, BSTU, НОК РБ)."""
    return len(text) <= 6 and text.upper() == text and any(c.isalpha() for c in text)


def _is_cyrillic(text: str) -> bool:
    return bool(re.search(r"[а-яіўєї]", text.lower()))


def _build(catalogue: Catalogue) -> _Compiled:
    table: dict[str, dict[str, tuple[int, str]]] = {}  # key -> entity -> (strength, kind)

    def add(key: str, entity_id: str, strength: int, kind: str) -> None:
        if not key or len(key) < 2:
            return
        slot = table.setdefault(key, {})
        old = slot.get(entity_id)
        if old is None or old[0] < strength:
            slot[entity_id] = (strength, kind)

    entities = catalogue.entities
    bare_names: dict[str, set[str]] = {}
    for entity in entities.values():
        bare = set()
        for lang in ("ru", "be", "uk", "en", "local"):
            if entity.names.get(lang):
                bare.add(N.key(entity.names[lang]))
                core = N.quoted_core(entity.names[lang])
                if core:
                    bare.add(N.key(core))
        bare_names[entity.id] = bare

    place_keys = frozenset(key for e in entities.values() if e.kind != "organization"
                           for key in bare_names[e.id])
    for entity in entities.values():
        cores = {N.key(c) for t in entity.names.values() if (c := N.quoted_core(t))}
        for lang, text, official in _name_sources(entity, place_keys):
            is_acronym = _is_acronym(text)
            base_key = N.key(text)
            strength = STRONG
            # the ambiguity of an organisation lies in its short or quoted name (СТМ, «Алеся»);
            # of a territory, in its bare name (Борисов, Дзержинский район)
            if entity.ambiguous and (is_acronym or len(base_key.split()) == 1 or base_key in cores or (
                    entity.kind != "organization" and base_key in bare_names[entity.id])):
                strength = AMBIGUOUS
            if entity.kind == "country" and is_acronym:
                strength = AMBIGUOUS  # РФ, RB: abbreviations of states appear in many unrelated lines
            if lang in ("ru", "be", "uk") and not is_acronym:
                forms = N.phrase_forms(text, lang)
            else:
                forms = {base_key}
                if lang == "en":
                    forms.add(base_key + "'s")
                elif _reads_as_word(text):
                    forms |= {base_key + ending for ending in ACRONYM_ENDINGS[lang]}  # МАЗа, МАЗом
            for form in forms:
                add(form, entity.id, strength, "name")
            if entity.kind == "organization" and lang == "ru" and (is_acronym or MINISTRY_SHORT.match(text)):
                # ГКНТ and Минприроды as English news writes them: GKNT, Minprirody
                add(_latin_acronym(base_key), entity.id, strength, "name")
        if entity.kind == "organization":
            # generated short forms collide between organisations (КГТУ: Kostroma or Kaliningrad),
            # so they need the partner in the same sentence
            for lang in ("ru", "be", "uk"):
                for text in (entity.names.get(lang), *entity.aliases.get(lang, ())):
                    for form in _generated_short_forms(text, lang) if text else ():
                        add(form, entity.id, AMBIGUOUS, "short")

    # adjectives and bodies of territories, grouped by stem so a shared adjective stays ambiguous
    stems: dict[tuple[str, str], set[str]] = {}
    for entity in entities.values():
        if entity.kind not in TERRITORY_KINDS:
            continue
        for lang in ("ru", "be", "uk"):
            stem = _adjective_stem(entity, lang)
            if stem:
                stems.setdefault((lang, stem), set()).add(entity.id)
    own_stems: set[tuple[str, str]] = set()  # a city's alone: its adjectives, not guessed demonyms (канцы)
    for entity in entities.values():
        if entity.kind != "city":
            continue
        for lang in ("ru", "be", "uk"):
            name = entity.names.get(lang)
            if not name:
                continue
            for stem in _city_adjective_candidates(name, lang):
                if (lang, stem) in stems:
                    stems[(lang, stem)].add(entity.id)
                    break
            else:
                # no region or district shares it: a name in -ск/-цк is its adjective's stem as it
                # stands (Ижевск → ижевские школьники); other endings are left to guesswork no more
                word = N.key(name)
                if word.endswith(("ск", "цк")) and " " not in word and "-" not in word:
                    stems[(lang, word)] = {entity.id}
                    own_stems.add((lang, word))
    for (lang, stem), members in stems.items():
        by_kind: dict[str, list[str]] = {}
        for member in members:
            by_kind.setdefault(entities[member].kind, []).append(member)
        genders = ("masc", "femn", "neut", "plur")
        adjective_forms = {f for g in genders for case in N.CASES
                           for f in N.adjective_forms(stem, lang, g, case)}
        group = tuple(sorted(members))
        for form in adjective_forms | (_demonyms(stem, lang) if (lang, stem) not in own_stems else set()):
            for member in group:
                add(form, member, WEAK, "adjective")
        for kind, ids in by_kind.items():
            if len(ids) != 1:
                continue
            target = ids[0]
            masc = _masculine(stem, lang)
            for body in BODIES[kind][lang]:
                if body.isupper():  # an abbreviation (Вінницька ОВА) is feminine and does not decline
                    for case in N.CASES:
                        for adjective in N.adjective_forms(stem, lang, "femn", case):
                            add(f"{adjective} {N.key(body)}", target,
                                STRONG if not entities[target].ambiguous else AMBIGUOUS, "body")
                    continue
                head_word = body.split()[-1]
                gender = N._gender(head_word, lang) if lang != "be" else (
                    "femn" if head_word.endswith("а") else "masc")
                adjective = {"masc": masc, "femn": stem + ("а" if lang == "uk" else "ая"),
                             "neut": stem + ("е" if lang == "uk" else "ае" if lang == "be" else "ое"),
                             "plur": masc}.get(gender, masc)
                for form in N.phrase_forms(f"{adjective} {body}", lang):
                    add(form, target, STRONG if not entities[target].ambiguous else AMBIGUOUS, "body")
            if kind in ("region", "district") and not (kind == "district" and "region" in by_kind):
                for colloquial in N.colloquial(stem, lang):
                    for form in N.phrase_forms(colloquial[:1].upper() + colloquial[1:], lang):
                        add(form, target, STRONG, "colloquial")

    _add_organisations_by_place(entities, stems, add)

    # English: "Gomel Regional Executive Committee", "the Bryansk regional delegation", and the
    # same with every Latin spelling of the name, the same-named city's included: news writes
    # "Mahilyow Regional Executive Committee" and "Hrodna region" for the oblast
    for entity in entities.values():
        if entity.kind not in TERRITORY_KINDS or not entity.names.get("en"):
            continue
        base = _en_base(entity.names["en"], entity.kind)
        if not base:
            continue
        bases = {base} | _latin_spellings(entity, entities, base)
        for spelling in bases:
            for body in EN_BODIES[entity.kind]:
                add(f"{spelling} {body}", entity.id, STRONG if not entity.ambiguous else AMBIGUOUS, "body")
            if spelling != base:
                for word in EN_KIND_WORDS[entity.kind]:
                    add(f"{spelling} {word}", entity.id, STRONG if not entity.ambiguous else AMBIGUOUS, "name")

    _add_country_forms(entities, add)
    _add_partner_compounds(catalogue, add)

    same_name: dict[str, dict[str, str]] = {}
    groups: dict[str, set[str]] = {}
    for entity in entities.values():
        if entity.kind in TERRITORY_KINDS and entity.names.get("en"):
            base = N.key(entity.names["en"])
            for word in EN_KIND_WORDS[entity.kind]:
                if base.endswith(" " + word):
                    base = base[: -len(word) - 1]
                    break
            groups.setdefault("en:" + base, set()).add(entity.id)
    for (lang, stem), members in stems.items():
        groups.setdefault(f"{lang}:{stem}", set()).update(members)
    for members in groups.values():
        for member in members:
            for other in members:
                kind = entities[other].kind
                if other != member and kind != entities[member].kind:
                    same_name.setdefault(member, {})[kind] = other

    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    # a path of spaces added first: the automaton looks a node's children up one by one in the
    # order they were added, and most of an article's words are unknown (spaces), so the root
    # finds a space at once instead of after every name's first character (twice the speed)
    automaton.add_word(" " * 4 + "\x00", -1)
    forms: list[Form] = []
    # 120,000 keys share a few thousand distinct forms; one instance each keeps memory and the
    # cache file small (pickle keeps shared instances shared)
    distinct: dict[Form, Form] = {}
    # a name in Georgian or Armenian script can never be in text folded to cp1251
    table = {key: slot for key, slot in table.items() if _in_cp1251(key)}
    words_sorted = sorted({word for key in table for word in key.split()})
    width = 2 if len(words_sorted) <= 1 << 16 else 3
    word_codes = {word: _code(i, width) for i, word in enumerate(words_sorted)}
    word_entities: dict[str, set[str]] = {}
    for key, slot in table.items():
        words = key.split()
        if len(words) >= 1 << KEY_WORD_BITS:
            continue  # no name is this long; its count would not fit
        for word in words:
            if len(word) >= 5:
                word_entities.setdefault(word, set()).update(slot)
        best = max(strength for strength, _ in slot.values())
        ids = tuple(sorted(eid for eid, (strength, _) in slot.items() if strength == best))
        kind = next(kind for eid, (strength, kind) in slot.items() if strength == best)
        form = Form(entities=ids, strength=best, kind=kind)
        forms.append(distinct.setdefault(form, form))
        automaton.add_word("".join(word_codes[w] for w in words), (len(forms) - 1) << KEY_WORD_BITS | len(words))
    automaton.make_automaton()


    cue_automaton = ahocorasick.Automaton()
    for lang, text in CUES.items():
        for cue in text.split():
            cue_automaton.add_word(N.fold(cue), N.fold(cue))
    for phrase in PHRASE_CUES:
        cue_automaton.add_word(N.fold(phrase), N.fold(phrase))
    cue_automaton.make_automaton()

    byte_codes = {word.encode("cp1251"): code for word, code in word_codes.items()}
    # Belarusian writes a word's first у as ў after a vowel (дзяржаўнага ўніверсітэта) and as у after
    # a consonant or a stop (дзяржаўным універсітэце): either spelling of a name word is that word
    for word, code in word_codes.items():
        if len(word) > 1 and word[0] in "уў":
            byte_codes.setdefault((("ў" if word[0] == "у" else "у") + word[1:]).encode("cp1251"), code)

    shared: dict[frozenset[str], frozenset[str]] = {}
    pairs = {(p.a, p.b): p.id for p in catalogue.partnerships.values()}
    partners: dict[str, set[str]] = {}
    for a, b in pairs:
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)
    return _Compiled(
        automaton=automaton, forms=forms, cue_automaton=cue_automaton, code_width=width,
        byte_codes=byte_codes,
        pairs=pairs,
        # most name words share their set of entities with the other words of the same names:
        # one frozenset each keeps the cache small and quick to load
        word_entities={k: shared.setdefault(ids, ids) for k, v in word_entities.items() for ids in [frozenset(v)]},
        loose=_loose_index(word_entities),
        typo_index=_typo_index(word_entities),
        same_name=same_name,
        partners={k: tuple(sorted(v)) for k, v in partners.items()},
        entity_kind={e.id: e.kind for e in entities.values()},
        entity_country={e.id: e.country for e in entities.values()},
        countries=frozenset(e.id for e in entities.values() if e.kind == "country"),
        ancestors={e.id: frozenset(catalogue.ancestors(e.id)[1:]) for e in entities.values()},
        ambiguous=frozenset(e.id for e in entities.values() if e.ambiguous),
        levels={p.id: p.level for p in catalogue.partnerships.values()},
        first_name_paradigms=N.first_name_paradigms("ru"),
        capitals=_capitals(entities),
        genitive_nouns={lang: N.genitive_noun_forms(lang) for lang in N.DICTIONARY_LANGS},
    )


def _add_organisations_by_place(entities: dict[str, Entity], stems: dict[tuple[str, str], set[str]], add) -> None:
    """An organisation named after its place in the genitive (Управление электротранспорта
    Кишинёва, Министерство экономики Республики Молдова, Торгово-промышленная палата Таджикистана)
    as news writes it: by the place's adjective in front (кишинёвское управление электротранспорта,
    молдавское министерство экономики), and by its head noun and place alone (палатой Аджарии) when
    no other organisation of that place has that head. The place is the organisation's parent or its
    state; its adjective stems are the territories' own (`stems`) or the state's (COUNTRY_ADJECTIVES)."""
    adjective_stems: dict[tuple[str, str], set[str]] = {}
    for (lang, stem), members in stems.items():
        for member in members:
            adjective_stems.setdefault((member, lang), set()).add(stem)
    states = {e.country: e.id for e in entities.values() if e.kind == "country"}
    # (head noun, place tail, language) -> the organisations it could name: палата Аджарии is the
    # Adjara chamber when no other organisation of Adjara is a палата
    by_noun: dict[tuple[str, str, str], set[str]] = {}
    noun_stems: dict[tuple[str, str, str], set[str]] = {}  # and the adjective stems of its place
    for entity in entities.values():
        if entity.kind != "organization":
            continue
        places = [entities[p] for p in dict.fromkeys((entity.parent, states.get(entity.country))) if p in entities]
        for lang in ("ru", "be", "uk"):
            texts = [t for t in (entity.names.get(lang), *entity.aliases.get(lang, ())) if t and "«" not in t]
            for place in places:
                if place.kind == "country":
                    place_stems = set(COUNTRY_ADJECTIVES.get(place.country, {}).get(lang, ()))
                else:
                    # a place with no adjective of its own in the matcher (Кишинёв, Аджария): its
                    # likely ones, which only ever meet text before the organisation's head
                    place_stems = adjective_stems.get((place.id, lang)) or _likely_adjective_stems(place.names.get(lang), lang)
                if not place_stems:
                    continue
                place_names = [t for t in (place.names.get(lang), *place.aliases.get(lang, ())) if t]
                # the genitive (and other cases), not a name in apposition
                tails = {form for t in place_names for form in N.phrase_forms(t, lang)} - {N.key(t) for t in place_names}
                for text in texts:
                    key = N.key(text)
                    tail = max((t for t in tails if key.endswith(" " + t)), key=len, default=None)
                    head = key[: -len(tail) - 1] if tail else ""
                    if len(head.split()) < 2 or head.split()[-1] in REGION_GENITIVE:
                        continue  # one word (Мэрия Кишинёва) is the place's own body, generated elsewhere
                    for stem in place_stems:
                        for form in N.phrase_forms(f"{_masculine(stem, lang)} {head}", lang):
                            add(form, entity.id, STRONG, "name")
                    *modifiers, noun = head.split()
                    if all(N.adjective_parts(word.split("-")[-1], lang) for word in modifiers):
                        by_noun.setdefault((noun, tail, lang), set()).add(entity.id)
                        noun_stems.setdefault((noun, tail, lang), set()).update(place_stems)
    for (noun, tail, lang), owners in by_noun.items():
        if len(owners) == 1:
            # a name shortened to its head noun (с палатой Аджарии, Ставропольская палата):
            # ambiguous, so it needs its partner in the same sentence
            for form in N.phrase_forms(f"{noun} {tail}", lang):
                add(form, next(iter(owners)), AMBIGUOUS, "short")
            for stem in noun_stems[noun, tail, lang]:
                for form in N.phrase_forms(f"{_masculine(stem, lang)} {noun}", lang):
                    add(form, next(iter(owners)), AMBIGUOUS, "short")


def _masculine(stem: str, lang: str) -> str:
    """An adjective stem's masculine nominative (брянск → брянский, брэсцк → брэсцкі)."""
    if lang == "be":
        return stem + ("і" if stem[-1] in "кгх" else "ы")
    return stem + ("ий" if stem[-1] in "кгхжшчщ" or lang == "uk" else "ый")


def _likely_adjective_stems(name: str | None, lang: str) -> set[str]:
    """A one-word place's adjective stems as a city's are guessed (Кишинёв → кишинёвск), and a
    land in -ия as Russian forms them (Аджария → аджарск)."""
    if not name or " " in name.strip():
        return set()
    word = N.key(name)
    stems = _city_adjective_candidates(name, lang)
    if word.endswith(("ия", "ія")):
        stems.add(word[:-2] + ("ськ" if lang == "uk" else "ск"))
    return stems


def _capitals(entities: dict[str, Entity]) -> dict[str, str]:
    """Each city the catalogue calls its state's capital -> the state's code: an alias of a capital
    word and the state's name after it (столица Грузии, сталіца Арменіі) or its adjective before
    (білоруська столиця); "Северная столица" names no state."""
    out = {}
    for city in entities.values():
        if city.kind != "city" or not city.country:
            continue
        adjectives = tuple(stem for stems in COUNTRY_ADJECTIVES.get(city.country, {}).values() for stem in stems)
        for alias in (a for aliases in city.aliases.values() for a in aliases):
            written = alias.split()
            words = N.words(alias)
            if len(words) != len(written) or len(words) != 2:
                continue
            if ((words[0].startswith(CAPITAL_WORDS) and written[1][:1].isupper())
                    or (words[1].startswith(CAPITAL_WORDS) and adjectives and words[0].startswith(adjectives))):
                out[city.id] = city.country
                break
    return out


def _en_base(name: str, kind: str) -> str:
    """An English territory name without its kind word (Gomel Oblast → gomel), as a key."""
    base = N.key(name)
    for word in EN_KIND_WORDS[kind]:
        if base.endswith(" " + word):
            return base[: -len(word) - 1]
    return base


def _latin_spellings(entity: Entity, entities: dict, base: str) -> set[str]:
    """Other Latin spellings of a territory's bare name, as keys: its own English aliases
    (Hrodna District → hrodna) and, for a region or district, the one-word aliases of the city
    whose English name it shares (Mogilev → Mahilyow, Mogilyov, Mahilioŭ)."""
    out = set()
    for alias in entity.aliases.get("en", ()):
        spelling = _en_base(alias, entity.kind)
        if spelling and " " not in spelling and spelling.isalpha():
            out.add(spelling)
    if entity.kind != "city":
        for other in entities.values():
            if other.kind == "city" and other.names.get("en") and N.key(other.names["en"]) == base:
                out |= {N.key(a) for a in other.aliases.get("en", ()) if N.key(a).isalpha()}
    return out - {base}


def _state_phrases(stem: str, ending: str, noun: str, lang: str, kinds: dict[str, tuple[str, ...]]) -> list[str]:
    """A state's adjective with a noun (белорусские комбинаты), and with a kind between them that
    agrees with the noun (белорусские молочные комбинаты, российские ветеринарные инспекторы)."""
    if noun not in TAKES_KIND:
        return [f"{stem}{ending} {noun}"]
    gender = GENDER_OF_ENDING[lang][ending]
    between = sorted({form for kind in kinds[lang] for form in N.adjective_forms(kind, lang, gender, "nomn")
                      if lang == "be" or N.is_dictionary_word(form)})  # not молочние: each extra form costs start-up
    return [f"{stem}{ending} {noun}"] + [f"{stem}{ending} {kind} {noun}" for kind in between]


def _add_country_forms(entities, add) -> None:
    """States by adjective: "белорусская сторона" (the Belarusian side) names the state, and a
    compound ("белорусско-грузинская комиссия", "Belarus-Georgia", "Belarusian-Georgian") names
    both states at once (kind "pair": one form, two mentions)."""
    states = {e.country: e for e in entities.values() if e.kind == "country"}
    for code, state in states.items():
        for lang, stems in COUNTRY_ADJECTIVES.get(code, {}).items():
            for stem in stems:
                for ending, noun in STATE_ACTORS[lang]:
                    for phrase in _state_phrases(stem, ending, noun, lang, ACTOR_KINDS):
                        for form in N.phrase_forms(phrase, lang):
                            add(form, state.id, STRONG, "body")
            for stem in stems:
                for ending, noun in STATE_GOODS[lang]:
                    for phrase in _state_phrases(stem, ending, noun, lang, GOODS_KINDS):
                        for form in N.phrase_forms(phrase, lang):
                            add(form, state.id, WEAK, "goods")
        for lang, names in STATE_REGULATORS.get(code, {}).items():
            for name in names:
                for form in N.phrase_forms(name, lang) if lang != "en" else {N.key(name)}:
                    add(form, state.id, STRONG, "body")
        for demonym in EN_DEMONYMS.get(state.names.get("en", ""), ()):
            for noun in EN_STATE_GOODS:
                add(N.key(f"{demonym} {noun}"), state.id, WEAK, "goods")
                for kind in EN_GOODS_KINDS:
                    add(N.key(f"{demonym} {kind} {noun}"), state.id, WEAK, "goods")
            for noun in EN_STATE_ACTORS:
                add(N.key(f"the {demonym} {noun}"), state.id, STRONG, "body")
                add(N.key(f"{demonym} {noun}"), state.id, STRONG, "body")
    genders = ("masc", "femn", "neut", "plur")
    for code_a, a in states.items():
        for code_b, b in states.items():
            if a is b:
                continue
            for lang in ("ru", "be", "uk"):
                for first in COUNTRY_ADJECTIVES.get(code_a, {}).get(lang, ()):
                    for second in COUNTRY_ADJECTIVES.get(code_b, {}).get(lang, ()):
                        stem = f"{first}{COMBINING[lang]}-{second}"
                        for gender in genders:
                            for case in N.CASES:
                                for form in N.adjective_forms(stem, lang, gender, case):
                                    add(form, a.id, STRONG, "pair")
                                    add(form, b.id, STRONG, "pair")
            name_a, name_b = a.names.get("en", ""), b.names.get("en", "")
            if name_a and name_b:
                for form in [f"{name_a}-{name_b}"] + [f"{x}-{y}" for x in EN_DEMONYMS.get(name_a, ())
                                                      for y in EN_DEMONYMS.get(name_b, ())]:
                    add(N.key(form), a.id, STRONG, "pair")
                    add(N.key(form), b.id, STRONG, "pair")


def _add_partner_compounds(catalogue: Catalogue, add) -> None:
    """Two partners written as one hyphenated English word (the Belarus-Sakhalin working group,
    Mogilev-Tula ties) name both (kind "pair": one form, two mentions), where only one catalogue
    partnership could be meant: Mogilev-Bryansk, both cities and both regions, is left alone."""
    entities = catalogue.entities

    def spellings(entity: Entity) -> set[str]:
        name = entity.names.get("en", "")
        if not name or entity.kind not in ("country", *TERRITORY_KINDS):
            return set()
        base = N.key(name) if entity.kind == "country" else _en_base(name, entity.kind)
        found = {base} | (_latin_spellings(entity, entities, base) if entity.kind != "country" else set())
        return {spelling for spelling in found if spelling.isalpha()}  # one plain word

    meaning: dict[str, set[tuple[str, str]]] = {}
    for partnership in catalogue.partnerships.values():
        a, b = entities.get(partnership.a), entities.get(partnership.b)
        if a is None or b is None:
            continue
        for x in spellings(a):
            for y in spellings(b):
                for form in (f"{x}-{y}", f"{y}-{x}"):
                    meaning.setdefault(form, set()).add((a.id, b.id))
    for form, pairs in meaning.items():
        if len(pairs) == 1:
            ((a_id, b_id),) = pairs
            add(form, a_id, STRONG, "pair")
            add(form, b_id, STRONG, "pair")


# A name word shared by more entities than this (район, университет, белорусский) says too little
# to be worth repairing a typo into.
TYPO_MAX_ENTITIES = 6


def typo_keys(word: str, length: int) -> tuple[str, str]:
    """Where a word of `length` letters one edit from `word` is filed: by its first two letters,
    and by its first and last two (one edit leaves one of the two pairs as it was)."""
    return f"^{word[:2]}{length}", f"${word[:1]}{word[-2:]}{length}"


def _typo_index(word_entities: dict[str, set[str]]) -> dict[str, tuple[str, ...]]:
    """The distinctive name words (many names share район, университет: left out, so a typo is
    repaired only into a word that points at a few entities), filed under `typo_keys`."""
    index: dict[str, list[str]] = {}
    for word, ids in sorted(word_entities.items()):
        if len(word) >= 5 and word.isalpha() and len(ids) <= TYPO_MAX_ENTITIES:
            for key in typo_keys(word, len(word)):
                index.setdefault(key, []).append(word)
    return {key: tuple(words) for key, words in index.items()}


def _loose_index(word_entities: dict[str, set[str]]) -> dict[str, tuple[str, ...]]:
    index: dict[str, set[str]] = {}
    for word, ids in word_entities.items():
        if len(word) >= 5 and word.isalpha() and len(ids) <= TYPO_MAX_ENTITIES:
            index.setdefault(N.loose(word), set()).add(word)
    return {k: tuple(sorted(v)) for k, v in index.items()}


@lru_cache(maxsize=1 << 16)
def _is_known_word(word: str) -> bool:
    """A real Russian or Ukrainian word is not a typo, even one letter away from a name."""
    return N.is_dictionary_word(word)
