"""The depth-first search finds the same optimum as the integer program, and hands over what it cannot finish."""

import random

import pytest

from storyline.summarize import select
from storyline.summarize.search import exact_cover
from tests.summarize.test_cover_optimum import brute_force, value


def random_program(rng, n):
    n_concepts = rng.randint(n, 4 * n)
    lengths = [rng.randint(6, 35) for _ in range(n)]
    concepts = [rng.sample(range(n_concepts), rng.randint(2, 12)) for _ in range(n)]
    weights = [rng.choice([0.5, 1.0, 1.5, 2.0, 3.0, 4.5]) for _ in range(n_concepts)]
    groups = [list(range(k, min(k + rng.randint(2, 3), n))) for k in range(0, n, 3) if rng.random() < 0.6]
    bonus = [1e-3 / (1 + rng.randint(0, 9)) for _ in range(n)]
    requires = {j: [j - 1] for j in range(1, n) if rng.random() < 0.1}
    return lengths, concepts, weights, groups, bonus, requires


def test_the_search_and_the_integer_program_reach_the_same_optimum(monkeypatch):
    rng = random.Random(11)
    for _ in range(25):
        lengths, concepts, weights, groups, bonus, requires = random_program(rng, rng.randint(15, 45))
        args = (lengths, concepts, weights, 100)
        options = dict(groups=groups, bonus=bonus, requires=requires)
        searched = select.best_cover(*args, **options)
        with monkeypatch.context() as patch:
            patch.setattr(select, "exact_cover", lambda *a, **k: None)  # HiGHS alone
            solved = select.best_cover(*args, **options)
        assert sum(lengths[j] for j in searched) <= 100
        assert all(len(set(searched) & set(group)) <= 1 for group in groups)
        assert all(set(searched) & set(requires[j]) for j in searched if j in requires)
        assert value(searched, concepts, weights, bonus) == pytest.approx(value(solved, concepts, weights, bonus))


def test_the_integer_program_takes_over_what_the_search_cannot_finish(monkeypatch):
    rng = random.Random(3)
    lengths, concepts, weights, groups, bonus, requires = random_program(rng, 30)
    assert exact_cover(lengths, concepts, weights, bonus, 100, groups=groups, node_limit=2) is None
    monkeypatch.setattr(select, "exact_cover", lambda *a, **k: None)
    small = random_program(random.Random(4), 8)
    lengths, concepts, weights, groups, bonus, requires = small
    chosen = select.best_cover(lengths, concepts, weights, 40, groups=groups, bonus=bonus, requires=requires)
    optimum = brute_force(lengths, concepts, weights, 40, groups, bonus, requires)
    assert value(chosen, concepts, weights, bonus) == pytest.approx(optimum)


def test_a_search_leaves_no_reference_cycle_behind():
    # Its arrays (a concepts-by-sentences matrix) go as soon as it returns, not at the next cyclic collection.
    import gc

    lengths, concepts, weights, groups, bonus, requires = random_program(random.Random(5), 30)
    gc.collect()
    gc.disable()
    try:
        for limit in (10_000, 2):  # a finished search, and one given up
            exact_cover(lengths, concepts, weights, bonus, 100, groups=groups, requires=requires, node_limit=limit)
            assert gc.collect() == 0
    finally:
        gc.enable()
