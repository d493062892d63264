"""Folding exclusive concepts into their holders' objective gives, to the bit, what adding to an array gives."""

import random

import numpy as np

from storyline.summarize.select import _fold_exclusive, _merge_twins


def _array_fold(concepts, weights, groups, n_sent):
    """The fold written on a float array, one masked addition per folded concept."""
    member_of = [set() for _ in range(n_sent)]
    for g, group in enumerate(groups):
        for j in group:
            member_of[j].add(g)
    holders = {}
    for j, held in enumerate(concepts):
        for i in held:
            holders.setdefault(i, []).append(j)
    gain = np.zeros(n_sent)
    kept = {}
    for i in range(len(weights)):
        sentences = holders.get(i, [])
        if len(sentences) == 1 or (sentences and set.intersection(*(member_of[j] for j in sentences))):
            gain[sentences] += float(weights[i])
        elif sentences:
            kept[i] = len(kept)
    return [[kept[i] for i in held if i in kept] for held in concepts], [float(weights[i]) for i in kept], gain


def _random_program(rng: random.Random):
    n_sent = rng.randint(1, 30)
    n_conc = rng.randint(0, 60)
    # Repeated indexes too: a sentence may list a concept twice, which folds once.
    concepts = [[rng.randrange(n_conc) for _ in range(rng.randint(0, 8))] if n_conc else [] for _ in range(n_sent)]
    weights = [rng.choice([rng.random() * 3, 0.1, 1 / 3, 0.7]) for _ in range(n_conc)]
    groups = [sorted(set(rng.sample(range(n_sent), min(n_sent, rng.randint(2, 4))))) for _ in range(rng.randint(0, 6))]
    return concepts, weights, [g for g in groups if len(g) > 1], n_sent


def test_fold_matches_the_array_fold_to_the_last_bit():
    rng = random.Random(11)
    folded_some = 0
    for _ in range(400):
        concepts, weights, groups, n_sent = _random_program(rng)
        merged_concepts, merged_weights, holders = _merge_twins(concepts, weights)
        for given, w, known in ((concepts, weights, None), (merged_concepts, merged_weights, holders)):
            want_concepts, want_weights, want_gain = _array_fold(given, w, groups, n_sent)
            # The merged concepts' holders, as merging found them, fold as the holders found afresh do.
            for holders_given in (None, known):
                new_concepts, new_weights, gain = _fold_exclusive(given, w, groups, n_sent, holders=holders_given)
                assert new_concepts == want_concepts
                assert new_weights == want_weights
                assert gain.dtype == want_gain.dtype and gain.tobytes() == want_gain.tobytes()
            folded_some += bool(gain.any())
    assert folded_some > 100


def test_merged_concepts_come_with_the_sentences_holding_them():
    rng = random.Random(13)
    for _ in range(300):
        concepts, weights, _, _ = _random_program(rng)
        merged_concepts, merged_weights, holders = _merge_twins(concepts, weights)
        assert len(holders) == len(merged_weights)
        for k, sentences in enumerate(holders):
            assert list(sentences) == [j for j, held in enumerate(merged_concepts) if k in held]
            twins = [
                i for i in range(len(weights)) if [j for j, held in enumerate(concepts) if i in held] == list(sentences)
            ]
            assert twins and abs(merged_weights[k] - sum(weights[i] for i in twins)) < 1e-9
