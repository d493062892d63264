"""Batch mode's refinement: once all events are known, every article moves to its most similar event."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import scipy.sparse as sp

from storyline.events.options import EventOptions
from storyline.events.vectors import row_norms2, similarity, time_factor
from storyline.features import SUBSPACES


def refine(
    labels: np.ndarray,
    units: Mapping[str, sp.csr_matrix],
    scales: Mapping[str, np.ndarray],
    days: np.ndarray,
    known: np.ndarray,
    languages: np.ndarray,
    leaders: np.ndarray,
    options: EventOptions,
    threshold: float,
) -> np.ndarray:
    """Re-assign every article to its most similar event once all events are known (k-means style rounds).

    ``units`` are idf-weighted unit rows, ``scales`` their lengths before scaling (so an event centroid is
    ``sum(scale * unit)`` as in the single pass). An article's own event is measured without it; below the
    threshold it stands alone. Dated articles only look at events within the window of their date; articles of
    unknown time look at all. ``leaders[i]`` is the article whose event article ``i`` follows (its copy group's
    first article, or itself). ``threshold``: the pass's. Rounds stop when nothing moves.
    """
    n = len(labels)
    weights = np.array(options.weights)
    has = np.stack([scales[name] > 0 for name in SUBSPACES], axis=1)
    order = np.lexsort((np.arange(n), np.where(known, days, np.inf)))
    for _ in range(options.refine_rounds):
        labels = np.unique(labels, return_inverse=True)[1]
        k = int(labels.max()) + 1
        members = sp.csr_matrix((np.ones(n), (labels, np.arange(n))), shape=(k, n))
        sums = {name: members @ sp.diags(scales[name]) @ units[name] for name in SUBSPACES}
        lengths2 = {name: row_norms2(sums[name].tocsr()) for name in SUBSPACES}
        own_dot = {name: np.asarray(units[name].multiply(sums[name][labels]).sum(axis=1)).ravel() for name in SUBSPACES}
        starts, ends = np.full(k, np.inf), np.full(k, -np.inf)
        np.minimum.at(starts, labels[known], days[known])
        np.maximum.at(ends, labels[known], days[known])
        undated_event = ~np.isfinite(starts)
        starts[undated_event], ends[undated_event] = np.nan, np.nan
        event_language = np.empty(k, dtype=object)
        event_language[labels] = languages
        moved = labels.copy()
        next_label = k
        for begin in range(0, n, 1024):
            chunk = order[begin : begin + 1024]
            dated = known[chunk]
            if dated.all():
                low, high = days[chunk].min() - options.window_days, days[chunk].max() + options.window_days
                candidates = np.flatnonzero(undated_event | ((ends >= low) & (starts <= high)))
            else:
                candidates = np.arange(k)
            position = {int(c): j for j, c in enumerate(candidates)}
            own = np.array([position.get(int(labels[i]), -1) for i in chunk])
            rows = np.arange(len(chunk))
            dots, lens2 = [], []
            for name in SUBSPACES:
                dot = (units[name][chunk] @ sums[name][candidates].T).toarray()
                length2 = np.broadcast_to(lengths2[name][candidates], dot.shape).copy()
                r = scales[name][chunk]
                mine = own >= 0
                dot[rows[mine], own[mine]] = own_dot[name][chunk][mine] - r[mine]
                length2[rows[mine], own[mine]] = (
                    lengths2[name][labels[chunk]][mine] - 2 * r[mine] * own_dot[name][chunk][mine] + r[mine] ** 2
                )
                dots.append(dot)
                lens2.append(length2)
            scores = similarity(dots, lens2, has[chunk], weights)
            factor = time_factor(days[chunk], starts[candidates], ends[candidates], options.time_scale_days)
            scores = np.where(dated[:, None], scores * factor, scores)
            scores[event_language[candidates][None, :] != languages[chunk][:, None]] = -1.0
            best = scores.argmax(axis=1)
            keep = scores[rows, best] >= threshold
            moved[chunk[keep]] = candidates[best[keep]]
            alone = chunk[~keep]
            moved[alone] = np.arange(next_label, next_label + len(alone))
            next_label += len(alone)
        moved = moved[leaders]
        if np.array_equal(np.unique(moved, return_inverse=True)[1], np.unique(labels, return_inverse=True)[1]):
            break
        labels = moved
    return np.unique(labels, return_inverse=True)[1]
