"""Bad inputs: one clear problem each, the rest of the batch still read."""

import gzip
import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.ingest import read_paths
from storyline.model import Article, Problem

GOOD = "The ferry strike ended on Sunday after two weeks. Unions and owners agreed a new wage deal for all crews."


def read_all(*paths, **options):
    items = list(read_paths(paths, **options))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Problem)]


def problem_for(path, **options) -> str:
    articles, problems = read_all(path, **options)
    assert not articles and len(problems) == 1, problems
    assert problems[0].source.startswith(str(path))
    return problems[0].message


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n\n")
    assert problem_for(tmp_path / "empty.txt") == "empty file"


def test_binary_garbage(tmp_path):
    (tmp_path / "noise.bin").write_bytes(bytes(range(256)) * 40)
    assert "binary" in problem_for(tmp_path / "noise.bin")


def test_truncated_gzip(tmp_path):
    data = gzip.compress(("\n".join([f'{{"id": "r{n}", "text": "{GOOD}"}}' for n in range(50)])).encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    assert "truncated or damaged gzip" in problem_for(tmp_path / "cut.jsonl.gz")


def _warc(count: int) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for n in range(count):
        html = (
            f"<html><body><article><h1>Strike day {n}</h1><p>{GOOD} Day {n} of the report.</p></article></body></html>"
        )
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://port-news.example/strike-{n}",
                "response",
                payload=io.BytesIO(html.encode()),
                http_headers=headers,
            )
        )
    return buffer.getvalue()


def test_truncated_warc_keeps_the_records_before_the_damage(tmp_path):
    whole = _warc(6)
    (tmp_path / "cut.warc.gz").write_bytes(whole[: int(len(whole) * 0.7)])
    articles, problems = read_all(tmp_path / "cut.warc.gz")
    assert 1 <= len(articles) < 6
    assert len(problems) == 1 and "truncated or damaged" in problems[0].message


def test_warc_that_is_garbage(tmp_path):
    (tmp_path / "bad.warc.gz").write_bytes(b"\x1f\x8b" + b"\x00garbage" * 50)
    assert "WARC" in problem_for(tmp_path / "bad.warc.gz")


def test_broken_html_still_gives_its_text(tmp_path):
    (tmp_path / "broken.html").write_text(f"<html><body><div><p>{GOOD}<p>Unclosed <b>tags {GOOD}</div></span>")
    articles, problems = read_all(tmp_path / "broken.html")
    assert not problems and "ferry strike ended" in articles[0].text


def test_html_without_text(tmp_path):
    (tmp_path / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert "no article text" in problem_for(tmp_path / "nav.html")


def test_invalid_json_lines_are_reported_and_the_rest_read(tmp_path):
    (tmp_path / "mixed.jsonl").write_text(
        f'{{"id": "a", "text": "{GOOD}"}}\n{{"id": "b", "text": \n[1, 2]\n{{"id": "c", "title": "No text"}}\n'
        f'{{"id": "d", "text": "{GOOD} Second."}}\n'
    )
    articles, problems = read_all(tmp_path / "mixed.jsonl")
    assert [a.id for a in articles] == ["a", "d"]
    assert [p.source.rsplit(":", 1)[1] for p in problems] == ["2", "3", "4"]
    assert "invalid JSON line" in problems[0].message and "no text" in problems[2].message


def test_invalid_json_file(tmp_path):
    (tmp_path / "bad.json").write_text('{"id": "x", "text": ')
    assert problem_for(tmp_path / "bad.json").startswith("invalid JSON at line 1")


def test_wrong_encoding_is_detected(tmp_path):
    text = "Le maire a déclaré que la grève était terminée. Les équipes reprennent le travail à Nantes dès lundi."
    (tmp_path / "latin1.txt").write_bytes(text.encode("latin-1"))
    articles, problems = read_all(tmp_path / "latin1.txt")
    assert not problems and "déclaré" in articles[0].text


def test_file_over_the_size_limit(tmp_path):
    (tmp_path / "huge.txt").write_text(GOOD * 100)
    message = problem_for(tmp_path / "huge.txt", max_file_bytes=1000)
    assert "over the limit of 1,000" in message


def test_unreadable_paths(tmp_path):
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    assert problem_for(tmp_path / "dangling") == "no such file or directory"
    (tmp_path / "empty_dir").mkdir()
    assert problem_for(tmp_path / "empty_dir") == "directory holds no files"


def test_one_bad_file_never_stops_the_batch(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.bin").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "c.txt").write_text(GOOD + " Crews returned to work on Monday.")
    articles, problems = read_all(tmp_path)
    assert [a.id for a in articles] == ["a", "c"] and len(problems) == 1
