"""The eval command: figures on the dev set, and one-line errors for bad input."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.config import load_catalogue
from monitor.errors import InputError
from monitor.cli import main
from monitor.evaluate import evaluate, format_eval, read_labelled
from monitor.match import Matcher

ROOT = Path(__file__).resolve().parent.parent
# the maintainers' dev set, beside the checkout (../shared) or beside the folder of worktrees
DEV = next((p / "shared" / "eval" / "dev.jsonl" for p in ROOT.parents if (p / "shared" / "eval" / "dev.jsonl").exists()),
           ROOT.parent / "shared" / "eval" / "dev.jsonl")


@pytest.fixture(scope="module")
def dev_result(tmp_path_factory):
    if not DEV.exists():
        pytest.skip("the dev set is not available here")
    matcher = Matcher.compile(load_catalogue(ROOT / "config" / "catalogue"))
    return evaluate(matcher, read_labelled(DEV))


def test_dev_precision_target(dev_result):
    assert dev_result.overall.precision >= 0.97, format_eval(dev_result)


def test_dev_recall_and_language_targets(dev_result):
    assert dev_result.overall.recall >= 0.95, format_eval(dev_result)
    assert all(score.f1 >= 0.90 for score in dev_result.by_language.values()), format_eval(dev_result)


PROBE = ROOT / "tests" / "data" / "probe.jsonl"


def test_probe_figures(matcher):
    """The held-out probe (partnerships dev.jsonl never labels, other writing): the figures reached,
    less a margin, so a change that loses generality shows here."""
    result = evaluate(matcher, read_labelled(PROBE))
    assert result.overall.precision >= 0.975, format_eval(result)
    assert result.overall.recall >= 0.975, format_eval(result)
    assert all(score.f1 >= 0.95 for score in result.by_language.values()), format_eval(result)


REALNEWS = ROOT / "tests" / "data" / "realnews.jsonl"


def test_realnews_figures(matcher):
    """Items written after reading real regional news (lists of states and twins, routes, several
    signed pairs in one sentence, organisations by acronym and other-language names, everyday
    news): the figures reached, less a margin. First contact was P 0.623, R 0.817."""
    items = read_labelled(REALNEWS)
    result = evaluate(matcher, items)
    assert result.overall.precision >= 0.92, format_eval(result)
    assert result.overall.recall >= 0.86, format_eval(result)
    assert result.by_party["organisations"].f1 >= 0.85, format_eval(result)
    # everyday regional news (sport, roads, schools, weather) raises no partnership
    everyday = [item for item, raw in zip(items, _kinds(REALNEWS)) if raw == "negative"]
    assert len(everyday) >= 30
    assert not [item.article.id for item in everyday if matcher.match(item.article)]


FRESH = ROOT / "tests" / "data" / "fresh.jsonl"


def test_fresh_figures(matcher):
    """A second real-news probe, written after reading other outlets and measured once before any
    change to the matcher (first contact P 0.929, R 0.915; tests/data/fresh_first_contact.txt): the
    matcher was never tuned on it, so these floors (first contact less 0.03) catch a change that
    loses generality."""
    items = read_labelled(FRESH)
    result = evaluate(matcher, items)
    assert result.overall.precision >= 0.899, format_eval(result)
    assert result.overall.recall >= 0.885, format_eval(result)
    # everyday regional news raised no partnership at first contact
    everyday = [item for item, raw in zip(items, _kinds(FRESH)) if raw == "negative"]
    assert len(everyday) >= 25
    assert not [item.article.id for item in everyday if matcher.match(item.article)]


FRESH2 = ROOT / "tests" / "data" / "fresh2.jsonl"
FRESH3 = ROOT / "tests" / "data" / "fresh3.jsonl"
FRESH4 = ROOT / "tests" / "data" / "fresh4.jsonl"
FRESH5 = ROOT / "tests" / "data" / "fresh5.jsonl"
FRESH6 = ROOT / "tests" / "data" / "fresh6.jsonl"
FRESH7 = ROOT / "tests" / "data" / "fresh7.jsonl"


def test_third_probe_figures(matcher):
    """A third probe (169 items: partner-side outlets, district papers, agency wires, everyday news
    and the traps issue 14 lists), written without reading the matcher and measured once first
    (P 0.881, R 0.937; tests/data/fresh2_first_contact.txt): floors at first contact less 0.03."""
    items = read_labelled(FRESH2)
    result = evaluate(matcher, items)
    assert result.overall.precision >= 0.851, format_eval(result)
    assert result.overall.recall >= 0.907, format_eval(result)
    everyday = [item for item, raw in zip(items, _kinds(FRESH2)) if raw == "negative"]
    assert len(everyday) >= 50
    assert not [item.article.id for item in everyday if matcher.match(item.article)]


def test_fourth_probe_figures(matcher):
    """A fourth probe (190 items in four languages, written by another hand without reading the
    matcher, measured once first: P 0.935, R 0.915; tests/data/fresh3_first_contact.txt): floors
    at first contact less 0.03, and its 58 everyday items raise nothing."""
    items = read_labelled(FRESH3)
    result = evaluate(matcher, items)
    assert result.overall.precision >= 0.905, format_eval(result)
    assert result.overall.recall >= 0.885, format_eval(result)
    everyday = [item for item, raw in zip(items, _kinds(FRESH3)) if raw == "negative"]
    assert len(everyday) >= 50
    assert not [item.article.id for item in everyday if matcher.match(item.article)]


def test_fifth_probe_figures(matcher):
    """A fifth probe (217 items, a quarter Belarusian and a fifth each English and Ukrainian, 22
    positives naming a state, 104 everyday items; written without reading the matcher, measured
    once first: P 0.931, R 0.859; tests/data/fresh4_first_contact.txt): floors at first contact
    less 0.03, and its everyday items raise nothing (at first contact a hockey report did:
    минчане in Yekaterinburg, who "opened the score")."""
    items = read_labelled(FRESH4)
    result = evaluate(matcher, items)
    assert result.overall.precision >= 0.901, format_eval(result)
    assert result.overall.recall >= 0.829, format_eval(result)
    everyday = [item for item, raw in zip(items, _kinds(FRESH4)) if raw == "negative"]
    assert len(everyday) >= 100
    assert not [item.article.id for item in everyday if matcher.match(item.article)]


def test_sixth_probe_figures(matcher):
    """A sixth probe (238 items, 150 of them everyday regional news with partner places side by
    side; written without reading the matcher, measured once first: P 0.905, R 0.985, and 5 of the
    150 everyday items raised a partnership; tests/data/fresh5_first_contact.txt): floors at first
    contact less 0.03, and no more than the 2 everyday false alarms left after this session's fixes
    (a touring theatre, a cancelled internship)."""
    items = read_labelled(FRESH5)
    result = evaluate(matcher, items)
    assert result.overall.precision >= 0.875, format_eval(result)
    assert result.overall.recall >= 0.955, format_eval(result)
    everyday = [item for item, raw in zip(items, _kinds(FRESH5)) if raw == "negative"]
    assert len(everyday) >= 150
    assert len([item.article.id for item in everyday if matcher.match(item.article)]) <= 2


def test_seventh_probe_figures(matcher):
    """A seventh probe (214 items written as partner-side outlets write, 101 of them everyday news
    naming Belarusian places in passing; written without reading the matcher, measured once first:
    P 0.979, R 0.979, and 1 everyday item raised a partnership; tests/data/fresh6_first_contact.txt):
    floors at first contact less 0.03, and its everyday items raise nothing (the one at first
    contact, tourists from two states, is fixed)."""
    items = read_labelled(FRESH6)
    result = evaluate(matcher, items)
    assert result.overall.precision >= 0.949, format_eval(result)
    assert result.overall.recall >= 0.949, format_eval(result)
    everyday = [item for item, raw in zip(items, _kinds(FRESH6)) if raw == "negative"]
    assert len(everyday) >= 100
    assert not [item.article.id for item in everyday if matcher.match(item.article)]


def test_eighth_probe_figures(matcher):
    """An eighth probe (182 items, 92 everyday; written without reading the matcher at the end of
    the session that fixed the others, measured once first: P 0.985, R 0.941, and 1 everyday item
    raised a partnership; tests/data/fresh7_first_contact.txt): floors at first contact less 0.03,
    and its everyday items raise nothing (the one at first contact, a city's orchestra at a
    festival, is fixed)."""
    items = read_labelled(FRESH7)
    result = evaluate(matcher, items)
    assert result.overall.precision >= 0.955, format_eval(result)
    assert result.overall.recall >= 0.911, format_eval(result)
    everyday = [item for item, raw in zip(items, _kinds(FRESH7)) if raw == "negative"]
    assert len(everyday) >= 90
    assert not [item.article.id for item in everyday if matcher.match(item.article)]


def _kinds(path):
    import json

    return [json.loads(line)["kind"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_eval_scores_kinds_of_party_on_their_own(matcher):
    items = read_labelled(REALNEWS)
    result = evaluate(matcher, items)
    assert set(result.by_party) == {"organisations", "states", "territories"}
    assert "per kind of party:" in format_eval(result)


def test_malformed_line_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "title": "x", "labels": []}\n{not json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:2: not valid JSON"):
        read_labelled(path)


def test_missing_file_is_one_line_error(tmp_path):
    with pytest.raises(InputError, match="nope.jsonl"):
        read_labelled(tmp_path / "nope.jsonl")


def test_command_prints_figures(tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_text('{"id": "a", "lang": "en", "title": "Gomel and Kutaisi mark ten years of their partnership '
                    'agreement", "summary": "", "content": "", "labels": ["by-gomel--ge-kutaisi"]}\n',
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "--input", str(path), "--catalogue", str(ROOT / "config" / "catalogue")])
    assert result.exit_code == 0, result.output
    assert "overall" in result.output and "P 1.000" in result.output
