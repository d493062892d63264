"""The runs of capitalised words that may name people: the pattern that skips to capitals finds what the plain form
of it (a look-behind, then any name word) finds."""

import random
import re

from storyline.quotes.people import _CAPITALISED_RUN, _NAME_WORD

PLAIN_RUN = re.compile(rf"(?<![\w.])(?:{_NAME_WORD})(?: (?:{_NAME_WORD}))+\b\.?")
PIECES = [
    "O",
    "O'",
    "O’",
    "Ab",
    "Ba",
    "Mc",
    "Donald",
    "X",
    "J.",
    "a",
    "b",
    "c",
    " ",
    " ",
    ".",
    "-",
    "-Ra",
    "_",
    "1",
    "\n",
    "é",
    "'",
]


def test_the_same_runs_as_the_plain_pattern_on_random_texts():
    rng = random.Random(5)
    for _ in range(20000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 16)))
        assert [m.span() for m in _CAPITALISED_RUN.finditer(text)] == [m.span() for m in PLAIN_RUN.finditer(text)], text


def test_runs_of_names_with_initials_apostrophes_and_hyphens():
    text = "Yesterday Senate Leader Harry M. Reid met Beto O’Rourke and Ana Smith-Ramos.X. Ray Ode, aBo Cy."
    runs = [m.group() for m in _CAPITALISED_RUN.finditer(text)]
    assert runs == [m.group() for m in PLAIN_RUN.finditer(text)]
    assert runs == ["Yesterday Senate Leader Harry M. Reid", "Beto O’Rourke", "Ana Smith-Ramos.", "Ray Ode"]
