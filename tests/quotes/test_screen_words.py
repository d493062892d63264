"""The screens' cue-word tests give what a search for the cue forms between word boundaries gives."""

import random
import re

from storyline.quotes.marks import quote_spans
from storyline.quotes.screen import _NOUN_MARKERS, _outside_quotes, ends_with_cue, needs_syntax
from storyline.quotes.units import Unit
from storyline.text.cues import CUE_FORMS

_ALTERNATION = "|".join(sorted(CUE_FORMS, key=len, reverse=True))
_ENDS_WITH_FORM = re.compile(r"\b(?:" + _ALTERNATION + r")$")
_FORM_WORD = re.compile(r"\b(?:" + _ALTERNATION + r")\b")
_PIECES = [
    *sorted(CUE_FORMS)[::7],
    "Said",
    "SAYS",
    "the",
    "his",
    "States",
    "Post",
    "unsaid",
    "said_",
    "_said",
    "said2",
    "İ",
    "é",
    "ß",
    "according to",
    "“",
    "”",
    '"',
    " ",
    "  ",
    ",",
    ".",
    ":",
    "\n",
    "-",
    "x",
    "7",
]


def _random_texts(count: int, seed: int) -> list[str]:
    draw = random.Random(seed)
    texts = []
    for _ in range(count):
        pieces = draw.choices(_PIECES, k=draw.randint(0, 14))
        joiner = draw.choice(["", " ", " ", ", "])
        texts.append(joiner.join(pieces))
    return texts


def test_ends_with_cue_is_the_search_at_the_end():
    texts = _random_texts(4000, 11) + ["", "he said", "He Said", "unsaid", "said_", "X told", "told.", "t\u0130old"]
    for text in texts:
        assert ends_with_cue(text) is bool(_ENDS_WITH_FORM.search(text.lower())), text
    assert sum(map(ends_with_cue, texts)) > 300  # both answers are tried often


def _needs_syntax_by_search(text: str, unit: Unit) -> bool:
    """``needs_syntax`` as it read before: the forms looked for by one alternation."""
    if text[unit.start : unit.end].rstrip().endswith(":"):
        return True
    if any(text[unit.start : q.start - 1].rstrip().endswith(":") for q in unit.quotes):
        return True
    outside = _outside_quotes(text, unit)
    if re.search(
        r"\b(?:according to|in a statement|in an interview|pointed out|points out|point out)\b", outside.lower()
    ):
        return True
    for match in _FORM_WORD.finditer(outside):
        before = outside[max(0, match.start() - 12) : match.start()].split()
        if not before or before[-1].lower() not in _NOUN_MARKERS:
            return True
    return False


def test_needs_syntax_finds_the_words_the_alternation_finds():
    answers = []
    for text in _random_texts(4000, 12):
        unit = Unit(0, len(text), 0, 0, quote_spans(text, 0, len(text)))
        answers.append(needs_syntax(text, unit))
        assert answers[-1] is _needs_syntax_by_search(text, unit), text
    assert 300 < sum(answers) < len(answers) - 300
