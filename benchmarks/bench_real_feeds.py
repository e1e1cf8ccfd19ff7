"""Real-shaped feeds over 127.0.0.1: how much of the articles' text the monitor stores, and how
politely it reads article pages. Prints figures against a baseline measured in the same run; asserts
nothing.

The feeds are the fixtures under tests/feeds/ (yandex:full-text, turbo:content, double-encoded text,
lead-only items with pages and a robots.txt), each served several times under other item ids so
the counts are not tiny, plus lead-only feeds on one site whose pages all answer.

- full text: of the items that carry one (yandex:full-text, turbo:content, content:encoded), the
  share whose stored content is that full text (as plain text). Baseline: feedparser as the monitor
  read feeds before, the first content element or nothing.
- double-encoded: stored titles, leads and bodies that are still mojibake (UTF-8 read as Latin-1,
  windows-1252 or windows-1251), against the same baseline.
- parsing: CPU time of parse_feed on the fixture documents (bodies chosen, charset checked, text
  repaired) against the baseline's feedparser reading of the same bytes.
- pages: lead-only items given their page text; requests per site at once (at most 1), the
  smallest gap between two page requests to a site against page_delay, the most pages one feed read
  in one poll against fulltext_per_poll, and pages requested twice.

    .venv/bin/python benchmarks/bench_real_feeds.py
"""

from __future__ import annotations

import random
import sys
import tempfile
import threading
import time
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import feedparser

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.config import load_catalogue  # noqa: E402
from monitor.fetch import make_client  # noqa: E402
from monitor.match import Matcher  # noqa: E402
from monitor.parse import html_to_text, parse_feed  # noqa: E402
from monitor.poll import poll_feeds  # noqa: E402
from monitor.records import Feed, Limits, Settings  # noqa: E402
from monitor.store import Store  # noqa: E402
from tests.feedserver import FeedServer  # noqa: E402
from tests.test_real_feeds import _double_encoded, full_texts  # noqa: E402

FEEDS = ROOT / "tests" / "feeds"
COPIES = 10  # each fixture served this many times, its item ids made unique
NOW = datetime(2026, 11, 19, 12, 0, tzinfo=timezone.utc)
# a KOI8-R feed declaring windows-1251: the one case where the declaration is checked against the bytes
VITEBSK_KOI8 = (FEEDS / "vitebsk-cp1251.xml").read_bytes().decode("cp1251").replace(
    '<?xml version="1.0"?>', '<?xml version="1.0" encoding="windows-1251"?>').encode("koi8_r")


def copies(name: str, site: str, copy: int) -> bytes:
    body = (FEEDS / name).read_bytes().replace(b"SITE", site.encode())
    for tag in (b"<guid>", b'<guid isPermaLink="false">'):
        body = body.replace(tag, tag + f"c{copy}-".encode())
    prefix = f"c{copy}{name[0]}"  # one prefix per feed, so page requests can be counted per feed
    return body.replace(b"/news/", f"/news/{prefix}-".encode()).replace(b"/private/", f"/private/{prefix}-".encode())


def baseline_entries(body: bytes) -> list[tuple[str, str, str]]:
    """(guid, title + lead, content) as the monitor read feeds before this work."""
    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    rows = []
    for item in parsed.entries:
        content = ""
        for part in item.get("content", []) or []:
            content = html_to_text(part.get("value", ""))
            if content:
                break
        rows.append((item.get("id"), html_to_text(item.get("title", "")) + " " + html_to_text(item.get("summary", "")),
                     content))
    return rows


