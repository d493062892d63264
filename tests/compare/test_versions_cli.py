"""Version diffs read for meaning, and ``storyline compare`` on files and on the store."""

import json

from storyline.cli import main
from storyline.compare.versions import meaning_changes
from storyline.diff import diff_articles
from storyline.model import Article

WIRE = (
    "Talks on the trade deal ended on Friday in Ottawa. Negotiators met for six days. "
    "The United States did not reject Canada's proposals on the dairy quota, officials said. "
    "A new round is planned for March."
)
EDITED = (
    "Talks on the trade deal ended on Friday in Ottawa. Negotiators met for six days. "
    "US negotiator Ellen Marsh slammed several of the proposed compromises, including on the dairy quota. "
    "A new round is planned for March."
)


def test_a_dropped_and_an_added_sentence_that_conflict_are_paired():
    a, b = Article(id="wire", text=WIRE), Article(id="copy", text=EDITED)
    variant = diff_articles(a, b).variant(meaning_changes(a, b))
    (conflict,) = variant.conflicts
    assert (conflict.a, conflict.b, conflict.kind) == (2, 2, "cue")
    assert "dairy quota" in conflict.topic
    assert [s.index for s in variant.dropped] == [2] and [s.index for s in variant.added] == [2]


def test_compare_json_has_the_documented_shape(tmp_path, capsys):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "wire.txt").write_text("Trade talks end\n\n" + WIRE)
    (articles / "copy.txt").write_text("Trade talks end in Ottawa\n\n" + EDITED)
    assert main(["compare", str(articles), "--json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)["disagreements"]
    assert set(item) == {"event", "kind", "topic", "update", "claims"}
    for claim in item["claims"]:
        assert set(claim) == {"article_id", "outlet", "published", "sentence_index", "start", "end", "text", "marked"}
        assert all(claim["start"] <= start < end <= claim["end"] for start, end in claim["marked"])
    db = tmp_path / "store.db"
    assert main(["ingest", str(articles), "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["compare", "--db", str(db), "--json"]) == 0
    stored = json.loads(capsys.readouterr().out)["disagreements"]
    assert [d["topic"] for d in stored] == [item["topic"]]
    assert main(["compare", "--db", str(db), "--event", stored[0]["event"]]) == 0
    assert "dairy quota" in capsys.readouterr().out
    assert main(["compare", "--db", str(db), "--event", "no-such-event"]) == 2
    assert "no such event" in capsys.readouterr().err
