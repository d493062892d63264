"""People named in sentences the parser does not see: names with middle initials, titles written before them,
names run together in a headline, and organisations that carry a person's name."""

import pytest

from storyline.model import Article
from storyline.quotes import find_quotes
from storyline.quotes.extract import Parsed
from storyline.quotes.mentions import Mention
from storyline.quotes.names import ArticleNames
from storyline.quotes.people import capitalised_people, longer_form, name_starting_with

pytest.importorskip("spacy")


def _names(text: str) -> list[tuple[str, str]]:
    return [(text[start:end], title) for start, end, title in capitalised_people(text, [])]


def test_a_long_title_before_a_name_is_its_title_not_part_of_the_name():
    text = "Senate Minority Leader Harry M. Reid has pounded the plan for weeks. Reid called it a fraud."
    assert _names(text) == [("Harry M. Reid", "Senate Minority Leader")]


def test_a_name_followed_by_of_and_a_place_is_a_person_when_a_title_comes_first():
    text = "In fact Senator Lamar Alexander of Tennessee backed the bill. Mr. Alexander said so in March."
    assert _names(text) == [("Lamar Alexander", "Senator")]


def test_a_headline_of_capitals_gives_each_name_its_article_uses_alone():
    text = (
        "Marta Kowal Takes On Oskar Brandt As The New Pavel Horak.\n\n"
        "Kowal spoke first. Brandt answered. Kowal smiled. Brandt left. Horak stayed. Horak laughed."
    )
    assert [name for name, _ in _names(text)] == ["Marta Kowal", "Oskar Brandt", "Pavel Horak"]


def test_an_organisation_word_does_not_start_a_persons_name():
    text = "The Secretary of State Kowal visited the port. Kowal said little."
    assert _names(text) == []


def test_the_fullest_form_of_a_surname_keeps_its_middle_initial_and_drops_the_title():
    text = "President Ivan K. Sorel arrived. Mr. Sorel spoke. Ivan K. Sorel left."
    assert longer_form(text, "Sorel") == "Ivan K. Sorel"


def test_he_after_a_surname_gets_the_full_name_given_with_a_middle_initial():
    text = (
        "The harbour authority met on Monday with Theodore R. Vance, the shipping magnate.\n\n"
        "Mr. Vance has long opposed the new tariff on fishing boats, and the meeting was tense.\n\n"
        "He said that the tariff would ruin the small ports of the northern coast."
    )
    quote = next(q for q in find_quotes([Article("a1", text)]) if "ruin the small ports" in q.text)
    assert quote.speaker == "He" and quote.speaker_name == "Theodore R. Vance"


def test_a_foundation_named_after_a_person_speaks_for_itself_not_for_the_person():
    text = (
        "Lena Marsh founded the charity in 2004.\n\n"
        "The Lena Marsh Foundation said that it would fund three new clinics next year."
    )
    quote = next(q for q in find_quotes([Article("a1", text)]) if "three new clinics" in q.text)
    assert quote.speaker_name != "Lena Marsh"
    assert "Foundation" in (quote.speaker_name or "")


def test_a_report_speaks_for_the_organisation_named_after_it_by_by():
    text = (
        "A 40-page review released by the Coastal Safety Board on Friday said that the ferry crews "
        "were not trained for storms."
    )
    quote = next(q for q in find_quotes([Article("a1", text)]) if "not trained" in q.text)
    assert quote.speaker_name == "Coastal Safety Board"


def test_a_word_capitalised_only_because_it_opens_the_sentence_is_no_part_of_the_title():
    text = "Even Senator Lamar Alexander backed the plan, even though Alexander had doubts."
    assert _names(text) == [("Lamar Alexander", "Senator")]
    text = "Senate Minority Leader Harry Reid said no. Reid spoke again."
    assert _names(text) == [("Harry Reid", "Senate Minority Leader")]


def test_a_one_word_name_gets_the_two_word_name_the_article_starts_with_it():
    text = "U.N. Secretary-General Odo Ki-rowe spoke in May. Later Odo was quiet."
    assert name_starting_with(text, "Odo") == "Odo Ki-rowe"
    assert name_starting_with("I helped Wendy Lark. Then Wendy left.", "Wendy") == "Wendy Lark"


def test_a_thing_or_a_longer_run_of_capitals_starting_with_a_name_is_not_that_persons_name():
    assert name_starting_with("The Varga Administration said no. Varga left.", "Varga") is None
    assert name_starting_with("The Varga Foundation paid. Varga left.", "Varga") is None
    assert name_starting_with("Varga Presidential Library opened. Varga left.", "Varga") is None
    assert name_starting_with("Will Twitter survive? Twitter said no.", "Twitter") is None


def test_a_name_joined_by_a_hyphen_elsewhere_is_a_compound_not_a_persons_name():
    text = "Repeal Pell-Hadley now. I would reinstate Pell Hadley tomorrow, said Pell."
    assert name_starting_with(text, "Pell") is None


def test_a_person_the_parser_names_by_one_word_gets_the_two_word_name_that_starts_with_it():
    text = "The diplomat Ban Ki-moon opened the talks in May.\n\nBan said the talks had failed."
    at = text.index("Ban said")
    names = ArticleNames(text, Parsed(mentions=[Mention(at, at + 3, "person")]))
    assert names.last_person_before(len(text), "he").fullest == "Ban Ki-moon"


def test_a_name_qualifying_a_noun_is_not_the_person_a_pronoun_goes_back_to():
    from storyline.quotes.mentions import named_mentions
    from storyline.quotes.nlp import load_pipeline

    doc = load_pipeline()("Mara Jensen, a longtime Peterson supporter, said the unions had waited too long.")
    mentions, _ = named_mentions(doc, 0)
    people = [doc.text[m.start : m.end] for m in mentions if m.kind == "person"]
    assert people == ["Mara Jensen"]
