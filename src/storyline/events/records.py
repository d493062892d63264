"""What an event or topic remembers of its articles (never their texts), and how it picks its title."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, MutableSequence, Sequence
from dataclasses import dataclass, field, fields

import numpy as np
import scipy.sparse as sp
import xxhash

from storyline.events.days import UNKNOWN, day_text, nanmax, nanmin
from storyline.events.vectors import Idf
from storyline.features import SUBSPACES, ArticleFeatures
from storyline.model import Event

MAX_HEADLINES = 40  # distinct headline candidates an event keeps (the first ones; later repeats still count)
_DAY_FIELDS = ("start", "end", "ingest_start", "ingest_end", "last_seen")


def event_id(founder: str) -> str:
    """The id of an event founded by article ``founder``: stable, so rebuilding gives the same ids."""
    return "ev-" + xxhash.xxh64_hexdigest(founder.encode("utf-8"), seed=0x5E7)[:12]


@dataclass(slots=True, frozen=True)
class Entry:
    """One article as a record notes it: who it is, when, and its headline (with the headline's hashed words)."""

    id: str
    outlet: str | None
    day: float
    known: bool  # ``day`` is a publication day (not unknown, not the day it was read)
    headline: str
    has_title: bool
    title_columns: np.ndarray


def entries_of(
    ids: Sequence[str], outlets: Sequence[str | None], features: ArticleFeatures, days: np.ndarray, known: np.ndarray
) -> list[Entry]:
    """The ``Entry`` of each article (row ``i`` of ``features``)."""
    title = features.title
    return [
        Entry(
            id=ids[i],
            outlet=outlets[i],
            day=float(days[i]),
            known=bool(known[i]),
            headline=features.headlines[i],
            has_title=features.has_title[i],
            title_columns=title.indices[title.indptr[i] : title.indptr[i + 1]],
        )
        for i in range(len(ids))
    ]


@dataclass(slots=True)
class EventRecord:
    """What an event (or topic) remembers: enough to answer ``events()`` and to keep it open."""

    id: str
    language: str
    article_ids: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    start: float = UNKNOWN  # known publication days
    end: float = UNKNOWN
    ingest_start: float = UNKNOWN  # days of articles dated only by when they were read
    ingest_end: float = UNKNOWN
    last_seen: float = UNKNOWN  # the stream day the event was last touched (keeps undated events open)
    headlines: dict[str, list] = field(default_factory=dict)  # headline -> [count, is_title, hashed columns]
    title: str = ""
    # Whether the store's row of this record is up to date (every change clears it; see ``events.state_rows``).
    saved: bool = field(default=False, compare=False, repr=False)

    def note(self, entry: Entry, stream_day: float) -> None:
        """Count ``entry`` in: its id, outlet, dates and headline (``stream_day``: the newest day seen so far)."""
        self.saved = False
        self.article_ids.append(entry.id)
        if entry.outlet and entry.outlet not in self.outlets:
            self.outlets.append(entry.outlet)
        day = entry.day
        if entry.known:
            self.start, self.end = nanmin(self.start, day), nanmax(self.end, day)
        elif not math.isnan(day):
            self.ingest_start, self.ingest_end = nanmin(self.ingest_start, day), nanmax(self.ingest_end, day)
        self.last_seen = nanmax(self.last_seen, day if entry.known else stream_day)
        if entry.headline:
            counted = self.headlines.get(entry.headline)
            if counted is None and len(self.headlines) < MAX_HEADLINES:
                self.headlines[entry.headline] = [1, entry.has_title, entry.title_columns.tolist()]
            elif counted is not None:
                counted[0] += 1

    def choose_title(self, title_idf: Idf) -> None:
        """The headline closest to the event's headline centroid; real titles before substitutes."""
        self.saved = False
        candidates = self.headlines
        if not candidates:
            self.title = ""
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
        mass = np.bincount(owner, weights=weight[word] * idf, minlength=len(titled)) / np.sqrt(np.maximum(sizes, 1))
        best = min(range(len(titled)), key=lambda k: (-round(float(mass[k]), 9), -counts[k], titled[k][0]))
        self.title = titled[best][0]

    def absorb(self, other: EventRecord) -> None:
        """Take in every article of ``other`` (two events found to hold one story's copies become one)."""
        self.saved = False
        self.article_ids.extend(other.article_ids)
        self.outlets.extend(outlet for outlet in other.outlets if outlet not in self.outlets)
        self.start, self.end = nanmin(self.start, other.start), nanmax(self.end, other.end)
        self.ingest_start = nanmin(self.ingest_start, other.ingest_start)
        self.ingest_end = nanmax(self.ingest_end, other.ingest_end)
        self.last_seen = nanmax(self.last_seen, other.last_seen)
        for headline, (count, is_title, columns) in other.headlines.items():
            if headline in self.headlines:
                self.headlines[headline][0] += count
            elif len(self.headlines) < MAX_HEADLINES:
                self.headlines[headline] = [count, is_title, list(columns)]

    def emptied(self) -> EventRecord:
        """A record with this one's id and language and no articles (its articles have moved)."""
        return EventRecord(id=self.id, language=self.language)

    def to_event(self) -> Event:
        start, end = self.start, self.end
        if math.isnan(start):
            start, end = self.ingest_start, self.ingest_end
        return Event(
            id=self.id,
            title=self.title,
            start=day_text(start),
            end=day_text(end),
            article_ids=list(self.article_ids),
            outlets=sorted(self.outlets),
        )

    def first_day(self) -> float:
        return nanmin(self.start, self.ingest_start)

    def to_json(self) -> dict:
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "saved"}  # shallow: JSON reads it
        for key in _DAY_FIELDS:
            data[key] = None if math.isnan(data[key]) else data[key]
        return data

    @classmethod
    def from_json(cls, data: dict) -> EventRecord:
        values = dict(data)
        for key in _DAY_FIELDS:
            values[key] = UNKNOWN if values[key] is None else values[key]
        return cls(**values)


