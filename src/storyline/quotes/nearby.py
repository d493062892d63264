"""Speakers the parse cut short: the person whose party tag or title the parser took for the subject ("Gov. Ada
Brandt (R-OH)", "Navy Capt. Erling Dahl"), and the name set off after a role ("the spokesman, Jeff Davis,")."""

from __future__ import annotations

import re

from storyline.quotes.groups import SPEAKS_FOR
from storyline.quotes.people import HONORIFICS

# Nouns for what a person is, written before their name without a comma: "co-host Ola Dahl".
ROLE_NOUNS = (
    HONORIFICS
    | SPEAKS_FOR
    | set(
        """
        adviser advisor strategist analyst pollster economist host co-host anchor columnist reporter editor writer
        founder activist lawmaker candidate consultant organizer organiser historian professor scholar expert
        """.split()
    )
)
# "(R-" or "(" before a party or state tag, and what closes it: "Gov. Ada Brandt (R-OH)".
_TAG_OPENING = re.compile(r"\(\s*(?:[A-Z]\.?\s*-\s*)?$")
_TAG_CLOSING = re.compile(r"[.\w\s-]{0,8}\)")
# Between a title and the name after it ("Capt. Jeff Davis", "1st Lt. Ida Lund"), and between a role and the name
# set off after it ("the spokesman, Jeff Davis,", "the spokesman the Rev. Ida Lund").
_TITLES = r"(?:(?:" + "|".join(sorted(HONORIFICS, key=len, reverse=True)) + r")\.?\s+)"
_TITLED = re.compile(rf"\.?[ \t]+(?i:{_TITLES})*")
_APPOSED = re.compile(rf",\s+(?:the\s+)?(?i:{_TITLES})*|\s+the\s+(?i:{_TITLES})+")
_ABBREVIATED_TITLE = re.compile(r"(?:Del|" + "|".join(t.title() for t in HONORIFICS if len(t) <= 5) + r")\.?")
_TITLE_NEXT = re.compile(rf"[ \t]+{_ABBREVIATED_TITLE.pattern}\s+[A-Z]")
_NAME_RUN = re.compile(r"[A-Z][a-z]+(?: [A-Z]\.)?(?: [A-Z][a-z][\w'’\-]*){1,2}\b")
# A role in lower case, then the capitalised name that ends the span: "The mayor, Vera Lund", "host Ola Dahl".
_NAME_AFTER_ROLE = re.compile(
    r"(?:^|\s)(?P<before>[a-z][a-z\-]+)(?P<comma>,?)\s+(?P<name>(?:[A-Z][\w'’\-]*\.?\s+){0,2}[A-Z][\w'’\-]+)$"
)
_POSSESSIVE = re.compile(r"['’]s?$")  # "Friends of Mr. Clinton's"


def ends_with_title(span: str, text: str, end: int) -> bool:
    """ "Del.", "Pentagon spokesman Navy Capt", "Air Force 1st" (before "Lt. Tyra Lind"): a span whose last word is
    a short title, or that a short title follows, the name cut off."""
    last = span.split()[-1]
    if _ABBREVIATED_TITLE.fullmatch(last):
        return True  # not "The pride Mr. Cruz feels": only a rank or unit goes on with a title ("Air Force 1st Lt.")
    return bool((last[:1].isupper() or re.fullmatch(r"\d+(?:st|nd|rd|th)", last)) and _TITLE_NEXT.match(text, end))


def person_before_tag(names, start: int, end: int):
    """The person named right before a party or state tag that a span lies in: "Ada Brandt (R-OH)"."""
    opening = _TAG_OPENING.search(names.text, max(0, start - 8), start)
    if opening is None or not (names.text.startswith(")", end) or _TAG_CLOSING.match(names.text, end)):
        return None
    before = opening.start()
    person = next((n for (a, b), n in names.mention_spans() if before - 2 <= b <= before and n.kind == "person"), None)
    if person is None:  # a name the recogniser missed: its last word, when the article names that person
        word = re.search(r"([A-Z][\w'’\-]+)\s*$", names.text[max(0, before - 30) : before])
        person = names.by_surname(word.group(1)) if word else None
    return person


def person_after(names, at: int, *, apposition: bool = False) -> str | None:
    """The fullest name of the person named right after ``at``, past titles ("Capt. Jeff Davis"); with
    ``apposition``, only a name set off by commas or after "the" and a title ("the spokesman, the Rev. Ida Lund,")."""
    text = names.text
    between = (_APPOSED if apposition else _TITLED).match(text, at)
    if between is None:
        return None
    after = between.end()
    spans = [(b, n) for (a, b), n in names.mention_spans() if a == after and n.kind == "person"]
    if spans:
        ends, person = max(spans, key=lambda item: item[0])
        if apposition and between.group().startswith(",") and not text.startswith(",", ends):
            return None  # "a poll of voters, Donald Trump leads": no name set off between commas
        return person.fullest
    run = _NAME_RUN.match(text, after)
    if run is None or apposition:
        return None
    name = names.by_surname(run.group().split()[-1])
    return name.fullest if name is not None else run.group()


def name_after_role(span: str) -> tuple[str, str] | None:
    """``(name, role)`` of a short span that ends with a name of two or three words after a role, set off by a comma
    or after a noun for a person ("The mayor, Vera Lund", "co-host Ola Dahl"): the recogniser did not tag it."""
    match = _NAME_AFTER_ROLE.search(span)
    if (
        match is None
        or len(span.split()) > 8
        or not (match.group("comma") or match.group("before") in ROLE_NOUNS)
        or len(match.group("name").split()) < 2
        or _POSSESSIVE.search(span)
        or all(w.lower().rstrip(".") in HONORIFICS for w in match.group("name").split())
    ):
        return None
    return match.group("name"), span[: match.start("name")].strip(" ,")
