"""What a cue reports: the content of reported speech, beliefs and stances, on sentences written for these tests."""

import pytest

pytest.importorskip("spacy")

from tests.quotes.quoting import quote_holding, quotes_of


def test_an_attribution_inside_the_clause_it_reports_gives_the_clause_around_it():
    quote = quote_holding(
        quotes_of("Many of the ferry routes, the harbour master said, have lost money since the spring."),
        "lost money",
    )
    assert quote.text == "Many of the ferry routes have lost money since the spring"
    assert quote.speaker == "the harbour master"
    assert not quote.direct


def test_an_attribution_after_the_clause_it_reports_gives_the_clause_before_it():
    quote = quote_holding(
        quotes_of("The storm damaged more than forty houses in the valley, Inspector Karl Lund said on Monday."),
        "forty houses",
    )
    assert quote.text == "The storm damaged more than forty houses in the valley"
    assert quote.speaker_name == "Karl Lund"


def test_a_stance_ends_where_the_next_clause_of_the_sentence_begins():
    quotes = quotes_of(
        "Councillor Mira Dahl praised the new library, mocked the budget office and promised more buses for the "
        "northern villages."
    )
    assert quote_holding(quotes, "library").text == "the new library"
    assert quote_holding(quotes, "budget office").text == "the budget office"
    assert all(q.speaker_name == "Mira Dahl" for q in quotes)


def test_a_stance_ends_before_a_participle_that_reports_speech():
    quotes = quotes_of("Councillor Mira Dahl praised the new library on Monday, saying it would serve every village.")
    assert "serve every village" not in quote_holding(quotes, "library").text
    assert quote_holding(quotes, "serve every village").cue == "saying"


def test_a_belief_or_stance_inside_reported_speech_is_part_of_what_was_said():
    quotes = quotes_of(
        "Mayor Lena Harkov said on Tuesday that she supports the tunnel plan for the old harbour. "
        "Harbour master Ivo Brandt said he believes the ferries will run again in June."
    )
    assert [q.cue for q in quotes] == ["said", "said"]
    assert quote_holding(quotes, "tunnel plan").text == "she supports the tunnel plan for the old harbour"
    assert quote_holding(quotes, "ferries").speaker_name == "Ivo Brandt"


def test_a_belief_of_its_own_is_still_an_attribution():
    quote = quote_holding(
        quotes_of("Harbour master Ivo Brandt believes the ferries will run again in June."), "ferries"
    )
    assert quote.cue == "believes"
    assert quote.speaker_name == "Ivo Brandt"


def test_irregular_forms_of_cue_verbs_are_cues_in_a_sentence_parsed_anyway():
    quotes = quotes_of(
        "A survey of ferry riders found that the boats were often late, and the council said it would act. "
        "Councillor Dahl admitted that the budget was late, and she said the office would publish it in March."
    )
    assert quote_holding(quotes, "boats were often late").speaker == "A survey of ferry riders"
    assert quote_holding(quotes, "budget was late").cue == "admitted"


def test_irregular_forms_alone_do_not_send_a_sentence_to_the_parser():
    from storyline.quotes.extract import units
    from storyline.quotes.screen import needs_syntax

    text = "A survey of ferry riders found that the boats were often late."
    assert not any(needs_syntax(text, unit) for unit in units(text))


def test_a_closing_according_to_names_the_source_and_is_no_part_of_the_words():
    text = (
        "Further tests carried out on Monday confirmed that the crack found last week has not spread into the "
        "cross-beams, according to the council."
    )
    quotes = quotes_of(text)
    confirmed = [q for q in quotes if q.cue == "confirmed"]
    assert confirmed and confirmed[0].text == "the crack found last week has not spread into the cross-beams"
    from storyline.quotes.merge import by_speaker

    # words of an unnamed speaker inside words given according to someone are that source's report
    assert [s.name for s in by_speaker(quotes)] == ["The council"]
