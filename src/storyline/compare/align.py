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
from itertools import chain
from itertools import count as numbers
from typing import Any

from storyline.compare.lexicon import NUMBER_WORDS
from storyline.model import Article, Sentence
from storyline.text import STOPWORDS, split_sentences
from storyline.text.normalize import folded_lines
from storyline.text.tokens import stems

# Which candidate pairs could matter: (units, first indexes, second indexes) -> a boolean mask.
PairFilter = Callable[[Sequence["Unit"], Any, Any], Any]

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
    claims: Any = None  # what the sentence asserts (detect's reading), once read
    distinct_words: frozenset[str] = frozenset()

    @property
    def text(self) -> str:
        return self.holders[0].text


class AlignedPair:
    """Two units about the same thing: ``overlap`` is the blocking score, ``common`` the event's topic stems (too
    frequent to tie two claims together); ``similarity`` is diff's word-sequence measure, computed when asked."""

    __slots__ = ("_close", "_similarity", "a", "b", "common", "overlap")

    def __init__(self, a: Unit, b: Unit, overlap: float, common: frozenset[str] = frozenset()) -> None:
        self.a, self.b, self.overlap, self.common = a, b, overlap, common
        self._similarity: float | None = None
        self._close: bool | None = None

    @property
    def similarity(self) -> float:
        if self._similarity is None:
            words_a, words_b = self.a.words, self.b.words
            rough = 2 * len(word_set(self.a) & word_set(self.b)) / (len(words_a) + len(words_b))
            # Below this set overlap the sequence ratio cannot reach CLOSE_SIMILARITY (bar repeated words).
            self._similarity = (
                rough
                if rough < CLOSE_SIMILARITY - 0.1
                else SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()
            )
        return self._similarity

    @property
    def close(self) -> bool:
        if self._close is None:
            # The sequence ratio counts matched words, at most the shared distinct words plus the repeats of the
            # sentence with fewer: below CLOSE_SIMILARITY on that bound, the pair is not close.
            a, b = self.a, self.b
            set_a, set_b = word_set(a), word_set(b)
            repeats = min(len(a.words) - len(set_a), len(b.words) - len(set_b))
            if 2 * (len(set_a & set_b) + repeats) < CLOSE_SIMILARITY * (len(a.words) + len(b.words)):
                self._close = False
            else:
                self._close = self.similarity >= CLOSE_SIMILARITY
        return self._close


