"""What a summary sentence needs from sentences around it, and which sentences state the same fact.

A sentence lifted out of an article can lean on the sentence before it: "Houghton also said ...", "The plea to
reconsider was made by ...", "..., the American statement said.", "Three days earlier, ...", "Councillors voted 29
to 18 in favour.". Read alone in a summary it points nowhere. ``needs_antecedent`` finds such sentences (a cheap
test, no parser), so the summarizer leaves them out unless it states what they lean on, and offers them rewritten
where one word or phrase is all they lean on (``without_also``, ``without_relative_time``, ``indefinite``);
``same_fact_pairs`` finds sentences that say the same thing in other words, so a summary holds one of them.

>>> needs_antecedent("Houghton also said that Yang had agreed.")
True
>>> needs_antecedent("The plea to reconsider was made by his lawyer.")
True
>>> needs_antecedent("Rebels seized the airport on Monday.")
False
>>> needs_antecedent("Councillors voted 29 to 18 in favour tonight.")
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from storyline.summarize.overlap import intersections

# Nouns that, as "the <noun>" subject or speaker, name something an earlier sentence introduced.
_ANAPHORIC_NOUNS = (
    "plea|statement|move|decision|deal|agreement|request|announcement|report|ruling|verdict|measure|proposal|"
    "remarks?|comments?|claim|offer|appeal|letter|incident|attack|accident|crash|blast|explosion|arrest|"
    "suspect|man|woman|boy|girl|couple|pair|victim|victims|official|spokesman|spokeswoman|source|sources|"
    "group|company|firm|agency|ministry|court|judge|panel|committee|plan|bill|vote|meeting|talks|visit|"
    "trip|operation|raid|strike|case|charges?|sentence|order|warning|threat|demand|call|idea|step|effort|"
    "change|changes|findings?|study|survey|letter|document|message|speech|interview|news|episode|event|"
    "latter|former|program|programme|project|law|treaty|accord|pact|process|fighting|violence|mission"
)
_THE_NOUN_OPENING = re.compile(
    rf"^[\"'“‘]?The\s+(?:(?:new|latest|same|two|three|American|US|U\.S\.|Chinese|"
    rf"British|French|Russian|Israeli|Palestinian|government|official|joint|"
    rf"written|brief|short|second|first)\s+)?(?:{_ANAPHORIC_NOUNS})\b(?!\s+(?:of|by|"
    rf"for|from|in|on|at|that|which|who)\b|,?\s+[A-Z][a-z]+\s+[A-Z])"
)
# ", the statement said." / ", the American statement said." : a speaker introduced before.
_THE_NOUN_SPEAKER = re.compile(
    rf",[\"'”’]?\s+the\s+(?:\w+\s+)?(?:{_ANAPHORIC_NOUNS})\s+(?:said|says|added|stated|"
    rf"noted|reported|read)\b",
    re.IGNORECASE,
)
# "also" or "too" in the main clause: something was said or done before.
_ALSO = re.compile(r"^(?:[^,;\"“]{0,60}?\s)?(?:also|too|likewise|similarly|again|as\s+well)\b")
# Time counted from an event the sentence does not name: "Three days earlier", "the next day", "that night".
_RELATIVE_TIME = re.compile(
    r"\b(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|\d+)\s+"
    r"(?:hours?|days?|weeks?|months?|years?)\s+(?:earlier|later)|(?:hours?|days?|weeks?|months?|years?)\s+later"
    r"|(?:the|that)\s+(?:next|following|previous|same)\s+(?:day|night|morning|week|month|year)"
    r"|the\s+day\s+(?:before|after)(?!\s+(?:the|a|an|his|her|their|its|[A-Z]))|that\s+(?:day|night|morning|evening))\b",
    re.IGNORECASE,
)
# A vote "in favour" or "against" with nothing after it ("Councillors voted 29 to 18 in favour tonight."): what
# was voted on is in an earlier sentence. Followed by "of", a determiner, a pronoun, a name, a number or a gerund, the
# vote names its object.
_VOTE_WITHOUT_OBJECT = re.compile(
    r"\b[Vv]ot(?:ed|es?|ing)\b[^.;:\"“”]{0,40}?\b(?:in\s+favou?r|against)\b"
    r"(?!\s+(?:(?:of|the|a|an|his|her|their|its|it|him|them|this|that|these|those|\w+ing)\b|[A-Z0-9]))"
)
# ... unless a vote in the same sentence names it: "the board voted for the new rota, two members against".
_VOTE_WITH_OBJECT = re.compile(
    r"\b[Vv]ot(?:ed|es?|ing)\s+(?:\w+\s+){0,3}?(?:for|on|against|in\s+favou?r\s+of)\s+"
    r"(?:(?:the|a|an|his|her|their|its|this|that)\b|[A-Z0-9])"
)
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
# "also" after a subject or auxiliary ("Microsoft is also investing", "Police also arrested"): dropping it keeps
# what the sentence reports and no longer points at something said before.
_ALSO_WORD = re.compile(r"(?<=[a-z])\s+also(?=\s+[a-z])")


# The screens below are chains of substring tests: the cheapest form, run on every version of every sentence.


def _may_hold_also(text: str) -> bool:
    """Whether ``text`` holds a word that every match of ``_ALSO`` (case-sensitive) holds."""
    return (
        "also" in text
        or "too" in text
        or "again" in text
        or "well" in text
        or "likewise" in text
        or "similarly" in text
    )


def _may_hold_time(text: str) -> bool:
    """Whether ``text`` may hold a match of ``_RELATIVE_TIME`` (certainly not when it is ASCII and holds none of its
    words in lower case; other text may match through a case folding such as the long s)."""
    if not text.isascii():
        return True
    lowered = text.lower()
    # A match holds "earlier", "later", "next", "following", "previous" or "same", or "day" with "before" or "after",
    # or "that" with a time of day.
    return (
        "earlier" in lowered
        or "later" in lowered
        or "next" in lowered
        or "following" in lowered
        or "previous" in lowered
        or "same" in lowered
        or ("day" in lowered and ("before" in lowered or "after" in lowered))
        or (
            "that" in lowered
            and ("day" in lowered or "night" in lowered or "morning" in lowered or "evening" in lowered)
        )
    )


def needs_antecedent(text: str) -> bool:
    """Whether ``text`` leans on a sentence before it for its subject, its speaker or its time."""
    if _THE_NOUN_OPENING.match(text.strip()) or ("," in text and _THE_NOUN_SPEAKER.search(text)):
        return True
    # Most sentences hold none of the words the last three tests look for: those are not run (the same answer).
    also = _may_hold_also(text)
    time = _may_hold_time(text)
    vote = "ot" in text and ("favo" in text or "against" in text)
    if not (also or time or vote):
        return False
    body = _QUOTED.sub(" ", text).strip()
    return bool(
        (also and _ALSO.match(body))
        or (time and _RELATIVE_TIME.search(body))
        or (vote and _VOTE_WITHOUT_OBJECT.search(body) and not _VOTE_WITH_OBJECT.search(body))
    )


def without_also(text: str) -> str | None:
    """``text`` without the "also" that makes it lean on an earlier sentence, when that is all it leans on.

    >>> without_also("Microsoft is also investing heavily in new media.")
    'Microsoft is investing heavily in new media.'
    >>> without_also("The company also said sales fell three days earlier.") is None
    True
    """
    if not _may_hold_also(text):
        return None  # blanking quotations only takes words away
    body = _QUOTED.sub(lambda m: "_" * len(m.group()), text)
    match = _ALSO.match(body.strip())
    if not match:
        return None
    found = _ALSO_WORD.search(body)
    if found is None or found.start() > len(body) - len(body.lstrip()) + match.end():
        return None
    shorter = text[: found.start()] + text[found.end() :]
    return None if needs_antecedent(shorter) else shorter


# Sentences sharing this much of their content words state the same fact (Dice), or the shorter one is this
# much contained in the longer. Looser than the near-duplicate test: rewordings, not only copies.
SAME_FACT_DICE = 0.5
SAME_FACT_CONTAINMENT = 0.7


def same_fact(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether sentences with content stems ``a`` and ``b`` state the same fact (the test of ``same_fact_pairs``)."""
    if not a or not b:
        return False
    shared = len(a & b)
    return 2 * shared / (len(a) + len(b)) >= SAME_FACT_DICE or shared / min(len(a), len(b)) >= SAME_FACT_CONTAINMENT


