"""Entities merged across articles: one kind per name, a shorter name into the most mentioned longer one of its kind
ending with it or the first spelled by its initials, mentions summed, variants and articles gathered."""

import random

from storyline.model import Entity
from storyline.quotes.entities import KIND_ORDER, merge_entities


def _merged_name_by_name(entities):
    """The merge as first written: every entity against every merged name, in the order they were merged."""
    mentions_by_kind = {}
    for entity in entities:
        by_kind = mentions_by_kind.setdefault(entity.name.lower(), {})
        by_kind[entity.kind] = by_kind.get(entity.kind, 0) + entity.mentions
    for entity in entities:  # one kind per name: the most mentioned, ties to the first of KIND_ORDER
        by_kind = mentions_by_kind[entity.name.lower()]
        entity.kind = sorted(by_kind, key=lambda kind: (-by_kind[kind], KIND_ORDER[kind]))[0]
    # a one-word name is the person's whose surname it is, when one person bears it and is in all its articles
    bearers, articles = {}, {}
    for entity in entities:
        articles.setdefault(entity.name.lower(), set()).update(entity.article_ids)
        if entity.kind == "person" and len(entity.name.split()) > 1:
            bearers.setdefault(entity.name.lower().split()[-1], set()).add(entity.name.lower())
    for entity in entities:
        name = entity.name.lower()
        people = bearers.get(name, set())
        if " " not in name and entity.kind != "person" and len(people) == 1 and articles[name] <= articles[min(people)]:
            entity.kind, entity.mentions = "person", 0  # its mentions are counted in its bearer's
    merged = {}
    for entity in sorted(entities, key=lambda e: (-len(e.name.split()), e.name)):
        key = (entity.kind, entity.name.lower())
        target = merged.get(key)
        if target is not None and target.name.isupper() and not entity.name.isupper():
            target.name = entity.name
        if target is None:
            # the most mentioned name ending with it (the first merged of equals), unless a name spelled by its
            # initials was merged before that one
            words = entity.name.lower().split()
            ending = spelled = None
            for (kind, name), candidate in merged.items():
                longer = name.split()
                if kind != entity.kind:
                    continue
                if len(longer) > len(words) and longer[-len(words) :] == words:
                    if ending is None or candidate.mentions > ending.mentions:
                        ending = candidate
                    continue
                initials = "".join(w[0] for w in longer if w[0].isalpha())
                if spelled is None and len(words) == 1 and len(longer) > 1 and words[0].replace(".", "") == initials:
                    spelled = candidate
            order = list(merged.values())
            if spelled is not None and (ending is None or order.index(spelled) < order.index(ending)):
                target = spelled
            else:
                target = ending
        if target is None:
            target = merged[key] = Entity(entity.name, entity.kind, 0, [], [])
        target.mentions += entity.mentions
        target.variants = sorted(set(target.variants) | set(entity.variants) | {entity.name})
        target.article_ids = sorted(set(target.article_ids) | set(entity.article_ids))
    return sorted(merged.values(), key=lambda e: (-e.mentions, KIND_ORDER.get(e.kind, 3), e.name))


def _entity(rng):
    words = ["Rifle", "National", "Association", "nra", "NRA", "N.R.A", "Bell", "Jo", "bell", "J", "1st", "A"]
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
        Entity(
            "Lighthizer", "place", 1, [], ["c"]
        ),  # the recogniser's slip: most of the name's mentions are a person's
        Entity("Bell", "place", 1, [], ["d"]),
        Entity("Robert Bell", "person", 1, [], ["c"]),
    ]
    merged = {(e.name, e.kind): (e.mentions, e.variants, e.article_ids) for e in merge_entities(entities)}
    assert merged == {
        ("Robert Lighthizer", "person"): (4, ["Lighthizer", "Robert Lighthizer"], ["a", "b", "c"]),
        ("National Rifle Association", "organisation"): (4, ["NRA", "National Rifle Association"], ["b", "c"]),
        ("Bell", "place"): (1, ["Bell"], ["d"]),  # another name's kind is not this one's, nor its article
        ("Robert Bell", "person"): (1, ["Robert Bell"], ["c"]),
    }


def test_a_name_read_as_several_kinds_is_one_entity_of_the_kind_most_mentions_have():
    entities = [
        Entity("Quay Row", "organisation", 3, ["Quay Row"], ["a"]),
        Entity("Quay Row", "person", 1, ["Quay Row"], ["b"]),
        Entity("Agnes Pirrie", "organisation", 1, ["Agnes Pirrie"], ["a"]),
        Entity("Agnes Pirrie", "person", 1, ["Agnes Pirrie"], ["b"]),
        Entity("OSTWICK", "place", 2, ["OSTWICK"], ["a"]),
        Entity("Ostwick", "place", 1, ["Ostwick"], ["b"]),
    ]
    for order in (entities, entities[::-1]):
        merged = {(e.name, e.kind): (e.mentions, e.article_ids) for e in merge_entities(list(order))}
        assert merged == {
            ("Quay Row", "organisation"): (4, ["a", "b"]),
            ("Agnes Pirrie", "person"): (2, ["a", "b"]),  # a tie: a person before an organisation
            ("Ostwick", "place"): (3, ["a", "b"]),  # not the dateline's capitals
        }


def test_a_surname_read_as_a_place_is_its_bearers_and_dotted_initials_are_initials():
    entities = [
        Entity("Raymond Bachand", "person", 2, ["Raymond Bachand"], ["a"]),
        Entity("Bachand", "place", 2, ["Bachand"], ["a"]),
        Entity("United States", "place", 9, ["United States"], ["a", "b"]),
        Entity("U.S", "place", 2, ["U.S"], ["b"]),
        Entity("Washington", "place", 3, ["Washington"], ["a", "b"]),  # in an article without the person
        Entity("Ada Washington", "person", 1, ["Ada Washington"], ["a"]),
    ]
    merged = {(e.name, e.kind): e.mentions for e in merge_entities(entities)}
    assert merged == {
        ("Raymond Bachand", "person"): 2,  # the surname's mentions are in the person's count already
        ("United States", "place"): 11,
        ("Washington", "place"): 3,
        ("Ada Washington", "person"): 1,
    }


def test_a_surname_alone_merges_into_the_most_mentioned_of_its_bearers():
    entities = [
        Entity("Bill Lindqvist", "person", 1, ["Bill Lindqvist"], ["a1"]),
        Entity("Greta Lindqvist", "person", 6, ["Greta Lindqvist"], ["a1"]),
        Entity("Lindqvist", "person", 4, ["Lindqvist"], ["a2"]),
    ]
    merged = {e.name: e for e in merge_entities(entities)}
    assert sorted(merged) == ["Bill Lindqvist", "Greta Lindqvist"]
    assert merged["Greta Lindqvist"].mentions == 10
    assert merged["Greta Lindqvist"].article_ids == ["a1", "a2"]
