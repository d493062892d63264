"""The people and organisations one article names: their fullest forms, genders, roles and where each is
mentioned, for a speaker phrase, a surname or a pronoun to be read as one of them."""

from __future__ import annotations

import bisect
import re
from collections import Counter

from storyline.quotes.extract import Parsed
from storyline.quotes.genders import PRONOUN_GENDER, gender_at, guess_genders
from storyline.quotes.marks import inside_quotation
from storyline.quotes.name_forms import (
    POSSESSIVE,
    Name,
    after_determiner,
    clean_name,
    compatible,
    form_at,
    forms_longest_first,
)
from storyline.quotes.name_kinds import kind_by_last_word, kind_by_title
from storyline.quotes.occurrences import first_forms_between_boundaries
from storyline.quotes.organisations import longer_organisation
from storyline.quotes.people import (
    HONORIFICS,
    SENTENCE_WORDS,
    capitalised_people,
    closing_author,
    couple_form,
    headline_form,
    interview_answers,
    longer_form,
    name_starting_with,
    signatures,
)
from storyline.quotes.roles import head_noun, is_qualified

PERSONAL_PRONOUNS = {"he", "she", "him", "her", "i"}
GROUP_PRONOUNS = {"they", "we", "it"}


class ArticleNames:
    """The names of one article and where each occurs; the ``title`` (the headline) only completes names."""

    def __init__(self, text: str, parsed: Parsed, title: str = "") -> None:
        self.text = text
        self.title = title
        self.writer = closing_author(text)
        self.names: list[Name] = []
        self._person_by_surname: dict[str, Name] = {}  # the first person named with a surname
        self._people_by_surname: dict[str, list[Name]] = {}  # every person named with it, in order
        self._other: dict[tuple[str, str], Name] = {}
        self._mention_name: dict[tuple[int, int], Name] = {}
        self._shared_surnames: dict[str, list[Name]] = {}  # a surname several people share -> those people
        self._surname_genders: dict[str, set[str]] = {}  # a shared surname -> the genders its mentions alone show
        for mention in sorted(parsed.mentions, key=lambda m: m.start):
            if _COMPOUND_AFTER.match(text, mention.end):
                continue  # "a Johnny-come-lately", "the Trump-backed candidate": part of a word, not a name
            name = self._add(text[mention.start : mention.end], mention.kind, mention.start)
            if name:
                self._mention_name[(mention.start, mention.end)] = name
        self._add_unparsed_people(text)
        for start, end, role in parsed.roles:
            name = self._mention_name.get((start, end))
            if name and role not in name.roles:
                name.roles.append(role)
        self._complete_names()
        # Where several people share a surname, the surname alone names one of them at each place: told by the
        # genders the rest of the article gives them, so those come first, from the places that name one person.
        self._positions = self._person_positions()
        self._genders = self._guess_genders()
        for _ in range(2 if self._shared_surnames else 0):  # twice: the first round's genders tell "Ms." apart
            self._positions = self._person_positions(resolve_shared=True)
            self._resolve_shared_mentions()
            self._genders = self._guess_genders()
        first_question, self._answers = interview_answers(text)
        self.interviewee = self._most_named_before(first_question) if self._answers else None
        self._signatures = signatures(text)

    def _most_named_before(self, at: int) -> str | None:
        """The person named most often before ``at`` and in the headline (at least twice), the first named of
        equals."""
        counts = Counter(id(name) for position, name in self._positions if position < at)
        named = {id(name): name for position, name in self._positions if position < at}
        headline = set(re.findall(r"[\w'’\-]+", self.title))
        counts.update(key for key, name in named.items() if any(v.split()[-1] in headline for v in name.variants))
        best = max(counts, key=lambda key: (counts[key], -named[key].first), default=None)
        return named[best].fullest if best is not None and counts[best] >= 2 else None

    def own_voice(self, at: int) -> str | None:
        """Whose "I" stands at ``at`` outside quotation marks: the person interviewed, in an answer of a
        question-and-answer piece ("Q: ... A: I think ..."); on a page of readers' letters, the name signing the
        letter (the next signature); else the writer of the closing author line."""
        if self.interviewee and any(a <= at < b for a, b in self._answers):
            return self.interviewee
        if self._signatures:
            return next((name for start, name in self._signatures if start > at), None)
        return self.writer

    def _add_unparsed_people(self, text: str) -> None:
        """People named in sentences that were not parsed, with the titles written before them."""
        for start, end, title in capitalised_people(text, list(self._mention_name)):
            name = self._add(text[start:end], "person", start)
            if name:
                self._mention_name[(start, end)] = name
                if title and title not in name.roles:
                    name.roles.append(title)

    def _complete_names(self) -> None:
        """A person named by one word gets the longest capitalised name ending with it in the text (else one of two
        words starting with it, else the headline's), so "Carson" is "Ben Carson" and "Ban" is "Ban Ki-moon" when
        the article says so in a sentence that was not parsed, and "Clinton" "Hillary Clinton" when only the
        headline does."""
        self._places_named_as_people()
        self._merge_epithets()
        people = [name for name in self.names if name.kind == "person"]
        for name in people:
            fullest = name.fullest
            if len(fullest.split()) > 1:
                continue
            longer = [
                other for other in people if other is not name and other.variants and fullest in other.fullest.split()
            ]
            if longer:  # "Hillary" is "Hillary Clinton"
                target = max(longer, key=lambda other: sum(other.variants.values()))
                target.variants.update(name.variants)
                name.variants.clear()
                for key, mentioned in list(self._mention_name.items()):
                    if mentioned is name:
                        self._mention_name[key] = target
                continue
            form = longer_form(self.text, fullest) or name_starting_with(self.text, fullest)
            form = form or couple_form(self.text, fullest, {v for n in people if n is not name for v in n.variants})
            if not form and self.title:
                others = {w for other in self.names if other is not name for v in other.variants for w in v.split()}
                form = headline_form(self.title, fullest, self.text, others)
            if form:
                name.variants[form] += 0
        self._merge_short_organisations()
        self.names = [name for name in self.names if name.variants]
        self._person_by_surname = {key: name for key, name in self._person_by_surname.items() if name.variants}

    def _places_named_as_people(self) -> None:
        """A name the recogniser took for a person in some places and for a place or organisation more often in
        others ("the New Hampshire primary", "New Hampshire said he"): the place or organisation."""
        for name in [n for n in self.names if n.kind == "person"]:
            for variant, count in list(name.variants.items()):
                key = variant.lower()
                other = self._other.get(("place", key)) or self._other.get(("organisation", key))
                if other is None or other.variants.total() <= count:
                    continue
                other.variants[variant] += count
                del name.variants[variant]
                for (start, end), mentioned in list(self._mention_name.items()):
                    if mentioned is name and clean_name(self.text[start:end], "person") == variant:
                        self._mention_name[(start, end)] = other
        self.names = [name for name in self.names if name.variants]

    def _merge_epithets(self) -> None:
        """A person named by a word before a full name the article gave earlier and calls by its last word alone
        ("Crooked Hillary Clinton" after "Hillary Clinton" and "Clinton", a nickname in a quoted post) is that
        person, under the name given first. The word stays when the longer form came first ("Kenneth Smith Ramos"
        before "Smith Ramos"), or when the shorter one is never cut to its last word ("Debbie Wasserman Schultz"
        after "Wasserman Schultz": a surname of two words)."""
        people = {v: n for n in self.names if n.kind == "person" for v in n.variants if len(v.split()) == 2}
        for name in [n for n in self.names if n.kind == "person"]:
            longer = [v for v in name.variants if len(v.split()) == 3]
            for variant in longer:
                shorter = variant.split(" ", 1)[1]
                target = people.get(shorter)
                if target is None or target is name or target.first >= name.first:
                    continue
                if not target.variants.get(shorter.split()[-1]):
                    continue
                target.variants.update(name.variants)
                target.variants[variant.split(" ", 1)[1]] += target.variants.pop(variant)
                name.variants.clear()
                for key, mentioned in list(self._mention_name.items()):
                    if mentioned is name:
                        self._mention_name[key] = target
                break
        self.names = [name for name in self.names if name.variants]

    def _merge_short_organisations(self) -> None:
        """A one-word organisation that is a person's surname ("McConnell aides") is that person; one that ends
        exactly one longer organisation's name ("the Times", "The New York Times") is that organisation."""
        for name in [n for n in self.names if n.kind == "organisation" and n.variants]:
            word = name.fullest
            if len(word.split()) != 1:
                continue
            person = self._person_by_surname.get(word.lower())
            longer = [
                n
                for n in self.names
                if n.kind == "organisation" and n is not name and n.variants and n.fullest.endswith(" " + word)
            ]
            if person is not None and person.variants and len(person.fullest.split()) > 1:
                target = person
            else:
                target = longer[0] if len(longer) == 1 else None
            if target is None:
                form = longer_organisation(self.text, word) if not longer else None
                if form:  # named in full only where the parser did not look: "Tampa Bay Times"
                    name.variants[form] += 0
                continue
            target.variants.update(name.variants)
            name.variants.clear()
            for key, mentioned in list(self._mention_name.items()):
                if mentioned is name:
                    self._mention_name[key] = target

    def _add(self, raw: str, kind: str, at: int) -> Name | None:
        cleaned = clean_name(raw, kind)
        if not cleaned or not cleaned[0].isupper() or len(cleaned.split()) > 5:
            return None
        kind = kind_by_last_word(cleaned, kind)  # "Midway Baptist Church" is no person, "Fenwick Road" a place
        kind = kind_by_title(self.text, at, cleaned, kind)  # "Mayor Agnes Pirrie" is a person
        if kind == "person" and after_determiner(self.text, at, raw, cleaned):
            return None  # "the Second Amendment", "a South Korean adoptee": no one's name
        if kind == "person":
            surname = cleaned.split()[-1].lower()
            # the first person of that surname the mention fits: "Chelsea Clinton" met again is the Chelsea Clinton
            # named before, not a new person because Hillary Clinton was named first
            name = next((n for n in self._people_by_surname.get(surname, ()) if compatible(n, cleaned)), None)
            if name is None:
                name = Name(kind, first=at)
                self._people_by_surname.setdefault(surname, []).append(name)
                self._person_by_surname.setdefault(surname, name)
                self.names.append(name)
        else:
            key = (kind, cleaned.lower())
            name = self._other.get(key)
            if name is None:
                name = self._other[key] = Name(kind, first=at)
                self.names.append(name)
        name.variants[cleaned] += 1
        name.first = min(name.first, at)  # people named in sentences the parser skipped are added after the rest
        return name

    def _person_positions(self, *, resolve_shared: bool = False) -> list[tuple[int, Name]]:
        """Every place a person is named, found by searching the whole text for their names. A surname alone that
        several people share is left out, or with ``resolve_shared`` given to the one of them it names there."""
        by_form: dict[str, list[Name]] = {}
        for name in self.names:
            if name.kind == "person":
                for form in {v for v in name.variants} | {v.split()[-1] for v in name.variants}:
                    by_form.setdefault(form, []).append(name)
        if not by_form:
            return []
        if not resolve_shared:
            self._shared_surnames = {
                form: people for form, people in by_form.items() if len(people) > 1 and " " not in form
            }
        # One scan for every form, longest first: "Hillary Clinton" is Hillary's, not also a "Clinton" of Bill's.
        forms = sorted(by_form, key=len, reverse=True)
        positions = []
        for at, form in first_forms_between_boundaries(self.text, forms):
            if _PRECEDING_PREPOSITION.search(self.text, max(0, at - 6), at):
                continue
            people = by_form[form]
            if form in self._shared_surnames:
                if not resolve_shared:
                    gender = gender_at(self.text, at, at + len(form))
                    if gender is not None:
                        self._surname_genders.setdefault(form, set()).add(gender)
                    continue
                people = [self._shared_owner(form, people, at, at + len(form))]
            positions += [(at, name) for name in people]
        return positions

    def _shared_owner(self, surname: str, people: list[Name], at: int, end: int) -> Name:
        """Which of ``people``, who share ``surname``, the surname alone from ``at`` to ``end`` names: the one of the
        gender a title before it ("Mrs. Clinton") or a "said she" after it gives, where the article tells their
        genders apart; else the first named (a story calls its own subject by surname alone, and the other by
        full name: "her husband, Bill Clinton")."""
        wanted = gender_at(self.text, at, end)
        if wanted is not None:
            fitting = [name for name in people if self._genders.get(id(name)) in (None, wanted)] or people
            # Where the surname alone names a man in some places and a woman in others ("Mr. Clinton", "Mrs.
            # Clinton"), gender is what tells the two apart: one known to be of that gender is the one meant.
            if len(self._surname_genders.get(surname, ())) > 1:
                fitting = [name for name in fitting if self._genders.get(id(name)) == wanted] or fitting
            people = fitting
        return min(people, key=lambda name: name.first)

    def _resolve_shared_mentions(self) -> None:
        """The parser's mentions of a surname alone that several people share ("Clinton", "Mrs. Clinton"), each
        given to the one it names there, with its count among that person's variants."""
        for (start, end), name in list(self._mention_name.items()):
            if name.kind != "person":
                continue
            cleaned = clean_name(self.text[start:end], "person")
            people = self._shared_surnames.get(cleaned)
            if not people or name not in people:
                continue
            at = self.text.rfind(cleaned, start, end)
            owner = self._shared_owner(cleaned, people, at if at >= 0 else start, end)
            if owner is not name:
                self._mention_name[(start, end)] = owner
                name.variants[cleaned] -= 1
                owner.variants[cleaned] += 1
                if name.variants[cleaned] <= 0 and len(name.variants) > 1:
                    del name.variants[cleaned]
        for surname, people in self._shared_surnames.items():
            self._person_by_surname[surname.lower()] = min(people, key=lambda name: name.first)

    def people_between(self, start: int, end: int) -> list[tuple[int, Name]]:
        """Where people are named from ``start`` to ``end``, in order."""
        low = bisect.bisect_left(self._positions, start, key=lambda item: item[0])
        high = bisect.bisect_left(self._positions, end, key=lambda item: item[0])
        return self._positions[low:high]

    def person_mentions(self, name: Name) -> int:
        return sum(1 for _, other in self._positions if other is name)

    def in_span(self, start: int, end: int, *, heads_only: bool = False) -> list[Name]:
        """Names mentioned inside a span; ``heads_only`` leaves out possessors ("Carter's") and names after a
        preposition ("a woman in Worcester")."""
        found = []
        for (a, b), name in sorted(self._mention_name.items()):
            if not (start <= a and b <= end):
                continue
            possessor = self.text[b : b + 2] in ("'s", "’s") or bool(POSSESSIVE.search(self.text[a:b]))
            ends_span = a > start and b >= start + len(self.text[start:end].rstrip(" ,"))
            if heads_only and ends_span and _set_off_after_role(self.text, start, a) and name.kind == "person":
                found.insert(0, name)  # "The head of the PAC backing Jeb Bush for president, Mike Murphy"
                continue
            if heads_only and (possessor or _after_preposition(self.text, start, a)):
                continue
            if heads_only and a > start and b >= start + len(self.text[start:end].rstrip(" ,")):
                found.insert(0, name)  # "The head of the PAC backing Jeb Bush, Mike Murphy": the name the span ends on
                continue
            found.append(name)
        return found

    def organisation_ending(self, start: int, end: int) -> int | None:
        """Where an organisation named by several words that ends a span starts ("the Clinton Foundation")."""
        stop = start + len(self.text[start:end].rstrip(" ,"))
        for (a, b), name in self._mention_name.items():
            if name.kind == "organisation" and start <= a and b == stop and " " in self.text[a:b]:
                return a
        return None

    def by_surname(self, word: str) -> Name | None:
        return self._person_by_surname.get(POSSESSIVE.sub("", word).lower())

    def last_person_before(self, at: int, pronoun: str | None = None) -> Name | None:
        """The person named last before ``at``; for "he" or "she", the last one not known to be of the other
        gender (known from "Mr."/"Ms." before the name or from the pronouns that follow it)."""
        index = bisect.bisect_left(self._positions, at, key=lambda item: item[0])
        wanted = PRONOUN_GENDER.get((pronoun or "").lower())
        for _, name in reversed(self._positions[max(0, index - 40) : index]):
            if wanted is not None and (self._genders.get(id(name)) not in (None, wanted) or self._not_one_person(name)):
                continue
            return name
        return self._positions[index - 1][1] if index else None

    def sentence_subject(self, at: int, pronoun: str, speaker: str) -> Name | None:
        """The person who opens the sentence before that of a "he" or "she" at ``at``, past titles ("Sen. Ada Lund
        (D-Ore.) is ...", "Kasich took a different tack. '...,' he said"): the one a new sentence is about, rather
        than the ``speaker`` of the attribution before, when that sentence does not name the speaker, the pronoun's
        own sentence names no one before it, and the person is not known to be of the other gender."""
        text = self.text
        own = self._sentence_start(at)
        if own <= 0 or self.people_between(own, at) or text.rfind("\n", 0, at) > own:
            return None
        before = self._sentence_start(own - 1)
        if inside_quotation(text, before) or text.rfind("\n", before, own) >= 0:
            return None
        people = self.people_between(before, own)
        if not people or any(name.fullest == speaker for _, name in people):
            return None
        position, name = people[0]
        opening = text[before:position].split()
        if len(opening) > 3 or not all(_titles_name(word, opening[n + 1 :]) for n, word in enumerate(opening)):
            return None
        if text.startswith(("'s", "’s"), position + len(form_at(text, position, name))):
            return None
        fits = self._genders.get(id(name)) in (None, PRONOUN_GENDER.get(pronoun)) and not self._not_one_person(name)
        return name if fits else None

    def _sentence_start(self, at: int) -> int:
        """Where the sentence holding ``at`` starts: after a full stop, question or exclamation mark that ends a
        sentence (not "Mr." nor "Sen." nor "?” he asked"), or after a line break."""
        start = self.text.rfind("\n", 0, at) + 1
        for match in _SENTENCE_BREAK.finditer(self.text, max(start, at - 600), at + 1):
            if match.end() > at:
                break
            words = self.text[max(0, match.start() - 30) : match.start()].split()
            word = words[-1] if words else ""
            if word.lower() not in HONORIFICS and not (len(word) == 1 and word.isupper()):
                start = match.end()
        return start

    def _not_one_person(self, name: Name) -> bool:
        """A "person" the recogniser got wrong for "he" or "she": an acronym ("ROTC") or a family ("the Clintons"
        where the article names a Clinton)."""
        words = name.fullest.split()
        if len(words) != 1:
            return False
        return words[0].isupper() or (words[0].endswith("s") and words[0][:-1].lower() in self._person_by_surname)

    def _guess_genders(self) -> dict[int, str]:
        forms: dict[int, list[str]] = {}

        def written_at(at: int, name: Name) -> str:
            if id(name) not in forms:
                forms[id(name)] = forms_longest_first(name)
            return form_at(self.text, at, name, forms[id(name)])

        return guess_genders(self.text, self._positions, written_at)

    def mention_spans(self) -> list[tuple[tuple[int, int], Name]]:
        return list(self._mention_name.items())

    def is_person(self, fullest: str) -> bool:
        name = self.named(fullest)
        return name is not None and name.kind == "person"

    def named(self, fullest: str) -> Name | None:
        return next((name for name in self.names if name.fullest == fullest), None)

    def fits(self, fullest: str, pronoun: str, nearest: Name | None) -> bool:
        """Whether "he" or "she" goes to the person of that name rather than to the ``nearest`` person named: it is
        known to fit ("Mr."/"Ms.", "said she", "his"), or not known not to while the nearest is not known to fit."""
        name = self.named(fullest)
        if name is None or name.kind != "person" or self._not_one_person(name):
            return False
        wanted = PRONOUN_GENDER.get(pronoun)
        gender = self._genders.get(id(name))
        return gender == wanted or (gender is None and (nearest is None or self._genders.get(id(nearest)) != wanted))

    def last_group_before(self, at: int) -> tuple[int, Name] | None:
        """The organisation named last before ``at``, and where."""
        best = None
        for (a, _), name in self._mention_name.items():
            if name.kind == "organisation" and a < at and (best is None or a > best[0]):
                best = (a, name)
        return best

    def person_positions(self) -> list[tuple[int, Name]]:
        """Every place a person is named, in text order."""
        return self._positions

    def with_role(self, word: str, at: int, qualifiers: tuple[str, ...] = ()) -> Name | None:
        """The person last named before ``at`` whose role is a ``word`` ("minister"), not merely holds it: "the
        campaign" is not "the campaign manager"; with ``qualifiers`` ("Democratic"), a role that has them."""
        candidates = [
            n
            for n in self.names
            if n.kind == "person"
            and any(
                head_noun(role) == word and not is_qualified(role) and all(q in role.split() for q in qualifiers)
                for role in n.roles
            )
        ]
        if not candidates:
            return None
        last_before = {id(n): a for a, n in self._positions if a < at}
        before = [n for n in candidates if id(n) in last_before]
        return max(before, key=lambda n: last_before[id(n)]) if before else None