def main() -> None:
    server = FeedServer()
    starts: dict[str, list[float]] = {}
    active = {"now": 0, "most": 0}
    lock = threading.Lock()

    class Watch(dict):
        def get(self, path, default=None):
            if path.startswith("/news/"):
                with lock:
                    starts.setdefault(path, []).append(time.monotonic())
                    active["now"] += 1
                    active["most"] = max(active["most"], active["now"])

                def done():
                    with lock:
                        active["now"] -= 1
                threading.Timer(0.02, done).start()
            return super().get(path, default)
    server.routes = Watch()
    server.start()
    site = server.base
    server.route("/robots.txt", (FEEDS / "robots.txt").read_bytes())
    page = (FEEDS / "pages" / "vitebsk-balti.html").read_bytes()
    feeds, expected, fixtures = [], {}, {}
    for copy in range(COPIES):
        for name in ("yandex-fulltext.xml", "turbo.xml", "double-encoded.xml", "leads.xml"):
            body = copies(name, site, copy)
            path = f"/{copy}-{name}"
            server.route(path, body)
            fixtures[path] = body
            feeds.append(Feed(id=f"{copy}-{name.split('.')[0]}", url=site + path, outlet=f"{copy}-{name}",
                              country="BY", region="by-vitebsk-oblast", language="ru"))
            if name in ("yandex-fulltext.xml", "turbo.xml"):
                expected.update({f"c{copy}-{guid}": text for guid, text in full_texts(name).items()})
        for slug in ("vitebsk-balti", "bus-route", "bridge"):
            server.route(f"/news/c{copy}l-{slug}", page)
    limits = Limits(connect_timeout=2, read_timeout=5, total_timeout=10, concurrency=8, per_host=2,
                    fulltext_per_poll=3, page_delay=0.05)
    catalogue = load_catalogue(ROOT / "config" / "catalogue")
    matcher = Matcher.compile(catalogue)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "m.db")
        t0 = time.perf_counter()
        loopback = ("127.0.0.0/8",)  # the fixtures are served here, which the fetcher refuses unless allowed
        with make_client(limits, loopback) as client:
            poll_feeds(feeds, store, Settings(database="", limits=limits, allow_networks=loopback), matcher, client, lambda: NOW,
                       rng=random.Random(1))
        seconds = time.perf_counter() - t0
        stored = {a.guid: a for a in store.articles()}
        notes = dict(store.db.execute("SELECT guid, fulltext_note FROM articles").fetchall())
    right = sum(1 for guid, text in expected.items() if stored[guid].content == text)
    base_right = 0
    base_bad = 0
    for body in fixtures.values():
        for guid, head, content in baseline_entries(body):
            if guid in expected and content == expected[guid]:
                base_right += 1
            base_bad += sum(1 for text in (head, content) if text and _double_encoded(text))
    bad = sum(1 for a in stored.values() for text in (a.title, a.summary, a.content) if text and _double_encoded(text))
    leads = [a for a in stored.values() if a.feed_id.endswith("leads")]
    with_page = [a for a in leads if notes[a.guid] is None and a.content]
    times = sorted(t for ts in starts.values() for t in ts)
    gaps = [b - a for a, b in zip(times, times[1:])]
    per_feed = {}
    for path in starts:
        per_feed[path.split("-")[0]] = per_feed.get(path.split("-")[0], 0) + 1
    print(f"items carrying a full text: {len(expected)}")
    print(f"  stored content is that full text: {right}/{len(expected)} = {right / len(expected):.1%}"
          f"  (baseline, the first content element: {base_right}/{len(expected)} = {base_right / len(expected):.1%})")
    print(f"stored texts still double-encoded: {bad}  (baseline: {base_bad})")
    print(f"lead-only items: {len(leads)}; with their page text: {len(with_page)}; "
          f"kept the lead with a reason: {sum(1 for a in leads if notes[a.guid])}")
    print(f"  page requests: {len(times)}; to one site at once, at most: {active['most']} (limit 1)")
    print(f"  smallest gap between two page requests to the site: {min(gaps) if gaps else 0:.3f} s"
          f" = {min(gaps) / limits.page_delay if gaps else 0:.2f} x page_delay")
    print(f"  most pages one feed read in one poll: {max(per_feed.values()) if per_feed else 0}"
          f" (fulltext_per_poll {limits.fulltext_per_poll}); pages requested twice: "
          f"{sum(1 for ts in starts.values() if len(ts) > 1)}")
    print(f"  robots.txt requests: {sum(1 for path, _ in server.requests if path == '/robots.txt')} (one site); "
          f"pages under the disallowed /private/: {sum(1 for path, _ in server.requests if path.startswith('/private/'))}")
    print(f"one poll of {len(feeds)} feeds: {seconds:.1f} s")
    documents = list(fixtures.values()) + [VITEBSK_KOI8]
    started = time.process_time()
    for _ in range(5):
        for body in documents:
            parse_feed(body)
    ours = time.process_time() - started
    started = time.process_time()
    for _ in range(5):
        for body in documents:
            baseline_entries(body)
    base = time.process_time() - started
    print(f"parsing {len(documents)} documents 5 times: {ours:.2f} s CPU, baseline {base:.2f} s = {ours / base:.2f} x")
    server.stop()


if __name__ == "__main__":
    main()
