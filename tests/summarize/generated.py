"""What tests of the summarizer's shared work compare against: readings done the plain way, and random cases."""

import random

from storyline.model import Citation
from storyline.summarize.concepts import tokens
from storyline.text import STOPWORDS, stem


def concepts_read_afresh(text: str) -> set[tuple[str, ...]]:
    """Stemmed bigrams other than two stopwords, then stemmed content words, each added in the order of the text."""
    toks = tokens(text)
    stems = [stem(t) for t in toks]
    found = set()
    for k in range(len(toks) - 1):
        if not (toks[k] in STOPWORDS and toks[k + 1] in STOPWORDS):
            found.add((stems[k], stems[k + 1]))
    for k, token in enumerate(toks):
        if token not in STOPWORDS:
            found.add((stems[k],))
    return found


def citation_cases(seed: int, *, vocabulary: int, most_stems: int, new_words: list[str]):
    """200 random cases for ``supporting_citations``: (summary, sources, citations, taken_from, claims), each summary
    sentence one source's stems with up to two words added (from the vocabulary or ``new_words``)."""
    rng = random.Random(seed)
    words = [f"s{k}" for k in range(vocabulary)]
    for _ in range(200):
        sources = [frozenset(rng.sample(words, rng.randint(1, most_stems))) for _ in range(rng.randint(1, 20))]
        citations = [Citation(f"a{rng.randint(0, 4)}", k, 0, 1) for k in range(len(sources))]
        taken_from = [rng.randrange(len(sources)) for _ in range(rng.randint(1, 5))]
        summary = [sources[k] | frozenset(rng.sample(words + new_words, rng.randint(0, 2))) for k in taken_from]
        claims = [frozenset(rng.sample(sorted(stems), rng.randint(0, len(stems)))) for stems in summary]
        yield summary, sources, citations, taken_from, claims
