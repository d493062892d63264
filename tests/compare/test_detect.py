"""Aligned sentences -> disagreements of a kind, or nothing: rounding, house style, paraphrase and one source
saying more are not disagreements; a figure that changes over days is an update."""

from storyline.compare import event_disagreements
from storyline.model import Article

FILLER = (
    "The fire started in a storage building on the edge of town. Crews from three stations attended. "
    "Roads near the site were closed for several hours. "
)


def article(article_id, sentence, *, outlet=None, published="2026-03-04", language=None, extra=FILLER):
    return Article(
        id=article_id,
        text=extra + sentence,
        outlet=outlet or f"Outlet {article_id}",
        published=published,
        language=language,
    )


def between(a, b, **kwargs):
    return event_disagreements("ev", [article("a", a, **kwargs), article("b", b, **kwargs)])


def test_different_counts_of_the_same_thing_conflict_with_both_sides_cited_and_marked():
    (found,) = between(
        "Fourteen people were taken to hospital, the ambulance service said.",
        "Nine people were taken to hospital after the blaze, police said.",
    )
    assert found.kind == "number" and not found.update
    assert "14" in found.topic and "9" in found.topic and "hospital" in found.topic
    sides = {claim.article_id: claim for claim in found.claims}
    assert set(sides) == {"a", "b"} and sides["a"].side != sides["b"].side
    source = {"a": article("a", "").text + "Fourteen people", "b": ""}
    marked = [source["a"][start:end] for start, end in sides["a"].marked]
    assert marked == ["Fourteen people"]
    assert sides["a"].outlet == "Outlet a" and sides["a"].published == "2026-03-04"


def test_rounding_and_hedges_are_not_disagreements():
    assert (
        between("Nearly 500 people were evacuated from the estate.", "About 500 people were evacuated from the estate.")
        == []
    )
    assert (
        between("About 500 people were evacuated from the estate.", "Some 493 people were evacuated from the estate.")
        == []
    )
    assert (
        between(
            "The repairs will cost 1.5 million dollars, the council said.",
            "The repairs will cost 1,520,000 dollars, the council said.",
        )
        == []
    )


def test_house_style_is_not_a_disagreement():
    assert (
        between("U.S. exports to the region rose 2 per cent in March.", "US exports to the region rose 2% in March.")
        == []
    )
    assert (
        between(
            "The committee meets again on April 23, the bank said.",
            "The committee meets again on 23 April, the bank said.",
        )
        == []
    )


def test_paraphrase_and_one_source_saying_more_are_not_disagreements():
    assert (
        between(
            "Five people died and 14 were injured when the roof of the storage building collapsed.",
            "Fourteen people were injured when the roof collapsed.",
        )
        == []
    )
    assert (
        between(
            "The council approved the plan for the new storage building on Monday.",
            "On Monday, councillors backed the plan for the storage building.",
        )
        == []
    )


def test_a_changed_figure_on_later_days_is_an_update_in_date_order():
    articles = [
        article("late", "The death toll from the earthquake rose to 357, officials said.", published="2026-03-09"),
        article("early", "The death toll from the earthquake rose to 231, officials said.", published="2026-03-07"),
    ]
    (found,) = event_disagreements("ev", articles)
    assert found.update and found.kind == "number"
    assert [claim.article_id for claim in found.claims] == ["early", "late"]
    assert "231 then 357" in found.topic


def test_negation_and_opposite_cues_conflict():
    (negation,) = between(
        "Marrow did not rule out a further increase at the next meeting.",
        "Marrow ruled out a further increase at the next meeting.",
    )
    assert negation.kind == "negation"
    (cue,) = between(
        "The union agreed to the new pay offer from the company on Friday.",
        "The union refused the new pay offer from the company on Friday.",
    )
    assert cue.kind == "cue"
    (direction,) = between(
        "Shares in the airline rose sharply after the results.", "Shares in the airline fell sharply after the results."
    )
    assert direction.kind == "cue"


def test_a_different_speaker_or_date_for_the_same_claim_conflicts():
    (speaker,) = between(
        '"We will rebuild the warehouse within a year," said chief executive Anna Kowal.',
        '"We will rebuild the warehouse within a year," said chief executive Tomas Brandt.',
    )
    assert speaker.kind == "attribution"
    (date,) = between(
        "The warehouse will reopen on Monday, the owners said.",
        "The warehouse will reopen on Thursday, the owners said.",
    )
    assert date.kind == "date"


def test_a_side_held_by_several_outlets_lists_them_all():
    articles = [
        article("a", "Fourteen people were taken to hospital."),
        article("b", "Fourteen people were taken to hospital."),
        article("c", "Nine people were taken to hospital."),
    ]
    (found,) = event_disagreements("ev", articles)
    side_of = {claim.article_id: claim.side for claim in found.claims}
    assert side_of["a"] == side_of["b"] != side_of["c"]


def test_bad_input_gives_no_disagreement_and_no_error():
    one = article("a", "Fourteen people were taken to hospital.")
    assert event_disagreements("ev", [one]) == []
    assert event_disagreements("ev", [one, Article(id="empty", text="")]) == []
    assert event_disagreements("ev", [one, article("copy", "Fourteen people were taken to hospital.")]) == []
    french = article("fr", "Neuf personnes ont été hospitalisées, selon les pompiers.", language="fr", extra="")
    assert event_disagreements("ev", [one, french]) == []
    assert event_disagreements("ev", []) == []
    run_on = " ".join(["fourteen people were not taken to hospital on Monday"] * 3000)
    assert event_disagreements("ev", [one, article("long", run_on), article("long2", run_on + " again")]) == []


def test_versions_of_one_sentence_are_told_apart_from_sentences_sharing_words():
    from storyline.compare.align import CLOSE_SIMILARITY, AlignedPair, sentence_units

    texts = [
        "The the the fire burned the the old mill down on Sunday night.",
        "The fire burned the old mill down on Sunday night, police said.",
        "The mill the fire the night the Sunday the old the down burned.",
        "Firefighters said the blaze at the old mill was put out by Monday.",
        "Very, very, very, very angry residents gathered outside the hall.",
        "Very, very, very, very angry residents shouted at the mayor.",
    ]
    articles = [Article(id=str(k), text=text) for k, text in enumerate(texts)]
    units = sentence_units(articles)
    for a in units:
        for b in units:
            if a is not b:
                # Closeness without the full measure agrees with the measure (diff's sequence ratio).
                assert AlignedPair(a, b, 0.5).close == (AlignedPair(a, b, 0.5).similarity >= CLOSE_SIMILARITY)
    assert AlignedPair(units[0], units[1], 0.5).close and not AlignedPair(units[1], units[3], 0.5).close
    assert AlignedPair(units[4], units[5], 0.5).close  # repeated words count as matched words
