"""Measuring the matcher against labelled articles: `monitor eval --input LABELLED.jsonl`.

`evaluate` and `format_eval` are pure; the click command only reads the file and prints. A labelled
line is an article (`id`, `title`, `summary`, `content`, `lang`) with `labels`, the partnership ids
it covers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


from .errors import InputError
from .inputs import article, read_objects
from .records import ArticleText, Match


@dataclass(frozen=True)
class Labelled:
    article: ArticleText
    labels: frozenset[str]


@dataclass(frozen=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "Score") -> "Score":
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True)
class Miss:
    article_id: str
    partnership_id: str
    title: str
    detail: str  # for a false alarm, the evidence; for a miss, the entities the matcher saw


@dataclass(frozen=True)
class EvalResult:
    overall: Score
    by_language: dict[str, Score] = field(default_factory=dict)
    by_level: dict[str, Score] = field(default_factory=dict)
    # organisations (named as people write them: acronyms, short and other-language names),
    # states, and territories, each scored on its own
    by_party: dict[str, Score] = field(default_factory=dict)
    misses: tuple[Miss, ...] = ()
    false_alarms: tuple[Miss, ...] = ()
    articles: int = 0


def read_labelled(path: Path | str) -> list[Labelled]:
    """Labelled articles from JSON Lines; a bad line raises InputError naming it."""
    items = []
    for where, raw in read_objects(Path(path)):
        if not isinstance(raw.get("labels"), list):
            raise InputError(f"{where}: a labelled article needs a 'labels' list of partnership ids")
        items.append(Labelled(article(raw, where), frozenset(map(str, raw["labels"]))))
    return items


def evaluate(matcher, items: list[Labelled]) -> EvalResult:
    """Score the matcher's answers against the labels, overall, per language and per level."""
    catalogue = matcher.catalogue
    levels = {pid: p.level for pid, p in catalogue.partnerships.items()}
    parties = {pid: _party_kind(catalogue, p.a, p.b) for pid, p in catalogue.partnerships.items()}
    overall = Score()
    by_language: dict[str, Score] = {}
    by_level: dict[str, Score] = {}
    by_party: dict[str, Score] = {}
    misses, alarms = [], []
    for item in items:
        found: dict[str, Match] = {m.partnership_id: m for m in matcher.match(item.article)}
        lang = item.article.lang or "?"
        for pid in sorted(set(found) | item.labels):  # one order every run, for diffs
            hit = Score(tp=1) if pid in found and pid in item.labels else (
                Score(fp=1) if pid in found else Score(fn=1))
            overall += hit
            by_language[lang] = by_language.get(lang, Score()) + hit
            level = levels.get(pid, "?")
            by_level[level] = by_level.get(level, Score()) + hit
            party = parties.get(pid, "?")
            by_party[party] = by_party.get(party, Score()) + hit
            if hit.fp:
                ev = found[pid].evidence[0] if found[pid].evidence else None
                detail = (f"{ev.a.text!r} + {ev.b.text!r} cues {', '.join(ev.cues)}: {ev.sentence[:200]}"
                          if ev else "")
                alarms.append(Miss(item.article.id, pid, item.article.title, detail))
            elif hit.fn:
                seen = sorted({m.entity_id for m in matcher.entity_mentions(matcher.text_of(item.article))})
                misses.append(Miss(item.article.id, pid, item.article.title, "saw: " + ", ".join(seen)))
    return EvalResult(overall=overall, by_language=dict(sorted(by_language.items())),
                      by_level=dict(sorted(by_level.items())), by_party=dict(sorted(by_party.items())),
                      misses=tuple(misses),
                      false_alarms=tuple(alarms), articles=len(items))


def _party_kind(catalogue, a: str, b: str) -> str:
    """"organisations" when a side is an organisation, "states" when a side is a state, else
    "territories"."""
    kinds = {getattr(catalogue.entities.get(side), "kind", None) for side in (a, b)}
    return "organisations" if "organization" in kinds else "states" if "country" in kinds else "territories"


def _row(name: str, score: Score) -> str:
    return (f"{name:<18} P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}"
            f"   (tp {score.tp}, fp {score.fp}, fn {score.fn})")


def format_eval(result: EvalResult) -> str:
    lines = [f"{result.articles} articles", _row("overall", result.overall), "", "per language:"]
    lines += ["  " + _row(lang, score) for lang, score in result.by_language.items()]
    lines += ["", "per partnership level:"]
    lines += ["  " + _row(level, score) for level, score in result.by_level.items()]
    lines += ["", "per kind of party:"]
    lines += ["  " + _row(party, score) for party, score in result.by_party.items()]
    lines += ["", f"misses ({len(result.misses)}):"]
    lines += [f"  {m.article_id} {m.partnership_id} | {m.title[:80]} | {m.detail}" for m in result.misses]
    lines += ["", f"false alarms ({len(result.false_alarms)}):"]
    lines += [f"  {m.article_id} {m.partnership_id} | {m.title[:80]} | {m.detail}" for m in result.false_alarms]
    return "\n".join(lines)
