"""The model's conversion to plain data is ``dataclasses.asdict``'s, made faster."""

import dataclasses
from collections import namedtuple

from storyline.model import (
    Article,
    Citation,
    Claim,
    DatedWords,
    Development,
    Entity,
    MeaningChange,
    Quote,
    Sentence,
    SentenceChange,
    Summary,
    SummarySentence,
    Variant,
    VersionConflict,
    asdict,
)


def test_asdict_gives_what_dataclasses_asdict_gives():
    sentence = Sentence("a", 0, 0, 9, "One. Two.")
    values = [
        Article("a", "One. Two.", title="T", paragraphs=[(0, 4), (5, 9)]),
        Summary("H", [SummarySentence("One.", [Citation("a", 0, 0, 4)], [DatedWords(0, 3, "2026-01-01")])]),
        Quote("a", "We will", True, "Bell", "Jo Bell", None, "said", 0, 7, 0),
        Entity("Jo Bell", "person", 3, ["Bell"], ["a", "b"]),
        Development("2026-01-01", "One.", (Citation("a", 0, 0, 4),)),
        Claim("a", None, "2026-01-01", 0, 0, 4, "One.", ((0, 1), (2, 3)), 1),
        Variant(
            "b",
            "a",
            3,
            [SentenceChange(sentence, sentence, 0.9, (("replace", "a", "b"),), MeaningChange("number", "x"))],
            [sentence],
            [],
            [VersionConflict(0, 1, "number", "x")],
        ),
    ]
    for value in values:
        fast, slow = asdict(value), dataclasses.asdict(value)
        assert fast == slow
        assert repr(fast) == repr(slow)  # tuples stay tuples, lists lists, in the same order
    # Containers are copies, as dataclasses.asdict makes them: changing one leaves the value as it was.
    entity = Entity("Jo Bell", "person", 3, ["Bell"])
    asdict(entity)["variants"].append("J. Bell")
    assert entity.variants == ["Bell"]


def test_asdict_converts_named_tuples_and_dicts_inside_dataclasses_as_dataclasses_does():
    Pair = namedtuple("Pair", "left right")

    @dataclasses.dataclass
    class Holder:
        pair: Pair
        table: dict
        nested: list

    value = Holder(Pair(Citation("a", 0, 0, 1), 2), {"k": Citation("b", 1, 0, 1)}, [[1, (2, 3)], {4}])
    assert repr(asdict(value)) == repr(dataclasses.asdict(value))
