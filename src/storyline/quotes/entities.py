"""People, organisations and places with mention counts, name variants merged within and across articles."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from storyline.model import Entity
from storyline.quotes.names import ArticleNames
from storyline.quotes.people import phrase_positions

KIND_ORDER = {"person": 0, "organisation": 1, "place": 2}


def article_entities(article_id: str, names: ArticleNames) -> list[Entity]:
    """The entities of one article; a person's count holds every mention of any of their names."""
    result = []
    for name in names.names:
        if name.kind == "person":
            mentions = names.person_mentions(name)
        else:
            mentions = len(phrase_positions(names.text, name.fullest)) or sum(name.variants.values())
        result.append(Entity(name.fullest, name.kind, max(mentions, 1), sorted(name.variants), [article_id]))
    return result


def merge_entities(entities: list[Entity]) -> list[Entity]:
    """One entity per person, organisation or place across articles, most mentioned first.

    A shorter name merges into a longer one of the same kind that ends with it ("Lighthizer" into "Robert
    Lighthizer"; of several, the most mentioned), or whose initials it is ("NRA" into "National Rifle
    Association"; the first such name merged).
    A name the recogniser gave several kinds (in different articles or sentences) is one entity, of the kind
    most of its mentions have, and a surname is its bearer's (``_one_kind_per_name``); initials may be dotted
    ("U.S").
    """
    entities = _one_kind_per_name(entities)
    merged: dict[tuple[str, str], _Merged] = {}
    # The merged names by kind and last word, and by kind and initials, each list in the order the names came:
    # only those can take a shorter name.
    by_last: dict[tuple[str, str], list[_Merged]] = {}
    by_initials: dict[tuple[str, str], list[_Merged]] = {}
    for entity in sorted(entities, key=lambda e: (-len(e.name.split()), e.name)):
        key = (entity.kind, entity.name.lower())
        target = merged.get(key) or _longer_form(by_last, by_initials, entity)
        if target is None:
            target = merged[key] = _Merged(len(merged), entity.name, entity.kind, key[1].split())
            if target.words:
                by_last.setdefault((entity.kind, target.words[-1]), []).append(target)
            if len(target.words) > 1:
                initials = "".join(w[0] for w in target.words if w[0].isalpha())
                by_initials.setdefault((entity.kind, initials), []).append(target)
        if target.name.isupper() and not entity.name.isupper() and target.name.lower() == key[1]:
            target.name = entity.name  # "Ostwick", not the dateline's "OSTWICK"
        target.mentions += entity.mentions
        target.variants.update(entity.variants)
        target.variants.add(entity.name)
        target.article_ids.update(entity.article_ids)
    found = [
        Entity(item.name, item.kind, item.mentions, sorted(item.variants), sorted(item.article_ids))
        for item in merged.values()
    ]
    return sorted(found, key=lambda e: (-e.mentions, KIND_ORDER.get(e.kind, 3), e.name))


def _one_kind_per_name(entities: list[Entity]) -> list[Entity]:
    """The entities, each name given one kind: the one most of its mentions have, ties going to the first kind of
    ``KIND_ORDER`` (whatever order the articles came in). The small English model reads a name it does not know by
    its context, so "Quay Row" is a place in one sentence and an organisation or a person in the next."""
    kinds: dict[str, Counter] = {}
    for entity in entities:
        kinds.setdefault(entity.name.lower(), Counter())[entity.kind] += entity.mentions
    chosen = {
        name: min(counts, key=lambda kind: (-counts[kind], KIND_ORDER.get(kind, 3), kind))
        for name, counts in kinds.items()
        if len(counts) > 1
    }
    surnames = _surnames_of_people(entities, chosen)
    if not chosen and not surnames:
        return entities
    # A surname's mentions are its bearer's already: a person's count holds every mention of any of their names.
    return [
        replace(entity, kind="person", mentions=0)
        if entity.name.lower() in surnames
        else replace(entity, kind=chosen[entity.name.lower()])
        if entity.name.lower() in chosen
        else entity
        for entity in entities
    ]


def _surnames_of_people(entities: list[Entity], chosen: dict[str, str]) -> set[str]:
    """One-word names read as a place or an organisation that are the surname of exactly one person named in every
    article they stand in ("Bachand" beside "Raymond Bachand"): a person's, as a surname is read in the article."""
    people: dict[str, set[str]] = {}  # a surname, the full names of the people who bear it
    articles: dict[str, set[str]] = {}  # a name, the articles it stands in
    for entity in entities:
        name = entity.name.lower()
        articles.setdefault(name, set()).update(entity.article_ids)
        words = name.split()
        if len(words) > 1 and chosen.get(name, entity.kind) == "person":
            people.setdefault(words[-1], set()).add(name)
    found = set()
    for entity in entities:
        name = entity.name.lower()
        bearers = people.get(name, ())
        if (
            " " not in name
            and chosen.get(name, entity.kind) != "person"
            and len(bearers) == 1
            and articles[name] <= articles[next(iter(bearers))]
        ):
            found.add(name)
    return found


@dataclass(slots=True)
class _Merged:
    """An entity being merged: the order it was made in, its name, kind and lower-cased words, what it gathered."""

    order: int
    name: str
    kind: str
    words: list[str]
    mentions: int = 0
    variants: set[str] = field(default_factory=set)
    article_ids: set[str] = field(default_factory=set)


def _longer_form(
    by_last: dict[tuple[str, str], list[_Merged]], by_initials: dict[tuple[str, str], list[_Merged]], entity: Entity
) -> _Merged | None:
    """The merged name of the entity's kind that ends with its words, the most mentioned of several ("Clinton"
    into Hillary Clinton rather than a Bill Clinton named less, whichever article came first), the first merged of
    equals; or the first whose initials its one word is."""
    words = entity.name.lower().split()
    if not words:
        return None
    endings = [
        target
        for target in by_last.get((entity.kind, words[-1]), ())
        if len(target.words) > len(words) and target.words[-len(words) :] == words
    ]
    ending = max(endings, key=lambda target: (target.mentions, -target.order), default=None)
    initials = by_initials.get((entity.kind, words[0].replace(".", ""))) if len(words) == 1 else None
    if initials and (ending is None or initials[0].order < ending.order):
        return initials[0]
    return ending


def count_by_kind(entities: list[Entity]) -> Counter:
    return Counter(entity.kind for entity in entities)
