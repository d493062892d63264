"""An event's words and claims read at once: the same words, stems, flags and findings as reading each word and
sentence the first time a rule asks."""

import re
from contextlib import contextmanager

from hypothesis import given, settings
from hypothesis import strategies as st

import storyline
from storyline.compare import clock, report, signals, words
from storyline.compare.lexicon import (
    ATTRIBUTION_VERBS,
    CUE_GROUPS,
    MONTHS,
    MULTIPLIERS,
    NEGATIONS,
    NUMBER_WORDS,
    UNIT_ALIASES,
    WEEKDAYS,
)
from storyline.compare.words import FLAGS, FORMS, TOKEN, learn_words, token_words
from tests.conftest import EXAMPLES

_ODD_WORDS = [
    "Monday's", "Jan", "didn't", "won’t", "Noon", "afternoon", "midnight's", "14", "1,500", "2.5", "according",
    "Zürich", "İstanbul", "²", "Ka1", "said", "Said", "rejected", "slammed", "denies", "Rose", "fell", "a", "An",
]  # fmt: skip


@contextmanager
def _empty_word_tables():
    saved = [dict(table) for table in (words.FORMS, words.FLAGS, words.CONTEXT_OF)]
    try:
        yield
    finally:
        for table, content in zip((words.FORMS, words.FLAGS, words.CONTEXT_OF), saved, strict=True):
            dict.clear(table)
            table.update(content)


def _clear_word_tables():
    for table in (words.FORMS, words.FLAGS, words.CONTEXT_OF):
        dict.clear(table)


def test_words_learnt_at_once_have_the_forms_and_flags_of_words_read_one_by_one():
    lexicon = [*NUMBER_WORDS, *MULTIPLIERS, *UNIT_ALIASES, *WEEKDAYS, *MONTHS, *NEGATIONS, *ATTRIBUTION_VERBS]
    samples = {form for word in lexicon + _ODD_WORDS for form in (word, word.title(), word.upper(), word + "s")}
    samples |= {f"{word}'s" for word in WEEKDAYS} | {stem + "ed" for stem in CUE_GROUPS}
    with _empty_word_tables():
        _clear_word_tables()
        one_by_one = {word: (FORMS[word], FLAGS[word]) for word in samples}
        assert any(flags for _, flags in one_by_one.values()) and not all(flags for _, flags in one_by_one.values())
        _clear_word_tables()
        learn_words(set(samples))
        assert len(FLAGS) == len(FORMS) == len(samples)  # every word learnt, none left to read on first use
        assert {word: (FORMS[word], FLAGS[word]) for word in samples} == one_by_one


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_ascii_text_has_the_tokens_of_the_full_pattern(text):
    assert token_words(text) == TOKEN.findall(text)


def test_an_event_read_at_once_has_the_findings_of_one_sentence_at_a_time(monkeypatch):
    articles = storyline.read([EXAMPLES / "corpus"]).articles
    with _empty_word_tables():
        _clear_word_tables()
        at_once = [item.to_dict() for item in storyline.disagreements(articles)]
        _clear_word_tables()
        monkeypatch.setattr(report, "read_claims", lambda pairs: None)  # each sentence read when a rule asks
        one_at_a_time = [item.to_dict() for item in storyline.disagreements(articles)]
    assert at_once and at_once == one_at_a_time


# The negation signal's pattern as first written (a word boundary, then the word).
_PLAIN_NEGATION = re.compile(r"\b(?:n(?:ot|o|ever|one|obody|othing|either|or)|without|cannot)\b|n['’]t\b")
_NEGATION_PIECES = ["not", "no", "none", "nor", "without", "cannot", "n't", "n’t", "don", "a", "x", "1", "_", " ", "."]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_NEGATION_PIECES), max_size=12).map("".join))
def test_the_negation_signal_finds_a_negation_where_the_plain_pattern_does(text):
    assert (signals._NEGATION_WORDS.search(text) is None) == (_PLAIN_NEGATION.search(text) is None)


_TIME_PIECES = ["10", "7", ":", "30", ".", " ", "am", "P.M.", "pm", "a", "noon", "MIDNIGHT", "mıdnight", "x", "_"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_TIME_PIECES), max_size=10).map("".join))
def test_a_clock_time_is_looked_for_wherever_one_can_be(text):
    assert clock.may_tell_time(text) or clock.TIME.search(text) is None
