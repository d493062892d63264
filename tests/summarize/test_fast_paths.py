"""The summarizer's lean paths give exactly what the general ones give."""

import itertools
import random
import re

from storyline.summarize.concepts import concept_weights
from storyline.summarize.overlap import intersections


def _random_event(rng: random.Random, sentences: int):
    vocabulary = [f"w{k}" for k in range(40)]
    concepts = []
    for _ in range(sentences):
        words = rng.sample(vocabulary, rng.randint(0, 12))
        concepts.append({(w,) for w in words} | {(a, b) for a, b in itertools.pairwise(words)})
    support = [rng.choice("abcdef") for _ in range(sentences)]
    source = [{"a": "x", "b": "x"}.get(s, s) for s in support]  # a and b are copies of one story
    ranks = [rng.randint(0, 15) for _ in range(sentences)]
    return concepts, support, source, ranks


def test_weights_when_every_support_counts_whole_are_the_general_weights_to_the_last_bit():
    rng = random.Random(3)
    for _ in range(60):
        concepts, support, source, ranks = _random_event(rng, rng.randint(1, 40))
        for min_sources in (1, 2, 3):
            for sources in (None, source):
                lean = concept_weights(concepts, support, ranks, min_sources=min_sources, sentence_source=sources)
                # Copies of one article each: every share is whole, and the general path runs.
                general = concept_weights(
                    concepts,
                    support,
                    ranks,
                    min_sources=min_sources,
                    sentence_source=sources,
                    sentence_copy=[f"copy{i}" for i in range(len(concepts))],
                    copies_of={},
                )
                assert lean == general
                assert all(lean[c].hex() == general[c].hex() for c in lean)


def test_intersections_are_the_shared_stems_of_every_pair():
    rng = random.Random(5)
    vocabulary = [f"s{k}" for k in range(30)]
    a = [frozenset(rng.sample(vocabulary, rng.randint(0, 8))) for _ in range(25)]
    b = [frozenset(rng.sample(vocabulary, rng.randint(0, 8))) for _ in range(30)]
    dense = intersections(a, b).toarray()
    assert dense.shape == (len(a), len(b))
    for i, left in enumerate(a):
        for j, right in enumerate(b):
            assert dense[i, j] == len(left & right)


def test_weights_of_nothing_are_empty():
    assert concept_weights([], [], [], min_sources=1) == {}
    assert concept_weights([set(), set()], ["a", "b"], [0, 1], min_sources=1) == {}


def test_pairs_stating_the_same_fact_are_those_the_pairwise_test_finds():
    from storyline.summarize.references import same_fact, same_fact_pairs

    rng = random.Random(11)
    vocabulary = [f"s{k}" for k in range(14)]
    for _ in range(20):
        stems = [frozenset(rng.sample(vocabulary, rng.randint(0, 7))) for _ in range(rng.randint(0, 30))]
        expected = [(i, j) for j in range(len(stems)) for i in range(j) if same_fact(stems[i], stems[j])]
        assert same_fact_pairs(stems) == sorted(expected)


def test_a_sentences_kept_words_give_the_stems_and_tokens_read_afresh():
    from storyline.summarize.concepts import content_stem_set, normalise, tokens
    from storyline.text import content_stems, words

    texts = [
        "The U.S. economy grew 4.25 per cent on 19 March, officials said.",
        "Mr. O'Neill's firm's well-known plan ‘failed’ — the board's view.",
        "ΣΟΦΟΣ and Straße met the İstanbul team's 12 pct target.",
        "",
    ]
    for _ in range(2):  # the second time from the kept words
        for text in texts:
            assert content_stem_set(text) == frozenset(content_stems(normalise(text)))
            expected = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words(normalise(text))]
            assert tokens(text) == expected


