"""Multi-document summaries whose sentences cite every article that supports them.

The method: sentences (and rule-compressed versions of them) compete to cover the event's concepts (stemmed
bigrams weighted by how many independent sources report them, early mentions counting more) under a word
budget, solved exactly as an integer linear program (only the sentences with the most concept weight per word
compete, as many as the budget calls for: ``candidates``); near-duplicates exclude each other; the chosen sentences
are ordered by when they were first reported (leads of a day's reports before their details, never a quotation
first) and cited by every article that holds them or a close paraphrase of what they claim. Summary text leaves
out lead datelines and opening connectives; citations keep the source sentence's offsets.

>>> from storyline.model import Article
>>> a = Article(id="a", text="The river flooded the old town on Monday. Schools were closed.")
>>> b = Article(id="b", text="Rain fell all week. The river flooded the old town on Monday.")
>>> [(s.text, [(c.article_id, c.sentence_index) for c in s.citations]) for s in summarize([a, b]).sentences]
[('The river flooded the old town on Monday.', [('a', 0), ('b', 1)])]
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import chain
from operator import is_not

from storyline.config import DEFAULT_SUMMARY_WORDS
from storyline.model import Article, Citation, CopyGroup, Summary, SummarySentence
from storyline.products import product
from storyline.summarize import candidates as _preselection
from storyline.summarize.cite import supporting_citations
from storyline.summarize.compress import (
    claim,
    dateline,
    has_main_verb,
    opening,
    opens_with_quote,
    removable_spans,
    shorten,
    stands_alone,
    without_opening,
)
from storyline.summarize.concepts import (
    Concept,
    concept_set,
    concept_weights,
    content_stem_set,
    reads_as,
    sentence_reading,
    sentence_stems,
)
from storyline.summarize.order import after_antecedents, chronological, main_news_first, statement_first
from storyline.summarize.overlap import near_duplicate_pairs, stem_matrix
from storyline.summarize.references import (
    indefinite,
    needs_antecedent,
    same_fact,
    same_fact_pairs,
    without_also,
    without_relative_time,
)
from storyline.summarize.select import best_cover
from storyline.text import content_stems, split_sentences, stem_set
from storyline.text.time_words import with_dates
from storyline.titles import is_headline
from storyline.unionfind import components

__all__ = ["summarize"]

# A concept must be reported by this many independent sources (fewer when the event has fewer sources).
MIN_SOURCES = 2
# Sentences shorter than this (in words) are captions, datelines or fragments, not summary material.
MIN_WORDS = 6
# A summary filling less than this share of its budget with concepts two sources report is chosen again with
# concepts one report makes count: a story told mostly by one outlet's versions.
FILLED_SHARE = 0.5

_ENGLISH = {"en", "eng", "english"}


@dataclass(slots=True)
class _Sentence:
    article: int  # index into the chronologically sorted articles
    citation: Citation
    text: str
    body: str  # the text without a lead dateline
    stems: frozenset[str]


@dataclass(slots=True)
class _Candidate:
    sentence: int  # index into the flat sentence list
    text: str
    length: int
    concepts: frozenset[Concept]
    stems: frozenset[str]  # its content stems, read with its concepts


def summarize(
    articles: Sequence[Article], *, words: int = DEFAULT_SUMMARY_WORDS, copy_groups: Sequence[CopyGroup] = ()
) -> Summary:
    """Summarize one event's articles in at most ``words`` words.

    A concept counts when enough independent sources report it, the articles of one copy group being one source;
    its weight sums over the reports that word it, a sentence that nearly duplicates one published earlier by
    another article counting for that earlier report only. Articles whose
    ``language`` is set and is not English are left out; when none is left, or no article has text, or no
    sentence fits the budget, a ``ValueError`` says so.
    """
    if isinstance(words, bool) or not isinstance(words, int) or words < 1:
        raise ValueError(f"the word budget must be a positive whole number, got {words!r}")
    if not articles:
        raise ValueError("no articles to summarize")
    english = [a for a in articles if _is_english(a.language)]
    if not english:
        languages = ", ".join(sorted({a.language for a in articles if a.language}))
        raise ValueError(f"summaries support English articles only; these articles are in: {languages}")
    usable = sorted((a for a in english if a.text and a.text.strip()), key=lambda a: (a.published or "", a.id))
    if not usable:
        raise ValueError("the articles hold no text to summarize")

    article_rank = {a.id: rank for rank, a in enumerate(usable)}
    source_of = _sources(usable, copy_groups)
    n_sources = len(set(source_of))
    sentences = _sentences(usable, weighed=n_sources > 1)
    if not sentences:
        raise ValueError("the articles hold no sentences to summarize")

    # A sentence that repeats one published earlier by another article adds nothing: it counts for that earlier
    # report. A copy that words a fact its own way is a report of it, though not an independent source.
    source_stems = [s.stems for s in sentences]
    sources = stem_matrix(source_stems)  # compared here, then with the summary for its citations
    all_pairs = near_duplicate_pairs(source_stems, matrix=sources)
    duplicate_pairs = [(i, j) for i, j in all_pairs if sentences[i].article != sentences[j].article]
    family = components(len(sentences), duplicate_pairs)
    # Near-duplicates exclude each other in the summary even within one article.
    same_fact = components(len(sentences), all_pairs)
    support = [sentences[family[i]].citation.article_id for i in range(len(sentences))]
    independent = [source_of[sentences[family[i]].article] for i in range(len(sentences))]

    if n_sources == 1:  # one source (one article, or copies of one): its own order of importance, its lead
        candidates, chosen = _leading_choice(sentences, words)
    else:
        candidates, chosen = _concept_choice(sentences, support, independent, same_fact, words, MIN_SOURCES)
        if sum(candidates[k].length for k in chosen) < FILLED_SHARE * words:
            # Too few concepts are reported by two sources to fill the summary: one report makes a concept count.
            candidates, chosen = _concept_choice(sentences, support, independent, same_fact, words, 1)

    # A sentence that leans on the one before it ("He also said", "The plea ...") comes after that one.
    leans_on = {
        k: _antecedent(sentences, candidates[k].sentence) for k in chosen if needs_antecedent(candidates[k].text)
    }
    picked = [candidates[k] for k in chosen]
    summary_stems = [c.stems or sentences[c.sentence].stems for c in picked]
    claim_stems = [content_stem_set(claim(c.text)) for c in picked]
    citations = supporting_citations(
        summary_stems,
        source_stems,
        [s.citation for s in sentences],
        [c.sentence for c in picked],
        claim_stems=claim_stems,
        source_matrix=sources,
    )
    ordered = statement_first(
        chronological(citations, article_rank, _days(usable)), [opens_with_quote(c.text) for c in picked]
    )
    ordered = main_news_first(ordered, citations, [opens_with_quote(c.text) for c in picked])
    after = {
        n: next((m for m, c in enumerate(picked) if same_fact[c.sentence] == same_fact[leans_on[k]]), None)
        for n, k in enumerate(chosen)
        if k in leans_on and leans_on[k] is not None
    }
    ordered = after_antecedents(ordered, after)
    by_id = {a.id: a for a in usable}
    summary = [with_dates(SummarySentence(text=picked[i].text, citations=citations[i]), by_id) for i in ordered]
    return Summary(headline=_headline(usable, sentences, summary), sentences=summary)


def _best_choice(
    candidates: list[_Candidate],
    sentences: list[_Sentence],
    weights: dict[Concept, float],
    same_fact: list[int],
    words: int,
) -> list[int]:
    """The candidates covering the most concept weight within ``words`` (an integer program)."""
    ordered_concepts = sorted(weights)
    concept_index = {concept: i for i, concept in enumerate(ordered_concepts)}
    # Each candidate's weighed concepts by number, each concept looked up once (None: not weighed).
    weighed = partial(is_not, None)
    held = [sorted(filter(weighed, map(concept_index.get, cand.concepts))) for cand in candidates]
    by_family: dict[int, list[int]] = {}
    for k, cand in enumerate(candidates):
        by_family.setdefault(same_fact[cand.sentence], []).append(k)
    # Two sentences that state one fact in other words exclude each other too.
    candidate_stems = [c.stems for c in candidates]
    exclusive = list(by_family.values()) + [
        [a, b]
        for a, b in same_fact_pairs(candidate_stems)
        if same_fact[candidates[a].sentence] != same_fact[candidates[b].sentence]
    ]
    # Ties go to sentences from earlier in their article, then to facts worded independently by more reports
    # (identical sentences are copies of one report).
    wordings: dict[int, set[str]] = {same_fact[c.sentence]: set() for c in candidates}
    for k, sentence in enumerate(sentences):
        if same_fact[k] in wordings:  # only the facts of the candidates are counted
            wordings[same_fact[k]].add(" ".join(sentence.text.lower().split()))
    bonus = [
        1e-3 / (1 + sentences[c.sentence].citation.sentence_index) + 1e-4 * len(wordings[same_fact[c.sentence]])
        for c in candidates
    ]
    # A sentence that leans on the one before it ("He also said", "The plea ...") comes only with that one.
    # Any version of the sentence leant on, or of a near-duplicate of it in another article, states what it needs.
    versions_of: dict[int, list[int]] = {}
    for k, cand in enumerate(candidates):
        versions_of.setdefault(same_fact[cand.sentence], []).append(k)
    leans_on = {
        k: _antecedent(sentences, cand.sentence) for k, cand in enumerate(candidates) if needs_antecedent(cand.text)
    }
    requires = {k: versions_of.get(same_fact[j], []) if j is not None else [] for k, j in leans_on.items()}
    chosen = best_cover(
        [c.length for c in candidates],
        held,
        [weights[c] for c in ordered_concepts],
        words,
        groups=exclusive,
        bonus=bonus,
        requires=requires,
    )
    if not chosen:
        # Nothing covers a concept: fall back to the earliest sentence that fits.
        chosen = [
            min(
                (k for k, c in enumerate(candidates) if c.length <= words),
                key=lambda k: (
                    sentences[candidates[k].sentence].citation.sentence_index,
                    sentences[candidates[k].sentence].article,
                ),
            )
        ]
    return chosen


def _concept_choice(
    sentences: list[_Sentence],
    support: list[str],
    independent: list[str],
    same_fact: list[int],
    words: int,
    most_sources: int,
) -> tuple[list[_Candidate], list[int]]:
    """The candidates and the chosen among them, concepts counting when up to ``most_sources`` sources report them."""
    concepts, weights = _weighted_concepts(sentences, support, independent, most_sources)
    # Only the most promising sentences get their versions worked out, as many as the budget calls for.
    ranked = _preselection.promising(
        concepts,
        weights,
        [len(s.text.split()) for s in sentences],
        [s.citation.sentence_index for s in sentences],
        same_fact,
        min_words=MIN_WORDS,
    )
    try:
        candidates = _usable_candidates(sentences, ranked, words, limit=_preselection.competing(words))
    except ValueError:  # none of them fits the budget: every sentence competes
        candidates = _usable_candidates(sentences, range(len(sentences)), words)
    return candidates, _best_choice(candidates, sentences, weights, same_fact, words)


def _weighted_concepts(
    sentences: Sequence[_Sentence], support: list[str], independent: list[str], most_sources: int = MIN_SOURCES
) -> tuple[list[frozenset[Concept]], dict[Concept, float]]:
    """Each sentence's concepts, and the weight of each concept the event's sources report.

    A concept counts when enough independent sources (``independent[i]``: the copy group of sentence i's first
    report) report it, ``most_sources`` or fewer when none does; its weight sums over the distinct reports
    (``support[i]``) that word it.
    """
    sentence_concepts = [concept_set(s.body) for s in sentences]
    n_sources = len(set(independent))
    weights: dict[Concept, float] = {}
    for min_sources in range(min(most_sources, n_sources), 0, -1):
        weights = concept_weights(
            sentence_concepts,
            support,
            [s.citation.sentence_index for s in sentences],
            min_sources=min_sources,
            sentence_source=independent,
        )
        if weights:
            break
    return sentence_concepts, weights


def _leading_choice(sentences: Sequence[_Sentence], words: int) -> tuple[list[_Candidate], list[int]]:
    """Sentences in the order written while they fit in ``words``, each as written when it fits, else shortened:
    the candidates of the sentences read, and the indices of the chosen ones among them.

    For a single source: with nothing to weigh a concept by but the one article, its writer's order (the most
    important first) is the ranking, and no program needs solving. As in any summary, a sentence that leans on
    the one before it comes only after it, and a fact already stated is not stated again. A sentence's versions
    are worked out only when it comes up: once the summary is full, the rest of the article is not read. A
    ``ValueError`` when no sentence can stand alone or none fits in ``words``.
    """
    candidates: list[_Candidate] = []
    stems: list[frozenset[str]] = []
    chosen, room, seen = [], words, set()
    known: dict[str, list[tuple[str, int, frozenset[Concept], frozenset[str]]]] = {}
    # Which versions of a sentence are chosen depends on its own versions and on those chosen before it only.
    for sentence in range(len(sentences)):
        first = len(candidates)
        candidates += _candidates(sentences, [sentence], known=known)
        stems += [c.stems for c in candidates[first:]]
        for k in range(first, len(candidates)):
            cand = candidates[k]
            if cand.sentence in seen or cand.length > room:
                continue
            versions = [
                j
                for j in range(k, len(candidates))
                if candidates[j].length <= room
                and (not needs_antecedent(candidates[j].text) or _antecedent(sentences, cand.sentence) in seen)
                and not any(same_fact(stems[j], stems[i]) for i in chosen)
            ]
            if not versions:
                continue
            best = max(versions, key=lambda j: candidates[j].length)
            chosen.append(best)
            seen.add(cand.sentence)
            room -= candidates[best].length
            if room < MIN_WORDS:  # full: a sentence chosen, so some sentence stands alone and fits
                return candidates, chosen
    _check_usable(candidates, words)
    return candidates, chosen


def _is_english(language: str | None) -> bool:
    return not language or language.lower().replace("_", "-").split("-")[0] in _ENGLISH


def _days(articles: Sequence[Article]) -> dict[str, str]:
    """Publication day of each article; an undated one counts as published on the earliest known day."""
    known = sorted(a.published[:10] for a in articles if a.published)
    earliest = known[0] if known else ""
    return {a.id: a.published[:10] if a.published else earliest for a in articles}


def _sources(articles: Sequence[Article], copy_groups: Sequence[CopyGroup]) -> list[str]:
    """Independent source of each article: its copy group's id, or the article's own id."""
    group_of: dict[str, str] = {}
    for group in copy_groups:
        for article_id in group.article_ids:
            group_of.setdefault(article_id, f"group:{group.id}")
    return [group_of.get(a.id, f"article:{a.id}") for a in articles]


def _sentences(articles: Sequence[Article], *, weighed: bool) -> list[_Sentence]:
    """The sentences of the articles, article by article; of a large event only its articles' leading ones.

    ``weighed``: every sentence's concepts will be weighed (several sources), so its stems are taken with them.
    """
    stems_of = sentence_stems if weighed else content_stem_set
    spans = [split_sentences(article.text) for article in articles]
    kept = _preselection.leading([len(article_spans) for article_spans in spans])
    out = []
    for rank, article in enumerate(articles):
        for index, (start, end) in enumerate(spans[rank][: kept[rank]]):
            text = article.text[start:end]
            # A lead dateline names where the story was filed, not what happened.
            body = text[dateline(text) :]
            out.append(_Sentence(rank, Citation(article.id, index, start, end), text, body, stems_of(body)))
    return out


def _antecedent(sentences: Sequence[_Sentence], k: int) -> int | None:
    """The sentence before sentence ``k`` in its article, None when ``k`` opens it."""
    if k > 0 and sentences[k - 1].article == sentences[k].article:
        return k - 1
    return None


def _usable_candidates(
    sentences: Sequence[_Sentence], competing: Iterable[int], words: int, limit: int | None = None
) -> list[_Candidate]:
    """``_candidates``; a ``ValueError`` when none can stand alone or none fits in ``words``."""
    candidates = _candidates(sentences, competing, limit)
    _check_usable(candidates, words)
    return candidates


def _check_usable(candidates: Sequence[_Candidate], words: int) -> None:
    """A ``ValueError`` when there is no candidate or none fits in ``words``."""
    if not candidates:
        raise ValueError("no sentence of the articles can stand alone in a summary")
    shortest = min(c.length for c in candidates)
    if shortest > words:
        raise ValueError(
            f"a budget of {words} words is smaller than any sentence (the shortest usable one has {shortest})"
        )


def _candidates(
    sentences: Sequence[_Sentence],
    competing: Iterable[int],
    limit: int | None = None,
    *,
    known: dict[str, list[tuple[str, int, frozenset[Concept], frozenset[str]]]] | None = None,
) -> list[_Candidate]:
    """Sentences as written (opening connective dropped) and as compressed, where they can stand alone.

    The sentences are tried in the order of ``competing``; with a ``limit``, only until that many distinct texts
    have a version that can stand alone. The candidates come in the order of the sentences. ``known`` keeps each
    text's versions between calls.
    """
    out = []
    usable = 0
    # The copies of a story carry its sentences word for word: each distinct sentence is worked on once.
    by_text: dict[str, list[tuple[str, int, frozenset[Concept], frozenset[str]]]] = {} if known is None else known
    for k in competing:
        if limit is not None and usable >= limit:
            break
        text = sentences[k].text
        if text not in by_text:
            # A sentence's versions depend on its text alone: those of an earlier digest are reused.
            citation = sentences[k].citation
            part = f"versions/{citation.sentence_index}"
            versions = product("summary", citation.article_id, part, partial(_versions, text), *_PAIRS)
            body = sentences[k].body
            by_text[text] = [
                (version, length, *sentence_reading(body if reads_as(version, body) else version))
                for version, length in versions
            ]
            usable += bool(by_text[text])
        out += [_Candidate(k, version, length, *reading) for version, length, *reading in by_text[text]]
    return sorted(out, key=lambda candidate: candidate.sentence)


def _versions(text: str) -> list[tuple[str, int]]:
    """A sentence's versions that can stand alone in a summary, each with its length in words."""
    start = opening(text)
    lead = [(0, start)]
    as_written = without_opening(text, start)
    # A sentence without a finite verb is a heading, a caption or a fragment ("Some fear of military dominance
    # of public life."), and a compression that lost the main verb ("Jo Bell, who runs the bakery.") is none.
    if not has_main_verb(as_written):
        return []
    removable = removable_spans(text, start)
    # Nothing to drop but the opening: the compressed version is the one as written.
    compressed = as_written if removable in (lead, []) else shorten(text, removable)[0]
    versions = {as_written} if not has_main_verb(compressed) else {as_written, compressed}
    # "Microsoft is also investing ..." stands alone as "Microsoft is investing ...", "The deal will ..." as
    # "A deal will ...", "The launch began two hours earlier with ..." as
    # "The launch began with ...".
    for resolve in (without_also, without_relative_time, indefinite):
        versions |= {v for v in map(resolve, versions) if v is not None}
    out = []
    for version in sorted(versions):
        length = len(version.split())
        if length >= MIN_WORDS and stands_alone(version):
            out.append((version, length))
    return out


