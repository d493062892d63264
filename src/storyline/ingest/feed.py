"""RSS and Atom feed files: one article per entry."""

from __future__ import annotations

import time
from collections.abc import Iterator

import feedparser

from storyline.ingest.assemble import RawArticle, source_stem
from storyline.ingest.decode import UnreadableInput
from storyline.ingest.html import html_fragment_to_text
from storyline.model import Problem


def read_feed(data: bytes, path: str) -> Iterator[RawArticle | Problem]:
    """Entries with their full content (or summary when that is all there is) and their dates."""
    try:
        parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    except (ValueError, TypeError, LookupError, AttributeError, KeyError, IndexError) as error:
        # feedparser trips over some malformed feeds (empty elements, bad encoding declarations)
        raise UnreadableInput(f"not a readable feed ({type(error).__name__}: {error})") from None
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        raise UnreadableInput(f"no feed entries found{f' ({reason})' if reason else ''}")
    outlet = parsed.feed.get("title")
    stem = source_stem(path)
    for number, entry in enumerate(parsed.entries, 1):
        body = _entry_body(entry)
        if not body.strip():
            yield Problem(f"{path}[{number}]", "feed entry has no content or summary")
            continue
        guid = entry.get("id")
        yield RawArticle(
            text=html_fragment_to_text(body),
            id=guid if guid and "://" not in guid else None,
            title=entry.get("title"),
            outlet=outlet,
            url=entry.get("link"),
            published=_entry_date(entry),
            date_source="feed",
            author=entry.get("author"),
            language=entry.get("language") or parsed.feed.get("language"),
            source_path=path,
            fallback_id=f"{stem}-{number}",
        )


def _entry_body(entry) -> str:
    contents = entry.get("content") or []
    best = max((str(item.get("value") or "") for item in contents), key=len, default="")
    summary = str(entry.get("summary") or "")
    return best if len(best) >= len(summary) else summary


def _entry_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    return entry.get("published") or entry.get("updated")
