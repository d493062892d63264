"""Editorial rules: titles, dates written in the text, outlets, sentence splitting, dated time words."""

import json
from datetime import date

import pytest

from storyline import api
from storyline.ingest import read_bytes
from storyline.ingest.dates import date_from_lead, date_from_line
from storyline.ingest.outlets import article_outlets, event_outlets, outlet_from_id, wire_credit
from storyline.model import Article, Citation, CopyGroup, SummarySentence
from storyline.render.markdown import outlet_line
from storyline.summarize.compress import dateline
from storyline.text import split_sentences
from storyline.text.time_words import annotate, date_time_words, describe, with_dates
from storyline.titles import event_title, is_headline, short_title


def _read(text: str, name: str = "story.txt") -> Article:
    items = list(read_bytes(text.encode(), name))
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


# ------------------------------------------------------------------------------------------------ titles


@pytest.mark.parametrize(
    "line",
    [
        "http : / / www . harbour-news . example / 2031 / story",
        "www.harbour-news.example/2031/story",
        "FERRY STRIKE ENTERS THIRD DAY",
        "Getty 2/37 Ferry workers walk out",
        "CLOSE The ferry strike entered a third day",
        "Ferry workers walked out on Monday after talks on pay …",
        "Photo: Jo Bell/Harbour News",
        "Thursday , March 14 , 2031",
    ],
)
def test_junk_lines_are_no_headline(line):
    assert not is_headline(line)


def test_a_headline_in_sentence_or_title_case_is_one():
    assert is_headline("Ferry strike enters third day as talks stall")
    assert is_headline("Ferry Strike Enters Third Day")


def test_short_title_keeps_the_main_clause_without_dateline_or_attribution():
    lead = (
        "PORT ELLISON (Wire) - Ferry workers walked out over pay on the island's three routes, a union "
        "official said Monday, while the operator promised to run a reduced service."
    )
    title = short_title(lead)
    assert title == "Ferry workers walked out over pay on the island's three routes"
    assert len(title) <= 80 and "…" not in title


def test_short_title_drops_a_leading_subordinate_clause_and_ends_at_a_boundary():
    lead = (
        "After weeks of failed talks over pay and rosters at the harbour company, ferry workers on the three "
        "island routes walked out on Monday to press their demands for a new contract."
    )
    title = short_title(lead)
    assert title.startswith("Ferry workers") or title.startswith("ferry workers")
    assert len(title) <= 100 and not title.endswith(("the", "of", "to", ","))


def test_event_title_is_the_most_representative_real_headline():
    articles = [
        Article(
            id="a",
            text="Ferry workers walked out on Monday. The strike stopped all routes.",
            title="Ferry workers walked out on Monday",
            title_source="lead",
        ),
        Article(
            id="b",
            text="Ferry workers began a strike on Monday. All routes stopped.",
            title="Ferry strike stops all island routes",
            title_source="headline",
        ),
        Article(
            id="c",
            text="Ferry workers are on strike. Routes stopped.",
            title="Markets in brief",
            title_source="metadata",
        ),
    ]
    assert event_title(articles) == "Ferry strike stops all island routes"
    untitled = [Article(id="x", text="OSTWICK (Wire) - Ferry workers walked out on Monday, the union said.")]
    assert event_title(untitled) == "Ferry workers walked out on Monday"


def test_a_url_line_a_headline_and_a_date_line_open_a_scraped_text():
    text = (
        "http : / / www . harbour-news . example / 2031 / 03 / 14 / ferry - strike\n"
        "Ferry strike enters third day\n"
        "Thursday , March 14 , 2031\n"
        "Ferry workers stayed off the job for a third day on Thursday .\n"
        "The operator said talks would resume ."
    )
    article = _read(json.dumps({"id": "f1", "text": text}), "export.jsonl")
    assert article.title == "Ferry strike enters third day" and article.title_source == "headline"
    assert (article.published, article.date_source) == ("2031-03-14", "text")
    assert article.url == "http://www.harbour-news.example/2031/03/14/ferry-strike"
    assert article.outlet == "harbour-news.example"
    assert "http" not in article.text and "March 14" not in article.text


def test_a_metadata_title_that_is_a_url_is_not_kept():
    article = _read(
        json.dumps(
            {
                "id": "f2",
                "title": "https://harbour-news.example/ferry",
                "text": "Ferry workers walked out.\n\nThe routes stopped.",
            }
        ),
        "export.json",
    )
    assert article.title != "https://harbour-news.example/ferry"


# ------------------------------------------------------------------------------------------------ dates


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


