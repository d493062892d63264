"""Rule-based English sentence splitting that keeps character offsets."""

from __future__ import annotations

import re

# Tokens that end with a full stop without ending a sentence.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt gen col lt sgt capt cmdr adm gov sen rep rev hon pres supt insp
    jan feb mar apr jun jul aug sep sept oct nov dec
    inc corp co ltd bros dept univ assn est approx vs etc al no nos fig vol
    u.s u.k u.n e.u a.m p.m i.e e.g d.c n.y l.a
    """.split()
)

# End punctuation, optional closing quotes/brackets, then space; or a glued "word.Next" join.
_BOUNDARY = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])""")
_LAST_TOKEN = re.compile(r"([\w.]+)[.!?…]*[\"'”’)\]]*$")


def _is_abbreviation(text_before: str) -> bool:
    match = _LAST_TOKEN.search(text_before)
    if not match:
        return False
    token = match.group(1).rstrip(".").lower()
    if token in ABBREVIATIONS:
        return True
    # Single initials ("J. Smith") and dotted acronyms ("U.S.") rarely end a sentence.
    return len(token) == 1 and token.isalpha() or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", token))


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences of ``text[start:end]``.

    Line breaks always end a sentence, so text stored one sentence (or paragraph) per line keeps its lines.

    >>> text = "Mr. Smith went to Washington. He said “yes.” Then he left."
    >>> [text[a:b] for a, b in split_sentences(text)]
    ['Mr. Smith went to Washington.', 'He said “yes.”', 'Then he left.']
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        line_start = start + line.start()
        line_text = line.group()
        cursor = 0
        for boundary in _BOUNDARY.finditer(line_text):
            cut = boundary.end()
            if boundary.group() and _is_abbreviation(line_text[cursor:cut]):
                continue
            _append_trimmed(spans, line_text, line_start, cursor, cut)
            cursor = cut
        _append_trimmed(spans, line_text, line_start, cursor, len(line_text))
    return spans


def _append_trimmed(spans: list[tuple[int, int]], line: str, offset: int, a: int, b: int) -> None:
    while a < b and line[a].isspace():
        a += 1
    while b > a and line[b - 1].isspace():
        b -= 1
    if b > a:
        spans.append((offset + a, offset + b))
