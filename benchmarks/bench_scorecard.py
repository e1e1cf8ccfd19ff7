"""The outlet scorecard's read: does counting 12 weeks of stories per feed stay flat as history grows?

`Store.outlet_counts` counts each feed's stories and partnership stories per window in one grouped
query over the (feed, story time) index. The baseline is the same query with the index refused
(`NOT INDEXED`), which is what the query costs without it: a scan of every stored article. Both run
on the same databases, in the same process and as whole processes (a fresh interpreter opening the
database, as `monitor report` does), on a quarter and on a year of history (200 feeds, 12 stories a
feed a week, one in twenty matched). It prints figures and ratios; it asserts nothing.

    .venv/bin/python benchmarks/bench_scorecard.py
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.store import Store, iso  # noqa: E402

FEEDS = 200
PER_WEEK = 12
END = datetime(2026, 11, 23, tzinfo=timezone.utc)
WINDOWS = 12
QUERY = """
import sys, time
from datetime import datetime, timedelta, timezone
sys.path.insert(0, {root!r})
from monitor.store import Store
start = time.perf_counter()
store = Store({db!r})
end = datetime(2026, 11, 23, tzinfo=timezone.utc)
feeds = [f"feed{{n}}" for n in range({feeds})]
if {indexed}:
    store.outlet_counts(feeds, end - timedelta(weeks={windows}), end, 7)
else:
    store.db.execute({baseline!r}, [end.isoformat()]).fetchall()
print(time.perf_counter() - start)
"""


def build(path: Path, weeks: int) -> None:
    store = Store(path)
    rng = random.Random(weeks)
    articles, matches = [], []
    article_id = 0
    for feed in range(FEEDS):
        for week in range(weeks):
            for _ in range(PER_WEEK):
                article_id += 1
                when = END - timedelta(weeks=week, seconds=rng.randrange(7 * 86400))
                articles.append((article_id, f"feed{feed}", f"g{article_id}", f"Новость {article_id}", iso(when),
                                 iso(when), iso(when), "x"))
                if rng.random() < 0.05:
                    matches.append((article_id, "by-mogilev-oblast--ru-bryansk-oblast", 0.9, "[]", iso(when)))
    with store.transaction():
        store.db.conn.executemany("INSERT INTO articles (id, feed_id, guid, title, published, fetched, story_at,"
                                  " content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", articles)
        store.db.conn.executemany("INSERT INTO matches (article_id, partnership_id, score, evidence, story_at)"
                                  " VALUES (?, ?, ?, ?, ?)", matches)
    store.db.execute("ANALYZE")
    store.close()


def baseline_sql() -> str:
    """outlet_counts' query with the index refused, for every feed."""
    return ("SELECT a.feed_id, CAST((julianday(a.story_at) - julianday(?)) / 7 AS INTEGER) AS n,"
            " COUNT(*), SUM(EXISTS (SELECT 1 FROM matches m WHERE m.article_id = a.id))"
            f" FROM articles a NOT INDEXED WHERE a.story_at >= '{iso(END - timedelta(weeks=WINDOWS))}'"
            f" AND a.story_at < '{iso(END)}' GROUP BY a.feed_id, n")


def in_process(path: Path, repeat: int = 5) -> tuple[float, float]:
    store = Store(path)
    feeds = [f"feed{n}" for n in range(FEEDS)]
    timings = []
    for indexed in (True, False):
        start = time.perf_counter()
        for _ in range(repeat):
            if indexed:
                store.outlet_counts(feeds, END - timedelta(weeks=WINDOWS), END, 7)
            else:
                store.db.execute(baseline_sql(), [iso(END - timedelta(weeks=WINDOWS))]).fetchall()
        timings.append((time.perf_counter() - start) / repeat)
    store.close()
    return timings[0], timings[1]


def whole_process(path: Path) -> tuple[float, float]:
    results = []
    for indexed in (True, False):
        code = QUERY.format(root=str(ROOT), db=str(path), feeds=FEEDS, windows=WINDOWS, indexed=indexed,
                            baseline=baseline_sql())
        runs = []
        for _ in range(3):  # the least of three: the machine is shared, and a run only gets slower
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
            runs.append(time.perf_counter() - start)
        results.append(min(runs))
    return results[0], results[1]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        rows = {}
        for weeks in (13, 52):
            path = Path(folder) / f"history-{weeks}.db"
            build(path, weeks)
            rows[weeks] = (in_process(path), whole_process(path))
            (indexed, scan), (p_indexed, p_scan) = rows[weeks]
            print(f"{weeks} weeks of history ({FEEDS * weeks * PER_WEEK:,} stories): 12 windows for {FEEDS} feeds"
                  f" in process {indexed * 1000:.1f} ms indexed vs {scan * 1000:.1f} ms scanned ({scan / indexed:.1f}x);"
                  f" whole process {p_indexed:.2f} s vs {p_scan:.2f} s ({p_scan / p_indexed:.2f}x)")
        growth_indexed = rows[52][0][0] / rows[13][0][0]
        growth_scan = rows[52][0][1] / rows[13][0][1]
        print(f"a year of history against a quarter: indexed read {growth_indexed:.2f}x, scanned read {growth_scan:.2f}x")


if __name__ == "__main__":
    main()
