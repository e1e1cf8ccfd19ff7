"""`monitor match`: the stable interface other tools read. No database is touched."""

from __future__ import annotations

import json

import pytest

from monitor.cli import run_cli

from .conftest import ROOT

ARTICLES = [
    {"id": "a1", "lang": "ru", "title": "Могилёвская область и Брянская область подписали план мероприятий",
     "summary": "", "content": "Губернатор Брянской области посетил Могилёв."},
    {"id": "a2", "lang": "en", "title": "Weather: snow in Mogilev and Bryansk"},
    {"id": 3, "title": "Гомель и Кутаиси отметили десятилетие побратимства", "content": "Делегация Кутаиси прибыла в Гомель."},
]


def test_one_json_line_per_article_in_input_order_with_evidence(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES) + "\n\n", encoding="utf-8")
    assert run_cli(["--db", str(tmp_path / "never.db"), "match", "--input", str(source)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["id"] for line in lines] == ["a1", "a2", "3"]
    assert [line["partnerships"] for line in lines] == [
        ["by-mogilev-oblast--ru-bryansk-oblast"], [], ["by-gomel--ge-kutaisi"]]
    evidence = lines[0]["evidence"][0]
    text = ARTICLES[0]["title"] + "\n\n" + ARTICLES[0]["summary"] + "\n\n" + ARTICLES[0]["content"]
    for mention in evidence["mentions"]:
        assert text[mention["start"]:mention["end"]] == mention["text"]
    assert {m["entity"] for m in evidence["mentions"]} == {"by-mogilev-oblast", "ru-bryansk-oblast"}
    assert not (tmp_path / "never.db").exists()


def test_an_article_without_a_title_is_named_by_line(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "ok", "title": "x"}\n{"id": "bad"}\n', encoding="utf-8")
    assert run_cli(["match", "--input", str(source)]) == 1
    assert f"{source}:2: an article needs" in capsys.readouterr().err


def test_the_dev_file_runs(capsys):
    dev = ROOT.parent / "shared" / "eval" / "dev.jsonl"
    if not dev.exists():
        pytest.skip("the maintainers' dev file is not beside this checkout")
    assert run_cli(["match", "--input", str(dev)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 240


def _monitor_match(source, *options):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "monitor", "--config", str(ROOT / "config"), "match", "--input",
                           str(source), *options], cwd=ROOT, capture_output=True, text=True, timeout=300)


def _many(count: int) -> list[dict]:
    """`count` articles, each of ARTICLES again under a new id, so the order of the output shows."""
    return [dict(ARTICLES[i % len(ARTICLES)], id=f"n{i}") for i in range(count)]


def test_a_long_file_matched_on_two_cores_says_what_one_core_says_in_input_order(tmp_path):
    from monitor.match.many import PARALLEL_FROM

    articles = _many(PARALLEL_FROM + 100)
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in articles) + "\n", encoding="utf-8")
    one, two = _monitor_match(source, "--jobs", "1"), _monitor_match(source, "--jobs", "2")
    assert one.returncode == two.returncode == 0, (one.stderr, two.stderr)
    assert two.stdout == one.stdout
    lines = [json.loads(line) for line in two.stdout.splitlines()]
    assert [line["id"] for line in lines] == [a["id"] for a in articles]
    assert lines[3]["partnerships"] == ["by-mogilev-oblast--ru-bryansk-oblast"]
    assert lines[5]["partnerships"] == ["by-gomel--ge-kutaisi"]


@pytest.mark.parametrize("where", ["early", "deep"])
def test_a_bad_line_in_a_long_file_comes_after_every_article_before_it(tmp_path, where):
    from monitor.match.many import PARALLEL_FROM

    articles = _many(PARALLEL_FROM + 100)
    bad = 9 if where == "early" else PARALLEL_FROM + 37  # 0-based: the file's line bad + 1
    lines = [json.dumps(a, ensure_ascii=False) for a in articles]
    lines[bad] = '{"id": "no title"}'
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _monitor_match(source, "--jobs", "2")
    assert result.returncode == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [a["id"] for a in articles[:bad]]
    assert result.stderr.strip().splitlines() == [
        f'error: {source}:{bad + 1}: an article needs at least "id" and a "title" text']


def test_matching_never_loads_the_morphological_analyser(matcher):
    # the analyser costs 35 MB and a third of a second; matching answers from word lists and the
    # compiled names (the `matcher` fixture has written the cache this process reads)
    import subprocess
    import sys

    code = """
from pathlib import Path
from monitor import names
from monitor.config import load_catalogue
from monitor.match import Matcher
from monitor.records import ArticleText
matcher = Matcher.compile(load_catalogue(Path("config/catalogue")))
texts = [("В Тбилиси прошло заседание межправкомиссии", "По итогам решено провести в Минске бизнес-форум."),
         ("В Гомеле прошла ярмарка", "Делегация побывала у Брянска с ответным визитом."),
         ("Костромская область подписала соглашение", "В ходе визита в Беларусь подписан план с Брестским облисполкомом."),
         ("Делегацию Бобруйска возглавил Владимир Лесник", "Гости посетили Владимир.")]
for number, (title, content) in enumerate(texts):
    matcher.match(ArticleText(id=str(number), title=title, content=content))
print(names._analysers.cache_info().currsize)
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0"
