"""Rule-based sentence compression and stand-alone checks.

A compression is a list of ``(start, end)`` spans of the sentence that are kept, so a shortened sentence stays
a faithful, traceable selection of the source's own words. The rules drop material that rarely carries the
news: lead datelines ("PORT ELLISON, March 5 (Wire Agency) — "), parentheticals, trailing attribution clauses
(", officials said Tuesday."), weekday time stamps ("on Friday"), short appositives after a name (", a former
finance minister,") and opening connectives ("But", "However,"). A compression must keep a main verb: one that
would leave only a subject and its relative clause ("Jo Bell, who runs the bakery.") is not offered.
"""

from __future__ import annotations

import re

from storyline.text.verbs import AUXILIARIES, dateline, has_main_verb, is_verb

_WEEKDAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:night|morning|afternoon|evening))?"
)
_WEEKDAY_WORD = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_SPEECH = r"(?:said|says|told|added|reported|announced|declared|stated|according\s+to)"
_SPEECH_WORD_LIST = tuple("said says told added reported announced declared stated according".split())
_SPEECH_WORDS = frozenset(_SPEECH_WORD_LIST)

# "(...)" and "[...]" asides.
_PARENTHETICAL = re.compile(r"\s*[(\[][^()\[\]]{1,200}[)\]]")
# ", officials told reporters on Friday." at the very end: a speech verb within the clause's first words. Only
# an unnamed speaker is dropped ("officials said", "he said"): a named one tells the reader whose claim it is.
_TRAILING_ATTRIBUTION = re.compile(
    rf",\s+(?:[^\s,;:]+\s+){{0,8}}{_SPEECH}\b(?:\s+[^\s;:]+){{0,9}}(?=[.!?][\"'”’]*\s*$)"
)
# The same after a quotation: '"...," Governor Lena Ruiz told reporters.' (named speakers included).
_QUOTE_ATTRIBUTION = re.compile(
    rf"[,.?!][\"'”’]\s+(?:[^\s,;:]+\s+){{0,8}}{_SPEECH}\b(?:\s+[^\s;:]+){{0,9}}(?=[.!?][\"'”’]*\s*$)"
)
# "<speaker> said (that) <claim>" at the start of a sentence.
_LEADING_SPEECH = re.compile(rf"^(?P<speaker>[^\"“]{{1,200}}?)\s+{_SPEECH}(?:\s+that)?\s+(?=\S)")
# "on Friday", "late Sunday night", "said Tuesday": a weekday stamp adds nothing a reader of a summary needs.
_WEEKDAY_STAMP = re.compile(rf",?\s+(?:(?:on|late|early)\s+{_WEEKDAY}|(?<=said|told)\s+{_WEEKDAY})\b")
# ", a former finance minister," right after a capitalised word.
_APPOSITIVE = re.compile(r"\b[A-Z][\w'’.-]*(?P<drop>,\s+(?:a|an|the)\s+[a-z0-9][^,;:()]{2,70},)(?=\s)")
# What every match of ``_APPOSITIVE`` holds: its comma and article. A pattern that starts at a comma is found far
# faster than one that tries a capitalised word at every word boundary.
_APPOSITIVE_START = re.compile(r",\s+(?:a|an|the)\s")
# Opening connectives that point back at a sentence the reader has not seen.
_CONNECTIVE = re.compile(
    r"^(?:But|And|Yet|So|Still|However|Meanwhile|Also|Instead|Nevertheless|Nonetheless|Moreover|Furthermore|"
    r"In addition|Besides|Even so|In turn|Then|Otherwise|Likewise|Similarly|Thus|Therefore)\b,?\s+(?=\S)"
)
_RELATIVE_AFTER = re.compile(r"\s*(?:who|whom|whose|which|where)\b")
_NEGATION = frozenset({"not", "never", "n't", "also", "earlier", "previously", "later", "already"})
# After a speech verb, these start a clause of their own ("said that ...", "told them whether ...").
_COMPLEMENTISERS = frozenset({"that", "whether", "if", "how", "why", "what", "when", "who"})

# Openings that lean on an antecedent in an earlier sentence ("He said", "This was", "They").
_DANGLING_OPENING = re.compile(
    r"^[\"'“‘]?(?:He|She|It|They|Them|His|Her|Hers|Its|Their|This|That|These|Those|Such|Both|The two|"
    r"The latter|The former|The (?:notion|idea|move|remarks?|comments?|suggestion)|Another|Other|Others|"
    r"There|Here)\b(?!\s*[-–—]?\s*[A-Z][a-z]+\s+(?:said|says))"
)


