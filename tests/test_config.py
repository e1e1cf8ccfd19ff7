"""Loading the configuration: what an admin sees when a file is right, and when it is wrong."""

from __future__ import annotations

import json
import shutil

import pytest

from monitor.cli import run_cli
from monitor.config import load_catalogue, load_config
from monitor.errors import ConfigError

from .conftest import ROOT, feed_table


def test_shipped_config_loads_and_keeps_catalogue_ids(catalogue):
    config = load_config(ROOT / "config")
    assert config.feeds and all(feed.region in catalogue.entities for feed in config.feeds)
    shared = ROOT.parent / "shared" / "catalogue" / "partnerships.jsonl"
    if shared.exists():
        ids = [json.loads(line)["id"] for line in shared.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert set(ids) <= set(catalogue.partnerships)
    assert "by-mogilev-oblast--ru-bryansk-oblast" in catalogue.partnerships


@pytest.mark.parametrize("table, expected", [
    (feed_table("a", "https://a.example/rss", intervall=5), ":15: feed 'a': unknown key 'intervall'"),
    (feed_table("a", "ftp://a.example/rss"), "is not an http(s) address"),
    (feed_table("a", "https://a.example/rss", region="by-atlantis"), "unknown region 'by-atlantis'"),
    (feed_table("a", "https://a.example/rss", language="de"), "language must be one of ru, be, uk, en"),
    (feed_table("a", "https://a.example/rss") + feed_table("a", "https://b.example/rss"), "duplicate feed id 'a'"),
    ('[[feeds]]\nid = "a"\n', "missing 'url'"),
    ('[[feeds]\n', "fix the TOML syntax"),
])
def test_bad_feed_lists_name_the_line_and_the_fix(config_dir, table, expected):
    (config_dir / "feeds.toml").write_text("# comment\n" * 14 + table, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(config_dir)
    assert any(expected in problem for problem in caught.value.problems), caught.value.problems
    assert all(str(config_dir / "feeds.toml") in problem for problem in caught.value.problems)


def test_every_problem_is_reported_at_once(config_dir):
    (config_dir / "feeds.toml").write_text(
        feed_table("a", "nope", region="by-nowhere") + feed_table("b", "https://b.example", colour="red"), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(config_dir)
    assert len(caught.value.problems) == 3


def test_unknown_setting_is_an_error_not_a_silent_default(config_dir):
    with (config_dir / "settings.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[extra]\nfoo = 1\n')
    with pytest.raises(ConfigError, match="unknown key 'extra'"):
        load_config(config_dir)


def _catalogue_copy(tmp_path):
    folder = tmp_path / "catalogue"
    shutil.copytree(ROOT / "config" / "catalogue", folder)
    return folder


def test_catalogue_errors_name_file_line_and_id(tmp_path):
    folder = _catalogue_copy(tmp_path)
    path = folder / "partnerships.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[0])
    broken["b"] = "ru-atlantis"
    lines.append(json.dumps(broken, ensure_ascii=False))  # also a duplicate id
    lines.append("{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_catalogue(folder)
    problems = caught.value.problems
    count = len(lines)
    assert any(f"partnerships.jsonl:{count - 1}: duplicate partnership id" in p for p in problems), problems
    assert any(f"partnerships.jsonl:{count}: not valid JSON" in p for p in problems), problems


def test_partnership_with_a_missing_side_is_refused(tmp_path):
    folder = _catalogue_copy(tmp_path)
    path = folder / "partnerships.jsonl"
    record = {"id": "by-minsk--xx-nowhere", "a": "by-minsk", "b": "xx-nowhere", "level": "municipal", "agreements": []}
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record) + "\n")
    with pytest.raises(ConfigError, match="unknown entity 'xx-nowhere' as side 'b'"):
        load_catalogue(folder)


def test_cli_prints_one_line_per_problem_without_traceback(config_dir, capsys):
    (config_dir / "feeds.toml").write_text(feed_table("a", "https://a.example/rss", region="by-atlantis"), encoding="utf-8")
    code = run_cli(["--config", str(config_dir), "--db", str(config_dir / "x.db"), "feeds", "list"])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert err.strip().startswith("error: ") and len(err.strip().splitlines()) == 1
    assert "unknown region 'by-atlantis'" in err


def test_catalogue_import_is_reproducible(tmp_path):
    from monitor.catalogue_import import import_catalogue

    source = ROOT / "config" / "catalogue"
    import_catalogue(source, tmp_path / "out")
    for name in ("entities.jsonl", "partnerships.jsonl", "media.jsonl"):
        assert (tmp_path / "out" / name).read_bytes() == (source / name).read_bytes()
