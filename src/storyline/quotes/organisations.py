"""Organisations named in the plain text: the fuller name a one-word organisation has elsewhere in the article
("Times" is the "Tampa Bay Times" the article names once in a sentence that was not parsed)."""

from __future__ import annotations

import re

from storyline.quotes.people import NOT_NAME_STARTS, phrase_positions

# One to three capitalised words right before a name's last word ("Tampa Bay " of "Tampa Bay Times").
_RUN_BEFORE = re.compile(r"(?<![\w.'’\-])((?:[A-Z][\w&'’\-]*\.? ){1,3})$")


def longer_organisation(text: str, word: str) -> str | None:
    """The one capitalised name of several words the text writes ending with ``word``, a one-word organisation:
    None when there is none or more than one ("Times" of both "The New York Times" and "Tampa Bay Times"); words
    that open sentences or titles ("When PolitiFact", "The FBI") are no part of a name."""
    forms = set()
    for at in phrase_positions(text, word):  # each place the word stands, then the capitals right before it
        if re.match(r"[\-'’]\w", text[at + len(word) : at + len(word) + 2]):
            continue  # "Times-Union", "Times's"
        run = _RUN_BEFORE.search(text, max(0, at - 80), at)
        if run is None:
            continue
        before = run.group(1).split()
        ends = [n for n, w in enumerate(before) if w.endswith(".") or re.search(r"['’]s?$", w)]
        before = before[ends[-1] + 1 :] if ends else before  # "Clinton. The NEA", "Trump's AIPAC"
        while before and before[0].lower().rstrip(".") in NOT_NAME_STARTS:
            before = before[1:]
        if before:
            forms.add(" ".join([*before, word]))
    return forms.pop() if len(forms) == 1 else None
