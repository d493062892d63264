"""Speakers of quotations framed without a speech verb the parse can use: a name and a colon before the quotation,
a name and any past-tense verb after it."""

import pytest

pytest.importorskip("spacy")

from tests.quotes.quoting import quote_holding, quotes_of


def test_a_name_and_a_colon_after_a_dash_label_the_quotation_not_the_subject_before():
    text = (
        "Ferry planners disagree - Edda Morrow: “The night boats will never pay for themselves, whatever the "
        "council says about tourism.”"
    )
    quote = quote_holding(quotes_of(text), "night boats")
    assert quote.speaker == "Edda Morrow"


def test_names_with_colons_each_label_their_own_quotation():
    text = 'Brask: "The harbour must stay open all winter long." Ollen: "The harbour must close when the ice comes."'
    quotes = quotes_of(text)
    assert quote_holding(quotes, "stay open").speaker == "Brask"
    assert quote_holding(quotes, "ice comes").speaker == "Ollen"


def test_a_label_with_a_party_tag_names_the_person():
    text = 'Rep. Tilda Varnum (R-S.C.): "I have never seen a harbour budget this large in all my years here."'
    assert quote_holding(quotes_of(text), "harbour budget").speaker_name == "Tilda Varnum"


def test_a_colon_after_words_that_are_not_a_name_is_no_label():
    text = 'The council had one message for the ferry company: "Run the night boats or lose the contract."'
    assert quote_holding(quotes_of(text), "night boats").speaker != "ferry company"


@pytest.mark.parametrize("verb", ["fumed", "shot back", "pressed"])
def test_a_name_and_a_past_tense_verb_after_a_quotation_ending_with_a_comma_give_the_speaker(verb):
    text = (
        "Harbour master Ansel Quarry spoke on Monday. “They have never once asked the fishermen what they need,” "
        f"Quarry {verb}. “They ask only the ferry company.”"
    )
    quote = quote_holding(quotes_of(text), "fishermen")
    assert quote.speaker == "Quarry" and quote.speaker_name == "Ansel Quarry"


def test_a_question_then_a_name_and_a_past_tense_verb_give_the_speaker():
    text = "Senator Mona Kell did not let go. “Would the council pay for the night boats itself?” Kell pressed."
    assert quote_holding(quotes_of(text), "night boats").speaker_name == "Mona Kell"


def test_a_person_named_as_a_possessor_is_not_the_relative_or_aide_who_speaks():
    text = (
        "Mayor Ivar Lund opened the harbour fair. Ivar Lund's eldest daughter, 34, said that the fair should run "
        "for a whole week."
    )
    assert quote_holding(quotes_of(text), "whole week").speaker_name != "Ivar Lund"


def test_an_office_named_by_its_holders_possessive_speaks_for_that_holder():
    text = (
        "Harbour Minister Ivar Lund spoke on Monday. Harbour Minister Ivar Lund’s office said that the pier would "
        "open in June."
    )
    assert quote_holding(quotes_of(text), "open in June").speaker_name == "Ivar Lund"


def test_a_quotation_goes_to_the_speech_cue_next_to_it_not_to_an_earlier_one():
    text = "While a fisherman complained about the fees, Mayor Ansel Quarry said, “We will cut the harbour fees soon.”"
    assert quote_holding(quotes_of(text), "harbour fees").speaker_name == "Ansel Quarry"


def test_a_participle_after_a_comma_speaks_for_the_subject_of_the_main_clause():
    text = (
        "Harbour master Ansel Quarry also wrote that Nils Brandt knew to brace for the storms, saying, “They did not "
        "come every week, but when they came we learned about them fast.”"
    )
    assert quote_holding(quotes_of(text), "learned about them").speaker_name == "Ansel Quarry"


def test_it_before_an_adjective_and_to_think_is_no_speaker():
    text = "Quarry said it is unrealistic to think that if the harbour closes, “the fishermen will simply move away.”"
    quotes = quotes_of(text)
    assert all((q.speaker or "").lower() != "it" for q in quotes)
    assert quote_holding(quotes, "fishermen will simply").speaker == "Quarry"


def test_i_inside_a_quotation_the_reader_does_not_mark_is_the_quotations_speaker():
    text = (
        "Mayor Ivar Lund opened the pier. ''It is a fine pier,'' said Harbour Master Ansel Quarry. ''It was built on "
        "time, and I think the town will use it for fifty years.''"
    )
    quote = quote_holding(quotes_of(text), "fifty years")
    # Doubled apostrophes are quotation marks, so the second quotation goes on the first, said by Quarry.
    assert quote.speaker_name == "Ansel Quarry"
    assert quote.text.startswith("It is a fine pier.")


def test_a_name_and_a_verb_right_before_a_quotation_give_its_speaker_when_the_parse_has_no_cue():
    text = "Harbour master Ansel Quarry met the crews. A weary Quarry quipped, “The storm keeps better hours than me.”"
    assert quote_holding(quotes_of(text), "better hours").speaker_name == "Ansel Quarry"


def test_a_verb_then_a_role_and_a_name_after_a_quotation_give_its_speaker():
    text = (
        "“The harbour fees will ruin the small boats,” mused Ferry Weekly columnist Edda Morrow. “Only the "
        "ferry company can pay them.”"
    )
    quote = quote_holding(quotes_of(text), "small boats")
    assert quote.speaker_name == "Edda Morrow"


def test_a_place_that_describes_an_unnamed_speaker_is_not_the_speakers_name():
    text = (
        "Voters in New Hampshire were split. New Hampshire said it would count the ballots twice. “I like him, but "
        "I will not vote for him,” said a New Hampshire Democrat."
    )
    assert quote_holding(quotes_of(text), "not vote for him").speaker_name != "New Hampshire"


