"""Group articles into the real-world events they report, in one batch or incrementally as a stream arrives.

The method follows news stream clustering (Miranda et al. 2018). Each article is three sparse TF-IDF vectors
(body, headline, entities: see ``storyline.features``); each event keeps, per subspace, the sum of its
articles' vectors (a centroid). Articles are taken in date order: an article joins the most similar event that
is
still open, when the similarity reaches a threshold, and otherwise starts an event of its own. The similarity
is
a weighted mean of the three cosines, lowered by the time between the article and the event's date range. An
event stays open while its newest article is within a time window of the newest date seen, so the work and the
state per article stay bounded however long the stream runs; closed events keep their articles but no vectors.

Batch mode (``cluster_events``, ``EventIndex.from_articles``) runs the same pass over all articles with
corpus-wide document frequencies, keeps the vectors of closed events so that articles of unknown time (taken
last) can join any event, and then re-assigns articles whose best event changed once all events are known.
It has two levels: that pass, at a lower threshold, finds broad topics; then each topic is split in two, again
and again, while its halves are far apart by the topic's own term weights (terms the whole topic shares fade,
terms only part of it uses count), which tells apart two events of one kind that share their people.
Online mode (``EventIndex.add``) keeps document frequencies and open centroids between calls, so a store never
re-reads old texts; an article dated a window behind the newest date seen (a late arrival) can only join
events
that are still open, so after importing an old archive into a store of current news, rebuild. Online mode has
the same two levels: new articles join broad topics (the pass at the topic threshold, without batch mode's
refinement rounds), and every topic a call touched is split again by the same second level; an open topic keeps
its articles' feature rows for that (hashed int32 columns, float16 values), dropped when it closes. A sub-event
keeps the id of the previous event of its earliest article where it can, so ids stay stable as topics grow.

Dates: ``Article.published`` orders the stream and gives events their date range. An article without a date,
or
whose date is only the time it was read (``date_source == "ingest-time"``), has no time penalty (its time is
unknown); it opens and keeps events at the stream's newest date, and an event made only of such articles takes
its dates from them (the ingest dates), or has none.
Languages: an article only joins events of its own language (``Article.language``, else guessed from English
stopwords; see ``storyline.features.article_language``).
Copies: articles of one copy group always land in one event.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date, datetime
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp
import xxhash
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from storyline.features import DEFAULT_BITS, SUBSPACES, ArticleFeatures, featurize
from storyline.model import Article, CopyGroup, Event

STATE_VERSION = 2
MAX_HEADLINES = 40  # distinct headline candidates an event keeps (the first ones; later repeats still count)
_UNKNOWN = math.nan


@dataclass(frozen=True, slots=True)
class EventOptions:
    """The knobs of event clustering; defaults tuned on the ECB+ development topics (see docs/benchmarks.md).

    ``weights`` weigh the body, headline and entity cosines (a subspace the article lacks is left out of its
    mean). ``threshold`` is the least similarity for joining an event. ``time_scale_days``: the similarity of
    a dated article to an event is multiplied by exp(-(gap / time_scale)^2 / 2), gap being the days between
    the
    article and the event's date range (coverage of one event runs for days to weeks; the same kind of event
    months apart is another one). ``window_days``: an event closes once its newest date is this far behind the
    stream. ``batch_size``: articles compared with the open events at once (document frequencies are updated
    per batch). ``refine_rounds``: batch mode only, rounds of moving articles to their best event.

    Two levels (batch and online): ``topic_threshold`` (used where below ``threshold``) groups articles into
    broad topics first; each topic is then split in two, again and again, while the halves are far apart by
    the topic's own term weights (see ``_split_topics``): ``split_ratio`` is the largest ratio of the mean
    similarity across the halves to the geometric mean of the similarities within them that still splits.
    ``split_ratio_large`` is that ratio for a cut whose halves both hold at least ``LARGE_HALF`` articles: a
    handful of articles of one event can look apart by chance (one outlet's follow-ups, one angle), two
    large groups that are moderately apart are two events.
    ``split_ratio=0`` turns the second level off (one level at ``threshold``, as online).
    """

    threshold: float = 0.3
    weights: tuple[float, float, float] = (0.3, 0.1, 0.6)
    time_scale_days: float = 30.0
    window_days: float = 60.0
    bits: int = DEFAULT_BITS
    batch_size: int = 256
    refine_rounds: int = 2
    topic_threshold: float = 0.2
    split_ratio: float = 0.35
    split_ratio_large: float = 0.6

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise ValueError(f"threshold must be between 0 and 1, got {self.threshold}")
        if len(self.weights) != len(SUBSPACES) or min(self.weights) < 0 or sum(self.weights) <= 0:
            raise ValueError(f"weights must be {len(SUBSPACES)} non-negative numbers with a positive sum")
        if self.time_scale_days <= 0 or self.window_days <= 0:
            raise ValueError("time_scale_days and window_days must be positive")
        if self.batch_size < 1 or self.refine_rounds < 0:
            raise ValueError("batch_size must be at least 1 and refine_rounds at least 0")
        if not 0.0 < self.topic_threshold < 1.0:
            raise ValueError(f"topic_threshold must be between 0 and 1, got {self.topic_threshold}")
        if not 0.0 <= self.split_ratio < 1.0:
            raise ValueError(f"split_ratio must be between 0 (no splitting) and 1, got {self.split_ratio}")
        if not self.split_ratio <= self.split_ratio_large < 1.0:
            raise ValueError(
                f"split_ratio_large must be at least split_ratio ({self.split_ratio}) and below 1, "
                f"got {self.split_ratio_large}"
            )

    @classmethod
    def from_mapping(cls, options: Mapping[str, object]) -> EventOptions:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise ValueError(
                f"unknown event option(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
        values = dict(options)
        if "weights" in values:
            values["weights"] = tuple(float(w) for w in values["weights"])  # type: ignore[union-attr]
        return cls(**values)  # type: ignore[arg-type]


def day_number(value: str | None) -> float:
    """Days since 0001-01-01 (with the time of day as a fraction) of an ISO date or datetime; NaN if
    unreadable."""
    if not value:
        return _UNKNOWN
    text = value.strip()
    try:
        if len(text) == 10:
            return float(date.fromisoformat(text).toordinal())
        moment = datetime.fromisoformat(text)
    except ValueError:
        return _UNKNOWN
    seconds = moment.hour * 3600 + moment.minute * 60 + moment.second
    return moment.toordinal() + seconds / 86400.0


def _day_text(day: float) -> str | None:
    return None if math.isnan(day) else date.fromordinal(int(day)).isoformat()


def _event_id(founder: str) -> str:
    return "ev-" + xxhash.xxh64_hexdigest(founder.encode("utf-8"), seed=0x5E7)[:12]


@dataclass(slots=True)
class _EventRecord:
    """What an event remembers: enough to answer ``events()`` and to keep it open, never the article texts."""

    id: str
    language: str
    article_ids: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    start: float = _UNKNOWN  # known publication days
    end: float = _UNKNOWN
    ingest_start: float = _UNKNOWN  # days of articles dated only by when they were read
    ingest_end: float = _UNKNOWN
    last_seen: float = _UNKNOWN  # the stream day the event was last touched (keeps undated events open)
    headlines: dict[str, list] = field(default_factory=dict)  # headline -> [count, is_title, hashed columns]
    title: str = ""

    def to_event(self) -> Event:
        start, end = self.start, self.end
        if math.isnan(start):
            start, end = self.ingest_start, self.ingest_end
        return Event(
            id=self.id,
            title=self.title,
            start=_day_text(start),
            end=_day_text(end),
            article_ids=list(self.article_ids),
            outlets=sorted(self.outlets),
        )


@dataclass(slots=True)
class _Member:
    """An article of an open topic as the online second level needs it: its feature rows, kept compactly
    (hashed int32 columns, float16 values) only while its topic is open, and what its event record shows."""

    id: str
    outlet: str | None
    day: float
    known: bool
    group: str | None
    headline: str
    has_title: bool
    language: str
    rows: tuple  # per subspace: (columns int32, values float16)


def _members_of(articles: Sequence[Article], features: ArticleFeatures, days, known, groups) -> list[_Member]:
    """``_Member`` entries for ``articles`` (rows of ``features``)."""
    out = []
    for i, article in enumerate(articles):
        rows = []
        for name in SUBSPACES:
            matrix = features.subspace(name)
            span = slice(matrix.indptr[i], matrix.indptr[i + 1])
            rows.append((matrix.indices[span].astype(np.int32), matrix.data[span].astype(np.float16)))
        out.append(
            _Member(
                id=article.id,
                outlet=article.outlet,
                day=float(days[i]),
                known=bool(known[i]),
                group=groups.get(article.id),
                headline=features.headlines[i],
                has_title=features.has_title[i],
                language=features.languages[i],
                rows=tuple(rows),
            )
        )
    return out


def _member_features(members: Sequence[_Member], bits: int) -> ArticleFeatures:
    """The ``ArticleFeatures`` of stored members (one row each, in order)."""
    matrices = {}
    for k, name in enumerate(SUBSPACES):
        sizes = np.array([len(m.rows[k][0]) for m in members], dtype=np.int64)
        indptr = np.concatenate([[0], np.cumsum(sizes)])
        columns = np.concatenate([m.rows[k][0] for m in members]) if members else np.zeros(0, np.int32)
        values = np.concatenate([m.rows[k][1] for m in members]) if members else np.zeros(0, np.float16)
        matrices[name] = sp.csr_matrix(
            (values.astype(np.float64), columns, indptr), shape=(len(members), 1 << bits)
        )
    return ArticleFeatures(
        body=matrices["body"],
        title=matrices["title"],
        entities=matrices["entities"],
        languages=[m.language for m in members],
        headlines=[m.headline for m in members],
        has_title=[m.has_title for m in members],
    )


class _Corpus(NamedTuple):
    """Batch mode: the articles and what was worked out for them, in the form installing a grouping needs."""

    articles: list[Article]
    features: ArticleFeatures
    days: np.ndarray
    known: np.ndarray
    order: list[int]  # date, then longest first, then id
    copy_group_of: Mapping[str, str]
    title_idf: _Idf


def _nanmin(a: float, b: float) -> float:
    return b if math.isnan(a) else a if math.isnan(b) else min(a, b)


def _nanmax(a: float, b: float) -> float:
    return b if math.isnan(a) else a if math.isnan(b) else max(a, b)


# Document frequencies from a handful of articles say little: a word shared by all three articles of a first
# ingest is not common, just on topic. Inverse document frequencies count this many more documents, none holding
# the word, so they start flat and become the collection's own as it grows.
IDF_PRIOR_DOCS = 100


class _Idf:
    """Smoothed inverse document frequencies: log((1 + n + prior) / (1 + df)) + 1 (scikit-learn's smoothing
    plus
    ``IDF_PRIOR_DOCS``), computed only for the columns asked for (``idf[columns]``), so a batch never pays for
    the whole hashed vocabulary."""

    __slots__ = ("df", "n_docs")

    def __init__(self, df: np.ndarray, n_docs: int) -> None:
        self.df, self.n_docs = df, n_docs

    def __getitem__(self, columns):
        return np.log((1.0 + self.n_docs + IDF_PRIOR_DOCS) / (1.0 + self.df[columns])) + 1.0


def _row_norms2(matrix: sp.csr_matrix) -> np.ndarray:
    """Squared length of each row of a CSR matrix."""
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    return np.bincount(rows, weights=matrix.data**2, minlength=matrix.shape[0])


def _weighted_unit(rows: sp.csr_matrix, idf: _Idf) -> tuple[sp.csr_matrix, np.ndarray]:
    """Rows scaled by ``idf`` and then to unit length, with the length each had after scaling."""
    weighted = rows.copy()
    weighted.data = weighted.data * idf[weighted.indices]
    lengths = np.sqrt(_row_norms2(weighted))
    scale = np.divide(1.0, lengths, out=np.zeros_like(lengths), where=lengths > 0)
    weighted.data *= np.repeat(scale, np.diff(weighted.indptr))
    return weighted, lengths


def _similarity(
    dots: Sequence[np.ndarray], lengths2: Sequence[np.ndarray], has: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    """Weighted mean over subspaces of article-to-event cosines (articles x events).

    ``dots`` hold, per subspace, each article's dot product with each event's summed vector and ``lengths2``
    that vector's squared length (per event, or per article and event where an article is left out of its own
    event). An article's mean leaves out the subspaces where it has no features (``has``: articles x
    subspaces).
    """
    total = np.zeros(dots[0].shape)
    for dot, length2, weight, present in zip(dots, lengths2, weights, has.T):
        if weight:
            length = np.sqrt(np.maximum(np.broadcast_to(length2, dot.shape), 0.0))
            cosine = np.divide(dot, length, out=np.zeros(dot.shape), where=length > 1e-12)
            total += (weight * present)[:, None] * cosine
    mass = has.astype(float) @ weights
    return total / np.where(mass > 0, mass, 1.0)[:, None]


def _time_factor(days: np.ndarray, starts: np.ndarray, ends: np.ndarray, options: EventOptions) -> np.ndarray:
    """exp(-gap / time scale) for dated articles (rows) against event date ranges (columns); 1 where
    unknown."""
    gap = np.fmax(np.fmax(days[:, None] - ends[None, :], starts[None, :] - days[:, None]), 0.0)
    gap = np.nan_to_num(gap, nan=0.0) / options.time_scale_days
    return np.exp(-0.5 * gap * gap)


def _sort_key(article: Article, day: float, known: bool) -> tuple:
    # Known dates first in date order, then articles of unknown time. At the same time the longest article comes
    # first: it carries most of its event's words, so events grow from it rather than from a brief; ids break
    # the remaining ties, so input order never matters.
    return (0 if known else 1, day if known else 0.0, -len(article.text), article.id)


class EventIndex:
    """Online clustering: each new article joins an existing event or starts one (date order, time window).

    >>> index = EventIndex()
    >>> changed = index.add([Article(id="a", text="A fire destroyed the old mill in Dunmore on Monday.")])
    >>> [event.article_ids for event in index.events()]
    [['a']]
    """

    def __init__(self, **options: object) -> None:
        self.options = EventOptions.from_mapping(options)
        size = 1 << self.options.bits
        self._df = {name: np.zeros(size, dtype=np.int32) for name in SUBSPACES}
        self._n_docs = 0
        self._records: list[_EventRecord] = []
        self._event_of_article: dict[str, int] = {}
        self._event_of_copy_group: dict[str, int] = {}
        self._open: list[int] = []  # record indices of open events, aligned with the centroid rows
        self._centroids = {name: sp.csr_matrix((0, size)) for name in SUBSPACES}
        self._stream_day = _UNKNOWN
        self._fixed_idf: dict[str, _Idf] | None = None  # batch mode: corpus-wide idf
        # Batch mode keeps the vectors of closed events, so articles of unknown time can join any event.
        self._archive: dict[str, list[sp.csr_matrix]] | None = None
        self._archived: list[int] = []
        # Two levels (split_ratio > 0): the records above are broad topics, found online at the topic
        # threshold; the events are the second level, each topic's articles split as in batch mode. An open
        # topic keeps its members' feature rows so that it can be split again when articles join it.
        self._events: list[_EventRecord] = []
        self._event_record_of_article: dict[str, int] = {}
        self._topic_events: dict[int, list[int]] = {}  # open topic -> its event records
        self._members: dict[int, list[_Member]] = {}  # open topic -> its articles
        self._copy_event: dict[str, int] = {}  # copy group -> event record
        self._ids_in_use: set[str] = set()  # event ids given out, during a call to ``add``

    @property
    def _two_level(self) -> bool:
        return self.options.split_ratio > 0

    # ----------------------------------------------------------------------------------------------- public
    def add(
        self,
        articles: Sequence[Article],
        *,
        copy_group_of: Mapping[str, str] = {},
        features: ArticleFeatures | None = None,
    ) -> list[Event]:
        """Cluster ``articles`` into the index; return the events created or changed, oldest first.

        Articles already in the index (by id) are skipped. Articles sharing a copy group id in
        ``copy_group_of`` (article id -> copy group id) land in one event, also across calls. ``features``:
        ``storyline.features.featurize(articles)`` when the caller has it already (same bits).
        """
        fresh: list[int] = []
        seen: set[str] = set()
        for position, article in enumerate(articles):
            if not isinstance(article, Article):
                raise ValueError(f"expected Article objects, got {type(article).__name__}")  # noqa: TRY004
            if article.id in self._event_of_article or article.id in seen:
                continue
            seen.add(article.id)
            fresh.append(position)
        if not fresh:
            return []
        if features is not None and features.body.shape != (len(articles), 1 << self.options.bits):
            raise ValueError("features must have one row per article and the index's number of bits")
        batch = [articles[i] for i in fresh]
        if not self._two_level:
            touched = self._cluster(batch, copy_group_of, None if features is None else features.take(fresh))
            return [self._records[index].to_event() for index in sorted(touched)]
        rows = featurize(batch, bits=self.options.bits) if features is None else features.take(fresh)
        n_before = len(self._records)
        options = self.options
        self.options = replace(options, threshold=min(options.threshold, options.topic_threshold))
        try:
            touched = self._cluster(batch, copy_group_of, rows)
        finally:
            self.options = options
        changed = self._update_events(batch, rows, copy_group_of, touched, n_before)
        return [self._events[index].to_event() for index in sorted(changed) if self._events[index].article_ids]

    def events(self) -> list[Event]:
        """Every event so far, oldest first (by first date, then id)."""
        pool = self._events if self._two_level else self._records
        records = sorted(pool, key=lambda r: (_nanmin(r.start, r.ingest_start), r.id))
        return [record.to_event() for record in records if record.article_ids]

    def idf(self) -> dict[str, _Idf]:
        """Per subspace, the inverse document frequencies of the articles seen so far (``idf[name][columns]``),
        so that later stages weigh terms as the events do."""
        return {name: _Idf(self._df[name], self._n_docs) for name in SUBSPACES}

    def event_of(self, article_id: str) -> str | None:
        """The id of the event holding ``article_id``, or None."""
        if self._two_level:
            index = self._event_record_of_article.get(article_id)
            return None if index is None else self._events[index].id
        index = self._event_of_article.get(article_id)
        return None if index is None else self._records[index].id

    # ------------------------------------------------------------------------------------- second level
    def _update_events(
        self,
        batch: list[Article],
        features: ArticleFeatures,
        copy_group_of: Mapping[str, str],
        touched_topics: set[int],
        n_before: int,
    ) -> set[int]:
        """After new articles joined topics: split every touched open topic again (as batch mode's second
        level) and give copies joining a closed topic their copy group's event; returns changed event
        records. Then drop the members of topics that have closed."""
        days = np.array([day_number(a.published) for a in batch])
        known = np.array([a.date_source != "ingest-time" and not math.isnan(d) for a, d in zip(batch, days)])
        members = _members_of(batch, features, days, known, copy_group_of)
        changed: set[int] = set()
        resplit: set[int] = set()
        # Ids of this call's events and of every earlier one (a vanished event's id is not given again).
        self._ids_in_use = {record.id for record in self._events}
        for member in members:
            topic = self._event_of_article[member.id]
            if topic in self._members or topic >= n_before:
                kept = self._members.setdefault(topic, [])
                if len(kept) >= MAX_KEPT_TOPIC:
                    # A topic this large stops growing its split: its events so far are final, and the
                    # articles that join it from now on are split among themselves.
                    kept.clear()
                    self._topic_events[topic] = []
                kept.append(member)
                resplit.add(topic)
                continue
            # A copy joining a topic that has closed: it joins its copy group's event, without vectors.
            record = self._copy_event.get(member.group) if member.group is not None else None
            if record is None:
                record = self._new_event_record(member.id, member.language)
            self._note_event_member(record, member)
            changed.add(record)
        idf = {name: _Idf(self._df[name], self._n_docs) for name in SUBSPACES}
        for topic in sorted(resplit | (touched_topics & set(self._members))):
            changed |= self._split_topic(topic, idf)
        open_topics = set(self._open)
        for topic in [t for t in self._members if t not in open_topics]:
            del self._members[topic]
            self._topic_events.pop(topic, None)
        return changed

    def _new_event_record(self, founder: str, language: str, reuse: int | None = None) -> int:
        """A fresh, empty event record with an id not in use (``reuse``: the slot to fill)."""
        used = self._ids_in_use
        event_id, k = _event_id(founder), 1
        while event_id in used:
            event_id, k = _event_id(f"{founder}#{k}"), k + 1
        used.add(event_id)
        record = _EventRecord(id=event_id, language=language)
        if reuse is not None:
            self._events[reuse] = record
            return reuse
        self._events.append(record)
        return len(self._events) - 1

    def _note_event_member(self, record_index: int, member: _Member) -> None:
        features = _member_features([member], self.options.bits)
        article = Article(id=member.id, text="", outlet=member.outlet)
        self._note_member(
            record_index, article, features, 0, member.day, member.known,
            records=self._events, event_of=self._event_record_of_article,
        )

    def _split_topic(self, topic: int, idf: Mapping[str, _Idf]) -> set[int]:
        """Split one open topic's articles into events (``_split_topics``) and map them to event records:
        a group keeps the record (and id) of its earliest article's previous event where it can; returns the
        topic's event records, old and new."""
        members = self._members[topic]
        features = _member_features(members, self.options.bits)
        order = sorted(
            range(len(members)),
            key=lambda i: (0 if members[i].known else 1, members[i].day if members[i].known else 0.0, members[i].id),
        )
        labels = _split_topics(
            np.zeros(len(members), dtype=np.int64), features, idf, self.options, np.array(order, dtype=np.int64)
        )
        leader_of_group: dict[str, int] = {}
        leaders = np.arange(len(members))
        for i in order:
            if members[i].group is not None:
                leaders[i] = leader_of_group.setdefault(members[i].group, i)
        labels = labels[leaders]
        old = list(self._topic_events.get(topic, []))
        record_of_label: dict[int, int] = {}
        claimed: set[int] = set()
        founders: list[tuple[int, int]] = []  # (label, earliest member) of groups needing a new record
        for i in order:
            label = int(labels[i])
            if label in record_of_label or any(label == f for f, _ in founders):
                continue
            previous = self._event_record_of_article.get(members[i].id)
            if previous is not None and previous in old and previous not in claimed:
                record_of_label[label] = previous
                claimed.add(previous)
            else:
                founders.append((label, i))
        spare = [r for r in old if r not in claimed]
        for label, i in founders:  # new groups fill the slots of vanished events first
            record_of_label[label] = self._new_event_record(
                members[i].id, members[i].language, reuse=spare.pop(0) if spare else None
            )
        for record in spare:  # events that vanished: their articles have moved
            self._events[record] = _EventRecord(id=self._events[record].id, language=self._events[record].language)
        for record in claimed:
            self._events[record] = _EventRecord(id=self._events[record].id, language=self._events[record].language)
        for i in order:
            record = record_of_label[int(labels[i])]
            self._note_member(
                record, Article(id=members[i].id, text="", outlet=members[i].outlet), features, i,
                members[i].day, members[i].known, records=self._events, event_of=self._event_record_of_article,
            )
            if members[i].group is not None:
                self._copy_event[members[i].group] = record_of_label[int(labels[leaders[i]])]
        records = sorted(set(record_of_label.values()))
        for record in records:
            self._choose_title(record, idf["title"], records=self._events)
        self._topic_events[topic] = records
        return set(records) | set(old)

    @classmethod
    def from_articles(
        cls, articles: Sequence[Article], *, copy_groups: Sequence[CopyGroup] = (), **options: object
    ) -> EventIndex:
        """Batch mode: cluster all ``articles`` at once (see ``cluster_events``) and return an index
        holding the
        result, ready to take later articles online (what a store's rebuild does)."""
        index = cls(**options)
        unique: dict[str, Article] = {}
        for article in articles:
            if not isinstance(article, Article):
                raise ValueError(f"expected Article objects, got {type(article).__name__}")  # noqa: TRY004
            unique.setdefault(article.id, article)
        corpus = list(unique.values())
        if not corpus:
            return index
        copy_group_of = {a: group.id for group in copy_groups for a in group.article_ids if a in unique}
        size = 1 << index.options.bits
        features = featurize(corpus, bits=index.options.bits)
        df = {
            name: np.bincount(features.subspace(name).indices, minlength=size).astype(np.int32)
            for name in SUBSPACES
        }
        idf = {name: _Idf(df[name], len(corpus)) for name in SUBSPACES}
        options = index.options
        two_level = options.split_ratio > 0
        if two_level:  # the first level: broad topics, by the same pass at a lower threshold
            index.options = replace(options, threshold=min(options.threshold, options.topic_threshold))
        index._fixed_idf, index._archive = idf, {name: [] for name in SUBSPACES}
        index._cluster(corpus, copy_group_of, features)
        index._fixed_idf, index._archive, index._archived = None, None, []
        index._df, index._n_docs = df, len(corpus)
        if index.options.refine_rounds or two_level:
            days = np.array([day_number(a.published) for a in corpus])
            known = np.array(
                [a.date_source != "ingest-time" and not math.isnan(d) for a, d in zip(corpus, days)]
            )
            weighted = {name: _weighted_unit(features.subspace(name), idf[name]) for name in SUBSPACES}
            labels = np.array([index._event_of_article[a.id] for a in corpus])
            order = sorted(range(len(corpus)), key=lambda i: _sort_key(corpus[i], days[i], known[i]))
            leader_of_group: dict[str, int] = {}
            leaders = np.arange(len(corpus))
            for i in order:
                group = copy_group_of.get(corpus[i].id)
                if group is not None:
                    leaders[i] = leader_of_group.setdefault(group, i)
            units = {name: unit for name, (unit, _) in weighted.items()}
            scales = {name: scale for name, (_, scale) in weighted.items()}
            languages = np.array(features.languages, dtype=object)
            labels = _refine(labels, units, scales, days, known, languages, leaders, index.options)
            batch = _Corpus(corpus, features, days, known, order, copy_group_of, idf["title"])
            index._install(batch, labels)
            if two_level:
                index._install_events(batch, _split_topics(labels, features, idf, options, np.array(order))[leaders])
        index.options = options
        return index

    def _install(self, batch: _Corpus, labels: np.ndarray) -> None:
        """Replace the events by the grouping ``labels`` (one per article of ``corpus``), keeping the
        stream state."""
        corpus, features, days, known, order, copy_group_of, title_idf = batch
        self._records, self._event_of_article, self._event_of_copy_group = [], {}, {}
        record_of_label: dict[int, int] = {}
        for i in order:
            article = corpus[i]
            record = record_of_label.get(int(labels[i]))
            if record is None:
                record = record_of_label[int(labels[i])] = len(self._records)
                self._records.append(_EventRecord(id=_event_id(article.id), language=features.languages[i]))
            self._note_member(record, article, features, i, days[i], known[i])
            group = copy_group_of.get(article.id)
            if group is not None:
                self._event_of_copy_group.setdefault(group, record)
        for record in range(len(self._records)):
            self._choose_title(record, title_idf)
        horizon = self._stream_day - self.options.window_days
        self._open = [r for r, record in enumerate(self._records) if not record.last_seen < horizon]
        column = {record: c for c, record in enumerate(self._open)}
        members = [
            (column[record_of_label[int(labels[i])]], i)
            for i in range(len(corpus))
            if record_of_label[int(labels[i])] in column
        ]
        rows, cols = (
            (np.array(x, dtype=np.int64) for x in zip(*members)) if members else (np.zeros(0, int),) * 2
        )
        joins = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(self._open), len(corpus)))
        for name in SUBSPACES:
            self._centroids[name] = (joins @ features.subspace(name)).tocsr()

    def _install_events(self, batch: _Corpus, labels: np.ndarray) -> None:
        """Batch mode, second level: the events ``labels`` (within the installed topics), and the members of
        the topics still open, so that later articles can split them again."""
        corpus, features, days, known, order, copy_group_of, title_idf = batch
        self._events, self._event_record_of_article, self._copy_event = [], {}, {}
        self._topic_events, self._members = {}, {}
        record_of_label: dict[int, int] = {}
        for i in order:
            record = record_of_label.get(int(labels[i]))
            if record is None:
                record = record_of_label[int(labels[i])] = len(self._events)
                self._events.append(_EventRecord(id=_event_id(corpus[i].id), language=features.languages[i]))
            self._note_member(
                record, corpus[i], features, i, days[i], known[i],
                records=self._events, event_of=self._event_record_of_article,
            )
            group = copy_group_of.get(corpus[i].id)
            if group is not None:
                self._copy_event.setdefault(group, record)
        for record in range(len(self._events)):
            self._choose_title(record, title_idf, records=self._events)
        open_topics = set(self._open)
        kept = [i for i in order if self._event_of_article[corpus[i].id] in open_topics]
        members = _members_of([corpus[i] for i in kept], features.take(kept), days[kept], known[kept], copy_group_of)
        for member in members:
            topic = self._event_of_article[member.id]
            self._members.setdefault(topic, []).append(member)
            events = self._topic_events.setdefault(topic, [])
            record = self._event_record_of_article[member.id]
            if record not in events:
                events.append(record)

    # ------------------------------------------------------------------------------------------ clustering
    def _cluster(
        self, articles: list[Article], copy_group_of: Mapping[str, str], features: ArticleFeatures | None
    ) -> set[int]:
        """One date-ordered pass over ``articles`` in batches; returns the indices of touched records."""
        days = np.array([day_number(a.published) for a in articles])
        known = np.array(
            [a.date_source != "ingest-time" and not math.isnan(d) for a, d in zip(articles, days)]
        )
        order = sorted(range(len(articles)), key=lambda i: _sort_key(articles[i], days[i], known[i]))
        touched: set[int] = set()
        size = self.options.batch_size
        n_dated = int(np.count_nonzero(known))
        chunks = [order[b : min(b + size, n_dated)] for b in range(0, n_dated, size)]
        chunks += [order[b : b + size] for b in range(n_dated, len(order), size)]
        for chunk in chunks:
            if not known[chunk[0]] and self._archived:
                self._reopen_archive()
            batch = [articles[i] for i in chunk]
            rows = featurize(batch, bits=self.options.bits) if features is None else features.take(chunk)
            touched |= self._cluster_batch(batch, rows, days[chunk], known[chunk], copy_group_of)
        return touched

    def _cluster_batch(
        self,
        batch: list[Article],
        features: ArticleFeatures,
        days: np.ndarray,
        known: np.ndarray,
        copy_group_of: Mapping[str, str],
    ) -> set[int]:
        opts = self.options
        n_batch, n_open = len(batch), len(self._open)
        if self._fixed_idf is None:
            for name in SUBSPACES:
                rows = features.subspace(name)
                np.add.at(self._df[name], rows.indices, 1)
            self._n_docs += n_batch
        idf = self._fixed_idf or {name: _Idf(self._df[name], self._n_docs) for name in SUBSPACES}

        # Per subspace: dot products of each batch article with every open centroid and with each other, and the
        # squared centroid lengths; kept exact as articles join (a centroid is a plain sum of article vectors).
        width = n_open + n_batch
        dots, lengths2, grams, scales = {}, {}, {}, {}
        for name in SUBSPACES:
            unit, scale = _weighted_unit(features.subspace(name), idf[name])
            centroids = self._centroids[name].copy()
            centroids.data = centroids.data * idf[name][centroids.indices]
            dot = np.zeros((n_batch, width))
            if n_open:
                dot[:, :n_open] = (unit @ centroids.T).toarray()
            length2 = np.zeros(width)
            length2[:n_open] = _row_norms2(centroids)
            dots[name], lengths2[name], grams[name], scales[name] = (
                dot,
                length2,
                (unit @ unit.T).toarray(),
                scale,
            )

        weights = np.array(opts.weights)
        column_record = list(self._open) + [-1] * n_batch
        record_column = {record: column for column, record in enumerate(self._open)}
        column_language = np.array(
            [self._records[r].language for r in self._open] + [""] * n_batch, dtype=object
        )
        starts = np.array([self._records[r].start for r in self._open] + [_UNKNOWN] * n_batch)
        ends = np.array([self._records[r].end for r in self._open] + [_UNKNOWN] * n_batch)
        n_columns = n_open
        assignment = np.empty(n_batch, dtype=np.int64)
        touched: set[int] = set()

        for i, article in enumerate(batch):
            if known[i]:
                self._stream_day = _nanmax(self._stream_day, days[i])
            has = np.array([scales[name][i] > 0 for name in SUBSPACES])
            language = features.languages[i]
            group = copy_group_of.get(article.id)
            column = -1
            if group is not None and group in self._event_of_copy_group:
                record = self._event_of_copy_group[group]
                column = record_column.get(record, -1)
                if column < 0:  # the copy's event is closed: it still joins it, without vectors
                    self._note_member(record, article, features, i, days[i], known[i])
                    touched.add(record)
                    assignment[i] = -1
                    continue
            elif has.any() and n_columns:
                similarity = _similarity(
                    [dots[name][i : i + 1, :n_columns] for name in SUBSPACES],
                    [lengths2[name][:n_columns] for name in SUBSPACES],
                    has[None, :],
                    weights,
                )[0]
                if known[i]:
                    similarity *= _time_factor(days[i : i + 1], starts[:n_columns], ends[:n_columns], opts)[0]
                similarity[column_language[:n_columns] != language] = -1.0
                best = int(np.argmax(similarity))
                if similarity[best] >= opts.threshold:
                    column = best
            if column < 0:
                column = n_columns
                n_columns += 1
                record = len(self._records)
                self._records.append(_EventRecord(id=_event_id(article.id), language=language))
                column_record[column] = record
                record_column[record] = column
                column_language[column] = language
            record = column_record[column]
            for name in SUBSPACES:
                r = scales[name][i]
                if r > 0:
                    lengths2[name][column] += 2.0 * r * dots[name][i, column] + r * r
                    dots[name][:, column] += r * grams[name][:, i]
            if known[i]:
                starts[column] = _nanmin(starts[column], days[i])
                ends[column] = _nanmax(ends[column], days[i])
            assignment[i] = column
            self._note_member(record, article, features, i, days[i], known[i])
            if group is not None:
                self._event_of_copy_group.setdefault(group, record)
            touched.add(record)

        self._store_centroids(features, assignment, column_record[:n_columns], n_open)
        if known.any():  # only a dated article moves the stream on
            self._close_old_events()
        for record in touched:
            self._choose_title(record, idf["title"])
        return touched

    def _note_member(
        self,
        record_index: int,
        article: Article,
        features: ArticleFeatures,
        i: int,
        day: float,
        known: bool,
        *,
        records: list[_EventRecord] | None = None,
        event_of: dict[str, int] | None = None,
    ) -> None:
        """Add an article to a record (a topic's, or with ``records``/``event_of`` an event's)."""
        record = (self._records if records is None else records)[record_index]
        record.article_ids.append(article.id)
        (self._event_of_article if event_of is None else event_of)[article.id] = record_index
        if article.outlet and article.outlet not in record.outlets:
            record.outlets.append(article.outlet)
        if known:
            record.start, record.end = _nanmin(record.start, day), _nanmax(record.end, day)
        elif not math.isnan(day):
            record.ingest_start, record.ingest_end = (
                _nanmin(record.ingest_start, day),
                _nanmax(record.ingest_end, day),
            )
        record.last_seen = _nanmax(record.last_seen, day if known else self._stream_day)
        headline = features.headlines[i]
        if headline:
            entry = record.headlines.get(headline)
            if entry is None and len(record.headlines) < MAX_HEADLINES:
                title = features.title
                columns = title.indices[title.indptr[i] : title.indptr[i + 1]].tolist()
                record.headlines[headline] = [1, features.has_title[i], columns]
            elif entry is not None:
                entry[0] += 1

    def _store_centroids(
        self, features: ArticleFeatures, assignment: np.ndarray, records: list[int], n_open: int
    ) -> None:
        """Add the batch's article vectors to the centroids of the events they joined; append new events."""
        n_columns = len(records)
        members = np.flatnonzero(assignment >= 0)
        joins = sp.csr_matrix(
            (np.ones(len(members)), (assignment[members], members)), shape=(n_columns, len(assignment))
        )
        for name in SUBSPACES:
            old = self._centroids[name]
            grown = sp.vstack([old, sp.csr_matrix((n_columns - n_open, old.shape[1]))], format="csr")
            self._centroids[name] = (grown + joins @ features.subspace(name)).tocsr()
        self._open = list(records)

    def _close_old_events(self) -> None:
        """Drop the vectors of events whose newest day is a window behind the stream (they keep their
        articles)."""
        if math.isnan(self._stream_day) or not self._open:
            return
        horizon = self._stream_day - self.options.window_days
        keep = [c for c, r in enumerate(self._open) if not self._records[r].last_seen < horizon]
        if len(keep) == len(self._open):
            return
        if self._archive is not None:
            closing = [c for c in range(len(self._open)) if c not in set(keep)]
            self._archived += [self._open[c] for c in closing]
            for name in SUBSPACES:
                self._archive[name].append(self._centroids[name][closing])
        self._open = [self._open[c] for c in keep]
        for name in SUBSPACES:
            self._centroids[name] = self._centroids[name][keep]

    def _reopen_archive(self) -> None:
        """Batch mode, before articles of unknown time: every event becomes a candidate again."""
        assert self._archive is not None
        self._open = self._archived + self._open
        for name in SUBSPACES:
            self._centroids[name] = sp.vstack(self._archive[name] + [self._centroids[name]], format="csr")
            self._archive[name] = []
        self._archived = []

    def _choose_title(self, record_index: int, title_idf: _Idf, records: list[_EventRecord] | None = None) -> None:
        """The headline closest to the event's headline centroid; real titles before substitutes."""
        record = (self._records if records is None else records)[record_index]
        candidates = record.headlines
        if not candidates:
            record.title = ""
            return
        titled = [(h, e) for h, e in candidates.items() if e[1]] or list(candidates.items())
        # Each headline's words weighted by how often the event's headlines use them (times idf squared).
        sizes = np.array([len(entry[2]) for _, entry in titled])
        counts = np.array([entry[0] for _, entry in titled], dtype=float)
        columns = np.array([c for _, entry in titled for c in entry[2]], dtype=np.int64)
        owner = np.repeat(np.arange(len(titled)), sizes)
        idf = title_idf[columns]
        _, word = np.unique(columns, return_inverse=True)
        weight = np.bincount(word, weights=counts[owner] * idf)
        mass = np.bincount(owner, weights=weight[word] * idf, minlength=len(titled)) / np.sqrt(
            np.maximum(sizes, 1)
        )
        best = min(range(len(titled)), key=lambda k: (-round(float(mass[k]), 9), -counts[k], titled[k][0]))
        record.title = titled[best][0]

    # ------------------------------------------------------------------------------------------------ state
    def to_state(self) -> bytes:
        """The index as bytes (numpy arrays and JSON, no pickle): document frequencies, open topic centroids,
        topics and events, and the feature rows of open topics' articles."""
        meta = {
            "version": STATE_VERSION,
            "options": asdict(self.options),
            "n_docs": self._n_docs,
            "stream_day": None if math.isnan(self._stream_day) else self._stream_day,
            "open": self._open,
            "records": [_record_to_json(r) for r in self._records],
            "copy_groups": self._event_of_copy_group,
            "events": [_record_to_json(r) for r in self._events],
            "topic_events": [[topic, records] for topic, records in self._topic_events.items()],
            "copy_events": self._copy_event,
            "members": [
                [topic, m.id, m.outlet, None if math.isnan(m.day) else m.day, m.known, m.group, m.headline,
                 m.has_title, m.language]
                for topic, members in self._members.items()
                for m in members
            ],
        }
        arrays: dict[str, np.ndarray] = {
            "meta": np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
        }
        all_members = [m for members in self._members.values() for m in members]
        for k, name in enumerate(SUBSPACES):
            arrays[f"m_{name}_sizes"] = np.array([len(m.rows[k][0]) for m in all_members], dtype=np.int32)
            arrays[f"m_{name}_columns"] = (
                np.concatenate([m.rows[k][0] for m in all_members]) if all_members else np.zeros(0, np.int32)
            )
            arrays[f"m_{name}_values"] = (
                np.concatenate([m.rows[k][1] for m in all_members]) if all_members else np.zeros(0, np.float16)
            )
        for name in SUBSPACES:
            nonzero = np.flatnonzero(self._df[name])
            arrays[f"df_{name}_columns"] = nonzero.astype(np.int32)
            arrays[f"df_{name}_counts"] = self._df[name][nonzero]
            matrix = self._centroids[name]
            arrays[f"c_{name}_data"] = matrix.data
            arrays[f"c_{name}_indices"] = matrix.indices.astype(np.int32)
            arrays[f"c_{name}_indptr"] = matrix.indptr.astype(np.int64)
        buffer = io.BytesIO()
        np.savez_compressed(buffer, **arrays)
        return buffer.getvalue()

    @classmethod
    def from_state(cls, data: bytes) -> EventIndex:
        """Rebuild an index saved with ``to_state``."""
        try:
            arrays = np.load(io.BytesIO(data), allow_pickle=False)
            meta = json.loads(bytes(arrays["meta"]).decode("utf-8"))
        except (ValueError, KeyError, OSError) as error:
            raise ValueError(f"not an event index state: {error}") from None
        if meta.get("version") != STATE_VERSION:
            raise ValueError(f"the stored event index has version {meta.get('version')}, this Storyline reads "
                             f"{STATE_VERSION}: run 'storyline rebuild' once to recompute it")
        index = cls(**meta["options"])
        size = 1 << index.options.bits
        index._n_docs = meta["n_docs"]
        index._stream_day = _UNKNOWN if meta["stream_day"] is None else meta["stream_day"]
        index._open = list(meta["open"])
        index._records = [_record_from_json(r) for r in meta["records"]]
        index._event_of_copy_group = dict(meta["copy_groups"])
        index._event_of_article = {a: i for i, r in enumerate(index._records) for a in r.article_ids}
        index._events = [_record_from_json(r) for r in meta["events"]]
        index._event_record_of_article = {a: i for i, r in enumerate(index._events) for a in r.article_ids}
        index._topic_events = {int(topic): list(records) for topic, records in meta["topic_events"]}
        index._copy_event = dict(meta["copy_events"])
        rows_of = []
        for k, name in enumerate(SUBSPACES):
            ends = np.cumsum(arrays[f"m_{name}_sizes"].astype(np.int64))
            starts = ends - arrays[f"m_{name}_sizes"]
            columns, values = arrays[f"m_{name}_columns"], arrays[f"m_{name}_values"]
            rows_of.append([(columns[a:b], values[a:b]) for a, b in zip(starts, ends)])
        for j, (topic, *fields_) in enumerate(meta["members"]):
            article_id, outlet, day, known, group, headline, has_title, language = fields_
            index._members.setdefault(int(topic), []).append(
                _Member(
                    id=article_id, outlet=outlet, day=_UNKNOWN if day is None else day, known=known, group=group,
                    headline=headline, has_title=has_title, language=language,
                    rows=tuple(rows_of[k][j] for k in range(len(SUBSPACES))),
                )
            )
        for name in SUBSPACES:
            index._df[name][arrays[f"df_{name}_columns"]] = arrays[f"df_{name}_counts"]
            index._centroids[name] = sp.csr_matrix(
                (arrays[f"c_{name}_data"], arrays[f"c_{name}_indices"], arrays[f"c_{name}_indptr"]),
                shape=(len(index._open), size),
            )
        return index


