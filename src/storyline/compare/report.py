"""The disagreements of one event: align its sentences, compare each aligned pair, merge the findings about one
point into one disagreement with its sides, name what is disputed, and tell updates from conflicts."""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import pairwise

from storyline.compare.align import AlignedPair, Unit, aligned_pairs, article_sentences, sentence_units
from storyline.compare.detect import Finding, compare_pair, read_claims
from storyline.compare.lexicon import NUMBER_WORDS
from storyline.compare.quoted import quote_disagreements
from storyline.compare.signals import may_conflict
from storyline.model import Article, Claim, Disagreement, Quote, Sentence

_DEFAULT_LABEL = {
    "number": "figure",
    "date": "date",
    "negation": "claim",
    "cue": "stance",
    "attribution": "who said it",
    "place": "where",
    "quote": "quote",
}


def event_disagreements(
    event_id: str, articles: Sequence[Article], quotes: Sequence[Quote] | None = None
) -> list[Disagreement]:
    """Where the articles of one event disagree, most widely held disputes first.

    ``quotes`` (the quotes analyser's output for these articles) adds disputes over who said a quotation and in
    which words; without them, a changed speaker is still found by the rules (kind "attribution"). A negation or
    opposite stance words are reported between two sentences only where they are versions of one sentence or come
    from versions of one story (articles with sentences in common).
    """
    english = [article for article in articles if (article.language or "en").lower().startswith("en")]
    if len({article.id for article in english}) < 2:
        return []
    with _collector_paused():
        sentences = {article.id: article_sentences(article) for article in english}
        found = _rule_disagreements(event_id, english, sentences)
    if quotes:
        found = _with_quotes(found, quote_disagreements(event_id, english, quotes, sentences))
    return sorted(found, key=disagreement_sort_key)


def _rule_disagreements(
    event_id: str, english: Sequence[Article], sentences: dict[str, list[Sentence]]
) -> list[Disagreement]:
    # Every sentence takes part: a negated sentence's partner need hold no figure, date or cue of its own.
    units = sentence_units(english, sentences)
    pairs = aligned_pairs(units, may_conflict)
    read_claims(pairs)
    findings = [(pair, finding) for pair in pairs for finding in compare_pair(pair)]
    if any(finding.kind in _WITHIN_ONE_STORY for _, finding in findings):
        stories = _Stories(units)
        findings = [
            (pair, finding)
            for pair, finding in findings
            if finding.kind not in _WITHIN_ONE_STORY or pair.close or stories.one_story(pair)
        ]
    by_id = {article.id: article for article in english}
    order = {article.id: position for position, article in enumerate(english)}
    return [_disagreement(event_id, group, by_id, order) for group in _merged(findings)]


# Between independent reports, a word negated in one sentence and asserted in a loosely aligned other, or two opposite
# stance words, nearly always speak of different things ("no collective bargaining agreement existed" / "a new
# collective bargaining agreement"; "refused to enter a coalition" / "agreed to form a coalition"): these are read
# only between versions of one sentence, or of one story (docs/benchmarks.md, "Where sources disagree: ...").
_WITHIN_ONE_STORY = frozenset({"negation", "cue"})
# Two articles holding this many sentences in common are versions of one story (a wire story and its edits).
SHARED_SENTENCES = 2


class _Stories:
    """Which articles are versions of one story: two articles holding at least ``SHARED_SENTENCES`` sentences in
    common. Only the pairs asked about are counted (an event's repeated sentences can have many holders)."""

    def __init__(self, units: Sequence[Unit]) -> None:
        self._held: dict[str, set[int]] = defaultdict(set)  # article -> the sentences it shares with another
        for number, unit in enumerate(units):
            if len(unit.article_ids) > 1:
                for article_id in unit.article_ids:
                    self._held[article_id].add(number)

    def one_story(self, pair: AlignedPair) -> bool:
        """Whether an article holding one sentence of ``pair`` and one holding the other are versions of one story."""
        held, none = self._held, frozenset()
        return bool(pair.a.article_ids & pair.b.article_ids) or any(
            len(held.get(x, none) & held.get(y, none)) >= SHARED_SENTENCES
            for x in pair.a.article_ids
            for y in pair.b.article_ids
        )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading an event's sentences makes many small objects and no reference cycles; the cycle collector's
    repeated passes over them would take a quarter of the stage's time, so it waits until they are freed."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _cited(item: Disagreement) -> frozenset[tuple[str, int]]:
    return frozenset((claim.article_id, claim.sentence_index) for claim in item.claims)


