"""An exact depth-first search for the sentence choice, for the small programs of ordinary events.

The program is ``select.best_cover``'s after its reductions: choose sentences within a word budget, at most one
of each group, a sentence that leans on others only with one of them, to maximise the weight of the concepts
covered plus each chosen sentence's own value. A general solver spends most of its time on such small programs
setting up (cuts, heuristics, restarts); a search that branches on the sentence with the most uncovered weight
per word, bounded by a fractional knapsack over every sentence's uncovered weight, proves the optimum in a few
hundred steps. Coverage gains only shrink as sentences are added, so the bound never cuts off a better choice.

Among choices of equal value the search keeps the first it finds (the same on every machine). When the search
needs more than ``node_limit`` steps it gives up (``None``) and the caller solves the program the general way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import chain

import numpy as np

NODE_LIMIT = 3000
_EPS = 1e-9
# What ``ndarray.sum`` calls, without its Python layer (the same reduction, the same bits).
_sum = np.add.reduce


class _TooLong(Exception):
    pass


def exact_cover(
    lengths: Sequence[int],
    concepts: Sequence[Sequence[int]],
    weights: Sequence[float],
    gains: Sequence[float],
    budget: float,
    *,
    groups: Sequence[Sequence[int]] = (),
    requires: Mapping[int, Sequence[int]] | None = None,
    allowed: Sequence[bool] | None = None,
    node_limit: int = NODE_LIMIT,
) -> list[int] | None:
    """The sentences of the best choice, in increasing order; None when the search would take too long.

    ``lengths[j]`` is sentence j's length in words (a whole number), ``gains[j]`` its own value (non-negative),
    ``concepts[j]`` the indices (into ``weights``, all non-negative) of the concepts it holds; ``requires[j]`` lists
    sentences of which one must be chosen with j (never empty); ``allowed[j]`` False rules j out.
    """
    n = len(lengths)
    occurrence = np.zeros((len(weights), n))
    holders = np.repeat(np.arange(n), [len(held) for held in concepts])
    occurrence[np.fromiter(chain.from_iterable(concepts), dtype=np.int64, count=len(holders)), holders] = 1.0
    # Each sentence's concepts as a row of its own (contiguous), for the step that takes the sentence.
    not_held = np.ascontiguousarray(1.0 - occurrence.T)
    weight = np.asarray(weights, dtype=np.float64)
    own = np.asarray(gains, dtype=np.float64)
    length = np.asarray(lengths, dtype=np.float64)
    mate_lists: list[list[int]] = [[] for _ in range(n)]
    for group in groups:
        for j in group:
            mate_lists[j].extend(group)
    mates = [np.asarray(found, dtype=np.intp) for found in mate_lists]
    needs = {j: list(ks) for j, ks in (requires or {}).items()}
    best: list = [-1.0, []]
    steps = [0]

    def met(chosen: list[int], free: np.ndarray, room: float) -> bool:
        """Whether every chosen sentence that leans on others can still get one of them."""
        return not needs or all(
            any(k in chosen or (free[k] and length[k] <= room) for k in needs[j]) for j in chosen if j in needs
        )

    # ``uncovered`` is the weight of each concept no chosen sentence holds (0 for those covered): the weights times
    # zeros and ones, so its product with the occurrences is the same, bit for bit, as that of the weights times a
    # 0/1 mask. ``ranked``: the open sentences, most gain per word first, with their gains, lengths and running
    # lengths, when the caller knows them: leaving out the first of a node's ranking changes neither what is
    # covered nor the room, so the other child's ranking is the same ranking less its first sentence (the stable
    # sort keeps ties in the order of the sentences either way), and neither the product nor the sort is done
    # again. Its running lengths are the parent's less the first length (``shift``): lengths are whole numbers of
    # words, so the differences are exact and the bound the same.
    def visit(
        chosen: list[int],
        uncovered: np.ndarray,
        room: float,
        free: np.ndarray,
        value: float,
        ranked: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, float] | None = None,
    ) -> None:
        steps[0] += 1
        if steps[0] > node_limit:
            raise _TooLong
        if value > best[0] + _EPS and (
            not needs or all(any(k in chosen for k in needs[j]) for j in chosen if j in needs)
        ):
            best[0], best[1] = value, sorted(chosen)
        if ranked is None:
            open_ = (free & (length <= room)).nonzero()[0]
            if not len(open_):
                return
            open_lengths = length[open_]
            gain = (uncovered @ occurrence)[open_] + own[open_]
            order = (-gain / open_lengths).argsort(kind="stable")
            ordered_lengths = open_lengths[order]
            ranked = (open_[order], gain[order], ordered_lengths, ordered_lengths.cumsum(), 0.0)
        elif not len(ranked[0]):
            return
        sentences, gains, ordered_lengths, cumulative, shift = ranked
        # ``cumulative`` less ``shift`` is the running length of the ranking (whole numbers: exact either way).
        whole = int(cumulative.searchsorted(room + shift, side="right"))
        bound = value + float(_sum(gains[:whole]))
        if whole < len(sentences):
            used = cumulative[whole - 1] - shift if whole else 0.0
            bound += float(gains[whole]) * (room - used) / ordered_lengths[whole]
        if bound <= best[0] + _EPS:  # nothing below beats the best choice found
            return
        j = int(sentences[0])
        without_j = free.copy()
        without_j[j] = False
        with_j = without_j.copy()
        with_j[mates[j]] = False
        if met([*chosen, j], with_j, room - length[j]):
            visit(
                [*chosen, j],
                uncovered * not_held[j],
                room - length[j],
                with_j,
                value + float(gains[0]),
            )
        if met(chosen, without_j, room):
            rest = (sentences[1:], gains[1:].copy(), ordered_lengths[1:], cumulative[1:], shift + ordered_lengths[0])
            visit(chosen, uncovered, room, without_j, value, rest)

    free = np.ones(n, dtype=bool) if allowed is None else np.asarray(allowed, dtype=bool)
    try:
        visit([], weight * np.ones(len(weights)), float(budget), free, 0.0)
    except _TooLong:
        return None
    finally:
        # ``visit`` calls itself through its closure: a reference cycle that would keep the search's arrays until the
        # cycle collector ran. With the name rebound, reference counting frees them now.
        visit = None
    return best[1]
