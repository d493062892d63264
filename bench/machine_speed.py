"""The machine's own speed: CPU seconds of a fixed piece of pure-Python work, the same whatever Storyline's code is.

On the shared machine the same commands take up to a third longer in one hour than in another, with nothing else of
ours running (``docs/benchmarks.md``, "The stream at 100,000 articles again"). This reference moves with the machine
and the interpreter, never with Storyline, so a benchmark that prints it beside its figures says how fast the
machine was while they were taken, and two runs of one benchmark can be compared through it.

The work is the kind Storyline's own Python does most: splitting text into words, lower-casing, counting in
dictionaries, sorting, building small strings and sets. Its text is made from a fixed seed, so it is the same on
every run. Printed: the least CPU time of ``--repeats`` rounds, and the median.

    python bench/machine_speed.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from collections import Counter
from itertools import pairwise

WORD = re.compile(r"[a-z]+")
SYLLABLES = ("ka", "lo", "mi", "ren", "sto", "ve", "dan", "qui", "ar", "tel", "os", "pu", "nix", "ba", "sel")


def reference_text(words: int = 600_000, seed: int = 2026) -> str:
    """Sentences of made-up words from a fixed seed: the same text on every run."""
    rng = random.Random(seed)
    vocabulary = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(3_000)]
    sentences = []
    for _ in range(words // 15):
        chosen = [rng.choice(vocabulary) for _ in range(15)]
        sentences.append(chosen[0].capitalize() + " " + " ".join(chosen[1:]) + ", said " + chosen[-1].title() + ".")
    return " ".join(sentences)


def reference_work(text: str) -> int:
    """Word counts, pairs of words, the sentences' word sets compared, sorted keys: a checksum of it all."""
    sentences = text.split(". ")
    counts: Counter[str] = Counter()
    pairs: dict[tuple[str, str], int] = {}
    sets = []
    for sentence in sentences:
        tokens = WORD.findall(sentence.lower())
        counts.update(tokens)
        for first, second in pairwise(tokens):
            pairs[(first, second)] = pairs.get((first, second), 0) + 1
        sets.append(frozenset(tokens))
    shared = sum(len(a & b) for a, b in pairwise(sets))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    keys = "|".join(f"{first}-{second}" for (first, second), n in pairs.items() if n > 1)
    return shared + len(ranked) + len(keys)


def reference_seconds(repeats: int = 5) -> list[float]:
    """CPU seconds of each round of the reference work, on the same text."""
    text = reference_text()
    seconds = []
    for _ in range(repeats):
        started = time.process_time()
        reference_work(text)
        seconds.append(time.process_time() - started)
    return seconds


def describe(seconds: list[float]) -> str:
    return f"{min(seconds):.3f} CPU s (least of {len(seconds)}; median {statistics.median(seconds):.3f})"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    print(describe(reference_seconds(args.repeats)))


if __name__ == "__main__":
    main()
