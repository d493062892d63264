"""Read articles from files, directories and stdin, in every supported format.

>>> from storyline.ingest import read_paths
>>> items = list(read_paths(["examples"]))  # Article objects, and Problem objects for inputs that failed
"""

from __future__ import annotations

import errno
import gzip
import io
import os
import re
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from storyline.config import DEFAULT_MAX_FILE_BYTES
from storyline.ids import unique_articles
from storyline.ingest.assemble import RawArticle, assemble, source_stem
from storyline.ingest.decode import UnreadableInput, decode
from storyline.ingest.detect import detect_format
from storyline.ingest.limits import (
    Limits,
    ReadTimeout,
    check_lines,
    read_file,
    read_open_file,
    read_stream,
    time_limit,
)
from storyline.ingest.records import NO_TEXT, read_json, read_jsonl
from storyline.ingest.text import read_text
from storyline.model import Article, Problem
from storyline.safety import display_path

__all__ = ["DEFAULT_MAX_BYTES", "Limits", "UnreadableInput", "detect_format", "read_bytes", "read_paths"]

DEFAULT_MAX_BYTES = DEFAULT_MAX_FILE_BYTES
_FOLDER_DOCS = re.compile(r"^(?:readme|license|licence|copying|changelog|licensedata)(?:\.\w+)?$", re.IGNORECASE)
_CODE_SUFFIXES = frozenset({".py", ".sh", ".js", ".toml", ".cfg", ".ini"})  # a folder's tooling, not articles


def read_paths(
    paths: Iterable[str | Path], *, max_file_bytes: int | None = None, limits: Limits | None = None
) -> Iterator[Article | Problem]:
    """Articles from files, directories (recursively, hidden entries skipped) and ``-`` (stdin).

    Yields an ``Article`` for each article read and a ``Problem`` for each input (or part of one) that failed;
    a failure never stops the rest. ``limits`` bound the work per input (``max_file_bytes`` overrides its size).
    Ids follow ``storyline.ids.unique_articles``: an article read twice (the same page in a crawl and as a file)
    comes once; a different article under a taken id gets a suffixed id.
    """
    limits = Limits.from_settings(limits or Limits(), max_file_bytes=max_file_bytes)
    yield from unique_articles(item for path in paths for item in _read_path(path, limits))


def read_bytes(
    data: bytes, name: str, *, max_file_bytes: int | None = None, limits: Limits | None = None
) -> Iterator[Article | Problem]:
    """Articles from the content of one input called ``name``."""
    limits = Limits.from_settings(limits or Limits(), max_file_bytes=max_file_bytes)
    yield from _guarded(name, limits, lambda: _articles(_raw_articles(data, name, limits), name))


def _read_path(path: str | Path, limits: Limits) -> Iterator[Article | Problem]:
    if str(path) == "-":

        def from_stdin() -> Iterator[Article | Problem]:
            data = read_stream(sys.stdin.buffer, limits.max_file_bytes)
            return _articles(_raw_articles(data, "<stdin>", limits), "<stdin>")

        yield from _guarded("<stdin>", limits, from_stdin)
        return
    target = Path(path)
    try:
        mode = _mode(target)
    except OSError as error:  # a name too long, or a folder on the way that cannot be searched
        yield Problem(display_path(path), f"cannot read: {error.strerror or error}")
        return
    if mode is None:
        yield Problem(display_path(path), "no such file or directory")
    elif stat.S_ISDIR(mode):
        problems: list[Problem] = []
        files = _files_under(target, problems)
        yield from problems
        if not files and not problems:
            yield Problem(display_path(path), "directory holds no files")
        for file in files:
            yield from _folder_file(file, limits)
    else:
        yield from _read_file(target, limits, regular=stat.S_ISREG(mode))


def _mode(target: Path) -> int | None:
    """The mode of the file ``target`` names (links followed), None when it names nothing: one look where asking
    ``is_dir``, ``exists`` and ``is_file`` would take three. As for pathlib, a name with a NUL byte or a loop of
    links names nothing."""
    try:
        return os.stat(target).st_mode
    except ValueError:
        return None
    except OSError as error:
        if error.errno in (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP):
            return None
        raise


def _files_under(folder: Path, problems: list[Problem]) -> list[Path]:
    """Regular files under ``folder``, sorted; a subfolder that cannot be listed is a problem, not a silence."""

    def unreadable(error: OSError) -> None:
        problems.append(
            Problem(display_path(error.filename or folder), f"cannot list this folder: {error.strerror or error}")
        )

    files = []
    for root, folders, names in os.walk(folder, onerror=unreadable):
        base = Path(root)
        folders[:] = [f for f in folders if not f.startswith(".")]
        files += [
            base / name for name in names if not _skipped((base / name).relative_to(folder)) and (base / name).is_file()
        ]
    return sorted(files)


def _folder_file(file: Path, limits: Limits) -> Iterator[Article | Problem]:
    """A file met in a folder walk: a JSON document none of whose records has text (an index or answer key kept
    beside the articles) holds no articles and is skipped with a note; named on its own, it would be an error. A
    JSONL file is a stream of articles, so records without text there stay problems."""
    items = _read_file(file, limits, regular=True)  # the folder walk lists regular files only
    if file.suffix.lower() != ".json":
        yield from items
        return
    items = list(items)
    if items and all(isinstance(item, Problem) and item.message.startswith(NO_TEXT) for item in items):
        print(f"storyline: {display_path(file)}: no article records, skipped", file=sys.stderr)
        return
    yield from items