def _record_to_json(record: _EventRecord) -> dict:
    data = {f.name: getattr(record, f.name) for f in fields(record)}  # shallow: JSON only reads it
    for key in ("start", "end", "ingest_start", "ingest_end", "last_seen"):
        data[key] = None if math.isnan(data[key]) else data[key]
    return data


def _record_from_json(data: dict) -> _EventRecord:
    values = dict(data)
    for key in ("start", "end", "ingest_start", "ingest_end", "last_seen"):
        values[key] = _UNKNOWN if values[key] is None else values[key]
    return _EventRecord(**values)


def _refine(
    labels: np.ndarray,
    units: Mapping[str, sp.csr_matrix],
    scales: Mapping[str, np.ndarray],
    days: np.ndarray,
    known: np.ndarray,
    languages: np.ndarray,
    leaders: np.ndarray,
    options: EventOptions,
) -> np.ndarray:
    """Re-assign every article to its most similar event once all events are known (k-means style rounds).

    ``units`` are idf-weighted unit rows, ``scales`` their lengths before scaling (so an event centroid is
    ``sum(scale * unit)`` as in the single pass). An article's own event is measured without it; below the
    threshold it stands alone. Dated articles only look at events within the window of their date; articles of
    unknown time look at all. ``leaders[i]`` is the article whose event article ``i`` follows (its copy
    group's
    first article, or itself). Rounds stop when nothing moves.
    """
    n = len(labels)
    weights = np.array(options.weights)
    has = np.stack([scales[name] > 0 for name in SUBSPACES], axis=1)
    order = np.lexsort((np.arange(n), np.where(known, days, np.inf)))
    for _ in range(options.refine_rounds):
        labels = np.unique(labels, return_inverse=True)[1]
        k = int(labels.max()) + 1
        members = sp.csr_matrix((np.ones(n), (labels, np.arange(n))), shape=(k, n))
        sums = {name: members @ sp.diags(scales[name]) @ units[name] for name in SUBSPACES}
        lengths2 = {name: _row_norms2(sums[name].tocsr()) for name in SUBSPACES}
        own_dot = {
            name: np.asarray(units[name].multiply(sums[name][labels]).sum(axis=1)).ravel()
            for name in SUBSPACES
        }
        starts, ends = np.full(k, np.inf), np.full(k, -np.inf)
        np.minimum.at(starts, labels[known], days[known])
        np.maximum.at(ends, labels[known], days[known])
        undated_event = ~np.isfinite(starts)
        starts[undated_event], ends[undated_event] = np.nan, np.nan
        event_language = np.empty(k, dtype=object)
        event_language[labels] = languages
        moved = labels.copy()
        next_label = k
        for begin in range(0, n, 1024):
            chunk = order[begin : begin + 1024]
            dated = known[chunk]
            if dated.all():
                low, high = days[chunk].min() - options.window_days, days[chunk].max() + options.window_days
                candidates = np.flatnonzero(undated_event | ((ends >= low) & (starts <= high)))
            else:
                candidates = np.arange(k)
            position = {int(c): j for j, c in enumerate(candidates)}
            own = np.array([position.get(int(labels[i]), -1) for i in chunk])
            rows = np.arange(len(chunk))
            dots, lens2 = [], []
            for name in SUBSPACES:
                dot = (units[name][chunk] @ sums[name][candidates].T).toarray()
                length2 = np.broadcast_to(lengths2[name][candidates], dot.shape).copy()
                r = scales[name][chunk]
                mine = own >= 0
                dot[rows[mine], own[mine]] = own_dot[name][chunk][mine] - r[mine]
                length2[rows[mine], own[mine]] = (
                    lengths2[name][labels[chunk]][mine]
                    - 2 * r[mine] * own_dot[name][chunk][mine]
                    + r[mine] ** 2
                )
                dots.append(dot)
                lens2.append(length2)
            similarity = _similarity(dots, lens2, has[chunk], weights)
            factor = _time_factor(days[chunk], starts[candidates], ends[candidates], options)
            similarity = np.where(dated[:, None], similarity * factor, similarity)
            similarity[event_language[candidates][None, :] != languages[chunk][:, None]] = -1.0
            best = similarity.argmax(axis=1)
            keep = similarity[rows, best] >= options.threshold
            moved[chunk[keep]] = candidates[best[keep]]
            alone = chunk[~keep]
            moved[alone] = np.arange(next_label, next_label + len(alone))
            next_label += len(alone)
        moved = moved[leaders]
        if np.array_equal(
            np.unique(moved, return_inverse=True)[1], np.unique(labels, return_inverse=True)[1]
        ):
            break
        labels = moved
    return np.unique(labels, return_inverse=True)[1]


