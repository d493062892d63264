"""Summaries that stand alone: no sentence leaning on one left out, one fact once, the main news first."""

import pytest

from storyline.model import Article, Citation
from storyline.summarize import summarize
from storyline.summarize.order import after_antecedents, main_news_first
from storyline.summarize.references import needs_antecedent, same_fact_pairs
from storyline.summarize.select import best_cover
from storyline.text import content_stems


@pytest.mark.parametrize(
    "text",
    [
        "Bell also said that the ferry would run on Sunday.",
        "The plea to reconsider was made by the union's lawyer.",
        "The operator rejected the offer, the company statement said.",
        "Three days earlier, the union had rejected a pay offer.",
        "The next day, the ferries were back in service.",
        "Councillors voted 29 to 18 in favour tonight after a six-hour debate.",
        "In all, 41 members voted in favor, six against and three abstained.",
        "The board voted 7-2 against.",
    ],
)
def test_sentences_that_lean_on_an_earlier_one(text):
    assert needs_antecedent(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ferry workers on the island walked out on Monday over pay.",
        "The victims Jo Bell and Al Marr were taken to hospital.",
        "The strike of the ferry workers entered a third day.",
        'Bell said the strike was "also about safety".',
        "Councillors voted 29 to 18 in favour of the new ferry terminal.",
        "The Senate voted 55 to 45 against the bill on Tuesday.",
        "Most members voted against Smith.",
        "Lawmakers voted against making the report public.",
        'The mayor said "we voted in favour" and left.',
        "The harbour board voted for the new rota by 12 votes and two members against, on Monday.",
    ],
)
def test_sentences_that_stand_alone(text):
    assert not needs_antecedent(text)


def test_a_sentence_that_leans_on_another_is_chosen_only_with_it():
    # Sentence 1 covers the most, but leans on sentence 0; the budget holds only one of them.
    lengths, concepts, weights = [6, 6, 6], [[0], [1, 2], [3]], [1.0, 5.0, 5.0, 2.0]
    assert best_cover(lengths, concepts, weights, 12, requires={1: [0]}) == [0, 1]
    assert best_cover(lengths, concepts, weights, 6, requires={1: [0]}) == [2]
    assert best_cover(lengths, concepts, weights, 12, requires={1: []}) == [0, 2]


def test_a_sentence_comes_after_the_one_it_leans_on():
    assert after_antecedents([2, 0, 1], {2: 1}) == [0, 1, 2]
    assert after_antecedents([1, 2, 0], {2: 1}) == [1, 2, 0]


def test_rewordings_of_one_fact_pair_up_and_other_facts_do_not():
    texts = [
        "Ferry workers walked out over pay on Monday.",
        "On Monday ferry workers walked out in a dispute over pay.",
        "The operator cancelled every crossing to the mainland.",
    ]
    assert same_fact_pairs([frozenset(content_stems(t)) for t in texts]) == [(0, 1)]


def test_the_main_news_leads_the_summary():
    citations = [
        [Citation("a", 5, 0, 1)],  # a background detail
        [Citation("a", 0, 0, 1), Citation("b", 0, 0, 1), Citation("c", 1, 0, 1)],  # what most reports open with
        [Citation("b", 4, 0, 1)],
    ]
    assert main_news_first([0, 1, 2], citations, [False, False, False]) == [1, 0, 2]
    assert main_news_first([0, 1, 2], citations, [False, True, False]) == [0, 1, 2]  # a quotation never leads


def test_summaries_leave_out_sentences_whose_reference_is_missing():
    texts = [
        "Ferry workers on Ostwick island walked out over pay on Monday, stopping every crossing. "
        "The operator cancelled all sailings until further notice. "
        "The union also said that safety rules on the boats were being ignored by managers.",
        "Ferry workers on Ostwick island walked out on Monday in a dispute over pay. "
        "Union leader Jo Bell said talks had failed. "
        "The union also said that safety rules on the boats were ignored by managers on the island.",
        "A pay strike by ferry workers stopped every crossing to Ostwick island on Monday. "
        "The operator cancelled all sailings. Shops on the island ran short of bread.",
    ]
    articles = [Article(id=f"a{i}", text=t, published="2031-03-03") for i, t in enumerate(texts)]
    summary = summarize(articles, words=60)
    chosen = [s.text for s in summary.sentences]
    for k, sentence in enumerate(summary.sentences):
        if needs_antecedent(sentence.text):  # allowed only after the sentence it leans on
            earlier = {(c.article_id, c.sentence_index) for s in summary.sentences[:k] for c in s.citations}
            assert any((c.article_id, c.sentence_index - 1) in earlier for c in sentence.citations), sentence.text
    assert "walked out" in chosen[0] or "strike" in chosen[0]


