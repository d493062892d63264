"""Speakers written in the text around a quotation, found without the parse: a transcript label ("PENCE: ..."), a
signature after a dash, a name and a speech verb right after the quotation, or "Said X," opening the sentence."""

from __future__ import annotations

import re

from storyline.quotes.marks import QuoteSpan
from storyline.text.cues import CUE_FORMS, SPEECH_VERBS

_WORD = re.compile(r"\w+")
# "PENCE: Well, ..." opening a quotation: a transcript gives its speaker as a label in capitals.
_LABEL = re.compile(r"(?P<label>[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3}):\s+")
# '“...” ― Jorge Falcon': a quotation signed with a dash and a name ending its paragraph, or making up the next
# paragraph ("“...”\n\n- Sanders.", "-Michelle Marks, Philadelphia.").
_SIGNATURE = re.compile(
    r"[ \t,.”\"]*(?:(?P<dash>[―—–])|\n\s*(?P<hyphen>[-―—–]))[ \t]*"
    r"(?P<name>[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){0,4}?)(?:,[^\n]{1,60})?[ \t.]*(?:\n|$)"
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
    start, end = signature.span("name")
    if text[end - 1] == "." and end - start > 2 and text[end - 3] != " ":  # "- Sanders.", not "Jorge F."
        end -= 1
    item.speaker, item.cue = (start, end), signature.group("dash") or signature.group("hyphen")
    return True


# '“...,” Viguerie notes.': a name (and its appositive) then a speech verb right after a quotation, which the tagger
# may have read as a noun ("notes", "Tweeted").
_NAME_THEN_CUE = re.compile(
    r"[,.!?…]?\s*(?P<name>(?:[A-Z][\w'’.\-]*\s){0,3}[A-Z][\w'’\-]+)(?:,[^,\n“”\"]{1,90},)?\s+"
    r"(?:[a-z]+ly\s+)?(?P<cue>[A-Za-z]+)\b"
)


# '“...,” Toomey fumed.', '“...?” Hannity pressed.': after a quotation that ends with a comma or a question, a name
# and any verb in the past tense tell who spoke.
_PAST = re.compile(r"[a-z]{2,}ed")
# Capitalised words that open a sentence, not a name: "But Ada said", "The senator said".
_NOT_NAME_OPENERS = frozenset("the but and in it this that".split())
_IRREGULAR_PAST = frozenset("shot went broke began spoke wrote told said put cut ran struck threw".split())


def _leads_on(text: str, quote: QuoteSpan) -> bool:
    inner = text[quote.start : quote.end].rstrip()
    return inner[-1:] in (",", "?", "!") or text[quote.end + 1 : quote.end + 2] == ","


def named_after(text: str, end: int, full: list[QuoteSpan]) -> tuple[tuple[int, int], str] | None:
    """``(speaker offsets, cue)`` from the words right after a full quotation (up to ``end``), when the parse found
    no cue."""
    for quote in full:
        match = _NAME_THEN_CUE.match(text, quote.end + 1, end)
        if match is None:
            continue
        cue = match.group("cue")
        spoken = CUE_FORMS.get(cue.lower()) in SPEECH_VERBS
        if not spoken and not (_leads_on(text, quote) and (_PAST.fullmatch(cue) or cue in _IRREGULAR_PAST)):
            continue
        if match.group("name").split()[0].lower() in _NOT_NAME_OPENERS:
            continue
        return match.span("name"), match.group("cue")
    return _cue_then_name(text, end, full[0])


# '“...,” mused Blaze co-host Stu Burguiere.', '“...,” tweeted Prince Alwaleed, the nephew of ...': a verb, then who
# spoke (a role in lower case may come before the name), to the next comma or full stop.
_CUE_THEN_NAME = re.compile(
    r"[,!?]?[”\"]?\s+(?P<cue>[a-z]{3,})\s+(?P<name>(?:(?:a|an|the|[A-Z][\w'’.\-]*|[a-z][\w\-]*)\s+){0,4}?"
    r"[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)*)(?=\s*[,.;]|\s+(?:on|in|at|after|before|during|from)\b)"
)


def _cue_then_name(text: str, end: int, quote: QuoteSpan) -> tuple[tuple[int, int], str] | None:
    if not _leads_on(text, quote):
        return None
    match = _CUE_THEN_NAME.match(text, quote.end + 1, end)
    if match is None:
        return None
    cue = match.group("cue")
    if CUE_FORMS.get(cue) not in SPEECH_VERBS and not _PAST.fullmatch(cue):
        return None
    return match.span("name"), cue


# 'A flabbergasted Noah quipped, “...”', 'Ryan said,“Look, ...”': a name and a speech verb (or any verb in the past
# tense) right before the quotation, when the parse found no cue.
_NAME_THEN_CUE_BEFORE = re.compile(
    r"(?:^|(?<=\s))(?P<name>(?:[A-Z][\w'’.\-]*\s){0,3}[A-Z][\w'’\-]+)\s+(?:[a-z]+ly\s+)?(?P<cue>[a-z]{3,})\s*[,:]\s*$"
)


def named_before(text: str, start: int, mark: int) -> tuple[tuple[int, int], str] | None:
    """``(speaker offsets, cue)`` from a name and a verb that end the words before a quotation's opening mark."""
    before = text[max(start, mark - 120) : mark]
    match = _NAME_THEN_CUE_BEFORE.search(before)
    if match is None:
        return None
    cue = match.group("cue")
    if CUE_FORMS.get(cue) not in SPEECH_VERBS and not _PAST.fullmatch(cue):
        return None
    if match.group("name").split()[0].lower() in _NOT_NAME_OPENERS | {"when", "as"}:  # "When Ada said, “...”"
        return None
    at = mark - len(before)
    return (at + match.start("name"), at + match.end("name")), cue


# "Said Dorothy Poynter, ...", "Continued Stone:": a cue opening the sentence, then the speaker's name.
_SAID_NAME = re.compile(
    r"\s*(?P<cue>Said|Says|Added|Adds|Continued|Stated|Asked|Wrote|Explained|Noted|Recalled|Replied)\s+"
    r"(?P<name>(?:[A-Z][\w'’.\-]*\s){0,3}[A-Z][\w'’\-]+)\s*[,:]"
)


def said_before(text: str, start: int, end: int) -> tuple[tuple[int, int], str] | None:
    said = _SAID_NAME.match(text, start, end)
    return (said.span("name"), said.group("cue")) if said else None


# "Carl Bialik: “...”", "HEADLINE - Jeffrey M. Jones: “...”", "More from Blumenthal and Cohen: “...”", "Rep. Ada
# Lund (R-S.C.): “...”": a name and a colon right before a quotation, with nothing but a dash or "from" before it.
_LABEL_NAME = r"[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|and|&|of|\([A-Z][\w.\-]*\)))*"
_NAME_LABEL = re.compile(rf"(?P<name>{_LABEL_NAME})\s*:\s*$")
# Labels that name a kind of text rather than who speaks it.
_NOT_SPEAKERS = frozenset("note update transcript quote quotes excerpt headline question answer q a text".split())


def label_before(text: str, start: int, mark: int) -> tuple[int, int] | None:
    """Offsets of the name labelling the quotation whose opening mark is at ``mark``, looking back to ``start``."""
    before = text[max(start, mark - 160) : mark]
    match = _NAME_LABEL.search(before)
    if match is None:
        return None
    words = match.group("name").split()
    if len(words) > 7 or words[-1].lower().rstrip(".") in _NOT_SPEAKERS:
        return None
    prefix = before[: match.start()].rstrip()
    if mark - 160 > start and not prefix:
        return None  # the name may go on before what was looked at
    dash = prefix[-1:] in ("-", "–", "—") and prefix[-2:-1].isspace()
    if prefix and not dash and prefix[-1:] not in (".", "!", "?") and not prefix.lower().endswith("from"):
        return None
    at = mark - len(before)
    return at + match.start("name"), at + match.end("name")


# "Graham: Trump's Rhetoric Destroying GOP's Chance", "Poll: Sanders Leads in Iowa": a headline that gives a
# speaker (a person, a group, a poll) and, after a colon, what was said.
_HEADLINE_LABEL = re.compile(
    r"(?P<name>[A-Z][\w.'’&\-]*(?: [A-Z][\w.'’&\-]*){0,4}):[ \t]+(?P<content>[^\n]*\w[^\n]*?)[\s.!…]*"
)
# Words that head a headline as a kicker, not as a speaker ("Breaking: ...", "The Latest: ...").
_KICKERS = frozenset(
    """
    the breaking revealed bombshell look watch boom wow update updates exclusive report daily notice latest video
    photos analysis opinion editorial review live recap explainer
    """.split()
)
_QUOTE_MARKS = " \"“”'‘’"


def headline_said(title: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``(speaker offsets, content offsets)`` of a headline that reads "Speaker: what was said"; None for a kicker
    ("Breaking: ..."), a question, or content of fewer than three words."""
    match = _HEADLINE_LABEL.fullmatch(title.strip())
    if match is None:
        return None
    words = match.group("name").split()
    if words[0].lower() in _KICKERS or words[-1].lower() in _KICKERS | _NOT_SPEAKERS:
        return None
    at = len(title) - len(title.lstrip())
    start, end = at + match.start("content"), at + match.end("content")
    start += len(title[start:end]) - len(title[start:end].lstrip(_QUOTE_MARKS))
    end = start + len(title[start:end].rstrip(_QUOTE_MARKS + ".,;:!…"))
    content = title[start:end]
    if len(_WORD.findall(content)) < 3 or content.endswith("?"):
        return None
    return (at + match.start("name"), at + match.end("name")), (start, end)
