"""Why two articles are, or are not, copies of each other: the estimated and exact overlaps."""

from __future__ import annotations

import numpy as np

from storyline.dedup.index import DEFAULT_THRESHOLD
from storyline.dedup.sketch import DEFAULT_MIN_WORDS, SHINGLE_WORDS, band_keys, sketch_texts
from storyline.model import Article


def explain(
    a: Article, b: Article, *, threshold: float = DEFAULT_THRESHOLD, min_words: int = DEFAULT_MIN_WORDS
) -> dict:
    """The estimated and exact overlaps that make two articles copies of each other, or keep them apart."""
    sketches = sketch_texts([a.text, b.text], 0)
    sketch_a, sketch_b = sketches[0], sketches[1]
    set_a, set_b = sketch_a.shingles, sketch_b.shingles
    shared = int(np.intersect1d(set_a, set_b, assume_unique=True).size)
    union = len(set_a) + len(set_b) - shared
    too_short = [
        article.id for article, s in ((a, sketch_a), (b, sketch_b)) if s.words < min_words or not len(s.shingles)
    ]
    estimated_jaccard = 0.0
    candidate = False
    if not too_short:
        signatures = sketches.signatures
        estimated_jaccard = float(np.mean(signatures[0] == signatures[1]))
        keys = band_keys(signatures)
        candidate = bool((keys[0] == keys[1]).any())
    contained = shared / min(len(set_a), len(set_b)) if shared else 0.0
    if too_short:
        reason = f"too short to group (under {min_words} words): {', '.join(too_short)}"
    elif not candidate:
        reason = "no shared LSH band: too little overlap to be proposed as a pair"
    elif contained >= threshold:
        reason = (
            f"copies: {contained:.0%} of the smaller text's word {SHINGLE_WORDS}-grams occur in the other "
            f"(threshold {threshold:.0%})"
        )
    else:
        reason = (
            f"not copies: only {contained:.0%} of the smaller text's word {SHINGLE_WORDS}-grams occur in the "
            f"other (threshold {threshold:.0%})"
        )
    return {
        "a": a.id,
        "b": b.id,
        "words": {a.id: sketch_a.words, b.id: sketch_b.words},
        "shingles": {a.id: len(set_a), b.id: len(set_b)},
        "shared_shingles": shared,
        "containment": round(contained, 4),
        "jaccard": round(shared / union, 4) if union else 0.0,
        "estimated_jaccard": round(estimated_jaccard, 4),
        "lsh_candidate": candidate,
        "threshold": threshold,
        "min_words": min_words,
        "copies": bool(candidate and not too_short and contained >= threshold),
        "reason": reason,
    }
