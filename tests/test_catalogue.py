"""The catalogue as admins keep it: edits through the real CLI, on a private copy of the catalogue."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from monitor import catalogue as C
from monitor.cli import main
from monitor.config import load_catalogue, load_config
from monitor.coverage import compute_coverage, iso_week, window_bounds
from monitor.records import Agreement, Feed, FetchLogRow

from .conftest import ROOT

PAIR = "by-mogilev-oblast--ru-bryansk-oblast"


@pytest.fixture(autouse=True)
def admin(monkeypatch):
    monkeypatch.setenv("USER", "anna")  # who the change log records


@pytest.fixture
def cfg(tmp_path):
    """A config folder with its own copy of the shipped catalogue, so edits never touch config/."""
    folder = tmp_path / "config"
    (folder / "catalogue").mkdir(parents=True)
    shutil.copy(ROOT / "config" / "settings.toml", folder / "settings.toml")
    (folder / "feeds.toml").write_text("", encoding="utf-8")
    for name in ("entities.jsonl", "partnerships.jsonl", "media.jsonl"):
        shutil.copy(ROOT / "config" / "catalogue" / name, folder / "catalogue" / name)
    return folder


def run(cfg, *args, input=None):
    result = CliRunner().invoke(main, ["--config", str(cfg), "--db", str(cfg.parent / "m.db"), "catalogue", *args],
                                input=input, env={"USER": "anna"})
    return result


def ok(cfg, *args, input=None):
    result = run(cfg, *args, input=input)
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result.output


def failure(cfg, *args, input=None):
    """A user's mistake: exit 1 and one `error:` line (run_cli prints MonitorError that way)."""
    from monitor.cli import run_cli

    code = run_cli(["--config", str(cfg), "--db", str(cfg.parent / "m.db"), "catalogue", *args])
    assert code == 1
    return code


def add_novozybkov(cfg):
    ok(cfg, "add-entity", "--kind", "city", "--country", "RU", "--name-en", "Novozybkov", "--name-ru", "Новозыбков",
       "--parent", "ru-bryansk-oblast", "--source", "https://example.org/a1")
    ok(cfg, "add-partnership", "by-mogilev", "ru-novozybkov", "--level", "municipal", "--type", "twinning",
       "--signed", "2025-05", "--source", "https://example.org/a1", "--why", "new twin town")


def test_an_added_partnership_is_listed_shown_and_loaded(cfg):
    add_novozybkov(cfg)
    assert "by-mogilev--ru-novozybkov\tmunicipal\tМогилёв — Новозыбков" in ok(cfg, "list")
    shown = ok(cfg, "show", "by-mogilev--ru-novozybkov")
    assert "twinning, signed, signed 2025-05" in shown
    assert "source: https://example.org/a1" in shown
    assert "no database yet" in shown
    loaded = load_config(cfg).catalogue
    assert loaded.partnerships["by-mogilev--ru-novozybkov"].agreements[0].source == "https://example.org/a1"
    assert loaded.entities["ru-novozybkov"].parent == "ru-bryansk-oblast"
    # the shipped files are untouched: the change lives in the log
    assert "novozybkov" not in (cfg / "catalogue" / "entities.jsonl").read_text(encoding="utf-8")
    log = ok(cfg, "log")
    assert "anna  add-partnership  by-mogilev--ru-novozybkov  why: new twin town" in log


def test_a_shipped_fact_shows_the_monograph_lines(cfg):
    assert "monograph lines 986, 991" in ok(cfg, "show", PAIR)


@pytest.mark.parametrize("args, message", [
    (["--signed", "2025-13"], "--signed: '2025-13' is not a date"),
    (["--signed", "2999"], "in the future"),
    (["--period", "2027-2025"], "--period: '2027-2025' is not a period"),
    (["--type", "friendship"], "--type: 'friendship' is not a known type"),
])
def test_bad_agreements_name_the_option_and_change_nothing(cfg, capsys, args, message):
    base = {"--type": "twinning", "--source": "https://example.org/x"}
    for option, value in zip(args[::2], args[1::2]):
        base[option] = value
    failure(cfg, "add-agreement", PAIR, *[x for pair in base.items() for x in pair])
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err
    assert not (cfg / "catalogue" / C.LOCAL_CHANGES).exists()


