"""A quote given different words or a different speaker by two outlets, read off the quotes analyser's output.

The quotes of an event are merged across articles by their words alone (``storyline.quotes.merge.merge_quotes``
with the speakers left out), so one quotation carried by several outlets is one item whatever each says of its
speaker. Within an item, two named speakers that are not forms of one name ("Erekat" / "Saeb Erekat") are a
dispute over who said it; two wordings where one replaced a few words of the other (not one quoting more of it, and
not house style) are a dispute over what was said.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from difflib import SequenceMatcher

from storyline.compare.lexicon import NUMBER_WORDS
from storyline.model import Article, Claim, Disagreement, Quote, Sentence
from storyline.text import stem

MIN_QUOTE_WORDS = 5
MAX_REPLACED_WORDS = 3  # a changed word or two inside a quotation, not a different passage


def quote_disagreements(
    event_id: str, articles: Sequence[Article], quotes: Sequence[Quote], sentences: dict[str, list[Sentence]]
) -> tuple[list[Disagreement], list[Disagreement]]:
    """Disputes over who said a quotation, and over its words, between the articles of one event.

    ``sentences`` holds each article's sentences (as the compare stage splits them) for citing the quotes.
    """
    from storyline.quotes.merge import merge_quotes

    by_id = {article.id: article for article in articles}
    direct = [
        q
        for q in quotes
        # a quote of the title has no place in the text, so no sentence can cite it
        if q.direct and q.start is not None and q.article_id in by_id and len(q.text.split()) >= MIN_QUOTE_WORDS
    ]
    if len({q.article_id for q in direct}) < 2:
        return [], []
    anonymous = [_anonymous(q) for q in direct]
    speaker_of = {id(a): q for a, q in zip(anonymous, direct, strict=True)}
    speakers, wordings = [], []
    for item in merge_quotes(anonymous):
        held = [speaker_of[id(q)] for wording in item.wordings for q in wording.quotes]
        if len({q.article_id for q in held}) < 2:
            continue
        disagreement = _speaker_dispute(event_id, held, by_id, sentences)
        if disagreement is not None:
            speakers.append(disagreement)
        elif (disagreement := _wording_dispute(event_id, held, by_id, sentences)) is not None:
            wordings.append(disagreement)
    return speakers, wordings


def event_quotes(articles: Sequence[Article]) -> list[Quote] | None:
    """The quotes analyser's quotes of one event's articles (shared with it), or None when it cannot run here."""
    from storyline.quotes import QuotesUnavailable, event_analysis

    try:
        return event_analysis(articles)[0]
    except QuotesUnavailable:
        return None


def _anonymous(quote: Quote) -> Quote:
    return replace(quote, speaker=None, speaker_name=None, speaker_role=None)


def _name_words(quote: Quote) -> frozenset[str]:
    name = quote.speaker_name or ""
    return frozenset(word.strip(".,").lower() for word in name.split() if word[:1].isupper())


def _named_in_sentence(quote: Quote, by_id, sentences) -> bool:
    """Whether the sentence citing the quotation writes its speaker's name (not "he said", resolved from elsewhere)."""
    claim = _claim(quote, by_id, sentences, 0, quote.speaker or "", inside=False)
    words = {word.strip(".,").lower() for word in claim.text.split()} if claim else set()
    return bool(_name_words(quote) & words)


def _sentences_differ(claims: list[Claim]) -> bool:
    """Two sides citing one sentence word for word are one report read twice, not a dispute."""
    texts = {}
    for claim in claims:
        texts.setdefault(claim.side, set()).add(" ".join(_words(claim.text)))
    sides = list(texts.values())
    return len(sides) >= 2 and not any(x & y for i, x in enumerate(sides) for y in sides[i + 1 :])


def _speaker_dispute(event_id, held: list[Quote], by_id, sentences) -> Disagreement | None:
    named = [(q, _name_words(q)) for q in held if _named_in_sentence(q, by_id, sentences)]
    sides: list[tuple[frozenset[str], list[Quote]]] = []
    for quote, words in named:
        side = next((s for s in sides if s[0] <= words or words <= s[0]), None)
        if side is None:
            sides.append((words, [quote]))
        else:
            side[1].append(quote)
    if len(sides) < 2:
        return None
    articles_per_side = [{q.article_id for q in side} for _, side in sides]
    if any(x & y for i, x in enumerate(articles_per_side) for y in articles_per_side[i + 1 :]):
        return None  # one article names both: two people said it, or one quoted the other
    claims = []
    for number, (_, side) in enumerate(sides):
        for quote in side:
            claim = _claim(quote, by_id, sentences, number, quote.speaker or "", inside=False)
            if claim is not None:
                claims.append(claim)
    if not _sentences_differ(claims):
        return None
    opening = " ".join(held[0].text.split()[:6])
    names = " or ".join(side[0].speaker_name or "" for _, side in sides)
    return Disagreement(event_id, "quote", f'who said "{opening}...": {names}', False, claims)


