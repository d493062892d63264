"""Analysis of one event: a list of named, versioned analysers, each filling one field of ``EventDigest``.

An analyser is a map step over one event: it takes an ``EventInput`` and returns a value for the digest field
named like the analyser. Its ``version`` is part of the cache key of every stored analysis, so a new analyser, or
a changed one whose version was bumped, re-analyses the stored events instead of serving a stale digest.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from storyline.config import DEFAULT_SUMMARY_WORDS
from storyline.model import (
    Article,
    CopyGroup,
    Development,
    Disagreement,
    Entity,
    Event,
    EventDigest,
    Quote,
    Summary,
    Variant,
)


@dataclass(slots=True, frozen=True)
class EventInput:
    """What every analyser sees of one event."""

    event: Event
    articles: list[Article]
    copy_groups: list[CopyGroup]
    words: int = DEFAULT_SUMMARY_WORDS


@dataclass(slots=True, frozen=True)
class Analyser:
    """One analysis of an event: ``run`` computes the value of ``EventDigest.<name>``.

    ``dump`` turns the value into JSON-able data for the store and ``load`` turns it back. Bump ``version``
    whenever the output for the same input changes.
    """

    name: str
    version: int
    run: Callable[[EventInput], Any]
    dump: Callable[[Any], Any]
    load: Callable[[Any], Any]


class AnalysisFailure(Exception):
    """An analyser could not analyse an event for a reason worth telling the reader (a note, not a crash)."""

    def __init__(self, value: Any, note: str) -> None:
        super().__init__(note)
        self.value = value
        self.note = note


def _summary(event_input: EventInput) -> Summary:
    from storyline.summarize import summarize

    try:
        return summarize(event_input.articles, words=event_input.words, copy_groups=event_input.copy_groups)
    except ValueError as error:  # e.g. a language the summarizer does not support
        raise AnalysisFailure(Summary(event_input.event.title, []), f"no summary: {error}") from None


def _variants(event_input: EventInput) -> dict[str, list[Variant]]:
    from storyline.products import product, product_key

    by_id = {article.id: article for article in event_input.articles}
    variants = {}
    for group in event_input.copy_groups:
        canonical = by_id.get(group.canonical)
        copies = [
            by_id[article_id]
            for article_id in group.article_ids
            if article_id != group.canonical and article_id in by_id
        ]
        if canonical and copies:
            # A copy's variant depends on it and its canonical alone: one from an earlier digest is reused.
            against = f"variant/{product_key(canonical, '')}"
            variants[group.id] = [
                product(
                    "variants", copy.id, against, partial(_variant, canonical, copy), Variant.to_dict, Variant.from_dict
                )
                for copy in copies
            ]
    return variants


def _variant(canonical: Article, copy: Article) -> Variant:
    from storyline.compare.versions import meaning_changes
    from storyline.diff import diff_articles

    return diff_articles(canonical, copy).variant(meaning_changes(canonical, copy))


def _dump_variants(variants: dict[str, list[Variant]]) -> dict[str, list[dict]]:
    return {group_id: _dump_each(items) for group_id, items in variants.items()}


def _load_variants(data: dict[str, list[dict]]) -> dict[str, list[Variant]]:
    return {group_id: _load_each(Variant, items) for group_id, items in data.items()}


def _disagreements(event_input: EventInput) -> list[Disagreement]:
    from storyline.compare import event_disagreements, event_quotes

    articles = event_input.articles
    return event_disagreements(event_input.event.id, articles, event_quotes(articles))


def _developments(event_input: EventInput) -> list[Development]:
    from storyline.timelines import developments

    return developments(event_input.articles)


def _quotes(event_input: EventInput) -> list[Quote]:
    from storyline.quotes import QuotesUnavailable, event_analysis

    try:
        quotes, _, notes = event_analysis(event_input.articles)
    except QuotesUnavailable as error:
        raise AnalysisFailure([], f"no quotes: {error}") from None
    if notes:
        raise AnalysisFailure(quotes, "; ".join(notes))
    return quotes


def _entities(event_input: EventInput) -> list[Entity]:
    from storyline.quotes import QuotesUnavailable, event_analysis

    try:
        return event_analysis(event_input.articles)[1]
    except QuotesUnavailable:
        return []  # the quotes analyser already says what to install


def _dump_each(items: Sequence[Any]) -> list:
    return [item.to_dict() for item in items]


def _load_each(kind: type, data: Sequence[dict]) -> list:
    return [kind.from_dict(item) for item in data]


def _loader(kind: type) -> Callable[[Any], Any]:
    """A loader for a list of ``kind``; a partial rather than a lambda, so that pools can pickle it."""
    return partial(_load_each, kind)


SUMMARY = Analyser("summary", 10, _summary, Summary.to_dict, Summary.from_dict)
VARIANTS = Analyser("variants", 2, _variants, _dump_variants, _load_variants)
DISAGREEMENTS = Analyser("disagreements", 6, _disagreements, _dump_each, _loader(Disagreement))
DEVELOPMENTS = Analyser("developments", 3, _developments, _dump_each, _loader(Development))
QUOTES = Analyser("quotes", 17, _quotes, _dump_each, _loader(Quote))
ENTITIES = Analyser("entities", 8, _entities, _dump_each, _loader(Entity))

# The analysers every digest runs, in order.
ANALYSERS: tuple[Analyser, ...] = (SUMMARY, VARIANTS, DISAGREEMENTS, DEVELOPMENTS, QUOTES, ENTITIES)


def analyse_event(
    event: Event,
    articles: Sequence[Article],
    copy_groups: Sequence[CopyGroup],
    *,
    words: int = DEFAULT_SUMMARY_WORDS,
    analysers: Sequence[Analyser] = ANALYSERS,
) -> EventDigest:
    """Run every analyser over one event and return its digest."""
    event_input = EventInput(event, list(articles), list(copy_groups), words)
    event = _titled(event, articles)
    digest = EventDigest(event, Summary(event.title, []), list(articles), list(copy_groups))
    for analyser in analysers:
        try:
            value = analyser.run(event_input)
        except AnalysisFailure as failure:
            value = failure.value
            digest.notes.append(failure.note)
        setattr(digest, analyser.name, value)
    return digest


def products_versions(analysers: Sequence[Analyser] = ANALYSERS) -> str:
    """Every analyser's version and the parser's: part of each article product's key (``products.product_key``)."""
    from storyline.quotes.nlp import parser_version

    return ";".join([*(f"{analyser.name}@{analyser.version}" for analyser in analysers), parser_version()])