# Topics smaller than this stay whole (two halves of at least two articles each, and enough articles for the
# topic's own document frequencies to mean something); larger than MAX_SPLIT_TOPIC they stay whole too, since
# the split compares every pair of the topic's articles.
MIN_SPLIT_TOPIC = 6
MAX_SPLIT_TOPIC = 3000
# Online: the most articles an open topic keeps for splitting again (each call that touches a topic compares
# every pair of its kept articles, so this bounds the cost of a call).
MAX_KEPT_TOPIC = 500
# A cut whose halves both hold at least this many articles is judged by ``split_ratio_large``.
LARGE_HALF = 6


def _local_similarity(features: ArticleFeatures, idf: Mapping[str, _Idf], weights: np.ndarray) -> np.ndarray:
    """Article-by-article similarity inside one topic, with each term weighted by the corpus idf times the
    topic's own idf: terms every article of the topic shares (its people, its kind of action) fade, terms that
    only part of it uses (the other place, victim, number, date) count."""
    m = features.body.shape[0]
    total, mass = np.zeros((m, m)), np.zeros((m, m))
    for name, weight in zip(SUBSPACES, weights):
        rows = features.subspace(name).tocsr()
        # Only the topic's own columns (hashed columns number a million; a topic uses a few thousand).
        columns, local = np.unique(rows.indices, return_inverse=True)
        local_df = np.bincount(local, minlength=len(columns))
        local_idf = np.log((1.0 + m) / (1.0 + local_df[local])) + 1.0
        rows = sp.csr_matrix(
            (rows.data * idf[name][columns][local] * local_idf, local.ravel(), rows.indptr), shape=(m, len(columns))
        )
        lengths = np.sqrt(_row_norms2(rows))
        present = lengths > 0
        rows.data /= np.repeat(np.where(present, lengths, 1.0), np.diff(rows.indptr))
        total += weight * (rows @ rows.T).toarray()
        mass += weight * np.outer(present, present)
    similarity = total / np.where(mass > 0, mass, 1.0)
    np.fill_diagonal(similarity, 1.0)
    return similarity


