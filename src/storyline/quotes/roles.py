"""The roles speakers are given: the title or role words of a speaker phrase ("US Trade Representative", "a
spokeswoman for the ministry"), the noun a role-only phrase is named by, and the first role a person is given."""

from __future__ import annotations

import re

from storyline.quotes.people import HONORIFICS

# Nouns for a body of people that "it" goes on from: "Ada Lund's campaign is defending ... It says ...".
GROUP_NOUNS = set(
    """
    campaign office team committee company administration government agency department ministry party board council
    group organization organisation firm network newspaper union court foundation association institute
    """.split()
)
# Nouns a body's own name may end with, by which an article goes on to call it: "the bank" for "Aldermere Reserve
# Bank", "the fire service" for "Kestrel Valley Fire and Rescue Service".
BODY_NOUNS = GROUP_NOUNS | set(
    """
    bank service hospital school university college commission authority bureau police force trust society
    fund corporation club embassy chamber
    """.split()
)
# Nouns of a person's relatives: "the wife of X" speaks, not X.
RELATIVES = frozenset(
    """
    wife husband widow widower son daughter mother father brother sister parents children niece nephew cousin aunt
    uncle grandson granddaughter grandmother grandfather fiancee fiance girlfriend boyfriend stepson
    stepdaughter stepmother stepfather
    """.split()
)
DETERMINERS = {"the", "a", "an", "this", "that", "its", "his", "her", "their", "our"}


def without_determiners(span: str) -> str:
    """A role as the article words it, less its determiners: "the mayor" -> "mayor"."""
    return " ".join(w for w in span.split() if w.lower() not in DETERMINERS)


def first_role(name) -> str | None:
    """The first role the article gives a name, or None."""
    return name.roles[0] if name and name.roles else None


def role_in_span(span: str, person) -> str | None:
    """The words before the name in "US Trade Representative Robert Lighthizer", or after a comma."""
    for variant in sorted(person.variants, key=len, reverse=True):
        at = span.find(variant)
        if at < 0:
            continue
        before = span[:at].strip(" ,")
        after = span[at + len(variant) :].strip(" ,")
        role = before or after
        words = without_determiners(role).split()
        while words and words[0].lower().rstrip(".") in {"mr", "mrs", "ms", "dr"}:
            words = words[1:]
        if words and len(words) <= 10 and any(w[:1].islower() or w.lower() in HONORIFICS for w in words):
            return " ".join(words).strip(" ,")
        return None
    return None


def is_qualified(role: str) -> bool:
    """ "Vice President", "former minister": a role that is not the plain role its head noun names."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", role)]
    return any(w in ("vice", "deputy", "assistant", "former", "ex", "acting") for w in words)


def head_noun(span: str) -> str | None:
    """The noun a role-only speaker is named by: "the minister" -> minister, "a spokeswoman for X" -> spokeswoman."""
    words = re.findall(r"[A-Za-z]+", span)
    cut = next(
        (i for i, w in enumerate(words) if w.lower() in {"for", "of", "at", "with", "from", "in", "by"}), len(words)
    )
    words = [w for w in words[:cut] if w.lower() not in DETERMINERS]
    return words[-1].lower() if words else None


def name_head(words: list[str]) -> str:
    """The noun that heads a body's name, in lower case: its last word before any "of" ("Ministry of Defence",
    "Harrowgate City Council"); "" for no words."""
    if not words:
        return ""
    return (words[words.index("of", 1) - 1] if "of" in words[1:] else words[-1]).lower()


def names_body(fullest: str, noun: str, modifiers: tuple[str, ...] = ()) -> bool:
    """Whether an organisation's name is headed by ``noun`` and holds each of the ``modifiers``. A business is
    "the company" or "the firm" whatever its name ends with ("Tellam Logistics", "Corran Foods"), where no public
    body's noun heads it ("Brackwater General Hospital", "Kestrel Valley Fire and Rescue Service")."""
    words = [w.lower() for w in fullest.split()]
    if not words or not all(m.lower() in words for m in modifiers):
        return False
    head = name_head(words)
    if noun in _BUSINESS_NOUNS:
        return head in _BUSINESS_HEADS or head not in BODY_NOUNS
    return head == noun


# Nouns an article calls any business by, and body nouns that head a business's name.
_BUSINESS_NOUNS = frozenset({"company", "firm"})
_BUSINESS_HEADS = _BUSINESS_NOUNS | {"corporation", "group"}


def body_reference(span: str) -> tuple[str, tuple[str, ...]] | None:
    """A span that calls a body by its noun alone, "the (city) council": the noun and the words before it."""
    words = span.lower().split()
    if len(words) < 2 or words[0] != "the" or words[-1] not in BODY_NOUNS:
        return None
    return words[-1], tuple(w for w in words[1:-1] if w not in _VAGUE_MODIFIERS)


# Words before a body's noun that no name needs to hold: "the regional fire service" is "Kestrel Valley Fire and
# Rescue Service" when the article names no other.
_VAGUE_MODIFIERS = frozenset({"regional", "local"})
