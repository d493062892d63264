"""Digests of stored events: each event's analysis comes from the store's cache while its members are unchanged,
else it is analysed (a map step over events) and stored with the products its articles gave.

Kept apart from ``pipeline`` so a digest with nothing to ingest never imports the copy and event indexes.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Sequence
from contextlib import suppress
from typing import TYPE_CHECKING

from storyline.analysis import (
    ANALYSERS,
    Analyser,
    analyse_event,
    analysis_from_dict,
    analysis_key,
    analysis_to_dict,
    products_versions,
)
from storyline.config import DEFAULT_SUMMARY_WORDS
from storyline.engine import Engine, InProcess
from storyline.model import Event, EventDigest
from storyline.products import PRODUCTS, pack, product_key, reusing, unpack
from storyline.progress import Progress
from storyline.store import Store, StoreError
from storyline.store.faults import BUSY_TIMEOUT
from storyline.timelines import link_digests

if TYPE_CHECKING:
    from storyline.render.pages import PageDraft


def digests(
    store: Store,
    *,
    words: int = DEFAULT_SUMMARY_WORDS,
    analysers: Sequence[Analyser] = ANALYSERS,
    engine: Engine | None = None,
    progress: Progress | None = None,
    events: Sequence[Event] | None = None,
    drafts: dict[str, PageDraft] | None = None,
    linked: bool = True,
    slim: bool = False,
) -> list[EventDigest]:
    """A digest of every stored event (or of ``events``: then only their articles are read); analyses of unchanged
    events come from the store, the others are analysed (a map step over events, run by ``engine``) and stored.
    ``progress`` counts the events done. ``drafts``: where the draft pages of the events analysed here go (by
    event id), made where each is analysed. ``linked``: each digest linked to its storyline (a caller that links
    every event itself says False). ``slim`` (with ``drafts``): each analysed event's digest keeps only its event,
    summary, articles and copy groups, what an index and a drafted page's storyline part read."""
    if events is None:
        events = store.events()
        articles = {article.id: article for article in store.articles()}
        groups = store.copy_groups()
    else:
        members = [article_id for event in events for article_id in event.article_ids]
        articles = {article.id: article for article in store.articles(members)}
        groups = store.copy_groups(members)
    group_of = {article_id: group for group in groups for article_id in group.article_ids}
    versions = products_versions()
    result: list[EventDigest | None] = []
    jobs, pending = [], []
    writes = _AnalysisWrites(store)
    if progress is not None and progress.total is None:  # a caller digesting part of the events counts them all
        progress.total = len(events)
    for event in events:
        members = [articles[article_id] for article_id in event.article_ids]
        event_groups = list({group_of[a.id].id: group_of[a.id] for a in members if a.id in group_of}.values())
        fingerprint = analysis_key(members, words=words, analysers=analysers)
        cached = store.get_analysis(event.id, fingerprint)
        if cached is not None:
            result.append(analysis_from_dict(cached, event, members, event_groups, analysers))
            if "title" not in cached:  # stored before analyses kept the title: keep it from now on
                writes.add(event.id, fingerprint, {**cached, "title": result[-1].event.title})
            if progress is not None:
                progress.advance()
            continue
        jobs.append((event, members, event_groups, words, tuple(analysers), drafts is not None))
        pending.append((len(result), fingerprint))
        result.append(None)
    # What the events' articles gave in earlier analyses is reused (``products``), for any event that changed.
    keys = {article.id: product_key(article, versions) for job in jobs for article in job[1]}
    jobs = _with_stored_products(store, jobs, keys)
    # The largest events first, so that processes sharing the work finish together.
    order = sorted(range(len(jobs)), key=lambda n: (-len(jobs[n][1]), n))
    # Parsing is needed where an article has no stored products.
    step = _EventAnalysis(parses=any(len(job[-1]) < len(job[1]) for job in jobs))
    try:
        for n, (digest, computed, draft) in zip(order, (engine or InProcess()).map(step, [jobs[n] for n in order])):
            digest.articles = list(jobs[n][1])  # not sent back: this process has them
            if draft is not None:
                drafts[digest.event.id] = draft
            position, fingerprint = pending[n]
            rows = [(article_id, pack(keys[article_id], text)) for article_id, text in computed.items()]
            writes.add(digest.event.id, fingerprint, analysis_to_dict(digest, analysers), rows)
            result[position] = _index_entry(digest) if slim else digest
            if progress is not None:
                progress.advance()
    finally:  # what was analysed before a failure is kept
        writes.flush()
    if linked:
        link_digests(result, store.storylines())
    return result


