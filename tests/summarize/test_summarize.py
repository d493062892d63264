"""Cited multi-document summaries on small invented events."""

from __future__ import annotations

import re

import pytest

from storyline.model import Article, CopyGroup
from storyline.summarize import summarize
from storyline.summarize.compress import has_main_verb
from storyline.text import content_stems, split_sentences

FLOOD_DAY1 = (
    "Heavy rain flooded the lower valley of the Marrow river on Monday, forcing hundreds of families from their homes. "
    "Rescue teams in boats pulled residents from rooftops in the town of Elmstead. "
    "The regional weather office warned that more rain would fall overnight. "
    "He said the water was rising fast."
)
FLOOD_DAY1_OTHER = (
    "Hundreds of families fled their homes after heavy rain flooded the lower valley of the Marrow river. "
    "In Elmstead, rescue teams in boats pulled residents from rooftops as the water rose. "
    "But local shops stayed open on higher ground."
)
FLOOD_DAY2 = (
    "The Marrow river began to recede on Wednesday, and the government promised emergency aid to flooded towns. "
    "Engineers inspected the Elmstead bridge, which was closed after the flooding. "
    "Residents returned to clean mud from their homes in the lower valley."
)


def _articles() -> list[Article]:
    return [
        Article(id="day2", text=FLOOD_DAY2, title="Marrow river recedes, aid promised", published="2031-03-05"),
        Article(
            id="day1-a",
            text=FLOOD_DAY1,
            title="Floods force hundreds from homes in Marrow valley",
            published="2031-03-03",
        ),
        Article(
            id="day1-b", text=FLOOD_DAY1_OTHER, title="Heavy rain floods Marrow river valley", published="2031-03-03"
        ),
    ]


def _word_count(summary) -> int:
    return sum(len(s.text.split()) for s in summary.sentences)


def _dice(a: str, b: str) -> float:
    sa, sb = set(content_stems(a)), set(content_stems(b))
    return 2 * len(sa & sb) / (len(sa) + len(sb))


@pytest.mark.parametrize("budget", [20, 35, 60, 100])
def test_budget_is_respected(budget):
    summary = summarize(_articles(), words=budget)
    assert summary.sentences
    assert _word_count(summary) <= budget


def test_citations_point_at_real_sentences_of_real_articles():
    articles = {a.id: a for a in _articles()}
    summary = summarize(list(articles.values()), words=100)
    for sentence in summary.sentences:
        assert sentence.citations
        for citation in sentence.citations:
            article = articles[citation.article_id]
            assert split_sentences(article.text)[citation.sentence_index] == (citation.start, citation.end)
            # The cited source sentence says what the summary sentence says.
            source = article.text[citation.start : citation.end]
            summary_stems = set(content_stems(sentence.text))
            assert len(summary_stems & set(content_stems(source))) >= 0.6 * len(summary_stems)


def test_every_article_holding_a_copy_of_a_sentence_is_cited():
    original = Article(id="wire", text=FLOOD_DAY1, published="2031-03-03")
    # A republication with light edits: one word changed, one sentence dropped.
    copy = Article(
        id="outlet",
        text=FLOOD_DAY1.replace("hundreds of", "many").replace(
            " The regional weather office warned that more rain would fall overnight.", ""
        ),
        published="2031-03-03",
    )
    summary = summarize([original, copy, Article(id="later", text=FLOOD_DAY2, published="2031-03-05")], words=60)
    rescue = [s for s in summary.sentences if "rooftops" in s.text]
    assert rescue, "the rescue sentence reported by two articles belongs in the summary"
    assert {c.article_id for c in rescue[0].citations} == {"wire", "outlet"}


def _copies_and_independents() -> list[Article]:
    wire = (
        "The city council approved a new budget for the harbour district, raising spending on roads and schools. "
        "The vote followed months of debate."
    )
    independent = [
        "Firefighters contained a large warehouse fire near the harbour district after six hours. Nobody was hurt.",
        "A large warehouse fire near the harbour district was contained by firefighters after six hours of work. "
        "The cause is unknown.",
    ]
    articles = [Article(id=f"copy{i}", text=wire, published="2031-01-02") for i in range(4)]
    articles += [Article(id=f"indep{i}", text=t, published="2031-01-02") for i, t in enumerate(independent)]
    return articles


