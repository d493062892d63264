"""A digest with no new input serves every event from the stored analyses, titles included."""

import json
import sqlite3

import pytest

import storyline.titles
from storyline import pipeline, stored_digests
from storyline.analysis import ANALYSERS, analysis_key, analysis_to_dict
from storyline.ingest import read_paths
from storyline.store import Store
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def example_articles():
    return [item for item in read_paths([EXAMPLES / "corpus"]) if hasattr(item, "text")]


def test_a_second_digest_analyses_nothing_and_chooses_no_title_again(example_articles, monkeypatch):
    store = Store(":memory:")
    pipeline.ingest(store, example_articles)
    first = pipeline.digests(store, analysers=ANALYSERS[:2])

    def nothing_again(*args, **kwargs):
        raise AssertionError("an unchanged event was analysed or titled again")

    monkeypatch.setattr(storyline.titles, "event_title", nothing_again)
    monkeypatch.setattr(stored_digests, "analyse_event", nothing_again)
    second = pipeline.digests(store, analysers=ANALYSERS[:2])
    assert [(d.event.id, d.event.title, d.summary) for d in second] == [
        (d.event.id, d.event.title, d.summary) for d in first
    ]
    assert len(second) > 4


def test_analyses_are_written_a_batch_at_a_time(example_articles, monkeypatch):
    store = Store(":memory:")
    pipeline.ingest(store, example_articles)
    opened = []
    transaction = Store.transaction

    def counted(self):
        opened.append(1)
        return transaction(self)

    monkeypatch.setattr(Store, "transaction", counted)
    digests = pipeline.digests(store, analysers=ANALYSERS[:2])
    assert len(digests) > 4 and len(opened) == 1  # one write for every event, not one each
    for digest in digests:
        stored = store.get_analysis(digest.event.id, analysis_key(digest.articles, words=100, analysers=ANALYSERS[:2]))
        assert stored is not None and stored["title"] == digest.event.title


def test_a_digest_never_waits_on_another_writer(example_articles, tmp_path):
    db = tmp_path / "store.db"
    store = Store(db)
    pipeline.ingest(store, example_articles)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another command writing the whole time
    try:
        digests = pipeline.digests(store, analysers=ANALYSERS[:2])
    finally:
        other.execute("ROLLBACK")
    assert len(digests) > 4
    assert store.analysis_heads() == {}  # nothing kept: analysed again next time


def test_digests_are_linked_to_their_storylines_unless_the_caller_links_them(example_articles):
    store = Store(":memory:")
    pipeline.ingest(store, example_articles)
    linked = pipeline.digests(store, analysers=ANALYSERS[:2])
    assert all(d.storyline is not None for d in linked)
    unlinked = stored_digests.digests(store, analysers=ANALYSERS[:2], linked=False)
    assert [d.event.id for d in unlinked] == [d.event.id for d in linked]
    assert all(d.storyline is None for d in unlinked)


def test_an_analysis_is_stored_as_the_json_of_its_dictionary(example_articles):
    store = Store(":memory:")
    pipeline.ingest(store, example_articles)
    analysers = ANALYSERS[:2]
    digests = pipeline.digests(store, analysers=analysers)
    for digest in digests:
        key = analysis_key(digest.articles, words=100, analysers=analysers)
        (text,) = store._db.execute(
            "SELECT data FROM analyses WHERE event_id = ? AND fingerprint = ?", (digest.event.id, key)
        ).fetchone()
        assert text == json.dumps(analysis_to_dict(digest, analysers))
