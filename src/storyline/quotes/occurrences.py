"""Where any of several names occurs in a text as whole words, found by plain string search: the same matches as one
regular expression of all of them, without building one for every article."""

from __future__ import annotations

import re

_WORD_CHAR = re.compile(r"\w")  # the characters a regular expression's word boundary reads as word characters


def first_forms_between_boundaries(text: str, forms: list[str]) -> list[tuple[int, str]]:
    """``(start, form)`` of each match of ``re.finditer(r"\\b(?:" + "|".join(map(re.escape, forms)) + r")\\b", text)``:
    scanning left to right, at each place the first of ``forms`` (in their order) that stands there between word
    boundaries, the scan going on after it."""
    at_place: dict[int, list[str]] = {}
    for form in forms:
        if not form:  # an empty alternative would match everywhere: let the expression itself say where
            return [(match.start(), match.group()) for match in _alternation(forms).finditer(text)]
        at = text.find(form)
        while at >= 0:
            at_place.setdefault(at, []).append(form)
            at = text.find(form, at + 1)
    found: list[tuple[int, str]] = []
    scanned_to = 0
    for at in sorted(at_place):
        if at < scanned_to or not _boundary(text, at):
            continue
        for form in at_place[at]:
            if _boundary(text, at + len(form)):
                found.append((at, form))
                scanned_to = at + len(form)
                break
    return found


def _boundary(text: str, at: int) -> bool:
    before = at > 0 and _WORD_CHAR.match(text, at - 1) is not None
    after = at < len(text) and _WORD_CHAR.match(text, at) is not None
    return before != after


def _alternation(forms: list[str]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, forms)) + r")\b")
