"""Turn what a reader found (raw text and metadata) into a clean ``Article``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlparse

import xxhash

from storyline.ingest.clean import clean_text, normalise
from storyline.ingest.dates import MAX_DATE_LINE, date_from_identifier, date_from_line, has_year, parse_date
from storyline.ingest.outlets import outlet_from_id, outlet_from_url, own_name, wire_credit, wire_of
from storyline.model import Article
from storyline.safety import scrub
from storyline.text import split_sentences
from storyline.text.language import detect_language
from storyline.title_case import from_capitals
from storyline.titles import is_headline, lead_sentence, short_title

HASH_SEED = 20180131


@dataclass(slots=True)
class RawArticle:
    """What a reader extracted, before cleaning. ``published`` is as the source wrote it."""

    text: str
    id: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    date_source: str | None = None  # where ``published`` came from: field, feed, html, crawl
    author: str | None = None
    language: str | None = None
    source_path: str | None = None
    fallback_id: str | None = None  # used when neither an id nor a URL names the article
    find_headline: bool = False  # plain text: the first line may be the headline


_FORMAT_SUFFIXES = (
    ".gz",
    ".warc",
    ".arc",
    ".txt",
    ".md",
    ".markdown",
    ".html",
    ".htm",
    ".json",
    ".jsonl",
    ".xml",
    ".rss",
    ".atom",
)


def source_stem(name: str) -> str:
    """A file's name without folders and format suffixes: the base of ids for articles that name none."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    for suffix in _FORMAT_SUFFIXES:
        base = base.removesuffix(suffix)
    return base or "article"


def content_hash(text: str) -> str:
    """Hash of cleaned text (spacing and quote style are already normalised), blind to case."""
    return xxhash.xxh3_64_hexdigest(text.lower().encode("utf-8"), seed=HASH_SEED)


def assemble(raw: RawArticle) -> Article | None:
    """Clean ``raw`` into an Article; None when no text is left."""
    cleaned = clean_text(scrub(raw.text))
    text, paragraphs = cleaned.text, cleaned.paragraphs
    title = _clean_field(raw.title)
    if title and not is_headline(title, given=True):
        # A headline in capitals is cased as the text writes its words; a URL, a credit or a cut lead is none.
        title = from_capitals(title, text)
        if title and not is_headline(title, given=True):
            title = None
    title_source = "metadata" if title else None
    header = _scraped_header(text, paragraphs)
    url = _clean_field(raw.url) or header.url
    scraped = bool(header.drop)
    if header.drop:
        text, paragraphs = _drop_paragraphs(text, paragraphs, header.drop)
        header.drop = []  # dropped: the indices no longer point at header lines
    if (raw.find_headline or scraped) and not title and len(paragraphs) > 1:
        first = text[paragraphs[0][0] : paragraphs[0][1]]
        first, written_date = _trailing_date(first)
        first = first.lstrip("#").strip()
        if _reads_as_headline(first) and not is_headline(first):
            first = from_capitals(first, text[paragraphs[0][1] :]) or first
        if _reads_as_headline(first) and is_headline(first):
            title, title_source = first, "headline"
            text, paragraphs = _drop_first_paragraph(text, paragraphs)
            header.published = header.published or written_date
        header = header if header.published else _scraped_header(text, paragraphs, date_only=True)
        if header.drop and header.published:
            text, paragraphs = _drop_paragraphs(text, paragraphs, header.drop)
    elif title and paragraphs and _same_words(text[paragraphs[0][0] : paragraphs[0][1]], title):
        text, paragraphs = _drop_first_paragraph(text, paragraphs)  # pages repeat their headline in the body
    if not text.strip():
        return None
    if not header.published:  # a time stamp that cleaning joined to an opening line
        header.published = next(filter(None, (_stamped_date(text[a:b]) for a, b in paragraphs[:2])), None)
    if not title and _has_paragraph_blocks(raw.text):
        title, title_source = _lead_title(text), "lead"

    published, date_source = _choose_date(raw, cleaned.dateline_date, cleaned.lead_date, header.published)
    language = (raw.language or "").split("-")[0].lower() or detect_language(text)
    outlet = (
        _clean_field(raw.outlet)
        or cleaned.byline_outlet
        or outlet_from_url(url)
        or outlet_from_id(raw.id or raw.fallback_id)
        or wire_credit(raw.text)  # the wire, looked for only when nothing names the outlet
        or wire_of(raw.outlet)
        or wire_of(cleaned.byline_outlet)
        or own_name(raw.text)
    )
    return Article(
        id=_choose_id(raw),
        text=text,
        title=title,
        title_source=title_source,
        outlet=outlet,
        url=url,
        published=published,
        date_source=date_source,
        author=_clean_field(raw.author) or cleaned.byline_author,
        language=language or None,
        source_path=raw.source_path,
        paragraphs=paragraphs,
        content_hash=content_hash(text),
    )


@dataclass(slots=True)
class _Header:
    url: str | None = None
    published: str | None = None
    drop: list[int] | None = None  # indices of paragraphs that are header lines, not body


_URL_LINE = re.compile(r"^(?:https?\s*:\s*/\s*/|www\s*\.)\S*(?:\s+\S+){0,60}$", re.IGNORECASE)


