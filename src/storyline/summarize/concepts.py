"""Concepts: stemmed word bigrams, weighted by how many independent sources report them.

Gillick & Favre (2009) score a summary by the weighted set of concepts it covers; a concept's weight is the number
of documents that contain it. Here a document is an independent *source*: copies count once (see ``support``), and
a source reports a concept more strongly when it does so early, the inverted pyramid putting the news first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from storyline.text import STOPWORDS, stem, words


def tokens(text: str) -> list[str]:
    """Lower-cased words with possessive endings removed (``Sen's`` -> ``sen``), as ROUGE-style matching sees them."""
    out = []
    for word in words(text):
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        if word:
            out.append(word)
    return out


def bigrams(text: str) -> set[tuple[str, str]]:
    """Stemmed word bigrams of ``text``, leaving out those made of two stopwords."""
    toks = tokens(text)
    stems = [stem(t) for t in toks]
    stop = [t in STOPWORDS for t in toks]
    return {(stems[i], stems[i + 1]) for i in range(len(toks) - 1) if not (stop[i] and stop[i + 1])}


def position_credit(sentence_rank: int) -> float:
    """How strongly a source reports a concept first met in its ``sentence_rank``-th sentence (0-based).

    One for reporting it at all, plus a bonus that fades over the opening sentences.
    """
    return 1.0 + LEAD_BONUS / (1.0 + sentence_rank)


LEAD_BONUS = 1.0


def concept_weights(
    sentence_concepts: Sequence[Iterable[tuple[str, str]]],
    sentence_support: Sequence[str],
    sentence_rank: Sequence[int],
    *,
    min_sources: int,
) -> dict[tuple[str, str], float]:
    """Weight of each concept reported by at least ``min_sources`` distinct supports.

    ``sentence_support[i]`` names the independent source that sentence ``i`` counts for (its copy group, or the
    earliest source of a sentence it duplicates); ``sentence_rank[i]`` is its position in its article. A concept's
    weight sums, over the distinct supports that report it, the position credit of its earliest mention there.
    """
    earliest: dict[tuple[str, str], dict[str, int]] = {}
    for concepts, support, rank in zip(sentence_concepts, sentence_support, sentence_rank):
        for concept in concepts:
            by_support = earliest.setdefault(concept, {})
            if rank < by_support.get(support, 1 << 30):
                by_support[support] = rank
    return {
        concept: sum(position_credit(rank) for rank in by_support.values())
        for concept, by_support in earliest.items()
        if len(by_support) >= min_sources
    }