def test_the_antecedent_test_skipping_its_patterns_gives_what_running_them_gives():
    from storyline.summarize import references
    from storyline.summarize.references import needs_antecedent

    def every_pattern(text):
        body = references._QUOTED.sub(" ", text).strip()
        return bool(
            references._THE_NOUN_OPENING.match(text.strip())
            or references._THE_NOUN_SPEAKER.search(text)
            or references._ALSO.match(body)
            or references._RELATIVE_TIME.search(body)
        )

    texts = [
        "Houghton also said that Yang had agreed.",
        "The plea to reconsider was made by his lawyer.",
        "Rebels seized the airport on Monday.",
        "Three days earlier, the rebels had left.",
        "THREE DAYS LATER the talks resumed.",
        "The ſame day the court sat.",  # the long s matches "s" when case is ignored
        "That Night the city was quiet.",
        '"We will go too," she said.',  # "too" only inside the quotation
        "Police arrested him as  well as his brother.",
        "The day after the vote, results came in.",
        "He left, the statement said.",
        "Markets rose again on Friday.",
        "Prices fell sharply.",
        "",
    ]
    rng = random.Random(5)
    pieces = ["the", "also", "day", "later", "earlier", "that", "night", ",", '"', "two", "weeks", "ſame", "Too", "as"]
    texts += [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 9))) for _ in range(3000)]
    assert [needs_antecedent(text) for text in texts] == [every_pattern(text) for text in texts]
    assert sum(map(needs_antecedent, texts)) > 100  # the cases that lean on something are tested too


def test_compressions_skipping_patterns_that_cannot_match_give_what_running_them_gives(monkeypatch):
    from storyline.summarize import compress, references

    texts = [
        "Jo Bell (the harbour master) said the channel was closed, officials said on Monday.",
        "Sales fell [in March] , the firm said Friday .",
        "Acme, a maker of tools, was sold to Widget Corp",
        # Appositives after other spaces than a plain one.
        "Jo Bell,\u00a0the harbour master, said the channel was closed.",
        "Acme,\ta maker of tools, was sold to Widget Corp.",
        "Acme,\n  an old firm,\nwas sold.",
        "The deal was signed by F.",
        "The deal was signed by Smith Corp\n",
        "Three days earlier, the rebels had left.",
        "The ſame day the court sat.",
        '"We will go too," she said.',
        "Markets rose again on Friday night, traders said.",
        "Prices  fell ,  sharply .",
        "",
    ]
    rng = random.Random(9)
    pieces = [
        "the",
        "Bell",
        "(",
        ")",
        "[",
        "]",
        ",",
        ".",
        "Corp",
        "F.",
        "said",
        "told",
        "on",
        "Monday",
        "late",
        "Sunday",
        "also",
        "later",
        "a",
        "mayor",
        "  ",
        "\n",
        "two",
        "days",
        "earlier",
        '"',
        "too",
        "ſame",
        "?",
    ]
    texts += [
        "".join(rng.choice(pieces) + rng.choice([" ", "", " "]) for _ in range(rng.randint(1, 14))) for _ in range(3000)
    ]
    # Words of the speaker and time tests, and other whitespace.
    pieces += ["She", "they", "added", "that", "night", "before", "after", "day", "Today", "next", "morning"]
    pieces += ["\u00a0", "\t"]
    texts += [
        "".join(rng.choice(pieces) + rng.choice([" ", "", " "]) for _ in range(rng.randint(1, 14))) for _ in range(2000)
    ]

    def outputs():
        found = []
        for text in texts:
            spans = compress.removable_spans(text)
            found.append((spans, compress.shorten(text, spans), compress.shorten(text, [(0, 0)])))
            found.append((compress.stands_alone(text), references.without_also(text)))
            found.append((references.without_relative_time(text), references.needs_antecedent(text)))
        return found

    fast = outputs()
    # Every pattern run on every text: no string test can skip one.
    monkeypatch.setattr(
        compress, "_DROPPABLE", tuple((pattern, lambda text: True) for pattern, _ in compress._DROPPABLE)
    )
    monkeypatch.setattr(compress, "_may_name_speaker", lambda text: True)
    monkeypatch.setattr(compress, "_CUT_SHORT_TAIL", 10**9)
    monkeypatch.setattr(compress, "_DOUBLE_SPACE", "")
    monkeypatch.setattr(references, "_may_hold_also", lambda text: True)
    monkeypatch.setattr(references, "_may_hold_time", lambda text: True)
    assert fast == outputs()
    assert sum(bool(spans) for spans, *_ in fast[::3]) > 200  # spans are found, not only skipped


