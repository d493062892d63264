"""Direct and reported speech of one article, found on the parse of only the sentences that can hold any.

A sentence is parsed when it holds a quotation mark or a cue (``text.cues``); sentences that a quotation runs
across are parsed together as one unit. In a unit, each cue verb outside the quotation marks gives its subject as
the speaker, and as the content either the unit's full quotations (all of them, so "“A,” he said, “B.”" is one
quote) or its complement clause ("X said (that) ...", "according to X, ..."). A quotation without a cue of its own
takes the speaker of a following "he said." or, when it opens its paragraph, of the quote just before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.quotes.content import Pieces, char_span, cue_content
from storyline.quotes.framing import (
    headline_said,
    label_before,
    labelled,
    named_after,
    named_before,
    said_before,
    signed,
)
from storyline.quotes.marks import QuoteSpan, curly_doubled_marks
from storyline.quotes.mentions import Mention, named_mentions
from storyline.quotes.parses import ParseStore, parse_units
from storyline.quotes.screen import QUOTE_CUE_FORMS, cue_tokens, ends_with_cue, needs_parse, needs_syntax
from storyline.quotes.subjects import described, hyphen_start, participle, subject
from storyline.quotes.units import Unit, units
from storyline.text.cues import SPEECH_VERBS

# A quotation this short inside a sentence is a phrase being quoted, not a quote of its own.
MIN_FREE_QUOTE_WORDS = 5
# One word that joins a content to the cue before it; "that if ..." keeps its "if", "whether or not" is kept whole.
_LEADING = re.compile(
    r"^[\s,:;\-–—\"“”']*(?:(?:that|if)\b|whether\b(?!\s+or\s+not\b))?[\s,:;\-–—\"“”']*", re.IGNORECASE
)
_PUNCTUATION = re.compile(r"^[\s,:;\-–—\"“”']+")
_MARKS = " \t\n\"“”'‘’"
_TRAILING = re.compile(r"[\s,:;.\-–—\"“”']+$")
_WORD = re.compile(r"\w+")
_DOUBLE_MARK = re.compile(r"[\"“”«»„‟]")
# "OTTAWA (AFP) – ", "WASHINGTON — " before the first sentence; the sentence splitter may have cut "RENO, Nev." off.
_DATELINE = re.compile(r"(?:[\w .,']{0,40}\([A-Z][\w ]{1,40}\)|[A-Z][A-Z .,']{2,30}[A-Z])\s*[-–—:]\s*")


@dataclass(slots=True)
class Found:
    """One attribution found in an article; offsets are into ``Article.text``."""

    start: int
    end: int
    text: str
    direct: bool
    cue: str | None
    speaker: tuple[int, int] | None
    sentence_index: int
    paragraph: int
    # The speaker's phrase with the participle or relative clause that says who is meant ("people living in
    # Pellham", "councillors who voted against"): what names an unnamed speaker. It belongs to a speaker that starts
    # where it starts.
    described: tuple[int, int] | None = None


@dataclass(slots=True)
class Parsed:
    """What the parser found in one article: attributions, named mentions and the roles given to names."""

    found: list[Found] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    roles: list[tuple[int, int, str]] = field(default_factory=list)  # name start, name end, role text
    headline: list[Found] = field(default_factory=list)  # attributions of the title, offsets into the title


def extract_parsed(text: str, paragraphs: list[tuple[int, int]] | None, nlp) -> Parsed:
    """Attributions, mentions and roles of one article text."""
    return extract_many([(text, paragraphs)], nlp)[0]


def extract_many(
    items: list[tuple[str, list[tuple[int, int]] | None]],
    nlp,
    *,
    batch_size: int = 256,
    n_process: int = 1,
    store: ParseStore | None = None,
    titles: list[str] | None = None,
) -> list[Parsed]:
    """``extract_parsed`` over many texts, parsing their selected units in one stream; the attributions of each
    text's title, when ``titles`` are given, go to its ``Parsed.headline``.

    The parser sees the selected units, each distinct text once (``store`` keeps parses across calls); the entity
    recogniser (half of spaCy's cost) sees only short windows around the proper nouns the tagger found in them.
    """
    count = len(items)
    items = items + [(title or "", None) for title in titles or ()]
    originals = [text for text, _ in items]
    items = [(curly_doubled_marks(text), paragraphs) for text, paragraphs in items]
    plans = []
    for text, paragraphs in items:
        plans.append([unit for unit in units(text, paragraphs) if needs_parse(text, unit)])
        for unit in plans[-1]:
            unit.parse = needs_syntax(text, unit)
    requests = [
        ((i, k), _masked(items[i][0], unit), unit)
        for i, plan in enumerate(plans)
        for k, unit in enumerate(plan)
        if unit.parse
    ]
    docs: list[list] = [[None] * len(plan) for plan in plans]
    for (i, k), doc in parse_units(nlp, requests, store or ParseStore(), batch_size=batch_size, n_process=n_process):
        docs[i][k] = doc
    results = [_article(items[i][0], plans[i], docs[i]) for i in range(len(items))]
    for original, result in zip(originals, results):
        _direct_by_double_marks(original, result.found)
    for i, title in enumerate(results[count:]):
        results[i].headline = _headline_found(originals[count + i], title.found)
    return results[:count]


def _headline_found(title: str, found: list[Found]) -> list[Found]:
    """The attributions of a title: those of its parse, or one it gives as "Speaker: what was said"."""
    said = headline_said(title) if not found else None
    if said is None:
        return found
    speaker, (start, end) = said
    direct = bool(_DOUBLE_MARK.search(title, max(0, start - 1), end + 1))
    return [Found(start, end, title[start:end], direct, ":", speaker, 0, 0)]


def _direct_by_double_marks(original: str, found: list[Found]) -> None:
    """A quote is flagged direct when it holds a double quotation mark of the article's own text: words in doubled
    apostrophes are read as quotations (their boundaries, the cue outside them) but keep the flag of reported
    speech, as the benchmark's annotation reads them."""
    for item in found:
        if item.direct and not _DOUBLE_MARK.search(original, max(0, item.start - 1), item.end + 1):
            item.direct = False


def _masked(text: str, unit: Unit) -> str:
    """The unit's text with the words of its full quotations and of a leading dateline blanked (offsets kept): the
    parser needs the sentence around a quotation, not the quotation, and a run of spaces is a single token."""
    pieces, at = [], unit.start
    dateline = _DATELINE.match(text, unit.start, unit.end)
    if dateline:  # "MACAU (Reuters) – Adelson said": the agency is not the subject
        pieces.append(" " * (dateline.end() - unit.start))
        at = dateline.end()
    for quote in unit.quotes:
        if quote.start < at:
            continue
        inner = text[quote.start : quote.end]
        if len(_WORD.findall(inner)) < 6 or not _is_full(text, unit, quote):
            continue
        last = inner.rstrip()[-1:] if inner.rstrip()[-1:] in ",.?!" else ""
        pieces += [text[at : quote.start], "Quote" + " " * (len(inner) - 5 - len(last)) + last]
        at = quote.end
    pieces.append(text[at : unit.end])
    return "".join(pieces)


def _article(text: str, plan: list[Unit], docs: list) -> Parsed:
    parsed = Parsed()
    pending: list[Found] = []  # quotations still waiting for a speaker, in this paragraph
    last_direct: Found | None = None  # the quote a following quotation without a cue goes on
    announced = None  # (speaker, cue, paragraph) of "X said:" with the quotation still to come
    said_just_before = None  # (speaker, cue) of the unit just before in this paragraph: its first attribution
    last_paragraph = -1
    for unit, doc in zip(plan, docs):
        if unit.paragraph != last_paragraph:
            pending = []
            said_just_before = None
            if last_direct and last_direct.paragraph < unit.paragraph - 1:
                last_direct = None
        if doc is not None:
            mentions, roles = named_mentions(doc, unit.start)
            parsed.mentions += mentions
            parsed.roles += roles
        found, free, speakerless = _analyse(text, unit, doc)
        lone_cue = None
        if speakerless is not None:
            if text[: unit.end].rstrip().endswith(":"):
                announced = (*speakerless, unit.paragraph)
            elif pending:  # “...” followed by "he said." in its own sentence
                for item in pending:
                    item.speaker, item.cue = speakerless
                last_direct, pending = pending[-1], []
            else:  # "Ada Lund agreed." before a quotation of its own
                lone_cue = speakerless
        for item in free:
            opens_paragraph = not text[_paragraph_start(text, unit.start) : item.start - 1].strip()
            if announced and announced[2] >= unit.paragraph - 1:
                item.speaker, item.cue = announced[0], announced[1]
                announced = None
            elif last_direct is not None and (last_direct.paragraph == unit.paragraph or opens_paragraph):
                last_direct.text = join_quoted([last_direct.text, item.text])  # the same speaker goes on
                last_direct.end = item.end
                last_direct.paragraph = unit.paragraph
                continue
            elif said_just_before is not None and _whole_unit(text, unit, item):
                item.speaker, item.cue = said_just_before  # "X says she ... “...”", "X agreed. “...”"
            else:
                pending.append(item)
            found.append(item)
        parsed.found += found
        said = [(item.speaker, item.cue) for item in sorted(found, key=lambda item: item.start) if item.speaker]
        said_just_before = said[0] if said else lone_cue  # the main clause's, not one inside it ("..., which X said")
        if found:  # a quotation that follows goes on the last quote, not on "noting that ..." said after it
            quoted = [item for item in found if item.direct and item.speaker and item.text]
            last_direct = quoted[-1] if quoted else None
        last_paragraph = unit.paragraph
    return parsed


def _whole_unit(text: str, unit: Unit, item: Found) -> bool:
    """Whether a quotation is all its sentence holds: nothing before its opening mark or after its closing one."""
    return not text[unit.start : item.start - 1].strip() and not text[item.end + 1 : unit.end].strip(" .,\"”’'\n")


def _paragraph_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def _paragraph_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _analyse(text: str, unit: Unit, doc) -> tuple[list[Found], list[Found], tuple | None]:
    """Attributions of one unit, its quotations with no speaker, and a lone "he said" with no content."""
    offset = unit.start

    def in_quote(token) -> bool:
        at = offset + token.idx
        return any(q.start <= at < q.end for q in unit.quotes)

    full = [q for q in unit.quotes if _is_full(text, unit, q)]
    found: list[Found] = []
    speakerless = None
    full_taken = False
    labelled_quotes = _by_label(text, unit, full)
    if labelled_quotes:
        found += labelled_quotes
        full_taken = True
    cues = []
    for token in cue_tokens(doc):
        if in_quote(token):
            continue
        cue, speaker = _cue(doc, token)
        if cue is None:
            continue
        if speaker is not None and in_quote(speaker):  # the parser took the quotation for the subject
            speaker = _name_before(doc, token, in_quote)
        cues.append((token, cue, speaker))
    framing = _framing(cues, full, offset) if full and not full_taken else None
    by_cue: list[tuple[Found, object]] = []
    for token, cue, speaker in cues:
        speaker_span = _span_offsets(speaker, offset) if speaker is not None else None
        if token is framing:
            by_cue.append((_quote_found(text, unit, full, cue, speaker_span), token))
            by_cue[-1][0].described = described(speaker, offset, speaker_span, token)
            full_taken = True
            continue
        content = cue_content(doc, token, cue)
        if content is None:
            if speaker_span and speakerless is None and not full and not unit.quotes:
                speakerless = (speaker_span, cue)
            continue
        pieces = [(offset + a, offset + b) for a, b in content]
        start, end = pieces[0][0], pieces[-1][1]
        if full and any(start < q.end and q.start < end for q in full) and (labelled_quotes or not full_taken):
            continue
        if speaker is None:
            continue
        by_cue.append((_make(text, unit, pieces, cue, speaker_span), token))
        by_cue[-1][0].described = described(speaker, offset, speaker_span, token)
    found += [item for item, token in by_cue if not _inside_reported(item, token, by_cue, offset)]
    if full and not full_taken:
        mark = full[0].start - 1
        named = named_after(text, _paragraph_end(text, unit.end), full)
        named = named or said_before(text, unit.start, mark) or named_before(text, unit.start, mark)
        colon = text[unit.start : full[0].start - 1].rstrip().endswith(":")
        if named is None and colon and doc is not None:  # "Trump leaned in and boomed: “...”"
            named = _announcer(doc, offset, full[0].start - 1 - offset)
        if named is not None:
            found.append(_quote_found(text, unit, full, named[1], named[0]))
            full_taken = True
    announces = not unit.quotes and text[unit.start : unit.end].rstrip().endswith(":")
    if speakerless is None and announces:
        speakerless = said_before(text, unit.start, unit.end)
        if doc is not None and speakerless is None:
            speakerless = _announcer(doc, offset)
    free = []
    quoted_words = len(_WORD.findall(" ".join(text[q.start : q.end] for q in full)))
    if full and not full_taken and quoted_words >= MIN_FREE_QUOTE_WORDS:
        item = _quote_found(text, unit, full, None, None)
        if not labelled(text, item) and not signed(text, item, full[-1]):
            free.append(item)
        else:
            found.append(item)
    return found, free, speakerless


def _framing(cues: list, full: list[QuoteSpan], offset: int):
    """The cue token, of those with a speaker, nearest to the unit's full quotations: "A woman asked for a photo and
    Clinton said, “...”" is Clinton's."""

    first = full[0]

    def distance(token) -> int:
        at = offset + token.idx
        return min(abs(at - (first.start - 1)), abs(at - (first.end + 1)))

    spoken = [token for token, _, speaker in cues if speaker is not None]
    speech = [
        token for token in spoken if QUOTE_CUE_FORMS.get(token.lower_) in SPEECH_VERBS or token.lower_ == "according"
    ]
    named = [token for token, _, speaker in cues if token in speech and speaker.tag_ in ("NNP", "NNPS", "PRP")]
    return min(named or speech or spoken, key=distance) if spoken else None


def _by_label(text: str, unit: Unit, full: list[QuoteSpan]) -> list[Found]:
    """Quotations each given to the name labelling it ("Clinton: “...” Bush: “...”"); a quotation with no label of
    its own goes on the one before. None unless the first is labelled."""
    runs: list[tuple[tuple[int, int], list[QuoteSpan]]] = []
    for index, quote in enumerate(full):
        label = label_before(text, unit.start if index == 0 else full[index - 1].end + 1, quote.start - 1)
        if label is not None:
            runs.append((label, [quote]))
        elif runs:
            runs[-1][1].append(quote)
        else:
            return []
    return [_quote_found(text, unit, quotes, ":", label) for label, quotes in runs]


def _name_before(doc, verb, in_quote):
    """'“...,” Quillon, 58, told': the first name or pronoun between the quotation and the verb."""
    for token in doc[: verb.i]:
        if in_quote(token) or token.tag_ not in ("NNP", "NNPS", "PRP"):
            continue
        while token.head.i < verb.i and token.head.tag_ in ("NNP", "NNPS") and token.dep_ == "compound":
            token = token.head
        return token
    return None


def _announcer(doc, offset: int, before: int | None = None) -> tuple | None:
    """ "Cruz called them on it:" before a quotation: the subject of the sentence's main verb is its speaker."""
    roots = [
        token
        for token in doc
        if token.dep_ == "ROOT" and token.tag_.startswith("VB") and (before is None or token.idx < before)
    ]
    speaker = subject(roots[-1]) if roots else None
    if speaker is None or speaker.lower_ in ("it", "this", "that", "there"):
        return None
    return _span_offsets(speaker, offset), roots[-1].text


def _cue(doc, token):
    """``(cue text, speaker token)`` when ``token`` is a cue with a subject; the speaker may be None."""
    lower = token.lower_
    if lower == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
        objects = [child for child in doc[token.i + 1].children if child.dep_ == "pobj"]
        return "according to", (objects[0] if objects else None)
    if not token.tag_.startswith("VB") or lower not in QUOTE_CUE_FORMS or token.dep_ in ("amod", "acomp"):
        return None, None
    if participle(token) and token.tag_ != "VBG":  # "residents opposed to it"; "a memo saying that ..." reports
        return None, None
    return token.text, subject(token)


def _span_offsets(token, offset: int) -> tuple[int, int]:
    """The speaker's noun phrase, without relative clauses, an age ("Quillon, 58") or trailing punctuation."""
    first, last = hyphen_start(token), token.right_edge.i
    for child in token.children:
        if child.i > token.i and (child.dep_ in ("relcl", "acl") or (child.dep_ == "appos" and child.tag_ == "CD")):
            last = min(last, child.left_edge.i - 1)
    doc = token.doc
    while last > first and (doc[last].is_punct or doc[last].dep_ in ("advmod", "cc")):
        last -= 1
    while first < last and (doc[first].is_punct or doc[first].is_space or doc[first].dep_ in ("advmod", "cc")):
        first += 1
    start, end = char_span(doc, first, last)
    return offset + start, offset + end


def _is_full(text: str, unit: Unit, quote: QuoteSpan) -> bool:
    """A quotation that stands as what someone said, not a phrase quoted inside a sentence."""
    before = text[unit.start : quote.start - 1].rstrip()
    inner = text[quote.start : quote.end].strip()
    after = text[quote.end + 1 : unit.end].lstrip()
    if not inner:
        return False
    opens = not before or before[-1] in ",:;—–-.?!" or ends_with_cue(before)
    ends = inner[-1] in ",.?!…—-" or not quote.closed or not after or after[0] in ",.;:—–-"
    return opens and (ends or inner[0].isupper())


def _quote_found(text: str, unit: Unit, full: list[QuoteSpan], cue, speaker) -> Found:
    content = join_quoted([text[q.start : q.end] for q in full])
    return Found(full[0].start, full[-1].end, content, True, cue, speaker, unit.sentence_index, unit.paragraph)


def join_quoted(pieces: list[str]) -> str:
    """The words of one quotation interrupted by its attribution, as a reader would quote them.

    A piece's closing comma or dash belongs to the interruption: '"The bridge," she said, "will stay shut"' reads
    "The bridge will stay shut", and '"We lost," he said. "We will appeal."' reads "We lost. We will appeal".
    """
    joined = ""
    for piece in pieces:
        piece = _TRAILING.sub("", piece.strip())
        if not piece:
            continue
        if joined:
            ends_sentence = joined[-1] in ".?!…"
            joined += (" " if ends_sentence or not piece[0].isupper() else ". ") + piece
        else:
            joined = piece
    return joined


def _inside_reported(item: Found, token, by_cue: list[tuple[Found, object]], offset: int) -> bool:
    """Whether a belief or stance lies inside what a speech cue of the unit reports: in "Rubio said he supports the
    bill", what Rubio supports is part of what he said, not an attribution of its own."""
    if token.lower_ == "according" or QUOTE_CUE_FORMS.get(token.lower_) in SPEECH_VERBS:
        return False
    at = offset + token.idx
    return any(
        other is not item
        and other.start <= at < other.end
        and (other_token.lower_ == "according" or QUOTE_CUE_FORMS.get(other_token.lower_) in SPEECH_VERBS)
        for other, other_token in by_cue
    )


def _make(text: str, unit: Unit, pieces: Pieces, cue: str, speaker) -> Found:
    """The attribution whose content is ``pieces`` (offsets in the text), cut to whole quotations and words."""
    start, end = pieces[0][0], pieces[-1][1]
    for quote in unit.quotes:  # a content that ends (or starts) inside a quotation takes all of it
        if quote.start < end < quote.end:
            end = quote.end
        if quote.start < start < quote.end:
            start = quote.start
    raw = text[start:end]
    # "said that ...", "asked whether ...": a word that joins the content to a cue before it. A content that opens
    # its sentence ("If we win, I think ..., Hunter said") keeps its first word.
    before = text[unit.start : start].strip(_MARKS)
    opens = not before or bool(_DATELINE.fullmatch(text, unit.start, start))
    lead = (_PUNCTUATION if opens else _LEADING).match(raw)
    if lead:
        start += lead.end()
    trail = _TRAILING.search(text[start:end])
    if trail:
        end = start + trail.start()
    dateline = _DATELINE.match(text, start, end)
    if dateline:
        start = dateline.end()
    direct = any(start <= q.start and q.end <= end + 1 for q in unit.quotes)
    inner = [(max(a, start), min(b, end)) for a, b in pieces]
    content = " ".join(_TRAILING.sub("", text[a:b]) for a, b in inner if a < b)
    content = re.sub(r"[\"“”«»„‟]", "", content)
    return Found(
        start, end, re.sub(r"\s+", " ", content).strip(), direct, cue, speaker, unit.sentence_index, unit.paragraph
    )