def test_copies_count_once_with_copy_groups():
    # Three outlets rework one wire story so much that its sentences are no longer near-duplicates; only the
    # copy group says they are one source.
    wire = [
        "The city council approved a new budget for the harbour district, raising spending on roads and schools.",
        "Raising spending on roads and schools, the new budget for the harbour district was passed by the city "
        "council after a late session with loud protests outside the hall and a recount of the votes.",
        "After a noisy night of protests and a recount, the city council approved the harbour district budget, "
        "which brings new spending on roads and schools next year for every neighbourhood.",
    ]
    fire = [
        "Firefighters contained a large warehouse fire near the harbour district after six hours.",
        "A large warehouse fire near the harbour district was contained by firefighters after six hours of work.",
    ]
    articles = [Article(id=f"copy{i}", text=t, published="2031-01-02") for i, t in enumerate(wire)]
    articles += [Article(id=f"indep{i}", text=t, published="2031-01-02") for i, t in enumerate(fire)]
    assert "budget" in summarize(articles, words=18).sentences[0].text  # three apparent sources beat two

    group = CopyGroup(id="g", article_ids=["copy0", "copy1", "copy2"], canonical="copy0")
    summary = summarize(articles, words=18, copy_groups=[group])
    assert len(summary.sentences) == 1
    assert "fire" in summary.sentences[0].text


def test_copies_count_once_without_copy_groups():
    summary = summarize(_copies_and_independents(), words=18)
    assert len(summary.sentences) == 1
    assert "fire" in summary.sentences[0].text
    assert {c.article_id for c in summary.sentences[0].citations} == {"indep0", "indep1"}


def test_nothing_is_said_twice():
    summary = summarize(_articles(), words=100)
    texts = [s.text for s in summary.sentences]
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            assert _dice(a, b) < 0.6, (a, b)


def test_sentences_follow_the_order_of_events():
    summary = summarize(_articles(), words=100)  # input given newest first
    dates = {a.id: a.published for a in _articles()}
    first_reported = [min(dates[c.article_id] for c in s.citations) for s in summary.sentences]
    assert first_reported == sorted(first_reported)
    assert len(set(first_reported)) == 2, "the summary should cover both days"


def test_order_follows_the_earliest_report_then_the_article_order():
    from storyline.model import Citation
    from storyline.summarize.order import chronological

    rank = {"early": 0, "late": 1}
    citations = [
        [Citation("late", 0, 0, 10)],
        [Citation("late", 5, 50, 60), Citation("early", 3, 30, 40)],  # also reported by the earlier article
        [Citation("early", 1, 10, 20)],
        [Citation("late", 2, 20, 30)],
    ]
    assert chronological(citations, rank) == [2, 1, 0, 3]


def test_sentences_that_cannot_stand_alone_are_avoided_or_repaired():
    summary = summarize(_articles(), words=400)
    for sentence in summary.sentences:
        assert not re.match(r"(He|She|They|It|This|These|Those)\b", sentence.text), sentence.text
        assert not re.match(r"(But|And|However)\b", sentence.text), sentence.text
    # "But local shops stayed open..." may appear, repaired, without its connective.
    assert all(s.text[0].isupper() for s in summary.sentences)


def test_compression_drops_weekday_stamps_and_keeps_a_traceable_sentence():
    article = Article(
        id="a",
        text="The bridge over the river reopened on Friday after repairs costing $4 million "
        "(paid by the state), officials said.",
    )
    summary = summarize([article], words=12)
    assert summary.sentences[0].text == "The bridge over the river reopened after repairs costing $4 million."
    assert summary.sentences[0].citations[0].article_id == "a"


