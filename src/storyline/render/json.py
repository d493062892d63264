"""JSON documents for programs: summaries with exact citation offsets, event digests, an index."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import Article, EventDigest, Storyline, Summary
from storyline.render.quotes import entities_to_json, quotes_to_json
from storyline.render.sources import numbered_sources

# The version of the digest object, shared by the JSON files and the web API; bump it when a field changes meaning.
SCHEMA_VERSION = 1


def article_to_json(article: Article, *, with_text: bool = True) -> dict:
    data = article.to_dict()
    if not with_text:
        data.pop("text")
        data.pop("paragraphs")
    return data


def summary_to_json(summary: Summary, articles: Sequence[Article]) -> dict:
    return {
        "headline": summary.headline,
        "sentences": [{"text": s.text, "citations": [
            {"article_id": c.article_id, "sentence_index": c.sentence_index, "start": c.start, "end": c.end}
            for c in s.citations]} for s in summary.sentences],
        "sources": [article_to_json(article, with_text=False) for article in numbered_sources(articles)],
    }


def digest_to_json(digest: EventDigest) -> dict:
    event = digest.event
    return {
        "schema_version": SCHEMA_VERSION,
        "id": event.id,
        "title": event.title,
        "start": event.start,
        "end": event.end,
        "outlets": sorted({a.outlet for a in digest.articles if a.outlet}),
        "article_count": len(digest.articles),
        "summary": summary_to_json(digest.summary, digest.articles),
        "copy_groups": [{"id": g.id, "articles": g.article_ids, "canonical": g.canonical, "overlap": g.overlap,
                         "variants": digest.variants.get(g.id, [])}
                        for g in digest.copy_groups if len(g.article_ids) > 1],
        "quotes": quotes_to_json(digest),
        "entities": entities_to_json(digest),
        "notes": digest.notes,
        "disagreements": [item.to_dict() for item in digest.disagreements],
        "developments": digest.developments,
        "storyline": None if digest.storyline is None else {
            "id": digest.storyline.id, "title": digest.storyline.title,
            "earlier": digest.storyline.earlier, "later": digest.storyline.later},
    }


def index_to_json(digests: Sequence[EventDigest], file_of: dict[str, str],
                  storylines: Sequence[Storyline] = ()) -> dict:
    """The events, and with ``storylines`` each storyline's timeline (events in date order, each with its date,
    headline and the first sentence of its cited summary)."""
    from storyline.timelines import timeline, with_every_event

    data = {"events": [{"id": d.event.id, "title": d.event.title, "start": d.event.start, "end": d.event.end,
                        "articles": d.event.article_ids, "file": file_of[d.event.id]} for d in digests]}
    if storylines:
        by_id = {d.event.id: d for d in digests}
        data["storylines"] = [{"id": s.id, "title": s.title, "start": s.start, "end": s.end, "events": s.event_ids,
                               "timeline": timeline(s, by_id)} for s in with_every_event(storylines, digests)]
    return data
