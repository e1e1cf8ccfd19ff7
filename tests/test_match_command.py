"""`monitor match`: the stable interface other tools read. No database is touched."""

from __future__ import annotations

import json

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
        import pytest

        pytest.skip("the maintainers' dev file is not beside this checkout")
    assert run_cli(["match", "--input", str(dev)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 240
