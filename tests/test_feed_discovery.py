"""Finding a site's feeds: `feeds add SITE`, `feeds check` of a moved feed, `feeds check --all`."""

from __future__ import annotations

import json
import tomllib

import pytest


from .conftest import FEEDS, feed_table

HOME = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Гомельская правда</title>
<link rel="alternate" type="application/rss+xml" title="Новости" href="/feed/">
<link rel="alternate" type="application/rss+xml" title="Комментарии" href="/comments/feed/">
</head><body><nav><a href="/">Главная</a></nav><p>Новости области</p></body></html>"""


def gomel_site(server):
    """A site whose home page links its news feed; an older feed answers at a usual address too."""
    server.route("/", HOME, headers={"Content-Type": "text/html; charset=utf-8"})
    server.route("/feed/", (FEEDS / "yandex-fulltext.xml").read_bytes().replace(b"SITE", server.base.encode()))
    old = (FEEDS / "mogilev.xml").read_bytes()
    server.route("/rss.xml", old)
    return server.base + "/"


def feeds_of(config_dir):
    return tomllib.loads((config_dir / "feeds.toml").read_text(encoding="utf-8")).get("feeds", [])


def test_add_a_site_lists_its_feeds_and_adds_the_best_with_yes(cli, config_dir, server):
    site = gomel_site(server)
    code, out, err = cli("feeds", "add", site, "--id", "gomel-gp", "--outlet", "Гомельская правда", "--country", "BY",
                         "--region", "by-gomel-oblast", "--language", "ru", "--yes")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"{site} is not a feed; feeds found on the site, best first:"
    assert lines[1] == f"  1. {server.base}/feed/ (4 entries, newest 2026-11-19 06:40 UTC; linked from the site)"
    assert lines[2].startswith(f"  2. {server.base}/rss.xml (2 entries, newest 2026-11-")
    assert lines[2].endswith("; a usual feed address)")
    assert len([line for line in lines if line.startswith("  ")]) == 2  # the comments feed is not offered
    assert f"added gomel-gp: {server.base}/feed/" in out
    assert [(f["id"], f["url"]) for f in feeds_of(config_dir)] == [("gomel-gp", f"{server.base}/feed/")]


def test_add_a_site_without_yes_and_no_terminal_asks_to_choose(cli, config_dir, server):
    site = gomel_site(server)
    code, out, err = cli("feeds", "add", site, "--outlet", "X", "--country", "BY", "--region", "by-gomel-oblast",
                         "--language", "ru")
    assert code != 0
    assert "1. " in out and "--yes" in err
    assert feeds_of(config_dir) == []


def test_check_of_a_moved_feed_names_the_working_address_and_set_url_switches(cli, config_dir, server):
    gomel_site(server)
    (config_dir / "feeds.toml").write_text("# Gomel\n" + feed_table("gomel-gp", server.url("/rss/old.xml"),
                                                                    region="by-gomel-oblast"), encoding="utf-8")
    code, out, err = cli("feeds", "check", "gomel-gp")
    assert code == 1
    line = err.strip()
    assert "HTTP 404" in line and f"the site's feed is at {server.base}/feed/ (4 entries" in line
    assert line.endswith(f"monitor feeds set-url gomel-gp {server.base}/feed/")
    code, out, err = cli("feeds", "set-url", "gomel-gp", f"{server.base}/feed/")
    assert code == 0, err
    assert (config_dir / "feeds.toml").read_text(encoding="utf-8").startswith("# Gomel\n")
    code, out, err = cli("feeds", "check", "gomel-gp")
    assert code == 0 and "a feed with 4 entries" in out


def test_check_all_says_works_moved_or_fails_and_marks_the_working_ones(cli, config_dir, server, tmp_path):
    gomel_site(server)
    works = server.route("/mogilev.xml", (FEEDS / "mogilev.xml").read_bytes())
    (config_dir / "feeds.toml").write_text(
        feed_table("works", works, tags=["oblast", "unchecked"])
        + feed_table("moved", server.url("/rss/gone.xml"), tags=["unchecked"])
        + feed_table("fails", "http://127.0.0.1:9/rss", tags=["unchecked"]), encoding="utf-8")
    report = tmp_path / "checked.jsonl"
    code, out, err = cli("feeds", "check", "--all", "--output", str(report), "--mark-checked")
    assert code == 0, err
    assert "3 feeds: 1 work, 1 moved, 1 fail" in out
    found = {row["id"]: row for row in map(json.loads, report.read_text(encoding="utf-8").splitlines())}
    assert found["works"]["verdict"] == "works" and found["works"]["entries"] == 2
    assert found["moved"]["verdict"] == "moved" and found["moved"]["new_url"] == f"{server.base}/feed/"
    assert found["moved"]["command"] == f"monitor feeds set-url moved {server.base}/feed/"
    assert found["fails"]["verdict"] == "fails" and "unreachable" in found["fails"]["detail"]
    tags = {f["id"]: f.get("tags") for f in feeds_of(config_dir)}
    assert tags == {"works": ["oblast"], "moved": ["unchecked"], "fails": ["unchecked"]}
    for bad in (tmp_path, tmp_path / "missing" / "x.jsonl"):  # a folder, a folder that is not there
        code, out, err = cli("feeds", "check", "--all", "--output", str(bad))
        assert code == 1 and len(err.strip().splitlines()) == 1 and str(bad) in err


def test_the_shipped_list_holds_the_evidence_backed_sources(catalogue):
    from monitor.config import load_feeds
    from monitor.feeds_admin import _split

    from .conftest import ROOT

    path = ROOT / "config" / "feeds.toml"
    problems: list[str] = []
    feeds = load_feeds(path, catalogue, problems)
    assert problems == []  # every region is a catalogue entity id
    enabled = [feed for feed in feeds if feed.enabled]
    assert len(enabled) >= 40
    assert all("unchecked" in feed.tags for feed in feeds)
    _, blocks = _split(path.read_text(encoding="utf-8"))
    assert all(any(line.startswith("# evidence: ") for line in block.lines) for block in blocks)
    # every oblast and Minsk has outlets of its own: the oblast, or a city or district in it
    belarusian = [catalogue.ancestors(feed.region) for feed in enabled if feed.country == "BY"]
    for territory in ("by-brest-oblast", "by-vitebsk-oblast", "by-gomel-oblast", "by-grodno-oblast",
                      "by-minsk-oblast", "by-mogilev-oblast", "by-minsk"):
        assert sum(1 for chain in belarusian if territory in chain) >= 2, territory
    assert sum(1 for feed in enabled if feed.region == "by-belarus" and "agency" in feed.tags) >= 3
    assert {"ru-kostroma-oblast", "ru-dagestan", "kz-kazakhstan", "tj-tajikistan"} <= {f.region for f in enabled}


def test_fulltext_on_off_and_default_survive_an_opml_round_trip(tmp_path):
    from monitor.feeds_admin import read_opml, write_opml
    from monitor.records import Feed

    feeds = tuple(Feed(id=f"f{n}", url=f"https://f{n}.example/rss", outlet=f"F{n}", country="BY",
                       region="by-belarus", language="ru", fulltext=value) for n, value in enumerate((None, True, False)))
    path = tmp_path / "feeds.opml"
    path.write_text(write_opml(feeds), encoding="utf-8")
    assert [table.get("fulltext") for table in read_opml(path, {})] == [None, True, False]


def test_add_a_site_asks_which_feed_at_a_terminal(cli, config_dir, server, monkeypatch):
    import io

    class Terminal(io.StringIO):
        def isatty(self):
            return True
    site = gomel_site(server)
    monkeypatch.setattr("sys.stdin", Terminal("2\n"))
    code, out, err = cli("feeds", "add", site, "--id", "gomel-old", "--outlet", "X", "--country", "BY",
                         "--region", "by-gomel-oblast", "--language", "ru")
    assert code == 0, err
    assert "Add which one (0 for none)" in out
    assert [f["url"] for f in feeds_of(config_dir)] == [f"{server.base}/rss.xml"]