def article_products(articles: Sequence[Article]) -> dict[str, str]:
    """What the analysers compute from each article alone (its quotes and entities; a title cut from its lead
    where it has no headline), as the store keeps it: JSON text by article id. Computed ahead where a core would
    otherwise idle (the ingest's map step), the digest only reads them; without spaCy the quotes are left to the
    digest, whose analyser says what to install."""
    from storyline.products import reusing
    from storyline.quotes import QuotesUnavailable, analysed_articles
    from storyline.titles import lead_titles_ahead

    with reusing() as reuse:
        with suppress(QuotesUnavailable):
            analysed_articles(articles)
        lead_titles_ahead(articles)
    return reuse.computed()


def analysis_key(articles: Sequence[Article], *, words: int, analysers: Sequence[Analyser] = ANALYSERS) -> str:
    """The cache key of an event's analysis: its members' content, the summary length and every analyser's version."""
    key = hashlib.sha256(f"words={words};".encode())
    for analyser in analysers:
        key.update(f"{analyser.name}@{analyser.version};".encode())
    for article in sorted(articles, key=lambda a: a.id):
        key.update(f"{article.id}:{article.content_hash};".encode())
    return key.hexdigest()[:32]


def analysis_to_dict(digest: EventDigest, analysers: Sequence[Analyser] = ANALYSERS) -> dict:
    """The computed part of a digest, for caching in the store."""
    data = {analyser.name: analyser.dump(getattr(digest, analyser.name)) for analyser in analysers}
    data["notes"] = list(digest.notes)
    data["title"] = digest.event.title  # chosen from the members' headlines: kept, not chosen again
    return data


def analysis_from_dict(
    data: dict,
    event: Event,
    articles: Sequence[Article],
    copy_groups: Sequence[CopyGroup],
    analysers: Sequence[Analyser] = ANALYSERS,
) -> EventDigest:
    title = data.get("title")
    event = replace(event, title=title) if isinstance(title, str) and title else _titled(event, articles)
    digest = EventDigest(
        event, Summary(event.title, []), list(articles), list(copy_groups), notes=list(data.get("notes", []))
    )
    for analyser in analysers:
        setattr(digest, analyser.name, analyser.load(data[analyser.name]))
    return digest


def _titled(event: Event, articles: Sequence[Article]) -> Event:
    """``event`` under the title an editor would sign: its most representative real headline, else a short title."""
    from storyline.titles import event_title

    return replace(event, title=event_title(articles) or event.title) if articles else event
