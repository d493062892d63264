"""Quotes merged across articles: the same quote once per speaker, every wording cited to its articles."""

import random
from collections import Counter

from storyline.model import Quote
from storyline.quotes.merge import SAME_QUOTE, letters_and_digits, merge_quotes
from storyline.text import words


def _merged_pair_by_pair(quotes):
    """The merge as first written: every quote against every merged quote, word counts made afresh each time."""

    def overlap(a, b):
        return sum((Counter(a) & Counter(b)).values()) / min(len(a), len(b)) if a and b else 0.0

    merged = []
    for quote in quotes:
        key = (quote.speaker_name or quote.speaker or "").lower()
        tokens = words(quote.text)
        target = next((m for k, t, m in merged if k == key and overlap(tokens, t) >= SAME_QUOTE), None)
        if target is None:
            target = [quote.direct, []]
            merged.append((key, tokens, target))
        target[0] = target[0] or quote.direct
        wording = next((w for w in target[1] if letters_and_digits(w[0]) == letters_and_digits(quote.text)), None)
        if wording is None:
            wording = [quote.text, [], []]
            target[1].append(wording)
        if quote.article_id not in wording[1]:
            wording[1].append(quote.article_id)
        wording[2].append(quote)
    return [(direct, [(text, ids, items) for text, ids, items in wordings]) for _, _, (direct, wordings) in merged]


def _quote(rng, n):
    vocabulary = ["the", "plan", "will", "fail", "we", "never", "agreed", "to", "it", "now", "said", "cuts"]
    text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 8)))
    speaker = rng.choice([None, "Jo Bell", "jo bell", "the mayor"])
    return Quote(f"a{rng.randint(0, 5)}", text, rng.random() < 0.5, speaker, None, None, "said", 0, len(text), n)


def test_merging_equals_the_pair_by_pair_merge():
    rng = random.Random(7)
    for _ in range(200):
        quotes = [_quote(rng, n) for n in range(rng.randint(0, 25))]
        found = [(m.direct, [(w.text, w.article_ids, w.quotes) for w in m.wordings]) for m in merge_quotes(quotes)]
        assert found == _merged_pair_by_pair(quotes)


def test_merging_equals_the_pair_by_pair_merge_with_many_repeated_words():
    # Few distinct words, many repeats: the distinct-word bound that spares the word counts is tested at its edge.
    rng = random.Random(11)
    vocabulary = ["we", "will", "not", "go", "no", "Go!"]
    for _ in range(300):
        quotes = []
        for n in range(rng.randint(0, 20)):
            text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 20)))
            speaker = rng.choice([None, "Jo Bell", "the mayor"])
            article = f"a{rng.randint(0, 3)}"
            quotes.append(Quote(article, text, rng.random() < 0.5, speaker, None, None, "said", 0, 1, n))
        found = [(m.direct, [(w.text, w.article_ids, w.quotes) for w in m.wordings]) for m in merge_quotes(quotes)]
        assert found == _merged_pair_by_pair(quotes)


def test_letters_and_digits_keeps_exactly_the_letters_and_digits_lower_cased():
    rng = random.Random(3)
    alphabet = "aZ9 .,'’_-\"“”éÉß\u0130ΣÅ٣①\t"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert letters_and_digits(text) == "".join(char for char in text.lower() if char.isalnum())


def test_one_speakers_rewording_is_one_quote_with_two_wordings():
    said = "We will never agree to these cuts"
    quotes = [
        Quote("a", said, True, "Jo Bell", "Jo Bell", None, "said", 0, 10, 0),
        Quote("b", said + " now", True, "Bell", "Jo Bell", None, "said", 0, 10, 2),
        Quote("c", said, True, "the mayor", None, None, "said", 0, 10, 1),
    ]
    merged = merge_quotes(quotes)
    assert [[w.article_ids for w in m.wordings] for m in merged] == [[["a"], ["b"]], [["c"]]]


def test_wordings_that_differ_only_in_spacing_and_punctuation_are_one_wording():
    quotes = [
        Quote("a", "We began.So, a step forward", True, "Jo Bell", "Jo Bell", None, "said", 0, 10, 0),
        Quote("b", "We began. So a step forward", True, "Bell", "Jo Bell", None, "said", 0, 10, 0),
    ]
    (merged,) = merge_quotes(quotes)
    assert [w.article_ids for w in merged.wordings] == [["a", "b"]]
    # Shown as the copy that kept the space between its sentences, whichever came first.
    assert merged.text == "We began. So a step forward"
    (merged,) = merge_quotes(quotes[::-1])
    assert merged.text == "We began. So a step forward" and merged.wordings[0].article_ids == ["b", "a"]


