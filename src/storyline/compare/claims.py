"""What a sentence asserts, normalised for comparison: numbers with units, dates and times, negated predicates,
stance and direction cues with their polarity, and who is said to have said it.

Everything is found with explicit rules over a sentence's tokens, so every comparison can point at the words it
rests on (character offsets into the sentence).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import reduce
from itertools import compress
from operator import itemgetter, or_

from storyline.compare.dates import DateMention, read_dates
from storyline.compare.lexicon import (
    BOUND_MODIFIERS,
    CLAUSE_BREAKS,
    CUE_GROUPS,
    MULTIPLIERS,
    NEGATION_SKIP,
    NEGATIONS,
    NEGATIVE_MEANING,
    NUMBER_WORDS,
    UNIT_ALIASES,
    UNIT_SCALE,
)
from storyline.compare.speakers import speakers
from storyline.compare.words import (
    CLOCK_WORD,
    CUE_WORD,
    DATE_WORD,
    FIGURE,
    FLAGS,
    FORMS,
    NEGATING,
    NUMBER_START,
    SAYING,
    Token,
    context_stems,
    token_words,
    tokens_of,
)
from storyline.text import STOPWORDS

_STEM, _TOKEN_STEM = itemgetter(2), itemgetter(4)  # of a word's forms, of a token
_BOUND_ENDS = frozenset(phrase.split(" ")[-1] for phrase in BOUND_MODIFIERS)  # a hedge ends just before its number
_GROUPED_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")  # "1,500,000.5"
_QUOTED = re.compile(r"[\"“]([^\"“”]{8,})[\"”]")


@dataclass(slots=True)
class Quantity:
    """A number as claimed: ``value`` in the unit's base scale, ``bound`` one of exact/approx/lower/upper."""

    value: float
    unit: str
    bound: str
    span: tuple[int, int]
    context: frozenset[str]
    surface: str


@dataclass(slots=True)
class Cue:
    """A stance or direction word: ``polarity`` is +1 or -1 after any negation of it."""

    group: str
    stem: str
    polarity: int
    negated: bool
    span: tuple[int, int]
    context: frozenset[str]


