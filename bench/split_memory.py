"""Memory and CPU of splitting one large topic into events: this code beside another revision's, in the same run.

The topic is synthetic (``--articles`` rows of random hashed features with about as many terms per article as a
news article's body, title and names, drawn with a fixed seed), so both sides read the same input. Each side, in a
process of its own, computes the topic's similarities with ``storyline.events.split.local_similarity`` (what the
split of a topic computes first) and prints its CPU time, the growth of its peak resident memory while computing
and a hash of the similarities (the same hash: the same similarities).

    PYTHONPATH=src python bench/split_memory.py --articles 3000 --before main
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from revisions import run_sides  # noqa: E402

TERMS = {"body": 150, "title": 8, "entities": 20}  # terms per article in each subspace
VOCABULARY = 20_000  # distinct hashed columns the topic's articles use


def measure(articles: int) -> dict:
    """One side: the similarities of a synthetic topic of ``articles`` articles."""
    import numpy as np
    import scipy.sparse as sp

    from storyline.events.split import local_similarity
    from storyline.features import SUBSPACES, ArticleFeatures

    rng = np.random.default_rng(7)
    width = 1 << 20

    def subspace(terms: int) -> sp.csr_matrix:
        rows = np.repeat(np.arange(articles), terms)
        columns = rng.integers(0, VOCABULARY, articles * terms)
        return sp.csr_matrix((rng.random(articles * terms), (rows, columns)), shape=(articles, width))

    features = ArticleFeatures(
        body=subspace(TERMS["body"]),
        title=subspace(TERMS["title"]),
        entities=subspace(TERMS["entities"]),
        languages=["en"] * articles,
        headlines=[""] * articles,
        has_title=[True] * articles,
    )
    idf = {name: np.ones(width) for name in SUBSPACES}
    before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.process_time()
    similarity = local_similarity(features, idf, np.array([0.6, 0.2, 0.2]))
    cpu = time.process_time() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "cpu_s": round(cpu, 3),
        "growth_mb": round(peak_mb - before_mb, 1),
        "peak_mb": round(peak_mb, 1),
        "hash": hashlib.sha256(similarity.tobytes()).hexdigest()[:12],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=3000, help="articles in the topic (3,000: the largest split)")
    parser.add_argument("--before", help="a git revision to measure beside this code")
    parser.add_argument("--side", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        print(json.dumps(measure(args.articles)))
        return
    sides = run_sides(__file__, ["--articles", str(args.articles)], args.before)
    header = f"| one topic of {args.articles:,} articles | CPU s | peak MB | growth, MB | similarities |"
    print("\n" + header)
    print("|---|---|---|---|---|")
    for name, side in sides.items():
        print(f"| {name} | {side['cpu_s']} | {side['peak_mb']} | {side['growth_mb']} | {side['hash']} |")


if __name__ == "__main__":
    main()
