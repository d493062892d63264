"""The units an article is read in: a paragraph's sentences taken from the whole text's split are those a split of the
paragraph alone gives."""

import random

from storyline.quotes.marks import paragraphs_of
from storyline.quotes.units import _paragraph_sentences, units
from storyline.text.sentences import split_sentences

PIECES = [
    "Mr. Lund said so.",
    " ",
    "  ",
    "\n",
    "\n\n",
    "It rained!",
    "“Yes,” he said.",
    "U.S. The",
    "6.2 per",
    "x",
    ".",
]


def _random_text(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 14)))


def test_a_paragraphs_sentences_are_those_of_splitting_it_alone():
    rng = random.Random(9)
    for _ in range(3000):
        text = _random_text(rng)
        sentences = split_sentences(text)
        starts = [start for start, _ in sentences]
        spans = list(paragraphs_of(text))
        if len(text) > 1:  # and stretches that need not be whole lines
            spans += [tuple(sorted(rng.sample(range(len(text) + 1), 2))) for _ in range(2)]
        for start, end in spans:
            expected = split_sentences(text, start, end)
            assert _paragraph_sentences(text, start, end, sentences, starts) == expected, (text, start, end)


def test_units_number_their_sentences_in_the_whole_text():
    text = "Ada Lund spoke first. “We will build it,” she said.\nJon Vik agreed. He left."
    found = [(text[u.start : u.end], u.sentence_index, len(u.quotes)) for u in units(text)]
    assert found == [
        ("Ada Lund spoke first.", 0, 0),
        ("“We will build it,” she said.", 1, 1),
        ("Jon Vik agreed.", 2, 0),
        ("He left.", 3, 0),
    ]


def test_given_paragraphs_that_are_not_whole_lines_are_split_alone():
    text = "Ada Lund spoke first. Then she left. Jon Vik stayed."
    found = [(text[u.start : u.end], u.paragraph) for u in units(text, [(0, 21), (22, 52)])]
    assert found == [("Ada Lund spoke first.", 0), ("Then she left.", 1), ("Jon Vik stayed.", 1)]
