"""Speakers resolved inside one article: a surname, "he"/"she" or a role to the fullest name the article gives.

Names come from the parser's person and organisation mentions. People are grouped by surname, so "Lighthizer"
is "Robert Lighthizer" wherever the article names him in full; a pronoun goes to the person last named before
it; a role ("the minister") goes to the person the article gave that role, else stays a role.
"""

from __future__ import annotations

import re

from storyline.quotes.extract import Found
from storyline.quotes.groups import (
    PUBLISHED_BY,
    Said,
    goes_on,
    is_plural,
    listed_people,
    named_together,
    represented,
    without_quantifier,
)
from storyline.quotes.marks import inside_quotation
from storyline.quotes.name_forms import POSSESSIVE, Name, clean_name
from storyline.quotes.names import GROUP_PRONOUNS, PERSONAL_PRONOUNS, ArticleNames
from storyline.quotes.nearby import ends_with_title, name_after_role, person_after, person_before_tag
from storyline.quotes.role_names import named_later_with_role, organisation_called
from storyline.quotes.roles import (
    BODY_NOUNS,
    DETERMINERS,
    GROUP_NOUNS,
    RELATIVES,
    body_reference,
    first_role,
    head_noun,
    name_head,
    role_in_span,
    without_determiners,
)


def resolve(
    found: Found, names: ArticleNames, previous: Said | None = None
) -> tuple[str | None, str | None, str | None]:
    """``(speaker, speaker_name, speaker_role)`` of one attribution; ``previous`` is the attribution before it."""
    if found.speaker is None:
        return None, None, None
    start, end = found.speaker
    span = names.text[start:end].strip()
    lower = span.lower()
    if lower == "i" and not inside_quotation(names.text, start):  # the writer's own voice, not the person named last
        return span, names.own_voice(start), None
    if lower in PERSONAL_PRONOUNS:
        name = names.last_person_before(start, lower)
        went_on = goes_on(lower, previous, found.paragraph, lambda fullest: names.fits(fullest, lower, name))
        subject = names.sentence_subject(start, lower, went_on) if went_on else None
        if subject is not None and subject.fullest != went_on:
            return span, subject.fullest, first_role(subject)  # "Kasich took another tack. '...,' he said"
        if went_on:
            return span, went_on, first_role(names.named(went_on))
        return span, (name.fullest if name else None), (first_role(name) if name else None)
    if lower in GROUP_PRONOUNS:
        went_on = goes_on(lower, previous, found.paragraph, lambda fullest: False)
        group = names.last_group_before(start)
        together = named_together(names, start) if lower == "they" else None
        if together is not None and (group is None or together[0] > group[0]):
            return span, went_on or together[1], None  # "Sens. Ada Lund and Jim Risch. Last week, they ..."
        return span, went_on or (group[1].fullest if group else None), None
    tagged = person_before_tag(names, start, end)
    if tagged is not None:  # the parser took a party tag for the speaker: "Gov. Ada Brandt (R-OH)"
        return span, tagged.fullest, first_role(tagged)
    if ends_with_title(span, names.text, end) and not any(n.kind == "person" for n in names.in_span(start, end)):
        titled = person_after(names, end)  # the parser took the title alone: "Del. Stacey Plaskett", "Navy Capt."
        if titled is not None:
            return span, titled, span
    inside = names.in_span(start, end, heads_only=True)
    related = head_noun(span) in RELATIVES and _opens_with_relation(span)
    if related and any(n.kind == "person" for n in names.in_span(start, end)):
        return span, None, without_determiners(span)  # "the ex-wife of Alan Grayson": a relative, not Grayson
    people = list({id(n): n for n in inside if n.kind == "person"}.values())
    together = without_quantifier(span)
    if len(people) >= 2 and (_COORDINATED.match(together) or _COORDINATED.match(span.split(", ")[0])):
        # "Jeb Bush and Hillary Clinton", "X (D-Ore.), Y (D-Ohio) and Z all"
        people.sort(key=lambda n: min(span.find(v) % (len(span) + 1) for v in n.variants))
        return span, " and ".join(n.fullest for n in people), None
    listed = listed_people(names, span, start)
    if listed is not None:  # "Toomey and Sen. Kelly Ayotte (R-N.H.)", "Ted Cruz of Texas and Marco Rubio of Florida"
        return span, listed, None
    cut = names.organisation_ending(start, end)  # "the Clinton Foundation" is not Clinton
    before_organisation = inside if cut is None else names.in_span(start, cut, heads_only=True)
    person = next((n for n in before_organisation if n.kind == "person"), None)
    after_role = name_after_role(span) if person is None else None
    if after_role is not None:  # a name the recogniser missed after its role: "One delegate on the X slate, Ada Lund"
        role = without_determiners(after_role[1])
        return span, clean_name(after_role[0], "person"), role or None
    if person is None:
        words = names.text[start : end if cut is None else cut].split()
        words = [w.strip(",.;:") for w in words if not POSSESSIVE.search(w)]  # not "Trump's adviser"
        person = next((names.by_surname(w) for w in words if w[:1].isupper() and names.by_surname(w)), None)
        if person is not None and _modifying_place(names, person, start, end):
            person = None  # "a New Hampshire Democrat": the place, which the recogniser took for a person elsewhere
    if person is not None:
        own_role = role_in_span(span, person)
        return span, person.fullest, own_role or first_role(person)
    if head_noun(span) not in (None, *PUBLISHED_BY) and not span.split()[-1][:1].isupper():
        named = person_after(names, end, apposition=True)  # "her senior adviser, Jake Sullivan, said"
        if named is not None:
            return span, named, without_determiners(span)
    other = next((n for n in inside if n.kind == "organisation" and _heads(names.text, n, start, end)), None)
    if other is None and inside and inside[0].fullest.lower() == clean_name(span, "place").lower():
        other = inside[0]  # "Washington said": a place standing for its government
    if other is not None:
        return span, other.fullest, None
    spoken_for = represented(names, start, end, head_noun(span))
    if spoken_for is not None:  # "a spokeswoman for the ministry", "Clinton's lawyers"
        # A document is no one's role: "a report from the agency" is the agency's, without a role.
        role = without_determiners(span) if head_noun(span) not in PUBLISHED_BY else None
        return span, spoken_for, role or None
    words = span.split()
    if _body_name(words):  # a body's name the recogniser missed: "Kestrel Valley Fire and Rescue Service"
        return span, clean_name(span, "organisation"), None
    if 2 <= len(words) <= 5 and all(w[:1].isupper() for w in words):
        if words[0].lower() == "the":  # "The National Rifle Association"
            return span, clean_name(span, "organisation"), None
        cleaned = clean_name(span, "person")  # a name the parser did not tag: "Mayor Agnes Pirrie"
        if len(cleaned.split()) >= 2:
            return span, cleaned, " ".join(words[: len(words) - len(cleaned.split())]) or None
    head = head_noun(span)
    if head:  # "the Democratic nominee" is a nominee whose role says "Democratic"
        name = names.with_role(head, start, tuple(w for w in span.split()[1:] if w[:1].isupper()))
        if name is not None:
            return span, name.fullest, first_role(name)
        later = named_later_with_role(names, span, start)
        if later is not None:
            return span, later.fullest, first_role(later)
        reference = body_reference(span)  # "the (city) council"
        body = organisation_called(names, *reference, at=start) if reference else None
        if body is not None:  # "Harrowgate City Council said ... according to the council"
            return span, body.fullest, None
    role = without_determiners(span) if head else None
    return span, None, role or None


