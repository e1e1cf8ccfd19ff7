"""Reports read wholly in their language: Russian, Belarusian, English.

What came from the feeds (headlines, outlet names, links) stays as published; everything else a
reader sees comes from the strings table, the vocabulary or the catalogue's names in that language.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from monitor import vocabulary
from monitor.cli import run_cli
from monitor.coverage import iso_week
from monitor.demo import DEMO_WEEK
from monitor.observed import Missed
from monitor.records import Agreement, CoverageReport, Outage, Partnership, PartnershipCoverage
from monitor.records import REPORT_LANGUAGES
from monitor.report import STRINGS, render

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
CYRILLIC = re.compile(r"[А-Яа-яЁёІіЎў]")
# Words that are the same in every language: formats, protocols, the time zone of missed spans.
SHARED = {"HTTP", "CSV", "JSON", "RSS", "Atom", "UTC"}
ONLY = {"ru": re.compile(r"[іўІЎ]"), "be": re.compile(r"[иИщЩъЪ]")}  # letters of the other language


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    output = tmp_path_factory.mktemp("demo")
    assert run_cli(["demo", "--output", str(output)]) == 0
    return output


def feed_strings(demo) -> list[str]:
    """What the feeds wrote: kept as published in every language's report."""
    db = sqlite3.connect(demo / "demo.db")
    titles = [row[0] for row in db.execute("SELECT title FROM articles")]
    feeds = (demo / "config" / "feeds.toml").read_text(encoding="utf-8")
    outlets = re.findall(r'^outlet = "(.*)"', feeds, re.M)
    return sorted(set(titles) | set(outlets), key=len, reverse=True)


def readers_text(text: str, feed_text: list[str], html: bool) -> str:
    if html:
        text = re.sub(r"<style.*?</style>", " ", text, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)
        text = text.replace("&quot;", '"').replace("&#34;", '"').replace("&amp;", "&").replace("&#39;", "'")
    for piece in feed_text:
        text = text.replace(piece, " ").replace(piece.replace("*", "\\*"), " ")
    text = re.sub(r"https?://\S+", " ", text)
    return re.sub(r"`[a-z0-9-]+`", " ", text)  # partnership ids


def foreign_words(text: str, lang: str) -> list[str]:
    if lang == "en":
        return sorted({m.group(0) for m in re.finditer(r"\S*[А-Яа-яЁёІіЎў]\S*", text)})
    found = {w for w in LATIN_WORD.findall(text) if w not in SHARED}
    found |= {m.group(0) for m in re.finditer(r"\S*" + ONLY[lang].pattern + r"\S*", text)}
    return sorted(found)


@pytest.mark.parametrize("lang", REPORT_LANGUAGES)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_demo_report_reads_wholly_in_its_language(demo, lang, fmt):
    name = f"report-{DEMO_WEEK}.{fmt}" if lang == "ru" else f"report-{DEMO_WEEK}.{lang}.{fmt}"
    text = (demo / name).read_text(encoding="utf-8")
    assert STRINGS[lang]["title"] in text
    assert foreign_words(readers_text(text, feed_strings(demo), fmt == "html"), lang) == []


def test_every_language_has_every_string():
    keys = STRINGS["ru"].keys()
    assert all(STRINGS[lang].keys() == keys for lang in REPORT_LANGUAGES)
    assert set(STRINGS) == set(REPORT_LANGUAGES)  # the command line offers exactly the languages written


def test_every_catalogue_topic_is_translated(catalogue):
    topics = {t for p in catalogue.partnerships.values() for a in p.agreements for t in a.topics}
    topics |= {t for p in catalogue.partnerships.values() for t in p.topics}
    untranslated = sorted(t for t in topics if not all(vocabulary.TOPICS.get(t, {}).get(lang) for lang in ("ru", "be")))
    assert untranslated == [], "add these topics to monitor/vocabulary.py TOPICS"
    types = {a.type for p in catalogue.partnerships.values() for a in p.agreements}
    statuses = {a.status for p in catalogue.partnerships.values() for a in p.agreements}
    assert types <= vocabulary.AGREEMENT_TYPES.keys() and statuses <= vocabulary.AGREEMENT_STATUSES.keys()