@dataclass(slots=True)
class Member:
    """An article of an open topic as the online second level needs it: its feature rows, kept compactly (hashed
    int32 columns, float16 values) only while its topic is open, and what its event record shows."""

    id: str
    outlet: str | None
    day: float
    known: bool
    group: str | None
    headline: str
    has_title: bool
    language: str
    rows: tuple  # per subspace: (columns int32, values float16)

    def entry(self) -> Entry:
        return Entry(
            id=self.id,
            outlet=self.outlet,
            day=self.day,
            known=self.known,
            headline=self.headline,
            has_title=self.has_title,
            title_columns=self.rows[SUBSPACES.index("title")][0],
        )


def members_of(entries: Sequence[Entry], features: ArticleFeatures, groups: Mapping[str, str]) -> list[Member]:
    """``Member`` entries for articles (``entries`` and rows of ``features``, in order)."""
    out = []
    for i, entry in enumerate(entries):
        rows = []
        for name in SUBSPACES:
            matrix = features.subspace(name)
            span = slice(matrix.indptr[i], matrix.indptr[i + 1])
            rows.append((matrix.indices[span].astype(np.int32), matrix.data[span].astype(np.float16)))
        out.append(
            Member(
                id=entry.id,
                outlet=entry.outlet,
                day=entry.day,
                known=entry.known,
                group=groups.get(entry.id),
                headline=entry.headline,
                has_title=entry.has_title,
                language=features.languages[i],
                rows=tuple(rows),
            )
        )
    return out


def member_features(members: Sequence[Member], bits: int) -> ArticleFeatures:
    """The ``ArticleFeatures`` of stored members (one row each, in order)."""
    matrices = {}
    for k, name in enumerate(SUBSPACES):
        sizes = np.array([len(m.rows[k][0]) for m in members], dtype=np.int64)
        indptr = np.concatenate([[0], np.cumsum(sizes)])
        columns = np.concatenate([m.rows[k][0] for m in members]) if members else np.zeros(0, np.int32)
        values = np.concatenate([m.rows[k][1] for m in members]) if members else np.zeros(0, np.float16)
        matrices[name] = sp.csr_matrix((values.astype(np.float64), columns, indptr), shape=(len(members), 1 << bits))
    return ArticleFeatures(
        body=matrices["body"],
        title=matrices["title"],
        entities=matrices["entities"],
        languages=[m.language for m in members],
        headlines=[m.headline for m in members],
        has_title=[m.has_title for m in members],
    )


