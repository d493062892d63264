"""Who a sentence says made its claim: the named speaker next to an attribution verb."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from storyline.compare.lexicon import ATTRIBUTION_VERBS, PRONOUNS
from storyline.text import STOPWORDS

if TYPE_CHECKING:
    from storyline.compare.claims import Token

# Capitalised words that start sentences rather than names.
_NOT_NAMES = frozenset(
    """the a an in on at but and or he she it they we i you this that these those his her their its our my
    mr mrs ms dr after before when while if as for to from with by of""".split()
)
_TITLES = frozenset("mr mrs ms dr prof sir dame".split())
_NAME_JOINS = frozenset("de van von al of the and for".split())


def name_run(tokens: list[Token], k: int, step: int) -> list[int]:
    """Indexes of the run of capitalised words ending (step -1) or starting (step 1) next to token k."""
    run = []
    i = k + step
    while 0 <= i < len(tokens) and len(run) < 10:
        token = tokens[i]
        if token.lower in _TITLES and step > 0 and not run:
            pass  # "said Ms Tamir": the title, then the name
        elif token.text[0].isupper() and token.text[0].isalpha() and token.lower not in _NOT_NAMES:
            run.append(i)
        elif not (
            token.lower in _NAME_JOINS and run and 0 <= i + step < len(tokens) and tokens[i + step].text[0].isupper()
        ):
            break
        i += step
    return sorted(run)


def speakers(
    tokens: list[Token], candidates: Iterable[int] | None = None
) -> list[tuple[frozenset[str], tuple[int, int]]]:
    """Named speakers next to an attribution verb: "<Name> said", "said <Name>", "according to <Name>".

    ``candidates`` (when given) are the indexes of the attribution verbs and of "according"."""
    found = []
    for k in range(len(tokens)) if candidates is None else candidates:
        token = tokens[k]
        if token.lower not in ATTRIBUTION_VERBS and not (
            token.lower == "according" and k + 1 < len(tokens) and tokens[k + 1].lower == "to"
        ):
            continue
        if token.lower in PRONOUNS:
            continue
        after = k + 1 if token.lower == "according" else k
        while (
            after + 1 < len(tokens)
            and after - k < 3
            and tokens[after + 1].text[0].islower()
            and (tokens[after + 1].lower not in STOPWORDS and tokens[after + 1].text[0].isalpha())
        ):
            after += 1  # "said chief executive Anna Kowal"
        before_run = name_run(tokens, k, -1) if token.lower != "according" else []
        if not before_run and k > 1 and tokens[k - 1].text == "," and token.lower != "according":
            # "the coroner, Gary Hargrove, told"; "Dave Marcus, research director at McAfee Labs, told".
            commas = [j for j in range(max(0, k - 12), k - 1) if tokens[j].text == ","]
            before_run = (name_run(tokens, commas[-1], -1) if commas else []) + name_run(tokens, k - 1, -1)
        after_run = name_run(tokens, after, 1)
        if k > 0 and tokens[k - 1].lower in PRONOUNS:
            continue
        run = before_run or after_run
        if run and not (run == [0] and k > 2):
            names = frozenset(tokens[i].lower for i in run)
            found.append((names, (tokens[run[0]].start, tokens[run[-1]].end)))
    return found
