"""Copy groups kept in a store batch by batch, each batch loading only the stored articles that share a band key
with its own: the groups of the whole corpus, from a store made before the band keys were kept too."""

import dataclasses
from datetime import date, timedelta

import pytest

from storyline import pipeline
from storyline.dedup import find_copy_groups
from storyline.dedup.stored import BANDS_KIND
from storyline.model import Article
from storyline.store import Store
from tests.scale_stream import stream_records


@pytest.fixture(scope="module")
def stream() -> list[Article]:
    """The scale stream (word-for-word republications) plus edited copies: every seventh article again a day
    later under another outlet, without its first sentence."""
    articles = [Article(**record) for record in stream_records(500, seed=5)]
    edited = []
    for article in articles[::7]:
        text = article.text.split(". ", 1)[1]
        day = (date.fromisoformat(article.published) + timedelta(days=1)).isoformat()
        edited.append(dataclasses.replace(article, id=article.id + "-edited", text=text, published=day))
    return sorted(articles + edited, key=lambda a: (a.published, a.id))


def groups_of(groups) -> list[tuple]:
    return sorted((g.canonical, tuple(g.article_ids), tuple(sorted(g.overlap.items()))) for g in groups)


def test_a_store_fed_in_many_commands_has_the_groups_of_the_whole_corpus(stream, tmp_path):
    path = tmp_path / "s.db"
    for begin in range(0, len(stream), 100):
        with Store(path) as store:
            pipeline.ingest(store, stream[begin : begin + 100], batch_size=25)
    with Store(path) as store:
        stored = groups_of(store.copy_groups())
    expected = groups_of(find_copy_groups(stream))
    assert stored == expected
    assert sum(1 for g in expected if any(a.endswith("-edited") for a in g[1]) and len(g[1]) > 1) > 20


def test_a_store_made_before_the_band_keys_gets_them_and_the_same_groups(stream, tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        pipeline.ingest(store, stream[:300], batch_size=100)
        with store.transaction():  # as a store written before the band keys were kept
            store.clear_state_rows(BANDS_KIND)
    with Store(path) as store:
        pipeline.ingest(store, stream[300:], batch_size=100)
        assert groups_of(store.copy_groups()) == groups_of(find_copy_groups(stream))
        assert any(key == "meta" for key, _ in store.state_rows(BANDS_KIND))


def test_a_batch_reads_only_the_rows_it_can_touch(stream, tmp_path, monkeypatch):
    path = tmp_path / "s.db"
    with Store(path) as store:
        pipeline.ingest(store, stream[:-20], batch_size=100)
    read = []
    original = Store.copy_neighbourhood

    def counted(self, kind, seqs):
        rows, groups = original(self, kind, seqs)
        read.append(len(rows))
        return rows, groups

    monkeypatch.setattr(Store, "copy_neighbourhood", counted)
    with Store(path) as store:
        pipeline.ingest(store, stream[-20:], batch_size=100)
        assert groups_of(store.copy_groups()) == groups_of(find_copy_groups(stream))
        runs = [key for key, _ in store.state_rows(BANDS_KIND) if key != "meta"]
    assert read and sum(read) < len(stream) / 5
    assert len(runs) <= 4  # runs merge as they come: a few, not one per batch


def test_a_rebuild_keeps_the_band_keys_in_step(stream, tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        pipeline.ingest(store, stream[:250], batch_size=100)
        pipeline.rebuild(store)
        pipeline.ingest(store, stream[250:], batch_size=100)
        assert groups_of(store.copy_groups()) == groups_of(find_copy_groups(stream))
