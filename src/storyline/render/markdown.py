"""Markdown digests: one page per event and an index."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from storyline.model import Article, EventDigest, Summary
from storyline.render.sources import describe_source, numbered_sources, source_numbers
from storyline.safety import md_code, md_link, md_text


def summary_to_markdown(summary: Summary, articles: Sequence[Article]) -> str:
    """Headline, summary sentences with citation marks [1][3], then the numbered sources."""
    numbers = source_numbers(articles)
    lines = [f"# {md_text(summary.headline)}", ""]
    lines += _cited_sentences(summary, numbers) or ["_No summary could be written for these articles._"]
    lines += ["", "## Sources", ""] + _source_list(articles)
    return "\n".join(lines) + "\n"


def digest_to_markdown(digest: EventDigest) -> str:
    event = digest.event
    numbers = source_numbers(digest.articles)
    outlets = sorted({a.outlet for a in digest.articles if a.outlet})
    span = event.start if event.start == event.end else f"{event.start or '?'} to {event.end or '?'}"
    lines = [f"# {md_text(event.title)}", "",
             f"{md_text(span)} · {len(digest.articles)} articles · {len(outlets)} outlets"
             + (f" ({md_text(', '.join(outlets))})" if outlets else ""), "", "## Summary", ""]
    lines += _cited_sentences(digest.summary, numbers) or ["_No summary could be written for this event._"]
    lines += [f"_{md_text(note)}_" for note in digest.notes]
    copies = [group for group in digest.copy_groups if len(group.article_ids) > 1]
    if copies:
        lines += ["", "## Copies of one story", ""]
        by_id = {a.id: a for a in digest.articles}
        for group in copies:  # a member missing from this event's articles is left out, never a KeyError
            canonical = by_id.get(group.canonical)
            if canonical is not None:
                lines.append(f"- {_number(numbers, canonical.id)}{md_text(describe_source(canonical))} (original)")
            for variant in digest.variants.get(group.id, []):
                if variant.get("article_id") in by_id:
                    lines += _variant_lines(variant, by_id[variant["article_id"]], numbers, group.overlap)
    lines += ["", "## Sources", ""] + _source_list(digest.articles)
    return "\n".join(lines) + "\n"


def index_to_markdown(digests: Sequence[EventDigest], file_of: dict[str, str]) -> str:
    lines = ["# Events", "", f"{len(digests)} events from {sum(len(d.articles) for d in digests)} articles.", ""]
    for digest in digests:
        event = digest.event
        lead = digest.summary.sentences[0].text if digest.summary.sentences else ""
        target = quote(file_of[event.id], safe="/~-._")  # our own file name, still encoded
        lines.append(f"- [{md_text(event.title)}]({target}) ({md_text(event.start or 'undated')}, "
                     f"{len(event.article_ids)} articles){': ' + md_text(lead) if lead else ''}")
    return "\n".join(lines) + "\n"


def _cited_sentences(summary: Summary, numbers: dict[str, int]) -> list[str]:
    lines = []
    for sentence in summary.sentences:
        cited = sorted({numbers[c.article_id] for c in sentence.citations if c.article_id in numbers})
        lines.append(md_text(sentence.text) + " " + "".join(f"[{n}]" for n in cited))
    return lines


def _source_list(articles: Sequence[Article]) -> list[str]:
    lines = []
    for number, article in enumerate(numbered_sources(articles), 1):
        title = md_link(article.title or article.id, article.url)
        details = ", ".join(part for part in (article.outlet, article.published) if part)
        lines.append(f"{number}. {title}" + (f" — {md_text(details)}" if details else "") + f" {md_code(article.id)}")
    return lines


def _variant_lines(variant: dict, copy: Article, numbers: dict[str, int], overlap: dict[str, float]) -> list[str]:
    share = overlap.get(copy.id)
    lines = [f"- {_number(numbers, copy.id)}{md_text(describe_source(copy))}"
             + (f" (overlap {share:.0%})" if isinstance(share, (int, float)) and share else "")]
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
    return f"“{md_text(item)}”"


def _number(numbers: dict[str, int], article_id: str) -> str:
    """``[3] `` for a numbered source; nothing for an article that is not among the event's sources."""
    return f"[{numbers[article_id]}] " if article_id in numbers else ""
