"""Event clustering on small invented articles: two events of one kind, copies, online and batch, state."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

import storyline.events.layer as events_layer
import storyline.events.split as events_split
from storyline.dedup import find_copy_groups
from storyline.events import EventIndex, cluster_events
from storyline.features import article_language, entity_tokens
from storyline.ingest import read_paths
from storyline.model import Article, CopyGroup


def article(id: str, text: str, title: str | None = None, published: str | None = "2024-03-04", **extra) -> Article:
    return Article(
        id=id,
        text=text,
        title=title,
        published=published,
        date_source="field" if published else None,
        **extra,
    )


# Two earthquakes (same kind of event, different places, people and dates) and a dock strike.
VALDORIA = [
    article(
        "v1",
        "A magnitude 6.2 earthquake struck the town of Valdoria early on Monday, collapsing the old bell "
        "tower "
        "and cutting power to thousands of homes. Mayor Ilsa Marrow said rescue teams from Ferren were "
        "searching the ruins of the market hall. Twelve people were injured in Valdoria, officials said.",
        title="Earthquake topples bell tower in Valdoria",
        outlet="Northern Ledger",
    ),
    article(
        "v2",
        "Rescue teams searched the ruins of the Valdoria market hall on Monday after the 6.2 earthquake. "
        "Mayor Ilsa Marrow asked residents to stay away from the collapsed bell tower while engineers from "
        "Ferren inspected the bridge. Power returned to part of Valdoria by evening.",
        title="Valdoria searches ruins after 6.2 quake",
        outlet="Coastal Post",
        published="2024-03-05",
    ),
    article(
        "v3",
        "Aftershocks rattled Valdoria on Tuesday, a day after the magnitude 6.2 earthquake brought down the "
        "bell tower. Mayor Ilsa Marrow said the market hall would be rebuilt and that twelve injured "
        "residents "
        "were recovering in the Ferren clinic.",
        title="Aftershocks rattle Valdoria",
        outlet="Valley Wire",
        published="2024-03-05",
    ),
]
KESTMARK = [  # the same week, the same kind of event and words; other places, people and numbers
    article(
        "k1",
        "A magnitude 5.4 earthquake struck the town of Kestmark early on Wednesday, collapsing the old "
        "lighthouse and cutting power to hundreds of homes. Governor Tomas Reyle said rescue teams from "
        "Brenn "
        "were searching the ruins of the Saint Oda school. Forty people were injured in Kestmark, "
        "officials said.",
        title="Earthquake topples lighthouse in Kestmark",
        outlet="Northern Ledger",
        published="2024-03-06",
    ),
    article(
        "k2",
        "Rescue teams searched the ruins of the Saint Oda school in Kestmark on Wednesday after the 5.4 "
        "earthquake. Governor Tomas Reyle asked residents to stay away from the collapsed lighthouse while "
        "engineers from Brenn inspected the harbour wall. Power returned to part of Kestmark by evening.",
        title="Kestmark searches ruins after 5.4 quake",
        outlet="Coastal Post",
        published="2024-03-06",
    ),
    article(
        "k3",
        "Aftershocks rattled Kestmark on Thursday, a day after the magnitude 5.4 earthquake brought down the "
        "lighthouse. Governor Tomas Reyle said the Saint Oda school would be rebuilt and that forty injured "
        "residents were recovering in the Brenn hospital.",
        title="Aftershocks rattle Kestmark",
        outlet="Valley Wire",
        published="2024-03-07",
    ),
]
STRIKE = [
    article(
        "s1",
        "Dock workers in Port Amsel walked out on Wednesday over night shift pay, leaving six container "
        "ships "
        "waiting offshore. The Amsel Dockers Union said the strike would last until the harbour board raised "
        "wages.",
        title="Port Amsel dockers strike over pay",
        outlet="Trade Daily",
        published="2024-06-19",
    ),
    article(
        "s2",
        "Six container ships waited outside Port Amsel on Thursday as the dockers' strike over night "
        "shift pay "
        "entered its second day. The harbour board offered talks with the Amsel Dockers Union.",
        title="Ships wait as Port Amsel strike goes on",
        outlet="Coastal Post",
        published="2024-06-20",
    ),
]
CORPUS = VALDORIA + KESTMARK + STRIKE


def partition(events) -> set[frozenset[str]]:
    return {frozenset(event.article_ids) for event in events}


def event_holding(events, article_id: str):
    return next(event for event in events if article_id in event.article_ids)


def test_two_events_of_the_same_kind_stay_apart_and_each_is_whole():
    events = cluster_events(CORPUS)
    assert partition(events) == {
        frozenset({"v1", "v2", "v3"}),
        frozenset({"k1", "k2", "k3"}),
        frozenset({"s1", "s2"}),
    }


def test_every_article_is_in_exactly_one_event():
    events = cluster_events(CORPUS)
    ids = [article_id for event in events for article_id in event.article_ids]
    assert sorted(ids) == sorted(a.id for a in CORPUS)


def test_event_has_dates_outlets_and_a_representative_headline():
    event = event_holding(cluster_events(CORPUS), "v1")
    assert (event.start, event.end) == ("2024-03-04", "2024-03-05")
    assert event.outlets == ["Coastal Post", "Northern Ledger", "Valley Wire"]
    assert event.title in {a.title for a in VALDORIA}
    assert event.id.startswith("ev-")


def test_same_input_in_any_order_gives_the_same_events():
    first = cluster_events(CORPUS)
    shuffled = list(CORPUS)
    random.Random(3).shuffle(shuffled)
    second = cluster_events(shuffled)
    assert [(e.id, e.title, sorted(e.article_ids)) for e in first] == [
        (e.id, e.title, sorted(e.article_ids)) for e in second
    ]


def test_online_clustering_of_a_dated_stream_agrees_with_batch():
    # Calls arrive in date order, and each event is split across calls.
    index = EventIndex()
    index.add(VALDORIA[:2])
    index.add(VALDORIA[2:] + KESTMARK[:1])
    index.add(KESTMARK[1:] + STRIKE[:1])
    index.add(STRIKE[1:])
    assert partition(index.events()) == partition(cluster_events(CORPUS))


def test_online_order_within_a_call_does_not_matter():
    forward, backward = EventIndex(), EventIndex()
    forward.add(CORPUS)
    backward.add(CORPUS[::-1])
    assert [(e.id, e.article_ids) for e in forward.events()] == [(e.id, e.article_ids) for e in backward.events()]


def test_add_returns_the_events_it_created_or_changed():
    index = EventIndex()
    index.add(VALDORIA[:2])
    changed = index.add([VALDORIA[2]])
    assert [sorted(e.article_ids) for e in changed] == [["v1", "v2", "v3"]]
    assert index.add([VALDORIA[2]]) == []  # already clustered: skipped


def test_state_round_trip_keeps_events_and_later_additions():
    index = EventIndex()
    index.add(VALDORIA[:2] + KESTMARK[:1])
    restored = EventIndex.from_state(index.to_state())
    assert [(e.id, e.title, e.article_ids, e.start, e.end) for e in restored.events()] == [
        (e.id, e.title, e.article_ids, e.start, e.end) for e in index.events()
    ]
    index.add(VALDORIA[2:] + KESTMARK[1:] + STRIKE)
    restored.add(VALDORIA[2:] + KESTMARK[1:] + STRIKE)
    assert [(e.id, e.title, e.article_ids) for e in restored.events()] == [
        (e.id, e.title, e.article_ids) for e in index.events()
    ]
    assert restored.event_of("k3") == restored.event_of("k1") != restored.event_of("v1")


def test_bad_state_and_bad_options_raise_value_error():
    with pytest.raises(ValueError):
        EventIndex.from_state(b"not a state")
    with pytest.raises(ValueError, match="unknown event option"):
        EventIndex(treshold=0.3)
    with pytest.raises(ValueError):
        cluster_events(CORPUS, threshold=1.5)
    with pytest.raises(ValueError, match="split_ratio"):
        cluster_events(CORPUS, split_ratio=1.5)
    with pytest.raises(ValueError, match="split_ratio_large"):
        cluster_events(CORPUS, split_ratio=0.5, split_ratio_large=0.4)
    with pytest.raises(ValueError, match="topic_threshold"):
        cluster_events(CORPUS, topic_threshold=0)
    with pytest.raises(ValueError):
        cluster_events(["not an article"])


def shared_people_corpus() -> list[Article]:
    """Two openings by the same councillor and trust, told in the same words: a library in Arlow and a
    footbridge in Kesmere, six undated reports each (only the details that differ tell them apart)."""
    people = "Councillor Brenna Tove of the Dunlin Trust"
    frames = [
        "{p} opened the {thing} in {town} on Saturday, cutting a ribbon before a crowd of {crowd} residents.",
        "The {thing} in {town} cost {cost} pounds, {p} told the crowd, and took {years} years to build.",
        "{p} said the new {thing} would serve {town} for a century; {crowd} people came to see it opened.",
        "Residents of {town} cheered as {p} opened their {thing}, built by {builder} for {cost} pounds.",
        "After {years} years of work by {builder}, the {thing} in {town} was opened by {p} at noon.",
        "{p} thanked {builder} for the {thing}, which opened in {town} with {crowd} people watching.",
    ]
    events = {
        "arlow": dict(
            thing="library",
            town="Arlow",
            crowd="300",
            cost="4 million",
            years="three",
            builder="Hesketh Masonry",
        ),
        "kesmere": dict(
            thing="footbridge",
            town="Kesmere",
            crowd="500",
            cost="2 million",
            years="two",
            builder="Orrin Steel",
        ),
    }
    articles = []
    for name, slots in events.items():
        for k in range(len(frames)):
            text = " ".join(frame.format(p=people, **slots) for frame in frames[k:] + frames[:k])
            articles.append(Article(id=f"{name}{k}", text=text))
    return articles


def test_batch_splits_a_topic_into_events_that_share_their_people():
    corpus = shared_people_corpus()
    expected = [{f"arlow{k}" for k in range(6)}, {f"kesmere{k}" for k in range(6)}]
    events = cluster_events(corpus)
    assert sorted((set(e.article_ids) for e in events), key=sorted) == expected
    # One level alone (no split) fuses them: the shared people and words outweigh the differing details.
    assert len(cluster_events(corpus, split_ratio=0)) == 1


def test_a_cut_into_two_large_halves_is_trusted_at_the_looser_ratio(monkeypatch):
    # Every cut of the topic (two halves of 6, then halves of 3) is made to look apart by 0.5: enough for
    # halves of LARGE_HALF articles at split_ratio_large 0.6, not for small halves at split_ratio 0.35.
    corpus = shared_people_corpus()
    assert events_split.LARGE_HALF <= 6
    monkeypatch.setattr(events_split, "separation", lambda similarity, half: 0.5)
    assert len(cluster_events(corpus)) == 2
    assert len(cluster_events(corpus, split_ratio_large=0.5)) == 1
    assert len(cluster_events(corpus, split_ratio=0.55, split_ratio_large=0.55)) == 4


def test_online_index_splits_a_topic_into_events_that_share_their_people():
    # The articles arrive interleaved, a few per call, with the state saved and loaded between calls as a
    # store does: the topic is split again each time it grows.
    corpus = shared_people_corpus()
    arrival = [a for pair in zip(corpus[:6], corpus[6:]) for a in pair]
    state = EventIndex().to_state()
    for begin in range(0, len(arrival), 3):
        index = EventIndex.from_state(state)
        index.add(arrival[begin : begin + 3])
        state = index.to_state()
    events = EventIndex.from_state(state).events()
    expected = [{f"arlow{k}" for k in range(6)}, {f"kesmere{k}" for k in range(6)}]
    assert sorted((set(e.article_ids) for e in events), key=sorted) == expected
    one_level = EventIndex(split_ratio=0)
    for begin in range(0, len(arrival), 3):
        one_level.add(arrival[begin : begin + 3])
    assert len(one_level.events()) == 1  # without the second level the two openings are one event


def test_state_round_trip_keeps_the_members_of_open_topics():
    corpus = shared_people_corpus()
    first, rest = corpus[:4] + corpus[6:10], corpus[4:6] + corpus[10:]
    index = EventIndex()
    index.add(first)
    earlier_id = index.event_of("arlow0")
    restored = EventIndex.from_state(index.to_state())
    changed = restored.add(rest)
    index.add(rest)
    assert [(e.id, e.title, e.article_ids) for e in restored.events()] == [
        (e.id, e.title, e.article_ids) for e in index.events()
    ]
    # The last four articles alone are too few to split: the split needs the stored articles of the topic.
    expected = [{f"arlow{k}" for k in range(6)}, {f"kesmere{k}" for k in range(6)}]
    assert sorted((set(e.article_ids) for e in restored.events()), key=sorted) == expected
    assert {e.id for e in changed} == {restored.event_of("arlow0"), restored.event_of("kesmere0")}
    assert restored.event_of("arlow0") == earlier_id  # an event keeps the id of its earliest article's event


def test_a_topic_past_its_kept_articles_keeps_its_events_and_goes_on(monkeypatch):
    monkeypatch.setattr(events_layer, "MAX_KEPT_TOPIC", 6)
    corpus = shared_people_corpus()
    first, rest = corpus[:3] + corpus[6:9], corpus[3:6] + corpus[9:]
    index = EventIndex()
    index.add(first)
    before = {a.id: index.event_of(a.id) for a in first}
    assert len(set(before.values())) == 1  # three reports of each opening are too few to tell them apart
    index.add(rest[:3])
    index.add(rest[3:])
    # Past six kept articles the topic's events so far are final (uncapped, the split would now part them).
    assert {a.id: index.event_of(a.id) for a in first} == before
    held = [a for e in index.events() for a in e.article_ids]
    assert sorted(held) == sorted(a.id for a in corpus)  # every article in exactly one event


def test_copies_land_in_one_event_even_when_their_text_differs():
    # A syndicated copy cut down to a line that alone would not join the event.
    copy = article("v1-copy", "Bell tower falls.", title="Bell tower falls", published="2024-03-04")
    groups = [CopyGroup(id="cg1", article_ids=["v1", "v1-copy"], canonical="v1")]
    events = cluster_events(CORPUS + [copy], copy_groups=groups)
    assert "v1-copy" in event_holding(events, "v1").article_ids

    index = EventIndex()
    index.add(CORPUS, copy_group_of={"v1": "cg1"})
    index.add([copy], copy_group_of={"v1-copy": "cg1"})
    assert index.event_of("v1-copy") == index.event_of("v1")


def test_a_copy_joins_its_event_after_the_event_has_closed():
    index = EventIndex(window_days=30)
    index.add(VALDORIA, copy_group_of={"v2": "cg2"})
    index.add(STRIKE + [article("later", "Floods closed the Amsel bridge.", published="2024-09-10")])
    assert index.event_of("v1") not in {index.event_of("s1"), index.event_of("later")}
    late = article("v2-late", "Bell tower falls.", published="2024-09-14")  # the Valdoria event is closed
    index.add([late], copy_group_of={"v2-late": "cg2"})
    assert index.event_of("v2-late") == index.event_of("v1")


def test_undated_article_joins_its_event_and_dates_come_from_dated_articles():
    undated = article(
        "v4",
        "Volunteers cleared rubble from the Valdoria market hall after the 6.2 earthquake, and Mayor Ilsa "
        "Marrow thanked the Ferren rescue teams.",
        title="Valdoria volunteers clear rubble",
        published=None,
    )
    event = event_holding(cluster_events(CORPUS + [undated]), "v4")
    assert set(event.article_ids) == {"v1", "v2", "v3", "v4"}
    assert (event.start, event.end) == ("2024-03-04", "2024-03-05")


def test_articles_dated_only_by_ingest_time_get_those_dates_and_no_time_penalty():
    # Read months after the event: without a time penalty they still join the dated articles of their event.
    read_later = [
        Article(id=a.id + "-late", text=a.text, title=a.title, published="2024-11-10", date_source="ingest-time")
        for a in KESTMARK[1:]
    ]
    events = cluster_events(CORPUS + read_later)
    assert set(event_holding(events, "k1").article_ids) == {"k1", "k2", "k3", "k2-late", "k3-late"}
    only_late = cluster_events(read_later)
    assert (only_late[0].start, only_late[0].end) == ("2024-11-10", "2024-11-10")
    undated_only = cluster_events([article("u1", KESTMARK[0].text, published=None)])
    assert (undated_only[0].start, undated_only[0].end) == (None, None)


def test_untitled_event_is_named_by_a_shortened_central_sentence():
    untitled = [article(a.id, a.text, title=None, published=a.published) for a in KESTMARK]
    (event,) = cluster_events(untitled)
    assert event.title
    assert len(event.title.split()) <= 14
    assert any(event.title.rstrip("…").split()[0] in a.text for a in KESTMARK)


def test_short_and_empty_articles_are_kept_each_in_one_event():
    short = article("tiny", "Quake.", published="2024-03-04")
    empty = article("empty", "", published="2024-03-04")
    events = cluster_events(CORPUS + [short, empty])
    assert sorted(a for e in events for a in e.article_ids) == sorted([a.id for a in CORPUS] + ["tiny", "empty"])
    assert event_holding(events, "empty").article_ids == ["empty"]
    assert partition([e for e in events if "tiny" not in e.article_ids and "empty" not in e.article_ids]) >= {
        frozenset({"k1", "k2", "k3"})
    }


def test_articles_in_other_languages_are_kept_apart_from_english_events():
    german = article(
        "de1",
        "Ein Erdbeben der Stärke 6,2 hat am Montag die Stadt Valdoria erschüttert und den alten Glockenturm "
        "zum Einsturz gebracht. Bürgermeisterin Ilsa Marrow sagte, Rettungsteams aus Ferren suchten in den "
        "Trümmern der Markthalle nach Verletzten.",
        title="Erdbeben bringt Glockenturm in Valdoria zum Einsturz",
    )
    declared = article("es1", VALDORIA[0].text, title=VALDORIA[0].title, language="es")
    events = cluster_events(CORPUS + [german, declared])
    valdoria = event_holding(events, "v1")
    assert "de1" not in valdoria.article_ids and "es1" not in valdoria.article_ids
    assert set(valdoria.article_ids) == {"v1", "v2", "v3"}


def test_language_guess_and_entities():
    assert article_language(VALDORIA[0]) == "en"
    assert (
        article_language(
            article(
                "x",
                "Der Hund und die Katze sind mit dem Zug nach Berlin gefahren, weil es "
                "dort im Sommer warm ist und die Kinder am See spielen.",
            )
        )
        == "und"
    )
    assert article_language(article("y", "Kurz.")) == "en"  # too short to judge
    assert article_language(article("z", "Text", language="pt-BR")) == "pt"
    assert entity_tokens("After the vote, Governor Tomas Reyle met 40 families.") == [
        "governor tomas reyle",
        "governor",
        "tomas",
        "reyle",
        "40",
    ]


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


def test_example_corpus_yields_exactly_its_events_in_batch_and_online():
    expected = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
    articles = [item for item in read_paths([EXAMPLES / "corpus"]) if isinstance(item, Article)]
    by_title = {a.title: a.id for a in articles}
    gold = {frozenset(by_title[title] for title in event["titles"]) for event in expected["events"]}
    groups = find_copy_groups(articles)
    assert partition(cluster_events(articles, copy_groups=groups)) == gold
    index = EventIndex()
    for article in sorted(articles, key=lambda a: (a.published or "", a.id)):  # one article per call
        index.add([article])
    assert partition(index.events()) == gold


def test_seed_articles_form_one_event():
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    seeds = [item for item in read_paths([SEEDS]) if isinstance(item, Article)]
    assert len(seeds) == 3
    (event,) = cluster_events(seeds, copy_groups=find_copy_groups(seeds))
    assert sorted(event.article_ids) == sorted(a.id for a in seeds)
