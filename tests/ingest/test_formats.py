"""Each input format read into clean articles with their metadata (invented texts written for these tests)."""

import gzip
import json

from storyline.ingest import detect_format, read_paths
from storyline.model import Article, Problem
from tests.ingest.warcs import make_warc

BODY = (
    "The Lakeside council closed the Elm Street bridge on Monday after inspectors found a crack in a support "
    'beam. "We will not take chances with public safety," said Mayor Ines Varga. Repairs are expected to '
    "take six weeks and cost 2.4 million euros, the council said."
)

PAGE = f"""<!doctype html><html lang="en"><head><title>Bridge closed | Lakeside Post</title>
<meta property="og:title" content="Elm Street bridge closed after crack found">
<meta property="og:site_name" content="Lakeside Post"><meta name="author" content="Tom Berger">
<meta property="article:published_time" content="2026-03-02T08:00:00Z">
<link rel="canonical" href="https://lakeside-post.example/news/elm-street-bridge-closed"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Elm Street bridge closed after crack found</h1><p>{BODY}</p>
<p>Drivers were told to use the Harbor Road detour, which adds about ten minutes to the trip.</p></article>
<div class="share">Share on Facebook</div><footer>© 2026 Lakeside Post. All rights reserved.</footer></body></html>"""


def read_one(path) -> Article:
    items = list(read_paths([path]))
    assert [type(item) for item in items] == [Article], items
    return items[0]


