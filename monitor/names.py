"""Name variants: every written form of a catalogue entity's names, folded for matching.

The catalogue gives each entity a nominative name per language plus aliases. News text uses every
grammatical case, so each name is expanded into its inflected forms:

- Russian and Ukrainian: pymorphy3 gives the paradigm of known words; regular endings are added for
  names it does not know (pymorphy guesses "Брестчина" as a masculine animate noun, "Семей" as
  "семья"), so the union of both is used. Adjectives agree with their head noun, words after the
  head (genitive modifiers, quoted names) stay as written.
- Belarusian: no morphology library covers it, so regular endings are written out here, with the
  consonant changes of the locative (Брэст → у Брэсце, Магілёў → Магілёва).
- English and Latin spellings are matched as written, plus the possessive.

Everything is compared after `fold`: lower case, ё → е, Latin diacritics removed, one apostrophe
and one dash. This module does no matching and holds no state except pymorphy3's analysers.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from functools import lru_cache
from itertools import accumulate, compress, count
from operator import add

# --- folding ------------------------------------------------------------------------------------


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x00C0, 0x0250):  # Latin-1 supplement and Latin Extended-A/B
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii():
            table[code] = base.lower()
    for char in "ёЁ":
        table[ord(char)] = "е"
    for char in "’ʼ‘`´ʹ":  # the catalogue writes the plain ASCII apostrophe
        table[ord(char)] = "'"
    for char in "‐‑‒–—―−":
        table[ord(char)] = "-"
    for char in "«»\"“”„‟‹›":
        table[ord(char)] = " "
    table[ord("ł")] = "l"
    table[ord("İ")] = "i"  # str.lower would turn it into two characters
    for char in "\t\n\r\v\f\u00a0\u2009\u202f\u2007":
        table[ord(char)] = " "
    return table


FOLD = _fold_table()


def fold(text: str) -> str:
    """Lower case and fold spelling noise; one character in, one character out."""
    folded = text.translate(FOLD).lower()
    if len(folded) != len(text):  # a rare character whose lower case is longer; fold it alone
        folded = "".join((c.translate(FOLD).lower() or c)[:1] for c in text)
    return folded


def _scan_table() -> bytes:
    """A cp1251 byte table for `scan_fold`: letters folded as `fold` does, everything else a space."""
    table = bytearray(range(256))
    for code in range(256):
        try:
            char = bytes([code]).decode("cp1251")
        except UnicodeDecodeError:
            table[code] = 32
            continue
        folded = fold(char)
        if folded in ("'", "-"):
            table[code] = ord(folded)
        elif len(folded) == 1 and folded.isalnum():
            table[code] = folded.encode("cp1251")[0]
        else:
            table[code] = 32
    return bytes(table)


SCAN_TABLE = _scan_table()


def scan_fold(text: str) -> str:
    """`fold`, with every character that is neither a letter, a digit, an apostrophe nor a dash
    turned into a space; one character in, one out, so offsets hold.

    Russian, Belarusian, Ukrainian and plain English text fits cp1251, where folding is one
    C-level byte translation (about 15x faster than str.translate); anything else (Latin
    diacritics, rare symbols) takes the slow path once.
    """
    try:
        return text.encode("cp1251").translate(SCAN_TABLE).decode("cp1251")
    except UnicodeEncodeError:
        folded = fold(text).encode("cp1251", errors="replace")  # one byte per code point
        return folded.translate(SCAN_TABLE).decode("cp1251")


def _cased_table() -> tuple[bytes, bytes, bytes]:
    """`SCAN_TABLE` keeping capitals, and the cp1251 bytes of capital and small letters."""
    table = bytearray(SCAN_TABLE)
    upper, lower = bytearray(), bytearray()
    for code in range(256):
        try:
            char = bytes([code]).decode("cp1251")
        except UnicodeDecodeError:
            continue
        if char.isalpha() and len(fold(char)) == 1:
            if char.isupper():
                table[code] = code if char not in "Ёё" else "Е".encode("cp1251")[0]
                upper.append(table[code])
            else:
                lower.append(table[code])
    return bytes(table), bytes(upper), bytes(lower)


CASED_TABLE, _UPPER, _LOWER = _cased_table()
_CAPITALISED = re.compile(b" ([" + re.escape(_UPPER) + b"][" + re.escape(_LOWER) + b"]{4,})(?= )")


def scan_bytes(text: str) -> tuple[bytes, bytes]:
    """(the text, its `scan_fold`), both as cp1251 bytes of one byte per character."""
    try:
        raw = text.encode("cp1251")
        return raw, raw.translate(SCAN_TABLE)
    except UnicodeEncodeError:
        folded = fold(text).encode("cp1251", errors="replace")
        return text.encode("cp1251", errors="replace"), folded.translate(SCAN_TABLE)


def scan_words(folded: bytes) -> tuple[list[bytes], bytes] | None:
    """`WORD`'s words of `scan_bytes`' folded text without a regex: (the words as cp1251 bytes,
    the padded text `word_spans` reads), or None for the rare text with two apostrophes or
    dashes in a row (Минск--Гомель), left to the `WORD` regex.

    Folded text holds only letters, digits, spaces, apostrophes and dashes, so once the one
    apostrophe or dash at a run's edge is blanked (same length), every run of non-spaces is
    exactly one word. The words stay bytes: the quick look codes them as they are, and only
    text worth the full scan is decoded.
    """
    apostrophe, dash = b"'" in folded, b"-" in folded
    if (dash and b"--" in folded) or (apostrophe and (b"''" in folded or b"-'" in folded or b"'-" in folded)):
        return None
    clean = b" " + folded + b" "
    if apostrophe:
        clean = clean.replace(b"' ", b"  ").replace(b" '", b"  ")
    if dash:
        clean = clean.replace(b"- ", b"  ").replace(b" -", b"  ")
    return clean.split(), clean


def word_spans(clean: bytes) -> list[tuple[int, int]]:
    """The character spans of `scan_words`' words, from C-level sums of the run lengths."""
    lengths = list(map(len, clean.split(b" ")))
    # run j starts after the runs before it and one space each; -1 for the leading pad
    starts = list(compress(map(add, accumulate(lengths, initial=0), count(-1)), lengths))
    return list(zip(starts, map(add, starts, filter(None, lengths))))


