"""What a sentence asserts, normalised for comparison: numbers with units, dates and times, negated predicates,
stance and direction cues with their polarity, and who is said to have said it.

Everything is found with explicit rules over a sentence's tokens, so every comparison can point at the words it
rests on (character offsets into the sentence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from storyline.compare.lexicon import (
    ATTRIBUTION_VERBS,
    BOUND_MODIFIERS,
    CLAUSE_BREAKS,
    CUE_GROUPS,
    DATE_HEDGES,
    MONTHS,
    MULTIPLIERS,
    NEGATION_SKIP,
    NEGATIONS,
    NUMBER_WORDS,
    UNIT_ALIASES,
    UNIT_SCALE,
    WEEKDAYS,
)
from storyline.compare.speakers import speakers
from storyline.text import STOPWORDS, stem

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*|[$£€%;:,\"“”‘’]")
_TIME = re.compile(
    r"\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?|\b(\d{1,2}):(\d{2})\b|\b(noon|midnight)\b", re.IGNORECASE
)
_QUOTED = re.compile(r"[\"“]([^\"“”]{8,})[\"”]")
CONTEXT_WINDOW = 4
_NOT_CONTEXT = (
    STOPWORDS | NEGATION_SKIP | {"did", "does", "do", "percentage", "point", "points", "percent", "cent", "per"}
)


class Token(NamedTuple):
    start: int
    end: int
    text: str
    lower: str
    stem: str


@dataclass(slots=True, frozen=True)
class Quantity:
    """A number as claimed: ``value`` in the unit's base scale, ``bound`` one of exact/approx/lower/upper."""

    value: float
    unit: str
    bound: str
    span: tuple[int, int]
    context: frozenset[str]
    surface: str


@dataclass(slots=True, frozen=True)
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


@dataclass(slots=True, frozen=True)
class Cue:
    """A stance or direction word: ``polarity`` is +1 or -1 after any negation of it."""

    group: str
    stem: str
    polarity: int
    negated: bool
    span: tuple[int, int]
    context: frozenset[str]


@dataclass(slots=True)
class Claims:
    """Everything compared of one sentence."""

    text: str
    tokens: list[Token]
    stems: frozenset[str]
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    negated: dict[str, tuple[int, int]] = field(default_factory=dict)  # head stem -> span of "did not <head>"
    asserted: dict[str, tuple[int, int]] = field(default_factory=dict)  # stem -> span, for heads not negated
    cues: list[Cue] = field(default_factory=list)
    speakers: list[tuple[frozenset[str], tuple[int, int]]] = field(default_factory=list)
    quotes: list[tuple[str, tuple[int, int]]] = field(default_factory=list)


_WORDS: dict[str, tuple[str, str]] = {}  # word as written -> (lower case, stem)
_new_token = tuple.__new__


def tokenize(text: str) -> list[Token]:
    tokens = []
    known = _WORDS
    for match in _TOKEN.finditer(text):
        word = match.group()
        forms = known.get(word)
        if forms is None:
            lower = word.lower().replace("’", "'")
            forms = (lower, stem(lower) if word[0].isalpha() else lower)
            if len(known) < 500_000:
                known[word] = forms
        start, end = match.span()
        tokens.append(_new_token(Token, (start, end, word, forms[0], forms[1])))
    return tokens


def extract(text: str) -> Claims:
    """The claims of one sentence."""
    tokens = tokenize(text)
    claims = Claims(text, tokens, frozenset(t.stem for t in tokens if t.lower not in STOPWORDS and t.text[0].isalnum()))
    used: set[int] = set()  # token indexes already read as part of a date or time
    claims.dates = [_hedged(tokens, date) for date in _dates(text, tokens, used)]
    claims.quantities = _quantities(text, tokens, used)
    heads = _negation(tokens, claims)
    claims.cues = _cues(tokens, heads)
    claims.speakers = speakers(tokens)
    claims.quotes = [(match.group(1), match.span(1)) for match in _QUOTED.finditer(text)]
    return claims