def test_text_with_front_matter(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(
        f"---\nid: lp-17\ntitle: Bridge closed\noutlet: Lakeside Post\npublished: 2026-03-02\n"
        f"author: Tom Berger\nurl: https://lakeside-post.example/a\n---\n\n{BODY}\n"
    )
    article = read_one(path)
    assert (article.id, article.title, article.outlet, article.author) == (
        "lp-17",
        "Bridge closed",
        "Lakeside Post",
        "Tom Berger",
    )
    assert (article.published, article.date_source) == ("2026-03-02", "field")
    assert article.text == BODY and article.language == "en"


def test_plain_text_headline_is_the_title_only_when_it_reads_as_one(tmp_path):
    with_headline = tmp_path / "a.txt"
    with_headline.write_text(f"Elm Street bridge closed after crack found\n\n{BODY}\n")
    article = read_one(with_headline)
    assert (article.title, article.title_source) == ("Elm Street bridge closed after crack found", "headline")
    assert article.text == BODY

    sentence_per_line = tmp_path / "APW20260302.0042"
    lines = [
        "The Lakeside council closed the Elm Street bridge on Monday.",
        "Repairs will take six weeks.",
        "Drivers must use a detour.",
    ]
    sentence_per_line.write_text("\n".join(lines) + "\n")
    article = read_one(sentence_per_line)
    assert article.title is None
    assert article.text.split("\n\n") == lines
    assert (article.published, article.date_source) == ("2026-03-02", "filename")


def test_markdown_heading_is_the_title(tmp_path):
    path = tmp_path / "note.md"
    path.write_text(f"# Bridge closed\n\n**Lakeside** council news.\n\n{BODY}\n")
    article = read_one(path)
    assert article.title == "Bridge closed"
    assert article.text.startswith("Lakeside council news.")


def test_html_page_main_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    article = read_one(path)
    assert article.title == "Elm Street bridge closed after crack found"
    assert (article.outlet, article.author, article.language) == ("Lakeside Post", "Tom Berger", "en")
    assert (article.published, article.date_source) == ("2026-03-02", "html")
    assert article.url == "https://lakeside-post.example/news/elm-street-bridge-closed"
    assert article.id == "elm-street-bridge-closed"
    assert "Harbor Road detour" in article.text
    assert "Share on Facebook" not in article.text and "All rights reserved" not in article.text
    assert not article.text.startswith("Elm Street bridge closed")  # headline not repeated in the body


def test_json_and_jsonl_records_keep_their_ids(tmp_path):
    record = {
        "id": "wire-9",
        "title": "Bridge closed",
        "body": BODY,
        "source": "Coastline Press Agency",
        "date": "2026-03-02T10:00:00",
        "authors": ["A. Moss", "B. Lind"],
    }
    (tmp_path / "one.json").write_text(json.dumps(record))
    (tmp_path / "many.json").write_text(json.dumps({"articles": [record, {**record, "id": "wire-10"}]}))
    (tmp_path / "lines.jsonl").write_text("\n".join(json.dumps({**record, "id": f"l{n}"}) for n in range(3)))
    articles = [item for item in read_paths([tmp_path]) if isinstance(item, Article)]
    # one.json repeats wire-9 word for word: same id, same content, so it is read once
    assert sorted(a.id for a in articles) == ["l0", "l1", "l2", "wire-10", "wire-9"]
    first = next(a for a in articles if a.id == "wire-10")
    assert (first.outlet, first.published, first.date_source, first.author) == (
        "Coastline Press Agency",
        "2026-03-02",
        "field",
        "A. Moss, B. Lind",
    )


def test_gzipped_jsonl(tmp_path):
    path = tmp_path / "records.jsonl.gz"
    path.write_bytes(gzip.compress(json.dumps({"id": "z1", "text": BODY}).encode()))
    assert read_one(path).id == "z1"


RSS = f"""<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Valley Herald</title><link>https://vh.example</link>
<item><title>Bridge closed</title><link>https://vh.example/bridge</link><guid>vh-101</guid>
<pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate><dc:creator>Ana Ruiz</dc:creator>
<content:encoded><![CDATA[<p>{BODY}</p><p>Drivers must use a detour.</p>]]></content:encoded></item>
<item><title>Short item</title><link>https://vh.example/short</link><description>Council meets again on Friday to
discuss the bridge repairs and their cost.</description><pubDate>Tue, 03 Mar 2026 09:00:00 GMT</pubDate></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>North Star</title>
<entry><title>Bridge closed</title><id>tag:ns.example,2026:7</id><updated>2026-03-02T12:00:00Z</updated>
<link href="https://ns.example/bridge"/><author><name>Lea Holm</name></author>
<content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry></feed>"""


def test_rss_and_atom_feeds(tmp_path):
    (tmp_path / "herald.xml").write_text(RSS)
    (tmp_path / "star.atom").write_text(ATOM)
    articles = [item for item in read_paths([tmp_path]) if isinstance(item, Article)]
    by_outlet = {}
    for article in articles:
        by_outlet.setdefault(article.outlet, []).append(article)
    herald = by_outlet["Valley Herald"]
    assert [a.id for a in herald] == ["vh-101", "short"]
    assert (herald[0].published, herald[0].date_source, herald[0].author) == ("2026-03-02", "feed", "Ana Ruiz")
    assert herald[0].text == BODY + "\n\nDrivers must use a detour."
    star = by_outlet["North Star"][0]
    assert (star.title, star.published, star.author) == ("Bridge closed", "2026-03-02", "Lea Holm")


def test_warc_html_responses(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    second = PAGE.replace("Elm Street", "Oak Lane").replace(
        '<meta property="article:published_time" content="2026-03-02T08:00:00Z">', ""
    )
    path.write_bytes(
        make_warc([("https://lakeside-post.example/elm", PAGE), ("https://lakeside-post.example/oak", second)])
    )
    assert detect_format(path.read_bytes()[:100], str(path)) == "warc"
    articles = list(read_paths([path]))
    assert [a.title for a in articles] == [
        "Elm Street bridge closed after crack found",
        "Oak Lane bridge closed after crack found",
    ]
    assert articles[0].date_source == "html"
    assert articles[1].published is not None  # the page has no date of its own: the crawl date or a page date


def test_format_detection_by_content_without_extension():
    assert detect_format(b"WARC/1.1\r\n", "noext") == "warc"
    assert detect_format(b"<?xml version='1.0'?><rss version='2.0'>", "noext") == "feed"
    assert detect_format(b"<!DOCTYPE html><html>", "noext") == "html"
    assert detect_format(b'{"id": 1}\n{"id": 2}\n', "noext") == "jsonl"
    assert detect_format(b'[{"id": 1}]', "noext") == "json"
    assert detect_format(b"Just some words.", "noext") == "text"


def test_directory_reading_skips_hidden_files_and_folder_docs(tmp_path):
    (tmp_path / "story.txt").write_text(BODY)
    (tmp_path / "README.md").write_text("# About this folder\n\nNotes for people, not an article.")
    (tmp_path / ".hidden.txt").write_text(BODY + " Hidden.")
    items = list(read_paths([tmp_path]))
    assert [item.id for item in items] == ["story"]


def test_the_same_id_for_different_articles_is_made_unique(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "story.txt").write_text(BODY)
    (tmp_path / "b" / "story.txt").write_text(BODY + " A later update added this sentence.")
    ids = [item.id for item in read_paths([tmp_path])]
    assert ids[0] == "story" and ids[1].startswith("story~") and len(set(ids)) == 2


def test_problems_are_reported_not_raised(tmp_path):
    items = list(read_paths([tmp_path / "missing.txt"]))
    assert items == [Problem(str(tmp_path / "missing.txt"), "no such file or directory")]
