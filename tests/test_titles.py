"""Titles: real headlines, junk lines, short titles from the lead, one title rule for events and digests."""

import json

import pytest

from storyline import api
from storyline.ingest import read_bytes
from storyline.model import Article
from storyline.title_case import from_capitals
from storyline.titles import event_title, is_credit_line, is_headline, short_title


def _read(text: str, name: str = "story.txt") -> Article:
    items = list(read_bytes(text.encode(), name))
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


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


def test_a_long_lead_without_a_clause_boundary_is_cut_before_a_phrase_never_between_any_two_words():
    title = short_title(
        "Inspectors from the regional harbour authority closed the old and badly corroded swing bridge over the "
        "Tarrow estuary to all heavy goods vehicles and buses for an indefinite period on Monday."
    )
    assert title == "Inspectors from the regional harbour authority closed the old and badly corroded swing bridge"
    unbroken = "Inspectors closed the old and badly corroded swing bridge that carries the coast road and the railway"
    # Without a parser the main clause stays whole; with one it ends before the relative clause.
    assert short_title(unbroken + ".", max_chars=40) in (
        unbroken,
        "Inspectors closed the old and badly corroded swing bridge",
    )


def test_a_leading_phrase_goes_and_a_line_in_capitals_is_no_lead():
    assert short_title("In a blow to the island's hauliers and ferry crews, the operator cut every crossing.") == (
        "The operator cut every crossing"
    )
    shouting = Article(id="x", text="FERRY STRIKE ENTERS THIRD DAY. Ferry workers stayed off the job on Thursday.")
    assert event_title([shouting]) == "Ferry workers stayed off the job on Thursday"


@pytest.mark.parametrize(
    "line",
    [
        "Courtesy of the Harbour News :",
        "Photo: Jo Bell/Harbour News",
        "Photos by Jo Bell",
        "By Jo Bell, Harbour News",
        "By Jo Bell",
        "Getty Images",
        "Source: Harbour News",
        "The union's full statement follows :",
    ],
)
def test_credit_lines_and_lines_introducing_what_follows_are_no_title(line):
    assert is_credit_line(line) and not is_headline(line)


def test_a_headline_that_opens_with_by_or_names_a_source_is_still_one():
    assert is_headline("By Ferry, Bell crosses the strait in record time")
    assert is_headline("Sources say ferry talks stall")


def test_a_credit_line_is_no_lead_for_a_short_title():
    article = Article(id="x", text="Courtesy of Harbour News :\n\nFerry workers on Tarrow walked out on Monday.")
    assert event_title([article]) == "Ferry workers on Tarrow walked out on Monday"
    read = _read("Courtesy of Harbour News :\n\nFerry workers on Tarrow walked out on Monday.\n\nRoutes stopped.")
    assert read.title == "Ferry workers on Tarrow walked out on Monday"


def test_a_long_relative_clause_between_commas_leaves_the_main_clause():
    lead = (
        "Jo Bell , who ran the Tarrow ferry company for more than three decades as its founder and chief engineer "
        "and saw it through the strikes of the 1980s and the storms of 1990 , has died ."
    )
    assert short_title(lead) == "Jo Bell has died"


def test_a_clause_cut_never_leaves_a_dangling_word_and_as_many_as_is_no_boundary():
    lead = (
        "The Tarrow Ferry Company's newest passenger vessel near the Ostwick harbour wall was boarded by as many as "
        "four protesters on Thursday afternoon ."
    )
    title = short_title(lead)
    assert len(title) <= 80 and title.split()[-1] not in {"by", "many", "as"}
    assert title == "The Tarrow Ferry Company's newest passenger vessel was boarded"


def test_a_when_clause_is_a_boundary():
    lead = "Two ferry crew members of the Tarrow island service were hurt when a mooring line snapped at the pier ."
    assert short_title(lead, max_chars=60) == "Two ferry crew members of the Tarrow island service were hurt"


