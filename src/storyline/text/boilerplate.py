"""Lines that outlets add around a story and that say nothing about which story it is.

Two uses, two strengths: cleaning (``storyline.ingest.clean``) removes only whole lines that are page furniture
(``FURNITURE_LINE``), since what it removes is gone for every stage; copy detection (``is_boilerplate_line``) also
ignores credit and dateline lines ("Reporting by ...", "Published on ..."), which differ between copies of one story
but are kept in the text.
"""

from __future__ import annotations

import re

# A whole line of page furniture, as cleaning removes it (lines up to 200 characters).
FURNITURE_LINE = re.compile(
    r"""^(?:advertisement|advertising|sponsored(?:\s+content)?|share(?:\s+this)?(?:\s+(?:article|story|on\s+\w+))?
    |share\s+via.*|tweet|email|print|comments?|(?:click|tap)\s+here\b.*|read\s+(?:more|also|next)\b.*
    |(?:sign\s+up|subscribe)\b.{0,80}|follow\s+us\b.{0,60}|related(?:\s+(?:articles?|stories|content))?\s*:?
    |(?:©|\(c\)|copyright\b).{0,120}|all\s+rights\s+reserved\.?.{0,40}
    |this\s+(?:article|story)\s+(?:was|has\s+been)\s+(?:updated|corrected)\b.{0,80})$""",
    re.IGNORECASE | re.VERBOSE,
)
# How every line ``FURNITURE_LINE`` matches opens, lower-cased (cleaning tests only the lines that open so).
FURNITURE_OPENINGS = (
    *("advertis", "sponsored", "share", "tweet", "email", "print", "comment", "click", "tap", "read", "sign"),
    *("subscribe", "follow", "related", "©", "(c)", "copyright", "all", "this"),
)
# Only short lines that start with one of these words, or that carry a copyright mark, are tested against the
# full pattern.
_BOILERPLATE = re.compile(
    r"""[^\w]*(?:
        advertisement | advertising | sponsored(?:\ content)?
      | share\ (?:this|on|via)\b | follow\ us\b | subscribe\b | sign\ up\b | click\ here\b
      | read\ more\b | related\ (?:articles?|stories|coverage)\b | more\ on\ this\ story\b
      | published\b | (?:last\ )?updated\b | posted\ (?:on|at|by)\b
      | (?:additional\ )?reporting\ by\b | (?:writing|editing|edited)\ by\b
      | (?:photo|image|picture|video)(?:\ credit)?\s*:
      | .*\b(?:copyright|all\ rights\ reserved)\b | .*(?:©|\(c\)\s*\d{4})
    )""",
    re.VERBOSE,
)
BOILERPLATE_STARTS = frozenset(
    "advertisement advertising sponsored share follow subscribe sign click read related more published "
    "updated last posted reporting additional writing editing edited photo image picture video photo: image: "
    "video:".split()
)
BOILERPLATE_MARKS = ("©", "(c)", "copyright", "rights reserved")
BOILERPLATE_MAX_CHARS = 120
BOILERPLATE_LEAD = "\"'“‘*-–—•|>[( \t"
BOILERPLATE_PREFIXES = tuple(sorted(BOILERPLATE_STARTS))


def is_boilerplate_line(line: str) -> bool:
    """Whether a line is a known kind of page furniture (credit, copyright, share prompt, dateline header...).

    >>> is_boilerplate_line("Reporting by Jane Doe; editing by John Roe"), is_boilerplate_line("He said so.")
    (True, False)
    """
    lowered = line.strip().lower()
    if not lowered or len(lowered) > BOILERPLATE_MAX_CHARS:
        return False
    first = lowered.lstrip(BOILERPLATE_LEAD).split(None, 1)
    if not (first and first[0] in BOILERPLATE_STARTS) and not any(mark in lowered for mark in BOILERPLATE_MARKS):
        return False
    return bool(_BOILERPLATE.match(lowered))
