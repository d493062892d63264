"""Words, stems and stopwords: one word pattern and one stop-word list for every stage."""

import subprocess
import sys

from storyline.text import STOPWORDS, words
from storyline.text.tokens import lower_words, word_spans


def test_the_stop_word_list_is_scikit_learns_plus_our_news_words():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    assert frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "mr", "mrs", "ms", "s", "t"} == STOPWORDS


def test_reading_the_stop_words_does_not_import_scikit_learn():
    code = "import sys, storyline.text; print('sklearn' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"


def test_lower_words_are_the_words_of_the_text():
    text = "Mr. O'Neill’s well-known U.S. firm hired 1,200 staff; ÉLAN said so."
    assert (
        lower_words(text)
        == words(text)
        == [
            "mr",
            "o'neill’s",
            "well-known",
            "u.s",
            "firm",
            "hired",
            "1",
            "200",
            "staff",
            "élan",
            "said",
            "so",
        ]
    )


def test_words_of_any_text_are_its_lower_cased_words():
    # ``words`` reads the lower-cased text where that keeps every character's place; the words must be those of
    # the text, lower-cased one by one, whatever the script (final sigma, dotted capital I, ligatures).
    texts = [
        "ΟΔΥΣΣΕΥΣ ΚΑΙ ΣΩΣ. Ο ΣΟΦΟΣ’Σ ΛΟΓΟΣ",
        "İstanbul’s İZMİR office",
        "ﬁnance Straße STRASSE ǅemal",
        "Café “Señor” Ñandú — Œuvre, Ⅻ chapters",
        "plain ASCII, U.S. text",
        "ΣΑ\u0301Σ\u0301Β Σ\u0301",
    ]
    for text in texts:
        assert words(text) == [text[start:end].lower() for start, end in word_spans(text)]


def test_lower_casing_one_character_never_changes_what_the_word_pattern_sees():
    # The premise of ``words``' fast path, over every code point that lower-cases to one character.
    import re
    import sys

    chars = [chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF]
    single = [c for c in chars if len(c.lower()) == 1]
    original, lowered = "".join(single), "".join(c.lower() for c in single)
    for pattern in (r"[^\W_]", r"['’.\-]"):
        spans = [m.start() for m in re.finditer(pattern, original)]
        assert spans == [m.start() for m in re.finditer(pattern, lowered)]


def test_stem_set_is_the_set_of_content_stems():
    from storyline.text import content_stems, stem_set

    text = "Rebels seized the airport; the rebels said the airports were seized."
    assert stem_set(text) == frozenset(content_stems(text)) == stem_set(text)
    assert isinstance(stem_set(text), frozenset)


def test_stems_kept_by_word_are_the_stemmers_and_stay_so_past_the_limit(monkeypatch):
    import Stemmer

    from storyline.text import stem
    from storyline.text.tokens import _STEMS

    stemmer = Stemmer.Stemmer("english")
    words_ = ["running", "ran", "elections", "o’neill’s", "o'neill's", "généraux", "u.s", "1,200", "well-known"]
    expected = [stemmer.stemWord(word.replace("’", "'")) for word in words_]
    assert [stem(word) for word in words_] == expected
    assert [stem(word) for word in words_] == expected  # the second time from the kept stems
    # A stream's vocabulary outgrows any limit: the kept stems start again instead of growing, and stay right.
    monkeypatch.setattr(type(_STEMS), "limit", 4)
    _STEMS.clear()
    assert [stem(word) for word in words_ * 2] == expected * 2
    assert len(_STEMS) <= 4
