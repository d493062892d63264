"""Helpers the quote tests share: the quotes of one short article, and the quote holding some words."""

from storyline.model import Article
from storyline.quotes import find_quotes


def quotes_of(text: str, **fields):
    return find_quotes([Article("a1", text, **fields)])


def quote_holding(quotes, words: str):
    matches = [q for q in quotes if words in q.text]
    assert matches, f"no quote holds {words!r}: {[q.text for q in quotes]}"
    return matches[0]