def test_spaces_before_marks_go_as_the_pattern_takes_them_and_an_ending_reads_as_the_pattern_reads_it():
    from storyline.summarize import compress

    rng = random.Random(29)
    pieces = ["a", "Bo", " ", "  ", ",", ".", ";", ":", "!", "?", '"', "'", "”", "’", ")", "]", "(", "\n", "x."]
    space_before_mark = re.compile(r"\s+([,.;:!?])")
    ended = re.compile(r"[.!?][\"'”’)\]]*$")

    def shortened_by_patterns(text, drop):
        kept, cursor = [], 0
        for start, end in compress._merge(drop):
            if start > cursor:
                kept.append((cursor, start))
            cursor = max(cursor, end)
        if cursor < len(text):
            kept.append((cursor, len(text)))
        result = " ".join(" ".join(text[a:b].split()) for a, b in kept if b > a)
        result = re.sub(r"\s{2,}", " ", space_before_mark.sub(r"\1", result)).strip()
        return result[:1].upper() + result[1:] if result[:1].islower() else result

    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert compress._ended(text) == bool(ended.search(text)), text
        drop = [tuple(sorted(rng.sample(range(len(text) + 1), 2))) for _ in range(rng.randint(0, 2)) if len(text) > 1]
        assert compress.shorten(text, drop)[0] == shortened_by_patterns(text, drop), (text, drop)


def test_a_sentence_without_its_opening_is_the_sentence_shortened_by_its_opening():
    from storyline.summarize import compress

    rng = random.Random(31)
    pieces = ["WASHINGTON", " — ", "But", "However,", "the", "mayor", " ", "  ", ",", " ,", ".", " .", "\n", "x"]
    pieces += ["(AP)", "March 5", "said", "Bo", "?", " ?", "\u00a0"]
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        start = compress.opening(text)
        assert compress.without_opening(text, start) == compress.shorten(text, [(0, start)])[0], text
        assert compress.removable_spans(text, start) == compress.removable_spans(text), text
        cut = rng.randint(0, len(text) + 2)  # any leading cut, past the end too
        assert compress.without_opening(text, cut) == compress.shorten(text, [(0, cut)])[0], (text, cut)
    assert compress.without_opening("WASHINGTON — But the mayor said so .", 17) == "The mayor said so."


