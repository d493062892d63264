"""The same quote across articles merged: each speaker once, each quote once, every wording cited to its articles."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from storyline.model import Article, Quote
from storyline.quotes.roles import body_reference, names_body
from storyline.text import content_stems, stem_set, words
from storyline.text.cues import SPEECH_VERBS, STANCE_VERBS, cue_lemma

# Two wordings are one quote when this share of the shorter one's words is in the longer one.
SAME_QUOTE = 0.6


@dataclass(slots=True)
class Wording:
    text: str
    article_ids: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


@dataclass(slots=True)
class MergedQuote:
    """One thing a speaker said, with each distinct wording and the articles that carry it."""

    direct: bool
    wordings: list[Wording]
    score: float = 0.0

    @property
    def article_ids(self) -> list[str]:
        seen: dict[str, None] = {}
        for wording in self.wordings:
            seen.update(dict.fromkeys(wording.article_ids))
        return list(seen)

    @property
    def text(self) -> str:
        return self.wordings[0].text


@dataclass(slots=True)
class SpeakerQuotes:
    name: str | None
    role: str | None
    quotes: list[MergedQuote]


def _key(quote: Quote) -> str:
    return (quote.speaker_name or quote.speaker or "").lower()


def speaker_keys(quotes: Sequence[Quote]) -> Callable[[Quote], str]:
    """Who said each quote, as one key per speaker across an event's articles: a body an article leaves unnamed
    ("The council says ...") is the one organisation of that kind another article names ("Harrowgate City
    Council"), when the quotes name exactly one."""
    names = {quote.speaker_name for quote in quotes if quote.speaker_name}
    named_body: dict[str, str] = {}
    for quote in quotes:
        speaker = (quote.speaker or "").lower()
        reference = None if quote.speaker_name or speaker in named_body else body_reference(speaker)
        if reference is not None:
            bodies = [name for name in names if names_body(name, *reference)]
            if len(bodies) == 1:
                named_body[speaker] = bodies[0].lower()

    def key(quote: Quote) -> str:
        return _key(quote) if quote.speaker_name else named_body.get((quote.speaker or "").lower(), _key(quote))

    return key


def _shared(a: Counter, b: Counter) -> int:
    """How many words two word counts share (``sum((a & b).values())``, without building the intersection)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(min(count, b[word]) for word, count in a.items() if word in b)


@dataclass(slots=True)
class _Open:
    """A merged quote being built: its first wording's words, their counts and distinct words, and the key of each
    of its wordings (as ``merge_quotes`` compares them, worked out once)."""

    tokens: list[str]
    counts: Counter
    distinct: frozenset[str]
    merged: MergedQuote
    wording_keys: list[str] = field(default_factory=list)


_NOT_ASCII_ALNUM = re.compile("[^a-z0-9]+")


def letters_and_digits(text: str) -> str:
    """What makes two wordings different: their letters and digits, not spacing or punctuation ("issues.So" is
    "issues. So" as an outlet's copy lost a space)."""
    lowered = text.lower()
    if lowered.isascii():  # an ASCII character is a letter or a digit when it is one of these, once lower-cased
        return _NOT_ASCII_ALNUM.sub("", lowered)
    return "".join(filter(str.isalnum, lowered))


# A sentence's end run into the next sentence's first word: "the core issues.So, this round".
_GLUED_SENTENCES = re.compile(r"[a-z][.!?][A-Z][a-z]")


def _glued(text: str) -> int:
    return len(_GLUED_SENTENCES.findall(text))


def _same_quote(tokens: list[str], counts: Counter, distinct: frozenset[str], item: _Open) -> bool:
    """Whether a quote's words are one quote with a merged quote's first wording: ``SAME_QUOTE`` of the shorter
    one's words in the other."""
    if not tokens or not item.tokens:
        return False
    shortest = min(len(tokens), len(item.tokens))
    # The shared count is at most the shared distinct words plus the fewer repeated words of the two; below the
    # share on that bound the counts need not be compared.
    repeats = min(len(tokens) - len(distinct), len(item.tokens) - len(item.distinct))
    if (len(distinct & item.distinct) + repeats) / shortest < SAME_QUOTE:
        return False
    return _shared(counts, item.counts) / shortest >= SAME_QUOTE


def merge_quotes(quotes: Sequence[Quote], key: Callable[[Quote], str] = _key) -> list[MergedQuote]:
    """Quotes of one speaker (or of unknown speakers) merged across articles, in first-seen order; ``key`` tells
    who said a quote."""
    merged: list[_Open] = []
    by_key: dict[str, list[_Open]] = {}  # a quote only joins a merged quote of its speaker, the first that fits
    for quote in quotes:
        tokens = words(quote.text)
        counts = Counter(tokens)
        distinct = frozenset(counts)
        same_speaker = by_key.setdefault(key(quote), [])
        target = next((item for item in same_speaker if _same_quote(tokens, counts, distinct, item)), None)
        if target is None:
            target = _Open(tokens, counts, distinct, MergedQuote(quote.direct, []))
            merged.append(target)
            same_speaker.append(target)
        target.merged.direct = target.merged.direct or quote.direct
        wording_key = letters_and_digits(quote.text)
        at = next((n for n, seen in enumerate(target.wording_keys) if seen == wording_key), None)
        if at is None:
            target.merged.wordings.append(Wording(quote.text))
            target.wording_keys.append(wording_key)
            at = len(target.wording_keys) - 1
        wording = target.merged.wordings[at]
        if _glued(quote.text) < _glued(wording.text):  # the same words, shown as the copy that kept its spaces
            wording.text = quote.text
        if quote.article_id not in wording.article_ids:
            wording.article_ids.append(quote.article_id)
        wording.quotes.append(quote)
    return [item.merged for item in merged]


def order_quotes(quotes: Sequence[Quote], articles: Sequence[Article]) -> list[Quote]:
    """Quotes of the event's main news first: carried by more articles, and in words the event's articles share."""
    if not quotes:
        return []
    document_frequency: Counter = Counter()
    for article in articles:
        document_frequency.update(stem_set(article.text))
    merged = merge_quotes(quotes, speaker_keys(quotes))
    for item in merged:
        stems = set(content_stems(item.text))
        share = sum(document_frequency[s] for s in stems) / (len(stems) * max(len(articles), 1)) if stems else 0.0
        first = min(q.sentence_index for w in item.wordings for q in w.quotes)
        named = 1.0 if any(q.speaker_name for w in item.wordings for q in w.quotes) else 0.0
        item.score = len(item.article_ids) + share + 0.5 * named + 0.5 / (1 + first)
    ranked = sorted(enumerate(merged), key=lambda pair: (-pair[1].score, pair[0]))
    return [q for _, item in ranked for w in item.wordings for q in w.quotes]


# Subjects of a cue that name no one: "there was nothing to suggest ...".
_NO_ONE = frozenset({"nothing", "nobody", "none", "no one", "noone"})
_RELATIVE_OPENERS = frozenset({"which", "who", "whom", "whose"})


def is_speech(quote: Quote) -> bool:
    """Words someone said: a quotation, or reported speech with a verb of saying and a few words of content that
    stand alone (not a relative clause's tail, not a span that still holds its own speaker)."""
    if (quote.speaker or "").lower() in _NO_ONE:
        return False
    if quote.direct:
        return True
    lemma = "according to" if quote.cue == "according to" else cue_lemma(quote.cue or "")
    content = words(quote.text)
    if not (lemma == "according to" or lemma in SPEECH_VERBS) or len(content) < 4:
        return False
    if content[0] in _RELATIVE_OPENERS:
        return False
    speaker = words(quote.speaker or "")
    return not speaker or not _holds(content, speaker)


def not_said(quote: Quote, text: str | None) -> bool:
    """Whether reported words follow a denied cue in the article's ``text``: "did not say", "has not said whether",
    "never said", "declined to say", "has yet to say" (attributed, but nothing the speaker said)."""
    if quote.direct or text is None or quote.start is None or not quote.cue:
        return False
    before = _COMPLEMENTISER.sub("", text[max(0, quote.start - 80) : quote.start].rstrip(' ,:“"'))
    if not before.lower().endswith(quote.cue.lower()):
        return False
    return bool(_DENIED.search(before[: len(before) - len(quote.cue)]))


# What may stand between the cue and the reported words, left out of them: "has not said whether it will ...".
_COMPLEMENTISER = re.compile(r"\s+(?:whether|if|that)$", re.IGNORECASE)
# What turns a cue just before the reported words into words not said, an adverb perhaps between ("did not
# immediately say").
_DENIED = re.compile(
    r"(?:(?:\bnot|n['’]t|\bnever)(?:\s+\w+ly)?|\b(?:(?:declin|refus)(?:e|es|ed|ing)|yet)\s+to)\s+$", re.IGNORECASE
)


def _sourced_spans(quotes: Sequence[Quote]) -> dict[str, list[tuple[int, int]]]:
    """The spans of the words each article gives "according to" someone, by article id."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for quote in quotes:
        if quote.cue == "according to" and quote.start is not None and quote.end is not None:
            spans.setdefault(quote.article_id, []).append((quote.start, quote.end))
    return spans


def _inside_sourced(quote: Quote, sourced: Mapping[str, list[tuple[int, int]]]) -> bool:
    """Whether words are attributed again inside words the article gives "according to" someone: the same words,
    or words of a speaker left unnamed ("Tests confirmed the crack has not spread, according to the council" is
    what the council reports). A named person's words inside another's report keep their own entry."""
    if quote.cue == "according to" or quote.start is None or quote.end is None:
        return False
    for start, end in sourced.get(quote.article_id, ()):
        if (start, end) == (quote.start, quote.end) or (
            quote.speaker_name is None and start <= quote.start and quote.end <= end
        ):
            return True
    return False


def reported_text(quote: Quote, text: str, article_text: str | None = None) -> str:
    """Reported words as a reader takes them: what a verb of stance governs keeps its verb ("accused Canada of being
    uncooperative", not "Canada of being uncooperative"); a reported clause stands alone; a request keeps its verb
    and whom it was made of, read from the ``article_text`` ("asked drivers to avoid the centre", not "to avoid
    the centre")."""
    if quote.direct or not quote.cue:
        return text
    if text.lower().startswith("to "):
        return _request(quote, text, article_text) or text
    lemma = cue_lemma(quote.cue)
    return f"{quote.cue.lower()} {text}" if lemma in STANCE_VERBS and lemma not in _CLAUSE_VERBS else text


def _request(quote: Quote, text: str, article_text: str | None) -> str | None:
    """ "asked drivers to avoid the centre" when the article writes the cue and at most a few words of its listener
    right before the words ``text`` (which open with "to"); None otherwise."""
    if article_text is None or quote.start is None:
        return None
    before = article_text[max(0, quote.start - 60) : quote.start]
    # the cue, then one to four words of its listener: "asked drivers ", "urged the city's residents "
    found = re.search(rf"\b{re.escape(quote.cue)} ((?:[\w'’-]+ ){{0,3}}[\w'’-]+) $", before, re.IGNORECASE)
    return f"{quote.cue.lower()} {found.group(1)} {text}" if found else None


# Stance verbs that mostly report a clause ("promised that ...", "a poll shows the plan ..."), which reads alone.
_CLAUSE_VERBS = frozenset({"promise", "pledge", "vow", "show", "find"})
_MARKS = '"“”«»„‟'


def partly_quoted(quote: Quote, article_text: str | None) -> str | None:
    """Reported words that hold a quotation (she was "pleased with the progress"), as the article gives them with
    their quotation marks made typographic; None for a whole quotation, reported speech, or an unknown text."""
    if not quote.direct or not article_text or quote.start is None or quote.end is None:
        return None
    if article_text[: quote.start].rstrip()[-1:] in _MARKS:
        return None  # the content starts right after its opening mark: a whole quotation
    span = " ".join(article_text[quote.start : quote.end].split())
    if not any(mark in span for mark in _MARKS):
        return None
    pieces, opened = [], False
    for char in span:
        if char == '"':
            char = "”" if opened else "“"
        if char in "“«„‟":
            opened = True
        elif char in "”»":
            opened = False
        pieces.append(char)
    return "".join(pieces) + ("”" if opened else "")


def _holds(sequence: list[str], part: list[str]) -> bool:
    return any(sequence[i : i + len(part)] == part for i in range(len(sequence) - len(part) + 1))


def shown_role(name: str | None, role: str | None) -> str | None:
    """The role printed beside a speaker: none that only repeats the name ("Traders on the eastern bank") or that
    is cut off before its object ("calculations by")."""
    if not role:
        return None
    role_words, name_words = words(role), words(name or "")
    if not role_words or role_words[-1] in _DANGLING:
        return None
    meaningful = [w for w in role_words if w not in _DETERMINERS]
    if meaningful == [w for w in name_words if w not in _DETERMINERS]:
        return None
    return role


_DANGLING = frozenset({"by", "of", "for", "at", "with", "from", "in", "on", "to", "the", "a", "an", "and"})
_DETERMINERS = frozenset({"the", "a", "an"})


def by_speaker(
    quotes: Sequence[Quote], *, speech_only: bool = True, texts: Mapping[str, str] | None = None
) -> list[SpeakerQuotes]:
    """Each speaker once, in the order their first quote comes; their quotes merged across articles.

    ``speech_only`` leaves out attributed beliefs and stances ("wants to ...", "praised ..."), words attributed
    again inside words given "according to" someone (``_inside_sourced``), and, with the articles' ``texts`` (by
    id), what a speaker did not say ("It did not say how much stock was lost").
    """
    key = speaker_keys(quotes)
    sourced = _sourced_spans(quotes)
    groups: dict[str, list[Quote]] = {}
    for quote in quotes:
        text = texts.get(quote.article_id) if texts is not None else None
        if speech_only and (not is_speech(quote) or not_said(quote, text) or _inside_sourced(quote, sourced)):
            continue
        groups.setdefault(key(quote), []).append(quote)
    result = []
    for group in groups.values():
        name = next((q.speaker_name for q in group if q.speaker_name), None)
        # a body's role ("council") is not shown beside the name its quotes were given ("Harrowgate City Council")
        role = next((q.speaker_role for q in group if q.speaker_role and (q.speaker_name or name is None)), None)
        if name is None:  # unnamed: the article's words, opening a line of their own ("Officials", not "officials")
            name = next((q.speaker for q in group if q.speaker), None)
            role = None if role and name and role.lower() in name.lower() else role
            name = name[:1].upper() + name[1:] if name else name
        result.append(SpeakerQuotes(name, shown_role(name, role), merge_quotes(group, key)))
    return result
