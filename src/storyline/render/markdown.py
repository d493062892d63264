"""Markdown digests: one page per event and an index."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from storyline.ingest.outlets import event_outlets
from storyline.model import Article, EventDigest, Storyline, Summary, Variant
from storyline.render.quotes import quotes_to_markdown
from storyline.render.sources import describe_source, numbered_sources, source_numbers
from storyline.safety import md_code, md_link, md_text
from storyline.text.time_words import annotate


def summary_to_markdown(summary: Summary, articles: Sequence[Article]) -> str:
    """Headline, summary sentences with citation marks [1][3], then the numbered sources."""
    numbers = source_numbers(articles)
    lines = [f"# {md_text(summary.headline)}", ""]
    lines += _cited_sentences(summary, numbers) or ["_No summary could be written for these articles._"]
    lines += ["", "## Sources", ""] + _source_list(articles)
    return "\n".join(lines) + "\n"


def digest_to_markdown(digest: EventDigest, file_of: dict[str, str] | None = None) -> str:
    """One event's page; ``file_of`` (event id -> page name) turns its storyline's other events into links."""
    head, tail = page_parts(digest)
    return joined_page(head, storyline_lines(digest, file_of or {}), tail)


def page_parts(digest: EventDigest, speakers: list | None = None) -> tuple[list[str], list[str]]:
    """The lines of an event's page before its storyline and after it: all that depends on the event alone.
    ``speakers``: its quotes by speaker (``quotes.merge.by_speaker``), when already grouped."""
    event = digest.event
    numbers = source_numbers(digest.articles)
    named = event_outlets(digest.articles, digest.copy_groups)
    span = event.start if event.start == event.end else f"{event.start or '?'} to {event.end or '?'}"
    lines = [
        f"# {md_text(event.title)}",
        "",
        f"{md_text(span or 'undated')} · {len(digest.articles)} articles · " + md_text(outlet_line(named)),
        "",
        "## Summary",
        "",
    ]
    lines += _cited_sentences(digest.summary, numbers) or ["_No summary could be written for this event._"]
    lines += [f"_{md_text(note)}_" for note in digest.notes]
    lines += _disagreement_lines(digest, numbers)
    tail: list[str] = []
    if digest.developments:
        tail += ["", "## Developments", ""]
        for item in digest.developments:
            cited = sorted({numbers[c.article_id] for c in item.citations if c.article_id in numbers})
            tail.append(f"- {md_text(item.date)}: {md_text(item.text)} " + "".join(f"[{n}]" for n in cited))
    tail += quotes_to_markdown(digest, numbers, speakers)
    by_id = {a.id: a for a in digest.articles}
    # Only the copies this event holds (the event index keeps a group together; a page never assumes it).
    copies = [group for group in digest.copy_groups if sum(a in by_id for a in group.article_ids) > 1]
    if copies:
        tail += ["", "## Copies of one story", ""]
        for group in copies:  # a member missing from this event's articles is left out, never a KeyError
            canonical = by_id.get(group.canonical)
            if canonical is None:
                tail.append("- (the original is not among this event's articles)")
            else:
                tail.append(f"- {_number(numbers, canonical.id)}{md_text(describe_source(canonical))} (original)")
            for variant in digest.variants.get(group.id, []):
                if variant.article_id in by_id:
                    tail += _variant_lines(variant, by_id[variant.article_id], numbers, group.overlap)
    tail += ["", "## Sources", ""] + _source_list(digest.articles, named)
    return lines, tail


def joined_page(head: list[str], storyline: list[str], tail: list[str]) -> str:
    return "\n".join(head + storyline + tail) + "\n"


def outlet_line(named: dict[str, list[str]]) -> str:
    """ "2 outlets (AFP, Daily Star)", with "outlet unknown for 1" when some articles name no source."""
    outlets = sorted({name for names in named.values() for name in names})
    unknown = sum(1 for names in named.values() if not names)
    if not outlets:
        return "outlet unknown"
    line = f"{len(outlets)} outlet{'s' if len(outlets) != 1 else ''} ({', '.join(outlets)})"
    return line + (f" · outlet unknown for {unknown}" if unknown else "")


def index_to_markdown(
    digests: Sequence[EventDigest], file_of: dict[str, str], storylines: Sequence[Storyline] = ()
) -> str:
    """The list of events; with ``storylines``, grouped by storyline as a timeline of each."""
    if storylines:
        return _storyline_index(digests, file_of, storylines)
    lines = ["# Events", "", f"{len(digests)} events from {sum(len(d.articles) for d in digests)} articles.", ""]
    for digest in digests:
        event = digest.event
        lead = digest.summary.sentences[0].text if digest.summary.sentences else ""
        target = quote(file_of[event.id], safe="/~-._")  # our own file name, still encoded
        lines.append(
            f"- [{md_text(event.title)}]({target}) ({md_text(event.start or 'undated')}, "
            f"{len(event.article_ids)} articles){': ' + md_text(lead) if lead else ''}"
        )
    return "\n".join(lines) + "\n"


def _storyline_index(digests: Sequence[EventDigest], file_of: dict[str, str], storylines: Sequence[Storyline]) -> str:
    from storyline.timelines import timeline, with_every_event

    by_id = {digest.event.id: digest for digest in digests}
    storylines = with_every_event(storylines, digests)
    lines = [
        "# Events",
        "",
        f"{len(digests)} events in {len(storylines)} storylines from "
        f"{sum(len(d.articles) for d in digests)} articles, each storyline's events in date order.",
        "",
    ]
    for storyline in storylines:
        span = (
            storyline.start
            if storyline.start == storyline.end
            else f"{storyline.start or '?'} to {storyline.end or '?'}"
        )
        count = len(storyline.event_ids)
        lines += [
            f"## {md_text(storyline.title)}",
            "",
            f"{md_text(span or 'undated')} · {count} event{'s' * (count != 1)}",
            "",
        ]
        for entry in timeline(storyline, by_id):
            numbers = source_numbers(by_id[entry["event_id"]].articles)
            cited = sorted({numbers[c["article_id"]] for c in entry["citations"] if c["article_id"] in numbers})
            marks = "".join(f"[{n}]" for n in cited)
            summary = f": {md_text(entry['summary'])} {marks}".rstrip() if entry["summary"] else ""
            target = quote(file_of[entry["event_id"]], safe="/~-._")  # our own file name, still encoded
            lines.append(f"- {md_text(entry['date'] or 'undated')} · [{md_text(entry['headline'])}]({target}){summary}")
        lines.append("")
    return "\n".join(lines)


def storyline_lines(digest: EventDigest, file_of: dict[str, str]) -> list[str]:
    """The event's storyline: its earlier and later events, linked where their pages are known."""
    link = digest.storyline
    if link is None or not (link.earlier or link.later):
        return []

    def item(entry: dict) -> str:
        title = md_text(entry["title"])
        if entry["id"] in file_of:
            title = f"[{title}]({quote(file_of[entry['id']], safe='/~-._')})"
        return f"- {md_text(entry['start'] or 'undated')}: {title}"

    lines = ["", "## Storyline", "", f"Part of the storyline “{md_text(link.title)}”."]
    if link.earlier:
        lines += ["", "Earlier:", ""] + [item(entry) for entry in link.earlier]
    if link.later:
        lines += ["", "Later:", ""] + [item(entry) for entry in link.later]
    return lines


