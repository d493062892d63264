"""A sentence's tokens, and what each word can start: the words the claim rules read, each looked up once.

A token is a number ("1,500", "2.5"), a word with inner apostrophes ("didn't") or one of the marks the rules read
(currency signs, "%", clause breaks, quotation marks). Each distinct word's lower case, stem and flags (can it start
a figure, a date, a negation, a cue, an attribution?) are read once and kept, so a sentence without a word a rule
starts from is never scanned by that rule.
"""

from __future__ import annotations

import re
from itertools import filterfalse
from typing import NamedTuple

from storyline.compare.lexicon import (
    ATTRIBUTION_VERBS,
    CLAUSE_BREAKS,
    CUE_GROUPS,
    MONTHS,
    MULTIPLIERS,
    NEGATION_SKIP,
    NEGATIONS,
    NUMBER_WORDS,
    UNIT_ALIASES,
    UNIT_SCALE,
    WEEKDAYS,
)
from storyline.text import STOPWORDS, stem
from storyline.text.tokens import stems

CONTEXT_WINDOW = 4
_NOT_CONTEXT = (
    STOPWORDS | NEGATION_SKIP | {"did", "does", "do", "percentage", "point", "points", "percent", "cent", "per"}
)
# Words first: most tokens are words, and the alternatives start with different characters (the same tokens).
TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*|[$£€%;:,\"“”‘’]")
# The same tokens in ASCII text, where letters and digits are these ranges (a faster pattern).
_ASCII_TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*|[0-9]+(?:[.,][0-9]+)*|[$%;:,\"]")


def token_words(text: str) -> list[str]:
    """The words of ``text``'s tokens: ``TOKEN.findall(text)``."""
    return (_ASCII_TOKEN if text.isascii() else TOKEN).findall(text)


class Token(NamedTuple):
    start: int
    end: int
    text: str
    lower: str
    stem: str


# What a word can start, as bit flags: each claim rule looks only at the words that can start what it reads.
FIGURE, NUMBER_START, DATE_WORD, NEGATING, CUE_WORD, SAYING, CLOCK_WORD = 1, 2, 4, 8, 16, 32, 64
NUMBER_STARTS = frozenset(NUMBER_WORDS) | {"a", "an"}
_KNOWN_WORDS = 500_000  # a bound on memory over a long run: a full table starts again (new names keep coming)


class _Forms(dict):
    """Word as written -> (the word, lower case, stem), read once per distinct word."""

    def __missing__(self, word: str) -> tuple[str, str, str]:
        lower = word.lower().replace("’", "'")
        forms = (word, lower, stem(lower) if word[0].isalpha() else lower)
        if len(self) >= _KNOWN_WORDS:
            self.clear()
        self[word] = forms
        return forms


def _word_flags(word: str, lower: str, word_stem: str) -> int:
    """What a word can start (the bit flags above)."""
    flags = 0
    if (
        word[0].isdigit()
        or lower in NUMBER_WORDS
        or lower in MULTIPLIERS
        or UNIT_ALIASES.get(lower, "") in UNIT_SCALE  # "a million", "a metre"
    ):
        flags |= FIGURE
    if word[0].isdigit() or lower in NUMBER_STARTS:
        flags |= NUMBER_START
    bare = lower[:-2] if lower.endswith("'s") else lower
    if word[0].isdigit() or bare in WEEKDAYS or bare.rstrip(".") in MONTHS:
        flags |= DATE_WORD
    if lower in NEGATIONS or lower.endswith("n't"):
        flags |= NEGATING
    if word_stem in CUE_GROUPS:
        flags |= CUE_WORD
    if lower in ATTRIBUTION_VERBS or lower == "according":
        flags |= SAYING
    if "noon" in lower or "midnight" in lower:  # a clock time without a digit
        flags |= CLOCK_WORD
    return flags


class _Flags(dict):
    """Word as written -> what it can start (the bit flags above), read once per distinct word."""

    def __missing__(self, word: str) -> int:
        flags = _word_flags(*FORMS[word])
        if len(self) >= _KNOWN_WORDS:
            self.clear()
        self[word] = flags
        return flags


