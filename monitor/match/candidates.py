"""Candidate partnerships: agreements an article reports between a Belarusian catalogue territory
and a partner the catalogue lacks or does not pair with it. Helpers for `Matcher.candidates`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from .. import names as N
from ..records import Mention
from .text import Found, Layout, Scan
from .vocabulary import CONJUNCTIONS

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


# Agreement words (folded word beginnings) that make a sentence worth a candidate.
AGREEMENT_CUES = (
    "соглашени", "договор", "меморандум", "протокол", "побратим", "сотрудничеств", "подписал", "подписан",
    "дорожн", "пагадненн", "дагавор", "дамов", "мемарандум", "пратакол", "пабрацім", "супрацоўніцтв",
    "падпіса", "угод", "співпрац", "співробітництв", "підписа", "agreement", "memorandum", "protocol",
    "twin", "sister", "cooperat", "partnership", "signed", "roadmap")
# An agreement word's start in names.scan_bytes' folded text (after a space, an apostrophe or a
# dash, or first): every candidate's cue is one, so a text without one has no candidate
AGREEMENT_WORD = re.compile(b"(?:^|[ '-])(?:" + b"|".join(cue.encode("cp1251") for cue in AGREEMENT_CUES) + b")")
# Words after a run of capitalised words that make it a territory (Карагандинская область).
TERRITORY_WORDS = ("област", "район", "край", "округ", "республик", "город", "муниципалитет", "вобласц",
                   "раен", "горад", "муніцыпалітэт", "місто", "міст", "oblast", "region", "district",
                   "province", "municipality", "city", "county")


def _place_runs(text: str, scan: Scan, layout: Layout, sentence: int, explained: set[int], ours: Found):
    """(first, last) token ranges in `sentence` that look like a place no catalogue name explains:
    a place name to pymorphy3, a run with a territory word after or before it (Карагандинская
    область, муніцыпалітэт Сігнахі), or a run coordinated with the Belarusian side (Mogilev and
    Gyumri, Гомель и Казань). A state in the possessive opening a run (Armenia's Gyumri) is the
    place's locator, not part of its name."""
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
        opening = run[0]  # where the run meets the words before it (Mogilev and Armenia's Gyumri)
        while len(run) > 1 and _possessive(text, scan, run[0]):
            run = run[1:]
        first, last = run[0], run[-1]
        after, before = last + 1, first - 1
        territory = after < len(scan.words) and after not in explained and scan.words[after].startswith(TERRITORY_WORDS)
        if territory and scan.words[after] in PLURAL_TERRITORIES:
            continue  # a kind of territories, not one place (Памежныя раёны, Приграничные районы)
        if territory:
            last = after
        # or a territory word closing the run (Fergana Region signed), or one before it (муніцыпалітэт Сігнахі)
        territory = territory or (len(run) > 1 and scan.words[last].startswith(TERRITORY_WORDS)) or (
            before >= 0 and before not in explained and scan.words[before].startswith(TERRITORY_WORDS)
            and not text[scan.spans[before][0]].isupper() and not _gap(text, scan, before, first).strip())
        words = [scan.words[i] for i in run]
        if _is_person(words[0]) or (len(run) == 1 and _is_common_noun(words[0])):
            continue
        coordinated = (opening - ours.last == 2 and scan.words[ours.last + 1] in COORDINATION) or (
            ours.first - last == 2 and scan.words[last + 1] in CONJUNCTIONS)
        if territory or coordinated or any(_is_place(w) for w in words):
            yield first, last


# "A и B", "A with B": a partner coordinated with the Belarusian side
COORDINATION = CONJUNCTIONS | {"с", "со", "з", "with"}
# Prepositions that make the place after them where something happens or where someone goes
# (подписали в Вологде, визит делегации в Орёл, ў Кахетыі, met in Minsk): a venue, not a party.
VENUE = {"в", "во", "у", "ў", "in", "at", "to"}


def _gap(text: str, scan: Scan, left: int, right: int) -> str:
    """The characters between word `left` and word `right` (= left + 1)."""
    return text[scan.spans[left][1]:scan.spans[right][0]]


def _possessive(text: str, scan: Scan, index: int) -> bool:
    """An English possessive (Armenia's, Kazakhstan's): a locator of the name after it."""
    return scan.words[index].endswith(("'s", "s'")) and index + 1 < len(scan.words) and not _gap(
        text, scan, index, index + 1).strip()


def is_venue(text: str, scan: Scan, first: int, dictionary: bool = True) -> bool:
    """A place right after в, во, у, ў, in or at: where a signing or a visit happened. Not the
    Russian "у" with a genitive (у Витебска и Твери нет соглашения: they have none), which is
    Belarusian and Ukrainian "in" only. Without the `dictionary` (its analyser costs 35 MB to
    load), "у" is "in" only before a word in Belarusian or Ukrainian letters."""
    before = first - 1
    if before < 0 or scan.words[before] not in VENUE or _gap(text, scan, before, first).strip():
        return False
    if scan.words[before] != "у" or any(ch in scan.words[first] for ch in "іўїєґ"):
        return True
    return dictionary and not _russian_genitive(scan.words[first])


@lru_cache(maxsize=1 << 14)
def _russian_genitive(word: str) -> bool:
    if any(ch in word for ch in "іўїєґ"):
        return False
    return any(p.tag.case == "gent" for p in N.analyser("ru").parse(word)[:3])


def is_locator(text: str, scan: Scan, first: int, last: int, places: set[int]) -> bool:
    """A place that locates another rather than acting: right after another place's words with
    nothing between (Хатлонская область Таджикистана, города Бабаево Вологодской области), a
    possessive before a place (Uzbekistan's Fergana Region), or a territory after a lower
    territory's noun (… муниципального округа Вологодской области)."""
    before = first - 1
    if before >= 0 and not _gap(text, scan, before, first).strip():
        if before in places and not _possessive(text, scan, before):
            return True
        if scan.words[before].startswith(LOWER_TERRITORY) and scan.words[last].startswith(TERRITORY_WORDS):
            return True
    return _possessive(text, scan, last) and last + 1 in places


# Territory nouns in the plural: the capitalised word before them describes several places.
PLURAL_TERRITORIES = {"районы", "районов", "районах", "районам", "районами", "раены", "раенаў", "раенах", "регионы",
                      "регионов", "рэгіены", "рэгіенаў", "регіони", "регіонів", "райони", "районів", "regions",
                      "districts", "cities", "municipalities"}
# Nouns of a territory smaller than the region named after them (района, округа, города).
LOWER_TERRITORY = ("район", "округ", "город", "муниципалитет", "раен", "горад", "міст", "district", "city")


def skeleton(word: str) -> str:
    """A folded name's consonants, an adjective suffix dropped (Орёл and Орловская, Тула and
    Тульская, Вологда and Вологодская meet here): for "the same name" only."""
    word = re.sub(r"(овск|евск|инск|енск|ск|цк)(ая|ий|ый|ое|ие|ые)?$", "", word)
    return "".join(ch for ch in word if ch not in "аеёиоуыэюяіїєў'ьъ-aeiouy")


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


def _nominative(text: str, scan: Scan, first: int, last: int) -> str:
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
