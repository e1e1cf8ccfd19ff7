"""One full polling cycle of 2,000 feeds served from 127.0.0.1: feeds per minute and peak memory.

    python benchmarks/bench_poll.py [--feeds 2000] [--hosts 20] [--baseline 200]

The feeds (20 items each, Russian text, some naming catalogue partnerships) are served by a separate
process on 20 loopback addresses (127.0.0.1 .. 127.0.0.20), so the per-host limit of 2 applies as
it would to 20 real newsrooms. The cycle runs in a child process so its peak memory (max RSS) is
its own. The baseline, measured in the same run, is the naive loop: one feed after another,
httpx.get + feedparser.parse + match, over the first --baseline feeds; the ratio compares rates.
Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import sys
import tempfile
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TITLES = ["Могилёвская и Брянская области подписали план мероприятий", "В Витебске открылся новый каток",
          "Гомельская область и Калужская область обсудили поставки", "Погода на выходные",
          "Делегация Тверской области посетила Витебскую область", "В Бресте прошёл фестиваль"]


def feed_body(n: int) -> bytes:
    items = "".join(
        f"<item><guid>f{n}-{i}</guid><title>{TITLES[(n + i) % len(TITLES)]} ({n}-{i})</title>"
        f"<link>https://site{n}.example/news/{i}</link><pubDate>Tue, 17 Nov 2026 {i % 24:02d}:00:00 GMT</pubDate>"
        f"<description>Сообщает корреспондент. {TITLES[i % len(TITLES)]}. Подробности в материале.</description></item>"
        for i in range(20))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed {n}</title>'
            f"{items}</channel></rss>").encode("utf-8")


def serve(hosts: int, feeds: int, ready) -> None:
    bodies = {f"/feed/{n}.xml": feed_body(n) for n in range(feeds)}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            body = bodies.get(self.path.split("?")[0], b"")
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    class Server(ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            # a client that gave up (its deadline passed on a loaded machine) is counted as the
            # monitor's error in the figures; its reset connection is no traceback here
            if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
                super().handle_error(request, client_address)

    ports = []
    for h in range(hosts):
        server = Server((f"127.0.0.{h + 1}", 0), Handler)
        server.daemon_threads = True
        Thread(target=server.serve_forever, daemon=True).start()
        ports.append(server.server_address[1])
    ready.send(ports)
    while True:
        time.sleep(3600)


def feed_urls(ports: list[int], feeds: int) -> list[str]:
    return [f"http://127.0.0.{n % len(ports) + 1}:{ports[n % len(ports)]}/feed/{n}.xml" for n in range(feeds)]


def monitor_cycle(urls: list[str], out) -> None:
    from monitor.config import load_catalogue
    from monitor.fetch import make_client
    from monitor.match import Matcher
    from monitor.poll import poll_feeds
    from monitor.records import Feed, Limits, Settings
    from monitor.store import Store

    matcher = Matcher.compile(load_catalogue(ROOT / "config" / "catalogue"))
    # fulltext=False: the items link to invented sites, and this measures the feeds' cycle, not page reading
    feeds = [Feed(id=f"f{n}", url=url, outlet=f"Outlet {n}", country="BY", region="by-mogilev-oblast", language="ru",
                  fulltext=False) for n, url in enumerate(urls)]
    settings = Settings(database="", limits=Limits(concurrency=16, per_host=2), allow_networks=("127.0.0.0/8",))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "bench.db")
        now = datetime.now(timezone.utc)
        started = time.perf_counter()
        with make_client(settings.limits, settings.allow_networks) as client:
            outcomes = poll_feeds(feeds, store, settings, matcher, client, lambda: now, rng=random.Random(1))
        elapsed = time.perf_counter() - started
        articles = store.count("articles")
        store.close()
    errors = sum(o.status == "error" for o in outcomes)
    out.send({"elapsed": elapsed, "errors": errors, "articles": articles,
              "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "before_mb": before / 1024})


def baseline(urls: list[str], out) -> None:
    import feedparser
    import httpx

    from monitor.config import load_catalogue
    from monitor.match import Matcher
    from monitor.records import ArticleText

    matcher = Matcher.compile(load_catalogue(ROOT / "config" / "catalogue"))
    started = time.perf_counter()
    for url in urls:
        parsed = feedparser.parse(httpx.get(url).content)
        for entry in parsed.entries:
            matcher.match(ArticleText(id=entry.get("id", ""), title=entry.get("title", ""),
                                      summary=entry.get("summary", ""), lang="ru"))
    out.send({"elapsed": time.perf_counter() - started})


def in_child(target, *args) -> dict:
    receive, send = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.Process(target=target, args=(*args, send))
    child.start()
    result = receive.recv()
    child.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--baseline", type=int, default=200, help="feeds in the naive sequential loop")
    args = parser.parse_args()
    receive, send = multiprocessing.Pipe(duplex=False)
    server = multiprocessing.Process(target=serve, args=(args.hosts, args.feeds, send), daemon=True)
    server.start()
    urls = feed_urls(receive.recv(), args.feeds)
    try:
        cycle = in_child(monitor_cycle, urls)
        naive = in_child(baseline, urls[:args.baseline])
    finally:
        server.terminate()
    rate = args.feeds / cycle["elapsed"] * 60
    naive_rate = args.baseline / naive["elapsed"] * 60
    print(f"monitor:  {args.feeds} feeds on {args.hosts} hosts in {cycle['elapsed']:.1f} s = {rate:,.0f} feeds/min "
          f"({cycle['articles']:,} articles stored, {cycle['errors']} errors); "
          f"peak RSS {cycle['peak_mb']:.0f} MB (matcher loaded: {cycle['before_mb']:.0f} MB)")
    print(f"baseline: naive sequential httpx.get + feedparser + match, {args.baseline} feeds in "
          f"{naive['elapsed']:.1f} s = {naive_rate:,.0f} feeds/min (stores nothing)")
    print(f"ratio:    {rate / naive_rate:.2f}x the baseline's rate; target >= 2,000 feeds/min under 300 MB")


if __name__ == "__main__":
    main()