def _wording_dispute(event_id, held: list[Quote], by_id, sentences) -> Disagreement | None:
    wordings: list[tuple[list[str], list[Quote]]] = []
    for quote in held:
        words = _words(quote.text)
        side = next((s for s in wordings if s[0] == words), None)
        if side is None:
            wordings.append((words, [quote]))
        else:
            side[1].append(quote)
    for i, (first, first_quotes) in enumerate(wordings):
        for second, second_quotes in wordings[i + 1 :]:
            if {q.article_id for q in first_quotes} & {q.article_id for q in second_quotes}:
                continue
            changed = _replaced(first, second)
            if changed is None:
                continue
            (old, new) = changed
            claims = [c for q in first_quotes if (c := _claim(q, by_id, sentences, 0, old)) is not None]
            claims += [c for q in second_quotes if (c := _claim(q, by_id, sentences, 1, new)) is not None]
            if not _sentences_differ(claims):
                continue
            return Disagreement(event_id, "quote", f"quoted words: {old} or {new}", False, claims)
    return None


def _words(text: str) -> list[str]:
    from storyline.text.normalize import normalized_words

    return normalized_words(text)


def _replaced(first: list[str], second: list[str]) -> tuple[str, str] | None:
    """The words one wording replaced in the other, when that is the only kind of change that alters it."""
    matcher = SequenceMatcher(None, first, second, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace" or i2 - i1 > MAX_REPLACED_WORDS or j2 - j1 > MAX_REPLACED_WORDS:
            continue
        old, new = first[i1:i2], second[j1:j2]
        if {stem(w) for w in old} == {stem(w) for w in new}:
            continue  # "says" / "said"
        if all(w in _TRIVIAL for w in old + new) or _same_number(old, new):
            continue  # "the" / "a", "of" / "for", "3" / "three": slips of transcription or house style
        return " ".join(old), " ".join(new)
    return None


_TRIVIAL = frozenset("a an the of for to in on at and or that this these those is was are were s".split())


def _same_number(old: list[str], new: list[str]) -> bool:
    values = [NUMBER_WORDS.get(w, float(w) if w.replace(".", "", 1).isdigit() else None) for w in (*old, *new)]
    return len(old) == len(new) == 1 and None not in values and values[0] == values[1]


def _claim(quote: Quote, by_id, sentences, side: int, mark: str, *, inside: bool = True) -> Claim | None:
    """The sentence holding ``mark``: words of the quotation inside its quotation marks (``inside``), or the speaker
    as written nearest the quotation; None when the mark is not there."""
    article = by_id[quote.article_id]
    words = mark.split()
    if not words:
        return None
    lowered = article.text.lower()
    if inside:
        at = _find_words(lowered, words, quote.start, quote.end + 1)
        if at is None or not _within_marks(article.text, at[0]):
            return None
    else:
        at = _find_words(lowered, words, quote.start, quote.end + SPEAKER_REACH) or _find_words(
            lowered, words, max(0, quote.start - SPEAKER_REACH), quote.start
        )
        if at is None:
            return None
    sentence = next((s for s in sentences.get(article.id, []) if s.start <= at[0] < s.end), None)
    if sentence is None or at[1] > sentence.end:
        return None
    return Claim.of(article, sentence, (at,), side)


SPEAKER_REACH = 200  # characters from a quotation to the name of its speaker


def _find_words(lowered: str, words: list[str], start: int, stop: int) -> tuple[int, int] | None:
    """Where the words stand in ``lowered[start:stop]``: from the first word to the last."""
    first = re.compile(rf"\b{re.escape(words[0].lower())}\b").search(lowered, start, stop)
    if first is None:
        return None
    last = re.compile(rf"\b{re.escape(words[-1].lower())}\b").search(lowered, first.start(), stop)
    return first.start(), last.end() if last else first.end()


def _within_marks(text: str, position: int) -> bool:
    """Whether ``position`` sits inside quotation marks on its line."""
    line = text[text.rfind("\n", 0, position) + 1 : position]
    return line.count("“") > line.count("”") or line.count('"') % 2 == 1
