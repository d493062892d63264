"""Bulk writes (an ingest's batches): the log is copied into the database file by a thread of its own after each
commit; what is stored is what an ingest without it stores, and the connection's settings come back after."""

import sqlite3
import time
from contextlib import contextmanager

import pytest

from storyline import pipeline
from storyline.model import Article
from storyline.store import Store
from storyline.store.bulk import BULK_CACHE_KIB, BackgroundCheckpoints
from tests.scale_stream import stream_records

TABLES = [
    "SELECT seq, id, given_id, content_hash, title, text, paragraphs FROM articles ORDER BY seq",
    "SELECT article_id, group_id, canonical, overlap FROM copy_groups ORDER BY article_id",
    'SELECT id, title, start, "end", outlets FROM events ORDER BY id',
    "SELECT article_id, event_id FROM event_members ORDER BY article_id",
    'SELECT id, title, start, "end" FROM storylines ORDER BY id',
    "SELECT event_id, storyline_id, position FROM storyline_members ORDER BY event_id",
    "SELECT kind, key, data FROM state_rows ORDER BY kind, key",
    "SELECT kind, article_id, data FROM index_rows ORDER BY kind, article_id",
    "SELECT id, block FROM articles_fts_data ORDER BY id",
]


@pytest.fixture(scope="module")
def stream() -> list[Article]:
    return [Article(**record) for record in stream_records(300, seed=5)]


def contents(path) -> list[list[tuple]]:
    with sqlite3.connect(path) as db:
        return [db.execute(query).fetchall() for query in TABLES]


@contextmanager
def no_bulk_writes(self):
    yield self


def test_an_ingest_stores_the_same_with_and_without_bulk_writes(stream, tmp_path, monkeypatch):
    runs = []
    original = BackgroundCheckpoints._run

    def counted(self):
        runs.append(self)
        original(self)

    monkeypatch.setattr(BackgroundCheckpoints, "_run", counted)
    with Store(tmp_path / "bulk.db") as store:
        pipeline.ingest(store, stream, batch_size=50)
    assert len(runs) == 1 and runs[0].done >= 1  # one thread for the command; it checkpointed
    monkeypatch.setattr(Store, "bulk_writes", no_bulk_writes)
    with Store(tmp_path / "plain.db") as store:
        pipeline.ingest(store, stream, batch_size=50)
    bulk, plain = contents(tmp_path / "bulk.db"), contents(tmp_path / "plain.db")
    assert bulk == plain
    assert len(bulk[0]) == len(stream) and bulk[2] and bulk[-1]  # articles, events and the search index


def test_settings_come_back_after_bulk_writes(tmp_path):
    with Store(tmp_path / "s.db") as store:
        db = store._db
        before = [db.execute(f"PRAGMA {name}").fetchone()[0] for name in ("cache_size", "wal_autocheckpoint")]
        with store.bulk_writes():
            assert db.execute("PRAGMA cache_size").fetchone()[0] == -BULK_CACHE_KIB
            assert db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0  # the thread copies the log
            with store.bulk_writes():  # nested: the outer one's thread serves both
                pass
            assert store._checkpoints is not None
        assert store._checkpoints is None
        assert [db.execute(f"PRAGMA {name}").fetchone()[0] for name in ("cache_size", "wal_autocheckpoint")] == before
    with Store(":memory:") as store, store.bulk_writes():  # nothing to copy: no thread
        assert store._checkpoints is None


def test_a_requested_checkpoint_copies_every_committed_page(tmp_path):
    path = str(tmp_path / "s.db")
    with Store(path) as store:
        store._db.execute("PRAGMA wal_autocheckpoint = 0")
        checkpoints = BackgroundCheckpoints(path)
        try:
            with store.transaction():
                store.put_state("blob", bytes(200_000))
            checkpoints.request()
            deadline = time.monotonic() + 10
            while checkpoints.done < 1 and time.monotonic() < deadline:
                time.sleep(0.01)
            assert checkpoints.done == 1
        finally:
            checkpoints.close()
        busy, log_frames, copied = store._db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        assert busy == 0 and log_frames > 40 and copied == log_frames  # nothing was left to copy
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT length(data) FROM state WHERE key = 'blob'").fetchone() == (200_000,)


def test_a_failing_checkpoint_leaves_the_writes_alone(tmp_path, monkeypatch):
    path = str(tmp_path / "s.db")
    with Store(path) as store:
        with store.bulk_writes():
            store._checkpoints._db.close()  # every checkpoint now fails
            for n in range(3):
                with store.transaction():
                    store.put_state(f"k{n}", b"x" * 10_000)
        assert [store.get_state(f"k{n}") for n in range(3)] == [b"x" * 10_000] * 3


def test_an_error_inside_bulk_writes_is_raised_and_the_settings_come_back(tmp_path):
    with Store(tmp_path / "s.db") as store:
        db = store._db
        before = [db.execute(f"PRAGMA {name}").fetchone()[0] for name in ("cache_size", "wal_autocheckpoint")]
        with pytest.raises(ValueError, match="a bad batch"), store.bulk_writes(), store.transaction():
            store.put_state("k", b"v")
            raise ValueError("a bad batch")
        assert store._checkpoints is None and store.get_state("k") is None  # rolled back; the thread stopped
        assert [db.execute(f"PRAGMA {name}").fetchone()[0] for name in ("cache_size", "wal_autocheckpoint")] == before


def test_the_log_starts_over_every_few_commits_instead_of_growing(tmp_path):
    path = tmp_path / "s.db"
    sizes = []
    with Store(path) as store, store.bulk_writes():
        for n in range(16):
            with store.transaction():
                store.put_state(f"k{n}", bytes([n]) * 300_000)  # about 75 pages of the log each
            sizes.append((tmp_path / "s.db-wal").stat().st_size)
    # Four transactions' pages at most, and then some: without the waits every commit appended (16 x 300 KB).
    assert max(sizes) < 6 * 300_000 < 16 * 300_000
    with Store(path) as store:
        assert all(store.get_state(f"k{n}") == bytes([n]) * 300_000 for n in range(16))