def same_fact_pairs(stems: Sequence[frozenset[str]]) -> list[tuple[int, int]]:
    """``(i, j)`` pairs, ``i < j``, of sentences that state the same fact in other words."""
    inter = intersections(stems, stems)
    sizes = np.fromiter(map(len, stems), dtype=np.int64, count=len(stems))
    upper = inter.row < inter.col  # every pair sharing a stem, once
    left, right, shared = inter.row[upper], inter.col[upper], inter.data[upper].astype(np.float64)
    size_left, size_right = sizes[left], sizes[right]
    # ``same_fact`` on every pair at once, in the same double-precision arithmetic.
    same = (2 * shared / (size_left + size_right) >= SAME_FACT_DICE) | (
        shared / np.minimum(size_left, size_right) >= SAME_FACT_CONTAINMENT
    )
    return sorted(zip(left[same].tolist(), right[same].tolist()))


def without_relative_time(text: str) -> str | None:
    """``text`` without a time counted from an event it does not name, when that is all it leans on.

    >>> without_relative_time("The launch began two hours earlier with a test of the arm.")
    'The launch began with a test of the arm.'
    >>> without_relative_time("Three days later, rebels seized the airport.")
    'Rebels seized the airport.'
    """
    if not _may_hold_time(text):
        return None  # blanking quotations only takes words away
    body = _QUOTED.sub(lambda m: "_" * len(m.group()), text)
    found = _RELATIVE_TIME.search(body)
    if found is None:
        return None
    before, after = text[: found.start()].rstrip(), text[found.end() :]
    if not before.strip("\"'“‘ "):
        after = after.lstrip(" ,")
        shorter = before + after[:1].upper() + after[1:]
    else:
        if before.endswith(",") and after.lstrip()[:1] in {",", ".", ";"}:
            before = before[:-1]
        shorter = before + (after if after[:1] in {",", ".", ";", ":", "?", "!"} else " " + after.lstrip())
    shorter = " ".join(shorter.split())
    if len(shorter.split()) < 3 or needs_antecedent(shorter):
        return None
    return shorter


