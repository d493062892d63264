"""An event index kept in the store as rows, each rewritten only when what it holds changes.

One row per topic and per event record, per open topic's centroid, member list and events, per article kept for
splitting, and per copy-group mapping; document frequencies as a log of the columns each batch changed (folded
into one row now and then). Saving after a batch writes the rows of the topics, events and copy groups the batch
touched, so its cost follows the new articles, not the size of the store; nothing is compressed.

``RowState`` remembers what the store holds (a snapshot of the small mappings, the records' ``saved`` flags) and
gives the rows to write and to delete after each batch.
"""

from __future__ import annotations

import json
import math
import struct
from collections.abc import Callable, Iterable
from dataclasses import asdict

import numpy as np
import scipy.sparse as sp

from storyline.events.copies import CopyKeys
from storyline.events.days import UNKNOWN
from storyline.events.index import EventIndex
from storyline.events.layer import EventLayer
from storyline.events.options import EventOptions
from storyline.events.records import EventRecord, KeptMembers, Member, SavedRecords, records_to_check
from storyline.events.saved_mapping import Fetch, SavedMapping
from storyline.events.topics import TopicStream
from storyline.features import SUBSPACES

ROWS_VERSION = 1
_DF_LOG_LIMIT = 64  # document-frequency changes kept as separate rows before they are folded into one
_HEAD = struct.Struct("<I")
# Mappings of the index saved one row per key (row prefixes): the copy sets', read whole, and each copy group's
# topic and event, one per article stored, read by key when a batch asks for them (``SavedMapping``).
_COPY_MAPPINGS = ("copy-key", "key-group", "key-merged")
KEYED_MAPPINGS = ("topic-group", "copy-event")
# The rows read by key when a batch needs them, not when the index is loaded: those mappings, and the feature rows
# of open topics' kept articles (the window's articles: a batch splits the few hundred topics it touches).
READ_BY_KEY = (*KEYED_MAPPINGS, "member")
# Reads the saved rows ``prefix:name`` of some names (None: all of them), as (key, data).
ReadRows = Callable[[str, "list[str] | None"], Iterable[tuple[str, bytes]]]


def pack(head: object, arrays: Iterable[np.ndarray] = ()) -> bytes:
    """JSON ``head`` and raw arrays (their dtypes and lengths in the head), in one byte string."""
    arrays = list(arrays)
    text = json.dumps({"h": head, "a": [[a.dtype.str, len(a)] for a in arrays]}).encode("utf-8")
    return b"".join([_HEAD.pack(len(text)), text, *(np.ascontiguousarray(a).tobytes() for a in arrays)])


def unpack(data: bytes) -> tuple[object, list[np.ndarray]]:
    (size,) = _HEAD.unpack_from(data, 0)
    meta = json.loads(bytes(data[_HEAD.size : _HEAD.size + size]).decode("utf-8"))
    offset, arrays = _HEAD.size + size, []
    for dtype, length in meta["a"]:
        array = np.frombuffer(data, dtype=dtype, count=length, offset=offset)
        arrays.append(array)
        offset += array.nbytes
    return meta["h"], arrays


def unpack_heads(rows: dict[str, bytes]) -> dict[str, object]:
    """The JSON heads of many rows (name -> data) in one parse, their arrays left unread: a big store holds a
    mapping row per copy group, and parsing each on its own is most of what loading the index costs."""
    parts = []
    for data in rows.values():
        (size,) = _HEAD.unpack_from(data, 0)
        parts.append(data[_HEAD.size : _HEAD.size + size])
    return dict(zip(rows, (item["h"] for item in json.loads(b"[" + b",".join(parts) + b"]"))))


def _day(value: float) -> float | None:
    return None if math.isnan(value) else value


def _undo_day(value: float | None) -> float:
    return UNKNOWN if value is None else value


