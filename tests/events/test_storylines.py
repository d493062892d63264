"""Storylines: events linked when they continue one story, kept apart when they are two stories of one kind."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest

import storyline
from storyline.cli import main
from storyline.events import EventIndex
from storyline.events.storylines import StorylineIndex, build_storylines
from storyline.ingest import read_paths
from storyline.model import Article, Event, Storyline
from storyline.pipeline import digests, ingest, rebuild
from storyline.store import Store
from storyline.timelines import developments
from tests.conftest import EXAMPLES

# Our own small texts: a mill fire in Carrowby and its follow-up five days later (one story), and a tannery fire
# in Askerton the same week (another story of the same kind).
MILL_FIRE = [
    "Fire crews fought a blaze at the Hollin Dyeworks mill in Carrowby through Tuesday night. Owner Ruth Abernethy "
    "said all forty workers got out safely. Carrowby fire chief Idris Penhale said the roof of the weaving shed "
    "collapsed before dawn.",
    "The Hollin Dyeworks mill in Carrowby was gutted by fire on Tuesday. Ruth Abernethy, who owns the mill, thanked "
    "the crews. Idris Penhale said eight engines from Carrowby and Lessing attended the fire at its height.",
    "Smoke from the burning Hollin Dyeworks mill drifted over Carrowby on Tuesday. Idris Penhale told residents to "
    "keep windows shut. Ruth Abernethy said the mill had stood on the Carrow river since 1871.",
]
MILL_FOLLOW_UP = [
    "Carrowby council ordered the demolition of the fire-damaged Hollin Dyeworks mill on Sunday. Ruth Abernethy "
    "said she would rebuild on the Carrow river site. Idris Penhale said investigators traced the fire to wiring.",
    "Investigators said faulty wiring started the fire that destroyed the Hollin Dyeworks mill in Carrowby. Idris "
    "Penhale presented the report to Carrowby council, which voted to demolish the shell. Ruth Abernethy accepted.",
]
TANNERY_FIRE = [
    "Fire crews fought a blaze at the Brenlow Tannery in Askerton on Thursday night. Owner Mattias Oduya said "
    "twelve workers got out safely. Askerton station officer Selma Vance said the drying loft collapsed.",
    "The Brenlow Tannery in Askerton was destroyed by fire on Thursday. Mattias Oduya, who owns the tannery, said "
    "it had stood by the Asker canal since 1902. Selma Vance said five engines attended the fire.",
    "A second fire in a week kept the Carrowby fire service busy on Thursday, this time at the Brenlow Tannery in "
    "Askerton. Regional fire chief Idris Penhale said Mattias Oduya's staff were all accounted for.",
]


def _articles(texts, prefix, day, *, outlet="Carrow Post"):
    return [
        Article(
            id=f"{prefix}{k}",
            text=text,
            title=None,
            outlet=outlet,
            published=day,
            date_source="field",
            content_hash=f"{prefix}{k}",
        )
        for k, text in enumerate(texts)
    ]


def _event(event_id, articles):
    days = sorted(a.published for a in articles if a.published)
    return Event(
        event_id,
        articles[0].text.split(".")[0],
        days[0] if days else None,
        days[-1] if days else None,
        [a.id for a in articles],
    )


def _link(groups):
    """Storylines of hand-made events (one per group of articles), with the idf of all their articles."""
    articles = [a for group in groups for a in group]
    events = [_event(f"ev-{k}", group) for k, group in enumerate(groups)]
    stories = build_storylines(events, articles, idf=EventIndex.from_articles(articles).idf())
    return {event_id: story.id for story in stories for event_id in story.event_ids}, stories


def test_a_later_development_joins_its_story_and_another_fire_stays_apart():
    mill = _articles(MILL_FIRE, "m", "2026-04-07")
    follow_up = _articles(MILL_FOLLOW_UP, "f", "2026-04-12")
    tannery = _articles(TANNERY_FIRE, "t", "2026-04-09")
    story_of, stories = _link([mill, follow_up, tannery])
    assert story_of["ev-0"] == story_of["ev-1"], "the follow-up five days later was not linked to the mill fire"
    assert story_of["ev-2"] != story_of["ev-0"], "the tannery fire was linked to the mill fire"
    mill_story = next(s for s in stories if "ev-0" in s.event_ids)
    assert mill_story.event_ids == ["ev-0", "ev-1"]  # date order
    assert (mill_story.start, mill_story.end) == ("2026-04-07", "2026-04-12")


def test_the_same_names_months_apart_are_two_stories():
    story_of, _ = _link([_articles(MILL_FIRE, "m", "2026-04-07"), _articles(MILL_FOLLOW_UP, "f", "2026-09-01")])
    assert story_of["ev-0"] != story_of["ev-1"]


def test_without_dates_two_fires_sharing_a_fire_chief_stay_apart():
    undated = [
        [dataclasses.replace(a, published=None, date_source=None) for a in group]
        for group in (_articles(MILL_FIRE, "m", None), _articles(TANNERY_FIRE, "t", None))
    ]
    story_of, stories = _link(undated)
    assert story_of["ev-0"] != story_of["ev-1"]
    assert all(story.start is None and story.end is None for story in stories)


def test_undated_copies_of_one_story_are_still_linked():
    texts = MILL_FIRE[:2]
    first = _articles(texts, "a", None)
    second = _articles(texts, "b", None)
    story_of, _ = _link([first, second])
    assert story_of["ev-0"] == story_of["ev-1"]


def test_updates_one_event_at_a_time_give_the_batch_storylines_and_survive_a_saved_state():
    groups = [
        _articles(MILL_FIRE, "m", "2026-04-07"),
        _articles(TANNERY_FIRE, "t", "2026-04-09"),
        _articles(MILL_FOLLOW_UP, "f", "2026-04-12"),
    ]
    articles = [a for group in groups for a in group]
    idf = EventIndex.from_articles(articles).idf()
    events = [_event(f"ev-{k}", group) for k, group in enumerate(groups)]
    batch = build_storylines(events, articles, idf=idf)
    state = StorylineIndex().to_state()
    for event, group in zip(events, groups):
        index = StorylineIndex.from_state(state)
        changed = index.update([event], group, idf=idf)
        assert event.id in {e for story in changed for e in story.event_ids}
        state = index.to_state()
    assert StorylineIndex.from_state(state).storylines() == batch


# A single later report of the mill story: a few of its names among many others, so it shares no key entity with
# the mill fire and stays below the threshold two full events link at; and one naming both fires.
WEAVERS_MEETING = (
    "Former weavers of Hollin Dyeworks met in the Carrowby town hall on Monday to ask about their jobs. Union "
    "organiser Petra Lindqvist said Ruth Abernethy would pay wages until the end of the month. Tomas Greer of the "
    "Weavers Guild and Alma Castell of the Lessing Job Centre offered places on a retraining course in Dunford. "
    "Bishop Conor Rafferty opened St Brigid's hall for the meeting, and the Northfold Credit Union offered loans."
)
WORKERS_OF_BOTH = (
    "Union organiser Petra Lindqvist met former weavers of Hollin Dyeworks in Carrowby and tanners of the Brenlow "
    "Tannery in Askerton on Monday. Tomas Greer of the Weavers Guild and Alma Castell of the Lessing Job Centre "
    "offered places on a retraining course in Dunford. Bishop Conor Rafferty opened St Brigid's hall."
)


def _fires_and(text, day="2026-04-13", **options):
    groups = [
        _articles(MILL_FIRE, "m", "2026-04-07"),
        _articles(TANNERY_FIRE, "t", "2026-04-09"),
        [dataclasses.replace(_articles([text], "x", day)[0], published=day, date_source="field" if day else None)],
    ]
    articles = [a for group in groups for a in group]
    events = [_event(f"ev-{k}", group) for k, group in enumerate(groups)]
    stories = build_storylines(events, articles, idf=EventIndex.from_articles(articles).idf(), **options)
    return [story.event_ids for story in stories]


def test_a_lone_later_report_joins_the_story_it_continues():
    assert _fires_and(WEAVERS_MEETING) == [["ev-0", "ev-2"], ["ev-1"]]
    # What joins it is the lone report's own rule: as an event of its own, it would stay apart.
    assert _fires_and(WEAVERS_MEETING, lone_threshold=None) == [["ev-0"], ["ev-1"], ["ev-2"]]
    # Without a date it cannot be placed after the story, and stays apart.
    assert sorted(_fires_and(WEAVERS_MEETING, day=None)) == [["ev-0"], ["ev-1"], ["ev-2"]]
    with pytest.raises(ValueError, match="lone_threshold"):
        StorylineIndex(lone_threshold=0.5)  # above the threshold full events link at


def test_a_lone_report_naming_two_stories_joins_one_and_never_bridges_them():
    stories = _fires_and(WORKERS_OF_BOTH)
    assert sorted(map(len, stories)) == [1, 2]
    assert not any({"ev-0", "ev-1"} <= set(story) for story in stories)


def test_a_lone_report_stays_with_its_story_as_the_story_grows_one_update_at_a_time():
    mill, tannery = _articles(MILL_FIRE, "m", "2026-04-07"), _articles(TANNERY_FIRE, "t", "2026-04-09")
    lone, follow_up = _articles([WEAVERS_MEETING], "x", "2026-04-13"), _articles(MILL_FOLLOW_UP, "f", "2026-04-12")
    idf = EventIndex.from_articles(mill + tannery + lone + follow_up).idf()
    state = StorylineIndex().to_state()
    for event, articles in (
        (_event("ev-0", mill), mill),
        (_event("ev-1", tannery), tannery),
        (_event("ev-2", lone), lone),
        (_event("ev-0", mill + follow_up), follow_up),  # the mill fire's event grows: the lone report stays
        (_event("ev-3", mill + follow_up), []),  # its articles move to another event: the lone report follows
    ):
        index = StorylineIndex.from_state(state)
        index.update([event], articles, idf=idf)
        state = index.to_state()
    assert [story.event_ids for story in StorylineIndex.from_state(state).storylines()] == [["ev-3", "ev-2"], ["ev-1"]]


# A second short report of the weavers' meeting: with the first, a small event of two articles.
WEAVERS_SECOND = (
    "Petra Lindqvist said on Monday that the former weavers of Hollin Dyeworks in Carrowby would be paid until the "
    "end of the month. Tomas Greer of the Weavers Guild said places on the Dunford retraining course would open "
    "next week, and the Northfold Credit Union repeated its offer of loans."
)
JOB_CENTRE = (
    "Alma Castell of the Lessing Job Centre said on Tuesday that twelve former weavers had signed up for the "
    "retraining course in Dunford that Petra Lindqvist and Tomas Greer of the Weavers Guild announced on Monday."
)


def _small_report_stories(mill_texts=MILL_FIRE, later=(WEAVERS_MEETING, WEAVERS_SECOND), **options):
    groups = [
        _articles(mill_texts, "m", "2026-04-07"),
        _articles(TANNERY_FIRE, "t", "2026-04-09"),
        _articles(list(later), "x", "2026-04-13"),
    ]
    articles = [a for group in groups for a in group]
    events = [_event(f"ev-{k}", group) for k, group in enumerate(groups)]
    stories = build_storylines(events, articles, idf=EventIndex.from_articles(articles).idf(), **options)
    return sorted(sorted(story.event_ids) for story in stories)


def test_a_small_later_report_of_two_articles_joins_the_story_it_continues_when_small_reports_are_larger():
    assert _small_report_stories(lone_size=3, lone_threshold=0.12) == [["ev-0", "ev-2"], ["ev-1"]]
    # By default only a lone report (one article) joins this way: the two articles stay apart.
    assert _small_report_stories() == [["ev-0"], ["ev-1"], ["ev-2"]]
    with pytest.raises(ValueError, match="lone_size"):
        StorylineIndex(lone_size=0)


def test_by_default_another_fire_of_three_articles_stays_apart_from_a_larger_fire_story():
    # The tannery fire names the mill's fire chief: as a "small report" of three articles beside the mill fire's
    # five, it would join the mill's story, which is why small reports are lone reports unless asked otherwise.
    mill_story = MILL_FIRE + MILL_FOLLOW_UP
    assert _small_report_stories(mill_story, [WEAVERS_MEETING]) == [["ev-0", "ev-2"], ["ev-1"]]
    fused = _small_report_stories(mill_story, [WEAVERS_MEETING], lone_size=3, lone_threshold=0.12)
    assert fused == [["ev-0", "ev-1", "ev-2"]]


def test_small_reports_joined_in_a_chain_stay_with_their_story_as_it_changes_one_update_at_a_time():
    mill = _articles(MILL_FIRE, "m", "2026-04-07")
    meeting = _articles([WEAVERS_MEETING, WEAVERS_SECOND], "x", "2026-04-13")
    job_centre = _articles([JOB_CENTRE], "j", "2026-04-14")
    follow_up = _articles(MILL_FOLLOW_UP, "f", "2026-04-12")
    articles = mill + meeting + job_centre + follow_up
    idf = EventIndex.from_articles(articles).idf()
    options = {"lone_size": 3, "lone_threshold": 0.12}
    steps = [
        (_event("ev-0", mill), mill),
        (_event("ev-2", meeting), meeting),
        (_event("ev-3", job_centre), job_centre),
        (_event("ev-0", mill + follow_up), follow_up),  # the mill fire's event grows: its small reports stay
        (_event("ev-4", mill + follow_up), []),  # its articles move to another event: they follow
    ]
    state = StorylineIndex(**options).to_state()
    for event, new_articles in steps:
        index = StorylineIndex.from_state(state)
        index.update([event], new_articles, idf=idf)
        state = index.to_state()
    final = [_event("ev-2", meeting), _event("ev-3", job_centre), _event("ev-4", mill + follow_up)]
    batch = build_storylines(final, articles, idf=idf, **options)
    stories = StorylineIndex.from_state(state).storylines()
    assert [s.event_ids for s in stories] == [s.event_ids for s in batch]
    assert [sorted(s.event_ids) for s in stories] == [["ev-2", "ev-3", "ev-4"]]


def test_an_event_that_loses_its_articles_leaves_its_storyline():
    mill, follow_up = _articles(MILL_FIRE, "m", "2026-04-07"), _articles(MILL_FOLLOW_UP, "f", "2026-04-12")
    idf = EventIndex.from_articles(mill + follow_up).idf()
    index = StorylineIndex()
    index.update([_event("ev-a", mill), _event("ev-b", follow_up)], mill + follow_up, idf=idf)
    index.update([_event("ev-a", mill + follow_up)], [], idf=idf)  # the follow-up's articles moved to ev-a
    assert [story.event_ids for story in index.storylines()] == [["ev-a"]]


def test_an_event_spanning_months_is_one_storyline_with_a_development_per_day():
    days = ["2026-01-05", "2026-02-16", "2026-04-20"]
    texts = [
        MILL_FIRE[0],
        MILL_FOLLOW_UP[0],
        "A new Hollin Dyeworks mill opened on the Carrow river site on Monday, built by Ruth Abernethy with "
        "help from Carrowby council and a loan from the Lessing Savings Bank.",
    ]
    articles = [_articles([text], f"s{k}", day)[0] for k, (day, text) in enumerate(zip(days, texts))]
    _, stories = _link([articles])
    assert [(s.start, s.end, s.event_ids) for s in stories] == [("2026-01-05", "2026-04-20", ["ev-0"])]
    found = developments(articles)
    assert [item.date for item in found] == days
    for item in found:
        citation = item.citations[0]
        article = next(a for a in articles if a.id == citation.article_id)
        assert " ".join(article.text[citation.start : citation.end].split()) == item.text


def test_developments_skip_a_day_that_only_repeats_earlier_news_and_undated_articles():
    first = _articles(MILL_FIRE[:1], "a", "2026-04-07")
    repeat = _articles(MILL_FIRE[:1], "b", "2026-04-08")
    undated = _articles(MILL_FOLLOW_UP[:1], "c", None)
    assert [item.date for item in developments(first + repeat + undated)] == ["2026-04-07"]


def test_a_later_days_lead_that_restates_the_story_is_its_development_and_a_dateline_marks_the_lead():
    first = _articles(
        [
            "CARROWBY — Fire crews fought a blaze at the Hollin Dyeworks mill in Carrowby through Tuesday night, "
            "and owner Ruth Abernethy said all forty workers got out of the weaving shed safely."
        ],
        "a",
        "2026-04-07",
    )
    # a caption before the story, then a lead that restates the fire and adds the demolition
    later = _articles(
        [
            "The gutted weaving shed seen from the Carrow river bank.\n\n"
            "CARROWBY — Carrowby council ordered the demolition of the fire-damaged Hollin Dyeworks mill on Sunday, "
            "five days after the blaze that destroyed its weaving shed. Ruth Abernethy said she would rebuild."
        ],
        "b",
        "2026-04-12",
    )
    found = developments(first + later)
    assert [(item.date, item.text.split(",")[0]) for item in found] == [
        ("2026-04-07", "Fire crews fought a blaze at the Hollin Dyeworks mill in Carrowby through Tuesday night"),
        ("2026-04-12", "Carrowby council ordered the demolition of the fire-damaged Hollin Dyeworks mill on Sunday"),
    ]
    citation = found[1].citations[0]
    assert later[0].text[citation.start : citation.end].startswith("CARROWBY — Carrowby council ordered")


def test_a_development_is_a_sentence_that_reads_alone_not_one_opening_with_a_pronoun_or_in_the_first_person():
    first = _articles(
        [
            "He was the quiet centre of the Carrowby mill for forty years. "
            "Fire crews fought a blaze at the Hollin Dyeworks mill in Carrowby through Tuesday night."
        ],
        "a",
        "2026-04-07",
    )
    later = _articles(
        [
            "We did everything we could to save the weaving shed, said the mill's owner Ruth Abernethy. "
            "Carrowby council ordered the demolition of the fire-damaged Hollin Dyeworks mill on Sunday."
        ],
        "b",
        "2026-04-12",
    )
    found = developments(first + later)
    assert [(item.date, item.text.split(" mill")[0]) for item in found] == [
        ("2026-04-07", "Fire crews fought a blaze at the Hollin Dyeworks"),
        ("2026-04-12", "Carrowby council ordered the demolition of the fire-damaged Hollin Dyeworks"),
    ]


def _example_articles():
    return [a for a in read_paths([EXAMPLES / "corpus"]) if isinstance(a, Article)]


def _story_of_title(stories, events, articles):
    event_of = {a: e.id for e in events for a in e.article_ids}
    story_of = {e: s.id for s in stories for e in s.event_ids}
    return {a.title: story_of[event_of[a.id]] for a in articles}


def _check_example_pairs(story_of_title):
    expected = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
    for pair in expected["follow_ups"]:
        assert story_of_title[pair["first"]] == story_of_title[pair["follow_up"]], pair
    for pair in expected["hard_pairs"]:
        names = [e["name"] for e in expected["events"]]
        first, second = (expected["events"][names.index(name)]["titles"][0] for name in pair["events"])
        assert story_of_title[first] != story_of_title[second], pair["why"]


def test_example_corpus_links_both_follow_ups_and_keeps_the_two_warehouse_fires_apart():
    articles = _example_articles()
    stories, events = storyline.api.storylines_and_events(articles)
    _check_example_pairs(_story_of_title(stories, events, articles))
    assert sorted(e for s in storyline.storylines(articles) for e in s.event_ids) == sorted(e.id for e in events)


def test_store_storylines_as_articles_arrive_match_a_rebuild(tmp_path):
    articles = _example_articles()
    with Store(tmp_path / "s.db") as store:
        report = ingest(store, articles, batch_size=3)
        assert report.storylines_touched
        online = store.storylines()
        events = store.events()
        assert sorted(e for s in online for e in s.event_ids) == sorted(e.id for e in events)
        _check_example_pairs(_story_of_title(online, events, articles))
        rebuild(store)
        rebuilt, rebuilt_events = store.storylines(), store.events()

    def article_sets(stories, events):
        members = {e.id: e.article_ids for e in events}
        return sorted(sorted(a for e in s.event_ids for a in members[e]) for s in stories)

    assert article_sets(online, events) == article_sets(rebuilt, rebuilt_events)


def test_a_store_made_before_storylines_gets_them_for_its_stored_events(tmp_path):
    articles = _example_articles()
    path = tmp_path / "s.db"
    with Store(path) as store:
        ingest(store, articles[:12])
    with sqlite3.connect(path) as db:  # back to the first schema, as a store written before storylines existed
        db.executescript(
            "DROP TABLE storylines; DROP TABLE storyline_members; DELETE FROM state WHERE key = 'storylines'; "
            "UPDATE meta SET value = '1' WHERE key = 'schema_version';"
        )
    with Store(path) as store:
        ingest(store, articles[12:])
        assert sorted(e for s in store.storylines() for e in s.event_ids) == sorted(e.id for e in store.events())


def test_seeds_make_one_storyline_holding_the_one_event(seeds_dir, tmp_path):
    articles = [a for a in read_paths(sorted(seeds_dir.glob("*.txt"))) if isinstance(a, Article)]
    stories, events = storyline.api.storylines_and_events(articles)
    assert len(events) == 1
    assert [s.event_ids for s in stories] == [[events[0].id]]
    with Store(tmp_path / "s.db") as store:
        ingest(store, articles)
        assert [s.event_ids for s in store.storylines()] == [[e.id for e in store.events()]]


def test_cli_prints_the_storylines_json_shape(capsys, tmp_path):
    code = main(["storylines", str(EXAMPLES / "corpus"), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and set(data) == {"storylines"}
    for story in data["storylines"]:
        assert set(story) == {"id", "title", "start", "end", "events"}
        for event in story["events"]:
            assert set(event) == {"id", "title", "start", "end", "articles"}
    assert sum(len(e["articles"]) for s in data["storylines"] for e in s["events"]) == 20
    db = tmp_path / "s.db"
    assert main(["storylines", str(EXAMPLES / "corpus"), "--db", str(db), "--json"]) == 0
    stored = json.loads(capsys.readouterr().out)
    assert len(stored["storylines"]) == len(data["storylines"])
    assert main(["storylines", "--db", str(db)]) == 0
    assert "Sallow Street Bridge" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["storylines"], ["storylines", "--db", "missing.db"]])
def test_cli_storylines_without_input_is_a_one_line_error(capsys, tmp_path, monkeypatch, argv):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("storyline: error:") and len(err.strip().splitlines()) == 1


def test_digest_index_groups_events_by_storyline_and_pages_link_the_storyline(tmp_path):
    articles = _articles(MILL_FIRE, "m", "2026-04-07") + _articles(TANNERY_FIRE, "t", "2026-04-09")
    with Store(tmp_path / "s.db") as store:
        ingest(store, articles)
        first, second = store.events()
        with store.transaction():  # one storyline of two events, as the linker makes of a story and its sequel
            linked = Storyline("sl-x", "Two fires", first.start, second.end, [first.id, second.id])
            store.replace_all_storylines([linked])
        made = {digest.event.id: digest for digest in digests(store)}
    # Links carry the titles the digests show (each event's most representative headline).
    first_title, second_title = made[first.id].event.title, made[second.id].event.title
    assert made[first.id].storyline.later == [{"id": second.id, "title": second_title, "start": second.start}]
    assert made[second.id].storyline.earlier == [{"id": first.id, "title": first_title, "start": first.start}]
    assert made[first.id].storyline.earlier == [] and made[second.id].storyline.later == []
    report = storyline.digest([], db=tmp_path / "s.db", out=tmp_path / "out")
    out = tmp_path / "out"
    index = (out / "index.md").read_text(encoding="utf-8")
    data = json.loads((out / "index.json").read_text(encoding="utf-8"))
    # The storyline is shown under its largest event's title as the digests give it (the earlier of equals), not
    # the title the event index stored for it.
    largest = max((first, second), key=lambda event: len(event.article_ids))
    assert [line[3:] for line in index.splitlines() if line.startswith("## ")] == [made[largest.id].event.title]
    assert (
        made[largest.id].event.title != "Two fires" and data["storylines"][0]["title"] == made[largest.id].event.title
    )
    assert made[first.id].storyline.title == made[largest.id].event.title
    files = {event["id"]: str(Path(event["file"]).with_suffix(".md")) for event in data["events"]}
    assert index.index(files[first.id]) < index.index(files[second.id])
    [story] = data["storylines"]
    assert [entry["event_id"] for entry in story["timeline"]] == [first.id, second.id]
    assert [entry["headline"] for entry in story["timeline"]] == [first_title, second_title]  # as their pages
    assert all(entry["summary"] and entry["citations"] for entry in story["timeline"])
    page = (out / files[first.id]).read_text(encoding="utf-8")
    assert "## Storyline" in page and f"]({files[second.id].split('/')[-1]})" in page
    page_json = json.loads((out / files[second.id]).with_suffix(".json").read_text(encoding="utf-8"))
    assert page_json["storyline"]["earlier"][0]["id"] == first.id
    assert report.event_count == 2


def test_a_late_copy_joining_a_closed_event_keeps_its_storyline():
    mill, follow_up = _articles(MILL_FIRE, "m", "2026-04-07"), _articles(MILL_FOLLOW_UP, "f", "2026-04-12")
    later = _articles(TANNERY_FIRE, "t", "2026-07-01")  # moves the stream a window past the mill fire
    copy = _articles(MILL_FIRE[:1], "c", "2026-04-07")
    articles = mill + follow_up + later + copy
    idf = EventIndex.from_articles(articles).idf()
    index = StorylineIndex()
    index.update([_event("ev-a", mill), _event("ev-b", follow_up)], mill + follow_up, idf=idf)
    index.update([_event("ev-c", later)], later, idf=idf)
    index.update([_event("ev-a", mill + copy)], copy, idf=idf)
    assert [s.event_ids for s in index.storylines()] == [["ev-a", "ev-b"], ["ev-c"]]


def test_api_names_work_after_other_api_calls_imported_their_modules():
    import subprocess
    import sys

    code = (
        "import storyline; r = storyline.read(['examples/corpus/text/courier-ostwick-fire.txt']); "
        "assert storyline.storylines(r.articles) and storyline.api.events(r.articles); "
        "assert storyline.storylines(r.articles); print('ok')"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=EXAMPLES.parent, capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr


def test_the_index_lists_an_event_that_no_stored_storyline_holds(tmp_path):
    with Store(tmp_path / "s.db") as store:
        ingest(store, _articles(MILL_FIRE, "m", "2026-04-07") + _articles(TANNERY_FIRE, "t", "2026-04-09"))
        with store.transaction():
            store.replace_all_storylines(store.storylines()[:1])
    storyline.digest([], db=tmp_path / "s.db", out=tmp_path / "out")
    data = json.loads((tmp_path / "out" / "index.json").read_text(encoding="utf-8"))
    assert sorted(e for s in data["storylines"] for e in s["events"]) == sorted(e["id"] for e in data["events"])
    index = (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
    assert all(Path(event["file"]).stem in index for event in data["events"])  # index.json names the JSON pages


def test_build_without_an_event_index_weighs_terms_by_the_articles_themselves():
    groups = [
        _articles(MILL_FIRE, "m", "2026-04-07"),
        _articles(MILL_FOLLOW_UP, "f", "2026-04-12"),
        _articles(TANNERY_FIRE, "t", "2026-04-09"),
    ]
    articles = [a for group in groups for a in group]
    events = [_event(f"ev-{k}", group) for k, group in enumerate(groups)]
    assert build_storylines(events, articles) == build_storylines(
        events, articles, idf=EventIndex.from_articles(articles).idf()
    )


# A short first report of the mill story, before the fire: the mill among other names, below the threshold two full
# events link at and sharing no key entity with the fire's coverage.
MILL_INSPECTION = (
    "Owners of old mills on the Carrow river were told on Monday to replace their wiring before the summer. Owen "
    "Marsh, building inspector of Northfold county, named Hollin Dyeworks in Carrowby among them. Councillor Greta "
    "Amsel said the Penrose grants of the Northfold Heritage Trust would pay half."
)


def _first_report_stories(day, **options):
    """Storylines of the inspection report dated ``day``, the mill fire of 7 April and the tannery fire, in a
    batch and one event at a time (the report first) through a saved state; the two must agree."""
    groups = [
        _articles([MILL_INSPECTION], "w", day),
        _articles(MILL_FIRE, "m", "2026-04-07"),
        _articles(TANNERY_FIRE, "t", "2026-04-09"),
    ]
    articles = [a for group in groups for a in group]
    idf = EventIndex.from_articles(articles).idf()
    events = [_event(f"ev-{k}", group) for k, group in enumerate(groups)]
    batch = [s.event_ids for s in build_storylines(events, articles, idf=idf, **options)]
    state = StorylineIndex(**options).to_state()
    for event, group in zip(events, groups):
        index = StorylineIndex.from_state(state)
        index.update([event], group, idf=idf)
        state = index.to_state()
    assert [s.event_ids for s in StorylineIndex.from_state(state).storylines()] == batch
    return sorted(sorted(story) for story in batch)


def test_a_report_that_came_before_its_story_joins_it_when_the_story_arrives():
    # Thirteen days before the fire: within the window, so the lone report joins as it would after the story.
    assert _first_report_stories("2026-03-25") == [["ev-0", "ev-1"], ["ev-2"]]
    assert _first_report_stories("2026-03-25", lone_threshold=None) == [["ev-0"], ["ev-1"], ["ev-2"]]


def test_a_first_report_weeks_before_its_story_joins_it_only_when_first_reports_reach_that_far():
    # Forty-six days before the fire: beyond the 30-day window, but first reports reach 60 days by default, so the
    # report (kept open that long) joins the fire's story, and not the other fire's; with their reach at the
    # window it stays apart.
    assert _first_report_stories("2026-02-20") == [["ev-0", "ev-1"], ["ev-2"]]
    assert _first_report_stories("2026-02-20", first_report_days=None) == [["ev-0"], ["ev-1"], ["ev-2"]]
    # Seventy-seven days before: beyond that reach too.
    assert _first_report_stories("2026-01-20") == [["ev-0"], ["ev-1"], ["ev-2"]]
    # A reach shorter than the window is the window.
    assert _first_report_stories("2026-02-20", first_report_days=10) == [["ev-0"], ["ev-1"], ["ev-2"]]
    assert _first_report_stories("2026-03-25", first_report_days=10) == [["ev-0", "ev-1"], ["ev-2"]]
    with pytest.raises(ValueError, match="first_report_days"):
        StorylineIndex(first_report_days=-1)


def test_articles_without_headlines_give_storylines_the_same_titles_from_files_from_the_store_and_in_the_digest(
    capsys, tmp_path
):
    """Without headlines the event index names an event by a lead cut short ("…"); every output names it as its
    digest does instead: read from files, from a store not yet digested, from a digested one, and the index."""
    articles = [a for a in read_paths([EXAMPLES / "corpus"]) if isinstance(a, Article)]
    records = [{"id": a.id, "text": a.text, "outlet": a.outlet, "published": a.published} for a in articles]
    corpus = tmp_path / "headless.jsonl"
    corpus.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")

    def titles(*argv):
        assert main(["storylines", *argv, "--json"]) == 0
        data = json.loads(capsys.readouterr().out)["storylines"]
        return sorted((s["title"], tuple(e["title"] for e in s["events"])) for s in data)

    from_files = titles(str(corpus))
    db = tmp_path / "s.db"
    assert main(["ingest", str(corpus), "--db", str(db), "--quiet"]) == 0
    capsys.readouterr()
    with Store(db) as store:
        raw = {event.title for event in store.events()}
    assert titles("--db", str(db)) == from_files
    assert main(["digest", "--db", str(db), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    capsys.readouterr()
    assert titles("--db", str(db)) == from_files
    index = json.loads((tmp_path / "out" / "index.json").read_text(encoding="utf-8"))
    assert sorted(s["title"] for s in index["storylines"]) == sorted(title for title, _ in from_files)
    assert not any(title.endswith("…") for title, _ in from_files) and raw - {t for t, _ in from_files}
