"""Read articles from files, directories and stdin, in every supported format.

>>> from storyline.ingest import read_paths
>>> items = list(read_paths(["examples"]))  # Article objects, and Problem objects for inputs that failed
"""

from __future__ import annotations

import gzip
import io
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from storyline.config import DEFAULT_MAX_FILE_BYTES
from storyline.ids import unique_articles
from storyline.ingest.assemble import RawArticle, assemble, source_stem
from storyline.ingest.decode import UnreadableInput, decode
from storyline.ingest.detect import detect_format
from storyline.ingest.feed import read_feed
from storyline.ingest.html import read_html
from storyline.ingest.records import NO_TEXT, read_json, read_jsonl
from storyline.ingest.text import read_text
from storyline.ingest.warc import read_warc
from storyline.model import Article, Problem

__all__ = ["DEFAULT_MAX_BYTES", "UnreadableInput", "detect_format", "read_bytes", "read_paths"]

DEFAULT_MAX_BYTES = DEFAULT_MAX_FILE_BYTES
_FOLDER_DOCS = re.compile(r"^(?:readme|license|licence|copying|changelog|licensedata)(?:\.\w+)?$", re.IGNORECASE)
_CODE_SUFFIXES = frozenset({".py", ".sh", ".js", ".toml", ".cfg", ".ini"})  # a folder's tooling, not articles


def read_paths(paths: Iterable[str | Path], *, max_file_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Problem]:
    """Articles from files, directories (recursively, hidden entries skipped) and ``-`` (stdin).

    Yields an ``Article`` for each article read and a ``Problem`` for each input (or part of one) that failed;
    a failure never stops the rest. Ids follow ``storyline.ids.unique_articles``: an article read twice (the same
    page in a crawl and as a file) comes once; a different article under a taken id gets a suffixed id.
    """
    yield from unique_articles(item for path in paths for item in _read_path(str(path), max_file_bytes))


def read_bytes(data: bytes, name: str, *, max_file_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Problem]:
    """Articles from the content of one input called ``name``."""
    yield from _articles(_raw_articles(data, name, max_file_bytes), name)


def _read_path(path: str, max_file_bytes: int) -> Iterator[Article | Problem]:
    if path == "-":
        yield from read_bytes(sys.stdin.buffer.read(), "<stdin>", max_file_bytes=max_file_bytes)
        return
    target = Path(path)
    if target.is_dir():
        files = sorted(p for p in target.rglob("*") if p.is_file() and not _skipped(p.relative_to(target)))
        if not files:
            yield Problem(path, "directory holds no files")
        for file in files:
            yield from _folder_file(file, max_file_bytes)
    elif target.exists():
        yield from _read_file(target, max_file_bytes)
    else:
        yield Problem(path, "no such file or directory")


def _folder_file(file: Path, max_file_bytes: int) -> Iterator[Article | Problem]:
    """A file met in a folder walk: a JSON file none of whose records has text (an index or answer key kept beside
    the articles) holds no articles and is skipped with a note; named on its own, it would be an error."""
    items = _read_file(file, max_file_bytes)
    if file.suffix.lower() not in (".json", ".jsonl"):
        yield from items
        return
    items = list(items)
    if items and all(isinstance(item, Problem) and item.message.startswith(NO_TEXT) for item in items):
        print(f"storyline: {file}: no article records, skipped", file=sys.stderr)
        return
    yield from items


def _read_file(file: Path, max_file_bytes: int) -> Iterator[Article | Problem]:
    name = str(file)
    try:
        size = file.stat().st_size
        with file.open("rb") as handle:
            head = handle.read(4096)
            kind = detect_format(head, name)
            if kind == "warc":  # streamed: the size limit applies to each record instead
                handle.seek(0)
                yield from _articles(read_warc(handle, name, max_record_bytes=max_file_bytes), name)
                return
            if size > max_file_bytes:
                yield Problem(name, f"file is {size:,} bytes, over the limit of {max_file_bytes:,} (max_file_bytes)")
                return
            data = head + handle.read()
    except OSError as error:
        yield Problem(name, f"cannot read: {error.strerror or error}")
        return
    except UnreadableInput as error:
        yield Problem(name, str(error))
        return
    yield from read_bytes(data, name, max_file_bytes=max_file_bytes)


def _articles(raws: Iterable[RawArticle | Problem], name: str) -> Iterator[Article | Problem]:
    """Clean what a reader yields; an unreadable input becomes one Problem after what was read before it."""
    try:
        for raw in raws:
            if isinstance(raw, Problem):
                yield raw
                continue
            article = assemble(raw)
            yield article if article else Problem(name, "no article text left after cleaning")
    except UnreadableInput as error:
        yield Problem(name, str(error))


def _raw_articles(data: bytes, name: str, max_file_bytes: int) -> Iterator[RawArticle | Problem]:
    kind = detect_format(data[:4096], name)
    if kind == "gzip":
        data = _gunzip(data, max_file_bytes)
        name_inside = name[:-3] if name.endswith(".gz") else name
        kind = detect_format(data[:4096], name_inside)
        if kind in ("gzip", "warc"):
            raise UnreadableInput(f"unsupported nesting of compressed data ({kind} inside gzip)")
    if kind == "warc":
        yield from read_warc(io.BytesIO(data), name, max_record_bytes=max_file_bytes)
        return
    if kind == "feed":
        yield from read_feed(data, name)
        return
    if kind == "html":  # trafilatura decodes pages itself, honouring their declared charset
        raw = read_html(data, name, fallback_id=source_stem(name))
        if raw is None:
            raise UnreadableInput("no article text found in this HTML page")
        yield raw
        return
    text = decode(data)
    if kind == "json":
        yield from read_json(text, name)
    elif kind == "jsonl":
        yield from read_jsonl(text, name)
    else:
        raw = read_text(text, name, markdown=kind == "markdown")
        raw.fallback_id = source_stem(name)
        yield raw


def _gunzip(data: bytes, limit: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            out = handle.read(limit + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise UnreadableInput(f"truncated or damaged gzip data ({error})") from None
    if len(out) > limit:
        raise UnreadableInput(f"decompressed data over the limit of {limit:,} bytes (max_file_bytes)")
    return out


def _skipped(relative: Path) -> bool:
    """Hidden entries, a folder's own documentation (README, LICENSE...) and its scripts are not articles."""
    return (
        any(part.startswith(".") for part in relative.parts)
        or bool(_FOLDER_DOCS.match(relative.name))
        or relative.suffix.lower() in _CODE_SUFFIXES
    )

