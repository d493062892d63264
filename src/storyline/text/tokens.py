"""Words, stems and stopwords."""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from itertools import filterfalse
from pathlib import Path

import Stemmer


def _english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop-word list, read from its own module file: importing scikit-learn for a word list
    costs a second of start-up."""
    spec = importlib.util.find_spec("sklearn")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    path = Path(folders[0] if folders else "") / "feature_extraction" / "_stop_words.py"
    if folders and path.is_file():
        namespace: dict = {}
        exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)  # a frozenset literal
        if isinstance(namespace.get("ENGLISH_STOP_WORDS"), frozenset):
            return namespace["ENGLISH_STOP_WORDS"]
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS  # another layout: the slow way

    return frozenset(ENGLISH_STOP_WORDS)


STOPWORDS = _english_stop_words() | {"said", "says", "mr", "mrs", "ms", "s", "t"}

_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*", re.UNICODE)
_ASCII_WORD = re.compile(r"[a-z0-9]+(?:['.\-][a-z0-9]+)*")  # ``_WORD`` on lower-cased ASCII text
# The stemmer's own cache is off: ``stem`` keeps one, and the stemmer's costs five times the stemming itself.
_STEMMER = Stemmer.Stemmer("english", 0)


def word_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the words of ``text`` (letters and digits, with inner apostrophes, dots and hyphens)."""
    return [match.span() for match in _WORD.finditer(text)]


def words(text: str) -> list[str]:
    """Lower-cased words of ``text``."""
    if text.isascii():  # letters and digits are [a-z0-9] once lower-cased: a faster pattern finds the same words
        return _ASCII_WORD.findall(text.lower())
    lowered = text.lower()
    # Where every character lower-cases to one character, the words of the lower-cased text are the lower-cased
    # words: no character changes between a word character, a joiner and neither when lower-cased (checked over
    # all of Unicode by a test). The one lower-casing that depends on the neighbours, a final sigma, is left out.
    if len(lowered) == len(text) and "Σ" not in text:
        return _WORD.findall(lowered)
    return [match.group().lower() for match in _WORD.finditer(text)]


def lower_words(text: str) -> list[str]:
    """``words(text)``, computed in one pass over the lower-cased text (the same words, much faster).

    >>> lower_words("Mr. O'Neill's well-known U.S. firm")
    ['mr', "o'neill's", 'well-known', 'u.s', 'firm']
    """
    return _WORD.findall(text.lower())


class _StemCache(dict):
    """Stems by word. A lookup that finds its word is a C call, several times cheaper than ``lru_cache``'s: an
    event's analyses stem every word of its texts, and nearly all are words met before."""

    limit = 200_000

    def __missing__(self, word: str) -> str:
        if len(self) >= self.limit:  # a stream's vocabulary keeps growing: start again rather than grow past it
            self.clear()
        found = self[word] = _STEMMER.stemWord(word.replace("’", "'"))
        return found


_STEMS = _StemCache()
# Snowball (Porter 2) stem of a lower-cased word; a pure function, so keeping its results is safe.
stem = _STEMS.__getitem__


def stems(words: list[str]) -> list[str]:
    """``[stem(word) for word in words]``, in one call of the stemmer (for many new words at once)."""
    return _STEMMER.stemWords([word.replace("’", "'") for word in words])


def content_stems(text: str) -> list[str]:
    """Stems of the words of ``text`` that are not stopwords."""
    return list(map(stem, filterfalse(STOPWORDS.__contains__, words(text))))


@lru_cache(maxsize=2048)  # more than the articles of a large event, as for its sentences
def stem_set(text: str) -> frozenset[str]:
    """The set of ``content_stems(text)``, kept for the last texts: the summary, the title, the quotes' order and
    the developments each weigh an event's words by the articles using them, over the same whole texts."""
    return frozenset(content_stems(text))