class KeptMembers(MutableMapping[int, list[Member]]):
    """Open topic -> its kept articles, for the online split. A loaded index gives each topic's articles as a
    function that decodes them from their saved rows, called the first time the topic is used: a batch touches a
    few hundred of the thousands of open topics, and decoding every kept article was most of loading the index."""

    def __init__(self) -> None:
        self._topics: dict[int, list[Member] | None] = {}  # None: not decoded yet
        self._decode: Callable[[int], list[Member]] | None = None

    @classmethod
    def saved(cls, topics: Iterable[int], decode: Callable[[int], list[Member]]) -> KeptMembers:
        """The kept articles of ``topics``, each decoded by ``decode(topic)`` when first used."""
        kept = cls()
        kept._topics = dict.fromkeys(topics)
        kept._decode = decode
        return kept

    def decoded(self, topic: int) -> bool:
        """Whether ``topic``'s articles were used (and so may have changed) since they were loaded."""
        return self._topics[topic] is not None

    def __getitem__(self, topic: int) -> list[Member]:
        members = self._topics[topic]
        if members is None:
            members = self._topics[topic] = self._decode(topic)
        return members

    def __contains__(self, topic: object) -> bool:
        return topic in self._topics  # without decoding (``Mapping``'s would look the topic up)

    def __setitem__(self, topic: int, members: list[Member]) -> None:
        self._topics[topic] = members

    def __delitem__(self, topic: int) -> None:
        del self._topics[topic]

    def __iter__(self) -> Iterator[int]:
        return iter(self._topics)

    def __len__(self) -> int:
        return len(self._topics)


class SavedRecords(MutableSequence[EventRecord]):
    """Every topic's or event's record of a loaded index, each decoded from its saved row when first used.

    Loading reads only each record's id and article list (what the article -> topic and article -> event mappings
    and new ids need); a batch uses the records of the topics and events it touches, and the open topics' dates,
    out of thousands. A record not used since loading is as saved (``decoded`` lists the others).
    """

    def __init__(self, leads: list[tuple[str, list[str]]], rows: list, decode: Callable[[int, object], EventRecord]):
        """``leads``: each record's (id, article ids); ``rows``: what ``decode(position, row)`` makes it from."""
        if len(leads) != len(rows):
            raise ValueError("one lead per saved row")
        self._records: list[EventRecord | None] = [None] * len(leads)
        self._leads: list[tuple[str, list[str]] | None] = list(leads)
        self._rows: list = list(rows)
        self._decode = decode

    def __getitem__(self, position):
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        record = self._records[position]
        if record is None:
            position = range(len(self._records))[position]
            record = self._records[position] = self._decode(position, self._rows[position])
            self._rows[position] = self._leads[position] = None
        return record

    def __setitem__(self, position, record: EventRecord) -> None:
        if isinstance(position, slice):
            raise TypeError("records are set one at a time")
        position = range(len(self._records))[position]
        self._records[position] = record
        self._rows[position] = self._leads[position] = None

    def __delitem__(self, position) -> None:
        if isinstance(position, slice):
            raise TypeError("records are removed one at a time")
        del self._records[position], self._rows[position], self._leads[position]

    def insert(self, position: int, record: EventRecord) -> None:
        self._records.insert(position, record)
        self._rows.insert(position, None)
        self._leads.insert(position, None)

    def __len__(self) -> int:
        return len(self._records)

    def ids(self) -> list[str]:
        """Every record's id, without decoding any."""
        return [lead[0] if lead is not None else record.id for lead, record in zip(self._leads, self._records)]

    def article_lists(self) -> list[list[str]]:
        """Every record's article ids, without decoding any."""
        return [lead[1] if lead is not None else record.article_ids for lead, record in zip(self._leads, self._records)]

    def decoded(self) -> Iterator[tuple[int, EventRecord]]:
        """(position, record) of every record decoded, set or added since loading (the others are as saved)."""
        return ((i, record) for i, record in enumerate(self._records) if record is not None)


def record_ids(records: Sequence[EventRecord]) -> list[str]:
    """The ids of ``records``, without decoding saved ones."""
    return records.ids() if isinstance(records, SavedRecords) else [record.id for record in records]


def records_to_check(records: Sequence[EventRecord]) -> Iterable[tuple[int, EventRecord]]:
    """(position, record) of the records that may have changed since loading: for saved ones, those decoded."""
    return records.decoded() if isinstance(records, SavedRecords) else enumerate(records)