# "..., he said, ..." and '"...," she said.' with no name for the speaker.
_PRONOUN_SPEAKER = re.compile(
    r"(?:^|[,;:!?][\"'”’]*\s*)(?:he|she|they|He|She|They)\s+"
    r"(?:said|says|told|added|asked|explained|insisted|warned|noted|continued|replied|wrote)\b"
)
# The verbs of ``_PRONOUN_SPEAKER``, one of which every match holds as written.
_SPEAKING_VERBS = tuple("said says told added asked explained insisted warned noted continued replied wrote".split())
# First- and second-person words outside quotation marks: a quote whose speaker the sentence does not name.
# "mine" is the pronoun only after "of" or a form of "be", or opening the sentence: "a land mine" is no first person.
# One pattern of plain words (a lookbehind tried at every position cost seven times as much); "mine" is then
# checked against the words before it (``_speaks_personally``).
_PERSONAL = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Ww]e|us|[Oo]urs?|[Yy]ou|[Yy]ours?|[Mm]ine)\b")
_BEFORE_PRONOUN_MINE = re.compile(r"(?:^|\W)(?:of|is|was|be|are|were) $")
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
# A sentence cut short at an abbreviation ("for the government's No.", "president, F.W.") or a list item
# ("1981:").
_CUT_SHORT = re.compile(r"(?:\b(?:No|Nos|Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|St|Lt|Col|Jr|Sr|Inc|Co|Corp|Ltd)|\b[A-Z]\.)$")
_CUT_SHORT_TAIL = 8
_LIST_ITEM = re.compile(r"^\W*(?:\d{1,4}(?:\s*[-–]\s*\d{1,4})?|[a-z])\s*[:)]")  # "3)", "1990-92:"
# A sentence ends with a full stop, question or exclamation mark, perhaps inside quotes or brackets; captions
# and headings do not (``_ended``).
_SPACES = re.compile(r"\s{2,}")
_SPACED_MARKS = tuple((" " + mark, mark) for mark in ",.;:!?")
_DOUBLE_SPACE = "  "


def opening(text: str) -> int:
    """Length of what a summary drops at the start of a sentence: a dateline, then an opening connective."""
    cut = dateline(text)
    return cut + opening_connective(text[cut:])


def opens_with_quote(text: str) -> bool:
    """Whether ``text`` opens with a quotation, which should not open a summary."""
    return text[opening(text) :].lstrip()[:1] in "\"'“‘" and bool(text.strip())


def _is_attribution(clause: str) -> bool:
    """Whether a trailing ", <speaker> said <when>." clause only names its source.

    It does not when nothing but auxiliaries stand before the speech verb (", has not said whether ...":
    the subject is the sentence's own) or when a clause of its own follows it (", said the damage was ...").
    """
    tokens = re.findall(r"[\w'’-]+", clause)
    verb = next((k for k, t in enumerate(tokens) if t in _SPEECH_WORDS), None)
    if verb is None:
        return False
    speaker, tail = [t.lower() for t in tokens[:verb]], tokens[verb + 1 :]
    if speaker and all(t in AUXILIARIES or t in _NEGATION for t in speaker):
        return False
    if any(t.lower() in _COMPLEMENTISERS for t in tail):
        return False
    tail_pairs = list(zip([tokens[verb].lower()] + [t.lower() for t in tail[:-1]], tail))
    return not any(is_verb(word, before, present=False) for before, word in tail_pairs)


def opening_connective(text: str) -> int:
    """Length of an opening connective such as "But " or "However, " (0 when there is none)."""
    match = _CONNECTIVE.match(text)
    return match.end() if match else 0


def stands_alone(text: str) -> bool:
    """Whether a sentence can be read without the one before it.

    Sentences opening with a pronoun or demonstrative ("He said", "This is"), a lower-case word or a closing
    quote (a fragment of a split quotation) cannot, nor captions and headings (no final full stop), sentences
    cut short at an abbreviation, list items, nor those whose speaker is only a pronoun (", he said") or that
    speak in the first or second person outside quotation marks (a quote that lost its marks or its speaker).
    """
    body = text[opening(text) :]
    if not body or text[0].islower():
        return False
    body = body[0].upper() + body[1:]
    if body[0] in ",;:)]”’" or _LIST_ITEM.match(body) or not _ended(body):
        return False
    # A match is at most four characters, at the end (or before a final line break): the last eight characters,
    # one before the match for its word boundary, give the same answer as the whole text, far cheaper.
    if _CUT_SHORT.search(body.rstrip("\"'”’").rstrip(".")[-_CUT_SHORT_TAIL:]):
        return False
    if _DANGLING_OPENING.match(body) or (_may_name_speaker(body) and _PRONOUN_SPEAKER.search(body)):
        return False
    return not _speaks_personally(_QUOTED.sub(" ", body))


def _speaks_personally(text: str) -> bool:
    """Whether ``text`` holds a first- or second-person word (``_PERSONAL``)."""
    for match in _PERSONAL.finditer(text):
        start = match.start()
        # The longest word before "mine" is "were ": six characters hold it and the one before it.
        if match.group() not in ("mine", "Mine") or start == 0:
            return True
        if _BEFORE_PRONOUN_MINE.search(text[max(0, start - 6) : start]):
            return True
    return False


