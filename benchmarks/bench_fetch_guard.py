"""What the fetcher's address check and whole-exchange deadline cost: fetches per second of a feed
served on this machine, by fetch.fetch through make_client (allow_networks = 127.0.0.0/8), against
plain httpx on the same URLs in the same run.

    python benchmarks/bench_fetch_guard.py [--fetches 400] [--rounds 5]

Every response closes its connection, so each fetch opens one, and the check (a lookup of
"localhost", the address test, the wrapped socket) is paid every time: the worst case. Rounds
alternate between the two so a busy machine slows both alike. Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BODY = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        + "".join(f"<item><guid>{n}</guid><title>Новость {n}</title><description>{'Текст. ' * 40}</description></item>"
                  for n in range(40)) + "</channel></rss>").encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # one connection per request

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)

    def log_message(self, *args):
        pass


def main() -> None:
    import httpx

    from monitor.fetch import fetch, make_client
    from monitor.records import Limits

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fetches", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://localhost:{server.server_address[1]}/feed.xml"
    limits = Limits()

    def guarded() -> float:
        with make_client(limits, ["127.0.0.0/8"]) as client:
            started = time.perf_counter()
            for _ in range(args.fetches):
                assert fetch(client, url, limits).body == BODY
            return time.perf_counter() - started

    def plain() -> float:
        with httpx.Client() as client:
            started = time.perf_counter()
            for _ in range(args.fetches):
                assert client.get(url).content == BODY
            return time.perf_counter() - started

    guarded_times, plain_times = [], []
    for _ in range(args.rounds):
        plain_times.append(plain())
        guarded_times.append(guarded())
    server.shutdown()
    g, p = statistics.median(guarded_times), statistics.median(plain_times)
    print(f"{args.fetches} fetches of a {len(BODY):,}-byte feed by name, a new connection each, median of {args.rounds} rounds")
    print(f"  plain httpx (baseline):        {args.fetches / p:8.0f} fetches/s")
    print(f"  fetch.fetch, guarded:          {args.fetches / g:8.0f} fetches/s")
    print(f"  guarded time / baseline time:  {g / p:8.2f}")


if __name__ == "__main__":
    main()
