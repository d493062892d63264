"""SQLite-backed store. Every write happens inside ``transaction()``, so a failure leaves nothing half-written."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from storyline.config import DEFAULT_DB
from storyline.ids import suffixed_id
from storyline.model import Article, CopyGroup, Event, Storyline
from storyline.store.bulk import BULK_SETTINGS, BackgroundCheckpoints
from storyline.store.faults import (
    BUSY_TIMEOUT,
    StoreError,
    check_store_path,
    is_query_error,
    refuse_foreign_database,
    store_error,
    words_query,
)
from storyline.store.reads import StoreReads, prefix_range
from storyline.store.schema import MIGRATIONS

ARTICLE_COLUMNS = (
    "id",
    "content_hash",
    "title",
    "title_source",
    "outlet",
    "url",
    "published",
    "date_source",
    "author",
    "language",
    "source_path",
    "text",
    "paragraphs",
)


class Store(StoreReads):
    """Articles and the results of every stage, in one SQLite file (``":memory:"`` for a throwaway store).

    >>> store = Store(":memory:")
    >>> with store.transaction():
    ...     added = store.add_articles([Article(id="a1", text="Some text.", content_hash="h1")])
    >>> [article.id for article in store.articles()]
    ['a1']
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, busy_timeout: float = BUSY_TIMEOUT):
        self.path = str(path)
        if self.path != ":memory:":
            check_store_path(self.path)
        try:
            # a writer waits up to ``busy_timeout`` seconds for another one to finish its transaction
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=busy_timeout)
            refuse_foreign_database(self.path, self._db)  # before anything (even the journal mode) is written
            self._db.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self._db.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except sqlite3.Error as error:
            raise store_error(self.path, error) from None
        except ValueError as error:  # a meta table of another program's making
            raise StoreError(f"{self.path}: not a Storyline database ({error})") from None
        self._depth, self._checkpoints = 0, None  # the thread copying the log while writing in bulk

    @contextmanager
    def bulk_writes(self) -> Iterator[Store]:
        """Many transactions in a row: the log copied by a thread of its own (see ``storyline.store.bulk``)."""
        if self.path == ":memory:" or self._checkpoints is not None:
            yield self
            return
        settings = {name: self._db.execute(f"PRAGMA {name}").fetchone()[0] for name in BULK_SETTINGS}
        for name, value in BULK_SETTINGS.items():
            self._db.execute(f"PRAGMA {name} = {value}")
        self._checkpoints = BackgroundCheckpoints(self.path)
        try:
            yield self
        finally:
            checkpoints, self._checkpoints = self._checkpoints, None
            checkpoints.close()
            with suppress(sqlite3.Error):  # a failed store keeps the error it raised
                for name, value in settings.items():
                    self._db.execute(f"PRAGMA {name} = {value}")

    def set_busy_timeout(self, seconds: float) -> None:
        """How long a write waits for another process's write to finish before failing."""
        self._db.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _migrate(self) -> None:
        self._db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        version = int(row[0]) if row else 0
        if version > len(MIGRATIONS):
            raise StoreError(f"{self.path}: made by a newer Storyline (schema {version}); upgrade to open it")
        for number in range(version, len(MIGRATIONS)):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(MIGRATIONS[number]):
                    self._db.execute(statement)
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(number + 1),))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """All writes inside happen together or not at all (nested calls join the outer transaction)."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        try:
            if self._checkpoints is not None:
                self._checkpoints.before_write()
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise store_error(self.path, error) from None
        self._depth = 1
        try:
            yield self
            self._db.execute("COMMIT")
            if self._checkpoints is not None:
                self._checkpoints.request()
        except BaseException as error:
            if self._db.in_transaction:  # SQLite has already rolled back after some errors (a full disk)
                self._db.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise store_error(self.path, error) from None
            raise
        finally:
            self._depth = 0

    def _require_transaction(self) -> None:
        if not self._depth:
            raise RuntimeError("store writes must happen inside Store.transaction()")

    # Articles

    def add_articles(self, articles: Iterable[Article]) -> list[Article]:
        """Store the articles not stored yet and return them.

        An article is already stored when one with the same id and the same content is; the same text under
        another id (a republication by another outlet) is a new article, which copy grouping will pair up.
        """
        self._require_transaction()
        now = datetime.now(UTC).isoformat(timespec="seconds")
        added = []
        for article in articles:
            if self._db.execute(
                "SELECT 1 FROM articles WHERE given_id = ? AND content_hash = ?", (article.id, article.content_hash)
            ).fetchone():
                continue
            given_id = article.id
            article = self._with_free_id(article)  # a copy: the caller's article keeps its id
            values = [getattr(article, column) for column in ARTICLE_COLUMNS]
            values[-1] = json.dumps(article.paragraphs)
            cursor = self._db.execute(
                f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}, given_id, ingested_at) "
                f"VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))}, ?, ?)",
                (*values, given_id, now),
            )
            self._db.execute(
                "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
                (cursor.lastrowid, article.title or "", article.text),
            )
            added.append(article)
        return added

    def _with_free_id(self, article: Article) -> Article:
        if not self._db.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
            return article
        return replace(article, id=suffixed_id(article.id, article.content_hash))

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        """All stored articles in the order they were stored, or those with the given ids in that order."""
        query = f"SELECT {', '.join(ARTICLE_COLUMNS)}, ingested_at FROM articles"
        if ids is None:
            rows = self._db.execute(query + " ORDER BY seq").fetchall()
        else:
            rows = []
            for chunk in _chunks(list(ids), 500):
                rows += self._db.execute(
                    query + f" WHERE id IN ({', '.join('?' * len(chunk))}) ORDER BY seq", chunk
                ).fetchall()
            position = {article_id: index for index, article_id in enumerate(ids)}
            rows.sort(key=lambda row: position[row[0]])
        return [_row_to_article(row) for row in rows]

    def article_listing(self) -> Iterator[dict]:
        """Every stored article's metadata (no text), in the order stored, read row by row as it is consumed."""
        fields = [
            name
            for name in Article.__dataclass_fields__
            if name in ARTICLE_COLUMNS and name not in ("text", "paragraphs")
        ]
        for row in self._db.execute(f"SELECT {', '.join(fields)} FROM articles ORDER BY seq"):
            yield dict(zip(fields, row))

    def article(self, article_id: str) -> Article | None:
        found = self.articles([article_id])
        return found[0] if found else None

    def ingested_at(self) -> dict[str, str]:
        """When each article was stored (the date used for articles without one)."""
        return dict(self._db.execute("SELECT id, ingested_at FROM articles"))

    def count_articles(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def search(self, query: str, limit: int = 20, *, fts: bool = False) -> list[tuple[str, str]]:
        """Full-text search over titles and texts: ``(article id, snippet)``, best first.

        ``query`` is taken as words that must all occur (any text works); ``fts=True`` reads it in the SQLite FTS5
        query syntax instead (phrases, ``OR``, ``NOT``, prefixes).
        """
        match = query if fts else words_query(query)
        if not match:
            return []
        try:
            rows = self._db.execute(
                "SELECT a.id, snippet(articles_fts, 1, '[', ']', ' … ', 12) FROM articles_fts "
                "JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
                (match, limit),
            ).fetchall()
        except (sqlite3.Error, MemoryError) as error:  # a damaged full-text block can claim any size
            if fts and is_query_error(error):
                raise ValueError(f"invalid FTS5 search query {query!r} ({error})") from None
            raise store_error(self.path, error) from None
        return rows

    # Incremental index rows and state

    def index_rows(self, kind: str) -> Iterator[tuple[str, bytes]]:
        yield from self._db.execute(
            "SELECT article_id, data FROM index_rows WHERE kind = ? ORDER BY article_id", (kind,)
        )

    def put_index_rows(self, kind: str, rows: Iterable[tuple[str, bytes]]) -> None:
        self._require_transaction()
        self._db.executemany(
            "INSERT OR REPLACE INTO index_rows VALUES (?, ?, ?)",
            ((kind, article_id, data) for article_id, data in rows),
        )

    def get_state(self, key: str) -> bytes | None:
        row = self._db.execute("SELECT data FROM state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def put_state(self, key: str, data: bytes) -> None:
        self._require_transaction()
        self._db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (key, data))

    def state_rows(self, kind: str, *, skip: Sequence[str] = ()) -> Iterator[tuple[str, bytes]]:
        """The keyed rows of an index's state (see ``put_state_rows``), less those ``prefix:...`` of the prefixes
        ``skip`` (read by name with ``state_rows_named``)."""
        ranges = "".join(" AND NOT (key >= ? AND key < ?)" for _ in skip)
        bounds = [bound for prefix in skip for bound in prefix_range(prefix)]
        yield from self._db.execute(f"SELECT key, data FROM state_rows WHERE kind = ?{ranges}", (kind, *bounds))

    def put_state_rows(self, kind: str, rows: dict[str, bytes], gone: Iterable[str] = ()) -> None:
        """Write ``rows`` (key -> data) of an index's state and delete its rows ``gone``."""
        self._require_transaction()
        self._db.executemany("DELETE FROM state_rows WHERE kind = ? AND key = ?", ((kind, key) for key in gone))
        self._db.executemany(
            "INSERT OR REPLACE INTO state_rows VALUES (?, ?, ?)", ((kind, key, data) for key, data in rows.items())
        )

    def clear_state_rows(self, kind: str) -> None:
        self._require_transaction()
        self._db.execute("DELETE FROM state_rows WHERE kind = ?", (kind,))

    def delete_state(self, key: str) -> None:
        self._require_transaction()
        self._db.execute("DELETE FROM state WHERE key = ?", (key,))

    # Copy groups

    def put_copy_groups(self, groups: Iterable[CopyGroup]) -> None:
        """Record these groups' memberships (replacing earlier groups of the same articles)."""
        self._require_transaction()
        for group in groups:
            self._db.execute(
                f"DELETE FROM copy_groups WHERE group_id = ? OR article_id IN "
                f"({', '.join('?' * len(group.article_ids))})",
                (group.id, *group.article_ids),
            )
            self._db.executemany(
                "INSERT INTO copy_groups VALUES (?, ?, ?, ?)",
                (
                    (article_id, group.id, group.canonical, group.overlap.get(article_id))
                    for article_id in group.article_ids
                ),
            )

    def copy_groups(self, article_ids: Sequence[str] | None = None) -> list[CopyGroup]:
        """Every copy group, or those holding any of ``article_ids``."""
        query = (
            "SELECT c.article_id, c.group_id, c.canonical, c.overlap FROM copy_groups c "
            "JOIN articles a ON a.id = c.article_id{} ORDER BY c.group_id, a.seq"
        )
        if article_ids is None:
            rows = self._db.execute(query.format(""))
        else:
            wanted = sorted(self._distinct("group_id", "copy_groups", "article_id", list(article_ids)))
            rows = []
            for chunk in _chunks(wanted, 500):
                where = f" WHERE c.group_id IN ({', '.join('?' * len(chunk))})"
                rows += self._db.execute(query.format(where), chunk).fetchall()
        groups: dict[str, CopyGroup] = {}
        for article_id, group_id, canonical, overlap in rows:
            group = groups.setdefault(group_id, CopyGroup(group_id, [], canonical, {}))
            group.article_ids.append(article_id)
            if overlap is not None:
                group.overlap[article_id] = overlap
        return list(groups.values())

    # Events

    def put_events(self, events: Iterable[Event]) -> None:
        """Record these events and their members (replacing earlier versions of them); an event left without
        members by them is removed, with its place in its storyline."""
        self._require_transaction()
        events = list(events)
        # Only the events these articles come from, and these, can be left empty: no scan of every event.
        emptied = self._events_of([article_id for event in events for article_id in event.article_ids])
        for event in events:
            self._db.execute(
                "INSERT OR REPLACE INTO events VALUES (?, ?, ?, ?, ?)",
                (event.id, event.title, event.start, event.end, json.dumps(event.outlets)),
            )
            self._db.execute("DELETE FROM event_members WHERE event_id = ?", (event.id,))
            self._db.executemany(
                "INSERT OR REPLACE INTO event_members VALUES (?, ?)",
                ((article_id, event.id) for article_id in event.article_ids),
            )
        emptied |= {event.id for event in events}
        gone = [
            (event_id,)
            for event_id in sorted(emptied)
            if not self._db.execute("SELECT 1 FROM event_members WHERE event_id = ? LIMIT 1", (event_id,)).fetchone()
        ]
        self._db.executemany("DELETE FROM events WHERE id = ?", gone)
        storylines = self._storylines_of([event_id for (event_id,) in gone])
        self._db.executemany("DELETE FROM storyline_members WHERE event_id = ?", gone)
        self._drop_empty_storylines(storylines)

    def _events_of(self, article_ids: list[str]) -> set[str]:
        return self._distinct("event_id", "event_members", "article_id", article_ids)

    def _distinct(self, column: str, table: str, key: str, values: list[str]) -> set[str]:
        """The distinct ``column`` of the ``table`` rows whose ``key`` is one of ``values`` (read in chunks)."""
        found: set[str] = set()
        for chunk in _chunks(values, 500):
            query = f"SELECT DISTINCT {column} FROM {table} WHERE {key} IN ({', '.join('?' * len(chunk))})"
            found.update(row[0] for row in self._db.execute(query, chunk))
        return found

    def replace_all_events(self, events: Iterable[Event]) -> None:
        self._require_transaction()
        self._db.execute("DELETE FROM event_members")
        self._db.execute("DELETE FROM events")
        self._db.execute("DELETE FROM analyses")
        self.put_events(events)

    def events(self) -> list[Event]:
        members: dict[str, list[str]] = {}
        for article_id, event_id in self._db.execute(
            "SELECT m.article_id, m.event_id FROM event_members m JOIN articles a ON a.id = m.article_id ORDER BY a.seq"
        ):
            members.setdefault(event_id, []).append(article_id)
        return [
            Event(event_id, title, start, end, members.get(event_id, []), json.loads(outlets))
            for event_id, title, start, end, outlets in self._db.execute(
                'SELECT id, title, start, "end", outlets FROM events ORDER BY start, id'
            )
        ]

    # Storylines

    def put_storylines(self, storylines: Iterable[Storyline]) -> None:
        """Record these storylines and their events (replacing earlier storylines of the same events); storylines
        left without events, and members whose event is gone, are removed."""
        self._require_transaction()
        storylines = list(storylines)
        # Only the storylines these events come from, and these, can lose members: no scan of every storyline.
        touched = self._storylines_of([event_id for storyline in storylines for event_id in storyline.event_ids])
        for storyline in storylines:
            self._db.execute("DELETE FROM storyline_members WHERE storyline_id = ?", (storyline.id,))
            self._db.executemany(
                "DELETE FROM storyline_members WHERE event_id = ?", ((event_id,) for event_id in storyline.event_ids)
            )
            self._db.execute(
                "INSERT OR REPLACE INTO storylines VALUES (?, ?, ?, ?)",
                (storyline.id, storyline.title, storyline.start, storyline.end),
            )
            self._db.executemany(
                "INSERT INTO storyline_members VALUES (?, ?, ?)",
                ((event_id, storyline.id, position) for position, event_id in enumerate(storyline.event_ids)),
            )
        touched |= {storyline.id for storyline in storylines}
        self._db.executemany(
            "DELETE FROM storyline_members WHERE storyline_id = ? AND NOT EXISTS "
            "(SELECT 1 FROM events WHERE id = storyline_members.event_id)",
            ((storyline_id,) for storyline_id in sorted(touched)),
        )
        self._drop_empty_storylines(touched)

    def _storylines_of(self, event_ids: list[str]) -> set[str]:
        return self._distinct("storyline_id", "storyline_members", "event_id", event_ids)

    def _drop_empty_storylines(self, storyline_ids: set[str]) -> None:
        self._db.executemany(
            "DELETE FROM storylines WHERE id = ? AND NOT EXISTS "
            "(SELECT 1 FROM storyline_members WHERE storyline_id = storylines.id)",
            ((storyline_id,) for storyline_id in sorted(storyline_ids)),
        )

    def replace_all_storylines(self, storylines: Iterable[Storyline]) -> None:
        self._require_transaction()
        self._db.execute("DELETE FROM storyline_members")
        self._db.execute("DELETE FROM storylines")
        self.put_storylines(storylines)

    def storylines(self) -> list[Storyline]:
        """Every stored storyline, oldest first, with its events in date order."""
        members: dict[str, list[str]] = {}
        for event_id, storyline_id in self._db.execute(
            "SELECT event_id, storyline_id FROM storyline_members ORDER BY storyline_id, position"
        ):
            members.setdefault(storyline_id, []).append(event_id)
        return [
            Storyline(storyline_id, title, start, end, members.get(storyline_id, []))
            for storyline_id, title, start, end in self._db.execute(
                'SELECT id, title, start, "end" FROM storylines ORDER BY start IS NULL, start, id'
            )
        ]

    # Analyses

    def get_analysis(self, event_id: str, fingerprint: str) -> dict | None:
        row = self._db.execute(
            "SELECT data FROM analyses WHERE event_id = ? AND fingerprint = ?", (event_id, fingerprint)
        ).fetchone()
        return json.loads(row[0]) if row else None

    def put_analysis(self, event_id: str, fingerprint: str, data: dict) -> None:
        self.put_analyses([(event_id, fingerprint, json.dumps(data))])

    def put_analyses(self, analyses: Iterable[tuple[str, str, str]]) -> None:
        """Store ``(event id, fingerprint, analysis as JSON text)`` rows in one statement."""
        self._require_transaction()
        self._db.executemany("INSERT OR REPLACE INTO analyses VALUES (?, ?, ?)", analyses)


def _statements(script: str) -> Iterator[str]:
    """The SQL statements of ``script`` (semicolons inside comments and strings do not split)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement in a migration: {pending.strip()[:60]}")


def _row_to_article(row: tuple) -> Article:
    values = dict(zip(ARTICLE_COLUMNS, row[:-1]))
    values["paragraphs"] = [tuple(span) for span in json.loads(values["paragraphs"])]
    return Article(**values)


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