def _cited_sentences(summary: Summary, numbers: dict[str, int]) -> list[str]:
    lines = []
    for sentence in summary.sentences:
        cited = sorted({numbers[c.article_id] for c in sentence.citations if c.article_id in numbers})
        lines.append(md_text(annotate(sentence.text, sentence.dates)) + " " + "".join(f"[{n}]" for n in cited))
    return lines


def _source_list(articles: Sequence[Article], named: dict[str, list[str]] | None = None) -> list[str]:
    lines = []
    for number, article in enumerate(numbered_sources(articles), 1):
        title = md_link(article.title or article.id, article.url)
        outlets = ", ".join(named[article.id]) if named and article.id in named else article.outlet
        details = ", ".join(part for part in (outlets, article.published) if part)
        lines.append(f"{number}. {title}" + (f" — {md_text(details)}" if details else "") + f" {md_code(article.id)}")
    return lines


def _variant_lines(variant: Variant, copy: Article, numbers: dict[str, int], overlap: dict[str, float]) -> list[str]:
    share = overlap.get(copy.id)
    lines = [
        f"- {_number(numbers, copy.id)}{md_text(describe_source(copy))}"
        + (f" (overlap {share:.0%})" if isinstance(share, (int, float)) and share else "")
    ]
    lines += [f"  - added: {_text(sentence.text)}" for sentence in variant.added]
    lines += [f"  - dropped: {_text(sentence.text)}" for sentence in variant.dropped]
    for change in variant.changed:
        meaning = change.disagreement
        lines.append(
            f"  - changed: {_text(change.a.text)} → {_text(change.b.text)}"
            + (f" (changes the meaning: {meaning.topic})" if meaning else "")
        )
    lines += _conflict_lines(variant)
    return lines


