"""`monitor demo`: the embedded default reports exactly what its sample feeds imply."""

from __future__ import annotations

import json

import pytest

from monitor.cli import run_cli
from monitor.coverage import iso_week, window_bounds
from monitor.demo import DEMO, DEMO_WEEK


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    output = tmp_path_factory.mktemp("demo")
    code = run_cli(["demo", "--output", str(output)])
    assert code == 0
    return output


def expected_statuses(catalogue):
    expected = json.loads((DEMO / "expected.json").read_text(encoding="utf-8"))
    assert expected["week"] == DEMO_WEEK
    import feedparser

    start, end = window_bounds(iso_week(DEMO_WEEK), "Europe/Minsk")
    in_week = set()
    for path in (DEMO / "site").iterdir():
        if not path.is_file():
            continue  # the district paper's site: its pages carry no W47 partnership (see the history test)
        for entry in feedparser.parse(path.read_bytes()).entries:
            from datetime import datetime, timezone
            import calendar

            when = datetime.fromtimestamp(calendar.timegm(entry.published_parsed or entry.updated_parsed), timezone.utc)
            if start <= when < end:
                in_week.update(expected["items"][entry.id])
    statuses = {}
    for pid, partnership in catalogue.partnerships.items():
        territories = set(catalogue.ancestors(partnership.a)) | set(catalogue.ancestors(partnership.b))
        if pid in in_week:
            statuses[pid] = "covered"
        elif "by-grodno-oblast" in territories:  # the demo's Grodno feed answers 503
            statuses[pid] = "not_collected"
        else:  # the national feeds watch every partnership
            statuses[pid] = "gap"
    return statuses


def test_demo_reports_exactly_the_gaps_its_feeds_imply(demo_run, catalogue):
    report = json.loads((demo_run / f"report-{DEMO_WEEK}.json").read_text(encoding="utf-8"))
    assert report["window"] == {"from": "2026-11-16", "to": "2026-11-22"}
    got = {p["id"]: p["status"] for p in report["partnerships"]}
    want = expected_statuses(catalogue)
    wrong = {pid: (got.get(pid), status) for pid, status in want.items() if got.get(pid) != status}
    assert wrong == {}, wrong
    assert report["feeds"] == {"collected": 7, "failing": 1}


def test_demo_has_a_backfilled_history_so_the_12_week_chart_is_not_empty(demo_run):
    """The district paper without a feed is backfilled from its monthly sitemaps: each past week
    that carried one of its partnership stories counts it as covered."""
    report = json.loads((demo_run / f"report-{DEMO_WEEK}.json").read_text(encoding="utf-8"))
    weeks = report["weeks"]
    assert len(weeks) == 12 and weeks[0]["from"] == "2026-08-31"
    covered = [week["covered"] for week in weeks[:-1]]
    assert covered == [1, 0, 1, 1, 1, 0, 1, 1, 2, 3, 4]


def test_demo_writes_readable_reports_and_names_them(demo_run, capsys):
    markdown = (demo_run / f"report-{DEMO_WEEK}.md").read_text(encoding="utf-8")
    html = (demo_run / f"report-{DEMO_WEEK}.html").read_text(encoding="utf-8")
    assert "Могилёвская область — Брянская область" in markdown
    assert "<html" in html and "Брянская область" in html


def test_the_demo_leaves_a_config_to_browse_its_result(demo_run, capsys):
    """`monitor --config reports/demo/config ...` reads the demo's database with its own feeds."""
    capsys.readouterr()
    assert run_cli(["--config", str(demo_run / "config"), "report", "--week", DEMO_WEEK, "--format", "json"]) == 0
    again = json.loads(capsys.readouterr().out)
    first = json.loads((demo_run / f"report-{DEMO_WEEK}.json").read_text(encoding="utf-8"))
    assert {p["id"]: p["status"] for p in again["partnerships"]} == {p["id"]: p["status"] for p in first["partnerships"]}


def test_what_a_failing_feed_missed_is_told_on_the_editors_clock(demo_run):
    """The Grodno feed answered 503 all week: the report says so from Monday 00:00 in Minsk, not
    from Sunday 21:00 UTC, which reads as if it began before the week."""
    markdown = (demo_run / f"report-{DEMO_WEEK}.en.md").read_text(encoding="utf-8")
    assert "16.11 00:00–22.11 21:00 UTC+03" in markdown
    assert "15.11 21:00" not in markdown
