"""A named person's gender as one article shows it, for "he" or "she" (or "Mrs. Lund") to be read as someone: a
title before the name ("Mr.", "Mrs."), and the pronouns the article uses of them right after it ("Solvang said she",
"Makepeace and his crew", "Lund laid out her plans")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

PRONOUN_GENDER = dict.fromkeys(["he", "him", "his", "himself"], "m") | dict.fromkeys(
    ["she", "her", "hers", "herself"], "f"
)
TITLE_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
TITLE_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$")
# A name's own "said she" past an appositive that may hold other names: "Ada Lund, director of X Y, said she".
SUBJECT_SAID_PRONOUN = re.compile(r"(?:,[^,.\n]{1,100},)?\s+(?:said|says)\s+(?:that\s+)?(he|she)\b")
# Evidence of a named person's gender in the words after the name, up to the next name or the sentence's end:
# "Solvang said she", "Makepeace and his crew", "Lund laid out her plans" (not any "she" that follows, which may
# be the very pronoun being resolved, nor "her" as an object: "called her a liar", "asked her to").
# "said" and "says" are matched, not looked behind for (a lookbehind tried at every position costs several times as
# much); the pronoun group ``after_said`` starts where the lookbehind's match did.
_GENDERED_PRONOUN = re.compile(
    r"\b(?:said|says) (?P<after_said>(?:that )?(?:he|she)\b)|\b(?:his|himself|herself)\b"
    r"|\bher(?= (?!(?:a|an|the|to|on|in|at|for|of|with|from|by|as|and|or|that|this|than|into|about|over|up|down"
    r"|out|off|back|if|when|because|so|but)\b)[a-z])"
)
_SENTENCE_STOP = re.compile(r"[.!?\n]")


def gender_at(text: str, at: int, end: int) -> str | None:
    """The gender a mention from ``at`` to ``end`` is given where it stands: a title before it ("Mrs. Lund") or a
    "said she" after it; None when neither is there."""
    title = TITLE_BEFORE.search(text, max(0, at - 6), at)
    if title:
        return TITLE_GENDER[title.group(1).lower()]
    said = SUBJECT_SAID_PRONOUN.match(text, end)
    return PRONOUN_GENDER[said.group(1)] if said else None


def _pronoun_start(match: re.Match) -> int:
    """Where a ``_GENDERED_PRONOUN`` match's pronoun (with its "that") starts."""
    after_said = match.start("after_said")
    return match.start() if after_said < 0 else after_said


def guess_genders(
    text: str, positions: Sequence[tuple[int, object]], written_at: Callable[[int, object], str]
) -> dict[int, str]:
    """``id(person) -> "m" or "f"`` for the people named at ``positions`` (``(at, person)`` in text order) whose
    mentions show one gender more often than the other; ``written_at(at, person)`` is the form written there."""
    votes: dict[int, Counter] = {}
    # "Ada Lund, director of the Mommy and Me programme, said she": the pronoun is the subject's, not that of a
    # name inside the appositive between them
    claimed: dict[int, tuple[int, str]] = {}
    for at, person in positions:
        said = SUBJECT_SAID_PRONOUN.match(text, at + len(written_at(at, person)))
        if said is not None and "," in said.group():
            claimed.setdefault(said.start(1), (id(person), PRONOUN_GENDER[said.group(1)]))
    for n, (at, person) in enumerate(positions):
        title = TITLE_BEFORE.search(text, max(0, at - 6), at)
        if title:
            votes.setdefault(id(person), Counter())[TITLE_GENDER[title.group(1).lower()]] += 2
        following = positions[n + 1][0] if n + 1 < len(positions) else len(text)
        window = text[at : min(at + 80, following)]
        stop = _SENTENCE_STOP.search(window)
        window = window[: stop.start()] if stop else window
        pronoun = _GENDERED_PRONOUN.search(window)
        if pronoun and at + _pronoun_start(pronoun) not in claimed:
            votes.setdefault(id(person), Counter())[PRONOUN_GENDER[pronoun.group().split()[-1]]] += 1
    for key, gender in claimed.values():
        votes.setdefault(key, Counter())[gender] += 1
    # a tie between the two genders tells nothing
    return {
        key: count.most_common(1)[0][0]
        for key, count in votes.items()
        if len(set(count.values())) > 1 or len(count) == 1
    }
