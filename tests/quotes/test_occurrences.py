"""Names found by plain string search where one regular expression of all of them would find them."""

import random
import re

from storyline.quotes.occurrences import first_forms_between_boundaries

# Letters that make words, marks that end them, and characters on either side of the regex's word test.
ALPHABET = ["a", "b", "A", "B", " ", "-", ".", "'", "’", "_", "1", "é", "\n", "(", ")", "²", "٣"]


def _by_expression(text: str, forms: list[str]) -> list[tuple[int, str]]:
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, forms)) + r")\b")
    return [(match.start(), match.group()) for match in pattern.finditer(text)]


def _random_text(rng: random.Random, size: int) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(size))


def test_the_same_matches_as_the_expression_on_random_texts_and_names():
    rng = random.Random(11)
    for _ in range(3000):
        text = _random_text(rng, rng.randint(0, 60))
        forms = list({_random_text(rng, rng.randint(1, 4)) for _ in range(rng.randint(1, 6))})
        rng.shuffle(forms)
        forms.sort(key=len, reverse=True)
        assert first_forms_between_boundaries(text, forms) == _by_expression(text, forms), (text, forms)


def test_a_longer_name_is_taken_before_its_surname_and_the_scan_goes_on_after_it():
    text = "Hillary Clinton met Bill Clinton; Clinton spoke. Clintons left."
    forms = ["Hillary Clinton", "Bill Clinton", "Clinton"]
    expected = [(0, "Hillary Clinton"), (20, "Bill Clinton"), (34, "Clinton")]
    assert first_forms_between_boundaries(text, forms) == expected


def test_a_name_inside_a_word_is_not_found():
    assert first_forms_between_boundaries("Lundberg and Lund_x and Lund.", ["Lund"]) == [(24, "Lund")]


def test_a_name_ending_in_a_mark_needs_a_word_after_it_as_the_expression_does():
    text = "Ada (Oslo) went; Ada (Oslo)x came."
    assert first_forms_between_boundaries(text, ["Ada (Oslo)", "Ada"]) == _by_expression(text, ["Ada (Oslo)", "Ada"])
    assert first_forms_between_boundaries(text, ["Ada (Oslo)", "Ada"]) == [(0, "Ada"), (17, "Ada (Oslo)")]
