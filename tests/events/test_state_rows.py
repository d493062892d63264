"""The event index kept as rows: the same events whether a stream comes in one command or many, an old store's
single saved state taken over, and a batch rewriting only the rows it touched."""

import sqlite3

import pytest

import storyline.events.state_rows as state_rows
from storyline import pipeline
from storyline.events.state_rows import load
from storyline.ingest import read_paths
from storyline.model import Article
from storyline.store import Store
from tests.scale_stream import stream_records


@pytest.fixture(scope="module")
def stream() -> list[Article]:
    records = stream_records(600, seed=3)
    return [Article(**record) for record in records]


def outcome(store: Store) -> tuple:
    return (
        [(g.id, g.article_ids, g.canonical) for g in store.copy_groups()],
        [(e.id, e.title, e.start, e.end, e.article_ids, e.outlets) for e in store.events()],
        [(s.id, s.title, s.event_ids) for s in store.storylines()],
    )


@pytest.fixture(scope="module")
def in_one_command(stream, tmp_path_factory) -> tuple:
    with Store(tmp_path_factory.mktemp("one") / "s.db") as store:
        pipeline.ingest(store, stream, batch_size=100)
        return outcome(store)


def test_many_commands_give_the_events_of_one(stream, in_one_command, tmp_path):
    path = tmp_path / "s.db"
    for begin in range(0, len(stream), 200):  # each command loads the index from its rows
        with Store(path) as store:
            pipeline.ingest(store, stream[begin : begin + 200], batch_size=100)
    with Store(path) as store:
        assert outcome(store) == in_one_command
        assert store.get_state(pipeline.EVENT_STATE) is None  # no whole-state blob
    copies = [g for g in in_one_command[0] if len(g[1]) > 1]
    assert copies and max(len(e[4]) for e in in_one_command[1]) >= 100  # copies and a big event were there


