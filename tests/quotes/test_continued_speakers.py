"""Speakers carried from the sentence before and bodies named in the plain text: a quotation that makes up its own
sentence after someone's attribution in the same paragraph, "it" after a campaign, a one-word organisation's
fuller name, a document's maker, and the subject before a cue that a relative clause sets off."""

import pytest

from storyline.quotes.organisations import longer_organisation
from tests.quotes.quoting import quote_holding, quotes_of

pytest.importorskip("spacy")


def test_a_quotation_alone_in_its_sentence_goes_to_the_speaker_of_the_sentence_before():
    text = (
        "Greta Lindqvist has chaired the harbour board since 2019.\n\n"
        "Lindqvist says she received a letter from the council last week. “They asked me to sell the harbour to a "
        "friend of the mayor before the end of the year.”"
    )
    quote = quote_holding(quotes_of(text), "friend of the mayor")
    assert quote.speaker_name == "Greta Lindqvist"


def test_a_lone_attribution_sentence_gives_the_quotation_after_it_its_speaker():
    text = (
        "The harbour board met on Monday.\n\n"
        "Board member Jon Olsen agreed. “We kept the harbour open through two hard winters and paid every bill.”"
    )
    assert quote_holding(quotes_of(text), "two hard winters").speaker_name == "Jon Olsen"


def test_a_quotation_with_its_own_attribution_or_in_the_next_paragraph_keeps_its_own_speaker():
    text = (
        "Greta Lindqvist has chaired the harbour board since 2019.\n\n"
        "Lindqvist says she received a letter from the council. “They asked me to sell the harbour,” Olsen added."
    )
    assert quote_holding(quotes_of(text), "sell the harbour").speaker_name == "Olsen"
    text = (
        "Lindqvist says she received a letter from the council.\n\n"
        "“They asked me to sell the harbour to a friend of the mayor before the end of the year.”"
    )
    assert quote_holding(quotes_of(text), "friend of the mayor").speaker is None


def test_it_goes_on_from_a_persons_campaign():
    text = (
        "Greta Lindqvist is running for mayor of Harbourtown.\n\n"
        "Lindqvist's campaign is defending her remarks on the harbour sale. It is denouncing what it calls "
        "“a smear by the council.”"
    )
    quote = quote_holding(quotes_of(text), "smear by the council")
    assert quote.speaker.lower() == "it"
    assert quote.speaker_name == "Greta Lindqvist"


def test_a_one_word_organisation_gets_the_one_longer_name_the_text_writes_ending_with_it():
    text = "The editorial board of the Tampa Bay Times met. When PolitiFact checked, the Times was wrong."
    assert longer_organisation(text, "Times") == "Tampa Bay Times"
    assert longer_organisation(text, "PolitiFact") is None  # "When" opens a sentence, no name
    assert longer_organisation("Both the New York Times and the Tampa Bay Times agreed.", "Times") is None
    assert longer_organisation("Voters backed Clinton. The NEA agreed.", "NEA") is None  # a sentence between
    assert longer_organisation("In Reagan's Gallup era the numbers fell.", "Gallup") is None  # a possessor
    text = (
        "The editorial board of the Tampa Bay Times met on Sunday.\n\n"
        "Meanwhile, the Times attacked Olsen, saying he “has failed the town at every turn.”"
    )
    assert quote_holding(quotes_of(text), "every turn").speaker_name == "Tampa Bay Times"


def test_a_document_that_says_something_speaks_for_whoever_released_it():
    text = (
        "Jon Olsen runs the harbour board.\n\n"
        "He released a letter from the auditor on Friday that says the board “kept every account in order.”"
    )
    assert quote_holding(quotes_of(text), "every account").speaker_name == "Jon Olsen"
    text = "Jon Olsen runs the harbour board.\n\nHe believed the polls that showed him “far ahead of every rival.”"
    assert quote_holding(quotes_of(text), "every rival").speaker_name != "Jon Olsen"  # believed, not released


def test_a_name_before_a_cue_past_its_relative_clause_is_the_speaker_not_the_name_after_the_cue():
    text = (
        "The harbour debate was cancelled.\n\n"
        "Sanders, who had said he would debate the mayor, criticized Clinton on two fronts."
    )
    assert quote_holding(quotes_of(text), "two fronts").speaker == "Sanders"