class Claims:
    """Everything compared of one sentence. Each part is read the first time a comparison asks for it, and only
    when the sentence holds a word that part starts from (two sentences without figures never have figures read)."""

    __slots__ = ("_asserted", "_cues", "_dates", "_heads", "_negated", "_quantities", "_speakers", "_stems")
    __slots__ += ("_quotes", "_stem_set", "_token_flags", "_tokens", "_used", "_words", "text", "_units", "_kinds")
    __slots__ += ("_negated_heads", "starts", "_diff_words")

    def __init__(self, text: str, words: list[str] | None = None) -> None:
        self.text = text
        self._words = token_words(text) if words is None else words  # the words of the tokens, when known
        self._token_flags = list(map(FLAGS.__getitem__, self._words))
        self.starts = reduce(or_, self._token_flags, 0)  # what the sentence's words can start (words.py's flags)
        self._tokens = self._stems = self._dates = self._quantities = self._heads = self._cues = None
        self._speakers = self._quotes = self._negated = self._asserted = self._used = self._stem_set = None
        self._units = self._kinds = self._negated_heads = self._diff_words = None

    @property
    def tokens(self) -> list[Token]:
        """The sentence's tokens with their offsets, made when a rule first reads them."""
        if self._tokens is None:
            self._tokens = tokens_of(self.text, self._words)
        return self._tokens

    def _at(self, flag: int) -> list[int]:
        """Indexes of the tokens with ``flag``."""
        if not self.starts & flag:
            return []
        return list(compress(range(len(self._token_flags)), map(flag.__and__, self._token_flags)))

    @property
    def stems(self) -> frozenset[str]:
        if self._stems is None:
            self._stems = frozenset(t.stem for t in self.tokens if t.lower not in STOPWORDS and t.text[0].isalnum())
        return self._stems

    @property
    def dates(self) -> list[DateMention]:
        if self._dates is None:
            self._used = set()  # token indexes read as part of a date or time, which no figure may reuse
            # A clock time holds a digit (every digit is in a token that can start a date) or "noon"/"midnight".
            if self.starts & (DATE_WORD | CLOCK_WORD):
                self._dates = read_dates(self.text, self.tokens, self._used, self._at(DATE_WORD))
            else:
                self._dates = []
        return self._dates

    @property
    def quantities(self) -> list[Quantity]:
        if self._quantities is None:
            if not self.starts & FIGURE:
                self._quantities = []
            else:
                if self._used is None:
                    self.dates  # noqa: B018 - a year read as a date is not a figure
                self._quantities = _quantities(self.text, self.tokens, self._used, self._at(NUMBER_START))
        return self._quantities

    @property
    def units(self) -> frozenset[str]:
        """The units of the sentence's figures ("" for a bare number)."""
        if self._units is None:
            self._units = frozenset(x.unit for x in self.quantities)
        return self._units

    @property
    def date_kinds(self) -> frozenset[str]:
        if self._kinds is None:
            self._kinds = frozenset(x.kind for x in self.dates)
        return self._kinds

    @property
    def negated(self) -> dict[str, tuple[int, int]]:
        """Head stem -> span of "did not <head>"."""
        if self._negated is None:
            self._negated = {head: self.negated_span(head) for head in self.negated_heads}
        return self._negated

    @property
    def negated_heads(self) -> dict[str, int]:
        """Head stem -> the index of its first negated token: the keys of ``negated``, read off the words."""
        if self._negated_heads is None:
            self._negated_heads = {}
            for k in sorted(self.heads):
                self._negated_heads.setdefault(FORMS[self._words[k]][2], k)
        return self._negated_heads

    def negated_span(self, head: str) -> tuple[int, int]:
        """The span of "did not <head>" for a stem of ``negated_heads``."""
        k = self.negated_heads[head]
        return self.tokens[self.heads[k]].start, self.tokens[k].end

    @property
    def asserted(self) -> dict[str, tuple[int, int]]:
        """Stem -> span, for words not negated."""
        if self._asserted is None:
            self._asserted = _asserted(self.tokens, self.heads)
        return self._asserted

    def negated_by_meaning(self, span: tuple[int, int]) -> bool:
        """Whether a word that negates by its meaning ("short of", "denied", "refused to") comes up to four words
        before ``span`` in the same clause, or a negation up to two words before it ("no independent confirmation"):
        what follows is not asserted."""
        tokens = self.tokens
        at = bisect_left(tokens, span[0], key=itemgetter(0))
        for back, token in enumerate(reversed(tokens[max(0, at - 4) : at])):
            if not token.text[0].isalpha():
                return False
            if token.lower in NEGATIVE_MEANING:
                return True
            # A negation's own word, right before the noun it negates: "no independent confirmation".
            if back < 2 and (token.lower in NEGATIONS or token.lower.endswith("n't")):
                return True
        return False

    def asserted_at(self, head: str) -> tuple[int, int] | None:
        """Where stem ``head`` is first asserted (not negated), if anywhere: ``asserted.get(head)``, without
        reading the whole sentence when the stem is not in it."""
        if self._asserted is not None:
            return self._asserted.get(head)
        if self._stem_set is None:
            if self._tokens is not None:  # the stems are in the tokens already
                self._stem_set = frozenset(map(_TOKEN_STEM, self._tokens))
            else:
                self._stem_set = frozenset(map(_STEM, map(FORMS.__getitem__, self._words)))
        if head not in self._stem_set:
            return None
        heads = self.heads
        for k, token in enumerate(self.tokens):
            if token.stem == head and k not in heads and token.text[0].isalpha() and token.lower not in NEGATION_SKIP:
                return token.start, token.end
        return None

    @property
    def heads(self) -> dict[int, int]:
        """The index of each negated head token -> the index of its negation word."""
        if self._heads is None:
            self._heads = _negation(self._words, self._at(NEGATING)) if self.starts & NEGATING else {}
        return self._heads

    @property
    def cues(self) -> list[Cue]:
        if self._cues is None:
            self._cues = _cues(self.tokens, self.heads, self._at(CUE_WORD)) if self.starts & CUE_WORD else []
        return self._cues

    @property
    def speakers(self) -> list[tuple[frozenset[str], tuple[int, int]]]:
        if self._speakers is None:
            self._speakers = speakers(self.tokens, self._at(SAYING)) if self.starts & SAYING else []
        return self._speakers

    @property
    def diff_words(self) -> tuple[list[tuple[int, int]], list[str]]:
        """The sentence's word spans and its words as the version diff compares them (``storyline.diff``)."""
        if self._diff_words is None:
            from storyline.diff import _comparable
            from storyline.text import word_spans

            spans = word_spans(self.text)
            self._diff_words = spans, [_comparable(self.text[i:j]) for i, j in spans]
        return self._diff_words

    @property
    def quotes(self) -> list[tuple[str, tuple[int, int]]]:
        if self._quotes is None:
            self._quotes = [(match.group(1), match.span(1)) for match in _QUOTED.finditer(self.text)]
        return self._quotes


