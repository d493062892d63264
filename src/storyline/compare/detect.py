"""Aligned sentence pair -> the disagreements it holds, each of a kind, or nothing.

Not disagreements: rounding and hedges ("nearly 500" / "about 500" / "493"), house style (folded before
comparing), paraphrase (same numbers, same polarity), and one sentence saying more than the other (a figure is
only in conflict when the other sentence gives the same kind of figure for the same thing and none of its figures
agree). Loosely aligned pairs (different outlets' own wording) must also share words around the conflicting items;
versions of one sentence (diff's "changed" pairs) are compared more closely: a changed speaker or place counts too.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter

from storyline.compare.align import AlignedPair, Unit
from storyline.compare.claims import Claims, DateMention, Quantity, extract
from storyline.compare.lexicon import (
    COUNT_NOUNS,
    MEASURES,
    SWAP_ONLY_GROUPS,
)
from storyline.compare.roles import place_conflict
from storyline.compare.signals import CUE, DATE, NEGATION, NUMBER, PLACE, QUOTE, SPEAKER, unit_signals
from storyline.compare.words import (
    CLOCK_WORD,
    CUE_WORD,
    DATE_WORD,
    FIGURE,
    NEGATING,
    SAYING,
    context_stems,
    learn_words,
    token_words,
)

ROUND_TOLERANCE = 0.05  # "1.5 million" vs "1,520,000"; only for figures of 100 and more
HEDGE_TOLERANCE = 0.15  # "about 500" vs "540"
QUOTE_SIMILARITY = 0.8
LOOSE_CUE_CONTEXT = 2  # shared words around two opposite cues in loosely aligned sentences
SMALL_EDIT_WORDS = 6  # a replaced figure, date or name sits in an edit of at most this many words
EDIT_SLACK_CHARS = 16  # ...and of at most this many characters more than the item itself
_START, _END = itemgetter(0), itemgetter(1)
_DATE_STARTS = DATE_WORD | CLOCK_WORD


@dataclass(slots=True)
class Finding:
    """One conflict inside an aligned pair; ``slot`` names what is disputed so findings of one dispute merge."""

    kind: str
    slot: str
    value_a: str
    value_b: str
    marks_a: tuple[tuple[int, int], ...]
    marks_b: tuple[tuple[int, int], ...]
    label_a: str  # a few words of A saying what the figure or claim is about
    key_a: tuple  # normalised value of each side, for grouping sides
    key_b: tuple


class _EditedTogether:
    """For two versions of one sentence: whether a span of A and a span of B were changed by one small edit of
    the word diff (a figure replaced by another), as opposed to merely both differing somewhere."""

    __slots__ = ("regions",)

    def __init__(self, a: Claims, b: Claims) -> None:
        from difflib import SequenceMatcher

        (spans_a, words_a), (spans_b, words_b) = a.diff_words, b.diff_words
        matcher = SequenceMatcher(None, words_a, words_b, autojunk=False)
        self.regions = []
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal" or i2 - i1 > SMALL_EDIT_WORDS or j2 - j1 > SMALL_EDIT_WORDS:
                continue
            region_a = (spans_a[i1][0], spans_a[i2 - 1][1]) if i2 > i1 else (0, 0)
            region_b = (spans_b[j1][0], spans_b[j2 - 1][1]) if j2 > j1 else (0, 0)
            self.regions.append((region_a, region_b))

    def __call__(self, span_a: tuple[int, int], span_b: tuple[int, int]) -> bool:
        return any(
            _overlaps(span_a, ra) and _overlaps(span_b, rb) and _fits(span_a, ra) and _fits(span_b, rb)
            for ra, rb in self.regions
        )

    def __bool__(self) -> bool:
        return True


def _fits(item: tuple[int, int], region: tuple[int, int]) -> bool:
    """The edit is about the item, not a rewritten clause around it."""
    return (region[1] - region[0]) - (item[1] - item[0]) <= EDIT_SLACK_CHARS


def _overlaps(x: tuple[int, int], y: tuple[int, int]) -> bool:
    return x[0] < y[1] and y[0] < x[1]


class _Anchor:
    """Whether the words shared around two items of loosely aligned sentences tie them to one thing: at least
    ``need`` shared stems, one of them rare in the event (not its topic words)."""

    __slots__ = ("common",)

    def __init__(self, common: frozenset[str]) -> None:
        self.common = common

    def __call__(self, shared: frozenset[str] | set[str], need: int = 2, extra: int = 0) -> bool:
        return len(shared) + extra >= need and bool(shared - self.common)


def compare_pair(pair: AlignedPair) -> list[Finding]:
    """The conflicts between the two sentences of an aligned pair."""
    signals_a, signals_b = unit_signals(pair.a), unit_signals(pair.b)
    shared = signals_a & signals_b
    if not (
        shared & (NUMBER | DATE | CUE)
        or (signals_a | signals_b) & NEGATION
        or (shared & SPEAKER and (shared & QUOTE or pair.close))
        or (shared & PLACE and pair.close)
    ):
        return []  # nothing the two sentences say could conflict; skip reading them closely
    a, b = _claims(pair.a), _claims(pair.b)
    close = _Versions(pair)
    anchored = _Anchor(pair.common)
    # A part neither sentence can hold (no word it starts from: the part is empty) is not read in the other either.
    starts_a, starts_b = a.starts, b.starts
    both = starts_a & starts_b
    # A figure or a date is only compared with one of the same unit or kind.
    findings = _numbers(a, b, close, anchored) if both & FIGURE and a.units and not a.units.isdisjoint(b.units) else []
    dated = starts_a & _DATE_STARTS and starts_b & _DATE_STARTS
    if dated and a.date_kinds and not a.date_kinds.isdisjoint(b.date_kinds):
        findings += _dates(a, b, close, anchored)
    # One polarity conflict per pair: "did not reject" / "slammed" is one dispute.
    polarity = ((starts_a | starts_b) & NEGATING and _negation(a, b, close, anchored)) or (
        both & CUE_WORD and _cues(a, b, close, anchored)
    )
    if polarity:
        findings.append(polarity[0])
    if both & SAYING:
        findings += _speakers(a, b, close)
    if shared & PLACE and close:
        findings += _places(a, b, close)
    return findings


def _claims(unit: Unit) -> Claims:
    if unit.claims is None:
        unit.claims = extract(unit.text)
    return unit.claims


def read_claims(pairs: Iterable[AlignedPair]) -> None:
    """Reads at once the claims of every sentence ``compare_pair`` may read closely in ``pairs``: the words new to
    the claim reader's tables are learnt together (the same claims as reading each sentence when first asked)."""
    units: dict[int, Unit] = {}
    for pair in pairs:
        signals_a, signals_b = unit_signals(pair.a), unit_signals(pair.b)
        if signals_a & signals_b & (NUMBER | DATE | CUE | SPEAKER | PLACE) or (signals_a | signals_b) & NEGATION:
            units[id(pair.a)] = pair.a
            units[id(pair.b)] = pair.b
    unread = [unit for unit in units.values() if unit.claims is None]
    found = [token_words(unit.text) for unit in unread]
    learn_words(set().union(*found))
    for unit, words in zip(unread, found, strict=True):
        unit.claims = Claims(unit.text, words)


