"""Citations: every article that says what a summary sentence says, not only the one it was taken from."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from storyline.model import Citation
from storyline.summarize.overlap import SUPPORT_CONTAINMENT, StemMatrix, intersections_of_each


def supporting_citations(
    summary_stems: Sequence[frozenset[str]],
    source_stems: Sequence[frozenset[str]],
    source_citations: Sequence[Citation],
    taken_from: Sequence[int],
    *,
    claim_stems: Sequence[frozenset[str]] | None = None,
    threshold: float = SUPPORT_CONTAINMENT,
    source_matrix: StemMatrix | None = None,
) -> list[list[Citation]]:
    """For each summary sentence, the source sentences that support it, at most one per article.

    A source sentence supports a summary sentence when it holds at least ``threshold`` of its content stems
    (the sentence itself, a copy of it, or a close paraphrase) and, when ``claim_stems`` are given, as much of
    the stems of its claim (the sentence without who said it: a sentence that only names the same speaker
    does not support "Nobody was hurt, the fire service said."). The sentence it was taken from,
    ``taken_from[i]`` (an index into the sources), is always cited. Citations are listed in source order.
    """
    inter, *more = intersections_of_each(
        [summary_stems, *([claim_stems] if claim_stems is not None else [])], source_stems, b_matrix=source_matrix
    )
    claimed: set[tuple[int, int]] | None = None
    if claim_stems is not None:
        claim_inter = more[0]
        claim_sizes = np.fromiter(map(len, claim_stems), dtype=np.int64, count=len(claim_stems))
        held = np.flatnonzero(claim_inter.data >= threshold * claim_sizes[claim_inter.row])
        claimed = set(zip(claim_inter.row[held].tolist(), claim_inter.col[held].tolist()))
    # Each pair's share of the summary sentence's stems, in double precision as one pair at a time computes it.
    sizes = np.fromiter((max(len(stems), 1) for stems in summary_stems), dtype=np.int64, count=len(summary_stems))
    scores = inter.data / sizes[inter.row]
    held = np.flatnonzero(scores >= threshold)
    best: list[dict[str, tuple[float, int]]] = [{} for _ in summary_stems]
    for i, j, score in zip(inter.row[held].tolist(), inter.col[held].tolist(), scores[held].tolist()):
        if claimed is not None and claim_stems[i] and (i, j) not in claimed:
            continue
        article = source_citations[j].article_id
        if score > best[i].get(article, (-1.0, 0))[0]:
            best[i][article] = (score, j)
    result = []
    for i, origin in enumerate(taken_from):
        # The origin wins its article even when a sibling sentence there overlaps as much.
        best[i][source_citations[origin].article_id] = (2.0, origin)
        result.append([source_citations[j] for j in sorted(j for _, j in best[i].values())])
    return result
