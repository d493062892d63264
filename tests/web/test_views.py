"""The event page lays out sections other analysers add (quotes, disagreements, entities, timelines) when present."""

from __future__ import annotations

from dataclasses import dataclass, field

import lxml.html

from storyline.analysis import SUMMARY, VARIANTS, analyse_event
from storyline.model import Article, CopyGroup, Event, EventDigest
from storyline.web.app import AppLinks
from storyline.web.jinja import environment
from storyline.web.views import event_context, safe_url, word_diff


@dataclass(slots=True)
class FullDigest(EventDigest):
    quotes: list = field(default_factory=list)
    entities: list = field(default_factory=list)
    disagreements: list = field(default_factory=list)
    timeline: list = field(default_factory=list)


@dataclass(slots=True)
class Entity:
    name: str
    kind: str
    mentions: int


A = Article(
    "a",
    'Talks ended on Monday. "We are close," Ada Venn said. Crews did not outright reject the offer.',
    title="Talks end",
    outlet="Quay Post",
    published="2026-04-14",
    content_hash="ha",
)
B = Article(
    "b",
    'Talks ended on Monday. "We are close," Ada Venn said. Crews slammed the offer.',
    title="Talks over",
    outlet="Ferry Radio",
    published="2026-04-15",
    content_hash="hb",
)


def render(digest: EventDigest) -> lxml.html.HtmlElement:
    links = AppLinks()
    html = environment().get_template("event.html").render(links=links, **event_context(digest, links))
    return lxml.html.fromstring(html)


def test_sections_appear_only_with_their_fields():
    event = Event("ev-1", "Talks end", "2026-04-14", "2026-04-15", ["a", "b"], ["Quay Post", "Ferry Radio"])
    # Only the analysers every digest has had from the start: the optional sections are then empty.
    base = analyse_event(
        event, [A, B], [CopyGroup("g", ["a", "b"], "a", {"a": 1.0, "b": 0.8})], analysers=(SUMMARY, VARIANTS)
    )
    bare = render(base)
    assert not bare.xpath("//h2[@id='quotes-h'] | //h2[@id='disagree-h'] | //h2[@id='entities-h']")
    assert bare.xpath("//h2[@id='timeline-h']") and bare.xpath("//h2[@id='copies-h']")

    claim = {
        "article_id": "a",
        "outlet": "Quay Post",
        "published": "2026-04-14",
        "sentence_index": 2,
        "start": 55,
        "end": 95,
        "text": A.text[55:],
        "marked": [[66, 86]],
        "side": 0,
    }
    full = FullDigest(**{name: getattr(base, name) for name in EventDigest.__dataclass_fields__})
    full.quotes = [
        {
            "article_id": "b",
            "text": "We are close,",
            "direct": True,
            "speaker": "Ada Venn",
            "speaker_name": "Ada Venn",
            "speaker_role": "union leader",
            "sentence_index": 1,
        }
    ]
    full.entities = [Entity("Ada Venn", "person", 2)]
    full.disagreements = [
        {
            "event": "ev-1",
            "kind": "negation",
            "topic": "the offer",
            "update": False,
            "claims": [
                claim,
                {**claim, "article_id": "b", "text": "Crews slammed the offer.", "marked": [], "side": 1},
            ],
        }
    ]
    full.timeline = [{"date": "2026-04-14", "text": "Talks end"}]
    doc = render(full)
    speaker = doc.xpath("//div[@class='speaker']")[0]
    assert "Ada Venn" in speaker.text_content() and "union leader" in speaker.text_content()
    assert speaker.xpath(".//a[@class='source-tag']/@href") == ["/article?id=b#s1"]

    # The same quote in two articles is one item citing both; what is only believed is not shown as said.
    said = dict(full.quotes[0], cue="said")
    full.quotes = [
        said,
        dict(said, article_id="a"),
        dict(said, text="the offer will be rejected by the crews", direct=False, cue="hopes"),
    ]
    (speaker,) = render(full).xpath("//div[@class='speaker']")
    (item,) = speaker.xpath(".//ul[@class='quotes']/li")
    assert item.xpath("./q")[0].text_content() == "We are close,"
    assert sorted(item.xpath(".//a[@class='source-tag']/@href")) == ["/article?id=a#s1", "/article?id=b#s1"]
    sides = doc.xpath("//div[@class='side']")
    assert len(sides) == 2 and sides[0].xpath(".//mark")[0].text_content() == A.text[66:86]
    assert "Ada Venn" in doc.xpath("//ul[@class='chips entities']")[0].text_content()
    assert doc.xpath("//ol[@class='developments']/li")[0].text_content().strip() == "2026-04-14 Talks end"


def test_word_diff_marks_what_a_copy_dropped_and_added():
    pieces = word_diff("Crews did not outright reject the offer.", "Crews slammed the offer.")
    assert ("del", "did not outright reject") in pieces and ("ins", "slammed") in pieces
    assert "".join(text for op, text in pieces if op != "del").split() == "Crews slammed the offer.".split()


def test_only_http_addresses_are_links():
    assert safe_url("https://news.example/a?b=1") == "https://news.example/a?b=1"
    for url in (
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,x",
        "//evil.example",
        "http://",
        "https://a.example/\nx",
        "vbscript:x",
        "",
        None,
        "ftp://files.example/x",
    ):
        assert safe_url(url) is None, url
