"""Rule-based sentence compression and stand-alone checks.

A compression is a list of ``(start, end)`` spans of the sentence that are kept, so a shortened sentence stays
a faithful, traceable selection of the source's own words. The rules drop material that rarely carries the
news: lead datelines ("PORT ELLISON, March 5 (Wire Agency) — "), parentheticals, trailing attribution clauses
(", officials said Tuesday."), weekday time stamps ("on Friday"), short appositives after a name (", a former
finance minister,") and opening connectives ("But", "However,"). A compression must keep a main verb: one that
would leave only a subject and its relative clause ("Jo Bell, who runs the bakery.") is not offered.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

_WEEKDAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:night|morning|afternoon|evening))?"
)
_WEEKDAY_WORD = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_SPEECH = r"(?:said|says|told|added|reported|announced|declared|stated|according\s+to)"
_SPEECH_WORDS = frozenset("said says told added reported announced declared stated according".split())

# "(...)" and "[...]" asides.
_PARENTHETICAL = re.compile(r"\s*[(\[][^()\[\]]{1,200}[)\]]")
# ", officials told reporters on Friday." at the very end: a speech verb within the clause's first words. Only
# an unnamed speaker is dropped ("officials said", "he said"): a named one tells the reader whose claim it is.
_TRAILING_ATTRIBUTION = re.compile(
    rf",\s+(?:[^\s,;:]+\s+){{0,8}}{_SPEECH}\b(?:\s+[^\s;:]+){{0,9}}(?=[.!?][\"'”’]*\s*$)"
)
# The same after a quotation: '"...," Governor Lena Ruiz told reporters.' (named speakers included).
_QUOTE_ATTRIBUTION = re.compile(
    rf"[,.?!][\"'”’]\s+(?:[^\s,;:]+\s+){{0,8}}{_SPEECH}\b(?:\s+[^\s;:]+){{0,9}}(?=[.!?][\"'”’]*\s*$)"
)
# "<speaker> said (that) <claim>" at the start of a sentence.
_LEADING_SPEECH = re.compile(rf"^(?P<speaker>[^\"“]{{1,200}}?)\s+{_SPEECH}(?:\s+that)?\s+(?=\S)")
# "on Friday", "late Sunday night", "said Tuesday": a weekday stamp adds nothing a reader of a summary needs.
_WEEKDAY_STAMP = re.compile(rf",?\s+(?:(?:on|late|early)\s+{_WEEKDAY}|(?<=said|told)\s+{_WEEKDAY})\b")
# ", a former finance minister," right after a capitalised word.
_APPOSITIVE = re.compile(r"\b[A-Z][\w'’.-]*(?P<drop>,\s+(?:a|an|the)\s+[a-z0-9][^,;:()]{2,70},)(?=\s)")
# Opening connectives that point back at a sentence the reader has not seen.
_CONNECTIVE = re.compile(
    r"^(?:But|And|Yet|So|Still|However|Meanwhile|Also|Instead|Nevertheless|Nonetheless|Moreover|Furthermore|"
    r"In addition|Besides|Even so|In turn|Then|Otherwise|Likewise|Similarly|Thus|Therefore)\b,?\s+(?=\S)"
)
# A lead dateline: a place in capitals or Title case ("PORT ELLISON", "Ottawa", "SAN JOSE, Calif."), an optional
# date ("March 5", "5 March", "Mar. 5, 2026"), an optional agency in brackets, then a dash. What follows starts
# like a sentence.
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATELINE = re.compile(
    r"(?P<place>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|del|la|le|du|al|el|am|upon|on|of)){0,3}"
    r"(?:,\s+[A-Z][A-Za-z]*\.?(?:\s+[A-Z][A-Za-z]*\.?)?)?)"
    rf"(?P<date>,?\s+(?:{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?))?"
    r"(?P<agency>\s*\([^()]{1,60}\))?"
    r"\s*(?:[—–―]|\s-{1,2}|\s_)\s*(?=[\"'“‘A-Z0-9])"
)

# Words that make a clause finite: auxiliaries and modals, and common irregular past tenses (regular ones end in
# "-ed"). Present-tense verbs ending in "-s" count too where a main verb is looked for, not where an
# attribution's tail is checked for a clause of its own.
_AUXILIARIES = frozenset(
    """
    is are was were am be been has have had do does did will would shall should can could may might must
    isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't can't cannot couldn't
    shouldn't mustn't
    """.split()
)
_IRREGULAR_PAST = frozenset(
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
_RELATIVE_AFTER = re.compile(r"\s*(?:who|whom|whose|which|where)\b")
_NEGATION = frozenset({"not", "never", "n't", "also", "earlier", "previously", "later", "already"})
# After a speech verb, these start a clause of their own ("said that ...", "told them whether ...").
_COMPLEMENTISERS = frozenset({"that", "whether", "if", "how", "why", "what", "when", "who"})

# Openings that lean on an antecedent in an earlier sentence ("He said", "This was", "They").
_DANGLING_OPENING = re.compile(
    r"^[\"'“‘]?(?:He|She|It|They|Them|His|Her|Hers|Its|Their|This|That|These|Those|Such|Both|The two|"
    r"The latter|The former|The (?:notion|idea|move|remarks?|comments?|suggestion)|Another|Other|Others|"
    r"There|Here)\b(?!\s*[-–—]?\s*[A-Z][a-z]+\s+(?:said|says))"
)


# "..., he said, ..." and '"...," she said.' with no name for the speaker.
_PRONOUN_SPEAKER = re.compile(
    r"(?:^|[,;:!?][\"'”’]*\s*)(?:he|she|they|He|She|They)\s+"
    r"(?:said|says|told|added|asked|explained|insisted|warned|noted|continued|replied|wrote)\b"
)
# First- and second-person words outside quotation marks: a quote whose speaker the sentence does not name.
_PERSONAL = re.compile(r"\bI\b|\b(?:[Mm]e|[Mm]y|[Mm]ine|[Ww]e|us|[Oo]urs?|[Yy]ou|[Yy]ours?)\b")
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
# A sentence cut short at an abbreviation ("for the government's No.", "president, F.W.") or a list item
# ("1981:").
_CUT_SHORT = re.compile(r"(?:\b(?:No|Nos|Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|St|Lt|Col|Jr|Sr|Inc|Co|Corp|Ltd)|\b[A-Z]\.)$")
_LIST_ITEM = re.compile(r"^\W*(?:\d{1,4}(?:\s*[-–]\s*\d{1,4})?|[a-z])\s*[:)]")  # "3)", "1990-92:"
# A sentence ends with a full stop, question or exclamation mark, perhaps inside quotes or brackets; captions
# and headings do not.
_ENDED = re.compile(r"[.!?][\"'”’)\]]*$")


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


def opening(text: str) -> int:
    """Length of what a summary drops at the start of a sentence: a dateline, then an opening connective."""
    cut = dateline(text)
    return cut + opening_connective(text[cut:])


@lru_cache(maxsize=8192)  # a sentence is tested as written, compressed, and again in every copy of its article
def has_main_verb(text: str) -> bool:
    """Whether ``text`` has a finite verb outside its relative clauses and brackets.

    A cheap test, no parser: a lower-case auxiliary, irregular past tense, or word ending in "-ed" or "-s" that
    does not follow a determiner counts. It exists to catch fragments such as "Jo Bell, who runs the bakery on
    Quay Row." or "Jo Bell, lead engineer at the firm.", which are a subject without its predicate.
    """
    pairs = _pairs(_RELATIVE.sub(" ", text))
    if any(_is_verb(word, before, present=True) for before, word in pairs):
        return True
    # "The Republicans currently hold", "These require": adverbs in between are skipped.
    words = [word for _, word in pairs if not (word.islower() and word.endswith("ly"))]
    return bool(words) and (
        (words[0].lower() in _PRONOUN_DETERMINERS and len(words) > 1 and _plain_word(words[1]))
        or any(_after_plural_subject(word, before.lower()) for before, word in itertools.pairwise(words))
    )


def has_sure_verb(text: str) -> bool:
    """Whether ``text`` holds a word the cheap test is sure is a finite verb: an auxiliary, an irregular past tense,
    a word in "-ed" (not one in "-s", which plural nouns share: "A delegation of legislators")."""
    return any(_is_verb(word, before, present=False) for before, word in _pairs(text))


# Words that follow a plural noun without being its verb ("areas of", "sides and").
_FUNCTION_WORDS = frozenset(
    """of in on at to for from with by via and or but as than that which who whom whose where when while if about
    into over under after before between against during without within across among near the a an this these
    those its his her their our your my not also only just even still""".split()
)


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


def opens_with_quote(text: str) -> bool:
    """Whether ``text`` opens with a quotation, which should not open a summary."""
    return text[opening(text) :].lstrip()[:1] in "\"'“‘" and bool(text.strip())


def _pairs(text: str) -> list[tuple[str, str]]:
    tokens = re.findall(r"[\w'’-]+", text)
    return list(zip([""] + [t.lower() for t in tokens[:-1]], tokens))


def _is_verb(word: str, before: str, *, present: bool) -> bool:
    """Whether ``word`` (as written) can be a finite verb after ``before`` (lower-cased, "" at the start)."""
    word = word.replace("’", "'")
    if _CONTRACTED_VERB.search(word.lower()) or (not before and word.lower() in _AUXILIARIES):
        return True  # "I've", "they're"; a question opening with "Is" or "Has"
    if not word.islower():
        return False
    if word in _AUXILIARIES or word in _IRREGULAR_PAST:
        return True
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
    )


def _is_attribution(clause: str) -> bool:
    """Whether a trailing ", <speaker> said <when>." clause only names its source.

    It does not when nothing but auxiliaries stand before the speech verb (", has not said whether ...":
    the subject is the sentence's own) or when a clause of its own follows it (", said the damage was ...").
    """
    tokens = re.findall(r"[\w'’-]+", clause)
    verb = next((k for k, t in enumerate(tokens) if t in _SPEECH_WORDS), None)
    if verb is None:
        return False
    speaker, tail = [t.lower() for t in tokens[:verb]], tokens[verb + 1 :]
    if speaker and all(t in _AUXILIARIES or t in _NEGATION for t in speaker):
        return False
    if any(t.lower() in _COMPLEMENTISERS for t in tail):
        return False
    tail_pairs = list(zip([tokens[verb].lower()] + [t.lower() for t in tail[:-1]], tail))
    return not any(_is_verb(word, before, present=False) for before, word in tail_pairs)


def opening_connective(text: str) -> int:
    """Length of an opening connective such as "But " or "However, " (0 when there is none)."""
    match = _CONNECTIVE.match(text)
    return match.end() if match else 0


def stands_alone(text: str) -> bool:
    """Whether a sentence can be read without the one before it.

    Sentences opening with a pronoun or demonstrative ("He said", "This is"), a lower-case word or a closing
    quote (a fragment of a split quotation) cannot, nor captions and headings (no final full stop), sentences
    cut short at an abbreviation, list items, nor those whose speaker is only a pronoun (", he said") or that
    speak in the first or second person outside quotation marks (a quote that lost its marks or its speaker).
    """
    body = text[opening(text) :]
    if not body or text[0].islower():
        return False
    body = body[0].upper() + body[1:]
    if body[0] in ",;:)]”’" or _LIST_ITEM.match(body) or not _ENDED.search(body):
        return False
    if _CUT_SHORT.search(body.rstrip("\"'”’").rstrip(".")):
        return False
    if _DANGLING_OPENING.match(body) or _PRONOUN_SPEAKER.search(body):
        return False
    return _PERSONAL.search(_QUOTED.sub(" ", body)) is None


def claim(text: str) -> str:
    """What a sentence reports, without the dateline and without who reported it.

    "Nobody was hurt, the fire service said." claims "Nobody was hurt"; "Jo Bell, the harbour master, said the
    channel was closed." claims "the channel was closed". Citations check the claim, so that an article
    that only names the same speaker does not pass for one that says the same thing.
    """
    body = text[dateline(text) :]
    for pattern in (_QUOTE_ATTRIBUTION, _TRAILING_ATTRIBUTION):
        match = pattern.search(body)
        if match and _is_attribution(match.group()[1:].lstrip("\"'”’")):
            return body[: match.start() + 1]
    match = _LEADING_SPEECH.match(body)
    if (
        match
        and not has_main_verb(match.group("speaker"))
        and not re.search(r"\b(?:who|which|that)$", match.group("speaker"))
    ):
        return body[match.end() :]
    return body


def removable_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that a compressed version may drop, not overlapping, in order."""
    spans = [(0, opening(text))] if opening(text) else []
    for pattern in (_PARENTHETICAL, _TRAILING_ATTRIBUTION, _WEEKDAY_STAMP, _APPOSITIVE):
        for match in pattern.finditer(text):
            span = match.span("drop") if "drop" in pattern.groupindex else match.span()
            if pattern is _TRAILING_ATTRIBUTION and (
                _names_someone(match.group()) or not _is_attribution(match.group())
            ):
                continue
            if pattern is _APPOSITIVE and _RELATIVE_AFTER.match(text, span[1]):
                # "Aske Road, the club's home, which holds ..." keeps the comma before its relative clause.
                span = (span[0], span[1] - 1)
            if span[1] > span[0]:
                spans.append(span)
    return _merge(spans)


def shorten(text: str, drop: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Text of ``text`` without the ``drop`` spans, with its first letter capitalised, and the kept spans."""
    kept: list[tuple[int, int]] = []
    cursor = 0
    for start, end in _merge(drop):
        if start > cursor:
            kept.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < len(text):
        kept.append((cursor, len(text)))
    result = re.sub(r"\s+([,.;:!?])", r"\1", " ".join(" ".join(text[a:b].split()) for a, b in kept if b > a))
    result = re.sub(r"\s{2,}", " ", result).strip()
    if result and result[0].islower():
        result = result[0].upper() + result[1:]
    return result, kept


def _names_someone(clause: str) -> bool:
    return any(word[0].isupper() for word in _WEEKDAY_WORD.sub(" ", clause).split()[1:])


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