def test_one_article_is_summarized_from_its_own_sentences():
    article = Article(id="only", text=FLOOD_DAY1, title="Floods in the Marrow valley")
    summary = summarize([article], words=40)
    assert summary.headline == "Floods in the Marrow valley"
    assert 0 < _word_count(summary) <= 40
    assert all(c.article_id == "only" for s in summary.sentences for c in s.citations)


def test_headline_is_the_most_representative_title():
    summary = summarize(_articles(), words=60)
    assert summary.headline in {a.title for a in _articles()}
    assert "Marrow" in summary.headline and "recedes" not in summary.headline


def test_headline_without_titles_is_a_sentence_of_the_summary():
    articles = [Article(id=a.id, text=a.text, published=a.published) for a in _articles()]
    summary = summarize(articles, words=60)
    assert summary.headline in {s.text for s in summary.sentences}


def test_empty_input_raises_a_clear_error():
    with pytest.raises(ValueError, match="no articles"):
        summarize([])


def test_articles_without_text_raise_a_clear_error_and_are_skipped_otherwise():
    with pytest.raises(ValueError, match="no text"):
        summarize([Article(id="a", text=""), Article(id="b", text="   \n ")])
    summary = summarize([Article(id="a", text=""), Article(id="b", text=FLOOD_DAY2)], words=40)
    assert {c.article_id for s in summary.sentences for c in s.citations} == {"b"}


def test_budget_smaller_than_any_sentence_raises_a_clear_error():
    with pytest.raises(ValueError, match="smaller than any sentence"):
        summarize(_articles(), words=3)
    with pytest.raises(ValueError, match="positive"):
        summarize(_articles(), words=0)


def test_non_english_articles_are_left_out_and_alone_raise():
    french = Article(
        id="fr", text="La rivière a débordé lundi dans la vallée. Des centaines de familles ont fui.", language="fr"
    )
    with pytest.raises(ValueError, match="English"):
        summarize([french])
    english = Article(id="en", text=FLOOD_DAY1, language="en-GB")
    summary = summarize([french, english], words=40)
    assert {c.article_id for s in summary.sentences for c in s.citations} == {"en"}


def test_same_input_gives_the_same_summary():
    assert summarize(_articles(), words=60) == summarize(list(reversed(_articles())), words=60)


@pytest.mark.parametrize("as_copies", [False, True])
def test_seed_sentences_from_the_wire_story_cite_both_outlets(seeds_dir, as_copies):
    from pathlib import Path

    from storyline.ingest import read_paths

    articles = [a for a in read_paths([seeds_dir]) if isinstance(a, Article)]
    number = {a.id: Path(a.source_path or a.id).name[:3] for a in articles}
    assert sorted(number.values()) == ["000", "001", "002"]
    groups = [CopyGroup("wire", [i for i, n in number.items() if n in {"001", "002"}], "")] if as_copies else []
    summary = summarize(articles, words=100, copy_groups=groups)

    def holds(article: Article, text: str) -> bool:
        wanted = set(content_stems(text))
        return any(
            len(wanted & set(content_stems(article.text[a:b]))) >= 0.8 * len(wanted)
            for a, b in split_sentences(article.text)
        )

    both = {n: a for a in articles for n in [number[a.id]] if n in {"001", "002"}}
    from_wire = [s for s in summary.sentences if holds(both["001"], s.text) and holds(both["002"], s.text)]
    assert from_wire, "the wire story, carried by two outlets, should be in the summary"
    for sentence in from_wire:
        assert {number[c.article_id] for c in sentence.citations} >= {"001", "002"}, sentence.text


def test_datelines_are_left_out_of_summary_sentences_but_citations_cover_the_source_sentence():
    text = (
        "KELLSBY, March 4 (Northshore Wire) — The Kellsby ferry sank in the harbour during a storm on Tuesday "
        "night. All twelve crew members were rescued by the coastguard."
    )
    other = (
        "KELLSBY — The Kellsby ferry sank in the harbour in a storm on Tuesday night. The coastguard rescued "
        "all twelve crew members."
    )
    articles = [
        Article(id="wire", text=text, published="2031-03-04"),
        Article(id="local", text=other, published="2031-03-04"),
    ]
    summary = summarize(articles, words=40)
    sank = [s for s in summary.sentences if "sank" in s.text]
    assert sank and sank[0].text.startswith("The Kellsby ferry sank")
    for citation in sank[0].citations:
        source = next(a for a in articles if a.id == citation.article_id)
        assert citation.start == 0 and source.text[citation.start : citation.end].startswith("KELLSBY")


