"""Entities merged across articles: a shorter name into the first longer one of its kind ending with it or
spelled by its initials, mentions summed, variants and articles gathered."""

import random

from storyline.model import Entity
from storyline.quotes.entities import KIND_ORDER, merge_entities


def _merged_name_by_name(entities):
    """The merge as first written: every entity against every merged name, in the order they were merged."""
    merged = {}
    for entity in sorted(entities, key=lambda e: (-len(e.name.split()), e.name)):
        key = (entity.kind, entity.name.lower())
        target = merged.get(key)
        if target is None:
            words = entity.name.lower().split()
            for (kind, name), candidate in merged.items():
                longer = name.split()
                if kind != entity.kind:
                    continue
                if len(longer) > len(words) and longer[-len(words) :] == words:
                    target = candidate
                    break
                if len(words) == 1 and len(longer) > 1 and words[0] == "".join(w[0] for w in longer if w[0].isalpha()):
                    target = candidate
                    break
        if target is None:
            target = merged[key] = Entity(entity.name, entity.kind, 0, [], [])
        target.mentions += entity.mentions
        target.variants = sorted(set(target.variants) | set(entity.variants) | {entity.name})
        target.article_ids = sorted(set(target.article_ids) | set(entity.article_ids))
    return sorted(merged.values(), key=lambda e: (-e.mentions, KIND_ORDER.get(e.kind, 3), e.name))


def _entity(rng):
    words = ["Rifle", "National", "Association", "nra", "NRA", "Bell", "Jo", "bell", "J", "1st", "A"]
    name = " ".join(rng.choice(words) for _ in range(rng.randint(0, 4)))
    kind = rng.choice(["person", "organisation", "place"])
    variants = [rng.choice(words) for _ in range(rng.randint(0, 2))]
    return Entity(name, kind, rng.randint(1, 4), variants, [f"a{rng.randint(0, 4)}"])


def test_merging_equals_the_name_by_name_merge():
    rng = random.Random(5)
    for _ in range(400):
        entities = [_entity(rng) for _ in range(rng.randint(0, 25))]
        expected = _merged_name_by_name(
            [Entity(e.name, e.kind, e.mentions, list(e.variants), list(e.article_ids)) for e in entities]
        )
        assert [e.to_dict() for e in merge_entities(entities)] == [e.to_dict() for e in expected]


def test_a_surname_and_initials_merge_into_the_full_names():
    entities = [
        Entity("Lighthizer", "person", 2, ["Lighthizer"], ["b"]),
        Entity("Robert Lighthizer", "person", 1, ["Robert Lighthizer"], ["a"]),
        Entity("NRA", "organisation", 3, ["NRA"], ["b"]),
        Entity("National Rifle Association", "organisation", 1, [], ["c"]),
        Entity("Lighthizer", "place", 1, [], ["c"]),
    ]
    merged = {(e.name, e.kind): (e.mentions, e.variants, e.article_ids) for e in merge_entities(entities)}
    assert merged == {
        ("Robert Lighthizer", "person"): (3, ["Lighthizer", "Robert Lighthizer"], ["a", "b"]),
        ("National Rifle Association", "organisation"): (4, ["NRA", "National Rifle Association"], ["b", "c"]),
        ("Lighthizer", "place"): (1, ["Lighthizer"], ["c"]),
    }
