"""A year of a district paper without a feed, backfilled from its monthly sitemaps on 127.0.0.1:
articles per second, peak memory, and what a rerun fetches.

    python benchmarks/bench_backfill.py [--articles 2000] [--baseline 200]

The site (a sitemap index, 12 monthly sitemaps, article pages with a menu, a sidebar and a date) is
served by a separate process. Requests keep to the page politeness (robots.txt, one at a time) with
page_delay at 1 ms: a real site's delay (1 s by default) adds that much per request, whatever the
code does, so it is left out of what is measured. `monitor backfill --since` runs as a child process, as an editor runs
it (so its peak memory, max RSS, is its own), into a fresh database. The baseline, measured in the
same run, is the naive loop over the first --baseline pages: httpx.get + trafilatura.extract +
match, one page after another, nothing stored, nothing resumable; the ratio compares rates. Then the
same command runs again: the requests it makes show what resuming costs. Not a test: nothing here
asserts a time.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TOPICS = ["Могилёвская и Брянская области подписали план мероприятий", "В районе открылся новый каток",
          "Делегация Калужской области посетила Могилёвскую область", "Погода на выходные",
          "Аграрии района завершили уборку", "Школьники района победили на олимпиаде"]
FIRST_DAY = date(2025, 12, 1)


def article_day(n: int, count: int) -> date:
    return FIRST_DAY + timedelta(days=n * 365 // count)


def article_page(n: int, count: int) -> bytes:
    day = article_day(n, count)
    title = f"{TOPICS[n % len(TOPICS)]} ({n})"
    text = (f"{TOPICS[n % len(TOPICS)]}. Об этом сообщили в районном исполнительном комитете. " * 6)
    return (f'<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="article:published_time" content="{day.isoformat()}T{9 + n % 9:02d}:15:00+03:00"></head>'
            f'<body><nav class="menu"><a href="/">Главная</a> <a href="/news/">Новости</a></nav><main><article>'
            f'<h1>{title}</h1><p>{text}</p></article></main><aside class="sidebar">Популярное: 1 января 2020</aside>'
            f'</body></html>').encode("utf-8")


def serve(count: int, ready, port_out) -> None:
    months: dict[str, list[int]] = {}
    for n in range(count):
        months.setdefault(article_day(n, count).strftime("%Y-%m"), []).append(n)
    state = {"base": ""}

    def body(path: str) -> bytes:
        base = state["base"]
        if path == "/sitemap.xml":
            items = "".join(f"<sitemap><loc>{base}/sitemap-{m}.xml</loc></sitemap>" for m in months)
            return (f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    f"{items}</sitemapindex>").encode()
        if path.startswith("/sitemap-"):
            month = path[len("/sitemap-"):-len(".xml")]
            items = "".join(f"<url><loc>{base}/news/{n}/</loc><lastmod>{article_day(n, count).isoformat()}"
                            f"T{9 + n % 9:02d}:15:00+03:00</lastmod></url>" for n in months.get(month, ()))
            return (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    f"{items}</urlset>").encode()
        if path.startswith("/news/"):
            return article_page(int(path.strip("/").split("/")[1]), count)
        return b""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            data = body(self.path)
            self.send_response(200 if data else 404)
            self.send_header("Content-Type", "application/xml" if self.path.endswith(".xml") else "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            with counter.get_lock():
                counter.value += 1

        def log_message(self, *args):
            pass

    counter = port_out[1]
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state["base"] = f"http://127.0.0.1:{server.server_address[1]}"
    port_out[0].value = server.server_address[1]
    ready.set()
    server.serve_forever()


def baseline(base: str, count: int, pages: int) -> float:
    """Pages per second of the naive loop: get, extract, match; nothing stored."""
    import httpx
    import trafilatura

    from monitor.config import load_catalogue
    from monitor.match import Matcher
    from monitor.records import ArticleText

    matcher = Matcher.compile(load_catalogue(ROOT / "config" / "catalogue"))
    step = max(1, count // pages)
    started = time.perf_counter()
    with httpx.Client() as client:
        for n in range(0, step * pages, step):
            html = client.get(f"{base}/news/{n}/").text
            text = trafilatura.extract(html) or ""
            matcher.match(ArticleText(id=str(n), title="", summary="", content=text, lang="ru", url=None))
    return pages / (time.perf_counter() - started)


def run_backfill(config: Path, db: Path) -> tuple[float, float, str]:
    """Seconds, peak memory of the child (MB) and its last output line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "monitor", "--config", str(config), "--db", str(db), "backfill",
                           "--since", FIRST_DAY.isoformat(), "--until", (FIRST_DAY + timedelta(days=365)).isoformat()],
                          capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return seconds, peak, done.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--baseline", type=int, default=200)
    args = parser.parse_args()
    ready = multiprocessing.Event()
    port, counter = multiprocessing.Value("i", 0), multiprocessing.Value("i", 0)
    server = multiprocessing.Process(target=serve, args=(args.articles, ready, (port, counter)), daemon=True)
    server.start()
    ready.wait()
    base = f"http://127.0.0.1:{port.value}"
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "config"
        config.mkdir()
        (config / "catalogue").symlink_to(ROOT / "config" / "catalogue")
        (config / "settings.toml").write_text('database = "monitor.db"\ntimezone = "Europe/Minsk"\n'
                                              'allow_networks = ["127.0.0.0/8"]\n'
                                              # politeness's delay is a constant per request; measured here is the rest
                                              f"[limits]\nbackfill_requests_per_host = {args.articles * 2}\n"
                                              "page_delay = 0.001\n",
                                              encoding="utf-8")
        (config / "feeds.toml").write_text(
            f'[[feeds]]\nid = "raion"\nurl = "{base}/sitemap.xml"\nkind = "sitemap"\noutlet = "Районка"\n'
            f'country = "BY"\nregion = "by-mogilev-oblast"\nlanguage = "ru"\n', encoding="utf-8")
        naive = baseline(base, args.articles, args.baseline)
        counter.value = 0
        seconds, peak, line = run_backfill(config, Path(folder) / "monitor.db")
        first_requests = counter.value
        counter.value = 0
        again, _, again_line = run_backfill(config, Path(folder) / "monitor.db")
        rerun_requests = counter.value
    rate = args.articles / seconds
    print(f"backfill of {args.articles} articles (a year, 12 monthly sitemaps): {seconds:.1f} s for the whole "
          f"process, {rate:.1f} articles/s, peak {peak:.0f} MB, {first_requests} requests")
    print(f"  {line}")
    print(f"baseline (get + extract + match, nothing stored, first {args.baseline}): {naive:.1f} pages/s; "
          f"backfill/baseline = {rate / naive:.2f} (the process's start and the matcher's compile included)")
    print(f"rerun: {again:.1f} s, {rerun_requests} requests (robots.txt, the index and months not yet ended; no article page)")
    print(f"  {again_line}")
    server.terminate()


if __name__ == "__main__":
    main()
