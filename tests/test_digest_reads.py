"""A digest reads in full only the events it analyses or writes: the folder it leaves is the one a fresh digest of
the same store writes, its index the one made from every event read in full, and a digest without new input reads
no article text."""

from storyline import api, pipeline
from storyline.cli import main
from storyline.render import index_to_markdown
from storyline.store import Store
from tests.conftest import EXAMPLES

CORPUS = EXAMPLES / "corpus"


def _files(folder):
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file() and path.name != ".rendered.json"
    }


def test_an_incremental_digest_leaves_what_a_fresh_one_writes(tmp_path, capsys):
    db, out = tmp_path / "news.db", tmp_path / "digest"
    assert main(["digest", str(CORPUS / "jsonl"), "--db", str(db), "--out", str(out)]) == 0
    news = tmp_path / "bakery.txt"
    news.write_text(
        "Village bakery wins national bread prize\n\nThe Millbrook village bakery won the national "
        "sourdough prize on Friday. Its owner has baked there for thirty years."
    )
    assert main(["digest", str(news), str(CORPUS), "--db", str(db), "--out", str(out)]) == 0
    fresh = tmp_path / "fresh"
    assert main(["digest", "--db", str(db), "--out", str(fresh)]) == 0
    assert _files(out) == _files(fresh)
    with Store(db) as store:  # the index made from events listed equals the one made from events read in full
        every = pipeline.digests(store)
        names = {event_id: f"{name}.md" for event_id, name in api._file_names(every).items()}
        expected = index_to_markdown(every, names, store.storylines())
    assert (out / "index.md").read_text(encoding="utf-8") == expected
    assert len(every) > 5
    capsys.readouterr()


def test_a_digest_without_new_input_reads_no_article_text(tmp_path, capsys, monkeypatch):
    db, out = tmp_path / "news.db", tmp_path / "digest"
    assert main(["digest", str(CORPUS), "--db", str(db), "--out", str(out)]) == 0
    read = []
    original = Store.articles

    def counted(self, ids=None):
        found = original(self, ids)
        read.append(len(found))
        return found

    monkeypatch.setattr(Store, "articles", counted)
    report = api.digest(db=db, out=out)
    assert sum(read) == 0 and report.event_count >= 5 and report.digests == []
    (out / "index.md").unlink()  # a missing index is written again, still without texts
    (next((out / "events").glob("*.md"))).unlink()  # a missing page is read in full: its event only
    report = api.digest(db=db, out=out)
    assert len(report.digests) == 1 and 0 < sum(read) <= len(report.digests[0].articles)
    assert (out / "index.md").exists()
    capsys.readouterr()


def test_a_digest_that_reports_no_digests_writes_the_same_folder(tmp_path, capsys):
    kept, slim = tmp_path / "kept", tmp_path / "slim"
    report = api.digest([CORPUS], out=kept, db=tmp_path / "a.db")
    assert len(report.digests) >= 5 and any(d.quotes for d in report.digests)  # in full
    lean = api.digest([CORPUS], out=slim, db=tmp_path / "b.db", report_digests=False)
    assert lean.digests == [] and lean.event_count == report.event_count
    assert _files(slim) == _files(kept)
    # the command line reports none: its pages are the API's
    assert main(["digest", str(CORPUS), "--db", str(tmp_path / "c.db"), "--out", str(tmp_path / "cli")]) == 0
    assert _files(tmp_path / "cli") == _files(kept)
    capsys.readouterr()
