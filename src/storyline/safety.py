"""Text from articles made safe to print, to write into Markdown and to use in file names.

Article text, titles, ids, outlets and file names come from strangers: they may hold terminal escape sequences,
NUL bytes, lone surrogates, Markdown or HTML of their own. Everything that leaves Storyline for a terminal or a
file goes through one of these functions.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, urlsplit

# C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a terminal shows.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROLS_KEEP_LINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(value: object) -> str:
    """One line safe for a terminal: control characters shown as visible escapes (``\\x1b``, ``\\n``)."""
    text = value if isinstance(value, str) else str(value)
    text = _SURROGATES.sub("\ufffd", text)
    return _CONTROLS.sub(
        lambda m: _NAMED.get(
            m.group(), f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )


def scrub(text: str, *, keep_lines: bool = True) -> str:
    """Text without NUL and other control characters or lone surrogates (tabs and line breaks kept if asked)."""
    if not text.isascii():  # ASCII holds no surrogates
        text = _SURROGATES.sub("\ufffd", text)
    return (_CONTROLS_KEEP_LINES if keep_lines else _CONTROLS).sub(" " if not keep_lines else "", text)


def display_path(path: object) -> str:
    """A file name as one printable line: undecodable bytes and control characters escaped."""
    text = str(path)
    if _SURROGATES.search(text):  # bytes that are not UTF-8, kept by the file system encoding as surrogates
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return printable(text)


# Markdown ---------------------------------------------------------------------------------------------------
# Characters written as entities (every renderer reads them; Python-Markdown cannot backslash-escape "<" or "|").
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", '"': "&quot;"}
# Backslash escapes that both CommonMark and Python-Markdown understand.
_INLINE = re.compile(r"[&<>|\\`*_\[\]]")
# Line starts that would make a heading, list, quote or rule.
_LINE_START = re.compile(r"^([#+\-]|\d+[.)])|^([=~])")


def md_text(value: object) -> str:
    """Article text as literal Markdown on one line: no HTML, link, emphasis, code or heading survives rendering."""
    text = scrub(str(value or ""), keep_lines=False).strip()
    text = _INLINE.sub(lambda m: _ENTITIES.get(m.group()) or "\\" + m.group(), text)
    return _LINE_START.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match) -> str:
    if match.group(2):
        return f"&#{ord(match.group(2))};"
    marker = match.group(1)
    return marker[:-1] + "\\" + marker[-1]


def md_code(value: object) -> str:
    """``value`` as an inline code span whose fence no backtick inside it can close."""
    text = scrub(str(value or ""), keep_lines=False)
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def safe_url(url: object) -> str | None:
    """``url`` when it is an http(s) address, with the characters that could end a Markdown link encoded."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if _CONTROLS.search(url) or _SURROGATES.search(url) or any(ch.isspace() for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe="/:?#@!$&*+,;=%~-._")


def md_link(label: object, url: object) -> str:
    """``[label](url)`` for an http(s) URL, else the label alone; both escaped."""
    target = safe_url(url)
    return f"[{md_text(label)}]({target})" if target else md_text(label)


# File names -------------------------------------------------------------------------------------------------
_RESERVED = re.compile(r"^(?:con|prn|aux|nul|com\d|lpt\d)$", re.IGNORECASE)


def file_stem(text: object, *, fallback: str = "event", max_bytes: int = 80) -> str:
    """A lower-case name made of letters, digits and hyphens only: never a path, never empty, never reserved."""
    value = unicodedata.normalize("NFKC", scrub(str(text or ""), keep_lines=False)).lower()
    slug = re.sub(r"[^\w]+|_", "-", value).strip("-")
    while len(slug.encode("utf-8")) > max_bytes:
        slug = slug[:-1]
    slug = slug.strip("-")
    if not slug or _RESERVED.match(slug):
        slug = f"{fallback}-{slug}" if slug else fallback
    return slug


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_text(text: str) -> str:
    """JSON text (from ``json.dumps``) with the characters ``ensure_ascii=False`` leaves raw that a terminal would
    act on (C1 controls, bidirectional overrides, lone surrogates) written as ``\\uXXXX`` escapes."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def printable_lines(text: str) -> str:
    """Several lines for a terminal: each made printable, the line breaks kept."""
    return "\n".join(printable(line) for line in text.split("\n"))
