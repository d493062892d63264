"""What ``storyline digest`` reads of a store: every event as its index shows it, and in full only the events it
analyses or writes a page for.

An index of the events shows each one's title, dates, article count and the first sentence of its summary; all of
that is in the store's analysis cache (``Store.analysis_heads``) and its tables, so a digest of an unchanged event
is made without reading its articles' texts or the rest of its analysis (a *listed* digest: its articles carry ids,
content hashes and dates only, its summary holds its headline and first sentence only, its other analyses are left
empty). Events without a usable cached analysis are analysed as ``stored_digests.digests`` does; an event whose page
must be written again is read in full.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from storyline import stored_digests
from storyline.analysis import analysis_key, products_versions
from storyline.engine import Engine
from storyline.model import Event, EventDigest, Summary
from storyline.products import product_key, reusing
from storyline.progress import Progress
from storyline.store import Store


def listed_digests(
    store: Store,
    *,
    words: int,
    engine: Engine | None = None,
    progress: Progress | None = None,
    drafts: dict | None = None,
    slim: bool = False,
) -> tuple[list[EventDigest], dict[str, EventDigest], dict[str, str]]:
    """Every stored event's digest in the store's event order, those made in full here (the events analysed now)
    by event id, and every event's analysis key (``analysis.analysis_key`` of its members) by event id; the others
    are listed digests (see the module docstring). None is linked to its storyline yet. ``drafts``: where the
    draft pages of the events analysed now go (``stored_digests.digests``); ``slim``: as there."""
    stubs_of = store.article_stubs()
    order = {article_id: position for position, article_id in enumerate(stubs_of)}
    events = store.listed_events(order)
    if progress is not None:
        progress.total = len(events)
    group_of = store.listed_copy_groups(order)
    heads = store.analysis_heads()
    listed: list[EventDigest | None] = []
    missing = []
    keys = {}
    for event in events:
        stubs = [stubs_of[article_id] for article_id in event.article_ids]
        fingerprint, title, summary = heads.get(event.id, (None, None, None))
        keys[event.id] = key = analysis_key(stubs, words=words)
        if fingerprint != key or not isinstance(title, str) or not title or not summary:
            missing.append(event)
            listed.append(None)
            continue
        groups = list({group_of[a].id: group_of[a] for a in event.article_ids if a in group_of}.values())
        listed.append(EventDigest(replace(event, title=title), Summary.from_dict(summary), stubs, groups))
        if progress is not None:
            progress.advance()
    analysed = stored_digests.digests(
        store, words=words, engine=engine, progress=progress, events=missing, drafts=drafts, linked=False, slim=slim
    )
    full = {d.event.id: d for d in analysed}
    return [d if d is not None else full[event.id] for event, d in zip(events, listed)], full, keys


def full_digests(store: Store, digests: Sequence[EventDigest], *, words: int) -> dict[str, EventDigest]:
    """``digests`` read in full (texts and every analysis, from the cache), by event id, each linked to its
    storyline as the given one is."""
    read = stored_digests.digests(store, words=words, events=[d.event for d in digests], linked=False)
    full = {d.event.id: d for d in read}
    for digest in digests:
        full[digest.event.id].storyline = digest.storyline
    return full


def titled_events(store: Store, events: Sequence[Event], *, words: int) -> list[Event]:
    """``events`` under the titles their digests give them: a stored analysis's title where it is of the event's
    current members (``words``: the summary length its key was made with), else the title worked out from the
    event's articles (``titles.with_event_titles``), which are read for those events only."""
    from storyline.titles import with_event_titles

    stubs_of = store.article_stubs()
    heads = store.analysis_heads()
    titled: dict[str, Event] = {}
    for event in events:
        fingerprint, title, _ = heads.get(event.id, (None, None, None))
        stubs = [stubs_of[article_id] for article_id in event.article_ids if article_id in stubs_of]
        if isinstance(title, str) and title and fingerprint == analysis_key(stubs, words=words):
            titled[event.id] = replace(event, title=title)
    untitled = [event for event in events if event.id not in titled]
    if untitled:
        articles = store.articles([article_id for event in untitled for article_id in event.article_ids])
        versions = products_versions()
        stored = stored_digests.stored_products(store, {a.id: product_key(a, versions) for a in articles})
        with reusing(stored):  # the lead titles the ingest cut are read, not cut again
            titled.update((event.id, event) for event in with_event_titles(untitled, articles))
    return [titled[event.id] for event in events]
