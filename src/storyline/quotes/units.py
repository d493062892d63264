"""The units an article is read in: its sentences, grouped so that no quotation runs across two, each with its
quotation spans."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from storyline.quotes.marks import QuoteSpan, paragraphs_of, quote_spans
from storyline.text.sentences import split_sentences


@dataclass(slots=True)
class Unit:
    start: int
    end: int
    paragraph: int
    sentence_index: int
    quotes: list[QuoteSpan]
    parse: bool = True  # False: only full quotations, found without the parser


def units(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[Unit]:
    """Sentences grouped so that no quotation runs across two units, each with its quotation spans."""
    result = []
    sentences = split_sentences(text)  # kept for the next call: the numbering below and other analyses split it too
    starts = [start for start, _ in sentences]
    for p_index, (p_start, p_end) in enumerate(paragraphs_of(text, paragraphs)):
        spans = quote_spans(text, p_start, p_end)
        first = len(result)
        current: Unit | None = None
        for s_start, s_end in _paragraph_sentences(text, p_start, p_end, sentences, starts):
            if current and any(q.start < current.end < q.end or q.start < s_start < q.end for q in spans):
                current.end = s_end
                continue
            current = Unit(s_start, s_end, p_index, 0, [])
            result.append(current)
        for unit in result[first:]:
            unit.quotes = [q for q in spans if unit.start <= q.start and q.end <= unit.end]
    _number_sentences(starts, result)
    return result


def _paragraph_sentences(
    text: str, start: int, end: int, sentences: list[tuple[int, int]], starts: list[int]
) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]``: those of the whole text inside it when it is a whole line (the splitter
    reads each line alone, so they are the same), else split anew."""
    whole_line = (
        0 <= start < end <= len(text)
        and (start == 0 or text[start - 1] == "\n")
        and (end == len(text) or text[end] == "\n")
        and text.find("\n", start, end) < 0
    )
    if not whole_line:
        return split_sentences(text, start, end)
    return sentences[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]


def _number_sentences(starts: list[int], found_units: list[Unit]) -> None:
    index = 0
    for unit in found_units:
        while index + 1 < len(starts) and starts[index + 1] <= unit.start:
            index += 1
        unit.sentence_index = index