class _Versions:
    """Whether an aligned pair's sentences are versions of one sentence (true when they are), and for those,
    whether two spans were changed by one small edit; each is worked out the first time a rule asks."""

    __slots__ = ("_edits", "pair")

    def __init__(self, pair: AlignedPair) -> None:
        self.pair = pair
        self._edits: _EditedTogether | None = None

    def __bool__(self) -> bool:
        return self.pair.close

    def __call__(self, span_a: tuple[int, int], span_b: tuple[int, int]) -> bool:
        if self._edits is None:
            self._edits = _EditedTogether(_claims(self.pair.a), _claims(self.pair.b))
        return self._edits(span_a, span_b)


def _places(a: Claims, b: Claims, close: _Versions) -> list[Finding]:
    found = place_conflict(a.tokens, b.tokens, close)
    if found is None:
        return []
    x, y = found
    value_a, value_b = a.text[x.span[0] : x.span[1]], b.text[y.span[0] : y.span[1]]
    return [Finding("place", "place", value_a, value_b, (x.span,), (y.span,), "where", (x.letters,), (y.letters,))]


# ---------------------------------------------------------------------------------------------------- Figures


def compatible(x: Quantity, y: Quantity) -> bool:
    """Whether two figures can both be true reports of one quantity."""
    a, b = x.value, y.value
    if a == b:
        return True
    high, low = max(a, b), min(a, b)
    relative = (high - low) / high if high else 0.0
    if x.bound == "exact" and y.bound == "exact":
        return high >= 100 and relative <= ROUND_TOLERANCE and (_is_round(a) or _is_round(b))
    if x.bound == y.bound:  # "more than 10 months" / "more than 14 months": the same kind of estimate
        return relative <= HEDGE_TOLERANCE
    for hedged, other in ((x, y), (y, x)):
        if hedged.bound == "lower" and other.value >= hedged.value * 0.95 and other.bound != "upper":
            return other.value <= hedged.value * 2 or other.bound == "lower"
        if hedged.bound == "upper" and other.value <= hedged.value * 1.02 and other.bound != "lower":
            return other.value >= hedged.value * 0.75 or other.bound == "upper"
    return relative <= HEDGE_TOLERANCE


