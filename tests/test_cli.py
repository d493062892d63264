"""The command line as a user drives it: outputs, exit codes and messages."""

import json

import pytest

from storyline.cli import main
from tests.conftest import EXAMPLES

CORPUS = EXAMPLES / "corpus"


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_read_json_gives_one_object_per_article(capsys):
    code, out, err = run(capsys, "read", CORPUS / "jsonl", "--json")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and err == ""
    assert [r["id"] for r in records] == ["cpa-20260304-0388", "nep-88213", "nep-88240", "nep-88302"]
    assert all(r["date_source"] == "field" and r["outlet"] for r in records)


def test_seeds_are_read_with_titles_and_without_leftovers(capsys, seeds_dir):
    code, out, _ = run(capsys, "read", *sorted(seeds_dir.glob("*.txt")), "--json")
    articles = {record["id"][:3]: record for record in map(json.loads, out.splitlines())}
    assert code == 0 and sorted(articles) == ["000", "001", "002"]
    assert all(record["title"] for record in articles.values())
    assert "©" not in articles["001"]["text"] and "Chrystia Freeland (L)" not in articles["001"]["text"]
    assert "Published on" not in articles["002"]["text"]
    assert (articles["002"]["published"], articles["002"]["date_source"]) == ("2018-01-31", "dateline")


def test_ingest_then_list_then_reingest(tmp_path, capsys):
    db = tmp_path / "news.db"
    code, out, _ = run(capsys, "ingest", CORPUS, "--db", db)
    assert code == 0 and "20 articles read: 20 stored" in out
    code, out, _ = run(capsys, "ingest", CORPUS, "--db", db)
    assert code == 0 and "0 stored, 20 already in the store" in out
    code, out, _ = run(capsys, "articles", "--db", db, "--json")
    assert len(out.splitlines()) == 20


def test_some_inputs_failing_gives_exit_code_1_and_stores_the_rest(tmp_path, capsys):
    (tmp_path / "good.txt").write_text("The ferry strike ended on Sunday. Crews returned to work on Monday.")
    (tmp_path / "bad.jsonl").write_text("{not json}\n")
    db = tmp_path / "news.db"
    code, out, err = run(
        capsys, "ingest", tmp_path / "good.txt", tmp_path / "bad.jsonl", tmp_path / "gone.txt", "--db", db
    )
    assert code == 1 and "1 stored" in out
    assert f"storyline: {tmp_path / 'bad.jsonl'}:1: invalid JSON line" in err
    assert f"storyline: {tmp_path / 'gone.txt'}: no such file or directory" in err
    assert "Traceback" not in err


def test_usage_errors_give_exit_code_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["ingest"])
    assert exit_info.value.code == 2
    code, _, err = run(capsys, "articles", "--db", tmp_path / "missing.db")
    assert code == 2 and "no such store" in err
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("my notes " * 500)
    code, _, err = run(capsys, "ingest", CORPUS / "jsonl", "--db", not_a_db)
    assert code == 2 and "not a usable Storyline database" in err and "Traceback" not in err
    assert not_a_db.read_text().startswith("my notes")


def test_bad_config_is_a_usage_error(tmp_path, capsys):
    config = tmp_path / "storyline.toml"
    config.write_text("max_file_bytes = 'lots'\n")
    code, _, err = run(capsys, "--config", config, "read", CORPUS / "jsonl")
    assert code == 2 and "max_file_bytes" in err


def test_digest_writes_markdown_json_and_an_index(tmp_path, capsys):
    out_dir = tmp_path / "digest"
    code, out, _ = run(capsys, "digest", CORPUS, "--db", tmp_path / "news.db", "--out", out_dir)
    assert code == 0 and "index" in out
    index = json.loads((out_dir / "index.json").read_text())
    assert sum(len(event["articles"]) for event in index["events"]) == 20
    assert index["schema_version"] == 2
    for event in index["events"]:
        assert event["file"].endswith(".json")
        data = json.loads((out_dir / event["file"]).read_text())
        page = (out_dir / event["file"]).with_suffix(".md").read_text()
        assert page.startswith(f"# {event['title']}") and "## Sources" in page
        assert data["schema_version"] == 2 and data["summary"]["sentences"], event["title"]
        for sentence in data["summary"]["sentences"]:
            assert sentence["citations"] and all(c["article_id"] in event["articles"] for c in sentence["citations"])
            # The JSON alone lets a reader check each citation: the cited sentence's own text is there.
            assert all(c["text"] and len(c["text"]) == c["end"] - c["start"] for c in sentence["citations"])
    assert (out_dir / "index.md").read_text().startswith("# Events")


