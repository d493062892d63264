"""Copies of one article in a batch are analysed once: each gets what analysing it alone gives, under its own id."""

import pytest

from storyline.model import Article
from storyline.quotes import analyse_articles

pytest.importorskip("spacy")

TEXT = (
    "Harbour Minister Wilma Ostrander said on Monday that the bridge would stay shut until spring.\n"
    "“We will not reopen it before the inspectors have finished,” Ostrander told reporters in Kestrel.\n"
    "Her deputy, Jonas Vik, said the ferry would run twice an hour."
)


def _as_dicts(item) -> tuple:
    return [q.to_dict() for q in item.quotes], [e.to_dict() for e in item.entities], item.skipped


def test_each_copy_gets_what_it_gets_alone_under_its_own_id():
    first = Article("a1", TEXT, title="Bridge to stay shut, minister says")
    copy = Article("a2", TEXT, title="Bridge to stay shut, minister says")
    retitled = Article("a3", TEXT, title="Ostrander: “The bridge stays shut”")
    together = analyse_articles([first, copy, retitled])
    alone = [analyse_articles([article])[0] for article in (first, copy, retitled)]
    assert [item.article_id for item in together] == ["a1", "a2", "a3"]
    assert [_as_dicts(item) for item in together] == [_as_dicts(item) for item in alone]
    assert together[1].quotes and all(q.article_id == "a2" for q in together[1].quotes)
    assert together[1].entities and all(e.article_ids == ["a2"] for e in together[1].entities)


def test_a_copys_quotes_and_entities_are_its_own_objects():
    first, copy = Article("a1", TEXT), Article("a2", TEXT)
    one, other = analyse_articles([first, copy])
    other.entities[0].variants.append("changed")
    other.quotes[0].text = "changed"
    assert "changed" not in one.entities[0].variants
    assert one.quotes[0].text != "changed"
