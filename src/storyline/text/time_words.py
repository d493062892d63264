"""Relative time words ("Monday", "yesterday", "this morning", "this weekend", "last week") and the dates they mean.

A summary sentence keeps its source's words; beside each relative time word the reader is shown the date it means,
computed from the date of the source that wrote it. A weekday means the most recent such day up to the source's
date, or the next one when the sentence speaks of what is to come ("will meet on Friday", "talks end Monday").

>>> from datetime import date
>>> [(text[a:b], d) for text in ["Talks advanced, an official said Monday."]
...  for a, b, d, _ in date_time_words(text, date(2018, 1, 31))]
[('Monday', '2018-01-29')]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta

from storyline.model import Article, DatedWords, SummarySentence
from storyline.text.verbs import IRREGULAR_PAST, MONTH, PRESENT_ALIKE, is_verb

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
TIME_WORDS = re.compile(
    r"\b(?:(?P<mod>last|next|this|coming)\s+)?"
    r"(?P<word>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|weekend|week|month|year)\b"
    r"|\b(?P<day>yesterday|today|tonight|tomorrow)\b"
    r"|\b(?P<part>this\s+(?:morning|afternoon|evening)|last\s+night)\b",
    re.IGNORECASE,
)
# A date written right after the time word ("this morning (July 21)", "Tuesday 16 August", "last night [10 October
# 2011]"): the text already says which day, and a report that repeats an older statement keeps its words.
_DATE_WRITTEN_AFTER = re.compile(
    r"\s*[(\[]?\s*,?\s*(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?!\w)|{MONTH}\s+\d{{1,2}}(?!\d))"
)
# Words that say a sentence speaks of what is still to come.
_FUTURE = re.compile(
    r"\b(?:will|shall|'ll|is\s+due|are\s+due|scheduled|set\s+to|expected\s+to|plans?\s+to|"
    r"planned|upcoming|begins?|ends?|starts?|opens?|closes?|resumes?)\b",
    re.IGNORECASE,
)


# Past tenses that tell a clause is over: past auxiliaries, "-ed" words and irregular pasts (the cheap verb test
# says which are verbs). Not the irregular pasts a present tense shares ("will cut rates", "they read").
_PAST = re.compile(r"\b(?:[a-z]+ed|" + "|".join(sorted(IRREGULAR_PAST - PRESENT_ALIKE)) + r"|was|were|had|did)\b")
# A participle after "be" is no past tense: "will be announced Friday" speaks of what is to come.
_PASSIVE = re.compile(r"\b(?:be|been|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
# "was to discuss on Wednesday": a plan told in the past, still to come.
_TO = re.compile(r"\s+to\b")
_WORD_BEFORE = re.compile(r"([\w'’-]+)\W*$")


def speaks_ahead(text: str, at: int) -> bool:
    """Whether ``text`` before ``at`` speaks of what is still to come: the last tense word there is a future cue
    ("will", "is due", "talks end") and no past tense follows it ("from the end of the month after the bank
    raised its rate on Thursday" tells of a Thursday past)."""
    before = text[:at]
    cue_ends = [cue.end() for cue in _FUTURE.finditer(before)]
    if not cue_ends:
        return False
    for past in _PAST.finditer(before, cue_ends[-1]):
        if _PASSIVE.search(before, 0, past.start()) or (
            past.group() in ("was", "were") and _TO.match(before, past.end())
        ):
            continue
        previous = _WORD_BEFORE.search(before, 0, past.start())
        if is_verb(past.group(), previous.group(1).lower() if previous else "", present=False):
            return False
    return True


def date_time_words(text: str, when: date) -> list[tuple[int, int, str, str | None]]:
    """``(start, end, first_day, last_day)`` of each relative time word in ``text`` that ``when`` (the source's
    publication day) dates; ``last_day`` is None for a single day. Bare "week", "month" and "year" (without
    "last", "next" or "this") are not relative time words, and a word followed by the date it means is left as
    written."""
    out = []
    for match in TIME_WORDS.finditer(text):
        if _DATE_WRITTEN_AFTER.match(text, match.end()):
            continue
        resolved = _resolve(match, text, when)
        if resolved:
            out.append((match.start(), match.end(), *resolved))
    return out


def _resolve(match: re.Match, text: str, when: date) -> tuple[str, str | None] | None:
    if match.group("part"):  # a part of the source's own day, or the night before it
        shift = -1 if match.group("part").lower().startswith("last") else 0
        return (when + timedelta(days=shift)).isoformat(), None
    if match.group("day"):
        shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[match.group("day").lower()]
        return (when + timedelta(days=shift)).isoformat(), None
    word, modifier = match.group("word").lower(), (match.group("mod") or "").lower()
    if word in _WEEKDAYS:
        if not match.group("word")[0].isupper():
            return None
        target = _WEEKDAYS.index(word)
        ahead = modifier in ("next", "coming") or (modifier != "last" and speaks_ahead(text, match.start()))
        if ahead:
            days = (target - when.weekday()) % 7 or (7 if modifier == "next" else 0)
        else:
            days = -((when.weekday() - target) % 7 or (7 if modifier == "last" else 0))
        return (when + timedelta(days=days)).isoformat(), None
    if not modifier:
        return None
    step = {"last": -1, "this": 0, "next": 1, "coming": 1}[modifier]
    if word == "week":
        monday = when - timedelta(days=when.weekday()) + timedelta(weeks=step)
        return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
    if word == "weekend":
        saturday = when + timedelta(days=(5 - when.weekday()) % 7)
        if when.weekday() == 6 and step == 0:
            saturday = when - timedelta(days=1)  # "this weekend" said on a Sunday
        saturday += timedelta(weeks=step)
        return saturday.isoformat(), (saturday + timedelta(days=1)).isoformat()
    if word == "month":
        index = when.year * 12 + when.month - 1 + step
        first = date(index // 12, index % 12 + 1, 1)
        following = date((index + 1) // 12, (index + 1) % 12 + 1, 1)
        return first.isoformat(), (following - timedelta(days=1)).isoformat()
    year = when.year + step
    return date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat()


def describe(first: str, last: str | None) -> str:
    """A date or span as a reader writes it: "29 January 2018", "22-28 January 2018", "December 2017", "2017"."""
    start = date.fromisoformat(first)
    if not last:
        return f"{start.day} {_MONTH_NAMES[start.month - 1]} {start.year}"
    end = date.fromisoformat(last)
    if start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31:
        return str(start.year)
    if start.day == 1 and (end + timedelta(days=1)).day == 1 and start.month == end.month:
        return f"{_MONTH_NAMES[start.month - 1]} {start.year}"
    if start.month == end.month:
        return f"{start.day}-{end.day} {_MONTH_NAMES[start.month - 1]} {start.year}"
    if start.year == end.year:
        return f"{start.day} {_MONTH_NAMES[start.month - 1]} - {end.day} {_MONTH_NAMES[end.month - 1]} {end.year}"
    return f"{describe(first, None)} - {describe(last, None)}"


def with_dates(sentence: SummarySentence, articles: Mapping[str, Article]) -> SummarySentence:
    """``sentence`` with the dates of its relative time words, computed from the date of a cited source that
    writes the same words: the source the sentence was taken from first, then the others. Words no dated source
    holds stay without a date."""
    found = []
    for start, end, _, _ in date_time_words(sentence.text, date(2000, 1, 5)):
        words = sentence.text[start:end].lower()
        for citation in sentence.citations:
            article = articles.get(citation.article_id)
            when = _real_day(article)
            if when is None or words not in article.text[citation.start : citation.end].lower():
                continue
            resolved = [r for r in date_time_words(sentence.text, when) if r[0] == start]
            if resolved:
                found.append(DatedWords(start, end, resolved[0][2], resolved[0][3], article.id))
                break
    sentence.dates = found
    return sentence


def _real_day(article: Article | None) -> date | None:
    if article is None or not article.published or article.date_source == "ingest-time":
        return None
    try:
        return date.fromisoformat(article.published[:10])
    except ValueError:
        return None


def annotate(text: str, dates: list[DatedWords]) -> str:
    """``text`` with each dated word followed by its date in brackets: "on Monday [29 January 2018]"."""
    out, cursor = [], 0
    for item in sorted(dates, key=lambda d: d.start):
        out += [text[cursor : item.end], f" [{describe(item.date, item.until)}]"]
        cursor = item.end
    return "".join(out) + text[cursor:]
