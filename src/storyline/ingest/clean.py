"""Remove scraping leftovers from article text and normalise it, keeping paragraph offsets."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from storyline.ingest.dates import date_from_dateline, date_from_lead
from storyline.text.boilerplate import FURNITURE_LINE, FURNITURE_OPENINGS

_QUOTES = (
    ("“", '"'),
    ("”", '"'),
    ("„", '"'),
    ("‟", '"'),
    ("«", '"'),
    ("»", '"'),
    ("‘", "'"),
    ("’", "'"),
    ("‚", "'"),
    ("‛", "'"),
    ("′", "'"),
    ("″", '"'),
)
_ODD_SPACES = "\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000"
_SPACES = re.compile(f"[ {_ODD_SPACES}]{{2,}}|[{_ODD_SPACES}]")
_INVISIBLE_MARKS = "\u00ad\u200c\u200d\u200e\u200f\u2060\ufeff"
_INVISIBLE = re.compile(f"[{_INVISIBLE_MARKS}]")

# A credit at the end of a caption line: "©AFP", "Photo: J. Doe/Outlet", "(Getty Images)", "AFP PHOTO / X".
_CREDIT = re.compile(
    r"(?:(?:©|\(c\)|copyright)\s*\w[\w .&/-]{0,40}"
    r"|(?:photo|picture|image|credit|photograph)s?\s*(?:credit)?\s*:\s*[\w .,'&/-]{2,60}"
    r"|\b(?:getty images|reuters|afp photo|ap photo|shutterstock)\b[^.]{0,40})\s*\)?\s*$",
    re.IGNORECASE,
)
# Words without which a (lower-cased) line holds no credit: a cheap test, so the costly pattern runs on few lines.
# A credit ends its line and its words start within this many characters of the end.
_CREDIT_REACH = 90
_CREDIT_HINT = re.compile(r"©|\(c\)|copyright|photo|picture|image|credit|getty|reuters|afp|shutterstock")
_BYLINE = re.compile(
    r"^(?:BY|By|by)\s+(?P<name>[A-Z][\w'.-]+(?:\s+(?:and\s+)?[A-Z][\w'.-]+){0,5})"
    r"(?:\s*[,|/-]\s*(?P<affiliation>.{2,40}))?$"
)
_LONGEST_LEFTOVER = 250
_SENTENCE_ENDS = (".", "!", "?", ":", ";", "…", '"', "'", ")", "]")
_DATELINE_WORDS = ("published", "posted", "updated", "last updated", "first published")


@dataclass(slots=True)
class CleanText:
    text: str
    paragraphs: list[tuple[int, int]]
    removed: list[str] = field(default_factory=list)
    dateline_date: str | None = None  # from a "Published on ..." line
    byline_author: str | None = None
    byline_outlet: str | None = None  # "By Jane Doe, Harbor Gazette"
    lead_date: str | None = None  # from a lead dateline such as "OSTWICK, March 7 —"


def normalise(text: str) -> str:
    """Unicode NFC, straight quotes, one space between words, no invisible characters."""
    if text.isascii() and "\t" not in text and "\r" not in text and "  " not in text:
        return "\n".join(line.strip() for line in text.split("\n"))  # nothing below would change it
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    for fancy, plain in _QUOTES:  # str.replace per quote beats str.translate (a dict lookup per character)
        if fancy in text:
            text = text.replace(fancy, plain)
    if any(mark in text for mark in _INVISIBLE_MARKS):
        text = _INVISIBLE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "  " in text or any(space in text for space in _ODD_SPACES):  # the regex is slow; most text needs none
        text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def clean_text(raw: str, *, today: date | None = None) -> CleanText:
    """Clean article text: one paragraph per block, leftovers (captions, credits, share lines...) removed.

    Paragraphs are separated by a blank line in the result. Lines of one block are joined when a line breaks a
    sentence (no final punctuation and the next line starts in lower case); otherwise every line stays its own
    paragraph, which keeps one-sentence-per-line corpora intact.
    """
    text = normalise(raw)
    lines = text.split("\n")
    kept: list[str | None] = [line or None for line in lines]  # None marks a blank line (block boundary)
    removed: list[str] = []
    dateline_date = None
    byline_author = byline_outlet = None
    for index in _candidate_lines(text.lower()):  # every other line is kept as it is
        line = lines[index]
        if len(line) > _LONGEST_LEFTOVER:  # body text: no leftover pattern is this long
            continue
        lower = line.lower()
        if lower.startswith(_DATELINE_WORDS) and (when := date_from_dateline(line)):
            dateline_date = dateline_date or when
            removed.append(line)
            kept[index] = _REMOVED
            continue
        byline = _BYLINE.match(line) if line[:3] in ("By ", "BY ", "by ") else None
        if byline and len(line.split()) <= 8:
            byline_author = byline_author or byline.group("name")
            byline_outlet = byline_outlet or byline.group("affiliation")
            removed.append(line)
            kept[index] = _REMOVED
            continue
        may_hold_credit = _CREDIT_HINT.search(lower, len(lower) - _CREDIT_REACH) is not None
        credit_only = may_hold_credit and _is_credit_only(line)
        if credit_only or (len(line) <= 200 and (FURNITURE_LINE.match(line) or "rights reserved" in lower)):
            removed.append(line)
            kept[index] = _REMOVED
            # A credit line follows the caption it belongs to: drop the caption too.
            previous = _last_text_index(kept, index)
            if credit_only and previous is not None and not kept[previous].endswith(_SENTENCE_ENDS):
                removed.append(kept[previous])
                kept[previous] = None
            continue
        if may_hold_credit and _is_caption_with_credit(line):
            removed.append(line)
            kept[index] = _REMOVED
    if removed:
        kept = [line for line in kept if line is not _REMOVED]
    paragraphs = _join_broken_lines(kept)
    text, spans = _assemble(paragraphs)
    lead_date = next(filter(None, (date_from_lead(p, today) for p in paragraphs[:3])), None)
    return CleanText(text, spans, removed, dateline_date, byline_author, byline_outlet, lead_date)


def _is_credit_only(line: str) -> bool:
    """A line that is only a credit, e.g. ". ©AFP" or "Photo: Jane Doe/Harbor Gazette"."""
    stripped = line.lstrip(" .,-–|")
    if len(stripped) > 120:
        return False
    match = _CREDIT.search(stripped)
    return bool(match) and match.start() == 0


def _is_caption_with_credit(line: str) -> bool:
    """A short caption line ending with a photo credit."""
    match = _CREDIT.search(line)
    return bool(match) and match.start() > 0 and not line.rstrip().endswith('"')


def _last_text_index(kept: list, before: int) -> int | None:
    """The last line before ``before`` that is text, neither blank nor removed."""
    for index in range(before - 1, -1, -1):
        if kept[index] is not None and kept[index] is not _REMOVED:
            return index
    return None


_REMOVED = object()  # in place of a line removed from ``kept``: unlike a blank line, no block boundary
# What a line that a rule above removes holds, lower-cased: it opens with a dateline, byline or furniture word, or
# holds a credit or copyright mark. The furniture pattern ignores case as ``re`` does, where "ſ" is an "s" and "ı" an
# "i" (and "İ" lower-cased is an "i" and a dot): lines holding those are looked at too.
_OPENING = re.compile("\n(?:" + "|".join(map(re.escape, (*_DATELINE_WORDS, "by ", *FURNITURE_OPENINGS))) + ")")
_MARKS = ("©", "(c)", "copyright", "photo", "picture", "image", "credit", "getty", "reuters", "afp", "shutterstock")
_ANY_CASE = ("ſ", "ı", "\u0307")


def _candidate_lines(lower: str) -> list[int]:
    """Indices of the lines of ``lower`` (a lower-cased text) that a leftover rule could remove: more than it
    removes, fewer than all. One scan for the opening words and one ``find`` per mark, instead of every rule on
    every line."""
    positions = [match.start() for match in _OPENING.finditer("\n" + lower)]  # each line's start
    for mark in (*_MARKS, "rights reserved", *_ANY_CASE):
        at = lower.find(mark)
        while at >= 0:
            positions.append(at)
            end = lower.find("\n", at)  # the rest of this line needs no look
            at = lower.find(mark, end + 1) if end >= 0 else -1
    indices: list[int] = []
    line = scanned = 0
    for at in sorted(positions):
        line += lower.count("\n", scanned, at)
        scanned = at
        if not indices or indices[-1] != line:
            indices.append(line)
    return indices


def _join_broken_lines(kept: list[str | None]) -> list[str]:
    paragraphs: list[str] = []
    previous_open = False  # the previous line breaks off mid-sentence within the same block
    for line in kept:
        if line is None:
            previous_open = False
            continue
        if previous_open and line[:1].islower():
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        previous_open = not paragraphs[-1].endswith(_SENTENCE_ENDS)
    return paragraphs


def _assemble(paragraphs: list[str]) -> tuple[str, list[tuple[int, int]]]:
    spans = []
    offset = 0
    for paragraph in paragraphs:
        spans.append((offset, offset + len(paragraph)))
        offset += len(paragraph) + 2
    return "\n\n".join(paragraphs), spans
