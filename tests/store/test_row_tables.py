"""Index rows and state rows live in rowid tables: a store made with them as WITHOUT ROWID tables is moved over with
every row, and ingests on from there exactly as a store made afresh."""

import random
import sqlite3

from storyline import pipeline
from storyline.ingest import read_paths
from storyline.store import Store
from storyline.store.schema import MIGRATIONS

WORDS = "ferry strike union wage bridge crack beam council vote budget storm flood river harbour court ruling".split()
ROW_TABLES = {"index_rows": "kind, article_id", "state_rows": "kind, key"}


def write_stream(folder, start: int, count: int, seed: int) -> None:
    draw = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(start, start + count):
        topic = draw.sample(WORDS, 4)
        sentences = [" ".join(draw.choices(topic, k=12)).capitalize() + "." for _ in range(8)]
        (folder / f"story-{number:03d}.txt").write_text(f"Report {number}. " + " ".join(sentences))


def rows(path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as db:
        return {
            table: db.execute(f"SELECT * FROM {table} ORDER BY {key}").fetchall() for table, key in ROW_TABLES.items()
        }


def table_sql(path, table: str) -> str:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]


def as_without_rowid(path) -> None:
    """The store as the schema before the move made it: both tables WITHOUT ROWID, the same rows."""
    with sqlite3.connect(path) as db:
        for table, key in ROW_TABLES.items():
            columns = ", ".join(
                f"{name} {kind} NOT NULL" for _, name, kind, *_ in db.execute(f"PRAGMA table_info({table})")
            )
            db.executescript(
                f"CREATE TABLE old_{table} ({columns}, PRIMARY KEY ({key})) WITHOUT ROWID;"
                f"INSERT INTO old_{table} SELECT * FROM {table}; DROP TABLE {table};"
                f"ALTER TABLE old_{table} RENAME TO {table};"
            )
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(len(MIGRATIONS) - 1),))


def test_the_move_keeps_every_row_and_later_ingests_match_a_fresh_store(tmp_path):
    write_stream(tmp_path / "first", 0, 40, seed=1)
    write_stream(tmp_path / "later", 40, 30, seed=2)
    moved, fresh = tmp_path / "moved.db", tmp_path / "fresh.db"
    for path in (moved, fresh):
        with Store(path) as store:
            pipeline.ingest(store, read_paths([tmp_path / "first"]), batch_size=16)
    as_without_rowid(moved)
    assert "WITHOUT ROWID" in table_sql(moved, "state_rows")
    before = rows(moved)
    assert before == rows(fresh) and all(before.values())

    with Store(moved) as store:  # opening it moves the tables
        assert rows(moved) == before
        with store.transaction():
            kinds = {kind for kind, *_ in before["state_rows"]}
            assert {kind: dict(store.state_rows(kind)) for kind in kinds} == {
                kind: {key: data for k, key, data in before["state_rows"] if k == kind} for kind in kinds
            }
    for table in ROW_TABLES:
        assert "WITHOUT ROWID" not in table_sql(moved, table)
        assert "PRIMARY KEY" in table_sql(moved, table)

    for path in (moved, fresh):
        with Store(path) as store:
            pipeline.ingest(store, read_paths([tmp_path / "later"]), batch_size=16)
    assert rows(moved) == rows(fresh)
    with sqlite3.connect(moved) as db, sqlite3.connect(fresh) as other:
        for query in ("SELECT * FROM copy_groups ORDER BY article_id", "SELECT * FROM events ORDER BY id"):
            assert db.execute(query).fetchall() == other.execute(query).fetchall()


def test_a_state_row_written_again_replaces_it_and_keys_stay_unique(tmp_path):
    with Store(tmp_path / "s.db") as store, store.transaction():
        large = bytes(range(256)) * 40_000  # overflows many pages
        store.put_state_rows("kind", {"big": large, "meta": b"1"})
        store.put_state_rows("kind", {"meta": b"2"})
        store.put_index_rows("copies", [("a1", b"x"), ("a1", b"y")])
        assert dict(store.state_rows("kind")) == {"big": large, "meta": b"2"}
        assert dict(store.index_rows("copies")) == {"a1": b"y"}
        store.put_state_rows("kind", {}, ["big"])
        assert list(store.state_rows("kind")) == [("meta", b"2")]
