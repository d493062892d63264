"""A name's kind told by its last word where the recogniser read the sentence around it instead."""

from storyline.quotes.extract import Parsed
from storyline.quotes.mentions import Mention
from storyline.quotes.name_kinds import kind_by_last_word
from storyline.quotes.names import ArticleNames


def test_streets_and_crossings_are_places_and_firms_are_not_people():
    assert kind_by_last_word("Fenwick Road", "person") == "place"
    assert kind_by_last_word("Carrow Bridge", "organisation") == "place"
    assert kind_by_last_word("Tellam Logistics", "person") == "organisation"
    assert kind_by_last_word("Harbourline Bank", "person") == "organisation"
    # one word tells nothing; an organisation keeps its kind; a person's name is left alone
    assert kind_by_last_word("Road", "person") == "person"
    assert kind_by_last_word("Harbourline Bank", "organisation") == "organisation"
    assert kind_by_last_word("Ada Lund", "person") == "person"
    assert kind_by_last_word("Ada Lund", "organisation") == "organisation"


def test_an_article_lists_a_street_the_recogniser_took_for_a_person_as_a_place():
    text = "Ada Lund said smoke drifted over Fenwick Road, and Tellam Logistics said its staff were safe."
    tagged = [("Ada Lund", "person"), ("Fenwick Road", "person"), ("Tellam Logistics", "person")]
    mentions = [Mention(text.index(name), text.index(name) + len(name), kind) for name, kind in tagged]
    names = ArticleNames(text, Parsed(mentions=mentions))
    assert {(name.fullest, name.kind) for name in names.names} == {
        ("Ada Lund", "person"),
        ("Fenwick Road", "place"),
        ("Tellam Logistics", "organisation"),
    }
