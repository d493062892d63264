"""Copies of one story always land in one event: online, in batches, after a rebuild, in any arrival order."""

import itertools

import pytest

from storyline import pipeline
from storyline.model import Article
from storyline.store import Store

FLOOD = (
    "The river Tamsel burst its banks at Orford on Tuesday night and flooded forty homes on Mill Lane. "
    "Fire crews from Harwick pumped water from the school basement while the council opened the town hall "
    "to families who had to leave. The mayor, Dana Pell, said the flood wall built in 2019 had held upstream."
)
TRANSFER = (
    "Kestrel Rovers signed the midfielder Tomas Varga from Lindholm for a club record fee of nine million "
    "crowns on Friday. Varga, who is twenty four, scored eleven goals last season and joins on a five year "
    "contract. The coach, Ines Marr, said the squad now had the depth to chase the league title in spring."
)
# A round-up page that reprints both stories: a copy of each, so all three are one copy group.
ROUNDUP = FLOOD + "\n\n" + TRANSFER


def articles():
    return [
        Article(
            id="flood",
            text=FLOOD,
            title="Tamsel floods Orford",
            published="2026-03-03",
            date_source="field",
            content_hash="h-flood",
        ),
        Article(
            id="transfer",
            text=TRANSFER,
            title="Rovers sign Varga",
            published="2026-03-06",
            date_source="field",
            content_hash="h-transfer",
        ),
        Article(
            id="roundup",
            text=ROUNDUP,
            title="The week in brief",
            published="2026-03-07",
            date_source="field",
            content_hash="h-roundup",
        ),
    ]


def assert_copies_in_one_event(store):
    event_of = {a: event.id for event in store.events() for a in event.article_ids}
    assert sorted(event_of) == sorted(a.id for a in store.articles())  # every article in exactly one event
    for group in store.copy_groups():
        assert len({event_of[a] for a in group.article_ids}) == 1, group.article_ids


def batches_in_every_order():
    items = articles()
    for order in itertools.permutations(items):
        yield [list(order)]  # one batch
        yield [[article] for article in order]  # one at a time
        yield [list(order[:2]), [order[2]]]


@pytest.mark.parametrize(
    "batches", list(batches_in_every_order()), ids=lambda b: "|".join(",".join(a.id for a in batch) for batch in b)
)
def test_a_story_reprinted_in_a_roundup_stays_in_one_event(batches):
    store = Store(":memory:")
    for batch in batches:
        pipeline.ingest(store, batch)
        assert_copies_in_one_event(store)
    assert len({g.id for g in store.copy_groups() if len(g.article_ids) == 3}) == 1  # the premise: one group
    pipeline.rebuild(store)
    assert_copies_in_one_event(store)


def test_copies_arriving_after_a_rebuild_join_their_event():
    flood, transfer, roundup = articles()
    store = Store(":memory:")
    pipeline.ingest(store, [flood, transfer])
    pipeline.rebuild(store)
    assert len(store.events()) == 2  # two unrelated stories: two events
    pipeline.ingest(store, [roundup])
    assert_copies_in_one_event(store)
    assert len(store.events()) == 1
