"""An event analysed again after it gained articles reuses what its earlier articles gave the last digest (quotes
and entities, lead titles, summary sentence versions), and the folder it leaves is, byte for byte, the one a digest
of the same store from scratch writes; a changed text or a new analyser version computes them again."""

import json
import sqlite3
from dataclasses import replace

import pytest

import storyline.quotes
from storyline import products
from storyline.analysis import ANALYSERS
from storyline.cli import main
from storyline.products import PRODUCTS, product_key
from storyline.store import Store
from tests.engine.test_digest_engines import stream


def _files(folder):
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file() and path.name != ".rendered.json"
    }


@pytest.fixture
def quoted(monkeypatch):
    """The ids of the articles read for quotes, call by call."""
    calls = []
    original = storyline.quotes.analyse_articles

    def counted(articles, **options):
        calls.append([article.id for article in articles])
        return original(articles, **options)

    monkeypatch.setattr(storyline.quotes, "analyse_articles", counted)
    return calls


def _shards(tmp_path):
    records = stream(60)
    first, later = tmp_path / "first.jsonl", tmp_path / "later.jsonl"
    first.write_text("\n".join(json.dumps(r) for r in records[:42]) + "\n", encoding="utf-8")
    later.write_text("\n".join(json.dumps(r) for r in records[42:]) + "\n", encoding="utf-8")
    return first, later, len(records)


def _without_analyses(db, copy):
    """A copy of the store with no analysis and no product kept: a digest of it analyses from scratch."""
    with sqlite3.connect(db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    with sqlite3.connect(copy) as target:
        target.execute("DELETE FROM analyses")
        target.execute("DELETE FROM index_rows WHERE kind = ?", (PRODUCTS,))
    target.close()


def test_a_digest_after_new_articles_writes_the_digest_from_scratch(tmp_path, quoted, capsys):
    first, later, total = _shards(tmp_path)
    db, out = tmp_path / "news.db", tmp_path / "digest"
    assert main(["digest", str(first), "--db", str(db), "--out", str(out), "--workers", "1", "--quiet"]) == 0
    quoted.clear()
    assert main(["digest", str(later), "--db", str(db), "--out", str(out), "--workers", "1", "--quiet"]) == 0
    again = sum(map(len, quoted))
    with Store(db) as store:
        analysed = sum(len(event.article_ids) for event in store.events())
    fresh_db, fresh = tmp_path / "fresh.db", tmp_path / "fresh"
    _without_analyses(db, fresh_db)
    quoted.clear()
    assert main(["digest", "--db", str(fresh_db), "--out", str(fresh), "--workers", "1", "--quiet"]) == 0
    scratch = sum(map(len, quoted))
    assert _files(out) == _files(fresh)
    assert scratch == analysed == total  # from scratch every article is read for quotes
    # Again, only the articles new to the store were (the big event gained some, and kept its earlier ones').
    assert 0 < again <= total - 42
    capsys.readouterr()


def test_a_new_analyser_version_or_a_changed_text_computes_products_again(tmp_path, quoted, monkeypatch, capsys):
    first, _, _ = _shards(tmp_path)
    db, out = tmp_path / "news.db", tmp_path / "digest"
    assert main(["digest", str(first), "--db", str(db), "--out", str(out), "--workers", "1", "--quiet"]) == 0
    with sqlite3.connect(db) as connection:
        connection.execute("DELETE FROM analyses")  # every event analysed again
    connection.close()
    quoted.clear()
    assert main(["digest", "--db", str(db), "--out", str(out), "--workers", "1", "--quiet"]) == 0
    assert quoted == []  # same texts, same versions: every product reused
    with sqlite3.connect(db) as connection:
        connection.execute("DELETE FROM analyses")
    connection.close()
    monkeypatch.setattr(products, "PRODUCTS_VERSION", products.PRODUCTS_VERSION + 1)
    assert main(["digest", "--db", str(db), "--out", str(out), "--workers", "1", "--quiet"]) == 0
    assert sum(map(len, quoted)) == 42
    capsys.readouterr()


def test_the_key_changes_with_what_a_product_is_computed_from():
    from storyline.model import Article

    article = Article(id="a", text="One. Two.", content_hash="h1", language="en", paragraphs=[(0, 9)])
    versions = ";".join(f"{analyser.name}@{analyser.version}" for analyser in ANALYSERS)
    key = product_key(article, versions)
    assert key == product_key(replace(article), versions)
    changed = [
        replace(article, content_hash="h2"),
        replace(article, paragraphs=[(0, 4), (5, 9)]),
        replace(article, language="de"),
        replace(article, title="One"),
        replace(article, id="b"),
    ]
    assert key not in {product_key(other, versions) for other in changed}
    assert key != product_key(article, versions.replace("summary@", "summary@9"))


def test_damaged_stored_products_are_computed_again():
    with products.reusing({"a": "{not json", "b": json.dumps({"quotes": {"value": 1}})}) as reuse:
        assert products.product("quotes", "a", "value", lambda: 7) == 7
        assert products.product("quotes", "b", "value", lambda: 7) == 1
    assert reuse.changed == {"a"}
    assert products.product("quotes", "a", "value", lambda: 8) == 8  # outside ``reusing``: computed, not kept
