"""Clock times in a sentence ("9:40 p.m.", "10.30am", "noon"), looked for only where one can be."""

from __future__ import annotations

import re
from collections.abc import Iterator

TIME = re.compile(
    r"\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?|\b(\d{1,2}):(\d{2})\b|\b(noon|midnight)\b", re.IGNORECASE
)
# What a clock time needs (a digit before "a"/"p" or a colon), read first: ``TIME`` tries every word boundary.
_TIME_DIGITS = re.compile(r"\d(?:(?:[:.]\d\d)?\s*[ap]|:\d\d)", re.IGNORECASE)
_TIME_WORDS = re.compile(r"noon|midnight", re.IGNORECASE)


def clock_times(text: str) -> Iterator[re.Match]:
    """``TIME.finditer(text)``, without the search where no match can be."""
    return TIME.finditer(text) if may_tell_time(text) else iter(())


def may_tell_time(text: str) -> bool:
    """Whether ``TIME`` can match in ``text`` at all."""
    if _TIME_DIGITS.search(text):
        return True
    if text.isascii():
        lower = text.lower()
        return "noon" in lower or "midnight" in lower
    return _TIME_WORDS.search(text) is not None  # (case-blind matching also folds a few letters outside ASCII)
