"""The second level: a broad topic split in two, again and again, while its halves are far apart.

Far apart by the topic's own term weights: terms the whole topic shares fade, terms only part of it uses count,
which tells apart two events of one kind that share their people.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import scipy.sparse as sp
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from storyline.blas_threads import one_blas_thread
from storyline.events.options import EventOptions
from storyline.events.vectors import Idf
from storyline.features import SUBSPACES, ArticleFeatures

# Topics smaller than this stay whole (two halves of at least two articles each, and enough articles for the
# topic's own document frequencies to mean something); larger than MAX_SPLIT_TOPIC they stay whole too, since
# the split compares every pair of the topic's articles.
MIN_SPLIT_TOPIC = 6
MAX_SPLIT_TOPIC = 3000
# A cut whose halves both hold at least this many articles is judged by ``split_ratio_large``.
LARGE_HALF = 6


# The most similarity cells (articles squared, summed over topics) ``split_topics`` computes in one block.
MAX_BLOCK_CELLS = 1 << 21


def local_similarity(features: ArticleFeatures, idf: Mapping[str, Idf], weights: np.ndarray) -> np.ndarray:
    """Article-by-article similarity inside one topic, with each term weighted by the corpus idf times the
    topic's own idf: terms every article of the topic shares (its people, its kind of action) fade, terms that
    only part of it uses (the other place, victim, number, date) count."""
    return local_similarities(features, [np.arange(features.body.shape[0])], idf, weights)[0]


def local_similarities(
    features: ArticleFeatures, groups: Sequence[np.ndarray], idf: Mapping[str, Idf], weights: np.ndarray
) -> list[np.ndarray]:
    """``local_similarity`` of each group of rows of ``features`` (a topic, in the order given), several topics
    at once: their rows side by side with each topic's columns kept apart, so one sparse product gives every
    topic's block with the same arithmetic, term by term, as a product per topic (an online batch splits
    hundreds of small topics, where scipy's per-call overhead was most of the cost)."""
    sizes = np.array([len(group) for group in groups], dtype=np.int64)
    n = int(sizes.sum())
    group_of_row = np.repeat(np.arange(len(groups)), sizes)
    first_row = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    first_cell = np.concatenate([[0], np.cumsum(sizes**2)[:-1]])
    rows_of = features.take(np.concatenate(groups) if groups else np.zeros(0, np.int64))
    total = np.zeros(int((sizes**2).sum()))
    present_in: list[np.ndarray] = []  # per subspace: which stacked rows have any term there
    for name, weight in zip(SUBSPACES, weights):
        rows = rows_of.subspace(name)
        entry_row = np.repeat(np.arange(n), np.diff(rows.indptr))
        # Only each topic's own columns (hashed columns number a million; a topic uses a few thousand).
        width = np.int64(rows.shape[1])
        keys, local = np.unique(group_of_row[entry_row] * width + rows.indices, return_inverse=True)
        local_df = np.bincount(local, minlength=len(keys))
        local_idf = np.log((1.0 + sizes[group_of_row[entry_row]]) / (1.0 + local_df[local])) + 1.0
        weighted = rows.data * idf[name][keys % width][local] * local_idf
        lengths = np.sqrt(np.bincount(entry_row, weights=weighted**2, minlength=n))
        present = lengths > 0
        present_in.append(present)
        weighted /= np.repeat(np.where(present, lengths, 1.0), np.diff(rows.indptr))
        stacked = sp.csr_matrix((weighted, local.ravel(), rows.indptr), shape=(n, len(keys)))
        products = (stacked @ stacked.T).tocoo()  # only within a topic: topics share no column
        block = np.zeros(len(total))
        owner = group_of_row[products.row]
        within = products.row - first_row[owner], products.col - first_row[owner]
        block[first_cell[owner] + within[0] * sizes[owner] + within[1]] = products.data
        block *= weight
        total += block
    out = []
    for size, row, cell in zip(sizes.tolist(), first_row.tolist(), first_cell.tolist()):
        # The weight of the subspaces both articles have terms in, cell by cell, added in the subspaces' order.
        mass = np.zeros((size, size))
        for present, weight in zip(present_in, weights):
            mass += weight * np.outer(present[row : row + size], present[row : row + size])
        matrix = total[cell : cell + size * size].reshape(size, size) / np.where(mass > 0, mass, 1.0)
        np.fill_diagonal(matrix, 1.0)
        out.append(matrix)
    return out


