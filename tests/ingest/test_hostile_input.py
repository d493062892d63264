"""Inputs made to break readers: every one gives one problem line naming it, and the rest of the batch is read."""

import gzip
import io
import os
import stat
import sys
import time

import pytest

from storyline.cli import main
from storyline.ingest import Limits, read_paths
from storyline.model import Article, Problem
from tests.ingest.warcs import make_warc

GOOD = "The ferry strike ended on Sunday after two weeks. Unions and owners agreed a new wage deal for all crews."
FEED_ITEM = f"<item><title>Strike over</title><description>{GOOD}</description></item>"


def read_all(*paths, **options):
    items = list(read_paths(paths, **options))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Problem)]


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def write(folder, name, data: bytes):
    (folder / name).write_bytes(data)
    return folder / name


def one_problem(path, **options) -> str:
    articles, problems = read_all(path, **options)
    assert not articles and len(problems) == 1, (articles, problems)
    return problems[0].message


@pytest.mark.parametrize(
    "name, data",
    [
        ("empty-elements.xml", b"<rss <item<title</content:encoded>"),
        (
            "bad-declaration.xml",
            b'<?xml version="1.0" encoding="ut\xfff-8"?><rss version="2.0"><channel>'
            + FEED_ITEM.encode()
            + b"</channel></rss>",
        ),
        (
            "surrogate.xml",
            b'<rss version="2.0"><channel><item><title>a&#xd800;b</title><description>'
            + GOOD.encode()
            + b"</description></item></channel></rss>",
        ),
        ("deep.json", b"[" * 5000 + b"]" * 5000),
        ("overflow.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999999999999999999999\r\n\r\nx"),
        ("negative.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: -5\r\n\r\n"),
    ],
)
def test_a_hostile_file_is_one_problem_and_the_batch_goes_on(tmp_path, capsys, name, data):
    (tmp_path / "in").mkdir()
    write(tmp_path / "in", name, data)
    write(tmp_path / "in", "z-good.txt", GOOD.encode())
    code, out, err = run(capsys, "ingest", tmp_path / "in", "--db", tmp_path / "s.db")
    assert code == 1 and "1 stored" in out, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and "Traceback" not in err


def test_lone_surrogates_in_json_are_replaced_not_fatal(tmp_path):
    write(
        tmp_path,
        "a.json",
        b'{"id": "s\\ud800", "title": "T\\udfff", "text": "Lone \\ud800 mark. ' + GOOD.encode() + b'"}',
    )
    articles, problems = read_all(tmp_path / "a.json")
    assert not problems and "\ufffd" in articles[0].text
    articles[0].text.encode("utf-8")  # storable and printable


def test_json_nested_too_deep_in_jsonl_loses_only_its_line(tmp_path):
    write(
        tmp_path,
        "deep.jsonl",
        f'{{"id": "a", "text": "{GOOD}"}}\n'.encode()
        + b"[" * 5000
        + b"]" * 5000
        + f'\n{{"id": "b", "text": "{GOOD} Again."}}\n'.encode(),
    )
    articles, problems = read_all(tmp_path / "deep.jsonl")
    assert [a.id for a in articles] == ["a", "b"]
    assert [p.source for p in problems] == [f"{tmp_path / 'deep.jsonl'}:2"]
    assert "max_json_depth" in problems[0].message


def test_non_utf8_and_control_characters_in_file_names(tmp_path, capsys):
    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as handle:
        handle.write(GOOD.encode())
    with open(os.path.join(folder, b"two\nlines\x1b[31m.json"), "wb") as handle:
        handle.write(b"[1, 2")
    code, out, err = run(capsys, "ingest", tmp_path / "in", "--db", tmp_path / "s.db")
    assert code == 1 and "1 stored" in out
    assert len(err.strip().splitlines()) == 1 and "two\\nlines\\x1b[31m.json" in err and "\x1b" not in err
    code, out, _ = run(capsys, "articles", "--db", tmp_path / "s.db", "--json")
    assert "caf\\\\xe9.txt" in out  # the undecodable byte shown, not lost


def _warc(count: int, *, gz: bool = True) -> bytes:
    nav = "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    return make_warc(
        [
            (
                f"https://port-news.example/strike-{n}",
                f"<html><body>{nav}<article><h1>Strike day {n}</h1>"
                + f"<p>{GOOD} Day {n} of the report.</p>" * 30
                + "</article></body></html>",
            )
            for n in range(count)
        ],
        gz=gz,
    )


