"""Matching speed: articles per second on one core for ~2 KB articles, against a simple baseline.

The baseline is what one would write first: Snowball stems of every name word, one Aho-Corasick
automaton over the stemmed text, and "both sides' stems appear" as the decision. Both run in the
same process on the same articles, timed in CPU time, for two corpora built from the dev set's
sentences:

- mixed news: 60 % of articles name no catalogue entity, 30 % one side only, 10 % report a
  partnership (sentences are sorted by what the matcher finds in them), as a regional feed does;
- dense: random dev sentences, nearly all naming entities, so every article takes the full path.

It prints figures and ratios; it asserts nothing. Also compile time, cold and from the cache.

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
    """~2 KB articles mixed as regional news is: most name no catalogue entity (`none`), many name
    one side only (`one`: a Belarusian town, a foreign capital), the rest report a partnership.

    Sentences are sorted by what the matcher finds in them, so "no entity" really means none."""
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
    """Articles per second of this process's CPU time: "one core", and steady on a busy machine
    where wall-clock figures swing with other processes."""
    start = time.process_time()
    for item in items:
        function(item)
    return len(items) / (time.process_time() - start)


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

    print(f"compile: cold {cold:.2f} s, warm (from cache) {warm:.2f} s; baseline {baseline_compile:.2f} s")
    for label, items in (("mixed news (60% no entity, 30% one side, 10% a partnership)", mixed_articles(matcher)),
                         ("dense (every sentence names entities)", dense_articles())):
        size = sum(len(Matcher.text_of(a)) for a in items) / len(items)
        matcher.match(items[0]), baseline.match(items[0])  # warm both up
        ours = rate(matcher.match, items)
        theirs = rate(baseline.match, items)
        print(f"\n{label}: {len(items)} articles, mean {size:,.0f} characters")
        print(f"  matcher:  {ours:,.0f} articles/s")
        print(f"  baseline: {theirs:,.0f} articles/s (Snowball stems + one Aho-Corasick automaton)")
        print(f"  ratio matcher/baseline: {ours / theirs:.2f}x; target >= 5,000 articles/s")

if __name__ == "__main__":
    main()
