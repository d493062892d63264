"""Leads whose title cannot win are not parsed: the bound holds every cut, and the chosen title is the same."""

import json
import random

import pytest

from storyline.model import Article
from storyline.products import reusing
from storyline.text import content_stems
from storyline.title_bounds import _candidate_stems, closeness, closeness_bound, stem_profile
from storyline.title_clauses import _pared, phrase_cut
from storyline.titles import MAX_TITLE_CHARS, UNCUT, _closest, _lead_titles, _shortened, event_title

pytest.importorskip("spacy")

# Leads the rules cannot shorten enough, so the parser cuts them (what was said, a pared subject, a phrase), invented.
LEADS = [
    "A spokeswoman for the ferry operator Tarrow Link said the company had offered the striking crews a rise of four "
    "percent and would meet the union again",
    "The union representing the crews of the Tarrow ferries rejected a pay offer of four percent that the operator "
    "had described as its final and best offer",
    "Striking ferry crews blocked the main slipway of Tarrow harbour using lorries and fishing boats as talks with the "
    "operator broke down again",
    "Island shopkeepers who depend heavily upon the morning crossing for fresh supplies warned that their shelves "
    "would soon be empty",
    "The harbour master of Ostwick said that the third ferry strike this year would cost local shops about two million "
    "pounds of lost trade",
    "Hundreds of angry residents marched through the narrow streets of Ostwick carrying banners that demanded an end "
    "to the long ferry dispute",
    "The operator Tarrow Link announced that every crossing between the islands and the mainland would remain "
    "cancelled until the dispute was settled",
    "Coastguard helicopters flew dozens of stranded residents of the outer islands to hospital appointments as the "
    "ferry strike entered its second week",
]


def _articles(leads: list[str], prefix: str = "a") -> list[Article]:
    tail = " The strike stopped all routes. Talks resume on Wednesday."
    return [Article(id=f"{prefix}{n}", text=lead + "." + tail) for n, lead in enumerate(leads)]


def _title_cutting_every_lead(articles: list[Article]) -> str:
    leads = [lead for lead in _lead_titles(articles) if lead] or [a.id for a in articles]
    profile = stem_profile([(a.title or "", a.text) for a in articles])
    return leads[_closest(leads, profile)] if len(leads) > 1 else leads[0]


def test_every_cut_of_a_lead_holds_only_stems_its_bound_counts():
    drafts = [text for text, final in map(lambda lead: _shortened(lead, MAX_TITLE_CHARS), LEADS) if not final]
    cuts = [phrase_cut(draft, MAX_TITLE_CHARS) for draft in drafts]
    assert len(drafts) >= 5 and sum(cut is not None for cut in cuts) >= 4
    profile = stem_profile(LEADS)
    for draft, cut in zip(drafts, cuts):
        title = cut or draft
        assert set(content_stems(title)) <= _candidate_stems(draft)
        assert closeness(title, profile) <= closeness_bound(draft, profile)


def test_a_pared_sentence_keeps_the_words_around_a_dropped_phrase_apart():
    from spacy.tokens import Doc

    from storyline.quotes.nlp import load_pipeline

    # "The store-front was stormed", parsed so that "-front" describes the subject and is dropped.
    words = ["The", "store", "-", "front", "was", "stormed"]
    doc = Doc(
        load_pipeline().vocab,
        words=words,
        spaces=[True, False, False, True, True, False],
        heads=[1, 5, 3, 1, 5, 5],
        deps=["det", "nsubj", "punct", "appos", "auxpass", "ROOT"],
        tags=["DT", "NN", "HYPH", "NN", "VBD", "VBN"],
    )
    assert _pared(doc, doc[5]) == "The store was stormed"  # not "The storewas stormed"


def test_the_event_title_is_the_one_cutting_every_lead_gives():
    rng = random.Random(5)
    for round_ in range(12):
        leads = rng.sample(LEADS, rng.randint(2, len(LEADS)))
        # Some leads repeat (copies), some are short enough for the rules alone.
        leads += rng.sample(leads, rng.randint(0, 2))
        leads += ["Ferry crews walk out on Tarrow"] * rng.randint(0, 1)
        articles = _articles(leads, prefix=f"r{round_}-")
        assert event_title(articles) == _title_cutting_every_lead(articles)


def test_leads_left_uncut_are_stored_as_such_and_cut_when_they_could_win():
    articles = _articles(LEADS)
    want = _title_cutting_every_lead(articles)
    with reusing() as reuse:
        assert event_title(articles) == want
        stored = reuse.computed()
    kept = [json.loads(text)["title-lead"]["value"] for text in stored.values()]
    assert any(title.startswith(UNCUT) for title in kept)  # some leads were never parsed
    # The event again with stored lead titles, and with one more article whose lead may beat the others.
    more = _articles([LEADS[0] + " and every evening sailing"], prefix="more")
    with reusing(stored):
        assert event_title(articles) == want
    with reusing(stored):
        assert event_title(articles + more) == _title_cutting_every_lead(articles + more)


def test_a_bound_counts_the_words_of_every_part_of_a_run_of_tokens():
    # The parser's tokens split "state-owned" and "Corp.": a cut between them keeps a part ("state", "Corp").
    stems = _candidate_stems("The state-owned Acme Corp. 's new ferry sank")
    assert {"state", "own", "state-own", "corp", "acm", "ferri", "sank"} <= stems
    assert _candidate_stems("Café owners said the ferry sank") is None  # outside ASCII: no bound, always parsed