def _is_round(value: float) -> bool:
    digits = f"{value:.6f}".rstrip("0").replace(".", "").strip("0")
    return len(digits) <= 2


def _numbers(a: Claims, b: Claims, close: _Versions, anchored: _Anchor) -> list[Finding]:
    findings = []
    # A figure of B that a figure of A of its unit can report is no rival (below): only a figure of A of a unit
    # some other figure of B counts can conflict, and a bare number only in versions. Where no figure is left,
    # neither shared words nor the word diff are read.
    rival_units = {y.unit for y in b.quantities if not any(compatible(z, y) for z in a.quantities if z.unit == y.unit)}
    for x in a.quantities:
        if x.unit not in rival_units or (not x.unit and not close):
            continue
        specific = x.unit in COUNT_NOUNS or x.unit in MEASURES  # the unit itself says what is counted
        comparable = [
            y
            for y in b.quantities
            if y.unit == x.unit
            and (
                # the shared words first: the word diff of two versions is made only when they do not decide
                (x.context & y.context if specific else anchored(x.context & y.context))
                or (close and close(x.span, y.span))
            )
        ]
        if not comparable or any(compatible(x, y) for y in comparable):
            continue
        # The other sentence's figure must not be one this sentence also gives ("5 dead, 14 hurt" vs "14 hurt").
        rival = [y for y in comparable if not any(compatible(z, y) for z in a.quantities if z.unit == y.unit)]
        if not rival:
            continue
        y = max(rival, key=lambda item: len(x.context & item.context))
        findings.append(
            Finding(
                "number",
                f"number:{x.unit}",
                x.surface,
                y.surface,
                (x.span,),
                (y.span,),
                _label(a, x.span, x.context & y.context),
                (x.value, x.bound),
                (y.value, y.bound),
            )
        )
        break
    return findings


def _same_date(x: DateMention, y: DateMention) -> bool:
    if x.kind == "time" and (x.hedged or y.hedged):
        gap = abs(x.value[0] - y.value[0])
        return min(gap, 1440 - gap) <= 60
    return x.value == y.value or x.hedged != y.hedged  # "by Friday" may be "on Thursday"; "until" vs "until" not


def _dates(a: Claims, b: Claims, close: _Versions, anchored: _Anchor) -> list[Finding]:
    # As for figures: only a date of a kind some date of B that no date of A matches is of can conflict.
    rival_kinds = {y.kind for y in b.dates if not any(z.kind == y.kind and _same_date(z, y) for z in a.dates)}
    for x in a.dates:
        if x.kind not in rival_kinds:
            continue
        comparable = [
            y
            for y in b.dates
            if y.kind == x.kind
            and (
                (not (x.reporting or y.reporting) and anchored(x.context & y.context))
                or (close and close(x.span, y.span))
            )
        ]
        if not comparable or any(_same_date(x, y) for y in comparable):
            continue
        rival = [y for y in comparable if not any(z.kind == y.kind and _same_date(z, y) for z in a.dates)]
        if rival:
            y = max(rival, key=lambda item: len(x.context & item.context))
            return [
                Finding(
                    "date",
                    f"date:{x.kind}",
                    x.surface,
                    y.surface,
                    (x.span,),
                    (y.span,),
                    _label(a, x.span, x.context & y.context),
                    x.value,
                    y.value,
                )
            ]
    return []


