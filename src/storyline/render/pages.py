"""An event's Markdown and JSON pages in two steps: a draft of all that depends on the event alone, made where the
event is analysed (so a pool's processes share the work), then its storyline, once every event's title and page
name are known. The pages are the ones ``digest_to_markdown`` and ``digest_to_json`` give."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.model import EventDigest
from storyline.render.json import digest_to_json, storyline_to_json
from storyline.render.json_text import indented_json
from storyline.render.markdown import digest_to_markdown, joined_page, page_parts, storyline_lines

# The end of a JSON page drafted without its storyline: the storyline is its last field.
_NO_STORYLINE = "null\n}"


@dataclass(slots=True, frozen=True)
class PageDraft:
    """An event's pages less its storyline: the Markdown lines before and after it, and the JSON text."""

    markdown_head: str
    markdown_tail: str
    json_text: str


def draft_pages(digest: EventDigest) -> PageDraft:
    """The draft of ``digest``'s pages (its ``storyline`` is left out, whatever it holds)."""
    from storyline.render.quotes import speakers_of

    speakers = speakers_of(digest)
    head, tail = page_parts(digest, speakers)
    data = digest_to_json(digest, speakers)
    data["storyline"] = None
    return PageDraft("\n".join(head), "\n".join(tail), indented_json(data))


def markdown_page(digest: EventDigest, file_of: dict[str, str], draft: PageDraft | None = None) -> str:
    """The event's Markdown page, from its draft when there is one."""
    if draft is None:
        return digest_to_markdown(digest, file_of)
    # Each drafted part is its lines already joined: joined again as single lines, the page is the same.
    return joined_page([draft.markdown_head], storyline_lines(digest, file_of), [draft.markdown_tail])


def json_page(digest: EventDigest, draft: PageDraft | None = None) -> str:
    """The event's JSON page (``digest_to_json`` as indented JSON), from its draft when there is one."""
    if draft is None:
        return indented_json(digest_to_json(digest))
    storyline = storyline_to_json(digest.storyline)
    if storyline is None:
        return draft.json_text
    # Nested one level down, the storyline's own lines are indented by one more step.
    nested = indented_json(storyline).replace("\n", "\n  ")
    return draft.json_text[: -len(_NO_STORYLINE)] + nested + "\n}"
