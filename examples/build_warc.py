"""Pack the example pages in ``warc-pages/`` into ``corpus/warc/crawl.warc.gz`` the way a crawler writes them.

The archive holds one ``warcinfo`` record, then a ``request`` and a ``response`` record for every page, as
crawlers such as Heritrix or wget write them. Record ids and dates are fixed, so running the script again
reproduces the same records (headers and payloads) byte for byte.

Usage::

    python examples/build_warc.py                     # writes examples/warc/crawl.warc.gz
    python examples/build_warc.py --output /tmp/x.warc.gz
"""

from __future__ import annotations

import argparse
import uuid
from datetime import UTC, datetime
from email.utils import format_datetime
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
PAGES_DIR = HERE / "warc-pages"
DEFAULT_OUTPUT = HERE / "corpus" / "warc" / "crawl.warc.gz"

USER_AGENT = "StorylineExampleCrawler/1.0 (+https://storyline.example/crawler)"
CRAWL_STARTED = "2026-03-10T06:00:00Z"

# (file in warc-pages/, the URL it was fetched from, when it was fetched, the server that answered)
PAGES = [
    (
        "courier-bridge-six-weeks.html",
        "https://www.harrowgate-courier.example/news/local/2026/03/03/sallow-street-bridge-closed-six-weeks",
        "2026-03-10T06:00:04Z",
        "nginx",
    ),
    (
        "kvg-ostwick-fire.html",
        "https://kestrel-gazette.example/ostwick/sixty-workers-evacuated-corran-foods-fire",
        "2026-03-10T06:00:09Z",
        "Apache",
    ),
    (
        "ledger-rovers-stadium.html",
        "https://www.meridian-ledger.example/companies/2026/03/09/rovers-stadium-clears-council-vote",
        "2026-03-10T06:00:15Z",
        "ledger-edge",
    ),
]


def record_id(kind: str, url: str) -> str:
    """A stable WARC-Record-ID: a name-based UUID of the record type and URL (the same on every run)."""
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, kind + ' ' + url)}>"


def http_date(warc_date: str) -> str:
    """``2026-03-10T06:00:04Z`` -> ``Tue, 10 Mar 2026 06:00:04 GMT`` (the HTTP Date header form)."""
    moment = datetime.strptime(warc_date, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return format_datetime(moment, usegmt=True)


def write_warcinfo(writer: WARCWriter, filename: str) -> None:
    info = (
        "software: storyline examples build_warc.py\r\n"
        "format: WARC File Format 1.0\r\n"
        "description: Example crawl of invented news pages for the Storyline demo corpus\r\n"
        f"http-header-user-agent: {USER_AGENT}\r\n"
        "robots: obey\r\n"
    ).encode()
    record = writer.create_warc_record(
        "",
        "warcinfo",
        payload=BytesIO(info),
        length=len(info),
        warc_content_type="application/warc-fields",
        warc_headers_dict={
            "WARC-Record-ID": record_id("warcinfo", filename),
            "WARC-Date": CRAWL_STARTED,
            "WARC-Filename": filename,
        },
    )
    writer.write_record(record)


def write_page(writer: WARCWriter, html: bytes, url: str, fetched: str, server: str) -> None:
    """Write the request and the response for one page, linked by WARC-Concurrent-To."""
    parts = urlsplit(url)
    response_id = record_id("response", url)

    request_headers = StatusAndHeaders(
        f"GET {parts.path or '/'} HTTP/1.1",
        [
            ("Host", parts.netloc),
            ("User-Agent", USER_AGENT),
            ("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"),
            ("Accept-Encoding", "identity"),
            ("Connection", "close"),
        ],
        is_http_request=True,
    )
    request = writer.create_warc_record(
        url,
        "request",
        http_headers=request_headers,
        warc_headers_dict={
            "WARC-Record-ID": record_id("request", url),
            "WARC-Date": fetched,
            "WARC-Concurrent-To": response_id,
        },
    )

    response_headers = StatusAndHeaders(
        "200 OK",
        [
            ("Date", http_date(fetched)),
            ("Server", server),
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(html))),
            ("Cache-Control", "max-age=300"),
            ("Connection", "close"),
        ],
        protocol="HTTP/1.1",
    )
    response = writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(html),
        length=len(html),
        http_headers=response_headers,
        warc_headers_dict={"WARC-Record-ID": response_id, "WARC-Date": fetched},
    )
    writer.write_record(request)
    writer.write_record(response)


def build(output: Path) -> Path:
    """Write the archive to ``output`` and return its path."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        write_warcinfo(writer, output.name)
        for name, url, fetched, server in PAGES:
            write_page(writer, (PAGES_DIR / name).read_bytes(), url, fetched, server)
    return output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="where to write the .warc.gz")
    args = parser.parse_args()
    print(build(args.output))


if __name__ == "__main__":
    main()
