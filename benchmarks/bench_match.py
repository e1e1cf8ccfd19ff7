"""Matching speed: articles per second on one core for ~2 KB articles, against a simple baseline.

The baseline is what one would write first: Snowball stems of every name word, one Aho-Corasick
automaton over the stemmed text, and "both sides' stems appear" as the decision. It prints figures;
it asserts nothing.

    /tmp/venv/bin/python benchmarks/bench_match.py
"""

from __future__ import annotations

import json
import random
import re
import shutil
import tempfile
import time
from pathlib import Path

import ahocorasick
import snowballstemmer

from monitor.config import load_catalogue
from monitor.match import Matcher
from monitor.records import ArticleText

ROOT = Path(__file__).resolve().parent.parent
DEV = Path("/work/shared/eval/dev.jsonl")
WORD = re.compile(r"\w+")


def articles(count: int = 2000) -> list[ArticleText]:
    """~2 KB articles built from the dev set's sentences, so names and cues occur as in news."""
    sentences = []
    if DEV.exists():
        for line in DEV.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            sentences += re.split(r"(?<=[.!?])\s+", item["content"]) + [item["title"]]
    sentences = [s for s in sentences if s] or ["Гомель и Кутаиси подписали соглашение о сотрудничестве."]
    rng = random.Random(7)
    out = []
    for index in range(count):
        body = []
        while sum(len(s) + 1 for s in body) < 2000:
            body.append(rng.choice(sentences))
        out.append(ArticleText(id=str(index), title=rng.choice(sentences)[:120], content=" ".join(body)))
    return out


class Baseline:
    """Snowball stems plus one automaton; no cases beyond what stemming gives, no decisions."""

    def __init__(self, catalogue):
        self.stemmers = {"ru": snowballstemmer.stemmer("russian"), "en": snowballstemmer.stemmer("english")}
        self.automaton = ahocorasick.Automaton()
        self.pairs = {(p.a, p.b): p.id for p in catalogue.partnerships.values()}
        for entity in catalogue.entities.values():
            for lang, name in entity.names.items():
                stemmed = self.stem(name)
                if len(stemmed) >= 4:
                    self.automaton.add_word(f" {stemmed} ", entity.id)
        self.automaton.make_automaton()

    def stem(self, text: str) -> str:
        words = WORD.findall(text.lower().replace("ё", "е"))
        return " ".join(self.stemmers["ru"].stemWords(words))

    def match(self, article: ArticleText) -> set[str]:
        text = f" {self.stem(article.title + ' ' + article.summary + ' ' + article.content)} "
        seen = {entity for _, entity in self.automaton.iter(text)}
        return {pid for (a, b), pid in self.pairs.items() if a in seen and b in seen}


def rate(function, items) -> float:
    start = time.perf_counter()
    for item in items:
        function(item)
    return len(items) / (time.perf_counter() - start)


def main() -> None:
    catalogue = load_catalogue(ROOT / "config" / "catalogue")
    cache = Path(tempfile.mkdtemp(prefix="bench-match-"))
    try:
        start = time.perf_counter()
        Matcher.compile(catalogue, cache=cache)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        matcher = Matcher.compile(catalogue, cache=cache)
        warm = time.perf_counter() - start
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    start = time.perf_counter()
    baseline = Baseline(catalogue)
    baseline_compile = time.perf_counter() - start

    items = articles()
    size = sum(len(Matcher.text_of(a).encode()) for a in items) / len(items)
    matcher.match(items[0]), baseline.match(items[0])  # warm both up
    ours = rate(matcher.match, items)
    theirs = rate(baseline.match, items)
    print(f"articles: {len(items)}, mean size {size / 1024:.1f} KB (UTF-8)")
    print(f"compile: cold {cold:.2f} s, warm (from cache) {warm:.2f} s; baseline {baseline_compile:.2f} s")
    print(f"matcher:  {ours:,.0f} articles/s")
    print(f"baseline: {theirs:,.0f} articles/s (Snowball stems + one Aho-Corasick automaton)")
    print(f"ratio matcher/baseline: {ours / theirs:.2f}x; target >= 5,000 articles/s")


if __name__ == "__main__":
    main()