class RowState:
    """What the store holds of one event index; ``changes`` gives the rows to bring the store up to date."""

    def __init__(self) -> None:
        self.open: list[int] = []
        self.df = {name: None for name in SUBSPACES}
        self.df_rows = 0
        self.members: dict[int, tuple[str, ...]] = {}
        # The saved copy group of each kept article read or written so far (a loaded index notes an article's
        # when it decodes the article's row: the others are not read).
        self.member_group: dict[str, str | None] = {}
        self.topic_events: dict[int, tuple[int, ...]] = {}
        self.mappings: dict[str, dict] = {name: {} for name in _COPY_MAPPINGS}
        self.keyed_saved = False  # whether the store holds the rows of ``KEYED_MAPPINGS`` (else all are written)

    def changes(self, index: EventIndex) -> tuple[dict[str, bytes], list[str]]:
        """(rows to write by key, keys to delete) since the last call, or everything on a fresh ``RowState``."""
        topics, layer, copies = index._topics, index._layer, index._copies
        put: dict[str, bytes] = {}
        gone: list[str] = []
        open_now = set(topics.open)
        column = {record: c for c, record in enumerate(topics.open)}
        for i, record in records_to_check(topics.records):
            if not record.saved:
                put[f"topic:{i}"] = pack(record.to_json())
                if i in column:
                    put[f"centroid:{i}"] = _centroid_row(topics, column[i])
                record.saved = True
        gone += [f"centroid:{i}" for i in self.open if i not in open_now]
        self.open = list(topics.open)
        self._df_changes(topics, put, gone)
        if layer is not None:
            for i, record in records_to_check(layer.records):
                if not record.saved:
                    put[f"event:{i}"] = pack(record.to_json())
                    record.saved = True
            self._layer_changes(layer, put, gone)
        self._keyed_changes(topics, layer, put, gone)
        for name, current in _copy_mappings(copies).items():
            saved = self.mappings[name]
            for key, value in current.items():
                now = len(value) if name == "copy-key" else value
                if saved.get(key, _MISSING) != now:
                    put[f"{name}:{key}"] = pack(value)
                    saved[key] = now
            for key in [key for key in saved if key not in current]:
                del saved[key]
                gone.append(f"{name}:{key}")
        put["meta"] = pack(
            {
                "version": ROWS_VERSION,
                "options": asdict(index.options),
                "n_docs": topics.n_docs,
                "stream_day": _day(topics.stream_day),
                "open": topics.open,
                "topics": len(topics.records),
                "events": len(layer.records) if layer is not None else 0,
                "df_rows": self.df_rows,
            }
        )
        return put, gone

    def _df_changes(self, topics: TopicStream, put: dict[str, bytes], gone: list[str]) -> None:
        """The document frequencies of the columns that changed, as one more row of the log (all of them, as its
        first row, when the log is long)."""
        fold = self.df_rows >= _DF_LOG_LIMIT or any(self.df[name] is None for name in SUBSPACES)
        arrays = []
        for name in SUBSPACES:
            df = topics.df[name]
            changed = np.flatnonzero(df) if fold else np.flatnonzero(df != self.df[name])
            arrays += [changed.astype(np.int32), df[changed].astype(np.int32)]
            self.df[name] = df.copy()
        if fold:
            gone += [f"df:{k}" for k in range(1, self.df_rows)]
            self.df_rows = 0
        elif not any(len(a) for a in arrays):
            return
        put[f"df:{self.df_rows}"] = pack(None, arrays)
        self.df_rows += 1

    def _keyed_changes(
        self, topics: TopicStream, layer: EventLayer | None, put: dict[str, bytes], gone: list[str]
    ) -> None:
        """The rows of the copy groups whose topic or event was set or removed (all of them the first time)."""
        for name, mapping in _keyed_mappings(topics, layer).items():
            keys = mapping.take_changed() if self.keyed_saved else list(mapping)
            for key in keys:
                if key in mapping:
                    put[f"{name}:{key}"] = pack(mapping[key])
                else:
                    gone.append(f"{name}:{key}")
        self.keyed_saved = True

    def _layer_changes(self, layer: EventLayer, put: dict[str, bytes], gone: list[str]) -> None:
        kept_now: set[str] = set()
        members_now: dict[int, tuple[str, ...]] = {}
        for topic in layer.members:
            if topic in self.members and not layer.members.decoded(topic):  # not used since loaded: as saved
                members_now[topic] = self.members[topic]
                kept_now.update(members_now[topic])
                continue
            members = layer.members[topic]
            members_now[topic] = ids = tuple(member.id for member in members)
            if self.members.get(topic) != ids:
                put[f"members:{topic}"] = pack(list(ids))
            for member in members:
                kept_now.add(member.id)
                if self.member_group.get(member.id, _MISSING) != member.group:
                    put[f"member:{member.id}"] = _member_row(member)
                    self.member_group[member.id] = member.group
        gone += [f"members:{topic}" for topic in self.members if topic not in layer.members]
        for article_id in {a for ids in self.members.values() for a in ids} - kept_now:
            gone.append(f"member:{article_id}")
            self.member_group.pop(article_id, None)
        self.members = members_now
        for topic, records in layer.topic_events.items():
            if self.topic_events.get(topic) != tuple(records):
                put[f"topic-events:{topic}"] = pack(list(records))
        gone += [f"topic-events:{topic}" for topic in self.topic_events if topic not in layer.topic_events]
        self.topic_events = {topic: tuple(records) for topic, records in layer.topic_events.items()}


