"""The store under faults: killed processes, two writers, readers during a write, full or damaged files."""

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from storyline import pipeline
from storyline.cli import main
from storyline.ingest import read_paths
from storyline.model import Article
from storyline.store import Store, StoreError

WORDS = (
    "harbour council ferry strike bridge river storm election budget school hospital court police fire rail "
    "airport mayor union wage crew vote market flood road tunnel museum stadium club league price tax"
).split()


def synthetic(count: int, seed: int, prefix: str) -> list[dict]:
    rng = random.Random(seed)
    return [
        {
            "id": f"{prefix}{n}",
            "title": f"{rng.choice(WORDS).title()} report {prefix}{n}",
            "published": f"2024-03-{1 + n % 28:02d}",
            "text": " ".join(rng.choice(WORDS) for _ in range(60)) + f". Item {prefix}{n}.",
        }
        for n in range(count)
    ]


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    return path


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def consistent(db) -> int:
    """The number of stored articles, after checking the file and that every article went in with its batch."""
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if not connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone():
            return 0  # killed before the tables were made: the next run makes them
        articles = connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        assert connection.execute("SELECT COUNT(*) FROM articles_fts").fetchone()[0] == articles
        assert connection.execute("SELECT COUNT(*) FROM copy_groups").fetchone()[0] == articles
        assert connection.execute("SELECT COUNT(*) FROM event_members").fetchone()[0] == articles
        assert connection.execute("SELECT COUNT(DISTINCT id) FROM articles").fetchone()[0] == articles
    return articles


def test_an_ingest_killed_at_random_moments_leaves_only_whole_batches(tmp_path):
    records = synthetic(800, seed=7, prefix="k")
    source = write_jsonl(tmp_path / "many.jsonl", records)
    db = tmp_path / "store.db"
    command = [sys.executable, "-m", "storyline.cli", "ingest", str(source), "--db", str(db)]
    rng = random.Random()
    for _ in range(3):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while not db.exists() and process.poll() is None:  # the store is opened once start-up is over
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 2.0))
        process.send_signal(signal.SIGKILL)
        process.wait()
        if db.exists():
            stored = consistent(db)
            assert stored % 500 == 0 or stored == len(records)  # whole batches of 500, never part of one
    finished = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert consistent(db) == len(records)


def test_a_second_writer_keeps_the_first_writers_events(tmp_path):
    """Two ingests at once: the one that loaded its indexes first must not overwrite the other's event state."""
    first, second = synthetic(6, seed=1, prefix="a"), synthetic(6, seed=2, prefix="b")
    db = tmp_path / "store.db"
    Store(db).close()
    write_jsonl(tmp_path / "b.jsonl", second)
    write_jsonl(tmp_path / "a.jsonl", first)

    def first_writer_items():
        with Store(db) as other:  # the other process writes after this one has started
            pipeline.ingest(other, read_paths([tmp_path / "b.jsonl"]))
        yield from read_paths([tmp_path / "a.jsonl"])

    with Store(db) as store:
        pipeline.ingest(store, first_writer_items())
    # copies of both writers' articles, under new ids, arrive later: each joins its original's event
    copies = [dict(record, id="copy-" + record["id"]) for record in first + second]
    write_jsonl(tmp_path / "copies.jsonl", copies)
    with Store(db) as store:
        pipeline.ingest(store, read_paths([tmp_path / "copies.jsonl"]))
        event_of = {article_id: event.id for event in store.events() for article_id in event.article_ids}
        group_of = {a: group.id for group in store.copy_groups() for a in group.article_ids}
    assert len(event_of) == 24
    for record in first + second:
        assert group_of[record["id"]] == group_of["copy-" + record["id"]], record["id"]
        assert event_of[record["id"]] == event_of["copy-" + record["id"]], record["id"]


