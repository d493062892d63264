"""The web app through Starlette's test client: pages, filters, citations, search, the JSON API, the cache."""

from __future__ import annotations

import json
import sqlite3
import threading
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest

from storyline import api
from storyline.analysis import analysis_key
from storyline.render.json import SCHEMA_VERSION
from storyline.store import Store
from storyline.web.app import CONTENT_SECURITY_POLICY
from tests.conftest import EXAMPLES


def page(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return lxml.html.fromstring(response.text)


def stored_events(db):
    with Store(db) as store:
        return store.events(), {a.id: a for a in store.articles()}


def all_event_links(client) -> list[str]:
    links, url = [], "/"
    while url:
        doc = page(client, url)
        links += doc.xpath("//a[@class='event-title']/@href")
        older = doc.xpath("//a[@rel='next']/@href")
        url = older[0] if older else None
    return links


def test_front_page_lists_every_event_newest_first_with_counts(client, news_db):
    events, articles = stored_events(news_db)
    links = all_event_links(client)
    assert sorted(links) == sorted(f"/events/{event.id}" for event in events)
    ends = []
    for event in events:
        position = links.index(f"/events/{event.id}")
        ends.append((position, event.end or event.start))
    ordered = [end for _, end in sorted(ends)]
    assert ordered == sorted(ordered, reverse=True)
    first = page(client, "/").xpath("//li[@class='event-card']")[0]
    event = next(e for e in events if f"/events/{e.id}" == first.xpath(".//a/@href")[0])
    outlets = {articles[a].outlet for a in event.article_ids if articles[a].outlet}
    meta = first.xpath(".//div[@class='meta']")[0].text_content()
    assert f"{len(event.article_ids)} article" in meta and f"{len(outlets)} outlet" in meta
    assert first.xpath(".//p[@class='lead']")[0].text_content().strip()


def test_filters_narrow_events_by_outlet_dates_and_text(client, news_db):
    events, articles = stored_events(news_db)
    outlet = "Coastline Press Agency"
    with_outlet = {f"/events/{e.id}" for e in events if any(articles[a].outlet == outlet for a in e.article_ids)}
    assert set(page(client, f"/?outlet={outlet}").xpath("//a[@class='event-title']/@href")) == with_outlet
    late = {f"/events/{e.id}" for e in events if (e.end or e.start) >= "2026-03-07" and e.start <= "2026-03-09"}
    doc = page(client, "/?since=2026-03-07&until=2026-03-09")
    assert set(doc.xpath("//a[@class='event-title']/@href")) <= late and late
    bridge = page(client, "/?text=girder").xpath("//a[@class='event-title']/text()")
    assert bridge and all("Bridge" in title or "bridge" in title for title in bridge)
    for nonsense in ("not-a-date", "2026-13-45x", "'; DROP TABLE events;--"):
        assert client.get(f"/?since={nonsense}&until={nonsense}&page={nonsense}").status_code == 200
    assert "No events match" in client.get("/?text=zzzqqqnothing").text


def test_event_page_shows_a_cited_summary_whose_citations_land_on_their_sentences(client, news_db):
    events, articles = stored_events(news_db)
    rate = next(e for e in events if "Reserve Bank" in e.title)
    doc = page(client, f"/events/{rate.id}")
    sentences = doc.xpath("//p[@class='summary-sentence']")
    assert sentences
    checked = 0
    for cite in doc.xpath("//span[@class='cite']"):
        link = cite.xpath(".//a[@class='card-link']/@href")[0]
        shown = cite.xpath(".//q")[0].text_content()
        parts = urlsplit(link)
        article_id = parse_qs(parts.query)["id"][0]
        assert parts.fragment.startswith("s") and article_id in rate.article_ids
        target = page(client, link.split("#")[0]).get_element_by_id(parts.fragment)
        assert target.text_content() == shown
        assert shown in articles[article_id].text
        checked += 1
    assert checked >= len(sentences)
    outlets = doc.xpath("//ul[@class='chips']/li")
    assert len(outlets) == len({articles[a].outlet for a in rate.article_ids})
    assert doc.xpath("//h2[@id='copies-h']") and doc.xpath("//del") and doc.xpath("//ins")
    assert len(doc.xpath("//ol[@class='sources']/li")) == len(rate.article_ids)


def test_article_page_anchors_every_sentence_and_links_its_event_and_versions(client, news_db):
    _events, articles = stored_events(news_db)
    from storyline.text import split_sentences

    for article in articles.values():
        response = client.get("/article", params={"id": article.id})
        assert response.status_code == 200, article.id
        anchors = lxml.html.fromstring(response.text).xpath("//span[@class='s']/@id")
        assert anchors == [f"s{i}" for i in range(len(split_sentences(article.text)))]
    wire = next(a for a in articles.values() if a.id == "nep-88240")  # the exact copy of the wire story
    doc = page(client, f"/article?id={wire.id}")
    assert doc.xpath("//p[@class='crumb']/a/@href")[0].startswith("/events/")
    assert len(doc.xpath("//section[@aria-labelledby='versions-h']//li")) == 3
    assert client.get("/article?id=nothing-here").status_code == 404
    assert client.get("/events/nothing-here").status_code == 404
    assert client.get("/no/such/page").status_code == 404


SEARCHES = [
    "U.S.",
    "don't",
    '"',
    '""',
    "'",
    '"rate rise',
    "OR",
    "NOT",
    "AND OR NOT",
    "-",
    "fire -Ostwick",
    "NEAR(fire bridge)",
    "title:fire",
    "*",
    "fire*",
    "(",
    ")",
    "^fire",
    "a:b:c",
    "\\",
    "%",
    "_",
    "\x00",
    "<script>alert(1)</script>",
    "Robert'); DROP TABLE articles;--",
    "“stadium”",
    "é́",
    "x" * 5000,
    "fire OR bridge OR rate OR stadium OR lantern OR ferry " * 20,
]


@pytest.mark.parametrize("query", SEARCHES)
def test_any_search_text_gives_a_page_and_never_a_server_error(client, query):
    assert client.get("/search", params={"q": query}).status_code == 200
    response = client.get("/api/search", params={"q": query})
    assert response.status_code == 200 and isinstance(response.json()["hits"], list)
    assert client.get("/", params={"text": query}).status_code == 200


def test_search_groups_highlighted_hits_by_event(client, news_db):
    events, _ = stored_events(news_db)
    event_of = {a: e.id for e in events for a in e.article_ids}
    doc = page(client, "/search?q=warehouse fire")
    groups = doc.xpath("//section[@class='result-group']")
    assert len(groups) >= 2  # two warehouse fires, two events
    for group in groups:
        event_link = group.xpath(".//h2/a/@href")[0]
        for link in group.xpath(".//ul[@class='hits']/li/a/@href"):
            article_id = parse_qs(urlsplit(link).query)["id"][0]
            assert f"/events/{event_of[article_id]}" == event_link
    marks = [m.text_content().lower() for m in doc.xpath("//p[@class='snippet']/mark")]
    assert marks and all(m in ("warehouse", "fire") for m in marks)
    hits = client.get("/api/search", params={"q": '"U.S."'}).json()["hits"]
    for hit in client.get("/api/search", params={"q": "warehouse"}).json()["hits"]:
        assert all(hit["snippet"][a:b].lower() == "warehouse" for a, b in hit["highlights"])
    assert hits == []


def test_api_event_is_the_digest_json_with_its_schema_version(client, fresh_db, tmp_path):
    report = api.digest([], out=tmp_path / "digest", db=fresh_db, formats=("json",))
    index = json.loads((tmp_path / "digest" / "index.json").read_text())
    for entry in index["events"]:
        written = json.loads((tmp_path / "digest" / entry["file"]).with_suffix(".json").read_text())
        served = client.get(f"/api/events/{entry['id']}").json()
        assert served == written and served["schema_version"] == SCHEMA_VERSION
    assert report.event_count == len(index["events"])
    listing = client.get("/api/events", params={"per_page": 2, "page": 2}).json()
    assert listing["total"] == len(index["events"]) and len(listing["events"]) == 2
    assert client.get("/api/events/none").status_code == 404
    assert client.get("/api/events", params={"page": "x"}).status_code == 422
    article = client.get("/api/article", params={"id": "a/b/c"}).json()
    assert article["id"] == "a/b/c" and article["event_id"] and article["sentences"]
    first = article["sentences"][0]
    assert article["text"][first["start"] : first["end"]] == first["text"]
    spec = client.get("/api/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/article", "/api/search"} <= set(spec["paths"])
    assert "/api/search" in client.get("/api/docs").text


def test_every_response_carries_the_security_policy(client):
    for url in ("/", "/search?q=fire", "/api/events", "/static/storyline.css", "/nope", "/api/docs"):
        response = client.get(url)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["x-content-type-options"] == "nosniff"
    assert "script-src" not in CONTENT_SECURITY_POLICY and "default-src 'none'" in CONTENT_SECURITY_POLICY


def test_an_event_is_analysed_alone_on_first_view_then_served_from_the_store_cache(fresh_db):
    from starlette.testclient import TestClient

    from storyline.web.app import create_app

    events, articles = stored_events(fresh_db)
    event = next(e for e in events if "Reserve Bank" in e.title)
    app = create_app(fresh_db)
    with TestClient(app) as client:
        assert client.get(f"/events/{event.id}").status_code == 200
        app.state.cache.flush()
    with sqlite3.connect(fresh_db) as db:
        rows = db.execute("SELECT event_id, fingerprint FROM analyses").fetchall()
    key = analysis_key([articles[a] for a in event.article_ids], words=100)
    assert rows == [(event.id, key)]  # this event only, under the key `storyline digest` uses
    # A second app finds it in the store: the front page shows the summary's first sentence for it.
    with TestClient(create_app(fresh_db, write_back=False)) as client:
        summary = client.get(f"/api/events/{event.id}").json()["summary"]["sentences"]
        listed = client.get("/api/events", params={"per_page": 100}).json()["events"]
    assert next(e["lead"] for e in listed if e["id"] == event.id) == summary[0]["text"]


def test_pages_keep_working_while_an_ingest_writes(fresh_db, tmp_path):
    from starlette.testclient import TestClient

    from storyline.web.app import create_app

    for number in range(6):
        (tmp_path / f"new-{number}.txt").write_text(
            f"Ferry crews in Port {number} walked out on Monday over pay. The union said talks failed on Sunday.\n"
        )
    errors: list[str] = []
    done = threading.Event()

    def ingest() -> None:
        try:
            for number in range(6):
                api.ingest([tmp_path / f"new-{number}.txt"], db=fresh_db)
        finally:
            done.set()

    with TestClient(create_app(fresh_db, write_back=False)) as client:
        writer = threading.Thread(target=ingest)
        writer.start()
        while not done.is_set():
            for url in ("/", "/search?q=ferry", "/api/events", "/?text=ferry"):
                response = client.get(url)
                if response.status_code != 200:
                    errors.append(f"{url}: {response.status_code}")
        writer.join()
        assert client.get("/api/events", params={"per_page": 100}).json()["total"] >= 1
    assert errors == []


def test_seed_event_page_cites_sentences_of_the_three_seed_articles(seeds_dir, tmp_path):
    from starlette.testclient import TestClient

    from storyline.web.app import create_app

    db = tmp_path / "seeds.db"
    api.ingest([seeds_dir / name for name in sorted(p.name for p in seeds_dir.glob("00*.txt"))], db=db)
    events, _articles = stored_events(db)
    assert len(events) == 1
    with TestClient(create_app(db, write_back=False)) as client:
        doc = page(client, f"/events/{events[0].id}")
        cites = doc.xpath("//span[@class='cite']")
        assert doc.xpath("//p[@class='summary-sentence']") and cites
        for cite in cites:
            link = cite.xpath(".//a[@class='card-link']/@href")[0]
            article_id = parse_qs(urlsplit(link).query)["id"][0]
            assert article_id.split("_")[0] in ("000", "001", "002")
            target = page(client, link.split("#")[0]).get_element_by_id(urlsplit(link).fragment)
            assert target.text_content() == cite.xpath(".//q")[0].text_content()


def test_serve_refuses_a_missing_store_and_a_taken_port_in_one_line(tmp_path, capsys):
    import socket

    from storyline.cli import main

    assert main(["serve", "--db", str(tmp_path / "none.db")]) == 2
    assert capsys.readouterr().err.strip().count("\n") == 0
    db = tmp_path / "news.db"
    api.ingest([EXAMPLES / "corpus" / "text"], db=db)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--db", str(db), "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("storyline: error: cannot listen on 127.0.0.1:") and err.count("\n") == 1


def test_search_understands_phrases_alternatives_and_exclusions(client):
    def titles(query: str) -> set[str]:
        return {hit["title"] for hit in client.get("/api/search", params={"q": query}).json()["hits"]}

    fires = titles("warehouse")
    assert fires and titles("warehouse -Ostwick") == {t for t in fires if "Ostwick" not in t} != fires
    assert titles("warehouse NOT Ostwick") == titles("warehouse -Ostwick")
    assert titles("girder OR stadium") == titles("girder") | titles("stadium")
    assert titles('"main girder"') and titles('"girder main"') == set()
    assert titles("ware*") >= fires


def test_digest_format_option_writes_the_formats_asked_for(fresh_db, tmp_path, capsys):
    from storyline.cli import main

    out = tmp_path / "out"
    assert main(["digest", "--db", str(fresh_db), "--out", str(out), "--format", "html,json"]) == 0
    assert (out / "index.html").is_file() and (out / "index.json").is_file() and not (out / "index.md").exists()
    assert "index: " + str(out / "index.html") in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        main(["digest", "--db", str(fresh_db), "--out", str(out), "--format", "pdf"])
    assert exit_info.value.code == 2 and "unknown format 'pdf'" in capsys.readouterr().err


def test_other_pages_are_answered_while_an_event_is_being_analysed(news_db, monkeypatch):
    import asyncio

    import httpx

    from storyline.web import digests
    from storyline.web.app import create_app

    started, release = threading.Event(), threading.Event()
    analyse = digests.analyse_event

    def held_analysis(*args, **kwargs):
        started.set()
        release.wait(20)
        return analyse(*args, **kwargs)

    monkeypatch.setattr(digests, "analyse_event", held_analysis)
    events, _ = stored_events(news_db)
    app = create_app(news_db, write_back=False)

    async def visit():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
            cold = asyncio.create_task(http.get(f"/api/events/{events[0].id}"))
            try:
                for _ in range(500):
                    if started.is_set():
                        break
                    await asyncio.sleep(0.01)
                assert started.is_set()
                others = [await asyncio.wait_for(http.get(path), 10) for path in ("/", "/search?q=bank", "/api/events")]
                assert not cold.done()  # still being analysed while the others were answered
            finally:
                release.set()
            return others, await cold

    others, cold = asyncio.run(visit())
    assert [response.status_code for response in others] == [200, 200, 200]
    assert cold.status_code == 200 and cold.json()["id"] == events[0].id
