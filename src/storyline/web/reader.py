"""Read-only access to a store for the web app: one connection per thread, one snapshot per request.

The app never writes articles, events or copy groups. Each request reads inside one transaction, so an ingest
committing meanwhile (the store is in WAL mode) shows either entirely or not at all, and never fails a page.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from storyline.model import Article, CopyGroup, Event, StorylineLink
from storyline.store import StoreError
from storyline.store.sqlite import ARTICLE_COLUMNS
from storyline.web.query import fts_query

# Marks around search hits in snippets: private-use characters, turned into <mark> after escaping.
HIT_OPEN, HIT_CLOSE = "\ue000", "\ue001"
_MATCHED_EVENTS_CAP = 5000
MMAP_BYTES = 1 << 32


@dataclass(slots=True, frozen=True)
class EventFilters:
    """What the events page is narrowed to; empty fields do not filter."""

    since: str = ""
    until: str = ""
    outlet: str = ""
    text: str = ""


@dataclass(slots=True)
class EventRow:
    """One line of the events list."""

    event: Event
    article_count: int
    outlet_count: int
    members: list[tuple[str, str]] = field(default_factory=list)  # (article id, content hash)


@dataclass(slots=True)
class SearchHit:
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str  # with HIT_OPEN / HIT_CLOSE around the matched words
    event_id: str | None


class Snapshot:
    """The queries the pages need, over one read transaction."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    # Events

    def events_matching(self, text: str) -> set[str] | None:
        """Events with an article whose text holds ``text`` (None when nothing in it can be searched)."""
        match = fts_query(text)
        if match is None:
            return None
        return {
            row[0]
            for row in self.db.execute(
                "SELECT DISTINCT m.event_id FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
                "JOIN event_members m ON m.article_id = a.id WHERE articles_fts MATCH ? LIMIT ?",
                (match, _MATCHED_EVENTS_CAP),
            )
        }

    def members(self, event_ids: Sequence[str]) -> dict[str, list[tuple[str, str, str | None]]]:
        """Each event's articles in the order they were stored: (id, content hash, outlet)."""
        result: dict[str, list[tuple[str, str, str | None]]] = {event_id: [] for event_id in event_ids}
        if not event_ids:
            return result
        for event_id, article_id, content_hash, outlet in self.db.execute(
            "SELECT m.event_id, a.id, a.content_hash, a.outlet FROM event_members m "
            "JOIN articles a ON a.id = m.article_id WHERE m.event_id IN (SELECT value FROM json_each(?)) "
            "ORDER BY a.seq",
            (json.dumps(list(event_ids)),),
        ):
            result[event_id].append((article_id, content_hash, outlet))
        return result

    def event(self, event_id: str) -> Event | None:
        row = self.db.execute(
            'SELECT id, title, start, "end", outlets FROM events WHERE id = ?', (event_id,)
        ).fetchone()
        if row is None:
            return None
        members = self.members([event_id])[event_id]
        return Event(row[0], row[1], row[2], row[3], [article_id for article_id, _, _ in members], json.loads(row[4]))

    def storyline_link(self, event_id: str) -> StorylineLink | None:
        """The event's storyline and that storyline's events before and after it, as ``timelines.link_digests``."""
        row = self.db.execute(
            "SELECT s.id, s.title FROM storyline_members m JOIN storylines s ON s.id = m.storyline_id "
            "WHERE m.event_id = ?",
            (event_id,),
        ).fetchone()
        if row is None:
            return None
        entries = [
            {"id": member, "title": title, "start": start}
            for member, title, start in self.db.execute(
                "SELECT e.id, e.title, e.start FROM storyline_members m JOIN events e ON e.id = m.event_id "
                "WHERE m.storyline_id = ? ORDER BY m.position",
                (row[0],),
            )
        ]
        position = next(i for i, entry in enumerate(entries) if entry["id"] == event_id)
        return StorylineLink(row[0], row[1], earlier=entries[:position], later=entries[position + 1 :])

    def event_of(self, article_id: str) -> str | None:
        row = self.db.execute("SELECT event_id FROM event_members WHERE article_id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def event_titles(self, event_ids: Sequence[str]) -> dict[str, str]:
        return dict(
            self.db.execute(
                "SELECT id, title FROM events WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(list(event_ids)),),
            )
        )

    def counts(self) -> tuple[int, int]:
        articles = self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        events = self.db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        return articles, events

    # Articles and copy groups

    def articles(self, ids: Sequence[str]) -> list[Article]:
        """The articles with these ids, in the order given (unknown ids left out)."""
        rows = self.db.execute(
            f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(ids)),),
        ).fetchall()
        by_id = {row[0]: _row_to_article(row) for row in rows}
        return [by_id[article_id] for article_id in ids if article_id in by_id]

    def article(self, article_id: str) -> Article | None:
        found = self.articles([article_id])
        return found[0] if found else None

    def copy_groups_of(self, article_ids: Sequence[str]) -> list[CopyGroup]:
        """The copy groups these articles belong to, whole, members in the order they were stored."""
        groups: dict[str, CopyGroup] = {}
        for article_id, group_id, canonical, overlap in self.db.execute(
            "SELECT c.article_id, c.group_id, c.canonical, c.overlap FROM copy_groups c "
            "JOIN articles a ON a.id = c.article_id WHERE c.group_id IN "
            "(SELECT group_id FROM copy_groups WHERE article_id IN (SELECT value FROM json_each(?))) "
            "ORDER BY c.group_id, a.seq",
            (json.dumps(list(article_ids)),),
        ):
            group = groups.setdefault(group_id, CopyGroup(group_id, [], canonical, {}))
            group.article_ids.append(article_id)
            if overlap is not None:
                group.overlap[article_id] = overlap
        return list(groups.values())

    def article_briefs(self, ids: Sequence[str]) -> dict[str, tuple[str | None, str | None, str | None]]:
        """(title, outlet, published) per article id, without the text."""
        return {
            row[0]: row[1:]
            for row in self.db.execute(
                "SELECT id, title, outlet, published FROM articles WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(list(ids)),),
            )
        }

    # Analyses

    def analyses(self, event_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """Stored analyses: event id -> (fingerprint, JSON text)."""
        return {
            row[0]: (row[1], row[2])
            for row in self.db.execute(
                "SELECT event_id, fingerprint, data FROM analyses WHERE event_id IN (SELECT value FROM json_each(?))",
                (json.dumps(list(event_ids)),),
            )
        }

    def analysis_titles(self, event_ids: Sequence[str]) -> dict[str, tuple[str, str | None]]:
        """Stored analyses' fingerprints and the titles they keep."""
        return self._analysis_field(event_ids, "$.title")

    def summary_leads(self, event_ids: Sequence[str]) -> dict[str, tuple[str, str | None]]:
        """Stored analyses' fingerprints and first summary sentences."""
        return self._analysis_field(event_ids, "$.summary.sentences[0].text")

    def _analysis_field(self, event_ids: Sequence[str], path: str) -> dict[str, tuple[str, str | None]]:
        """Stored analyses' fingerprints and the field at ``path`` of each (read inside SQLite, not parsed here)."""
        return {
            row[0]: (row[1], row[2])
            for row in self.db.execute(
                "SELECT event_id, fingerprint, json_extract(data, ?) FROM analyses "
                "WHERE event_id IN (SELECT value FROM json_each(?))",
                (path, json.dumps(list(event_ids))),
            )
        }

    def lead_sentences(self, article_ids: Sequence[str]) -> dict[str, str]:
        """The first line of each article's text, for events not analysed yet."""
        return {
            row[0]: row[1]
            for row in self.db.execute(
                "SELECT id, substr(text, 1, 400) FROM articles WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(list(article_ids)),),
            )
        }

    # Search

    def search(self, text: str, *, limit: int = 50) -> list[SearchHit]:
        """Best-matching articles for whatever a person typed (an empty list when nothing can be searched)."""
        match = fts_query(text)
        if match is None:
            return []
        rows = self.db.execute(
            f"SELECT a.id, a.title, a.outlet, a.published, "
            f"snippet(articles_fts, 1, '{HIT_OPEN}', '{HIT_CLOSE}', ' … ', 24), m.event_id "
            f"FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
            f"LEFT JOIN event_members m ON m.article_id = a.id "
            f"WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, limit),
        ).fetchall()
        return [SearchHit(*row) for row in rows]


class StoreReader:
    """Read-only connections to one store file, one per thread."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        if not Path(self.path).is_file():
            raise StoreError(f"{self.path}: no such store (create one with 'storyline ingest')")
        self._local = threading.local()
        with self.snapshot() as snapshot:  # fails now, with a clear message, on a file that is no store
            try:
                snapshot.db.execute("SELECT 1 FROM events LIMIT 1").fetchall()
            except sqlite3.DatabaseError as error:
                raise StoreError(f"{self.path}: not a usable Storyline database ({error})") from None

    def _connection(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            try:
                db = sqlite3.connect(
                    f"file:{quote(str(Path(self.path).resolve()))}?mode=ro",
                    uri=True,
                    isolation_level=None,
                    timeout=10,
                    check_same_thread=False,
                )
                db.execute("PRAGMA query_only = ON")
                # Read the file through the OS page cache, shared by every connection and kept when an ingest
                # commits (a connection's own page cache is dropped whenever the store changes).
                db.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            except sqlite3.DatabaseError as error:
                raise StoreError(f"{self.path}: cannot be opened for reading ({error})") from None
            self._local.db = db
        return db

    @contextmanager
    def snapshot(self) -> Iterator[Snapshot]:
        """Every read inside sees the store as it was at the first read."""
        db = self._connection()
        db.execute("BEGIN")
        try:
            yield Snapshot(db)
        finally:
            db.execute("COMMIT")


def _row_to_article(row: tuple) -> Article:
    values = dict(zip(ARTICLE_COLUMNS, row, strict=True))
    values["paragraphs"] = [tuple(span) for span in json.loads(values["paragraphs"] or "[]")]
    return Article(**values)
