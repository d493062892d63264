"""The editorial check's title test (``bench/editorial.py``): what it passes and what it counts as a defect."""

import importlib.util
from pathlib import Path

import pytest

_SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "editorial.py"


@pytest.fixture(scope="module")
def editorial():
    spec = importlib.util.spec_from_file_location("editorial_check", _SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "title",
    [
        "Tarrow Ferries built itself into the largest operator on the coast largely",  # adverb of the phrase cut
        "Ferry crews walked out over the",  # determiner
        "Ferry crews walked out over their",  # possessive
        "The strike was called by Jo Bell's",
        "The strike was called by the pilots'",
        "Ferry crews walked out after talks with",  # preposition
        "Ferry crews walked out because",  # conjunction
        "Ferry crews walked out and",
        "The Tarrow ferry crews will",  # auxiliary
        "The Tarrow ferry crews have been",
        "Ferry crews walked out on Monday …",
        "http : / / www . harbour-news . example / story",
    ],
)
def test_a_title_that_dangles_or_is_junk_is_a_defect(editorial, title):
    assert not editorial._clean_title(title)


@pytest.mark.parametrize(
    "title",
    [
        "Ferry crews walked out over pay",
        "Fares rose sharply",  # an adverb that closes its clause
        "Ferry talks break down",  # a particle, not a preposition
        "Court frees her",
        "Island vote set for May",  # the month
        "Jo Bell's ferry crosses the strait",
    ],
)
def test_a_clean_title_passes(editorial, title):
    assert editorial._clean_title(title)


def test_a_member_headline_may_be_long_but_a_made_title_may_not(editorial):
    long_title = "Ferry crews on the three Tarrow island routes walked out over pay and rosters " * 2
    assert editorial._clean_title(long_title.strip(), {long_title.strip()})
    assert not editorial._clean_title(long_title.strip())


def test_a_date_or_time_stamp_is_no_title(editorial):
    assert not editorial._clean_title("Dec . 24 4 : 33 AM EST")
    assert not editorial._clean_title("Thursday , March 14 , 2031")
    assert editorial._clean_title("May Day marchers fill the Tarrow quay")


def test_the_unseen_review_takes_away_the_headline_paragraph_only_when_it_is_the_title(editorial):
    row = {"title": "Ferry crews walk out", "text": "Ferry crews walk out.\n\nTarrow ferry crews walked out on Monday."}
    assert editorial._without_headline(row) == "Tarrow ferry crews walked out on Monday."
    other = {"title": "Ferry crews walk out", "text": "Tarrow ferry crews walked out.\n\nRoutes stopped."}
    assert editorial._without_headline(other) == other["text"]


def test_a_quotation_closing_the_title_is_no_possessive(editorial):
    assert editorial._clean_title("Crews say the rosters are 'useless'")
    assert editorial._clean_title("Union calls bosses 'The Ones Who Never Cross'")
    assert not editorial._clean_title("The strike was called by the pilots'")
