"""The storyline index kept as rows: the rows written batch by batch are the rows of the whole index, a store
reopened midway holds the same rows and storylines as one command, an old store's single saved state is taken
over, and a batch rewrites only the rows it touched."""

import sqlite3

import pytest

from storyline import pipeline
from storyline.events import EventIndex
from storyline.events.storyline_rows import StorylineRows, as_rows, load
from storyline.events.storylines import StorylineIndex
from storyline.model import Article
from storyline.store import Store
from tests.scale_stream import stream_records


@pytest.fixture(scope="module")
def stream() -> list[Article]:
    # Many small events over two months (every third article of a longer stream), so events close as it goes.
    return [Article(**record) for record in stream_records(1800, seed=5)[::3]]


def outcome(store: Store) -> tuple:
    return (
        [(e.id, e.article_ids) for e in store.events()],
        [(s.id, s.title, s.start, s.end, s.event_ids) for s in store.storylines()],
    )


@pytest.fixture(scope="module")
def in_one_command(stream, tmp_path_factory) -> tuple:
    with Store(tmp_path_factory.mktemp("one") / "s.db") as store:
        pipeline.ingest(store, stream, batch_size=100)
        return outcome(store), dict(store.state_rows(pipeline.STORYLINE_STATE))


def test_rows_written_batch_by_batch_are_the_rows_of_the_whole_index(stream):
    events, index, rows = EventIndex(), StorylineIndex(), StorylineRows()
    held: dict[str, bytes] = {}
    for begin in range(0, len(stream), 50):
        batch = stream[begin : begin + 50]
        changed = events.add(batch)
        rows.watch(index, changed)
        index.update(changed, batch, idf=events.idf())
        put, gone = rows.changes(index)
        for key in gone:
            del held[key]
        held.update(put)
        assert held == as_rows(index)
    assert any(key.startswith("article:") for key in held)  # open events' articles were kept, then some closed
    assert len([key for key in held if key.startswith("article:")]) < len(stream)


def test_rows_load_back_to_the_same_index(stream):
    events, index = EventIndex(), StorylineIndex()
    changed = events.add(stream)
    index.update(changed, stream, idf=events.idf())
    loaded, _ = load(as_rows(index).items())
    assert as_rows(loaded) == as_rows(index)
    assert loaded.storylines() == index.storylines()


def test_a_store_reopened_midway_holds_the_rows_and_storylines_of_one_command(stream, in_one_command, tmp_path):
    path = tmp_path / "s.db"
    for begin in range(0, len(stream), 200):  # each command loads the storyline index from its rows
        with Store(path) as store:
            pipeline.ingest(store, stream[begin : begin + 200], batch_size=100)
    with Store(path) as store:
        assert outcome(store) == in_one_command[0]
        assert dict(store.state_rows(pipeline.STORYLINE_STATE)) == in_one_command[1]
        assert store.get_state(pipeline.STORYLINE_STATE) is None  # no whole-state blob
    assert max(len(s[4]) for s in in_one_command[0][1]) > 1  # some storyline links events


def test_an_old_store_with_one_saved_storyline_state_is_taken_over(stream, in_one_command, tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        pipeline.ingest(store, stream[:300], batch_size=100)
        index, _ = load(store.state_rows(pipeline.STORYLINE_STATE))
        blob = index.to_state()
    with sqlite3.connect(path) as db:  # as a store written before the storyline rows existed
        db.execute("DELETE FROM state_rows WHERE kind = ?", (pipeline.STORYLINE_STATE,))
        db.execute("INSERT INTO state VALUES (?, ?)", (pipeline.STORYLINE_STATE, blob))
    with Store(path) as store:
        pipeline.ingest(store, stream[300:], batch_size=100)
        assert outcome(store)[1] == in_one_command[0][1]
        assert store.get_state(pipeline.STORYLINE_STATE) is None


def test_a_batch_rewrites_only_the_storyline_rows_it_touched(stream, tmp_path):
    with Store(tmp_path / "s.db") as store:
        pipeline.ingest(store, stream[:560], batch_size=100)
        index, rows = load(store.state_rows(pipeline.STORYLINE_STATE))
        total = sum(1 for _ in store.state_rows(pipeline.STORYLINE_STATE))
    events, _ = pipeline._load_indexes(Store(tmp_path / "s.db"), pipeline.DEFAULTS)[1:]
    changed = events.add(stream[560:580])
    rows.watch(index, changed)
    index.update(changed, stream[560:580], idf=events.idf())
    written, deleted = rows.changes(index)
    assert 0 < len(written) < total / 4 and len(deleted) < total / 4
    assert rows.changes(index) == ({"meta": written["meta"]}, [])  # nothing changed since: the meta row only


def test_a_rebuild_writes_the_storyline_rows_later_ingests_continue_from(stream, tmp_path):
    with Store(tmp_path / "s.db") as store:
        pipeline.ingest(store, stream[:300], batch_size=100)
        pipeline.rebuild(store)
        rebuilt = store.storylines()
        index, _ = load(store.state_rows(pipeline.STORYLINE_STATE))
        assert sorted(s.event_ids for s in index.storylines()) == sorted(s.event_ids for s in rebuilt)
        pipeline.ingest(store, stream[300:], batch_size=100)
        stored = store.storylines()
        assert sorted(e for s in stored for e in s.event_ids) == sorted(e.id for e in store.events())


def test_a_loaded_index_decodes_feature_rows_when_used_and_continues_as_one_that_decoded_all(stream):
    events, index = EventIndex(), StorylineIndex()
    index.update(events.add(stream[:500]), stream[:500], idf=events.idf())
    rows = as_rows(index)
    lazy, lazy_rows = load(rows.items())
    eager, eager_rows = load(rows.items())
    for article_id in list(eager._rows):
        eager._rows[article_id]  # every row decoded
    assert lazy._rows._undecoded == set(lazy._rows)  # nothing decoded by loading
    changed = events.add(stream[500:])
    for loaded, saved in ((lazy, lazy_rows), (eager, eager_rows)):
        saved.watch(loaded, changed)
        loaded.update(changed, stream[500:], idf=events.idf())
    assert lazy._rows._undecoded != set(lazy._rows)  # the update used some
    assert lazy.storylines() == eager.storylines()
    assert lazy_rows.changes(lazy) == eager_rows.changes(eager) and as_rows(lazy) == as_rows(eager)
