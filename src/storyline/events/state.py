"""An event index as bytes (numpy arrays and JSON, no pickle), and back."""

from __future__ import annotations

import io
import json
import math
from dataclasses import asdict
from typing import Any

import numpy as np
import scipy.sparse as sp

from storyline.events.copies import CopyKeys
from storyline.events.days import UNKNOWN
from storyline.events.layer import EventLayer
from storyline.events.options import EventOptions
from storyline.events.records import EventRecord, Member
from storyline.events.saved_mapping import SavedMapping
from storyline.events.topics import TopicStream
from storyline.features import SUBSPACES

STATE_VERSION = 2


def encode(options: EventOptions, topics: TopicStream, layer: EventLayer | None, copies: CopyKeys) -> bytes:
    """Document frequencies, open topic centroids, topics and events, and the feature rows of open topics'
    articles."""
    layer = layer or EventLayer(options)
    meta = {
        "version": STATE_VERSION,
        "options": asdict(options),
        "n_docs": topics.n_docs,
        "stream_day": None if math.isnan(topics.stream_day) else topics.stream_day,
        "open": topics.open,
        "records": [r.to_json() for r in topics.records],
        "copy_groups": dict(topics.topic_of_copy_group),
        "events": [r.to_json() for r in layer.records],
        "topic_events": [[topic, records] for topic, records in layer.topic_events.items()],
        "copy_events": dict(layer.copy_event),
        "copies": copies.to_json(),
        "members": [
            [
                topic,
                m.id,
                m.outlet,
                None if math.isnan(m.day) else m.day,
                m.known,
                m.group,
                m.headline,
                m.has_title,
                m.language,
            ]
            for topic, members in layer.members.items()
            for m in members
        ],
    }
    arrays: dict[str, np.ndarray] = {"meta": np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)}
    all_members = [m for members in layer.members.values() for m in members]
    for k, name in enumerate(SUBSPACES):
        arrays[f"m_{name}_sizes"] = np.array([len(m.rows[k][0]) for m in all_members], dtype=np.int32)
        arrays[f"m_{name}_columns"] = (
            np.concatenate([m.rows[k][0] for m in all_members]) if all_members else np.zeros(0, np.int32)
        )
        arrays[f"m_{name}_values"] = (
            np.concatenate([m.rows[k][1] for m in all_members]) if all_members else np.zeros(0, np.float16)
        )
    for name in SUBSPACES:
        nonzero = np.flatnonzero(topics.df[name])
        arrays[f"df_{name}_columns"] = nonzero.astype(np.int32)
        arrays[f"df_{name}_counts"] = topics.df[name][nonzero]
        matrix = topics.centroids[name]
        arrays[f"c_{name}_data"] = matrix.data
        arrays[f"c_{name}_indices"] = matrix.indices.astype(np.int32)
        arrays[f"c_{name}_indptr"] = matrix.indptr.astype(np.int64)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


def load_state(data: bytes, what: str, version: int) -> tuple[Any, dict]:
    """The arrays and metadata of a saved ``what`` (an index's state); ValueError when the bytes are not one, or
    were written by another ``version``."""
    try:
        arrays = np.load(io.BytesIO(data), allow_pickle=False)
        meta = json.loads(bytes(arrays["meta"]).decode("utf-8"))
    except (ValueError, KeyError, OSError) as error:
        raise ValueError(f"not {'an' if what[0] in 'aeiou' else 'a'} {what} state: {error}") from None
    if meta.get("version") != version:
        raise ValueError(
            f"the stored {what} has version {meta.get('version')}, this Storyline reads "
            f"{version}: run 'storyline rebuild' once to recompute it"
        )
    return arrays, meta


def decode(data: bytes) -> tuple[EventOptions, TopicStream, EventLayer, CopyKeys]:
    """The options, topics and events saved by ``encode``; ValueError for anything else."""
    arrays, meta = load_state(data, "event index", STATE_VERSION)
    options = EventOptions.from_mapping(meta["options"])
    size = 1 << options.bits
    topics = TopicStream(options)
    topics.n_docs = meta["n_docs"]
    topics.stream_day = UNKNOWN if meta["stream_day"] is None else meta["stream_day"]
    topics.open = list(meta["open"])
    topics.records = [EventRecord.from_json(r) for r in meta["records"]]
    topics.topic_of_copy_group = SavedMapping(meta["copy_groups"])
    topics.topic_of_article = {a: i for i, r in enumerate(topics.records) for a in r.article_ids}
    for name in SUBSPACES:
        topics.df[name][arrays[f"df_{name}_columns"]] = arrays[f"df_{name}_counts"]
        topics.centroids[name] = sp.csr_matrix(
            (arrays[f"c_{name}_data"], arrays[f"c_{name}_indices"], arrays[f"c_{name}_indptr"]),
            shape=(len(topics.open), size),
        )
    layer = EventLayer(options)
    layer.records = [EventRecord.from_json(r) for r in meta["events"]]
    layer.event_of_article = {a: i for i, r in enumerate(layer.records) for a in r.article_ids}
    layer.topic_events = {int(topic): list(records) for topic, records in meta["topic_events"]}
    layer.copy_event = SavedMapping(meta["copy_events"])
    rows_of = feature_rows(arrays, "m_")
    for j, (topic, *fields_) in enumerate(meta["members"]):
        article_id, outlet, day, known, group, headline, has_title, language = fields_
        layer.members.setdefault(int(topic), []).append(
            Member(
                id=article_id,
                outlet=outlet,
                day=UNKNOWN if day is None else day,
                known=known,
                group=group,
                headline=headline,
                has_title=has_title,
                language=language,
                rows=tuple(rows_of[k][j] for k in range(len(SUBSPACES))),
            )
        )
    return options, topics, layer, CopyKeys.from_json(meta.get("copies", {}))


def feature_rows(arrays: Any, prefix: str) -> list[list[tuple[np.ndarray, np.ndarray]]]:
    """Per subspace, each item's sparse row (columns, values), cut back out of the concatenated arrays
    ``{prefix}{subspace}_sizes / _columns / _values`` that the state is written as."""
    rows_of = []
    for name in SUBSPACES:
        sizes = arrays[f"{prefix}{name}_sizes"]
        ends = np.cumsum(sizes.astype(np.int64))
        starts = ends - sizes
        columns, values = arrays[f"{prefix}{name}_columns"], arrays[f"{prefix}{name}_values"]
        rows_of.append([(columns[a:b], values[a:b]) for a, b in zip(starts, ends)])
    return rows_of
