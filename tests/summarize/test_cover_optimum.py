"""The sentence choice is the true optimum of its program, however the program is reduced before solving."""

import itertools
import random

from storyline.summarize.select import best_cover


def brute_force(lengths, concepts, weights, budget, groups, bonus, requires):
    """The best value over every subset of sentences that keeps to the budget, the groups and the requirements."""
    best = 0.0
    for size in range(len(lengths) + 1):
        for chosen in itertools.combinations(range(len(lengths)), size):
            picked = set(chosen)
            if sum(lengths[j] for j in picked) > budget:
                continue
            if any(len(picked & set(group)) > 1 for group in groups):
                continue
            if any(j in picked and not picked & set(requires[j]) for j in requires):
                continue
            covered = {i for j in picked for i in concepts[j]}
            best = max(best, sum(weights[i] for i in covered) + sum(bonus[j] for j in picked))
    return best


def value(chosen, concepts, weights, bonus):
    return sum(weights[i] for i in {i for j in chosen for i in concepts[j]}) + sum(bonus[j] for j in chosen)


def test_the_choice_reaches_the_brute_force_optimum_on_random_programs():
    rng = random.Random(5)
    for _ in range(60):
        n, n_concepts = rng.randint(2, 9), rng.randint(1, 12)
        lengths = [rng.randint(3, 12) for _ in range(n)]
        concepts = [rng.sample(range(n_concepts), rng.randint(1, min(4, n_concepts))) for _ in range(n)]
        weights = [rng.choice([0.5, 1.0, 1.5, 2.0, 3.0]) for _ in range(n_concepts)]
        # Versions of one sentence exclude each other: pairs of neighbours, sometimes a triple.
        groups = [list(range(k, min(k + rng.randint(2, 3), n))) for k in range(0, n, 3) if rng.random() < 0.7]
        bonus = [1e-3 / (1 + rng.randint(0, 5)) for _ in range(n)]
        requires = {j: [j - 1] for j in range(1, n) if rng.random() < 0.15}
        budget = rng.randint(6, 30)
        chosen = best_cover(lengths, concepts, weights, budget, groups=groups, bonus=bonus, requires=requires)
        assert sum(lengths[j] for j in chosen) <= budget
        assert all(len(set(chosen) & set(group)) <= 1 for group in groups)
        assert all(set(chosen) & set(requires[j]) for j in chosen if j in requires)
        optimum = brute_force(lengths, concepts, weights, budget, groups, bonus, requires)
        assert abs(value(chosen, concepts, weights, bonus) - optimum) < 1e-6
