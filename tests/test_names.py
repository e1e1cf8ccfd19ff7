"""Name variants: the forms news text uses must be generated from the nominative."""

import pytest

from monitor.names import colloquial, fold, loose, phrase_forms


@pytest.mark.parametrize("name,lang,form", [
    ("Могилёвская область", "ru", "могилевской области"),
    ("Могилёвская область", "ru", "могилевскую область"),
    ("Наро-Фоминск", "ru", "наро-фоминском"),
    ("Гусев", "ru", "гусевом"),  # a town, not the surname (Гусевым)
    ("Великие Луки", "ru", "великих луках"),
    ("Магілёў", "be", "магілеве"),
    ("Брэст", "be", "брэсце"),
    ("Глыбоцкі раён", "be", "глыбоцкага раена"),
    ("Одеса", "uk", "одесі"),
    ("Минский тракторный завод", "ru", "минского тракторного завода"),
    ("Бранскі рабочы", "be", "бранскага рабочага"),  # an adjective used as a noun declines as one
    ("Быховский район", "ru", "быховского района"),  # the dictionary knows Быховский as a surname
    ("Слуцкий район", "ru", "слуцком районе"),
    ("Нев'янськ", "uk", "нев'янська"),  # an apostrophe inside a word does not stop declension
])
def test_inflected_forms(name, lang, form):
    assert form in phrase_forms(name, lang)


def test_neighbours_do_not_share_forms():
    assert not phrase_forms("Смоленск", "ru") & phrase_forms("Смолевичи", "ru")
    assert "минская область" not in phrase_forms("Минск", "ru")


def test_colloquial_names():
    assert "брестчина" in colloquial("брестск", "ru")
    assert "могилевщина" in colloquial("могилевск", "ru")


def test_fold_keeps_length_and_folds_spelling():
    text = "Могилёв «МАЗ» – Mahilioŭ"
    assert len(fold(text)) == len(text)
    assert fold(text) == "могилев  маз  - mahiliou"


def test_russian_second_locative_survives_the_ukrainian_dictionary():
    # pymorphy3 shares one grammeme table; loading Ukrainian must not cost Russian its "в саду"
    phrase_forms("Центральний ботанічний сад", "uk")
    assert "центральном ботаническом саду" in phrase_forms("Центральный ботанический сад", "ru")


def test_ukrainian_locative_in_both_spellings():
    forms = phrase_forms("Світлогорський завод зварювальних електродів", "uk")
    assert {"світлогорському заводі зварювальних електродів", "світлогорськім заводі зварювальних електродів"} <= forms


def test_town_on_a_river_declines_its_first_part():
    forms = phrase_forms("Ростов-на-Дону", "ru")
    assert {"ростове-на-дону", "ростова-на-дону"} <= forms


def test_loose_spelling_meets_across_languages():
    assert loose("сморгоншчына") == loose("смаргоншчына")
    assert loose("кологрыўскі") == loose("калагрыўскі")
    assert loose("смоленск") != loose("смолевичи")


@pytest.mark.parametrize("text", [
    "Минск и Гомель, 14 марта (БЕЛТА) – «Наро-Фоминск» подписал соглашение.",
    "Belarus' State Committee met Mar'ina's - delegation -- from 'Minsk' -'x'- a--b a-'b ''",
    "  - '  -x x- 'y y' ", "", "   ", "Mahilioŭ and Grodno\u2009region\n\n\nОрша-2",
    "a-b-c d'e'f -g- 'h' i-'j", "x--", "--", "'", "-",
])
def test_scan_words_are_the_word_regex_words(text):
    # the regex-free split the matcher uses must give the WORD regex's words and offsets, or
    # decline (None) where it could not
    from monitor.names import WORD, scan_bytes, scan_fold, scan_words, word_spans

    spans = [m.span() for m in WORD.finditer(scan_fold(text))]
    split = scan_words(scan_bytes(text)[1])
    if split is None:
        assert "--" in scan_fold(text) or "''" in scan_fold(text) or "-'" in scan_fold(text) or "'-" in scan_fold(text)
        return
    words, clean = split
    assert [w.decode("cp1251") for w in words] == [scan_fold(text)[s:e] for s, e in spans]
    assert word_spans(clean) == spans


def test_sentence_ends_are_found_where_a_stop_or_line_break_is():
    from monitor.match.vocabulary import SENTENCE_END

    text = "Профессор В. А. Белый прибыл в г. Минск. Затем — в Гомель!\n\nSt. Petersburg signed. «Цитата». 2024 год\nконец"
    ends = [m.end() for m in SENTENCE_END.finditer(text)]
    assert [text[e:e + 6] for e in ends] == ["Затем ", "St. Pe", "«Цитат", "2024 г", "конец"]


def test_a_belarusian_plural_name_declines_as_a_plural():
    # no Belarusian dictionary says лакаматывы is plural; the plural adjective before it does
    assert "уральскіх лакаматываў" in phrase_forms("Уральскія лакаматывы", "be")
