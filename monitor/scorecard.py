"""The outlet scorecard: how much each outlet in scope writes about partnerships, and which of its
territory's partnerships it covered or left as gaps, window by window. Pure.

An outlet is its feeds together (a paper with a news feed and a region feed is one outlet). It
*watches* the partnerships its feeds watch (coverage.watching_feeds); in a window it covered one when
any of its feeds carried a story on it, left it as a gap when its feeds were collected and carried
none, and says nothing of it when its feeds were not collected. The story counts come from the store
(`Store.outlet_counts`), by the same story time coverage uses.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

from .records import CoverageReport, Feed, OutletScore, OutletWeek, WeekCounts, Window


def outlet_groups(feeds: Iterable[Feed]) -> dict[str, tuple[Feed, ...]]:
    """Enabled feeds by outlet name, keyed by the outlet's first feed id."""
    by_name: dict[str, list[Feed]] = {}
    for feed in feeds:
        if feed.enabled:
            by_name.setdefault(feed.outlet, []).append(feed)
    groups = [tuple(sorted(group, key=lambda f: f.id)) for group in by_name.values()]
    return {group[0].id: group for group in sorted(groups, key=lambda g: g[0].id)}


class _WeekIndex:
    """One window's report indexed by feed, so each outlet reads only the partnerships its feeds
    watch instead of every partnership: outlets times partnerships made a trend of 300 outlets
    cost over a second."""

    def __init__(self, report: CoverageReport):
        self.report = report
        self.watched: dict[str, list[int]] = {}  # feed id: positions in report.partnerships
        self.unobserved: dict[str, float] = {}  # hours of the window each feed was not collected
        self.story_feeds, self.outage_feeds = [], []
        for position, item in enumerate(report.partnerships):
            for outage in item.outages:
                self.unobserved[outage.feed_id] = outage.hours
            for feed_id in item.watching_feeds:
                self.watched.setdefault(feed_id, []).append(position)
            self.story_feeds.append({story.feed_id for story in item.stories})
            self.outage_feeds.append({outage.feed_id for outage in item.outages})

    def outlet_week(self, feed_ids: set[str], counts: tuple[int, int]) -> OutletWeek:
        covered, gaps, missed = [], [], []
        for position in sorted({p for feed_id in feed_ids for p in self.watched.get(feed_id, ())}):
            pid = self.report.partnerships[position].partnership.id
            if feed_ids & self.story_feeds[position]:
                covered.append(pid)
            elif feed_ids & self.outage_feeds[position]:
                missed.append(pid)
            else:
                gaps.append(pid)
        return OutletWeek(self.report.window, counts[0], counts[1], tuple(covered), tuple(gaps), tuple(missed),
                          observed_share(self.report.window, [self.unobserved.get(f, 0.0) for f in feed_ids]))


def observed_share(window: Window, unobserved_hours: Sequence[float]) -> float | None:
    """How much of a window an outlet's feeds were collected, on average: over a year's window, how
    much of the year the report can speak for. A feed collected within the tolerance counts whole."""
    hours = ((window.end - window.start).days + 1) * 24
    if not unobserved_hours:
        return None
    return sum(1 - min(missed, hours) / hours for missed in unobserved_hours) / len(unobserved_hours)


def outlet_scores(history: Sequence[CoverageReport], feeds: Iterable[Feed],
                  counts: Mapping[tuple[str, int], tuple[int, int]]) -> list[OutletScore]:
    """A scorecard per outlet in scope: one that watches a partnership of the report (an
    outlet-scoped report keeps only that outlet's). `history` is the windows oldest first, the
    report's last; `counts` is Store.outlet_counts from the first window's start, in window steps.
    Belarusian outlets first, then the partner side; within each, the highest share first."""
    report = history[-1]
    watching = {feed_id for item in report.partnerships for feed_id in item.watching_feeds}
    indexes = [_WeekIndex(week_report) for week_report in history]
    scores = []
    for outlet_id, group in outlet_groups(feeds).items():
        feed_ids = {feed.id for feed in group}
        if not feed_ids & watching:
            continue
        weeks = []
        for number, index in enumerate(indexes):
            pair = [sum(counts.get((feed_id, number), (0, 0))[i] for feed_id in feed_ids) for i in (0, 1)]
            weeks.append(index.outlet_week(feed_ids, (pair[0], pair[1])))
        scores.append(OutletScore(outlet_id, group[0].outlet, group[0].country, tuple(sorted(feed_ids)), tuple(weeks)))
    return sorted(scores, key=lambda s: (s.country != "BY", -(s.now.share or 0), s.outlet))


def week_counts(score: OutletScore) -> list[WeekCounts]:
    """An outlet's partnerships per window as covered, gap or not collected: its chart's bars."""
    return [WeekCounts(w.window, len(w.covered), len(w.gaps), len(w.not_collected)) for w in score.weeks]
