"""The guess of a text's language from its function words."""

from __future__ import annotations

import random
import re
import sys

from storyline.text.language import FUNCTION_WORDS, detect_language


def guess_counting_each_word(text: str, min_words: int = 20) -> str | None:
    """The guess as the rule states it: for each language, the share of the text's words (each occurrence) that
    are its function words; the best language when its share reaches 0.12."""
    import re

    tokens = [token.lower() for token in re.findall(r"[^\W\d_]+", text[:5000])]
    if len(tokens) < min_words:
        return None
    vocabularies = {lang: set(words.split()) for lang, words in FUNCTION_WORDS.items()}
    scores = {
        lang: sum(token in vocabulary for token in tokens) / len(tokens) for lang, vocabulary in vocabularies.items()
    }
    best = max(scores, key=scores.get)
    return best if scores[best] >= 0.12 else None


def test_guess_is_the_share_of_function_words_of_each_language():
    rng = random.Random(4)
    words = [w for text in FUNCTION_WORDS.values() for w in text.split()] + "river Bank noch siete 42 Été".split()
    guesses = set()
    for _ in range(400):
        text = " ".join(rng.choice(words) for _ in range(rng.randrange(5, 900)))
        assert detect_language(text) == guess_counting_each_word(text)
        guesses.add(detect_language(text))
    assert {"en", "fr", "de", None} <= guesses


def test_plain_english_and_french():
    english = "The mayor said that the bridge was closed for the week and that the city has a plan for it. " * 3
    french = "Le maire a dit que le pont est fermé pour la semaine et que la ville a un plan pour les travaux. " * 3
    assert detect_language(english) == "en" and detect_language(french) == "fr"
    assert detect_language("Too short to tell.") is None


def test_guess_is_the_same_on_ascii_accented_and_irregular_lower_casing():
    # ASCII text (read as bytes), other text lower-cased whole, and text whose lower-casing changes its length or
    # holds a capital sigma (each word lower-cased alone): the same guess as the rule states it.
    rng = random.Random(11)
    words = [w for text in FUNCTION_WORDS.values() for w in text.split()]
    words += [w.upper() for w in words[::3]] + [w.title() for w in words[1::3]]
    words += "river_bank x2y snake_case 1999 Été FÜR İstanbul ΣΟΦΙΑΣ straße ǅemal ﬁre".split()
    separators = [" ", " ", " ", ", ", ".\n", "—", "’", "_", "\t"]
    seen = {"ascii": 0, "whole": 0, "each": 0}
    for _ in range(600):
        parts = []
        for _ in range(rng.randrange(5, 1200)):
            parts += [rng.choice(words), rng.choice(separators)]
        draw = rng.random()
        if draw < 0.33:
            parts = [p for p in parts if p.isascii()]
        elif draw < 0.66:
            parts = [p for p in parts if len(p.lower()) == len(p) and "Σ" not in p]
        text = "".join(parts)
        sample = text[:5000]
        kind = "ascii" if sample.isascii() else "whole" if len(sample.lower()) == len(sample) else "each"
        seen["each" if "Σ" in sample and kind == "whole" else kind] += 1
        assert detect_language(text) == guess_counting_each_word(text)
    assert min(seen.values()) > 100


def test_lower_casing_keeps_letters_letters():
    # Why the lower-cased text may be split instead of each word lower-cased: no character that lower-cases to one
    # character changes between a letter and not a letter.
    letter = re.compile(r"[^\W\d_]")
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        char = chr(cp)
        lowered = char.lower()
        if len(lowered) == 1:
            assert bool(letter.match(char)) == bool(letter.match(lowered)), hex(cp)
