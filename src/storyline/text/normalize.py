"""Text as compared for copying: page-furniture lines dropped, house-style variants folded.

Copy detection (``storyline.dedup``) and version diffs (``storyline.diff``) compare words this way, so that
"U.S." = "US", "per cent" = "percent", "1,000" = "1000", "week-long" = "weeklong", and case and quotes do not count.
"""

from __future__ import annotations

import re

from storyline.text.boilerplate import BOILERPLATE_LEAD, BOILERPLATE_MARKS, BOILERPLATE_PREFIXES, is_boilerplate_line

# Tokens are runs of letters, digits and the marks . , - (bytes; any non-ASCII byte counts as a letter), so that
# house-style variants can be folded once per distinct token. Unicode quotes and dashes separate words.
# After folding, a word is a run of ASCII letters and digits (any non-ASCII byte counts as a letter); every other
# byte separates words, except hyphens, which are deleted (week-long = weeklong).
_WORD_BYTES = bytes(c if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789" or c >= 0x80 else 0x20 for c in range(256))
_UNICODE_SEPARATORS = re.compile("[\u00a0\u00ab\u00b7\u00bb\u2012-\u2015\u2018-\u201f\u2022\u2026\u2032\u2033]")
_UNICODE_HYPHENS = re.compile("[\u2010\u2011\u2212]")
_ACRONYM_DOT = re.compile(rb"\.(?<=\b[a-z]\.)(?=[a-z]\b)")  # the inner dots of u.s. / e.g.
_DIGIT_COMMA = re.compile(rb",(?<=\d,)(?=\d{3}\b)")  # 1,000


def folded(text: str) -> bytes:
    """``text`` as lower-case, space-separated words: boilerplate dropped, house-style variants folded."""
    lowered = text.lower()
    lines = lowered.split("\n")
    if _may_hold_boilerplate(lowered, lines):
        lowered = "\n".join(line for line in lines if not is_boilerplate_line(line))
    return _fold(lowered, _WORD_BYTES)


_LINE_WORD_BYTES = _WORD_BYTES[:10] + b"\n" + _WORD_BYTES[11:]  # the same, a line break kept


def folded_lines(lines: list[str]) -> list[str]:
    """``[folded(line).decode() for line in lines]`` for texts without line breaks (sentences), folded together:
    each pattern makes one pass over all of them."""
    joined = "\n".join(lines)
    if joined.count("\n") != len(lines) - 1:
        return [folded(line).decode(errors="replace") for line in lines]
    lowered = joined.lower()
    lines = lowered.split("\n")
    if _may_hold_boilerplate(lowered, lines):
        # Each line as ``folded`` reads a text of one line: dropped when it is boilerplate and may be.
        lowered = "\n".join(
            "" if _may_hold_boilerplate(line, (line,)) and is_boilerplate_line(line) else line for line in lines
        )
    return _fold(lowered, _LINE_WORD_BYTES).decode(errors="replace").split("\n")


def _may_hold_boilerplate(lowered: str, lines) -> bool:
    """Whether any of ``lines`` (of the lower-cased text ``lowered``) may be boilerplate: cheap, before the rules."""
    return any(mark in lowered for mark in BOILERPLATE_MARKS) or any(
        line.lstrip(BOILERPLATE_LEAD).startswith(BOILERPLATE_PREFIXES) for line in lines
    )


def _fold(lowered: str, word_bytes: bytes) -> bytes:
    """The house-style variants of lower-cased ``lowered`` folded, every byte that is no part of a word mapped
    through ``word_bytes`` and hyphens deleted."""
    lowered = lowered.replace("per cent", "percent")
    if not lowered.isascii():
        lowered = _UNICODE_HYPHENS.sub("-", _UNICODE_SEPARATORS.sub(" ", lowered))
    data = _DIGIT_COMMA.sub(b"", _ACRONYM_DOT.sub(b"", lowered.encode()))
    return data.translate(word_bytes, b"-")


def normalized_words(text: str) -> list[str]:
    """The words of ``text`` as compared for copying: boilerplate lines dropped, house-style variants folded.

    >>> normalized_words("The U.S. economy grew 2 per cent, a week-long high.\\nAdvertisement")
    ['the', 'us', 'economy', 'grew', '2', 'percent', 'a', 'weeklong', 'high']
    """
    return [word.decode(errors="replace") for word in folded(text).split()]