def word_set(unit: Unit) -> frozenset[str]:
    """The distinct normalised words of a unit."""
    if not unit.distinct_words and unit.words:
        unit.distinct_words = frozenset(unit.words)
    return unit.distinct_words


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
    openers = {triple.partition(" ")[0] for triple in wanted}  # a triple is only wanted from its first word on
    postings: dict[str, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        words = unit.words
        if openers.isdisjoint(words):
            continue
        for first, second, third in zip(words, words[1:], words[2:]):
            if first in openers:
                triple = f"{first} {second} {third}"
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
    if len(_STEM_OF) > 500_000:  # a bound on memory over a long run
        _STEM_OF.clear()
    held = []
    for article in articles:
        split = sentences.get(article.id) if sentences is not None else None
        held.append((article.id, split if split is not None else article_sentences(article)))
    # Copies repeat sentences word for word: each distinct text is normalised once, and the words new to the
    # stem table are stemmed together.
    words_of: dict[str, list[str] | None] = {sentence.text: None for _, split in held for sentence in split}
    texts = list(words_of)
    words_of.update(zip(texts, map(_sentence_words, folded_lines(texts)), strict=True))
    distinct_of = {text: frozenset(words) for text, words in words_of.items() if words is not None}
    _learn_stems(set().union(*distinct_of.values()).difference(_STEM_OF))
    # One unit per key, in the order of the sentences first saying it; its holders in article order.
    unit_of: dict[str, Unit] = {}
    content_stem = _STEM_OF.__getitem__
    for text, distinct in distinct_of.items():
        words = words_of[text]
        key = " ".join(words)
        unit = units.get(key)
        if unit is None:
            # Content stems: the stem table gives "" for a word that says nothing of the topic.
            unit_stems = frozenset(filter(None, map(content_stem, distinct)))
            unit = units[key] = Unit(key, words, [], unit_stems, -1, frozenset(), None, distinct)
        unit_of[text] = unit
    holder_ids: dict[str, set[str]] = {}
    for article_id, split in held:
        for sentence in split:
            unit = unit_of.get(sentence.text)
            if unit is None:
                continue
            ids = holder_ids.setdefault(unit.key, set())
            if article_id not in ids:
                ids.add(article_id)
                unit.holders.append(sentence)
    for key, ids in holder_ids.items():
        units[key].article_ids = frozenset(ids)
    return list(units.values())


_STEM_OF: dict[str, str] = {}  # normalised word -> its stem, or "" for a word that says nothing of the topic


def _sentence_words(line: str) -> list[str] | None:
    """A sentence's normalised words from its folded text; None for a fragment or a run-on. (The words as
    ``normalized_words`` reads them: the folded text holds single spaces between words.)"""
    # (In ASCII text the only white space left is the spaces; other text may hold spaces that are letters here.)
    words = line.split() if line.isascii() else list(filter(None, line.split(" ")))
    if not MIN_SENTENCE_WORDS <= len(words) <= MAX_SENTENCE_WORDS:
        return None  # datelines and fragments make no claim worth pairing; a run-on "sentence" is not one
    return words


def _learn_stems(new: set[str]) -> None:
    """The stem of each word of ``new`` ("" for a stopword, a number or a number word), all in one call."""
    skip = {word for word in new if word in STOPWORDS or word.isdigit() or word in NUMBER_WORDS}
    _STEM_OF.update(dict.fromkeys(skip, ""))
    content = list(new - skip)
    _STEM_OF.update(zip(content, stems(content), strict=True))


def _versions(units: Sequence[Unit], near: Iterable[tuple[int, int]]) -> dict[int, list[int]]:
    """Units that are lightly edited versions of each other (another outlet's copy of one sentence)."""
    found: dict[int, list[int]] = defaultdict(list)
    for i, j in near:
        words_i, words_j = word_set(units[i]), word_set(units[j])
        if 2 * len(words_i & words_j) >= VERSION_SIMILARITY * (len(words_i) + len(words_j)):
            found[i].append(j)
            found[j].append(i)
    return found


def _said_alongside(units: Sequence[Unit], versions: dict[int, list[int]], i: int, j: int) -> bool:
    """Whether an article holding unit ``i`` also holds another version of unit ``j``: the two sentences then sit
    side by side in one article (two different statements), and ``j``'s outlet only reworded its own copy."""
    holders, own = units[i].article_ids, versions.get(i, ())
    return any(v != i and v not in own and units[v].article_ids & holders for v in versions.get(j, ()))


def aligned_pairs(
    units: Sequence[Unit], worth: PairFilter | None = None, common: frozenset[str] | None = None
) -> list[AlignedPair]:
    """Pairs of units from different articles that are about the same thing, best partners first.

    ``worth`` (when given) says which pairs could matter at all (units, first and second unit indexes -> a boolean
    mask); each sentence keeps its best partners among those.
    """
    import numpy as np

    count = len(units)
    if count < 2:
        return []
    stems = [unit.stems for unit in units]
    # Stems numbered in order of first use (the order a sum over them follows).
    vocabulary = dict(zip(dict.fromkeys(chain.from_iterable(stems)), numbers()))
    if not vocabulary:
        return []
    columns = np.fromiter(map(vocabulary.__getitem__, chain.from_iterable(stems)), dtype=np.int64)
    rows = np.repeat(np.arange(count), list(map(len, stems)))
    frequency = np.bincount(columns, minlength=len(vocabulary)).astype(np.float64)
    weight = np.log1p(count / frequency)
    # Sums run one by one in stem order: another order can change the last bit of an overlap and so break a tie.
    by_stem = np.argsort(rows * len(vocabulary) + columns)  # (each row holds a stem once: the keys are distinct)
    totals = np.bincount(rows[by_stem], weights=weight[columns[by_stem]], minlength=count)
    rows, columns, counts, mass = _shared_stems(rows, columns, count, frequency, weight)
    overlaps = mass / np.maximum(1e-9, np.minimum(totals[rows], totals[columns]))
    chosen = (counts >= MIN_SHARED_STEMS) & (overlaps >= MIN_OVERLAP)
    near = chosen & (overlaps >= VERSION_SIMILARITY)  # versions of one sentence, within an article too
    versions = _versions(units, zip(rows[near].tolist(), columns[near].tolist(), strict=True))
    first, second, overlap = rows[chosen], columns[chosen], overlaps[chosen]
    phrases = [(i, j) for (i, j), runs in _shared_phrases(units).items() if runs >= MIN_SHARED_PHRASES]
    if phrases:
        # Pairs that share word triples but too few rare stems; their overlap as the blocking scores it.
        extra = np.array(phrases, dtype=np.int64)
        keys = first.astype(np.int64) * count + second
        extra = extra[~np.isin(extra[:, 0] * count + extra[:, 1], keys)]
        all_keys = rows.astype(np.int64) * count + columns
        at = np.minimum(np.searchsorted(all_keys, extra[:, 0] * count + extra[:, 1]), max(0, len(all_keys) - 1))
        found = (all_keys[at] == extra[:, 0] * count + extra[:, 1]) if len(all_keys) else np.zeros(len(extra), bool)
        extra_mass = np.where(found, mass[at] if len(mass) else 0.0, 0.0)
        extra_overlap = extra_mass / np.maximum(1e-9, np.minimum(totals[extra[:, 0]], totals[extra[:, 1]]))
        first = np.concatenate([first, extra[:, 0]])
        second = np.concatenate([second, extra[:, 1]])
        overlap = np.concatenate([overlap, extra_overlap])
    if not len(first):
        return []
    # One article holding both sentences does not disagree with itself.
    held = _holdings(units)
    keep = ~(held[first] & held[second]).any(axis=1)
    if versions:
        involved = np.zeros(count, dtype=bool)
        involved[list(versions)] = True
        # Which articles hold a version of each unit, as bits: a pair is read closely only where an article
        # holding one of its units holds a version of the other.
        reach = np.zeros_like(held)
        holders = [(j, v) for j, found in versions.items() for v in found]
        np.bitwise_or.at(reach, [j for j, _ in holders], held[[v for _, v in holders]])
        checked = np.flatnonzero(keep & (involved[first] | involved[second]))
        a, b = first[checked], second[checked]
        either = (reach[b] & held[a]).any(axis=1) | (reach[a] & held[b]).any(axis=1)
        checked = checked[either]
        for k, i, j in zip(checked.tolist(), first[checked].tolist(), second[checked].tolist(), strict=True):
            if _said_alongside(units, versions, i, j) or _said_alongside(units, versions, j, i):
                keep[k] = False
    if worth is not None:
        kept = np.flatnonzero(keep)  # (a pair already dropped need not be judged)
        keep[kept] = worth(units, first[kept], second[kept])
    first, second, overlap = first[keep], second[keep], overlap[keep]
    if not len(first):
        return []
    # Each sentence keeps its PARTNERS_PER_SENTENCE best partners: higher overlap first, then the later unit.
    one, other = np.concatenate([first, second]), np.concatenate([second, first])
    score = np.concatenate([overlap, overlap])
    order = np.lexsort((-other, -score, one))
    ranked = one[order]
    rank = np.arange(len(ranked)) - np.searchsorted(ranked, ranked, side="left")
    picked = order[rank < PARTNERS_PER_SENTENCE] % len(first)
    picked = np.unique(picked)  # candidate indexes; (first, second) keys are unique, so this is per pair
    picked = picked[np.lexsort((second[picked], first[picked]))]
    if common is None:
        limit = max(3, COMMON_SHARE * count)
        names = list(vocabulary)
        common = frozenset(names[column] for column in np.flatnonzero(frequency > limit).tolist())
    return [
        AlignedPair(units[i], units[j], score, common)
        for i, j, score in zip(first[picked].tolist(), second[picked].tolist(), overlap[picked].tolist(), strict=True)
    ]


def _shared_stems(rows, columns, count: int, frequency, weight):
    """The pairs of units (first < second) that share stems of at most MAX_POSTING sentences: first, second, how
    many such stems they share and those stems' summed weight, ordered by first then second unit."""
    import numpy as np

    usable = (frequency >= 2) & (frequency <= MAX_POSTING)
    keep = usable[columns]
    order = np.argsort(columns[keep], kind="stable")  # posting lists, each in unit order
    units, stems = rows[keep][order], columns[keep][order]
    size = len(stems)
    if not size:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, np.zeros(0)
    starts = np.flatnonzero(np.concatenate([[True], stems[1:] != stems[:-1]]))
    ends = np.repeat(np.append(starts[1:], size), np.diff(np.append(starts, size)))
    later = ends - np.arange(size) - 1  # each posting's entry pairs with the entries after it
    entry = np.repeat(np.arange(size), later)
    step = np.arange(len(entry)) - np.repeat(np.cumsum(later) - later, later) + 1
    key = units[entry] * count + units[entry + step]
    # Each pair's weights summed one by one in stem order, as the totals are: the entries come in stem order, so a
    # stable sort by pair keeps each pair's stems in that order.
    order = np.argsort(key, kind="stable")
    key, shared_weight = key[order], weight[stems[entry][order]]
    first = np.empty(len(key), dtype=bool)
    first[0] = True
    np.not_equal(key[1:], key[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    pairs, shared = key[starts], np.diff(np.append(starts, len(key)))
    mass = np.bincount(np.cumsum(first) - 1, weights=shared_weight, minlength=len(pairs))
    return pairs // count, pairs % count, shared, mass


def _holdings(units: Sequence[Unit]):
    """Which articles hold each unit, as bits: a unit-by-word array of 64-bit words, one bit per article."""
    import numpy as np

    article_index: dict[str, int] = {}
    rows, columns = [], []
    for index, unit in enumerate(units):
        for article_id in unit.article_ids:
            rows.append(index)
            columns.append(article_index.setdefault(article_id, len(article_index)))
    bits = np.zeros((len(units), max(1, (len(article_index) + 63) // 64)), dtype=np.uint64)
    positions = np.array(columns, dtype=np.int64)
    flags = np.left_shift(np.uint64(1), (positions % 64).astype(np.uint64))
    np.bitwise_or.at(bits, (np.array(rows, dtype=np.int64), positions // 64), flags)
    return bits