def extract(text: str) -> Claims:
    """The claims of one sentence (each part read when first asked for)."""
    return Claims(text)


# ---------------------------------------------------------------------------------------------------- Numbers


def _number_value(token: Token) -> float | None:
    if token.text[0].isdigit():
        raw = token.text
        if _GROUPED_DIGITS.fullmatch(raw):
            raw = raw.replace(",", "")
        elif "," in raw:
            return None
        try:
            return float(raw)
        except ValueError:
            return None
    return NUMBER_WORDS.get(token.lower)


def _quantities(text: str, tokens: list[Token], used: set[int], starts: list[int]) -> list[Quantity]:
    """The figures of a sentence; ``starts`` are the indexes of the tokens a figure can start with (digits,
    number words, "a"/"an")."""
    found: list[Quantity] = []
    i = 0
    last_unit = ""
    next_start = 0
    while True:
        while next_start < len(starts) and starts[next_start] < i:
            next_start += 1
        if next_start == len(starts):
            break
        i = starts[next_start]
        token = tokens[i]
        if i in used:
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
    if first == 0 or tokens[first - 1].lower not in _BOUND_ENDS:
        return "exact", first
    for width in (3, 2, 1):
        if first - width >= 0:
            phrase = " ".join(t.lower for t in tokens[first - width : first])
            if phrase in BOUND_MODIFIERS:
                return BOUND_MODIFIERS[phrase], first - width
    return "exact", first


# ---------------------------------------------------------------------------------------------------- Polarity


def _adverb(word: str) -> bool:
    """An adverb in "-ly" between a negation and what it negates ("was not immediately identified", misspelt too);
    not the verbs in "-ply" ("did not reply", "comply") nor short words ("rely", "fly")."""
    return len(word) >= 6 and word.endswith("ly") and not word.endswith("ply")


def _negation(words: list[str], candidates: list[int]) -> dict[int, int]:
    """Find the predicate each negation applies to ("did not outright reject" -> reject); ``words`` are the
    sentence's tokens as written, ``candidates`` the indexes of the negation words. (Read off the words: the
    tokens' offsets are not needed.)

    Returns the index of each negated head token -> the index of its negation word.
    """
    heads: dict[int, int] = {}
    count = len(words)
    for k in candidates:
        word = FORMS[words[k]][1]
        if not (word in NEGATIONS or word.endswith("n't")):
            continue
        following = FORMS[words[k + 1]][1] if k + 1 < count else ""
        if (word == "not" and following in ("only", "just")) or (word == "no" and following in ("longer", "more")):
            continue
        if word == "not" and k and FORMS[words[k - 1]][1] == "or":  # "whether or not more than 200 players"
            continue
        start = k + 1 if word == "no" and following == "one" else k
        for h in range(start + 1, min(count, start + 5)):
            text = words[h]
            lower = FORMS[text][1]
            if lower in CLAUSE_BREAKS or not text[0].isalpha():
                break
            if lower in NEGATION_SKIP or _adverb(lower):
                continue
            heads[h] = k
            break
    return heads


def _asserted(tokens: list[Token], heads: dict[int, int]) -> dict[str, tuple[int, int]]:
    """The stems of the words no negation applies to, each at its first place."""
    asserted: dict[str, tuple[int, int]] = {}
    for k, token in enumerate(tokens):
        if k in heads or not token.text[0].isalpha() or token.lower in NEGATION_SKIP:
            continue
        asserted.setdefault(token.stem, (token.start, token.end))
    return asserted


def _cues(tokens: list[Token], heads: dict[int, int], candidates: list[int]) -> list[Cue]:
    found = []
    for k in candidates:
        token = tokens[k]
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