def _separation(similarity: np.ndarray, half: np.ndarray) -> float:
    """Mean similarity across the two halves over the geometric mean of the mean similarities within them
    (pairs of distinct articles): near 1 for an arbitrary cut of one event, low for two events."""
    def within(side: np.ndarray) -> float:
        block = similarity[np.ix_(side, side)]
        k = len(block)
        return max((block.sum() - np.trace(block)) / (k * (k - 1)), 1e-9)

    across = similarity[np.ix_(half, ~half)].mean()
    return float(across / math.sqrt(within(half) * within(~half)))


# Rounds of moving articles between the two halves of a cut (they converge in two or three).
SETTLE_ROUNDS = 10


def _settle(similarity: np.ndarray, half: np.ndarray) -> np.ndarray:
    """Polish a cut of a topic in two: move each article to the half it is on average more similar to (itself
    left out), until nothing moves (kernel 2-means started from the average-link cut, whose greedy merges can
    leave a few articles on the wrong side)."""
    inside = similarity.copy()
    np.fill_diagonal(inside, 0.0)
    for _ in range(SETTLE_ROUNDS):
        n_half, n_other = int(half.sum()), int((~half).sum())
        if min(n_half, n_other) < 2:
            break
        to_half = inside[:, half].sum(axis=1) / (n_half - half)
        to_other = inside[:, ~half].sum(axis=1) / (n_other - ~half)
        moved = to_half > to_other
        if np.array_equal(moved, half):
            break
        half = moved
    return half