# ------------------------------------------------------------------------------------------------ outlets


def test_wire_credits_in_datelines_and_credit_lines_but_not_in_the_body():
    assert wire_credit("OTTAWA (AFP) - Talks advanced slowly.") == "AFP"
    assert wire_credit("Montreal, Jan. 29 (Reuters) - Talks resumed.") == "Reuters"
    assert wire_credit("WASHINGTON (AP) _ The Senate voted.") == "Associated Press"
    assert wire_credit("The talks resumed.\n\nThe Associated Press contributed to this report.") == "Associated Press"
    assert wire_credit("The minister told Reuters the talks would resume.") is None


def test_archive_ids_name_their_source():
    assert outlet_from_id("APW19981016.0240") == "Associated Press"
    assert outlet_from_id("NYT19981110.0432") == "New York Times"
    assert outlet_from_id("XIE19981203.0019") == "Xinhua"
    assert outlet_from_id("story-19981016") is None
    assert _read("Talks resumed on Monday.\nThe minister spoke.", "APW20310316.0240").outlet == "Associated Press"


def test_a_wire_story_republished_by_an_outlet_counts_both_and_its_copy_names_the_wire():
    wire = Article(id="w", text="OTTAWA (AFP) - Talks advanced slowly.", outlet="Harbour News")
    copy = Article(id="c", text="Talks advanced slowly.", outlet="Valley Daily")
    alone = Article(id="u", text="Talks advanced.")
    assert article_outlets(wire) == ["Harbour News", "AFP"]
    named = event_outlets([wire, copy, alone], [CopyGroup("g", ["w", "c"], "w")])
    assert named == {"w": ["Harbour News", "AFP"], "c": ["Valley Daily", "AFP"], "u": []}
    assert outlet_line(named) == "3 outlets (AFP, Harbour News, Valley Daily) · outlet unknown for 1"
    assert outlet_line({"u": []}) == "outlet unknown"


# ------------------------------------------------------------------------------------------------ sentences


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


# ------------------------------------------------------------------------------------------------ time words


def test_relative_time_words_are_dated_from_the_source_date():
    wednesday = date(2031, 1, 29)

    def dated(text):
        return [(text[a:b], describe(first, last)) for a, b, first, last in date_time_words(text, wednesday)]

    assert dated("Talks advanced, an official said Monday.") == [("Monday", "27 January 2031")]
    assert dated("They met yesterday and will meet again on Friday.") == [
        ("yesterday", "28 January 2031"),
        ("Friday", "31 January 2031"),
    ]
    assert dated("Ottawa said last week it would join.") == [("last week", "20-26 January 2031")]
    assert dated("Crowds are expected this weekend.") == [("this weekend", "1-2 February 2031")]
    assert dated("The week was long.") == []


def test_a_summary_sentence_shows_the_date_beside_its_words_and_keeps_them():
    source = Article(id="s", text="Talks advanced slowly, an official said Monday.", published="2031-01-29")
    undated = Article(id="u", text="Talks advanced slowly, an official said Monday.")
    sentence = SummarySentence(
        "Talks advanced slowly, an official said Monday.", [Citation("u", 0, 0, 47), Citation("s", 0, 0, 47)]
    )
    sentence = with_dates(sentence, {"s": source, "u": undated})
    assert sentence.text == "Talks advanced slowly, an official said Monday."
    assert [(d.date, d.article_id) for d in sentence.dates] == [("2031-01-27", "s")]
    shown = annotate(sentence.text, sentence.dates)
    assert shown == "Talks advanced slowly, an official said Monday [27 January 2031]."
    alone = with_dates(SummarySentence(undated.text, [Citation("u", 0, 0, 47)]), {"u": undated})
    assert alone.dates == []  # no dated source: no date is made up


# ------------------------------------------------------------------------------------------------ outputs


def test_digest_leaves_only_current_events_and_index_json_points_at_json(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Ferry strike enters third day\n\nFerry workers stayed off the job on Thursday. "
        "The operator said talks would resume next week.\n",
        encoding="utf-8",
    )
    out = tmp_path / "digest"
    api.digest([folder], out=out, db=tmp_path / "news.db")
    stale = out / "events" / "2000-01-01-an-old-event.md"
    stale.write_text("# An old event\n", encoding="utf-8")
    with api.open_store(tmp_path / "news.db") as store:
        api.rebuild(store)
    report = api.digest([], out=out, db=tmp_path / "news.db")
    assert not stale.exists()
    index = json.loads((out / "index.json").read_text())
    pages = sorted(p.name for p in (out / "events").iterdir())
    assert len(pages) == 2 * report.event_count
    assert all(event["file"].endswith(".json") and (out / event["file"]).exists() for event in index["events"])


