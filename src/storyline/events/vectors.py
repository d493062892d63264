"""Similarity arithmetic over hashed sparse rows: inverse document frequencies, cosines, the time factor."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

# Document frequencies from a handful of articles say little: a word shared by all three articles of a first
# ingest is not common, just on topic. Inverse document frequencies count this many more documents, none holding
# the word, so they start flat and become the collection's own as it grows.
IDF_PRIOR_DOCS = 100


class Idf:
    """Smoothed inverse document frequencies: log((1 + n + prior) / (1 + df)) + 1 (scikit-learn's smoothing plus
    ``IDF_PRIOR_DOCS``), computed only for the columns asked for (``idf[columns]``), so a batch never pays for the
    whole hashed vocabulary."""

    __slots__ = ("df", "n_docs")

    def __init__(self, df: np.ndarray, n_docs: int) -> None:
        self.df, self.n_docs = df, n_docs

    def __getitem__(self, columns):
        return np.log((1.0 + self.n_docs + IDF_PRIOR_DOCS) / (1.0 + self.df[columns])) + 1.0


def row_norms2(matrix: sp.csr_matrix) -> np.ndarray:
    """Squared length of each row of a CSR matrix."""
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    return np.bincount(rows, weights=matrix.data**2, minlength=matrix.shape[0])


def weighted_unit(rows: sp.csr_matrix, idf: Idf) -> tuple[sp.csr_matrix, np.ndarray]:
    """Rows scaled by ``idf`` and then to unit length, with the length each had after scaling."""
    weighted = rows.copy()
    weighted.data = weighted.data * idf[weighted.indices]
    lengths = np.sqrt(row_norms2(weighted))
    scale = np.divide(1.0, lengths, out=np.zeros_like(lengths), where=lengths > 0)
    weighted.data *= np.repeat(scale, np.diff(weighted.indptr))
    return weighted, lengths


def similarity(
    dots: Sequence[np.ndarray], lengths2: Sequence[np.ndarray], has: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    """Weighted mean over subspaces of article-to-event cosines (articles x events).

    ``dots`` hold, per subspace, each article's dot product with each event's summed vector and ``lengths2`` that
    vector's squared length (per event, or per article and event where an article is left out of its own event).
    An article's mean leaves out the subspaces where it has no features (``has``: articles x subspaces).
    """
    total = np.zeros(dots[0].shape)
    for dot, length2, weight, present in zip(dots, lengths2, weights, has.T):
        if weight:
            length = np.sqrt(np.maximum(np.broadcast_to(length2, dot.shape), 0.0))
            cosine = np.divide(dot, length, out=np.zeros(dot.shape), where=length > 1e-12)
            total += (weight * present)[:, None] * cosine
    mass = has.astype(float) @ weights
    return total / np.where(mass > 0, mass, 1.0)[:, None]


def time_factor(days: np.ndarray, starts: np.ndarray, ends: np.ndarray, time_scale_days: float) -> np.ndarray:
    """The Gaussian exp(-(gap / time scale)^2 / 2) for dated articles (rows) against event date ranges (columns),
    gap being the days between the article and the range; 1 where either is unknown.

    >>> time_factor(np.array([10.0]), np.array([0.0, 10.0]), np.array([5.0, 12.0]), 5.0).round(3).tolist()
    [[0.607, 1.0]]
    """
    gap = np.fmax(np.fmax(days[:, None] - ends[None, :], starts[None, :] - days[:, None]), 0.0)
    gap = np.nan_to_num(gap, nan=0.0) / time_scale_days
    return np.exp(-0.5 * gap * gap)
