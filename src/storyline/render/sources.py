"""Numbering of an event's sources, shared by every output format."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import Article


def numbered_sources(articles: Sequence[Article]) -> list[Article]:
    """Sources in the order readers expect: oldest first, undated last, then by id."""
    return sorted(articles, key=lambda a: (a.published is None, a.published or "", a.id))


def source_numbers(articles: Sequence[Article]) -> dict[str, int]:
    return {article.id: number for number, article in enumerate(numbered_sources(articles), 1)}


def describe_source(article: Article) -> str:
    """``Title — Outlet, 2018-01-31``, leaving out what is unknown."""
    details = ", ".join(part for part in (article.outlet, article.published) if part)
    title = article.title or article.id
    return f"{title} — {details}" if details else title
