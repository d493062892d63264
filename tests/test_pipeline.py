"""A digest with no new input serves every event from the stored analyses, titles included."""

import pytest

import storyline.titles
from storyline import pipeline
from storyline.analysis import ANALYSERS
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
    monkeypatch.setattr(pipeline, "analyse_event", nothing_again)
    second = pipeline.digests(store, analysers=ANALYSERS[:2])
    assert [(d.event.id, d.event.title, d.summary) for d in second] == [
        (d.event.id, d.event.title, d.summary) for d in first
    ]
    assert len(second) > 4
