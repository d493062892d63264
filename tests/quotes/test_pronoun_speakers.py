"""Pronoun speakers named by the fullest name the article gives: a surname completed from the headline, "they"
going to the people named together just before it, and "I" outside quotations the writer of an opinion piece (never
the person named last)."""

import pytest

from storyline.quotes.people import capitalised_people, closing_author, headline_form
from tests.quotes.quoting import quote_holding, quotes_of

pytest.importorskip("spacy")


def test_a_surname_the_text_gives_alone_gets_the_full_name_its_headline_gives():
    text = (
        "The harbour board met on Monday to vote on the sale.\n\n"
        "“We will not sell the harbour to anyone,” Lindqvist said after the vote. She has led the board since 2019."
    )
    quote = quote_holding(quotes_of(text, title="Greta Lindqvist Takes On The Harbour Board"), "sell the harbour")
    assert quote.speaker_name == "Greta Lindqvist"


def test_a_headline_word_the_text_writes_in_lower_case_or_a_thing_named_after_someone_is_no_first_name():
    text = "The council attacks the plan. Lindqvist said no."
    assert headline_form("Council Attacks Lindqvist Over Sale", "Lindqvist", text, set()) is None
    assert headline_form("Greta Lindqvist Foundation Donors Left", "Lindqvist", text, set()) is None
    assert headline_form("Why Moreau Lindqvist Clash", "Lindqvist", text, {"Moreau"}) is None
    assert headline_form("Greta Lindqvist’s Harbour", "Lindqvist", text, set()) == "Greta Lindqvist"


def test_they_goes_to_the_people_named_together_just_before_it():
    text = (
        "The harbour board will vote on the sale next month.\n\n"
        "Mayor Ada Lundgren and Councillor Jim Risberg have fought the sale for years. Lundgren and Risberg met the "
        "board on Monday. Afterwards, they said the harbour should stay in public hands for another decade."
    )
    quote = quote_holding(quotes_of(text), "stay in public hands")
    assert quote.speaker.lower() == "they"
    assert quote.speaker_name == "Ada Lundgren and Jim Risberg"


def test_they_does_not_go_to_people_named_apart():
    text = (
        "The harbour board will vote on the sale next month.\n\n"
        "Mayor Ada Lundgren has fought the sale for years. Lundgren met Councillor Jim Risberg on Monday, and "
        "Risberg spoke first. Afterwards, they said the harbour should stay in public hands for another decade."
    )
    quote = quote_holding(quotes_of(text), "stay in public hands")
    assert quote.speaker_name is None or " and " not in quote.speaker_name


def test_i_outside_any_quotation_is_not_the_person_named_before_it():
    text = (
        "Mayor Ada Lundgren opened the new harbour on Monday, and Lundgren cut the ribbon.\n\n"
        "I think the harbour should stay in public hands, and I have written so for years."
    )
    quote = quote_holding(quotes_of(text), "stay in public hands")
    assert quote.speaker == "I"
    assert quote.speaker_name is None


def test_i_inside_a_quotation_run_on_is_still_its_speaker():
    text = (
        "Mayor Ada Lundgren opened the new harbour on Monday.\n\n"
        "“It is a good day,” Lundgren said. “I think the harbour should stay in public hands.”"
    )
    quote = quote_holding(quotes_of(text), "stay in public hands")
    assert quote.speaker_name == "Ada Lundgren"


def test_i_outside_quotations_is_the_writer_named_by_the_closing_author_line():
    text = (
        "Mayor Ada Lundgren opened the new harbour on Monday, and Lundgren cut the ribbon.\n\n"
        "I think the harbour should stay in public hands, and I have written so for years.\n\n"
        "Tove Brekke is a retired ferry captain in Tromsø."
    )
    assert quote_holding(quotes_of(text), "stay in public hands").speaker_name == "Tove Brekke"


def test_an_author_line_gives_the_writers_role_not_what_a_report_says_last():
    assert closing_author("I agree.\n\nGlenn Harlan Reynolds, a law professor, is a member of the board.") == (
        "Glenn Harlan Reynolds"
    )
    assert closing_author("I agree.\n\nCharlotte Meehan is playwright-in-residence at Wheaton College.") == (
        "Charlotte Meehan"
    )
    assert closing_author("The vote is Tuesday.\n\nAda Lundgren is expected to speak first.") is None
    assert closing_author("The vote is Tuesday.\n\nThe Harbour Board is a public body.") is None


def test_he_goes_on_from_the_speaker_of_a_quotation_past_an_i_inside_it():
    # the quoted "I" names no one by itself now; the "he" after it still goes on from "Mr. Brekke said"
    text = (
        "Senator Tove Brekke and the harbour board met on Monday.\n\n"
        "''I regret the comments,'' Mr. Brekke said. ''I think that should be said. But do I believe that Ada "
        "Lundgren is the answer? No, I do not.''\n\n"
        "He added that the board should meet again."
    )
    assert quote_holding(quotes_of(text), "meet again").speaker_name == "Tove Brekke"


def test_i_outside_quotations_stays_the_writer_beside_someone_elses_attribution():
    text = (
        "My mother never liked the harbour plan.\n\n"
        "Mayor Ada Lundgren said on Monday that the sale was fair, but I think the harbour should stay in public "
        "hands.\n\n"
        "Tove Brekke is a retired ferry captain in Tromsø."
    )
    assert quote_holding(quotes_of(text), "stay in public hands").speaker_name == "Tove Brekke"


def test_a_party_word_is_no_part_of_a_persons_name():
    text = "Trump spoke at the Kent County Republican headquarters on Friday. He said he had big plans."
    assert all(not text[a:b].endswith("Republican") for a, b, _ in capitalised_people(text, []))
    text = "Democrat Tove Brekke spoke on Friday. She said Brekke would win."
    assert [text[a:b] for a, b, _ in capitalised_people(text, [])] == ["Tove Brekke"]
    text = "She spoke at the Democratic National Convention on Monday. She said the Convention was loud."
    assert capitalised_people(text, []) == []