def _split_topics(
    labels: np.ndarray,
    features: ArticleFeatures,
    idf: Mapping[str, _Idf],
    options: EventOptions,
    order: np.ndarray,
) -> np.ndarray:
    """The second level: split each topic (label) in two by average link on its local similarity while the
    halves are apart (``_separation`` below ``options.split_ratio``, or ``split_ratio_large`` when both halves
    hold at least ``LARGE_HALF`` articles), recursively; returns new labels.
    ``order`` is the fixed order the linkage sees the articles in (batch: the pass's date, longest-first, id
    order; online: date and id), so input order never matters."""
    weights = np.array(options.weights)
    out = labels.copy()
    next_label = int(labels.max()) + 1 if len(labels) else 0
    ordered = labels[order]
    stack = [order[ordered == label] for label in np.unique(labels)]
    while stack:
        members = stack.pop()
        if not MIN_SPLIT_TOPIC <= len(members) <= MAX_SPLIT_TOPIC:
            continue
        similarity = _local_similarity(features.take(members), idf, weights)
        tree = linkage(squareform(np.clip(1.0 - similarity, 0.0, None), checks=False), "average")
        half = _settle(similarity, fcluster(tree, 2, "maxclust") == 1)
        smaller = min(half.sum(), (~half).sum())
        if smaller < 2:
            continue
        ratio = options.split_ratio_large if smaller >= LARGE_HALF else options.split_ratio
        if _separation(similarity, half) >= ratio:
            continue
        out[members[~half]] = next_label
        next_label += 1
        stack += [members[half], members[~half]]
    return np.unique(out, return_inverse=True)[1]


def cluster_events(
    articles: Sequence[Article], *, copy_groups: Sequence[CopyGroup] = (), **options: object
) -> list[Event]:
    """Group ``articles`` into events: every article in exactly one ``Event``, oldest event first; the same
    articles give the same events whatever their order.

    Options are the fields of ``EventOptions``. Document frequencies come from the whole input, and after the
    date-ordered pass every article moves to its most similar event (``refine_rounds``).

    >>> events = cluster_events(
    ...     [Article(id="a", text="Floods closed the Rhine bridge at Basel.", title="Floods")]
    ... )
    >>> [(event.title, event.article_ids) for event in events]
    [('Floods', ['a'])]
    """
    return EventIndex.from_articles(articles, copy_groups=copy_groups, **options).events()
