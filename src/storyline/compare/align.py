"""Pairs of sentences about the same thing across the articles of one event.

Sentences are keyed the way ``storyline.diff`` compares them (the copy detector's normalised words), so a sentence
repeated by several copies is one *unit* held by all of them, and house-style variants fold together. Candidate
pairs come from an inverted index of the event's informative word stems (blocking): a pair is considered only when
the two sentences share at least two stems that few sentences of the event use, so large events stay fast and no
pair of the corpus outside one event is ever compared.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from storyline.compare.lexicon import NUMBER_WORDS
from storyline.dedup import normalized_words
from storyline.model import Article, Sentence
from storyline.text import STOPWORDS, split_sentences, stem

# A stem used by more than this many sentences of an event says little about what a pair shares; skipping its
# posting list keeps the candidate count near-linear in the event size.
MAX_POSTING = 200
MIN_SHARED_STEMS = 2
SHORT_SENTENCE_STEMS = 5  # below this many content stems, shared word triples also make a candidate pair
MIN_SHARED_PHRASES = 3
MIN_OVERLAP = 0.15  # weighted share of the shorter sentence's informative stems found in the other
PARTNERS_PER_SENTENCE = 8
# A stem in more than this share of an event's sentences (and more than 3) cannot anchor a loose match alone.
COMMON_SHARE = 0.1
# Two sentences whose normalised words align at least this much are versions of one sentence (as in diff).
CLOSE_SIMILARITY = 0.5


@dataclass(slots=True)
class Unit:
    """One distinct sentence of an event (after normalisation) and every article sentence that says it."""

    key: str
    words: list[str]
    holders: list[Sentence] = field(default_factory=list)
    stems: frozenset[str] = frozenset()

    @property
    def text(self) -> str:
        return self.holders[0].text

    @property
    def article_ids(self) -> frozenset[str]:
        return frozenset(sentence.article_id for sentence in self.holders)


@dataclass(slots=True, frozen=True)
class AlignedPair:
    a: Unit
    b: Unit
    overlap: float  # weighted stem overlap (blocking score)
    similarity: float  # word-sequence similarity, as diff measures versions of one sentence
    common: frozenset[str] = frozenset()  # stems too frequent in the event to tie two claims together

    @property
    def close(self) -> bool:
        return self.similarity >= CLOSE_SIMILARITY


def article_sentences(article: Article) -> list[Sentence]:
    return [Sentence(article.id, index, start, end, article.text[start:end])
            for index, (start, end) in enumerate(split_sentences(article.text))]


def _shared_phrases(units: Sequence[Unit]) -> dict[tuple[int, int], int]:
    """For sentences with few content words (quotes, short statements): how many word triples each pair shares."""
    postings: dict[str, list[int]] = defaultdict(list)
    short = {index for index, unit in enumerate(units) if len(unit.stems) < SHORT_SENTENCE_STEMS}
    if not short:
        return {}
    for index, unit in enumerate(units):
        for k in range(len(unit.words) - 2):
            postings[" ".join(unit.words[k : k + 3])].append(index)
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for found in postings.values():
        if len(found) < 2 or len(found) > MAX_POSTING // 4:
            continue
        for x in range(len(found)):
            for j in found[x + 1 :]:
                if found[x] in short or j in short:
                    counts[found[x], j] += 1
    return counts


def sentence_units(articles: Sequence[Article]) -> list[Unit]:
    """The distinct sentences of ``articles``, each with every sentence that says it (in article order)."""
    units: dict[str, Unit] = {}
    for article in articles:
        for sentence in article_sentences(article):
            words = normalized_words(sentence.text)
            if len(words) < 4:
                continue  # datelines, bylines and fragments make no claim worth pairing
            key = " ".join(words)
            unit = units.get(key)
            if unit is None:
                unit = units[key] = Unit(key, words, stems=frozenset(
                    stem(word) for word in words if word not in STOPWORDS and not word.isdigit() and word not in NUMBER_WORDS))
            if all(held.article_id != article.id for held in unit.holders):
                unit.holders.append(sentence)
    return list(units.values())


def aligned_pairs(units: Sequence[Unit]) -> list[AlignedPair]:
    """Pairs of units from different articles that are about the same thing, best partners first."""
    postings: dict[str, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        for item in unit.stems:
            postings[item].append(index)
    count = len(units)
    weight = {item: math.log(1 + count / len(found)) for item, found in postings.items()}
    totals = [sum(weight[item] for item in unit.stems) for unit in units]
    shared: dict[tuple[int, int], list[float]] = defaultdict(lambda: [0, 0.0])
    for item, found in postings.items():
        if len(found) < 2 or len(found) > MAX_POSTING:
            continue
        w = weight[item]
        for x in range(len(found)):
            i = found[x]
            for j in found[x + 1 :]:
                entry = shared[i, j]
                entry[0] += 1
                entry[1] += w
    phrases = _shared_phrases(units)
    for key in phrases:
        shared[key]  # a short sentence pairs with its versions through shared word runs
    scored: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), (stems_shared, mass) in shared.items():
        by_phrase = phrases.get((i, j), 0) >= MIN_SHARED_PHRASES
        if stems_shared < MIN_SHARED_STEMS and not by_phrase:
            continue
        overlap = mass / max(1e-9, min(totals[i], totals[j]))
        if (overlap < MIN_OVERLAP and not by_phrase) or units[i].article_ids & units[j].article_ids:
            continue  # one article holding both sentences does not disagree with itself
        scored[i].append((overlap, j))
        scored[j].append((overlap, i))
    keep: set[tuple[int, int]] = set()
    for i, partners in scored.items():
        for _, j in sorted(partners, reverse=True)[:PARTNERS_PER_SENTENCE]:
            keep.add((min(i, j), max(i, j)))
    limit = max(3, COMMON_SHARE * count)
    common = frozenset(item for item, found in postings.items() if len(found) > limit)
    pairs = []
    for i, j in sorted(keep):
        a, b = units[i], units[j]
        overlap = shared[i, j][1] / max(1e-9, min(totals[i], totals[j]))
        similarity = SequenceMatcher(None, a.words, b.words, autojunk=False).ratio()
        pairs.append(AlignedPair(a, b, overlap, similarity, common))
    return pairs
