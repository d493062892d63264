"""Sentences folded together read as each folded alone."""

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.text.normalize import folded, folded_lines

_PIECES = [
    "The", "U.S.", "per cent", "1,000", "week-long", " ", "  ", "\u00a0", "\u2003", "“", "”", "’", "—", "\u2212",
    "Advertisement", "Reporting by", "© 2020", "copyright", "rights reserved", "*", "ΟΔΟΣ", "Σ", "é", ".", ",", "x",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join), max_size=6))
def test_sentences_folded_together_read_as_each_alone(lines):
    assert folded_lines(lines) == [folded(line).decode() for line in lines]


def test_boilerplate_lines_fold_to_nothing_among_others():
    lines = ["Reporting by Jane Doe; editing by John Roe", "The U.S. economy grew 2 per cent."]
    assert [line.split() for line in folded_lines(lines)] == [[], ["the", "us", "economy", "grew", "2", "percent"]]
