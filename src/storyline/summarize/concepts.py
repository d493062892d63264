"""Concepts: stemmed word bigrams and content words, weighted by how many independent sources report them.

Gillick & Favre (2009) score a summary by the weighted set of concepts it covers; a concept's weight is the
number of documents that contain it. Here a document is a distinct *report*: a copied sentence counts for the
report that first published it (see ``support``), and the threshold counts independent sources, copy groups once
(``sentence_source``); a source reports a concept more strongly when it does so early, the inverted pyramid putting
the news first. Content words (stemmed, no stopwords) are concepts too, at a fraction of a bigram's weight:
they reward covering the event's vocabulary when no shared phrase is left to cover.

Outlets write the same fact in their own house style ("4.25%", "4.25 per cent", "4.25 percent"; "U.S.", "US";
"March 19", "19 March"); ``normalise`` maps such variants to one form before concepts are taken, so that
independent reports of one number support one concept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import chain, compress, count, filterfalse, pairwise
from operator import and_, not_

import numpy as np

from storyline.text import STOPWORDS, stem, words

# How much more a source's opening sentence counts than a late one (1 + LEAD_BONUS times as much).
LEAD_BONUS = 2.0
# A content word's weight relative to a bigram's.
WORD_SHARE = 0.5

Concept = tuple[str, ...]

_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
# House-style variants and the form each is written in before tokens are taken. Order matters: "5 per cent"
# and "5%" both become "5 percent". A replacement with groups is a function: a template is expanded by Python
# code once per match.
_VARIANTS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str] | None], ...] = (
    (re.compile(r"(?<=\d)\s?%"), " percent"),
    (re.compile(r"\bper[\s-]cent\b|\bpct\b\.?", re.IGNORECASE), "percent"),
    # Dotted acronyms lose their dots ("U.N." -> "UN"); the country is "USA" in every spelling, so that it is
    # not read as the pronoun "us".
    (re.compile(r"\bU\.S\.(?:A\.)?(?!\w)|\bUSA?\b"), "USA"),
    (re.compile(r"\b((?:[A-Z]\.){2,4})(?![\w])"), None),
    # Day before month ("19 March") becomes month before day ("March 19").
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTHS})\b\.?"), lambda match: f"{match[2]} {match[1]}"),
)


# What a text must hold for each variant to occur in it: a cheap test that skips the expression (in ``_VARIANTS``
# order; none of the replacements makes or removes what a later test looks for).
_CANNOT_HOLD = (
    lambda text: "%" not in text,
    lambda text: "per" not in (lowered := text.lower()) and "pct" not in lowered,
    lambda text: "US" not in text and "U.S." not in text,
    lambda text: _TWO_INITIALS.search(text) is None,
    lambda text: _DAY_BEFORE_MONTH.search(text) is None,
)
# What every day written before its month holds: a digit, perhaps a suffix, a space, a month's capital. Most texts
# hold digits (years, counts), few a date written this way.
_DAY_BEFORE_MONTH = re.compile(r"\d(?:st|nd|rd|th)?\s+[JFMASOND]")
_TWO_INITIALS = re.compile(r"[A-Z]\.[A-Z]\.")  # in every dotted acronym; far cheaper to look for than the acronym


@lru_cache(maxsize=8192)  # a sentence is normalised for its concepts, its stems and again as a candidate
def normalise(text: str) -> str:
    """``text`` with house-style variants of one fact written one way ("4.25 per cent" -> "4.25 percent")."""
    for (pattern, replacement), cannot_hold in zip(_VARIANTS, _CANNOT_HOLD):
        if cannot_hold(text):
            continue
        text = pattern.sub(_undotted if replacement is None else replacement, text)
    return text


def _undotted(match: re.Match[str]) -> str:
    return match.group(1).replace(".", "")


@lru_cache(maxsize=8192)  # a sentence's words are read for its stems, its concepts and its candidates' stems
def normalised_words(text: str) -> tuple[str, ...]:
    """``words(normalise(text))``, kept for the last texts."""
    return tuple(words(normalise(text)))


def content_stem_set(text: str) -> frozenset[str]:
    """``frozenset(content_stems(normalise(text)))``: the content stems of the normalised text."""
    return frozenset(map(stem, filterfalse(STOPWORDS.__contains__, normalised_words(text))))


def tokens(text: str) -> list[str]:
    """Lower-cased words of the normalised text, without possessive endings (``Sen's`` -> ``sen``)."""
    if not any(ending in text for ending in _POSSESSIVE):
        return list(normalised_words(text))  # normalising writes no apostrophe: no word ends in one
    # A word starts with a letter or digit, so none is left empty.
    return [word[:-2] if word.endswith(_POSSESSIVE) else word for word in normalised_words(text)]


_POSSESSIVE = ("'s", "’s")


def concepts_of(text: str) -> set[Concept]:
    """Concepts of ``text``: stemmed word bigrams other than two stopwords, and stemmed content words."""
    return set(concept_set(text))


def concept_set(text: str) -> frozenset[Concept]:
    """``concepts_of(text)``, frozen and kept: a sentence is met again as its own candidate and in every copy of
    its article, so its concepts are computed once."""
    return _reading(text)[0]


def sentence_stems(text: str) -> frozenset[str]:
    """``content_stem_set(text)``, taken with the text's concepts (kept): a sentence whose concepts are weighed
    has its words stemmed once for both."""
    return _reading(text)[1]


def sentence_reading(text: str) -> tuple[frozenset[Concept], frozenset[str]]:
    """``(concept_set(text), sentence_stems(text))``."""
    return _reading(text)


def reads_as(version: str, body: str) -> bool:
    r"""Whether ``version`` is ``body`` less spaces that change no word: those right before , ; : ! ? and before a
    final full stop that does not follow a capital (as a summary writes a sentence). Then both have the same
    normalised words, so the same reading.

    Why: such a space is never inside a house-style variant, a variant's bounds see a space and a mark alike, and
    none of these marks joins two words. A final full stop joins nothing; ``\.?`` may take it once it follows a
    variant ("pct.", "19 March."), which loses no word; only after a capital could it end a dotted acronym
    ("U.S ." against "U.S.").
    """
    if version == body:
        return True
    expected = body
    for spaced, mark in _SPACED_MARKS:
        if spaced in expected:
            expected = expected.replace(spaced, mark)
    if expected.endswith(" .") and not expected[-3:-2].isupper():
        expected = expected[:-2] + "."
    return version == expected


_SPACED_MARKS = ((" ,", ","), (" ;", ";"), (" :", ":"), (" !", "!"), (" ?", "?"))


@lru_cache(maxsize=4096)  # about one large event's sentences
def _reading(text: str) -> tuple[frozenset[Concept], frozenset[str]]:
    """The text's concepts and its content stems."""
    return _words_reading(normalised_words(text), any(ending in text for ending in _POSSESSIVE))


# A sentence's versions mostly differ from it only where no word changes (a space before a comma, an opening
# connective): texts with the same words share one reading, which depends on nothing else.
@lru_cache(maxsize=4096)
def _words_reading(found_words: tuple[str, ...], possessive: bool) -> tuple[frozenset[Concept], frozenset[str]]:
    """The concepts and content stems of a text of ``found_words`` (``normalised_words``); ``possessive``: whether
    the text holds a possessive ending."""
    # A word starts with a letter or digit, so none is left empty.
    toks = [word[:-2] if word.endswith(_POSSESSIVE) else word for word in found_words] if possessive else found_words
    stems = list(map(stem, toks))
    stop = list(map(STOPWORDS.__contains__, toks))
    content = list(map(not_, stop))
    # Bigrams other than two stopwords, then content words, each in the order of the text (the order they always
    # went in, so the set iterates as it did), filtered in C.
    found: set[Concept] = set(compress(pairwise(stems), map(not_, map(and_, stop, stop[1:]))))
    found.update(zip(compress(stems, content)))
    # Without a possessive the tokens are the words: the content stems are the content words' stems, in the order
    # of the text, as ``content_stem_set`` builds them.
    content_stems = (
        frozenset(map(stem, filterfalse(STOPWORDS.__contains__, found_words)))  # ``content_stem_set``
        if possessive
        else frozenset(compress(stems, content))
    )
    return frozenset(found), content_stems


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
    sentence_copy: Sequence[str] | None = None,
    copies_of: Mapping[str, int] | None = None,
    sentence_source: Sequence[str] | None = None,
) -> dict[Concept, float]:
    """Weight of each concept reported by at least ``min_sources`` distinct supports.

    With ``sentence_source`` (the independent source of each sentence: its copy group), the threshold counts
    distinct independent sources instead, while the weight still sums over the distinct supports (reports)
    that word the concept: an outlet's own rewording of a copied story adds to how prominent a fact is, not
    to how many independent sources confirm it.

    ``sentence_support[i]`` names the independent source that sentence ``i`` counts for (its copy group, or
    the earliest source of a sentence it duplicates); ``sentence_rank[i]`` is its position in its article. A
    concept's weight sums, over the distinct supports that report it, the position credit of its earliest
    mention there (times ``WORD_SHARE`` for single words).

    When a support is a copy group of ``copies_of[support]`` articles (``sentence_copy[i]`` naming the copy
    sentence ``i`` is in), it counts in proportion to the copies that carry the concept: a passage that one
    outlet added to, or rewrote in, its copy of a wire story has only that outlet's share of the story's
    support, not all of it.
    """
    if sentence_copy is None:  # every support counts whole (a share of 1.0): the common case, kept lean
        return _whole_support_weights(sentence_concepts, sentence_support, sentence_rank, min_sources, sentence_source)
    earliest: dict[Concept, dict[str, int]] = {}
    carried: dict[tuple[Concept, str], set[str]] = {}
    confirmed: dict[Concept, set[str]] = {}
    for i, (concepts, support, rank) in enumerate(zip(sentence_concepts, sentence_support, sentence_rank)):
        source = sentence_source[i] if sentence_source is not None else None
        # Which copies carry a concept matters only for supports made of several copies.
        several = sentence_copy is not None and (copies_of or {}).get(support, 1) > 1
        for concept in concepts:
            if sentence_source is not None:
                sources = confirmed.get(concept)
                if sources is None:
                    confirmed[concept] = {source}
                else:
                    sources.add(source)
            by_support = earliest.setdefault(concept, {})
            if rank < by_support.get(support, 1 << 30):
                by_support[support] = rank
            if several:
                carried.setdefault((concept, support), set()).add(sentence_copy[i])

    def share(concept: Concept, support: str) -> float:
        copies = (copies_of or {}).get(support, 1)
        if copies <= 1 or sentence_copy is None:
            return 1.0
        return min(len(carried[concept, support]), copies) / copies

    return {
        concept: sum(position_credit(rank) * share(concept, support) for support, rank in by_support.items())
        * (WORD_SHARE if len(concept) == 1 else 1.0)
        for concept, by_support in earliest.items()
        if len(confirmed[concept] if sentence_source is not None else by_support) >= min_sources
    }


