"""People who share a surname in one article (a candidate and her husband, a father and son): the surname alone
names one of them at each place, told apart by a gendered title or a "said she", else the one named first; and a
word in front of a name that cannot be part of it is left out of the name."""

import pytest

from storyline.model import Article
from storyline.quotes import find_entities
from storyline.quotes.people import capitalised_people
from tests.quotes.quoting import quote_holding, quotes_of

pytest.importorskip("spacy")

COUPLE = (
    "Tomas Lindqvist, the former harbour master, said he would campaign for the sale. "
    "His wife, Greta Lindqvist, leads the harbour board.\n\n"
)


def test_a_gendered_title_gives_the_surname_to_the_one_of_that_gender():
    text = COUPLE + "“The harbour stays in public hands,” Mrs. Lindqvist told the board on Monday."
    quote = quote_holding(quotes_of(text), "stays in public hands")
    assert quote.speaker_name == "Greta Lindqvist"


def test_said_she_after_the_surname_gives_it_to_the_woman():
    text = COUPLE + "Lindqvist said she would put the sale to a vote of the whole town before the summer."
    quote = quote_holding(quotes_of(text), "put the sale to a vote")
    assert quote.speaker_name == "Greta Lindqvist"


def test_he_after_the_surname_alone_is_never_the_other_person_who_shares_it():
    text = (
        "Tomas Lindqvist runs the port. Greta Lindqvist runs the harbour board.\n\n"
        "Lindqvist met the dock workers on Monday. “The port stays open all winter,” he said."
    )
    quote = quote_holding(quotes_of(text), "stays open all winter")
    assert quote.speaker_name == "Tomas Lindqvist"


def test_the_surname_alone_counts_for_the_person_it_names():
    text = COUPLE + "Mrs. Lindqvist spoke first. Mrs. Lindqvist then left the meeting."
    people = {e.name: e for e in find_entities([Article("a1", text)]) if e.kind == "person"}
    assert people["Greta Lindqvist"].mentions > people["Tomas Lindqvist"].mentions


def test_a_sentence_opening_word_is_no_first_name():
    text = "Despite Greta Lindqvist's warning, the board voted for the sale. Lindqvist said she would appeal."
    found = [text[start:end] for start, end, _ in capitalised_people(text, [])]
    assert found == ["Greta Lindqvist"]


def test_a_word_the_recogniser_put_in_front_of_a_name_is_left_out():
    from spacy.tokens import Doc

    from storyline.quotes.mentions import named_mentions
    from storyline.quotes.nlp import load_pipeline

    words = ["Certainly", "Greta", "Lindqvist", "has", "gone", "the", "other", "way", "."]
    tags = ["RB", "NNP", "NNP", "VBZ", "VBN", "DT", "JJ", "NN", "."]
    entities = ["B-PERSON", "I-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O"]
    doc = Doc(load_pipeline().vocab, words=words, tags=tags, ents=entities)
    mentions, _ = named_mentions(doc, 0)
    assert [doc.text[m.start : m.end] for m in mentions] == ["Greta Lindqvist"]


def test_her_before_a_noun_after_a_name_says_the_name_is_a_woman_s():
    text = (
        "Tomas Berg runs the port. Greta Lindqvist laid out her plans for the harbour on Monday.\n\n"
        "“The port stays open all winter,” he said."
    )
    quote = quote_holding(quotes_of(text), "stays open all winter")
    assert quote.speaker_name == "Tomas Berg"


def test_her_as_an_object_says_nothing_of_the_name_before_it():
    from storyline.quotes.genders import guess_genders

    text = "Tomas Berg called her a liar. Ada Lund asked her to leave. Greta Lindqvist laid out her plans."
    names = ["Tomas Berg", "Ada Lund", "Greta Lindqvist"]
    people = [object() for _ in names]
    positions = [(text.index(name), person) for name, person in zip(names, people)]
    genders = guess_genders(text, positions, lambda at, person: names[people.index(person)])
    assert genders == {id(people[2]): "f"}


def test_where_the_surname_alone_names_a_man_and_a_woman_the_one_known_to_be_a_woman_is_mrs():
    text = (
        "Tomas Lindqvist ran the port for a decade. Greta Lindqvist laid out her plans for the harbour on Monday.\n\n"
        "Mr. Lindqvist sat in the front row. “The harbour stays in public hands,” Mrs. Lindqvist told the board."
    )
    quote = quote_holding(quotes_of(text), "stays in public hands")
    assert quote.speaker_name == "Greta Lindqvist"


def test_the_surname_alone_goes_to_the_one_named_first_in_the_text_not_first_read():
    # The first two sentences hold no quotation or cue, so the parser reads only the later ones: the order people
    # are found in is not the order they are named in.
    text = (
        "Greta Lindqvist opened the harbour fair on Saturday. Tomas Lindqvist ran the stalls.\n\n"
        "“The fair made money,” Greta Lindqvist said.\n\n"
        "Lindqvist said the town would hold the fair again next year."
    )
    quote = quote_holding(quotes_of(text), "hold the fair again")
    assert quote.speaker_name == "Greta Lindqvist"


