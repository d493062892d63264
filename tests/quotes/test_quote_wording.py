"""How a quote reads once taken out of its article, and who a passive cue leaves as speaker."""

import pytest

pytest.importorskip("spacy")

from storyline.quotes.extract import join_quoted
from tests.quotes.quoting import quote_holding, quotes_of


def test_a_quote_interrupted_mid_sentence_reads_without_the_comma_of_the_interruption():
    text = '"The ferry," said harbour master Ilse Varga, "will sail again on Friday."'
    quote = quote_holding(quotes_of(text), "will sail again")
    assert quote.text == "The ferry will sail again on Friday"


def test_a_quote_going_on_in_the_next_sentence_keeps_its_sentence_break():
    text = (
        'Residents\' leader Oskar Lind spoke after the vote. "We were not heard," he said. '
        '"We will meet this week to decide what to do next."'
    )
    quote = quote_holding(quotes_of(text), "not heard")
    assert quote.text == "We were not heard. We will meet this week to decide what to do next"


@pytest.mark.parametrize(
    ("pieces", "joined"),
    [
        (["The ferry,", "will sail"], "The ferry will sail"),
        (["We lost,", "We will appeal."], "We lost. We will appeal"),
        (["Why now?", "Nobody knows."], "Why now? Nobody knows"),
        (["", "Only this."], "Only this"),
    ],
)
def test_join_quoted(pieces, joined):
    assert join_quoted(pieces) == joined


def test_a_passive_cue_without_by_names_no_speaker():
    text = "Quarry Lane is closed and drivers are asked to avoid the whole of the area until Friday."
    assert not [q for q in quotes_of(text) if q.speaker and "Quarry" in q.speaker]


def test_a_passive_cue_with_by_names_its_agent():
    text = "Drivers were told by the highways agency that the road would stay closed until Friday."
    quote = quote_holding(quotes_of(text), "stay closed until Friday")
    assert "highways agency" in quote.speaker


def test_a_reported_clause_keeps_the_subject_the_parser_took_for_an_object():
    text = "Listeners told us journeys from Eastfield into the centre took more than an hour."
    quote = quote_holding(quotes_of(text), "more than an hour")
    assert quote.text.startswith("journeys from Eastfield")


def test_a_passive_stance_is_not_read_as_what_its_agent_said():
    text = "The harbour plan was criticised by several fishermen's groups at the meeting on Tuesday evening."
    assert not [q for q in quotes_of(text) if q.text.startswith("by ")]


def test_going_on_doing_something_is_not_saying_it():
    text = "Firefighters continue to battle a large fire at a warehouse on the industrial estate this morning."
    assert not [q for q in quotes_of(text) if "battle" in q.text]


def test_a_long_agency_name_in_the_dateline_stays_out_of_the_reported_words():
    text = (
        "BRACKWATER, March 4 (Coastline Press Agency) — Firefighters brought a large blaze at a warehouse under "
        "control on Wednesday morning, the regional fire service said."
    )
    quote = quote_holding(quotes_of(text), "large blaze")
    assert quote.text.startswith("Firefighters brought")