def test_a_new_fact_needs_a_source(cfg):
    result = run(cfg, "add-agreement", PAIR, "--type", "twinning")
    assert result.exit_code == 2 and "--source" in result.output


def test_duplicate_pairs_unknown_entities_and_taken_ids_are_refused(cfg, capsys):
    failure(cfg, "add-partnership", "by-mogilev-oblast", "ru-bryansk-oblast", "--level", "interregional",
            "--type", "twinning", "--source", "s")
    assert f"already partnership {PAIR}" in capsys.readouterr().err
    failure(cfg, "add-partnership", "ru-bryansk-oblast", "by-mogilev-oblast", "--level", "interregional",
            "--type", "twinning", "--source", "s")
    assert "Belarusian side" in capsys.readouterr().err
    failure(cfg, "add-partnership", "by-mogilev", "ru-nowhere", "--level", "municipal", "--type", "twinning",
            "--source", "s")
    assert "B: unknown entity 'ru-nowhere'" in capsys.readouterr().err
    failure(cfg, "add-entity", "--kind", "region", "--country", "RU", "--name-en", "Bryansk Oblast", "--source", "s")
    assert "'ru-bryansk-oblast' is taken by Брянская область" in capsys.readouterr().err


def test_new_ids_follow_the_existing_rule():
    assert C.entity_id_for("region", "RU", "Bryansk Oblast") == "ru-bryansk-oblast"
    assert C.entity_id_for("district", "BY", "Baranovichi District") == "by-baranovichi-district"
    assert C.entity_id_for("organization", "BY", "BelAZ") == "by-org-belaz"
    assert C.entity_id_for("city", "RU", "Новозыбков") == "ru-novozybkov"
    assert C.partnership_id_for("by-mogilev", "ru-kursk") == "by-mogilev--ru-kursk"


def test_a_retired_partnership_is_no_gap_and_its_id_stays_reserved(cfg):
    week = iso_week("2026-W47")
    start, end = window_bounds(week, "Europe/Minsk")
    feed = Feed(id="m", url="https://m.example/rss", outlet="M", country="BY", region="by-mogilev-oblast",
                language="ru")
    log = [FetchLogRow("m", start + timedelta(hours=h), True) for h in range(0, 24 * 7, 2)]

    def statuses():
        catalogue = load_config(cfg).catalogue
        report = compute_coverage(catalogue, [feed], week, "Europe/Minsk", {}, log, {}, {},
                                  now=end + timedelta(hours=1), tolerance_hours=6)
        return {item.partnership.id: item.status for item in report.partnerships}

    assert statuses()[PAIR] == "gap"
    ok(cfg, "retire", PAIR, "--why", "the agreement ended in 2024")
    assert PAIR not in statuses()
    assert load_config(cfg).catalogue.partnerships[PAIR].retired  # history kept
    assert "RETIRED" in ok(cfg, "show", PAIR)
    assert PAIR in ok(cfg, "list", "--retired")
    result = run(cfg, "add-partnership", "by-mogilev-oblast", "ru-bryansk-oblast", "--level", "interregional",
                 "--type", "twinning", "--source", "s")
    assert result.exit_code != 0
    ok(cfg, "edit", PAIR, "--set", "retired=no", "--why", "renewed")
    assert statuses()[PAIR] == "gap"


@pytest.mark.parametrize("text", ["могилев", "МОГИЛЁВ", "Магілёў", "mogilev", "Mahilyow"])
def test_search_finds_any_name_in_any_language(cfg, text):
    output = ok(cfg, "search", text)
    assert "entity       by-mogilev\t" in output
    assert "partnership  by-mogilev--" in output


def test_edits_add_aliases_and_change_agreements(cfg):
    ok(cfg, "edit", "ru-bryansk-oblast", "--add", "aliases_ru=Брянский край", "--why", "colloquial in news")
    ok(cfg, "edit", PAIR, "--agreement", "1", "--set", "status=in force", "--set", "period=2016-2026",
       "--why", "the forum's plan runs ten years", "--source", "https://example.org/plan")
    catalogue = load_config(cfg).catalogue
    assert "Брянский край" in catalogue.entities["ru-bryansk-oblast"].aliases["ru"]
    agreement = catalogue.partnerships[PAIR].agreements[0]
    assert (agreement.status, agreement.period, agreement.seed_lines) == ("in force", "2016-2026", (986, 991))
    assert "Брянский край" in ok(cfg, "search", "брянский КРАЙ")
    result = run(cfg, "edit", "ru-bryansk-oblast", "--set", "kind=city", "--why", "x")
    assert result.exit_code != 0


