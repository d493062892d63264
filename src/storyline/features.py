"""Sparse lexical features of articles: body words, headline words and entities, hashed to fixed columns.

Each article becomes one row in three sparse subspaces (after Miranda et al. 2018, "Multilingual clustering of
streaming news"): the stems of its body, the stems of its headline, and its entities (capitalised word sequences
and numbers). Columns come from a seeded hash of the token, so features of articles read at different times line up
without a shared vocabulary, and state kept between runs never grows with the vocabulary.

Rows hold sublinear term frequencies scaled to unit length; inverse document frequencies are applied later by the
caller, from document frequencies it keeps, so the same rows serve a batch and a growing stream.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, filterfalse

import numpy as np
import scipy.sparse as sp
import xxhash

from storyline.model import Article
from storyline.text import STOPWORDS, split_sentences, stem
from storyline.text.language import article_language
from storyline.text.tokens import lower_words
from storyline.titles import is_headline

SUBSPACES = ("body", "title", "entities")
HASH_SEED = 0x5E7
DEFAULT_BITS = 20

# Words that connect parts of one name ("Bank of America", "Leonardo da Vinci").
_NAME_JOINERS = frozenset({"of", "de", "da", "del", "van", "von", "al", "bin", "la", "le"})
_NAME_WORD = r"[A-Z][^\W_]*(?:['’.\-][^\W_]+)*"
_JOINER = r"(?:of|de|da|del|van|von|al|bin|la|le)"
# A run of capitalised words on one line (optionally joined by "of", "de", ...), or a number.
_ENTITY_BRANCHES = rf"(?P<name>{_NAME_WORD}(?:(?:[ \t]+{_JOINER})?[ \t]+{_NAME_WORD})*)|(?P<number>\$?\d(?:[\d,.]*\d)?)"
# Every match starts with one of these characters: the lookahead lets the engine skip to them instead of trying
# both branches at every position (about twice as fast; the same matches).
_ENTITY = re.compile(rf"(?=[A-Z$\d])(?:{_ENTITY_BRANCHES})")
# What may precede the first word of a sentence: nothing, a line break, end punctuation, opening quotes.
_SENTENCE_OPENER = re.compile(r"(?:^|[\n.!?:;\"“‘'`(\[\-–—|])[\s\"“‘'`(\[]*$")
_MAX_HEADLINE_WORDS = 14


@dataclass(slots=True)
class ArticleFeatures:
    """Unit-length sublinear TF rows, one per article, in each subspace (empty rows where there is nothing)."""

    body: sp.csr_matrix
    title: sp.csr_matrix
    entities: sp.csr_matrix
    languages: list[str]
    headlines: list[str]  # the article's title, or its most central sentence, shortened
    has_title: list[bool]

    def subspace(self, name: str) -> sp.csr_matrix:
        return getattr(self, name)

    def take(self, rows: Sequence[int]) -> ArticleFeatures:
        """The features of the articles at positions ``rows``, in that order."""
        rows = np.asarray(rows, dtype=np.int64)
        return ArticleFeatures(
            body=take_rows(self.body, rows),
            title=take_rows(self.title, rows),
            entities=take_rows(self.entities, rows),
            languages=[self.languages[i] for i in rows],
            headlines=[self.headlines[i] for i in rows],
            has_title=[self.has_title[i] for i in rows],
        )


def take_rows(matrix: sp.csr_matrix, rows: np.ndarray) -> sp.csr_matrix:
    """Rows ``rows`` of a CSR matrix, in that order, each row's entries as stored: what ``matrix[rows]`` gives,
    without scipy's indexing machinery (the online split takes a topic's rows many times per batch)."""
    lengths = np.diff(matrix.indptr)[rows]
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    source = np.repeat(matrix.indptr[rows].astype(np.int64) - indptr[:-1], lengths) + np.arange(indptr[-1])
    return sp.csr_matrix(
        (matrix.data[source], matrix.indices[source], indptr), shape=(len(rows), matrix.shape[1]), copy=False
    )


def entity_tokens(text: str) -> list[str]:
    """Names (runs of capitalised words) and numbers of ``text``, lower-cased; each name and each of its
    words.

    Stopwords never count. A lone capitalised word whose first use opens a sentence is not taken for a name
    ("After", "Perennial"), while runs of two or more are ("Tara Reid said").

    >>> entity_tokens("Tara Reid checked in on Tuesday. After that, 26 fans waited.")
    ['tara reid', 'tara', 'reid', 'tuesday', '26']
    """
    found: list[str] = []
    sentence_opener: dict[str, bool] = {}
    for name, number in _ENTITY.findall(text):
        if number:
            found.append(number)
            continue
        # Stopwords are never names ("The", "In", "Of"), wherever they stand.
        names = [word for word in name.lower().split() if word not in STOPWORDS]
        if not names:
            continue
        if len(names) == 1 and " " not in name:
            # A lone capitalised word is judged by its first use: not a name if that opens a sentence.
            opener = sentence_opener.get(name)
            if opener is None:
                start = text.find(name)
                opener = sentence_opener[name] = bool(_SENTENCE_OPENER.search(text, max(0, start - 4), start))
            if opener:
                continue
        if len(names) > 1:
            found.append(" ".join(names))
        found.extend(names)
    return found


def headline_of(article: Article, body_stems: Sequence[str]) -> tuple[str, bool]:
    """The article's title, or else its most central sentence (most body weight per word), shortened."""
    if article.title and article.title.strip():
        return " ".join(article.title.split()), article.title_source != "lead" and is_headline(article.title)
    weights = Counter(body_stems)
    best, best_score = "", -1.0
    for index, (start, end) in enumerate(split_sentences(article.text, 0, min(len(article.text), 3000))[:12]):
        sentence = article.text[start:end]
        stems = [stem(word) for word in lower_words(sentence) if word not in STOPWORDS]
        if len(stems) < 3:
            continue
        # Sum of log-weights per sentence length, lightly favouring earlier sentences as the lede.
        score = sum(math.log1p(weights[s]) for s in set(stems)) / math.sqrt(len(stems)) / (1 + 0.05 * index)
        if score > best_score:
            best, best_score = sentence, score
    if not best:
        best = article.text.strip()
    return shorten(best), False


