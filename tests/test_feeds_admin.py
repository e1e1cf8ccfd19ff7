"""Admin commands on the feed list: feeds.toml edited in place, OPML in and out, check."""

from __future__ import annotations

import tomllib

import pytest


from .conftest import FEEDS, feed_table

HEADER = "# Our feeds. Keep this comment.\n\n"
COMMENTED = HEADER + "# the Mogilev paper, checked 2026-11\n" + feed_table("mogilev", "https://mogilev.example/rss") \
    + "# national news\n" + feed_table("national", "https://national.example/rss", region="by-belarus")


@pytest.fixture
def cli(cli, config_dir):
    """The shared command-line runner, over a feeds.toml with comments to keep."""
    (config_dir / "feeds.toml").write_text(COMMENTED, encoding="utf-8")
    return cli


def feeds_text(config_dir):
    return (config_dir / "feeds.toml").read_text(encoding="utf-8")


def test_add_checks_the_feed_and_keeps_comments_and_order(cli, config_dir, server):
    url = server.route("/vitebsk.xml", (FEEDS / "vitebsk-cp1251.xml").read_bytes())
    code, out, err = cli("feeds", "add", url, "--id", "vitebsk", "--outlet", "Витебские вести", "--country", "BY",
                         "--region", "by-vitebsk-oblast", "--language", "ru", "--tag", "oblast")
    assert code == 0, err
    assert "added vitebsk" in out
    text = feeds_text(config_dir)
    assert text.startswith(COMMENTED)  # every line the admin wrote is still there, in order
    added = tomllib.loads(text)["feeds"][-1]
    assert added["id"] == "vitebsk" and added["tags"] == ["oblast"]  # checked: no "unchecked" tag


@pytest.mark.parametrize("case, expected", [
    ("unreachable", "unreachable"),
    ("html", "HTML page, not a feed; find the page's RSS or Atom link; the page links to a feed: "),
    ("duplicate", "duplicate: a feed with id 'mogilev' already exists"),
    ("region", "unknown region 'by-atlantis'"),
])
def test_bad_input_is_one_clear_line_and_changes_nothing(cli, config_dir, server, case, expected):
    url = server.route("/page.html", '<!DOCTYPE html><html><head><link rel="alternate" '
                       'type="application/rss+xml" href="/rss.xml"></head><body>Hi</body></html>')
    args = {"unreachable": ["http://127.0.0.1:9/rss", "--id", "x"], "html": [url, "--id", "x"],
            "duplicate": [url, "--id", "mogilev"], "region": [url, "--id", "x"]}[case]
    region = "by-atlantis" if case == "region" else "by-brest-oblast"
    code, out, err = cli("feeds", "add", *args, "--outlet", "X", "--country", "BY", "--region", region,
                         "--language", "ru")
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], err
    assert feeds_text(config_dir) == COMMENTED


def test_remove_takes_the_feeds_own_comment_and_nothing_else(cli, config_dir):
    assert cli("feeds", "remove", "mogilev")[0] == 0
    text = feeds_text(config_dir)
    assert "the Mogilev paper" not in text and "mogilev" not in text
    assert text.startswith(HEADER) and "# national news\n[[feeds]]" in text
    code, _, err = cli("feeds", "remove", "mogilev")
    assert code == 1 and "unknown feed 'mogilev'" in err


def test_disable_and_enable_edit_one_key(cli, config_dir):
    assert cli("feeds", "disable", "national")[0] == 0
    text = feeds_text(config_dir)
    assert [f.get("enabled", True) for f in tomllib.loads(text)["feeds"]] == [True, False]
    assert "# national news" in text and "the Mogilev paper" in text
    assert cli("feeds", "enable", "national")[0] == 0
    assert feeds_text(config_dir) == COMMENTED


def test_check_reports_without_storing(cli, server, tmp_path):
    url = server.route("/m.xml", (FEEDS / "mogilev.xml").read_bytes())
    code, out, _ = cli("feeds", "check", url)
    assert code == 0
    assert "a feed with 2 entries, newest 2026-11-18" in out
    assert not (tmp_path / "m.db").exists()


def test_opml_round_trip_and_duplicates_skipped(cli, config_dir, tmp_path):
    opml = tmp_path / "feeds.opml"
    code, out, _ = cli("feeds", "export-opml", "--output", str(opml))
    assert code == 0 and 'xmlUrl="https://mogilev.example/rss"' in opml.read_text(encoding="utf-8")
    # Into an empty list: the same feeds, fields and all.
    (config_dir / "feeds.toml").write_text("# empty for now\n", encoding="utf-8")
    code, out, err = cli("feeds", "import-opml", str(opml))
    assert code == 0, err
    feeds = tomllib.loads(feeds_text(config_dir))["feeds"]
    assert [(f["id"], f["region"], f["language"]) for f in feeds] == [
        ("mogilev", "by-mogilev-oblast", "ru"), ("national", "by-belarus", "ru")]
    assert feeds_text(config_dir).startswith("# empty for now\n")
    code, out, _ = cli("feeds", "import-opml", str(opml))
    assert code == 0 and "skipped 2 already listed" in out


def test_opml_from_elsewhere_needs_defaults_and_refuses_entities(cli, config_dir, tmp_path):
    plain = tmp_path / "reader.opml"
    plain.write_text('<opml version="1.0"><body><outline text="News"><outline text="Brest" '
                     'xmlUrl="https://brest.example/rss"/></outline></body></opml>', encoding="utf-8")
    code, _, err = cli("feeds", "import-opml", str(plain))
    assert code == 1 and "missing 'country'" in err and feeds_text(config_dir) == COMMENTED
    code, out, err = cli("feeds", "import-opml", str(plain), "--country", "BY", "--region", "by-brest-oblast",
                         "--language", "ru")
    assert code == 0, err
    added = tomllib.loads(feeds_text(config_dir))["feeds"][-1]
    assert added["id"] == "brest-example-rss" and added["tags"] == ["unchecked"]
    bomb = tmp_path / "bomb.opml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE o [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                    '<opml><body><outline text="&b;" xmlUrl="https://x.example/rss"/></body></opml>')
    code, _, err = cli("feeds", "import-opml", str(bomb), "--country", "BY", "--region", "by-brest-oblast",
                       "--language", "ru")
    assert code == 1 and "not a readable OPML file" in err
