"""Pairs of sentences about the same thing across the articles of one event.

Sentences are keyed the way ``storyline.diff`` compares them (the copy detector's normalised words), so a sentence
repeated by several copies is one *unit* held by all of them, and house-style variants fold together. Candidate
pairs come from an inverted index of the event's informative word stems (blocking): a pair is considered only when
the two sentences share at least two stems that few sentences of the event use, so large events stay fast and no
pair of the corpus outside one event is ever compared.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from storyline.compare.lexicon import NUMBER_WORDS
from storyline.model import Article, Sentence
from storyline.text import STOPWORDS, split_sentences, stem
from storyline.text.normalize import normalized_words

# A stem used by more than this many sentences of an event says little about what a pair shares; skipping its
# posting list keeps the candidate count near-linear in the event size.
MAX_POSTING = 200
MIN_SHARED_STEMS = 2
MIN_SENTENCE_WORDS, MAX_SENTENCE_WORDS = 4, 150
SHORT_SENTENCE_STEMS = 5  # below this many content stems, shared word triples also make a candidate pair
MIN_SHARED_PHRASES = 3
MIN_OVERLAP = 0.15  # weighted share of the shorter sentence's informative stems found in the other
PARTNERS_PER_SENTENCE = 8
# A stem in more than this share of an event's sentences (and more than 3) cannot anchor a loose match alone.
COMMON_SHARE = 0.1
# Two sentences whose normalised words align at least this much are versions of one sentence (as in diff).
CLOSE_SIMILARITY = 0.5
# Two sentences sharing at least this share of their words are one sentence copied with light edits.
VERSION_SIMILARITY = 0.8


@dataclass(slots=True)
class Unit:
    """One distinct sentence of an event (after normalisation) and every article sentence that says it."""

    key: str
    words: list[str]
    holders: list[Sentence] = field(default_factory=list)
    stems: frozenset[str] = frozenset()
    signals: int = -1  # which kinds of claim the sentence can make (detect's bit flags), once known
    article_ids: frozenset[str] = frozenset()

    @property
    def text(self) -> str:
        return self.holders[0].text


class AlignedPair:
    """Two units about the same thing: ``overlap`` is the blocking score, ``common`` the event's topic stems (too
    frequent to tie two claims together); ``similarity`` is diff's word-sequence measure, computed when asked."""

    __slots__ = ("_similarity", "a", "b", "common", "overlap")

    def __init__(self, a: Unit, b: Unit, overlap: float, common: frozenset[str] = frozenset()) -> None:
        self.a, self.b, self.overlap, self.common = a, b, overlap, common
        self._similarity: float | None = None

    @property
    def similarity(self) -> float:
        if self._similarity is None:
            words_a, words_b = self.a.words, self.b.words
            rough = 2 * len(set(words_a) & set(words_b)) / (len(words_a) + len(words_b))
            # Below this set overlap the sequence ratio cannot reach CLOSE_SIMILARITY (bar repeated words).
            self._similarity = (
                rough
                if rough < CLOSE_SIMILARITY - 0.1
                else SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()
            )
        return self._similarity

    @property
    def close(self) -> bool:
        return self.similarity >= CLOSE_SIMILARITY


def article_sentences(article: Article) -> list[Sentence]:
    return [
        Sentence(article.id, index, start, end, article.text[start:end])
        for index, (start, end) in enumerate(split_sentences(article.text))
    ]


