"""Quotation-mark spans of a text, paragraph by paragraph, tolerant of unbalanced marks."""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "“«„‟"
CLOSING = "”»"
STRAIGHT = '"'
_MARK = re.compile(r"[\"“”«»„‟]")


@dataclass(slots=True)
class QuoteSpan:
    """A stretch between quotation marks: ``start``/``end`` exclude the marks; ``closed`` is False when the
    paragraph ended before a closing mark (a quote that goes on in the next paragraph, or an unbalanced mark)."""

    start: int
    end: int
    closed: bool = True


def paragraphs_of(text: str, spans: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """The paragraph offsets of ``text``: the given ones, or its non-empty lines."""
    if spans:
        return [(a, b) for a, b in spans if b > a]
    return [m.span() for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def quote_spans(text: str, start: int, end: int) -> list[QuoteSpan]:
    """Quoted stretches of one paragraph ``text[start:end]``.

    Curly marks pair by direction; straight marks alternate. An opening mark left open runs to the paragraph's
    end (a quote continued in the next paragraph); a closing mark with no opening one is ignored.
    """
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    for match in _MARK.finditer(text, start, end):
        mark, at = match.group(), match.start()
        if open_at is None:
            if mark in OPENING or (mark == STRAIGHT and _opens(text, at, end)):
                open_at = at + 1
        elif mark in CLOSING or mark == STRAIGHT:
            if at > open_at:
                spans.append(QuoteSpan(open_at, at))
            open_at = None
        elif mark in OPENING:  # a new opening mark before a close: the first quote was never closed
            if at > open_at:
                spans.append(QuoteSpan(open_at, _trim_end(text, open_at, at), closed=False))
            open_at = at + 1
    if open_at is not None and end > open_at:
        spans.append(QuoteSpan(open_at, _trim_end(text, open_at, end), closed=False))
    return [span for span in spans if text[span.start : span.end].strip()]


# ''...'': some archives write a quotation mark as two apostrophes; a third is the single mark of a quote inside.
_DOUBLED = re.compile(r"(?<!')'''?(?!')")


def curly_doubled_marks(text: str) -> str:
    """``text`` with each pair of apostrophes used as a quotation mark turned into a curly mark and a space, the
    mark next to the quoted words: the same length, so every offset holds for the original text."""
    if "''" not in text:
        return text

    def curly(match: re.Match) -> str:
        at, single = match.start(), match.group()[2:]
        before = text[at - 1] if at else " "
        return " “" + single if before.isspace() or before in "([—–-" else single + "” "

    return _DOUBLED.sub(curly, text)


def inside_quotation(text: str, at: int) -> bool:
    """Whether ``at`` lies inside a quotation opened earlier in its paragraph, with curly, straight or doubled single
    marks (''...'', which the reader leaves as they are)."""
    before = text[text.rfind("\n", 0, at) + 1 : at]
    curly = sum(before.count(m) for m in OPENING) > sum(before.count(m) for m in CLOSING)
    return curly or before.count(STRAIGHT) % 2 == 1 or before.count("''") % 2 == 1


def _opens(text: str, at: int, end: int) -> bool:
    """A straight mark opens when it is followed by a word character (not when it ends a word)."""
    return at + 1 < end and not text[at + 1].isspace()


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
