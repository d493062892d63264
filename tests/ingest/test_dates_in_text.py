"""Publication dates written in an article's text: date lines, datelines, time stamps."""

import json
from datetime import date

import pytest

from storyline.ingest import read_bytes
from storyline.ingest.dates import date_from_lead, date_from_line
from storyline.model import Article


def _read(text: str, name: str = "story.txt") -> Article:
    items = list(read_bytes(text.encode(), name))
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Thursday , March 14 , 2031", "2031-03-14"),
        ("PUBLISHED : THURSDAY , MAY 2 , 2031 , 1 : 32 PM", "2031-05-02"),
        ("UPDATED 05 / 03 / 2031 at 11 : 00 AM EDT", "2031-05-03"),
        ("12 January 2031 @ 09 : 29 pm", "2031-01-12"),
        ("March 2031", None),
        ("The vote was held on March 14, 2031.", None),
    ],
)
def test_date_lines(line, expected):
    assert date_from_line(line) == expected


def test_a_date_line_at_the_bottom_dates_the_article():
    article = _read("Ferry workers walked out.\n\nThe routes stopped.\n\nMarch 14, 2031")
    assert (article.published, article.date_source) == ("2031-03-14", "text")


def test_a_wire_dateline_in_title_case_dates_the_lead():
    assert date_from_lead("Montreal, Jan. 29 (Reuters) - Talks resumed.", date(2031, 6, 1)) == "2031-01-29"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("WIRE Nov 12 , 2031 , 05 . 51AM IST OSTWICK :", "2031-11-12"),
        ("Agency Sep 18 , 2031 , 02 . 16PM IST", "2031-09-18"),
        ("Sat Nov 12 2031 , 01 : 19 hrs", "2031-11-12"),
        ("Release : 03 / 08 / 2031", "2031-03-08"),
        ("The ferry resumed on March 14, 2031.", None),
    ],
)
def test_date_lines_with_a_credit_a_place_or_a_stamp_word(line, expected):
    assert date_from_line(line) == expected


def test_a_time_stamp_joined_to_an_opening_line_dates_the_article():
    stamped = _read("FERRY STRIKE ENDS ON TARROW on Tuesday , 16 December 2031 13 : 45 .\n\nFerry crews went back.\n")
    assert (stamped.published, stamped.date_source) == ("2031-12-16", "text")
    sentence = _read(
        "Ferry crews on Tarrow island met on Monday and agreed to hold a postal vote of all their members on the "
        "operator's latest pay offer before the ballot closes on 16 December 2031.\n\nTalks went well.\n"
    )
    assert sentence.date_source != "text"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Novembr 27 , 2031", "2031-11-27"),  # a letter dropped
        ("Septemberr 3, 2031", "2031-09-03"),  # a letter added
        ("Ocotber 9 , 2031", "2031-10-09"),  # two letters swapped
        ("Februery 2 , 2031", "2031-02-02"),  # a letter changed
        ("Jnue 3 , 2031", None),  # short names are too close to other words
        ("Novembr 2031", None),  # no day
        ("Novembr 27", None),  # no year
        ("Harbour 27 , 2031", None),  # not one slip from any month
    ],
)
def test_a_month_typed_with_one_slip_before_a_day_and_a_year(line, expected):
    assert date_from_line(line) == expected


def test_a_misspelt_month_in_a_date_line_dates_the_article():
    article = _read("Ferry workers walked out.\n\nThe routes stopped.\n\nDecmber 14 , 2031")
    assert (article.published, article.date_source) == ("2031-12-14", "text")


def test_a_scraped_header_loses_its_url_headline_and_date_lines_and_nothing_else():
    lines = [
        "http : / / www . harbour-news . example / 2031 / 03 / 14 / ferry - strike",
        "Ferry strike enters third day",
        "Thursday , March 14 , 2031",
        "Ferry workers stayed off the job for a third day on Thursday .",
        "The operator said talks would resume .",
        "Union leaders met the minister on Wednesday .",
        "Routes to the mainland stay closed .",
    ]
    article = _read(json.dumps({"id": "f1", "text": "\n".join(lines)}), "export.jsonl")
    assert article.title == "Ferry strike enters third day" and article.published == "2031-03-14"
    assert [article.text[a:b] for a, b in article.paragraphs] == lines[3:]