def test_diff_of_two_stored_articles_and_of_unknown_ids(tmp_path, capsys):
    db = tmp_path / "news.db"
    run(capsys, "ingest", CORPUS, "--db", db)
    code, out, _ = run(capsys, "diff", "cpa-20260305-0412", "reserve-bank-lifts-rates-again", "--db", db)
    assert code == 0 and "Marrow [-did not rule-]{+ruled+} out" in out
    code, _, err = run(capsys, "diff", "cpa-20260305-0412", "no-such-id", "--db", db)
    assert code == 2 and "no-such-id: no such file, and no article with this id" in err


def test_rebuild_agrees_with_online_events_and_later_ingests_continue(tmp_path, capsys):
    db = tmp_path / "news.db"
    first_half = sorted((CORPUS / "jsonl").glob("*")) + sorted((CORPUS / "text").glob("*"))
    run(capsys, "ingest", *first_half, "--db", db)
    code, out, _ = run(capsys, "rebuild", "--db", db)
    assert code == 0 and "Rebuilt" in out
    run(capsys, "ingest", CORPUS, "--db", db)
    with_online_tail = _event_sets(db)
    run(capsys, "rebuild", "--db", db)
    assert _event_sets(db) == with_online_tail
    assert sum(len(members) for members in with_online_tail) == 20


def _event_sets(db):
    import storyline

    with storyline.open_store(db) as store:
        return sorted(sorted(event.article_ids) for event in store.events())


def test_read_from_stdin(capsys, monkeypatch):
    import io
    import sys

    record = b'{"id": "s1", "title": "Ferry strike ends", "text": "The ferry strike ended on Sunday after two weeks."}'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(record + b"\n")))
    code, out, _ = run(capsys, "read", "-", "--json")
    assert code == 0 and json.loads(out)["title"] == "Ferry strike ends"


def test_nonsense_lengths_and_outputs_are_refused_before_anything_is_stored(tmp_path, capsys):
    code, _, err = run(capsys, "summarize", CORPUS / "jsonl", "--words", "0")
    assert code == 2 and "word budget must be a positive whole number" in err
    blocker = tmp_path / "digest"
    blocker.write_text("not a folder")
    db = tmp_path / "news.db"
    code, _, err = run(capsys, "digest", CORPUS / "jsonl", "--db", db, "--out", blocker)
    assert code == 2 and "exists and is not a directory" in err
    assert not db.exists()


def test_digest_of_nothing_says_what_to_give(tmp_path, capsys):
    code, _, err = run(capsys, "digest", "--db", tmp_path / "none.db", "--out", tmp_path / "out")
    assert code == 2 and "nothing to digest" in err and not (tmp_path / "none.db").exists()


def test_every_command_describes_each_argument_and_shows_an_example():
    from storyline.cli import build_parser

    commands = next(a for a in build_parser()._actions if a.dest == "==SUPPRESS==" and a.choices)
    assert len(commands.choices) >= 10
    for name, sub in commands.choices.items():
        undescribed = [a.dest for a in sub._actions if a.dest != "help" and not (a.help or "").strip()]
        assert not undescribed, f"{name}: {undescribed}"
        assert f"example:\n  storyline {name} " in sub.format_help(), name


def test_a_missing_required_package_is_one_line_naming_it_not_an_internal_error(tmp_path, capsys, monkeypatch):
    def without_stemmer(args):
        import Stemmer_not_installed  # noqa: F401  (as a stage whose dependency was never installed)

    monkeypatch.setattr("storyline.cli.cmd_articles", without_stemmer)
    code, out, err = run(capsys, "articles", "--db", tmp_path / "s.db")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "'Stemmer_not_installed' is missing" in err and "pip install" in err
    assert "internal error" not in err and "Traceback" not in err
