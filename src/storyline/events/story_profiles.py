"""An event's profile for storylines: the sum of its articles' feature rows, and the idf-weighted unit vectors
that linking compares."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import scipy.sparse as sp

from storyline.features import SUBSPACES, ArticleFeatures


def rows_of(features: ArticleFeatures, i: int) -> tuple:
    """Article ``i``'s feature rows: per subspace (hashed columns, values), views of the batch's matrices."""
    out = []
    for name in SUBSPACES:
        matrix = features.subspace(name)
        start, end = matrix.indptr[i], matrix.indptr[i + 1]
        out.append((matrix.indices[start:end], matrix.data[start:end]))
    return tuple(out)


def summed_profiles(members: Sequence[Sequence[tuple]], bits: int) -> list[tuple]:
    """For each event (the rows of its articles): per subspace (columns, values), the sum of those rows. One sort
    per subspace for all of them: an update relinks thousands of events, and one small sort each costs more than
    the sorting."""
    if not members:
        return []
    rows = [row for event in members for row in event]
    owners = np.repeat(np.arange(len(members), dtype=np.int64), [len(event) for event in members])
    profiles: list[list] = [[] for _ in members]
    for k in range(len(SUBSPACES)):
        sizes = np.array([len(row[k][0]) for row in rows], dtype=np.int64)
        owner = np.repeat(owners, sizes)
        columns = np.concatenate([row[k][0] for row in rows]).astype(np.int64)
        values = np.concatenate([row[k][1] for row in rows]).astype(np.float64)
        # One key per (event, column): the event in the high bits, the hashed column below.
        unique, inverse = np.unique((owner << bits) | columns, return_inverse=True)
        sums = np.bincount(inverse.ravel(), weights=values, minlength=len(unique))
        bounds = np.searchsorted(unique >> bits, np.arange(len(members) + 1))
        column_of = unique & ((1 << bits) - 1)
        for j in range(len(members)):
            profiles[j].append((column_of[bounds[j] : bounds[j + 1]], sums[bounds[j] : bounds[j + 1]]))
    return [tuple(profile) for profile in profiles]


def unit_vectors(profiles: Sequence[tuple], idf: Mapping) -> list[sp.csr_matrix]:
    """Per subspace, the ``profiles`` weighted by ``idf`` and scaled to unit length, on the columns they use."""
    out = []
    for k, name in enumerate(SUBSPACES):
        sizes = np.array([len(p[k][0]) for p in profiles], dtype=np.int64)
        columns = np.concatenate([p[k][0] for p in profiles])
        values = np.concatenate([p[k][1] for p in profiles]) * idf[name][columns]
        owner = np.repeat(np.arange(len(profiles)), sizes)
        lengths = np.sqrt(np.bincount(owner, weights=values * values, minlength=len(profiles)))
        values /= np.where(lengths > 0, lengths, 1.0)[owner]
        local, inverse = np.unique(columns, return_inverse=True)
        indptr = np.concatenate([[0], np.cumsum(sizes)])
        out.append(sp.csr_matrix((values, inverse.ravel(), indptr), shape=(len(profiles), len(local))))
    return out
