"""Cheap tests on a sentence, without a parser: whether it has a finite main verb, and how long its lead dateline is.

Titles at ingest (a headline in capitals, a title cut from a lead) and the summarizer's compressions both use them;
they live here so that reading articles never loads the summarizer.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

# A lead dateline: a place in capitals or Title case ("PORT ELLISON", "Ottawa", "SAN JOSE, Calif."), an optional
# date ("March 5", "5 March", "Mar. 5, 2026"), an optional agency in brackets, then a dash. What follows starts
# like a sentence.
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATELINE = re.compile(
    r"(?P<place>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|del|la|le|du|al|el|am|upon|on|of)){0,3}"
    r"(?:,\s+[A-Z][A-Za-z]*\.?(?:\s+[A-Z][A-Za-z]*\.?)?)?)"
    rf"(?P<date>,?\s+(?:{MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{MONTH}(?:\s+\d{{4}})?))?"
    r"(?P<agency>\s*\([^()]{1,60}\))?"
    r"\s*(?:[—–―]|\s-{1,2}|\s_)\s*(?=[\"'“‘A-Z0-9])"
)

# Words that make a clause finite: auxiliaries and modals, and common irregular past tenses (regular ones end in
# "-ed"). Present-tense verbs ending in "-s" count too where a main verb is looked for, not where an
# attribution's tail is checked for a clause of its own.
AUXILIARIES = frozenset(
    """
    is are was were am be been has have had do does did will would shall should can could may might must
    isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't can't cannot couldn't
    shouldn't mustn't
    """.split()
)
IRREGULAR_PAST = frozenset(
    """
    said told found made took gave came went got saw knew thought brought bought kept held left led met paid put
    ran rose fell sent set shut spent stood struck threw won lost wrote began broke chose drove flew fled grew
    hit hurt let meant sold shook shot sought spoke spread stole stuck swore swept taught tore understood woke
    wore withdrew became built caught cost cut dealt drew fed felt fought heard laid lent lit rode sang slept
    sank sat hung forbade forgave froze hid bore beat bled bred overtook undertook upheld withheld overthrew
    arose awoke bound dug quit read rang sprang swam swung wept wound underwent oversaw overcame foresaw withstood
    mistook misled sped strode strove wove forecast outran outgrew
    """.split()
)
# Irregular pasts written as their present tense: "they cut rates", "will set a date".
PRESENT_ALIKE = frozenset("set put cut hit let read quit cost spread forecast shut hurt beat".split())
# "-ed" and "-s" words that are rarely verbs.
_NOT_VERBS = frozenset(
    "hundred kindred naked wicked sacred rugged beloved aged need feed seed deed weed heed reed "
    "news series species always perhaps whereas towards afterwards besides thus its his hers "
    "ours yours theirs this".split()
)
# Words after which an "-ed" or "-s" word is a noun or an adjective ("the injured", "its workers").
_DETERMINERS = frozenset(
    "a an the these those its his her their our your my many several some any all both few "
    "no each every other such most more fewer two three four five six seven eight nine ten "
    "dozens hundreds thousands millions".split()
)
# After a subject pronoun, a word is its verb ("we want", "they hold").
_SUBJECT_PRONOUNS = frozenset("i we they you he she it who".split())
_CONTRACTED_VERB = re.compile(r"'(?:re|ve|ll|m|d)$|n't$|^(?:it|that|there|he|she|what|who|here)'s$")
# A relative clause or a bracket: material that does not hold a sentence's main verb.
_RELATIVE = re.compile(r",\s*(?:who|whom|whose|which|where)\b[^,;:]*|\([^()]*\)")


@lru_cache(maxsize=8192)  # the summarizer asks of a sentence, of its versions and of its copies several times
def dateline(text: str) -> int:
    """Length of a lead dateline such as "HARROWGATE — " or "Ottawa (AFP) – " (0 when there is none).

    A place in Title case alone ("Harrowgate — ") counts only when followed by a capitalised word, so an
    opening such as "Smith — who ..." is left alone; a place in capitals, a date or an agency always counts.
    """
    match = _DATELINE.match(text)
    if not match:
        return 0
    place = match.group("place")
    if len(place.strip()) < 3 and not match.group("date") and not match.group("agency"):
        return 0  # "T - Mobile has announced": a name with a spaced hyphen, not a place
    if any(len(word) > 1 and word.isupper() for word in re.findall(r"[A-Za-z]+", place)):
        return match.end()
    if match.group("date") or match.group("agency"):
        return match.end()
    following = text[match.end() : match.end() + 1]
    return match.end() if following.isupper() else 0


@lru_cache(maxsize=8192)  # a sentence is tested as written, compressed, and again in every copy of its article
def has_main_verb(text: str) -> bool:
    """Whether ``text`` has a finite verb outside its relative clauses and brackets.

    A cheap test, no parser: a lower-case auxiliary, irregular past tense, or word ending in "-ed" or "-s" that
    does not follow a determiner counts. It exists to catch fragments such as "Jo Bell, who runs the bakery on
    Quay Row." or "Jo Bell, lead engineer at the firm.", which are a subject without its predicate.
    """
    tokens = _TOKEN.findall(_RELATIVE.sub(" ", text))
    before = ""
    for word in tokens:  # most sentences show a verb early: the words after it are not lower-cased or tested
        if is_verb(word, before, present=True):
            return True
        before = word.lower()
    pairs = _token_pairs(tokens)
    # "The Republicans currently hold", "These require": adverbs in between are skipped.
    words = [word for _, word in pairs if not (word.islower() and word.endswith("ly"))]
    return bool(words) and (
        (words[0].lower() in _PRONOUN_DETERMINERS and len(words) > 1 and _plain_word(words[1]))
        or any(_after_plural_subject(word, before.lower()) for before, word in itertools.pairwise(words))
    )


def has_sure_verb(text: str) -> bool:
    """Whether ``text`` holds a word the cheap test is sure is a finite verb: an auxiliary, an irregular past tense,
    a word in "-ed" (not one in "-s", which plural nouns share: "A delegation of legislators")."""
    return any(is_verb(word, before, present=False) for before, word in _pairs(text))


# Words that follow a plural noun without being its verb ("areas of", "sides and").
_FUNCTION_WORDS = frozenset(
    """of in on at to for from with by via and or but as than that which who whom whose where when while if about
    into over under after before between against during without within across among near the a an this these
    those its his her their our your my not also only just even still behind beyond beneath beside toward towards
    despite throughout inside outside amid amidst along around upon onto since until per versus""".split()
)
# Before a hyphen, the prefixes of verbs ("re-elected", "co-founded"); other hyphenated words ending in "-ed" or
# "-s" are adjectives and nouns ("high-powered", "state-owned", "follow-ups").
_VERB_PREFIXES = frozenset("re co pre de un over under out mis dis sub inter".split())


# Determiners that open a sentence as its subject: "These require ...", "Both deny ...".
_PRONOUN_DETERMINERS = frozenset("these those both others".split())


def _plain_word(word: str) -> bool:
    return word.isalpha() and word.islower() and word not in _FUNCTION_WORDS and word not in _NOT_VERBS


def _after_plural_subject(word: str, before: str) -> bool:
    """A present-tense verb after a plural subject: "Those areas cover ...", "Many Arabs know ..."."""
    return (
        _plain_word(word)
        and before.endswith("s")
        and not before.endswith(("ss", "us", "is"))
        and len(before) > 3
        and before not in _DETERMINERS
    )


_TOKEN = re.compile(r"[\w'’-]+")


def _pairs(text: str) -> list[tuple[str, str]]:
    return _token_pairs(_TOKEN.findall(text))


def _token_pairs(tokens: list[str]) -> list[tuple[str, str]]:
    """Each token with the one before it, lower-cased ("" before the first)."""
    return list(zip([""] + [t.lower() for t in tokens[:-1]], tokens))


def is_verb(word: str, before: str, *, present: bool) -> bool:
    """Whether ``word`` (as written) can be a finite verb after ``before`` (lower-cased, "" at the start)."""
    word = word.replace("’", "'")
    # Every contraction holds an apostrophe: most words need no pattern run.
    if ("'" in word and _CONTRACTED_VERB.search(word.lower())) or (not before and word.lower() in AUXILIARIES):
        return True  # "I've", "they're"; a question opening with "Is" or "Has"
    if not word.islower():
        return False
    if word in AUXILIARIES or word in IRREGULAR_PAST:
        return True
    if "-" in word and word.split("-", 1)[0] not in _VERB_PREFIXES:
        return False
    if before in _SUBJECT_PRONOUNS:
        return not word.endswith("ly")
    if word in _NOT_VERBS or before in _DETERMINERS:
        return False
    if len(word) > 3 and word.endswith("ed"):
        return True
    return (
        present
        and len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and not before.isdigit()
        and len(before) != 1  # after an initial, a noun: "U.S. investors"
    )