# "The <noun>" openings that read as a new referent with "A"/"An": a singular count noun after no modifier or a
# plain adjective ("The agreement will ..." -> "An agreement will ...").
_PLAIN_MODIFIERS = {"", "new", "American", "US", "U.S.", "Chinese", "British", "French", "Russian", "Israeli"}
_PLAIN_MODIFIERS |= {"Palestinian", "government", "official", "joint", "written", "brief", "short"}
_NOT_COUNTABLE = {"latter", "former", "fighting", "violence", "news", "process"}
# Who did something must stay who it was: "A company quickly changed its mind" says nothing.
_AGENTS = set(
    "suspect man woman boy girl couple pair victim official spokesman spokeswoman source group company firm agency "
    "ministry court judge panel committee".split()
)
_THE_OPENING = re.compile(rf"^([\"'“‘]?)The\s+(?:(?!(?:{_ANAPHORIC_NOUNS})\b)(\S+)\s+)?(\w+)\b")


def indefinite(text: str) -> str | None:
    """``text`` with its leaning "The <noun>" opening made indefinite, when that is all it leans on.

    >>> indefinite("The agreement will make him prime minister.")
    'An agreement will make him prime minister.'
    >>> indefinite("The talks will resume on Monday.") is None
    True
    >>> indefinite("The company changed its mind.") is None
    True
    """
    stripped = text.strip()
    if not _THE_NOUN_OPENING.match(stripped):
        return None
    found = _THE_OPENING.match(stripped)
    if found is None:
        return None
    quote, modifier, noun = found.group(1), found.group(2) or "", found.group(3)
    if (
        modifier not in _PLAIN_MODIFIERS
        or noun in _NOT_COUNTABLE | _AGENTS
        or (noun.endswith("s") and not noun.endswith("ss"))
    ):
        return None
    first = (modifier or noun)[0]
    article = "An" if first.lower() in "aeiou" and not modifier.startswith(("US", "U.S.")) else "A"
    shorter = quote + article + stripped[len(quote) + 3 :]
    return None if needs_antecedent(shorter) else shorter
