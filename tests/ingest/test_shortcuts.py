"""The shortcuts that keep reading cheap give what the plain rules give, on the inputs where they could differ."""

import re
from datetime import date
from pathlib import PurePosixPath
from unittest import mock

import pytest
import trafilatura
from hypothesis import given, settings
from hypothesis import strategies as st
from trafilatura.settings import Extractor

from storyline.ingest import clean, html
from storyline.ingest.assemble import _has_paragraph_blocks, _last_segment, _stamped_date, _trailing_date
from storyline.ingest.clean import clean_text, normalise
from storyline.ingest.dates import date_from_lead, date_from_line
from storyline.ingest.html import extraction_options
from storyline.ingest.outlets import wire_credit

SPACES = st.sampled_from([" ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2028", "\x0c", "\x1f", ""])
WORDS = st.sampled_from(["May", "3", "2013", "1:32", "PM", "Published", "said", "OSTWICK,", "(AFP)", "-", "x", "Jan."])


def texts(pieces=WORDS):
    return st.lists(st.one_of(pieces, SPACES), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts())
def test_paragraph_blocks_are_text_a_blank_line_text(text):
    assert _has_paragraph_blocks(text) == bool(re.search(r"\S\s*\n\s*\n\s*\S", text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["", ".", "..", "story", "a.html", "x-1"]), max_size=6).map("/".join))
def test_the_last_segment_of_a_url_path_is_its_name(path):
    assert _last_segment(path) == PurePosixPath(path).name
    assert _last_segment("/" + path) == PurePosixPath("/" + path).name


def plain_trailing_date(line):
    words = line.split()
    for size in range(min(12, len(words) - 2), 2, -1):
        when = date_from_line(" ".join(words[-size:]))
        if when:
            return " ".join(words[:-size]), when
    return line, None


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=16).map(" ".join))
def test_a_date_line_joined_to_a_headline_is_found_in_every_tail(line):
    assert _trailing_date(line) == plain_trailing_date(line)


def test_a_time_stamp_needs_a_clock_or_a_stamp_word():
    assert _stamped_date("Mayor quits updated 12 / 19 / 2005 2 : 48 : 40 PM ET") == "2005-12-19"
    assert _stamped_date("Mayor quits Published May 2 , 2013") == "2013-05-02"
    assert _stamped_date("The council will vote on March 14, 2013.") is None


def test_a_lead_dateline_far_from_its_comma_is_none():
    today = date(2026, 11, 22)
    assert date_from_lead("OSTWICK, March 7 — A fire broke out.", today) == "2026-03-07"
    assert date_from_lead("PORT ELLISON ON THE SALLOW RIVER DELTA, March 7 — Fire.", today) == "2026-03-07"
    assert date_from_lead("A PLACE WITH A NAME FAR TOO LONG TO BE ONE AT ALL, March 7 — Fire.", today) is None


def plain_ascii_normalise(text):
    text = re.sub(r"[ \t]{2,}|\t", " ", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.strip() for line in text.split("\n"))


@settings(max_examples=300, deadline=None)
@given(texts(st.sampled_from(["a", "B", "word", ".", '"', "'", "\x0b", "\x0c", "\x1f", "\r"])))
def test_ascii_text_is_normalised_to_single_spaces_and_stripped_lines(text):
    text = text.encode("ascii", "ignore").decode()
    assert normalise(text) == plain_ascii_normalise(text)


def test_a_wire_credit_is_read_at_the_start_or_the_end_only():
    middle = "\n".join(["Lead paragraph here."] * 5 + ["-- AFP"] + ["More body text."] * 5)
    assert wire_credit(middle) is None
    assert wire_credit("OTTAWA (AFP) - Parliament met.\nBody.") == "AFP"
    assert wire_credit("Body one.\n\nBody two.\n\n-- AFP\n") == "AFP"
    assert wire_credit("\n\n  -- AFP  \n\n") == "AFP"


PAGE = """<!doctype html><html lang="en"><head><title>Bridge closed | Lakeside Post</title>
<meta property="article:published_time" content="2026-03-02T08:00:00Z"></head><body><article><h1>Bridge closed</h1>
<p>The old bridge over the Sallow river closed on Monday after engineers found cracks in its deck, the city said.</p>
<p>Drivers were sent round by the ring road while crews checked the other crossings of the river.</p>
</article><footer>© 2026 Lakeside Post</footer></body></html>"""


def plain_options(url):
    """What trafilatura's ``bare_extraction`` builds for the arguments ``read_html`` stands for."""
    return Extractor(output_format="python", comments=False, tables=False, with_metadata=True, url=url)


@pytest.mark.parametrize("url", [None, "https://lakeside.example/bridge", "https://x.example/\udcff-lone-surrogate"])
def test_the_extraction_options_built_once_a_day_equal_the_ones_built_for_each_page(url):
    shared, plain = extraction_options(url), plain_options(url)
    assert {name: getattr(shared, name) for name in Extractor.__slots__} == {
        name: getattr(plain, name) for name in Extractor.__slots__
    }
    document = trafilatura.bare_extraction(PAGE, options=extraction_options(url))
    expected = trafilatura.bare_extraction(
        PAGE, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    fields = ("title", "author", "url", "hostname", "sitename", "date", "text", "language")
    assert [getattr(document, name) for name in fields] == [getattr(expected, name) for name in fields]


def test_the_extraction_options_are_built_again_when_the_day_changes(monkeypatch):
    built = []
    monkeypatch.setattr(html, "Extractor", lambda **options: built.append(options) or plain_options(None))
    for day in (date(2031, 1, 1), date(2031, 1, 1), date(2031, 1, 2)):
        monkeypatch.setattr(html, "date", type("FixedDate", (), {"today": staticmethod(lambda day=day: day)}))
        extraction_options("https://lakeside.example/bridge")
    assert len(built) == 2


# Leftover lines and body words, in any case, with the letters "re" matches across case ("ſ", "İ", "K").
LEFTOVER_PIECES = st.sampled_from(
    """Published on March 4, 2026|Updated 9:30 AM|By Jo Bell|BY JO BELL, Harbor Post|by|Photo:|©|(c)|AFP|Getty Images
    |Reuters|credit|Advertisement|ſhare|Share|SHARE ON|prİnt|Tweet|Read more|Email|Comments|Click here|Tap here|Sign up
    |Subscribe|Follow us|This story has been updated|Sponsored content|Advertising|Share via|All rights reserved
    |Related stories:|\u212aopyright|copyright|image|the|crews|worked|.|,|"| |  |\t""".replace("\n    ", "").split("|")
    + ["x" * 120]
)
LINES = st.lists(
    st.tuples(st.lists(LEFTOVER_PIECES, max_size=8), st.sampled_from(["\n", "\n\n", "\n \n"])), max_size=12
)


def page_text(lines):
    return "".join(" ".join(words) + end for words, end in lines)


@settings(max_examples=500, deadline=None)
@given(LINES.map(page_text))
def test_cleaning_looks_at_the_lines_a_rule_could_remove_and_keeps_the_rest_as_every_rule_would(text):
    today = date(2026, 11, 22)
    shortcut = clean_text(text, today=today)
    with mock.patch.object(clean, "_candidate_lines", lambda lower: range(lower.count("\n") + 1)):
        every_line = clean_text(text, today=today)  # every line through every rule
    assert shortcut == every_line
