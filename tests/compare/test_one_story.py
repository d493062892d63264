"""A negated word or opposite stance words are disputes only between versions of one sentence or of one story;
figures are compared between any two reports."""

from storyline.compare import event_disagreements
from storyline.model import Article

STORY = (
    "Talks on the Tarrow ferry contract ended on Friday in Ostwick after six days. "
    "The harbour board and the union met in the town hall. "
)
LOOSE_STANCE = (
    "The union did not reject the board's offer on night shifts for the island crossings, officials said.",
    "Board chair Jo Bell slammed the union's counter-offer on night shifts and weekend pay at a briefing.",
)


def kinds(a_text, b_text):
    articles = [
        Article(id="a", text=a_text, published="2026-03-06"),
        Article(id="b", text=b_text, published="2026-03-06"),
    ]
    return [found.kind for found in event_disagreements("ev", articles)]


def test_opposite_stances_in_loosely_aligned_sentences_of_independent_reports_are_no_dispute():
    a, b = LOOSE_STANCE
    assert kinds("Crews worked late at the pier. " + a, "Schools on the island opened late. " + b) == []


def test_the_same_sentences_in_two_versions_of_one_story_are_a_dispute():
    a, b = LOOSE_STANCE
    assert kinds(STORY + a, STORY + b) == ["cue"]


def test_figures_are_compared_between_independent_reports():
    found = kinds(
        "Fourteen people were taken to hospital after the ferry fire, the ambulance service said.",
        "Crews worked through the night. Nine people were taken to hospital after the blaze, police said.",
    )
    assert found == ["number"]


def test_a_word_that_negates_by_its_meaning_is_no_assertion_against_a_negation():
    story = STORY + "The vote on the new rota needs a two-thirds majority of the crews. "
    assert (
        kinds(
            story + "The union won 64 of the 122 crew votes, but not the two-thirds majority it needed on Friday.",
            story + "The union won 64 of the 122 crew votes, short of the two-thirds majority it needed on Friday.",
        )
        == []
    )
    assert kinds(
        story + "The union won 64 of the 122 crew votes, but not the two-thirds majority it needed on Friday.",
        story + "The union won 64 of the 122 crew votes and the two-thirds majority it needed on Friday.",
    ) == ["negation"]


def test_an_adverb_between_a_negation_and_its_verb_is_skipped_even_misspelt():
    story = STORY + "Police were called to the pier at midnight. "
    both_negated = (
        story + "That person was not immdiately identified by the police.",
        story + "That person was not immediately identified by the police.",
    )
    assert kinds(*both_negated) == []
    assert kinds(
        story + "That person was not immdiately identified by the police.",
        story + "That person was identified by the police.",
    ) == ["negation"]
