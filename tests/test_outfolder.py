"""The digest folder follows the store: unchanged pages are left alone, pages of gone events are removed, and
listing articles reads no texts."""

import json
from pathlib import Path

from storyline.cli import main
from storyline.store import Store
from tests.conftest import EXAMPLES

CORPUS = EXAMPLES / "corpus"


def _pages(out_dir):
    return {path.name: path.stat().st_mtime_ns for path in (out_dir / "events").iterdir()}


def test_digest_again_rewrites_nothing_and_a_new_article_rewrites_only_its_event(tmp_path, capsys):
    db, out_dir = tmp_path / "news.db", tmp_path / "digest"
    assert main(["digest", str(CORPUS / "jsonl"), "--db", str(db), "--out", str(out_dir)]) == 0
    first = _pages(out_dir)
    assert main(["digest", "--db", str(db), "--out", str(out_dir)]) == 0
    assert _pages(out_dir) == first
    news = tmp_path / "bakery.txt"
    news.write_text(
        "Village bakery wins national bread prize\n\nThe Millbrook village bakery won the national "
        "sourdough prize on Friday. Its owner has baked there for thirty years."
    )
    assert main(["digest", str(news), "--db", str(db), "--out", str(out_dir)]) == 0
    after = _pages(out_dir)
    assert {name: when for name, when in after.items() if name in first} == first  # untouched events kept them
    assert len(after) == len(first) + 2 and any("bakery" in name for name in after)  # the new event's two pages
    capsys.readouterr()


def test_pages_of_events_that_no_longer_exist_are_removed(tmp_path, capsys):
    out_dir = tmp_path / "digest"
    assert main(["digest", str(CORPUS), "--db", str(tmp_path / "all.db"), "--out", str(out_dir)]) == 0
    (out_dir / "events" / "notes.txt").write_text("mine")
    assert main(["digest", str(CORPUS / "jsonl"), "--db", str(tmp_path / "few.db"), "--out", str(out_dir)]) == 0
    index = json.loads((out_dir / "index.json").read_text())
    pages = sorted(p.name for p in (out_dir / "events").glob("*.md"))
    assert pages == sorted(e["file"][len("events/") :].replace(".json", ".md") for e in index["events"])
    assert len(list((out_dir / "events").glob("*.json"))) == len(pages)
    assert (out_dir / "events" / "notes.txt").read_text() == "mine"  # not a page: left alone
    capsys.readouterr()


def test_article_listing_streams_metadata_without_texts(tmp_path, capsys):
    db = tmp_path / "news.db"
    assert main(["ingest", str(CORPUS / "jsonl"), "--db", str(db)]) == 0
    with Store(db) as store:
        listing = store.article_listing()
        first = next(listing)
        assert "text" not in first and "paragraphs" not in first and first["id"] and first["content_hash"]
        assert [first["id"]] + [row["id"] for row in listing] == [a.id for a in store.articles()]
    capsys.readouterr()
    assert main(["articles", "--db", str(db), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 4 and all("text" not in row and row["outlet"] for row in rows)


def test_search_and_listing_load_no_pipeline_libraries(tmp_path, capsys):
    import subprocess
    import sys

    db = tmp_path / "news.db"
    assert main(["ingest", str(CORPUS / "jsonl"), "--db", str(db)]) == 0
    capsys.readouterr()
    probe = (
        "import sys; from storyline.cli import main; "
        f"main(['search', 'bank', '--db', {str(db)!r}]); main(['articles', '--json', '--db', {str(db)!r}]); "
        "print(sorted(m for m in ('numpy', 'scipy', 'storyline.pipeline', 'trafilatura') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    lines = done.stdout.splitlines()
    assert lines[-1] == "[]" and any("Bank" in line for line in lines)


def test_a_page_is_up_to_date_only_with_its_key_and_every_file(tmp_path):
    from storyline.outfolder import RenderedPages

    out = tmp_path / "digest"
    (out / "events").mkdir(parents=True)
    pages = RenderedPages(out)
    for name in ("events/a", "events/b", "events/c"):
        assert not pages.up_to_date(name, "k1")
        for suffix in (".md", ".json"):
            (out / name).with_suffix(suffix).write_text("page")
    (out / "events" / "gone.md").write_text("an old page")
    (out / "events" / "notes.txt").write_text("not a page")
    assert pages.finish() == 1 and not (out / "events" / "gone.md").exists()
    again = RenderedPages(out)
    (out / "events" / "b.json").unlink()
    assert again.up_to_date("events/a", "k1")
    assert not again.up_to_date("events/b", "k1")  # a file is missing
    assert not again.up_to_date("events/c", "k2")  # another key
    assert again.finish() == 0  # a, b and c are this run's pages; notes.txt is no page
    assert sorted(path.name for path in (out / "events").iterdir()) == [
        "a.json",
        "a.md",
        "b.md",
        "c.json",
        "c.md",
        "notes.txt",
    ]


def _names_one_by_one(digests):
    """File names as worked out event by event, every stem taken afresh (what ``api._file_names`` must give)."""
    from storyline.safety import file_stem

    names, taken = {}, set()
    for item in digests:
        name = f"events/{file_stem(item.event.start, fallback='undated', max_bytes=32)}-{file_stem(item.event.title)}"
        suffix = file_stem(item.event.id, max_bytes=16)[-6:]
        number = 1
        while name.casefold() in taken:
            number += 1
            name = f"{name.rsplit('~', 1)[0]}~{suffix}{number if number > 2 else ''}"
        taken.add(name.casefold())
        names[item.event.id] = name
    return names


def test_file_names_are_unique_and_as_worked_out_one_by_one():
    import random

    from storyline import api
    from storyline.model import Event, EventDigest, Summary

    rng = random.Random(5)
    titles = ["Floods in Basel", "FLOODS IN BASEL", "Floods in Basel!", "Élections", "", "con", "A~b"]
    days = ["2030-01-01", "2030-01-02", None, ""]
    digests = [
        EventDigest(
            Event(f"ev-{n:04x}{rng.choice('aAbB')}", rng.choice(titles), rng.choice(days), None, [], []),
            Summary("", []),
            [],
            [],
        )
        for n in range(400)
    ]
    names = api._file_names(digests)
    assert names == _names_one_by_one(digests)
    assert len({name.casefold() for name in names.values()}) == len(digests)


def test_every_module_the_renderers_take_text_from_is_in_the_pages_key():
    """A page is rewritten when the code it is made with changes: the renderers' own and every module of this
    package whose functions they call (a data class aside), so that a new helper cannot leave stale pages."""
    import ast

    import storyline
    from storyline.outfolder import RENDERED_WITH

    package = Path(storyline.__file__).parent
    used = set()
    for path in (package / "render").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("storyline."):
                used.add(node.module.removeprefix("storyline.").replace(".", "/") + ".py")
    # The HTML site (``web``) is written whole on every digest; a data class's module holds no rendering.
    helpers = {name for name in used if not name.startswith(("render/", "web")) and name != "model.py"}
    assert helpers <= set(RENDERED_WITH)
    assert all((package / name).is_file() for name in RENDERED_WITH)
