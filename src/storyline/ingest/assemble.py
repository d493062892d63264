"""Turn what a reader found (raw text and metadata) into a clean ``Article``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlparse

import xxhash

from storyline.ingest.clean import clean_text, normalise
from storyline.ingest.dates import date_from_identifier, parse_date
from storyline.text.language import detect_language
from storyline.model import Article
from storyline.text import split_sentences

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


_FORMAT_SUFFIXES = (".gz", ".warc", ".arc", ".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".xml",
                    ".rss", ".atom")


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
    cleaned = clean_text(raw.text)
    text, paragraphs = cleaned.text, cleaned.paragraphs
    title = _clean_field(raw.title)
    title_source = "metadata" if title else None
    if raw.find_headline and not title and len(paragraphs) > 1:
        first = text[paragraphs[0][0]:paragraphs[0][1]]
        if _reads_as_headline(first):
            title, title_source = first.lstrip("#").strip(), "headline"
            text, paragraphs = _drop_first_paragraph(text, paragraphs)
    elif title and paragraphs and _same_words(text[paragraphs[0][0]:paragraphs[0][1]], title):
        text, paragraphs = _drop_first_paragraph(text, paragraphs)  # pages repeat their headline in the body
    if not text.strip():
        return None
    if not title and _has_paragraph_blocks(raw.text):
        title, title_source = _lead_title(text), "lead"

    published, date_source = _choose_date(raw, cleaned.dateline_date, cleaned.lead_date)
    language = (raw.language or "").split("-")[0].lower() or detect_language(text)
    return Article(
        id=_choose_id(raw),
        text=text,
        title=title,
        title_source=title_source,
        outlet=_clean_field(raw.outlet) or cleaned.byline_outlet or _outlet_from_url(raw.url),
        url=_clean_field(raw.url),
        published=published,
        date_source=date_source,
        author=_clean_field(raw.author) or cleaned.byline_author,
        language=language or None,
        source_path=raw.source_path,
        paragraphs=paragraphs,
        content_hash=content_hash(text),
    )


def _clean_field(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(item) for item in value if item)
    text = normalise(str(value)).replace("\n", " ").strip()
    return text or None


def _reads_as_headline(line: str) -> bool:
    words = line.split()
    return (
        line.startswith("#")
        or 1 <= len(words) <= 20 and len(line) <= 160 and not line.endswith((".", ",", ";", ":"))
        and not line.startswith('"')
    )


def _same_words(a: str, b: str) -> bool:
    return re.findall(r"\w+", a.lower()) == re.findall(r"\w+", b.lower())


def _drop_first_paragraph(text: str, paragraphs: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    if len(paragraphs) < 2:
        return "", []
    shift = paragraphs[1][0]
    return text[shift:], [(start - shift, end - shift) for start, end in paragraphs[1:]]


def _has_paragraph_blocks(raw_text: str) -> bool:
    """Prose in blank-line separated paragraphs (as opposed to a one-sentence-per-line corpus file)."""
    return bool(re.search(r"\S\s*\n\s*\n\s*\S", raw_text))


def _lead_title(text: str, max_words: int = 14) -> str:
    """A short title from the first sentence: whole when short, else cut at a clause boundary."""
    start, end = split_sentences(text)[0]
    sentence = re.sub(r"^[A-Z][\w .,'-]{0,40}\([^)]{1,20}\)\s*[-–—]\s*", "", text[start:end])  # "Ottawa (AFP) – "
    sentence = sentence.rstrip(".")
    words = sentence.split()
    if len(words) <= max_words:
        return sentence
    for cut in re.finditer(r",| - | – | — |;", sentence):
        if 5 <= len(sentence[:cut.start()].split()) <= max_words:
            return sentence[:cut.start()]
    return " ".join(words[:max_words - 2]) + " …"


def _choose_date(raw: RawArticle, dateline_date: str | None, lead_date: str | None) -> tuple[str | None, str | None]:
    """The most reliable date: given by the source, a "Published" line, an id or file name, a lead dateline."""
    given = parse_date(raw.published)
    if given and raw.date_source != "crawl":
        return given, raw.date_source or "field"
    if dateline_date:
        return dateline_date, "dateline"
    for value, source in ((raw.id, "id"), (raw.source_path and PurePosixPath(raw.source_path).name, "filename")):
        found = date_from_identifier(value) if value else None
        if found:
            return found, source
    if lead_date:
        return lead_date, "dateline"
    if given:
        return given, raw.date_source
    return None, None


def _choose_id(raw: RawArticle) -> str:
    if raw.id and str(raw.id).strip():
        return str(raw.id).strip()
    if raw.url:
        parsed = urlparse(raw.url)
        slug = re.sub(r"\.(s?html?|php|aspx?)$", "", PurePosixPath(parsed.path).name)
        if slug:
            return slug
    return raw.fallback_id or "article"


def _outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None
