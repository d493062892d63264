"""Sentence splitting around titles, abbreviations, initials and company names."""

from storyline.summarize.compress import dateline
from storyline.text import split_sentences


def test_titles_and_abbreviations_do_not_end_sentences():
    text = (
        "Republicans backed Reps. Jo Bell of Ostwick and Sen. Al Marr for the posts. Gov. Li met Gen. Ross "
        "in St. Ives on Jan. 5 with U.S. Army officers. The talks moved to the U.S. The next round is set."
    )
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Republicans backed Reps. Jo Bell of Ostwick and Sen. Al Marr for the posts.",
        "Gov. Li met Gen. Ross in St. Ives on Jan. 5 with U.S. Army officers.",
        "The talks moved to the U.S.",
        "The next round is set.",
    ]


def test_tokenised_decimals_and_initials_do_not_end_sentences():
    text = "A quake measuring 6 . 1 struck . Chairman Nick J . Rahall spoke ."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "A quake measuring 6 . 1 struck .",
        "Chairman Nick J . Rahall spoke .",
    ]


def test_a_company_name_is_no_dateline():
    assert dateline("T - Mobile has announced a deal.") == 0
    assert dateline("OSTWICK - The council voted.") == len("OSTWICK - ")