def _conflict_lines(variant: Variant) -> list[str]:
    """Dropped and added sentences that make conflicting claims about the same thing."""
    texts_a = {s.index: s.text for s in variant.dropped}
    texts_b = {s.index: s.text for s in variant.added}
    return [
        f"  - conflict ({item.topic}): dropped {_text(texts_a.get(item.a, ''))} "
        f"↔ added {_text(texts_b.get(item.b, ''))}"
        for item in variant.conflicts
    ]


def _disagreement_lines(digest: EventDigest, numbers: dict[str, int]) -> list[str]:
    """Each disputed point, then each side's exact sentences with the conflicting words in bold, cited."""
    if not digest.disagreements:
        return []
    lines = ["", "## Where sources disagree", ""]
    for item in digest.disagreements:
        kind = "update, in date order" if item.update else item.kind
        lines.append(f"- **{md_text(item.topic)}** ({kind})")
        by_side: dict[int, dict[str, list]] = {}
        for claim in item.claims:
            by_side.setdefault(claim.side, {}).setdefault(_marked_sentence(claim), []).append(claim)
        for sentences in by_side.values():
            for text, claims in sentences.items():
                cited = "; ".join(
                    md_text(", ".join(part for part in (c.outlet, c.published) if part))
                    + (f" [{numbers[c.article_id]}]" if c.article_id in numbers else "")
                    + f" ({md_code(c.article_id)} sentence {c.sentence_index + 1})"
                    for c in claims
                )
                lines.append(f"  - “{text}” — {cited}")
    return lines


def _marked_sentence(claim) -> str:
    parts, cursor = [], claim.start
    for start, end in claim.marked:
        if start < cursor or end > claim.end:
            continue
        parts += [
            _escaped(claim.text[cursor - claim.start : start - claim.start]),
            "**",
            _escaped(claim.text[start - claim.start : end - claim.start]),
            "**",
        ]
        cursor = end
    parts.append(_escaped(claim.text[cursor - claim.start :]))
    return "".join(parts)


def _escaped(piece: str) -> str:
    """``md_text`` of a piece of a sentence, keeping the spaces around it."""
    core = piece.strip()
    return piece[: len(piece) - len(piece.lstrip())] + md_text(core) + piece[len(piece.rstrip()) :] if core else piece


def _text(text: str) -> str:
    return f"“{md_text(text)}”"


def _number(numbers: dict[str, int], article_id: str) -> str:
    """``[3] `` for a numbered source; nothing for an article that is not among the event's sources."""
    return f"[{numbers[article_id]}] " if article_id in numbers else ""