def _whole_support_weights(
    sentence_concepts: Sequence[Iterable[Concept]],
    sentence_support: Sequence[str],
    sentence_rank: Sequence[int],
    min_sources: int,
    sentence_source: Sequence[str] | None,
) -> dict[Concept, float]:
    """``concept_weights`` when every support counts whole, on arrays: the same weights to the last bit.

    Each concept's credits are added support by support in the order the supports first report it, as a loop
    over the sentences adds them, so the floating-point totals are the same.
    """
    # Read twice below: a frozen set iterates the same way each time, anything else is fixed as a tuple first.
    held = [concepts if type(concepts) is frozenset else tuple(concepts) for concepts in sentence_concepts]
    # Each concept numbered in the order first met, in one pass over them: where each mention's concept was first
    # met (its own position when new), then those first positions counted.
    first_position: dict[Concept, int] = {}
    met_at = np.fromiter(map(first_position.setdefault, chain.from_iterable(held), count()), dtype=np.int64)
    if not first_position:
        return {}
    concepts = list(first_position)
    concept = (np.cumsum(met_at == np.arange(len(met_at))) - 1)[met_at]
    per_sentence = np.fromiter(map(len, held), dtype=np.int64, count=len(held))
    sentence = np.repeat(np.arange(len(held)), per_sentence)
    support = _numbered(sentence_support)[sentence]
    source = _numbered(sentence_source if sentence_source is not None else sentence_support)[sentence]
    rank = np.asarray(sentence_rank, dtype=np.int64)[sentence]
    # How many independent sources report each concept.
    reported_by = np.sort(concept * (int(source.max()) + 1) + source)
    distinct = reported_by[np.r_[True, reported_by[1:] != reported_by[:-1]]]
    sources = np.bincount(distinct // (int(source.max()) + 1), minlength=len(concepts))
    # Each (concept, support) report: where it is first met and its earliest position in that support's article.
    pair = concept * (int(support.max()) + 1) + support
    order = np.lexsort((np.arange(len(pair)), pair))
    starts = np.flatnonzero(np.r_[True, pair[order][1:] != pair[order][:-1]])
    first_met = order[starts]
    earliest = np.minimum.reduceat(rank[order], starts)
    # Reports grouped by concept, each concept's in the order first met; concepts with the most reports first.
    report_concept = concept[first_met]
    by_concept = np.lexsort((first_met, report_concept))
    credits = _position_credits(int(rank.max()) + 1)[earliest[by_concept]]
    reports = np.bincount(report_concept, minlength=len(concepts))
    offsets = np.r_[0, np.cumsum(reports)[:-1]]
    busiest = np.argsort(-reports, kind="stable")
    fewer = -reports[busiest]  # ascending
    totals = np.zeros(len(concepts))
    for k in range(int(reports.max())):  # the k-th report of every concept that has one, added in one step
        active = busiest[: int(np.searchsorted(fewer, -k, side="left"))]
        totals[active] += credits[offsets[active] + k]
    kept = np.flatnonzero(sources >= min_sources)
    kept_concepts = [concepts[k] for k in kept.tolist()]
    kept_totals = totals[kept]
    kept_totals[np.fromiter(map(len, kept_concepts), dtype=np.int64, count=len(kept_concepts)) == 1] *= WORD_SHARE
    return dict(zip(kept_concepts, kept_totals.tolist()))


_CREDITS: list[np.ndarray] = [np.zeros(0)]


def _position_credits(count: int) -> np.ndarray:
    """``position_credit(r)`` for every rank below ``count`` (at least), kept: each is the same number."""
    if len(_CREDITS[0]) < count:
        _CREDITS[0] = np.array([position_credit(r) for r in range(max(count, 2 * len(_CREDITS[0])))])
    return _CREDITS[0]


def _numbered(names: Sequence[str]) -> np.ndarray:
    """Each name's number, names numbered in the order first met."""
    number: dict[str, int] = {}
    return np.fromiter((number.setdefault(name, len(number)) for name in names), dtype=np.int64, count=len(names))
