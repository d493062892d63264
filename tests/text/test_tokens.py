"""Words, stems and stopwords: one word pattern and one stop-word list for every stage."""

import subprocess
import sys

from storyline.text import STOPWORDS, words
from storyline.text.tokens import lower_words


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
