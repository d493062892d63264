"""Names in the plain text: patterns written to skip ahead to where they can match find what their plain forms find
(runs of capitalised words, a word written in lower case)."""

import random
import re

from storyline.quotes.people import _CAPITALISED_RUN, _NAME_WORD, _used_in_lower_case, _without_sentence_opener

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


def test_a_word_written_in_lower_case_is_found_where_the_plain_pattern_finds_it():
    rng = random.Random(3)
    pieces = ["even", "but", "e", "ven", " ", ". ", ".", "\n", "x", "_", "Even", "1"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        for word in ("even", "but", "e.g"):
            plain = re.search(rf"(?<![\w.])(?<!\. ){re.escape(word)}\b", text)
            assert _used_in_lower_case(word, text) == bool(plain), (word, text)


def test_a_title_loses_the_word_that_opens_its_sentence_only():
    text = "Even Senator Ada Lund agreed. It was even better."
    assert _without_sentence_opener("Even Senator", text) == "Senator"
    assert _without_sentence_opener("Even Senator", "Even Senator Ada Lund agreed. Even so.") == "Even Senator"