# Two or more capitalised names joined by "and" (or commas), with their titles: the speakers speak together.
_NAME_WORDS = r"[A-Z][\w.'’\-]*(?: \([\w.\-]+\))?(?: [A-Z][\w.'’\-]*(?: \([\w.\-]+\))?)*"
_COORDINATED = re.compile(rf"^{_NAME_WORDS}(?:(?:,| and|, and) {_NAME_WORDS})+$")


def _body_name(words: list[str]) -> bool:
    """A name of capitalised words joined by "and", "of" or "for" and headed by a body's noun, the last word before
    any "of": "Kestrel Valley Fire and Rescue Service", "Northmere Chamber of Commerce" (not "Friends of X")."""
    inner = words[1:-1]
    if not (3 <= len(words) <= 8 and words[0][:1].isupper() and words[-1][:1].isupper()):
        return False
    if not any(w in _NAME_JOINERS for w in inner) or not all(w[:1].isupper() or w in _NAME_JOINERS for w in inner):
        return False
    return name_head(words) in BODY_NOUNS


_NAME_JOINERS = frozenset({"and", "of", "for", "&"})


def _opens_with_relation(span: str) -> bool:
    """Whether a span opens with its relation, not with the relative's own name: "the wife of X", "Smith's widow",
    not "Jane Doe, the wife of X"."""
    first = next((w for w in span.split() if w.lower() not in DETERMINERS), "")
    return not first[:1].isupper() or bool(POSSESSIVE.search(first))


def _modifying_place(names: ArticleNames, person: Name, start: int, end: int) -> bool:
    """Whether a place of the same name as ``person`` modifies a noun in the span: "a New Hampshire Democrat"."""
    text = names.text
    return any(
        name.kind == "place" and name.fullest == person.fullest and b < end and text[b] == " " and text[b + 1].isalnum()
        for (a, b), name in names.mention_spans()
        if start <= a and b <= end
    )


def _heads(text: str, name: Name, start: int, end: int) -> bool:
    """An organisation heads a speaker span when the span ends with it or it stands before a comma: "the NRA", not
    "Canada's chief NAFTA negotiator"."""
    span = text[start:end].rstrip(" ,")
    return any(span.endswith(v) or (v + ",") in span for v in name.variants)


def said(found: Found, speaker: str, speaker_name: str | None, names: ArticleNames) -> Said:
    """What a pronoun in the next attribution may go on from."""
    named = names.named(speaker_name) if speaker_name else None
    # "Ada Lund's campaign said ...": a body that speaks for a person is an "it" too
    organisation = bool(named and (named.kind == "organisation" or head_noun(speaker) in GROUP_NOUNS))
    # "Nefzi, a chemistry professor and a member of the board" is one person: the "and" of an appositive is not his
    head = speaker.split(",")[0] if named is not None and named.kind == "person" else speaker
    return Said(found.paragraph, speaker_name, is_plural(head, speaker_name), organisation)
