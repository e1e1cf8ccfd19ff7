"""No read of a report or a dashboard page scans the fetch log, the articles or the matches.

A scan costs what history holds: a year of 30-minute polls of 300 feeds is five million log lines.
Every statement that a weekly report, a year-long report, the matrix, the gap list and a
partnership's page run is traced on a real database and put through EXPLAIN QUERY PLAN; a full or
index scan of one of those tables fails the test with the statement, and so does a seek into the
fetch log or the articles bounded by the feed alone (that feed's whole history). The windows are computed
twice: first on an empty weekly-results cache, then from what it kept.
"""

from __future__ import annotations

import re

import pytest

from monitor.coverage import iso_week
from monitor.records import Window
from monitor.web import create_app

from .test_web import PAIR, WEEK, build_dashboard, serving

HISTORY = ("fetch_log", "articles", "matches", "observed_spans", "observed_holes")


@pytest.fixture
def monitor(config_dir, tmp_path, matcher):
    monitor = build_dashboard(config_dir, tmp_path / "monitor.db", matcher)
    yield monitor
    monitor.close()


def traced(monitor, action) -> list[str]:
    """Every SQL statement `action` runs on the monitor's connection, with its parameters filled in."""
    statements: list[str] = []
    monitor.store.db.conn.set_trace_callback(statements.append)
    try:
        action()
    finally:
        monitor.store.db.conn.set_trace_callback(None)
    return statements


def scans(monitor, statement: str) -> list[str]:
    """The plan's lines that scan one of the history tables (by name or by the statement's alias)."""
    text = statement.strip()
    if not re.match(r"(?is)^(select|with|insert|update|delete)\b", text):
        return []
    names = set(HISTORY)
    for table, alias in re.findall(r"(?i)\b(fetch_log|articles|matches|observed_spans|observed_holes)\s+(?:as\s+)?(\w+)", text):
        if alias.lower() not in ("where", "on", "join", "set", "values", "order", "group", "limit", "using"):
            names.add(alias)
    plan = monitor.store.db.conn.execute(f"EXPLAIN QUERY PLAN {text}").fetchall()
    return [row[-1] for row in plan
            if (found := re.match(r"SCAN (TABLE )?(\w+)", row[-1]) or whole_feed(row[-1])) and found.group(2) in names]


def whole_feed(line: str):
    """A seek into the fetch log or the articles bounded by the feed alone: that feed's whole history."""
    return re.match(r"SEARCH (TABLE )?(\w+) USING (COVERING )?INDEX (fetch_log|articles)_\w+ \(feed_id=\?\)$", line)


def assert_no_scans(monitor, statements: list[str]) -> None:
    found = [(statement, lines) for statement in statements if (lines := scans(monitor, statement))]
    assert not found, "\n\n".join(f"{statement}\n  -> {lines}" for statement, lines in found)


def test_reports_seek_history_never_scan_it(monitor):
    week = iso_week(WEEK)
    year = Window(week.end.replace(year=week.end.year - 1), week.end)
    for kept in (False, True):  # on an empty cache of weekly results, then from the kept ones
        statements = traced(monitor, lambda: monitor.reports(week, {}, ("json", "md")))
        statements += traced(monitor, lambda: monitor.report(week, {"region": "by-mogilev-oblast"}, "json"))
        statements += traced(monitor, lambda: monitor.report(year, {}, "json"))
        assert any("FROM matches" in s for s in statements)
        assert any("FROM fetch_log" in s for s in statements) != kept
        assert_no_scans(monitor, statements)


def test_dashboard_pages_seek_history_never_scan_it(monitor):
    import httpx

    with serving(create_app(monitor)) as base, httpx.Client(base_url=base, timeout=60) as client:
        for _ in range(2):
            for path in (f"/?week={WEEK}", f"/partnerships?week={WEEK}", f"/partnerships/{PAIR}?week={WEEK}"):
                statements = traced(monitor, lambda: client.get(path).raise_for_status())
                assert statements, path
                assert_no_scans(monitor, statements)


def test_the_check_itself_sees_a_scan(monitor):
    """The detector is not blind: the query this issue replaced scans the fetch log."""
    old = ("SELECT feed_id, at, ok, error_kind, error FROM fetch_log f WHERE at < '2026-11-09T00:00:00+00:00' AND id ="
           " (SELECT MAX(id) FROM fetch_log g WHERE g.feed_id = f.feed_id AND g.at < '2026-11-09T00:00:00+00:00')")
    assert scans(monitor, old)
    assert scans(monitor, "SELECT COUNT(*) FROM articles a WHERE a.title LIKE '%Брянск%'")
    # a plan that reads each listed feed's articles of all time to find a window's matched ones
    assert scans(monitor, "SELECT a.feed_id, COUNT(*) FROM matches m JOIN articles a ON a.id = m.article_id"
                          " WHERE m.story_at >= '2026-11-16' AND a.feed_id IN (SELECT value FROM json_each('[\"a\"]'))"
                          " GROUP BY a.feed_id")


def test_the_candidates_review_reads_only_what_is_new(monitor):
    """The first review reads every stored article once; the next seeks only what came since."""
    monitor.candidates()
    statements = traced(monitor, monitor.candidates)
    assert any("candidate_sightings" in s for s in statements)
    assert_no_scans(monitor, statements)
