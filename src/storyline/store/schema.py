"""The store's tables, as an ordered list of migrations; the position of the last one applied is kept."""


def _numbered(event_id: str) -> str:
    """Trigger statements that give ``event_id`` a change number above every one before it."""
    return f"""
        UPDATE event_changes SET seq = (SELECT MAX(seq) + 1 FROM event_changes) WHERE event_id = {event_id};
        INSERT INTO event_changes SELECT {event_id}, (SELECT COALESCE(MAX(seq), 0) + 1 FROM event_changes)
            WHERE NOT EXISTS (SELECT 1 FROM event_changes WHERE event_id = {event_id});"""


def _rowid_copy(table: str, columns: str, key: str) -> str:
    """Statements that rebuild ``table`` as a rowid table with the same columns, rows and primary key."""
    return f"""
    CREATE TABLE {table}_by_rowid ({columns}, PRIMARY KEY ({key}));
    INSERT INTO {table}_by_rowid SELECT * FROM {table} ORDER BY {key};
    DROP TABLE {table};
    ALTER TABLE {table}_by_rowid RENAME TO {table};"""


MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        given_id TEXT NOT NULL,  -- the id the source gave; ``id`` differs only when that one was taken
        content_hash TEXT NOT NULL,
        title TEXT, title_source TEXT, outlet TEXT, url TEXT, published TEXT, date_source TEXT,
        author TEXT, language TEXT, source_path TEXT,
        text TEXT NOT NULL,
        paragraphs TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        UNIQUE (given_id, content_hash)
    );
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='seq');
    -- one opaque row per article for each incremental index (copy signatures, ...)
    CREATE TABLE index_rows (
        kind TEXT NOT NULL, article_id TEXT NOT NULL, data BLOB NOT NULL,
        PRIMARY KEY (kind, article_id)
    ) WITHOUT ROWID;
    CREATE TABLE state (key TEXT PRIMARY KEY, data BLOB NOT NULL);
    CREATE TABLE copy_groups (
        article_id TEXT PRIMARY KEY, group_id TEXT NOT NULL, canonical TEXT NOT NULL, overlap REAL
    );
    CREATE INDEX copy_groups_by_group ON copy_groups (group_id);
    CREATE TABLE events (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, start TEXT, "end" TEXT, outlets TEXT NOT NULL
    );
    CREATE TABLE event_members (article_id TEXT PRIMARY KEY, event_id TEXT NOT NULL);
    CREATE INDEX event_members_by_event ON event_members (event_id);
    -- analysis results per event, valid while the event's membership fingerprint is unchanged
    CREATE TABLE analyses (event_id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, data TEXT NOT NULL);
    """,
    """
    CREATE TABLE storylines (id TEXT PRIMARY KEY, title TEXT NOT NULL, start TEXT, "end" TEXT);
    -- each event in one storyline, at its place in the storyline's date order
    CREATE TABLE storyline_members (
        event_id TEXT PRIMARY KEY, storyline_id TEXT NOT NULL, position INTEGER NOT NULL
    );
    CREATE INDEX storyline_members_by_storyline ON storyline_members (storyline_id);
    """,
    """
    -- an incremental index's state as keyed rows, each rewritten only when what it holds changes
    CREATE TABLE IF NOT EXISTS state_rows (
        kind TEXT NOT NULL, key TEXT NOT NULL, data BLOB NOT NULL,
        PRIMARY KEY (kind, key)
    ) WITHOUT ROWID;
    """,
    f"""
    -- every event added, changed or removed, with a number above all those before it: a reader follows a write by
    -- reading the events changed since the number it last saw (kept by triggers, so no writer can skip it; numbered
    -- before any row goes, and with no statement that can conflict, whatever conflict clause the write has)
    CREATE TABLE IF NOT EXISTS event_changes (event_id TEXT PRIMARY KEY, seq INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS event_changes_by_seq ON event_changes (seq);
    CREATE TRIGGER IF NOT EXISTS event_added AFTER INSERT ON events BEGIN {_numbered("NEW.id")}
    END;
    CREATE TRIGGER IF NOT EXISTS event_changed AFTER UPDATE ON events BEGIN {_numbered("OLD.id")}{_numbered("NEW.id")}
    END;
    CREATE TRIGGER IF NOT EXISTS event_removed AFTER DELETE ON events BEGIN {_numbered("OLD.id")}
    END;
    """,
    f"""
    -- the rows of many kilobytes (index rows, state rows up to tens of MB) move into tables keyed by rowid, with
    -- their keys in an index of their own: a key search in a WITHOUT ROWID table reads the whole of every row it
    -- compares with whose record overflows its page, so writing a 100-byte state row beside a 50 MB one took 0.1 s
    {_rowid_copy("index_rows", "kind TEXT NOT NULL, article_id TEXT NOT NULL, data BLOB NOT NULL", "kind, article_id")}
    {_rowid_copy("state_rows", "kind TEXT NOT NULL, key TEXT NOT NULL, data BLOB NOT NULL", "kind, key")}
    """,
)
