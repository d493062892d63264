"""The second level's cuts on invented similarity matrices: when the spectral cut is tried, taken and final."""

from __future__ import annotations

import numpy as np
import pytest

import storyline.events.split as events_split
from storyline.events.options import EventOptions


class Members:
    """Stands in for a topic's feature rows: remembers which articles of the whole matrix it holds."""

    def __init__(self, ids: np.ndarray) -> None:
        self.ids = ids

    def take(self, rows) -> Members:
        return Members(self.ids[np.asarray(rows)])


def blocks(sizes: list[int], within: list[float], across: float) -> np.ndarray:
    """A similarity matrix of groups of articles: ``within`` inside each group, ``across`` between groups."""
    n = sum(sizes)
    similarity = np.full((n, n), across)
    start = 0
    for size, value in zip(sizes, within):
        similarity[start : start + size, start : start + size] = value
        start += size
    np.fill_diagonal(similarity, 1.0)
    return similarity


def split(similarity: np.ndarray, monkeypatch) -> list[int]:
    monkeypatch.setattr(
        events_split,
        "local_similarities",
        lambda features, groups, idf, weights: [similarity[np.ix_(features.ids[g], features.ids[g])] for g in groups],
    )
    n = len(similarity)
    labels = events_split.split_topics(np.zeros(n, dtype=int), Members(np.arange(n)), {}, EventOptions(), np.arange(n))
    return labels.tolist()


def with_outlier(similarity: np.ndarray, to_others: float = 0.02) -> np.ndarray:
    """The matrix with one more article, far from all others: average link's first cut peels it off alone."""
    n = len(similarity)
    out = np.full((n + 1, n + 1), to_others)
    out[:n, :n] = similarity
    out[n, n] = 1.0
    return out


def test_two_large_groups_behind_an_outlier_are_parted_by_the_spectral_cut(monkeypatch):
    similarity = with_outlier(blocks([7, 7], [0.6, 0.6], 0.15))
    labels = split(similarity, monkeypatch)
    first, second = set(labels[:7]), set(labels[7:14])
    assert len(first) == 1 and len(second) == 1 and first != second


def test_a_tight_cluster_of_near_copies_does_not_part_one_event(monkeypatch):
    # Near-copies (0.95) inside a looser event (0.4) that is as close to them (0.3) as to itself: the geometric
    # mean of the within similarities would call the halves apart (0.3 / sqrt(0.95 * 0.4) = 0.49 < 0.6).
    similarity = with_outlier(blocks([6, 8], [0.95, 0.4], 0.3))
    assert events_split.separation(similarity[:14, :14], np.arange(14) < 6) < EventOptions().split_ratio_large
    assert not events_split.apart_on_both_sides(similarity[:14, :14], np.arange(14) < 6, 0.6)
    assert len(set(split(similarity, monkeypatch)[:14])) == 1


def test_halves_of_a_spectral_cut_are_not_split_again(monkeypatch):
    # The first group holds two sub-groups that average link would part on their own; the spectral cut's halves
    # are final.
    similarity = with_outlier(blocks([7, 7], [0.6, 0.6], 0.15))
    similarity[:3, 3:7] = similarity[3:7, :3] = 0.2
    alone = split(similarity[:7, :7], monkeypatch)
    assert len(set(alone)) == 2  # on its own, the first group is two events
    labels = split(similarity, monkeypatch)
    assert len(set(labels[:7])) == 1 and labels[0] != labels[7]


@pytest.mark.parametrize("sizes", [[4, 10], [4, 4]])
def test_the_spectral_cut_needs_two_large_halves(monkeypatch, sizes):
    similarity = with_outlier(blocks(sizes, [0.6, 0.6], 0.15))
    n = sum(sizes)
    assert len(set(split(similarity, monkeypatch)[:n])) == 1
