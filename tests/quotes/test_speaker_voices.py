"""Whose voice a pronoun speaker is: the "I" of a question-and-answer piece's answers, of a book excerpt or of an
opinion piece signed with a title and a party tag; "he" or "she" after a speaker set off by an appositive that holds
"and" or another name."""

import pytest

from storyline.quotes.extract import Parsed
from storyline.quotes.mentions import Mention
from storyline.quotes.names import ArticleNames
from storyline.quotes.people import capitalised_people, closing_author, interview_answers, signatures
from tests.quotes.quoting import quote_holding, quotes_of

pytest.importorskip("spacy")


def test_an_author_line_may_open_with_a_title_and_carry_a_party_tag():
    text = "I agree with the plan.\n\nRep. Tove Brekke, D-Ore., was an early backer of the harbour plan."
    assert closing_author(text) == "Tove Brekke"
    assert closing_author("I agree.\n\nSenator Tove Brekke is a member of the harbour board.") == "Tove Brekke"
    assert closing_author("I agree.\n\nTomorrow Tove Brekke is expected to speak.") is None


def test_a_book_excerpts_closing_credit_names_its_writer():
    text = "I came to the harbour at dawn.\n\nFrom THE LONG HARBOUR by Tove Brekke. Copyright © 2015 by Tove Brekke."
    assert closing_author(text) == "Tove Brekke"
    assert closing_author("The ferry left.\n\nFrom Monday the ferry run by the city stops at noon.") is None


def test_i_outside_quotations_in_a_book_excerpt_is_its_writer():
    text = (
        "The judge looked at me for a long time.\n\n"
        "I said I would never forget the harbour, and I meant it.\n\n"
        "From THE LONG HARBOUR by Tove Brekke. Copyright © 2015 by Tove Brekke."
    )
    assert quote_holding(quotes_of(text), "never forget the harbour").speaker_name == "Tove Brekke"


def test_the_answers_of_a_question_and_answer_piece_are_the_interviewees():
    text = (
        "Mayor Ada Lundgren spent Monday at the harbour. Lundgren spoke with our reporter Jim Brekke on the ferry "
        "back.\n\n"
        "Q: Will the harbour be sold?\n\n"
        "A: No. I think the harbour should stay in public hands.\n\n"
        "Q: And the ferries?\n\n"
        "A: I believe the ferries will run every hour."
    )
    quotes = quotes_of(text)
    assert quote_holding(quotes, "stay in public hands").speaker_name == "Ada Lundgren"
    assert quote_holding(quotes, "ferries will run").speaker_name == "Ada Lundgren"


def test_interview_answers_need_two_questions_and_two_answers():
    text = "Intro.\n\nQ: One?\n\nA: Yes.\n\nQ: Two?\n\nA: No.\n"
    first, answers = interview_answers(text)
    assert first == text.index("Q: One")
    assert [text[a:b].strip() for a, b in answers] == ["A: Yes.", "A: No."]
    assert interview_answers("Intro.\n\nQ: One?\n\nA: Yes.\n") == (len("Intro.\n\nQ: One?\n\nA: Yes.\n"), [])


def test_i_outside_quotations_without_an_interview_or_author_line_is_no_one():
    text = "Mayor Ada Lundgren spoke on Monday.\n\nI think the harbour should stay in public hands."
    assert quote_holding(quotes_of(text), "stay in public hands").speaker_name is None


def test_a_role_word_opening_a_sentence_is_no_part_of_the_name():
    text = (
        "Actress Tove Brekke opened the harbour festival on Monday.\n\n"
        "Brekke said the festival would return next year, and Brekke thanked the crowd."
    )
    assert quote_holding(quotes_of(text), "festival would return").speaker_name == "Tove Brekke"


def test_he_goes_on_from_a_speaker_whose_appositive_holds_and():
    text = (
        "Jon Halvorsen, a chemistry professor and a member of the harbour board, said he never met Ola Strand, "
        "the ferry captain who left in May. He said he does not believe the two ever spoke."
    )
    assert quote_holding(quotes_of(text), "ever spoke").speaker_name == "Jon Halvorsen"


def test_said_she_after_an_appositive_is_the_subjects_not_a_name_inside_it():
    text = (
        "Greta Lindqvist, director of the Tove Brekke Harbour Choir, said she wants the choir to sing at the "
        "festival. “This is a way to bring the town together,” she said."
    )
    assert quote_holding(quotes_of(text), "bring the town together").speaker_name == "Greta Lindqvist"


