"""What the app answers from memory stays right: static files by content tag, the events list after each ingest."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.request

from storyline import api
from storyline.web.app import CONTENT_SECURITY_POLICY
from tests.web.test_app import page


def test_stylesheet_link_carries_its_content_tag_and_a_repeat_visit_gets_304(client):
    link = page(client, "/").xpath("//link[@rel='stylesheet']/@href")[0]
    assert re.fullmatch(r"/static/storyline\.css\?v=[0-9a-f]{16}", link)
    first = client.get(link)
    assert first.status_code == 200 and first.headers["content-type"].startswith("text/css")
    assert "immutable" in first.headers["cache-control"]
    assert first.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert first.content == client.get("/static/storyline.css").content and b"--mark" in first.content
    again = client.get(link, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert "immutable" not in client.get("/static/storyline.css").headers["cache-control"]
    missing = client.get("/static/nope.css")
    assert missing.status_code == 404 and "Not found" in missing.text


def test_events_list_filters_and_outlet_menu_follow_each_ingest(fresh_db, tmp_path):
    from starlette.testclient import TestClient

    from storyline.web.app import create_app

    story = tmp_path / "glacier.jsonl"
    story.write_text(
        json.dumps(
            {
                "id": "alpine-glacier-railway",
                "title": "Glacier railway reopens after the avalanche",
                "outlet": "Alpine Courier",
                "published": "2031-02-03",
                "text": "The Zermatt glacier railway reopened on Monday after an avalanche closed it for nine days. "
                "Engineers cleared the line overnight, the operator said.",
            }
        )
        + "\n"
    )
    with TestClient(create_app(fresh_db, write_back=False)) as client:
        before = client.get("/api/events", params={"per_page": 100}).json()
        assert client.get("/api/events", params={"text": "Zermatt"}).json()["total"] == 0
        assert "Alpine Courier" not in client.get("/").text
        report = api.ingest([story], db=fresh_db)
        assert report.added
        after = client.get("/api/events", params={"per_page": 100}).json()
        assert after["total"] == before["total"] + 1
        assert after["events"][0]["title"].startswith("Glacier railway reopens")  # the newest event comes first
        assert [e["id"] for e in client.get("/api/events", params={"text": "Zermatt"}).json()["events"]] == [
            after["events"][0]["id"]
        ]
        front = page(client, "/?outlet=Alpine Courier")
        assert front.xpath("//option[@selected]/@value") == ["Alpine Courier"]
        assert [a.text_content() for a in front.xpath("//a[@class='event-title']")] == [after["events"][0]["title"]]


def test_serve_refuses_a_worker_count_out_of_range_in_one_line(news_db, capsys):
    from storyline.cli import main

    assert main(["serve", "--db", str(news_db), "--workers", "0"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("storyline: error: --workers must be between 1 and 64") and err.count("\n") == 1


def test_serve_with_two_worker_processes_answers_pages(news_db):
    server = subprocess.Popen(
        [sys.executable, "-m", "storyline.cli", "serve", "--db", str(news_db), "--port", "0", "--workers", "2"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        address = re.search(r"http://[\d.]+:\d+/", server.stdout.readline()).group(0)
        for path in ("", "api/events", "search?q=rates"):
            with urllib.request.urlopen(address + path, timeout=60) as response:
                assert response.status == 200
                assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    finally:
        server.terminate()
        server.wait(timeout=30)