def test_a_sentence_leaning_only_through_also_stands_alone_without_it():
    from storyline.summarize.references import without_also

    assert without_also("The operator is also cutting the winter timetable.") == (
        "The operator is cutting the winter timetable."
    )
    assert without_also("Bell also said the ferry ran three days later.") is None  # still leans on its time
    assert without_also("The ferry ran on Sunday.") is None  # nothing to drop
    # In a summary: the fact comes without the "also" that points at a sentence left out.
    lead = "Ferry workers on Tarrow island walked out on Monday over pay and staffing. "
    articles = [
        Article(id="a", text=lead + "Bell said pay talks had broken down.", published="2031-01-05"),
        Article(
            id="b",
            text="The operator is also cutting the winter timetable for Tarrow island ferry crossings.",
            published="2031-01-05",
        ),
        Article(
            id="c",
            text="Unions say the operator is cutting the winter timetable for Tarrow island ferry crossings.",
            published="2031-01-06",
        ),
    ]
    # (A budget the two facts fill at least half of: with more room, one report would make a concept count.)
    sentences = summarize(articles, words=40).sentences
    assert not any(" also " in s.text for s in sentences), [s.text for s in sentences]
    assert "The operator is cutting the winter timetable for Tarrow island ferry crossings." in [
        s.text for s in sentences
    ]


def test_one_source_summaries_keep_a_leaning_sentence_with_what_it_leans_on_and_say_a_fact_once():
    text = (
        "Ferry workers on Tarrow island walked out on Monday over pay and staffing levels on the crossings. "
        "He said the crews had waited three years for a pay rise and would not wait any longer. "
        "The operator also cancelled every crossing to the mainland until further notice. "
        "Every crossing to the mainland was cancelled by the operator until further notice. "
        "Talks between the union and the operator will resume at the harbour offices next week."
    )
    texts = [s.text for s in summarize([Article(id="a", text=text, published="2031-01-05")], words=60).sentences]
    assert texts[0].startswith("Ferry workers")
    # "also" leans on a sentence that cannot stand alone: the sentence comes without its "also"
    assert not any(" also " in t for t in texts), texts
    assert sum("cancelled" in t for t in texts) == 1, texts


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Some fear of military dominance of public life.", False),
        ("1990-92: Served as harbour minister in the Ostwick government.", None),
        ("Those areas cover around 70 percent of the island's people.", True),
        ("The Republicans currently hold a 55-to-45 majority.", True),
        ("These require stern punishment but not removal from office.", True),
    ],
)
def test_fragments_are_no_summary_material_and_present_tense_sentences_are(text, verb):
    from storyline.summarize.compress import has_main_verb, stands_alone

    if verb is None:
        assert not stands_alone(text)  # a list item
    else:
        assert has_main_verb(text) is verb


def test_a_time_counted_from_an_event_left_out_is_dropped_when_that_is_all_a_sentence_leans_on():
    from storyline.summarize.references import without_relative_time

    assert without_relative_time("The crossing reopened two hours later with a reduced timetable.") == (
        "The crossing reopened with a reduced timetable."
    )
    assert without_relative_time("Three days earlier, the union had rejected a pay offer.") == (
        "The union had rejected a pay offer."
    )
    assert without_relative_time("The next day, they were back in service.") == "They were back in service."
    assert needs_antecedent("They were back in service.") is False  # pronoun openings: the stand-alone filter's job
    assert without_relative_time("Bell also said the ferry ran three days later.") is None  # still leans on "also"
    assert without_relative_time('Bell said "two days later it sank" at the hearing.') is None  # a quote stays whole
    assert without_relative_time("The ferry ran on Sunday.") is None  # nothing to drop


def test_a_leaning_thing_named_with_the_reads_as_new_with_a():
    from storyline.summarize.references import indefinite

    assert indefinite("The agreement gives the crews a pay rise.") == "An agreement gives the crews a pay rise."
    assert indefinite('"The deal is fair," Bell said.') == '"A deal is fair," Bell said.'
    assert indefinite("The new plan cuts two crossings.") == "A new plan cuts two crossings."
    assert indefinite("The company changed its mind.") is None  # who acted must stay named
    assert indefinite("The talks resume on Monday.") is None  # plural
    assert indefinite("The same plan cuts two crossings.") is None  # "a same plan" is no English
    assert indefinite("The agreement of the unions gives a pay rise.") is None  # does not lean: nothing to change
    assert indefinite("The agreement also gives a pay rise.") is None  # still leans on "also"


def test_a_summary_states_a_leaning_fact_in_a_form_that_stands_alone():
    lead = "Ferry workers on Tarrow island walked out on Monday over pay and staffing. "
    articles = [
        Article(id="a", text=lead + "Bell said pay talks had broken down.", published="2031-01-05"),
        Article(
            id="b",
            text="The agreement gives Tarrow island ferry crews a pay rise of five percent from March.",
            published="2031-01-07",
        ),
        Article(
            id="c",
            text="Unions said on Wednesday that Tarrow island ferry crews get a pay rise of five percent from March.",
            published="2031-01-07",
        ),
    ]
    texts = [s.text for s in summarize(articles, words=40).sentences]
    assert "An agreement gives Tarrow island ferry crews a pay rise of five percent from March." in texts, texts
    assert not any(needs_antecedent(t) for t in texts), texts