def context_stems(tokens: list[Token], first: int, last: int, window: int = CONTEXT_WINDOW) -> frozenset[str]:
    """Content stems within ``window`` tokens of tokens ``first``..``last``, not crossing a clause break."""
    found = set()
    for step, stop in ((-1, max(-1, first - window - 1)), (1, min(len(tokens), last + window + 1))):
        i = first - 1 if step < 0 else last + 1
        while i != stop:
            token = tokens[i]
            if token.lower in CLAUSE_BREAKS:
                break
            if token.text[0].isalpha() and len(token.lower) > 1 and token.lower not in _NOT_CONTEXT:
                found.add(token.stem)
            i += step
    return frozenset(found)


# ---------------------------------------------------------------------------------------------------- Numbers


def _number_value(token: Token) -> float | None:
    if token.text[0].isdigit():
        raw = token.text
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw):
            raw = raw.replace(",", "")
        elif "," in raw:
            return None
        try:
            return float(raw)
        except ValueError:
            return None
    return NUMBER_WORDS.get(token.lower)


def _quantities(text: str, tokens: list[Token], used: set[int]) -> list[Quantity]:
    found: list[Quantity] = []
    i = 0
    last_unit = ""
    while i < len(tokens):
        token = tokens[i]
        if i in used or not (token.text[0].isdigit() or token.lower in _NUMBER_STARTS):
            i += 1
            continue
        value = _number_value(token)
        first = i
        if value is None and token.lower in ("a", "an") and i + 1 < len(tokens):
            following = tokens[i + 1].lower
            if following in MULTIPLIERS or UNIT_ALIASES.get(following, "") in UNIT_SCALE:
                value = 1.0
        if value is None:
            i += 1
            continue
        # Spelled-out numbers: "twenty five", "three hundred", "1.5 million", "a dozen".
        j = i + 1
        while j < len(tokens) and j not in used:
            word = tokens[j].lower
            if word in MULTIPLIERS:
                value *= MULTIPLIERS[word]
            elif word in NUMBER_WORDS and tokens[j - 1].lower in NUMBER_WORDS and NUMBER_WORDS[word] < 10 <= value:
                value += NUMBER_WORDS[word]
            elif word == "and" and j + 1 < len(tokens) and tokens[j + 1].lower in NUMBER_WORDS and value >= 100:
                pass
            else:
                break
            j += 1
        last = j - 1
        if token.lower in ("one", "a", "an") and j < len(tokens) and tokens[j].lower == "of":
            i = j
            continue
        currency = ""
        if first > 0 and tokens[first - 1].text in "$£€":
            currency = {"$": "dollar", "£": "pound", "€": "euro"}[tokens[first - 1].text]
            first -= 1
        unit, unit_end = _unit(tokens, j)
        if currency:
            unit = currency
        elif unit:
            last = unit_end
        elif last_unit and value < 1e6:
            unit = last_unit  # "five people died and 14 were hurt": 14 counts people too
        if not unit and 1900 <= value <= 2100 and token.text.isdigit():
            i = j
            continue  # a year without a unit is read as a date
        scale = UNIT_SCALE.get(unit, (unit, 1.0))
        bound, modifier_start = _bound(tokens, first)
        start = tokens[modifier_start].start
        context = context_stems(tokens, first, last) - {unit}
        surface_end = tokens[last].end
        found.append(
            Quantity(value * scale[1], scale[0], bound, (start, surface_end), context, text[start:surface_end])
        )
        last_unit = unit or last_unit
        i = max(j, last + 1)
    return found


_NUMBER_STARTS = frozenset(NUMBER_WORDS) | {"a", "an"}


