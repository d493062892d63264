"""Summaries of the bundled example events read as news: whole sentences, no datelines, quotes with speakers.

The example corpus (``examples/corpus``) holds invented reports in the shapes real news takes: datelines,
wire copies edited by other outlets, quotes attributed by pronoun, speakers with appositives and relative
clauses. Each event of ``examples/expected.json`` is summarized from its articles, with and without the copy
groups that the same file lists.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from storyline.ingest import read_paths
from storyline.model import Article, CopyGroup, Summary
from storyline.summarize import summarize
from storyline.summarize.compress import dateline, has_main_verb

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# "PORT ELLISON, March 5 (Agency) — ", "HARROWGATE — ", "Ottawa (AFP) – ": a place in capitals, or any opening
# words with an agency in brackets, before a dash.
_CAPITALS_DATELINE = re.compile(r"^[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+)*\s*(?:,|\(|[—–―]|-\s)")
_AGENCY_DATELINE = re.compile(r"^(?:\S+\s+){0,4}\([^()]*\)\s*(?:[—–―]|-{1,2}\s|_\s)")
# '"...," she said.', '“...?” he asked.'
_PRONOUN_QUOTE = re.compile(r"^[\"“‘'].*?[,.?!][\"”’']\s+(?:he|she|they|it)\s+[a-z]+", re.IGNORECASE)


def _events() -> list[tuple[str, list[Article], list[CopyGroup]]]:
    expected = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
    articles = [a for a in read_paths([EXAMPLES / "corpus"]) if isinstance(a, Article)]
    by_title = {" ".join((a.title or "").split()): a for a in articles}
    events = []
    for event in expected["events"]:
        members = [by_title[title] for title in event["titles"]]
        groups = []
        for n, group in enumerate(expected["copy_groups"]):
            ids = [by_title[title].id for title in group["titles"] if title in event["titles"]]
            if len(ids) > 1:
                groups.append(CopyGroup(f"copies-{n}", ids, by_title[group["canonical"]].id))
        events.append((event["name"], members, groups))
    return events


EVENTS = _events()


def _summaries() -> list[tuple[str, list[Article], Summary]]:
    out = []
    for name, members, groups in EVENTS:
        out.append((name, members, summarize(members, words=100)))
        if groups:
            out.append((f"{name} (copy groups)", members, summarize(members, words=100, copy_groups=groups)))
    return out


SUMMARIES = _summaries()
IDS = [name for name, _, _ in SUMMARIES]


def test_every_event_of_the_examples_is_summarized():
    assert len(EVENTS) == 5
    assert all(len(members) >= 2 for _, members, _ in EVENTS)
    assert all(summary.sentences for _, _, summary in SUMMARIES)
    # The sources do open with datelines, so the checks below have something to catch.
    leads = [a.text.lstrip() for _, members, _ in EVENTS for a in members]
    assert sum(bool(_CAPITALS_DATELINE.match(text)) for text in leads) >= 5
    assert any(_AGENCY_DATELINE.match(text) for text in leads)


@pytest.mark.parametrize(("name", "members", "summary"), SUMMARIES, ids=IDS)
def test_no_summary_sentence_starts_with_a_dateline(name, members, summary):
    for sentence in summary.sentences:
        assert not _CAPITALS_DATELINE.match(sentence.text), sentence.text
        assert not _AGENCY_DATELINE.match(sentence.text), sentence.text
        assert dateline(sentence.text) == 0, sentence.text


@pytest.mark.parametrize(("name", "members", "summary"), SUMMARIES, ids=IDS)
def test_no_summary_sentence_is_a_fragment_without_a_main_verb(name, members, summary):
    for sentence in summary.sentences:
        assert has_main_verb(sentence.text), sentence.text
        assert sentence.text[-1] in '.!?"”’', sentence.text


@pytest.mark.parametrize(("name", "members", "summary"), SUMMARIES, ids=IDS)
def test_no_summary_sentence_is_a_quote_attributed_to_a_pronoun(name, members, summary):
    for sentence in summary.sentences:
        assert not _PRONOUN_QUOTE.match(sentence.text), sentence.text
    assert summary.sentences[0].text[0] not in "\"“‘'", "a quotation should not open the summary"


@pytest.mark.parametrize(("name", "members", "summary"), SUMMARIES, ids=IDS)
def test_every_sentence_cites_an_article_of_its_event(name, members, summary):
    event_ids = {a.id for a in members}
    for sentence in summary.sentences:
        assert sentence.citations, sentence.text
        assert {c.article_id for c in sentence.citations} <= event_ids, sentence.text


@pytest.mark.parametrize(("name", "members", "summary"), SUMMARIES, ids=IDS)
def test_summary_opens_with_the_lead_of_a_report(name, members, summary):
    # The core fact is in the opening sentences of a report (a caption may come first).
    assert min(c.sentence_index for c in summary.sentences[0].citations) <= 1, summary.sentences[0].text
