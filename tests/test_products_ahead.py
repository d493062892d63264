"""What the analysers compute from each article alone, computed ahead by the ingest's pool: the store keeps it, and a
digest reads it and gives exactly what computing it itself gives."""

import json
from dataclasses import replace

import pytest

from storyline import pipeline
from storyline.analysis import analysis_to_dict, products_versions
from storyline.engine import InProcess, LocalPool
from storyline.ingest import read_paths
from storyline.model import Article
from storyline.prepared import PreparedBatch, stored_products
from storyline.products import PRODUCTS, product_key, unpack
from storyline.store import Store
from tests.conftest import EXAMPLES

pytest.importorskip("spacy", reason="quotes need spaCy (pip install -e '.[test]')")


def corpus() -> list[Article]:
    """The example corpus, every other article without its headline (so that its title comes from its lead)."""
    articles = [item for item in read_paths([EXAMPLES / "corpus"]) if isinstance(item, Article)]
    return [replace(a, title=None, title_source=None) if n % 2 else a for n, a in enumerate(articles)]


def stored_products_by_article(store: Store) -> dict[str, dict]:
    versions = products_versions()
    articles = {article.id: article for article in store.articles()}
    rows = store.index_rows_of(PRODUCTS, list(articles))
    return {i: json.loads(unpack(row, product_key(articles[i], versions)) or "null") for i, row in rows.items()}


def digested(store: Store) -> list[tuple]:
    return [(d.event.id, d.event.title, analysis_to_dict(d)) for d in pipeline.digests(store, engine=InProcess())]


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ahead")
    articles = corpus()
    with Store(folder / "ahead.db") as store, LocalPool(2, caller_maps=False) as engine:
        pipeline.ingest(store, articles, batch_size=8, engine=engine)
    with Store(folder / "plain.db") as store:
        pipeline.ingest(store, articles, batch_size=8, engine=InProcess())
    return folder / "ahead.db", folder / "plain.db", articles


def test_a_pool_ingest_stores_each_articles_quotes_and_a_lead_title_where_it_has_no_headline(stores):
    ahead, plain, articles = stores
    with Store(ahead) as store:
        products = stored_products_by_article(store)
    assert set(products) == {article.id for article in articles}
    assert all(kinds and "quotes" in kinds for kinds in products.values())  # stored under the current key
    headless = {article.id for article in articles if article.title is None}
    assert {i for i, kinds in products.items() if "title-lead" in kinds} == headless
    assert sum(len(kinds["quotes"]["value"]["quotes"]) for kinds in products.values()) > 10
    with Store(plain) as store:  # one process: the digest computes them, spread over its cores
        assert stored_products_by_article(store) == {}


def test_the_digest_reads_the_products_computed_ahead_and_gives_the_same_digests(stores, monkeypatch):
    ahead, plain, _ = stores
    with Store(plain) as store:
        expected = digested(store)

    def computed_again(*args, **kwargs):
        raise AssertionError("a product computed ahead was computed again")

    monkeypatch.setattr("storyline.quotes.analyse_articles", computed_again)
    monkeypatch.setattr("storyline.titles._lead_titles", computed_again)
    with Store(ahead) as store:
        assert digested(store) == expected
    assert any(digest[2]["quotes"] for digest in expected)


def test_products_go_only_to_articles_stored_under_their_own_id():
    read = Article(id="report", text="A text.", content_hash="c0ffee00aa")
    kept = Article(id="other", text="Another.", content_hash="beef00aa11")
    prepared = PreparedBatch([read, kept], products={"report": '{"quotes":{}}', "other": '{"quotes":{}}'})
    renamed = replace(read, id="report~c0ffee00")  # the id was taken: stored as another article
    rows = stored_products(prepared, [renamed, kept], "versions")
    assert [article_id for article_id, _ in rows] == ["other"]
    assert unpack(rows[0][1], product_key(kept, "versions")) == '{"quotes":{}}'
