"""Concepts: stemmed word bigrams and content words, weighted by how many independent sources report them.

Gillick & Favre (2009) score a summary by the weighted set of concepts it covers; a concept's weight is the
number of documents that contain it. Here a document is an independent *source*: copies count once (see
``support``), and a source reports a concept more strongly when it does so early, the inverted pyramid putting
the news first. Content words (stemmed, no stopwords) are concepts too, at a fraction of a bigram's weight:
they reward covering the event's vocabulary when no shared phrase is left to cover.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from storyline.text import STOPWORDS, stem, words

# How much more a source's opening sentence counts than a late one (1 + LEAD_BONUS times as much).
LEAD_BONUS = 2.0
# A content word's weight relative to a bigram's.
WORD_SHARE = 0.5

Concept = tuple[str, ...]


def tokens(text: str) -> list[str]:
    """Lower-cased words without possessive endings (``Sen's`` -> ``sen``)."""
    out = []
    for word in words(text):
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        if word:
            out.append(word)
    return out


def concepts_of(text: str) -> set[Concept]:
    """Concepts of ``text``: stemmed word bigrams other than two stopwords, and stemmed content words."""
    toks = tokens(text)
    stems = [stem(t) for t in toks]
    stop = [t in STOPWORDS for t in toks]
    found: set[Concept] = {(stems[i], stems[i + 1]) for i in range(len(toks) - 1)
                           if not (stop[i] and stop[i + 1])}
    found.update((s,) for s, is_stop in zip(stems, stop) if not is_stop)
    return found


def position_credit(sentence_rank: int) -> float:
    """How strongly a source reports a concept first met in its ``sentence_rank``-th sentence (0-based).

    One for reporting it at all, plus a bonus that fades over the opening sentences.
    """
    return 1.0 + LEAD_BONUS / (1.0 + sentence_rank)


def concept_weights(
    sentence_concepts: Sequence[Iterable[Concept]],
    sentence_support: Sequence[str],
    sentence_rank: Sequence[int],
    *,
    min_sources: int,
) -> dict[Concept, float]:
    """Weight of each concept reported by at least ``min_sources`` distinct supports.

    ``sentence_support[i]`` names the independent source that sentence ``i`` counts for (its copy group, or
    the earliest source of a sentence it duplicates); ``sentence_rank[i]`` is its position in its article. A
    concept's weight sums, over the distinct supports that report it, the position credit of its earliest
    mention there (times ``WORD_SHARE`` for single words).
    """
    earliest: dict[Concept, dict[str, int]] = {}
    for concepts, support, rank in zip(sentence_concepts, sentence_support, sentence_rank):
        for concept in concepts:
            by_support = earliest.setdefault(concept, {})
            if rank < by_support.get(support, 1 << 30):
                by_support[support] = rank
    return {
        concept: sum(map(position_credit, by_support.values())) * (WORD_SHARE if len(concept) == 1 else 1.0)
        for concept, by_support in earliest.items()
        if len(by_support) >= min_sources
    }
