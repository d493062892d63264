"""One event's digest on demand: from memory, else from the store's analysis cache, else analysed now.

Only the requested event is analysed. A fresh analysis is kept in memory at once and written to the store's
analysis cache (the one ``storyline digest`` fills, under the same ``analysis_key``) by a background thread, so
a page never waits on an ingest that holds the write lock; when the store cannot be written, memory is enough.
"""

from __future__ import annotations

import dataclasses
import json
import queue
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache

from storyline.analysis import ANALYSERS, Analyser, analyse_event, analysis_from_dict, analysis_key, analysis_to_dict
from storyline.model import Article, Event, EventDigest, StorylineLink
from storyline.timelines import largest_event
from storyline.web.reader import Snapshot

MEMORY_SLOTS = 256
FINGERPRINTS_KEPT = 16384


class DigestCache:
    """Digests of single events, keyed by the analysis fingerprint of their members."""

    def __init__(
        self, db_path: str, *, words: int = 100, analysers: Sequence[Analyser] = ANALYSERS, write_back: bool = True
    ):
        self.db_path = db_path
        self.words = words
        self.analysers = tuple(analysers)
        self._memory: OrderedDict[tuple[str, str], EventDigest] = OrderedDict()
        self._lock = threading.Lock()
        self._event_locks: dict[str, threading.Lock] = {}
        self._writes: queue.Queue | None = queue.Queue() if write_back else None
        self._writer: threading.Thread | None = None
        self._fingerprints = lru_cache(maxsize=FINGERPRINTS_KEPT)(self._fingerprint)

    def fingerprint(self, members: Sequence[tuple[str, str]]) -> str:
        """The cache key of an event from its members' ids and content hashes (no text needed)."""
        return self._fingerprints(tuple(members))

    def _fingerprint(self, members: tuple[tuple[str, str], ...]) -> str:
        stubs = [Article(id=article_id, text="", content_hash=content_hash) for article_id, content_hash in members]
        return analysis_key(stubs, words=self.words, analysers=self.analysers)

    def cached_summary_leads(self, snapshot: Snapshot, rows) -> dict[str, str]:
        """The first summary sentence of each listed event whose analysis is cached (in memory or the store)."""
        leads: dict[str, str] = {}
        wanted = {}
        for row in rows:
            key = (row.event.id, self.fingerprint(row.members))
            with self._lock:
                digest = self._memory.get(key)
            if digest is not None:
                if digest.summary.sentences:
                    leads[row.event.id] = digest.summary.sentences[0].text
            else:
                wanted[row.event.id] = key[1]
        for event_id, (fingerprint, lead) in snapshot.summary_leads(list(wanted)).items():
            if fingerprint == wanted[event_id] and lead:
                leads[event_id] = lead
        return leads

    def digest(self, snapshot: Snapshot, event: Event) -> EventDigest:
        """The event's digest, linked to its storyline as the store holds it now (links change as events arrive)."""
        return self.digest_and_key(snapshot, event)[0]

    def digest_and_key(
        self, snapshot: Snapshot, event: Event, *, memory_only: bool = False
    ) -> tuple[EventDigest, tuple] | None:
        """The digest and a key that changes whenever anything the event's page shows does; with ``memory_only``,
        None unless the digest is in memory (so a caller that must not wait can hand the rest to a thread)."""
        members = snapshot.members([event.id])[event.id]
        key = (event.id, self.fingerprint([(article_id, content_hash) for article_id, content_hash, _ in members]))
        found = self._remembered(key, event) if memory_only else self._analysed(snapshot, event, key)
        if found is None:
            return None
        link = self._titled(snapshot, snapshot.storyline_link(event.id), found.event)
        digest = dataclasses.replace(found, storyline=link)
        return digest, (*key, event.title, event.start, event.end, tuple(event.outlets), repr(link))

    def _titled(self, snapshot: Snapshot, link: StorylineLink | None, event: Event) -> StorylineLink | None:
        """``link`` under the titles a digest gives (``timelines.link_digests``): each event's as its current stored
        analysis keeps it (``event``'s own as given; the store's where no current analysis keeps one), and the
        storyline's that of its largest event, the earliest of equals."""
        if link is None:
            return None
        entries = [*link.earlier, {"id": event.id, "title": event.title}, *link.later]
        ids = [entry["id"] for entry in entries]
        members = snapshot.members(ids)
        stored = snapshot.analysis_titles([i for i in ids if i != event.id])
        titles = {event.id: event.title}
        for event_id, (fingerprint, title) in stored.items():
            current = fingerprint == self.fingerprint([(a, h) for a, h, _ in members[event_id]])
            if current and isinstance(title, str) and title:
                titles[event_id] = title
        retitled = [{**entry, "title": titles.get(entry["id"], entry["title"])} for entry in link.earlier + link.later]
        title = titles.get(largest_event(ids, lambda event_id: len(members[event_id]))) or link.title
        position = len(link.earlier)
        return StorylineLink(link.id, title, earlier=retitled[:position], later=retitled[position:])

    def _analysed(self, snapshot: Snapshot, event: Event, key: tuple[str, str]) -> EventDigest:
        found = self._remembered(key, event)
        if found is not None:
            return found
        with self._lock:
            event_lock = self._event_locks.setdefault(event.id, threading.Lock())
        with event_lock:  # two readers of one new event analyse it once
            found = self._remembered(key, event)
            if found is not None:
                return found
            articles = snapshot.articles(event.article_ids)
            groups = snapshot.copy_groups_of(event.article_ids)
            stored = snapshot.analyses([event.id]).get(event.id)
            digest = None
            if stored is not None and stored[0] == key[1]:
                try:
                    digest = analysis_from_dict(json.loads(stored[1]), event, articles, groups, self.analysers)
                except (KeyError, TypeError, ValueError):  # written by another version: analyse again
                    digest = None
            if digest is None:
                digest = analyse_event(event, articles, groups, words=self.words, analysers=self.analysers)
                self._write_back(event.id, key[1], digest)
            self._remember(key, digest)
            return digest

    def _remembered(self, key: tuple[str, str], event: Event) -> EventDigest | None:
        with self._lock:
            digest = self._memory.get(key)
            if digest is not None:
                self._memory.move_to_end(key)
                digest.event = event  # the title and dates as stored now
        return digest

    def _remember(self, key: tuple[str, str], digest: EventDigest) -> None:
        with self._lock:
            self._memory[key] = digest
            while len(self._memory) > MEMORY_SLOTS:
                self._memory.popitem(last=False)

    def _write_back(self, event_id: str, fingerprint: str, digest: EventDigest) -> None:
        if self._writes is None:
            return
        self._writes.put((event_id, fingerprint, analysis_to_dict(digest, self.analysers)))
        with self._lock:
            if self._writer is None or not self._writer.is_alive():
                self._writer = threading.Thread(target=self._write_loop, name="analysis-cache-writer", daemon=True)
                self._writer.start()

    def _write_loop(self) -> None:
        import sqlite3

        from storyline.store import Store, StoreError

        while True:
            try:
                event_id, fingerprint, data = self._writes.get(timeout=5)
            except queue.Empty:
                return
            try:
                with Store(self.db_path) as store, store.transaction():
                    store.put_analysis(event_id, fingerprint, data)
            except (StoreError, sqlite3.Error, OSError):  # busy or read-only: memory still holds the digest
                continue

    def flush(self, timeout: float = 10.0) -> None:
        """Wait until queued cache writes are done (for tests and a clean shutdown)."""
        writer = self._writer
        if writer is not None:
            writer.join(timeout)