def test_a_truncated_warc_record_is_not_taken_for_an_article(tmp_path):
    whole = _warc(1, gz=False)
    write(tmp_path, "cut.warc", whole[: len(whole) // 2])
    articles, problems = read_all(tmp_path / "cut.warc")
    assert not articles and len(problems) == 1 and "cut short" in problems[0].message


def test_warcio_warnings_are_one_problem_naming_the_file(tmp_path, capfd):
    first, second = _warc(1, gz=False), _warc(1, gz=False).replace(b"strike-0", b"strike-1")
    write(tmp_path, "joined.warc", first.rstrip(b"\r\n") + b"XX\r\n\r\n" + second)
    _articles, problems = read_all(tmp_path / "joined.warc")
    assert "WARNING" not in capfd.readouterr().err
    assert any("joined.warc" in p.source and "Content-Length" in p.message for p in problems)


def test_a_warc_header_line_too_long_is_refused_within_bounded_memory(tmp_path):
    data = b"WARC/1.0\r\nWARC-Type: response\r\nX-Long: " + b"a" * 3_000_000 + b"\r\n\r\n"
    write(tmp_path, "long.warc.gz", gzip.compress(data))
    message = one_problem(tmp_path / "long.warc.gz", limits=Limits(max_line_bytes=1_000_000))
    assert "max_line_bytes" in message


def test_many_warc_header_lines_are_refused(tmp_path):
    data = b"WARC/1.0\r\nWARC-Type: response\r\n" + b"X-A: b\r\n" * 30_000 + b"\r\n"
    write(tmp_path, "many.warc.gz", gzip.compress(data))
    assert "max_line_bytes" in one_problem(tmp_path / "many.warc.gz", limits=Limits(max_line_bytes=100_000))


def test_gzip_bomb_is_refused_at_the_decompressed_limit(tmp_path):
    write(tmp_path, "bomb.txt.gz", gzip.compress(b"word " * 2_000_000))
    assert "max_decompressed_bytes" in one_problem(
        tmp_path / "bomb.txt.gz", limits=Limits(max_decompressed_bytes=1_000_000)
    )


def test_a_long_line_is_refused(tmp_path):
    write(tmp_path, "wide.txt", b"word " * 300_000)
    assert "max_line_bytes" in one_problem(tmp_path / "wide.txt", limits=Limits(max_line_bytes=100_000))


def test_damaged_input_that_yields_nothing_says_so(tmp_path):
    write(tmp_path, "empty-list.json", b"[]")
    write(tmp_path, "blank.jsonl", b"\n\n   \n{}\n")
    write(tmp_path, "requests.warc", _warc(1, gz=False).replace(b"WARC-Type: response", b"WARC-Type: request"))
    articles, problems = read_all(tmp_path)
    assert not articles and {p.source.rsplit("/", 1)[-1].split(":")[0] for p in problems} == {
        "empty-list.json",
        "blank.jsonl",
        "requests.warc",
    }


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_subfolder_is_reported(tmp_path):
    write(tmp_path, "a.txt", GOOD.encode())
    (tmp_path / "locked").mkdir()
    write(tmp_path / "locked", "b.txt", GOOD.encode())
    (tmp_path / "locked").chmod(0)
    try:
        articles, problems = read_all(tmp_path)
    finally:
        (tmp_path / "locked").chmod(stat.S_IRWXU)
    assert len(articles) == 1 and len(problems) == 1 and "locked" in problems[0].source


def test_an_unlistable_subfolder_is_reported_even_as_root(tmp_path, monkeypatch):
    write(tmp_path, "a.txt", GOOD.encode())
    (tmp_path / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path="."):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    articles, problems = read_all(tmp_path)
    assert len(articles) == 1 and len(problems) == 1 and "Permission denied" in problems[0].message


def test_a_fifo_without_writer_and_a_device_do_not_block(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    started = time.monotonic()
    assert one_problem(tmp_path / "pipe") == "empty file"
    assert "not a regular file" in one_problem("/dev/zero")
    assert time.monotonic() - started < 5


def test_stdin_obeys_the_size_limit(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GOOD.encode() * 100)))
    code, _, err = run(capsys, "read", "-", "--max-file-bytes", "1000")
    assert code == 1 and "<stdin>: input is over the limit of 1,000 bytes" in err


def test_a_huge_html_page_gets_the_cheap_extraction(tmp_path):
    page = (
        "<html><head><title>Long page</title></head><body><nav>Home</nav><article>"
        + "".join(f"<p>Paragraph {n}: {GOOD}</p>" for n in range(3000))
        + "</article></body></html>"
    )
    write(tmp_path, "long.html", page.encode())
    started = time.process_time()
    articles, problems = read_all(tmp_path / "long.html", limits=Limits(html_full_extraction_tags=1000))
    assert not problems and articles[0].title == "Long page" and "Paragraph 2999" in articles[0].text
    assert "Home" not in articles[0].text
    assert time.process_time() - started < 10


def test_reading_too_long_is_stopped_and_the_batch_goes_on(tmp_path, monkeypatch):
    import storyline.ingest as ingest

    real = ingest.read_text

    def slow(text, path, **options):
        if "slow" in path:
            time.sleep(5)
        return real(text, path, **options)

    monkeypatch.setattr(ingest, "read_text", slow)
    write(tmp_path, "a-slow.txt", GOOD.encode())
    write(tmp_path, "b.txt", GOOD.encode())
    started = time.monotonic()
    articles, problems = read_all(tmp_path, limits=Limits(seconds_per_file=0.5))
    assert time.monotonic() - started < 4
    assert [a.id for a in articles] == ["b"] and "seconds_per_file" in problems[0].message


def test_limits_come_from_settings(tmp_path, capsys, monkeypatch):
    write(
        tmp_path, "deep.json", b'{"id": "x", "text": "' + GOOD.encode() + b'", "extra": ' + b"[" * 30 + b"]" * 30 + b"}"
    )
    assert run(capsys, "read", tmp_path / "deep.json")[0] == 0
    monkeypatch.setenv("STORYLINE_MAX_JSON_DEPTH", "10")
    code, _, err = run(capsys, "read", tmp_path / "deep.json")
    assert code == 1 and "max_json_depth" in err