def test_a_writer_waits_for_another_and_says_so_when_it_cannot(tmp_path):
    db = tmp_path / "store.db"
    Store(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with (
            Store(db, busy_timeout=0.2) as store,
            pytest.raises(StoreError, match="another storyline command"),
            store.transaction(),
        ):
            pass
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_readers_work_while_an_ingest_writes(tmp_path, capsys):
    db = tmp_path / "store.db"
    write_jsonl(tmp_path / "a.jsonl", synthetic(5, seed=1, prefix="a"))
    assert run(capsys, "ingest", tmp_path / "a.jsonl", "--db", db)[0] == 0
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM event_members")  # uncommitted: readers see the last committed state
    try:
        code, out, _ = run(capsys, "articles", "--db", db)
        assert code == 0 and len(out.splitlines()) == 5
        code, out, _ = run(capsys, "search", "report", "--db", db)
        assert code == 0 and len(out.splitlines()) == 5
        code, out, err = run(capsys, "digest", "--db", db, "--out", tmp_path / "out")
        assert code == 0, err
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_full_disk_is_one_clear_line_and_loses_nothing(tmp_path):
    db = tmp_path / "store.db"
    write_jsonl(tmp_path / "a.jsonl", synthetic(5, seed=1, prefix="a"))
    write_jsonl(tmp_path / "b.jsonl", synthetic(400, seed=2, prefix="b"))
    with Store(db) as store:
        pipeline.ingest(store, read_paths([tmp_path / "a.jsonl"]))
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count = {pages + 2}")  # as if the disk were full
        with pytest.raises(StoreError, match=r"store\.db: cannot write the store") as raised:
            pipeline.ingest(store, read_paths([tmp_path / "b.jsonl"]))
        assert "rollback" not in str(raised.value)
    assert consistent(db) == 5


def test_a_read_only_store_is_one_clear_line(tmp_path, capsys):
    db = tmp_path / "store.db"
    write_jsonl(tmp_path / "a.jsonl", synthetic(3, seed=1, prefix="a"))
    write_jsonl(tmp_path / "b.jsonl", synthetic(3, seed=2, prefix="b"))
    with Store(db) as store:
        pipeline.ingest(store, read_paths([tmp_path / "a.jsonl"]))
        store._db.execute("PRAGMA query_only = ON")
        with pytest.raises(StoreError, match="read-only"):
            pipeline.ingest(store, read_paths([tmp_path / "b.jsonl"]))
    if os.geteuid() != 0:  # root writes read-only files
        db.chmod(0o444)
        code, _, err = run(capsys, "ingest", tmp_path / "b.jsonl", "--db", db)
        assert code == 2 and "read-only" in err and "Traceback" not in err


def test_a_damaged_event_state_says_to_rebuild(tmp_path, capsys):
    db = tmp_path / "store.db"
    write_jsonl(tmp_path / "a.jsonl", synthetic(3, seed=1, prefix="a"))
    write_jsonl(tmp_path / "b.jsonl", synthetic(3, seed=2, prefix="b"))
    assert run(capsys, "ingest", tmp_path / "a.jsonl", "--db", db)[0] == 0
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE state_rows SET data = ? WHERE kind = 'events' AND key = 'meta'", (b"damaged",))
    code, _, err = run(capsys, "ingest", tmp_path / "b.jsonl", "--db", db)
    assert code == 2 and "store.db" in err and "storyline rebuild" in err and "internal error" not in err
    assert run(capsys, "rebuild", "--db", db)[0] == 0
    assert run(capsys, "ingest", tmp_path / "b.jsonl", "--db", db)[0] == 0


@pytest.mark.parametrize("key", ["meta", "event:%"])
def test_a_damaged_storyline_state_says_to_rebuild(tmp_path, capsys, key):
    db = tmp_path / "store.db"
    write_jsonl(tmp_path / "a.jsonl", synthetic(3, seed=1, prefix="a"))
    write_jsonl(tmp_path / "b.jsonl", synthetic(3, seed=2, prefix="b"))
    assert run(capsys, "ingest", tmp_path / "a.jsonl", "--db", db)[0] == 0
    with sqlite3.connect(db) as connection:
        damaged = connection.execute(
            "UPDATE state_rows SET data = ? WHERE kind = 'storylines' AND key LIKE ?", (b"damaged", key)
        ).rowcount
    assert damaged
    code, _, err = run(capsys, "ingest", tmp_path / "b.jsonl", "--db", db)
    assert code == 2 and "store.db" in err and "storyline rebuild" in err and "internal error" not in err
    assert run(capsys, "rebuild", "--db", db)[0] == 0
    assert run(capsys, "ingest", tmp_path / "b.jsonl", "--db", db)[0] == 0


def test_a_damaged_store_is_not_blamed_on_the_query(tmp_path, capsys):
    db = tmp_path / "store.db"
    write_jsonl(tmp_path / "a.jsonl", synthetic(50, seed=1, prefix="a"))
    assert run(capsys, "ingest", tmp_path / "a.jsonl", "--db", db)[0] == 0
    with sqlite3.connect(db) as connection:  # the full-text index damaged
        connection.execute("UPDATE articles_fts_data SET block = randomblob(length(block)) WHERE id > 1")
    code, _, err = run(capsys, "search", "report", "--db", db)
    assert code == 2 and "store.db: damaged" in err and "query" not in err and "internal error" not in err
    data = bytearray(db.read_bytes())
    data[4096 : len(data) - 4096] = b"\x5a" * (len(data) - 8192)  # every page but the first and last overwritten
    db.write_bytes(bytes(data))
    code, _, err = run(capsys, "search", "report", "--db", db)
    assert code == 2 and "store.db" in err and "query" not in err and "internal error" not in err


def test_a_foreign_database_is_refused_and_left_alone(tmp_path, capsys):
    other = tmp_path / "app.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE users (name TEXT)")
    before = other.read_bytes()
    code, _, err = run(capsys, "ingest", tmp_path, "--db", other)
    assert code == 2 and "app.db" in err and "another program" in err
    assert other.read_bytes() == before
    odd = tmp_path / "odd.db"
    with sqlite3.connect(odd) as connection:
        connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        connection.execute("INSERT INTO meta VALUES ('schema_version', 'seven')")
    code, _, err = run(capsys, "articles", "--db", odd)
    assert code == 2 and "odd.db" in err and "not a Storyline database" in err


