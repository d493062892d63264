"""Outlets: wire credits, datelines, archive ids and the counts a digest shows."""

import pytest

from storyline import api
from storyline.ingest import read_bytes
from storyline.ingest.outlets import article_outlets, event_outlets, outlet_from_id, own_name, wire_credit
from storyline.model import Article, CopyGroup
from storyline.render.markdown import outlet_line


def _read(text: str, name: str = "story.txt") -> Article:
    items = list(read_bytes(text.encode(), name))
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def test_wire_credits_in_datelines_and_credit_lines_but_not_in_the_body():
    assert wire_credit("OTTAWA (AFP) - Talks advanced slowly.") == "AFP"
    assert wire_credit("Montreal, Jan. 29 (Reuters) - Talks resumed.") == "Reuters"
    assert wire_credit("WASHINGTON (AP) _ The Senate voted.") == "Associated Press"
    assert wire_credit("The talks resumed.\n\nThe Associated Press contributed to this report.") == "Associated Press"
    assert wire_credit("The minister told Reuters the talks would resume.") is None


def test_archive_ids_name_their_source():
    assert outlet_from_id("APW19981016.0240") == "Associated Press"
    assert outlet_from_id("NYT19981110.0432") == "New York Times"
    assert outlet_from_id("XIE19981203.0019") == "Xinhua"
    assert outlet_from_id("story-19981016") is None
    assert _read("Talks resumed on Monday.\nThe minister spoke.", "APW20310316.0240").outlet == "Associated Press"


def test_a_wire_story_republished_by_an_outlet_counts_both_and_its_copy_names_the_wire():
    wire = Article(id="w", text="OTTAWA (AFP) - Talks advanced slowly.", outlet="Harbour News")
    copy = Article(id="c", text="Talks advanced slowly.", outlet="Valley Daily")
    alone = Article(id="u", text="Talks advanced.")
    assert article_outlets(wire) == ["Harbour News", "AFP"]
    named = event_outlets([wire, copy, alone], [CopyGroup("g", ["w", "c"], "w")])
    assert named == {"w": ["Harbour News", "AFP"], "c": ["Valley Daily", "AFP"], "u": []}
    assert outlet_line(named) == "3 outlets (AFP, Harbour News, Valley Daily) · outlet unknown for 1"
    assert outlet_line({"u": []}) == "outlet unknown"


def test_every_duc_article_names_its_outlet_from_its_id(shared_data):
    docs = shared_data / "duc2004-dev" / "docs"
    if not docs.is_dir():
        pytest.skip("DUC 2004 dev data not found")
    articles = api.read([next(p for p in sorted(docs.iterdir()) if p.is_dir())]).articles
    assert articles and all(a.outlet in ("Associated Press", "New York Times", "Xinhua") for a in articles)


def test_a_page_names_itself_in_its_newsletter_sign_up_or_copyright_line():
    text = (
        "Crack closes the Sallow Street bridge\n\nPhoto: J. Bell/Northmere Evening Post\n\n"
        "Commuters faced delays on Monday after the bridge closed.\n\nThe council will publish the reports.\n\n"
        "Sign up to the Evening Post newsletter for the day's top stories"
    )
    assert own_name(text) == "Northmere Evening Post"
    assert _read(text).outlet == "Northmere Evening Post"
    assert own_name("Talks went on.\n\n© 2031 Harbour News. All rights reserved.") == "Harbour News"
    assert own_name("Talks went on.\n\nSubscribe to our newsletter") is None
    assert own_name("The band will sign up to the festival.\n\nCopyright law was the topic.") is None