def _scraped_header(text: str, paragraphs: list[tuple[int, int]], *, date_only: bool = False) -> _Header:
    """URL and date lines among a scraped text's first lines, and a date line among its last ones."""
    header = _Header(drop=[])
    near = list(range(min(4, len(paragraphs)))) + list(range(max(4, len(paragraphs) - 2), len(paragraphs)))
    for index in near:
        line = text[paragraphs[index][0] : paragraphs[index][1]]
        if not date_only and index < 4 and header.url is None and len(line) < 400 and _URL_LINE.match(line):
            header.url = re.sub(r"\s+", "", line)
            header.drop.append(index)
        elif header.published is None and (when := date_from_line(line)):
            header.published = when
            header.drop.append(index)
    if len(header.drop) >= len(paragraphs):
        return _Header()
    return header


def _trailing_date(line: str) -> tuple[str, str | None]:
    """A headline and the date line that cleaning joined to it ("Pilot lands safely on February 4 , 2009")."""
    if not has_year(line):  # every date line holds a year: most lines need no look at their last words
        return line, None
    words = line.split()
    longest = min(12, len(words) - 2)
    # Tails that hold no year, or that are longer than a date line can be, are no date lines.
    year_at = next((size for size in range(1, longest + 1) if has_year(words[-size])), longest + 1)
    for size in range(longest, max(year_at, 3) - 1, -1):
        if sum(map(len, words[-size:])) + size - 1 > MAX_DATE_LINE:
            continue
        when = date_from_line(" ".join(words[-size:]))
        if when:
            return " ".join(words[:-size]), when
    return line, None


def _stamped_date(line: str) -> str | None:
    """The date of a time stamp ending ``line`` ("... raps updated 12 / 19 / 2005 2 : 48 : 40 PM ET"): a date line
    that gives a clock time or opens with "updated", "published" or "posted", so a sentence ending on a date
    ("... will vote on March 14, 2013.") is not taken for one."""
    if not has_year(line) or not (_CLOCK.search(line) or _STAMP_WORD.search(line)):
        return None  # no date line without a year; the stamp is the line's tail, with a clock time or a stamp word
    rest, when = _trailing_date(line)
    stamp = line[len(rest) :] if when and line.startswith(rest) else ""
    if when and (_CLOCK.search(stamp) or _STAMP_WORD.match(stamp.strip())):
        return when
    return None


_CLOCK = re.compile(r"\b\d{1,2}\s*[:.]\s*\d{2}\s*(?:[AaPp]\.?[Mm]\b|hrs\b|[A-Z]{2,4}\b|:|\.?\s*$)")
_STAMP_WORD = re.compile(r"(?i)(?:updated|published|posted|released?)\b")


def _drop_paragraphs(
    text: str, paragraphs: list[tuple[int, int]], drop: list[int]
) -> tuple[str, list[tuple[int, int]]]:
    kept = [text[a:b] for k, (a, b) in enumerate(paragraphs) if k not in set(drop)]
    spans, offset = [], 0
    for paragraph in kept:
        spans.append((offset, offset + len(paragraph)))
        offset += len(paragraph) + 2
    return "\n\n".join(kept), spans


def _clean_field(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(item) for item in value if item)
    text = normalise(scrub(str(value), keep_lines=False)).strip()
    return text or None


def _reads_as_headline(line: str) -> bool:
    words = line.split()
    return line.startswith("#") or (
        1 <= len(words) <= 20
        and len(line) <= 160
        and not line.endswith((".", ",", ";", ":"))
        and not line.startswith('"')
    )


def _same_words(a: str, b: str) -> bool:
    return _WORD.findall(a.lower()) == _WORD.findall(b.lower())


_WORD = re.compile(r"\w+")


def _drop_first_paragraph(text: str, paragraphs: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    if len(paragraphs) < 2:
        return "", []
    shift = paragraphs[1][0]
    return text[shift:], [(start - shift, end - shift) for start, end in paragraphs[1:]]


def _has_paragraph_blocks(raw_text: str) -> bool:
    """Prose in blank-line separated paragraphs (as opposed to a one-sentence-per-line corpus file)."""
    return _BLANK_LINE.search(raw_text.strip()) is not None  # stripped: text stands before and after the blank line


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def _lead_title(text: str) -> str:
    """A short title from the first sentence: its main clause, ending at a clause boundary."""
    # No parser at ingest: it would cost every article without a headline; event titles use it where needed.
    return short_title(lead_sentence([text[a:b] for a, b in split_sentences(text)[:4]]), parse=False)


def _choose_date(
    raw: RawArticle, dateline_date: str | None, lead_date: str | None, date_line: str | None = None
) -> tuple[str | None, str | None]:
    """The most reliable date: given by the source, a "Published" line or a date line in the text, an id or file
    name, a lead dateline."""
    given = parse_date(raw.published)
    if given and raw.date_source != "crawl":
        return given, raw.date_source or "field"
    if dateline_date:
        return dateline_date, "dateline"
    if date_line:
        return date_line, "text"
    for value, source in ((raw.id, "id"), (raw.source_path and PurePosixPath(raw.source_path).name, "filename")):
        found = date_from_identifier(value) if value else None
        if found:
            return found, source
    if lead_date:
        return lead_date, "dateline"
    if given:
        return given, raw.date_source
    return None, None


_PAGE_SUFFIX = re.compile(r"\.(s?html?|php|aspx?)$")


def _last_segment(path: str) -> str:
    """``PurePosixPath(path).name`` without building a path: the last part that is neither empty nor "."."""
    return next((part for part in reversed(path.split("/")) if part and part != "."), "")


def _choose_id(raw: RawArticle) -> str:
    given = scrub(str(raw.id), keep_lines=False).strip() if raw.id is not None else ""
    if given:
        return given
    if raw.url:
        slug = _PAGE_SUFFIX.sub("", _last_segment(urlparse(raw.url).path))
        if slug:
            return slug
    return raw.fallback_id or "article"