def test_local_changes_survive_an_upgrade_of_the_shipped_files(cfg):
    add_novozybkov(cfg)
    # an upgrade writes the shipped files anew; the maintainers have adopted the new city meanwhile
    folder = cfg / "catalogue"
    adopted = {"id": "ru-novozybkov", "kind": "city", "org_type": None, "country": "RU", "name_en": "Novozybkov",
               "name_ru": "Новозыбков", "name_be": "Навазыбкаў", "name_uk": None, "name_local": None,
               "parent": "ru-bryansk-oblast", "aliases_ru": [], "aliases_en": [], "aliases_be": [], "aliases_uk": []}
    shutil.copy(ROOT / "config" / "catalogue" / "entities.jsonl", folder / "entities.jsonl")
    with (folder / "entities.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(adopted, ensure_ascii=False) + "\n")
    catalogue = load_config(cfg).catalogue
    assert catalogue.entities["ru-novozybkov"].names["be"] == "Навазыбкаў"
    assert "by-mogilev--ru-novozybkov" in catalogue.partnerships


def test_a_broken_change_log_line_is_named(cfg):
    (cfg / "catalogue" / C.LOCAL_CHANGES).write_text("{not json\n", encoding="utf-8")
    with pytest.raises(Exception) as info:
        load_config(cfg)
    assert f"{C.LOCAL_CHANGES}:1" in str(info.value)


# --- export and import ---------------------------------------------------------------------------------


def test_csv_round_trip_keeps_cyrillic_and_changes_nothing(cfg, tmp_path):
    out = tmp_path / "partnerships.csv"
    ok(cfg, "export", "--format", "csv", "--output", str(out))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "Могилёвская область" in raw.decode("utf-8-sig")
    assert "No changes" in ok(cfg, "import", str(out))
    entities = tmp_path / "entities.csv"
    ok(cfg, "export", "--table", "entities", "--output", str(entities))
    assert "No changes" in ok(cfg, "import", str(entities))


def test_an_edited_spreadsheet_imports_after_confirmation(cfg, tmp_path):
    out = tmp_path / "entities.csv"
    ok(cfg, "export", "--table", "entities", "--output", str(out))
    text = out.read_text(encoding="utf-8-sig")  # an office suite that drops the BOM on save
    text = text.replace("Брянщина", "Брянщина | Брянский край", 1)
    text += "\r\n" + ",city,,RU,ru-bryansk-oblast,Novozybkov,Новозыбков,,,,,,,,,,https://example.org/a1\r\n"
    out.write_text(text, encoding="utf-8")
    declined = ok(cfg, "import", str(out), input="n\n")
    assert "+ entity ru-novozybkov (Новозыбков, city, RU)" in declined
    assert "aliases_ru + 'Брянский край'" in declined
    assert "Nothing imported" in declined
    assert "ru-novozybkov" not in load_config(cfg).catalogue.entities
    ok(cfg, "import", str(out), "--yes")
    catalogue = load_config(cfg).catalogue
    assert catalogue.entities["ru-novozybkov"].names["ru"] == "Новозыбков"
    assert "Брянский край" in catalogue.entities["ru-bryansk-oblast"].aliases["ru"]


def test_new_agreement_and_partnership_rows_import(cfg, tmp_path):
    add_novozybkov(cfg)
    out = tmp_path / "p.csv"
    ok(cfg, "export", "--output", str(out))
    text = out.read_text(encoding="utf-8-sig")
    text += (f"{PAIR},,,,,interregional,,,action plan,2025-06,2025-2027,signed,,trade,,https://example.org/plan,,\r\n"
             ",by-mogilev-oblast,ru-novozybkov,,,interregional,,,memorandum,2025,,signed,,,,https://example.org/m,,\r\n")
    out.write_text(text, encoding="utf-8-sig")
    output = ok(cfg, "import", str(out), "--yes")
    assert f"+ agreement {PAIR}: action plan 2025-06" in output
    assert "+ partnership by-mogilev-oblast--ru-novozybkov (interregional) with 1 agreement(s)" in output
    catalogue = load_config(cfg).catalogue
    assert catalogue.partnerships[PAIR].agreements[-1].period == "2025-2027"
    assert catalogue.partnerships["by-mogilev-oblast--ru-novozybkov"].agreements[0].source == "https://example.org/m"


def test_an_import_with_a_bad_row_names_row_and_column_and_changes_nothing(cfg, tmp_path, capsys):
    out = tmp_path / "p.csv"
    ok(cfg, "export", "--output", str(out))
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    lines.append(f"{PAIR},,,,,interregional,,,twinning,2025-13,,signed,,,,https://example.org/x,,")
    lines.append(f"{PAIR},,,,,interregional,,,twinning,2025,,signed,,,,,,")
    out.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    failure(cfg, "import", str(out), "--yes")
    err = capsys.readouterr().err
    bad_row = len(lines) - 1
    assert f"p.csv row {bad_row}, column signed: '2025-13' is not a date" in err
    assert f"p.csv row {bad_row + 1}, column source: every new fact needs a source" in err
    assert "nothing imported" in err
    assert not (cfg / "catalogue" / C.LOCAL_CHANGES).exists()


def test_an_unknown_column_is_named(cfg, tmp_path, capsys):
    out = tmp_path / "p.csv"
    out.write_text("partnership,a,b,colour\r\n", encoding="utf-8")
    failure(cfg, "import", str(out))
    assert "row 1, column 'colour': unknown column" in capsys.readouterr().err


def test_jsonl_export_imports_unchanged(cfg, tmp_path):
    out = tmp_path / "c.jsonl"
    ok(cfg, "export", "--format", "jsonl", "--output", str(out))
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["record"] == "entity" and first["name_ru"] == "Беларусь"
    assert "No changes" in ok(cfg, "import", str(out))


# --- periods -----------------------------------------------------------------------------------------


def plan(period=None, signed=None, status="signed"):
    return Agreement(type="action plan", signed=signed, period=period, status=status)


@pytest.mark.parametrize("agreement, day, expected", [
    (plan("2016-2018"), date(2016, 1, 1), True),
    (plan("2016-2018"), date(2018, 12, 31), True),
    (plan("2016-2018"), date(2019, 1, 1), False),
    (plan("2016-2018"), date(2015, 12, 31), False),
    (plan("2015"), date(2015, 6, 1), True),
    (plan("2015"), date(2016, 6, 1), False),
    (plan("2019–2021"), date(2020, 1, 1), True),
    (plan("2019-03..2021-06"), date(2021, 6, 30), True),
    (plan("2019-03..2021-06"), date(2021, 7, 1), False),
    (plan("2024.."), date(2030, 1, 1), True),
    (plan(None, "2017-11"), date(2017, 10, 31), False),
    (plan(None, "2017-11"), date(2017, 11, 1), True),
    (plan(None, None), date(2000, 1, 1), True),
    (plan("2016-2018", status="planned"), date(2017, 1, 1), False),
])
def test_in_force(agreement, day, expected):
    assert C.in_force(agreement, day) is expected


def test_expired_plans_are_story_leads():
    assert C.expired(plan("2016-2018"), date(2019, 1, 1))
    assert not C.expired(plan("2016-2018"), date(2018, 1, 1))
    assert not C.expired(plan(None, "2010"), date(2030, 1, 1))


def test_every_shipped_period_and_date_reads():
    catalogue = load_catalogue(ROOT / "config" / "catalogue")
    for partnership in catalogue.partnerships.values():
        for agreement in partnership.agreements:
            assert C.check_period(agreement.period) is None, (partnership.id, agreement.period)
            assert C.check_signed(agreement.signed, agreement.status, None) is None, (partnership.id, agreement.signed)


# --- names ------------------------------------------------------------------------------------------


def test_names_shows_the_matchers_forms(cfg):
    pytest.importorskip("monitor.match")
    output = ok(cfg, "names", "by-mogilev")
    assert output.startswith("by-mogilev: Могилёв:")
    assert "  могилеве\n" in output  # an inflected form, folded as the matcher compares


# --- the database: coverage so far, and candidates from the news ------------------------------------


def stored_articles(cfg, *items):
    """Articles in a real SQLite file as a poll would leave them: (title, url, matched partnership or None)."""
    from datetime import datetime, timezone

    from monitor.records import Entry, Match
    from monitor.store import Store

    store = Store(cfg.parent / "m.db")
    at = datetime(2026, 11, 20, 9, tzinfo=timezone.utc)
    entries = [(Entry(guid=url, url=url, title=title, summary="", content="", published=at), None, "ru",
                (Match(partnership_id=pid, score=0.9),) if pid else ()) for title, url, pid in items]
    store.record_poll("m", "https://m.example/rss", at, ok=True, entries=entries)
    store.close()


def test_show_gives_the_coverage_so_far(cfg):
    stored_articles(cfg, ("Могилёвщина и Брянщина подписали план", "https://m.example/1", PAIR))
    shown = ok(cfg, "show", PAIR)
    assert "coverage: 1 stories, 2026-11-20 … 2026-11-20" in shown
    assert "Могилёвщина и Брянщина подписали план  https://m.example/1" in shown


def test_candidates_are_accepted_merged_or_rejected(cfg):
    stored_articles(cfg, ("Могилёв и Новозыбков подписали соглашение о побратимстве", "https://m.example/2", None),
                    ("Могилёв и Клинцы подписали меморандум о сотрудничестве", "https://m.example/3", None),
                    ("Могилёв и Нарофоминск подписали план мероприятий", "https://m.example/4", None))
    listed = ok(cfg, "candidates")
    keys = {name: C.candidate_key("by-mogilev", name) for name in ("Новозыбков", "Клинцы", "Нарофоминск")}
    assert all(key in listed for key in keys.values()), listed

    ok(cfg, "accept", keys["Новозыбков"], "--kind", "city", "--country", "RU", "--name-en", "Novozybkov")
    ok(cfg, "reject", keys["Клинцы"], "--why", "a football match, not a partnership")
    ok(cfg, "merge", keys["Нарофоминск"], "ru-naro-fominsk")  # a spelling the catalogue lacks

    catalogue = load_config(cfg).catalogue
    accepted = catalogue.partnerships["by-mogilev--ru-novozybkov"]
    assert accepted.level == "municipal" and accepted.agreements[0].source == "https://m.example/2"
    assert "Нарофоминск" in catalogue.entities["ru-naro-fominsk"].aliases["ru"]
    assert catalogue.partnerships["by-mogilev--ru-naro-fominsk"].agreements[0].source == "https://m.example/4"
    # reviewed candidates, whatever the decision, are not proposed again
    assert ok(cfg, "candidates") == "No open candidates.\n"
    assert "football" in ok(cfg, "log")


def test_candidates_read_each_stored_article_once_and_a_rewritten_one_again(cfg):
    from monitor.app import Monitor

    stored_articles(cfg, ("Могилёв и Новозыбков подписали соглашение о побратимстве", "https://m.example/2", None),
                    ("Погода в Могилёве", "https://m.example/5", None))
    monitor = Monitor(load_config(cfg), cfg.parent / "m.db")
    heard = []

    def candidates():
        heard.clear()
        return [(s.partner, s.count) for s in monitor.candidates(on_progress=lambda *done: heard.append(done))]

    assert candidates() == [("Новозыбков", 1)] and heard == [(2, 2)]
    assert candidates() == [("Новозыбков", 1)] and heard == []  # nothing new: nothing read
    stored_articles(cfg, ("Могилёв и Клинцы подписали меморандум о сотрудничестве", "https://m.example/3", None),
                    ("Новозыбков и Могилёв: соглашение о побратимстве продлено", "https://m.example/6", None))
    assert candidates() == [("Новозыбков", 2), ("Клинцы", 1)] and heard == [(2, 2)]
    # a story rewritten at a later poll is read again: its old sighting goes
    stored_articles(cfg, ("Могилёв и Новозыбков провели турнир по футболу", "https://m.example/2", None))
    assert candidates() == [("Клинцы", 1), ("Новозыбков", 1)] and heard == [(1, 1)]


def test_a_candidate_that_is_not_open_is_one_clear_line(cfg, capsys):
    stored_articles(cfg, ("Погода в Могилёве", "https://m.example/5", None))
    failure(cfg, "reject", "c-00000000", "--why", "x")
    assert "no open candidate 'c-00000000'" in capsys.readouterr().err


def test_an_edit_survives_an_upgrade_that_corrects_the_shipped_agreement(cfg):
    ok(cfg, "edit", PAIR, "--agreement", "1", "--set", "status=in force", "--why", "still running")
    path = cfg / "catalogue" / "partnerships.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for record in records:
        if record["id"] == PAIR:
            record["agreements"][0]["signed"] = "2016-08-05"  # the maintainers found the exact day
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    agreement = load_config(cfg).catalogue.partnerships[PAIR].agreements[0]
    assert (agreement.signed, agreement.status) == ("2016-08-05", "in force")


def test_a_spreadsheet_can_retire_and_relevel(cfg, tmp_path):
    out = tmp_path / "p.csv"
    ok(cfg, "export", "--output", str(out))
    rows = out.read_text(encoding="utf-8-sig").splitlines()
    header = rows[0].split(",")
    retired, level = header.index("retired"), header.index("level")
    edited = [rows[0]]
    for row in rows[1:]:
        if row.startswith(PAIR + ","):
            cells = row.split(",")  # this pair's first cells hold no quoted commas
            cells[retired], cells[level] = "yes", "other"
            row = ",".join(cells)
        edited.append(row)
    out.write_text("\r\n".join(edited) + "\r\n", encoding="utf-8-sig")
    output = ok(cfg, "import", str(out), "--yes")
    assert f"- retire partnership {PAIR}" in output and "level 'interregional' → 'other'" in output
    partnership = load_config(cfg).catalogue.partnerships[PAIR]
    assert partnership.retired and partnership.level == "other"


def test_an_alias_an_admin_adds_is_matched_by_monitor_match(cfg, tmp_path, capsys):
    """The matcher reads the catalogue with local changes, so a missing alias can be mended."""
    from monitor.cli import run_cli

    article = {"id": "x", "lang": "ru",
               "title": "Могилёвская область и Шамбала-край подписали соглашение о сотрудничестве",
               "content": "Губернатор края и председатель Могилёвского облисполкома подписали соглашение о торговле."}
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(article, ensure_ascii=False) + "\n", encoding="utf-8")
    args = ["--config", str(cfg), "match", "--input", str(source)]
    assert run_cli(args) == 0
    assert json.loads(capsys.readouterr().out)["partnerships"] == []
    ok(cfg, "edit", "ru-bryansk-oblast", "--add", "aliases_ru=Шамбала-край", "--source", "test", "--why", "test alias")
    assert run_cli(args) == 0
    assert json.loads(capsys.readouterr().out)["partnerships"] == ["by-mogilev-oblast--ru-bryansk-oblast"]


FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+2", "-3", "@SUM(A1)", "'quoted"]


def test_export_writes_formula_cells_as_text_and_imports_them_back_unchanged(cfg, tmp_path):
    ok(cfg, "edit", "ru-bryansk-oblast", *[f"--add=aliases_en={value}" for value in FORMULAS[1:]],
       "--set", f"ambiguity_note={FORMULAS[0]}", "--why", "a test of cells a spreadsheet would run")
    out = tmp_path / "entities.csv"
    ok(cfg, "export", "--table", "entities", "--output", str(out))
    import csv

    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    row = next(r for r in rows if r["id"] == "ru-bryansk-oblast")
    assert row["ambiguity_note"] == "'" + FORMULAS[0]
    assert not [cell for r in rows for cell in r.values() if cell and cell[0] in "=+-@\t\r"]
    assert "No changes" in ok(cfg, "import", str(out))
    # an admin types a new alias starting with "=" in the sheet; the sheet saves it protected
    row["ambiguity_note"] = "'=2+2"
    with out.open("w", encoding="utf-8", newline="") as sheet:
        writer = csv.DictWriter(sheet, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    ok(cfg, "import", str(out), "--yes")
    entity = load_config(cfg).catalogue.entities["ru-bryansk-oblast"]
    assert entity.ambiguity_note == "=2+2"
    assert set(FORMULAS[1:]) <= set(entity.aliases["en"])


# --- a long change log: replayed once into a snapshot, then only what came after --------------------


def _towns(path, first: int, count: int) -> None:
    import csv

    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=C.ENTITY_COLUMNS)
        writer.writeheader()
        for n in range(first, first + count):
            writer.writerow({"kind": "city", "country": "RU", "parent": "ru-bryansk-oblast", "name_en": f"Testtown {n}",
                             "name_ru": f"Тестгород {n}", "source": f"https://example.org/towns/{n}"})


