"""Speakers found and named: transcripts, signed quotations, groups, people who speak for others, pronouns that go
on from the attribution before, and sentences parsed once however many articles carry them."""

import pytest

from storyline.model import Article
from storyline.quotes import analyse_articles

pytest.importorskip("spacy")

from tests.quotes.quoting import quote_holding, quotes_of


def test_a_transcript_label_gives_the_speaker_and_is_not_part_of_the_quote():
    text = (
        "Governor Alvin Tarrow told presenter Nora Quist on Sunday that the bridge was on time. Partial transcript:\n"
        '"QUIST: Will the new bridge be finished before the election next year?\n'
        '"TARROW: The bridge will be finished in March, and it will cost less than we planned.'
    )
    quotes = quotes_of(text)
    answer = quote_holding(quotes, "finished in March")
    assert answer.speaker == "TARROW" and answer.speaker_name == "Alvin Tarrow"
    assert not answer.text.startswith("TARROW")
    question = quote_holding(quotes, "new bridge be finished")
    assert question.speaker_name == "Nora Quist"


def test_a_quotation_signed_with_a_dash_belongs_to_the_name_after_it():
    text = (
        "Readers wrote to us about the new ferry timetable.\n"
        "“The early boat is always late and nobody tells us why.” ― Marit Olander\n"
        "“I have waited forty minutes on the pier twice this week.” ― Jonas Pell"
    )
    quotes = quotes_of(text)
    assert quote_holding(quotes, "early boat").speaker_name == "Marit Olander"
    assert quote_holding(quotes, "forty minutes").speaker_name == "Jonas Pell"


def test_a_sentence_opening_with_said_and_a_name_gives_the_speaker():
    text = "The mill closed in May. Said Agnes Verloop, who worked there for thirty years, “We all knew it was coming.”"
    assert quote_holding(quotes_of(text), "all knew").speaker_name == "Agnes Verloop"


def test_a_colon_after_a_verb_introduces_the_subjects_quotation():
    text = "Mayor Petra Linde stepped onto the stage and raised her hands: “We will rebuild every house on this road!”"
    assert quote_holding(quotes_of(text), "rebuild every house").speaker_name == "Petra Linde"


def test_names_listed_together_with_their_states_and_all_keep_every_name():
    text = (
        "Senators Oskar Brandt (D-Ore.), Lena Marsh (D-Ohio) and Tomas Wilde (D-N.J.) all said that the bank should "
        "return the fees it had charged."
    )
    quote = quote_holding(quotes_of(text), "return the fees")
    for person in ("Oskar Brandt", "Lena Marsh", "Tomas Wilde"):
        assert person in quote.speaker_name


@pytest.mark.parametrize(
    "speaker, expected",
    [
        ("A spokeswoman for the Northern Fishing Union", "Northern Fishing Union"),
        ("Officials of the Northern Fishing Union", "Northern Fishing Union"),
    ],
)
def test_people_who_speak_for_an_organisation_are_named_by_it(speaker, expected):
    text = f"{speaker} said that the boats would stay in port until the storm had passed."
    quote = quote_holding(quotes_of(text), "boats would stay in port")
    assert quote.speaker_name == expected
    assert quote.speaker_role  # the spokeswoman or officials stay as the role


def test_a_possessor_who_is_represented_names_the_speaker_but_an_adviser_does_not():
    text = (
        "Harbour Minister Wilma Ostrander faces an inquiry.\n"
        "Ostrander's lawyers said that she had followed every rule.\n"
        "Ostrander's adviser said that the inquiry was unfair."
    )
    quotes = quotes_of(text)
    assert quote_holding(quotes, "followed every rule").speaker_name == "Wilma Ostrander"
    assert quote_holding(quotes, "inquiry was unfair").speaker_name != "Wilma Ostrander"


def test_they_goes_on_from_people_named_together_in_the_attribution_before():
    text = (
        "Councillor Hattie Brennan and Councillor Osric Vale visited the flooded school on Monday.\n"
        "Hattie Brennan and Osric Vale said the repairs would take all summer. "
        "They said the pupils would move to the old library until then."
    )
    quote = quote_holding(quotes_of(text), "pupils would move")
    assert quote.speaker == "They"
    assert quote.speaker_name == "Hattie Brennan and Osric Vale"


def test_she_goes_on_from_the_speaker_before_rather_than_a_name_in_between():
    text = (
        "Ms. Ingrid Solvang, the mayor, met the builders on Monday. Ms. Solvang said the pier would open in June, "
        "after a visit from the Halvorsen family. She said the town would pay for a second pier next year."
    )
    quote = quote_holding(quotes_of(text), "second pier")
    assert quote.speaker_name == "Ingrid Solvang"


def test_a_poll_speaks_for_the_organisation_that_made_it():
    text = "A new Harbour Institute poll shows that most residents want the ferry to run at night."
    quote = quote_holding(quotes_of(text), "ferry to run at night")
    assert "Harbour Institute" in (quote.speaker_name or "")


def test_a_dateline_without_an_agency_is_not_the_speaker():
    text = "NEW YORK — The harbour engineer Tomas Brandvik says the dam will hold through the winter."
    quote = quote_holding(quotes_of(text), "dam will hold")
    assert quote.speaker == "The harbour engineer Tomas Brandvik"
    assert quote.speaker_name == "Tomas Brandvik"


def test_a_sentence_carried_by_two_articles_gives_the_same_quotes_in_both():
    shared = "“The harbour will reopen on Monday,” said port director Elsa Varga."
    first = Article("a1", "Storms closed the port last week.\n" + shared)
    second = Article("a2", "The ferry company waits for news.\n" + shared + "\nThe ferries are ready.")
    result = analyse_articles([first, second])
    quotes = [[(q.text, q.speaker_name) for q in item.quotes] for item in result]
    assert quotes[0] == quotes[1] == [("The harbour will reopen on Monday", "Elsa Varga")]
    offsets = [(q.start, q.end) for item in result for q in item.quotes]
    assert [second.text[a:b].rstrip(",") for a, b in offsets[1:]] == ["The harbour will reopen on Monday"]


def test_a_sentence_that_several_articles_carry_is_parsed_once():
    from storyline.quotes.extract import extract_many
    from storyline.quotes.nlp import load_pipeline
    from storyline.quotes.parses import ParseStore

    shared = "Port director Elsa Varga said that the harbour would reopen on Monday."
    items = [(shared, None), ("Storms closed the port. " + shared, None), (shared, None)]
    store = ParseStore()
    parsed = extract_many(items, load_pipeline(), store=store)
    assert store.parsed == 1 and store.reused == 2
    assert [[f.text for f in p.found] for p in parsed] == [["the harbour would reopen on Monday"]] * 3
