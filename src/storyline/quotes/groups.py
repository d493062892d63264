"""Speakers that are groups or speak for someone: people named together, "a spokeswoman for X", "Clinton's
lawyers", and "they", "he" or "she" going on from the attribution before."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from storyline.quotes.marks import inside_quotation
from storyline.quotes.people import HONORIFICS

# Nouns for people who speak on behalf of the person or organisation the phrase names ("a spokesman for the union",
# "Clinton's lawyers", "NRA officials"); "adviser" or "critic" speak for themselves.
SPEAKS_FOR = set(
    """
    spokesman spokeswoman spokesperson spokesmen spokeswomen spokespeople representative representatives lawyer
    lawyers attorney attorneys campaign office officials official aides aide staff staffers team statement
    """.split()
)
# What an organisation says through: "a Quinnipiac University poll", "a USA TODAY analysis".
PUBLISHED_BY = set(
    """
    poll polls survey study analysis report review audit memo statement ad video letter complaint filing document
    documents lawsuit declaration story article editorial email recording transcript data estimate estimates
    calculation calculations projection projections forecast forecasts
    """.split()
)
# A partner joined to an organisation's name by a slash or hyphen: "Reuters/Ipsos", "Associated Press-GfK".
_JOINED = re.compile(r"[/\-][A-Z][\w&.]*(?: [A-Z][\w&.]*)*")
# Words that say a subject is several people: "officials", "Grassley and Leahy", "Democrats".
_PLURAL_HEAD = re.compile(r"(?:[^s]s|people|men|women|staff|police)$")
# Trailing words after names spoken together: "X, Y and Z all", "both".
_TRAILING_QUANTIFIER = re.compile(r"\s+(?:all|both|each|too|also)$")


@dataclass(slots=True)
class Said:
    """The attribution before, as far as a pronoun that goes on from it needs: where, who, and how many."""

    paragraph: int
    speaker_name: str | None
    plural: bool
    organisation: bool


def without_quantifier(span: str) -> str:
    return _TRAILING_QUANTIFIER.sub("", span.strip(" ,"))


def is_plural(span: str, speaker_name: str | None) -> bool:
    """Whether a speaker span names several people: names joined by "and", or a plural head noun."""
    if " and " in span or (speaker_name and " and " in speaker_name):
        return True
    words = re.findall(r"[A-Za-z]+", span.split(",")[0])
    cut = next((i for i, w in enumerate(words) if w.lower() in {"for", "of", "at", "with", "from", "in"}), len(words))
    head = words[cut - 1].lower() if cut else ""
    return bool(head) and not words[cut - 1][:1].isupper() and bool(_PLURAL_HEAD.search(head))


def represented(names, start: int, end: int, head: str | None) -> str | None:
    """The name of the organisation (else person) a speaker phrase speaks for: "a spokeswoman for the ministry" ->
    the ministry, "Clinton's lawyers" -> Clinton, "a Quinnipiac University poll" -> Quinnipiac University; None when
    the head noun is not one that speaks for someone."""
    if head in SPEAKS_FOR:
        inside = names.in_span(start, end)
        possessor = next((n for n in inside if n.kind == "person" and _owns(names, n, start, end)), None)
        named = (
            possessor
            or next((n for n in inside if n.kind == "organisation"), None)
            or next((n for n in inside if n.kind == "person"), None)
        )
        return named.fullest if named else None
    if head in PUBLISHED_BY:  # only an organisation, with its partners: "a CNN/ORC poll"
        for (a, b), name in sorted(names.mention_spans()):
            if start <= a and b <= end and name.kind == "organisation":
                at = b - 1 if names.text[b - 1] in "/-" else b  # the recogniser may have kept the slash
                joined = _JOINED.match(names.text, at, end)
                return name.fullest.rstrip("/-") + (joined.group() if joined else "")
        return _maker_after(names, end)
    return None


def _owns(names, person, start: int, end: int) -> bool:
    """Whether a person is the possessor in a speaker phrase: "House Speaker Ada Lund's office"."""
    return any(
        start <= a
        and b <= end
        and mentioned is person
        and (names.text[b : b + 2] in ("'s", "’s") or names.text[a:b].endswith(("'s", "’s")))
        for (a, b), mentioned in names.mention_spans()
    )


# What names a document's maker after it: "a 46-page analysis released by the Department of ...",
# "released by", "released in September by", "reported previously by", "filed in federal court by".
_MADE_BY = re.compile(
    r",?\s+(?:[a-z]+(?:ed|en)|made|sent|run|led|done|paid|put)\s+"
    r"(?:(?:[a-z]+ly|[A-Z][a-z]+day|(?:in|on|last|this) (?:[a-z]+ )?[A-Za-z]+)\s+){0,2}by\s+"
)


def _maker_after(names, end: int) -> str | None:
    """The organisation (else person) named right after "by" that follows a document: "a study released by X"."""
    made_by = _MADE_BY.match(names.text, end)
    if made_by is None:
        return None
    at = made_by.end()
    starts = (at, at + 4) if names.text[at : at + 4].lower() == "the " else (at,)
    makers = [(name.kind != "organisation", name) for (a, _), name in names.mention_spans() if a in starts]
    makers = [maker for maker in makers if maker[1].kind in ("organisation", "person")]
    return min(makers, key=lambda maker: maker[0])[1].fullest if makers else None


def goes_on(pronoun: str, previous: Said | None, paragraph: int, person_fits) -> str | None:
    """The speaker a pronoun subject goes on from: the attribution just before, in this paragraph or the one
    before, when it fits ("they" a group or several people, "it" an organisation, "he"/"she" a person of that
    gender, checked by ``person_fits``)."""
    if previous is None or previous.speaker_name is None or paragraph - previous.paragraph > 1:
        return None
    if pronoun == "they":
        return previous.speaker_name if previous.plural or previous.organisation else None
    if pronoun == "it":
        return previous.speaker_name if previous.organisation and not previous.plural else None
    if pronoun in ("he", "she"):
        return previous.speaker_name if not previous.plural and person_fits(previous.speaker_name) else None
    return None


FIRST_PERSON = frozenset({"i", "we"})


def quoted_first_person(founds: list, resolved: list[tuple], is_person, text: str) -> list[tuple]:
    """ "I" or "we" as a speaker stands inside someone's quotation (a mark the reader does not know, a quotation
    running on): it is the speaker of the nearest attribution in its paragraph that names one, when there is one;
    "I" only a person (``is_person`` of a name), and only inside quotation marks (outside them it is the writer's)."""
    out = list(resolved)
    for index, (found, (speaker, _, _)) in enumerate(zip(founds, resolved)):
        if (speaker or "").lower() not in FIRST_PERSON:
            continue
        if speaker.lower() == "i" and not inside_quotation(text, found.speaker[0]):
            continue
        others = [
            (abs(other.start - found.start), who)
            for other, who in zip(founds, resolved)
            if other.paragraph == found.paragraph
            and who[1]
            and (who[0] or "").lower() not in FIRST_PERSON
            and (speaker.lower() == "we" or is_person(who[1]))
        ]
        if others:
            _, (_, name, role) = min(others, key=lambda item: item[0])
            out[index] = (speaker, name, role)
    return out


# Where the names spoken together end: a relative clause, a dash, "both", "all".
_LIST_ENDS = re.compile(r",\s+(?:who|which|whose|both|all|each)\b|\s+(?:--|—|–|―)\s+")
_CONJUNCTS = re.compile(r",\s+and\s+|\s+and\s+|,\s+")
# Words in lower case that may stand before a name in a list of people: "former Maryland Gov. Martin O'Malley".
_BEFORE_NAME = frozenset("former retired late then-sen. the of".split())


# What may follow a name that ends a part of a list: a party-state tag, "of Texas", "Jr.".
_NAME_ENDS = re.compile(r"\s*(?:\([^)]*\)?|of\s+[A-Z][\w.\- ]*|Jr\.?|Sr\.?|I{2,3})?\s*")


# What joins two people named together: "Crapo and Jim Risch", "Obama, Clinton and ...", "Toomey and Sen. Kelly
# Ayotte".
_JOINS_PEOPLE = re.compile(r"(?:['’]s)?(?:,? and|,) ((?:[A-Z][a-z]*\.? )*)")
# How far before "they" the people it goes to may be named: about the sentence before.
THEY_REACH = 300


def named_together(names, at: int) -> tuple[int, str] | None:
    """Where and who "they" at ``at`` may be: the last people named together shortly before it ("Take Sens. Mike
    Crapo and Jim Risch. Last week, they endorsed ..."), each by the fullest name the article gives them."""
    people = names.people_between(max(0, at - THEY_REACH), at)
    chain: list = []
    together = None
    for (first, one), (second, other) in itertools.pairwise(people):
        forms = sorted({w for v in one.variants for w in (v, v.split()[-1])}, key=len, reverse=True)
        form = next((f for f in forms if names.text.startswith(f, first)), None)
        join = _JOINS_PEOPLE.fullmatch(names.text[first + len(form) : second]) if form else None
        if one is other or join is None or any(t.lower().rstrip(".") not in HONORIFICS for t in join.group(1).split()):
            chain = []
            continue
        chain = (chain or [(first, one)]) + [(second, other)]
        if "and" in join.group():  # "X, Y and Z", not "endorse Clinton, Ada Lund said"
            together = chain
    if together is None:
        return None
    return together[0][0], " and ".join(person.fullest for _, person in together)


def listed_people(names, span: str, start: int) -> str | None:
    """ "Toomey and Sen. Kelly Ayotte (R-N.H.)", "Ted Cruz of Texas and Marco Rubio of Florida": people named
    together, each with titles, a tag or an "of" place, all of them, or None unless every part names a person."""
    head = without_quantifier(_LIST_ENDS.split(span)[0])
    parts = _CONJUNCTS.split(head)
    if len(parts) < 2 or " and " not in head:
        return None
    people, at = [], start
    for part in parts:
        begin = names.text.find(part, at)
        if begin < 0:
            return None
        at = begin + len(part)
        mentions = sorted(
            (a, n) for (a, b), n in names.mention_spans() if begin <= a and b <= at and n.kind == "person"
        )
        if mentions:
            first, person = mentions[0]
            last = max(b for (a, b), n in names.mention_spans() if begin <= a and b <= at and n is person)
            if not _NAME_ENDS.fullmatch(names.text[last:at]):
                return None  # "Jeff Weaver, Sanders' campaign manager": a role, not a list
        else:  # a surname the recogniser missed, when the article names that person
            word = re.match(r"[A-Z][\w'’\-]+", part.split(" of ")[0].split()[-1]) if part.split() else None
            person = names.by_surname(word.group()) if word else None
            first = begin + part.rfind(word.group()) if person else begin
        titles = names.text[begin:first].split()
        if person is None or any(w.islower() and w not in _BEFORE_NAME and w not in HONORIFICS for w in titles):
            return None
        if person not in people:
            people.append(person)
    return " and ".join(person.fullest for person in people) if len(people) >= 2 else None
