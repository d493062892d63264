"""JSON and JSON Lines records: one article per object."""

from __future__ import annotations

import json
from collections.abc import Iterator

from storyline.ingest.assemble import RawArticle, source_stem
from storyline.ingest.decode import UnreadableInput
from storyline.ingest.limits import Limits, OverLimit, check_json_depth
from storyline.model import Problem

# Field names seen in news datasets, first match wins.
_FIELDS = {
    "id": ("id", "doc_id", "docid", "article_id", "guid"),
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "maintext", "article", "story"),
    "url": ("url", "link", "canonical_url"),
    "outlet": ("source", "outlet", "publisher", "site_name", "sitename", "source_domain", "domain"),
    "published": ("published", "date", "date_publish", "publication_date", "published_at", "pubDate", "datetime"),
    "author": ("author", "authors", "byline"),
    "language": ("language", "lang"),
}
NO_TEXT = "record has no text"
_CONTAINERS = ("articles", "items", "data", "documents", "docs", "results")


def read_json(text: str, path: str, limits: Limits | None = None) -> Iterator[RawArticle | Problem]:
    """A JSON file holding one article object, a list of them, or an object with such a list."""
    check_json_depth(text, limits or Limits())
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise UnreadableInput(f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}") from None
    if isinstance(data, dict):
        container = next((data[key] for key in _CONTAINERS if isinstance(data.get(key), list)), None)
        records = container if container is not None else [data]
    elif isinstance(data, list):
        records = data
    else:
        raise UnreadableInput("JSON holds neither an object nor a list of objects")
    for number, record in enumerate(records, 1):
        yield record_to_article(record, path, f"{path}[{number}]", number)


def read_jsonl(text: str, path: str, limits: Limits | None = None) -> Iterator[RawArticle | Problem]:
    """One JSON object per line; a bad line (or one over a limit) is reported and the rest are read."""
    limits = limits or Limits()
    for number, line in enumerate(text.split("\n"), 1):  # not splitlines(): JSON strings may hold U+2028
        if not line.strip():
            continue
        try:
            if len(line) > limits.max_line_bytes:
                raise OverLimit(
                    f"line of {len(line):,} characters, over the limit of {limits.max_line_bytes:,} "
                    f"(setting max_line_bytes)"
                )
            check_json_depth(line, limits)
            record = json.loads(line)
        except OverLimit as error:
            yield Problem(f"{path}:{number}", str(error))
            continue
        except json.JSONDecodeError as error:
            yield Problem(f"{path}:{number}", f"invalid JSON line: {error.msg}")
            continue
        yield record_to_article(record, path, f"{path}:{number}", number)


def record_to_article(record: object, path: str, where: str, number: int) -> RawArticle | Problem:
    if not isinstance(record, dict):
        return Problem(where, "record is not a JSON object")
    values = {name: _first(record, keys) for name, keys in _FIELDS.items()}
    text = values.pop("text")
    if isinstance(text, list):
        text = "\n\n".join(str(part) for part in text)
    if not isinstance(text, str) or not text.strip():
        return Problem(where, f"{NO_TEXT} (expected a 'text', 'body' or 'content' field)")
    if "</p>" in text or "<br" in text:
        from storyline.ingest.html import html_fragment_to_text  # loads trafilatura: only for marked-up text

        text = html_fragment_to_text(text)
    outlet = values["outlet"]
    if isinstance(outlet, dict):  # {"source": {"name": ...}} as in news APIs
        values["outlet"] = outlet.get("name") or outlet.get("title")
    return RawArticle(
        text=text,
        source_path=path,
        date_source="field" if values["published"] else None,
        fallback_id=f"{source_stem(path)}-{number}",
        **{name: (str(value) if value is not None and name != "author" else value) for name, value in values.items()},
    )


def _first(record: dict, keys: tuple[str, ...]):
    for key in keys:
        value = record.get(key)
        if value not in (None, "", []):
            return value
    return None