def _full_replay(folder):
    from monitor.catalogue.changes import read_changes, replay

    return replay(load_catalogue(folder), read_changes(folder / C.LOCAL_CHANGES), folder / C.LOCAL_CHANGES)


def test_a_long_change_log_loads_from_its_snapshot_and_what_came_after(cfg, tmp_path):
    from monitor.catalogue.changes import SNAPSHOT, SNAPSHOT_AFTER

    folder = cfg / "catalogue"
    rows = tmp_path / "towns.csv"
    _towns(rows, 0, SNAPSHOT_AFTER + 50)
    ok(cfg, "import", str(rows), "--yes")
    assert (folder / SNAPSHOT).exists()
    log = (folder / C.LOCAL_CHANGES).read_bytes()
    add_novozybkov(cfg)  # two changes after the snapshot
    loaded = load_config(cfg).catalogue
    assert loaded == _full_replay(folder)
    assert "ru-testtown-249" in loaded.entities and "by-mogilev--ru-novozybkov" in loaded.partnerships

    # an upgrade changes the shipped files: the snapshot no longer applies and the log is replayed
    entities = folder / "entities.jsonl"
    entities.write_text(entities.read_text(encoding="utf-8").replace('"Брянская область"', '"Брянская обл."', 1),
                        encoding="utf-8")
    upgraded = load_config(cfg).catalogue
    assert upgraded.entities["ru-bryansk-oblast"].names["ru"] == "Брянская обл." and upgraded == _full_replay(folder)

    # the log restored from a backup made before the last two changes: they are gone again
    (folder / C.LOCAL_CHANGES).write_bytes(log)
    restored = load_config(cfg).catalogue
    assert "by-mogilev--ru-novozybkov" not in restored.partnerships and "ru-novozybkov" not in restored.entities
    assert restored == _full_replay(folder)


