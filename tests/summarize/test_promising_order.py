"""The ranking of promising sentences does not depend on the order a sentence's concepts iterate in.

A set of strings iterates in an order that changes with Python's hash seed, from one process to the next: a
summary must come out the same in every run and in every process of a pool."""

from __future__ import annotations

from itertools import permutations

from storyline.summarize.candidates import promising

# Concept weights whose plain sum depends on the order they are added in (0.9999999999999999 or 1.0).
WEIGHTS = {"a": 0.1, "b": 0.2, "c": 0.7, "x": 0.1, "y": 0.2, "z": 0.7}


def ranked(first: tuple[str, ...], second: tuple[str, ...]) -> list[int]:
    # Two sentences of equal weight per word: the one earlier in its article (the second) must come first.
    return promising([first, second], WEIGHTS, lengths=[10, 10], ranks=[3, 1], family=[0, 1], min_words=1)


def test_a_tie_is_broken_by_the_sentences_not_by_the_order_their_concepts_iterate():
    results = {tuple(ranked(first, second)) for first in permutations("abc") for second in permutations("xyz")}
    assert results == {(1, 0)}


def test_weightier_sentences_still_come_first():
    assert promising(
        [("a",), ("c",), ("b", "x")], WEIGHTS, lengths=[5, 5, 5], ranks=[0, 0, 0], family=[0, 1, 2], min_words=1
    ) == [1, 2, 0]