_MISSING = object()


def _copy_mappings(copies: CopyKeys) -> dict[str, dict]:
    return {"copy-key": copies.articles, "key-group": copies.key_of_group, "key-merged": copies.merged_into}


def _keyed_mappings(topics: TopicStream, layer: EventLayer | None) -> dict[str, SavedMapping]:
    mappings = {"topic-group": topics.topic_of_copy_group}
    if layer is not None:
        mappings["copy-event"] = layer.copy_event
    return mappings


def _reader(read_rows: ReadRows, name: str) -> Fetch:
    """The ``fetch`` of a ``SavedMapping`` saved as the rows ``name:key``."""

    def fetch(keys: list[str] | None) -> dict[str, int]:
        rows = {key.partition(":")[2]: data for key, data in read_rows(name, keys)}
        try:
            return unpack_heads(rows)  # type: ignore[return-value]
        except (ValueError, struct.error) as error:
            raise ValueError(
                f"the saved event index cannot be read ({name} rows: {error}); run 'storyline rebuild' to recompute it"
            ) from None

    return fetch


def _centroid_row(topics: TopicStream, column: int) -> bytes:
    arrays = []
    for name in SUBSPACES:
        matrix = topics.centroids[name]
        span = slice(matrix.indptr[column], matrix.indptr[column + 1])
        arrays += [matrix.indices[span].astype(np.int32), matrix.data[span].astype(np.float64)]
    return pack(None, arrays)


def _member_row(member: Member) -> bytes:
    head = [member.outlet, _day(member.day), member.known, member.group, member.headline, member.has_title]
    head.append(member.language)
    arrays = [part for columns, values in member.rows for part in (columns, values)]
    return pack(head, arrays)


def saved_rows(
    rows: Iterable[tuple[str, bytes]], what: str, version: int
) -> tuple[dict[str, dict[str, bytes]], dict] | None:
    """``rows`` (key "kind:name", data) by kind and name, with their meta row checked to be of ``version``; None
    when there are none. ValueError, naming ``what``, when they are not a saved index of this version."""
    by_kind: dict[str, dict[str, bytes]] = {}
    for key, data in rows:
        kind, _, name = key.partition(":")
        by_kind.setdefault(kind, {})[name] = data
    if not by_kind:
        return None
    if "meta" not in by_kind:
        raise ValueError(f"the saved {what} has no meta row")
    meta, _ = unpack(by_kind["meta"][""])
    if not isinstance(meta, dict) or meta.get("version") != version:
        found = meta.get("version") if isinstance(meta, dict) else None
        raise ValueError(f"the saved {what} has version {found}, this Storyline reads {version}")
    return by_kind, meta


def load(rows: Iterable[tuple[str, bytes]], read_rows: ReadRows | None = None) -> tuple[EventIndex, RowState] | None:
    """The index saved as ``rows`` (key, data) and what the store holds of it; None when there are none.

    ``read_rows`` (the store's ``state_rows_named`` for the index's kind): the rows of ``KEYED_MAPPINGS`` are then
    read when a batch asks for them, and ``rows`` need not hold them. ValueError when the rows are not a saved
    index of this version."""
    saved = saved_rows(rows, "event index", ROWS_VERSION)
    if saved is None:
        return None
    by_kind, meta = saved
    options = EventOptions.from_mapping(meta["options"])
    state = RowState()
    topics = TopicStream(options)
    topics.n_docs, topics.stream_day = meta["n_docs"], _undo_day(meta["stream_day"])
    topics.open = list(meta["open"])
    topics.records = _records(by_kind.get("topic", {}), meta["topics"], "topic")
    topics.topic_of_article = {a: i for i, ids in enumerate(topics.records.article_lists()) for a in ids}
    _load_df(topics, by_kind.get("df", {}), meta["df_rows"], state)
    _load_centroids(topics, by_kind.get("centroid", {}))
    layer = None
    if options.two_level:
        layer = EventLayer(options)
        layer.records = _records(by_kind.get("event", {}), meta["events"], "event")
        layer.event_of_article = {a: i for i, ids in enumerate(layer.records.article_lists()) for a in ids}
        layer.topic_events = {int(t): list(head) for t, head in unpack_heads(by_kind.get("topic-events", {})).items()}
        kept = {int(topic): tuple(ids) for topic, ids in unpack_heads(by_kind.get("members", {})).items()}
        layer.members = KeptMembers.saved(kept, _member_reader(kept, by_kind.get("member", {}), read_rows, state))
        state.members = kept
        state.topic_events = {topic: tuple(records) for topic, records in layer.topic_events.items()}
    copies = CopyKeys()
    loaded = {name: unpack_heads(by_kind.get(name, {})) for name in _COPY_MAPPINGS}
    copies.articles = loaded["copy-key"]
    copies.key_of_group, copies.merged_into = loaded["key-group"], loaded["key-merged"]
    copies._key_of_article = {a: key for key, articles in copies.articles.items() for a in articles}
    for name, current in _copy_mappings(copies).items():
        state.mappings[name] = {key: len(v) if name == "copy-key" else v for key, v in current.items()}
    keyed = {
        name: SavedMapping(unpack_heads(by_kind.get(name, {})), None if read_rows is None else _reader(read_rows, name))
        for name in KEYED_MAPPINGS
    }
    topics.topic_of_copy_group = keyed["topic-group"]
    if layer is not None:
        layer.copy_event = keyed["copy-event"]
    state.keyed_saved = True
    state.open = list(topics.open)
    return EventIndex._of(options, topics, layer, copies), state


