"""The "Who said what" of a digest: each speaker once, each quote once with every article that carries it."""

from __future__ import annotations

from storyline.model import EventDigest

# A digest page shows this many quotes; the JSON digest holds them all.
MARKDOWN_QUOTES = 40


def quotes_to_markdown(digest: EventDigest, numbers: dict[str, int], speakers: list | None = None) -> list[str]:
    """The page's "Who said what"; ``speakers``: the quotes by speaker, when already grouped."""
    if not digest.quotes:
        return []
    from storyline.quotes.merge import partly_quoted, reported_text

    text_of = {article.id: article.text for article in digest.articles}
    lines = ["", "## Who said what", ""]
    shown = 0
    speakers = speakers_of(digest) if speakers is None else speakers
    for speaker in speakers:
        if shown >= MARKDOWN_QUOTES:
            break
        who = speaker.name or "Unattributed"
        lines.append(f"- **{who}**" + (f" ({speaker.role})" if speaker.role else ""))
        for quote in speaker.quotes[: MARKDOWN_QUOTES - shown]:
            shown += 1
            for index, wording in enumerate(quote.wordings):
                first = wording.quotes[0]
                partial = partly_quoted(first, text_of.get(first.article_id)) if wording.quotes else None
                reported = (
                    reported_text(first, wording.text, text_of.get(first.article_id))
                    if wording.quotes
                    else wording.text
                )
                text = partial or (f"“{wording.text}”" if quote.direct else f"{reported} (reported)")
                cited = "".join(f"[{n}]" for n in sorted({numbers[a] for a in wording.article_ids if a in numbers}))
                lines.append(("  - " if index == 0 else "    - also worded: ") + f"{text} {cited}".rstrip())
    total = sum(len(s.quotes) for s in speakers)
    if total > shown:
        lines.append(f"- _{total - shown} more quotes in the JSON digest_")
    return lines


def speakers_of(digest: EventDigest) -> list:
    """The event's quotes by speaker, as "Who said what" shows them (``quotes.merge.by_speaker``)."""
    from storyline.quotes.merge import by_speaker

    if not digest.quotes:
        return []
    return by_speaker(digest.quotes, texts={article.id: article.text for article in digest.articles})


def quotes_to_json(digest: EventDigest, speakers: list | None = None) -> list[dict]:
    return [
        {
            "speaker": speaker.name,
            "role": speaker.role,
            "quotes": [
                {
                    "text": quote.text,
                    "direct": quote.direct,
                    "articles": quote.article_ids,
                    "wordings": [
                        {
                            "text": w.text,
                            "articles": w.article_ids,
                            "citations": [
                                {
                                    "article_id": q.article_id,
                                    "sentence_index": q.sentence_index,
                                    "start": q.start,
                                    "end": q.end,
                                }
                                for q in w.quotes
                            ],
                        }
                        for w in quote.wordings
                    ],
                }
                for quote in speaker.quotes
            ],
        }
        for speaker in (speakers_of(digest) if speakers is None else speakers)
    ]


def entities_to_json(digest: EventDigest) -> list[dict]:
    return [entity.to_dict() for entity in digest.entities]
