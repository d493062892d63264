"""Plain text and Markdown articles, with an optional front-matter block."""

from __future__ import annotations

import re

from storyline.ingest.assemble import RawArticle

_FRONT_MATTER = re.compile(r"\A\s*(?:---|\+\+\+)\s*\n(?P<body>.*?)\n(?:---|\+\+\+)\s*(?:\n|\Z)", re.DOTALL)
_FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*[:=]\s*(?P<value>.*)$")
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(?=\S)(.+?)(?<=\S)\1")

FIELD_ALIASES = {
    "id": "id",
    "doc_id": "id",
    "title": "title",
    "headline": "title",
    "outlet": "outlet",
    "source": "outlet",
    "site": "outlet",
    "publisher": "outlet",
    "url": "url",
    "link": "url",
    "published": "published",
    "date": "published",
    "author": "author",
    "authors": "author",
    "byline": "author",
    "language": "language",
    "lang": "language",
}


def read_text(text: str, path: str, *, markdown: bool = False) -> RawArticle:
    """One article from a text file; front-matter fields win over anything found in the text."""
    fields: dict[str, str] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        for line in match.group("body").splitlines():
            field = _FIELD.match(line.strip())
            if field and field.group("key").lower() in FIELD_ALIASES:
                fields[FIELD_ALIASES[field.group("key").lower()]] = field.group("value").strip().strip("\"'")
        text = text[match.end() :]
    if markdown or _looks_like_markdown(text):
        text = _strip_markdown(text)
    return RawArticle(
        text=text,
        source_path=path,
        date_source="field" if "published" in fields else None,
        find_headline=True,
        **fields,
    )


def _looks_like_markdown(text: str) -> bool:
    return bool(re.match(r"\s*#{1,3} \S", text))


def _strip_markdown(text: str) -> str:
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = _MARKDOWN_EMPHASIS.sub(r"\2", text)
    return re.sub(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?=\S))", "", text, flags=re.MULTILINE)