def test_a_body_one_article_leaves_unnamed_is_the_one_organisation_of_that_kind_another_names():
    from storyline.quotes.merge import by_speaker

    def said(article, text, speaker, name=None, role=None):
        return Quote(article, text, False, speaker, name, role, "said", 0, len(text), 0)

    quotes = [
        said("a1", "the bridge will stay closed for six weeks", "Ostwick District Council", "Ostwick District Council"),
        said("a2", "the bridge will stay closed for six weeks", "The council", role="council"),
        said("a2", "engineers will carry out more tests", "the district council", role="district council"),
        said("a3", "the mayor was told on Friday", "Mayor Ada Lund", "Ada Lund", "Mayor"),
    ]
    speakers = {speaker.name: speaker for speaker in by_speaker(quotes)}
    assert set(speakers) == {"Ostwick District Council", "Ada Lund"}
    council = speakers["Ostwick District Council"]
    assert council.role is None  # the unnamed body's "council" is not shown as a role of the name
    assert [(q.text, q.article_ids) for q in council.quotes] == [
        ("the bridge will stay closed for six weeks", ["a1", "a2"]),
        ("engineers will carry out more tests", ["a2"]),
    ]
    # two councils named, or a body of another kind: the unnamed body stays a speaker of its own
    quotes.append(said("a4", "the depot reopens", "Brackwater Town Council", "Brackwater Town Council"))
    assert "The council" in {speaker.name for speaker in by_speaker(quotes)}
    other = [
        said("b1", "business rates will stay the same", "Ostwick District Council", "Ostwick District Council"),
        said("b2", "business rates will stay the same", "the city council", role="city council"),
    ]
    assert {speaker.name for speaker in by_speaker(other)} == {"Ostwick District Council", "The city council"}


def test_speakers_of_blank_or_bare_determiner_spans_are_listed_without_error():
    from storyline.quotes.merge import by_speaker

    quotes = [
        Quote("a1", "plans will surely fail by then", False, "  ", " ", None, "said", 0, 5, 0),
        Quote("a2", "plans will surely fail by then", False, "the", None, None, "said", 0, 5, 0),
        Quote("a3", "plans will surely fail by then", False, "The council", None, "council", "said", 0, 5, 0),
    ]
    assert [speaker.name for speaker in by_speaker(quotes)] == [" ", "The", "The council"]


def test_words_a_speaker_did_not_say_are_left_out_of_who_said_what():
    from storyline.quotes.merge import by_speaker, not_said

    text = (
        "Tellam said all staff were safe. It did not say how much stock had been lost. "
        "The mayor declined to say whether the depot would reopen. Ada Lund said the roof had fallen in. "
        "The union has not said whether it will strike next week. "
        "The owners did not immediately say when work would resume. "
        "The insurer has yet to say if it will pay the claims. Ada Lund said that the walls were sound."
    )

    def reported(words, speaker, cue):
        start = text.index(words)
        return Quote("a1", words, False, speaker, speaker, None, cue, start, start + len(words), 0)

    quotes = [
        reported("all staff were safe", "Tellam", "said"),
        reported("how much stock had been lost", "Tellam", "say"),
        reported("whether the depot would reopen", "The mayor", "say"),
        reported("the roof had fallen in", "Ada Lund", "said"),
        reported("it will strike next week", "The union", "said"),
        reported("when work would resume", "The owners", "say"),
        reported("it will pay the claims", "The insurer", "say"),
        reported("the walls were sound", "Ada Lund", "said"),
    ]
    assert [not_said(q, text) for q in quotes] == [False, True, True, False, True, True, True, False]
    shown = {s.name: [q.text for q in s.quotes] for s in by_speaker(quotes, texts={"a1": text})}
    assert shown == {"Tellam": ["all staff were safe"], "Ada Lund": ["the roof had fallen in", "the walls were sound"]}
    # without the texts nothing tells what was not said
    assert len(by_speaker(quotes)) == 6


def test_words_attributed_again_inside_words_given_according_to_someone_are_that_sources():
    from storyline.quotes.merge import by_speaker

    def quote(words, start, end, speaker, name, cue):
        return Quote("a1", words, False, speaker, name, None, cue, start, end, 0)

    quotes = [
        quote(
            "the crack has not spread into the beams", 40, 79, "the council", "Harrowgate City Council", "according to"
        ),
        quote("the crack has not spread into the beams", 40, 79, "Further tests", None, "confirmed"),
        quote("the bridge will reopen in six weeks", 100, 140, "officials", None, "according to"),
        # a named person inside another's report keeps an entry; an unnamed one inside it does not
        quote("the bridge will reopen in six weeks", 110, 140, "Mayor Agnes Pirrie", "Agnes Pirrie", "told"),
        quote("the bridge will reopen in six weeks", 110, 140, "engineers", None, "said"),
    ]
    assert [s.name for s in by_speaker(quotes)] == ["Harrowgate City Council", "Officials", "Agnes Pirrie"]


def test_a_request_keeps_its_verb_and_whom_it_was_made_of():
    from storyline.quotes.merge import reported_text

    text = "Mayor Ada Lund said the bridge would stay shut. She asked drivers to avoid the city centre where possible."
    words = "to avoid the city centre where possible"
    start = text.index(words)
    asked = Quote("a1", words, False, "She", "Ada Lund", None, "asked", start, start + len(words), 1)
    assert reported_text(asked, words, text) == "asked drivers to avoid the city centre where possible"
    assert reported_text(asked, words) == words  # without the article's text nothing tells whom she asked
    far = "She asked the drivers who use the old bridge every morning " + words + "."
    start = far.index(words)
    distant = Quote("a1", words, False, "She", "Ada Lund", None, "asked", start, start + len(words), 0)
    assert reported_text(distant, words, far) == words  # a listener of more than four words is left out


def test_an_unnamed_speaker_opens_its_line_with_a_capital_and_a_name_is_left_as_written():
    from storyline.quotes.merge import by_speaker

    quotes = [
        Quote("a1", "the ferry will run all winter long", False, "officials", None, None, "said", 0, 5, 0),
        Quote("a2", "the pier will be rebuilt next spring", False, "de la Vega", "de la Vega", None, "said", 0, 5, 0),
    ]
    assert [speaker.name for speaker in by_speaker(quotes)] == ["Officials", "de la Vega"]
