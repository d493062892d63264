"""The reads behind the digest's event listing give what the general reads give: events with their members in the
order stored, every copy group, and each cached analysis's summary head."""

import json

import pytest

from storyline import pipeline
from storyline.analysis import ANALYSERS
from storyline.ingest import read_paths
from storyline.store import Store
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def digested():
    store = Store(":memory:")
    articles = [item for item in read_paths([EXAMPLES / "corpus"]) if hasattr(item, "text")]
    # Stored out of date order and under ids that do not sort as stored, so the order has to come from the store.
    pipeline.ingest(store, articles[::-1], batch_size=7)
    pipeline.digests(store, analysers=ANALYSERS[:2])
    return store


def _order(store):
    return {article_id: n for n, article_id in enumerate(store.article_stubs())}


def test_stubs_come_in_the_order_stored(digested):
    assert list(digested.article_stubs()) == [article.id for article in digested.articles()]


def test_listed_events_are_the_stored_events(digested):
    events = digested.events()
    assert digested.listed_events(_order(digested)) == events
    assert any(len(event.article_ids) > 2 for event in events)


def test_listed_copy_groups_are_the_stored_groups(digested):
    group_of = digested.listed_copy_groups(_order(digested))
    groups = digested.copy_groups()
    assert {article_id: group for group in groups for article_id in group.article_ids} == group_of
    assert any(len(group.article_ids) > 1 for group in groups)


def test_an_analysis_head_is_the_summary_headline_and_first_sentence(digested):
    heads = digested.analysis_heads()
    assert len(heads) == len(digested.events())
    for event_id, (fingerprint, title, head) in heads.items():
        data = digested.get_analysis(event_id, fingerprint)
        assert title == data["title"]
        assert head == {"headline": data["summary"]["headline"], "sentences": data["summary"]["sentences"][:1]}
    with digested.transaction():  # an analysis kept without a summary has no head
        digested.put_analysis("ev-none", "f", {"title": "T"})
    assert digested.analysis_heads()["ev-none"] == ("f", "T", None)
    assert json.dumps(head)  # plain JSON data
