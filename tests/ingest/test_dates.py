import pytest

from storyline.ingest.dates import date_from_dateline, date_from_identifier, parse_date


@pytest.mark.parametrize(
    "given, expected",
    [
        ("2026-03-04", "2026-03-04"),
        ("2026-03-04T21:15:00+01:00", "2026-03-04"),
        ("Wed, 04 Mar 2026 09:30:00 GMT", "2026-03-04"),
        ("March 4, 2026", "2026-03-04"),
        ("4 March 2026", "2026-03-04"),
        ("2026-02-30", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(given, expected):
    assert parse_date(given) == expected


def test_dateline_forms():
    assert date_from_dateline("Published on 12:00 AM, January 31, 2018") == "2018-01-31"
    assert date_from_dateline("Last updated: March 5, 2026") == "2026-03-05"
    assert date_from_dateline("The talks were published on Monday in full.") is None


def test_dates_in_identifiers_and_file_names():
    assert date_from_identifier("APW19981016.0240") == "1998-10-16"
    assert date_from_identifier("2026-03-04-bridge-closure.html") == "2026-03-04"
    assert date_from_identifier("story-20261399.txt") is None
    assert date_from_identifier("000_d43b58360f00625a") is None


def test_lead_dateline_without_a_year_is_the_most_recent_such_day():
    from datetime import date

    from storyline.ingest.clean import clean_text

    cleaned = clean_text(
        "By Ana Ruiz, Valley Herald\n\nOSTWICK, March 7 — A fire broke out at the depot.", today=date(2026, 11, 22)
    )
    assert (cleaned.lead_date, cleaned.byline_author, cleaned.byline_outlet) == (
        "2026-03-07",
        "Ana Ruiz",
        "Valley Herald",
    )
    assert clean_text("OSTWICK, March 7 — A fire.", today=date(2026, 3, 1)).lead_date == "2025-03-07"
    assert clean_text("OSTWICK, March 7, 2024 (CPA) — A fire.", today=date(2026, 3, 1)).lead_date == "2024-03-07"
