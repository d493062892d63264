"""Which format an input is in, from its first bytes first and its name second."""

from __future__ import annotations

import re

_FEED = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|div|p)[\s>]", re.IGNORECASE)


def detect_format(head: bytes, name: str = "") -> str:
    """One of ``warc``, ``gzip``, ``feed``, ``html``, ``json``, ``jsonl``, ``markdown``, ``text``."""
    lower = name.lower()
    if head.startswith(b"\x1f\x8b"):
        return "warc" if lower.endswith((".warc.gz", ".arc.gz")) else "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<"):
        if _FEED.search(head):
            return "feed"
        if _HTML.search(head) or lower.endswith((".html", ".htm")):
            return "html"
    if stripped.startswith((b"{", b"[")):
        first_line = stripped.split(b"\n", 1)[0].strip()
        rest = stripped[len(first_line) :].lstrip()
        if lower.endswith(".jsonl") or (first_line.endswith(b"}") and rest.startswith(b"{")):
            return "jsonl"
        return "json"
    if lower.endswith((".md", ".markdown")):
        return "markdown"
    if lower.endswith((".html", ".htm")):
        return "html"
    return "text"
