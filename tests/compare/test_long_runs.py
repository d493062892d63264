"""Over a long run of new names the claim reader's word tables stay bounded and keep learning, and the blocking
pairs the sentences of one event the same way whatever the event's size."""

from storyline.compare import words
from storyline.compare.align import aligned_pairs, sentence_units
from storyline.compare.claims import extract
from storyline.model import Article


def test_full_word_tables_start_again_and_read_the_same(monkeypatch):
    sentence = "Officials in Zarnovia said 14 people were not hurt on Monday."
    before = extract(sentence)
    expected = (before.quantities, before.dates, before.negated, [tuple(t) for t in before.tokens])
    monkeypatch.setattr(words, "_KNOWN_WORDS", 50)
    saved = [dict(table) for table in (words.FORMS, words.FLAGS, words.CONTEXT_OF)]
    try:
        for index in range(400):  # new names, as a stream of events brings them
            name = "".join(chr(ord("a") + int(digit)) for digit in str(index))
            claims = extract(f"Minister Ka{name} met Envoy Lo{name} in Town{name} on Monday.")
            claims.tokens  # noqa: B018
            words.CONTEXT_OF[f"Word{name}"]
        assert all(len(table) <= 50 for table in (words.FORMS, words.FLAGS, words.CONTEXT_OF))
        assert "Towndjj" in words.FORMS and "Worddjj" in words.CONTEXT_OF  # still learning once full
        after = extract(sentence)
        assert (after.quantities, after.dates, after.negated, [tuple(t) for t in after.tokens]) == expected
    finally:
        for table, content in zip((words.FORMS, words.FLAGS, words.CONTEXT_OF), saved, strict=True):
            dict.clear(table)
            table.update(content)


def test_blocking_pairs_versions_of_a_sentence_across_articles_only():
    first = Article(
        id="a",
        text="Police said 14 people were taken to hospital in Leeds after the fire at the warehouse. "
        "The fire brigade said the blaze started in a storeroom before dawn.",
    )
    second = Article(
        id="b",
        text="Police said nine people were taken to hospital in Leeds after the fire at the warehouse. "
        "Firefighters worked through the night to bring the blaze under control.",
    )
    units = sentence_units([first, second])
    pairs = aligned_pairs(units)
    texts = {(pair.a.text, pair.b.text) for pair in pairs}
    assert (first.text.split(". ")[0] + ".", second.text.split(". ")[0] + ".") in texts
    assert all(pair.a.article_ids.isdisjoint(pair.b.article_ids) for pair in pairs)
    assert all(0.15 <= pair.overlap <= 1.0 + 1e-9 for pair in pairs)
