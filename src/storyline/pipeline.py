"""The stages wired together over the store: ingest -> copy groups -> events -> analysis.

Each new batch of articles is stored once, matched against the persisted copy index and the online event index,
and only the events it touched need analysing again.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from storyline.analysis import products_versions
from storyline.batching import iter_batches
from storyline.config import Settings
from storyline.dedup import CopyIndex
from storyline.dedup.sketch import DEFAULT_MIN_WORDS
from storyline.dedup.stored import COPY_INDEX, BandRuns, StoredCopies, band_settings
from storyline.engine import Engine, InProcess
from storyline.events import EventIndex
from storyline.events.state_rows import READ_BY_KEY, RowState
from storyline.events.state_rows import load as load_event_rows
from storyline.events.storyline_rows import StorylineRows
from storyline.events.storyline_rows import load as load_storyline_rows
from storyline.events.storylines import StorylineIndex
from storyline.features import featurize
from storyline.model import Article, Problem
from storyline.prepared import for_stored, prepared_batches, stored_products
from storyline.products import PRODUCTS
from storyline.store import Store, StoreError
from storyline.stored_digests import digests  # the digest half, kept where callers know it

DEFAULTS = Settings()
EVENT_STATE = "events"
STORYLINE_STATE = "storylines"
WRITE_MARK = "indexes-written"


@dataclass(slots=True)
class IngestReport:
    read: int = 0
    added: list[str] = field(default_factory=list)
    already_stored: int = 0
    problems: list[Problem] = field(default_factory=list)
    events_touched: set[str] = field(default_factory=set)
    storylines_touched: set[str] = field(default_factory=set)


def ingest(
    store: Store,
    items: Iterable[Article | Problem],
    *,
    batch_size: int = 500,
    settings: Settings = DEFAULTS,
    engine: Engine | None = None,
) -> IngestReport:
    """Store new articles and update copy groups and events incrementally, one transaction per batch.

    A store keeps the event options it was built with; ``settings.events`` apply to a new store and to a rebuild.
    ``engine`` sketches and featurizes the batches (a map step) while the indexes take in earlier ones.
    """
    report = IngestReport()
    copy_index = event_index = story_index = story_rows = loaded = versions = None  # with the first new article
    batches = _batches(items, batch_size, report)
    with store.bulk_writes():  # the log copied into the file beside the batches, not inside their commits
        for prepared in prepared_batches(engine or InProcess(), batches, settings.events):
            batch = prepared.articles
            with store.transaction():
                added = store.add_articles(batch)
                report.already_stored += len(batch) - len(added)
                if not added:
                    continue
                if prepared.products:
                    versions = versions or products_versions()
                    store.put_index_rows(PRODUCTS, stored_products(prepared, added, versions))
                # Nothing new, nothing loaded. Another process may have written since the indexes were loaded:
                # reload them inside the write transaction, so neither process's copies or events are lost.
                if copy_index is None or store.get_state(WRITE_MARK) != loaded:
                    copy_index, event_index, event_rows = _load_indexes(store, settings)
                    story_index, story_rows = _storyline_index(store, event_index)
                bits = event_index.options.bits
                sketches, features = for_stored(prepared, added, bits=bits, min_words=copy_index.min_words)
                # The copy stage reads only the rows it can touch.
                rows, changed_groups = copy_index.add(store, added, sketches=sketches)
                store.put_index_rows(COPY_INDEX, rows)
                store.put_copy_groups(changed_groups)
                group_of = {article_id: group.id for group in changed_groups for article_id in group.article_ids}
                dated = _dated(added)
                if features is None:  # once, for events and storylines
                    features = featurize(dated, bits=bits)
                changed_events = event_index.add(dated, copy_group_of=group_of, features=features)
                store.put_events(changed_events)
                store.put_state_rows(EVENT_STATE, *event_rows.changes(event_index))  # the touched topics' rows only
                story_rows.watch(story_index, changed_events)
                changed_stories = story_index.update(changed_events, dated, idf=event_index.idf(), features=features)
                store.put_storylines(changed_stories)
                store.put_state_rows(STORYLINE_STATE, *story_rows.changes(story_index))  # the touched events' rows
                report.storylines_touched |= {storyline.id for storyline in changed_stories}
                loaded = _mark_write(store)
                report.added += [article.id for article in added]
                report.events_touched |= {event.id for event in changed_events}
    return report


def rebuild(store: Store, *, settings: Settings = DEFAULTS) -> None:
    """Recompute copy groups and events from all stored articles, in one transaction."""
    copy_index = CopyIndex(threshold=settings.copy_threshold)
    with store.transaction():  # read inside it too, so no article stored meanwhile is left out
        articles = _dated(store.articles(), store.ingested_at())
        rows, groups = copy_index.add(articles)
        store.put_index_rows(COPY_INDEX, rows)
        store.put_copy_groups(groups)
        BandRuns.build(store, band_settings(copy_index.min_words), copy_index.min_words)
        event_index = EventIndex.from_articles(articles, copy_groups=copy_index.groups(), **settings.events)
        store.replace_all_events(event_index.events())
        store.clear_state_rows(EVENT_STATE)  # later ingests continue from the rebuilt events
        store.delete_state(EVENT_STATE)
        store.put_state_rows(EVENT_STATE, *RowState().changes(event_index))
        story_index = StorylineIndex()
        story_index.update(event_index.events(), articles, idf=event_index.idf())
        store.replace_all_storylines(story_index.storylines())
        store.clear_state_rows(STORYLINE_STATE)
        store.delete_state(STORYLINE_STATE)
        store.put_state_rows(STORYLINE_STATE, *StorylineRows().changes(story_index))
        _mark_write(store)


def _storyline_index(store: Store, event_index: EventIndex) -> tuple[StorylineIndex, StorylineRows]:
    """The stored storyline index and what the store holds of it. A store that kept it as one saved state gets it
    as rows; a store made before storylines existed gets one over its stored events."""
    try:
        loaded = load_storyline_rows(store.state_rows(STORYLINE_STATE))
        if loaded is not None:
            return loaded
        blob = store.get_state(STORYLINE_STATE)
        index = StorylineIndex.from_state(blob) if blob else None
    except StoreError:
        raise
    except Exception as error:  # ValueError, KeyError...: whatever a damaged saved state raises
        raise StoreError(
            f"{store.path}: the saved storyline index cannot be read ({type(error).__name__}: "
            f"{str(error)[:120]}); run 'storyline rebuild' to recompute it"
        ) from None
    rows = StorylineRows()
    with store.transaction():
        if index is None:
            index = StorylineIndex()
            events = store.events()
            if events:
                members = {article_id for event in events for article_id in event.article_ids}  # not a new batch
                articles = _dated([a for a in store.articles() if a.id in members], store.ingested_at())
                store.put_storylines(index.update(events, articles, idf=event_index.idf()))
        store.put_state_rows(STORYLINE_STATE, *rows.changes(index))
        store.delete_state(STORYLINE_STATE)
    return index, rows


def _load_indexes(store: Store, settings: Settings) -> tuple[StoredCopies, EventIndex, RowState]:
    """The stored copy index and event index (and what the store holds of the latter); damaged ones are a
    StoreError that says how to recover. A store that kept the event index as one saved state gets it as rows."""
    try:
        copy_index = StoredCopies(store, threshold=settings.copy_threshold, min_words=DEFAULT_MIN_WORDS)
        # Each copy group's topic and event (a row per article stored) and the kept articles' feature rows are
        # read when a batch asks for them.
        rows = store.state_rows(EVENT_STATE, skip=READ_BY_KEY)
        loaded = load_event_rows(rows, partial(store.state_rows_named, EVENT_STATE))
        if loaded is not None:
            return copy_index, *loaded
        blob = store.get_state(EVENT_STATE)
        event_index = EventIndex.from_state(blob) if blob else EventIndex(**settings.events)
    except StoreError:
        raise
    except Exception as error:  # BadZipFile, ValueError, KeyError...: whatever a damaged saved state raises
        raise StoreError(
            f"{store.path}: the saved copy or event index cannot be read ({type(error).__name__}: "
            f"{str(error)[:120]}); run 'storyline rebuild' to recompute it"
        ) from None
    rows = RowState()
    if blob:
        with store.transaction():  # the old single state becomes rows, in one step
            store.put_state_rows(EVENT_STATE, *rows.changes(event_index))
            store.delete_state(EVENT_STATE)
    return copy_index, event_index, rows


def _mark_write(store: Store) -> bytes:
    """A new mark for the indexes' state, which tells other writers to reload it."""
    mark = os.urandom(8)
    store.put_state(WRITE_MARK, mark)
    return mark


def _dated(articles: list[Article], ingested_at: dict[str, str] | None = None) -> list[Article]:
    """Copies of articles without a date dated by their ingest time (today unless known), for clustering in time."""
    today = date.today().isoformat()
    return [
        article
        if article.published
        else dataclasses.replace(
            article, published=(ingested_at or {}).get(article.id, today)[:10], date_source="ingest-time"
        )
        for article in articles
    ]


def _batches(items: Iterable[Article | Problem], size: int, report: IngestReport) -> Iterator[list[Article]]:
    def articles_only() -> Iterator[Article]:
        for item in items:
            if isinstance(item, Problem):
                report.problems.append(item)
            else:
                report.read += 1
                yield item

    return iter_batches(articles_only(), size)


__all__ = ["COPY_INDEX", "EVENT_STATE", "STORYLINE_STATE", "IngestReport", "digests", "ingest", "rebuild"]
