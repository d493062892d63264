"""The words of ASCII text, found by a faster pattern, are the words the Unicode word pattern finds."""

import random

from storyline.text import words
from storyline.text.tokens import _WORD


def test_words_of_ascii_text_are_the_words_the_word_reader_finds():
    rng = random.Random(61)
    pieces = ["Mr.", "O'Neill's", "well-known", "U.S.", "4.25", "per", "cent", "_x_", "a--b", "'quoted'", "e.g.", "-5"]
    pieces += ["%", "March", "19", "A.B.", "x.", ".y", "it's", "Bell’s", "naïve", "ΣΑΣ", "\n", "\t", "  ", "3rd"]
    for _ in range(3000):
        text = rng.choice(["", " "]).join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert words(text) == [match.group().lower() for match in _WORD.finditer(text)], text