def separation(similarity: np.ndarray, half: np.ndarray) -> float:
    """Mean similarity across the two halves over the geometric mean of the mean similarities within them
    (pairs of distinct articles): near 1 for an arbitrary cut of one event, low for two events."""

    across = similarity[np.ix_(half, ~half)].mean()
    return float(across / math.sqrt(mean_within(similarity, half) * mean_within(similarity, ~half)))


def mean_within(similarity: np.ndarray, side: np.ndarray) -> float:
    """The mean similarity of the pairs of distinct articles on ``side``."""
    block = similarity[np.ix_(side, side)]
    k = len(block)
    return max((block.sum() - np.trace(block)) / (k * (k - 1)), 1e-9)


def apart_on_both_sides(similarity: np.ndarray, half: np.ndarray, ratio: float) -> bool:
    """Whether the mean similarity across the halves is below ``ratio`` times the mean within each half. Stricter
    than ``separation``'s geometric mean, which one very tight half (a cluster of near-copies) can pull down while
    the other half is as close to it as to itself."""
    across = similarity[np.ix_(half, ~half)].mean()
    return bool(across < ratio * min(mean_within(similarity, half), mean_within(similarity, ~half)))


def spectral_half(similarity: np.ndarray) -> np.ndarray:
    """A cut of a topic in two by the sign of the Fiedler vector of its normalised similarity graph: where the
    average-link cut peels off a few outliers, it finds two large groups when there are two."""
    weights = np.clip(similarity, 0.0, None)
    np.fill_diagonal(weights, 0.0)
    degree = weights.sum(axis=1)
    scale = 1.0 / np.sqrt(np.where(degree > 0, degree, 1.0))
    normalised = weights * scale[:, None] * scale[None, :]
    # The second largest eigenvector of D^-1/2 W D^-1/2 (the largest is the trivial one).
    fiedler = np.linalg.eigh(normalised)[1][:, -2] * scale
    return fiedler > np.median(fiedler) if np.all(fiedler > 0) or np.all(fiedler < 0) else fiedler > 0


def first_of_two(tree: np.ndarray) -> np.ndarray:
    """The articles of flat cluster 1 when the average-link ``tree`` is cut into at most two clusters: what
    ``fcluster(tree, 2, "maxclust") == 1`` gives, without its validation of the tree (which costs more than the
    cut itself on a small topic). The root's two subtrees when the last merge is strictly the highest, cluster 1
    being the first that is not a single article (left before right); one cluster (all) when the highest
    merge is tied, since no cut then leaves exactly two."""
    n = len(tree) + 1
    if n < 3:
        return fcluster(tree, 2, "maxclust") == 1
    heights = tree[:, 2]
    if not heights[-1] > heights[:-1].max():
        return np.ones(n, dtype=bool)
    left, right = int(tree[-1, 0]), int(tree[-1, 1])
    stack, half = [left if left >= n else right], np.zeros(n, dtype=bool)
    while stack:
        node = stack.pop()
        if node < n:
            half[node] = True
        else:
            stack += [int(tree[node - n, 0]), int(tree[node - n, 1])]
    return half


# Rounds of moving articles between the two halves of a cut (they converge in two or three).
SETTLE_ROUNDS = 10


def settle(similarity: np.ndarray, half: np.ndarray) -> np.ndarray:
    """Polish a cut of a topic in two: move each article to the half it is on average more similar to (itself
    left out), until nothing moves (kernel 2-means started from the average-link cut, whose greedy merges can
    leave a few articles on the wrong side)."""
    inside = similarity.copy()
    np.fill_diagonal(inside, 0.0)
    for _ in range(SETTLE_ROUNDS):
        n_half, n_other = int(half.sum()), int((~half).sum())
        if min(n_half, n_other) < 2:
            break
        to_half = inside[:, half].sum(axis=1) / (n_half - half)
        to_other = inside[:, ~half].sum(axis=1) / (n_other - ~half)
        moved = to_half > to_other
        if np.array_equal(moved, half):
            break
        half = moved
    return half


