"""One person, organisation or place of an article and the forms it is written in: a mention cleaned of its
possessive, titles or article, whether two forms can be one person, and which form stands at a place."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from storyline.quotes.people import HONORIFICS, SENTENCE_WORDS

# Words in lower case inside a name: "Osama bin Laden", "Ursula von der Leyen".
NAME_PARTICLES = {"bin", "ibn", "al", "van", "von", "der", "den", "de", "da", "del", "della", "di", "du", "la", "le"}
POSSESSIVE = re.compile(r"['’]s$|['’]$")
_SENTENCE_END = re.compile(r"[A-Z][a-z]+\.")  # "West." of "... from East to West. Francis said"


@dataclass(slots=True)
class Name:
    """One person, organisation or place of an article, with every way the article names it."""

    kind: str
    variants: Counter = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    first: int = 0

    @property
    def fullest(self) -> str:
        return max(self.variants, key=lambda v: (len(v.split()), self.variants[v], -len(v)))


def clean_name(text: str, kind: str) -> str:
    """A mention without possessive, honorifics (people) or a leading "the" (organisations, places)."""
    words = text.replace("\n", " ").split()
    if words:
        words[-1] = POSSESSIVE.sub("", words[-1])
    if kind == "person":
        titled = [i for i, w in enumerate(words[:-1]) if not_in_name(w)]
        if titled:  # "Harbour Minister Wilma Ostrander" -> "Wilma Ostrander"
            words = words[titled[-1] + 1 :]
    elif words and words[0].lower() == "the":
        words = words[1:]
    return " ".join(words).strip(" ,.;:'\"“”‘’")


def not_in_name(word: str) -> bool:
    """A word before a person's name that is no part of it: a title or a word in lower case ("Harbour Minister"),
    a function word the recogniser took in ("With Donald Trump as nominee"), or the last word of the sentence
    before ("... from West. Francis")."""
    return (
        word.lower().rstrip(".") in HONORIFICS
        or (word.islower() and word not in NAME_PARTICLES)
        or (len(word) > 1 and word.lower() in SENTENCE_WORDS)
        or bool(_SENTENCE_END.fullmatch(word) and word.lower().rstrip(".") not in HONORIFICS)
    )


def form_at(text: str, at: int, name: Name, forms: list[str] | None = None) -> str:
    """The longest of a name's forms (``forms``: those of ``forms_longest_first``) written at ``at``."""
    return next((form for form in forms or forms_longest_first(name) if text.startswith(form, at)), "")


def forms_longest_first(name: Name) -> list[str]:
    """A name's forms, its surname at least, longest first (of two of one length, at most one is written at a
    place)."""
    return sorted({f for v in name.variants for f in (v, v.split()[-1])}, key=len, reverse=True)


def compatible(name: Name, cleaned: str) -> bool:
    """ "Robert Lighthizer" and "Lighthizer" are one person; "Melania Trump" and "Donald Trump" are not."""
    words = cleaned.split()
    if len(words) == 1:
        return True
    return all(len(v.split()) == 1 or v.split()[0] == words[0] for v in name.variants)


_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE)


def after_determiner(text: str, at: int, raw: str, cleaned: str) -> bool:
    """Whether a person's mention follows "the", "a" or "an" with no title between ("the Second Amendment"; not
    "the Rev. Ada Lund" nor a family, "the Clintons")."""
    return (
        raw.split()[0] == cleaned.split()[0]
        and not cleaned.endswith("s")
        and bool(_DETERMINER_BEFORE.search(text, max(0, at - 5), at))
    )