def _with_quotes(found: list[Disagreement], quoted: tuple[list[Disagreement], list[Disagreement]]) -> list:
    """A quotation given to another speaker replaces the rules' "attribution" report of the same sentences; a
    changed word inside a quotation the rules already read (a figure, a negation) is reported once, by the rules."""
    speakers, wordings = quoted
    speaker_cited = [_cited(item) for item in speakers]
    kept = [
        item for item in found if not (item.kind == "attribution" and any(_cited(item) <= c for c in speaker_cited))
    ]
    rule_cited = [_cited(item) for item in kept]
    kept += speakers
    kept += [item for item in wordings if not any(_cited(item) & c for c in rule_cited if len(_cited(item) & c) > 1)]
    return kept


def _merged(findings: list[tuple[AlignedPair, Finding]]) -> list[list[tuple[AlignedPair, Finding]]]:
    """Findings about one point (same kind and slot, linked through shared sentences), as groups."""
    parent: dict[tuple, tuple] = {}

    def root(node: tuple) -> tuple:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for pair, finding in findings:
        a, b = (finding.slot, pair.a.key), (finding.slot, pair.b.key)
        parent[root(a)] = root(b)
    groups: dict[tuple, list] = defaultdict(list)
    for pair, finding in findings:
        groups[root((finding.slot, pair.a.key))].append((pair, finding))
    return list(groups.values())


def _disagreement(
    event_id: str, group: list[tuple[AlignedPair, Finding]], by_id: dict[str, Article], order: dict[str, int]
) -> Disagreement:
    first = group[0][1]
    units: dict[str, Unit] = {}
    value_of: dict[str, tuple] = {}
    surface_of: dict[str, str] = {}
    marks: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for pair, finding in group:
        for unit, key, surface, spans in (
            (pair.a, finding.key_a, finding.value_a, finding.marks_a),
            (pair.b, finding.key_b, finding.value_b, finding.marks_b),
        ):
            units[unit.key] = unit
            value_of.setdefault(unit.key, _side_key(finding.kind, key))
            surface_of.setdefault(unit.key, surface)
            marks[unit.key].update(spans)
    sides: dict[tuple, list[Unit]] = {}
    for key, unit in units.items():
        sides.setdefault(value_of[key], []).append(unit)

    def dates(side: list[Unit]) -> list[str]:
        return sorted((by_id[s.article_id].published or "")[:10] for unit in side for s in unit.holders)

    def first_seen(side: list[Unit]) -> tuple:
        return min(dates(side) or [""]), min(order[s.article_id] for unit in side for s in unit.holders)

    ordered = sorted(sides.values(), key=first_seen)
    update = (
        first.kind == "number"
        and len(ordered) > 1
        and all(dates(side) and all(dates(side)) for side in ordered)
        and all(dates(earlier)[-1] < dates(later)[0] for earlier, later in pairwise(ordered))
    )
    claims = []
    for side_number, side in enumerate(ordered):
        for unit in side:
            for sentence in unit.holders:
                article = by_id[sentence.article_id]
                marked = tuple(sorted((sentence.start + a, sentence.start + b) for a, b in marks[unit.key]))
                claims.append(Claim.of(article, sentence, marked, side_number))
    claims.sort(key=lambda c: (c.side, (c.published or "")[:10], order[c.article_id]))
    label = first.label_a.strip() or _DEFAULT_LABEL.get(first.kind, first.kind)
    values = [_shown(surface_of[side[0].key], label) for side in ordered]
    topic = f"{label}: {(' then ' if update else ' or ').join(values)}"
    return Disagreement(event_id, first.kind, topic, update, claims)


def _shown(value: str, label: str) -> str:
    """ "Fourteen people" under the label "people taken to hospital" reads "14"."""
    words = value.split()
    if len(words) > 1 and words[-1].lower() in label.lower().split():
        words = words[:-1]
    if words and all(word.lower() in NUMBER_WORDS for word in words):
        total = sum(NUMBER_WORDS[word.lower()] for word in words)
        return f"{total:g}"
    return " ".join(words)


def _side_key(kind: str, key: tuple) -> tuple:
    if kind == "number":
        return (round(key[0], 6),)
    return key


def disagreement_sort_key(item: Disagreement) -> tuple:
    return (-len({claim.article_id for claim in item.claims}), item.kind, item.topic)


__all__ = ["disagreement_sort_key", "event_disagreements"]
