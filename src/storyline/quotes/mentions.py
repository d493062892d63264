"""Named people, organisations and places in a parse, and the titles or roles a sentence gives a named person."""

from __future__ import annotations

import re
from dataclasses import dataclass

ENTITY_LABELS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place"}


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    kind: str  # person, organisation or place


def named_mentions(doc, offset: int) -> tuple[list[Mention], list[tuple[int, int, str]]]:
    """The people, organisations and places the parser named in ``doc`` (offsets shifted by ``offset``), and the
    title or role the sentence gives each named person: ``(name start, name end, role text)``."""
    mentions, roles = [], []
    for entity in doc.ents:
        kind = ENTITY_LABELS.get(entity.label_)
        if kind is None or (kind == "person" and _modifies_a_noun(entity)):
            continue
        first = _first_name_word(entity) if kind == "person" else entity.start
        if first is None:
            continue
        start, end = offset + entity.doc[first].idx, offset + entity.end_char
        mentions.append(Mention(start, end, kind))
        if kind == "person":
            role = _role(entity)
            if role:
                roles.append((start, end, role))
    return mentions, roles


_ROLE_WORD = re.compile(r"[a-z]")
# Parts of speech a word in front of a person's name may have that no name's word has: adverbs, verbs,
# determiners, pronouns, prepositions, conjunctions, interjections.
_NOT_NAME_TAGS = frozenset("RB RBR RBS VB VBD VBG VBN VBP VBZ MD DT PDT PRP PRP$ WDT WP WP$ WRB IN CC UH EX TO".split())


_OPENING_NOT_NAME_TAGS = frozenset("NN NNS JJ JJR JJS".split())


def _first_name_word(entity) -> int | None:
    """Where a person's name starts in what the recogniser marked: past words in front of it that cannot be part of
    a name ("Certainly Donald Trump has ...", "Entrusting Donald Trump with ...", "That Comey ..."); None when
    nothing is left."""
    for token in entity:
        # A sentence's first word is capitalised whatever it is: there, the tagger's common noun or adjective is
        # believed too ("Team Trump sees ...", "Young Sanders supporters ...").
        opening = token.is_sent_start and token.i + 1 < entity.end
        if token.tag_ not in _NOT_NAME_TAGS and not (opening and token.tag_ in _OPENING_NOT_NAME_TAGS):
            return token.i
    return None


def _modifies_a_noun(entity) -> bool:
    """ "the former New Mexico governor": a "person" the recogniser found in front of a common noun it qualifies is a
    place or a body of people, never someone a later "he" or "she" stands for."""
    root = entity.root
    head = root.head
    return root.dep_ == "compound" and head.i == entity.end and head.tag_ in ("NN", "NNS")


def _role(entity) -> str | None:
    """A title or role the sentence gives a named person: "US Trade Representative [X]", "[X], Mexico's ..."."""
    root = entity.root
    doc = entity.doc
    first = root.left_edge.i
    if first < entity.start:
        words = [t for t in doc[first : entity.start] if not t.is_punct]
        while words and words[0].dep_ in ("det",):
            words = words[1:]
        if (
            words
            and any(t.tag_.startswith("NN") for t in words)
            and len(words) <= 8
            and not any(t.ent_type_ == "PERSON" for t in words)
        ):
            return doc[words[0].i : words[-1].i + 1].text
    for child in root.children:
        if child.dep_ == "appos" and child.i > root.i:
            return _role_text(doc, child.left_edge.i, child.right_edge.i)
    if root.dep_ == "appos" and root.head.i < root.i:
        head = root.head
        return _role_text(doc, head.left_edge.i, min(head.right_edge.i, entity.start - 1))
    return None


def _role_text(doc, first: int, last: int) -> str | None:
    while last >= first and doc[last].is_punct:
        last -= 1
    while first <= last and (doc[first].is_punct or doc[first].dep_ == "det"):
        first += 1
    if last < first or last - first > 10:
        return None
    span = doc[first : last + 1]
    if any(t.ent_type_ == "PERSON" for t in span) or not any(t.tag_.startswith("NN") for t in span):
        return None
    return span.text
