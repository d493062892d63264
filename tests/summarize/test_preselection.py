"""Pre-selection: only the sentences that can plausibly be chosen get their versions worked out, and the summary
of an event is the one it would be if every sentence competed."""

import pytest

import storyline.summarize as summarize_module
from storyline.model import Article
from storyline.summarize import candidates, summarize

_FACTS = [
    "The river Avon flooded the old market square in Bath on Monday night.",
    "Firefighters rescued twelve residents from flooded homes near the market square.",
    "The city council opened the sports hall on Mill Road as a shelter for the residents.",
    "Forecasters expect more heavy rain over the Avon valley until Thursday.",
]
_ASIDES = [
    "The bakery on the corner of {street} Lane sold {n} loaves of rye bread that morning.",
    "A cyclist from {street} Lane repainted his blue garden fence for the {n}th summer running.",
    "The local choir of {street} Lane rehearsed {n} songs for its autumn concert in the chapel.",
]
_STREETS = ["Orchard", "Kestrel", "Juniper", "Willow", "Hazel"]


def _report(k: int) -> Article:
    """Four shared facts in this report's own order, and asides no other report shares."""
    facts = _FACTS[k % 4 :] + _FACTS[: k % 4]
    asides = [aside.format(street=_STREETS[k], n=k + 3) for aside in _ASIDES]
    return Article(id=f"r{k}", text=" ".join(facts[:2] + asides + facts[2:]), published=f"2030-03-0{k + 1}")


def _texts(articles, words):
    return [s.text for s in summarize(articles, words=words).sentences]


def test_sentences_no_other_source_reports_are_not_worked_on(monkeypatch):
    worked: list[str] = []
    versions = summarize_module._versions
    monkeypatch.setattr(summarize_module, "_versions", lambda text: worked.append(text) or versions(text))
    monkeypatch.setattr(candidates, "COMPETING_PER_WORD", 0.1)  # 4 sentences compete for 40 words
    articles = [_report(k) for k in range(5)]
    summary = _texts(articles, 40)
    assert summary and all(any(fact in text or text in fact for fact in _FACTS) for text in summary)
    # An aside holds no concept a second source reports: it can add nothing to the summary and is never worked on.
    assert worked and not any(street in text for text in worked for street in _STREETS)
    assert len(set(worked)) == 4


@pytest.mark.parametrize("words", [25, 40, 60])
def test_the_summary_is_the_one_every_sentence_competing_gives(monkeypatch, words):
    articles = [_report(k) for k in range(5)]
    monkeypatch.setattr(candidates, "COMPETING_PER_WORD", 0.1)  # 3 to 6 of 15 distinct sentences compete
    preselected = _texts(articles, words)
    monkeypatch.setattr(candidates, "COMPETING_PER_WORD", 1000.0)
    assert preselected == _texts(articles, words)


def test_a_budget_only_an_unpromising_sentence_fits_still_gets_it(monkeypatch):
    monkeypatch.setattr(candidates, "COMPETING_PER_WORD", 0.1)
    short = "Rain fell on the town again."  # shares few concepts, but is the only sentence of 6 words
    articles = [Article(id=f"a{k}", text=f"{_FACTS[0]} {_FACTS[1]} {short}") for k in range(3)]
    assert _texts(articles, 6) == [short]


def test_promising_sentences_rank_by_weight_per_word_and_cap_each_family():
    concepts = [frozenset({("flood",), ("river",)})] * 4 + [frozenset({("fair",)}), frozenset({("flood",)})]
    weights = {("flood",): 3.0, ("river",): 2.0, ("fair",): 1.0}
    ranked = candidates.promising(
        concepts, weights, [10, 10, 10, 10, 10, 5], [0, 1, 2, 3, 0, 4], [0, 0, 0, 0, 4, 5], min_words=6
    )
    # Three of the repeated family, ties to earlier sentences; the 5-word sentence is too short to compete.
    assert ranked == [0, 1, 2, 4]
    assert candidates.promising(concepts, {}, [10] * 6, [0] * 6, list(range(6)), min_words=6) == []