@pytest.mark.parametrize("where", ["missing/store.db", "afile.txt/store.db"])
def test_a_store_in_a_missing_folder_is_a_usage_error(tmp_path, capsys, where):
    (tmp_path / "afile.txt").write_text("x")
    write_jsonl(tmp_path / "a.jsonl", synthetic(2, seed=1, prefix="a"))
    code, _, err = run(capsys, "ingest", tmp_path / "a.jsonl", "--db", tmp_path / where)
    assert code == 2 and str(tmp_path / where) in err and ("does not exist" in err or "not a folder" in err)


@pytest.mark.parametrize(
    "query", ["U.S.", "don't", '"unbalanced', "fire AND", "NEAR(", "a*b OR", "x -y", "^", "*", "col:x"]
)
def test_search_takes_any_text_as_words(tmp_path, capsys, query):
    db = tmp_path / "store.db"
    write_jsonl(tmp_path / "a.jsonl", [{"id": "u", "text": "The U.S. harbour crew said they don't strike; fire a x."}])
    assert run(capsys, "ingest", tmp_path / "a.jsonl", "--db", db)[0] == 0
    code, out, err = run(capsys, "search", query, "--db", db)
    assert code == 0 and "Traceback" not in err and "error" not in err
    if query in ("U.S.", "don't"):
        assert out.startswith("u\t")


def test_search_with_the_fts_syntax_on_request(tmp_path, capsys):
    db = tmp_path / "store.db"
    write_jsonl(tmp_path / "a.jsonl", [{"id": "u", "text": "The harbour crew went on strike over a wage deal."}])
    assert run(capsys, "ingest", tmp_path / "a.jsonl", "--db", db)[0] == 0
    assert run(capsys, "search", "--fts", "harb* NOT fire", "--db", db)[1].startswith("u\t")
    code, _, err = run(capsys, "search", "--fts", '"unbalanced', "--db", db)
    assert code == 2 and "invalid FTS5 search query" in err


def test_pool_workers_die_with_a_killed_command(tmp_path):
    script = (
        "import os, time\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from storyline.engine.workers import exit_with_parent\n"
        "pool = ProcessPoolExecutor(1, initializer=exit_with_parent)\n"
        "print(pool.submit(os.getpid).result(), flush=True)\n"
        "pool.submit(time.sleep, 60)\n"
        "time.sleep(60)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    worker = int(process.stdout.readline())
    process.kill()
    process.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    os.kill(worker, signal.SIGKILL)
    pytest.fail("the pool worker outlived its killed parent")


def test_the_local_pool_uses_the_exit_with_parent_initializer(monkeypatch):
    import storyline.engine.pool as pool_module
    from storyline.engine import LocalPool

    seen = {}

    class Recorder:
        def __init__(self, *args, **kwargs):
            seen.update(kwargs)
            raise RuntimeError("stop")

    monkeypatch.setattr(pool_module, "ProcessPoolExecutor", Recorder)
    with pytest.raises(RuntimeError):
        list(LocalPool(2).map(len, ["some words"] * 4))
    called = []
    monkeypatch.setattr("storyline.engine.workers.exit_with_parent", lambda: called.append(True))
    seen["initializer"](*seen.get("initargs", ()))  # what each worker runs first
    assert called == [True]


def test_stored_articles_are_unchanged_by_a_failed_batch(tmp_path):
    with Store(tmp_path / "s.db") as store:
        with store.transaction():
            store.add_articles([Article(id="x", text="Kept.", content_hash="h1")])
        with pytest.raises(RuntimeError), store.transaction():
            store.add_articles([Article(id="y", text="Dropped.", content_hash="h2")])
            raise RuntimeError("boom")
        assert [a.id for a in store.articles()] == ["x"]


def test_a_search_that_runs_sqlite_out_of_memory_is_reported_as_a_damaged_store(tmp_path):
    # A damaged full-text block can state any size; SQLite then fails with "out of memory" (MemoryError).
    class OutOfMemory:
        def execute(self, *args):
            raise MemoryError

    with Store(tmp_path / "store.db") as store:
        connection, store._db = store._db, OutOfMemory()
        try:
            with pytest.raises(StoreError, match=r"store\.db: damaged") as raised:
                store.search("report")
        finally:
            store._db = connection
    assert "query" not in str(raised.value)
