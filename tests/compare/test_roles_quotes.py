"""A place changed between versions of one sentence, a quotation given other words or another speaker, a date a
source spoke on and a win turned into a loss: each a disagreement of its kind; other forms of one name are not."""

from storyline.compare import event_disagreements
from storyline.model import Article, Quote

FILLER = "The fire started in a storage building on the edge of town. Crews from three stations attended. "


def pair(a, b, quotes=None):
    articles = [Article(id="a", text=FILLER + a, outlet="A"), Article(id="b", text=FILLER + b, outlet="B")]
    return event_disagreements("ev", articles, quotes)


def test_a_place_changed_between_versions_of_one_sentence_conflicts():
    (found,) = pair(
        "The summit will be held in Kuala Lumpur next month, officials said.",
        "The summit will be held in Jakarta next month, officials said.",
    )
    assert found.kind == "place" and "Kuala Lumpur" in found.topic and "Jakarta" in found.topic
    marked = {
        claim.article_id: claim.text[claim.marked[0][0] - claim.start : claim.marked[0][1] - claim.start]
        for claim in found.claims
    }
    assert marked == {"a": "Kuala Lumpur", "b": "Jakarta"}


def test_forms_of_one_place_name_are_not_disagreements():
    same = "The summit will be held in {} next month, officials said."
    assert pair(same.format("the United States"), same.format("the U.S.")) == []
    assert pair(same.format("Lyon"), same.format("Lyon, France")) == []
    assert pair(same.format("Lyon"), "The summit will be held in Lyon next month, officials in Paris said.") == []


def test_different_outlets_wording_places_differently_is_not_a_disagreement():
    assert (
        pair(
            "Rescuers searched the flooded valley near Bradford for two missing hikers.",
            "Two hikers were missing after floods in West Yorkshire, rescuers said.",
        )
        == []
    )


def quote(article_id, text, speaker, start):
    return Quote(article_id, text, True, speaker, speaker, None, "said", start, start + len(text), 2)


def test_a_quotation_given_another_speaker_or_other_words_conflicts():
    words = "We will rebuild the warehouse within a year"
    a = f'"{words}," said chief executive Anna Kowal.'
    start = len(FILLER) + 1
    (speaker,) = pair(
        a,
        f'"{words}," said Tomas Brandt.',
        [quote("a", words, "Anna Kowal", start), quote("b", words, "Tomas Brandt", start)],
    )
    assert speaker.kind == "quote" and "Anna Kowal or Tomas Brandt" in speaker.topic
    assert len({claim.side for claim in speaker.claims}) == 2
    changed = words.replace("will", "may")
    (wording,) = pair(
        a,
        f'"{changed}," said Anna Kowal.',
        [quote("a", words, "Anna Kowal", start), quote("b", changed, "Anna Kowal", start)],
    )
    assert wording.kind == "quote" and wording.topic == "quoted words: will or may"
    claim_b = next(claim for claim in wording.claims if claim.article_id == "b")
    assert claim_b.marked
    start_b, end_b = claim_b.marked[0]
    assert (FILLER + f'"{changed}," said Anna Kowal.')[start_b:end_b] == "may"


def test_quotes_of_titles_have_no_offsets_and_stay_out_of_quote_disputes():
    words = "We will rebuild the warehouse within a year"
    start = len(FILLER) + 1
    in_text = [quote("a", words, "Anna Kowal", start), quote("b", words, "Tomas Brandt", start)]
    titled = [
        Quote("a", words, True, "Anna Kowal", "Anna Kowal", None, None, None, None, 0),
        Quote("b", words, True, "Tomas Brandt", "Tomas Brandt", None, None, None, None, 0),
    ]
    found = pair(f'"{words}," said chief executive Anna Kowal.', f'"{words}," said Tomas Brandt.', in_text + titled)
    assert [d.kind for d in found] == ["quote"]
    assert {claim.article_id for claim in found[0].claims} == {"a", "b"}
    assert pair("Crews left at noon.", "Crews left at noon.", titled) == []


def test_a_quotation_quoted_at_more_length_or_by_surname_is_not_a_disagreement():
    words = "We will rebuild the warehouse within a year"
    longer = words + " and keep every job"
    start = len(FILLER) + 1
    assert (
        pair(
            f'"{words}," said Anna Kowal.',
            f'"{longer}," said Kowal.',
            [quote("a", words, "Anna Kowal", start), quote("b", longer, "Kowal", start)],
        )
        == []
    )


def test_a_date_a_source_spoke_on_counts_only_between_versions_of_one_sentence():
    (found,) = pair(
        "The bridge will reopen in spring, the council said on Tuesday.",
        "The bridge will reopen in spring, the council said on Thursday.",
    )
    assert found.kind == "date"
    assert (
        pair(
            "The bridge will reopen in spring, the council said on Tuesday.",
            "Engineers inspected the bridge again on Thursday, the council said.",
        )
        == []
    )


def test_a_win_turned_into_a_loss_conflicts_only_when_one_edit_swapped_them():
    (found,) = pair(
        "The Colts won the turnover battle against the Chiefs.",
        "The Colts lost the turnover battle against the Chiefs.",
    )
    assert found.kind == "cue"
    assert (
        pair(
            "The Colts won the game against the Chiefs in overtime on Sunday night.",
            "The Chiefs lost to the Colts on Sunday night after an overtime field goal.",
        )
        == []
    )