def _label(claims: Claims, span: tuple[int, int], shared: frozenset[str]) -> str:
    """The words next to a figure that both sentences share: "people taken to hospital", "crack"."""
    tokens = claims.tokens
    inside = [k for k, t in enumerate(tokens) if span[0] <= t.start and t.end <= span[1]]
    if not inside:
        return ""
    first, last = inside[0], inside[-1]
    right = [k for k in range(last + 1, min(len(tokens), last + 7)) if tokens[k].stem in shared]
    if right:
        words = [t.text for t in tokens[last + 1 : right[-1] + 1]]
    else:
        left = [k for k in range(max(0, first - 5), first) if tokens[k].stem in shared]
        words = [t.text for t in tokens[left[0] : first]] if left else []
    unit_words = [t.text for t in tokens[first : last + 1] if t.text[0].isalpha() and t.lower in _UNIT_WORDS]
    words = [w for w in words if w.lower() not in _FILLER and w[0].isalnum()]
    return " ".join(unit_words + words)


_UNIT_WORDS = frozenset(["people", "persons", "workers", "residents", "victims", "percent", "cent"])
_AUXILIARIES = frozenset(
    ["did", "does", "do", "has", "have", "had", "was", "were", "is", "are", "will", "would", "could", "can", "should"]
)
_PARTICLES = frozenset(["out", "up", "down", "off", "back", "over"])
_PREPOSITIONS = frozenset(
    ["at", "in", "on", "by", "for", "with", "from", "to", "of", "after", "before", "during", "as", "than", "that"]
)
_FILLER = frozenset("was were is are been be being has have had a an the of its their his her".split())


# ---------------------------------------------------------------------------------------------------- Polarity


def _negation(a: Claims, b: Claims, close: _Versions, anchored: _Anchor) -> list[Finding]:
    for first, second, flip in ((a, b, False), (b, a, True)):
        for head in first.negated_heads:
            if head in second.negated_heads:
                continue
            other = second.asserted_at(head)
            if other is None or second.negated_by_meaning(other):
                continue
            span = first.negated_span(head)
            shared = _around(first, span) & _around(second, other) - {head}
            # Versions of one sentence need a shared word, others an anchor; closeness is asked only if it decides.
            if not shared or not (anchored(shared) or close):
                continue
            span, other = _with_particle(first, _with_auxiliary(first, span)), _with_particle(second, other)
            marks_a, marks_b = ((other,), (span,)) if flip else ((span,), (other,))
            value_a, value_b = a.text[marks_a[0][0] : marks_a[0][1]], b.text[marks_b[0][0] : marks_b[0][1]]
            return [
                Finding(
                    "negation",
                    f"negation:{head}",
                    value_a,
                    value_b,
                    marks_a,
                    marks_b,
                    _phrase_after(a, marks_a[0]),
                    (not flip,),
                    (flip,),
                )
            ]
    return []


def _cues(a: Claims, b: Claims, close: _Versions, anchored: _Anchor) -> list[Finding]:
    for x in a.cues:
        for y in b.cues:
            if x.polarity == y.polarity or x.stem == y.stem:
                continue
            swapped = bool(close) and close(x.span, y.span)
            if x.group in SWAP_ONLY_GROUPS or y.group in SWAP_ONLY_GROUPS:
                if not (swapped and {x.group, y.group} <= SWAP_ONLY_GROUPS | {"direction"}):
                    continue
            elif x.group != y.group:
                continue
            shared = (x.context & y.context) - {x.stem, y.stem}
            if not ((close and (shared or swapped)) or anchored(shared, LOOSE_CUE_CONTEXT)):
                continue
            # The other sentence must not also hold x's polarity about the same thing (unless one edit swapped them).
            if not swapped and any(
                z.group == x.group and z.polarity == x.polarity and z.context & y.context for z in b.cues
            ):
                continue
            label = _shared_words(a, x.span, shared - anchored.common or shared)
            span_a = _with_auxiliary(a, x.span) if x.negated else x.span
            span_b = _with_auxiliary(b, y.span) if y.negated else y.span
            return [
                Finding(
                    "cue",
                    f"cue:{x.group}",
                    a.text[span_a[0] : span_a[1]],
                    b.text[span_b[0] : span_b[1]],
                    (span_a,),
                    (span_b,),
                    label,
                    (x.polarity,),
                    (y.polarity,),
                )
            ]
    return []


