"""Sentence splitting around titles, abbreviations, initials and company names."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.text import split_sentences
from storyline.text.sentences import _BOUNDARY, _SENTENCE_OPENER, ABBREVIATIONS, _is_abbreviation
from storyline.text.verbs import dateline


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


# The boundary pattern as first written: an end mark run, or an empty match after a glued "word.Next" join.
_PLAIN_BOUNDARY = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])""")


_PIECES = ["ab", "z", "Ab", "Z", "7", " ", "\t", ".", "!", "?", "…", '"', "'", "”", "’", ")", "]", "“", "‘", "(", "["]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_the_boundary_pattern_cuts_where_the_plain_pattern_does(text):
    # Where each boundary ends, and whether it ends a run of marks (those are checked for abbreviations).
    plain = [(match.end(), bool(match.group())) for match in _PLAIN_BOUNDARY.finditer(text)]
    assert [(match.end(), match.group(1) is not None) for match in _BOUNDARY.finditer(text)] == plain


def _plain_is_abbreviation(text_before, text_after):
    """The abbreviation test as first written, each pattern over the whole text before the boundary."""
    if re.search(r"\d\s?[.]$", text_before) and re.match(r"\s?\d", text_after):
        return True
    text_before = re.sub(r"(?<=\w)\s+([.])$", r"\1", text_before)
    match = re.search(r"([\w.]+)[.!?…]*[\"'”’)\]]*$", text_before)
    if not match:
        return False
    token = match.group(1).rstrip(".").lower()
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):
        return _SENTENCE_OPENER.match(text_after) is None
    if token in ("no", "nos"):
        return bool(re.match(r"\s*\d", text_after))
    return token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())


_ENDS = ["Mr", "U.S", "J", "no", "ab", "6", " ", "  ", "\u2003", ".", "!", "?", "…", '"', "”", ")", ",", "-", "x" * 70]
_ENDS.append(".".join("abcdefghijklmnopqrstuvwxyz" * 2))  # an acronym longer than the end the test reads first


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_ENDS), max_size=12).map("".join), st.sampled_from([" The", " 2", "x", " ab"]))
def test_the_abbreviation_test_reads_the_end_of_the_text_as_the_whole_text(before, after):
    assert _is_abbreviation(before, after) == _plain_is_abbreviation(before, after)