def test_a_damaged_snapshot_is_ignored(cfg, tmp_path):
    from monitor.catalogue.changes import SNAPSHOT, SNAPSHOT_AFTER

    rows = tmp_path / "towns.csv"
    _towns(rows, 0, SNAPSHOT_AFTER)
    ok(cfg, "import", str(rows), "--yes")
    (cfg / "catalogue" / SNAPSHOT).write_text('{"version": 1, "shipped": ', encoding="utf-8")
    assert load_config(cfg).catalogue == _full_replay(cfg / "catalogue")


def test_two_admins_editing_at_once_each_checks_against_the_others_change(cfg):
    from monitor.errors import InputError

    first, second = C.CatalogueEditor(cfg / "catalogue"), C.CatalogueEditor(cfg / "catalogue")  # both open

    def town(editor, source):
        return editor.change("add-entity", "ru-twintown", {"id": "ru-twintown", "kind": "city", "country": "RU",
                                                           "name_en": "Twintown", "parent": "ru-bryansk-oblast"},
                             by="anna", source=source)

    first.record([town(first, "https://example.org/a")])
    with pytest.raises(InputError, match="'ru-twintown' is taken"):
        second.record([town(second, "https://example.org/b")])
    second.record([second.change("edit", "ru-twintown", {"add": {"aliases_ru": ["Твинтаун"]}}, by="boris",
                                 why="the local name")])  # sees the first admin's town
    log = (cfg / "catalogue" / C.LOCAL_CHANGES).read_text(encoding="utf-8")
    assert log.count('"op": "add-entity"') == 1
    assert load_config(cfg).catalogue.entities["ru-twintown"].aliases["ru"] == ("Твинтаун",)
