"""Article ids: one rule for a taken id, applied wherever articles meet (reading, storing)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TextIO

from storyline.model import Article, Problem


def suffixed_id(article_id: str, content_hash: str) -> str:
    """The id a different article gets when ``article_id`` is taken: stable, since it comes from its content.

    >>> suffixed_id("flood-report", "3fa9c2d41b7e")
    'flood-report~3fa9c2d4'
    """
    return f"{article_id}~{content_hash[:8]}"


def unique_articles(items: Iterable[Article | Problem], *, notes: TextIO | None = None) -> Iterator[Article | Problem]:
    """``items`` with each article id given once: the same id and content again is the same article (dropped);
    the same id with other content is another article, passed on as a copy under ``suffixed_id`` and said once on
    ``notes`` (standard error by default). The articles given are never changed."""
    seen: dict[str, str] = {}
    for item in items:
        if not isinstance(item, Article):
            yield item
            continue
        known = seen.get(item.id)
        if known is None:
            seen[item.id] = item.content_hash
            yield item
            continue
        if known == item.content_hash:
            continue
        new_id = suffixed_id(item.id, item.content_hash)
        if new_id in seen:
            continue  # this very content was read before under the same taken id
        seen[new_id] = item.content_hash
        print(
            f"storyline: {item.source_path or 'input'}: id {item.id!r} is taken by a different article; "
            f"this one is read as {new_id!r}",
            file=notes or sys.stderr,
        )
        yield replace(item, id=new_id)
