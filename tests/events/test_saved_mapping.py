"""``SavedMapping`` behaves as a dict over what is saved, and names every key to write or delete."""

import random

import pytest

from storyline.events.saved_mapping import SavedMapping


@pytest.mark.parametrize("seed", range(20))
def test_a_saved_mapping_is_the_dict_it_stands_for_and_its_changes_bring_the_store_up_to_date(seed):
    draw = random.Random(seed)
    keys = [f"g{k}" for k in range(40)]
    store = {key: draw.randrange(5) for key in draw.sample(keys, 25)}

    def fetch(names):
        return {key: store[key] for key in (store if names is None else names) if key in store}

    mapping, plain = SavedMapping(fetch=fetch), dict(store)
    for _ in range(300):
        key, value, action = draw.choice(keys), draw.randrange(5), draw.randrange(8)
        if action == 0:
            assert mapping.get(key) == plain.get(key)
        elif action == 1:
            assert (key in mapping) == (key in plain)
        elif action == 2:
            mapping[key] = plain[key] = value
        elif action == 3:
            assert mapping.setdefault(key, value) == plain.setdefault(key, value)
        elif action == 4:
            assert mapping.pop(key, None) == plain.pop(key, None)
        elif action == 5:
            mapping.prefetch(draw.sample(keys, 5))
        elif action == 6 and draw.random() < 0.1:
            assert dict(mapping.items()) == plain  # a walk over every entry reads the rest
        elif action == 7 and draw.random() < 0.3:  # a save: the changed keys' rows written or deleted
            for changed in mapping.take_changed():
                if changed in mapping:
                    store[changed] = mapping[changed]
                else:
                    store.pop(changed, None)
    for changed in mapping.take_changed():
        if changed in mapping:
            store[changed] = mapping[changed]
        else:
            store.pop(changed, None)
    assert store == plain
    assert dict(mapping) == plain and len(mapping) == len(plain)


def test_a_saved_mapping_reads_only_the_keys_it_is_asked_for():
    saved = {f"g{k}": k for k in range(1000)}
    asked: list[str] = []

    def fetch(names):
        asked.extend(names or saved)
        return {key: saved[key] for key in (names or saved) if key in saved}

    mapping = SavedMapping(fetch=fetch)
    mapping.prefetch(["g1", "g2", "missing"])
    assert mapping["g1"] == 1 and "missing" not in mapping and mapping.get("g3") == 3
    mapping["g2"] = 2  # unchanged: nothing to write
    mapping["g4"] = 40
    assert sorted(asked) == ["g1", "g2", "g3", "g4", "missing"] and mapping.loaded() == 4
    assert mapping.take_changed() == {"g4"} and mapping.take_changed() == set()
