"""Ingest speed: what Storyline adds to trafilatura's extraction, for HTML pages and WARC.gz crawls.

Pages are made from the texts of ../shared/data/dedup-dev (news articles) wrapped in a news-site page with
navigation, share bar, advertisement and footer, and written to a temporary folder (one file a page, one WARC.gz a
block of pages); nothing is written to the repository.

    python bench/ingest.py [--pages 2000] [--rounds 3] [--block 10]

Our side is what ``storyline ingest`` runs to read files (``storyline.ingest.read_paths``: format detection,
trafilatura extraction, cleaning, dates, headlines, language, content hash, ids). The anchor reads the same files
and runs trafilatura's own extraction (``bare_extraction`` with metadata), through warcio for the WARC files.

Both sides run in this one process on the same blocks of pages, taking turns block by block (which one goes first
alternates), so a change in the machine's load falls on both alike. Times are CPU seconds (the work is
single-threaded). Each round reads every page once on each side and gives one overhead; the figure is the median
round, with every round's beside it.

The texts come round again when more pages are asked for than there are texts (2,182), each round under other
addresses, so 10,000 pages hold each text four or five times.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import io
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import trafilatura
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.ingest import read_paths
from storyline.model import Article

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


def write_blocks(pages: list[tuple[str, bytes]], block: int, folder: Path) -> tuple[list[list[Path]], list[Path]]:
    """The pages as files, in blocks: one HTML file a page, and one WARC.gz a block."""
    html_blocks, warcs = [], []
    for start in range(0, len(pages), block):
        part = pages[start : start + block]
        files = []
        for offset, (_, page) in enumerate(part):
            files.append(folder / f"page-{start + offset:05d}.html")
            files[-1].write_bytes(page)
        html_blocks.append(files)
        warcs.append(folder / f"crawl-{start:05d}.warc.gz")
        warcs[-1].write_bytes(make_warc(part))
    return html_blocks, warcs


def trafilatura_files(files: list[Path]) -> None:
    for file in files:
        trafilatura.bare_extraction(file.read_bytes(), with_metadata=True, include_comments=False, include_tables=False)


def trafilatura_warcs(files: list[Path]) -> None:
    for file in files:
        with file.open("rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type == "response":
                    trafilatura.bare_extraction(
                        record.content_stream().read(),
                        url=record.rec_headers.get_header("WARC-Target-URI"),
                        with_metadata=True,
                        include_comments=False,
                        include_tables=False,
                    )


def storyline_files(files: list[Path]) -> None:
    """The files as ``storyline ingest`` reads them (``read_paths``). Past 2,182 pages a few texts come round
    under an id taken by another page: the note saying so is left out of the output."""
    with contextlib.redirect_stderr(io.StringIO()):
        items = list(read_paths(files))
    problems = [item for item in items if not isinstance(item, Article)]
    if problems:
        raise SystemExit(f"storyline could not read a page: {problems[0]}")


def cpu(function, argument) -> float:
    start = time.process_time()
    function(argument)
    return time.process_time() - start


def measure(anchor, ours, blocks: list[list[Path]], rounds: int) -> list[tuple[float, float]]:
    """(anchor CPU s, our CPU s) of each round; block by block, the side that goes first alternating."""
    results = []
    for round_number in range(rounds):
        anchor_total = ours_total = 0.0
        for index, block in enumerate(blocks):
            turns = [("anchor", anchor), ("ours", ours)]
            if (round_number + index) % 2:
                turns.reverse()
            for side, function in turns:
                seconds = cpu(function, block)
                if side == "anchor":
                    anchor_total += seconds
                else:
                    ours_total += seconds
        results.append((anchor_total, ours_total))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3, help="times every page is read on each side")
    parser.add_argument("--block", type=int, default=10, help="pages a side reads before the other takes its turn")
    args = parser.parse_args()
    if not DATA.is_file():
        print(f"missing {DATA}: the shared evaluation data lives beside the repository", file=sys.stderr)
        return 2
    pages = make_pages(args.pages)
    rows = []
    with tempfile.TemporaryDirectory(prefix="storyline-ingest-bench-") as folder:
        html_blocks, warcs = write_blocks(pages, args.block, Path(folder))
        warc_blocks = [[warc] for warc in warcs]
        for label, anchor, ours, blocks in (
            ("HTML pages", trafilatura_files, storyline_files, html_blocks),
            ("WARC.gz", trafilatura_warcs, storyline_files, warc_blocks),
        ):
            anchor(blocks[0]), ours(blocks[0])  # imports and first-use work of both sides, not timed
            results = measure(anchor, ours, blocks, args.rounds)
            overheads = [o / a - 1 for a, o in results]
            anchor_s = statistics.median(a for a, _ in results)
            ours_s = statistics.median(o for _, o in results)
            rows.append((label, anchor_s, ours_s, statistics.median(overheads), overheads))
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"{len(pages)} pages, {args.rounds} rounds, CPU time, both sides in one process taking turns every "
        f"{args.block} pages; load average at the end {load}\n"
    )
    print(
        "| input | trafilatura extraction (pages/CPU s) | storyline read_paths (pages/CPU s) | overhead, median round |"
        " every round |"
    )
    print("|---|---|---|---|---|")
    for label, anchor_s, ours_s, median, overheads in rows:
        every = ", ".join(f"{overhead:+.1%}" for overhead in overheads)
        print(f"| {label} | {len(pages) / anchor_s:.1f} | {len(pages) / ours_s:.1f} | {median:+.1%} | {every} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
