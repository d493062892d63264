"""A storyline index as bytes (numpy arrays and JSON, no pickle), and back."""

from __future__ import annotations

import io
import json
import math
from dataclasses import asdict
from typing import TYPE_CHECKING

import numpy as np

from storyline.events.state import feature_rows, load_state
from storyline.features import SUBSPACES
from storyline.model import Event

if TYPE_CHECKING:
    from storyline.events.storylines import StorylineIndex

STATE_VERSION = 1
_UNKNOWN = math.nan


def encode(index: StorylineIndex) -> bytes:
    """The index as bytes: its events, links, keys and the feature rows of open events' articles."""
    articles = sorted(index._rows)
    meta = {
        "version": STATE_VERSION,
        "options": asdict(index.options),
        "stream_day": None if math.isnan(index._stream_day) else index._stream_day,
        "events": [
            [
                e.id,
                e.title,
                e.start,
                e.end,
                e.article_ids,
                e.outlets,
                *_json_days(index._days[e.id]),
                _json_days((index._seen.get(e.id, _UNKNOWN),))[0],
            ]
            for e in index._events.values()
        ],
        "links": sorted([a, b] for a, others in index._links.items() for b in others if a < b),
        "keys": index._keys,
        "articles": articles,
        "article_days": [
            None if math.isnan(index._article_day.get(a, _UNKNOWN)) else index._article_day[a] for a in articles
        ],
    }
    arrays = {"meta": np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)}
    for k, name in enumerate(SUBSPACES):
        rows = [index._rows[a] for a in articles]
        arrays[f"{name}_sizes"] = np.array([len(r[k][0]) for r in rows], dtype=np.int32)
        arrays[f"{name}_columns"] = (
            np.concatenate([r[k][0] for r in rows]).astype(np.int32) if rows else np.zeros(0, np.int32)
        )
        arrays[f"{name}_values"] = (
            np.concatenate([r[k][1] for r in rows]).astype(np.float32) if rows else np.zeros(0, np.float32)
        )
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def decode(cls: type[StorylineIndex], data: bytes) -> StorylineIndex:
    """The index saved by ``encode``; ValueError for anything else."""
    arrays, meta = load_state(data, "storyline index", STATE_VERSION)
    options = dict(meta["options"])
    options["weights"] = tuple(options["weights"])
    index = cls(**options)
    index._stream_day = _UNKNOWN if meta["stream_day"] is None else meta["stream_day"]
    for event_id, title, start, end, article_ids, outlets, first, last, seen in meta["events"]:
        index._events[event_id] = Event(event_id, title, start, end, article_ids, outlets)
        index._seen[event_id] = _UNKNOWN if seen is None else seen
        index._days[event_id] = (_UNKNOWN if first is None else first, _UNKNOWN if last is None else last)
        for article_id in article_ids:
            index._event_of_article[article_id] = event_id
    for a, b in meta["links"]:
        index._links.setdefault(a, set()).add(b)
        index._links.setdefault(b, set()).add(a)
    index._keys = {event_id: list(keys) for event_id, keys in meta["keys"].items()}
    for event_id, keys in index._keys.items():
        for key in keys:
            index._postings.setdefault(key, set()).add(event_id)
    parts = feature_rows(arrays, "")
    for j, (article_id, day) in enumerate(zip(meta["articles"], meta["article_days"])):
        index._rows[article_id] = tuple(part[j] for part in parts)
        index._article_day[article_id] = _UNKNOWN if day is None else day
    return index


def _json_days(days: tuple[float, float]) -> list:
    return [None if math.isnan(day) else day for day in days]
