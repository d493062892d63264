"""Attributions found in more of their forms, on texts written for these tests."""

import pytest

from storyline.quotes.marks import curly_doubled_marks, quote_spans

pytest.importorskip("spacy")

from tests.quotes.quoting import quote_holding, quotes_of


def test_doubled_apostrophes_become_curly_marks_with_every_offset_kept():
    text = "''The pier is closed,'' Ada Lund said. ''She told me, 'Not today,''' he recalled. Ada's pier."
    curly = curly_doubled_marks(text)
    assert len(curly) == len(text)
    assert [curly[q.start : q.end] for q in quote_spans(curly, 0, len(curly))] == [
        "The pier is closed,",
        "She told me, 'Not today,'",
    ]
    assert curly.endswith("Ada's pier.")


def test_a_quotation_in_doubled_apostrophes_is_a_quotation_of_the_speaker_after_it():
    quotes = quotes_of(
        "''The bridge will stay shut until the spring floods are over,'' said Ada Lund, the county engineer."
    )
    quote = quote_holding(quotes, "bridge")
    assert quote.text == "The bridge will stay shut until the spring floods are over"
    assert quote.speaker_name == "Ada Lund"
    assert len(quotes) == 1


def test_a_quotation_in_doubled_apostrophes_interrupted_by_its_speaker_is_one_quote():
    quotes = quotes_of(
        "''We lost the vote in the council,'' Mayor Ivo Brandt said on Monday. ''We will appeal the ruling "
        "before the summer.''"
    )
    quote = quote_holding(quotes, "lost the vote")
    assert quote.text == "We lost the vote in the council. We will appeal the ruling before the summer"
    assert quote.speaker_name == "Ivo Brandt"


def test_only_a_double_quotation_mark_of_the_text_flags_a_quote_direct():
    doubled = quote_holding(
        quotes_of("''The ferry will run again in June and July,'' Harbour master Ivo Brandt said."), "ferry"
    )
    marked = quote_holding(
        quotes_of("“The ferry will run again in June and July,” Harbour master Ivo Brandt said."), "ferry"
    )
    assert doubled.text == marked.text
    assert not doubled.direct
    assert marked.direct


def test_a_relative_clause_set_off_by_a_comma_that_closes_the_content_is_the_writer_s():
    quote = quote_holding(
        quotes_of("Inspector Karl Brandt said the council had hired Ada Lund, who runs the northern ferry."), "council"
    )
    assert quote.text == "the council had hired Ada Lund"
    praised = quote_holding(
        quotes_of("Councillor Mira Dahl praised the new harbour plan, which the council passed in May."), "harbour"
    )
    assert praised.text == "the new harbour plan"


def test_a_relative_clause_without_a_comma_stays_in_the_content():
    quote = quote_holding(
        quotes_of("Inspector Karl Brandt said the council had hired a new engineer who runs the northern ferry."),
        "council",
    )
    assert quote.text == "the council had hired a new engineer who runs the northern ferry"


def test_the_speaker_s_next_act_of_saying_hung_on_the_reported_clause_is_not_part_of_it():
    quotes = quotes_of(
        "Councillor Mira Dahl said the ferry runs late every morning and demanded a refund for the season tickets."
    )
    assert quote_holding(quotes, "ferry").text == "the ferry runs late every morning"
    assert quote_holding(quotes, "refund").cue == "demanded"
    assert all(q.speaker_name == "Mira Dahl" for q in quotes)


def test_a_headline_that_gives_a_speaker_and_a_colon_is_that_speaker_s_quote():
    quotes = quotes_of(
        "Senator Ada Lundqvist spoke at the harbour on Thursday.",
        title="Lundqvist: The Ferry Cuts Will Cost the Islands Their Doctors",
    )
    headline = quote_holding(quotes, "Ferry Cuts")
    assert headline.text == "The Ferry Cuts Will Cost the Islands Their Doctors"
    assert headline.speaker == "Lundqvist"
    assert headline.cue == ":"
    assert headline.start is None


def test_a_headline_kicker_or_question_is_no_speaker():
    for title in ("Breaking: The Ferry Cuts Will Cost the Islands", "Lundqvist: Will the Ferry Cuts Cost the Islands?"):
        assert quotes_of("The ferry stopped running in May.", title=title) == []


def test_a_headline_with_a_cue_is_read_like_a_sentence():
    quotes = quotes_of(
        "The ferry stopped running in May.", title="Harbour master says the ferry will run again in June"
    )
    assert quote_holding(quotes, "ferry").text == "the ferry will run again in June"
    assert quote_holding(quotes, "ferry").speaker == "Harbour master"
