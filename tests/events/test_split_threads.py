"""The split runs with one BLAS thread, whatever the caller's setting, so its cuts do not depend on the machine."""

from __future__ import annotations

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

import storyline.events.split as events_split
from storyline.events.options import EventOptions


class Rows:
    """Stands in for topics' feature rows: the positions of the articles it holds in a whole similarity matrix."""

    def __init__(self, ids: np.ndarray) -> None:
        self.ids = ids

    def take(self, rows) -> Rows:
        return Rows(self.ids[np.asarray(rows)])


def noisy_topics(draw: np.random.Generator, sizes: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Topics one after another (labels) and one similarity matrix over them: inside each topic two or three
    groups of articles, closer within a group than across, with noise, and a few outliers."""
    n = sum(sizes)
    similarity = np.zeros((n, n))
    labels = np.repeat(np.arange(len(sizes)), sizes)
    start = 0
    for size in sizes:
        parts = draw.integers(0, draw.integers(2, 4), size)
        parts[draw.random(size) < 0.05] = 9  # outliers: average link peels them off first
        block = np.where(parts[:, None] == parts[None, :], 0.45, 0.12) + draw.normal(0, 0.06, (size, size))
        block = (block + block.T) / 2
        similarity[start : start + size, start : start + size] = np.clip(block, 0.0, 1.0)
        start += size
    np.fill_diagonal(similarity, 1.0)
    return labels, similarity


def split(labels: np.ndarray, similarity: np.ndarray, monkeypatch) -> np.ndarray:
    monkeypatch.setattr(
        events_split,
        "local_similarities",
        lambda features, groups, idf, weights: [similarity[np.ix_(features.ids[g], features.ids[g])] for g in groups],
    )
    n = len(labels)
    return events_split.split_topics(labels, Rows(np.arange(n)), {}, EventOptions(), np.arange(n))


def blas_threads() -> list[int]:
    return [library["num_threads"] for library in threadpool_info() if library["user_api"] == "blas"]


def test_the_split_uses_one_blas_thread_and_gives_the_setting_back(monkeypatch):
    seen: list[list[int]] = []
    spectral = events_split.spectral_half

    def watched(similarity):
        seen.append(blas_threads())
        return spectral(similarity)

    monkeypatch.setattr(events_split, "spectral_half", watched)
    labels, similarity = noisy_topics(np.random.default_rng(3), [40, 120, 260])
    with threadpool_limits(2, user_api="blas"):
        split(labels, similarity, monkeypatch)
        assert blas_threads() and all(count == 2 for count in blas_threads())
    assert seen and all(count == 1 for counts in seen for count in counts)


def test_the_cuts_are_the_same_whatever_the_callers_blas_threads(monkeypatch):
    for seed in range(4):
        draw = np.random.default_rng(seed)
        labels, similarity = noisy_topics(draw, [int(size) for size in draw.integers(20, 320, 5)])
        found = []
        for threads in (1, 2, 4):
            with threadpool_limits(threads, user_api="blas"):
                found.append(split(labels, similarity, monkeypatch))
        assert len(np.unique(found[0])) > len(np.unique(labels))  # some topics were split
        assert all(np.array_equal(found[0], other) for other in found[1:])