def capitalised_words(raw: bytes) -> list[bytes]:
    """The capitalised words of five letters or more (where a name typo may hide) of `scan_bytes`'
    raw text, as cp1251 bytes in their written case (a whole word only: not part of Наро-Фоминск)."""
    return _CAPITALISED.findall(b" " + raw.translate(CASED_TABLE) + b" ")


_LOOSE = str.maketrans({"о": "а", "э": "е", "я": "е", "є": "е", "ы": "и", "і": "и", "ї": "и", "ў": "в",
                        "ґ": "г", "ь": None, "ъ": None, "'": None})


def loose(word: str) -> str:
    """A folded word with the letters Russian, Belarusian and Ukrainian spell differently merged
    (о/а, е/э/я, и/ы/і, в/ў, шч/щ, soft signs dropped): Сморгоншчына and Смаргоншчына, Кологрыўскі
    and Калагрыўскі meet here. For look-ups only; it says nothing about pronunciation."""
    return word.replace("шч", "щ").translate(_LOOSE)


# A word: letters and digits, with inner hyphens and apostrophes (Наро-Фоминск, Мар'іна).
WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))


def key(text: str) -> str:
    """The form a name is stored and looked up in: folded words joined by one space."""
    return " ".join(words(text))


# --- morphology ----------------------------------------------------------------------------------

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


@lru_cache(maxsize=1)
def _analysers() -> dict:
    import pymorphy3

    # pymorphy3 keeps one table of known grammemes per process and the dictionary loaded last
    # sets it. The Ukrainian one lacks loc2, so with Russian loaded first every later Russian
    # "в саду", "на Дону" form would fail; Russian is loaded last, whichever is asked for first.
    uk = pymorphy3.MorphAnalyzer(lang="uk")
    ru = pymorphy3.MorphAnalyzer(lang="ru")
    return {"ru": ru, "uk": uk}


def analyser(lang: str):
    return _analysers()[lang]


# Matching asks the dictionaries two questions: is a written word a real word (not a typo of a
# name), and is it a first name (Андрей before a name that is also a surname). Both are answered
# from the dictionaries' word lists alone, loaded in a hundredth of a second, instead of the whole
# analysers (a third of a second and 40 MB), which only compiling the names needs.
DICTIONARY_LANGS = ("ru", "uk")
_SAME_LETTER = {"ru": {"е": "ё"}, "uk": {"г": "ґ"}}  # letters a text may write either way, as pymorphy3 reads them


def _dictionary_package(lang: str):
    """The installed dictionary package of a language (pymorphy3_dicts_ru, _uk)."""
    import importlib

    return importlib.import_module(f"pymorphy3_dicts_{lang}")


