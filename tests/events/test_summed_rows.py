"""The open topics' centroids take in each batch through ``summed_rows``: it must give scipy's ``a + b`` array for
array (the order of each row's columns included), since that order sets the bits of the centroid lengths and the
rows a store saves."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from storyline.events.vectors import summed_rows


def identical(mine: sp.csr_matrix, scipy_sum: sp.csr_matrix) -> bool:
    return (
        mine.shape == scipy_sum.shape
        and mine.indptr.dtype == scipy_sum.indptr.dtype
        and mine.indices.dtype == scipy_sum.indices.dtype
        and mine.data.dtype == scipy_sum.data.dtype
        and np.array_equal(mine.indptr, scipy_sum.indptr)
        and np.array_equal(mine.indices, scipy_sum.indices)
        and np.array_equal(mine.data, scipy_sum.data)
    )


def random_rows(rng: np.random.Generator, n_rows: int, width: int, per_row: int) -> sp.csr_matrix:
    """Rows of distinct random columns (sorted, as features are) with positive values; some rows empty."""
    rows, columns = [], []
    for row in range(n_rows):
        count = int(rng.integers(0, per_row + 1)) if rng.random() > 0.2 else 0
        picked = np.sort(rng.choice(width, size=min(count, width), replace=False))
        rows += [row] * len(picked)
        columns += picked.tolist()
    values = rng.random(len(rows)) + 0.01
    return sp.csr_matrix((values, (rows, columns)), shape=(n_rows, width))


@pytest.mark.parametrize("seed", range(40))
def test_a_stream_of_batches_sums_as_scipy_does(seed):
    """Batches of articles joining open topics (and new topics), as the topic pass adds them: every sum equals
    scipy's, and the next batch starts from it, so unsorted rows of every kind are met."""
    rng = np.random.default_rng(seed)
    width = int(rng.choice([16, 300, 1 << 20]))
    ours = scipy_sum = sp.csr_matrix((0, width))
    for _ in range(6):
        n_open, n_new, n_batch = ours.shape[0], int(rng.integers(0, 8)), int(rng.integers(1, 30))
        batch = random_rows(rng, n_batch, width, per_row=int(rng.integers(1, 40)))
        joined = rng.integers(0, n_open + n_new, n_batch) if n_open + n_new else np.zeros(0, int)
        members = np.flatnonzero(rng.random(n_batch) > 0.1)[: len(joined)]
        joins = sp.csr_matrix((np.ones(len(members)), (joined[members], members)), shape=(n_open + n_new, n_batch))
        added = joins @ batch
        grown_ours = sp.vstack([ours, sp.csr_matrix((n_new, width))], format="csr")
        grown_scipy = sp.vstack([scipy_sum, sp.csr_matrix((n_new, width))], format="csr")
        ours = summed_rows(grown_ours, added)
        scipy_sum = (grown_scipy + added).tocsr()
        assert identical(ours, scipy_sum)


def test_sorted_rows_on_both_sides_merge_in_order():
    """Both sides in canonical form: scipy merges sorted rows, and so must the sum."""
    a = sp.csr_matrix(np.array([[0.0, 1.0, 0.0, 2.0], [3.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]]))
    b = sp.csr_matrix(np.array([[1.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 0.0], [0.0, 5.0, 0.0, 0.0]]))
    assert identical(summed_rows(a, b), (a + b).tocsr())


def test_sums_of_zero_are_dropped_and_rows_reversed():
    """Unsorted rows: each row comes out in reverse order of first appearance, and a sum of zero is left out."""
    a = sp.csr_matrix((np.array([1.0, 2.0, 3.0, 4.0]), np.array([3, 1, 0, 2]), np.array([0, 3, 4])), shape=(2, 5))
    b = sp.csr_matrix((np.array([-2.0, 7.0, 1.0]), np.array([1, 4, 2]), np.array([0, 2, 3])), shape=(2, 5))
    mine = summed_rows(a, b)
    assert identical(mine, (a + b).tocsr())
    assert mine.indices[mine.indptr[0] : mine.indptr[1]].tolist() == [4, 0, 3]  # column 1 summed to zero
    assert mine.indices[mine.indptr[1] : mine.indptr[2]].tolist() == [2]


def test_shapes_must_agree():
    with pytest.raises(ValueError, match="shapes differ"):
        summed_rows(sp.csr_matrix((2, 3)), sp.csr_matrix((3, 3)))
