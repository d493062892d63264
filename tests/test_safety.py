"""Outputs safe to render and to print: article text never becomes markup, links or terminal commands."""

import html
import json
import re
import socket

import markdown
import pytest
from markdown_it import MarkdownIt

from storyline.api import _file_names
from storyline.cli import main
from storyline.model import Article, CopyGroup, Event, EventDigest, Summary, SummarySentence, Variant
from storyline.render import digest_to_markdown
from storyline.safety import md_link, md_text, printable

TEXT = "The harbour crew went on strike over a wage deal on Monday morning in the port of Ostwick. "
HOSTILE = [
    {
        "id": "h1",
        "title": "x](javascript:alert(4)) [",
        "url": "javascript:alert(1)",
        "outlet": "<img src=x onerror=alert(2)>",
        "author": "<script>alert(3)</script>",
        "published": "2024-03-01",
        "text": TEXT + "<script>alert(5)</script> and [click](javascript:alert(6)) and ![i](data:text/html,x).",
    },
    {
        "id": "h2\n# injected heading",
        "title": "<b onmouseover=alert(7)>Bold</b>",
        "url": "data:text/html,<script>",
        "outlet": "\x1b[31mRed Outlet\x1b]0;title\x07",
        "published": "2024-03-01",
        "text": TEXT + "Second version.\n\n# Fake heading\n\n<iframe src=javascript:alert(8)></iframe>\n\n* list\n\n"
        "> quote",
    },
    {
        "id": "h3\x00nul",
        "title": "Title with `code` and *stars* and \x00 NUL",
        "url": 'https://ok.example/a(b)c"<x>',
        "outlet": "Plain",
        "published": "2024-03-02",
        "text": TEXT + "Third text <a href=javascript:alert(9)>link</a>.",
    },
]
ALLOWED_TAGS = {"p", "h1", "h2", "h3", "ol", "ul", "li", "a", "code", "em", "strong", "br", "hr"}


def markup_problems(html_text: str) -> list[str]:
    """Tags, attributes and links in rendered HTML that Storyline did not write itself."""
    found = []
    for tag, attributes in re.findall(r"<(\w+)([^>]*)>", html_text):
        if tag.lower() not in ALLOWED_TAGS:
            found.append(f"tag {tag}")
        for name, value in re.findall(r'([\w-]+)="([^"]*)"', attributes):
            if name != "href" or not value.startswith(("http://", "https://", "events/")):
                found.append(f"{tag} {name}={value}")
    for heading in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", html_text, re.DOTALL):
        if "injected" in heading or "Fake heading" in heading:
            found.append(f"heading {heading}")
    return found


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def hostile_digest(tmp_path, capsys):
    source = tmp_path / "hostile.jsonl"
    source.write_text("".join(json.dumps(record) + "\n" for record in HOSTILE))
    code, _out, err = run(capsys, "digest", source, "--db", tmp_path / "s.db", "--out", tmp_path / "out")
    assert code == 0, err
    return tmp_path


def rendered(text: str) -> list[str]:
    return [markdown.markdown(text), MarkdownIt("commonmark").render(text), MarkdownIt().render(text)]


def test_hostile_articles_leave_no_markup_in_rendered_digests(hostile_digest):
    pages = sorted((hostile_digest / "out").rglob("*.md"))
    assert len(pages) >= 2
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", text), page
        for html_text in rendered(text):
            assert not markup_problems(html_text), (page, markup_problems(html_text))


def test_a_title_cannot_break_out_of_its_link():
    article = Article(id="a", text=TEXT, title="x](javascript:alert(4)) [", url="https://ok.example/story")
    for html_text in rendered("1. " + md_link(article.title, article.url)):
        assert html_text.count("<a ") == 1 and 'href="https://ok.example/story"' in html_text
        assert "x](javascript:alert(4)) [</a>" in html_text


@pytest.mark.parametrize(
    "text",
    [
        "# heading",
        "1. item",
        "- item",
        "+ item",
        "> quote",
        "===",
        "---",
        "<p>x</p>",
        "    code",
        "`x`",
        "[a]: http://e.example",
        "a | b",
        "&amp; &lt;",
    ],
)
def test_markdown_text_renders_as_the_same_literal_text(text):
    for html_text in rendered(md_text(text)):
        inner = re.sub(r"^<p>|</p>\s*$", "", html_text.strip())
        assert "<" not in inner and html.unescape(inner) == text.strip()


