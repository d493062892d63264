"""``EventIndex``: topics (first level) and the events inside them (second level), online or built in one batch."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from storyline.events import state
from storyline.events.copies import CopyKeys
from storyline.events.days import article_days, stream_order
from storyline.events.layer import EventLayer
from storyline.events.options import EventOptions
from storyline.events.records import EventRecord, entries_of
from storyline.events.refine import refine
from storyline.events.split import split_topics
from storyline.events.topics import Corpus, TopicStream
from storyline.events.vectors import Idf, weighted_unit
from storyline.features import SUBSPACES, ArticleFeatures, featurize
from storyline.model import Article, CopyGroup, Event


class EventIndex:
    """Online clustering: each new article joins an existing event or starts one (date order, time window).

    >>> index = EventIndex()
    >>> changed = index.add([Article(id="a", text="A fire destroyed the old mill in Dunmore on Monday.")])
    >>> [event.article_ids for event in index.events()]
    [['a']]
    """

    def __init__(self, **options: object) -> None:
        self.options = EventOptions.from_mapping(options)
        self._topics = TopicStream(self.options)
        # With two levels the topics are broad and the events are their splits; with one, topics are the events.
        self._layer = EventLayer(self.options) if self.options.two_level else None
        self._copies = CopyKeys()

    @classmethod
    def _of(cls, options: EventOptions, topics: TopicStream, layer: EventLayer | None, copies: CopyKeys) -> EventIndex:
        index = cls.__new__(cls)
        index.options, index._topics, index._copies = options, topics, copies
        index._layer = layer if options.two_level else None
        return index

    def add(
        self,
        articles: Sequence[Article],
        *,
        copy_group_of: Mapping[str, str] | None = None,
        features: ArticleFeatures | None = None,
    ) -> list[Event]:
        """Cluster ``articles`` into the index; return the events created or changed, oldest first.

        Articles already in the index (by id) are skipped. Articles sharing a copy group id in ``copy_group_of``
        (article id -> copy group id) land in one event, also across calls. ``features``:
        ``storyline.features.featurize(articles)`` when the caller has it already (same bits).
        """
        copy_group_of = copy_group_of or {}
        fresh: list[int] = []
        seen: set[str] = set()
        for position, article in enumerate(articles):
            if not isinstance(article, Article):
                raise ValueError(f"expected Article objects, got {type(article).__name__}")
            if article.id in self._topics.topic_of_article or article.id in seen:
                continue
            seen.add(article.id)
            fresh.append(position)
        if not fresh:
            return []
        if features is not None and features.body.shape != (len(articles), 1 << self.options.bits):
            raise ValueError("features must have one row per article and the index's number of bits")
        batch = [articles[i] for i in fresh]
        rows = None if features is None else features.take(fresh)
        changed_sets = self._copies.link(copy_group_of)
        keyed = {a.id: key for a in batch if (key := self._copies.key_of(a.id) or copy_group_of.get(a.id))}
        # The copy groups' topics and events this call looks up, read from a saved index in one go.
        self._topics.topic_of_copy_group.prefetch(keyed.values())
        if self._layer is not None:
            self._layer.copy_event.prefetch(keyed.values())
        changed, resplit = self._keep_copies_together(changed_sets)
        if self._layer is None:
            changed |= self._topics.cluster(batch, keyed, rows)
            return [self._topics.records[index].to_event() for index in sorted(changed)]
        rows = featurize(batch, bits=self.options.bits) if rows is None else rows
        n_before = len(self._topics.records)
        touched = self._topics.cluster(batch, keyed, rows) | resplit
        days, known = article_days(batch)
        entries = entries_of([a.id for a in batch], [a.outlet for a in batch], rows, days, known)
        changed |= self._layer.update(self._topics, entries, rows, keyed, touched, n_before)
        records = self._layer.records
        return [records[index].to_event() for index in sorted(changed) if records[index].article_ids]

    def _keep_copies_together(self, changed_sets: dict[str, list[str]]) -> tuple[set[int], set[int]]:
        """Copies already in the index whose sets grew or merged go into one topic and one event; returns the
        changed event records (topics with one level) and the topics to split again."""
        topics, layer = self._topics, self._layer
        for retired in self._copies.retired:
            topics.topic_of_copy_group.pop(retired, None)
            if layer is not None:
                layer.copy_event.pop(retired, None)
        changed: set[int] = set()
        resplit: set[int] = set()
        for key, article_ids in changed_sets.items():
            indexed = [a for a in article_ids if a in topics.topic_of_article]
            if not indexed:
                continue
            holding = {topics.topic_of_article[a] for a in indexed}
            if len(holding) > 1:
                target, sources = topics.merge(holding)
                if layer is None:
                    changed |= {target, *sources}
                else:
                    layer.topics_merged(target, sources)
                    resplit.add(target)
            topic = topics.topic_of_article[indexed[0]]
            topics.topic_of_copy_group[key] = topic
            if layer is not None:
                events_before = {layer.event_of_article[a] for a in indexed}
                moved = layer.keep_together(topic, key, indexed, topics.stream_day, topics.idf()["title"])
                changed |= moved
                if not moved and len(events_before) > 1:
                    resplit.add(topic)
        return changed, resplit

    def events(self) -> list[Event]:
        """Every event so far, oldest first (by first date, then id)."""
        records = sorted(self._event_records(), key=lambda r: (r.first_day(), r.id))
        return [record.to_event() for record in records if record.article_ids]

    def idf(self) -> dict[str, Idf]:
        """Per subspace, the inverse document frequencies of the articles seen so far (``idf[name][columns]``),
        so that later stages weigh terms as the events do."""
        return self._topics.idf()

    def event_of(self, article_id: str) -> str | None:
        """The id of the event holding ``article_id``, or None."""
        if self._layer is None:
            index = self._topics.topic_of_article.get(article_id)
        else:
            index = self._layer.event_of_article.get(article_id)
        return None if index is None else self._event_records()[index].id

    def _event_records(self) -> list[EventRecord]:
        return self._topics.records if self._layer is None else self._layer.records

    @classmethod
    def from_articles(
        cls, articles: Sequence[Article], *, copy_groups: Sequence[CopyGroup] = (), **options: object
    ) -> EventIndex:
        """Batch mode: cluster all ``articles`` at once (see ``cluster_events``) and return an index holding the
        result, ready to take later articles online (what a store's rebuild does)."""
        settings = EventOptions.from_mapping(options)
        copies = CopyKeys()
        copies.link({a: group.id for group in copy_groups for a in group.article_ids})
        return cls._of(settings, *_cluster_batch(articles, copy_groups, settings), copies)

    def to_state(self) -> bytes:
        """The index as bytes (see ``storyline.events.state``)."""
        return state.encode(self.options, self._topics, self._layer, self._copies)

    @classmethod
    def from_state(cls, data: bytes) -> EventIndex:
        """Rebuild an index saved with ``to_state``."""
        return cls._of(*state.decode(data))


def _cluster_batch(
    articles: Sequence[Article], copy_groups: Sequence[CopyGroup], options: EventOptions
) -> tuple[TopicStream, EventLayer | None]:
    """Batch mode: the date-ordered pass with corpus-wide document frequencies, then (``refine_rounds``) every
    article moved to its most similar topic once all are known, then (two levels) every topic split."""
    topics = TopicStream(options)
    layer = EventLayer(options) if options.two_level else None
    unique: dict[str, Article] = {}
    for article in articles:
        if not isinstance(article, Article):
            raise ValueError(f"expected Article objects, got {type(article).__name__}")
        unique.setdefault(article.id, article)
    corpus = list(unique.values())
    if not corpus:
        return topics, layer
    copy_group_of = {a: group.id for group in copy_groups for a in group.article_ids if a in unique}
    size = 1 << options.bits
    features = featurize(corpus, bits=options.bits)
    df = {name: np.bincount(features.subspace(name).indices, minlength=size).astype(np.int32) for name in SUBSPACES}
    topics.cluster(corpus, copy_group_of, features, corpus_df=df)
    if not (options.refine_rounds or options.two_level):
        return topics, layer
    idf = topics.idf()
    days, known = article_days(corpus)
    weighted = {name: weighted_unit(features.subspace(name), idf[name]) for name in SUBSPACES}
    labels = np.array([topics.topic_of_article[a.id] for a in corpus])
    order = stream_order(corpus, days, known)
    leader_of_group: dict[str, int] = {}
    leaders = np.arange(len(corpus))
    for i in order:
        group = copy_group_of.get(corpus[i].id)
        if group is not None:
            leaders[i] = leader_of_group.setdefault(group, i)
    units = {name: unit for name, (unit, _) in weighted.items()}
    scales = {name: scale for name, (_, scale) in weighted.items()}
    languages = np.array(features.languages, dtype=object)
    labels = refine(labels, units, scales, days, known, languages, leaders, options, topics.threshold)
    entries = entries_of([a.id for a in corpus], [a.outlet for a in corpus], features, days, known)
    batch = Corpus(corpus, entries, features, order, copy_group_of, idf["title"])
    topics.install(batch, labels)
    if layer is not None:
        layer.install(topics, batch, split_topics(labels, features, idf, options, np.array(order))[leaders])
    return topics, layer


def cluster_events(
    articles: Sequence[Article], *, copy_groups: Sequence[CopyGroup] = (), **options: object
) -> list[Event]:
    """Group ``articles`` into events: every article in exactly one ``Event``, oldest event first; the same
    articles give the same events whatever their order.

    Options are the fields of ``EventOptions``. Document frequencies come from the whole input, and after the
    date-ordered pass every article moves to its most similar event (``refine_rounds``).

    >>> events = cluster_events([Article(id="a", text="Floods closed the Rhine bridge at Basel.", title="Floods")])
    >>> [(event.title, event.article_ids) for event in events]
    [('Floods', ['a'])]
    """
    return EventIndex.from_articles(articles, copy_groups=copy_groups, **options).events()