def test_a_sentences_concepts_are_its_bigrams_and_content_words_in_the_order_of_the_text():
    from storyline.summarize.concepts import _reading, concept_set
    from tests.summarize.generated import concepts_read_afresh

    rng = random.Random(13)
    pieces = ["the", "of", "it", "River", "floods", "town's", "Monday", "4.25", "per", "cent", "U.S.", "and", "fell"]
    texts = [" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(500)]
    for text in texts:
        expected = concepts_read_afresh(text)  # added one by one in the order of the text, as the sentence is read
        _reading.cache_clear()
        found = concept_set(text)
        assert found == expected
        assert list(found) == list(frozenset(expected))  # the same iteration order: sums over it are the same


def test_a_sentences_stems_taken_with_its_concepts_are_its_content_stems_in_the_same_order():
    from storyline.summarize.concepts import _reading, content_stem_set, sentence_stems

    rng = random.Random(17)
    pieces = ["the", "of", "it", "River", "floods", "town's", "Bell’s", "Monday", "4.25", "per", "cent", "U.S.", "fell"]
    texts = [" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(500)]
    for text in texts:
        _reading.cache_clear()
        stems = sentence_stems(text)
        assert stems == content_stem_set(text)
        # The same iteration order: the stems are numbered in the order met when sentences are compared.
        assert list(stems) == list(content_stem_set(text))


def test_kept_position_credits_are_the_credits_of_each_rank():
    from storyline.summarize import concepts

    for count in (1, 3, 40, 7, 300):
        credits = concepts._position_credits(count)
        assert len(credits) >= count
        assert [float(c) for c in credits[:count]] == [concepts.position_credit(r) for r in range(count)]


def test_normalising_with_cheap_tests_gives_what_every_variant_run_gives():
    from storyline.summarize import concepts

    rng = random.Random(31)
    pieces = ["U.S.", "U.N.", "A.", "B.C.", "I.", "e.g.", "US", "USA", "5", "19", "March", "%", "per cent", "pct", "."]
    pieces += ["Mr.", "N.Y", "X.Y.Z.W.V.", "the", "percent", "3rd", "\n"]
    # Days before months in other spellings and spaces, and a digit outside ASCII.
    pieces += ["21st", "2nd", "Sept", "Dec.", "Jan", "\u00a0", "\t", "\u0663", "Monday", "1999"]
    dates = 0
    for _ in range(6000):
        text = rng.choice(["", " "]).join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        expected = text
        for pattern, replacement in concepts._VARIANTS:
            expected = pattern.sub(concepts._undotted if replacement is None else replacement, expected)
        concepts.normalise.cache_clear()
        assert concepts.normalise(text) == expected, text
        dates += concepts._VARIANTS[-1][0].search(text) is not None
    assert dates > 200  # the day-month rule is met, not only skipped


def test_intersections_with_one_matrix_of_the_sources_are_the_intersections_of_each_list():
    from storyline.summarize import overlap
    from storyline.summarize.overlap import intersections_of_each

    rng = random.Random(37)
    vocabulary = [f"s{k}" for k in range(30)]
    for _ in range(40):
        sources = [frozenset(rng.sample(vocabulary, rng.randint(0, 8))) for _ in range(rng.randint(1, 30))]
        lists = [[frozenset(rng.sample(vocabulary + ["new"], rng.randint(0, 8))) for _ in range(5)] for _ in range(3)]
        first, *others = intersections_of_each(lists, sources)
        numbers = {}  # the first list's matrix and the sources', each built on its own
        left, right = overlap._matrix(lists[0], numbers), overlap._matrix(sources, numbers)
        left.resize((len(lists[0]), len(numbers)))
        right.resize((len(sources), len(numbers)))
        expected = (left @ right.T).tocoo()
        # The first exactly as ``intersections`` gives it, entry for entry (ties are settled in this order).
        assert (first.row.tolist(), first.col.tolist(), first.data.tolist()) == (
            expected.row.tolist(),
            expected.col.tolist(),
            expected.data.tolist(),
        )
        for found, sets in zip(others, lists[1:]):
            assert (found.toarray() == intersections(sets, sources).toarray()).all()
        (itself,) = intersections_of_each([sources], sources)
        assert [[len(a & b) for b in sources] for a in sources] == itself.toarray().astype(int).tolist()


def test_citations_filtered_on_arrays_are_those_of_one_pair_at_a_time():
    from storyline.summarize.cite import supporting_citations

    def one_pair_at_a_time(summary_stems, source_stems, citations, taken_from, claim_stems, threshold=0.7):
        # In the order of the intersections' entries: ties between sentences of one article go to the first met.
        inter, claim_inter = intersections(summary_stems, source_stems), intersections(claim_stems, source_stems)
        claimed = {
            (i, j)
            for i, j, shared in zip(claim_inter.row.tolist(), claim_inter.col.tolist(), claim_inter.data.tolist())
            if shared >= threshold * len(claim_stems[i])
        }
        best = [{} for _ in summary_stems]
        for i, j, shared in zip(inter.row.tolist(), inter.col.tolist(), inter.data.tolist()):
            score = shared / max(len(summary_stems[i]), 1)
            if score < threshold or (claim_stems[i] and (i, j) not in claimed):
                continue
            if score > best[i].get(citations[j].article_id, (-1.0, 0))[0]:
                best[i][citations[j].article_id] = (score, j)
        for i, origin in enumerate(taken_from):
            best[i][citations[origin].article_id] = (2.0, origin)
        return [[citations[j] for j in sorted(j for _, j in found.values())] for found in best]

    from tests.summarize.generated import citation_cases

    for summary, sources, citations, taken_from, claims in citation_cases(
        41, vocabulary=12, most_stems=7, new_words=[]
    ):
        found = supporting_citations(summary, sources, citations, taken_from, claim_stems=claims)
        assert found == one_pair_at_a_time(summary, sources, citations, taken_from, claims)
