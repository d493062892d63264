"""Analysis of one event: its cited summary and how the versions of each copy group differ."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.diff import diff_articles
from storyline.model import Article, CopyGroup, Event, EventDigest, Summary
from storyline.summarize import summarize


def analyse_event(event: Event, articles: Sequence[Article], copy_groups: Sequence[CopyGroup], *,
                  words: int = 100) -> EventDigest:
    """Summarise ``event`` from its ``articles`` and describe the variants of its copy groups."""
    notes = []
    try:
        summary = summarize(articles, words=words, copy_groups=copy_groups)
    except ValueError as error:  # e.g. a language the summarizer does not support
        summary = Summary(event.title, [])
        notes.append(f"no summary: {error}")
    by_id = {article.id: article for article in articles}
    variants = {}
    for group in copy_groups:
        canonical = by_id.get(group.canonical)
        copies = [by_id[article_id] for article_id in group.article_ids
                  if article_id != group.canonical and article_id in by_id]
        if canonical and copies:
            variants[group.id] = [{"article_id": copy.id, **diff_articles(canonical, copy).to_dict()}
                                  for copy in copies]
    return EventDigest(event, summary, list(articles), list(copy_groups), variants, notes)


def analysis_to_dict(digest: EventDigest) -> dict:
    """The computed part of a digest, for caching in the store."""
    return {"summary": digest.summary.to_dict(), "variants": digest.variants, "notes": digest.notes}


def analysis_from_dict(data: dict, event: Event, articles: Sequence[Article],
                       copy_groups: Sequence[CopyGroup]) -> EventDigest:
    return EventDigest(event, Summary.from_dict(data["summary"]), list(articles), list(copy_groups),
                       data["variants"], data["notes"])
