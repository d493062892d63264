"""The title rules' quick scans give what their plain patterns give: the clause breaks and asides with a first test
on where a match can start, the leaning adverbs read at the end of a cut, day stamps only where a day is named, a
pared sentence worked out once per batch."""

import random
import re

import pytest

from storyline import title_clauses, titles

# The patterns as first written: every position tried, the lookbehinds before the conjunction.
PLAIN_CLAUSE_BREAK = re.compile(
    r"\s*(?:[;:]|\s(?:--|[–—])\s|\s-\s(?=(?:and|but|while|as)\b)|,(?=\s+(?:and|but|while|which|who|where|as|after|"
    r"before|when|because|although|though|amid|despite|following|according|with|in\s+a|in\s+an|[a-z]+ing|the|a|an)\b)"
    r"|(?<!many)(?<!much)(?<!long)(?<!soon)(?<!well)(?<!far)(?<!few)(?<!such)(?<!same)(?<!help)(?<!nothing)(?<!all)"
    r"(?=\s(?:while|as|after|because|before|amid|although|though|but|when)\s"
    r"(?!well\b|of\b|part\b|a\s+result\b|many\b|much\b|long\b|soon\b|far\b|few\b|little\b))"
    r"|(?=\sto\s(?!the\b|a\b|an\b|his\b|her\b|their\b|its\b|be\b)[a-z]+\s))"
)
PLAIN_ASIDE = re.compile(
    r"\s*\([^()]{0,80}\)|\s*,\s+(?:who|which|whose|a|an|the|[a-z]+ed|[a-z]+ing)\b[^,;]{3,200},(?=\s)"
)

# Words and marks the patterns look for, words they must not follow, case-blind letters outside ASCII that match
# ASCII ones ("ſ" is "s", "K" is "k"), and spaces outside ASCII.
PIECES = (
    "largely mostly only Only ONLY also even very just Just rather to the a an his be and but while as after when "
    "because though amid said says Monday Friday today yesterday night on late early who which whose the walked "
    "running many much well soon nothing all help same such few far long of part result little mo\u017ftly "
    "al\u017fo \u212aust Ferry workers Tarrow -- — – - ; : , ( ) ( ( ) .".split()
)
GAPS = (" ", " ", " ", ", ", " , ", "\u00a0", "\u2003", "\t", "", ",")


def random_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) + rng.choice(GAPS) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def test_clause_breaks_and_asides_are_those_of_the_plain_patterns():
    texts = random_texts(20_000, 1)
    assert sum(bool(PLAIN_CLAUSE_BREAK.search(text)) for text in texts) > 5_000
    assert sum(bool(PLAIN_ASIDE.search(text)) for text in texts) > 1_000
    for text in texts:
        assert [m.span() for m in titles._CLAUSE_BREAK.finditer(text)] == [
            m.span() for m in PLAIN_CLAUSE_BREAK.finditer(text)
        ], text
        assert [m.span() for m in titles._ASIDE.finditer(text)] == [m.span() for m in PLAIN_ASIDE.finditer(text)], text


def test_a_cut_backs_off_its_leaning_adverbs_as_the_pattern_finds_them():
    moved = 0
    for text in random_texts(3_000, 2):
        for cut in range(len(text) + 1):
            match = titles._LEANING_END.search(text[:cut])
            expected = match.start() if match else cut
            assert titles._back_off(text, cut) == expected, text[:cut]
            moved += expected != cut
    assert moved > 1_000


@pytest.mark.parametrize(
    ("head", "moved"),
    [
        ("Ferry workers walked out largely", True),
        ("Ferry workers walked out, largely ,", True),
        ("\u00a0mostly", True),
        ("walked out mo\u017ftly", True),  # "ſ" matches "s" when case is ignored
        ("walked out ONLY", True),
        ("mostly", False),  # nothing before the adverb
        ("walked out homely", False),
        ("walked out largelyx", False),
    ],
)
def test_leaning_adverbs_at_the_end_of_a_cut(head, moved):
    assert (titles._back_off(head, len(head)) < len(head)) == moved


def test_every_day_stamp_names_a_day_word():
    found = 0
    for text in random_texts(20_000, 3):
        if titles._DAY_STAMP.search(text):
            found += 1
            assert any(day in text for day in titles._DAY_WORDS), text
    assert found > 1_000


def test_a_pared_sentence_is_worked_out_once_per_text_in_a_batch(monkeypatch):
    pytest.importorskip("spacy")
    # No phrase to end before: the sentence is pared, and the pared form is parsed in a second round.
    lead = (
        "A gas explosion at a crowded riverside bakery in the old town of Tarrow killed a night baker and a passing "
        "delivery driver"
    )
    one_by_one = title_clauses.phrase_cut(lead, 60)
    calls = []
    pared = title_clauses._pared

    def counted(doc, root):
        calls.append(doc.text)
        return pared(doc, root)

    monkeypatch.setattr(title_clauses, "_pared", counted)
    assert title_clauses.phrase_cuts([lead, lead], 60) == [one_by_one, one_by_one]
    assert one_by_one and one_by_one != lead
    assert calls == [lead]
    title_clauses.phrase_cut(lead, 60)  # outside a batch nothing is kept
    assert calls == [lead, lead]


def test_the_verb_test_sets_participles_apart_as_the_plain_form_does():
    from storyline.text.verbs import has_main_verb

    texts = random_texts(5_000, 4) + ["Workers walking out", "Workers walked out", "Ferry workers striking", "Ing"]
    for text in texts:
        plain = has_main_verb(titles._PARTICIPLE.sub(lambda m: m.group(0).capitalize(), text))
        assert titles._finite(text) == plain, text
    assert has_main_verb("Workers walking out") and not titles._finite("Workers walking out")
