"""The embedded default: bundled sample feeds served on 127.0.0.1, polled, matched and reported.

Everything runs offline over real HTTP and a real SQLite file, so the demo exercises the same path
as a production poll. The sample feeds describe ISO week 2026-W47; the demo's clock stands at the
end of that week, so the report it writes is the one an editor would have received that Monday.
"""

from __future__ import annotations

import sys
import threading
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Iterator

from .config import load_config
from .coverage import iso_week
from .files import write_atomically
from .records import Catalogue, PollOutcome

DEMO = Path(__file__).resolve().parent / "demo"
DEMO_WEEK = "2026-W47"
# Sunday evening of the demo week in Minsk: the feeds were polled, the week is complete.
DEMO_CLOCK = datetime(2026, 11, 22, 18, 0, tzinfo=timezone.utc)
BACKFILLED = "pridneprovskaya-nedelya"  # the sample district paper without a feed (kind = "sitemap")


class _FeedHandler(SimpleHTTPRequestHandler):
    """Serves a folder; anything under /broken/ answers 503, as a feed whose server is down."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".xml": "application/xml", ".rss": "application/rss+xml"}

    def do_GET(self):
        if self.path.startswith("/broken/"):
            self.send_response(503)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path.startswith("/district/sitemap"):
            # Sitemaps hold absolute addresses: the server's own, known only once it listens.
            file = Path(self.directory) / self.path.lstrip("/").split("?")[0]
            if file.is_file():
                host, port = self.server.server_address[:2]
                body = file.read_text(encoding="utf-8").replace("{base}", f"http://{host}:{port}").encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
        super().do_GET()

    def log_message(self, *args):  # the demo prints its own one line per feed
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A client that hangs up early (a size limit, a timeout) is routine here, not news."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a folder over HTTP on 127.0.0.1 from a thread; yields the base URL."""
    server = _QuietServer(("127.0.0.1", 0), partial(_FeedHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def prepare_demo_config(output: Path, base_url: str, catalogue_dir: Path) -> Path:
    """Write the demo's own config folder: settings, feeds pointing at the local server, and a link
    to the catalogue. It stays after the demo, so `monitor --config DIR serve` can browse the result."""
    config_dir = output / "config"
    config_dir.mkdir(parents=True, exist_ok=True)
    link = config_dir / "catalogue"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(catalogue_dir.resolve(), target_is_directory=True)
    feeds = (DEMO / "feeds.toml").read_text(encoding="utf-8").replace("{base}", base_url)
    (config_dir / "feeds.toml").write_text(feeds, encoding="utf-8")
    (config_dir / "settings.toml").write_text(
        f'database = "{(output / "demo.db").resolve().as_posix()}"\ntimezone = "Europe/Minsk"\n'
        f'reports_dir = "{output.resolve().as_posix()}"\n'
        # The sample feeds are served on this machine, which fetching refuses unless allowed.
        'allow_networks = ["127.0.0.0/8"]\n'
        # The district paper's pages come from our own server: no need to space them a second apart.
        '[limits]\npage_delay = 0.01\n', encoding="utf-8")
    return config_dir


def run_demo(catalogue: Catalogue, catalogue_dir: Path, output: Path, say: Callable[[str], None] = print,
             on_outcome: Callable[[PollOutcome], None] | None = None) -> dict[str, Path]:
    from .app import TREND_WEEKS, Monitor

    output.mkdir(parents=True, exist_ok=True)
    for stale in ("demo.db", "demo.db-wal", "demo.db-shm"):
        (output / stale).unlink(missing_ok=True)
    written: dict[str, Path] = {}
    with serve_folder(DEMO / "site") as base_url:
        say(f"Serving the bundled sample feeds at {base_url}")
        config = load_config(prepare_demo_config(output, base_url, catalogue_dir), catalogue=catalogue)
        with Monitor(config, output / "demo.db", clock=lambda: DEMO_CLOCK) as monitor:
            say(f"Polling {len(config.feeds)} feeds into {output / 'demo.db'} ...")
            monitor.poll(everything=True, on_outcome=on_outcome)
            window = iso_week(DEMO_WEEK)
            # The district paper has no feed; its sitemap gives the weeks before, so the report's
            # 12-week chart has a history on the demo's first day.
            since = window.start - timedelta(weeks=TREND_WEEKS - 1)
            say(f"Backfilling {BACKFILLED} from its sitemap since {since} ...")
            for result in monitor.backfill([BACKFILLED], since, window.end):
                say(f"  {result.feed_id}: {result.articles} past articles, {result.matched} about partnerships")
            for fmt in ("md", "html", "json"):
                path = output / f"report-{DEMO_WEEK}.{fmt}"
                written[fmt] = write_atomically(path, monitor.report(window, fmt=fmt))
            # the same report for Belarusian-language papers and for English readers
            for lang in ("be", "en"):
                for fmt in ("md", "html"):
                    path = output / f"report-{DEMO_WEEK}.{lang}.{fmt}"
                    written[f"{lang}.{fmt}"] = write_atomically(path, monitor.report(window, fmt=fmt, lang=lang))
    written["config"] = output / "config"
    return written