@lru_cache(maxsize=None)
def _word_list(lang: str):
    import dawg_python

    folder = Path(_dictionary_package(lang).get_path())
    words = dawg_python.RecordDAWG(">HH").load(str(folder / "words.dawg"))  # word -> (paradigm, form)
    return words, words.compile_replaces(_SAME_LETTER[lang])


def dictionary_version() -> str:
    """The dictionaries' versions: paradigm numbers mean something only within one."""
    return " ".join(_dictionary_package(lang).__version__ for lang in DICTIONARY_LANGS)


def is_dictionary_word(word: str) -> bool:
    """A folded word the Russian or Ukrainian dictionary holds (what pymorphy3 calls known)."""
    for lang in DICTIONARY_LANGS:
        words, same = _word_list(lang)
        if words.similar_keys(word, same):
            return True
    return False


def paradigms(word: str, lang: str) -> set[int]:
    """The dictionary's paradigm numbers of a folded word (none when it does not know it)."""
    return {paradigm for paradigm, _ in word_forms(word, lang)}


def word_forms(word: str, lang: str) -> set[tuple[int, int]]:
    """The dictionary's (paradigm, form) readings of a folded word (none when it does not know it)."""
    words, same = _word_list(lang)
    return {record for _, records in words.similar_items(word, same) for record in records}


