"""The seeds' auto-sector disagreement and the example corpus's gold disagreements: each found, of the right kind,
both sides cited; nothing else reported."""

import json

import storyline
from tests.conftest import EXAMPLES

# What each gold dispute is about decides its kind: figures (how many, how long) or a reversed predicate.
GOLD_KIND = {"how many people were taken to hospital": "number", "the length of the crack in the girder": "number"}


def _claims_hold(found, sentence, articles):
    """Whether one of ``found``'s claims cites exactly ``sentence`` at its offsets in its article."""
    by_id = {article.id: article for article in articles}
    return any(
        claim.text.endswith(sentence)
        and by_id[claim.article_id].text[claim.start : claim.end] == claim.text
        and claim.marked
        for claim in found.claims
    )


def test_seeds_report_the_auto_sector_disagreement_and_nothing_else(seeds_dir):
    articles = storyline.read([seeds_dir]).articles
    found = storyline.disagreements(articles)
    assert len(found) == 1, [item.topic for item in found]
    (item,) = found
    assert item.kind == "cue" and "auto sector" in item.topic
    assert {claim.article_id[:3] for claim in item.claims} == {"001", "002"}
    texts = " ".join(claim.text for claim in item.claims)
    assert "did not outright reject" in texts and "slammed a few of those proposed compromises" in texts
    assert len({claim.side for claim in item.claims}) == 2


def test_example_corpus_gold_disagreements_found_and_nothing_else():
    gold = json.loads((EXAMPLES / "expected.json").read_text())
    articles = storyline.read([EXAMPLES / "corpus"]).articles
    found = storyline.disagreements(articles)
    disputes = [
        (item["what"], GOLD_KIND[item["what"]], list(item["claims"].values())) for item in gold["disagreements"]
    ]
    for group in gold["copy_groups"]:
        disputes.append(("changed meaning", "negation", list(group["changed_meaning"].values())))
    gold_sentences = set()
    for what, kind, sentences in disputes:
        gold_sentences |= set(sentences)
        matches = [item for item in found if all(_claims_hold(item, s, articles) for s in sentences)]
        assert matches, f"not found: {what}"
        assert matches[0].kind == kind, (what, matches[0].kind)
        assert len({claim.side for claim in matches[0].claims}) >= 2
    for item in found:
        assert all(any(claim.text.endswith(s) for s in gold_sentences) for claim in item.claims), item.topic


def test_the_digest_marks_the_changed_sentence_that_reverses_the_meaning(tmp_path):
    report = storyline.digest([EXAMPLES / "corpus"], out=tmp_path / "out", db=":memory:")
    (rates,) = [d for d in report.digests if any(v for v in d.variants.values())]
    changes = [change for variants in rates.variants.values() for variant in variants for change in variant.changed]
    reversed_ = [change for change in changes if change.disagreement]
    assert [change.b.text for change in reversed_] == [
        "Marrow ruled out a further increase at the committee's next meeting on 23 April."
    ]
    page = next((tmp_path / "out" / "events").glob("*reserve-bank*.md")).read_text()
    assert "## Where sources disagree" in page and "**did not rule out**" in page and "changes the meaning" in page
    data = json.loads(next((tmp_path / "out" / "events").glob("*reserve-bank*.json")).read_text())
    (item,) = data["disagreements"]
    assert item["kind"] == "negation" and not item["update"]
    documented = json.loads((EXAMPLES.parent / "docs" / "digest.schema.json").read_text())["properties"]
    shape = documented["disagreements"]["items"]
    assert set(item) == set(shape["required"])
    assert all(set(claim) == set(shape["properties"]["claims"]["items"]["required"]) for claim in item["claims"])
    assert {claim["outlet"] for claim in item["claims"]} == {
        "Coastline Press Agency",
        "Northmere Evening Post",
        "The Meridian Ledger",
    }
