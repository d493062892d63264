"""Days, weekdays, months, years and clock times in a sentence's tokens, as a claim compares them."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from operator import itemgetter

from storyline.compare.clock import clock_times
from storyline.compare.lexicon import ATTRIBUTION_VERBS, DATE_HEDGES, MONTHS, MULTIPLIERS, UNIT_ALIASES, WEEKDAYS
from storyline.compare.words import Token, context_stems

_START = itemgetter(0)


@dataclass(slots=True)
class DateMention:
    """A day, weekday, month, year or clock time; ``value`` is comparable within one ``kind``.

    ``hedged`` when the date is a bound or an estimate ("shortly before midnight", "by Friday"); ``reporting`` when
    it dates the telling ("police said Saturday"), which only versions of one sentence are compared on.
    """

    kind: str
    value: tuple
    span: tuple[int, int]
    context: frozenset[str]
    surface: str
    hedged: bool = False
    reporting: bool = False


def read_dates(text: str, tokens: list[Token], used: set[int], candidates: list[int]) -> list[DateMention]:
    """The dates of a sentence (see ``_dates``), each marked when hedged or when it dates the telling; the indexes of
    the tokens read as part of one are added to ``used``."""
    return [_hedged(tokens, date) for date in _dates(text, tokens, used, candidates)]


def _dates(text: str, tokens: list[Token], used: set[int], candidates: list[int]) -> list[DateMention]:
    """Clock times, then days, weekdays, months and years among ``candidates`` (the indexes of the tokens that
    are digits, weekdays or months)."""
    found = []
    for match in clock_times(text):
        if match.group(6):
            minutes = 720 if match.group(6).lower() == "noon" else 0
        elif match.group(3):
            hour = int(match.group(1)) % 12 + (12 if match.group(3).lower() == "p" else 0)
            minutes = hour * 60 + int(match.group(2) or 0)
        else:
            minutes = int(match.group(4)) * 60 + int(match.group(5))
        covered = [k for k, t in enumerate(tokens) if match.start() <= t.start < match.end()]
        used.update(covered)
        first = covered[0] if covered else 0
        found.append(DateMention("time", (minutes,), match.span(), context_stems(tokens, first, first), match.group()))
    for k in candidates:
        token = tokens[k]
        if k in used or token.text[0].islower():
            continue  # weekdays, months and years are capitalised or digits
        bare = token.lower[:-2] if token.lower.endswith("'s") else token.lower  # "Saturday's debate"
        if bare in WEEKDAYS:
            used.add(k)
            span = (token.start, token.end)
            found.append(DateMention("weekday", (WEEKDAYS[bare],), span, context_stems(tokens, k, k), token.text))
            continue
        month = MONTHS.get(bare.rstrip("."))
        if month is None or not token.text[0].isupper():
            if (
                token.text.isdigit()
                and len(token.text) == 4
                and 1900 <= int(token.text) <= 2100
                and not (
                    k + 1 < len(tokens) and (tokens[k + 1].lower in UNIT_ALIASES or tokens[k + 1].lower in MULTIPLIERS)
                )
                and not (k > 0 and tokens[k - 1].text in "$£€")
            ):
                used.add(k)
                found.append(
                    DateMention(
                        "year", (int(token.text),), (token.start, token.end), context_stems(tokens, k, k), token.text
                    )
                )
            continue
        day = None
        first = last = k
        if k + 1 < len(tokens) and tokens[k + 1].text.isdigit() and int(tokens[k + 1].text) <= 31:
            day, last = int(tokens[k + 1].text), k + 1
        elif k > 0 and tokens[k - 1].text.isdigit() and int(tokens[k - 1].text) <= 31:
            day, first = int(tokens[k - 1].text), k - 1
        elif token.lower == "may" or token.lower == "march":
            continue  # the verbs, unless a day number makes them months
        used.update(range(first, last + 1))
        kind = "day" if day else "month"
        found.append(
            DateMention(
                kind,
                (month, day) if day else (month,),
                (tokens[first].start, tokens[last].end),
                context_stems(tokens, first, last),
                text[tokens[first].start : tokens[last].end],
            )
        )
    return found


def _token_before(tokens: list[Token], position: int, back: int) -> list[str]:
    index = bisect_left(tokens, position, key=_START)  # the first token starting at or after position
    return [t.lower for t in tokens[max(0, index - back) : index]]


def _reporting_date(tokens: list[Token], date: DateMention) -> bool:
    """ "said on Tuesday": when a source spoke, not when the reported thing happened."""
    before = _token_before(tokens, date.span[0], 3)
    return any(word in ATTRIBUTION_VERBS for word in before[-2:]) or before[-3:-1] in (["told", "reporters"],)


def _hedged(tokens: list[Token], date: DateMention) -> DateMention:
    before = _token_before(tokens, date.span[0], 2)
    hedged = any(word in DATE_HEDGES for word in before)
    reporting = not date.surface.lower().replace("’", "'").endswith("'s") and _reporting_date(tokens, date)
    if hedged or reporting:
        return DateMention(date.kind, date.value, date.span, date.context, date.surface, hedged, reporting)
    return date
