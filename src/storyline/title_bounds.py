"""How close a title's words are to its event, and a bound on that for a lead the parser has not cut yet.

An event's title is the candidate whose content stems the event's texts share most (``closeness``). A lead the
rules could not shorten enough is cut by the parser, which only ever keeps words of the lead: a cut ends or starts
at one of the lead's tokens, and paring drops whole tokens. So the cut's stems are among the stems of the lead's
token runs (tokens written without a space between them, and any stretch of them), and no choice of those stems
scores more than ``closeness_bound``. A lead whose bound is below a title already found cannot win, and need not
be parsed.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate, chain


def stem_profile(texts: Sequence[str | tuple[str, ...]]) -> Counter:
    """How many of the event's texts use each content stem. A text may come in parts (a headline and a body: no
    word runs across two parts)."""
    from storyline.text import stem_set

    # A body's stems are kept (``stem_set``): other analyses of the event weigh the same texts' words.
    return Counter(
        chain.from_iterable(
            stem_set(text) if isinstance(text, str) else frozenset().union(*map(stem_set, text)) for text in texts
        )
    )


def closeness(title: str, profile: Counter) -> float:
    """The cosine-like score of ``title`` against the profile: its stems' counts over the root of how many."""
    from storyline.text import content_stems

    stems = set(content_stems(title))
    return sum(profile.get(s, 0) for s in stems) / math.sqrt(len(stems)) if stems else 0.0


def closeness_bound(lead: str, profile: Counter) -> float:
    """At least ``closeness`` of any title the parser can cut from ``lead`` (``title_clauses.phrase_cut``), and of
    ``lead`` itself; infinite where that cannot be told without the parser."""
    if not profile:
        return 0.0
    stems = _candidate_stems(lead)
    if stems is None:
        return math.inf
    # The counts are whole numbers: the best k stems sum exactly, and a title of k stems scores at most their sum
    # over the root of k (stems outside the profile only add to k).
    counts = sorted((profile.get(s, 0) for s in stems), reverse=True)
    sums = accumulate(count for count in counts if count > 0)
    return max((total / math.sqrt(k) for k, total in enumerate(sums, 1)), default=0.0)


@lru_cache(maxsize=2048)  # a lead left uncut is bounded again when its event's title is chosen
def _candidate_stems(lead: str) -> frozenset[str] | None:
    """The content stems of every stretch of the lead's tokens written without a space between them: every word a
    cut of the lead can hold. None where the parser is missing, or for text whose words could change case in ways
    a cut's capital first letter would show (outside ASCII)."""
    from storyline.quotes.nlp import QuotesUnavailable
    from storyline.text import content_stems

    if not lead.isascii():
        return None
    try:
        doc = tokenized(lead)
    except QuotesUnavailable:
        return None
    stems = set(content_stems(lead))  # the whole runs: the lead's own words
    run: list[str] = []
    for token in doc:
        run.append(token.text)
        if token.whitespace_:
            _add_stretches(run, stems)
            run = []
    _add_stretches(run, stems)
    return frozenset(stems)


@lru_cache(maxsize=256)  # the leads of one event: bounded, then the few that could win parsed
def tokenized(text: str):
    """``text`` split into the parser's tokens, not parsed (the parse of the same text starts from it)."""
    from storyline.quotes.nlp import load_pipeline

    return load_pipeline().make_doc(text)


def _add_stretches(run: list[str], stems: set[str]) -> None:
    """The content stems of every part of a run of tokens (the whole run's are already in ``stems``)."""
    from storyline.text import content_stems

    for first in range(len(run)):
        for last in range(first + 1, len(run) + 1):
            if last - first < len(run):
                stems.update(content_stems("".join(run[first:last])))
