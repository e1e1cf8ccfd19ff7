"""The matching engine: which catalogue partnerships an article reports on, with evidence.

`Matcher.compile(catalogue)` expands every entity's names into their written forms (see
`names.py`; here: bodies, adjectives, residents, -щина names, everyday organisation forms, "the
Belarusian side", compounds of two states) and builds one Aho-Corasick automaton over folded,
space-padded words; the result is cached on disk, keyed by the catalogue's content and this code.

`Matcher.match(article) -> tuple[Match, ...]`:

0. a quick look (`_worth_scanning`): one byte-level fold and one automaton pass tell whether both
   sides of some partnership could be named (or one side plus a capitalised word one letter from a
   partner's name). Most news stops here; the rest takes the full path below;
1. finds entity mentions: the longest name wins, so «Минский тракторный завод» is the plant, not
   Minsk; a single-letter typo in a capitalised word is repaired when it lands on exactly one
   distinctive name word of a partner of an entity already found; a parent named right after its
   child (Сафоновский район Смоленской области) is a locator, not a party; a country inside an
   organisation's name (НОК Беларуси) is not the state;
2. decides per partnership whose both sides are mentioned: the two mentions must be close (same
   sentence, next sentence, title and body, or the subject named in the lead and the partner
   further down) with a relation cue (соглашение, визит, поставки...) in that span. Names of the
   same sentence without a cue (weather, sport, prices) are not coverage.

`Matcher.candidates(article) -> tuple[Candidate, ...]`: agreements the article reports between a
Belarusian catalogue territory and a partner the catalogue lacks (or has but does not pair with
it), each a frozen `Candidate` with the Belarusian `Mention`, the partner in the nominative and as
written, its offsets, the sentence and the agreement words. For the admins' review; it never
changes what `match` says.

`Matcher.variants(entity_id)`: the forms matching looks for, by kind. `Matcher.text_of(article)`:
the text all offsets point into. `Matcher.entity_mentions(text)`: every entity named in a text.

Matching is pure: no I/O after compile; the only shared state is a bounded memo of typo
look-ups, which is a function of the compiled names, so one Matcher serves many threads.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import pickle
import re
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick
from rapidfuzz.distance import OSA

from . import names as N
from .records import ArticleText, Catalogue, Entity, Evidence, Match, Mention

CACHE_VERSION = "2"

# Strength of a name form: how much it says on its own.
STRONG = 2  # an official name or alias
AMBIGUOUS = 1  # the bare name of an entity flagged ambiguous: needs the partner next to it
WEAK = 0  # an adjective alone (брянская делегация): stands for whichever same-stem entity is named

TERRITORY_KINDS = ("region", "district", "city")

# Bodies that stand for a territory, by the territory's kind; the adjective of the territory is
# put in front (Бобруйский горисполком). Nominative, declined by names.phrase_forms.
BODIES = {
    "region": {
        "ru": ["облисполком", "облсовет", "областной исполнительный комитет", "областной совет",
               "областная администрация", "областная дума", "облдума", "областное правительство"],
        "be": ["аблвыканкам", "аблсавет", "абласны выканаўчы камітэт", "абласны савет"],
        "uk": ["облвиконком", "облрада", "обласна рада", "обласна адміністрація", "облдержадміністрація",
               "обласна державна адміністрація"],
    },
    "city": {
        "ru": ["горисполком", "горсовет", "городской исполнительный комитет", "городской совет",
               "городская администрация", "городская дума", "гордума", "мэрия"],
        "be": ["гарвыканкам", "гарсавет", "гарадскі выканаўчы камітэт", "гарадскі савет"],
        "uk": ["міськвиконком", "міськрада", "міська рада", "міська адміністрація"],
    },
    "district": {
        "ru": ["райисполком", "райсовет", "районный исполнительный комитет", "районный совет",
               "районная администрация"],
        "be": ["райвыканкам", "райсавет", "раённы выканаўчы камітэт", "раённы савет"],
        "uk": ["райвиконком", "райрада", "районна рада", "райдержадміністрація",
               "районна державна адміністрація"],
    },
}
EN_KIND_WORDS = {
    "region": ("oblast", "region", "krai", "province", "republic", "voblast", "county", "autonomous okrug",
               "municipality"),
    "district": ("district", "raion", "rayon", "municipal district", "municipality", "urban okrug"),
    "city": ("city",),
}
EN_BODIES = {
    "region": ["regional executive committee", "oblast executive committee", "regional government",
               "regional administration", "regional council", "regional", "oblast", "region",
               "region's", "governor"],
    "city": ["city executive committee", "city council", "city administration", "city hall", "city",
             "mayor's office", "municipality"],
    "district": ["district executive committee", "district administration", "district council",
                 "district"],
}

# Adjective stems of the catalogue's states, per language: "белорусская сторона" is the state, and
# "белорусско-грузинская комиссия" names both states. English demonyms below.
COUNTRY_ADJECTIVES = {
    "BY": {"ru": ("белорусск",), "be": ("беларуск",), "uk": ("білоруськ",)},
    "RU": {"ru": ("российск",), "be": ("расійск",), "uk": ("російськ",)},
    "KZ": {"ru": ("казахстанск",), "be": ("казахстанск",), "uk": ("казахстанськ",)},
    "KG": {"ru": ("кыргызск", "киргизск"), "be": ("кыргызск",), "uk": ("киргизьк",)},
    "TJ": {"ru": ("таджикск",), "be": ("таджыкск",), "uk": ("таджицьк",)},
    "UA": {"ru": ("украинск",), "be": ("украінск",), "uk": ("українськ",)},
    "MD": {"ru": ("молдавск", "молдовск"), "be": ("малдаўск",), "uk": ("молдовськ", "молдавськ")},
    "GE": {"ru": ("грузинск",), "be": ("грузінск",), "uk": ("грузинськ",)},
    "UZ": {"ru": ("узбекск", "узбекистанск"), "be": ("узбекск",), "uk": ("узбецьк",)},
    "AM": {"ru": ("армянск",), "be": ("армянск",), "uk": ("вірменськ",)},
}
EN_DEMONYMS = {
    "Belarus": ("Belarusian", "Belarussian"), "Russia": ("Russian",), "Kazakhstan": ("Kazakh", "Kazakhstani"),
    "Kyrgyzstan": ("Kyrgyz",), "Tajikistan": ("Tajik",), "Ukraine": ("Ukrainian",), "Moldova": ("Moldovan",),
    "Georgia": ("Georgian",), "Uzbekistan": ("Uzbek",), "Armenia": ("Armenian",),
}
# "the side" in each language: the party to relations, a state or a region.
SIDE = {"ru": "сторона", "be": "бок", "uk": "сторона"}
# the combining vowel of a compound adjective (белорусско-, беларуска-, білорусько-)
COMBINING = {"ru": "о", "be": "а", "uk": "о"}

# Words that report relations between the two sides (matched as word beginnings, folded).
CUES = {
    "ru": """соглашени договор меморандум протокол побратим сотрудничеств сотрудничал сотрудничают
        сотрудничает сотрудничать партнер партнёр делегаци визит парти отгрузил посетил посетит посетят посетили
        посещени прибыл приедут приехал приехали принял примет приняли встреч переговор план мероприяти
        форум ярмарк выставк фестивал поставк постав поставля отгруз экспорт импорт
        контракт сделк подписал подписан подписи подпишут подписать совместн сборк собирают собира
        дилер обмен стажировк гастрол дни дней делегат юбилей годовщин рабоч групп комисси
        инвестиц инвестир кооперац торгов товарооборот взаимодейств связ дружб добрососед программ
        проект соглашен заключ продлил пролонг учредил учрежд открыл открыт откроют создан создадут
        направил направят пригласил приглас заинтересован договорил лизинг ремонт обслуживан
        наладил налажен локализ представительств закупк закупа предложил приняла принимает отправ
        заседани обсудил обсуждал обсудят совещани консультаци резидент вложи вложат владе акционер""",
    "be": """пагадненн дагавор дамов мемарандум пратакол пабрацім супрацоўніцтв супрацоўнічаюць
        партнёр партнер дэлегацы візіт наведал наведа сустрэч перамов план мерапрыемств форум кірмаш
        выстав фестываль пастаўк пастаўля экспарт імпарт кантракт падпіса сумесн зборк дылер абмен
        юбілей гадавін рабоч груп камісі інвестыц кааперац гандл тавараабарот узаемадзеянн сувяз
        сяброўств праграм праект заключ адкры стварэнн запрасіл прыбыл прыедуць прымаў абмеркавал
        пасяджэнн накірава накіру партыю нарад кансультацы рэзідэнт""",
    "uk": """угод договор меморандум протокол побратим співпрац співробітництв партнер делегаці візит
        відвіда відвідал зустріч переговор план заход форум ярмар виставк фестивал постачанн постача
        поставк експорт імпорт контракт підписа спільн складанн склада дилер обмін ювіле річниц робоч
        груп комісі інвестиц кооперац торгівл товарообіг взаємоді зв'яз дружб програм проект уклал
        укладе укладен відкри створ запроси прибул приїд тендер закупівл обговори засідан партію парті нарад
        консультаці резидент вклад володі""",
    "en": """agreement agreed treaty memorandum protocol twin twinned twinning sister partner cooperat
        co-operat collaborat delegation visit visited met meeting talks plan roadmap road map forum fair
        exhibition expo festival deliver supplie supply supplied export import contract deal signed
        sign joint assembl dealer exchange anniversary working group commission invest trade
        relations friendship programme program project conclud open launched establish invited
        arrived hosted discussed tender procure lease leasing partnership shipment batch resident owns owner
        stake consultations session""",
}


@dataclass(frozen=True)
class Candidate:
    """A new agreement between a Belarusian catalogue territory and a partner not in the catalogue."""

    belarusian: Mention  # the catalogue side, as written
    partner: str  # the partner's name in the nominative where morphology allows (Вологодская область)
    partner_start: int  # character offsets of the partner's words in text_of(article)
    partner_end: int
    sentence: str  # the sentence that names both with an agreement word
    cues: tuple[str, ...] = ()  # the agreement words seen in it
    written: str = ""  # the partner's words as the article has them (Вологодской областью)
    partner_id: str | None = None  # the catalogue entity, when the partner is known but not partnered


@dataclass(frozen=True)
class Form:
    """One compiled name form: which entities it names and how strongly."""

    entities: tuple[str, ...]
    strength: int
    kind: str = "name"  # name, adjective, body, colloquial, fuzzy


@dataclass(frozen=True)
class Found:
    """A mention as the matcher sees it before it becomes a records.Mention."""

    entities: tuple[str, ...]
    strength: int
    first: int  # token index
    last: int  # token index, inclusive
    start: int  # character offsets into text_of(article)
    end: int
    fuzzy: bool = False


@dataclass
class _Compiled:
    automaton: object
    forms: list[Form]
    cue_automaton: object
    vocabulary: set[str]
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
    # a name word with one letter deleted -> the name words it comes from (typo repair)
    deletions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # names.loose of a distinctive name word -> the name words (spelling across languages)
    loose: dict[str, tuple[str, ...]] = field(default_factory=dict)


# --- compile ---------------------------------------------------------------------------------------


def _code_digest() -> str:
    digest = hashlib.sha256(CACHE_VERSION.encode())
    for module in (__file__, N.__file__):
        digest.update(Path(module).read_bytes())
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
    if word.endswith(("ск", "цк")):
        stems.add(word)
    elif word[-1] in "аяеоыіи":
        stems |= {word[:-1] + "ск", word[:-1] + "анск", word[:-1] + "инск", word[:-1] + "енск"}
    elif word.endswith("ь"):
        stems.add(word + "ск")
    elif word.endswith("ў"):
        stems.add(word[:-1] + "ўск")
    else:
        stems.add(word + "ск")
    return stems


# Long state names in organisation names and their everyday short forms (Министерство ...
# Республики Беларусь is written Министерство ... Беларуси as often as not).
SHORT_STATE = (
    ("Республики Беларусь", "Беларуси"), ("Рэспублікі Беларусь", "Беларусі"), ("Республіки Білорусь", "Білорусі"),
    ("Российской Федерации", "России"), ("Республики Молдова", "Молдовы"), ("Республики Молдова", "Молдавии"),
    ("Республики Казахстан", "Казахстана"), ("Кыргызской Республики", "Кыргызстана"),
    ("Кыргызской Республики", "Киргизии"), ("Республики Таджикистан", "Таджикистана"),
    ("Республики Узбекистан", "Узбекистана"), ("Республики Армения", "Армении"),
    ("of the Republic of Belarus", "of Belarus"), ("of the Russian Federation", "of Russia"),
    ("of the Republic of Moldova", "of Moldova"), ("of the Kyrgyz Republic", "of Kyrgyzstan"),
)
# A minister stands for the ministry (заместитель министра промышленности = the ministry).
MINISTRY = (("Министерство ", "министр "), ("Міністэрства ", "міністр "), ("Міністерство ", "міністр "),
            ("Ministry of ", "Minister of "))


# Residents named after their town (могилевчане, воронежцев): plural and singular endings.
DEMONYM_ENDINGS = {
    "ru": ("чане", "чан", "чанам", "чанами", "чанах", "чанин", "чанина", "чанину", "чанином", "чанка",
           "цы", "цев", "цам", "цами", "цах"),
    "be": ("чане", "чан", "чанам", "чанамі", "чанах", "чанін", "цы", "цаў", "цам", "цамі", "цах"),
    "uk": ("чани", "чан", "чанам", "чанами", "чанах", "чанин", "ці", "ців", "цям", "цями", "цях"),
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
STATE_UNIVERSITY = (("государственный университет", "госуниверситет"),
                    ("дзяржаўны ўніверсітэт", "дзяржуніверсітэт"),
                    ("державний університет", "держуніверситет"))
# English names "X of (the Republic of) Country": news writes "Country's X" or "Belarusian X".
EN_OF_COUNTRY = re.compile(r"^(?P<head>.+?) of (?:the Republic of |the )?(?P<country>[A-Z][a-z]+)$")
EN_FEZ = re.compile(r"^(?:Free Economic Zone|FEZ)\s+[\"'«]?(?P<name>[^\"'»]+?)[\"'»]?$")


UNIVERSITY = {"ru": "университет", "be": "ўніверсітэт", "uk": "університет"}
ACRONYM_SKIP = {"и", "і", "та", "по", "па", "з", "в", "у", "на", "для"}


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
    return out


def _short_forms(variants: set[str], lang: str) -> set[str]:
    """Everyday forms of an organisation's name: "им." for "имени"; the name without the person
    it honours or the academy it belongs to, when three words still say which one it is;
    госуниверситет; "Belarus' State Committee ..."; "Grodnoinvest free economic zone"."""
    out: set[str] = set()
    for variant in variants:
        full, short = NAMED_AFTER.get(lang, ("", ""))
        if full and f" {full} " in variant:
            out.add(variant.replace(f" {full} ", f" {short} "))
            head = variant.split(f" {full} ")[0]
            if len(head.split()) >= 3:
                out.add(head)
        head = ACADEMY_TAIL.sub("", variant)
        if head != variant and len(head.split()) >= 3:
            out.add(head)
        for long, compact in STATE_UNIVERSITY:
            if long in variant:
                out.add(variant.replace(long, compact))
        if lang == "en":
            match = EN_OF_COUNTRY.match(variant)
            if match and match["country"] in EN_DEMONYMS:
                head, country = match["head"], match["country"]
                out |= {f"{country}'s {head}", f"{country}' {head}"}
                out |= {f"{demonym} {head}" for demonym in EN_DEMONYMS[country]}
            match = EN_FEZ.match(variant)
            if match:
                name = match["name"].strip()
                out |= {name, f"{name} free economic zone", f"{name} FEZ"}
    return out


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
            is_acronym = len(text) <= 6 and text.upper() == text and any(c.isalpha() for c in text)
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
            for form in forms:
                add(form, entity.id, strength, "name")
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
    for (lang, stem), members in stems.items():
        by_kind: dict[str, list[str]] = {}
        for member in members:
            by_kind.setdefault(entities[member].kind, []).append(member)
        genders = ("masc", "femn", "neut", "plur")
        adjective_forms = {f for g in genders for case in N.CASES
                           for f in N.adjective_forms(stem, lang, g, case)}
        group = tuple(sorted(members))
        for form in adjective_forms | _demonyms(stem, lang):
            for member in group:
                add(form, member, WEAK, "adjective")
        for kind, ids in by_kind.items():
            if len(ids) != 1:
                continue
            target = ids[0]
            masc = stem + ("і" if lang == "be" and stem[-1] in "кгх" else "ы" if lang == "be"
                           else "ий" if stem[-1] in "кгхжшчщ" or lang == "uk" else "ый")
            for body in BODIES[kind][lang]:
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

    # English: "Gomel Regional Executive Committee", "the Bryansk regional delegation"
    for entity in entities.values():
        if entity.kind not in TERRITORY_KINDS or not entity.names.get("en"):
            continue
        base = N.key(entity.names["en"])
        for word in EN_KIND_WORDS[entity.kind]:
            if base.endswith(" " + word):
                base = base[: -len(word) - 1]
                break
        if not base:
            continue
        for body in EN_BODIES[entity.kind]:
            add(f"{base} {body}", entity.id, STRONG if not entity.ambiguous else AMBIGUOUS, "body")

    _add_country_forms(entities, add)

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

    automaton = ahocorasick.Automaton()
    forms: list[Form] = []
    vocabulary: set[str] = set()
    word_entities: dict[str, set[str]] = {}
    for key, slot in table.items():
        for word in key.split():
            if len(word) >= 5:
                word_entities.setdefault(word, set()).update(slot)
        best = max(strength for strength, _ in slot.values())
        ids = tuple(sorted(eid for eid, (strength, _) in slot.items() if strength == best))
        kind = next(kind for eid, (strength, kind) in slot.items() if strength == best)
        forms.append(Form(entities=ids, strength=best, kind=kind))
        # padded with spaces so the automaton itself only reports whole words
        automaton.add_word(f" {key} ", (len(key), len(forms) - 1))
        vocabulary.update(key.split())
    automaton.make_automaton()


    cue_automaton = ahocorasick.Automaton()
    for lang, text in CUES.items():
        for cue in text.split():
            cue_automaton.add_word(N.fold(cue), N.fold(cue))
    cue_automaton.add_word("план мероприяти", "план мероприяти")
    cue_automaton.make_automaton()

    pairs = {(p.a, p.b): p.id for p in catalogue.partnerships.values()}
    partners: dict[str, set[str]] = {}
    for a, b in pairs:
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)
    return _Compiled(
        automaton=automaton, forms=forms, cue_automaton=cue_automaton, vocabulary=vocabulary,
        pairs=pairs,
        word_entities={k: frozenset(v) for k, v in word_entities.items()},
        deletions=_deletions(word_entities),
        loose=_loose_index(word_entities),
        same_name=same_name,
        partners={k: tuple(sorted(v)) for k, v in partners.items()},
        entity_kind={e.id: e.kind for e in entities.values()},
        entity_country={e.id: e.country for e in entities.values()},
        countries=frozenset(e.id for e in entities.values() if e.kind == "country"),
        ancestors={e.id: frozenset(catalogue.ancestors(e.id)[1:]) for e in entities.values()},
        ambiguous=frozenset(e.id for e in entities.values() if e.ambiguous),
        levels={p.id: p.level for p in catalogue.partnerships.values()},
    )


def _add_country_forms(entities, add) -> None:
    """States by adjective: "белорусская сторона" (the Belarusian side) names the state, and a
    compound ("белорусско-грузинская комиссия", "Belarus-Georgia", "Belarusian-Georgian") names
    both states at once (kind "pair": one form, two mentions)."""
    states = {e.country: e for e in entities.values() if e.kind == "country"}
    for code, state in states.items():
        for lang, stems in COUNTRY_ADJECTIVES.get(code, {}).items():
            for stem in stems:
                feminine = stem + ("а" if lang == "uk" else "ая")
                for form in N.phrase_forms(f"{feminine} {SIDE[lang]}", lang):
                    add(form, state.id, STRONG, "body")
        for demonym in EN_DEMONYMS.get(state.names.get("en", ""), ()):
            add(N.key(f"the {demonym} side"), state.id, STRONG, "body")
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


# A name word shared by more entities than this (район, университет, белорусский) says too little
# to be worth repairing a typo into.
TYPO_MAX_ENTITIES = 6


def _loose_index(word_entities: dict[str, set[str]]) -> dict[str, tuple[str, ...]]:
    index: dict[str, set[str]] = {}
    for word, ids in word_entities.items():
        if len(word) >= 5 and word.isalpha() and len(ids) <= TYPO_MAX_ENTITIES:
            index.setdefault(N.loose(word), set()).add(word)
    return {k: tuple(sorted(v)) for k, v in index.items()}


def _deletions(word_entities: dict[str, set[str]]) -> dict[str, tuple[str, ...]]:
    """Distinctive name words indexed by their one-letter deletions (symmetric-delete lookup: a
    written word one edit from a name word shares a deletion with it, so no scan of the names is
    needed). Words many names share (район, университет) are left out: a typo is repaired only
    into a word that points at a few entities."""
    deletions: dict[str, set[str]] = {}
    for word, ids in word_entities.items():
        if len(word) < 5 or not word.isalpha() or len(ids) > TYPO_MAX_ENTITIES:
            continue
        for i in range(len(word)):
            deletions.setdefault(word[:i] + word[i + 1:], set()).add(word)
    return {k: tuple(sorted(v)) for k, v in deletions.items()}


# --- matching ------------------------------------------------------------------------------------

SPACES = re.compile(rb"  +")


# A country named right after one of these is part of an organisation's name (НОК Беларуси,
# Минпром Беларуси, Ministry of Industry of Belarus), not the state.
ORG_HEAD = re.compile(
    r"^(министерств|министр|мин(?!ск)[а-я]{2,}|нок|комитет|посольств|посол|палат|университет|академи|"
    r"банк|компани|федераци|ассоциаци|союз|институт|агентств|служб|ведомств|центр|фонд|выставк|"
    r"павильон|стенд|экспозици|міністэрств|міністр|камітэт|пасольств|пасол|універсітэт|"
    r"міністерств|комітет|посольств|університет|ministry|minister|embassy|ambassador|committee|"
    r"chamber|university|academy|bank|company|federation|association|union|institute|agency|"
    r"service|centre|center|fund|noc|pavilion|stand)")
SKIP_BEFORE_COUNTRY = {"of", "the", "республики", "республика", "рэспублікі", "республіки", "republic"}
# Sentence ends: a stop followed by space and a capital, a digit or a quote; or a line break.
# (The stop is looked for first: the other look-behinds then run at a few places, not at all.)
SENTENCE_END = re.compile(
    r"(?<=[.!?…])(?<![\s.(«][A-ZА-ЯЁІЎЄЇҐ]\.)(?<!\sг\.)(?<!\sим\.)(?<!\sобл\.)(?<!\sул\.)(?<!\sst\.)"
    r"[\"»”)]*\s+(?=[A-ZА-ЯЁІЎЄЇҐ0-9«\"„—–-])|\n+")
PARAGRAPH_END = re.compile(r"\n\s*\n")
THRESHOLD = 0.6
# A pair whose one side is named only in the lead and the other far below it, by a relation word:
# above the threshold for two named entities, below it once an adjective or a typo is involved.
LEAD_SCORE = 0.65
CONJUNCTIONS = {"и", "і", "та", "й", "and", "&"}
# A word before an ambiguous name that makes it a place (город Борисов, в Семее, белорусский Борисов).
PLACE_MARKERS = {"город", "города", "городе", "городом", "г", "горад", "горадзе", "місто", "міста", "місті",
                 "city", "town", "в", "во", "из", "у", "з", "із", "in", "from", "белорусский",
                 "белорусского", "белорусским", "белорусском", "беларускі", "білоруський"}
KIND_NOUNS = (
    ("region", ("област", "вобласц", "облисполком", "аблвыканкам", "облвиконком", "облсовет", "аблсавет",
                "облрад", "края", "краев", "краям", "краях", "region", "oblast", "provinc")),
    ("district", ("район", "раен", "райисполком", "райвыканкам", "райвиконком", "райсовет", "district")),
    ("city", ("город", "горисполком", "гарвыканкам", "міськвиконком", "міст", "гарад", "cities", "city")),
)


def _kind_of_noun(word: str) -> str | None:
    for kind, stems in KIND_NOUNS:
        if word.startswith(stems):
            return kind
    return None


class Matcher:
    """A compiled catalogue. Build with `Matcher.compile(catalogue)`; `match` is pure."""

    def __init__(self, catalogue: Catalogue, compiled: _Compiled):
        self.catalogue = catalogue
        self._c = compiled
        # word -> nearby name words (str keys), written word -> the entities those name (cp1251
        # bytes keys): pure functions of the compiled names, so sharing the memo between threads
        # is safe (a lost update only costs a recomputation)
        self._near_memo: dict = {}
        self._loose_memo: dict[bytes, frozenset[str]] = {}  # written word -> entity it names up to spelling

    # --- construction ---

    @classmethod
    def compile(cls, catalogue: Catalogue, cache: Path | None | bool = True) -> "Matcher":
        """Build the automaton, or load it from the on-disk cache keyed by catalogue and code.

        `cache=False` always builds; a Path overrides the cache folder.
        """
        if cache is False:
            return cls(catalogue, _build(catalogue))
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
                return cls(catalogue, loaded)
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
        return cls(catalogue, compiled)

    # --- public helpers ---

    @staticmethod
    def text_of(article: ArticleText) -> str:
        """The text mention offsets point into: title, summary and content joined."""
        return f"{article.title}\n\n{article.summary}\n\n{article.content}"

    def entity_mentions(self, text: str) -> tuple[Mention, ...]:
        """Every catalogue entity named in `text`, after longest-match, typo and locator rules."""
        scan = self._scan(text)
        out = []
        for found in scan.mentions:
            for entity_id in found.entities:
                out.append(Mention(entity_id, text[found.start:found.end], found.start, found.end))
        return tuple(out)

    def variants(self, entity_id: str) -> dict[str, tuple[str, ...]]:
        """Every folded form matching looks for that names `entity_id`, by how it came about
        (name, adjective, body, colloquial, pair); forms that need support are labelled so."""
        labels = {STRONG: "", AMBIGUOUS: " (needs its partner in the same sentence)", WEAK: " (needs context)"}
        grouped: dict[str, set[str]] = {}
        for key, (_, index) in self._c.automaton.items():
            form = self._c.forms[index]
            if entity_id in form.entities:
                grouped.setdefault(form.kind + labels[form.strength], set()).add(key.strip())
        return {label: tuple(sorted(keys)) for label, keys in sorted(grouped.items())}

    # --- candidates ---

    def candidates(self, article: ArticleText) -> tuple[Candidate, ...]:
        """Agreements this article reports between a Belarusian catalogue territory and a place
        the catalogue does not know, for an admin to review.

        A candidate needs one sentence with a Belarusian territory (country, region, district or
        city), an agreement word (соглашение, меморандум, побратим, сотрудничество, подписали ...)
        and a partner: either a catalogue entity outside Belarus that the catalogue does not pair
        with this side (`partner_id` set: Беларусь и Тамбовская область), or a run of capitalised
        words no catalogue name explains that looks like a place: pymorphy3 reads one of its
        words as a place name (Geox), a territory word follows it (Карагандинская область,
        Fergana Region), or it is coordinated with the Belarusian side (Mogilev and Gyumri).
        People's names are skipped. One candidate per (Belarusian entity, partner) per article;
        no decision about coverage, and nothing about catalogue partnerships (`match`'s job).
        """
        text = self.text_of(article)
        scan = self._scan(text)
        c = self._c
        ours = [f for f in scan.mentions if len(f.entities) == 1 and f.strength > WEAK
                and c.entity_country.get(f.entities[0]) == "BY" and c.entity_kind.get(f.entities[0]) != "organization"]
        if not ours:
            return ()
        layout = _Layout(text, len(article.title), len(article.title) + len(article.summary) + 4)
        agreement = {}
        for sentence, words in self._cues(scan, layout).items():
            seen = tuple(dict.fromkeys(w for w in words if w.startswith(AGREEMENT_CUES)))
            if seen:
                agreement[sentence] = seen
        # any catalogue name explains its words, even one dropped as a locator (… района Костромской области)
        explained = scan.taken | {t for f in scan.mentions for t in range(f.first, f.last + 1)}
        out: dict[tuple[str, str], Candidate] = {}
        for mention in ours:
            sentence = layout.sentence(mention.start)
            if sentence not in agreement:
                continue
            side = mention.entities[0]
            runs = [(first, last, None) for first, last in _place_runs(text, scan, layout, sentence, explained, mention)]
            runs += [(other.first, other.last, other.entities[0]) for other in scan.mentions
                     if len(other.entities) == 1 and layout.sentence(other.start) == sentence
                     and self._unpartnered(side, other.entities[0])]
            for first, last, partner_id in runs:
                partner, written = _nominative(text, scan, first, last), text[scan.spans[first][0]:scan.spans[last][1]]
                key = (side, partner_id or N.key(partner))
                if key not in out:
                    out[key] = Candidate(
                        belarusian=Mention(side, text[mention.start:mention.end], mention.start, mention.end),
                        partner=partner, partner_start=scan.spans[first][0], partner_end=scan.spans[last][1],
                        sentence=layout.span_text((sentence,)), cues=agreement[sentence], written=written,
                        partner_id=partner_id)
        return tuple(out.values())

    def _unpartnered(self, side: str, other: str) -> bool:
        """A foreign catalogue entity the catalogue does not pair with `side`, and not its locator."""
        c = self._c
        return (c.entity_country.get(other) != "BY" and other not in c.partners.get(side, ())
                and other not in c.ancestors.get(side, ()) and side not in c.ancestors.get(other, ()))

    # --- matching ---

    def match(self, article: ArticleText) -> tuple[Match, ...]:
        text = self.text_of(article)
        if not self._worth_scanning(text):
            return ()
        scan = self._scan(text)
        if len(scan.mentions) < 2:
            return ()
        by_entity: dict[str, list[Found]] = {}
        for found in scan.mentions:
            for entity_id in found.entities:
                by_entity.setdefault(entity_id, []).append(found)
        candidates = set()
        for entity_id in by_entity:
            for partner in self._c.partners.get(entity_id, ()):
                if partner in by_entity:
                    pid = self._c.pairs.get((entity_id, partner))
                    if pid:
                        candidates.add((pid, entity_id, partner))
        if not candidates:
            return ()
        layout = _Layout(text, len(article.title), len(article.title) + len(article.summary) + 4)
        cues = self._cues(scan, layout)
        matches = []
        for pid, a, b in sorted(candidates):
            decided = self._decide(a, b, by_entity[a], by_entity[b], layout, cues, text)
            if decided:
                score, evidence = decided
                matches.append(Match(partnership_id=pid, score=round(score, 3), evidence=evidence))
        return tuple(sorted(matches, key=lambda m: (-m.score, m.partnership_id)))

    def _worth_scanning(self, text: str) -> bool:
        """The cheap first look: could both sides of some catalogue partnership be in `text`?

        One byte-level fold and one automaton pass over the whole text; most news names no
        catalogue entity or only one side, and stops here. The full scan (sentences, cues,
        locators, typo repair) runs only when the names found, or a capitalised word one
        letter away from a partner's name, could complete a pair.
        """
        c = self._c
        # runs of spaces (a quote or comma next to a space) become one: offsets do not matter here
        raw, folded = N.scan_bytes(text)
        # one space between words; an apostrophe or dash at a word's edge is not part of it
        # (Belarus' State Committee, «- Минск»)
        padded = b" " + folded + b" "
        if b"' " in padded or b" '" in padded:
            padded = padded.replace(b"' ", b"  ").replace(b" '", b"  ")
        if b"- " in padded or b" -" in padded:
            padded = padded.replace(b"- ", b"  ").replace(b" -", b"  ")
        joined = SPACES.sub(b" ", padded).decode("cp1251")
        found: set[str] = set()
        shared_adjectives = []
        forms = c.forms
        for _, (_, index) in c.automaton.iter(joined):
            form = forms[index]
            if form.strength == WEAK and len(form.entities) > 1:
                shared_adjectives.append(form.entities)
            else:
                found.update(form.entities)
        # a capitalised word spelt the way another language spells a name (Сморгоншчына for
        # Смаргоншчына) names that entity
        capitalised = N.capitalised_words(raw)
        loose_memo = self._loose_memo
        for written in capitalised:
            named = loose_memo.get(written)
            if named is None:
                named = self._loosely_named(written)
            if named:
                found |= named
        if not found and not shared_adjectives:
            return False
        wanted = self._wanted(found)
        # an adjective several entities share (гомельский: city or oblast) stands for one of them
        # only when that one, or one of its partners, is named outright (as in _clean)
        for entities in shared_adjectives:
            found.update(e for e in entities if e in found or e in wanted)
        if wanted & found:
            return True
        # or when its partner is named with a typo (Гомельские предприятия ... в Ворнеже)
        wanted |= self._wanted({e for entities in shared_adjectives for e in entities})
        if not wanted:
            return False
        # a typo in the missing side: capitalised words that are not name words
        return bool(self._typo_suspects(text, wanted, capitalised, first_only=True))

    def _typo_suspects(self, text: str, wanted: set[str], capitalised: list[bytes] | None = None,
                       first_only: bool = False) -> list[bytes]:
        """Capitalised written words (cp1251 bytes) one edit from a name word of a `wanted` entity."""
        if capitalised is None:
            capitalised = N.capitalised_words(N.scan_bytes(text)[0])
        memo, word_entities = self._near_memo, self._c.word_entities
        out = []
        for written in capitalised:
            named = memo.get(written)
            if named is None:
                near = self._near(written.decode("cp1251").lower().replace("ё", "е"))
                named = memo[written] = frozenset(e for o in near for e in word_entities.get(o, ()))
            if named and not named.isdisjoint(wanted):
                out.append(written)
                if first_only:
                    break
        return out

    def _loosely_named(self, written: bytes) -> frozenset[str]:
        """The one entity a capitalised written word (cp1251 bytes) names up to spelling, if any."""
        memo = self._loose_memo
        named = memo.get(written)
        if named is None:
            named = frozenset(self._loose_options(written.decode("cp1251").lower().replace("ё", "е"))[1])
            if len(memo) > 1 << 16:
                memo.clear()
            memo[written] = named
        return named

    def _loose_options(self, word: str) -> tuple[tuple[str, ...], set[str]]:
        """(name words, the entity they share) for a word that is no name word but loosely equals
        some; empty when it is a name word, a dictionary word, or the matches name no one entity."""
        c = self._c
        if word in c.vocabulary or len(word) < 5:
            return (), set()
        options = tuple(o for o in c.loose.get(N.loose(word), ()) if o != word)
        if not options:
            return (), set()
        shared = frozenset.intersection(*(c.word_entities.get(o, frozenset()) for o in options))
        if len(shared) != 1 or _is_known_word(word):
            return (), set()
        return options, set(shared)

    def _wanted(self, found: set[str]) -> set[str]:
        """The catalogue partners of the entities found (or of their same-named neighbours)."""
        c = self._c
        for entity in list(found):
            found.update(c.same_name.get(entity, {}).values())
        wanted: set[str] = set()
        for entity in found:
            wanted.update(c.partners.get(entity, ()))
        return wanted

    def _typo_options(self, word: str, wanted: set[str]) -> set[str]:
        """Name words of the `wanted` entities one edit (OSA) away from `word`."""
        empty = frozenset()
        word_entities = self._c.word_entities
        return {o for o in self._near(word) if not word_entities.get(o, empty).isdisjoint(wanted)}

    def _near(self, word: str) -> tuple[str, ...]:
        """Distinctive name words one edit (OSA) from `word`, same first letter; memoised, since
        the same words recur from article to article (the memo only grows to a bound)."""
        memo = self._near_memo
        if word in memo:
            return memo[word]
        c = self._c
        if word in c.vocabulary:
            return ()
        vocabulary, deletions = c.vocabulary, c.deletions
        options = set(deletions.get(word, ()))  # the writer dropped a letter
        for i in range(len(word)):
            shorter = word[:i] + word[i + 1:]
            if shorter in vocabulary and shorter in c.word_entities and len(c.word_entities[shorter]) <= TYPO_MAX_ENTITIES:
                options.add(shorter)  # the writer added a letter
            options.update(deletions.get(shorter, ()))  # swapped or replaced one
        near = tuple(sorted(o for o in options if o[0] == word[0] and OSA.distance(word, o, score_cutoff=1) <= 1))
        if len(memo) > 1 << 16:
            memo.clear()
        memo[word] = near
        return near

    def _decide(self, a, b, mentions_a, mentions_b, layout, cues, text):
        best = None
        country_pair = a in self._c.countries or b in self._c.countries
        for ma in mentions_a:
            for mb in mentions_b:
                if ma is mb:
                    continue
                sa, sb = layout.sentence(ma.start), layout.sentence(mb.start)
                in_title_a, in_title_b = layout.in_title(sa), layout.in_title(sb)
                if sa == sb:
                    span, base = (sa,), 1.0
                elif layout.paragraph(sa) == layout.paragraph(sb) and abs(sa - sb) == 1:
                    span, base = (min(sa, sb), max(sa, sb)), 0.8
                elif in_title_a != in_title_b:
                    body = sb if in_title_a else sa
                    span = tuple(layout.title_sentences) + (body,)
                    if body + 1 < len(layout.starts) and layout.paragraph(body + 1) == layout.paragraph(body):
                        span += (body + 1,)  # the relation is often in the sentence that follows
                    base = 0.7
                elif layout.in_lead(sa) != layout.in_lead(sb):
                    # the article's subject, named in its lead, and a partner met later with a
                    # relation word around it (Центр сотрудничает с Костромским ... университетом)
                    body = sb if layout.in_lead(sa) else sa
                    span = (body,)
                    if body + 1 < len(layout.starts) and layout.paragraph(body + 1) == layout.paragraph(body):
                        span += (body + 1,)
                    base = LEAD_SCORE
                else:
                    continue
                weakest = min(ma.strength, mb.strength)
                if weakest == AMBIGUOUS and base < 1.0:
                    continue  # an ambiguous name needs its partner in the same sentence
                if country_pair and base < 1.0:
                    continue  # state-level relations are stated, not inferred across sentences
                seen = tuple(dict.fromkeys(c for s in span for c in cues.get(s, ())))
                if not seen:
                    continue
                score = base
                if weakest == WEAK:
                    score -= 0.1
                if ma.fuzzy or mb.fuzzy:
                    score -= 0.05
                if best is None or score > best[0]:
                    sentence = layout.span_text(span)
                    evidence = Evidence(
                        a=Mention(a, text[ma.start:ma.end], ma.start, ma.end),
                        b=Mention(b, text[mb.start:mb.end], mb.start, mb.end),
                        sentence=sentence, cues=seen[:8])
                    best = (score, (evidence,))
        if best and best[0] >= THRESHOLD:
            return best
        return None

    def _cues(self, scan: "_Scan", layout: "_Layout") -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        key = scan.key
        for end, cue in self._c.cue_automaton.iter(key):
            start = end - len(cue) + 1
            if start and key[start - 1] not in " -":
                continue
            token = key.count(" ", 0, start)
            char = scan.spans[token][0]
            out.setdefault(layout.sentence(char), []).append(scan.words[token])
        return out

    # --- mentions ---

    def _scan(self, text: str) -> "_Scan":
        folded = N.scan_fold(text)
        spans = [m.span() for m in N.WORD.finditer(folded)]
        words = [folded[s:e] for s, e in spans]
        scan = _Scan(words, spans)
        found = self._find(scan, fuzzy=set())
        repaired = self._repair(text, scan, found)
        if repaired:
            fixed_words = list(words)
            for index, word in repaired.items():
                fixed_words[index] = word
            fixed = _Scan(fixed_words, spans)
            found = self._find(fixed, fuzzy=set(repaired))
            scan = _Scan(words, spans)
        scan.mentions = self._clean(text, scan, found)
        return scan

    def _find(self, scan: "_Scan", fuzzy: set[int]) -> list[Found]:
        hits = []
        key = scan.key
        # the padded key's offsets are one more than the key's; patterns end in a space
        for end, (length, index) in self._c.automaton.iter(f" {scan.key} "):
            start, end = end - length - 1, end - 2
            first = key.count(" ", 0, start)  # words before the hit: spaces before it
            last = first + key.count(" ", start, end)
            hits.append((first, last, index))
        hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
        taken: set[int] = set()
        found = []
        for first, last, index in hits:
            if any(t in taken for t in range(first, last + 1)):
                continue
            taken.update(range(first, last + 1))
            form = self._c.forms[index]
            is_fuzzy = any(t in fuzzy for t in range(first, last + 1))
            # a compound of two states (белорусско-грузинский) is a mention of each
            for entities in ([(e,) for e in form.entities] if form.kind == "pair" else [form.entities]):
                found.append(Found(entities=entities, strength=form.strength, first=first, last=last,
                                   start=scan.spans[first][0], end=scan.spans[last][1], fuzzy=is_fuzzy))
        found.sort(key=lambda f: f.first)
        scan.taken = taken
        return found

    def _repair(self, text: str, scan: "_Scan", found: list[Found]) -> dict[int, str]:
        """Single-letter typos in capitalised words that land on exactly one name word of a
        partner of an entity already found: a typo matters only when it completes a pair."""
        repaired: dict[int, str] = {}
        vocabulary = self._c.vocabulary
        named = {e for item in found for e in item.entities}
        capitalised = N.capitalised_words(N.scan_bytes(text)[0])
        loose = {w.decode("cp1251").lower().replace("ё", "е") for w in capitalised if self._loosely_named(w)}
        for index, word in enumerate(scan.words) if loose else ():
            if word not in loose or index in scan.taken or not text[scan.spans[index][0]].isupper():
                continue
            options, entity = self._loose_options(word)
            if options:
                repaired[index] = min(options, key=lambda o: (abs(len(o) - len(word)), o))
                named |= entity
        wanted = self._wanted(named)
        if not wanted:
            return repaired
        # capitalised written words near a wanted name first, then their places in the text
        suspects = {written.decode("cp1251").lower().replace("ё", "е")
                    for written in self._typo_suspects(text, wanted, capitalised)}
        if not suspects:
            return repaired
        for index, word in enumerate(scan.words):
            if word not in suspects or index in scan.taken or index in repaired or not text[scan.spans[index][0]].isupper():
                continue
            options = self._typo_options(word, wanted)
            if not options:
                continue
            # several spellings of one entity (канск, канськ) are one answer; two entities are none
            shared = frozenset.intersection(*(self._c.word_entities.get(o, frozenset()) for o in options))
            if (len(options) > 1 and not shared) or _is_known_word(word):
                continue
            repaired[index] = min(options, key=lambda o: (abs(len(o) - len(word)), o))
        return repaired

    def _clean(self, text: str, scan: "_Scan", found: list[Found]) -> list[Found]:
        c = self._c
        # a parent or country right after its child is a locator (Сафоновский район Смоленской области)
        drop: set[int] = set()
        for i in range(1, len(found)):
            previous, current = found[i - 1], found[i]
            if current.first == previous.last + 1 or (
                    current.first == previous.last + 2 and scan.words[previous.last + 1] in ("of", "in")):
                parents = set().union(*(c.ancestors.get(e, frozenset()) for e in previous.entities))
                if set(current.entities) <= parents:
                    drop.add(i)
        kept = []
        for i, item in enumerate(found):
            if i in drop:
                continue
            if set(item.entities) <= c.countries and self._inside_org_name(text, scan, item.first):
                continue
            if item.strength == AMBIGUOUS and not self._plausible_ambiguous(text, scan, item):
                continue
            kept.append(item)
        kept = self._coordinated(scan, kept)
        # an adjective alone stands for the one same-stem entity the article names outright, or
        # failing that, the one that has a catalogue partner named in the article
        named = {e for item in kept if item.strength > WEAK for e in item.entities}
        partnered = {p for e in named for p in c.partners.get(e, ())}
        resolved = []
        for item in kept:
            if item.strength == WEAK:
                chosen = tuple(e for e in item.entities if e in named)
                if not chosen:
                    chosen = tuple(e for e in item.entities if e in partnered)
                if not chosen and len(item.entities) == 1:
                    chosen = item.entities
                if len(chosen) != 1:
                    continue
                item = Found(chosen, WEAK, item.first, item.last, item.start, item.end, item.fuzzy)
            elif item.strength == AMBIGUOUS and item.first and scan.words[item.first - 1] in PLACE_MARKERS:
                item = Found(item.entities, STRONG, item.first, item.last, item.start, item.end, item.fuzzy)
            resolved.append(item)
        return resolved

    def _coordinated(self, scan: "_Scan", found: list[Found]) -> list[Found]:
        """«Брестским и Гомельским облисполкомами», «Mogilev and Oryol regions»: the noun after
        a run of coordinated names says which of the same-named entities each one is."""
        c = self._c
        out = list(found)
        i = 0
        while i < len(out):
            j = i
            while j + 1 < len(out):
                gap = out[j + 1].first - out[j].last
                if gap == 1 or (gap == 2 and scan.words[out[j].last + 1] in CONJUNCTIONS):
                    j += 1
                else:
                    break
            after = out[j].last + 1
            kind = _kind_of_noun(scan.words[after]) if j > i and after < len(scan.words) else None
            if kind:
                for k in range(i, j + 1):
                    item = out[k]
                    options = set(item.entities) | {c.same_name.get(e, {}).get(kind, "") for e in item.entities}
                    chosen = tuple(sorted(e for e in options if e and c.entity_kind.get(e) == kind))
                    if chosen:
                        out[k] = Found(chosen, max(item.strength, STRONG), item.first, after, item.start,
                                       scan.spans[after][1] if k == j else item.end, item.fuzzy)
            i = j + 1
        return out

    @staticmethod
    def _inside_org_name(text: str, scan: "_Scan", first: int) -> bool:
        """A country at the end of a genitive chain that starts with an organisation word."""
        index = first - 1
        while index >= 0 and first - index <= 3:
            word = scan.words[index]
            if ORG_HEAD.match(word):
                return True
            gap = text[scan.spans[index][1]:scan.spans[index + 1][0]]
            if word in CONJUNCTIONS or any(p in gap for p in ",.;:()—–"):
                return False
            index -= 1
        return False

    @staticmethod
    def _plausible_ambiguous(text: str, scan: "_Scan", item: Found) -> bool:
        """A capitalised name not next to a person's first name or initial (Андрей Борисов)."""
        original = text[item.start:item.end]
        if not original[:1].isupper():
            return False
        before = item.first - 1
        if before >= 0:
            s, e = scan.spans[before]
            gap = text[e:item.start]
            word = text[s:e]
            if gap.strip() in ("", ".") and word[:1].isupper() and (len(word) == 1 or _is_first_name(word)):
                return False
        after = item.last + 1
        if after < len(scan.words):
            s, e = scan.spans[after]
            word = text[s:e]
            if text[item.end:s].strip() == "" and word[:1].isupper() and _is_first_name(word):
                return False
        return True


# Agreement words (folded word beginnings) that make a sentence worth a candidate.
AGREEMENT_CUES = (
    "соглашени", "договор", "меморандум", "протокол", "побратим", "сотрудничеств", "подписал", "подписан",
    "дорожн", "пагадненн", "дагавор", "дамов", "мемарандум", "пратакол", "пабрацім", "супрацоўніцтв",
    "падпіса", "угод", "співпрац", "співробітництв", "підписа", "agreement", "memorandum", "protocol",
    "twin", "sister", "cooperat", "partnership", "signed", "roadmap")
# Words after a run of capitalised words that make it a territory (Карагандинская область).
TERRITORY_WORDS = ("област", "район", "край", "округ", "республик", "город", "муниципалитет", "вобласц",
                   "раен", "горад", "муніцыпалітэт", "місто", "міст", "oblast", "region", "district",
                   "province", "municipality", "city", "county")


def _place_runs(text: str, scan: "_Scan", layout: "_Layout", sentence: int, explained: set[int], ours: Found):
    """(first, last) token ranges in `sentence` that look like a place no catalogue name explains:
    a place name to pymorphy3, a run followed by a territory word, or a run coordinated with the
    Belarusian side (Mogilev and Gyumri, Гомель и Казань)."""
    start = layout.starts[sentence]
    end = layout.starts[sentence + 1] if sentence + 1 < len(layout.starts) else len(text)
    tokens = [i for i, (s, _) in enumerate(scan.spans) if start <= s < end]
    runs, run = [], []
    for i in tokens:
        written = text[scan.spans[i][0]:scan.spans[i][1]]
        if i not in explained and written[:1].isupper() and not written.isupper() and len(written) > 2:
            run.append(i)
            continue
        if run:
            runs.append(run)
        run = []
    if run:
        runs.append(run)
    for run in runs:
        while len(run) > 1 and _is_common_noun(scan.words[run[0]]):
            run = run[1:]  # a capitalised common word that opens a sentence or an event (Дни Казани)
        first, last = run[0], run[-1]
        after = last + 1
        territory = after < len(scan.words) and after not in explained and scan.words[after].startswith(TERRITORY_WORDS)
        if territory:
            last = after
        words = [scan.words[i] for i in run]
        if _is_person(words[0]) or (len(run) == 1 and _is_common_noun(words[0])):
            continue
        coordinated = (first - ours.last == 2 and scan.words[ours.last + 1] in COORDINATION) or (
            ours.first - last == 2 and scan.words[last + 1] in CONJUNCTIONS)
        if territory or coordinated or any(_is_place(w) for w in words):
            yield first, last


# "A и B", "A with B": a partner coordinated with the Belarusian side
COORDINATION = CONJUNCTIONS | {"с", "со", "з", "with"}


@lru_cache(maxsize=1 << 14)
def _is_common_noun(word: str) -> bool:
    """A dictionary word that is neither a place nor a name nor an adjective (Дни, Памежныя)."""
    parses = [p for p in N.analyser("ru").parse(word)[:2] if p.is_known]
    if not parses:
        return any(p.is_known and "Geox" not in p.tag.grammemes and p.tag.POS in ("NOUN", "ADJF")
                   for p in N.analyser("uk").parse(word)[:1]) and not _is_place(word)
    return not any(p.tag.grammemes & {"Geox", "Name", "Surn", "Orgn"} for p in parses) and all(
        p.tag.POS != "ADJF" for p in parses)


@lru_cache(maxsize=1 << 14)
def _is_place(word: str) -> bool:
    for lang in ("ru", "uk"):
        if any("Geox" in p.tag.grammemes for p in N.analyser(lang).parse(word)[:2]):
            return True
    return False


@lru_cache(maxsize=1 << 14)
def _is_person(word: str) -> bool:
    return any(p.tag.grammemes & {"Name", "Surn", "Patr"} and p.is_known
               for p in N.analyser("ru").parse(word)[:1])


def _nominative(text: str, scan: "_Scan", first: int, last: int) -> str:
    """The words first..last put in the nominative, keeping their capitals (Вологодской областью →
    Вологодская область); as written where morphology does not know them."""
    written = [text[scan.spans[i][0]:scan.spans[i][1]] for i in range(first, last + 1)]
    if not all(re.fullmatch(r"[А-Яа-яЁё-]+", w) for w in written):
        return " ".join(written)  # Belarusian, Ukrainian or Latin: pymorphy3's Russian would mangle it
    morph = N.analyser("ru")
    options = [morph.parse(word.lower()) for word in written]
    nouns = [next((p for p in o if "Geox" in p.tag.grammemes), None) or next(
        (p for p in o if p.tag.POS == "NOUN"), None) for o in options]
    head = next((p for p in reversed(nouns) if p is not None and "Geox" in p.tag.grammemes),
                next((p for p in reversed(nouns) if p is not None), None))
    out = []
    for word, choices, noun in zip(written, options, nouns):
        parse = noun
        adjectives = [p for p in choices if p.tag.POS == "ADJF"]
        if adjectives and head is not None and noun is not head:
            # the adjective reading that agrees with the head noun (Великого Новгорода)
            parse = next((p for p in adjectives if p.tag.case == head.tag.case and (
                p.tag.gender == head.tag.gender or p.tag.number == "plur")), adjectives[0])
        inflected = None
        if parse is not None and parse.tag.case and "-" not in word:
            wanted = {"nomn"} | ({parse.tag.number} if parse.tag.number else set())
            try:
                inflected = parse.inflect(wanted)
            except ValueError:
                inflected = None
        new = inflected.word if inflected is not None else word
        out.append(new[:1].upper() + new[1:] if word[:1].isupper() else new)
    return " ".join(out)


@lru_cache(maxsize=1 << 16)
def _is_known_word(word: str) -> bool:
    """A real Russian or Ukrainian word is not a typo, even one letter away from a name."""
    for lang in ("ru", "uk"):
        for parse in N.analyser(lang).parse(word)[:3]:
            if parse.is_known:
                return True
    return False


@lru_cache(maxsize=1 << 16)
def _is_first_name(word: str) -> bool:
    parses = N.analyser("ru").parse(word)
    return any("Name" in p.tag.grammemes and p.is_known for p in parses[:2])


class _Scan:
    """The words of a text, their character spans and the space-joined key the automaton reads."""

    __slots__ = ("words", "spans", "key", "taken", "mentions")

    def __init__(self, words: list[str], spans: list[tuple[int, int]]):
        self.words = words
        self.spans = spans
        self.key = " ".join(words)  # a word's index is the number of spaces before it
        self.taken: set[int] = set()
        self.mentions: list[Found] = []


class _Layout:
    """Sentences and paragraphs of a text, by character offset."""

    def __init__(self, text: str, title_length: int, content_start: int | None = None):
        starts = [0]
        for m in SENTENCE_END.finditer(text):
            if m.end() < len(text):
                starts.append(m.end())
        if title_length + 2 not in starts and title_length + 2 < len(text):
            starts.append(title_length + 2)
        self.starts = sorted(set(starts))
        self.text = text
        self.title_sentences = [i for i, s in enumerate(self.starts) if s < title_length] or [0]
        # the lead: title, summary and the body's first sentence, where news names its subject
        first_body = self.sentence(content_start) if content_start is not None and content_start < len(text) else -1
        self.lead_end = first_body
        paragraph_starts = [0] + [m.end() for m in PARAGRAPH_END.finditer(text)]
        self.paragraph_of = [bisect.bisect_right(paragraph_starts, s) - 1 for s in self.starts]

    def sentence(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def paragraph(self, sentence: int) -> int:
        return self.paragraph_of[sentence]

    def in_title(self, sentence: int) -> bool:
        return sentence in self.title_sentences

    def in_lead(self, sentence: int) -> bool:
        """In the title, summary or first body sentence (never true for a title-only item)."""
        return sentence <= self.lead_end

    def span_text(self, sentences: tuple[int, ...]) -> str:
        parts = []
        for index in sorted(set(sentences)):
            end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
            parts.append(self.text[self.starts[index]:end].strip())
        return " … ".join(p for p in parts if p)
