"""What each page shows, as plain values for the templates; shared by the web app and the static site.

Links are made by a ``Links`` object, so the same page works served (absolute paths) and as files (relative
paths). Nothing here escapes text: the templates do, always (Jinja2 autoescape).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Any, Protocol
from urllib.parse import urlsplit

from storyline.model import Article, CopyGroup, EventDigest, Quote
from storyline.quotes.merge import by_speaker, partly_quoted, reported_text
from storyline.render.sources import numbered_sources, source_numbers
from storyline.text import split_sentences

# Sections other analysers may add to a digest; each is shown only when the digest has it.
OPTIONAL_SECTIONS = ("quotes", "disagreements", "entities", "timeline", "storyline", "storylines")
_WORDS = re.compile(r"\S+|\s+")


class Links(Protocol):
    def home(self) -> str: ...
    def event(self, event_id: str) -> str: ...
    def article(self, article_id: str, sentence: int | None = None) -> str: ...
    def static(self, name: str) -> str: ...


def safe_url(url: str | None) -> str | None:
    """A link taken from an article, only when it is a plain http(s) address."""
    if not url or any(char.isspace() or ord(char) < 32 for char in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def date_span(start: str | None, end: str | None) -> str:
    start, end = (start or "")[:10], (end or "")[:10]
    if not start and not end:
        return "undated"
    if start == end or not end:
        return start
    return f"{start} – {end}" if start else end


def first_line(text: str) -> str:
    """The first sentence of a text, for an event not analysed yet."""
    spans = split_sentences(text)
    return text[spans[0][0] : spans[0][1]] if spans else ""


def article_brief(article: Article, links: Links, number: int | None = None) -> dict:
    return {
        "id": article.id,
        "title": article.title or article.id,
        "outlet": article.outlet,
        "published": (article.published or "")[:10],
        "url": safe_url(article.url),
        "href": links.article(article.id),
        "number": number,
        "author": article.author,
    }


def event_context(digest: EventDigest, links: Links) -> dict:
    """The event page: header, cited summary and every section the digest holds."""
    event = digest.event
    by_id = {article.id: article for article in digest.articles}
    numbers = source_numbers(digest.articles)
    sources = [article_brief(article, links, numbers[article.id]) for article in numbered_sources(digest.articles)]
    outlets = Counter(article.outlet for article in digest.articles if article.outlet)
    summary = []
    for sentence in digest.summary.sentences:
        cites = []
        for citation in sentence.citations:
            article = by_id.get(citation.article_id)
            if article is None:
                continue
            cites.append(
                {
                    "number": numbers[article.id],
                    "outlet": article.outlet or article.id,
                    "published": (article.published or "")[:10],
                    "title": article.title or article.id,
                    "text": article.text[citation.start : citation.end],
                    "href": links.article(article.id, citation.sentence_index),
                }
            )
        summary.append({"text": sentence.text, "cites": sorted(cites, key=lambda cite: cite["number"])})
    context = {
        "event": event,
        "dates": date_span(event.start, event.end),
        "headline": digest.summary.headline or event.title,
        "summary": summary,
        "notes": digest.notes,
        "sources": sources,
        "article_count": len(digest.articles),
        "outlets": outlets.most_common(),
        "copy_groups": _copy_groups(digest, by_id, numbers, links),
        "days": _timeline(digest.articles, numbers, links),
    }
    for name in OPTIONAL_SECTIONS:
        value = getattr(digest, name, None)
        context[name] = _plain(value) if value else None
    context["timeline_items"] = _as_list(context.pop("timeline"))
    context["storyline_items"] = _as_list(context.pop("storyline")) + _as_list(context.pop("storylines"))
    if context["quotes"]:
        context["quotes"] = _quotes(context["quotes"], by_id, numbers, links)
    if context["disagreements"]:
        context["disagreements"] = _disagreements(context["disagreements"], by_id, numbers, links)
    return context


def article_context(
    article: Article,
    links: Links,
    *,
    event: tuple[str, str] | None = None,
    group: CopyGroup | None = None,
    group_briefs: dict | None = None,
) -> dict:
    """The article page: its text with an anchor on every sentence, its metadata, copy group and event."""
    versions = []
    if group is not None and len(group.article_ids) > 1:
        for member in group.article_ids:
            title, outlet, published = (group_briefs or {}).get(member, (None, None, None))
            versions.append(
                {
                    "id": member,
                    "title": title or member,
                    "outlet": outlet,
                    "published": (published or "")[:10],
                    "href": links.article(member),
                    "canonical": member == group.canonical,
                    "current": member == article.id,
                    "overlap": group.overlap.get(member),
                }
            )
    return {
        "article": article,
        "brief": article_brief(article, links),
        "paragraphs": paragraphs(article),
        "event": {"id": event[0], "title": event[1], "href": links.event(event[0])} if event else None,
        "versions": versions,
    }


def paragraphs(article: Article) -> list[list[tuple[str, str, int | None]]]:
    """The text as paragraphs of pieces: ("sentence", text, index) or ("gap", text, None)."""
    text = article.text
    spans = [(start, end) for start, end in article.paragraphs if 0 <= start < end <= len(text)]
    if not spans:
        spans = [(match.start(), match.end()) for match in re.finditer(r"[^\n]+", text)]
    sentences = split_sentences(text)
    result = []
    cursor = 0
    for start, end in spans:
        if start < cursor:
            continue
        pieces: list[tuple[str, str, int | None]] = []
        position = start
        for index, (a, b) in enumerate(sentences):
            if b <= start or a >= end:
                continue
            a, b = max(a, position), min(b, end)
            if a > position:
                pieces.append(("gap", text[position:a], None))
            pieces.append(("sentence", text[a:b], index))
            position = b
        if position < end:
            pieces.append(("gap", text[position:end], None))
        if any(piece[1].strip() for piece in pieces):
            result.append(pieces)
        cursor = end
    return result


def word_diff(a: str, b: str) -> list[tuple[str, str]]:
    """Version B of a sentence as pieces ("same" | "del" | "ins", text): the words of A it dropped and added."""
    words_a, words_b = _WORDS.findall(a), _WORDS.findall(b)
    pieces = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, words_a, words_b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(words_b[j1:j2])))
            continue
        if i2 > i1:
            pieces.append(("del", "".join(words_a[i1:i2]).strip()))
            if j2 > j1:
                pieces.append(("same", " "))
        if j2 > j1:
            pieces.append(("ins", "".join(words_b[j1:j2]).strip()))
        pieces.append(("same", " "))
    return pieces


def _copy_groups(digest: EventDigest, by_id: dict[str, Article], numbers: dict[str, int], links: Links) -> list:
    result = []
    for group in digest.copy_groups:
        if len(group.article_ids) < 2 or group.canonical not in by_id:
            continue
        versions = []
        for variant in digest.variants.get(group.id, []):
            copy = by_id.get(variant.article_id)
            if copy is None:
                continue
            changed = [
                {
                    "diff": word_diff(change.a.text, change.b.text),
                    "href": links.article(copy.id, change.b.index),
                }
                for change in variant.changed
            ]
            versions.append(
                {
                    "article": article_brief(copy, links, numbers.get(copy.id)),
                    "overlap": group.overlap.get(copy.id),
                    "changed": changed,
                    "added": [sentence.text for sentence in variant.added],
                    "dropped": [sentence.text for sentence in variant.dropped],
                }
            )
        result.append(
            {
                "canonical": article_brief(by_id[group.canonical], links, numbers.get(group.canonical)),
                "versions": versions,
            }
        )
    return result


def _timeline(articles: Sequence[Article], numbers: dict[str, int], links: Links) -> list[tuple[str, list[dict]]]:
    days: dict[str, list[dict]] = {}
    for article in numbered_sources(articles):
        days.setdefault((article.published or "")[:10] or "undated", []).append(
            article_brief(article, links, numbers[article.id])
        )
    return list(days.items())


def _quotes(quotes: list[dict], by_id: dict[str, Article], numbers: dict[str, int], links: Links) -> list[dict]:
    """Who said what as the Markdown digest has it: speech only, each speaker once, each quote once with each of its
    wordings cited to every article that carries it."""
    texts = {article_id: article.text for article_id, article in by_id.items()}
    speakers = by_speaker([Quote.from_dict(quote) for quote in quotes], texts=texts)
    return [
        {
            "speaker": speaker.name or "Unattributed",
            "role": speaker.role,
            "quotes": [
                {
                    "direct": merged.direct,
                    "wordings": [
                        {
                            "text": reported_text(
                                wording.quotes[0], wording.text, texts.get(wording.quotes[0].article_id)
                            )
                            if wording.quotes
                            else wording.text,
                            "partial": _partial(wording.quotes, by_id),
                            "sources": _quote_sources(wording.quotes, by_id, numbers, links),
                        }
                        for wording in merged.wordings
                    ],
                }
                for merged in speaker.quotes
            ],
        }
        for speaker in speakers
    ]


def _partial(quotes: list[Quote], by_id: dict[str, Article]) -> str | None:
    article = by_id.get(quotes[0].article_id) if quotes else None
    return partly_quoted(quotes[0], article.text if article else None)


def _quote_sources(quotes: list[Quote], by_id: dict[str, Article], numbers: dict[str, int], links: Links) -> list:
    """One source tag per article carrying a wording, in source-number order."""
    first_of: dict[str, Quote] = {}
    for quote in quotes:
        first_of.setdefault(quote.article_id, quote)
    tags = [
        _source_of({"article_id": q.article_id, "sentence_index": q.sentence_index}, by_id, numbers, links)["source"]
        for q in first_of.values()
    ]
    return sorted((tag for tag in tags if tag), key=lambda tag: tag["number"] or 0)


def _disagreements(items: list[dict], by_id: dict[str, Article], numbers: dict[str, int], links: Links) -> list:
    result = []
    for item in items:
        sides: dict[Any, list[dict]] = {}
        for claim in item.get("claims") or []:
            text = claim.get("text") or ""
            marked = _marked(text, claim.get("marked") or [], claim.get("start"))
            sides.setdefault(claim.get("side", 0), []).append(
                {**claim, "pieces": marked, **_source_of(claim, by_id, numbers, links)}
            )
        result.append({**item, "sides": list(sides.values())})
    return result


def _marked(text: str, spans: list, offset: int | None) -> list[tuple[bool, str]]:
    """The claim's text with the words in conflict flagged; spans may be offsets into the article or the claim."""
    base = offset if offset and spans and all(a >= offset for a, _ in spans) else 0
    pieces, cursor = [], 0
    for a, b in sorted((a - base, b - base) for a, b in spans):
        if 0 <= cursor <= a < b <= len(text):
            pieces += [(False, text[cursor:a]), (True, text[a:b])]
            cursor = b
    pieces.append((False, text[cursor:]))
    return pieces


def _source_of(item: dict, by_id: dict[str, Article], numbers: dict[str, int], links: Links) -> dict:
    article = by_id.get(item.get("article_id"))
    if article is None:
        return {"source": None}
    index = item.get("sentence_index")
    return {
        "source": {
            "number": numbers.get(article.id),
            "outlet": article.outlet or article.id,
            "published": (article.published or "")[:10],
            "href": links.article(article.id, index if isinstance(index, int) else None),
        }
    }


def _plain(value: Any) -> Any:
    """Dataclasses and lists of them as dicts, for templates that must not care which type an analyser used."""
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, dict):
        return value
    return {"text": str(value)}


def _as_list(value: Any) -> list[dict]:
    if not value:
        return []
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, dict)]


def hit_pieces(snippet: str, open_mark: str, close_mark: str) -> list[tuple[bool, str]]:
    """A search snippet as (matched, text) pieces; stray marks inside an article's own text are dropped."""
    pieces: list[tuple[bool, str]] = []
    hot = False
    for part in re.split(f"([{open_mark}{close_mark}])", snippet):
        if part == open_mark:
            hot = True
        elif part == close_mark:
            hot = False
        elif part:
            pieces.append((hot, part))
    return pieces
