"""Chronological ordering of summary sentences."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from storyline.model import Citation


def chronological(citations: Sequence[Sequence[Citation]], article_rank: Mapping[str, int]) -> list[int]:
    """Order in which to print summary sentences, given each one's citations.

    A sentence is placed by its earliest report: the earliest article (``article_rank``, 0 = first published)
    that cites it, then its position in that article, so sentences of one article keep the article's order and
    later developments come after earlier ones.
    """

    def key(i: int) -> tuple[int, int, int]:
        first = min(citations[i], key=lambda c: (article_rank[c.article_id], c.sentence_index))
        return article_rank[first.article_id], first.sentence_index, i

    return sorted(range(len(citations)), key=key)
