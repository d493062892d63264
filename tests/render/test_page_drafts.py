"""Pages drafted where an event is analysed, finished with its storyline later, are the pages rendered at once."""

import json
from dataclasses import replace

import pytest

from storyline import pipeline
from storyline.ingest import read_paths
from storyline.model import StorylineLink
from storyline.render import digest_to_json, digest_to_markdown
from storyline.render.pages import draft_pages, json_page, markdown_page
from storyline.store import Store
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def digests():
    store = Store(":memory:")
    pipeline.ingest(store, [item for item in read_paths([EXAMPLES / "corpus"]) if hasattr(item, "text")])
    return pipeline.digests(store)


def linked(digest, others):
    entries = [
        {"id": d.event.id, "title": f"{d.event.title} “{n}” \\ é", "start": d.event.start} for n, d in enumerate(others)
    ]
    return replace(
        digest, storyline=StorylineLink("st-1", "A storyline “quoted”", earlier=entries[:1], later=entries[1:])
    )


def test_a_drafted_page_is_the_page(digests):
    file_of = {d.event.id: f"events/{n}-page.md" for n, d in enumerate(digests)}
    assert any(d.quotes for d in digests) and any(d.disagreements or d.variants for d in digests)
    for digest in digests:
        for shown in (digest, linked(digest, [d for d in digests if d is not digest])):
            draft = draft_pages(replace(shown, storyline=None))  # drafted before the storylines are linked
            assert markdown_page(shown, file_of, draft) == digest_to_markdown(shown, file_of)
            assert json_page(shown, draft) == json.dumps(digest_to_json(shown), ensure_ascii=False, indent=2)
            assert markdown_page(shown, file_of) == digest_to_markdown(shown, file_of)  # no draft: made here


def test_the_digest_drafts_the_pages_of_the_events_it_analyses(digests):
    store = Store(":memory:")
    pipeline.ingest(store, [item for item in read_paths([EXAMPLES / "corpus"]) if hasattr(item, "text")])
    drafts = {}
    again = pipeline.digests(store, drafts=drafts)
    assert set(drafts) == {d.event.id for d in again}
    for digest in again:
        assert json_page(digest, drafts[digest.event.id]) == json_page(digest)
    drafts.clear()
    pipeline.digests(store, drafts=drafts)
    assert drafts == {}  # nothing analysed, nothing drafted
