"""What a digest writes: only current events, JSON that matches its schema, the seed event."""

import json

from storyline import api
from storyline.ingest.outlets import event_outlets
from tests.conftest import REPO


def test_digest_leaves_only_current_events_and_index_json_points_at_json(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Ferry strike enters third day\n\nFerry workers stayed off the job on Thursday. "
        "The operator said talks would resume next week.\n",
        encoding="utf-8",
    )
    out = tmp_path / "digest"
    api.digest([folder], out=out, db=tmp_path / "news.db")
    stale = out / "events" / "2000-01-01-an-old-event.md"
    stale.write_text("# An old event\n", encoding="utf-8")
    with api.open_store(tmp_path / "news.db") as store:
        api.rebuild(store)
    report = api.digest([], out=out, db=tmp_path / "news.db")
    assert not stale.exists()
    index = json.loads((out / "index.json").read_text())
    pages = sorted(p.name for p in (out / "events").iterdir())
    assert len(pages) == 2 * report.event_count
    assert all(event["file"].endswith(".json") and (out / event["file"]).exists() for event in index["events"])


def test_seed_event_title_outlets_dates_and_monday(seeds_dir, tmp_path):
    report = api.digest([seeds_dir], out=tmp_path / "digest", db=tmp_path / "news.db")
    assert report.event_count == 1
    digest = report.digests[0]
    assert digest.event.title == "Progress in Nafta talks, but very slow: US trade official"
    named = event_outlets(digest.articles, digest.copy_groups)
    by_number = {a.source_path.rsplit("/", 1)[-1][:3]: a.id for a in digest.articles}
    assert "AFP" in named[by_number["001"]] and "AFP" in named[by_number["002"]]
    assert "2018-01-29" <= digest.event.start <= digest.event.end <= "2018-01-31"
    page = next((tmp_path / "digest" / "events").glob("*.md")).read_text()
    assert "Monday \\[29 January 2018\\]" in page  # the brackets escaped, as all article text in Markdown


def test_json_digest_holds_what_its_documented_schema_requires(tmp_path):

    from storyline.render.json import SCHEMA_VERSION

    schema = json.loads((REPO / "docs" / "digest.schema.json").read_text())
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Ferry strike enters third day\n\nOSTWICK (AFP) - Ferry workers stayed off the job "
        "on Thursday. The operator said talks would resume.\n",
        encoding="utf-8",
    )
    api.digest([folder], out=tmp_path / "digest", db=tmp_path / "news.db")
    index = json.loads((tmp_path / "digest" / "index.json").read_text())
    assert set(schema["$defs"]["index"]["required"]) <= set(index)
    data = json.loads((tmp_path / "digest" / index["events"][0]["file"]).read_text())
    assert set(schema["required"]) <= set(data) and data["outlets"] == ["AFP"]
    sentence_schema = schema["properties"]["summary"]["properties"]["sentences"]["items"]
    for sentence in data["summary"]["sentences"]:
        assert set(sentence_schema["required"]) <= set(sentence)
        for citation in sentence["citations"]:
            assert set(sentence_schema["properties"]["citations"]["items"]["required"]) <= set(citation)
