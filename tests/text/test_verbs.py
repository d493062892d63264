import itertools
import random

from storyline.text import verbs
from storyline.text.verbs import has_main_verb, has_sure_verb, is_verb


def _main_verb_word_by_word(text: str) -> bool:
    """The main-verb test as written out: every word paired with the one before it, then tested."""
    pairs = verbs._pairs(verbs._RELATIVE.sub(" ", text))
    if any(is_verb(word, before, present=True) for before, word in pairs):
        return True
    words = [word for _, word in pairs if not (word.islower() and word.endswith("ly"))]
    return bool(words) and (
        (words[0].lower() in verbs._PRONOUN_DETERMINERS and len(words) > 1 and verbs._plain_word(words[1]))
        or any(verbs._after_plural_subject(word, before.lower()) for before, word in itertools.pairwise(words))
    )


def test_the_main_verb_test_stopping_at_the_first_verb_gives_the_word_by_word_answer():
    pieces = [
        "I've", "they’re", "it's", "That's", "isn't", "Is", "these", "require", "ran", "quickly", "the", "workers",
        ",", "who", "runs", "(", ")", "Those", "areas", "cover", "Jo", "Bell", "led", "news", "3", "items", "hundred",
        "we", "want", "what's", "Here’s", "won't", "Both", "deny", "of", "Arabs", "know",
    ]  # fmt: skip
    rng = random.Random(8)
    texts = [" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 10))) for _ in range(5000)]
    texts += ["Jo Bell, who runs the bakery on Quay Row.", "Jo Bell, lead engineer at the firm.", "These require care."]
    answers = [has_main_verb.__wrapped__(text) for text in texts]
    assert answers == [_main_verb_word_by_word(text) for text in texts]
    assert 500 < sum(answers) < len(texts) - 500  # both answers are tested
    assert not has_main_verb("Jo Bell, who runs the bakery on Quay Row.")
    assert has_main_verb("These require care.")


def test_a_contraction_is_a_verb_only_with_its_apostrophe():
    assert is_verb("they’re", "", present=False) and is_verb("I've", "", present=False)
    assert is_verb("it's", "and", present=False) and not is_verb("its", "and", present=False)
    assert not is_verb("theyre", "and", present=False)
    assert has_sure_verb("what's next") and not has_sure_verb("whats next")


def test_hyphenated_adjectives_nouns_after_an_initial_and_prepositions_are_no_verbs():
    assert not has_main_verb("A group of high-powered U.S. investors")
    assert not has_main_verb("Nearly 60 years behind the times")
    assert not has_main_verb("The state-owned ferry operator")
    assert has_main_verb("The mayor re-elected last year")  # a verb's prefix before the hyphen
    assert has_main_verb("U.S. investors applauded the plan")
    assert has_main_verb("The investors behave well")