def test_every_signatory_names_a_catalogue_entity(catalogue):
    index = vocabulary.signatories_of(catalogue)
    unknown = sorted({s for p in catalogue.partnerships.values() for a in p.agreements for s in a.signatories
                      if index.entity(s) is None})
    assert unknown == []
    assert index.name("City of Gomel", "be") == catalogue.entities[index.entity("City of Gomel")].names["be"]
    assert index.name("Government of the Republic of Belarus", "ru") == "Беларусь"


def test_every_entity_has_a_belarusian_and_a_russian_name(catalogue):
    assert [e.id for e in catalogue.entities.values() if not (e.names.get("be") and e.names.get("ru"))] == []


def test_a_fetch_error_is_told_from_its_code_in_the_readers_language(catalogue):
    """The outage behind "not collected" is told in the report's language from the stored code,
    whatever English the fetcher wrote."""
    pid = next(iter(catalogue.partnerships))
    p = catalogue.partnerships[pid]
    error = "HTTP 503: the server is unavailable; trying again later"
    start = datetime(2026, 11, 16, 9, tzinfo=timezone.utc)
    missed = (Missed(start, start + timedelta(hours=30), "errors", error=error),
              Missed(start - timedelta(hours=6), start, "not_polled"))
    outage = Outage("grodno", "Гродненская правда", 36.0, error, missed, ((error, "unavailable:503"),))
    item = PartnershipCoverage(p, "not_collected", outages=(outage,), watching_feeds=("grodno",))
    report = CoverageReport(iso_week("2026-W47"), {}, (item,), 0, 1)
    texts = {lang: render(report, catalogue, "md", lang=lang) for lang in REPORT_LANGUAGES}
    assert "ошибки сервера (HTTP 503: сервер недоступен, повторим позже): 16.11 09:00–17.11 15:00 UTC, 30 ч" in texts["ru"]
    assert "монитор не опрашивал ленту: 16.11 03:00–09:00 UTC, 6 ч" in texts["ru"] and "unavailable" not in texts["ru"]
    assert "памылкі сервера (HTTP 503: сервер недаступны, паспрабуем пазней): 16.11 09:00–17.11 15:00 UTC, 30 г" in texts["be"]
    assert "HTTP 503: the server is unavailable" in texts["en"]
    # on the editors' clock the same spans read three hours later, and say which clock
    minsk = render(report, catalogue, "md", lang="ru", zone=ZoneInfo("Europe/Minsk"))
    assert "16.11 12:00–17.11 18:00 UTC+03, 30 ч" in minsk and "16.11 06:00–12:00 UTC+03, 6 ч" in minsk


def test_a_story_lead_names_signatories_and_topics_in_the_readers_language(catalogue):
    a = next(e for e in catalogue.entities.values() if e.id == "by-brest-oblast")
    b = catalogue.entities["ru-bryansk-oblast"]
    agreement = Agreement("action plan", "2017-06", "2017-2019", "signed", signatories=("Brest Oblast", "Bryansk Oblast"),
                          topics=("science", "space"))
    partnership = Partnership(f"{a.id}--{b.id}", a.id, b.id, "interregional", (agreement,), ("space",))
    report = CoverageReport(iso_week("2026-W47"), {}, (PartnershipCoverage(partnership, "gap", watching_feeds=("x",)),),
                            1, 0)
    be = render(report, catalogue, "md", lang="be")
    assert "Брэсцкая вобласць, Бранская вобласць" in be and "навука, космас" in be
    ru = render(report, catalogue, "md", lang="ru")
    assert "Брестская область, Брянская область" in ru and "наука, космос" in ru


def test_every_fetch_error_code_has_words_in_every_language():
    """A code the fetcher, the parser or the coverage can store is one the vocabulary tells."""
    from .conftest import ROOT

    source = "".join((ROOT / "monitor" / name).read_text(encoding="utf-8") for name in ("fetch.py", "errors.py", "coverage.py"))
    codes = set(re.findall(r'code="([a-z_]+)', source)) | set(re.findall(r"code=f\"\{?'?([a-z_]+)", source))
    codes |= set(re.findall(r"'(rate_limited|unavailable)'", source)) | {"not_feed", "not_polled", "http_error"}
    assert codes - vocabulary.FETCH_ERRORS.keys() == set()
    for code, words in vocabulary.FETCH_ERRORS.items():
        assert set(words) == {"ru", "be", "en"}, code
    assert vocabulary.fetch_error("server_error:502", "be") == "HTTP 502: памылка сервера"
    assert vocabulary.fetch_error(None, "ru") == "ошибка загрузки"
