"""Timelines: a storyline's events in date order, and within an event what each day's articles add.

A storyline's timeline entry for an event is its date, its headline and the first sentence of its cited summary
(the event digest's own, so the timeline never says what the digest does not). An event's developments are one
sentence per day of coverage: on its first day the lead of the day's first article, on each later day the first
sentence of that day's articles that says something new (at least ``MIN_NEW`` content words, and ``NEW_SHARE`` of
its content words, not said on earlier days), each with the source sentence it comes from. A follow-up's lead
restates the story it follows ("The Sallow Street Bridge will stay closed for at least six weeks ..."), so a
sentence counts as new by what it adds, not by having little in common with what came before. A line that cannot be
read alone (a time stamp or a heading, a sentence opening with a pronoun or a quotation or speaking in the first
person) is passed over, as a summary passes it over.

An article's lead is its first sentence, or the one that opens with a dateline when the page put a caption or a
standfirst before it ("OSTWICK — Sixty workers were evacuated ..."); the dateline is no part of the development.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from storyline.model import Article, Citation, Development, Event, EventDigest, Storyline, StorylineLink
from storyline.text import content_stems, split_sentences, stem_set
from storyline.text.verbs import dateline

NEW_SHARE = 0.25  # the least share of a later day's sentence's content words that earlier days did not say
MIN_NEW = 3  # and the fewest such words
_SENTENCES_READ = 12  # sentences of each article considered (developments lead, as news does)
_MIN_WORDS = 6


def developments(articles: Sequence[Article]) -> list[Development]:
    """One development per day of dated coverage, oldest first (see the module docstring).

    Articles without a publication date (or dated only by when they were read) have no day and add nothing.
    """
    by_day: dict[str, list[Article]] = {}
    for article in articles:
        if article.published and article.date_source != "ingest-time":
            by_day.setdefault(article.published[:10], []).append(article)
    said: set[str] = set()
    out = []
    for day in sorted(by_day):
        found = None
        today = sorted(by_day[day], key=lambda a: (a.published or "", -len(a.text), a.id))
        for article in today:
            for index, start, end in _leading(article.text):
                stems = set(content_stems(article.text[start:end]))
                if len(stems) < _MIN_WORDS or not _reads_alone(article.text[start:end]):
                    continue
                new = len(stems - said)
                if not said or (new >= MIN_NEW and new >= NEW_SHARE * len(stems)):
                    found = (article, index, start, end)
                    break
            if found:
                break
        for article in today:
            said |= stem_set(article.text)
        if found:
            article, index, start, end = found
            sentence = article.text[start:end]
            text = " ".join(sentence[dateline(sentence) :].split())
            out.append(Development(day, text, (Citation(article.id, index, start, end),)))
    return out


def _reads_alone(sentence: str) -> bool:
    """Whether a sentence can stand for a day's news on its own: a whole sentence (not a time stamp or a heading),
    not opening with a pronoun or a quotation, not speaking in the first person ("He was the classic small-town
    prodigy", "We tried our best today, said ..."). A time counted within the sentence ("was arrested a few hours
    later") is a lead's own."""
    from storyline.summarize.compress import opens_with_quote, stands_alone

    text = " ".join(sentence[dateline(sentence) :].split())
    return stands_alone(text) and not opens_with_quote(text)


def _leading(text: str) -> list[tuple[int, int, int]]:
    """``(index, start, end)`` of the article's first sentences, from its lead: the first of them that opens with a
    dateline when one does, else the first."""
    sentences = list(enumerate(split_sentences(text)[:_SENTENCES_READ]))
    lead = next((n for n, (start, end) in sentences if dateline(text[start:end])), 0)
    return [(index, start, end) for index, (start, end) in sentences[lead:]]


def timeline(storyline: Storyline, digests: Mapping[str, EventDigest]) -> list[dict]:
    """The storyline's events in date order: ``{"event_id", "date", "headline", "summary", "citations"}``, the
    summary being the first sentence of the event's cited summary (empty when it has none)."""
    out = []
    for event_id in storyline.event_ids:
        digest = digests.get(event_id)
        if digest is None:
            continue
        first = digest.summary.sentences[0] if digest.summary.sentences else None
        out.append(
            {
                "event_id": event_id,
                "date": digest.event.start,
                "headline": digest.event.title or digest.summary.headline,
                "summary": first.text if first else "",
                "citations": [
                    {"article_id": c.article_id, "sentence_index": c.sentence_index, "start": c.start, "end": c.end}
                    for c in (first.citations if first else [])
                ],
            }
        )
    return out


def with_every_event(storylines: Sequence[Storyline], digests: Sequence[EventDigest]) -> list[Storyline]:
    """``storylines`` titled as the digests title their events (``titled_storylines``), plus a storyline of one
    event for each digest none of them holds, so an index lists every event even when a store's storylines lag
    behind its events."""
    listed = {event_id for storyline in storylines for event_id in storyline.event_ids}
    alone = [
        Storyline(d.event.id, d.event.title, d.event.start, d.event.end, [d.event.id])
        for d in digests
        if d.event.id not in listed
    ]
    return [*titled_storylines(storylines, [d.event for d in digests]), *alone]


def titled_storylines(storylines: Sequence[Storyline], events: Sequence[Event]) -> list[Storyline]:
    """Each storyline under the title of its largest event of ``events`` (the most articles, the earliest of
    equals), as the event index titles it. Given the events as their digests title them, a storyline reads as its
    pages do: the event index names an event by an article's title as read (a lead cut short where there is no
    headline), a digest as an editor would sign it. A storyline none of whose events is given keeps its title."""
    by_id = {event.id: event for event in events}
    out = []
    for storyline in storylines:
        held = [e for e in storyline.event_ids if e in by_id]
        title = by_id[largest_event(held, lambda e: len(by_id[e].article_ids))].title if held else ""
        out.append(replace(storyline, title=title) if title else storyline)
    return out


def largest_event(event_ids: Sequence[str], size: Callable[[str], int]) -> str:
    """The id of the event of ``event_ids`` (in a storyline's order) with the most articles, the earliest of
    equals: the one a storyline is titled after."""
    return max(enumerate(event_ids), key=lambda item: (size(item[1]), -item[0]))[1]


def link_digests(digests: Sequence[EventDigest], storylines: Sequence[Storyline]) -> None:
    """Set each digest's ``storyline``: its storyline and that storyline's events before and after it."""
    by_id = {digest.event.id: digest for digest in digests}
    for storyline in titled_storylines(storylines, [digest.event for digest in digests]):
        entries = [
            {"id": e, "title": by_id[e].event.title, "start": by_id[e].event.start}
            for e in storyline.event_ids
            if e in by_id
        ]
        for position, entry in enumerate(entries):
            by_id[entry["id"]].storyline = StorylineLink(
                storyline.id, storyline.title, earlier=entries[:position], later=entries[position + 1 :]
            )
