"""The names and numbers pattern of the entity subspace: the lookahead before its two branches changes no match."""

from __future__ import annotations

import random
import re

from storyline.features import _ENTITY, _ENTITY_BRANCHES, entity_tokens


def test_lookahead_gives_the_same_matches_as_the_branches_alone():
    branches_alone = re.compile(_ENTITY_BRANCHES)
    rng = random.Random(7)
    pieces = (
        "Tara Reid said the Bank of England de la Rue van Gogh O'Neill U.S. Jean-Luc al-Assad Élodie ÉCOLE "
        "after In 26 $5 $ 1,000.50 3.5% ٣٤ ४२ ２０ 7th x9 _Under Mc_Donald’s ’Twas IBM's"
    ).split()
    separators = [" ", " ", "  ", "\t", "\n", ". ", ", ", "-", "“", "”", "(", ")", "$", ""]
    names = numbers = 0
    for _ in range(500):
        text = "".join(rng.choice(pieces) + rng.choice(separators) for _ in range(rng.randrange(1, 80)))
        found = _ENTITY.findall(text)
        assert found == branches_alone.findall(text)
        names += sum(bool(name) for name, _ in found)
        numbers += sum(bool(number) for _, number in found)
    assert names > 1000 and numbers > 1000


def test_names_and_numbers():
    # A joiner between two names and a stopword inside a name are dropped; a Unicode digit and a dollar sum count.
    text = "They met Jean de Rue and Tara Reid in Paris. After that, ٣ fans and $40 went to the Bank of England."
    assert entity_tokens(text) == [
        "jean rue",
        "jean",
        "rue",
        "tara reid",
        "tara",
        "reid",
        "paris",
        "٣",
        "$40",
        "bank england",
        "bank",
        "england",
    ]
