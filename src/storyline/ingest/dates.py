"""Publication dates: parse what sources give, and find dates in datelines and identifiers."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from dateutil import parser as date_parser

# Where a date came from, most reliable first. Readers record one of these in ``Article.date_source``.
DATE_SOURCES = ("field", "feed", "html", "dateline", "text", "id", "filename", "crawl", "ingest-time")

_DATELINE = re.compile(
    r"^\s*(?:published|posted|updated|last updated|first published)\s*(?:on|at)?\s*:?\s*(?P<when>.{6,60}?)\s*$",
    re.IGNORECASE,
)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?:$|[T ])")
# Wire-service document ids such as APW19981016.0240 or NYT19981026.0292, and dates inside file names.
_ID_DATE = re.compile(
    r"(?<![0-9])(?:[A-Z]{2,5}_?)?((?:19|20)\d{2})[-_]?(0[1-9]|1[0-2])[-_]?(0[1-9]|[12]\d|3[01])(?![0-9])"
)


def parse_date(value: object) -> str | None:
    """Normalise a date given by a source to an ISO 8601 day (``YYYY-MM-DD``); None when it is not a date.

    >>> parse_date("Wed, 31 Jan 2018 05:00:00 GMT")
    '2018-01-31'
    >>> parse_date("12:00 AM, January 31, 2018")
    '2018-01-31'
    >>> parse_date("2018-01-31")
    '2018-01-31'
    >>> parse_date("next week") is None
    True
    """
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.strftime("%Y-%m-%d")
    text = str(value).strip()
    if not text or not any(ch.isdigit() for ch in text):
        return None
    if _ISO_DAY.match(text):
        return text[:10] if _valid(text[:10]) else None
    return _parsed_day(text, fuzzy=False, ignoretz=False)


@lru_cache(maxsize=4096)  # a stream writes its days in a few formats, and many articles share a day
def _parsed_day(text: str, *, fuzzy: bool, ignoretz: bool) -> str | None:
    """The ISO day dateutil reads in ``text``; None when it reads none, or a year it left at its default."""
    try:
        parsed = date_parser.parse(text, fuzzy=fuzzy, ignoretz=ignoretz, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError):
        return None
    if parsed.year == 1900 or not 1800 < parsed.year < 2200:
        return None
    return parsed.date().isoformat()


def date_from_dateline(line: str) -> str | None:
    """The date of a "Published on 12:00 AM, January 31, 2018" style line, if the line is one."""
    match = _DATELINE.match(line)
    return parse_date(match.group("when")) if match else None


def is_dateline(line: str) -> bool:
    return date_from_dateline(line) is not None


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ),
        1,
    )
    for name in names.split()
}
# "OSTWICK, March 7 —", "LONDON, Jan. 31, 2018 (Wire) -": place in capitals, a day, maybe a year, then a dash.
_LEAD_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .'-]{1,40}(?:, [A-Z][\w .]{1,30})?,\s+(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})"
    r"(?:,\s*(?P<year>\d{4}))?\s*(?:\([^)]{1,30}\)\s*)?[-–—]"
)


def date_from_lead(paragraph: str, today: date | None = None) -> str | None:
    """The date of a lead dateline; without a year, the most recent such day up to ``today`` (by default the day
    it is read, asked for only then).

    >>> date_from_lead("OSTWICK, March 7 — A fire broke out.", date(2026, 11, 22))
    '2026-03-07'
    >>> date_from_lead("OSTWICK, Dec. 30 — A fire broke out.", date(2026, 11, 22))
    '2025-12-30'
    """
    if "," not in paragraph[:42]:
        return None  # the place (at most 41 characters) ends with a comma
    match = _LEAD_DATELINE.match(paragraph)
    month = _MONTHS.get(match.group("month").lower()) if match else None
    if not month:
        return None
    day = int(match.group("day"))
    today = today or date.today()
    years = [int(match.group("year"))] if match.group("year") else [today.year, today.year - 1]
    for year in years:
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if match.group("year") or found <= today:
            return found.isoformat()
    return None


# Words a line that only gives a date may hold besides the date itself: "PUBLISHED : THURSDAY , MAY 2 , 2013 , 1 :
# 32 PM", "May 3rd , 2013 2 : 00pm EDT", "UPDATED 05 / 03 / 2013 at 11 : 00 AM EDT", "Thursday, March 14, 2013".
_DATE_LINE_WORDS = frozenset(
    """
    published posted updated last first originally modified created date on at by am pm a.m p.m a p noon midnight
    found filed dated issued release released hrs
    gmt utc bst cet cest est edt cst cdt mst mdt pst pdt et pt ist jst aest aedt hkt sgt
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
    of the
    """.split()
) | frozenset(_MONTHS)
_CREDIT_BEFORE = re.compile(
    r"^(?:[A-Z]{2,8}|[A-Z][a-z]{2,12})\s+(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)"
)
_PLACE_AFTER = re.compile(r"(?<=[\dMT])\s+[A-Z]{3,}(?:\s+[A-Z]{3,})?\s*:\s*$")
_DATE_LINE_TOKEN = re.compile(r"[A-Za-z.]+|\d+(?:st|nd|rd|th)?|[^\sA-Za-z\d]")
_DATE_LINE_SYMBOLS = frozenset(",:/|-–—.()[]@+•")
MAX_DATE_LINE = 80  # characters; a longer line is prose, not a date line
_YEAR = re.compile(r"(?:19|20)\d\d")
_DAY_TOKEN = re.compile(r"\d{1,2}(?:st|nd|rd|th)?")
_NUMERIC_DATE = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:19|20)\d\d")


def has_year(text: str) -> bool:
    """Whether ``text`` holds a year from 1900 to 2099: no line without one is a date line."""
    return _YEAR.search(text) is not None


def date_from_line(line: str) -> str | None:
    """The date of a line that gives nothing but a date (and perhaps a time, a weekday and "Published").

    Such lines sit near the top or the bottom of scraped articles; a sentence that mentions a date is not one.

    >>> date_from_line("Thursday , March 14 , 2013")
    '2013-03-14'
    >>> date_from_line("PUBLISHED : THURSDAY , MAY 2 , 2013 , 1 : 32 PM")
    '2013-05-02'
    >>> date_from_line("The vote was held on March 14, 2013.") is None
    True
    """
    line = line.strip()
    if not line or len(line) > MAX_DATE_LINE or not has_year(line):
        return None
    # A wire's or paper's credit before the date and a dateline's place after it: "TNN Nov 12 , 2011 , 05 . 51AM
    # IST MUMBAI :", "Reuters Sep 18 , 2013 , 02 . 16PM IST".
    line = _CREDIT_BEFORE.sub("", line)
    line = _PLACE_AFTER.sub("", line)
    line = _MISSPELT_MONTH.sub(_month_spelt_right, line)
    tokens = _DATE_LINE_TOKEN.findall(line)
    has_month = any(token.lower().rstrip(".") in _MONTHS for token in tokens)
    has_day = any(_DAY_TOKEN.fullmatch(token) for token in tokens)
    if not ((has_month and has_day) or _NUMERIC_DATE.search(line)):
        return None  # a year or a month alone does not date an article to the day
    for token in tokens:
        lower = token.lower().rstrip(".")
        if token[0].isdigit() or token in _DATE_LINE_SYMBOLS or lower in _DATE_LINE_WORDS:
            continue
        return None
    # Undo word tokenisation ("May 2 , 2013 , 1 : 32 PM", "05 / 03 / 2013") before parsing.
    line = re.sub(r"\([^()]*\)|\[[^\[\]]*\]|[@•|]", " ", line)  # time zones in brackets, "@ 09:29 pm"
    line = re.sub(r"\b(\d{1,2})\s*\.\s*(\d{2})(?!\d)(?=\s*(?:[ap]\.?m|[A-Z]{2,4}\b|$))", r"\1:\2", line)  # "22 . 34"
    line = re.sub(r"(?<=\d)\s*([ap])\b\.?", r" \1m", line)  # "5:55p"
    joined = re.sub(r"\s*([,:/])\s*", r"\1 ", line).replace("/ ", "/").replace(": ", ":")
    joined = re.sub(
        r"(?i)^(?:originally\s+|last\s+|first\s+)?(?:published|posted|updated|modified|created|date)"
        r"\s*(?:on|at)?\s*:?\s*",
        "",
        joined,
    )
    joined = re.sub(r"(?i)\b(?:at|on|by)\b|\|", " ", joined)
    joined = re.sub(r"\b(\d+)(?:st|nd|rd|th)\b", r"\1", joined)
    return _parsed_day(joined, fuzzy=True, ignoretz=True)


# A word that may be a month name typed with one slip, followed by a day and a four-digit year: "Novemer 27 , 2005".
_MISSPELT_MONTH = re.compile(r"\b(?P<word>[A-Za-z]{4,10})(?=\.?\s+\d{1,2}(?:st|nd|rd|th)?\s*,?\s*(?:19|20)\d\d(?!\d))")
_LONG_MONTHS = tuple(name for name in _MONTHS if len(name) >= 5)


def _month_spelt_right(match: re.Match) -> str:
    """The full month name a word is one slip away from (a letter added, dropped, changed or two swapped), when
    exactly one month is; other words are left as written. Short names ("June", "May") are too close to words."""
    word = match.group("word")
    if word.lower() in _MONTHS:
        return word
    near = {name for name in _LONG_MONTHS if _one_slip(word.lower(), name)}
    return near.pop().capitalize() if len(near) == 1 else word


def _one_slip(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one inserted, deleted or changed letter, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:k] + long[k + 1 :] == short for k in range(len(long)))


def date_from_identifier(name: str) -> str | None:
    """A date embedded in an id or file name (``APW19981016.0240``, ``2018-01-31-story.html``)."""
    match = _ID_DATE.search(name)
    if not match:
        return None
    iso = "-".join(match.groups())
    return iso if _valid(iso) else None


def _valid(iso: str) -> bool:
    try:
        date.fromisoformat(iso)
    except ValueError:
        return False
    return True
