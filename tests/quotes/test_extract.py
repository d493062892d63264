"""Quotes, speakers and entities on small texts written for these tests."""

import pytest

from storyline.model import Article
from storyline.quotes import analyse_articles, find_entities

pytest.importorskip("spacy")

from tests.quotes.quoting import quote_holding, quotes_of


def _article(text: str, article_id: str = "a1", **fields) -> Article:
    return Article(article_id, text, **fields)


def test_direct_quote_with_curly_marks_and_full_name_from_a_surname():
    text = (
        "Harbour Minister Wilma Ostrander opened the new ferry terminal on Monday.\n"
        "“This terminal will carry two million passengers a year,” Ostrander said."
    )
    quote = quote_holding(quotes_of(text), "two million passengers")
    assert quote.direct
    assert quote.text == "This terminal will carry two million passengers a year"
    assert quote.speaker == "Ostrander"
    assert quote.speaker_name == "Wilma Ostrander"
    assert quote.speaker_role == "Harbour Minister"
    assert text[quote.start : quote.end].startswith("This terminal")


def test_straight_marks_and_a_quote_interrupted_by_its_attribution_are_one_quote():
    text = '"The tunnel is safe," said engineer Pavel Duskin, "and it will open again on Friday."'
    quotes = quotes_of(text)
    quote = quote_holding(quotes, "tunnel is safe")
    assert quote.direct and "open again on Friday" in quote.text
    assert quote.speaker_name == "Pavel Duskin"
    assert len([q for q in quotes if q.direct]) == 1


def test_he_said_resolves_to_the_person_named_before():
    text = (
        "Fisheries inspector Tomas Reinholt visited the harbour on Tuesday.\n"
        "“The catch this year is the smallest we have recorded in a decade,” he said."
    )
    quote = quote_holding(quotes_of(text), "smallest we have recorded")
    assert quote.speaker.lower() == "he"
    assert quote.speaker_name == "Tomas Reinholt"


def test_a_quote_over_two_paragraphs_keeps_its_speaker():
    text = (
        "“We will rebuild the school before the winter,” said Mayor Lena Harkov. “Every child will be back.\n"
        "“And the library will reopen as well.”"
    )
    quotes = [q for q in quotes_of(text) if q.direct]
    assert all(q.speaker_name == "Lena Harkov" for q in quotes)
    assert any("library will reopen" in q.text for q in quotes)


@pytest.mark.parametrize(
    "sentence, cue, content",
    [
        ("Dario Vennick said that the bridge would reopen in May.", "said", "the bridge would reopen in May"),
        ("Dario Vennick told reporters the bridge would reopen in May.", "told", "the bridge would reopen in May"),
        ("The bridge would reopen in May, Dario Vennick added.", "added", "The bridge would reopen in May"),
        (
            "Dario Vennick warned that the bridge would stay shut until May.",
            "warned",
            "the bridge would stay shut until May",
        ),
        ("According to Dario Vennick, the bridge will reopen in May.", "according to", "the bridge will reopen in May"),
        # A conditional keeps its "if": it opens the content, or follows the "that" that joins it to the cue.
        (
            "If the repairs go well, the bridge will reopen in May, Dario Vennick said.",
            "said",
            "If the repairs go well, the bridge will reopen in May",
        ),
        (
            "Dario Vennick said that if the repairs go well the bridge will reopen in May.",
            "said",
            "if the repairs go well the bridge will reopen in May",
        ),
    ],
)
def test_reported_speech_with_a_cue(sentence, cue, content):
    quote = quote_holding(quotes_of(sentence), content)
    assert not quote.direct
    assert quote.cue.lower() == cue
    assert quote.text == content
    assert quote.speaker_name == "Dario Vennick"


def test_partial_quote_inside_reported_speech_is_one_direct_attribution():
    quotes = quotes_of("Council leader Marta Joss said she was “deeply disappointed by the vote” on Thursday.")
    quote = quote_holding(quotes, "deeply disappointed")
    assert quote.direct and quote.text.startswith("she was deeply disappointed")
    assert quote.speaker_name == "Marta Joss"


def test_a_role_resolves_to_the_person_given_that_role():
    text = (
        "Health Minister Ingrid Salvesen announced the plan on Monday.\n"
        "The minister said the new clinics would open in the spring."
    )
    quote = quote_holding(quotes_of(text), "new clinics would open")
    assert quote.speaker == "The minister"
    assert quote.speaker_name == "Ingrid Salvesen"


