"""HTML pages: main text and metadata extracted by trafilatura."""

from __future__ import annotations

import re

import trafilatura
from lxml import html as lxml_html

from storyline.ingest.assemble import RawArticle

MIN_WORDS = 8
_LANG = re.compile(rb"<html[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "br", "section",
           "article", "header", "footer", "figcaption", "dd", "dt"}


def read_html(page: bytes | str, path: str, *, url: str | None = None, crawl_date: str | None = None,
              fallback_id: str | None = None) -> RawArticle | None:
    """One article from a full HTML page; None when the page holds no main text."""
    document = trafilatura.bare_extraction(page, url=url, with_metadata=True, include_comments=False,
                                           include_tables=False)
    if document is None or len((document.text or "").split()) < MIN_WORDS:
        return None  # navigation or an error page, not an article
    head = page[:4096] if isinstance(page, bytes) else page[:4096].encode("utf-8", "ignore")
    lang = _LANG.search(head)
    return RawArticle(
        text=document.text,
        title=document.title,
        outlet=document.sitename,
        url=document.url or url,
        published=document.date or crawl_date,
        date_source="html" if document.date else ("crawl" if crawl_date else None),
        author=document.author,
        language=document.language or (lang.group(1).decode() if lang else None),
        source_path=path,
        fallback_id=fallback_id,
    )


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