def _may_name_speaker(text: str) -> bool:
    """Whether ``text`` holds a verb of ``_PRONOUN_SPEAKER`` (one substring test each: far cheaper than a pattern
    of them all)."""
    return any(map(text.__contains__, _SPEAKING_VERBS))


def _ended(text: str) -> bool:
    """Whether ``text`` ends with a full stop, question or exclamation mark and then only closing quotes and
    brackets, as a pattern's end (``$``) reads it: at the end, or before a final line break."""
    for tail in (text, text[:-1]) if text.endswith("\n") else (text,):
        if tail.rstrip(_CLOSERS)[-1:] in _FINAL_MARKS:
            return True
    return False


_CLOSERS = "\"'”’)]"
_FINAL_MARKS = (".", "!", "?")


def claim(text: str) -> str:
    """What a sentence reports, without the dateline and without who reported it.

    "Nobody was hurt, the fire service said." claims "Nobody was hurt"; "Jo Bell, the harbour master, said the
    channel was closed." claims "the channel was closed". Citations check the claim, so that an article
    that only names the same speaker does not pass for one that says the same thing.
    """
    body = text[dateline(text) :]
    for pattern in (_QUOTE_ATTRIBUTION, _TRAILING_ATTRIBUTION):
        match = pattern.search(body)
        if match and _is_attribution(match.group()[1:].lstrip("\"'”’")):
            return body[: match.start() + 1]
    match = _LEADING_SPEECH.match(body)
    if (
        match
        and not has_main_verb(match.group("speaker"))
        and not re.search(r"\b(?:who|which|that)$", match.group("speaker"))
    ):
        return body[match.end() :]
    return body


# Each pattern of a removable span, with a cheap test that is false only when the text lacks what every match holds
# (an attribution holds a speech verb of ``_SPEECH`` as written).
_DROPPABLE = (
    (_PARENTHETICAL, lambda text: "(" in text or "[" in text),
    (_TRAILING_ATTRIBUTION, lambda text: "," in text and any(map(text.__contains__, _SPEECH_WORD_LIST))),
    (_WEEKDAY_STAMP, lambda text: "day" in text),
    (_APPOSITIVE, lambda text: _APPOSITIVE_START.search(text) is not None),
)


def removable_spans(text: str, start: int | None = None) -> list[tuple[int, int]]:
    """Spans of ``text`` that a compressed version may drop, not overlapping, in order. ``start``: ``opening(text)``
    when already known."""
    start = opening(text) if start is None else start
    spans = [(0, start)] if start else []
    for pattern, may_match in _DROPPABLE:
        if not may_match(text):
            continue  # the text lacks what every match holds (most sentences: no bracket, no weekday)
        for match in pattern.finditer(text):
            span = match.span("drop") if "drop" in pattern.groupindex else match.span()
            if pattern is _TRAILING_ATTRIBUTION and (
                _names_someone(match.group()) or not _is_attribution(match.group())
            ):
                continue
            if pattern is _APPOSITIVE and _RELATIVE_AFTER.match(text, span[1]):
                # "Aske Road, the club's home, which holds ..." keeps the comma before its relative clause.
                span = (span[0], span[1] - 1)
            if span[1] > span[0]:
                spans.append(span)
    return _merge(spans)


def shorten(text: str, drop: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Text of ``text`` without the ``drop`` spans, with its first letter capitalised, and the kept spans."""
    kept: list[tuple[int, int]] = []
    cursor = 0
    for start, end in _merge(drop):
        if start > cursor:
            kept.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < len(text):
        kept.append((cursor, len(text)))
    return _written(" ".join(" ".join(text[a:b].split()) for a, b in kept if b > a)), kept


def without_opening(text: str, start: int) -> str:
    """``shorten(text, [(0, start)])[0]``: the text as a summary writes it once its first ``start`` characters
    (``opening(text)``) are dropped, without the spans' bookkeeping."""
    return _written(" ".join(text[start:].split()))


def _written(result: str) -> str:
    """The kept words, joined by single spaces, as a summary writes them."""
    # The only whitespace left is single spaces (and two where a kept span was blank). Spaces before a mark go, a
    # run of them too (as ``\s+([,.;:!?])`` replaced by the mark would take them).
    for spaced, mark in _SPACED_MARKS:
        while spaced in result:
            result = result.replace(spaced, mark)
    if _DOUBLE_SPACE in result:
        result = _SPACES.sub(" ", result)
    result = result.strip()
    if result and result[0].islower():
        result = result[0].upper() + result[1:]
    return result


def _names_someone(clause: str) -> bool:
    return any(word[0].isupper() for word in _WEEKDAY_WORD.sub(" ", clause).split()[1:])


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