def genitive_noun_forms(lang: str) -> frozenset[tuple[int, int]]:
    """The (paradigm, form) pairs that read as a noun in the genitive, from the whole analyser:
    for compiling (продовольствия, информатики after a university's name: a longer name)."""
    dictionary = analyser(lang).dictionary
    return frozenset((number, form) for number, paradigm in enumerate(dictionary.paradigms)
                     for form in range(len(paradigm) // 3)
                     if {"NOUN", "gent"} <= dictionary.build_tag_info(number, form).grammemes)


def first_name_paradigms(lang: str = "ru") -> frozenset[int]:
    """The paradigms of first names (the Name grammeme), from the whole analyser: for compiling."""
    dictionary = analyser(lang).dictionary
    return frozenset(number for number, paradigm in enumerate(dictionary.paradigms)
                     if any("Name" in dictionary.build_tag_info(number, form).grammemes
                            for form in range(len(paradigm) // 3)))


# Regular adjective endings per (gender or plural) and case. Each cell lists every spelling in
# use, so hard and soft stems (-ский/-ний) and the older -ою are all covered.
ADJ_ENDINGS = {
    "ru": {
        "masc": {"nomn": "ий ый ой", "gent": "ого его", "datv": "ому ему", "accs": "ий ый ой ого",
                 "ablt": "им ым", "loct": "ом ем"},
        "femn": {"nomn": "ая яя", "gent": "ой ей", "datv": "ой ей", "accs": "ую юю",
                 "ablt": "ой ей ою ею", "loct": "ой ей"},
        "neut": {"nomn": "ое ее", "gent": "ого его", "datv": "ому ему", "accs": "ое ее",
                 "ablt": "им ым", "loct": "ом ем"},
        "plur": {"nomn": "ие ые", "gent": "их ых", "datv": "им ым", "accs": "ие ые их ых",
                 "ablt": "ими ыми", "loct": "их ых"},
    },
    "be": {
        # -ога, -ому where the ending is stressed (гарадскі: гарадскога, гарадскому; мінскі: мінскага)
        "masc": {"nomn": "і ы", "gent": "ага яга ога", "datv": "аму яму ому", "accs": "і ы ага ога",
                 "ablt": "ім ым", "loct": "ім ым"},
        # -ой where the ending is stressed, and where writers carry the Russian ending over
        # (Цвярской вобласці beside Цвярскай)
        "femn": {"nomn": "ая яя", "gent": "ай яй ой", "datv": "ай яй ой", "accs": "ую юю",
                 "ablt": "ай яй аю яю ой", "loct": "ай яй ой"},
        "neut": {"nomn": "ае яе", "gent": "ага яга ога", "datv": "аму яму ому", "accs": "ае яе",
                 "ablt": "ім ым", "loct": "ім ым"},
        "plur": {"nomn": "ія ыя", "gent": "іх ых", "datv": "ім ым", "accs": "ія ыя іх ых",
                 "ablt": "імі ымі", "loct": "іх ых"},
    },
    "uk": {
        "masc": {"nomn": "ий ій", "gent": "ого ього", "datv": "ому ьому", "accs": "ий ого",
                 "ablt": "им ім", "loct": "ому ім"},
        "femn": {"nomn": "а я", "gent": "ої ьої", "datv": "ій", "accs": "у ю",
                 "ablt": "ою ьою", "loct": "ій"},
        "neut": {"nomn": "е є", "gent": "ого", "datv": "ому", "accs": "е",
                 "ablt": "им", "loct": "ому ім"},
        "plur": {"nomn": "і", "gent": "их", "datv": "им", "accs": "і их",
                 "ablt": "ими", "loct": "их"},
    },
}
ADJ_NOMN = {
    "ru": (("ий", "masc"), ("ый", "masc"), ("ой", "masc"), ("ая", "femn"), ("яя", "femn"),
           ("ое", "neut"), ("ее", "neut"), ("ие", "plur"), ("ые", "plur")),
    "be": (("ая", "femn"), ("яя", "femn"), ("ае", "neut"), ("яе", "neut"), ("ія", "plur"),
           ("ыя", "plur"), ("і", "masc"), ("ы", "masc")),
    "uk": (("ий", "masc"), ("ій", "masc"), ("ська", "femn"), ("цька", "femn"), ("зька", "femn"),
           ("на", "femn"), ("ська", "femn"), ("ське", "neut"), ("цьке", "neut"), ("ні", "plur"),
           ("ські", "plur"), ("цькі", "plur")),
}
ADJ_SUFFIX = re.compile(r"(ск|цк|зк|ськ|цьк|зьк|ов|ев|ёв|ин|ын|ен|н|ўск|ьск)$")


def adjective_parts(word: str, lang: str) -> tuple[str, str] | None:
    """(stem, gender) when a name word looks like a place adjective (Брестская, Глыбоцкі)."""
    for ending, gender in ADJ_NOMN.get(lang, ()):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            if lang == "uk" and gender in ("femn", "neut", "plur"):
                stem = word[:-1]
            if lang == "be" and gender in ("masc", "plur") and not ADJ_SUFFIX.search(stem):
                return None  # Belarusian nouns also end in -ы/-і (Баранавічы) and -ія (Расія, Грузія)
            if lang == "ru" and ending in ("ие", "ые") and not ADJ_SUFFIX.search(stem):
                return None
            if lang == "ru" and ending == "ой" and not ADJ_SUFFIX.search(stem):
                return None
            return stem, gender
    return None


def adjective_forms(stem: str, lang: str, gender: str, case: str) -> set[str]:
    return {stem + ending for ending in ADJ_ENDINGS[lang][gender][case].split()}


BE_MUTATION = (("ст", "сц"), ("т", "ц"), ("д", "дз"), ("к", "ц"), ("г", "з"), ("х", "с"))


def noun_rule_forms(word: str, lang: str, plural: bool = False) -> dict[str, set[str]]:
    """Regular noun endings by the nominative's final letter; over-generates rather than misses."""
    forms: dict[str, set[str]] = {case: {word} for case in CASES}

    def add(case: str, *variants: str) -> None:
        forms[case].update(v for v in variants if v)

    last = word[-1]
    vowels = "аеёиоуыэюяіїєў'"
    if plural:
        stem = word[:-1]
        table = {"ru": (("gent", ("ей", "ов")), ("datv", ("ам",)), ("ablt", ("ами",)), ("loct", ("ах",))),
                 "be": (("gent", ("аў", "ей")), ("datv", ("ам",)), ("ablt", ("амі",)), ("loct", ("ах",))),
                 "uk": (("gent", ("ів", "ей")), ("datv", ("ам",)), ("ablt", ("ами",)), ("loct", ("ах",)))}
        for case, ends in table.get(lang, table["ru"]):
            add(case, *(stem + e for e in ends))
        if len(stem) >= 5:
            add("gent", stem)
        return forms
    if lang == "be":
        if last == "ў":
            stem = word[:-1] + "в"
            add("gent", stem + "а"), add("datv", stem + "у"), add("ablt", stem + "ам"), add("loct", stem + "е")
        elif last == "ь":
            stem = word[:-1]
            add("gent", stem + "я", stem + "і"), add("datv", stem + "ю", stem + "і")
            add("ablt", stem + "ем", stem + "ам", stem + "ю"), add("loct", stem + "і", stem + "ю")
        elif last == "а":
            stem = word[:-1]
            mutated = next((stem[: -len(a)] + b for a, b in BE_MUTATION if stem.endswith(a)), stem)
            add("gent", stem + "ы", stem + "і"), add("datv", stem + "е", mutated + "е", stem + "ы", stem + "і")
            add("accs", stem + "у"), add("ablt", stem + "ай", stem + "ой", stem + "аю", stem + "ою")
            add("loct", stem + "е", mutated + "е", stem + "ы", stem + "і")
        elif last == "я":
            stem = word[:-1]
            add("gent", stem + "і"), add("datv", stem + "і"), add("accs", stem + "ю")
            add("ablt", stem + "яй", stem + "ёй", stem + "яю"), add("loct", stem + "і")
        elif last not in vowels:
            mutated = next((word[: -len(a)] + b for a, b in BE_MUTATION if word.endswith(a)), word)
            # the genitive in -у of many inanimate nouns (Цэнтральнага батанічнага саду)
            add("gent", word + "а", word + "у"), add("datv", word + "у"), add("ablt", word + "ам", word + "ом")
            add("loct", word + "у", word + "е", mutated + "е")
        return forms
    if lang == "uk":
        if last == "ь":
            stem = word[:-1]
            add("gent", stem + "я", stem + "і"), add("datv", stem + "ю", stem + "еві", stem + "і")
            add("ablt", stem + "ем", stem + "ю"), add("loct", stem + "і", stem + "ю")
        elif last == "а":
            stem = word[:-1]
            add("gent", stem + "и", stem + "і"), add("datv", stem + "і"), add("accs", stem + "у")
            add("ablt", stem + "ою", stem + "ею"), add("loct", stem + "і")
        elif last == "я":
            stem = word[:-1]
            add("gent", stem + "ї", stem + "і"), add("datv", stem + "ї", stem + "і"), add("accs", stem + "ю")
            add("ablt", stem + "єю", stem + "ею"), add("loct", stem + "ї", stem + "і")
        elif last not in vowels:
            add("gent", word + "а", word + "у"), add("datv", word + "у", word + "ові")
            add("ablt", word + "ом", word + "ем"), add("loct", word + "і", word + "у", word + "ові")
        return forms
    # Russian
    if last == "ь":
        stem = word[:-1]
        add("gent", stem + "я", stem + "и"), add("datv", stem + "ю", stem + "и")
        add("ablt", stem + "ем", stem + "ью"), add("loct", stem + "е", stem + "и")
    elif last == "а":
        stem = word[:-1]
        add("gent", stem + ("и" if stem[-1:] in "кгхжшчщ" else "ы")), add("datv", stem + "е"), add("accs", stem + "у")
        add("ablt", stem + "ой", stem + "ою", stem + "ей"), add("loct", stem + "е")
    elif last == "я":
        stem = word[:-1]
        soft = stem + ("и" if stem.endswith("и") else "е")
        add("gent", stem + "и"), add("datv", soft), add("accs", stem + "ю")
        add("ablt", stem + "ей", stem + "ею"), add("loct", soft)
    elif last == "й":
        stem = word[:-1]
        add("gent", stem + "я"), add("datv", stem + "ю"), add("ablt", stem + "ем"), add("loct", stem + "е", stem + "и")
    elif word.endswith(("ово", "ево", "ино", "ыно")):
        stem = word[:-1]  # Бабаево: indeclinable in the press, declined in older usage
        add("gent", stem + "а"), add("datv", stem + "у"), add("ablt", stem + "ом"), add("loct", stem + "е")
    elif last not in vowels:
        add("gent", word + "а"), add("datv", word + "у"), add("ablt", word + "ом", word + "ем")
        add("loct", word + "е")
    return forms


@lru_cache(maxsize=1 << 15)
def _pymorphy_noun(word: str, lang: str, plural: bool) -> dict[str, set[str]] | None:
    """Case forms from pymorphy3 for a known noun whose nominative matches the word (memoised,
    like the other look-ups here that compiling repeats for every name sharing a word: callers
    must not change the result)."""
    morph = analyser(lang)
    for parse in morph.parse(word):
        tag = parse.tag
        if tag.POS != "NOUN" or "nomn" not in tag or not parse.is_known:
            continue
        if tag.grammemes & {"Surn", "Name", "Patr"}:
            continue  # a surname reading gives the wrong instrumental (Гусевым, not Гусевом)
        number = "plur" if plural or "plur" in tag.grammemes else "sing"
        forms: dict[str, set[str]] = {}
        for case in CASES:
            wanted = [{case, number}, {case}]
            if case == "loct":
                wanted.append({"loc2", number})
            forms[case] = set()
            for grammemes in wanted:
                try:
                    inflected = parse.inflect(grammemes)
                except ValueError:  # a grammeme this language's tag set lacks (uk has no loc2)
                    continue
                if inflected:
                    forms[case].add(inflected.word)
        return forms
    return None


def noun_forms(word: str, lang: str, plural: bool = False) -> dict[str, set[str]]:
    forms = noun_rule_forms(word, lang, plural)
    if lang in ("ru", "uk") and "-" not in word:
        known = _pymorphy_noun(word, lang, plural)
        if known:
            for case in CASES:
                forms[case] |= {fold(form) for form in known[case]}
    elif re.fullmatch(r"[^\W\d_]+-(на|над|на|у|під|пад)-[^\W\d_]+", word):
        # Ростов-на-Дону, Комсомольск-на-Амуре: the first part declines, the river stays
        head, _, rest = word.partition("-")
        head_forms = noun_forms(head, lang, plural)
        for case in CASES:
            forms[case] |= {f"{form}-{rest}" for form in head_forms[case]}
    elif "-" in word:  # Наро-Фоминск, Чадыр-Лунга: only the last part declines
        head, _, tail = word.rpartition("-")
        tail_forms = noun_forms(tail, lang, plural)
        for case in CASES:
            forms[case] |= {f"{head}-{form}" for form in tail_forms[case]}
    return forms


@lru_cache(maxsize=1 << 15)
def _gender(word: str, lang: str) -> str:
    if lang in ("ru", "uk"):
        for parse in analyser(lang).parse(word):
            if parse.tag.POS == "NOUN" and "nomn" in parse.tag:
                if {"plur", "Pltm"} <= parse.tag.grammemes:
                    return "plur"
                return str(parse.tag.gender or "masc")
    if word.endswith(("а", "я", "ць", "сць")):
        return "femn"
    if word.endswith(("о", "е", "ё")):
        return "neut"
    if lang == "be" and word.endswith(("ы", "і")):
        return "plur"
    return "masc"


# --- phrases ------------------------------------------------------------------------------------

FIXED_WORDS = {"имени", "імя", "імені", "им", "г", "города", "горада", "міста", "и", "і", "та", "й"}
HARD_AFTER = "кгх"  # stems after which Russian and Belarusian write -ий/-і, not -ый/-ы


def _pick(endings: str, stem: str, lang: str) -> set[str]:
    """Keep the hard or the soft spelling of an adjective ending that fits the stem."""
    options = endings.split()
    if len(options) == 1 or lang == "uk":
        return set(options)
    after_velar = stem[-1:] in HARD_AFTER or stem[-1:] in "жшчщ"
    chosen = set()
    for option in options:
        is_i = option[0] in "иі"
        if option[0] in "иіыы" and len(option) <= 3 and option[0] in "иіы":
            if is_i == after_velar:
                chosen.add(option)
        elif option in ("его", "ему", "ем", "ее", "яя", "юю", "ей", "ею", "яга", "яму", "яй", "яю", "яе"):
            continue  # soft adjectives (синий) do not name places
        else:
            chosen.add(option)
    return chosen or set(options)


def _rule_adjective(word: str, lang: str) -> tuple[str, str] | None:
    parts = adjective_parts(word, lang)
    return parts


def _morph_word(word: str, lang: str):
    """The pymorphy3 reading of a nominative name word: (POS, parse) or None."""
    if lang not in ("ru", "uk"):
        return None
    best = None
    for parse in analyser(lang).parse(word):
        tag = parse.tag
        if "nomn" not in tag or tag.POS not in ("NOUN", "ADJF", "PRTF"):
            continue
        if tag.POS == "NOUN" and tag.grammemes & {"Surn", "Name", "Patr"}:
            continue
        if best is None or ("Geox" in tag.grammemes and "Geox" not in best.tag.grammemes):
            best = parse
    return best


@lru_cache(maxsize=1 << 16)
def _adjective_case_forms(word: str, lang: str, gender: str, case: str) -> frozenset[str]:
    return frozenset(_adjective_case_forms_of(word, lang, gender, case))


def _adjective_case_forms_of(word: str, lang: str, gender: str, case: str) -> set[str]:
    parse = None
    if lang in ("ru", "uk"):
        parse = next((p for p in analyser(lang).parse(word)
                      if p.tag.POS in ("ADJF", "PRTF") and "nomn" in p.tag.grammemes), None)
    out: set[str] = set()
    if parse is not None and parse.tag.POS in ("ADJF", "PRTF"):
        grammemes = {case, "plur"} if gender == "plur" else {case, gender}
        if lang == "ru" and gender != "plur":
            grammemes.add("sing")
        inflected = parse.inflect(grammemes)
        if inflected:
            out.add(fold(inflected.word))
        if case == "ablt" and gender == "femn":
            try:
                alt = parse.inflect({"ablt", "sing", "femn", "V-oy"})
            except ValueError:  # the Ukrainian tag set has no -ою variant grammeme
                alt = None
            if alt:
                out.add(fold(alt.word))
        if case == "accs":
            out |= _adjective_case_forms(word, lang, gender, "nomn") if gender in ("masc", "plur", "neut") else set()
        if out and lang != "uk":
            return out
    # Ukrainian: pymorphy3 gives one locative (-ім) where news also writes -ому (на Світлогорському
    # заводі), so its forms are joined with the regular endings
    parts = adjective_parts(word, lang)
    if parts:
        stem, _ = parts
        cell = ADJ_ENDINGS[lang][gender][case]
        out |= {stem + ending for ending in _pick(cell, stem, lang)}
    return out or {word}


@lru_cache(maxsize=1 << 15)
def _is_adjective(word: str, lang: str) -> bool:
    if lang in ("ru", "uk"):
        parses = [p for p in analyser(lang).parse(word) if p.is_known and "nomn" in p.tag.grammemes]
        if parses:
            if any(p.tag.POS in ("ADJF", "PRTF") for p in parses):
                return True
            # a surname the dictionary knows is also the place adjective it comes from (Быховский,
            # Слуцкий район): read as a noun, "Быховского района" would never be found
            return all("Surn" in p.tag.grammemes for p in parses) and adjective_parts(word, lang) is not None
        parse = _morph_word(word, lang)
        if parse is not None and parse.is_known:
            return parse.tag.POS in ("ADJF", "PRTF")
        if parse is not None and parse.tag.POS in ("ADJF", "PRTF"):
            return True
    return adjective_parts(word, lang) is not None


def _is_plural_name(word: str, lang: str) -> bool:
    if word[-1:] not in "ыиі":
        return False  # Луга, Орша: a place in -а is singular even where a common noun is plural
    if lang in ("ru", "uk"):
        for parse in analyser(lang).parse(word):
            if parse.is_known and parse.tag.POS == "NOUN" and "nomn" in parse.tag:
                return "plur" in parse.tag.grammemes and "Fixd" not in parse.tag.grammemes
    endings = {"ru": ("чи", "ки", "цы", "ны", "ги", "хи", "ры", "ли"),
               "uk": ("чі", "ки", "ці", "ни", "ги", "хи"),
               "be": ("чы", "кі", "цы", "ны", "гі", "хі")}[lang] if lang in ("ru", "uk", "be") else ()
    return word.endswith(endings) and len(word) > 4


def phrase_forms(phrase: str, lang: str) -> set[str]:
    """Every case form of a name phrase, as keys (folded words joined by one space).

    The head is the first noun; adjectives before it agree with it, everything after it (a
    genitive modifier, a quoted name) stays as written. Quoted parts never decline.
    """
    marked = phrase.replace("«", " \x01 ").replace("»", " \x02 ")
    tokens = re.findall(r"\x01|\x02|[^\W_]+(?:['-][^\W_]+)*", fold(marked))
    plain: list[str] = []
    quoted: list[bool] = []
    inside = False
    for token in tokens:
        if token in ("\x01", "\x02"):
            inside = token == "\x01"
            continue
        plain.append(token)
        quoted.append(inside)
    if not plain:
        return set()
    base = " ".join(plain)
    if lang not in ADJ_ENDINGS:
        return {base}
    head = None
    adjectives: list[int] = []
    for index, word in enumerate(plain):
        if quoted[index] or word in FIXED_WORDS or not word.isalpha() and "-" not in word and "'" not in word:
            break
        if any("a" <= ch <= "z" for ch in word):
            break  # a Latin word inside a Cyrillic name (СП «Belarus»): written as is
        last = index + 1 == len(plain) or quoted[index + 1]
        if not last and _is_adjective(word, lang):
            adjectives.append(index)
            continue
        if len(word) <= 4 and phrase.split()[min(index, len(phrase.split()) - 1)].isupper():
            break  # an acronym (МАЗ, БГУ) does not decline in writing
        head = index
        break
    if head is None and not adjectives:
        return {base}
    results = {base}
    substantive = None  # a Belarusian adjective used as a noun after an agreeing one (Бранскі рабочы)
    if (head is not None and lang == "be" and adjectives and plain[head][-1:] in ("ы", "і")
            and (adjective_parts(plain[adjectives[-1]], lang) or ("", ""))[1] == "masc"):
        substantive = plain[head][:-1]
    if head is None:
        gender = "masc"
        head_cases = None
    elif substantive:
        gender = "masc"
        head_cases = {case: adjective_forms(substantive, lang, "masc", case) for case in CASES}
    elif _is_adjective(plain[head], lang) and adjective_parts(plain[head], lang):
        # the name is itself an adjective (Глубокое, Чадыр-Лунгский): decline it as one
        gender = adjective_parts(plain[head], lang)[1]
        adjectives.append(head)
        head_cases = None
    else:
        # an adjective in the plural before it says the head is plural too (Уральскія лакаматывы),
        # where no dictionary does
        plural = _is_plural_name(plain[head], lang) or bool(
            adjectives and (adjective_parts(plain[adjectives[-1]], lang) or ("", ""))[1] == "plur")
        gender = "plur" if plural else _gender(plain[head], lang)
        head_cases = noun_forms(plain[head], lang, plural)
    for case in CASES:
        variants = [[w] for w in plain]
        if head_cases is not None:
            variants[head] = sorted(head_cases[case])
        for index in adjectives:
            variants[index] = sorted(_adjective_case_forms(plain[index], lang, gender, case))
        results |= _combine(variants)
    return results


def _combine(variants: list[list[str]], limit: int = 200) -> set[str]:
    combos = [""]
    for options in variants:
        combos = [f"{prefix} {option}".strip() for prefix in combos for option in options][:limit]
    return set(combos)


# --- derived names ---------------------------------------------------------------------------------


def colloquial(adjective_stem: str, lang: str) -> set[str]:
    """The -щина/-шчына/-щина name of a territory from its adjective stem (брестск → Брестчина)."""
    stem = re.sub(r"(ск|цк|ськ|цьк|ўск)$", "", adjective_stem)
    if stem == adjective_stem or len(stem) < 3:
        return set()
    out: set[str] = set()
    if lang == "ru":
        if stem.endswith(("ст", "ж", "з", "с", "ш")):
            out |= {stem + "чина", stem + "щина"}
        elif stem.endswith(("к", "ц", "т")):
            out |= {stem[:-1] + "ччина", stem + "чина"}
        else:
            out.add(stem + "щина")
    elif lang == "be":
        if stem.endswith(("ст", "ж", "з", "с", "ш")):
            out |= {stem + "чына", stem + "шчына"}
        elif stem.endswith(("к", "ц", "т")):
            out |= {stem[:-1] + "ччына"}
        else:
            out.add(stem + "шчына")
    elif lang == "uk":
        if stem.endswith(("ст", "ж", "з", "с", "ш")):
            out |= {stem + "чина", stem + "щина"}
        elif stem.endswith(("к", "ц", "т")):
            out |= {stem[:-1] + "ччина"}
        else:
            out.add(stem + "щина")
    return out


def strip_legal_form(name: str) -> str | None:
    """«ОАО «МАЗ»» → «МАЗ»: the legal form is dropped in news text more often than not."""
    stripped = re.sub(r"^(ОАО|ЗАО|ООО|ОДО|СООО|ИООО|ЧУП|УП|РУП|ГП|РУПП|ПАО|АО|НАО|ГУП|МУП|ААТ|ЗАТ|ТАА|"
                      r"ВАТ|ПрАТ|ТОВ|ТОО|АТ|OJSC|JSC|LLC|CJSC|PJSC|JV|SA|SRL|S\.A\.|S\.R\.L\.|Ltd\.?)\s+",
                      "", name.strip())
    stripped = re.sub(r"\s*,?\s+(OJSC|JSC|LLC|Ltd\.?|SRL|S\.R\.L\.|SA|S\.A\.)$", "", stripped)
    return stripped if stripped != name.strip() else None


def split_parenthetical(name: str) -> list[str]:
    """«Minsk Tractor Works (MTZ)» → the name without the bracket and the bracket's content."""
    match = re.search(r"\s*\(([^()]+)\)\s*", name)
    if not match:
        return []
    return [(name[: match.start()] + " " + name[match.end():]).strip(), match.group(1).strip()]


def quoted_core(name: str) -> str | None:
    match = re.search(r"«([^«»]+)»", name)
    return match.group(1).strip() if match else None
