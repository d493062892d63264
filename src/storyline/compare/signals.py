"""What a sentence can claim at all, as bit flags read off its normalised words without parsing it: which pairs
of sentences are worth comparing closely (a pair of sentences without figures, dates, negations, cues, speakers or
places on the right sides can never conflict)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.compare.align import Unit, word_set
from storyline.compare.lexicon import (
    ATTRIBUTION_VERBS,
    CUE_GROUPS,
    MONTHS,
    MULTIPLIERS,
    NUMBER_WORDS,
    UNIT_ALIASES,
    WEEKDAYS,
)
from storyline.compare.roles import PLACE_SIGNAL

_CUE_STEMS = frozenset(CUE_GROUPS)
NUMBER, DATE, NEGATION, CUE, SPEAKER, QUOTE, PLACE = 1, 2, 4, 8, 16, 32, 64
_DIGIT = re.compile(r"\d")
_ASCII_DIGIT = re.compile("[0-9]")  # the same search in ASCII text, faster
# \b(?:not|no|never|none|nobody|nothing|neither|nor|without|cannot)\b|n['’]t\b, matched against the lower-cased
# text (faster than a case-blind pattern). Each branch starts with its first letter and then looks back for the word
# boundary ("(?<!\w.)": no word character before that letter), so the search skips to the letters n, w and c.
_NEGATION_WORDS = re.compile(
    r"n(?:(?<!\w.)(?:ot|o|ever|one|obody|othing|either|or)\b|['’]t\b)|w(?<!\w.)ithout\b|c(?<!\w.)annot\b"
)
_DATE_WORDS = frozenset(WEEKDAYS) | frozenset(MONTHS) | {"noon", "midnight"}
_NUMBER_WORDS = frozenset(NUMBER_WORDS) | frozenset(MULTIPLIERS) | frozenset(UNIT_ALIASES)


def unit_signals(unit: Unit) -> int:
    """Bit flags of what a sentence can claim, read off its normalised words without parsing it."""
    if unit.signals < 0:
        words = word_set(unit)
        text = unit.text
        flags = 0
        key = unit.key
        digits = (_ASCII_DIGIT if key.isascii() else _DIGIT).search(key) is not None
        if digits or not words.isdisjoint(_NUMBER_WORDS):
            flags |= NUMBER
        if digits or not words.isdisjoint(_DATE_WORDS):
            flags |= DATE
        if _NEGATION_WORDS.search(text.lower()):
            flags |= NEGATION
        if not unit.stems.isdisjoint(_CUE_STEMS):
            flags |= CUE
        if not words.isdisjoint(ATTRIBUTION_VERBS):
            flags |= SPEAKER
        if '"' in text or "“" in text:
            flags |= QUOTE
        if PLACE_SIGNAL.search(text):
            flags |= PLACE
        unit.signals = flags
    return unit.signals


def may_conflict(units: Sequence[Unit], first, second):
    """A cheap necessary condition for two sentences to conflict, from what each can claim: a boolean mask over
    the pairs of unit indexes ``first`` and ``second`` (arrays)."""
    import numpy as np

    signals = np.zeros(len(units), dtype=np.int64)
    for index in np.unique(np.concatenate([first, second])).tolist():
        signals[index] = unit_signals(units[index])
    a, b = signals[first], signals[second]
    return ((a & b & (NUMBER | DATE | CUE | SPEAKER | PLACE)) != 0) | (((a | b) & NEGATION) != 0)
