"""A name's kind told by its last word, where the recogniser's reading of the context is the weaker evidence.

The small English model reads a name it does not know by the words around it: "Fenwick Road" becomes a person
after "near", "Tellam Logistics" a person before "said". A name of two or more words ending in a word that only
names bodies or only names places is that kind, whatever the sentence suggested; and a name of two or three words
right after a person's title ("Mayor Agnes Pirrie", "Councillor Mira Talbot") is a person's.
"""

from __future__ import annotations

import re

from storyline.quotes.people import NOT_SURNAMES

# Last words of names of bodies and their buildings, never of a person's name.
INSTITUTION_WORDS = frozenset(
    """
    Church Mosque Temple Synagogue Cathedral University College School Academy Hospital Clinic Foundation Institute
    Association Committee Council Ministry Department Agency Company Corporation Party Union Center Centre
    Bank Society Trust Logistics Holdings Airlines Airways Industries Consultants Mortgages
    """.split()
)
# Last words of names of streets, roads and crossings, never of a person's or a body's name.
PLACE_WORDS = frozenset(
    """
    Street Road Lane Avenue Boulevard Row Square Bridge Quay Highway Motorway Drive Crescent Terrace
    """.split()
)


def kind_by_last_word(name: str, kind: str) -> str:
    """The kind of a cleaned ``name`` the recogniser called ``kind``: a place for "Fenwick Road" or "Carrow Bridge",
    an organisation for a person's "Tellam Logistics" or "Midway Baptist Church"; else ``kind``."""
    words = name.split()
    if len(words) < 2:
        return kind
    if words[-1] in PLACE_WORDS:
        return "place"
    if kind == "person" and words[-1] in INSTITUTION_WORDS:
        return "organisation"
    return kind


def kind_by_title(text: str, at: int, name: str, kind: str) -> str:
    """A person for a ``name`` of two or three capitalised words standing at ``at`` right after a title only a
    person bears ("Mayor Agnes Pirrie", "Sen. Ada Lund") that the recogniser read as an organisation, unless a word
    of it is a title or its last word names a body or a place; else ``kind``. A place after a title stays a place:
    in "former South Carolina Gov. Jim Hodges" the title is the governor's."""
    words = name.split()
    if kind != "organisation" or not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return kind
    if words[-1] in NOT_SURNAMES or words[-1] in INSTITUTION_WORDS or words[-1] in PLACE_WORDS:
        return kind
    if any(w.lower().rstrip(".") in PERSONAL_TITLES for w in words):
        return kind
    before = _WORD_BEFORE.search(text, max(0, at - 30), at)
    return "person" if before and before.group(1).lower() in PERSONAL_TITLES else kind


# Titles written before a person's name and before nothing else.
PERSONAL_TITLES = frozenset(
    """
    mr mrs ms miss dr prof sir dame rev sen senator rep gov governor president judge mayor councillor councilor
    councilman councilwoman alderman inspector superintendent constable detective professor ambassador bishop
    archbishop capt captain admiral sheriff congressman congresswoman minister chairman chairwoman
    """.split()
)


_WORD_BEFORE = re.compile(r"(\w+)\.? $")