def test_a_subject_without_its_predicate_never_reaches_a_summary():
    # Dropping ", said ..." here would leave "Otto Brand, who runs a ferry below the dam." and the like.
    text = (
        "Mara Quill, chief surveyor at the consultancy, which audited the dam for the province, said the "
        "spillway was unsafe after the spring floods. Otto Brand, who runs a ferry below the dam, said his "
        "bookings had halved since the spring floods. The tenants' union, which opposes the dam, has not said "
        "whether it will appeal against the ruling. The dam was built in 1961."
    )
    for budget in (10, 15, 20, 40, 80):
        for sentence in summarize([Article(id="a", text=text)], words=budget).sentences:
            assert has_main_verb(sentence.text), sentence.text
            assert sentence.text == "The dam was built in 1961." or " said " in sentence.text, sentence.text


def test_quotes_do_not_open_a_summary_and_pronoun_speakers_are_left_out():
    first = (
        "The Aldwick savings bank raised its main interest rate to 6 percent on Thursday. "
        '"Inflation is falling, but not fast enough," Governor Lena Ruiz told reporters.'
    )
    second = (
        "Borrowers in Aldwick face higher payments after the savings bank raised its main interest rate to 6 "
        'per cent. "Inflation is falling, but not fast enough," she said.'
    )
    articles = [
        Article(id="wire", text=first, published="2031-05-01"),
        Article(id="local", text=second, published="2031-05-01"),
    ]
    for budget in (20, 40, 80):
        summary = summarize(articles, words=budget)
        assert not summary.sentences[0].text.startswith(('"', "“")) or len(summary.sentences) == 1
        assert not any(s.text.endswith("she said.") for s in summary.sentences)


def test_house_style_variants_of_a_number_support_one_concept():
    from storyline.summarize.concepts import concept_weights, concepts_of

    variants = [
        "The bank raised its rate to 4.25%.",
        "The bank raised its rate to 4.25 per cent.",
        "The bank raised its rate to 4.25 percent.",
        "Minutes follow on 19 March.",
        "Minutes follow on March 19.",
    ]
    concepts = [concepts_of(text) for text in variants]
    assert ("4.25", "percent") in set.intersection(*concepts[:3])
    weights = concept_weights(concepts[:2], ["wire", "local"], [0, 0], min_sources=2)
    assert ("4.25", "percent") in weights
    assert concepts[3] == concepts[4]
    assert concepts_of("Exports to the U.S. rose.") == concepts_of("Exports to the US rose.")


def test_the_lead_of_a_same_day_report_comes_before_details_of_another():
    from storyline.model import Citation
    from storyline.summarize.order import chronological, statement_first

    rank = {"radio": 0, "paper": 1, "next-day": 2}
    day = {"radio": "2031-03-02", "paper": "2031-03-02", "next-day": "2031-03-03"}
    citations = [
        [Citation("radio", 10, 0, 1)],  # a detail from far down the first-ranked report
        [Citation("next-day", 0, 0, 1)],
        [Citation("paper", 0, 0, 1)],  # the other same-day report's lead
        [Citation("radio", 2, 0, 1), Citation("next-day", 1, 0, 1)],
    ]
    assert chronological(citations, rank, day) == [2, 3, 0, 1]
    assert statement_first([0, 1, 2], [True, False, True]) == [1, 0, 2]
    assert statement_first([1, 0], [True, True]) == [1, 0]


