"""Days as numbers: what orders the stream and dates an event (NaN where the time is unknown)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime

import numpy as np

from storyline.model import Article

UNKNOWN = math.nan


def day_number(value: str | None) -> float:
    """Days since 0001-01-01 (with the time of day as a fraction) of an ISO date or datetime; NaN if unreadable.

    >>> day_number("0001-01-02"), day_number("0001-01-01T12:00:00"), day_number("soon")
    (2.0, 1.5, nan)
    """
    if not value:
        return UNKNOWN
    text = value.strip()
    try:
        if len(text) == 10:
            return float(date.fromisoformat(text).toordinal())
        moment = datetime.fromisoformat(text)
    except ValueError:
        return UNKNOWN
    seconds = moment.hour * 3600 + moment.minute * 60 + moment.second
    return moment.toordinal() + seconds / 86400.0


def day_text(day: float) -> str | None:
    """The ISO date of a day number, or None when unknown."""
    return None if math.isnan(day) else date.fromordinal(int(day)).isoformat()


def nanmin(a: float, b: float) -> float:
    return b if math.isnan(a) else a if math.isnan(b) else min(a, b)


def nanmax(a: float, b: float) -> float:
    return b if math.isnan(a) else a if math.isnan(b) else max(a, b)


def article_days(articles: Sequence[Article]) -> tuple[np.ndarray, np.ndarray]:
    """Each article's day number, and whether it is a known publication day (not unreadable, not the ingest day)."""
    days = np.array([day_number(a.published) for a in articles])
    known = np.array([a.date_source != "ingest-time" and not math.isnan(d) for a, d in zip(articles, days)])
    return days, known


def stream_order(articles: Sequence[Article], days: np.ndarray, known: np.ndarray) -> list[int]:
    """Positions of ``articles`` in the order the topic pass takes them.

    Known dates first in date order, then articles of unknown time. At the same time the longest article comes
    first: it carries most of its event's words, so events grow from it rather than from a brief; ids break the
    remaining ties, so input order never matters.
    """
    return sorted(
        range(len(articles)),
        key=lambda i: (0 if known[i] else 1, days[i] if known[i] else 0.0, -len(articles[i].text), articles[i].id),
    )