def _index_entry(digest: EventDigest) -> EventDigest:
    """``digest`` without the analyses its drafted pages already hold (quotes, disagreements, variants ...)."""
    return EventDigest(digest.event, digest.summary, digest.articles, digest.copy_groups)


def _with_stored_products(store: Store, jobs: list[tuple], keys: dict[str, str]) -> list[tuple]:
    """Each job with the stored products of its articles that are still valid (JSON text by article id)."""
    valid = stored_products(store, keys)
    return [(*job, {a.id: valid[a.id] for a in job[1] if a.id in valid}) for job in jobs]


def stored_products(store: Store, keys: dict[str, str]) -> dict[str, str]:
    """The stored products of the articles whose current product keys are ``keys`` (by article id) that are still
    valid: JSON text by article id."""
    rows = store.index_rows_of(PRODUCTS, list(keys))
    valid = {article_id: unpack(row, keys[article_id]) for article_id, row in rows.items()}
    return {article_id: text for article_id, text in valid.items() if text is not None}


def _analyse(job: tuple) -> tuple[EventDigest, dict[str, str], PageDraft | None]:
    """One event's digest (without its articles, which the caller has), the products its articles gained (JSON
    text by article id) and, when asked, the draft of its pages."""
    event, members, event_groups, words, analysers, drafting, stored = job
    with reusing(stored) as reuse:
        digest = analyse_event(event, members, event_groups, words=words, analysers=analysers)
    draft = None
    if drafting:
        from storyline.render.pages import draft_pages

        draft = draft_pages(digest)
    return dataclasses.replace(digest, articles=[]), reuse.computed(), draft


class _EventAnalysis:
    """The map step of a digest (``_analyse``), which says what it loads: a pool loads that before its processes
    start, so they share it and begin at once."""

    def __init__(self, *, parses: bool) -> None:
        self.parses = parses

    def __call__(self, job: tuple) -> tuple[EventDigest, dict[str, str], PageDraft | None]:
        return _analyse(job)

    def warm_up(self) -> None:
        """The analysers' code and, when some article is to be parsed, the parser."""
        import storyline.compare
        import storyline.compare.versions
        import storyline.diff
        import storyline.quotes
        import storyline.render.pages
        import storyline.summarize
        import storyline.titles  # noqa: F401
        from storyline.quotes.nlp import QuotesUnavailable, load_pipeline

        if self.parses:
            with suppress(QuotesUnavailable):  # the analysis says so in its notes
                load_pipeline()


class _AnalysisWrites:
    """Analyses (and their articles' new products) kept for the next digest, written a batch at a time: one
    transaction per batch rather than per event (a commit to a big store waits tens of ms on the disk). A digest
    never waits on an ingest: a batch another process's write holds off is dropped (those events are simply
    analysed again next time). An analysis waits as its JSON text: a string is nothing for the cyclic collector to
    walk, where its dictionaries would be walked until written."""

    def __init__(self, store: Store, *, events: int = 128, seconds: float = 5.0) -> None:
        self.store = store
        self.events, self.seconds = events, seconds
        self._analyses: list[tuple[str, str, str]] = []
        self._products: list[tuple[str, bytes]] = []
        self._since = time.monotonic()

    def add(self, event_id: str, fingerprint: str, data: dict, products: Sequence[tuple[str, bytes]] = ()) -> None:
        self._analyses.append((event_id, fingerprint, json.dumps(data)))
        self._products += products
        if len(self._analyses) >= self.events or time.monotonic() - self._since >= self.seconds:
            self.flush()

    def flush(self) -> None:
        analyses, products = self._analyses, self._products
        self._analyses, self._products, self._since = [], [], time.monotonic()
        if not analyses:
            return
        store = self.store
        store.set_busy_timeout(0.05)
        try:
            with store.transaction():
                store.put_analyses(analyses)
                store.put_index_rows(PRODUCTS, products)
        except StoreError as error:
            if "another storyline command" not in str(error):
                raise
        finally:
            store.set_busy_timeout(BUSY_TIMEOUT)
