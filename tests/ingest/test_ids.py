"""One rule for article ids wherever articles meet: reading a folder, storing, and every stage after."""

import json

from storyline.cli import main
from storyline.dedup import CopyIndex
from storyline.events import EventIndex
from storyline.ingest import read_paths
from storyline.model import Article
from storyline.store import Store
from tests.conftest import EXAMPLES

STORY = "The river authority closed the Marlow weir path on Friday after heavy rain undermined the bank wall."
OTHER = "Volunteers in Marlow filled sandbags through Saturday night as the river rose past the old flood mark."


def write_jsonl(path, *records):
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")


def test_the_same_article_read_twice_comes_once(tmp_path, capsys):
    write_jsonl(tmp_path / "crawl.jsonl", {"id": "weir", "text": STORY})
    write_jsonl(tmp_path / "page.jsonl", {"id": "weir", "text": STORY})
    articles = list(read_paths([tmp_path]))
    assert [a.id for a in articles] == ["weir"]
    assert capsys.readouterr().err == ""


def test_a_different_article_under_a_taken_id_gets_a_stable_suffix_said_once(tmp_path, capsys):
    write_jsonl(tmp_path / "a.jsonl", {"id": "weir", "text": STORY})
    write_jsonl(tmp_path / "b.jsonl", {"id": "weir", "text": OTHER}, {"id": "weir", "text": OTHER})
    first = [a.id for a in read_paths([tmp_path])]
    err = capsys.readouterr().err
    again = [a.id for a in read_paths([tmp_path])]
    assert first == again and len(first) == 2 and first[0] == "weir"
    assert first[1].startswith("weir~") and len(first[1]) == len("weir~") + 8
    assert err.count("weir") >= 1 and len(err.splitlines()) == 1  # said once, though read twice in b.jsonl


def test_every_stage_accepts_what_the_reader_gives(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", {"id": "weir", "text": STORY * 3})
    write_jsonl(tmp_path / "b.jsonl", {"id": "weir", "text": STORY * 3}, {"id": "weir", "text": OTHER * 3})
    articles = list(read_paths([tmp_path]))
    _, groups = CopyIndex().add(articles)  # raised on a repeated id before
    assert sorted(a for g in groups for a in g.article_ids) == sorted(a.id for a in articles)
    index = EventIndex()
    index.add(articles)
    assert sorted(a for e in index.events() for a in e.article_ids) == sorted(a.id for a in articles)


def test_storing_does_not_rename_the_callers_articles():
    store = Store(":memory:")
    first = Article(id="weir", text=STORY, content_hash="h1")
    second = Article(id="weir", text=OTHER, content_hash="h2")
    with store.transaction():
        store.add_articles([first])
        added = store.add_articles([second])
    assert second.id == "weir"  # the caller's object is untouched
    assert [a.id for a in added] == ["weir~h2"] and added[0].text == OTHER
    assert sorted(a.id for a in store.articles()) == ["weir", "weir~h2"]


def test_a_folder_walk_skips_scripts_and_json_without_articles(tmp_path, capsys):
    write_jsonl(tmp_path / "a.jsonl", {"id": "weir", "text": STORY})
    (tmp_path / "build.py").write_text("print('not news')\n", encoding="utf-8")
    (tmp_path / "answers.json").write_text(json.dumps({"articles": [{"title": "Weir"}]}), encoding="utf-8")
    items = list(read_paths([tmp_path]))
    assert [getattr(item, "id", None) for item in items] == ["weir"]
    assert "answers.json: no article records, skipped" in capsys.readouterr().err
    named = list(read_paths([tmp_path / "answers.json"]))  # named on its own, it is still an error
    assert [type(item).__name__ for item in named] == ["Problem"]


def test_dedup_over_the_whole_examples_folder_succeeds(capsys):
    code = main(["dedup", str(EXAMPLES), "--json"])
    groups = json.loads(capsys.readouterr().out)["groups"]
    assert code == 0
    ids = [a for group in groups for a in group["articles"]]
    assert len(ids) == len(set(ids)) == 20  # the crawl's copy of each page counted once
