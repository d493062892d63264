"""Rule-based English sentence splitting that keeps character offsets."""

from __future__ import annotations

import re
from functools import lru_cache

# Tokens that end with a full stop without ending a sentence.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt gen col lt sgt capt cmdr adm gov sen rep rev hon pres supt insp
    messrs mmes drs profs gens cols lts sgts govs sens reps ste ft pt
    jan feb mar apr jun jul aug sep sept oct nov dec
    inc corp co ltd bros dept univ assn est approx vs etc al no nos fig vol
    u.s u.k u.n e.u a.m p.m i.e e.g d.c n.y l.a
    """.split()
)

# End punctuation, optional closing quotes/brackets, then space (group 1 matched); or a glued "word.Next" join
# (the boundary after the mark). Both branches start with the mark, so the search skips to marks instead of trying
# the look-behind at every character.
_BOUNDARY = re.compile(r"""[.!?…](?:([.!?…]*["'”’)\]]*)(?=\s+["'“‘(\[]?[A-Z0-9])|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z]))""")
_LAST_TOKEN = re.compile(r"([\w.]+)[.!?…]*[\"'”’)\]]*$")
_LAST_TOKEN_CHAR = re.compile(r"[\w.!?…\"'”’)\]]")  # every character _LAST_TOKEN can match


# Words that start a sentence far more often than they continue a name ("U.S. Army", but "U.S. The talks").
_SENTENCE_OPENER = re.compile(
    r"\s*[\"'“‘]?(?:The|He|She|It|They|We|I|But|And|In|On|At|This|That|These|Those|There|"
    r"His|Her|Their|Its|A|An|Then|However|Meanwhile|After|When|While|If)\b"
)


def _is_abbreviation(text_before: str, text_after: str = "") -> bool:
    # Each pattern reads only the end of the text before the boundary, so each is given only that end.
    if re.search(r"\d\s?[.]$", text_before[-3:]) and re.match(r"\s?\d", text_after):
        return True  # a decimal point in tokenised text ("6 . 2", "0. 08")
    bare = len(text_before[:-1].rstrip()) if text_before[-2:-1].isspace() and text_before[-1:] == "." else 0
    if bare:  # "Nick J . Rahall": a spaced initial (the spaces go when a word character is before them)
        text_before = text_before[: bare - 1] + re.sub(r"(?<=\w)\s+([.])$", r"\1", text_before[bare - 1 :])
    match = _last_token(text_before)
    if not match:
        return False
    token = match.group(1).rstrip(".").lower()
    # Single initials ("J. Smith") and dotted acronyms ("U.S.") rarely end a sentence; an acronym followed by a
    # word that opens sentences ("in the U.S. The talks") does.
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):
        return _SENTENCE_OPENER.match(text_after) is None
    if token in ("no", "nos"):
        return bool(re.match(r"\s*\d", text_after))  # "No. 1", but "he said no. Then"
    return token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _last_token(text: str, reach: int = 64) -> re.Match | None:
    """``_LAST_TOKEN.search(text)``, read from the last ``reach`` characters when a match there cannot go on to the
    left (the character before it can be no part of one)."""
    match = _LAST_TOKEN.search(text, max(0, len(text) - reach))
    if match and (match.start() == 0 or _LAST_TOKEN_CHAR.match(text, match.start() - 1) is None):
        return match
    return _LAST_TOKEN.search(text)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences of ``text[start:end]``.

    A whole text's sentences are kept for the next call: every analysis of an event splits its articles again.

    Line breaks always end a sentence, so text stored one sentence (or paragraph) per line keeps its lines.

    >>> text = "Mr. Smith went to Washington. He said “yes.” Then he left."
    >>> [text[a:b] for a, b in split_sentences(text)]
    ['Mr. Smith went to Washington.', 'He said “yes.”', 'Then he left.']
    """
    if start == 0 and end is None:
        return list(_whole_text_sentences(text))
    return _split(text, start, len(text) if end is None else end)


@lru_cache(maxsize=2048)  # more than the articles of a large event
def _whole_text_sentences(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(_split(text, 0, len(text)))


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        line_start = start + line.start()
        line_text = line.group()
        cursor = 0
        for boundary in _BOUNDARY.finditer(line_text):
            cut = boundary.end()
            if boundary.group(1) is not None and _is_abbreviation(line_text[cursor:cut], line_text[cut : cut + 20]):
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