def test_a_long_announcement_gives_what_was_announced():
    lead = (
        "The Tarrow Island Ferry Operators Association announced Friday that Jo Bell will chair the talks on the "
        "new timetable in March ."
    )
    title = short_title(lead)
    assert title == "Jo Bell will chair the talks on the new timetable in March"


def test_a_long_lead_loses_its_day_stamp_but_not_a_day_that_dates_a_participle():
    lead = (
        "The Tarrow Island Ferry Operators Association Tuesday cancelled the first two weeks of the summer timetable, "
        "the first time in its history that it has lost crossings to a dispute ."
    )
    expected = "The Tarrow Island Ferry Operators Association cancelled the first two weeks of the summer timetable"
    assert short_title(lead) == expected
    kept = "Jo Bell said in an interview published Sunday that the island's ferry crews will strike again next month ."
    assert "published Sunday" in short_title(kept)


def test_a_participial_phrase_closed_by_a_comma_before_the_verb_goes_with_its_comma():
    lead = (
        "A party of harbour pilots lobbying against the sale of the Tarrow ferry company to a foreign buyer to run "
        "its routes, warned Thursday that the island was close to a long strike."
    )
    # The participle is no main verb: the title is the subject with its verb, not the subject cut before "to run".
    assert short_title(lead) == "A party of harbour pilots warned that the island was close to a long strike"
    assert short_title("Pilots lobbying for a pay rise, warned of a strike.") == "Pilots warned of a strike"
    # After the verb, a participle is part of the predicate.
    kept = "Police stopped two drivers carrying fuel cans, said the harbour master."
    assert short_title(kept).startswith("Police stopped two drivers carrying fuel cans")


def test_a_cut_takes_the_adverb_that_qualifies_the_phrase_it_drops():
    lead = (
        "Tarrow Ferries built itself into the largest operator on the northern coast largely by buying the routes "
        "of its smaller rivals and cutting fares on every crossing in winter."
    )
    assert short_title(lead) == "Tarrow Ferries built itself into the largest operator on the northern coast"
    lead = (
        "The crews of the three island ferries operated by the Tarrow company walked out mainly over the new "
        "rosters, which cut their rest days."
    )
    assert short_title(lead) == "The crews of the three island ferries operated by the Tarrow company walked out"


@pytest.mark.parametrize("end", ["largely", "the", "his", "into", "because", "will", "been", "Bell's", "players'"])
def test_no_cut_ends_on_a_word_that_needs_what_was_cut(end):
    from storyline.titles import _dangles

    assert _dangles(f"Ferry crews walked out {end}")
    assert not _dangles("Ferry crews walked out") and not _dangles("Fares rose sharply")
    assert not _dangles("The vote is set for May")


def test_a_date_or_time_stamp_is_no_lead():
    stamped = Article(id="x", text="Dec . 24 4 : 33 AM EST\nFerry workers on Tarrow walked out on Monday.")
    assert event_title([stamped]) == "Ferry workers on Tarrow walked out on Monday"


def test_a_leading_clause_opening_with_an_irregular_participle_goes():
    lead = "Caught in a long dispute over rosters, the Tarrow ferry crews walked out on Monday."
    assert short_title(lead) == "The Tarrow ferry crews walked out on Monday"


def test_a_title_ends_on_its_words_not_on_the_punctuation_that_closed_a_line():
    assert short_title("Ferry crews walk out over rosters;") == "Ferry crews walk out over rosters"


def test_a_teasers_ellipsis_after_a_whole_clause_goes_but_a_cut_keeps_it():
    assert short_title("Ferry Crews Are Walking Out At Dawn…") == "Ferry Crews Are Walking Out At Dawn"
    assert short_title("Ferry crews walked out after talks on the …").endswith("…")


def test_an_event_title_from_a_headline_and_subhead_layout_loses_the_semicolon():
    article = Article(id="x", title="Ferry crews walk out;", title_source="metadata", text="Crews walked out.")
    assert event_title([article]) == "Ferry crews walk out"


