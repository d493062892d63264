"""Work the summarizer shares between its steps gives exactly what each step computing it afresh gives."""

import itertools
import random

from storyline.summarize import concepts
from storyline.summarize.cite import supporting_citations
from storyline.summarize.concepts import concept_set, concept_weights, sentence_stems
from storyline.summarize.overlap import intersections, intersections_of_each, near_duplicate_pairs, stem_matrix
from storyline.text import STOPWORDS, stem
from tests.summarize.generated import citation_cases, concepts_read_afresh


def _fresh_reading(text):
    """A text's concepts and content stems, each set built by adding in the order of the text (as it always was)."""
    found = concepts_read_afresh(text)
    content = frozenset(stem(w) for w in concepts.normalised_words(text) if w not in STOPWORDS)
    return frozenset(found), content


def test_texts_of_the_same_words_share_a_reading_that_is_each_ones_own():
    rng = random.Random(43)
    pieces = ["the", "of", "River", "floods", "town's", "it's", "Monday", "4.25", "per", "cent", "U.S", "and", "Bell’s"]
    marks = [",", ".", ";", "!", "?", ":"]
    shared = 0
    for _ in range(400):
        words = [rng.choice(pieces) for _ in range(rng.randint(0, 10))]
        text = " ".join(w + (rng.choice(marks) if rng.random() < 0.2 else "") for w in words)
        # A version with spaces before its marks, as articles often write them, read first.
        spaced = "".join(f" {c}" if c in marks and rng.random() < 0.7 else c for c in text)
        for first, second in ((spaced, text), (text, spaced)):
            concepts._reading.cache_clear()
            concepts._words_reading.cache_clear()
            concept_set(first)
            expected_concepts, expected_stems = _fresh_reading(second)
            found_concepts, found_stems = concept_set(second), sentence_stems(second)
            assert found_concepts == expected_concepts and found_stems == expected_stems
            # The same iteration order: sums over a sentence's concepts add in this order.
            assert list(found_concepts) == list(expected_concepts)
            assert list(found_stems) == list(expected_stems)
            shared += concepts.normalised_words(first) == concepts.normalised_words(second)
    assert shared > 300  # most pairs read as the same words, so their reading was shared


def test_weights_come_in_the_order_their_concepts_are_first_met():
    rng = random.Random(47)
    vocabulary = [f"w{k}" for k in range(30)]
    for _ in range(60):
        held = []
        for _ in range(rng.randint(1, 30)):
            words = rng.sample(vocabulary, rng.randint(0, 10))
            held.append(frozenset({(w,) for w in words} | set(itertools.pairwise(words))))
        support = [rng.choice("abcd") for _ in held]
        ranks = [rng.randint(0, 9) for _ in held]
        weights = concept_weights(held, support, ranks, min_sources=2)
        first_met = list(dict.fromkeys(itertools.chain.from_iterable(held)))
        assert list(weights) == [c for c in first_met if c in weights]
        for concept, weight in weights.items():  # each support's earliest mention, in the order supports report it
            earliest = {}
            for stems, who, rank in zip(held, support, ranks):
                if concept in stems and rank < earliest.get(who, 1 << 30):
                    earliest[who] = rank
            total = 0.0
            for rank in earliest.values():
                total += concepts.position_credit(rank)
            assert weight.hex() == (total * (concepts.WORD_SHARE if len(concept) == 1 else 1.0)).hex()


def _entries(matrix):
    return matrix.row.tolist(), matrix.col.tolist(), matrix.data.tolist()


def test_the_sources_matrix_built_once_gives_every_comparison_entry_for_entry():
    rng = random.Random(53)
    vocabulary = [f"s{k}" for k in range(25)]
    for _ in range(150):
        sources = [frozenset(rng.sample(vocabulary, rng.randint(0, 8))) for _ in range(rng.randint(1, 30))]
        lists = [[frozenset(rng.sample(vocabulary + ["new", "other"], rng.randint(0, 8))) for _ in range(5)]]
        lists.append([frozenset(rng.sample(sorted(s), rng.randint(0, len(s)))) for s in lists[0]])
        built = stem_matrix(sources)
        assert near_duplicate_pairs(sources, matrix=built) == near_duplicate_pairs(sources)
        first, second = intersections_of_each(lists, sources, b_matrix=built)
        # The first list's entries in the order ``intersections`` gives them (ties are settled in this order).
        assert _entries(first) == _entries(intersections(lists[0], sources))
        assert _entries(second) == _entries(intersections(lists[1], sources))
        # The matrix is left as it was for the next comparison.
        assert _entries(intersections_of_each(lists, sources, b_matrix=built)[0]) == _entries(first)


def test_citations_against_the_matrix_built_once_are_the_citations():
    cases = citation_cases(59, vocabulary=10, most_stems=6, new_words=["new"])
    for summary, sources, citations, taken_from, claims in cases:
        expected = supporting_citations(summary, sources, citations, taken_from, claim_stems=claims)
        found = supporting_citations(
            summary, sources, citations, taken_from, claim_stems=claims, source_matrix=stem_matrix(sources)
        )
        assert found == expected


def test_the_screens_pass_every_text_their_patterns_match():
    from storyline.summarize import compress, references

    rng = random.Random(67)
    pieces = "also too likewise similarly again as well earlier later next following previous same day days".split()
    pieces += "before after that night morning evening the two hours weeks a he she they said says told added".split()
    pieces += "asked explained insisted warned noted continued replied wrote It He".split() + [",", '"', ".", "\n"]
    matched = {"also": 0, "time": 0, "speaker": 0}
    for _ in range(20000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        if references._ALSO.match(references._QUOTED.sub(" ", text).strip()):
            matched["also"] += 1
            assert references._may_hold_also(text), text
        if references._RELATIVE_TIME.search(text):
            matched["time"] += 1
            assert references._may_hold_time(text), text
        if compress._PRONOUN_SPEAKER.search(text):
            matched["speaker"] += 1
            assert compress._may_name_speaker(text), text
    assert min(matched.values()) > 200


def test_a_version_that_reads_as_its_sentence_has_the_same_words_and_reading():
    from storyline.summarize.compress import opening, shorten
    from storyline.summarize.concepts import reads_as, sentence_reading

    rng = random.Random(71)
    pieces = ["U.S", "U.S.", "A.B", "A.", "pct", "per", "cent", "5", "19", "March", "Dec", "%", "e.g", "it's", "x"]
    pieces += ["The", "rebels", "took", "But", "town’s", "USA", "us", ",", ".", ";", ":", "!", "?", "-", "'", '"']
    agreed = 0
    for _ in range(20000):
        body = "".join(rng.choice(pieces) + rng.choice([" ", " ", "", "  "]) for _ in range(rng.randint(1, 10)))
        body = body.rstrip() + rng.choice(["", " .", ".", " ?"])
        version = shorten(body, [(0, opening(body))])[0]
        if reads_as(version, body):
            agreed += 1
            assert concepts.normalised_words(version) == concepts.normalised_words(body), (body, version)
            assert sentence_reading(version) == sentence_reading(body), (body, version)
    assert agreed > 2000