def _records(rows: dict[str, bytes], count: int, kind: str) -> SavedRecords:
    """The records saved as rows ``kind:0`` ... ``kind:count-1``: each one's id and article ids read now (one parse
    for all), the rest of it when it is first used."""
    saved = [rows[str(i)] for i in range(count)]
    leads = []
    for data in saved:
        (size,) = _HEAD.unpack_from(data, 0)
        head = data[_HEAD.size : _HEAD.size + size]
        # A record's JSON starts with its id, language and article ids; a quote in a string is escaped, so this
        # is where the list of article ids ends. A row written otherwise is read whole.
        end = head.find(_AFTER_ARTICLES)
        leads.append(head[: end + 1] + b"}}" if end >= 0 and head.startswith(b'{"h": {"id": ') else head)
    heads = [lead["h"] for lead in json.loads(b"[" + b",".join(leads) + b"]")]

    def decode(position: int, data: bytes) -> EventRecord:
        try:
            head, _ = unpack(data)
            record = EventRecord.from_json(head)
        except (ValueError, TypeError, KeyError, struct.error) as error:
            raise ValueError(
                f"the saved event index cannot be read ({kind} row {position}: {type(error).__name__}: "
                f"{str(error)[:120]}); run 'storyline rebuild' to recompute it"
            ) from None
        record.saved = True
        return record

    return SavedRecords([(head["id"], head["article_ids"]) for head in heads], saved, decode)


_AFTER_ARTICLES = b'], "outlets": '


def _load_df(topics: TopicStream, rows: dict[str, bytes], count: int, state: RowState) -> None:
    for k in range(count):
        _, arrays = unpack(rows[str(k)])
        for j, name in enumerate(SUBSPACES):
            topics.df[name][arrays[2 * j]] = arrays[2 * j + 1]
    state.df = {name: topics.df[name].copy() for name in SUBSPACES}
    state.df_rows = count


def _load_centroids(topics: TopicStream, rows: dict[str, bytes]) -> None:
    size = 1 << topics.options.bits
    parts = [unpack(rows[str(record)])[1] for record in topics.open]
    for j, name in enumerate(SUBSPACES):
        columns = [arrays[2 * j] for arrays in parts]
        values = [arrays[2 * j + 1] for arrays in parts]
        indptr = np.concatenate([[0], np.cumsum([len(c) for c in columns], dtype=np.int64)])
        topics.centroids[name] = sp.csr_matrix(
            (
                np.concatenate(values) if values else np.zeros(0),
                np.concatenate(columns) if columns else np.zeros(0, np.int32),
                indptr,
            ),
            shape=(len(topics.open), size),
        )


def _member_reader(
    kept: dict[int, tuple[str, ...]], rows: dict[str, bytes], read_rows: ReadRows | None, state: RowState
) -> Callable[[int], list[Member]]:
    """Decodes an open topic's kept articles from their rows (those not in ``rows`` read by key), noting each
    one's saved copy group in ``state``."""

    def decode(topic: int) -> list[Member]:
        missing = [a for a in kept[topic] if a not in rows]
        read = {}
        if missing and read_rows is not None:
            read = {key.partition(":")[2]: data for key, data in read_rows("member", missing)}
        members = [_member(a, rows[a] if a in rows else read[a]) for a in kept[topic]]
        state.member_group.update((member.id, member.group) for member in members)
        return members

    return decode


def _member(article_id: str, data: bytes) -> Member:
    head, arrays = unpack(data)
    outlet, day, known, group, headline, has_title, language = head
    rows = tuple((arrays[2 * k], arrays[2 * k + 1]) for k in range(len(SUBSPACES)))
    return Member(article_id, outlet, _undo_day(day), known, group, headline, has_title, language, rows)
