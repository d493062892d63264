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


def summed_rows(a: sp.csr_matrix, b: sp.csr_matrix) -> sp.csr_matrix:
    """``a + b`` exactly as scipy gives it (the same arrays, entry for entry), for CSR matrices of one shape whose
    rows repeat no column (what every sum and product of this package gives).

    The open topics' centroids take in a batch's articles this way after every batch. Where either matrix is not
    in canonical form (sorted, no repeats), scipy walks every row of the window through two arrays the width of the
    hashed vocabulary and writes each row's columns in reverse order of first appearance; that order decides the
    bits of the centroid lengths summed later and the saved rows, so it is kept: the rows ``b`` leaves alone are
    reversed in place, and only the rows it touches are merged.
    """
    if a.shape != b.shape:
        raise ValueError(f"shapes differ: {a.shape} and {b.shape}")
    if a.data.dtype != np.float64 or b.data.dtype != np.float64 or (_canonical(b) and _canonical(a)):
        return (a + b).tocsr()
    n_rows, n_columns = a.shape
    a_ptr, b_ptr = a.indptr.astype(np.int64), b.indptr.astype(np.int64)
    a_lengths, b_lengths = np.diff(a_ptr), np.diff(b_ptr)
    # The entries of ``b`` that meet an entry of ``a`` in its row (first seen in ``a``'s part of the row).
    touched = np.flatnonzero(b_lengths)
    a_rows = np.repeat(touched, a_lengths[touched])
    a_at = _ranges(a_ptr[touched], a_lengths[touched])
    a_keys = a_rows * n_columns + a.indices[a_at]
    b_rows = np.repeat(np.arange(n_rows), b_lengths)
    b_keys = b_rows * n_columns + b.indices
    order = np.argsort(a_keys)  # the keys are distinct: any sort gives the same order
    sorted_keys = a_keys[order]
    spot = np.minimum(np.searchsorted(sorted_keys, b_keys), max(len(sorted_keys) - 1, 0))
    found = sorted_keys[spot] == b_keys if len(sorted_keys) else np.zeros(len(b_keys), dtype=bool)
    # Each row: the entries new from ``b`` in reverse, then ``a``'s entries in reverse.
    new_rows = b_rows[~found]
    new_lengths = np.bincount(new_rows, minlength=n_rows)
    out_ptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(a_lengths + new_lengths, out=out_ptr[1:])
    size = int(out_ptr[-1])
    indices = np.empty(size, dtype=np.result_type(a.indices, b.indices))
    data = np.empty(size, dtype=np.float64)
    a_to = np.repeat(out_ptr[:-1] + new_lengths + a_lengths - 1 + a_ptr[:-1], a_lengths)
    a_to -= np.arange(a.nnz)
    indices[a_to], data[a_to] = a.indices, a.data
    data[a_to[a_at[order[spot[found]]]]] += b.data[found]  # 0 + a, then + b: as scipy adds them
    new_start = np.zeros(n_rows, dtype=np.int64)
    np.cumsum(new_lengths[:-1], out=new_start[1:])
    new_to = out_ptr[new_rows] + new_lengths[new_rows] - 1 - (np.arange(len(new_rows)) - new_start[new_rows])
    indices[new_to], data[new_to] = b.indices[~found], b.data[~found]
    kept = data != 0  # scipy drops sums that come to zero
    if not kept.all():
        counts = np.zeros(size + 1, dtype=np.int64)
        np.cumsum(kept, out=counts[1:])
        out_ptr, indices, data = counts[out_ptr], indices[kept], data[kept]
    index_dtype = a._get_index_dtype((a.indptr, a.indices, b.indptr, b.indices), maxval=a.nnz + b.nnz)
    return sp.csr_matrix((data, indices.astype(index_dtype), out_ptr.astype(index_dtype)), shape=a.shape)


def _canonical(matrix: sp.csr_matrix) -> bool:
    """Whether each row's columns strictly increase (scipy's test for its merge of sorted rows)."""
    ptr, columns = matrix.indptr, matrix.indices
    if len(columns) < 2:
        return bool(np.all(np.diff(ptr) >= 0))
    rising = np.diff(columns) > 0
    starts = ptr[1:-1]
    starts = starts[(starts > 0) & (starts < len(columns))]
    rising[starts - 1] = True  # the step from one row to the next
    return bool(rising.all()) and bool(np.all(np.diff(ptr) >= 0))


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The positions ``start, start + 1, ... start + length - 1`` of each range, one after another."""
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    offsets = np.zeros(len(lengths), dtype=np.int64)
    np.cumsum(lengths[:-1], out=offsets[1:])
    return np.repeat(starts - offsets, lengths) + np.arange(total)
