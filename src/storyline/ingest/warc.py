"""WARC and WARC.gz files: the HTML response records, as in Common Crawl News."""

from __future__ import annotations

import contextlib
import io
import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed

from storyline.ingest.assemble import RawArticle, source_stem
from storyline.ingest.decode import UnreadableInput
from storyline.ingest.html import read_html
from storyline.ingest.limits import Limits, OverLimit, ReadTimeout, time_limit
from storyline.model import Problem

# What warcio raises on damaged records.
_DAMAGE = (
    ArchiveLoadFailed,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    AttributeError,
    TypeError,
    OverflowError,
    IndexError,
    KeyError,
)


def read_warc(
    stream: io.BufferedIOBase, path: str, limits: Limits | int | None = None, *, max_record_bytes: int | None = None
) -> Iterator[RawArticle | Problem]:
    """Articles of the HTML responses; a damaged archive yields what came before the damage and a Problem.

    Header lines and header blocks are bounded by ``max_line_bytes``, payloads by ``max_file_bytes`` and the time
    spent on each record by ``seconds_per_file``.
    """
    limits = Limits.from_settings(
        limits if isinstance(limits, Limits) else Limits(),
        max_file_bytes=max_record_bytes or (limits if isinstance(limits, int) else None),
    )
    count = 0
    iterator = ArchiveIterator(stream)
    iterator.reader = _BoundedReader(iterator.fh, limits.max_line_bytes)
    records = iter(iterator)
    warnings = io.StringIO()
    try:
        while True:
            with time_limit(limits.seconds_per_file), contextlib.redirect_stderr(warnings):
                item = _next_article(records, path, limits, count + 1)
            if item is None:
                break
            count += item is not _SKIPPED
            if warnings.getvalue():  # warcio's own warning, said in one line with the file's name
                yield Problem(
                    path,
                    f"a record does not end where its Content-Length says (near record {count}); "
                    f"read on from the next one",
                )
                warnings = io.StringIO()
            if isinstance(item, (RawArticle, Problem)):
                yield item
    except ReadTimeout:
        yield Problem(
            path,
            f"record {count + 1} took longer than {limits.seconds_per_file:g} s to read "
            f"(setting seconds_per_file); the records after it are not read",
        )
    except OverLimit as error:
        if count == 0:
            raise
        yield Problem(path, f"record {count + 1}: {error}; the records after it are not read")
    except _DAMAGE as error:
        if count == 0:
            raise UnreadableInput(f"not a readable WARC archive ({_short(error)})") from None
        yield Problem(path, f"archive is truncated or damaged after {count} records ({_short(error)})")


_SKIPPED = object()


def _next_article(records, path: str, limits: Limits, number: int) -> RawArticle | Problem | object | None:
    """The next HTML response as an article or a Problem; ``_SKIPPED`` for other records; None at the end."""
    record = next(records, None)
    if record is None:
        return None
    if record.rec_type != "response" or record.http_headers is None:
        return _SKIPPED
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if content_type and "html" not in content_type:
        return _SKIPPED
    url = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{path} <{url}>"
    payload = record.content_stream().read(limits.max_file_bytes + 1)
    if len(payload) > limits.max_file_bytes:
        return Problem(
            where, f"record larger than the limit of {limits.max_file_bytes:,} bytes (setting max_file_bytes)"
        )
    missing = getattr(record.raw_stream, "limit", 0)
    if missing > 0 and not record.raw_stream.read(min(missing, 65536)):  # the archive ends inside this record
        raise EOFError(f"record {number} is cut short: {missing:,} bytes missing")
    crawl_date = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
    raw = read_html(
        payload,
        path,
        url=url,
        crawl_date=crawl_date,
        fallback_id=f"{source_stem(path)}-{number}",
        max_tags=limits.html_full_extraction_tags,
    )
    return raw if raw is not None else Problem(where, "no article text found in this page")


class _BoundedReader(DecompressingBufferedReader):
    """warcio's reader with a bound on each line and on the header lines read between two payloads.

    warcio reads headers line by line without a limit: a header line of a gigabyte (or a million short ones)
    would all be held in memory.
    """

    def __init__(self, stream, max_line_bytes: int):
        super().__init__(stream)
        self._max_line = max_line_bytes
        self._header_bytes = 0

    def readline(self, length=None):
        cap = self._max_line + 1
        line = super().readline(min(length, cap) if length else cap)
        self._header_bytes += len(line)
        if self._header_bytes > self._max_line:
            raise OverLimit(f"WARC header lines over the limit of {self._max_line:,} bytes (setting max_line_bytes)")
        return line

    def read(self, length=None):
        self._header_bytes = 0
        return super().read(length)


def _short(error: Exception) -> str:
    return (str(error).splitlines() or [type(error).__name__])[0][:120] or type(error).__name__