def test_an_old_store_with_one_saved_state_is_taken_over(stream, in_one_command, tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        pipeline.ingest(store, stream[:400], batch_size=100)
        index, _ = load(store.state_rows(pipeline.EVENT_STATE))
        blob = index.to_state()
    with sqlite3.connect(path) as db:  # as a store written before the rows existed
        db.execute("DROP TABLE state_rows")
        db.execute("INSERT INTO state VALUES ('events', ?)", (blob,))
        db.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    with Store(path) as store:
        pipeline.ingest(store, stream[400:], batch_size=100)
        assert outcome(store) == in_one_command
        assert store.get_state(pipeline.EVENT_STATE) is None


def test_a_batch_rewrites_only_the_rows_it_touched(stream, tmp_path):
    with Store(tmp_path / "s.db") as store:
        pipeline.ingest(store, stream[:580], batch_size=100)
        index, rows = load(store.state_rows(pipeline.EVENT_STATE))
        total = sum(1 for _ in store.state_rows(pipeline.EVENT_STATE))
    index.add(stream[580:])
    written, deleted = rows.changes(index)
    assert 0 < len(written) < total / 10 and len(deleted) < total / 10
    assert rows.changes(index) == ({"meta": written["meta"]}, [])  # nothing changed since: the meta row only


def test_a_loaded_index_decodes_only_the_topics_a_batch_uses_and_saves_what_decoding_all_would(
    stream, tmp_path, monkeypatch
):
    with Store(tmp_path / "s.db") as store:
        pipeline.ingest(store, stream[:500], batch_size=100)
        saved = list(store.state_rows(pipeline.EVENT_STATE))
    decoded = []
    decode = state_rows._member
    monkeypatch.setattr(
        state_rows, "_member", lambda article_id, data: decoded.append(article_id) or decode(article_id, data)
    )
    eager, eager_rows = load(saved)
    eager.to_state()  # reads every kept article
    kept = len(decoded)
    decoded.clear()
    lazy, lazy_rows = load(saved)
    assert decoded == []  # nothing decoded by loading
    assert [e.article_ids for e in lazy.add(stream[500:])] == [e.article_ids for e in eager.add(stream[500:])]
    assert 0 < len(decoded) < kept  # only the topics the batch touched
    (lazy_put, lazy_gone), (eager_put, eager_gone) = lazy_rows.changes(lazy), eager_rows.changes(eager)
    assert lazy_put == eager_put and sorted(lazy_gone) == sorted(eager_gone)
    assert lazy.to_state() == eager.to_state()


def test_a_rebuild_replaces_the_rows(stream, in_one_command, tmp_path):
    with Store(tmp_path / "s.db") as store:
        pipeline.ingest(store, stream[:300], batch_size=100)
        pipeline.rebuild(store)
        rebuilt = load(store.state_rows(pipeline.EVENT_STATE))[0].events()
        stored = store.events()
        assert sorted(sorted(e.article_ids) for e in rebuilt) == sorted(sorted(e.article_ids) for e in stored)
        pipeline.ingest(store, stream[300:], batch_size=100)  # and ingest goes on from them
        assert sorted(a for e in store.events() for a in e.article_ids) == sorted(a.id for a in stream)


def test_read_paths_stream_is_the_stream(tmp_path):
    from tests.scale_stream import write_stream

    folder = write_stream(tmp_path / "s", 120, shard=50)
    assert [a.id for a in read_paths([folder])] == [r["id"] for r in stream_records(120)]


def test_a_loaded_index_reads_the_rows_a_batch_asks_for_and_saves_what_reading_all_would(stream, tmp_path):
    kind = pipeline.EVENT_STATE
    with Store(tmp_path / "s.db") as store:
        pipeline.ingest(store, stream[:500], batch_size=100)
        saved = list(store.state_rows(kind))
        keyed = [key for key, _ in saved if key.partition(":")[0] in state_rows.KEYED_MAPPINGS]
        read: list[str] = []

        def read_rows(prefix, names):
            rows = store.state_rows_named(kind, prefix, names)
            read.extend(key for key, _ in rows)
            return rows

        lazy, lazy_rows = load(store.state_rows(kind, skip=state_rows.READ_BY_KEY), read_rows)
        assert read == []  # nothing of the copy groups' rows or the kept articles' read by loading
        eager, eager_rows = load(saved)
        assert [e.article_ids for e in lazy.add(stream[500:])] == [e.article_ids for e in eager.add(stream[500:])]
        # The groups of the batch's articles and of the topics it split, and those topics' kept articles.
        read_keyed = [key for key in read if key.partition(":")[0] in state_rows.KEYED_MAPPINGS]
        assert 0 < len(read_keyed) < len(keyed) / 2
        kept = sum(1 for key, _ in saved if key.startswith("member:"))
        assert 0 < len(read) - len(read_keyed) < kept
        (lazy_put, lazy_gone), (eager_put, eager_gone) = lazy_rows.changes(lazy), eager_rows.changes(eager)
        assert lazy_put == eager_put and sorted(lazy_gone) == sorted(eager_gone)
        # Every row of the index, the copy groups not read so far read now: the same.
        assert state_rows.RowState().changes(lazy) == state_rows.RowState().changes(eager)


def test_a_damaged_row_read_by_key_is_a_clear_error_and_the_batch_is_not_stored(stream, tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        pipeline.ingest(store, stream[:300], batch_size=100)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE state_rows SET data = X'00' WHERE key LIKE 'topic-group:%'")
    with Store(path) as store:
        with pytest.raises(ValueError, match="storyline rebuild"):
            pipeline.ingest(store, stream[300:400], batch_size=100)
        assert store.count_articles() == 300


def test_records_are_decoded_when_used_and_save_what_decoding_all_would(stream, tmp_path):
    with Store(tmp_path / "s.db") as store:
        pipeline.ingest(store, stream[:500], batch_size=100)
        saved = list(store.state_rows(pipeline.EVENT_STATE))
    lazy, lazy_rows = load(saved)
    eager, eager_rows = load(saved)
    whole = [list(eager._topics.records), list(eager._layer.records)]  # every record decoded
    topics, events = lazy._topics.records, lazy._layer.records
    assert not list(topics.decoded()) and not list(events.decoded())  # loading decoded none
    assert topics.ids() == [r.id for r in whole[0]] and events.ids() == [r.id for r in whole[1]]
    assert topics.article_lists() == [r.article_ids for r in whole[0]]
    assert lazy._topics.topic_of_article == eager._topics.topic_of_article
    assert lazy._layer.event_of_article == eager._layer.event_of_article
    assert [e.article_ids for e in lazy.add(stream[500:])] == [e.article_ids for e in eager.add(stream[500:])]
    assert 0 < len(list(events.decoded())) < len(events)  # the events of the topics the batch touched
    (lazy_put, lazy_gone), (eager_put, eager_gone) = lazy_rows.changes(lazy), eager_rows.changes(eager)
    assert lazy_put == eager_put and sorted(lazy_gone) == sorted(eager_gone)
    assert list(topics) == list(eager._topics.records) and list(events) == list(eager._layer.records)
    assert lazy.to_state() == eager.to_state()


def test_a_damaged_record_is_a_clear_error_when_used_and_the_batch_is_not_stored(stream, tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        pipeline.ingest(store, stream[:300], batch_size=100)
    with sqlite3.connect(path) as db:  # every event record damaged after its article ids, which loading reads
        rows = db.execute("SELECT key, data FROM state_rows WHERE kind = 'events' AND key LIKE 'event:%'").fetchall()
        for key, data in rows:
            start = data.index(b'], "outlets": ') + len(b'], "outlets": ')
            end = 4 + int.from_bytes(data[:4], "little")
            damaged = data[:start] + b"#" * (end - start) + data[end:]
            db.execute("UPDATE state_rows SET data = ? WHERE kind = 'events' AND key = ?", (damaged, key))
    with Store(path) as store:
        with pytest.raises(ValueError, match=r"event row \d+: .*storyline rebuild") as error:
            pipeline.ingest(store, stream[300:400], batch_size=100)
        assert "\n" not in str(error.value)
        assert store.count_articles() == 300
