"""The same role filled by different names: where something happened ("in Leeds" / "in Bradford").

A place is the run of capitalised words after a locative preposition. Two versions of one sentence conflict on a
place only when one small edit of the word diff replaced one name by the other, neither sentence names the other's
place anywhere, and the two names are not forms of one name ("U.S." / "United States", "Lyon" / "Lyon, France").
Loosely aligned sentences of different outlets are not compared on places: "in Paris" and "in France" are both true.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storyline.compare.lexicon import MONTHS, WEEKDAYS
from storyline.compare.speakers import name_run

if TYPE_CHECKING:
    from storyline.compare.claims import Token

PLACE_LEADS = frozenset(["in", "at", "near", "outside", "inside", "from"])
# Whether a place can follow a lead: "in Leeds", "at the Pentagon" (r"\b(?:[Ii]n|at|near|outside|inside|from)
# (?:the )?[A-Z]" finds one in the same texts). Searched from the capital letter, looking back for the lead:
# capitals are rarer than the leads' letters, so the search skips ahead.
_PLACE_BEFORE = "|".join(
    f"(?<=\\b{lead} .)|(?<=\\b{lead} the .)" for lead in ("In", "in", "at", "near", "outside", "inside", "from")
)
PLACE_SIGNAL = re.compile(f"[A-Z](?:{_PLACE_BEFORE})")
_NOT_PLACES = frozenset(WEEKDAYS) | frozenset(MONTHS) | frozenset(["christmas", "easter"])


class Place:
    __slots__ = ("initials", "letters", "span", "words")

    def __init__(self, names: list[str], span: tuple[int, int]) -> None:
        self.words = frozenset(names)
        self.letters = "".join(names)
        self.initials = "".join(name[0] for name in names if name)
        self.span = span


def places(tokens: list[Token]) -> list[Place]:
    """Capitalised names after "in", "at", "near"...: "in Akhal Oblast", "at the Pentagon"."""
    found = []
    for k, token in enumerate(tokens):
        if token.lower not in PLACE_LEADS:
            continue
        lead = k + 1 if k + 1 < len(tokens) and tokens[k + 1].lower == "the" else k
        run = name_run(tokens, lead, 1)
        if not run or run[0] != lead + 1 or tokens[run[0]].lower in _NOT_PLACES:
            continue
        names = [tokens[i].lower.replace(".", "") for i in run]
        found.append(Place(names, (tokens[run[0]].start, tokens[run[-1]].end)))
    return found


def same_place(x: Place, y: Place) -> bool:
    """One name in two forms: equal letters, one the initials of the other, or one name part of the other."""
    if x.letters == y.letters or x.words <= y.words or y.words <= x.words:
        return True
    return (len(x.words) > 1 and x.initials == y.letters) or (len(y.words) > 1 and y.initials == x.letters)


def place_conflict(tokens_a: list[Token], tokens_b: list[Token], edited_together) -> tuple[Place, Place] | None:
    """The place of A and of B that one edit swapped, if the two versions of a sentence name different places."""
    places_a, places_b = places(tokens_a), places(tokens_b)
    if not (places_a and places_b):
        return None
    words_a = {t.lower.replace(".", "") for t in tokens_a}
    words_b = {t.lower.replace(".", "") for t in tokens_b}
    for x in places_a:
        for y in places_b:
            if same_place(x, y) or not edited_together(x.span, y.span):
                continue
            if x.words <= words_b or y.words <= words_a:
                continue  # the other sentence names this place too, elsewhere
            return x, y
    return None