def cut_in_two(similarity: np.ndarray, options: EventOptions) -> tuple[bool, np.ndarray] | None:
    """How ``split_topics`` cuts one group of articles (its ``similarity``): (True, half) when average link's cut
    parts it (its halves are then cut in turn), (False, half) for a spectral cut (final), None to keep it whole."""
    tree = linkage(squareform(np.clip(1.0 - similarity, 0.0, None), checks=False), "average")
    half = settle(similarity, first_of_two(tree))
    smaller = min(half.sum(), (~half).sum())
    ratio = options.split_ratio_large if smaller >= LARGE_HALF else options.split_ratio
    if smaller >= 2 and separation(similarity, half) < ratio:
        return True, half
    if smaller < LARGE_HALF and len(similarity) >= 2 * LARGE_HALF:
        half = settle(similarity, spectral_half(similarity))
        if min(half.sum(), (~half).sum()) >= LARGE_HALF and apart_on_both_sides(
            similarity, half, options.split_ratio_large
        ):
            return False, half
    return None


def _chunks(items: list[int], cells: list[int]) -> list[list[int]]:
    """``items`` in order, in runs of at most MAX_BLOCK_CELLS ``cells`` (an item larger than that alone)."""
    chunks: list[list[int]] = []
    total = MAX_BLOCK_CELLS + 1
    for item, size in zip(items, cells):
        if total + size > MAX_BLOCK_CELLS:
            chunks.append([])
            total = 0
        chunks[-1].append(item)
        total += size
    return chunks


def split_topics(
    labels: np.ndarray,
    features: ArticleFeatures,
    idf: Mapping[str, Idf],
    options: EventOptions,
    order: np.ndarray,
) -> np.ndarray:
    """The second level: split each topic (label) in two by average link on its local similarity while the
    halves are apart (``separation`` below ``options.split_ratio``, or ``split_ratio_large`` when both halves
    hold at least ``LARGE_HALF`` articles), recursively; returns new labels. Where average link's cut is refused
    and only peels off a few articles, the spectral cut is tried instead: taken when both its halves hold at least
    ``LARGE_HALF`` articles and are apart on both sides (``apart_on_both_sides`` at ``split_ratio_large``). Its
    halves are final: each is a large group already found coherent, which its own narrower weights would only
    fragment.
    ``order`` is the fixed order the linkage sees the articles in (batch: the pass's date, longest-first, id
    order; online: date and id), so input order never matters."""
    with one_blas_thread():
        return _split_topics(labels, features, idf, options, order)


def _split_topics(
    labels: np.ndarray, features: ArticleFeatures, idf: Mapping[str, Idf], options: EventOptions, order: np.ndarray
) -> np.ndarray:
    weights = np.array(options.weights)
    ordered = labels[order]
    groups = [order[ordered == label] for label in np.unique(labels)]
    n_topics = len(groups)
    # Each cut depends on its group alone, so the cuts are found a generation at a time (the topics, then their
    # halves, ...) with each generation's similarities computed together, and then applied in the order of a
    # depth-first walk from the last topic, which numbers the new labels.
    cuts: list[tuple[bool, np.ndarray] | None] = []
    first_half: dict[int, int] = {}  # group -> the first of its halves, when they are split in turn
    generation = list(range(n_topics))
    while generation:
        cuts += [None] * (len(groups) - len(cuts))
        sized = [g for g in generation if MIN_SPLIT_TOPIC <= len(groups[g]) <= MAX_SPLIT_TOPIC]
        generation = []
        for chunk in _chunks(sized, [len(groups[g]) ** 2 for g in sized]):
            for g, similarity in zip(chunk, local_similarities(features, [groups[g] for g in chunk], idf, weights)):
                cuts[g] = cut_in_two(similarity, options)
                if cuts[g] is not None and cuts[g][0]:  # its halves are split in turn
                    half, first_half[g] = cuts[g][1], len(groups)
                    generation += [len(groups), len(groups) + 1]
                    groups += [groups[g][half], groups[g][~half]]
    out = labels.copy()
    next_label = int(labels.max()) + 1 if len(labels) else 0
    stack = list(range(n_topics))
    while stack:
        g = stack.pop()
        if g >= len(cuts) or cuts[g] is None:
            continue
        recurse, half = cuts[g]
        out[groups[g][~half]] = next_label
        next_label += 1
        if recurse:
            stack += [first_half[g], first_half[g] + 1]
    return np.unique(out, return_inverse=True)[1]