_PAIRS = (lambda pairs: [list(pair) for pair in pairs], lambda data: [tuple(pair) for pair in data])


def _headline(articles: Sequence[Article], sentences: Sequence[_Sentence], summary: list[SummarySentence]) -> str:
    """The title closest to what the sources report overall; without titles, the closest summary sentence.

    Closeness is the cosine between a text's content stems and the event's stem profile (how many articles use
    each stem).
    """
    titles = [" ".join(a.title.split()) for a in articles if a.title_source != "lead" and is_headline(a.title)] or [
        " ".join(a.title.split()) for a in articles if a.title and a.title.strip()
    ]
    options = titles or [s.text for s in summary] or [s.text for s in sentences[:1]]
    if len(options) == 1:
        return options[0]  # nothing to weigh it against
    if len(sentences) > _preselection.LARGE_EVENT:  # the sentences read stand for the articles
        article_stems: dict[int, set[str]] = {}
        for sentence in sentences:
            article_stems.setdefault(sentence.article, set()).update(sentence.stems)
        stem_sets = list(article_stems.values())
    else:
        stem_sets = [stem_set(article.text) for article in articles]
    profile = Counter(chain.from_iterable(stem_sets))

    def closeness(text: str) -> float:
        stems = set(content_stems(text))
        return sum(profile.get(s, 0) for s in stems) / math.sqrt(len(stems)) if stems else 0.0

    return max(options, key=lambda text: (closeness(text), -options.index(text)))
