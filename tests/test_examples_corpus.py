"""Checks of the bundled example corpus itself (examples/), independent of the rest of Storyline.

The demo and the tests of every stage rely on ``examples/expected.json`` being true to the files: each title it
names must be exactly one article, every quote and claim it cites must be in that article's text, and the WARC
archive must be what ``examples/build_warc.py`` builds from the pages kept beside it.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
from warcio.archiveiterator import ArchiveIterator

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CORPUS = EXAMPLES / "corpus"
WARC_FILE = CORPUS / "warc" / "crawl.warc.gz"
RSS_FIELDS = ("title", "link", "guid", "pubDate", "dc:creator", "content:encoded")
JSONL_FIELDS = {"id", "title", "text", "url", "outlet", "published", "author", "language"}


@dataclass
class Found:
    """One article as read straight from its file, with only the standard library and the format's parser."""

    title: str
    text: str
    outlet: str | None
    published: str | None  # YYYY-MM-DD where the format carries a date
    url: str | None
    file: str
    format: str


class _PageParser(HTMLParser):
    """Collects the meta tags, the canonical link and the paragraphs inside <article>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.paragraphs: list[str] = []
        self._article_depth = 0
        self._in_p = False
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key and "content" in attrs:
                self.meta[key] = attrs["content"]
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs.get("href")
        elif tag == "article":
            self._article_depth += 1
        elif tag == "p" and self._article_depth:
            self._in_p, self._buffer = True, []

    def handle_endtag(self, tag):
        if tag == "article":
            self._article_depth -= 1
        elif tag == "p" and self._in_p:
            self._in_p = False
            self.paragraphs.append(" ".join("".join(self._buffer).split()))

    def handle_data(self, data):
        if self._in_p:
            self._buffer.append(data)


def _read_page(raw: bytes, file: str, fmt: str) -> Found:
    parser = _PageParser()
    parser.feed(raw.decode("utf-8"))
    meta = parser.meta
    return Found(
        title=meta["og:title"],
        text="\n\n".join(parser.paragraphs),
        outlet=meta.get("og:site_name"),
        published=meta["article:published_time"][:10],
        url=parser.canonical,
        file=file,
        format=fmt,
    )


def _read_text(path: Path) -> Found:
    raw = path.read_text(encoding="utf-8")
    fmt = "markdown" if path.suffix == ".md" else "text"
    name = str(path.relative_to(CORPUS))
    if raw.startswith("---\n"):
        header, body = raw[4:].split("\n---\n", 1)
        fields = dict(line.split(": ", 1) for line in header.splitlines())
        return Found(
            fields["title"], body.strip(), fields["outlet"], fields["published"][:10], fields["url"], name, fmt
        )
    title, body = raw.split("\n", 1)
    return Found(title.strip(), body.strip(), None, None, None, name, fmt)


def _read_feed(path: Path) -> list[Found]:
    feed = feedparser.parse(str(path))
    assert not feed.bozo, f"{path.name}: {feed.get('bozo_exception')}"
    found = []
    for entry in feed.entries:
        paragraphs = re.findall(r"<p>(.*?)</p>", entry.content[0].value, flags=re.S)
        found.append(
            Found(
                title=entry.title,
                text="\n\n".join(html.unescape(p) for p in paragraphs),
                outlet=feed.feed.title,
                published=parsedate_to_datetime(entry.published).date().isoformat(),
                url=entry.link,
                file=str(path.relative_to(CORPUS)),
                format="rss",
            )
        )
    return found


def _read_jsonl(path: Path) -> list[Found]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        found.append(
            Found(
                record["title"],
                record["text"],
                record["outlet"],
                record["published"][:10],
                record["url"],
                str(path.relative_to(CORPUS)),
                "jsonl",
            )
        )
    return found


def _warc_records(path: Path) -> list[tuple]:
    """Every record as (WARC headers, HTTP status line and headers, payload bytes)."""
    records = []
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            http = (record.http_headers.statusline, record.http_headers.headers) if record.http_headers else None
            records.append((record.rec_headers.headers, http, record.content_stream().read()))
    return records


def _read_warc(path: Path) -> list[Found]:
    found = []
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                page = _read_page(record.content_stream().read(), str(path.relative_to(CORPUS)), "warc")
                assert page.url == record.rec_headers.get_header("WARC-Target-URI")
                found.append(page)
    return found


@pytest.fixture(scope="module")
def corpus() -> list[Found]:
    found = [_read_text(p) for p in sorted((CORPUS / "text").glob("*")) if p.suffix in {".txt", ".md"}]
    found += [
        _read_page(p.read_bytes(), str(p.relative_to(CORPUS)), "html") for p in sorted((CORPUS / "html").glob("*.html"))
    ]
    for path in sorted((CORPUS / "feeds").glob("*.xml")):
        found += _read_feed(path)
    for path in sorted((CORPUS / "jsonl").glob("*.jsonl")):
        found += _read_jsonl(path)
    found += _read_warc(WARC_FILE)
    return found


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def by_title(corpus) -> dict[str, Found]:
    return {article.title: article for article in corpus}


def test_corpus_is_big_and_varied_enough(corpus):
    outlets = {article.outlet for article in corpus if article.outlet}
    formats = {article.format for article in corpus}
    assert len(corpus) >= 16
    assert len(outlets) >= 5
    assert formats == {"text", "markdown", "html", "rss", "jsonl", "warc"}


def test_every_expected_title_is_exactly_one_article(corpus, expected):
    titles = [article.title for article in corpus]
    duplicated = {title for title in titles if titles.count(title) > 1}
    assert not duplicated, f"titles used by more than one article: {duplicated}"
    in_events = [title for event in expected["events"] for title in event["titles"]]
    assert len(in_events) == len(set(in_events)), "an article is listed in two events"
    assert set(in_events) == set(titles)
    for group in expected["copy_groups"]:
        assert set(group["titles"]) <= set(titles)


def test_expected_article_metadata_matches_the_files(by_title, expected):
    assert {a["title"] for a in expected["articles"]} == set(by_title)
    for gold in expected["articles"]:
        found = by_title[gold["title"]]
        assert (found.file, found.format) == (gold["file"], gold["format"]), gold["title"]
        for name in ("outlet", "published", "url"):
            value = getattr(found, name)
            if value is not None:  # plain text files carry no metadata of their own
                assert value == gold[name], (gold["title"], name)


def test_articles_are_news_length_and_events_span_formats_and_outlets(by_title, expected):
    for title, article in by_title.items():
        assert 150 <= len(article.text.split()) <= 450, title
    gold = {a["title"]: a for a in expected["articles"]}
    for event in expected["events"]:
        assert len({by_title[t].format for t in event["titles"]}) >= 2, event["name"]
        assert len({gold[t]["outlet"] for t in event["titles"]}) >= 2, event["name"]


def test_quotes_claims_and_changed_sentences_are_verbatim(by_title, expected):
    for quote in expected["quotes"]:
        for title in quote["titles"]:
            assert quote["text"] in by_title[title].text, (quote["speaker"], title)
    for disagreement in expected["disagreements"]:
        event = next(e for e in expected["events"] if e["name"] == disagreement["event"])
        for title, claim in disagreement["claims"].items():
            assert title in event["titles"]
            assert claim in by_title[title].text, title
    for group in expected["copy_groups"]:
        for title, sentence in group["changed_meaning"].items():
            assert sentence in by_title[title].text, title
            others = set(group["titles"]) - {title}
            assert all(sentence not in by_title[other].text for other in others if other not in group["exact"])


def test_wire_copies_are_exact_and_edited_as_described(by_title, expected):
    group = expected["copy_groups"][0]
    canonical = by_title[group["canonical"]].text
    for title in group["exact"]:
        assert by_title[title].text == canonical
    for title in group["edited"]:
        edited = by_title[title].text
        edits = group["edits"][title]
        assert edited != canonical
        assert edits["inserted_paragraph"] in edited and edits["inserted_paragraph"] not in canonical
        for sentence in edits["dropped_sentences"] + edits["trimmed_ending"]:
            assert sentence in canonical and sentence not in edited
        percent = re.compile(r"\bpercent\b")  # the house style of the edited copy writes "per cent"
        assert percent.search(canonical) and not percent.search(edited) and " per cent" in edited


def test_feed_items_carry_every_field():
    for path in sorted((CORPUS / "feeds").glob("*.xml")):
        raw = path.read_text(encoding="utf-8")
        items = re.findall(r"<item>(.*?)</item>", raw, flags=re.S)
        assert 3 <= len(items) <= 4
        for item in items:
            for field in RSS_FIELDS:
                assert f"<{field}" in item, (path.name, field)
        for entry in feedparser.parse(str(path)).entries:
            parsedate_to_datetime(entry.published)  # RFC 822 dates


def test_jsonl_records_have_exactly_the_documented_fields():
    for path in sorted((CORPUS / "jsonl").glob("*.jsonl")):
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        assert 3 <= len(records) <= 5
        for record in records:
            assert set(record) == JSONL_FIELDS
        assert len({r["id"] for r in records}) == len(records)


def test_warc_rebuilds_to_the_same_records(tmp_path):
    rebuilt = tmp_path / "crawl.warc.gz"
    subprocess.run(
        [sys.executable, str(EXAMPLES / "build_warc.py"), "--output", str(rebuilt)], check=True, capture_output=True
    )
    committed = _warc_records(WARC_FILE)
    assert _warc_records(rebuilt) == committed
    types = [dict(headers)["WARC-Type"] for headers, _, _ in committed]
    assert types[0] == "warcinfo" and types.count("response") == types.count("request") >= 3
    payloads = {payload for headers, _, payload in committed if dict(headers)["WARC-Type"] == "response"}
    assert payloads == {page.read_bytes() for page in (EXAMPLES / "warc-pages").glob("*.html")}


def test_urls_are_invented_and_folder_is_small():
    allowed_non_example = {"purl.org", "www.w3.org", "schema.org"}  # XML and schema namespaces, not links
    total = 0
    for path in EXAMPLES.rglob("*"):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        total += path.stat().st_size
        if path.suffix in {".gz"}:
            continue
        for host in re.findall(r"https?://([^/\s\"'<>)\]?]+)", path.read_text(encoding="utf-8")):
            assert host.endswith(".example") or host in allowed_non_example, (path.name, host)
    assert total < 300_000