# Where a sentence may end and the next begin: not "?” he asked" (a title before the mark is checked where used).
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’']*\s+(?=[A-Z\"“‘])")
_COMPOUND_AFTER = re.compile(r"-[a-z]")
_SENTENCE_STOP = re.compile(r"[.!?\n]")
# A name right after "on", "in", "at" ... is a place or a thing named after someone, not whom "she" means.
_PRECEDING_PREPOSITION = re.compile(r"\b(?:on|in|at|from|to|into|near)\s+$", re.IGNORECASE)  # "On Twitter"
_PREPOSITIONS = {"of", "in", "from", "for", "by", "at", "with", "on", "to", "about", "near"}


def _set_off_after_role(text: str, span_start: int, at: int) -> bool:
    """Whether the name at ``at`` is set off by a comma after a role that opens the span in lower case or with a
    determiner ("The head of the PAC backing Jeb Bush, Mike Murphy"), not after a name ("Ada Lund, ..., Oslo")."""
    first = text[span_start:at].split()[:1]
    opens_with_role = bool(first) and (first[0].islower() or first[0].lower() in ("the", "a", "an"))
    return opens_with_role and text[span_start:at].rstrip().endswith(",")


def _after_preposition(text: str, span_start: int, at: int) -> bool:
    before = re.findall(r"[A-Za-z]+", text[span_start:at])
    return any(word.lower() in _PREPOSITIONS for word in before) or bool(_COMPARED.search(text, span_start, at))


# "Hillary Clinton, like Obama, has ...": a name compared with the speaker after a comma (not "hawks, like Rubio").
_COMPARED = re.compile(r"[A-Z][\w'’.\-]*,\s+(?:like|unlike)\s")


def _titles_name(word: str, rest: list[str]) -> bool:
    """Whether a word before a name at a sentence's start is its title ("Sen.", "Ohio Gov."), not a verb or an
    opener ("Addressing", "The")."""
    if word.lower().rstrip(".") in HONORIFICS:
        return True
    return (
        word[:1].isupper()
        and word.lower() not in SENTENCE_WORDS
        and any(w.lower().rstrip(".") in HONORIFICS for w in rest)
    )
