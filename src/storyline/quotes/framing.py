"""Speakers written in the text around a quotation, found without the parse: a transcript label ("PENCE: ..."), a
signature after a dash, a name and a speech verb right after the quotation, or "Said X," opening the sentence."""

from __future__ import annotations

import re

from storyline.quotes.marks import QuoteSpan
from storyline.text.cues import CUE_FORMS, SPEECH_VERBS

_WORD = re.compile(r"\w+")
# "PENCE: Well, ..." opening a quotation: a transcript gives its speaker as a label in capitals.
_LABEL = re.compile(r"(?P<label>[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3}):\s+")
# '“...” ― Jorge Falcon': a quotation signed with a dash and a name ending its paragraph.
_SIGNATURE = re.compile(
    r"[ \t,.”\"]*(?P<dash>[―—–])\s*(?P<name>[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){0,4})[\s.]*(?:\n|$)"
)


def labelled(text: str, item) -> bool:
    """Give ``item`` (a ``Found``) the speaker of a transcript label opening it, and keep the words after it."""
    label = _LABEL.match(text, item.start)
    if label is None or len(_WORD.findall(text[label.end() : item.end])) < 2:
        return False
    item.speaker, item.cue = label.span("label"), ":"
    item.text = item.text[item.text.find(":") + 1 :].strip()
    item.start = label.end()
    return True


def signed(text: str, item, last: QuoteSpan) -> bool:
    """Give ``item`` (a ``Found``) the name signing its quotation after a dash, in the same paragraph."""
    signature = _SIGNATURE.match(text, last.end)
    if signature is None:
        return False
    item.speaker, item.cue = signature.span("name"), signature.group("dash")
    return True


# '“...,” Viguerie notes.': a name (and its appositive) then a speech verb right after a quotation, which the tagger
# may have read as a noun ("notes", "Tweeted").
_NAME_THEN_CUE = re.compile(
    r"[,.!?…]?\s*(?P<name>(?:[A-Z][\w'’.\-]*\s){0,3}[A-Z][\w'’\-]+)(?:,[^,\n“”\"]{1,90},)?\s+"
    r"(?:[a-z]+ly\s+)?(?P<cue>[A-Za-z]+)\b"
)


def named_after(text: str, end: int, full: list[QuoteSpan]) -> tuple[tuple[int, int], str] | None:
    """``(speaker offsets, cue)`` from the words right after a full quotation (up to ``end``), when the parse found
    no cue."""
    for quote in full:
        match = _NAME_THEN_CUE.match(text, quote.end + 1, end)
        if match is None or CUE_FORMS.get(match.group("cue").lower()) not in SPEECH_VERBS:
            continue
        if match.group("name").split()[0].lower() in ("the", "but", "and", "in", "it", "this", "that"):
            continue
        return match.span("name"), match.group("cue")
    return None


# "Said Dorothy Poynter, ...", "Continued Stone:": a cue opening the sentence, then the speaker's name.
_SAID_NAME = re.compile(
    r"\s*(?P<cue>Said|Says|Added|Adds|Continued|Stated|Asked|Wrote|Explained|Noted|Recalled|Replied)\s+"
    r"(?P<name>(?:[A-Z][\w'’.\-]*\s){0,3}[A-Z][\w'’\-]+)\s*[,:]"
)


def said_before(text: str, start: int, end: int) -> tuple[tuple[int, int], str] | None:
    said = _SAID_NAME.match(text, start, end)
    return (said.span("name"), said.group("cue")) if said else None
