"""Word overlap between sentences, computed for all pairs at once with sparse matrices.

Two measures built on the sets of content stems:

- *containment* of A in B, ``|A & B| / |A|``: B says what A says (a summary sentence and the source
  sentences that support it; a compressed sentence is contained in its original);
- *near-duplicate*: Dice ``2 |A & B| / (|A| + |B|)`` high, the same sentence reworded or lightly edited.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from operator import and_
from typing import NamedTuple

import numpy as np
from scipy import sparse

# Thresholds on content-stem overlap, chosen on invented paraphrase pairs, not on benchmark data.
SUPPORT_CONTAINMENT = 0.7
NEAR_DUPLICATE_DICE = 0.7
# Rows compared at once in the near-duplicate search (bounds its memory).
BLOCK_SIZE = 2000


def _matrix(sets: Sequence[frozenset[str]], vocabulary: dict[str, int]) -> sparse.csr_matrix:
    # New stems are numbered in the order first met, as one stem at a time would number them; the lookups of
    # every stem then run in one pass of C code instead of a Python step per stem.
    new = [stem for stem in dict.fromkeys(chain.from_iterable(sets)) if stem not in vocabulary]
    vocabulary.update(zip(new, range(len(vocabulary), len(vocabulary) + len(new))))
    sizes = np.fromiter(map(len, sets), dtype=np.int64, count=len(sets))
    indptr = np.zeros(len(sets) + 1, dtype=np.int64)
    np.cumsum(sizes, out=indptr[1:])
    total = int(indptr[-1])
    indices = np.fromiter(map(vocabulary.__getitem__, chain.from_iterable(sets)), dtype=np.int32, count=total)
    data = np.ones(total, dtype=np.float32)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(sets), max(len(vocabulary), 1)))


class StemMatrix(NamedTuple):
    """Sets of stems as the rows of a 0/1 matrix, each stem a column numbered in the order first met."""

    matrix: sparse.csr_matrix
    vocabulary: dict[str, int]


def stem_matrix(sets: Sequence[frozenset[str]]) -> StemMatrix:
    """The matrix of ``sets``, built once for every comparison of them (near-duplicates, then citations)."""
    vocabulary: dict[str, int] = {}
    matrix = _matrix(sets, vocabulary)
    matrix.resize((len(sets), max(len(vocabulary), 1)))
    return StemMatrix(matrix, vocabulary)


def intersections(a: Sequence[frozenset[str]], b: Sequence[frozenset[str]]) -> sparse.coo_matrix:
    """Sizes of ``a[i] & b[j]`` for every pair sharing a stem (sparse, ``len(a)`` by ``len(b)``)."""
    return intersections_of_each([a], b)[0]


def intersections_of_each(
    lists: Sequence[Sequence[frozenset[str]]], b: Sequence[frozenset[str]], *, b_matrix: StemMatrix | None = None
) -> list[sparse.coo_matrix]:
    """``intersections(a, b)`` for each ``a`` of ``lists`` (at least one), ``b``'s matrix built once (or given:
    ``b_matrix``, ``stem_matrix(b)``).

    The first comes as ``intersections`` gives it, its entries in the same order; the others hold the same sizes,
    their entries perhaps in another order. With ``b`` the first list itself, its matrix is built once too.
    """
    if b_matrix is not None:
        return _intersections_with(lists, b_matrix)
    vocabulary: dict[str, int] = {}
    first = lists[0]
    left = _matrix(first, vocabulary)
    right = left if b is first else _matrix(b, vocabulary)
    width = len(vocabulary) or 1
    left.resize((len(first), width))
    right.resize((len(b), width))
    found = [(left @ right.T).tocoo()]
    for a in lists[1:]:
        # Stems new here are numbered after all of b's: no set of b holds them, so their columns are left out.
        more = _matrix(a, vocabulary)
        more.resize((len(a), width))
        found.append((more @ right.T).tocoo())
    return found


def _intersections_with(lists: Sequence[Sequence[frozenset[str]]], b: StemMatrix) -> list[sparse.coo_matrix]:
    """``intersections_of_each`` against ``b``'s matrix as given, each list's entries in the order ``intersections``
    gives them.

    A product's row lists its columns in the order its left row's stems first reach them, stem by stem in the
    order the row holds them: the numbers the stems go by do not matter, nor do stems no set of ``b`` holds (they
    reach nothing). So each list's stems are numbered after ``b``'s, and the new ones left out.
    """
    right = b.matrix.T
    vocabulary = dict(b.vocabulary)  # ``b``'s own stays as it is for its next comparison
    found = []
    for a in lists:
        left = _matrix(a, vocabulary)
        left.resize((len(a), b.matrix.shape[1]))
        found.append((left @ right).tocoo())
    return found


def near_duplicate_pairs(
    sets: Sequence[frozenset[str]], threshold: float = NEAR_DUPLICATE_DICE, *, matrix: StemMatrix | None = None
) -> list[tuple[int, int]]:
    """``(i, j)`` pairs, ``i < j``, of near-duplicate sentences.

    Exact, without comparing all pairs (prefix filtering): stems are ranked rarest first, and two sets whose
    Dice reaches ``threshold`` always share a stem among the first few of each (a set of ``n`` stems needs an
    overlap of at least ``t n / (2 - t)``, so it shares one among its first ``n - that + 1``). Only pairs
    sharing such a stem are compared, ``BLOCK_SIZE`` rows at a time, so neither time nor memory grows with
    the square of the number of sentences when most pairs share only common words. ``matrix``: ``stem_matrix(sets)``
    when already built.
    """
    count = len(sets)
    if count < 2:
        return []
    full = (matrix or stem_matrix(sets)).matrix
    frequency = np.asarray(full.sum(axis=0)).ravel()
    rank = np.empty(len(frequency), dtype=np.int64)
    rank[np.lexsort((np.arange(len(frequency)), frequency))] = np.arange(len(frequency))
    sizes = np.diff(full.indptr)
    needed = np.ceil(threshold * sizes / (2.0 - threshold) - 1e-9).astype(np.int64)
    prefix_length = np.clip(sizes - needed + 1, 0, sizes)
    # Each row's stems rarest first; its prefix is the first ``prefix_length`` of them.
    row_of = np.repeat(np.arange(count), sizes)
    order = np.lexsort((rank[full.indices], row_of))
    position = np.arange(len(order)) - full.indptr[row_of[order]]
    in_prefix = position < prefix_length[row_of[order]]
    # The entries are already in row order: the rows' pointers are their prefix lengths summed.
    prefix_pointers = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(prefix_length, out=prefix_pointers[1:])
    prefix_stems = full.indices[order][in_prefix]
    prefix = sparse.csr_matrix(
        (np.ones(len(prefix_stems), dtype=np.float32), prefix_stems, prefix_pointers), shape=full.shape
    )
    prefix_t = prefix.T.tocsr()
    pairs: list[tuple[int, int]] = []
    for start in range(0, count, max(1, BLOCK_SIZE)):
        block = slice(start, min(count, start + max(1, BLOCK_SIZE)))
        candidates = ((prefix if start == 0 and block.stop == count else prefix[block]) @ prefix_t).tocoo()
        left = candidates.row + start
        upper = left < candidates.col
        left, right = left[upper], candidates.col[upper]
        if not len(left):
            continue
        # The stems each pair shares, counted on the sets themselves (a few hundred pairs per event).
        shared = np.fromiter(
            map(len, map(and_, map(sets.__getitem__, left.tolist()), map(sets.__getitem__, right.tolist()))),
            dtype=np.int64,
            count=len(left),
        )
        dice = 2 * shared / np.maximum(sizes[left] + sizes[right], 1)
        keep = dice >= threshold
        pairs += zip(left[keep].tolist(), right[keep].tolist())
    return sorted(pairs)