def test_terminal_output_has_no_escape_sequences(hostile_digest, capsys):
    db = hostile_digest / "s.db"
    for argv in (
        ("articles", "--db", db),
        ("articles", "--json", "--db", db),
        ("search", "harbour", "--db", db),
        ("read", hostile_digest / "hostile.jsonl"),
        ("read", "--json", hostile_digest / "hostile.jsonl"),
    ):
        code, out, err = run(capsys, *argv)
        assert code == 0
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out + err), argv
        assert all(len(line.split("\t")) in (2, 4) or line.startswith("{") for line in out.splitlines()), argv
    source = hostile_digest / "hostile.jsonl"
    for argv in (
        ("events", source),
        ("events", "--json", source),
        ("dedup", "--explain", source),
        ("dedup", "--json", source),
        ("summarize", source),
        ("summarize", "--format", "json", source),
    ):
        code, out, err = run(capsys, *argv)
        assert code == 0 and not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out + err), argv


def test_problem_messages_have_no_escape_sequences(tmp_path, capsys):
    (tmp_path / "bad\x1b[2J.json").write_text("[1,")
    code, _, err = run(capsys, "read", tmp_path / "bad\x1b[2J.json")
    assert code == 1 and "\x1b" not in err and "\\x1b[2J" in err


def test_printable_shows_what_it_hides():
    assert printable("a\x1b[31mb\nc\u202e") == "a\\x1b[31mb\\nc\\u202e"


def test_an_article_missing_from_its_event_is_simply_not_numbered():
    a, _b = (Article(id=i, text=TEXT, title=f"Title {i}", published="2024-03-01") for i in ("a", "b"))
    event = Event("e1", "Strike", "2024-03-01", "2024-03-01", ["a"])
    digest = EventDigest(
        event,
        Summary("Strike", [SummarySentence("Crews struck.", [])]),
        [a],
        [CopyGroup("g1", ["b", "a"], "b", {"a": 0.9})],
        variants={"g1": [Variant(article_id="a", canonical_id="b", same=3)]},
    )
    text = digest_to_markdown(digest)  # the copy group's original is in another event: no KeyError
    assert "1. Title a" in text and "Title b" not in text


def test_output_file_names_stay_in_their_folder_and_never_collide():
    titles = [
        "../../etc/passwd",
        "/abs/path",
        "CON",
        "nul",
        "x" * 500,
        "Déjà vu — 日本語のニュース",
        "Same",
        "same",
        "SAME",
        "",
        "..",
        'a/b\\c:d*e?f"g<h>i|j',
    ]
    digests = [
        EventDigest(Event(f"e{n}/..", title, "../2024", None, []), Summary(title, []), [], [])
        for n, title in enumerate(titles)
    ]
    names = _file_names(digests).values()
    assert len({name.casefold() for name in names}) == len(titles)
    for name in names:
        folder, _, base = name.partition("/")
        assert folder == "events" and "/" not in base and "\\" not in base and ".." not in base
        assert 0 < len((base + ".json").encode()) < 200 and re.fullmatch(r"[\w~-]+", base)


@pytest.mark.parametrize("out", ["/proc/storyline-out", "missing-parent/out", "afile.txt", "afile.txt/out"])
def test_unusable_output_folders_are_usage_errors_before_any_work(tmp_path, capsys, monkeypatch, out):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile.txt").write_text("x")
    (tmp_path / "a.txt").write_text(TEXT * 3)
    code, _, err = run(capsys, "digest", "a.txt", "--db", "s.db", "--out", out)
    assert code == 2 and out in err and "internal error" not in err
    assert not (tmp_path / "s.db").exists()  # refused before the store was touched


def test_no_command_uses_the_network(tmp_path, capsys, monkeypatch, hostile_digest):
    def refuse(*args, **kwargs):
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    feed = tmp_path / "xxe.xml"
    feed.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "http://evil.example/x">]>'
        '<rss version="2.0"><channel><item><title>&x;</title><link>http://evil.example/a</link>'
        f"<description>{TEXT}</description></item></channel></rss>"
    )
    page = tmp_path / "page.html"
    page.write_text(
        f'<html><head><link rel="stylesheet" href="http://evil.example/s.css"></head><body><article>'
        f'<img src="http://evil.example/i.png"><p>{TEXT}</p><p>{TEXT}</p></article></body></html>'
    )
    db = tmp_path / "net.db"
    for argv in (
        ("read", "http://evil.example/article.html"),
        ("read", feed, page),
        ("ingest", feed, page, hostile_digest / "hostile.jsonl", "--db", db),
        ("digest", "--db", db, "--out", tmp_path / "net-out"),
        ("search", "harbour", "--db", db),
        ("events", feed, page),
        ("dedup", feed, page),
        ("summarize", feed, page),
        ("rebuild", "--db", db),
    ):
        code, _, err = run(capsys, *argv)
        assert code in (0, 1) and "network connection" not in err and "internal error" not in err, (argv, err)