def _around(claims: Claims, span: tuple[int, int], window: int = 6) -> frozenset[str]:
    tokens = claims.tokens
    # The tokens inside the span (tokens are in order and do not overlap): from the first starting in it to the
    # last ending in it.
    first = bisect_left(tokens, span[0], key=_START)
    last = bisect_right(tokens, span[1], key=_END) - 1
    if first > last:
        return frozenset()
    return context_stems(tokens, first, last, window)


def _with_auxiliary(claims: Claims, span: tuple[int, int]) -> tuple[int, int]:
    """ "not rule" -> "did not rule"."""
    before = [t for t in claims.tokens if t.end <= span[0]]
    if before and before[-1].lower in _AUXILIARIES and span[0] - before[-1].end <= 1:
        return before[-1].start, span[1]
    return span


def _with_particle(claims: Claims, span: tuple[int, int]) -> tuple[int, int]:
    """ "ruled" -> "ruled out"."""
    after = [t for t in claims.tokens if t.start >= span[1]]
    if after and after[0].lower in _PARTICLES and after[0].start - span[1] <= 1:
        return span[0], after[0].end
    return span


def _phrase_after(claims: Claims, span: tuple[int, int]) -> str:
    """The words after a predicate, up to the next preposition or clause break: "a further increase"."""
    words = []
    for token in claims.tokens:
        if token.start < span[1]:
            continue
        if not token.text[0].isalnum() or (words and token.lower in _PREPOSITIONS) or len(words) == 4:
            break
        if token.lower not in _FILLER:
            words.append(token.text)
    return " ".join(words)


def _shared_words(claims: Claims, span: tuple[int, int], shared: frozenset[str]) -> str:
    seen = []
    for token in claims.tokens:
        if token.stem in shared and token.text not in seen and abs(token.start - span[0]) < 120:
            seen.append(token.text)
    return " ".join(seen[:4])


# ---------------------------------------------------------------------------------------------------- Speakers


def _speakers(a: Claims, b: Claims, close: _Versions) -> list[Finding]:
    if not (a.speakers and b.speakers):
        return []
    same_quote = any(
        _similar(qa, qb) >= QUOTE_SIMILARITY and len(qa.split()) >= 5 for qa, _ in a.quotes for qb, _ in b.quotes
    )
    if not (close or same_quote):
        return []
    names_a = frozenset().union(*(names for names, _ in a.speakers))
    names_b = frozenset().union(*(names for names, _ in b.speakers))
    # Names only one sentence uses: "Craig Zadan and Neil Meron said" / "Craig Zadan and Jo Pike said".
    words_a, words_b = {t.lower for t in a.tokens}, {t.lower for t in b.tokens}
    if names_a & (words_b - names_b) or names_b & (words_a - names_a):
        return []  # the other sentence mentions this speaker elsewhere ("an officer with the agency")
    only_a, only_b = names_a - words_b, names_b - words_a
    if not (only_a and only_b):
        return []  # the other sentence names this speaker too, or names no one else
    span_a = next(span for names, span in a.speakers if names & only_a)
    span_b = next(span for names, span in b.speakers if names & only_b)
    value_a, value_b = a.text[span_a[0] : span_a[1]], b.text[span_b[0] : span_b[1]]
    return [
        Finding(
            "attribution", "attribution", value_a, value_b, (span_a,), (span_b,), "who said it", (names_a,), (names_b,)
        )
    ]


def _similar(x: str, y: str) -> float:
    from difflib import SequenceMatcher

    words_x, words_y = re.findall(r"\w+", x.lower()), re.findall(r"\w+", y.lower())
    return SequenceMatcher(None, words_x, words_y, autojunk=False).ratio()
