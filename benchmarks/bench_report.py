"""A year of data: how long reports, `feeds status` and dashboard pages take, and peak memory.

    python benchmarks/bench_report.py [--scale 100k-13w|1m-52w] [--feeds 300] [--weeks W] [--articles A]

Builds a database of N feeds polled every 30 minutes for W weeks with A articles spread over those
weeks (3 % of them matched to a partnership, 1 % of polls failed, a few feeds down for hours at a
time) through the store's own write path: `Store.record_poll`, the call a poll makes, batched many
to a transaction. Each database is built once into build/bench-report/<scale>/ (ignored by git)
and reused by later runs; delete the folder to build again.

Then it times whole processes, as a user runs them: `monitor report` for the last week of data in
each format (json first, on an empty weekly-results cache, so that figure includes computing the
trend's weeks; the others reuse what it kept), a region-scoped report, a report over the last 52
weeks, `monitor feeds status`, and the dashboard's matrix, gap list and a partnership page (each a
GET to a running `monitor serve`, the first request for that page). It prints one line per figure
as `name@scale: value unit`, seconds compared with the baseline measured in the same run: the
whole process of `monitor feeds list`, which loads the configuration and the catalogue and reads no
data, the least any command costs. `peak-rss` is the largest max RSS of those processes, with the
command that reached it. Linux hands a child the high-water mark of the process that started it (the
old memory's peak survives exec into ru_maxrss), so the database is built and prepared in a separate
process and this one stays small: otherwise every figure would read the build's memory. With both
scales run, the weekly report's growth from 13 to 52 weeks is printed as well.
Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import nullcontext
from datetime import date, datetime, time as clock_time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CACHE = ROOT / "build" / "bench-report"
SCALES = {"100k-13w": (300, 13, 100_000), "1m-52w": (300, 52, 1_000_000)}
POLL = timedelta(minutes=30)
TZ = "Europe/Minsk"
WORDS = ("область делегация соглашение сотрудничество район город встреча выставка завод урожай школа "
         "фестиваль дорога больница музей спорт молодёжь торговля поставки экспорт культура визит "
         "форум проект программа строительство ремонт праздник концерт конкурс").split()


# --- building the database ---------------------------------------------------------------------


def scale_name(feeds: int, weeks: int, articles: int) -> str:
    named = {v: k for k, v in SCALES.items()}
    return named.get((feeds, weeks, articles), f"{feeds}f-{articles // 1000}k-{weeks}w")


def data_end() -> datetime:
    """Monday 00:00 (editors' clock) of the current week: data fills the weeks before it."""
    today = datetime.now(ZoneInfo(TZ)).date()
    monday = today - timedelta(days=today.weekday())
    return datetime.combine(monday, clock_time.min, ZoneInfo(TZ)).astimezone(timezone.utc)


def write_config(folder: Path, feeds: list[dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    settings = (ROOT / "config" / "settings.toml").read_text(encoding="utf-8")
    (folder / "settings.toml").write_text(settings, encoding="utf-8")
    lines = []
    for feed in feeds:
        lines += ["[[feeds]]"] + [f'{key} = "{value}"' for key, value in feed.items()] + [""]
    (folder / "feeds.toml").write_text("\n".join(lines), encoding="utf-8")
    if not (folder / "catalogue").exists():
        shutil.copytree(ROOT / "config" / "catalogue", folder / "catalogue")


def make_feeds(catalogue, count: int, rng: random.Random) -> list[dict]:
    """Feeds on the territories the catalogue's partnerships name, two thirds Belarusian."""
    sides_a = sorted({p.a for p in catalogue.partnerships.values()})
    sides_b = sorted({p.b for p in catalogue.partnerships.values()})
    by_regions = sorted({t for a in sides_a for t in catalogue.ancestors(a)
                         if catalogue.entities[t].kind in ("region", "country", "city")})
    feeds = []
    for n in range(count):
        region = rng.choice(by_regions) if n % 3 else rng.choice(sides_b)
        country = catalogue.entities[region].country
        feeds.append({"id": f"feed-{n:03d}", "url": f"https://outlet{n}.example/rss", "outlet": f"Outlet {n}",
                      "country": country, "region": region, "language": "ru"})
    return feeds


def outages(rng: random.Random, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    """A flaky feed's stretches down: about one a fortnight, 2 to 14 hours long."""
    stretches, moment = [], start
    while True:
        moment += timedelta(days=rng.uniform(5, 23))
        if moment >= end:
            return stretches
        stretches.append((moment, moment + timedelta(hours=rng.uniform(2, 14))))


def build(path: Path, config: Path, feed_count: int, weeks: int, article_count: int) -> None:
    from monitor.config import load_catalogue
    from monitor.records import Entry, Evidence, Match, Mention
    from monitor.store import Store

    rng = random.Random(13)
    catalogue = load_catalogue(ROOT / "config" / "catalogue")
    feeds = make_feeds(catalogue, feed_count, rng)
    write_config(config, feeds)
    end = data_end()
    start = end - timedelta(weeks=weeks)
    partnerships = sorted(catalogue.partnerships)
    flaky = {feed["id"]: outages(rng, start, end) for feed in feeds if rng.random() < 0.1}
    # Each article's publication moment, and the poll (the next half hour) that brings it.
    span = (end - start).total_seconds()
    due: dict[tuple[int, int], list[tuple[int, datetime]]] = {}
    for n in range(article_count):
        published = start + timedelta(seconds=rng.random() * span)
        step = int((published - start) / POLL) + 1
        due.setdefault((step, rng.randrange(feed_count)), []).append((n, published))
    temp = path.with_suffix(".building")
    for leftover in temp.parent.glob(temp.name + "*"):
        leftover.unlink()
    store = Store(temp)
    store.db.execute("PRAGMA synchronous=OFF")
    store.db.execute("PRAGMA cache_size=-500000")  # 500 MB: a million articles' indexes stay in memory
    store.transaction = nullcontext  # one poll's transaction: here many polls share one, committed below
    steps = int(span // POLL.total_seconds())
    last_seen: dict[int, tuple] = {}  # each feed's newest entry so far
    began = time.perf_counter()
    store.db.conn.execute("BEGIN")
    for step in range(1, steps + 1):
        at = start + step * POLL
        for index, feed in enumerate(feeds):
            polled = at + timedelta(seconds=(index * 5) % 1500)
            down = any(a <= polled < b for a, b in flaky.get(feed["id"], ())) or rng.random() < 0.01
            if down:
                store.record_poll(feed["id"], feed["url"], polled, ok=False, status=503, error_kind="temporary",
                                  error="HTTP 503: the server is unavailable", duration_ms=120)
                continue
            entries = []
            for n, published in due.pop((step, index), ()):
                title = " ".join(rng.choice(WORDS) for _ in range(8)).capitalize()
                summary = " ".join(rng.choice(WORDS) for _ in range(30)) + "."
                matches = ()
                if rng.random() < 0.03:
                    pid = rng.choice(partnerships)
                    p = catalogue.partnerships[pid]
                    evidence = Evidence(Mention(p.a, "А", 0, 1), Mention(p.b, "Б", 2, 3), title)
                    matches = (Match(pid, round(rng.uniform(0.5, 1.0), 2), (evidence,)),)
                entry = Entry(guid=f"{feed['id']}/{n}", url=f"{feed['url'][:-4]}/news/{n}", title=title,
                              summary=summary, content="", published=published)
                entries.append((entry, entry.url, "ru", matches))
            if entries:
                # A real feed still holds the entry the last fetch saw: that overlap proves nothing
                # was missed in between (observed time). A poll with nothing new is "unchanged".
                carried = last_seen.get(index)
                last_seen[index] = (entries[-1][0], entries[-1][1], "ru", ())
                entries = ([carried] if carried else []) + entries
            store.record_poll(feed["id"], feed["url"], polled, ok=True, status=200, entries=entries,
                              state={"next_due": (polled + POLL).isoformat(timespec="seconds")}, duration_ms=300)
        if step % 48 == 0:
            store.db.conn.execute("COMMIT")
            done = step / steps
            elapsed = time.perf_counter() - began
            print(f"  building {path.parent.name}: day {step // 48} of {steps // 48}, "
                  f"{elapsed / done * (1 - done) / 60:.0f} min left", file=sys.stderr, flush=True)
            store.db.conn.execute("BEGIN")
    store.db.conn.execute("COMMIT")
    store.db.execute("PRAGMA optimize")
    store.close()
    temp.rename(path)
    (path.parent / "scale.json").write_text(json.dumps({"end": end.isoformat(), "weeks": weeks}), encoding="utf-8")


# --- timing whole processes --------------------------------------------------------------------


def run(args: list[str], config: Path, db: Path) -> tuple[float, float]:
    """Seconds and max RSS (MB) of one `monitor` process."""
    command = [sys.executable, "-m", "monitor", "--config", str(config), "--db", str(db), *args]
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - began
    if status != 0:
        raise SystemExit(f"{' '.join(args)} failed: {process.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pages(config: Path, db: Path, paths: dict[str, str]) -> tuple[dict[str, float], float]:
    """Seconds for the first GET of each page from a running `monitor serve`, and its max RSS."""
    port = free_port()
    command = [sys.executable, "-m", "monitor", "--config", str(config), "--db", str(db), "serve", "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/static-missing", timeout=1)
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.1)
        times = {}
        for name, path in paths.items():
            began = time.perf_counter()
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=600) as response:
                response.read()
            times[name] = time.perf_counter() - began
    finally:
        process.terminate()
    _, _, usage = os.wait4(process.pid, 0)
    return times, usage.ru_maxrss / 1024


def measure(scale: str, feed_count: int, weeks: int, article_count: int) -> dict[str, float]:
    folder = CACHE / scale
    db, config = folder / "monitor.db", folder / "config"
    # In its own process (see the module's note on max RSS): this one never holds the build's memory.
    preparing = multiprocessing.get_context("spawn").Process(
        target=prepare, args=(folder, feed_count, weeks, article_count))
    preparing.start()
    preparing.join()
    if preparing.exitcode != 0:
        raise SystemExit(f"preparing {db.relative_to(ROOT)} failed (exit code {preparing.exitcode})")
    end = datetime.fromisoformat(json.loads((folder / "scale.json").read_text())["end"])
    last_day = end.astimezone(ZoneInfo(TZ)).date() - timedelta(days=1)
    year, week, _ = last_day.isocalendar()
    label = f"{year}-W{week:02d}"
    figures: dict[str, float] = {}
    rss: dict[str, float] = {}
    baseline, rss["feeds-list"] = min(run(["feeds", "list"], config, db) for _ in range(2))
    for fmt in ("json", "html", "md"):
        name = f"report-week-{fmt}"
        figures[name], rss[name] = run(["report", "--week", label, "--format", fmt], config, db)
    figures["report-region"], rss["report-region"] = run(["report", "--week", label, "--region", "by-mogilev-oblast",
                                                          "--format", "json"], config, db)
    first = last_day - timedelta(weeks=52) + timedelta(days=1)
    figures["report-year"], rss["report-year"] = run(["report", "--from", first.isoformat(), "--to",
                                                      last_day.isoformat(), "--format", "json"], config, db)
    figures["feeds-status"], rss["feeds-status"] = run(["feeds", "status"], config, db)
    pid = "by-mogilev-oblast--ru-bryansk-oblast"
    times, rss["serve"] = pages(config, db, {"page-matrix": f"/?week={label}", "page-gaps": f"/partnerships?week={label}",
                                             "page-partnership": f"/partnerships/{pid}?week={label}"})
    figures.update(times)
    for name, seconds in figures.items():
        print(f"{name}@{scale}: {seconds:.2f} s ({seconds / baseline:.1f}x baseline)", flush=True)
    largest = max(rss, key=rss.get)
    figures["peak-rss"] = rss[largest]
    itself = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak-rss@{scale}: {rss[largest]:.0f} MB ({largest}; this script's own {itself:.0f} MB is the floor"
          f" under every figure)", flush=True)
    print(f"baseline@{scale}: {baseline:.2f} s (monitor feeds list: configuration and catalogue, no data)", flush=True)
    return figures


def prepare(folder: Path, feed_count: int, weeks: int, article_count: int) -> None:
    """Build the scale's database if it is not there, upgrade it, and forget its kept weekly results."""
    from monitor.store import Store

    db, config = folder / "monitor.db", folder / "config"
    if not db.exists():
        print(f"building {db.relative_to(ROOT)} ({feed_count} feeds, {weeks} weeks, {article_count} articles) ...",
              file=sys.stderr, flush=True)
        began = time.perf_counter()
        build(db, config, feed_count, weeks, article_count)
        print(f"  built in {(time.perf_counter() - began) / 60:.1f} min", file=sys.stderr, flush=True)
    Store(db).close()  # an upgrade's migrations (new indexes) run once here, not inside a timed command
    forget_weekly_results(db)


def forget_weekly_results(db: Path) -> None:
    """Start each run with no kept weekly results, so the first report computes its trend."""
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'week_results'").fetchone():
            conn.execute("DELETE FROM week_results")
            conn.commit()
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), help="run only this scale")
    parser.add_argument("--feeds", type=int, help="feeds (with --weeks and --articles: one custom scale)")
    parser.add_argument("--weeks", type=int)
    parser.add_argument("--articles", type=int)
    args = parser.parse_args()
    if args.feeds or args.weeks or args.articles:
        feeds, weeks, articles = (args.feeds or 300, args.weeks or 13, args.articles or 100_000)
        runs = [(scale_name(feeds, weeks, articles), feeds, weeks, articles)]
    else:
        runs = [(name, *SCALES[name]) for name in ([args.scale] if args.scale else SCALES)]
    results = {name: measure(name, *sizes) for name, *sizes in runs}
    if {"100k-13w", "1m-52w"} <= set(results):
        growth = results["1m-52w"]["report-week-json"] / results["100k-13w"]["report-week-json"]
        print(f"report-week-growth@13w-to-52w: {growth:.2f}x", flush=True)


if __name__ == "__main__":
    main()