def _names_of(text: str, mentions: list[tuple[str, str, int]]):
    """The article's names when the recogniser found ``mentions``: (words, kind, which occurrence)."""
    from storyline.quotes.extract import Parsed
    from storyline.quotes.mentions import Mention
    from storyline.quotes.names import ArticleNames

    found = []
    for words, kind, occurrence in mentions:
        at = -1
        for _ in range(occurrence + 1):
            at = text.index(words, at + 1)
        found.append(Mention(at, at + len(words), kind))
    return ArticleNames(text, Parsed(mentions=found))


def test_a_person_after_the_or_a_with_no_title_between_is_no_one():
    text = "He defended the Second Amendment. A Brackwater Rover fan cheered. The Rev. Ada Lund prayed."
    names = _names_of(
        text, [("Second Amendment", "person", 0), ("Brackwater Rover", "person", 0), ("Rev. Ada Lund", "person", 0)]
    )
    assert [(n.kind, n.fullest) for n in names.names] == [("person", "Ada Lund")]


def test_a_name_taken_for_a_place_more_often_than_for_a_person_is_the_place():
    text = "Ostwick Vale voted early. In Ostwick Vale, polls closed at eight. Ostwick Vale said he was wrong."
    names = _names_of(text, [("Ostwick Vale", "place", 0), ("Ostwick Vale", "place", 1), ("Ostwick Vale", "person", 2)])
    assert [(n.kind, n.fullest) for n in names.names] == [("place", "Ostwick Vale")]
    assert names.last_person_before(text.index(" he "), "he") is None


def test_a_name_taken_as_often_for_a_person_as_for_a_place_stays_both():
    text = "Ostwick Vale voted early. Ostwick Vale said he was wrong."
    names = _names_of(text, [("Ostwick Vale", "place", 0), ("Ostwick Vale", "person", 1)])
    assert sorted((n.kind, n.fullest) for n in names.names) == [("person", "Ostwick Vale"), ("place", "Ostwick Vale")]


def test_a_common_noun_opening_a_sentence_is_left_out_of_a_name_but_not_inside_a_sentence():
    from spacy.tokens import Doc

    from storyline.quotes.mentions import named_mentions
    from storyline.quotes.nlp import load_pipeline

    words = ["Billionaire", "Greta", "Lund", "met", "Young", "Lund", "."]
    tags = ["NN", "NNP", "NNP", "VBD", "JJ", "NNP", "."]
    entities = ["B-PERSON", "I-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O"]
    starts = [True, False, False, False, False, False, False]
    doc = Doc(load_pipeline().vocab, words=words, tags=tags, ents=entities, sent_starts=starts)
    mentions, _ = named_mentions(doc, 0)
    assert [doc.text[m.start : m.end] for m in mentions] == ["Greta Lund", "Young Lund"]


def test_a_word_before_a_full_name_given_earlier_is_no_part_of_it_but_a_first_mention_in_full_is():
    text = (
        "Greta Lindqvist leads the harbour board. Her rival posted: “Nobody trusts Crooked Greta Lindqvist.” "
        "Lindqvist said she would not answer."
    )
    mentions = [("Greta Lindqvist", "person", 0), ("Crooked Greta Lindqvist", "person", 0), ("Lindqvist", "person", 2)]
    names = _names_of(text, mentions)
    assert [(n.fullest, n.variants["Greta Lindqvist"]) for n in names.names] == [("Greta Lindqvist", 2)]
    # the full name first: the first word is the person's own
    text = "Kenneth Smith Ramos leads the talks for Mexico. Smith Ramos said the talks would go on."
    names = _names_of(text, [("Kenneth Smith Ramos", "person", 0), ("Smith Ramos", "person", 0)])
    assert "Kenneth Smith Ramos" in [n.fullest for n in names.names]
    # a surname of two words, never cut to its last: the first name given later is the person's own
    text = "Vela Moreno chairs the party. Her deputy said Ada Vela Moreno would stand again."
    names = _names_of(text, [("Vela Moreno", "person", 0), ("Ada Vela Moreno", "person", 0)])
    assert "Ada Vela Moreno" in [n.fullest for n in names.names]


def test_a_first_name_before_and_and_a_full_name_takes_its_surname_and_mr_and_ms_tell_the_two_apart():
    text = (
        "The harbour master's parents, Tomas and Greta Lindqvist, spoke on Monday. "
        "Mr. Lindqvist said his son loved the harbour. Mr. Lindqvist asked the board to wait. "
        "Ms. Lindqvist said she would write to the board."
    )
    surname = [("Mr. Lindqvist", "person", 0), ("Mr. Lindqvist", "person", 1), ("Ms. Lindqvist", "person", 0)]
    names = _names_of(text, [("Tomas", "person", 0), ("Greta Lindqvist", "person", 0), *surname])
    assert sorted(n.fullest for n in names.names) == ["Greta Lindqvist", "Tomas Lindqvist"]
    said_by = {
        text[start:end]: name.fullest for (start, end), name in names.mention_spans() if "Lindqvist" in text[start:end]
    }
    assert said_by["Mr. Lindqvist"] == "Tomas Lindqvist"
    assert said_by["Ms. Lindqvist"] == "Greta Lindqvist"


def test_a_surname_written_alone_elsewhere_takes_no_other_surname_after_and():
    from storyline.quotes.people import couple_form

    text = "Obama and Hillary Clinton met. Obama said the talks went well."
    assert couple_form(text, "Obama", {"Hillary Clinton"}) is None
    assert couple_form("Bill and Hillary Clinton met.", "Bill", {"Hillary Clinton"}) == "Bill Clinton"