def _shared_phrases(units: Sequence[Unit]) -> dict[tuple[int, int], int]:
    """For sentences with few content words (quotes, short statements): how many word triples each pair shares."""
    short = {index for index, unit in enumerate(units) if len(unit.stems) < SHORT_SENTENCE_STEMS}
    if not short:
        return {}
    wanted = {" ".join(units[i].words[k : k + 3]) for i in short for k in range(len(units[i].words) - 2)}
    postings: dict[str, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        words = unit.words
        for k in range(len(words) - 2):
            triple = f"{words[k]} {words[k + 1]} {words[k + 2]}"
            if triple in wanted:
                postings[triple].append(index)
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for found in postings.values():
        if len(found) < 2 or len(found) > MAX_POSTING // 4:
            continue
        for x in range(len(found)):
            for j in found[x + 1 :]:
                if found[x] in short or j in short:
                    counts[found[x], j] += 1
    return counts


def sentence_units(articles: Sequence[Article], sentences: dict[str, list[Sentence]] | None = None) -> list[Unit]:
    """The distinct sentences of ``articles``, each with every sentence that says it (in article order).

    ``sentences`` holds the articles' sentences when the caller has split them already."""
    units: dict[str, Unit] = {}
    for article in articles:
        split = sentences.get(article.id) if sentences is not None else None
        for sentence in split if split is not None else article_sentences(article):
            words = normalized_words(sentence.text)
            if not MIN_SENTENCE_WORDS <= len(words) <= MAX_SENTENCE_WORDS:
                continue  # datelines and fragments make no claim worth pairing; a run-on "sentence" is not one
            key = " ".join(words)
            unit = units.get(key)
            if unit is None:
                unit = units[key] = Unit(
                    key,
                    words,
                    stems=frozenset(
                        stem(word)
                        for word in words
                        if word not in STOPWORDS and not word.isdigit() and word not in NUMBER_WORDS
                    ),
                )
            if article.id not in unit.article_ids:
                unit.holders.append(sentence)
                unit.article_ids = unit.article_ids | {article.id}
    return list(units.values())


def _versions(units: Sequence[Unit], near: Iterable[tuple[int, int]]) -> dict[int, list[int]]:
    """Units that are lightly edited versions of each other (another outlet's copy of one sentence)."""
    found: dict[int, list[int]] = defaultdict(list)
    for i, j in near:
        words_i, words_j = set(units[i].words), set(units[j].words)
        if 2 * len(words_i & words_j) >= VERSION_SIMILARITY * (len(words_i) + len(words_j)):
            found[i].append(j)
            found[j].append(i)
    return found


def _said_alongside(units: Sequence[Unit], versions: dict[int, list[int]], i: int, j: int) -> bool:
    """Whether an article holding unit ``i`` also holds another version of unit ``j``: the two sentences then sit
    side by side in one article (two different statements), and ``j``'s outlet only reworded its own copy."""
    holders, own = units[i].article_ids, versions.get(i, ())
    return any(v != i and v not in own and units[v].article_ids & holders for v in versions.get(j, ()))


def common_stems(units: Sequence[Unit]) -> frozenset[str]:
    """Stems in more than COMMON_SHARE of an event's sentences (and more than 3): the event's topic words."""
    frequency: dict[str, int] = defaultdict(int)
    for unit in units:
        for item in unit.stems:
            frequency[item] += 1
    limit = max(3, COMMON_SHARE * len(units))
    return frozenset(item for item, found in frequency.items() if found > limit)


def aligned_pairs(
    units: Sequence[Unit], worth: Callable[[Unit, Unit], bool] | None = None, common: frozenset[str] | None = None
) -> list[AlignedPair]:
    """Pairs of units from different articles that are about the same thing, best partners first.

    ``worth`` (when given) says which pairs could matter at all; each sentence keeps its best partners among those.
    """
    import numpy as np
    from scipy import sparse

    count = len(units)
    if count < 2:
        return []
    vocabulary: dict[str, int] = {}
    rows, columns = [], []
    for index, unit in enumerate(units):
        for item in unit.stems:
            columns.append(vocabulary.setdefault(item, len(vocabulary)))
            rows.append(index)
    if not vocabulary:
        return []
    matrix = sparse.csr_matrix((np.ones(len(rows), dtype=np.float64), (rows, columns)), shape=(count, len(vocabulary)))
    frequency = np.asarray(matrix.sum(axis=0)).ravel()
    weight = np.log1p(count / frequency)
    totals = matrix @ weight
    usable = sparse.diags(((frequency >= 2) & (frequency <= MAX_POSTING)).astype(np.float64))
    kept = matrix @ usable
    # Both products have the same sparsity (weights are positive), so their entries line up one for one.
    shared_counts = sparse.triu(kept @ kept.T, k=1).tocsr()
    shared_mass = sparse.triu((kept @ sparse.diags(weight)) @ kept.T, k=1).tocsr()
    shared_counts.sort_indices()
    shared_mass.sort_indices()
    rows = np.repeat(np.arange(count), np.diff(shared_counts.indptr))
    columns, counts, mass = shared_counts.indices, shared_counts.data, shared_mass.data
    overlaps = mass / np.maximum(1e-9, np.minimum(totals[rows], totals[columns]))
    chosen = (counts >= MIN_SHARED_STEMS) & (overlaps >= MIN_OVERLAP)
    near = chosen & (overlaps >= VERSION_SIMILARITY)  # versions of one sentence, within an article too
    versions = _versions(units, zip(rows[near].tolist(), columns[near].tolist(), strict=True))
    # One article holding both sentences does not disagree with itself (checked here for single-article units).
    only_article = np.full(count, -1)
    article_index: dict[str, int] = {}
    for index, unit in enumerate(units):
        if len(unit.article_ids) == 1:
            only_article[index] = article_index.setdefault(next(iter(unit.article_ids)), len(article_index))
    chosen &= (only_article[rows] < 0) | (only_article[rows] != only_article[columns])
    candidates: dict[tuple[int, int], float] = dict(
        zip(zip(rows[chosen].tolist(), columns[chosen].tolist(), strict=True), overlaps[chosen].tolist(), strict=True)
    )
    for (i, j), runs in _shared_phrases(units).items():
        if runs >= MIN_SHARED_PHRASES and (i, j) not in candidates:
            candidates[i, j] = float(shared_mass[i, j]) / max(1e-9, min(totals[i], totals[j]))
    scored: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), overlap in candidates.items():
        if units[i].article_ids & units[j].article_ids:
            continue  # one article holding both sentences does not disagree with itself
        if (j in versions or i in versions) and (
            _said_alongside(units, versions, i, j) or _said_alongside(units, versions, j, i)
        ):
            continue
        if worth is not None and not worth(units[i], units[j]):
            continue
        scored[i].append((overlap, j))
        scored[j].append((overlap, i))
    keep: set[tuple[int, int]] = set()
    for i, partners in scored.items():
        for _, j in sorted(partners, reverse=True)[:PARTNERS_PER_SENTENCE]:
            keep.add((min(i, j), max(i, j)))
    if common is None:
        common = common_stems(units)
    return [AlignedPair(units[i], units[j], candidates[i, j], common) for i, j in sorted(keep)]
