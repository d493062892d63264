"""A digest made with per-event analysis spread over two processes is the digest made in one, page for page."""

import json
import random
from datetime import date, timedelta

import pytest

from storyline import pipeline
from storyline.analysis import analysis_to_dict
from storyline.engine import InProcess, LocalPool
from storyline.ingest import read_paths
from storyline.render.json import digest_to_json
from storyline.render.markdown import digest_to_markdown
from storyline.store import Store

PLACES = ["Harrowgate", "Port Ellison", "Westmere", "Calder Bay", "Dunmore"]
# Each story in its own words, so that the stories become separate events.
STORIES = {
    "bridge": [
        "The old {place} bridge collapsed into the river after the storm",
        "Structural engineers inspected the rusted steel supports on {when}, according to officials.",
        '"We have never seen girders twisted like this," said Dana Reyes, who leads the bridge inspection team.',
        "About {n} commuters now take a ferry, and {k} roads near the crossing stayed closed.",
        "The transport ministry promised a full inquiry into the span within {w} weeks.",
        "Barge skipper Omar Lind said the collapse had cut {place} in half.",
    ],
    "strike": [
        "Nurses at {place} General Hospital walked out over pay",
        "Union negotiators rejected the latest wage offer on {when}, according to the health board.",
        '"Our members cannot keep covering double shifts," said Priya Nandi, the nursing union secretary.',
        "About {n} operations were postponed, and {k} clinics shut their doors.",
        "Hospital managers hope to resume salary talks within {w} weeks.",
        "Patient advocate Tomas Berg said waiting lists in {place} would grow.",
    ],
    "election": [
        "Voters in {place} chose a new mayor by a narrow margin",
        "Election clerks finished counting postal ballots on {when}, according to the returning officer.",
        '"Every vote was checked twice," said Helen Achebe, the county returning officer.',
        "Turnout reached {n} thousand, and {k} precincts asked for recounts.",
        "The mayor-elect pledged to publish a housing plan within {w} weeks.",
        "Campaign volunteer Ruth Okafor said young voters decided the race in {place}.",
    ],
    "fire": [
        "A blaze gutted a furniture warehouse in {place} overnight",
        "Firefighters contained the flames before dawn on {when}, according to the fire brigade.",
        '"The sprinklers had been switched off," said Marek Sobel, the brigade chief.',
        "About {n} tonnes of timber burned, and {k} nearby families were evacuated.",
        "Arson investigators expect forensic results within {w} weeks.",
        "Warehouse owner Lucia Ferro said the company would rebuild in {place}.",
    ],
}


def stream(count: int, seed: int = 3) -> list[dict]:
    """Articles we write ourselves: stories that become events (the bridge one big), each report with its own
    details and order, quotes with named speakers, and one report in five published again word for word by
    another outlet days later (a copy published days apart)."""
    rng = random.Random(seed)
    records = []
    start = date(2031, 3, 2)
    names = sorted(STORIES)
    for n in range(count):
        topic = "bridge" if n % 2 else names[n // 2 % len(names)]
        place = PLACES[names.index(topic) % len(PLACES)]
        day = start + timedelta(days=rng.randint(0, 3))
        facts = dict(place=place, when=f"{day:%B} {day.day}", n=rng.randint(10, 400), k=rng.randint(2, 9))
        sentences = [line.format(w=rng.randint(2, 6), **facts) for line in STORIES[topic]]
        title, body = sentences[0], sentences[1:]
        rng.shuffle(body)
        records.append(
            {
                "id": f"{topic}-{n}",
                "title": title,
                "text": " ".join([title + "."] + body),
                "outlet": f"paper{n % 7}.example",
                "published": day.isoformat(),
            }
        )
        if n % 5 == 0:
            again = day + timedelta(days=1 + n % 3)
            copy = dict(records[-1], id=f"{topic}-{n}-again", outlet="reprint.example", published=again.isoformat())
            records.append(copy)
    return records


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    path = tmp_path_factory.mktemp("stream") / "stream.jsonl"
    path.write_text("\n".join(json.dumps(record) for record in stream(48)) + "\n", encoding="utf-8")
    return [item for item in read_paths([path]) if hasattr(item, "text")]


def digest_pages(articles, engine):
    store = Store(":memory:")
    pipeline.ingest(store, articles)
    digests = pipeline.digests(store, engine=engine)
    return [
        (
            d.event.id,
            len(d.articles),
            analysis_to_dict(d),
            digest_to_markdown(d),
            json.dumps(digest_to_json(d), sort_keys=True),
        )
        for d in digests
    ]


def test_two_processes_write_the_digest_of_one(articles):
    one = digest_pages(articles, InProcess())
    two = digest_pages(articles, LocalPool(2))
    assert [page[0] for page in two] == [page[0] for page in one]
    for mine, theirs in zip(two, one):
        assert mine == theirs
    sizes = sorted(page[1] for page in one)
    assert len(one) >= 3 and sizes[-1] >= 20, sizes  # several events, one of them big
    assert any(page[2]["variants"] for page in one)  # copies published days apart were compared
    assert any(page[2]["quotes"] for page in one)


def test_a_local_ray_cluster_writes_the_digest_of_one_process(articles):
    ray = pytest.importorskip("ray", reason="ray is not installed (pip install 'storyline[ray]')")
    from storyline.engine.distributed import RayEngine

    one = digest_pages(articles, InProcess())
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        on_ray = digest_pages(articles, RayEngine())
    finally:
        ray.shutdown()
    assert on_ray == one
    assert len(one) >= 3 and any(page[2]["quotes"] for page in one)
