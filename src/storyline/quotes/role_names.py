"""Speakers an article gives by a role or a body's noun alone, found among the names it gives elsewhere: a lead's
"Canada's chief NAFTA negotiator says ..." is the one person it later calls "Canada's chief negotiator", and
"according to the council" is the one council it named before."""

from __future__ import annotations

import re

from storyline.quotes.name_forms import Name
from storyline.quotes.names import ArticleNames
from storyline.quotes.roles import head_noun, is_qualified, names_body

_WORD = re.compile(r"[\w'’]+")
# Openers of a span that means someone not yet named, or several people: "a Democratic senator", "some judges".
_UNNAMED = frozenset({"a", "an", "one", "another", "some", "several", "many", "two", "three"})


def named_later_with_role(names: ArticleNames, span: str, at: int) -> Name | None:
    """The one person first named after ``at`` with a role that ``span`` holds word for word around the same head
    noun. None for an indefinite or plural span, where two people fit, or where the one who fits was named before
    (a role goes back to the person before it first)."""
    words = [w.lower() for w in _WORD.findall(span)]
    head = head_noun(span)
    if not words or words[0] in _UNNAMED or head is None or (head.endswith("s") and not head.endswith("ss")):
        return None
    held = set(words)
    fitting = [
        name
        for name in names.names
        if name.kind == "person"
        and any(
            head_noun(role) == head and not is_qualified(role) and {w.lower() for w in _WORD.findall(role)} <= held
            for role in name.roles
        )
    ]
    if len(fitting) != 1:
        return None
    first = next((position for position, name in names.person_positions() if name is fitting[0]), -1)
    return fitting[0] if first > at else None


def organisation_called(names: ArticleNames, noun: str, modifiers: tuple[str, ...] = (), *, at: int) -> Name | None:
    """The one organisation named before ``at`` that a body's noun ("council") stands for: its name's head is that
    noun and holds the ``modifiers`` ("the city council": "Harrowgate City Council"). None where the article names
    two such bodies, or none."""
    found = {
        id(name): name
        for (start, _), name in names.mention_spans()
        if start < at and name.kind == "organisation" and names_body(name.fullest, noun, modifiers)
    }
    return next(iter(found.values())) if len(found) == 1 else None
