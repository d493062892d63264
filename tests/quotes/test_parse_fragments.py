"""Speakers on parses of fragments: the parser can make a noun after the cue the root of its sentence."""

import signal

import pytest

spacy = pytest.importorskip("spacy", reason="spaCy is an optional extra: pip install 'storyline[quotes]'")

from spacy.tokens import Doc  # noqa: E402
from spacy.vocab import Vocab  # noqa: E402

from storyline.quotes.subjects import subject  # noqa: E402


def fragment_doc():
    """ "Reviews , says Ada Lund biography": the name's phrase climbs to a noun that is the sentence's root."""
    words = ["Reviews", ",", "says", "Ada", "Lund", "biography"]
    return Doc(
        Vocab(),
        words=words,
        heads=[2, 2, 5, 4, 5, 5],
        deps=["nsubj", "punct", "dep", "compound", "compound", "ROOT"],
        tags=["NNS", ",", "VBZ", "NNP", "NNP", "NN"],
        ents=["O", "O", "O", "B-PERSON", "I-PERSON", "O"],
    )


def _give_up(signum, frame):
    raise TimeoutError("the speaker search did not stop")


def test_speaker_after_a_cue_climbs_to_a_root_noun_and_stops():
    doc = fragment_doc()
    previous = signal.signal(signal.SIGALRM, _give_up)
    signal.alarm(5)
    try:
        speaker = subject(doc[2])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert speaker is not None
    assert speaker.i == 5  # the phrase's head, reached once and not climbed past
