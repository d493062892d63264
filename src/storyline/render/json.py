"""JSON documents for programs: summaries with exact citation offsets, event digests, an index."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

from storyline.ingest.outlets import event_outlets
from storyline.model import Article, EventDigest, Storyline, StorylineLink, Summary
from storyline.render.quotes import entities_to_json, quotes_to_json
from storyline.render.sources import numbered_sources

# Version of the JSON digest format described by docs/digest.schema.json, shared by the JSON files and the web API;
# bumped on any incompatible change.
SCHEMA_VERSION = 2


def article_to_json(article: Article, *, with_text: bool = True) -> dict:
    data = article.to_dict()
    if not with_text:
        data.pop("text")
        data.pop("paragraphs")
    return data


def summary_to_json(summary: Summary, articles: Sequence[Article]) -> dict:
    """Sentences with their citations; each citation carries the cited sentence's text (``text[start:end]`` of the
    article's cleaned text), so a reader of the JSON alone can check it."""
    text_of = {article.id: article.text for article in articles}
    return {
        "headline": summary.headline,
        "sentences": [
            {
                "text": s.text,
                "citations": [
                    {
                        "article_id": c.article_id,
                        "sentence_index": c.sentence_index,
                        "start": c.start,
                        "end": c.end,
                        "text": text_of[c.article_id][c.start : c.end] if c.article_id in text_of else None,
                    }
                    for c in s.citations
                ],
                "dates": [asdict(d) for d in s.dates],
            }
            for s in summary.sentences
        ],
        "sources": [article_to_json(article, with_text=False) for article in numbered_sources(articles)],
    }


def digest_to_json(digest: EventDigest, speakers: list | None = None) -> dict:
    """``speakers``: the event's quotes by speaker (``quotes.merge.by_speaker``), when already grouped."""
    event = digest.event
    named = event_outlets(digest.articles, digest.copy_groups)
    summary = summary_to_json(digest.summary, digest.articles)
    for source in summary["sources"]:
        source["outlets"] = named.get(source["id"], [])
    return {
        "schema_version": SCHEMA_VERSION,
        "id": event.id,
        "title": event.title,
        "start": event.start,
        "end": event.end,
        "outlets": sorted({name for names in named.values() for name in names}),
        "outlet_unknown": sorted(article_id for article_id, names in named.items() if not names),
        "article_count": len(digest.articles),
        "summary": summary,
        "copy_groups": [
            {
                "id": g.id,
                "articles": g.article_ids,
                "canonical": g.canonical,
                "overlap": g.overlap,
                "variants": [variant.to_dict() for variant in digest.variants.get(g.id, [])],
            }
            for g in digest.copy_groups
            if len(g.article_ids) > 1
        ],
        "quotes": quotes_to_json(digest, speakers),
        "entities": entities_to_json(digest),
        "notes": digest.notes,
        "disagreements": [item.to_dict() for item in digest.disagreements],
        "developments": [item.to_dict() for item in digest.developments],
        "storyline": storyline_to_json(digest.storyline),
    }


def storyline_to_json(link: StorylineLink | None) -> dict | None:
    """The ``storyline`` field of an event's JSON page (its last)."""
    return None if link is None else {"id": link.id, "title": link.title, "earlier": link.earlier, "later": link.later}


def index_to_json(
    digests: Sequence[EventDigest], file_of: dict[str, str], storylines: Sequence[Storyline] = ()
) -> dict:
    """The events, and with ``storylines`` each storyline's timeline (events in date order, each with its date,
    headline and the first sentence of its cited summary)."""
    from storyline.timelines import timeline, with_every_event

    data = {
        "schema_version": SCHEMA_VERSION,
        "events": [
            {
                "id": d.event.id,
                "title": d.event.title,
                "start": d.event.start,
                "end": d.event.end,
                "articles": d.event.article_ids,
                "file": file_of[d.event.id],
            }
            for d in digests
        ],
    }
    if storylines:
        by_id = {d.event.id: d for d in digests}
        data["storylines"] = [
            {
                "id": s.id,
                "title": s.title,
                "start": s.start,
                "end": s.end,
                "events": s.event_ids,
                "timeline": timeline(s, by_id),
            }
            for s in with_every_event(storylines, digests)
        ]
    return data
