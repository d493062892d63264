"""HTML pages: main text and metadata extracted by trafilatura."""

from __future__ import annotations

import copy
import functools
import re
from datetime import date
from types import SimpleNamespace

import trafilatura
from lxml import html as lxml_html
from trafilatura.settings import Extractor

from storyline.ingest.assemble import RawArticle

MIN_WORDS = 8
_LANG = re.compile(rb"<html[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
_BLOCKS = {
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "tr",
    "br",
    "section",
    "article",
    "header",
    "footer",
    "figcaption",
    "dd",
    "dt",
}


def read_html(
    page: bytes | str,
    path: str,
    *,
    url: str | None = None,
    crawl_date: str | None = None,
    fallback_id: str | None = None,
    max_tags: int | None = None,
) -> RawArticle | None:
    """One article from a full HTML page; None when the page holds no main text.

    A page with more than ``max_tags`` tags gets a cheaper extraction (block text without navigation): the full
    one takes time that grows faster than the page, minutes for a page of tens of megabytes.
    """
    tags = page.count(b"<" if isinstance(page, bytes) else "<")
    if max_tags is not None and tags > max_tags:
        document = plain_extraction(page)
    else:
        document = trafilatura.bare_extraction(page, options=extraction_options(url))
    if document is None or len((document.text or "").split(maxsplit=MIN_WORDS)) < MIN_WORDS:
        return None  # navigation or an error page, not an article (split no further than the count needs)
    return RawArticle(
        text=document.text,
        title=document.title,
        outlet=document.sitename,
        url=document.url or url,
        published=document.date or crawl_date,
        date_source="html" if document.date else ("crawl" if crawl_date else None),
        author=document.author,
        language=document.language or _declared_language(page),
        source_path=path,
        fallback_id=fallback_id,
    )


def extraction_options(url: str | None) -> Extractor:
    """What ``bare_extraction(page, url=url, with_metadata=True, include_comments=False, include_tables=False)``
    builds for itself, built once a day and copied for each page.

    Building it reads trafilatura's settings through configparser, which costs about a tenth of a millisecond a
    page; the options hold today's date (the latest date a page may have), so they are rebuilt when the day changes.
    """
    options = copy.copy(_options_of_the_day(date.today()))
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")  # as trafilatura names it in its log
    return options


@functools.lru_cache(maxsize=1)
def _options_of_the_day(today: date) -> Extractor:
    return Extractor(output_format="python", comments=False, tables=False, with_metadata=True)


def _declared_language(page: bytes | str) -> str | None:
    head = page[:4096] if isinstance(page, bytes) else page[:4096].encode("utf-8", "ignore")
    lang = _LANG.search(head)
    return lang.group(1).decode() if lang else None


def html_fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content), one paragraph per block element."""
    if "<" not in fragment:
        return fragment
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types on hopeless markup; fall back to stripping tags
        return re.sub(r"<[^>]+>", " ", fragment)
    for element in list(root.iter("script", "style")):
        element.drop_tree()
    parts: list[str] = []
    _collect_text(root, parts)
    return re.sub(r"\n\s*\n+", "\n\n", "".join(parts)).strip()


def _collect_text(element, parts: list[str]) -> None:
    is_block = element.tag in _BLOCKS
    if is_block:
        parts.append("\n\n")
    parts.append(element.text or "")
    for child in element:
        if isinstance(child.tag, str):
            _collect_text(child, parts)
        parts.append(child.tail or "")
    if is_block:
        parts.append("\n\n")


_NOT_TEXT = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "svg", "head")


def plain_extraction(page: bytes | str) -> SimpleNamespace | None:
    """Title and block text of a page, without trafilatura: linear in the page's size."""
    try:
        root = lxml_html.document_fromstring(page)
    except Exception:  # lxml raises several types on hopeless markup
        return None
    title = root.findtext(".//title") or root.findtext(".//h1")
    for element in list(root.iter(*_NOT_TEXT)):
        if element.getparent() is not None:
            element.drop_tree()
    body = root.find("body")
    parts: list[str] = []
    _collect_text(body if body is not None else root, parts)
    text = re.sub(r"\n\s*\n+", "\n\n", "".join(parts)).strip()
    return SimpleNamespace(
        text=text, title=(title or "").strip() or None, sitename=None, url=None, date=None, author=None, language=None
    )