def test_scare_quotes_alone_are_not_quotes():
    assert quotes_of("The so-called “green bridge” opened on Sunday after two years of work.") == []


def test_entities_merge_name_variants_and_count_mentions():
    # Entities come from the sentences that are parsed (those with quotes or cues) and names found again by search.
    text = (
        "Trade Minister Halvard Brenne said he met officials of the Northern Fishing Union in London.\n"
        "Brenne said the talks had gone well. “We made progress,” Brenne said."
    )
    entities = {e.name: e for e in find_entities([_article(text)])}
    assert "Halvard Brenne" in entities
    person = entities["Halvard Brenne"]
    assert person.kind == "person" and person.mentions == 3
    assert "Brenne" in person.variants or "Halvard Brenne" in person.variants
    assert any(e.kind == "place" for e in entities.values())


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n  ",
        "“We will win,” she said. “And then",  # an opening mark never closed
        "He said ” nothing ” happened “ here.",  # marks in the wrong directions
        "“" + "The whole article is one long quotation without any end. " * 30,
        "“An article of only a quote.”",
        '""""""',
    ],
)
def test_bad_input_gives_no_traceback_and_keeps_the_article(text):
    result = analyse_articles([_article(text)])
    assert [item.article_id for item in result] == ["a1"]
    for quote in result[0].quotes:
        assert 0 <= quote.start <= quote.end <= len(text)


def test_non_english_articles_are_skipped_with_a_reason():
    text = "« Nous allons gagner », a déclaré le ministre. Le pont restera fermé jusqu'en mai, selon la mairie."
    result = analyse_articles([_article(text, language="fr"), _article("Dario Vennick said it rained.", "a2")])
    assert result[0].quotes == [] and "not English" in result[0].skipped
    assert result[1].quotes and result[1].skipped is None


def test_a_wire_dateline_is_not_the_speaker():
    text = "KESTON (Wirepress) – Harbour engineer Tomas Brandvik said on Friday the dam would hold through the winter."
    quote = quote_holding(quotes_of(text), "dam would hold")
    assert quote.speaker_name == "Tomas Brandvik"


def test_the_listener_of_told_is_not_the_speaker():
    text = (
        "Marta Quillon runs the ferry company.\n"
        "“We will not raise fares this year, whatever the fuel costs,” Quillon, 58, told the Harbour Gazette."
    )
    quote = quote_holding(quotes_of(text), "raise fares")
    assert quote.speaker_name == "Marta Quillon"


def test_a_name_and_a_speech_verb_after_the_quotation_give_the_speaker():
    text = (
        "Gerald Pinnock has led the farmers' union for a decade.\n"
        "“The rains came too late for the wheat and the barley, and too early for the hay,” Pinnock notes."
    )
    quote = quote_holding(quotes_of(text), "rains came too late")
    assert quote.speaker_name == "Gerald Pinnock"


def test_a_role_goes_to_the_person_holding_that_role_not_a_longer_one():
    text = (
        "Vice President Orla Denholm visited the mill on Tuesday.\n"
        "The president said the mill would stay open until the end of the year."
    )
    quote = quote_holding(quotes_of(text), "mill would stay open")
    assert quote.speaker_name != "Orla Denholm"


def test_she_goes_to_the_woman_named_before_not_the_last_man():
    text = (
        "Mayor Ingrid Solvang met the builder Rufus Makepeace at the harbour on Monday. "
        "Ms. Solvang said she was pleased with the work.\n"
        "Makepeace said his crew had finished early.\n"
        "Makepeace showed the mayor the new pier, and then she said the town would pay for a second one."
    )
    quote = next(q for q in quotes_of(text) if q.speaker == "she" and "second one" in q.text)
    assert quote.speaker_name == "Ingrid Solvang"


def test_two_people_speaking_together_are_both_named():
    text = (
        "Councillor Hattie Brennan and Councillor Osric Vale visited the flooded school.\n"
        "Hattie Brennan and Osric Vale said the repairs would take all summer."
    )
    quote = quote_holding(quotes_of(text), "repairs would take")
    assert quote.speaker_name == "Hattie Brennan and Osric Vale"
