"""The plain scans of ``quotes.people`` find what the patterns they stand for find, on random texts."""

import random
import re

from storyline.quotes.people import (
    _INTERVIEW_LABEL,
    _SIGNATURE,
    _at_line_starts,
    _used_in_lower_case,
    interview_answers,
    signatures,
)

_WORDS = ["even", "Even", "but", "sen.", "o'neil", "x_y", "é", "Ada", "Lund", "Q", "A", "QUESTION", "@fan", "Oslo"]
_MARKS = [" ", "  ", ".", ". ", "\n", "\n\n", ":", ": ", ",", "-", "_", "7", "\t", "Q:", "A: "]


def _random_text(draw: random.Random) -> str:
    return "".join(
        draw.choice(_WORDS) if draw.random() < 0.55 else draw.choice(_MARKS) for _ in range(draw.randint(0, 40))
    )


def _lower_case_pattern(word: str) -> re.Pattern:
    """The pattern ``_used_in_lower_case`` stands for."""
    literal = re.escape(word)
    return re.compile(rf"{literal}(?<![\w.]{literal})(?<!\. {literal})\b")


def test_used_in_lower_case_is_the_pattern_search():
    draw = random.Random(21)
    found = 0
    for _ in range(5000):
        text = _random_text(draw)
        word = draw.choice(["even", "but", "sen.", "o'neil", "x_y", "é", "ada", "lund", "a"])
        expected = bool(_lower_case_pattern(word).search(text))
        assert _used_in_lower_case(word, text) is expected, (word, text)
        found += expected
    assert 200 < found < 4800


def test_line_start_matches_are_the_multiline_search():
    draw = random.Random(22)
    matched = 0
    for _ in range(5000):
        text = _random_text(draw)
        for pattern in (_INTERVIEW_LABEL, _SIGNATURE):
            expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
            assert [(m.span(), m.groups()) for m in _at_line_starts(pattern, text)] == expected, text
            matched += bool(expected)
    assert matched > 300


def test_an_interview_and_a_page_of_letters_are_still_read():
    interview = "Intro line.\nQ: What now?\nA: We wait.\nQ: And then?\nA: We build.\n"
    first, answers = interview_answers(interview)
    assert first == interview.index("Q:") and len(answers) == 2
    letters = "The bridge must stay.\nAda Lund, Oslo\nThe ferry is late.\nJonas Vik\n"
    assert [name for _, name in signatures(letters)] == ["Ada Lund", "Jonas Vik"]
