"""Relative time words dated from their source's publication date."""

from datetime import date

from storyline.model import Article, Citation, SummarySentence
from storyline.text.time_words import annotate, date_time_words, describe, with_dates


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
