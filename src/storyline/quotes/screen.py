"""Which units of an article can hold an attribution, and which of those need the parser: cheap text tests that
keep most sentences away from spaCy."""

from __future__ import annotations

import re

from storyline.text.cues import CUE_FORMS, CUE_PHRASES, has_cue

_WORD = re.compile(r"\w+")
# Forms of the lexicon's cue verbs that its regular inflection misses ("admitted", "preferred", "found", "shown").
# They are read only in units parsed for another cue or a quotation: no sentence more is parsed for them.
PARSED_ONLY_FORMS = {
    "admitted": "admit",
    "admitting": "admit",
    "preferred": "prefer",
    "preferring": "prefer",
    "found": "find",
    "shown": "show",
}
# Every form a cue token of a parsed unit may have -> its lemma.
QUOTE_CUE_FORMS = {**CUE_FORMS, **PARSED_ONLY_FORMS}


def needs_parse(text: str, unit) -> bool:
    """Whether a unit can hold an attribution: a quotation of some length, or a cue outside quotation marks."""
    if any(_WORD.search(text, q.start, q.end) for q in unit.quotes):
        return True
    if text[unit.start : unit.end].rstrip().endswith(":"):  # may announce the quotation that follows
        return True
    return has_cue(_outside_quotes(text, unit))


def needs_syntax(text: str, unit) -> bool:
    """Whether a unit that can hold an attribution needs the parser: a quotation with no cue outside it (a quote
    going on from the paragraph before, or "“...” “...”") is found without one. Cue words count here only in
    lower case and not after a determiner: "the United States", "the Washington Post", "his support" are not
    cues, and together they would double what is parsed."""
    if text[unit.start : unit.end].rstrip().endswith(":"):
        return True
    if any(text[unit.start : q.start - 1].rstrip().endswith(":") for q in unit.quotes):  # "X boomed: “...”"
        return True
    outside = _outside_quotes(text, unit)
    if _CUE_PHRASE.search(outside.lower()):
        return True
    # Every cue form is one run of word characters: the words that are cue forms (in the case written) are the
    # matches of an alternation of the forms between word boundaries, found without trying each form at each word.
    for match in _WORD.finditer(outside):
        if match.group() in CUE_FORMS:
            before = outside[max(0, match.start() - 12) : match.start()].split()
            if not before or before[-1].lower() not in _NOUN_MARKERS:
                return True
    return False


_NOUN_MARKERS = frozenset("the a an this his her its their our my your no any each every".split())
_CUE_PHRASE = re.compile(r"\b(?:" + "|".join(map(re.escape, CUE_PHRASES)) + r")\b")


def _outside_quotes(text: str, unit) -> str:
    pieces, at = [], unit.start
    for quote in unit.quotes:
        pieces.append(text[at : quote.start])
        at = quote.end
    pieces.append(text[at : unit.end])
    return " ".join(pieces)


def cue_tokens(doc) -> list:
    """The tokens of a parse that are cue word forms or "according", found on the array of lower-case forms."""
    if doc is None or not len(doc):
        return []
    from spacy.attrs import LOWER

    strings = doc.vocab.strings
    wanted = _CUE_HASHES.get(id(strings))
    if wanted is None:
        wanted = _CUE_HASHES[id(strings)] = {strings.add(form) for form in (*QUOTE_CUE_FORMS, "according")}
    return [doc[i] for i, lower in enumerate(doc.to_array(LOWER).tolist()) if lower in wanted]


_CUE_HASHES: dict[int, set[int]] = {}


def ends_with_cue(text: str) -> bool:
    """Whether ``text`` in lower case ends with a cue word form: its last run of word characters, whole, is one (as
    every form is one run of word characters, the test of a search for the forms between a word boundary and the
    end, which ``$`` also finds before a last line break)."""
    lowered = text.lower().removesuffix("\n")
    start = len(lowered)
    while start and (lowered[start - 1].isalnum() or lowered[start - 1] == "_"):  # what ``\w`` matches
        start -= 1
    return lowered[start:] in CUE_FORMS
