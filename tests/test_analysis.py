"""The analysers of an event and the cache key that keeps stored digests fresh."""

import dataclasses

from storyline.analysis import ANALYSERS, SUMMARY, VARIANTS, analyse_event, analysis_key
from storyline.ingest import read_paths
from storyline.model import Article, Event, Variant
from storyline.pipeline import digests, ingest
from storyline.store import Store
from tests.conftest import EXAMPLES

ARTICLES = [
    Article(id="a", text="The council approved the new bridge on Monday. Work starts in May.", content_hash="1"),
    Article(id="b", text="The council approved a new bridge. Building work starts in May.", content_hash="2"),
]


def test_every_analyser_fills_its_digest_field():
    event = Event("e1", "Bridge approved", None, None, ["a", "b"])
    digest = analyse_event(event, ARTICLES, [], words=40)
    assert digest.summary.sentences, "the summary analyser wrote no sentence"
    assert digest.variants == {}
    names = [a.name for a in ANALYSERS]
    assert names[:2] == ["summary", "variants"]
    assert {"disagreements", "developments"} <= set(names)
    assert digest.disagreements == []
    assert {"quotes", "entities"} <= set(names)
    assert digest.quotes == [] and digest.entities is not None


def test_the_key_changes_with_an_analyser_version_and_with_members():
    key = analysis_key(ARTICLES, words=100)
    bumped = [dataclasses.replace(a, version=a.version + 1) if a.name == "summary" else a for a in ANALYSERS]
    assert analysis_key(ARTICLES, words=100, analysers=bumped) != key
    assert analysis_key(ARTICLES[:1], words=100) != key
    assert analysis_key(ARTICLES, words=60) != key
    assert analysis_key(list(reversed(ARTICLES)), words=100) == key


def test_a_version_bump_reanalyses_cached_events(tmp_path):
    calls = []

    def counting(event_input):
        calls.append(event_input.event.id)
        return VARIANTS.run(event_input)

    counted = (SUMMARY, dataclasses.replace(VARIANTS, run=counting))
    with Store(tmp_path / "s.db") as store:
        ingest(store, ARTICLES)
        first = digests(store, analysers=counted)
        digests(store, analysers=counted)
        assert len(calls) == len(first), "a cached analysis was computed again"
        bumped = (SUMMARY, dataclasses.replace(VARIANTS, run=counting, version=VARIANTS.version + 1))
        digests(store, analysers=bumped)
        assert len(calls) == 2 * len(first), "a version bump did not re-analyse the stored events"


def test_every_analysis_reads_back_from_the_cache_as_it_was_computed(tmp_path):

    with Store(tmp_path / "s.db") as store:
        ingest(store, read_paths([EXAMPLES / "corpus"]))
        fresh = digests(store)
        cached = digests(store)
    assert any(digest.variants for digest in fresh), "the example corpus should have a copy group with edits"
    assert any(digest.developments for digest in fresh)
    for computed, reread in zip(fresh, cached, strict=True):
        for analyser in ANALYSERS:
            assert getattr(reread, analyser.name) == getattr(computed, analyser.name), analyser.name
    variant = next(v for d in fresh for vs in d.variants.values() for v in vs)
    assert isinstance(variant, Variant) and variant.article_id != variant.canonical_id
