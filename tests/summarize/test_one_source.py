"""An event of one source takes its lead in order: the versions of the sentences after a full summary are never
worked out, and the choice is the one made over the versions of every sentence."""

import random

import pytest

from storyline import summarize as summary_module
from storyline.model import Article, CopyGroup
from storyline.summarize import summarize
from storyline.summarize.references import needs_antecedent, same_fact

_SENTENCES = [
    "The river flooded the old town on Monday after three days of heavy rain.",
    "Rescuers reached the village by boat and moved forty families to the school.",
    "He also said the bridge would stay closed until engineers inspect it.",
    "The mayor, a former engineer, said the dykes had held in most places.",
    "Photo by Jo Bell",
    "But the water is still rising in the lower streets, officials said.",
    "Schools were closed.",
    "This was the worst flood in the region since records began in 1902.",
    "The river flooded the old town on Monday after days of heavy rain.",
    "Farmers downstream moved their cattle to higher fields overnight.",
    "The regional government has promised emergency funds for the repairs.",
    "Forecasters expect more rain on Wednesday and Thursday across the valley.",
    "Residents were told to boil tap water until further notice.",
    "Electricity was cut to about two thousand homes near the harbour.",
    "The army sent trucks and two hundred soldiers to help with the sandbags.",
]


def _eager_choice(sentences, words):
    """The one-source choice as it was made over every sentence's versions at once (the reference)."""
    candidates = summary_module._usable_candidates(sentences, range(len(sentences)), words)
    chosen, room, seen = [], words, set()
    stems = [summary_module.content_stem_set(c.text) for c in candidates]
    for k, cand in enumerate(candidates):
        if cand.sentence in seen or cand.length > room:
            continue
        versions = [
            j
            for j in range(k, len(candidates))
            if candidates[j].sentence == cand.sentence
            and candidates[j].length <= room
            and (
                not needs_antecedent(candidates[j].text) or summary_module._antecedent(sentences, cand.sentence) in seen
            )
            and not any(same_fact(stems[j], stems[i]) for i in chosen)
        ]
        if not versions:
            continue
        best = max(versions, key=lambda j: candidates[j].length)
        chosen.append(best)
        seen.add(cand.sentence)
        room -= candidates[best].length
        if room < summary_module.MIN_WORDS:
            break
    return [(candidates[k].sentence, candidates[k].text) for k in chosen]


def _lazy_choice(sentences, words):
    candidates, chosen = summary_module._leading_choice(sentences, words)
    return [(candidates[k].sentence, candidates[k].text) for k in chosen]


def _outcome(choose, sentences, words):
    try:
        return choose(sentences, words)
    except ValueError as error:
        return f"ValueError: {error}"


def test_the_choice_read_in_order_is_the_choice_over_every_sentence():
    rng = random.Random(11)
    for _ in range(80):
        texts = [rng.choice(_SENTENCES) for _ in range(rng.randint(1, 14))]
        copies = rng.randint(1, 3)
        articles = [Article(id=f"a{n}", text=" ".join(texts)) for n in range(copies)]
        sentences = summary_module._sentences(articles, weighed=False)
        for words in (4, 8, 15, 30, 60, 100):
            assert _outcome(_lazy_choice, sentences, words) == _outcome(_eager_choice, sentences, words)


def test_the_sentences_after_a_full_summary_are_not_worked_out(monkeypatch):
    worked = []
    versions = summary_module._versions

    def counted(text):
        worked.append(text)
        return versions(text)

    monkeypatch.setattr(summary_module, "_versions", counted)
    texts = [s for s in _SENTENCES if len(s.split()) >= 8 and not s.startswith(("He ", "This ", "But "))]
    text = " ".join(texts * 3)  # 36 sentences
    copies = [CopyGroup(id="g", article_ids=["a", "b"], canonical="a")]
    result = summarize([Article(id="a", text=text), Article(id="b", text=text)], words=40, copy_groups=copies)
    assert 1 <= len(result.sentences) <= 3
    assert sum(len(s.text.split()) for s in result.sentences) <= 40
    assert len(worked) < 10  # of 12 distinct sentences, repeated three times, in two copies


@pytest.mark.parametrize("text", ["Photo by Jo Bell", "He said so. They did too.", ""])
def test_an_article_with_nothing_to_stand_alone_still_says_so(text):
    with pytest.raises(ValueError):
        summarize([Article(id="a", text=text or "   ")])


def test_a_lone_title_is_the_headline_and_the_events_title_without_weighing():
    from storyline.titles import event_title, representative

    article = Article(id="a", title="River floods the old town", text=" ".join(_SENTENCES[:4]))
    assert summarize([article]).headline == "River floods the old town"
    assert event_title([article]) == "River floods the old town"
    assert representative(["River floods the old town"], [""]) == 0
    two = [article, Article(id="b", title="Old town under water", text=" ".join(_SENTENCES[8:12]))]
    assert summarize(two).headline in {"River floods the old town", "Old town under water"}
