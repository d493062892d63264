"""Sentence compression rules and the stand-alone check, on invented sentences."""

from __future__ import annotations

import pytest

from storyline.summarize.compress import removable_spans, shorten, stands_alone


def _compressed(text: str) -> str:
    return shorten(text, removable_spans(text))[0]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The mayor (a former teacher) opened the new library.", "The mayor opened the new library."),
        ("The dam held through the night, officials said.", "The dam held through the night."),
        ("The dam held through the night, he told reporters on Tuesday.", "The dam held through the night."),
        ("Rebels on Friday freed the two hostages.", "Rebels freed the two hostages."),
        ("Anna Berg, a former finance minister, won the vote.", "Anna Berg won the vote."),
        ("However, the talks resumed in Geneva.", "The talks resumed in Geneva."),
        ("But prices fell.", "Prices fell."),
    ],
)
def test_compression_drops_what_a_summary_can_spare(sentence, expected):
    assert _compressed(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The dam held through the night, Governor Lena Ruiz said.",  # a named speaker stays
        "Trade ministers from France, the Netherlands, and Spain met in Lisbon.",  # a list is not an appositive
        "Black Friday sales rose sharply this year.",  # a weekday that is not a time stamp
    ],
)
def test_compression_keeps_what_carries_meaning(sentence):
    assert _compressed(sentence) == sentence


def test_kept_spans_point_into_the_original_sentence():
    text = "Rescuers on Sunday reached the village (population 300), the army said."
    shortened, kept = shorten(text, removable_spans(text))
    assert shortened == "Rescuers reached the village."
    assert " ".join(text[a:b].strip() for a, b in kept).replace(" .", ".") == shortened


@pytest.mark.parametrize(
    "sentence",
    [
        "He said the bridge would reopen soon.",
        "This was the worst flood in decades.",
        "They refused to leave their homes.",
        "The idea was rejected by the union.",
        "and then the water came.",
        "The storm was terrible, he said, and it lasted all night.",
        "We will rebuild everything.",
        "Rescuers worked through the night to reach the survivors",  # a caption: no final full stop
        "The award went to the ambassador's No.",  # cut short at an abbreviation
        "1998: Elected to parliament.",
    ],
)
def test_sentences_that_need_context_do_not_stand_alone(sentence):
    assert not stands_alone(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The bridge will reopen in May, the transport minister said.",
        "But the river kept rising.",  # the connective is dropped when the sentence is used
        "“We will rebuild everything,” the mayor said.",  # first person inside a quotation with its speaker
        "Heavy rain fell across the US on Monday.",
    ],
)
def test_sentences_that_read_on_their_own_stand_alone(sentence):
    assert stands_alone(sentence)
