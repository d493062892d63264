"""What can go wrong with a store file, said in one line that names the file."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

BUSY_TIMEOUT = 120.0  # seconds a writer waits for another writer's transaction before giving up


class StoreError(Exception):
    """The store cannot be opened or used; the message says which file and why."""


def check_store_path(path: str) -> None:
    """A store path must name a file in an existing folder."""
    target = Path(path)
    if target.is_dir():
        raise StoreError(f"{path}: is a directory, not a database file")
    folder = target.parent
    if not folder.exists():
        raise StoreError(f"{path}: the folder {folder} does not exist")
    if not folder.is_dir():
        raise StoreError(f"{path}: {folder} is not a folder")


def store_error(path: str, error: sqlite3.Error | MemoryError) -> StoreError:
    """A StoreError saying in plain words what SQLite's ``error`` means for the store at ``path``."""
    if isinstance(error, MemoryError):  # SQLite's reading a damaged block whose stated size is garbage
        return StoreError(f"{path}: damaged or not a usable Storyline database (SQLite ran out of memory reading it)")
    text = str(error)
    lower = text.lower()
    if "disk is full" in lower or "disk i/o error" in lower:
        return StoreError(f"{path}: cannot write the store ({text}); the unfinished batch was not stored")
    if "readonly" in lower or "read-only" in lower:
        return StoreError(f"{path}: the store is read-only; nothing was stored")
    if "locked" in lower or "busy" in lower:
        return StoreError(
            f"{path}: another storyline command is writing the store and did not finish in time; try again when it has"
        )
    if "unable to open" in lower:
        return StoreError(f"{path}: cannot open the store file ({text})")
    if (
        (isinstance(error, sqlite3.DatabaseError) and not isinstance(error, sqlite3.OperationalError))
        or "malformed" in lower
        or "not a database" in lower
        or "no such table" in lower
        or "no such column" in lower
    ):
        return StoreError(f"{path}: damaged or not a usable Storyline database ({text})")
    return StoreError(f"{path}: store error ({text})")


def refuse_foreign_database(path: str, db: sqlite3.Connection) -> None:
    """A database file that holds another program's tables is never written to."""
    tables = [
        name
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
        if not name.startswith("sqlite_")
    ]
    if tables and "meta" not in tables:
        shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
        raise StoreError(f"{path}: a database of another program (tables: {shown}), not a Storyline store")


_WORD = re.compile(r"\w+")


def words_query(text: str) -> str:
    """Any text as an FTS5 query for all its words: ``U.S.`` -> ``"U" "S"``, never a syntax error."""
    return " ".join(f'"{word}"' for word in _WORD.findall(text))


def is_query_error(error: sqlite3.Error) -> bool:
    """Whether SQLite blames the FTS5 query (rather than the store) for ``error``."""
    lower = str(error).lower()
    return isinstance(error, sqlite3.OperationalError) and any(
        hint in lower
        for hint in (
            "fts5: syntax error",
            "syntax error",
            "no such column",
            "unterminated string",
            "unknown special query",
            "fts5:",
        )
    )
