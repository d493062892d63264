"""The storyline index kept in the store as rows, each rewritten only when what it holds changes.

One row per event the index knows (its membership, dates, keys and links) and one per article of an open event
(its feature rows and day), plus a meta row. An update changes the events it was given, the events that lost
articles to them, their neighbours and the open events; ``StorylineRows`` compares only those with what the store
holds, so saving after a batch costs what the batch touched and the open window, not the size of the store.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict

import xxhash

from storyline.events.state_rows import pack, saved_rows, unpack, unpack_heads
from storyline.events.storylines import StorylineIndex
from storyline.features import SUBSPACES
from storyline.model import Event

ROWS_VERSION = 1


def _day(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else value


def _undo_day(value: float | None) -> float:
    return math.nan if value is None else value


class StorylineRows:
    """What the store holds of one storyline index; ``changes`` gives the rows to bring the store up to date.

    Call ``watch`` with the events of an update before running it (the events it can change besides the open
    ones), then ``changes`` after it."""

    def __init__(self) -> None:
        self.saved: dict[str, int] = {}  # event -> digest of its stored row
        self.articles: set[str] = set()  # articles whose rows are stored
        self.watched: set[str] = set()
        self.everything = True  # nothing stored yet: the first ``changes`` writes every row

    def watch(self, index: StorylineIndex, events: Sequence[Event]) -> None:
        """Note the events an update of ``events`` can change: themselves, the events holding their articles, the
        neighbours of both, and the open events."""
        self.watched |= {event.id for event in events} | index._affected(events) | set(index._keys)

    def changes(self, index: StorylineIndex) -> tuple[dict[str, bytes], list[str]]:
        """(rows to write by key, keys to delete) since the last call, or every row the first time."""
        put: dict[str, bytes] = {}
        gone: list[str] = []
        if self.everything:
            candidates = set(index._events) | set(self.saved)
        else:
            candidates = self.watched | set(index._keys)
            candidates |= index._neighbours({e for e in candidates if e in index._events})
        for event_id in sorted(candidates):
            if event_id in index._events:
                data = _event_row(index, event_id)
                digest = xxhash.xxh64_intdigest(data)
                if self.saved.get(event_id) != digest:
                    put[f"event:{event_id}"] = data
                    self.saved[event_id] = digest
            elif event_id in self.saved:
                del self.saved[event_id]
                gone.append(f"event:{event_id}")
        current = set(index._rows)
        for article_id in sorted(current - self.articles):
            put[f"article:{article_id}"] = _article_row(index, article_id)
        gone += [f"article:{article_id}" for article_id in sorted(self.articles - current)]
        self.articles = current
        self.watched = set()
        self.everything = False
        put["meta"] = pack(
            {"version": ROWS_VERSION, "options": asdict(index.options), "stream_day": _day(index._stream_day)}
        )
        return put, gone


def _event_row(index: StorylineIndex, event_id: str) -> bytes:
    event = index._events[event_id]
    first, last = index._days[event_id]
    keys = index._keys.get(event_id)
    return pack(
        [
            event.title,
            event.start,
            event.end,
            event.article_ids,
            event.outlets,
            _day(first),
            _day(last),
            _day(index._seen.get(event_id)),
            keys,
            sorted(index._links[event_id]) if event_id in index._links else None,  # an empty set counts
        ]
    )


def _article_row(index: StorylineIndex, article_id: str) -> bytes:
    arrays = [part for columns, values in index._rows[article_id] for part in (columns, values)]
    return pack(_day(index._article_day.get(article_id)), arrays)


def load(rows: Iterable[tuple[str, bytes]]) -> tuple[StorylineIndex, StorylineRows] | None:
    """The index saved as ``rows`` (key, data) and what the store holds of it; None when there are none.

    ValueError when the rows are not a saved storyline index of this version."""
    saved = saved_rows(rows, "storyline index", ROWS_VERSION)
    if saved is None:
        return None
    by_kind, meta = saved
    options = dict(meta["options"])
    options["weights"] = tuple(options["weights"])
    index = StorylineIndex(**options)
    index._stream_day = _undo_day(meta["stream_day"])
    state = StorylineRows()
    event_rows = by_kind.get("event", {})
    for event_id, head in unpack_heads(event_rows).items():
        data = event_rows[event_id]
        title, start, end, article_ids, outlets, first, last, seen, keys, links = head
        index._events[event_id] = Event(event_id, title, start, end, article_ids, outlets)
        index._days[event_id] = (_undo_day(first), _undo_day(last))
        index._seen[event_id] = _undo_day(seen)
        for article_id in article_ids:
            index._event_of_article[article_id] = event_id
        if links is not None:
            index._links[event_id] = set(links)
        if keys is not None:
            index._keys[event_id] = list(keys)
            for key in keys:
                index._postings.setdefault(key, set()).add(event_id)
        state.saved[event_id] = xxhash.xxh64_intdigest(data)
    article_rows = by_kind.get("article", {})
    index._article_day = {article_id: _undo_day(day) for article_id, day in unpack_heads(article_rows).items()}
    index._rows = DecodedOnUse(article_rows, _feature_rows)  # an update reads the rows of the events it relinks
    state.articles = set(index._rows)
    state.everything = False
    return index, state


class DecodedOnUse(dict):
    """A dict of saved rows, each value decoded the first time it is looked up (``pop`` and membership tests
    decode nothing)."""

    def __init__(self, rows: dict[str, bytes], decode: Callable[[bytes], object]) -> None:
        super().__init__(rows)
        self._decode = decode
        self._undecoded = set(rows)

    def __getitem__(self, key: str) -> object:
        value = super().__getitem__(key)
        if key in self._undecoded:
            value = self._decode(value)
            super().__setitem__(key, value)
            self._undecoded.discard(key)
        return value

    def __setitem__(self, key: str, value: object) -> None:
        super().__setitem__(key, value)
        self._undecoded.discard(key)


def _feature_rows(data: bytes) -> tuple:
    _, arrays = unpack(data)
    return tuple((arrays[2 * k], arrays[2 * k + 1]) for k in range(len(SUBSPACES)))


def as_rows(index: StorylineIndex) -> dict[str, bytes]:
    """Every row of ``index`` as a fresh store would hold it (what the rows written batch by batch must equal)."""
    put, _ = StorylineRows().changes(index)
    return put


__all__ = ["ROWS_VERSION", "StorylineRows", "as_rows", "load"]