def test_a_headline_in_capitals_takes_the_case_its_article_writes():
    body = (
        "The Harbour Ferry Company said on Monday that crews of the Tarrow ferry would strike again. "
        "Union leaders at the BTFU said the strike would go on. The strike began on a Thursday."
    )
    assert from_capitals("TARROW FERRY STRIKE ENTERS THIRD DAY", body) == "Tarrow ferry strike enters third day"
    # A word the text never writes inside a sentence goes to lower case, unless it has no vowel (an acronym).
    assert from_capitals("BTFU CALLS FERRY STRIKE IN PLYMPTON", body) == "BTFU calls ferry strike in plympton"
    assert from_capitals("NEW STRIKE VOTE", body) is None  # short, no verb: a label
    # A line that is no headline stays none: a label of names, a stamp, a line not in capitals.
    assert from_capitals("THE HARBOUR FERRY COMPANY", body) is None
    assert from_capitals("10 : 55 P . M . FEB . 2 , 2031", body) is None
    assert from_capitals("Ferry strike enters third day", body) is None


def test_a_url_or_a_line_in_capitals_says_nothing_of_a_word_case():
    body = "http : / / harbour . example / tarrow - ferry - strike\nFERRY STRIKE\nCrews in Tarrow walked out."
    assert from_capitals("TARROW FERRY STRIKE ENTERS THIRD DAY", body) == "Tarrow ferry strike enters third day"


def test_a_page_whose_headline_is_in_capitals_keeps_it_as_its_title():
    article = _read(
        "TARROW FERRY CREWS STRIKE FOR THIRD DAY\n\nFerry crews on Tarrow stayed off the job on Thursday, the "
        "third day of the strike.\n\nThe Harbour Company said the ferry would stay in port.\n"
    )
    assert (article.title, article.title_source) == ("Tarrow ferry crews strike for third day", "headline")
    assert article.text.startswith("Ferry crews on Tarrow")


def test_a_text_in_parts_weighs_as_its_parts_joined_by_a_line_break():
    # ``event_title`` hands each article as (headline, body), so the body's stems are those other analyses keep.
    from storyline.titles import representative

    titles = ["Rebels seize the airport", "Storm closes the harbour", "Airport talks resume"]
    parts = [
        ("Rebels seize airport", "Rebels seized the airport on Monday. Talks on the airport resume."),
        ("", "The storm closed the harbour; rebels' airport seizure drew condemnation."),
        ("Harbour shut", "U.S. envoys met the rebels at the airport."),
    ]
    joined = [headline + "\n" + body for headline, body in parts]
    assert representative(titles, parts) == representative(titles, joined) == 0


@pytest.mark.parametrize(
    ("lead", "cut_off"),
    [
        # A verb, an adjective or a noun that "to" completes: the title keeps the "to" phrase.
        (
            "The Tarrow Ferry Company has offered to run an extra night crossing to the island during the harbour "
            "works, its chairman said .",
            "offered",
        ),
        (
            "The Ostwick harbour board voted Friday to close the old ferry pier to all traffic from next month , "
            "after a survey found cracks .",
            "voted",
        ),
        # A verb whose object the "to" belongs to.
        (
            "A storm warning forced the Tarrow ferry crews to halt Thursday's crossings to the island for a whole "
            "day , the company said .",
            "crews",
        ),
    ],
)
def test_a_title_does_not_end_before_a_to_that_completes_it(lead, cut_off):
    title = short_title(lead)
    assert not title.endswith(cut_off) and " to " in title and len(title) <= 100


def test_a_lead_with_no_other_cut_still_ends_before_a_completing_to_rather_than_run_far_over():
    lead = (
        "The Tarrow Ferry Company and the Ostwick harbour board have agreed to set aside a late request by the island "
        "council to move the whole passenger service onto a new pier further up the estuary ."
    )
    assert len(short_title(lead)) <= 100
