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
