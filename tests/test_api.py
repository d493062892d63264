"""The Python API as a program uses it: plain values in, plain values out, the same results as the CLI."""

import json

import pytest

from storyline import api
from storyline.config import Settings
from tests.conftest import EXAMPLES

CORPUS = EXAMPLES / "corpus"


@pytest.fixture(scope="module")
def examples():
    return api.read([CORPUS])


def test_read_returns_articles_and_problems_apart(examples, tmp_path):
    assert len(examples.articles) == 20 and examples.problems == []
    broken = api.read([tmp_path / "missing.txt"])
    assert broken.articles == [] and "no such file" in str(broken.problems[0])


def test_copy_groups_events_and_summaries_of_the_examples(examples):
    groups = api.copy_groups(examples.articles)
    events = api.events(examples.articles)
    assert sorted(len(g.article_ids) for g in groups if len(g.article_ids) > 1) == [3]
    assert len(events) == 5 and sorted(a for e in events for a in e.article_ids) == sorted(
        a.id for a in examples.articles
    )
    wire = next(g for g in groups if len(g.article_ids) > 1)
    assert len({e.id for e in events if set(wire.article_ids) & set(e.article_ids)}) == 1
    summary = api.summarize(examples.articles[:3], words=40)
    assert summary.sentences and all(s.citations for s in summary.sentences)


def test_settings_reach_the_stages(examples):
    strict = Settings(copy_threshold=1.0)
    assert max(len(g.article_ids) for g in api.copy_groups(examples.articles, settings=strict)) <= 2
    with pytest.raises(ValueError, match="unknown event option"):
        api.events(examples.articles, settings=Settings(events={"treshold": 0.5}))


def test_ingest_then_digest_writes_a_page_per_event(tmp_path):
    db = tmp_path / "news.db"
    report = api.ingest([CORPUS], db=db)
    assert len(report.added) == 20 and report.problems == []
    again = api.ingest([CORPUS], db=db)
    assert again.added == [] and again.already_stored == 20
    digest = api.digest([], out=tmp_path / "digest", db=db, words=60)
    index = json.loads((tmp_path / "digest" / "index.json").read_text(encoding="utf-8"))
    assert digest.event_count == 5 and len(list((tmp_path / "digest" / "events").glob("*.md"))) == 5
    assert index and digest.article_count == 20