def test_a_question_label_run_into_its_question_still_opens_a_question():
    text = (
        "Former mayor Ada Lundgren wrote a book about the harbour. Lundgren spoke with us on Monday.\n\n"
        "QWhy the harbour?\n\n"
        "A: I think the harbour made the town.\n\n"
        "QAnd now?\n\n"
        "A: I hope the ferries keep running."
    )
    assert quote_holding(quotes_of(text), "harbour made the town").speaker_name == "Ada Lundgren"


def test_i_on_a_page_of_letters_is_the_name_signing_that_letter():
    text = (
        "LETTERS.\n\n"
        "The harbour should stay in public hands.\n\n"
        "Tove Brekke.\n\n"
        "Oslo.\n\n"
        "The ferry is late every morning. I think the board should hear us.\n\n"
        "Jon Halvorsen.\n\n"
        "I believe the bridge will be rebuilt.\n\n"
        "@harbourfan.\n"
    )
    quotes = quotes_of(text)
    assert quote_holding(quotes, "board should hear us").speaker_name == "Jon Halvorsen"
    assert quote_holding(quotes, "bridge will be rebuilt").speaker_name is None


def test_letters_need_two_signatures():
    assert signatures("A text.\n\nTove Brekke.\n\nMore.\n\nJon Halvorsen. Oslo.\n") == [
        (len("A text.\n\n"), "Tove Brekke"),
        (len("A text.\n\nTove Brekke.\n\nMore.\n\n"), "Jon Halvorsen"),
    ]
    assert signatures("A text.\n\nTove Brekke.\n\nMore text here.\n") == []


def test_a_plural_title_does_not_end_a_sentence():
    text = (
        "Take Harbour Party Sens. Tove Brekke and Jon Halvorsen. Last week, they endorsed the harbour plan, and "
        "Brekke and Halvorsen spoke for it.\n\n"
        "They said the plan would bring jobs."
    )
    names = [text[a:b] for a, b, _ in capitalised_people(text, [])]
    assert "Tove Brekke" in names


def test_a_name_set_off_after_a_long_role_is_the_speaker_not_the_name_inside_the_role():
    text = (
        "The head of the largest union backing Mayor Ada Lundgren for governor, Jon Halvorsen, said the harbour "
        "plan would bring jobs. Jon Halvorsen has led the union since 2019."
    )
    assert quote_holding(quotes_of(text), "plan would bring jobs").speaker_name == "Jon Halvorsen"


def test_he_goes_to_the_person_who_opens_the_sentence_before_not_to_the_speaker_before_it():
    text = (
        "“We will keep the harbour open,” said Jon Halvorsen, who chairs the board. Ola Strand took a different "
        "tack at the meeting. “You have to sell the ferries,” he said."
    )
    assert quote_holding(quotes_of(text), "sell the ferries").speaker_name == "Ola Strand"


def test_he_stays_with_the_speaker_the_sentence_before_names():
    text = (
        "“We will keep the harbour open,” said Jon Halvorsen, who chairs the board. Ola Strand, Halvorsen said, "
        "has been a good partner. “We will work together,” he said."
    )
    assert quote_holding(quotes_of(text), "work together").speaker_name == "Jon Halvorsen"


def test_a_church_or_school_the_recogniser_calls_a_person_is_no_one_she_can_be():
    text = (
        "Greta Lindqvist, the organist at the Tromsø Lutheran Church, remembered the old harbour. Now, she said, the "
        "harbour is empty. “We never go there any more,” she said."
    )
    start = text.index("Tromsø Lutheran Church")
    names = ArticleNames(text, Parsed(mentions=[Mention(start, start + len("Tromsø Lutheran Church"), "person")]))
    assert names.named("Tromsø Lutheran Church") is not None
    assert not names.is_person("Tromsø Lutheran Church")
    assert quote_holding(quotes_of(text), "never go there").speaker_name == "Greta Lindqvist"


def test_a_name_run_into_a_hyphenated_word_is_no_person():
    text = "She called him a Johnny-come-lately to the harbour plan."
    start = text.index("Johnny")
    names = ArticleNames(text, Parsed(mentions=[Mention(start, start + 6, "person")]))
    assert names.named("Johnny") is None
