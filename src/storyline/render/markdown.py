"""Markdown digests: one page per event and an index."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import Article, EventDigest, Summary
from storyline.render.sources import describe_source, numbered_sources, source_numbers


def summary_to_markdown(summary: Summary, articles: Sequence[Article]) -> str:
    """Headline, summary sentences with citation marks [1][3], then the numbered sources."""
    numbers = source_numbers(articles)
    lines = [f"# {summary.headline}", ""]
    lines += _cited_sentences(summary, numbers) or ["_No summary could be written for these articles._"]
    lines += ["", "## Sources", ""] + _source_list(articles)
    return "\n".join(lines) + "\n"


def digest_to_markdown(digest: EventDigest) -> str:
    event = digest.event
    numbers = source_numbers(digest.articles)
    outlets = sorted({a.outlet for a in digest.articles if a.outlet})
    span = event.start if event.start == event.end else f"{event.start or '?'} to {event.end or '?'}"
    lines = [f"# {event.title}", "",
             f"{span} · {len(digest.articles)} articles · {len(outlets)} outlets"
             + (f" ({', '.join(outlets)})" if outlets else ""), "", "## Summary", ""]
    lines += _cited_sentences(digest.summary, numbers) or ["_No summary could be written for this event._"]
    lines += [f"_{note}_" for note in digest.notes]
    by_id = {a.id: a for a in digest.articles}
    # Only the copies this event holds (the event index keeps a group together; a page never assumes it).
    copies = [group for group in digest.copy_groups if sum(a in by_id for a in group.article_ids) > 1]
    if copies:
        lines += ["", "## Copies of one story", ""]
        for group in copies:
            canonical = by_id.get(group.canonical)
            if canonical is None:
                lines.append("- (the original is not among this event's articles)")
            else:
                lines.append(f"- [{numbers[canonical.id]}] {describe_source(canonical)} (original)")
            for variant in digest.variants.get(group.id, []):
                if variant["article_id"] in by_id:
                    lines += _variant_lines(variant, by_id[variant["article_id"]], numbers, group.overlap)
    lines += ["", "## Sources", ""] + _source_list(digest.articles)
    return "\n".join(lines) + "\n"


def index_to_markdown(digests: Sequence[EventDigest], file_of: dict[str, str]) -> str:
    lines = ["# Events", "", f"{len(digests)} events from {sum(len(d.articles) for d in digests)} articles.", ""]
    for digest in digests:
        event = digest.event
        lead = digest.summary.sentences[0].text if digest.summary.sentences else ""
        lines.append(f"- [{event.title}]({file_of[event.id]}) ({event.start or 'undated'}, "
                     f"{len(event.article_ids)} articles){': ' + lead if lead else ''}")
    return "\n".join(lines) + "\n"


def _cited_sentences(summary: Summary, numbers: dict[str, int]) -> list[str]:
    lines = []
    for sentence in summary.sentences:
        cited = sorted({numbers[c.article_id] for c in sentence.citations if c.article_id in numbers})
        lines.append(sentence.text + " " + "".join(f"[{n}]" for n in cited))
    return lines


def _source_list(articles: Sequence[Article]) -> list[str]:
    lines = []
    for number, article in enumerate(numbered_sources(articles), 1):
        title = f"[{article.title or article.id}]({article.url})" if article.url else (article.title or article.id)
        details = ", ".join(part for part in (article.outlet, article.published) if part)
        lines.append(f"{number}. {title}" + (f" — {details}" if details else "") + f" `{article.id}`")
    return lines


def _variant_lines(variant: dict, copy: Article, numbers: dict[str, int], overlap: dict[str, float]) -> list[str]:
    share = overlap.get(copy.id)
    lines = [f"- [{numbers[copy.id]}] {describe_source(copy)}" + (f" (overlap {share:.0%})" if share else "")]
    for sentence in variant.get("only_b", []):
        lines.append(f"  - added: {_text(sentence)}")
    for sentence in variant.get("only_a", []):
        lines.append(f"  - dropped: {_text(sentence)}")
    for change in variant.get("changed", []):
        lines.append(f"  - changed: {_text(change.get('a'))} → {_text(change.get('b'))}")
    return lines


def _text(item) -> str:
    if isinstance(item, dict):
        item = item.get("text", "")
    return f"“{item}”"
