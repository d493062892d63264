"""The second level's cut: two groups of articles inside one topic are found even when one article is far from
every other."""

from __future__ import annotations

import numpy as np

import storyline.events.split as events_split
from storyline.events import EventOptions
from storyline.features import featurize
from storyline.model import Article


def two_groups_and_an_outlier(size: int = 6, within: float = 0.5, across: float = 0.2) -> np.ndarray:
    """Similarities of two groups of ``size`` articles and one last article barely like any of them."""
    n = 2 * size + 1
    similarity = np.full((n, n), across)
    similarity[:size, :size] = within
    similarity[size : 2 * size, size : 2 * size] = within
    similarity[-1, :] = similarity[:, -1] = 0.05
    np.fill_diagonal(similarity, 1.0)
    return similarity


def test_the_spectral_cut_parts_two_groups_that_average_link_would_leave_whole():
    similarity = two_groups_and_an_outlier()
    half = events_split.spectral_half(similarity)
    assert len(set(half[:6])) == 1 and len(set(half[6:12])) == 1 and half[0] != half[6]


def test_a_topic_of_two_events_and_one_stray_article_is_split_into_its_events(monkeypatch):
    similarity = two_groups_and_an_outlier()
    n = len(similarity)
    articles = [Article(id=f"a{i}", text=f"Report number {i} from the harbour.") for i in range(n)]
    features = featurize(articles)

    def local_similarity(topic_features, idf, weights):
        # The whole topic gets the made-up similarities; its parts look like one event each, so they stay whole.
        m = topic_features.body.shape[0]
        return similarity if m == n else np.ones((m, m))

    monkeypatch.setattr(events_split, "local_similarity", local_similarity)
    labels = events_split.split_topics(
        np.zeros(n, dtype=np.int64), features, {}, EventOptions(), np.arange(n, dtype=np.int64)
    )
    # The two groups end in different events; the stray article does not glue them back together.
    assert len(set(labels[:6])) == 1 and len(set(labels[6:12])) == 1 and labels[0] != labels[6]