def _unit(tokens: list[Token], j: int) -> tuple[str, int]:
    """The unit after a number: ``per cent``, ``%``, ``million crowns``, ``people``; '' when none."""
    if j >= len(tokens):
        return "", j
    word = tokens[j].lower
    if word == "per" and j + 1 < len(tokens) and tokens[j + 1].lower == "cent":
        return "percent", j + 1
    if word == "percentage" and j + 1 < len(tokens):
        return "point", j + 1
    if word in UNIT_ALIASES:
        return UNIT_ALIASES[word], j
    if word in STOPWORDS or not tokens[j].text[0].isalpha() or tokens[j].text[0].isupper():
        return "", j
    return tokens[j].stem, j


def _bound(tokens: list[Token], first: int) -> tuple[str, int]:
    """Whether the number is hedged ("nearly", "more than", "at least") and where the hedge starts."""
    for width in (3, 2, 1):
        if first - width >= 0:
            phrase = " ".join(t.lower for t in tokens[first - width : first])
            if phrase in BOUND_MODIFIERS:
                return BOUND_MODIFIERS[phrase], first - width
    return "exact", first


# ---------------------------------------------------------------------------------------------------- Dates


def _dates(text: str, tokens: list[Token], used: set[int]) -> list[DateMention]:
    found = []
    for match in _TIME.finditer(text):
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
    for k, token in enumerate(tokens):
        if k in used or token.text[0].islower():
            continue  # weekdays, months and years are capitalised or digits
        bare = token.lower[:-2] if token.lower.endswith("'s") else token.lower  # "Saturday's debate"
        if bare in WEEKDAYS:
            used.add(k)
            found.append(
                DateMention(
                    "weekday",
                    (WEEKDAYS[bare],),
                    (token.start, token.end),
                    context_stems(tokens, k, k),
                    token.text,
                )
            )
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
    index = next((k for k, t in enumerate(tokens) if t.start >= position), len(tokens))
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


# ---------------------------------------------------------------------------------------------------- Polarity


def _negation(tokens: list[Token], claims: Claims) -> dict[int, int]:
    """Mark the predicate each negation applies to ("did not outright reject" -> reject) as negated.

    Returns the index of each negated head token -> the index of its negation word.
    """
    heads: dict[int, int] = {}
    for k, token in enumerate(tokens):
        word = token.lower
        if not (word in NEGATIONS or word.endswith("n't")):
            continue
        following = tokens[k + 1].lower if k + 1 < len(tokens) else ""
        if (word == "not" and following in ("only", "just")) or (word == "no" and following in ("longer", "more")):
            continue
        start = k + 1 if word == "no" and following == "one" else k
        for h in range(start + 1, min(len(tokens), start + 5)):
            candidate = tokens[h]
            if candidate.lower in CLAUSE_BREAKS or not candidate.text[0].isalpha():
                break
            if candidate.lower in NEGATION_SKIP:
                continue
            heads[h] = k
            break
    for k, token in enumerate(tokens):
        if not token.text[0].isalpha() or (token.lower in NEGATION_SKIP and k not in heads):
            continue
        if k in heads:
            claims.negated.setdefault(token.stem, (tokens[heads[k]].start, token.end))
        else:
            claims.asserted.setdefault(token.stem, (token.start, token.end))
    return heads


def _cues(tokens: list[Token], heads: dict[int, int]) -> list[Cue]:
    found = []
    for k, token in enumerate(tokens):
        entry = CUE_GROUPS.get(token.stem)
        if entry is None:
            continue
        group, polarity = entry
        following = tokens[k + 1].lower if k + 1 < len(tokens) else ""
        if token.stem == "declin" and following != "to":
            group, polarity = "direction", -1
        if token.stem == "close" and following in ("to", "by"):
            continue
        if token.stem == "rule" and following != "out":
            continue
        negated = k in heads
        span = (tokens[heads[k]].start, token.end) if negated else (token.start, token.end)
        found.append(
            Cue(
                group,
                token.stem,
                -polarity if negated else polarity,
                negated,
                span,
                context_stems(tokens, k, k, 12) - {token.stem},
            )
        )
    return found
