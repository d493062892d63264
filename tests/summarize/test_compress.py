"""Sentence compression rules and the stand-alone check, on invented sentences."""

from __future__ import annotations

import pytest

from storyline.summarize.compress import (
    claim,
    dateline,
    has_main_verb,
    opens_with_quote,
    removable_spans,
    shorten,
    stands_alone,
)


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
        "The decision was mine, the mayor said.",
        "A friend of mine saw the flood.",
        "Mine was the first house the water reached.",
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
        "A truck hit a land mine near the border on Friday, a news agency said.",
        "Miners walked out of the gold mine on Monday.",
        "A nightmare mine collapse trapped four workers on Monday.",  # "are" inside a word is no form of "be"
    ],
)
def test_sentences_that_read_on_their_own_stand_alone(sentence):
    assert stands_alone(sentence)


# A compression must keep the sentence's main verb: dropping ", said ..." after a subject that carries its own
# appositive or relative clause leaves a subject without a predicate.
@pytest.mark.parametrize(
    "sentence",
    [
        "Mara Quill, chief surveyor at Fenwick Partners, which audited the dam for the province, said the spillway "
        "was unsafe.",
        "Otto Brand, who runs a ferry from Gull Quay, said his bookings had halved.",
        "The Lanner Tenants' Union, which opposes the plan, has not said whether it will appeal.",
        "Ines Moor, the harbour master, told reporters that the channel would stay shut.",
    ],
)
def test_compression_never_drops_the_main_verb(sentence):
    compressed = _compressed(sentence)
    assert has_main_verb(compressed), compressed
    assert "said" in compressed or "told" in compressed, compressed


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The spillway held through the storm, said the regional water board.", "The spillway held through the storm."),
        ("The spillway held through the storm, the water board has said.", "The spillway held through the storm."),
        ("The ferry will run again in May, according to the port authority.", "The ferry will run again in May."),
        # The appositive goes, the comma that opens the relative clause stays.
        (
            "Gull Quay, the town's oldest pier, which dates from 1902, collapsed.",
            "Gull Quay, which dates from 1902, collapsed.",
        ),
    ],
)
def test_trailing_attributions_and_appositives_are_still_dropped(sentence, expected):
    assert _compressed(sentence) == expected


@pytest.mark.parametrize(
    ("text", "has_verb"),
    [
        ("Mara Quill, chief surveyor at Fenwick Partners, which audited the dam.", False),
        ("Otto Brand, who runs a ferry from Gull Quay.", False),
        ("The Lanner Tenants' Union, which opposes the plan.", False),
        ("Jo Bell, a ferry captain from Gull Quay (retired).", False),
        ("Nobody was hurt.", True),
        ("Twelve people died.", True),
        ("The ferry company supplies three islands.", True),
        ("We need more boats.", True),
        ("Otto Brand, who runs a ferry from Gull Quay, sold his boat.", True),
        ("JO THOMAS via Harbour Images.", False),  # a photo credit: "via" is no verb after a name ending in s
    ],
)
def test_main_verb_is_found_outside_relative_clauses(text, has_verb):
    assert has_main_verb(text) is has_verb


@pytest.mark.parametrize(
    ("sentence", "body"),
    [
        ("KELLSBY — The ferry sank in the harbour.", "The ferry sank in the harbour."),
        ("KELLSBY, March 4 (Northshore Wire) — The ferry sank.", "The ferry sank."),
        ("PORT ARDEN, 5 March (NSW) — The ferry sank.", "The ferry sank."),
        ("Port Arden (NSW) – Talks on the ferry contract stalled.", "Talks on the ferry contract stalled."),
        ("SAN MARCO, Calif. (Wire) -- The ferry sank.", "The ferry sank."),
        ("Kellsby, Mar. 4, 2031 - The ferry sank.", "The ferry sank."),
        ("Kellsby — The ferry sank.", "The ferry sank."),
    ],
)
def test_lead_datelines_are_recognised(sentence, body):
    assert sentence[dateline(sentence) :] == body
    assert _compressed(sentence) == body


@pytest.mark.parametrize(
    "sentence",
    [
        "The ferry sank in the harbour — nobody was aboard.",
        "Otto Brand — who runs the ferry — was not aboard.",
        "Kellsby - the ferry's home port - mourned.",
        "Harbour Master Ines Moor said the channel would reopen.",
    ],
)
def test_sentences_without_a_dateline_keep_their_opening(sentence):
    assert dateline(sentence) == 0


@pytest.mark.parametrize(
    "sentence",
    [
        '"Prices are falling, but not fast enough," she said.',
        "“We will not wait for the ferry,” he added.",
        '"Is the channel safe?" they asked.',
        "'It is over,' she told reporters.",
    ],
)
def test_quotes_attributed_to_a_pronoun_do_not_stand_alone(sentence):
    assert not stands_alone(sentence)


def test_quotes_with_a_named_speaker_stand_alone():
    assert stands_alone('"Prices are falling, but not fast enough," Governor Lena Ruiz said.')
    assert opens_with_quote("“Prices are falling,” Governor Lena Ruiz said.")
    assert opens_with_quote('KELLSBY — "The ferry is gone," the mayor said.')
    assert not opens_with_quote('The mayor said: "The ferry is gone."')


@pytest.mark.parametrize(
    ("sentence", "claimed"),
    [
        ("Nobody was hurt, the Tarrow Fire and Rescue Service said.", "Nobody was hurt,"),
        ("Ines Moor, the harbour master, said the channel was closed.", "the channel was closed."),
        ("“The channel is closed,” Harbour Master Ines Moor told reporters.", "“The channel is closed,"),
        ("KELLSBY — The ferry sank, officials said.", "The ferry sank,"),
        ("The ferry sank in the harbour.", "The ferry sank in the harbour."),
        ("The man who said nothing was arrested.", "The man who said nothing was arrested."),
    ],
)
def test_claim_is_the_sentence_without_who_said_it(sentence, claimed):
    assert claim(sentence) == claimed
