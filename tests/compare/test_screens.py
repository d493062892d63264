"""The cheap tests that spare the close reading of sentences: each gives what the full reading gives (a pattern
finds what the plain one finds, a bound never drops a pair the full test keeps, a skipped part would be empty)."""

import re
from difflib import SequenceMatcher

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.compare import event_disagreements
from storyline.compare.align import sentence_units
from storyline.compare.claims import extract
from storyline.compare.roles import PLACE_SIGNAL
from storyline.compare.versions import meaning_changes
from storyline.diff import CHANGED_MIN_SIMILARITY, may_be_versions
from storyline.model import Article

_PLAIN_PLACE_SIGNAL = re.compile(r"\b(?:[Ii]n|at|near|outside|inside|from) (?:the )?[A-Z]")
_PIECES = ["in", "In", "at", "At", "near", "outside", "inside", "from", "the", "The", "Leeds", "x", "Berlin", "é"]
_GAPS = [" ", "  ", "", "-", "'", ".", "\n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_GAPS)), max_size=8))
def test_the_place_lead_pattern_finds_a_place_in_the_same_texts_as_the_plain_one(parts):
    text = "".join(piece + gap for piece, gap in parts)
    assert bool(PLACE_SIGNAL.search(text)) == bool(_PLAIN_PLACE_SIGNAL.search(text))


def test_negated_heads_read_off_the_words_with_their_spans_from_the_tokens():
    expected = {
        # "no one" negates the verb after it; an adverb between a negation and its head is skipped
        "The Americans did not outright reject the proposals, and no one denied it.": {
            "reject": "not outright reject",
            "deni": "no one denied",
        },
        "Officials didn't close the bridge; they would not say why, nor when.": {
            "close": "didn't close",
            "say": "not say",
            "when": "nor when",
        },
        # "not only" and "no longer" negate nothing; a comma ends the reach of a negation
        "It was not only the rain: no longer a storm, the wind did not, at first, ease.": {},
        "Nothing was said.": {"said": "Nothing was said"},
    }
    for text, heads in expected.items():
        claims = extract(text)
        assert list(claims.negated_heads) == list(heads)
        assert {head: text[slice(*claims.negated_span(head))] for head in claims.negated_heads} == heads
        assert claims.negated == {head: claims.negated_span(head) for head in heads}


def _between(first: str, second: str):
    filler = "Crews from three stations attended the fire in the storage building. "
    return event_disagreements(
        "ev", [Article("a", filler + first, outlet="A", published="2026-03-04"), Article("b", filler + second)]
    )


def test_a_figure_the_first_sentence_also_gives_is_no_rival_but_a_new_one_is():
    assert not _between(
        "Five people died and 14 were taken to hospital after the fire, police said.",
        "Fourteen people were taken to hospital after the fire, police said.",
    )
    (found,) = _between(
        "Five people died and 14 were taken to hospital after the fire, police said.",
        "Five people died and 20 were taken to hospital after the fire, police said.",
    )
    assert found.kind == "number" and "14" in found.topic and "20" in found.topic


def test_a_date_the_first_sentence_also_gives_is_no_rival():
    assert not _between(
        "The bridge closed on Monday and reopened on Friday after repairs, the council said.",
        "The bridge reopened on Friday after repairs, the council said.",
    )
    (found,) = _between(
        "The bridge reopened on Friday after repairs to its deck, the council said.",
        "The bridge reopened on Sunday after repairs to its deck, the council said.",
    )
    assert found.kind == "date"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from("abcdefgh"), min_size=1, max_size=14),
    st.lists(st.sampled_from("abcdefgh"), min_size=1, max_size=14),
)
def test_the_bound_never_drops_two_sentences_the_word_diff_would_pair(words_a, words_b):
    ratio = SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()
    kept = may_be_versions(words_a, set(words_a), words_b, set(words_b))
    if set(words_a) & set(words_b) and ratio >= CHANGED_MIN_SIMILARITY:
        assert kept


BASE = (
    "The council approved the tram line on Thursday. The line will link the station with the campus. "
    "Construction will cost 40 million pounds and last three years. The mayor welcomed the vote."
)


def test_a_copy_that_only_adds_or_drops_sentences_changes_no_meaning_but_a_changed_figure_does():
    added = BASE + " Shopkeepers fear a drop in trade while the street is closed."
    assert meaning_changes(Article("a", BASE), Article("b", added)) == {}
    dropped = BASE.replace(" The mayor welcomed the vote.", "")
    assert meaning_changes(Article("a", BASE), Article("b", dropped)) == {}
    assert meaning_changes(Article("a", BASE), Article("b", BASE)) == {}
    changed = BASE.replace("40 million", "55 million")
    ((indexes, change),) = meaning_changes(Article("a", BASE), Article("b", changed)).items()
    assert indexes == (2, 2) and change.kind == "number"


def test_a_sentence_said_by_several_articles_is_one_unit_held_by_each_once():
    said = "The line will link the station with the campus and the hospital."
    articles = [
        Article("a", f"{said} The mayor welcomed the vote on Thursday evening."),
        Article("b", f"Work starts in spring next year at the earliest. {said} {said}"),
        Article("c", "The mayor welcomed the vote on Thursday evening."),
    ]
    units = {unit.text: unit for unit in sentence_units(articles)}
    shared = units[said]
    assert [(s.article_id, s.index) for s in shared.holders] == [("a", 0), ("b", 1)]
    assert shared.article_ids == {"a", "b"}
    assert units["The mayor welcomed the vote on Thursday evening."].article_ids == {"a", "c"}
    assert list(units) == [
        said,
        "The mayor welcomed the vote on Thursday evening.",
        articles[1].text.split(". ")[0] + ".",
    ]
    assert all(unit.stems and "the" not in unit.stems for unit in units.values())
