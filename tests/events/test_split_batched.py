"""The online second level splits every touched topic in one call: each topic must get, bit for bit, what a call
of its own gave (the similarities, the cuts, the groups), since the events a store holds depend on it."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

import storyline.events.split as events_split
from storyline.events.options import EventOptions
from storyline.events.vectors import Idf
from storyline.features import SUBSPACES, featurize, take_rows
from storyline.model import Article
from tests.scale_stream import stream_records


def one_topic_similarity(features, idf, weights) -> np.ndarray:
    """The similarity of one topic's rows computed on their own, one sparse product per subspace: the arithmetic
    the batched computation must reproduce exactly."""
    m = features.body.shape[0]
    total, mass = np.zeros((m, m)), np.zeros((m, m))
    for name, weight in zip(SUBSPACES, weights):
        rows = features.subspace(name)
        columns, local = np.unique(rows.indices, return_inverse=True)
        local_df = np.bincount(local, minlength=len(columns))
        local_idf = np.log((1.0 + m) / (1.0 + local_df[local])) + 1.0
        rows = sp.csr_matrix(
            (rows.data * idf[name][columns][local] * local_idf, local.ravel(), rows.indptr), shape=(m, len(columns))
        )
        lengths = np.sqrt(np.bincount(np.repeat(np.arange(m), np.diff(rows.indptr)), weights=rows.data**2, minlength=m))
        present = lengths > 0
        rows.data /= np.repeat(np.where(present, lengths, 1.0), np.diff(rows.indptr))
        total += weight * (rows @ rows.T).toarray()
        mass += weight * np.outer(present, present)
    similarity = total / np.where(mass > 0, mass, 1.0)
    np.fill_diagonal(similarity, 1.0)
    return similarity


@pytest.fixture(scope="module")
def stream():
    """Features of a generated stream (big events and many small ones) and the stream's idf."""
    articles = [Article(**record) for record in stream_records(700)]
    features = featurize(articles, bits=18)
    idf = {
        name: Idf(np.bincount(features.subspace(name).indices, minlength=1 << 18), len(articles)) for name in SUBSPACES
    }
    return features, idf


def random_topics(rng: np.random.Generator, n: int, count: int) -> list[np.ndarray]:
    """``count`` disjoint groups of rows in random order, of sizes from 1 to 80."""
    rows = rng.permutation(n)
    cuts = np.sort(rng.choice(np.arange(1, n), size=count, replace=False))
    groups = [group for group in np.split(rows, cuts)[:count] if len(group)]
    return [group[: int(rng.integers(1, 81))] for group in groups]


def test_similarities_of_many_topics_equal_each_topic_on_its_own(stream):
    features, idf = stream
    weights = np.array(EventOptions().weights)
    rng = np.random.default_rng(3)
    for _ in range(5):
        groups = random_topics(rng, features.body.shape[0], 30)
        together = events_split.local_similarities(features, groups, idf, weights)
        assert len(together) == len(groups)
        for group, similarity in zip(groups, together):
            assert np.array_equal(similarity, one_topic_similarity(features.take(group), idf, weights))


def test_split_of_many_topics_in_one_call_groups_each_as_its_own_call(stream, monkeypatch):
    features, idf = stream
    options = EventOptions()
    rng = np.random.default_rng(5)
    groups = random_topics(rng, features.body.shape[0], 40)
    alone = [
        events_split.split_topics(np.zeros(len(g), dtype=np.int64), features.take(g), idf, options, np.arange(len(g)))
        for g in groups
    ]
    # As the layer calls it: the topics' rows one after the other, a label per topic, each topic in its order.
    stacked = features.take(np.concatenate(groups))
    starts = np.cumsum([0] + [len(g) for g in groups])
    labels = np.repeat(np.arange(len(groups)), np.diff(starts))
    for cells in (events_split.MAX_BLOCK_CELLS, 1):  # all first cuts in one block; one block per topic
        monkeypatch.setattr(events_split, "MAX_BLOCK_CELLS", cells)
        together = events_split.split_topics(labels, stacked, idf, options, np.arange(len(labels)))
        for k in range(len(groups)):
            mine = together[starts[k] : starts[k + 1]]
            # Same groups: two articles share a label in one exactly when they do in the other.
            assert np.array_equal(mine[:, None] == mine[None, :], alone[k][:, None] == alone[k][None, :])
    assert any(len(set(labels_alone)) > 1 for labels_alone in alone)  # some topics were really split


def test_the_cut_in_two_is_fclusters_maxclust_cut_also_when_heights_tie():
    rng = np.random.default_rng(11)
    one_cluster = 0
    for trial in range(3000):
        n = int(rng.integers(3, 12 if trial % 2 else 40))
        values = rng.integers(0, 2, size=(n, n)) / 2.0 if trial % 2 else rng.random((n, n))  # ties / no ties
        similarity = (values + values.T) / 2
        np.fill_diagonal(similarity, 1.0)
        tree = linkage(squareform(1.0 - similarity, checks=False), "average")
        expected = fcluster(tree, 2, "maxclust") == 1
        assert np.array_equal(events_split.first_of_two(tree), expected)
        one_cluster += bool(expected.all())
    assert one_cluster > 0  # tied highest merges were among the cases


def test_rows_taken_are_scipys_row_indexing():
    rng = np.random.default_rng(2)
    for _ in range(100):
        matrix = sp.random(int(rng.integers(1, 30)), 500, density=0.05, format="csr", random_state=rng)
        rows = rng.integers(0, matrix.shape[0], int(rng.integers(0, 40)))
        taken, expected = take_rows(matrix, rows), matrix[rows]
        assert taken.shape == expected.shape
        for part in ("indptr", "indices", "data"):
            assert np.array_equal(getattr(taken, part), getattr(expected, part))
