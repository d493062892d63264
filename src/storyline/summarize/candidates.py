"""Which sentences of a large event get the full analysis: a bounded number of them, chosen cheaply.

Scoring every sentence of a large event with concepts, compression rules and an integer program costs time and
memory in proportion to its size, while a summary holds a handful of sentences, and news puts what matters
first. So, for an event of any size:

- ``leading`` keeps at most ``MAX_SENTENCES`` sentences, taken in rounds across the articles: every article's
  first sentence, then every article's second one, and so on, so the cut falls on the ends of long articles;
- ``preselect`` ranks those by a cheap score, how many independent sources use each of the sentence's content
  stems per word with leads counting more (the concept weighting, on single stems), and keeps the ``COMPETING``
  best, at most ``PER_FAMILY`` of one family of near-duplicates (only one of a family can be chosen anyway).

Smaller events (up to ``LARGE_EVENT`` sentences) are unchanged: every sentence is read and every usable one
competes.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.summarize.concepts import position_credit

# At most this many sentences of an event are read (its articles' leading ones).
MAX_SENTENCES = 2500
# An event with more sentences than this is large: only ``COMPETING`` of them compete for the summary. Well above
# a cluster of ten long articles (the DUC 2004 clusters hold 156 to 608 sentences), which keeps every sentence.
LARGE_EVENT = 1000
COMPETING = 400
PER_FAMILY = 2


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


def preselect(
    stems: Sequence[frozenset[str]],
    lengths: Sequence[int],
    ranks: Sequence[int],
    support: Sequence[str],
    family: Sequence[int],
    *,
    min_words: int,
    limit: int | None = None,
) -> list[int]:
    """Indices (increasing) of the at most ``limit`` sentences that compete for the summary.

    ``stems[i]`` are sentence i's content stems, ``lengths[i]`` its length in words, ``ranks[i]`` its position in
    its article, ``support[i]`` the independent source it counts for and ``family[i]`` its near-duplicate family.
    Sentences shorter than ``min_words`` never compete. A stem used by one source only scores nothing; ties go
    to sentences earlier in their article. ``limit`` defaults to ``COMPETING``.
    """
    limit = COMPETING if limit is None else limit
    sources_of: dict[str, set[str]] = {}
    for sentence_stems, source in zip(stems, support, strict=True):
        for stem in sentence_stems:
            sources_of.setdefault(stem, set()).add(source)
    shared = {stem: len(sources) for stem, sources in sources_of.items() if len(sources) > 1}

    def score(i: int) -> float:
        return position_credit(ranks[i]) * sum(shared.get(stem, 0) for stem in stems[i]) / lengths[i]

    usable = [i for i in range(len(stems)) if lengths[i] >= min_words]
    ranked = sorted(usable, key=lambda i: (-score(i), ranks[i], i))
    chosen, taken = [], {}
    for i in ranked:
        if len(chosen) == limit:
            break
        if taken.get(family[i], 0) < PER_FAMILY:
            taken[family[i]] = taken.get(family[i], 0) + 1
            chosen.append(i)
    return sorted(chosen)
