"""WARC and WARC.gz files: the HTML response records, as in Common Crawl News."""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storyline.ingest.assemble import RawArticle, source_stem
from storyline.ingest.decode import UnreadableInput
from storyline.ingest.html import read_html
from storyline.model import Problem


def read_warc(stream: io.BufferedIOBase, path: str, *, max_record_bytes: int) -> Iterator[RawArticle | Problem]:
    """Articles of the HTML responses; a damaged archive yields what came before the damage and a Problem."""
    count = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = (record.http_headers.get_header("Content-Type") or "").lower()
            if content_type and "html" not in content_type:
                continue
            count += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            payload = record.content_stream().read(max_record_bytes + 1)
            if len(payload) > max_record_bytes:
                yield Problem(f"{path} <{url}>", f"record larger than the limit of {max_record_bytes:,} bytes")
                continue
            crawl_date = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
            raw = read_html(payload, path, url=url, crawl_date=crawl_date, fallback_id=f"{source_stem(path)}-{count}")
            if raw is None:
                yield Problem(f"{path} <{url}>", "no article text found in this page")
            else:
                yield raw
    except (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError, AttributeError, TypeError) as error:
        # warcio reports damaged records with any of these
        if count == 0:
            raise UnreadableInput(f"not a readable WARC archive ({_short(error)})") from None
        yield Problem(path, f"archive is truncated or damaged after {count} records ({_short(error)})")


def _short(error: Exception) -> str:
    return (str(error).splitlines() or [type(error).__name__])[0][:120] or type(error).__name__
