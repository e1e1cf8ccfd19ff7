"""Matching speed against an honest baseline, in-process and as whole `monitor match` processes.

The baseline is what a competent engineer would ship first: Snowball stems of every name word
(each distinct word stemmed once, then looked up), one Aho-Corasick automaton over the stemmed
text, and "both sides' stems appear" as the decision. Two corpora are built from the dev set's
sentences, a third is read from the checkout:

- everyday news: 60 % of articles name no catalogue entity, 30 % one side only, 10 % report a
  partnership (sentences are sorted by what the matcher finds in them), as a regional feed does;
- dense: random dev sentences, nearly all naming entities, so every article takes the full path;
- real-news items: the labelled probes in tests/data, each once (short: a title and a lead).

Three measurements, each printed with its ratio to the baseline measured the same way in the
same run (ratio > 1: the matcher is faster):

1. in-process: articles per second of CPU time, after both are loaded, on a first pass over the
   articles (each new word stemmed once, as a run over a file does) and on a second (everything
   memoised, as in a scheduler that has run for days);
2. whole process: wall time of `python -m monitor match --input FILE --jobs 1` against the
   baseline run as its own process on the same file (importing only what it uses: load the
   catalogue, build, match, print one JSON line per article), best of three, and the least CPU
   time (user + system) of the three, which swings less on a shared machine; with each
   process's peak memory (RSS). Both run from compiled bytecode, as an installed package does.
   Then `monitor match` as users run it, on every core (the baseline, written for one, stays on
   one): the figure a user waits for, not the matcher's own speed;
3. start-up: loading the compiled matcher from its cache (in-process), and a whole `monitor
   match` on a one-article file.

It prints figures; it asserts nothing. The dev set is found beside the checkout
(../shared/eval/dev.jsonl) or beside the folder of worktrees; a small built-in sample stands in
when neither exists.

    .venv/bin/python benchmarks/bench_match.py [--articles 2000]
"""

from __future__ import annotations

import argparse
import compileall
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import ahocorasick
import snowballstemmer

from monitor.config import load_catalogue
from monitor.records import ArticleText

if TYPE_CHECKING:
    from monitor.match import Matcher

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "config" / "catalogue"
DEV = next((parent / "shared" / "eval" / "dev.jsonl" for parent in ROOT.parents
            if (parent / "shared" / "eval" / "dev.jsonl").exists()), ROOT.parent / "shared" / "eval" / "dev.jsonl")
WORD = re.compile(r"\w+")
RUNS = 3


def _dev_items() -> list[dict]:
    if not DEV.exists():
        return [{"title": "Гомель и Кутаиси подписали соглашение", "content": "Гомель и Кутаиси подписали "
                 "соглашение о сотрудничестве. Погода в выходные будет теплой.", "labels": ["x"]}]
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


def _sentences(item: dict) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", item["content"]) if s] + [item["title"]]


def _fill(rng: random.Random, pool: list[str], body: list[str], size: int = 2000) -> list[str]:
    while sum(len(s) + 1 for s in body) < size:
        body.insert(rng.randrange(len(body) + 1), rng.choice(pool))
    return body


def dense_articles(count: int = 2000) -> list[ArticleText]:
    """~2 KB articles of random dev sentences: nearly every one names several catalogue entities,
    so nearly every one takes the full path. The worst case, not what a feed delivers."""
    sentences = [s for item in _dev_items() for s in _sentences(item)]
    rng = random.Random(7)
    return [ArticleText(id=str(i), title=rng.choice(sentences)[:120], content=" ".join(_fill(rng, sentences, [])))
            for i in range(count)]


def mixed_articles(matcher: Matcher, count: int = 2000, none: float = 0.6, one: float = 0.3) -> list[ArticleText]:
    """~2 KB articles mixed as everyday regional news is: most name no catalogue entity (`none`),
    many name one side only (`one`: a Belarusian town, a foreign capital), the rest report a
    partnership. Sentences are sorted by what the matcher finds in them, so "no entity" really
    means none."""
    items = _dev_items()
    neutral, single = [], []
    for item in items:
        for sentence in _sentences(item):
            named = {m.entity_id for m in matcher.entity_mentions(sentence)}
            (neutral if not named else single if len(named) == 1 else []).append(sentence)
    positives = [item for item in items if item["labels"]]
    neutral = neutral or ["Синоптики обещают теплую погоду."]
    rng = random.Random(11)
    out = []
    for index in range(count):
        roll = rng.random()
        if roll < none:
            body = []
        elif roll < none + one and single:
            body = [rng.choice(single)]
        else:
            item = rng.choice(positives)
            body = [s for s in re.split(r"(?<=[.!?])\s+", item["content"]) if s] or [item["title"]]
        out.append(ArticleText(id=str(index), title=rng.choice(neutral)[:120],
                               content=" ".join(_fill(rng, neutral, body))))
    return out


