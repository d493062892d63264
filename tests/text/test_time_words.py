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
    assert dated("The council shut the bridge at 6 o'clock this morning.") == [("this morning", "29 January 2031")]
    assert dated("Crews worked through last night and this Afternoon.") == [
        ("last night", "28 January 2031"),
        ("this Afternoon", "29 January 2031"),
    ]
    assert dated("The morning was cold and the night was long.") == []
    # A date written after the word says which day: a later report repeating an older statement keeps it right.
    assert dated("The cable was cut this morning 16th August from 06:31 GMT.") == []
    assert dated("A fire broke out this morning (July 21) and on Tuesday, 14 Jan.") == []
    assert dated("Bandwidth came back last night [10 October 2011] and on Monday 27.") == [
        ("Monday", "27 January 2031")
    ]


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


def test_a_weekday_is_dated_by_the_tense_of_its_own_clause_not_by_any_future_word_before_it():
    wednesday, friday = date(2031, 1, 29), date(2031, 1, 31)

    def dated(text, when=wednesday):
        return [(text[a:b], describe(first, last)) for a, b, first, last in date_time_words(text, when)]

    # "the end of the month" is no future tense: the bank's rise on Thursday is the day before a Friday report.
    rise = "Borrowers face higher payments from the end of the month after the bank raised its rate on Thursday."
    assert dated(rise, friday) == [("Thursday", "30 January 2031")]
    assert dated("Police said the man, who will appear in court on Monday, was arrested on Saturday.") == [
        ("Monday", "3 February 2031"),
        ("Saturday", "25 January 2031"),
    ]
    assert dated("The strike, which started Monday, will end Friday.") == [
        ("Monday", "27 January 2031"),
        ("Friday", "31 January 2031"),
    ]
    # A participle after "be" and a past tense a present shares do not turn what is to come into the past.
    assert dated("The result will be formally announced on Friday.") == [("Friday", "31 January 2031")]
    assert dated("The bank will cut rates on Thursday.") == [("Thursday", "30 January 2031")]
    assert dated("The injured will be moved on Friday.") == [("Friday", "31 January 2031")]
    plan = "Officials were expected to finish a plan that the minister was to present on Friday."
    assert dated(plan) == [("Friday", "31 January 2031")]
