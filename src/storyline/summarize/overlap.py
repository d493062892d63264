"""Word overlap between sentences, computed for all pairs at once with sparse matrices.

Two measures built on the sets of content stems:

- *containment* of A in B, ``|A & B| / |A|``: B says what A says (a summary sentence and the source
  sentences that support it; a compressed sentence is contained in its original);
- *near-duplicate*: Dice ``2 |A & B| / (|A| + |B|)`` high, the same sentence reworded or lightly edited.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

# Thresholds on content-stem overlap, chosen on invented paraphrase pairs, not on benchmark data.
SUPPORT_CONTAINMENT = 0.7
NEAR_DUPLICATE_DICE = 0.7


def _matrix(sets: Sequence[frozenset[str]], vocabulary: dict[str, int]) -> sparse.csr_matrix:
    indptr = [0]
    indices: list[int] = []
    for stems in sets:
        indices.extend(vocabulary.setdefault(s, len(vocabulary)) for s in stems)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(sets), max(len(vocabulary), 1)))


def intersections(a: Sequence[frozenset[str]], b: Sequence[frozenset[str]]) -> sparse.coo_matrix:
    """Sizes of ``a[i] & b[j]`` for every pair sharing a stem (sparse, ``len(a)`` by ``len(b)``)."""
    vocabulary: dict[str, int] = {}
    left = _matrix(a, vocabulary)
    right = _matrix(b, vocabulary)
    width = len(vocabulary) or 1
    left.resize((len(a), width))
    right.resize((len(b), width))
    return (left @ right.T).tocoo()


def near_duplicate_pairs(sets: Sequence[frozenset[str]],
                         threshold: float = NEAR_DUPLICATE_DICE) -> list[tuple[int, int]]:
    """``(i, j)`` pairs, ``i < j``, of near-duplicate sentences."""
    inter = intersections(sets, sets)
    sizes = np.array([len(s) for s in sets], dtype=np.float64)
    upper = inter.row < inter.col
    rows, cols, data = inter.row[upper], inter.col[upper], inter.data[upper]
    dice = 2 * data / np.maximum(sizes[rows] + sizes[cols], 1)
    keep = dice >= threshold
    return sorted(zip(rows[keep].tolist(), cols[keep].tolist()))
