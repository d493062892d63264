"""People, organisations and places with mention counts, name variants merged within and across articles."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

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
    Lighthizer"), or whose initials it is ("NRA" into "National Rifle Association"): the first such name merged.
    """
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
        target.mentions += entity.mentions
        target.variants.update(entity.variants)
        target.variants.add(entity.name)
        target.article_ids.update(entity.article_ids)
    found = [
        Entity(item.name, item.kind, item.mentions, sorted(item.variants), sorted(item.article_ids))
        for item in merged.values()
    ]
    return sorted(found, key=lambda e: (-e.mentions, KIND_ORDER.get(e.kind, 3), e.name))


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
    """The first merged name of the entity's kind that ends with its words, or whose initials its one word is."""
    words = entity.name.lower().split()
    if not words:
        return None
    ending = next(
        (
            target
            for target in by_last.get((entity.kind, words[-1]), ())
            if len(target.words) > len(words) and target.words[-len(words) :] == words
        ),
        None,
    )
    initials = by_initials.get((entity.kind, words[0])) if len(words) == 1 else None
    if initials and (ending is None or initials[0].order < ending.order):
        return initials[0]
    return ending


def count_by_kind(entities: list[Entity]) -> Counter:
    return Counter(entity.kind for entity in entities)
