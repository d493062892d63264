"""Which language an article is in: a cheap guess from function words, and the key that keeps events apart."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from storyline.model import Article
from storyline.text.tokens import STOPWORDS, lower_words

# A few dozen of the most frequent function words of each language; written for this purpose.
FUNCTION_WORDS = {
    "en": "the of and to in is was that for on with as by at from it he she they said his her are were has have "
    "this an be not",
    "fr": "le la les des et est une un du dans pour que qui sur par au avec pas il elle ont sont été cette aux ne se",
    "de": "der die das und ist nicht ein eine den dem mit von zu auf für im des sich auch wurde sind hat wie oder",
    "es": "el la los las de y que en un una por con para del se es no su al lo como más fue han pero",
    "it": "il la di che e un una per con del della non sono è le gli nel alla da ha anche come più dei",
    "pt": "o a os as de e que em um uma para com do da não se por no na foi mais como são dos",
    "nl": "de het een en van in is dat op te met voor zijn niet aan er ook als bij door werd",
}
_WORDS = {lang: frozenset(text.split()) for lang, text in FUNCTION_WORDS.items()}
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_LANGUAGES = tuple(_WORDS)
# Function word -> positions in _LANGUAGES of the languages that have it; the ASCII ones also as bytes.
_LANGUAGES_OF = {
    word: tuple(i for i, lang in enumerate(_LANGUAGES) if word in _WORDS[lang])
    for word in set().union(*_WORDS.values())
}
_ASCII_LANGUAGES_OF = {word.encode("ascii"): langs for word, langs in _LANGUAGES_OF.items() if word.isascii()}
# Every byte but an ASCII letter becomes a space: in ASCII text the pattern's words are the runs of [A-Za-z].
_ASCII_LETTERS_ONLY = bytes(byte if bytes([byte]).isalpha() else 0x20 for byte in range(256))


def _lowered_word_counts(sample: str) -> tuple[Counter, dict]:
    """How often each lower-cased word of ``sample`` occurs, and the function-word table keyed as its words are."""
    if sample.isascii():
        # Bytes: lower-casing, splitting and counting without a regular expression, about three times faster.
        return Counter(sample.encode("ascii").lower().translate(_ASCII_LETTERS_ONLY).split()), _ASCII_LANGUAGES_OF
    lowered = sample.lower()
    # Where every character lower-cases to one character, the words of the lower-cased text are the lower-cased
    # words: no character changes between a letter and not a letter when lower-cased (checked over all of Unicode
    # by a test). The one lower-casing that depends on the neighbours, a final sigma, is left out.
    if len(lowered) == len(sample) and "Σ" not in sample:
        return Counter(_TOKEN.findall(lowered)), _LANGUAGES_OF
    return Counter(token.lower() for token in _TOKEN.findall(sample)), _LANGUAGES_OF


def detect_language(text: str, *, min_words: int = 20) -> str | None:
    """ISO 639-1 code of the language whose function words cover most of ``text``; None when unsure."""
    counts, languages_of = _lowered_word_counts(text[:5000])
    total = counts.total()
    if total < min_words:
        return None
    hits = [0] * len(_LANGUAGES)
    for word, count in counts.items():  # each distinct word looked up once, not each occurrence
        for position in languages_of.get(word, ()):
            hits[position] += count
    scores = {lang: hits[position] / total for position, lang in enumerate(_LANGUAGES)}
    best = max(scores, key=scores.get)
    return best if scores[best] >= 0.12 else None


def english_stopword_ratio(tokens: Sequence[str]) -> float:
    """Share of ``tokens`` (lower-cased words) that are English stopwords: about 0.4 for English prose."""
    if not tokens:
        return 0.0
    return sum(token in STOPWORDS for token in tokens) / len(tokens)


def article_language(
    article: Article, tokens: Sequence[str] | None = None, *, min_words: int = 12, min_ratio: float = 0.15
) -> str:
    """The language key that keeps events apart: the declared primary language tag, else a cheap guess.

    The guess is "en" when at least ``min_ratio`` of the first 400 words are English stopwords, "und"
    (undetermined, not English) when a text long enough to judge has fewer; texts too short to judge count as
    English. ``tokens`` are the article's words when the caller has them already.
    """
    if article.language and article.language.strip():
        return article.language.strip().lower().replace("_", "-").split("-")[0] or "und"
    sample = list(tokens[:400]) if tokens is not None else lower_words(article.text[:4000])[:400]
    if article.title:
        sample += lower_words(article.title)
    if len(sample) < min_words:
        return "en"
    return "en" if english_stopword_ratio(sample) >= min_ratio else "und"