def shorten(text: str, max_words: int = _MAX_HEADLINE_WORDS) -> str:
    """At most ``max_words`` words of ``text`` on one line, with an ellipsis when cut."""
    tokens = text.split()
    if len(tokens) <= max_words:
        return " ".join(tokens)
    return " ".join(tokens[:max_words]).rstrip(",;:") + "…"


def _hash(token: str, mask: int) -> int:
    return xxhash.xxh32_intdigest(token.encode("utf-8"), seed=HASH_SEED) & mask


def _unit_rows(token_lists: Sequence[Sequence[str]], bits: int) -> sp.csr_matrix:
    """Rows of sublinear term frequencies (1 + log tf) on hashed columns, scaled to unit length."""
    mask = (1 << bits) - 1
    lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(token_lists))
    tokens = list(chain.from_iterable(token_lists))
    # Each distinct token hashed once per call (nothing outlives it), then looked up in C.
    columns = {token: _hash(token, mask) for token in set(tokens)}
    flat = list(map(columns.__getitem__, tokens))
    rows = np.repeat(np.arange(len(token_lists)), lengths)
    counts = sp.csr_matrix(
        (np.ones(len(flat)), (rows, np.asarray(flat, dtype=np.int64))), shape=(len(token_lists), 1 << bits)
    )
    counts.sum_duplicates()
    counts.data = 1.0 + np.log(counts.data)
    norms = np.sqrt(
        np.bincount(
            np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr)),
            weights=counts.data**2,
            minlength=counts.shape[0],
        )
    )
    counts.data /= np.repeat(np.where(norms > 0, norms, 1.0), np.diff(counts.indptr))
    return counts


def featurize(articles: Sequence[Article], *, bits: int = DEFAULT_BITS) -> ArticleFeatures:
    """Hashed unit rows of every article in the three subspaces, plus its language key and headline."""
    if not 8 <= bits <= 26:
        raise ValueError(f"bits must be between 8 and 26, got {bits}")
    body, title, entities, languages, headlines, has_title = [], [], [], [], [], []

    def content_stems(tokens: Sequence[str]) -> list[str]:
        return list(map(stem, filterfalse(STOPWORDS.__contains__, tokens)))

    for article in articles:
        tokens = lower_words(article.text)
        stems = content_stems(tokens)
        headline, titled = headline_of(article, stems)
        body.append(stems)
        title.append(content_stems(lower_words(headline)))
        entities.append(entity_tokens((article.title or "") + "\n" + article.text))
        languages.append(article_language(article, tokens))
        headlines.append(headline)
        has_title.append(titled)
    return ArticleFeatures(
        body=_unit_rows(body, bits),
        title=_unit_rows(title, bits),
        entities=_unit_rows(entities, bits),
        languages=languages,
        headlines=headlines,
        has_title=has_title,
    )
