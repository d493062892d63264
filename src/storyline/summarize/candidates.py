"""Which sentences of an event get the full analysis: a bounded number of them, chosen cheaply.

Working out a sentence's versions (compressions, stand-alone tests, their concepts) and solving the program over
them costs time in proportion to the sentences that compete, while a summary holds a handful of sentences. So:

- ``leading`` keeps at most ``MAX_SENTENCES`` sentences of an event, taken in rounds across the articles: every
  article's first sentence, then every article's second one, and so on, so the cut falls on the ends of long
  articles;
- ``promising`` ranks the sentences read by the weight of their concepts per word (the concepts and weights of
  the whole event, which every sentence is read for), and the summary works out the versions of the sentences in
  that order only until ``competing(words)`` distinct texts have one that can stand alone. A summary of 100 words holds
  four to six sentences; on DUC 2004 every sentence the program chose when all competed ranked among the first 55
  that can stand alone.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from itertools import repeat

from storyline.summarize.concepts import Concept

# At most this many sentences of an event are read (its articles' leading ones).
MAX_SENTENCES = 2500
# An event with more sentences than this is large: its headline is weighed on the sentences read, not its texts.
LARGE_EVENT = 1000
# Distinct sentences that can stand alone compete per word of the summary's budget (100 for a 100-word summary:
# about twice as deep as any sentence chosen on DUC 2004 when every sentence competes).
COMPETING_PER_WORD = 1.0
# At most this many sentences of one family of near-duplicates compete (only one of them can be chosen).
PER_FAMILY = 3


def leading(counts: Sequence[int], limit: int | None = None) -> list[int]:
    """How many leading sentences of each article to read, ``counts[k]`` being article k's sentence count.

    Every sentence when they fit in ``limit``; otherwise whole rounds (the first sentence of every article, then
    the second, ...) and, of the round that does not fit, the sentences of the earliest articles.

    >>> leading([5, 1, 3], limit=6)
    [3, 1, 2]
    """
    limit = MAX_SENTENCES if limit is None else limit
    if sum(counts) <= limit:
        return list(counts)
    rounds = 0
    while sum(min(count, rounds + 1) for count in counts) <= limit:
        rounds += 1
    kept = [min(count, rounds) for count in counts]
    room = limit - sum(kept)
    for k, count in enumerate(counts):
        if room and count > rounds:
            kept[k] += 1
            room -= 1
    return kept


def competing(words: int) -> int:
    """How many sentences that can stand alone compete for a summary of ``words`` words."""
    return math.ceil(COMPETING_PER_WORD * words)


def promising(
    concepts: Sequence[frozenset[Concept]],
    weights: Mapping[Concept, float],
    lengths: Sequence[int],
    ranks: Sequence[int],
    family: Sequence[int],
    *,
    min_words: int,
) -> list[int]:
    """The sentences that may compete for the summary, the most promising first.

    ``concepts[i]`` are sentence i's concepts, ``lengths[i]`` its length in words, ``ranks[i]`` its position in
    its article and ``family[i]`` its family of near-duplicates. Sentences are ranked by the weight of their
    concepts per word, ties going to sentences earlier in their article, then to earlier sentences. Sentences
    shorter than ``min_words`` or holding no weighed concept are left out, and so is a family's member after its
    first ``PER_FAMILY``.
    """
    # Summed exactly (``fsum``): a set of strings iterates in an order that changes with Python's hash seed from
    # one process to the next, and a plain sum's last bits with it, which reordered near-ties between the copies of
    # one sentence (a large event's summary differed between runs and between processes of a pool).
    density = [
        math.fsum(map(weights.get, held, repeat(0.0))) / max(length, 1)
        for held, length in zip(concepts, lengths, strict=True)
    ]
    usable = [i for i in range(len(lengths)) if lengths[i] >= min_words and density[i] > 0]
    ranked, taken = [], {}
    for i in sorted(usable, key=lambda i: (-density[i], ranks[i], i)):
        if taken.get(family[i], 0) < PER_FAMILY:
            taken[family[i]] = taken.get(family[i], 0) + 1
            ranked.append(i)
    return ranked
