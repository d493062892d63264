"""A name's kind told by its last word, where the recogniser's reading of the context is the weaker evidence.

The small English model reads a name it does not know by the words around it: "Fenwick Road" becomes a person
after "near", "Tellam Logistics" a person before "said". A name of two or more words ending in a word that only
names bodies or only names places is that kind, whatever the sentence suggested.
"""

from __future__ import annotations

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