def test_people_listed_with_titles_tags_and_places_keep_every_name():
    text = (
        "Sen. Hal Varnum spoke first. Varnum and Sen. Ida Lund (R-N.H.), who are both in close races, said they "
        "would vote for the harbour bill."
    )
    name = quote_holding(quotes_of(text), "harbour bill").speaker_name
    assert name is not None and "Hal Varnum" in name and "Ida Lund" in name


def test_a_name_with_a_possessive_role_after_it_is_one_speaker_not_a_list():
    text = (
        "Mayor Ivar Lund opened the pier on Monday. Anna Hartmann, Lund's chief of staff and harbour adviser, said "
        "that the pier would open in June."
    )
    assert quote_holding(quotes_of(text), "open in June").speaker_name == "Anna Hartmann"


@pytest.mark.parametrize(
    "document",
    [
        "A report released in September by the Harbour Institute",
        "Court documents filed last week by the Harbour Institute",
    ],
)
def test_a_document_speaks_for_whoever_released_or_filed_it(document):
    text = f"{document} said that the pier had cost twice what the council was told."
    assert "Harbour Institute" in (quote_holding(quotes_of(text), "cost twice").speaker_name or "")


def test_a_noun_after_by_that_is_no_participle_is_not_a_documents_maker():
    text = "Mayor Ivar Lund spoke. The lawsuit also alleges fraud by Lund over the pier, which Lund denied."
    assert quote_holding(quotes_of(text), "fraud").speaker_name != "Ivar Lund"


def test_a_paragraph_of_a_hyphen_and_a_name_after_a_quotation_signs_it():
    text = (
        "The candidates answered questions about the harbour.\n\n"
        "“We have to stop the sale of the harbour to the ferry company, and we have to do it now.”\n\n"
        "- Senator Ansel Quarry.\n\n"
        "“I will never stop fighting for the families who fish here, whatever it takes.”\n\n"
        "-Ida Lund, Kestrel Bay."
    )
    quotes = quotes_of(text)
    assert quote_holding(quotes, "sale of the harbour").speaker == "Senator Ansel Quarry"
    assert quote_holding(quotes, "never stop fighting").speaker == "Ida Lund"


def test_a_spokeswoman_named_after_her_role_is_the_speaker_and_an_unnamed_one_speaks_for_her_employer():
    text = (
        "Sen. Alan Varnum faces a primary. Varnum's spokeswoman, Anna Hartmann, said that the senator would not "
        "debate. Varnum's spokeswoman said that the senator would visit the harbour."
    )
    quotes = quotes_of(text)
    assert quote_holding(quotes, "not debate").speaker_name == "Anna Hartmann"
    assert quote_holding(quotes, "visit the harbour").speaker_name == "Alan Varnum"


def test_a_name_compared_after_a_comma_and_like_is_not_the_speaker():
    from storyline.quotes.extract import Found, Parsed
    from storyline.quotes.mentions import Mention
    from storyline.quotes.names import ArticleNames
    from storyline.quotes.speakers import resolve

    text = "Mayor Ivar Lund spoke. Democratic candidate Ada Brask, like Lund, has urged the council to open the pier."
    people = ["Ivar Lund", "Ada Brask", "Lund,"]
    mentions = [Mention(text.index(p), text.index(p) + len(p.rstrip(",")), "person") for p in people]
    names = ArticleNames(text, Parsed(mentions=mentions))
    speaker = "Democratic candidate Ada Brask, like Lund"
    at = text.index(speaker)
    found = Found(0, len(text), text, False, "urged", (at, at + len(speaker)), 0, 0)
    assert resolve(found, names)[1] == "Ada Brask"


def test_told_to_with_no_listener_is_a_reduced_passive_whose_subject_was_told_not_a_speaker():
    text = (
        "Crews fought the blaze through the night.\n\n"
        "The mayor told residents to keep windows shut. Drivers, advised to avoid the area, queued on the bridge."
    )
    quotes = quotes_of(text, title="Brackwater residents told to keep windows shut as warehouse burns")
    assert [(q.speaker, q.text) for q in quotes] == [("The mayor", "to keep windows shut")]


def test_a_speaker_the_parser_cut_at_a_hyphen_keeps_the_whole_phrase():
    text = "The show was tense. Co-host Mika Brzezinski said the candidate had lied about the numbers."
    quote = quote_holding(quotes_of(text), "lied about the numbers")
    assert (quote.speaker, quote.speaker_name) == ("Co-host Mika Brzezinski", "Mika Brzezinski")
    text = "The case went on for months. His ex-wife said she had been threatened for years."
    assert quote_holding(quotes_of(text), "threatened for years").speaker == "His ex-wife"


def test_a_relative_of_a_named_person_is_not_that_person():
    text = "The case went on. The ex-wife of Alan Grayson said she had been threatened for years by him."
    quote = quote_holding(quotes_of(text), "threatened for years")
    assert (quote.speaker_name, quote.speaker_role) == (None, "ex-wife of Alan Grayson")
    text = "Jane Doe, the wife of John Doe, said the claims were false and would be fought."
    assert quote_holding(quotes_of(text), "claims were false").speaker_name == "Jane Doe"
    # a relative named after the span, in apposition, is that relative
    text = "Osman died in May. His brother, Alastair Osman, said the claims were false and would be fought."
    assert quote_holding(quotes_of(text), "claims were false").speaker_name == "Alastair Osman"