def test_same_day_reports_are_read_lead_first():
    paper = (
        "Thousands of commuters faced long delays on Monday as the city's busiest crossing stayed shut after "
        "inspectors found damage beneath the deck of the structure. The bridge opened in 1968. "
        "Shops near the Tarrow bridge expect to lose trade while it stays closed."
    )
    radio = (
        "The Tarrow bridge was closed to all traffic after engineers found a crack in a girder. "
        "Buses were sent over the Mill bridge. Shops near the bridge expect to lose trade."
    )
    later = "The Tarrow bridge will stay closed for six weeks after engineers found a crack in a girder."
    articles = [
        Article(id="a-paper", text=paper, published="2031-03-02"),
        Article(id="b-radio", text=radio, published="2031-03-02"),
        Article(id="later", text=later, published="2031-03-03"),
    ]
    day = {a.id: a.published for a in articles}
    summary = summarize(articles, words=60)
    assert len(summary.sentences) >= 3
    placed = []
    for sentence in summary.sentences:
        first_day = min(day[c.article_id] for c in sentence.citations)
        placed.append((first_day, min(c.sentence_index for c in sentence.citations if day[c.article_id] == first_day)))
    assert placed == sorted(placed), [s.text for s in summary.sentences]
    assert placed[0][1] == 0


def test_an_article_that_only_names_the_same_speaker_does_not_support_a_claim():
    articles = [
        Article(
            id="said", text="Nobody was hurt, the Tarrow Valley Fire and Rescue Service said.", published="2031-04-01"
        ),
        Article(
            id="copy", text="Nobody was hurt, the Tarrow Valley Fire and Rescue Service said.", published="2031-04-01"
        ),
        # Most of the sentence's words, but not its claim.
        Article(
            id="named",
            text="Crews from the Tarrow Valley Fire and Rescue Service fought the blaze all night.",
            published="2031-04-01",
        ),
    ]
    summary = summarize(articles, words=20)
    hurt = [s for s in summary.sentences if "Nobody was hurt" in s.text]
    assert hurt
    assert {c.article_id for c in hurt[0].citations} == {"said", "copy"}


def test_a_passage_only_one_copy_of_a_wire_story_carries_has_that_copy_s_share_of_its_support():
    from storyline.summarize.concepts import concept_weights, concepts_of

    sentences = [
        "The talks advanced slowly.",
        "The talks advanced slowly.",
        "Envoys did not reject the plan.",
        "The talks advanced slowly, envoys said.",
    ]
    weights = concept_weights(
        [concepts_of(s) for s in sentences],
        ["wire", "wire", "wire", "local"],
        [0, 0, 1, 0],
        min_sources=1,
        sentence_copy=["wire-a", "wire-b", "wire-a", "local"],
        copies_of={"wire": 2, "local": 1},
    )
    plain = concept_weights(
        [concepts_of(s) for s in sentences], ["wire", "wire", "wire", "local"], [0, 0, 1, 0], min_sources=1
    )
    # Carried by both copies: the wire story's full support, as without copy shares.
    assert weights[("talk", "advanc")] == plain[("talk", "advanc")]
    # Carried by one copy of two: half of it.
    assert weights[("not", "reject")] == pytest.approx(plain[("not", "reject")] / 2)


def test_a_reworded_copy_adds_weight_but_not_independent_confirmation():
    from storyline.summarize.concepts import concept_weights, concepts_of

    sentences = [
        "The dam burst near the village.",  # the wire's first version
        "Near the village, the dam burst overnight.",  # the wire's update, reworded
        "Rescuers reached the village after the dam burst.",  # an independent outlet
        "The mayor resigned at noon.",  # the update only
    ]
    weights = concept_weights(
        [concepts_of(s) for s in sentences],
        ["wire-1", "wire-2", "paper", "wire-2"],
        [0, 0, 0, 1],
        min_sources=2,
        sentence_source=["wire", "wire", "paper", "wire"],
    )
    plain = concept_weights([concepts_of(s) for s in sentences[::2]], ["wire-1", "paper"], [0, 0], min_sources=2)
    # Two independent sources confirm the burst; the wire's own rewording makes it weigh more.
    assert weights[("dam", "burst")] > plain[("dam", "burst")]
    # Two versions of one wire story are not two sources: the mayor is confirmed by one only.
    assert ("mayor",) not in weights
