"""People, organisations and places with mention counts, name variants merged within and across articles."""

from __future__ import annotations

from collections import Counter

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
    Lighthizer"), or whose initials it is ("NRA" into "National Rifle Association").
    """
    merged: dict[tuple[str, str], Entity] = {}
    for entity in sorted(entities, key=lambda e: (-len(e.name.split()), e.name)):
        key = (entity.kind, entity.name.lower())
        target = merged.get(key) or _longer_form(merged, entity)
        if target is None:
            merged[key] = Entity(entity.name, entity.kind, 0, [], [])
            target = merged[key]
        target.mentions += entity.mentions
        target.variants = sorted(set(target.variants) | set(entity.variants) | {entity.name})
        target.article_ids = sorted(set(target.article_ids) | set(entity.article_ids))
    return sorted(merged.values(), key=lambda e: (-e.mentions, KIND_ORDER.get(e.kind, 3), e.name))


def _longer_form(merged: dict[tuple[str, str], Entity], entity: Entity) -> Entity | None:
    words = entity.name.lower().split()
    for (kind, name), target in merged.items():
        if kind != entity.kind:
            continue
        longer = name.split()
        if len(longer) > len(words) and longer[-len(words) :] == words:
            return target
        if len(words) == 1 and len(longer) > 1 and words[0] == "".join(w[0] for w in longer if w[0].isalpha()):
            return target
    return None


def count_by_kind(entities: list[Entity]) -> Counter:
    return Counter(entity.kind for entity in entities)