def probe_articles() -> list[ArticleText]:
    """The checkout's labelled real-news probes (tests/data/*.jsonl), each item once: written after
    reading regional outlets, short as most feeds' items are (a title and a lead), and never
    repeated, so memos help as little as they do on a real stream."""
    from monitor.inputs import read_articles

    return [article for path in sorted((ROOT / "tests" / "data").glob("*.jsonl")) for article in read_articles(path)]


class Baseline:
    """Snowball stems (each distinct word stemmed once) plus one automaton; no decisions."""

    def __init__(self, catalogue):
        self.stemmer = snowballstemmer.stemmer("russian")
        self.stems: dict[str, str] = {}
        self.automaton = ahocorasick.Automaton()
        self.pairs = {(p.a, p.b): p.id for p in catalogue.partnerships.values()}
        for entity in catalogue.entities.values():
            for name in entity.names.values():
                stemmed = self.stem(name)
                if len(stemmed) >= 4:
                    self.automaton.add_word(f" {stemmed} ", entity.id)
        self.automaton.make_automaton()

    def stem_word(self, word: str) -> str:
        stem = self.stems.get(word)
        if stem is None:
            stem = self.stems[word] = self.stemmer.stemWord(word)
        return stem

    def stem(self, text: str) -> str:
        return " ".join(map(self.stem_word, WORD.findall(text.lower().replace("ё", "е"))))

    def match(self, article: ArticleText) -> set[str]:
        text = f" {self.stem(article.title + ' ' + article.summary + ' ' + article.content)} "
        seen = {entity for _, entity in self.automaton.iter(text)}
        return {pid for (a, b), pid in self.pairs.items() if a in seen and b in seen}


def baseline_process(path: Path) -> None:
    """The baseline as a whole process, shaped like `monitor match`: load the catalogue, build,
    read the articles, print one JSON line per article."""
    from monitor.inputs import read_articles

    baseline = Baseline(load_catalogue(CATALOGUE))
    out = sys.stdout
    for article in read_articles(path):
        out.write(json.dumps({"id": article.id, "partnerships": sorted(baseline.match(article))}) + "\n")


def rate(function, items) -> float:
    """Articles per second of this process's CPU time: "one core", and steady on a busy machine
    where wall-clock figures swing with other processes."""
    start = time.process_time()
    for item in items:
        function(item)
    return len(items) / (time.process_time() - start)


# GNU time reports a process's own peak memory; a child's rusage from this process would count
# the pages it shared with this (large) process between fork and exec
GNU_TIME = shutil.which("time") or "/usr/bin/time"


def run(command: list[str]) -> tuple[float, float, float | None]:
    """(wall seconds, CPU seconds (user + system), peak RSS in MB or None when GNU time is
    missing) of one child process, its output discarded."""
    measured = Path(GNU_TIME).exists()
    full = [GNU_TIME, "-f", "%M %U %S"] + command if measured else command
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    child = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    wall = time.perf_counter() - start
    if child.returncode:
        raise SystemExit(f"{' '.join(command)} failed: {child.stderr.decode(errors='replace')[-500:]}")
    lines = child.stderr.decode(errors="replace").strip().splitlines()
    fields = lines[-1].split() if measured and lines else []
    if len(fields) == 3 and fields[0].isdigit():
        return wall, float(fields[1]) + float(fields[2]), int(fields[0]) / 1024
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # without GNU time: this child's share
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, None


def best_of(command: list[str]) -> tuple[float, float, float | None, list[float]]:
    """Best wall time of RUNS runs after one untimed warm-up (the least disturbed by other work on
    the machine), the least CPU time, the peak RSS of the fastest run, and every wall time. CPU
    time swings less than wall time when other work shares the machine."""
    run(command)
    runs = [run(command) for _ in range(RUNS)]
    wall, _, memory = min(runs, key=lambda r: r[0])
    return wall, min(cpu for _, cpu, _ in runs), memory, [w for w, _, _ in runs]


def _mb(memory: float | None) -> str:
    return f"{memory:.0f} MB" if memory is not None else "unknown (no GNU time)"


