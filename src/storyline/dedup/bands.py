"""LSH buckets as sorted runs of (key, article) pairs: appendable and searchable without rebuilding."""

from __future__ import annotations

import numpy as np


class KeyRuns:
    """A multiset of (key, doc) pairs kept as sorted runs that merge like a binary counter.

    Appending a batch and looking keys up both cost O(log n) sorted searches, so the index grows incrementally
    without re-sorting everything on each batch.
    """

    __slots__ = ("_runs",)

    def __init__(self) -> None:
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []

    def __len__(self) -> int:
        return sum(len(keys) for keys, _ in self._runs)

    def nbytes(self) -> int:
        return sum(keys.nbytes + docs.nbytes for keys, docs in self._runs)

    def insert(self, keys: np.ndarray, docs: np.ndarray) -> None:
        if not len(keys):
            return
        order = np.argsort(keys, kind="stable")
        self._runs.append((keys[order], docs[order]))
        while len(self._runs) > 1 and len(self._runs[-2][0]) <= 2 * len(self._runs[-1][0]):
            (keys_a, docs_a), (keys_b, docs_b) = self._runs[-2], self._runs[-1]
            keys = np.concatenate((keys_a, keys_b))
            order = np.argsort(keys, kind="stable")  # two sorted runs: timsort merges them in linear time
            self._runs[-2:] = [(keys[order], np.concatenate((docs_a, docs_b))[order])]

    def lookup(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every (position in ``keys``, doc) whose stored key equals ``keys[position]``."""
        positions, docs = [], []
        order = np.argsort(keys, kind="stable")  # sorted queries walk the runs in order: far fewer cache misses
        ordered = keys[order]
        for run_keys, run_docs in self._runs:
            low = np.searchsorted(run_keys, ordered, side="left")
            high = np.searchsorted(run_keys, ordered, side="right")
            query, found = expand_ranges(low, high)
            positions.append(order[query])
            docs.append(run_docs[found])
        if not positions:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        return np.concatenate(positions), np.concatenate(docs).astype(np.int64)


def expand_ranges(low: np.ndarray, high: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For ranges [low[i], high[i]): the range number and the index of each element, concatenated."""
    counts = high - low
    total = int(counts.sum())
    owner = np.repeat(np.arange(len(low)), counts)
    offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    return owner, np.repeat(low, counts) + offsets


def pairs_within(keys: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All pairs of docs sharing a key (each pair once per shared key)."""
    order = np.argsort(keys, kind="stable")
    keys, docs = keys[order], docs[order]
    boundaries = np.flatnonzero(np.diff(keys)) + 1
    run_end = np.repeat(np.append(boundaries, len(keys)), np.diff(np.concatenate(([0], boundaries, [len(keys)]))))
    owner, partner = expand_ranges(np.arange(len(keys)) + 1, run_end)
    return docs[owner], docs[partner]
