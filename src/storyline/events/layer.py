"""The second level: the events inside each topic, kept up to date as topics grow.

Batch mode splits every topic once (``install``). Online, every open topic a call touched is split again by the
same rule (``update``); an open topic keeps its articles' feature rows for that (``Member``), dropped when it
closes. A sub-event keeps the id of the previous event of its earliest article where it can, so ids stay stable
as topics grow.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from storyline.events.options import EventOptions
from storyline.events.records import (
    Entry,
    EventRecord,
    KeptMembers,
    Member,
    event_id,
    member_features,
    members_of,
    record_ids,
)
from storyline.events.saved_mapping import SavedMapping
from storyline.events.split import split_topics
from storyline.events.topics import Corpus, TopicStream
from storyline.events.vectors import Idf
from storyline.features import ArticleFeatures

# Online: the most articles an open topic keeps for splitting again (each call that touches a topic compares
# every pair of its kept articles, so this bounds the cost of a call).
MAX_KEPT_TOPIC = 500


class EventLayer:
    """Events as splits of topics. Its fields are its state (``storyline.events.state`` saves them):
    ``records`` (every event), ``event_of_article``, ``topic_events`` (open topic -> its event records),
    ``members`` (open topic -> its articles' rows) and ``copy_event`` (copy group -> event record)."""

    def __init__(self, options: EventOptions) -> None:
        self.options = options
        self.records: list[EventRecord] = []
        self.event_of_article: dict[str, int] = {}
        self.topic_events: dict[int, list[int]] = {}
        self.members: KeptMembers = KeptMembers()
        self.copy_event = SavedMapping()  # read by key from a saved index

    def update(
        self,
        topics: TopicStream,
        entries: list[Entry],
        features: ArticleFeatures,
        copy_group_of: Mapping[str, str],
        touched_topics: set[int],
        n_topics_before: int,
    ) -> set[int]:
        """After new articles joined ``topics``: split every touched open topic again and give copies joining a
        closed topic their copy group's event; returns the changed event records. Then drop the members of
        topics that have closed."""
        changed: set[int] = set()
        resplit: set[int] = set()
        # Ids of this call's events and of every earlier one (a vanished event's id is not given again).
        ids_in_use = set(record_ids(self.records))
        for member in members_of(entries, features, copy_group_of):
            topic = topics.topic_of_article[member.id]
            copies_event = self.copy_event.get(member.group) if member.group is not None else None
            splits = topic in self.members or topic >= n_topics_before  # the topic is open
            if splits and (copies_event is None or copies_event in self.topic_events.get(topic, ())):
                kept = self.members.setdefault(topic, [])
                if len(kept) >= MAX_KEPT_TOPIC:
                    # A topic this large stops growing its split: its events so far are final, and the articles
                    # that join it from now on are split among themselves.
                    kept.clear()
                    self.topic_events[topic] = []
                kept.append(member)
                resplit.add(topic)
                continue
            # A copy joining a closed topic, or copies in an event its topic no longer splits: it joins that event
            # (without vectors).
            record = copies_event
            if record is None:
                record = self._new_record(member.id, member.language, ids_in_use)
                if member.group is not None:
                    self.copy_event[member.group] = record
            self._note(record, member.entry(), topics.stream_day)
            changed.add(record)
        idf = topics.idf()
        splitting = sorted(resplit | (touched_topics & set(self.members)))
        self.copy_event.prefetch(m.group for topic in splitting for m in self.members[topic] if m.group is not None)
        labels = self._split_labels(splitting, idf)
        for topic in splitting:
            changed |= self._split_topic(topic, labels[topic], idf, topics.stream_day, ids_in_use)
        open_topics = set(topics.open)
        for topic in [t for t in self.members if t not in open_topics]:
            del self.members[topic]
            self.topic_events.pop(topic, None)
        return changed

    def topics_merged(self, target: int, sources: list[int]) -> None:
        """The topics ``sources`` were merged into ``target``: their kept articles and events go with them."""
        for source in sources:
            if source in self.members:
                self.members.setdefault(target, []).extend(self.members.pop(source))
            if source in self.topic_events:
                self.topic_events.setdefault(target, []).extend(self.topic_events.pop(source))

    def keep_together(
        self, topic: int, key: str, article_ids: list[str], stream_day: float, title_idf: Idf
    ) -> set[int]:
        """Put the copies ``article_ids`` (all in ``topic``, keyed ``key``) into one event; returns the changed
        records. Copies the topic still splits are tied by their key (the next split keeps them together); once
        some are in an event the topic no longer splits (it closed, or outgrew ``MAX_KEPT_TOPIC``), the others
        join that event."""
        kept = {member.id: member for member in self.members.get(topic, [])}
        fixed = sorted({self.event_of_article[a] for a in article_ids if a not in kept})
        movable = [kept[a] for a in article_ids if a in kept]
        if not fixed:
            for member in movable:
                member.group = key
            return set()  # the caller splits the topic again
        target, *others = fixed
        for other in others:
            self.records[target].absorb(self.records[other])
            for article_id in self.records[other].article_ids:
                self.event_of_article[article_id] = target
            self.records[other] = self.records[other].emptied()
        if others:  # walking every copy group reads all of a saved index's
            for group, record in self.copy_event.items():
                if record in others:
                    self.copy_event[group] = target
        if movable:
            moving = {member.id for member in movable}
            self.members[topic] = [member for member in self.members[topic] if member.id not in moving]
            for member in movable:
                member.group = key
                self._note(target, member.entry(), stream_day)
        self.copy_event[key] = target
        self.records[target].choose_title(title_idf)
        return {target, *others}

    def _note(self, record: int, entry: Entry, stream_day: float) -> None:
        self.records[record].note(entry, stream_day)
        self.event_of_article[entry.id] = record

    def _new_record(self, founder: str, language: str, ids_in_use: set[str], reuse: int | None = None) -> int:
        """A fresh, empty event record with an id not in use (``reuse``: the slot to fill)."""
        new_id, k = event_id(founder), 1
        while new_id in ids_in_use:
            new_id, k = event_id(f"{founder}#{k}"), k + 1
        ids_in_use.add(new_id)
        record = EventRecord(id=new_id, language=language)
        if reuse is not None:
            self.records[reuse] = record
            return reuse
        self.records.append(record)
        return len(self.records) - 1

    def _split_labels(self, topics: list[int], idf: Mapping[str, Idf]) -> dict[int, np.ndarray]:
        """Each open topic's split of its kept articles (a label per member, in member order), all ``topics`` in
        one ``split_topics`` call: topics share no article, so each gets the groups a call of its own gives (the
        label numbers differ, which nothing reads), and the work common to all is done once."""
        if not topics:
            return {}
        kept = [self.members[topic] for topic in topics]
        starts = np.cumsum([0] + [len(members) for members in kept])
        labels = np.repeat(np.arange(len(topics)), np.diff(starts))
        order = np.concatenate(
            [np.array(_date_order(members), dtype=np.int64) + start for members, start in zip(kept, starts)]
        )
        features = member_features([member for members in kept for member in members], self.options.bits)
        split = split_topics(labels, features, idf, self.options, order)
        return {topic: split[starts[k] : starts[k + 1]] for k, topic in enumerate(topics)}

    def _split_topic(
        self, topic: int, labels: np.ndarray, idf: Mapping[str, Idf], stream_day: float, ids_in_use: set[str]
    ) -> set[int]:
        """Map one open topic's split (``labels``, one per kept article) to event records: a group keeps the
        record (and id) of its earliest article's previous event where it can; returns the topic's event records,
        old and new."""
        members = self.members[topic]
        order = _date_order(members)
        leader_of_group: dict[str, int] = {}
        leaders = np.arange(len(members))
        for i in order:
            if members[i].group is not None:
                leaders[i] = leader_of_group.setdefault(members[i].group, i)
        labels = labels[leaders]
        old = list(self.topic_events.get(topic, []))
        record_of_label: dict[int, int] = {}
        claimed: set[int] = set()
        founders: list[tuple[int, int]] = []  # (label, earliest member) of groups needing a new record
        for i in order:
            label = int(labels[i])
            if label in record_of_label or any(label == f for f, _ in founders):
                continue
            previous = self.event_of_article.get(members[i].id)
            if previous is not None and previous in old and previous not in claimed:
                record_of_label[label] = previous
                claimed.add(previous)
            else:
                founders.append((label, i))
        spare = [r for r in old if r not in claimed]
        for label, i in founders:  # new groups fill the slots of vanished events first
            record_of_label[label] = self._new_record(
                members[i].id, members[i].language, ids_in_use, reuse=spare.pop(0) if spare else None
            )
        for record in spare + list(claimed):  # vanished events (their articles moved) and those refilled below
            self.records[record] = self.records[record].emptied()
        for i in order:
            self._note(record_of_label[int(labels[i])], members[i].entry(), stream_day)
            if members[i].group is not None:
                self.copy_event[members[i].group] = record_of_label[int(labels[leaders[i]])]
        records = sorted(set(record_of_label.values()))
        for record in records:
            self.records[record].choose_title(idf["title"])
        self.topic_events[topic] = records
        return set(records) | set(old)

    def install(self, topics: TopicStream, corpus: Corpus, labels: np.ndarray) -> None:
        """Batch mode: the events ``labels`` (within the installed topics), and the members of the topics still
        open, so that later articles can split them again."""
        self.records, self.event_of_article, self.copy_event = [], {}, SavedMapping()
        self.topic_events, self.members = {}, KeptMembers()
        record_of_label: dict[int, int] = {}
        for i in corpus.order:
            record = record_of_label.get(int(labels[i]))
            if record is None:
                record = record_of_label[int(labels[i])] = len(self.records)
                self.records.append(
                    EventRecord(id=event_id(corpus.articles[i].id), language=corpus.features.languages[i])
                )
            self._note(record, corpus.entries[i], topics.stream_day)
            group = corpus.copy_group_of.get(corpus.articles[i].id)
            if group is not None:
                self.copy_event.setdefault(group, record)
        for record in self.records:
            record.choose_title(corpus.title_idf)
        open_topics = set(topics.open)
        kept = [i for i in corpus.order if topics.topic_of_article[corpus.articles[i].id] in open_topics]
        members = members_of([corpus.entries[i] for i in kept], corpus.features.take(kept), corpus.copy_group_of)
        for member in members:
            topic = topics.topic_of_article[member.id]
            self.members.setdefault(topic, []).append(member)
            events = self.topic_events.setdefault(topic, [])
            record = self.event_of_article[member.id]
            if record not in events:
                events.append(record)


def _date_order(members: list[Member]) -> list[int]:
    """Positions of a topic's kept articles by date (undated last), then id: the order its split sees them in."""
    return sorted(
        range(len(members)),
        key=lambda i: (0 if members[i].known else 1, members[i].day if members[i].known else 0.0, members[i].id),
    )