def write_jsonl(path: Path, articles: list[ArticleText]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            out.write(json.dumps({"id": a.id, "title": a.title, "summary": a.summary, "content": a.content},
                                 ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles per corpus (default 2000)")
    parser.add_argument("--baseline-match", type=Path, help=argparse.SUPPRESS)  # the baseline's own process
    args = parser.parse_args()
    if args.baseline_match:
        baseline_process(args.baseline_match)
        return
    # imported here, not above: the baseline's own process must not pay for loading the matcher
    from monitor.match import Matcher
    from monitor.match.many import default_jobs

    # An installed package has its bytecode compiled; a checkout run with PYTHONDONTWRITEBYTECODE
    # (as some machines set) would compile every module in every timed process, the matcher's
    # many more than the baseline's, and time Python's compiler instead
    compileall.compile_dir(ROOT / "monitor", quiet=1)
    catalogue = load_catalogue(CATALOGUE)
    cache = Path(tempfile.mkdtemp(prefix="bench-match-"))
    try:
        start = time.perf_counter()
        Matcher.compile(catalogue, cache=cache)
        cold = time.perf_counter() - start
        loads, load_cpu = [], []
        for _ in range(RUNS):
            start, cpu = time.perf_counter(), time.process_time()
            matcher = Matcher.compile(catalogue, cache=cache)
            loads.append(time.perf_counter() - start)
            load_cpu.append(time.process_time() - cpu)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    start = time.perf_counter()
    baseline = Baseline(catalogue)
    baseline_compile = time.perf_counter() - start
    print(f"dev set: {DEV if DEV.exists() else 'not found; a built-in sample stands in'}")
    print(f"compile: cold {cold:.2f} s; load of the compiled matcher from its cache {min(loads):.3f} s, "
          f"{min(load_cpu):.3f} s of CPU (best of {RUNS}; target < 0.3 s); baseline build {baseline_compile:.2f} s")

    corpora = (("everyday news (60% no entity, 30% one side, 10% a partnership)", "everyday",
                mixed_articles(matcher, args.articles)),
               ("dense (every sentence names entities)", "dense", dense_articles(args.articles)),
               ("real-news items as feeds carry them (the labelled probes in tests/data: titles and leads, "
                "each once)", "probes", probe_articles()))
    folder = Path(tempfile.mkdtemp(prefix="bench-match-"))
    try:
        Matcher.compile(catalogue)  # the default cache the command reads, built once before timing
        one = folder / "one.jsonl"
        write_jsonl(one, corpora[0][2][:1])
        ours_cmd = [sys.executable, "-m", "monitor", "--config", str(ROOT / "config"), "match", "--input"]
        theirs_cmd = [sys.executable, str(Path(__file__).resolve()), "--baseline-match"]
        start_ours, cpu_ours, memory_one, _ = best_of(ours_cmd + [str(one)])
        start_theirs, cpu_theirs, _, _ = best_of(theirs_cmd + [str(one)])
        print(f"start-up, whole `monitor match` on one article: {start_ours:.2f} s ({cpu_ours:.2f} s of CPU), "
              f"peak {_mb(memory_one)}; baseline process {start_theirs:.2f} s ({cpu_theirs:.2f} s of CPU)")
        for label, name, items in corpora:
            size = sum(len(Matcher.text_of(a)) for a in items) / len(items)
            matcher.match(items[0]), baseline.match(items[0])  # warm both up
            ours = rate(matcher.match, items)
            theirs = rate(baseline.match, items)
            # the same articles again: every word's stem is now memoised, as in a scheduler that
            # has run for days (a file's first pass pays for stemming each new word once)
            ours_warm = rate(matcher.match, items)
            theirs_warm = rate(baseline.match, items)
            path = folder / f"{name}.jsonl"
            write_jsonl(path, items)
            ours_wall, ours_cpu, ours_memory, ours_runs = best_of(ours_cmd + [str(path), "--jobs", "1"])
            cores_wall, cores_cpu, _, cores_runs = best_of(ours_cmd + [str(path)])
            theirs_wall, theirs_cpu, theirs_memory, theirs_runs = best_of(theirs_cmd + [str(path)])
            print(f"\n{label}: {len(items)} articles, mean {size:,.0f} characters")
            print(f"  in-process: matcher {ours:,.0f} articles/s, baseline {theirs:,.0f} articles/s "
                  f"(memoised Snowball stems + one automaton); ratio {ours / theirs:.2f}x")
            print(f"  in-process, warm (a second pass: every stem and look-up already memoised): matcher "
                  f"{ours_warm:,.0f} articles/s, baseline {theirs_warm:,.0f} articles/s; ratio {ours_warm / theirs_warm:.2f}x")
            print(f"  whole process: monitor match {ours_wall:.2f} s (runs {', '.join(f'{w:.2f}' for w in ours_runs)}), "
                  f"peak {_mb(ours_memory)}; baseline {theirs_wall:.2f} s "
                  f"(runs {', '.join(f'{w:.2f}' for w in theirs_runs)}), peak {_mb(theirs_memory)}; "
                  f"ratio {theirs_wall / ours_wall:.2f}x")
            print(f"  whole process, CPU time: monitor match {ours_cpu:.2f} s, baseline {theirs_cpu:.2f} s; "
                  f"ratio {theirs_cpu / ours_cpu:.2f}x")
            print(f"  whole process on every core ({default_jobs()}; the baseline has one): monitor match "
                  f"{cores_wall:.2f} s (runs {', '.join(f'{w:.2f}' for w in cores_runs)}), {cores_cpu:.2f} s of CPU; "
                  f"ratio {theirs_wall / cores_wall:.2f}x")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
