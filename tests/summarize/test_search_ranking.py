"""The search reuses a node's ranking for the child that leaves out its first sentence: the same choices, step for
step, as a search that ranks the open sentences afresh at every node."""

import random

import numpy as np

from storyline.summarize.search import exact_cover
from tests.summarize.test_cover_search import random_program


def fresh_search(lengths, concepts, weights, gains, budget, groups, requires, allowed, node_limit):
    """The search with every node's gains, ranking and bound computed from scratch (the reference)."""
    n = len(lengths)
    occurrence = np.zeros((len(weights), n))
    for j, held in enumerate(concepts):
        occurrence[list(held), j] = 1.0
    weight = np.asarray(weights, dtype=np.float64)
    own = np.asarray(gains, dtype=np.float64)
    length = np.asarray(lengths, dtype=np.float64)
    mates = [[] for _ in range(n)]
    for group in groups:
        for j in group:
            mates[j].extend(group)
    best, steps = [-1.0, []], [0]

    def met(chosen, free, room):
        return all(
            any(k in chosen or (free[k] and length[k] <= room) for k in requires[j]) for j in chosen if j in requires
        )

    def visit(chosen, uncovered, room, free, value):
        steps[0] += 1
        if steps[0] > node_limit:
            raise OverflowError
        if value > best[0] + 1e-9 and all(any(k in chosen for k in requires[j]) for j in chosen if j in requires):
            best[0], best[1] = value, sorted(chosen)
        open_ = np.flatnonzero(free & (length <= room))
        if not len(open_):
            return
        gain = ((weight * uncovered) @ occurrence)[open_] + own[open_]
        order = np.argsort(-gain / length[open_], kind="stable")
        cumulative = np.cumsum(length[open_][order])
        whole = int(np.searchsorted(cumulative, room, side="right"))
        bound = value + float(gain[order[:whole]].sum())
        if whole < len(order):
            used = cumulative[whole - 1] if whole else 0.0
            bound += float(gain[order[whole]]) * (room - used) / length[open_][order][whole]
        if bound <= best[0] + 1e-9:
            return
        j = int(open_[order[0]])
        without_j = free.copy()
        without_j[j] = False
        with_j = without_j.copy()
        with_j[mates[j]] = False
        if met([*chosen, j], with_j, room - length[j]):
            visit(
                [*chosen, j],
                uncovered * (1.0 - occurrence[:, j]),
                room - length[j],
                with_j,
                value + float(gain[order[0]]),
            )
        if met(chosen, without_j, room):
            visit(chosen, uncovered, room, without_j, value)

    try:
        visit([], np.ones(len(weights)), float(budget), np.asarray(allowed, dtype=bool), 0.0)
    except OverflowError:
        return None
    return best[1]


def test_the_reused_ranking_gives_the_choices_of_a_fresh_ranking_at_every_node():
    rng = random.Random(23)
    finished = unfinished = 0
    for round_ in range(120):
        lengths, concepts, weights, groups, bonus, requires = random_program(rng, rng.randint(12, 40))
        if round_ % 2:  # weights that round differently when added in another order, and exact ties
            weights = [rng.choice([0.1, 0.2, 0.3, 1 / 3, 2 / 3, rng.random()]) for _ in weights]
            bonus = [rng.choice([0.0, 1e-3, 1e-4]) for _ in bonus]
        allowed = [rng.random() < 0.9 for _ in lengths]
        budget = rng.choice([30, 60, 100, 150])
        node_limit = rng.choice([5, 50, 3000])
        expected = fresh_search(lengths, concepts, weights, bonus, budget, groups, requires, allowed, node_limit)
        found = exact_cover(
            lengths,
            concepts,
            weights,
            bonus,
            budget,
            groups=groups,
            requires=requires,
            allowed=allowed,
            node_limit=node_limit,
        )
        assert found == expected
        finished += found is not None
        unfinished += found is None
    assert finished > 30 and unfinished > 10  # both outcomes were compared
