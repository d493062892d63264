"""WARC crawls built in memory for the readers' tests."""

import io
from collections.abc import Iterable

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def make_warc(pages: Iterable[tuple[str, str]], *, gz: bool = True) -> bytes:
    """A crawl of HTML responses, one per (url, html) page, dated 5 March 2026."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(html.encode()),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2026-03-05T00:00:00Z"},
            )
        )
    return buffer.getvalue()
