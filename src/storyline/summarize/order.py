"""Ordering of summary sentences: the core fact first, then the story as it was reported."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from storyline.model import Citation


def chronological(
    citations: Sequence[Sequence[Citation]],
    article_rank: Mapping[str, int],
    article_day: Mapping[str, str] | None = None,
) -> list[int]:
    """Order in which to print summary sentences, given each one's citations.

    A sentence is placed by its first report: the earliest day (``article_day``, e.g. ``"2026-03-02"``) of an
    article that cites it, then its position in the articles of that day that cite it, then the earliest such
    article (``article_rank``, 0 = first published). Reports of one day are thus read lead first: a story's
    opening sentence, its core fact, comes before details from further down any same-day report, and later
    developments come after earlier ones. Without days, each article is its own day.
    """
    day = article_day if article_day is not None else {a: f"{r:09d}" for a, r in article_rank.items()}

    def key(i: int) -> tuple[str, int, int, int]:
        first_day = min(day[c.article_id] for c in citations[i])
        that_day = [c for c in citations[i] if day[c.article_id] == first_day]
        first = min(that_day, key=lambda c: (c.sentence_index, article_rank[c.article_id]))
        return first_day, first.sentence_index, article_rank[first.article_id], i

    return sorted(range(len(citations)), key=key)


def statement_first(order: Sequence[int], opens_with_quote: Sequence[bool]) -> list[int]:
    """``order`` with its first sentence that is not a quotation moved to the front.

    A summary that opens with someone's words before saying what happened reads like a fragment of an
    article; when every sentence is a quotation the order is kept.
    """
    order = list(order)
    if order and opens_with_quote[order[0]]:
        statement = next((k for k, i in enumerate(order) if not opens_with_quote[i]), None)
        if statement is not None:
            order.insert(0, order.pop(statement))
    return order


def main_news_first(
    order: Sequence[int], citations: Sequence[Sequence[Citation]], opens_with_quote: Sequence[bool]
) -> list[int]:
    """``order`` with the sentence that states the event's main news first.

    The main news is what the most sources open with: the sentence cited by the most articles from their first
    two sentences. It moves to the front only when it leads more articles than the sentence already there (a
    background sentence or a side detail from the earliest report). Quotations never move to the front.
    """
    order = list(order)
    if len(order) < 2:
        return order

    def leads(i: int) -> int:
        return len({c.article_id for c in citations[i] if c.sentence_index <= 1})

    best = max(order, key=lambda i: (leads(i) if not opens_with_quote[i] else -1, -order.index(i)))
    if leads(best) > leads(order[0]) and not opens_with_quote[best]:
        order.remove(best)
        order.insert(0, best)
    return order


def after_antecedents(order: Sequence[int], antecedent: Mapping[int, int | None]) -> list[int]:
    """``order`` with each sentence that leans on another (``antecedent[i]``) placed right after it when the
    order had it before."""
    order = list(order)
    for i, before in antecedent.items():
        if before is None or before not in order or i not in order:
            continue
        if order.index(i) < order.index(before):
            order.remove(i)
            order.insert(order.index(before) + 1, i)
    return order
