"""Version diffs: sentence alignment, word-level changes, renderings."""

from storyline.diff import diff_articles
from storyline.model import Article

BASE = (
    "The city council approved the new tram line on Thursday after a four-hour debate. "
    "The line will link the railway station with the university campus and the hospital. "
    "Construction is due to start next spring and to last about three years. "
    "Opponents said the route would cut through one of the last green spaces in the district. "
    "The mayor promised that every tree removed would be replaced by two new ones."
)


def test_changed_sentences_show_word_edits_and_unmatched_sentences_are_listed():
    edited = (
        "The city council approved the new tram line on Thursday after a four-hour debate. "
        "Construction is due to start next summer and to last about three years. "  # moved and edited
        "The line will link the railway station with the university campus and the hospital. "
        "Opponents said the route would cut through one of the last green spaces in the district. "
        "Shopkeepers on the route fear a long drop in trade while the street is closed."
    )
    result = diff_articles(Article("a", BASE), Article("b", edited))
    assert len(result.same) == 3
    assert [(c.a.index, c.b.index) for c in result.changed] == [(2, 1)]
    change = result.changed[0]
    assert [(e.op, e.a, e.b) for e in change.edits if e.op != "equal"] == [("replace", "spring", "summer")]
    assert "[-spring-]{+summer+}" in change.marked()
    assert [s.text for s in result.only_a] == [
        "The mayor promised that every tree removed would be replaced by two new ones."
    ]
    assert [s.text for s in result.only_b] == [
        "Shopkeepers on the route fear a long drop in trade while the street is closed."
    ]
    assert not result.identical


def test_house_style_and_quote_differences_are_not_changes():
    quoted = BASE.replace("The mayor promised", '"The mayor promised').replace("two new ones.", 'two new ones."')
    house = quoted.replace("four-hour", "fourhour").replace("The city council", "THE CITY COUNCIL")
    house = house.replace("the hospital", "the U.S. hospital").replace('"', "\u201c", 1).replace('"', "\u201d", 1)
    original = quoted.replace("the hospital", "the US hospital")
    result = diff_articles(Article("a", original), Article("b", house))
    assert result.identical and len(result.same) == 5
    reworded = diff_articles(Article("a", original), Article("b", original.replace("two new ones", "three")))
    assert [(e.a, e.b) for c in reworded.changed for e in c.edits if e.op != "equal"] == [("two new ones", "three")]


def test_renderings():
    edited = BASE.replace("three years", "four years") + " A public meeting will be held in May."
    result = diff_articles(Article("a", BASE), Article("b", edited))
    data = result.to_dict()
    assert data["a"] == "a" and data["b"] == "b" and data["same"] == 4
    assert data["changed"][0]["edits"] == [{"op": "replace", "a": "three", "b": "four"}]
    assert data["changed"][0]["a"]["text"].endswith("about three years.")
    assert data["only_b"][0]["text"] == "A public meeting will be held in May."
    assert data["only_a"] == []
    text = result.to_text()
    assert text.splitlines()[:2] == ["--- A: a", "+++ B: b"]
    assert "[-three-]{+four+}" in text
    assert "+ A public meeting will be held in May." in text
    same = diff_articles(Article("a", BASE), Article("b", BASE))
    assert "say the same thing" in same.to_text()


def test_seed_versions_differ_on_the_auto_sector(seeds_dir):
    from storyline.ingest import read_paths

    articles = {a.id[:3]: a for a in read_paths(sorted(seeds_dir.glob("*.txt"))) if isinstance(a, Article)}
    result = diff_articles(articles["001"], articles["002"])

    def differing(side):
        texts = [s.text for s in (result.only_a if side == "a" else result.only_b)]
        return texts + [getattr(c, side).text for c in result.changed]

    assert any("auto sector" in text and "did not outright reject" in text for text in differing("a"))
    assert any("auto sector" in text and "slammed" in text for text in differing("b"))
    assert any("Trans-Pacific Partnership" in s.text for s in result.only_b)
    assert not any("Trans-Pacific Partnership" in s.text for s in result.only_a)
