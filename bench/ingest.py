"""Ingest speed: articles per second for HTML pages and a WARC file, beside trafilatura's own extraction rate.

Pages are made from the texts of ../shared/data/dedup-dev (news articles) wrapped in a news-site page with
navigation, share bar, advertisement and footer; nothing is written to the repository.

    python bench/ingest.py [--pages 600] [--repeats 5]

The texts come round again when more pages are asked for than there are texts (2,182), each round under other
addresses, so 10,000 pages hold each text four or five times.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import statistics
import sys
import time
from pathlib import Path

import trafilatura
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.ingest import read_bytes

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "dedup-dev" / "articles.jsonl"

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="{site}">
<meta name="author" content="Staff Reporter"><meta property="article:published_time" content="2026-03-{day:02d}T08:00:00Z">
<link rel="canonical" href="{url}"></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/sport">Sport</a></nav></header>
<div class="ad">Advertisement</div>
<article><h1>{title}</h1><p class="byline">By Staff Reporter</p>{paragraphs}</article>
<div class="share">Share on Facebook · Share on X · Email</div>
<aside><h3>Related stories</h3><ul><li><a href="/a">Markets close higher</a></li><li><a href="/b">Weather warning</a></li></ul></aside>
<footer>© 2026 {site}. All rights reserved. <a href="/privacy">Privacy</a></footer></body></html>"""


def make_pages(count: int) -> list[tuple[str, bytes]]:
    """``count`` pages; past the end of the texts they come round again under other addresses and dates."""
    with DATA.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    pages = []
    for number in range(count):
        record = records[number % len(records)]
        lines = [text for text in record["text"].split("\n") if text.strip()]
        title = " ".join(lines[0].split()[:10])
        url = f"https://news-{number % 7}.example/story/{record['id']}-{number // len(records)}"
        body = "".join(f"<p>{html.escape(text)}</p>" for text in lines)
        page = PAGE.format(
            title=html.escape(title), site=f"Site {number % 7}", url=url, paragraphs=body, day=1 + number % 28
        )
        pages.append((url, page.encode("utf-8")))
    return pages


def make_warc(pages: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, page in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(page), http_headers=headers))
    return buffer.getvalue()


def trafilatura_pages(pages):
    for url, page in pages:
        trafilatura.bare_extraction(page, url=url, with_metadata=True, include_comments=False, include_tables=False)


def storyline_pages(pages):
    for url, page in pages:
        for item in read_bytes(page, f"{url}.html"):
            assert item.text


def trafilatura_warc(warc: bytes):
    for record in ArchiveIterator(io.BytesIO(warc)):
        if record.rec_type == "response":
            trafilatura.bare_extraction(
                record.content_stream().read(),
                url=record.rec_headers.get_header("WARC-Target-URI"),
                with_metadata=True,
                include_comments=False,
                include_tables=False,
            )


def storyline_warc(warc: bytes):
    for item in read_bytes(warc, "crawl.warc.gz"):
        assert item.text


def timed(function, argument) -> float:
    """CPU seconds of one run: the work is single-threaded, and CPU time is not skewed by other processes."""
    start = time.process_time()
    function(argument)
    return time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=600)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    if not DATA.is_file():
        print(f"missing {DATA}: the shared evaluation data lives beside the repository", file=sys.stderr)
        return 2
    pages = make_pages(args.pages)
    warc = make_warc(pages)
    rows = []
    for label, anchor, ours, data in (
        ("HTML pages", trafilatura_pages, storyline_pages, pages),
        ("WARC.gz", trafilatura_warc, storyline_warc, warc),
    ):
        warm_up = data[:50] if isinstance(data, list) else make_warc(pages[:50])
        anchor(warm_up), ours(warm_up)
        anchor_s, ours_s = [], []
        for _ in range(args.repeats):  # interleaved, so that changes in machine state affect both alike
            anchor_s.append(timed(anchor, data))
            ours_s.append(timed(ours, data))
        a, o = statistics.median(anchor_s), statistics.median(ours_s)
        rows.append((label, len(pages) / a, len(pages) / o, o / a - 1))
    print(f"{len(pages)} pages, median CPU time of {args.repeats} interleaved runs each, one process\n")
    print("| input | trafilatura extraction (articles/s) | storyline read + clean (articles/s) | overhead |")
    print("|---|---|---|---|")
    for label, anchor_rate, our_rate, overhead in rows:
        print(f"| {label} | {anchor_rate:.1f} | {our_rate:.1f} | {overhead:+.1%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
