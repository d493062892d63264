"""Cue verbs and phrases: whether a sentence reports speech, belief or stance."""

import re

from storyline.text.cues import CUE_FORMS, has_cue


def test_cue_words_are_whole_words_in_any_form():
    assert has_cue("The minister warned of delays.")
    assert has_cue("Officials SAID the bridge would reopen.")
    assert has_cue("Prices rose, according to the ministry.")
    assert has_cue("the say-so of the board")  # a hyphen ends a word
    assert not has_cue("The sayings of the ancients were printed.")  # no cue form inside a longer word
    assert not has_cue("The bridge reopened on Monday.")
    assert not has_cue("warned_by_default is a setting")  # an underscore joins words


def test_speech_only_keeps_verbs_of_saying():
    assert has_cue("He believes the deal will hold.")
    assert not has_cue("He believes the deal will hold.", speech_only=True)
    assert has_cue("He believes the deal will hold, she told reporters.", speech_only=True)


def test_every_cue_form_is_one_word():
    # has_cue looks words up rather than searching for each form: that holds only for forms of one word.
    assert all(re.fullmatch(r"\w+", form) for form in CUE_FORMS)
