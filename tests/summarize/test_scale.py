"""Summaries of events of any size: near-duplicates found without all pairs, large events read in bounded parts,
one-source events summarised by their lead."""

import random

import pytest

from storyline.model import Article, CopyGroup
from storyline.summarize import candidates, summarize
from storyline.summarize.overlap import near_duplicate_pairs


def _all_pairs(sets, threshold):
    return [
        (i, j)
        for i in range(len(sets))
        for j in range(i + 1, len(sets))
        if 2 * len(sets[i] & sets[j]) >= threshold * max(len(sets[i]) + len(sets[j]), 1)
    ]


@pytest.mark.parametrize("threshold", [0.5, 0.7, 0.9, 1.0])
def test_near_duplicates_are_exactly_those_of_all_pairs(threshold):
    rng = random.Random(11)
    for _ in range(60):
        vocabulary = [f"w{k}" for k in range(rng.randint(2, 30))]
        sets = []
        for _ in range(rng.randint(0, 25)):
            stems = set(rng.sample(vocabulary, rng.randint(0, min(10, len(vocabulary)))))
            sets.append(frozenset(stems))
            if stems and rng.random() < 0.5:  # an edited copy: one word out, maybe another in
                stems.discard(rng.choice(sorted(stems)))
                stems.add(rng.choice(vocabulary))
                sets.append(frozenset(stems))
        assert near_duplicate_pairs(sets, threshold) == _all_pairs(sets, threshold)


def test_near_duplicates_in_small_blocks_are_the_same(monkeypatch):
    sets = [frozenset({"flood", "river", "town", f"day{k % 3}"}) for k in range(40)]
    expected = near_duplicate_pairs(sets)
    monkeypatch.setattr("storyline.summarize.overlap.BLOCK_SIZE", 7)
    assert near_duplicate_pairs(sets) == expected == _all_pairs(sets, 0.7)


def test_a_large_event_is_read_in_rounds_of_leading_sentences():
    assert candidates.leading([3, 2], limit=10) == [3, 2]
    assert candidates.leading([4, 1, 4], limit=7) == [3, 1, 3]
    assert candidates.leading([4, 1, 4], limit=6) == [3, 1, 2]
    assert sum(candidates.leading([40] * 100, limit=250)) == 250


_LEADS = [
    "The river Avon flooded the old market square on Monday night",
    "Floodwater from the Avon covered the old market square late on Monday",
    "On Monday night the Avon burst its banks and flooded the market square",
    "The old market square was flooded when the river Avon rose on Monday night",
]
_LATE = [
    "The harbour festival still ended with fireworks over the flooded bay",
    "Fireworks over the bay closed the harbour festival despite the flood",
    "Despite the flood the harbour festival ended with its fireworks over the bay",
]
_FIRST = ["Ann", "Bob", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hal", "Ida", "Jon"]
_LAST = ["Ames", "Birch", "Cole", "Drake", "Ellis", "Frost", "Grant"]
_STREET = ["Mill", "Church", "Station", "Bridge", "Castle"]


def _flood_report(k: int) -> Article:
    """A paraphrased lead, short notes, and late in the article a long sentence every article shares."""
    lead = f"{_LEADS[k % 4]}, said {_FIRST[k % 10]} {_LAST[k % 7]}, who lives on {_STREET[k % 5]} Road in Town{k}."
    notes = [f"Town{k} note {n}." for n in range(1, 12)]
    notes[8] = (
        f"{_LATE[k % 3]}, {_FIRST[(k + 3) % 10]} {_LAST[(k + 2) % 7]} of {_STREET[(k + 1) % 5]} Road "
        f"told Town{k} radio."
    )
    return Article(id=f"a{k:03d}", text=" ".join([lead, *notes]), published=f"2030-01-{1 + k % 20:02d}")


def test_a_large_event_is_summarised_from_its_articles_leading_sentences(monkeypatch):
    monkeypatch.setattr(candidates, "LARGE_EVENT", 100)
    monkeypatch.setattr(candidates, "MAX_SENTENCES", 300)
    articles = [_flood_report(k) for k in range(60)]
    summary = summarize(articles, words=60)
    texts = " ".join(s.text for s in summary.sentences)
    assert "market square" in texts
    # 300 of 720 sentences are read: five rounds over 60 articles, so the late sentence is never seen (read in
    # full, the event's summary holds it).
    assert "harbour" not in texts
    monkeypatch.setattr(candidates, "MAX_SENTENCES", 1000)
    assert "harbour" in " ".join(s.text for s in summarize(articles, words=60).sentences)
    assert all(c.sentence_index < 5 for s in summary.sentences for c in s.citations)
    flood = next(s for s in summary.sentences if "market square" in s.text)
    assert len(flood.citations) >= 10  # the paraphrases of other articles support it


def test_one_article_is_summarised_by_its_lead_in_order():
    text = (
        "The council approved a new bridge over the river on Tuesday evening. "
        "Construction will start in March and last two years. "
        "The bridge will carry cyclists and pedestrians only. "
        "Critics said the money should go to schools instead of the bridge."
    )
    summary = summarize([Article(id="one", text=text)], words=25)
    assert [s.text for s in summary.sentences] == [
        "The council approved a new bridge over the river on Tuesday evening.",
        "Construction will start in March and last two years.",
    ]


def test_copies_of_one_article_are_one_source_and_cited_together():
    text = (
        "Heavy snow closed the mountain pass for three days this week. "
        "Drivers were turned back at the border post near the summit."
    )
    copies = [
        Article(id="wire", text=text, published="2030-02-01"),
        Article(id="reprint", text=text, published="2030-02-03"),
    ]
    summary = summarize(copies, words=12, copy_groups=[CopyGroup("g1", ["wire", "reprint"], "wire", {})])
    assert [s.text for s in summary.sentences] == ["Heavy snow closed the mountain pass for three days this week."]
    assert {c.article_id for c in summary.sentences[0].citations} == {"wire", "reprint"}
