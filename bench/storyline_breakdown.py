"""Why storylines miss: for a gold partition of articles into stories, which events mix two stories, which gold
stories are split over several storylines (and what kept their closest pair of events apart), and which storylines
merge two gold stories (and through which pair of events).

Used by ``bench/storylines.py --explain``. Pair similarities are the linking's own (``StorylineIndex``: the
weighted mean of the idf-weighted body, headline and entity cosines of the events' summed rows), recomputed for
every pair of events with every event kept open, with the document frequencies passed in; for a store's events
those are the batch ones, so a figure may differ a little from the one the store saw when it linked.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

import numpy as np

from storyline.events.storylines import StorylineIndex
from storyline.features import SUBSPACES
from storyline.model import Article, Event, Storyline


class PairTable:
    """Every pair of ``events``: combined similarity and its three parts, the gap in days between their date
    ranges (NaN when either is undated), and whether they share a blocking key."""

    def __init__(self, events: Sequence[Event], articles: Sequence[Article], idf: Mapping) -> None:
        self.options = StorylineIndex().options
        # Nothing closes: an index whose window spans any stream keeps every event's rows and keys.
        index = StorylineIndex(window_days=1e9)
        ordered = sorted(events, key=lambda e: (e.start is None, e.start or "", e.id))
        index.update(ordered, articles, idf=idf)
        self.ids = [e.id for e in ordered]
        self.position = {e: i for i, e in enumerate(self.ids)}
        self.size = {e.id: len(e.article_ids) for e in ordered}
        vectors = index._vectors(self.ids, idf)
        self.parts = [(v @ v.T).toarray() for v in vectors]
        has = [np.diff(v.indptr) > 0 for v in vectors]
        weights = self.options.weights
        total = sum(w * p for w, p in zip(weights, self.parts))
        mass = sum(w * np.outer(h, h) for w, h in zip(weights, has))
        self.similarity = total / np.where(mass > 0, mass, 1.0)
        days = np.array([index._days[e] for e in self.ids])
        gap = np.fmax(np.fmax(days[None, :, 0] - days[:, None, 1], days[:, None, 0] - days[None, :, 1]), 0.0)
        undated = np.isnan(days[:, 0])
        gap[undated[:, None] | undated[None, :]] = np.nan
        self.gap = gap
        keys = [set(index._keys.get(e, ())) for e in self.ids]
        self.shares_key = np.array([[bool(a & b) for b in keys] for a in keys])
        # Whether an event names one of the other's keys: how a small report finds the events it may join.
        entities = SUBSPACES.index("entities")
        names = [{int(c) for c in index._profiles[e][entities][0]} for e in self.ids]
        self.names_key = np.array([[bool(a & b) for b in keys] for a in names])

    def describe(self, a: str, b: str) -> str:
        i, j = self.position[a], self.position[b]
        body, title, names = (p[i, j] for p in self.parts)
        gap = "undated" if math.isnan(self.gap[i, j]) else f"{self.gap[i, j]:.0f} days apart"
        return (
            f"{self.size[a]} + {self.size[b]} articles, similarity {self.similarity[i, j]:.2f} "
            f"(body {body:.2f}, headline {title:.2f}, entities {names:.2f}), {gap}"
        )

    def blocked_by(self, a: str, b: str) -> str:
        """What keeps the pair unlinked under the linking rule (or 'nothing': linked through others or not)."""
        i, j = self.position[a], self.position[b]
        reasons = []
        dated = not math.isnan(self.gap[i, j])
        if dated and self.gap[i, j] > self.options.window_days:
            reasons.append(f"outside the {self.options.window_days:.0f}-day window")
        if not self.shares_key[i, j]:
            reasons.append("no shared key entity")
        threshold = self.options.threshold if dated else self.options.undated_threshold
        if self.similarity[i, j] < threshold:
            reasons.append(f"below the {'' if dated else 'undated '}threshold {threshold}")
        small = min(self.size[a], self.size[b]) <= self.options.lone_size
        if reasons and dated and small and self.gap[i, j] <= self.options.window_days:
            if self.size[a] == self.size[b]:
                reasons.append("and two small reports of one size (one joins only a larger event)")
            else:
                reasons.append(f"and, for a small report, below {self.options.lone_threshold} or not its closest event")
        return ", ".join(reasons) or "nothing"


def explain(
    title: str,
    articles: Sequence[Article],
    gold_of: Mapping[str, str],
    events: Sequence[Event],
    storylines: Sequence[Storyline],
    idf: Mapping,
) -> None:
    """Print the breakdown of one run as Markdown."""
    pairs = PairTable(events, articles, idf)
    story_of_event = {e: s.id for s in storylines for e in s.event_ids}
    mix = {e.id: Counter(gold_of[a] for a in e.article_ids if a in gold_of) for e in events}
    majority = {e: counts.most_common(1)[0][0] for e, counts in mix.items() if counts}
    print(f"\n#### {title}\n")
    impure = [e for e in events if len(mix[e.id]) > 1]
    print(f"Events mixing gold stories: {len(impure)} of {len(events)}")
    for event in impure:
        print(f"- {dict(mix[event.id].most_common())}: {event.title[:70]!r}")
    gold_events: dict[str, list[str]] = defaultdict(list)
    for event_id, gold in majority.items():
        gold_events[gold].append(event_id)
    print("\nGold stories split over storylines (the closest pair of events across the split, and what kept it apart):")
    for gold, members in sorted(gold_events.items()):
        by_story: dict[str, list[str]] = defaultdict(list)
        for event_id in members:
            by_story[story_of_event[event_id]].append(event_id)
        if len(by_story) < 2:
            continue
        groups = list(by_story.values())
        for k, group in enumerate(groups[1:], start=1):
            others = [e for g in groups[:k] for e in g]
            a, b = max(
                ((x, y) for x in group for y in others),
                key=lambda p: pairs.similarity[pairs.position[p[0]], pairs.position[p[1]]],
            )
            print(f"- {gold}: {pairs.describe(a, b)}; blocked: {pairs.blocked_by(a, b)}")
    print("\nStorylines holding events of two gold stories (the closest such pair):")
    for storyline in storylines:
        golds = {majority[e] for e in storyline.event_ids if e in majority}
        if len(golds) < 2:
            continue
        a, b = max(
            (
                (x, y)
                for x in storyline.event_ids
                for y in storyline.event_ids
                if x in majority and y in majority and majority[x] < majority[y]
            ),
            key=lambda p: pairs.similarity[pairs.position[p[0]], pairs.position[p[1]]],
        )
        print(f"- {majority[a]} / {majority[b]}: {pairs.describe(a, b)}")


def fused_topics(
    articles: Sequence[Article],
    gold_of: Mapping[str, str],
    topic_of: Mapping[str, object],
    events: Sequence[Event],
    storylines: Sequence[Storyline],
) -> None:
    """Print the topics whose two gold events share a majority storyline, and whether one event already held
    both (the event stage) or linking joined them."""
    event_of = {a: e.id for e in events for a in e.article_ids}
    story_of = {e: s.id for s in storylines for e in s.event_ids}
    titles = {e.id: e.title for e in events}
    counts: dict = defaultdict(lambda: defaultdict(Counter))
    for article in articles:
        counts[topic_of[article.id]][gold_of[article.id]][event_of[article.id]] += 1
    print("\nTopics whose two gold events share a storyline:")
    for topic, by_gold in sorted(counts.items(), key=lambda item: str(item[0])):
        main_event = {gold: c.most_common(1)[0][0] for gold, c in by_gold.items()}
        stories = {}
        for gold, c in by_gold.items():
            per_story: Counter = Counter()
            for event_id, n in c.items():
                per_story[story_of[event_id]] += n
            stories[gold] = per_story.most_common(1)[0][0]
        if len(set(stories.values())) == len(stories):
            continue
        stage = "one event holds both" if len(set(main_event.values())) < len(main_event) else "linked"
        first = next(iter(main_event.values()))
        print(f"- topic {topic} ({stage}): {titles[first][:70]!r}")