def _read_file(file: Path, limits: Limits, *, regular: bool) -> Iterator[Article | Problem]:
    name = display_path(file)
    yield from _guarded(name, limits, lambda: _file_items(file, name, limits, regular))


def _file_items(file: Path, name: str, limits: Limits, regular: bool) -> Iterator[Article | Problem]:
    """The items of a file; one that is not ``regular`` (a pipe, a device) is read by ``read_file``'s rules."""
    if regular:
        with file.open("rb") as handle:
            kind = detect_format(handle.read(4096), name)
            handle.seek(0)
            if kind == "warc":  # streamed: the size limit applies to each record instead
                from storyline.ingest.warc import read_warc

                yield from _articles(read_warc(handle, name, limits), name)
                return
            data = read_open_file(handle, limits.max_file_bytes)  # this handle: no second open, no second look
        yield from _articles(_raw_articles(data, name, limits, kind=kind), name)
        return
    yield from _articles(_raw_articles(read_file(file, limits.max_file_bytes), name, limits), name)


def _guarded(
    name: str, limits: Limits, items: Callable[[], Iterable[Article | Problem]]
) -> Iterator[Article | Problem]:
    """The items of one input, never an exception: a failure, an input over a limit or one that takes too long
    becomes one Problem naming it, and an input that yields nothing says so."""
    count = 0
    try:
        iterator = iter(items())
        while True:
            with time_limit(limits.seconds_per_file):  # the clock stops while the caller handles each item
                item = next(iterator, None)
            if item is None:
                break
            count += 1
            yield item
    except ReadTimeout:
        count += 1
        yield Problem(name, f"reading took longer than {limits.seconds_per_file:g} s (setting seconds_per_file)")
    except UnreadableInput as error:
        count += 1
        yield Problem(name, str(error))
    except OSError as error:
        count += 1
        yield Problem(name, f"cannot read: {error.strerror or error}")
    except RecursionError:
        count += 1
        yield Problem(name, "nested too deeply to read")
    except MemoryError:
        count += 1
        yield Problem(name, "too large to read in the memory available")
    except Exception as error:  # a reader failed on input nobody foresaw: one line, and the run goes on
        count += 1
        yield Problem(name, f"cannot be read ({type(error).__name__}: {_first_line(error)})")
    if not count:
        yield Problem(name, "no articles found in this input")


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [""])[0][:160]


def _articles(raws: Iterable[RawArticle | Problem], name: str) -> Iterator[Article | Problem]:
    """Clean what a reader yields; an unreadable input becomes one Problem after what was read before it."""
    try:
        for raw in raws:
            if isinstance(raw, Problem):
                yield raw
                continue
            try:
                article = assemble(raw)
            except (RecursionError, ValueError, TypeError, AttributeError) as error:  # one bad record, not the file
                yield Problem(name, f"a record cannot be read ({type(error).__name__}: {_first_line(error)})")
                continue
            yield article if article else Problem(name, "no article text left after cleaning")
    except UnreadableInput as error:
        yield Problem(name, str(error))


def _raw_articles(data: bytes, name: str, limits: Limits, *, kind: str | None = None) -> Iterator[RawArticle | Problem]:
    kind = kind or detect_format(data[:4096], name)
    if kind == "gzip":
        data = _gunzip(data, limits.max_decompressed_bytes)
        name_inside = name[:-3] if name.endswith(".gz") else name
        kind = detect_format(data[:4096], name_inside)
        if kind in ("gzip", "warc"):
            raise UnreadableInput(f"unsupported nesting of compressed data ({kind} inside gzip)")
    # The readers of pages, feeds and crawls load trafilatura and feedparser (about 0.45 CPU s): only for such input.
    if kind == "warc":
        from storyline.ingest.warc import read_warc

        yield from read_warc(io.BytesIO(data), name, limits)
        return
    if kind == "feed":
        from storyline.ingest.feed import read_feed

        yield from read_feed(data, name)
        return
    if kind == "html":  # trafilatura decodes pages itself, honouring their declared charset
        from storyline.ingest.html import read_html

        raw = read_html(data, name, fallback_id=source_stem(name), max_tags=limits.html_full_extraction_tags)
        if raw is None:
            raise UnreadableInput("no article text found in this HTML page")
        yield raw
        return
    text = decode(data)
    if kind == "json":
        yield from read_json(text, name, limits)
    elif kind == "jsonl":
        yield from read_jsonl(text, name, limits)
    else:
        check_lines(data, limits)
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
        raise UnreadableInput(f"decompressed data over the limit of {limit:,} bytes (setting max_decompressed_bytes)")
    return out


def _skipped(relative: Path) -> bool:
    """Hidden entries, a folder's own documentation (README, LICENSE...) and its scripts are not articles."""
    return (
        any(part.startswith(".") for part in relative.parts)
        or bool(_FOLDER_DOCS.match(relative.name))
        or relative.suffix.lower() in _CODE_SUFFIXES
    )
