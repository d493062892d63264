"""The guess of a text's language from its function words."""

from __future__ import annotations

import random

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
