import sqlite3

import pytest

from storyline import pipeline
from storyline.ingest import read_paths
from storyline.model import Article, CopyGroup
from storyline.store import Store, StoreError

TEXTS = {
    "ferry": "The ferry strike ended on Sunday after two weeks. Unions and owners agreed a new wage deal.",
    "bridge": "The Elm Street bridge closed on Monday after inspectors found a crack in a support beam.",
}


def write_corpus(folder):
    for name, text in TEXTS.items():
        (folder / f"{name}.txt").write_text(text)


def test_reingesting_the_same_content_stores_nothing_twice(tmp_path):
    write_corpus(tmp_path)
    with Store(tmp_path / "s.db") as store:
        first = pipeline.ingest(store, read_paths([tmp_path]))
        second = pipeline.ingest(store, read_paths([tmp_path]))
        assert (len(first.added), first.already_stored) == (2, 0)
        assert (len(second.added), second.already_stored) == (0, 2)
        assert store.count_articles() == 2


def test_articles_round_trip_through_the_store(tmp_path):
    article = Article(
        id="x1",
        text="One.\n\nTwo.",
        title="T",
        outlet="O",
        published="2026-03-02",
        date_source="field",
        paragraphs=[(0, 4), (6, 10)],
        content_hash="abc",
    )
    with Store(tmp_path / "s.db") as store, store.transaction():
        store.add_articles([article])
    with Store(tmp_path / "s.db") as store:
        assert store.article("x1") == article
        assert store.article("nope") is None


def test_a_failure_inside_a_batch_leaves_nothing_half_written(tmp_path, monkeypatch):
    write_corpus(tmp_path)
    with Store(tmp_path / "s.db") as store:

        def broken(*args, **kwargs):
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(Store, "put_events", broken)
        with pytest.raises(RuntimeError):
            pipeline.ingest(store, read_paths([tmp_path]))
        assert store.count_articles() == 0 and store.copy_groups() == [] and store.events() == []


def test_copy_groups_are_replaced_by_membership(tmp_path):
    with Store(":memory:") as store, store.transaction():
        store.add_articles([Article(id=i, text=i, content_hash=i) for i in "abc"])
        store.put_copy_groups([CopyGroup("g1", ["a"], "a"), CopyGroup("g2", ["b"], "b")])
        store.put_copy_groups([CopyGroup("g1", ["a", "b"], "a", {"b": 0.9})])
        assert [(g.id, g.article_ids, g.overlap) for g in store.copy_groups()] == [("g1", ["a", "b"], {"b": 0.9})]


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database " * 100)
    with pytest.raises(StoreError, match="not a usable Storyline database"):
        Store(path)
    assert path.read_text().startswith("these are my notes")


def test_a_store_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "s.db"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer Storyline"):
        Store(path)


def test_full_text_search(tmp_path):
    write_corpus(tmp_path)
    with Store(":memory:") as store:
        pipeline.ingest(store, read_paths([tmp_path]))
        assert [hit[0] for hit in store.search("crack")] == ["bridge"]
        assert store.search('"crack') == store.search("crack (") == store.search("crack")  # any text is words
        with pytest.raises(ValueError, match="invalid FTS5 search query"):
            store.search('"unbalanced', fts=True)


def test_the_same_text_under_another_id_is_a_new_article(tmp_path):
    with Store(":memory:") as store, store.transaction():
        first = store.add_articles([Article(id="wire-1", text="Same words.", content_hash="h")])
        again = store.add_articles([Article(id="wire-1", text="Same words.", content_hash="h")])
        copy = store.add_articles([Article(id="outlet-7", text="Same words.", content_hash="h")])
        updated = store.add_articles([Article(id="wire-1", text="New words.", content_hash="h2")])
    assert [len(first), len(again), len(copy)] == [1, 0, 1]
    assert updated[0].id == "wire-1~h2"


def test_every_event_write_is_in_the_change_log_numbered_after_the_ones_before(tmp_path):
    from storyline.model import Event

    def log(store):
        return dict(store._db.execute("SELECT event_id, seq FROM event_changes"))

    with Store(tmp_path / "s.db") as store:
        with store.transaction():
            store.put_events([Event("e1", "One", "2024-01-01", None, ["a1"]), Event("e2", "Two", None, None, ["a2"])])
        first = log(store)
        with store.transaction():  # e2 takes e1's only article: e1 is removed, e2 changed
            store.put_events([Event("e2", "Two", None, None, ["a1", "a2"])])
        second = log(store)
        assert set(first) == {"e1", "e2"} and set(second) == {"e1", "e2"}
        assert min(second.values()) > max(first.values())
        with store.transaction():  # a rebuild: e2 removed, e3 added; e1, gone before, is not written again
            store.replace_all_events([Event("e3", "Three", None, None, ["a3"])])
        third = log(store)
        assert third["e1"] == second["e1"] and min(third["e2"], third["e3"]) > max(second.values())