FORMS, FLAGS = _Forms(), _Flags()
# A word outside these (lower case) can start nothing unless it starts with a digit, holds "'s", "n't", ".",
# "noon" or "midnight", or its stem is a cue's.
_FLAGGED_WORDS = (
    frozenset(NUMBER_WORDS)
    | frozenset(MULTIPLIERS)
    | frozenset(word for word, unit in UNIT_ALIASES.items() if unit in UNIT_SCALE)
    | NUMBER_STARTS
    | frozenset(WEEKDAYS)
    | frozenset(MONTHS)
    | NEGATIONS
    | ATTRIBUTION_VERBS
    | {"according"}
)


def learn_words(found: set[str]) -> None:
    """FORMS and FLAGS for the words of ``found`` they lack, read at once: all their stems in one call of the
    stemmer, and the full flag rules only for the few words that can start anything (the same values as reading
    each word when first looked up)."""
    new = [word for word in filterfalse(FLAGS.__contains__, found) if word]  # (a set minus a dict subclass is slow)
    if not new:
        return
    for table in (FORMS, FLAGS):
        if len(table) + len(new) > _KNOWN_WORDS:
            table.clear()
    lowers = [word.lower().replace("’", "'") for word in new]
    alphabetic = [lower for word, lower in zip(new, lowers, strict=True) if word[0].isalpha()]
    stem_of = dict(zip(alphabetic, stems(alphabetic), strict=True))
    forms = [
        (word, lower, stem_of[lower] if word[0].isalpha() else lower) for word, lower in zip(new, lowers, strict=True)
    ]
    FORMS.update(zip(new, forms, strict=True))
    FLAGS.update(dict.fromkeys(new, 0))
    for word, lower, word_stem in forms:
        if (
            lower in _FLAGGED_WORDS
            or word_stem in CUE_GROUPS
            or word[0].isdigit()
            or "'s" in lower
            or "n't" in lower
            or "." in lower
            or "noon" in lower
            or "midnight" in lower
        ):
            FLAGS[word] = _word_flags(word, lower, word_stem)


def read_tokens(text: str) -> list[Token]:
    """The tokens of ``text`` with their offsets, lower case and stem."""
    return tokens_of(text, token_words(text))


def tokens_of(text: str, words: list[str]) -> list[Token]:
    """The tokens of ``text`` whose words (``TOKEN.findall(text)``) are ``words``.

    Each token starts where its word is next found: a word found earlier, between two tokens, would have been a
    token there (the pattern looks at no context), so this is where the pattern matched it."""
    tokens = []
    append, find, forms, end, new = tokens.append, text.find, FORMS, 0, tuple.__new__
    for word in words:
        start = find(word, end)
        end = start + len(word)
        append(new(Token, (start, end) + forms[word]))  # (the named tuple's own constructor is slower)
    return tokens


class _ContextOf(dict):
    """Word as written -> its stem when it can tie two claims together, "" when it cannot, False at a clause
    break; read once per distinct word."""

    def __missing__(self, word: str) -> str | bool:
        _, lower, word_stem = FORMS[word]
        if lower in CLAUSE_BREAKS:
            value = False
        elif word[0].isalpha() and len(lower) > 1 and lower not in _NOT_CONTEXT:
            value = word_stem
        else:
            value = ""
        if len(self) >= _KNOWN_WORDS:
            self.clear()
        self[word] = value
        return value


CONTEXT_OF = _ContextOf()


def context_stems(tokens: list[Token], first: int, last: int, window: int = CONTEXT_WINDOW) -> frozenset[str]:
    """Content stems within ``window`` tokens of tokens ``first``..``last``, not crossing a clause break."""
    found = set()
    context_of = CONTEXT_OF
    for token in reversed(tokens[max(0, first - window) : first]):
        value = context_of[token.text]
        if value is False:
            break
        if value:
            found.add(value)
    for token in tokens[last + 1 : last + window + 1]:
        value = context_of[token.text]
        if value is False:
            break
        if value:
            found.add(value)
    return frozenset(found)