# ------------------------------------------------------------------------------------------------ real data


def test_seed_event_title_outlets_dates_and_monday(seeds_dir, tmp_path):
    report = api.digest([seeds_dir], out=tmp_path / "digest", db=tmp_path / "news.db")
    assert report.event_count == 1
    digest = report.digests[0]
    assert digest.event.title == "Progress in Nafta talks, but very slow: US trade official"
    named = event_outlets(digest.articles, digest.copy_groups)
    by_number = {a.source_path.rsplit("/", 1)[-1][:3]: a.id for a in digest.articles}
    assert "AFP" in named[by_number["001"]] and "AFP" in named[by_number["002"]]
    assert "2018-01-29" <= digest.event.start <= digest.event.end <= "2018-01-31"
    page = next((tmp_path / "digest" / "events").glob("*.md")).read_text()
    assert "Monday \\[29 January 2018\\]" in page  # the brackets escaped, as all article text in Markdown


def test_every_duc_article_names_its_outlet_from_its_id(shared_data):
    docs = shared_data / "duc2004-dev" / "docs"
    if not docs.is_dir():
        pytest.skip("DUC 2004 dev data not found")
    articles = api.read([next(p for p in sorted(docs.iterdir()) if p.is_dir())]).articles
    assert articles and all(a.outlet in ("Associated Press", "New York Times", "Xinhua") for a in articles)


def test_json_digest_holds_what_its_documented_schema_requires(tmp_path):
    from pathlib import Path

    from storyline.render.json import SCHEMA_VERSION

    schema = json.loads((Path(__file__).resolve().parents[1] / "docs" / "digest.schema.json").read_text())
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Ferry strike enters third day\n\nOSTWICK (AFP) - Ferry workers stayed off the job "
        "on Thursday. The operator said talks would resume.\n",
        encoding="utf-8",
    )
    api.digest([folder], out=tmp_path / "digest", db=tmp_path / "news.db")
    index = json.loads((tmp_path / "digest" / "index.json").read_text())
    assert set(schema["$defs"]["index"]["required"]) <= set(index)
    data = json.loads((tmp_path / "digest" / index["events"][0]["file"]).read_text())
    assert set(schema["required"]) <= set(data) and data["outlets"] == ["AFP"]
    sentence_schema = schema["properties"]["summary"]["properties"]["sentences"]["items"]
    for sentence in data["summary"]["sentences"]:
        assert set(sentence_schema["required"]) <= set(sentence)
        for citation in sentence["citations"]:
            assert set(sentence_schema["properties"]["citations"]["items"]["required"]) <= set(citation)


def test_events_carry_the_titles_their_digests_carry(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "OSTWICK (Wire) - Ferry workers on Tarrow island walked out on Monday over pay, the union said. "
        "Every crossing to the mainland was cancelled.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "Ferry workers on Tarrow island walked out on Monday in a dispute over pay, leaving thousands stranded as "
        "every crossing to the mainland was cancelled.\n",
        encoding="utf-8",
    )
    articles = api.read([folder]).articles
    events = api.events(articles)
    assert [e.title for e in events] == [event_title(articles)]
    assert "…" not in events[0].title and "OSTWICK" not in events[0].title
    assert [e.title for e in api.storylines_and_events(articles)[1]] == [events[0].title]
    api.digest([folder], out=tmp_path / "digest", db=tmp_path / "news.db")
    index = json.loads((tmp_path / "digest" / "index.json").read_text())
    assert [e["title"] for e in index["events"]] == [events[0].title]


def test_a_long_lead_without_a_clause_boundary_is_cut_at_a_phrase_within_the_limit():
    title = short_title(
        "Inspectors from the regional harbour authority closed the old and badly corroded swing bridge over the "
        "Tarrow estuary to all heavy goods vehicles and buses for an indefinite period on Monday."
    )
    assert len(title) <= 80 and title.startswith("Inspectors from the regional harbour authority closed")
    assert title.split()[-1].lower() not in {"the", "of", "to", "for", "over", "on"}


def test_a_leading_phrase_goes_and_a_line_in_capitals_is_no_lead():
    assert short_title("In a blow to the island's hauliers and ferry crews, the operator cut every crossing.") == (
        "The operator cut every crossing"
    )
    shouting = Article(id="x", text="FERRY STRIKE ENTERS THIRD DAY. Ferry workers stayed off the job on Thursday.")
    assert event_title([shouting]) == "Ferry workers stayed off the job on Thursday"


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
