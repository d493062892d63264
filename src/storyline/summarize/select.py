"""Choose sentences by maximum weighted concept coverage under a word budget: an exact integer linear program.

Variables: ``s_j`` (sentence j is chosen) and ``c_i`` (concept i is covered), all binary.

    maximise    sum_i w_i c_i  +  sum_j b_j s_j
    subject to  sum_j len_j s_j <= budget
                c_i <= sum_{j contains i} s_j          (a concept counts only when a chosen sentence holds it)
                sum_{j in group} s_j <= 1              (versions of a sentence, near-duplicates: one at most)

``b_j`` is a small per-sentence bonus that only breaks ties between equally covering choices. Solved exactly by a
depth-first search (``search.exact_cover``) when that takes few steps, as it does for ordinary events, else by
HiGHS through ``scipy.optimize.milp`` with a node limit, so the answer does not depend on the machine's speed.

Two reductions keep the program small without changing what a summary can say: concepts held by exactly the
same sentences are merged, and only the ``MAX_CANDIDATES`` sentences with the most concept weight per word
compete (a summary holds a handful; sentences far down that ranking are never chosen in practice).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence

import numpy as np
from scipy import sparse

from storyline.summarize.search import exact_cover

NODE_LIMIT = 20_000
# The exact search takes programs of summaries up to this many words (a digest's are 100): on DUC 2004 it solved
# the 100-word programs 3.5 times faster than HiGHS and the 200- and 400-word ones slower.
SEARCH_MAX_WORDS = 150
MAX_CANDIDATES = 200
# HiGHS spends most of its time on a large cut pool at the root; a small pool solves these programs several
# times faster to the same optimum.
_HIGHS_OPTIONS = {"node_limit": NODE_LIMIT, "time_limit": 30.0, "mip_rel_gap": 1e-6, "mip_pool_soft_limit": 30}


def best_cover(
    lengths: Sequence[int],
    concepts: Sequence[Sequence[int]],
    weights: Sequence[float],
    budget: int,
    *,
    groups: Sequence[Sequence[int]] = (),
    bonus: Sequence[float] | None = None,
    requires: Mapping[int, Sequence[int]] | None = None,
) -> list[int]:
    """Indices of the chosen sentences, in increasing order.

    ``lengths[j]`` is sentence j's length in words and ``concepts[j]`` the indices (into ``weights``) of the
    concepts it holds. ``groups`` lists sets of sentences of which at most one may be chosen. ``requires[j]``
    lists sentences of which one must be chosen for j to be (the sentence j leans on); an empty list rules j out.
    """
    requires = requires or {}
    if len(lengths) > MAX_CANDIDATES:
        density = [sum(weights[i] for i in held) / max(length, 1) for held, length in zip(concepts, lengths)]
        keep = sorted(sorted(range(len(lengths)), key=lambda j: (-density[j], j))[:MAX_CANDIDATES])
        position = {j: n for n, j in enumerate(keep)}
        chosen = best_cover(
            [lengths[j] for j in keep],
            [concepts[j] for j in keep],
            weights,
            budget,
            groups=[[position[j] for j in g if j in position] for g in groups],
            bonus=None if bonus is None else [bonus[j] for j in keep],
            requires={
                position[j]: [position[k] for k in ks if k in position] for j, ks in requires.items() if j in position
            },
        )
        return [keep[n] for n in chosen]
    n_sent = len(lengths)
    if n_sent == 0:
        return []
    concepts, weights, holders = _merge_twins(concepts, weights)
    real_groups = [sorted(set(g)) for g in groups if len(set(g)) > 1]
    concepts, weights, sentence_gain = _fold_exclusive(concepts, weights, real_groups, n_sent, holders=holders)
    n_conc = len(weights)
    lengths_arr = np.asarray(lengths, dtype=np.float64)
    bonus_arr = np.zeros(n_sent) if bonus is None else np.asarray(bonus, dtype=np.float64)
    # A sentence longer than the budget can never be chosen, nor one that leans on a sentence that cannot be.
    choosable = lengths_arr <= budget
    for j, ks in requires.items():
        choosable[j] &= bool(ks)
    # The search's bound holds for values that only add up (never negative); HiGHS takes the rest and the programs
    # the search cannot finish in a few thousand steps.
    # Longer summaries make the search deeper than HiGHS's way: they go to HiGHS directly.
    if (
        budget <= SEARCH_MAX_WORDS
        and min(weights, default=0.0) >= 0
        and float(np.min(bonus_arr + sentence_gain, initial=0.0)) >= 0
    ):
        searched = exact_cover(
            lengths,
            concepts,
            weights,
            bonus_arr + sentence_gain,
            budget,
            groups=real_groups,
            requires={j: ks for j, ks in requires.items() if ks},
            allowed=choosable,
        )
        if searched is not None:
            return searched
    # Imported here: most digests never need HiGHS, and scipy.optimize costs each process about a second to load.
    from scipy.optimize import Bounds, LinearConstraint, milp

    rows = [i for j, held in enumerate(concepts) for i in held]
    cols = [j for j, held in enumerate(concepts) for _ in held]
    # occurrence[i, j] = 1 when sentence j holds concept i.
    occurrence = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n_conc, n_sent))

    length_row = sparse.hstack([sparse.csr_matrix((1, n_conc)), sparse.csr_matrix(lengths_arr[None, :])])
    constraints = [LinearConstraint(length_row, -np.inf, budget)]
    if n_conc:
        cover = sparse.hstack([sparse.identity(n_conc, format="csr"), -occurrence]).tocsr()
        constraints.append(LinearConstraint(cover, -np.inf, 0.0))
    if real_groups:
        g_rows = [r for r, g in enumerate(real_groups) for _ in g]
        g_cols = [n_conc + j for g in real_groups for j in g]
        exclusive = sparse.csr_matrix(
            (np.ones(len(g_rows)), (g_rows, g_cols)), shape=(len(real_groups), n_conc + n_sent)
        )
        constraints.append(LinearConstraint(exclusive, -np.inf, 1.0))

    needs = [(j, list(ks)) for j, ks in sorted(requires.items()) if ks]
    if needs:  # s_j - sum of s_k over the sentences j leans on <= 0
        n_rows = [r for r, (_, ks) in enumerate(needs) for _ in range(len(ks) + 1)]
        n_cols = [n_conc + c for j, ks in needs for c in [j, *ks]]
        n_vals = [v for _, ks in needs for v in [1.0] + [-1.0] * len(ks)]
        constraints.append(
            LinearConstraint(
                sparse.csr_matrix((n_vals, (n_rows, n_cols)), shape=(len(needs), n_conc + n_sent)), -np.inf, 0.0
            )
        )
    objective = -np.concatenate([np.asarray(weights, dtype=np.float64), bonus_arr + sentence_gain])
    upper = np.concatenate([np.ones(n_conc), choosable.astype(np.float64)])
    # Only the sentences need to be whole: with positive weights, a concept variable at the optimum is 1 exactly
    # when a chosen sentence holds it.
    integrality = np.concatenate([np.zeros(n_conc), np.ones(n_sent)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # scipy warns that it passes the pool option through
        result = milp(
            objective,
            constraints=constraints,
            integrality=integrality,
            bounds=Bounds(np.zeros(n_conc + n_sent), upper),
            options=dict(_HIGHS_OPTIONS),
        )
    if result.x is None:
        return []
    return [j for j in range(n_sent) if result.x[n_conc + j] > 0.5]


def _fold_exclusive(
    concepts: Sequence[Sequence[int]],
    weights: Sequence[float],
    groups: Sequence[Sequence[int]],
    n_sent: int,
    *,
    holders: Sequence[Sequence[int]] | None = None,
) -> tuple[list[list[int]], list[float], np.ndarray]:
    """Move concepts whose holders can never be chosen together into the holders' own objective.

    A concept held by one sentence, or only by sentences of which at most one is chosen (one exclusive group), is
    covered exactly when one of them is chosen, so its weight can count on each holder's variable instead of on a
    variable and a row of its own: the same objective for every choice (and in the relaxation), a much smaller
    program. Returns the remaining concepts, their weights, and the weight moved onto each sentence. ``holders``:
    the sentences holding each concept, in increasing order, when known (``_merge_twins`` gives them).
    """
    member_of: list[set[int]] = [set() for _ in range(n_sent)]
    for g, group in enumerate(groups):
        for j in group:
            member_of[j].add(g)
    if holders is None:
        holders = _holders(concepts, len(weights))
    # Python floats: the same double additions, in the same order, as adding to a float array element by element.
    gain = [0.0] * n_sent
    kept: dict[int, int] = {}
    for i in range(len(weights)):
        sentences = holders[i]
        if not sentences:
            continue
        if len(sentences) == 1:
            gain[sentences[0]] += float(weights[i])
        elif member_of[sentences[0]] and set.intersection(*(member_of[j] for j in sentences)):
            weight = float(weights[i])
            for j in dict.fromkeys(sentences):  # a sentence holding the concept twice gains it once
                gain[j] += weight
        else:
            kept[i] = len(kept)
    new_concepts = [[k for k in map(kept.get, held) if k is not None] for held in concepts]
    return new_concepts, [float(weights[i]) for i in kept], np.array(gain, dtype=np.float64)


def _holders(concepts: Sequence[Sequence[int]], n_concepts: int) -> list[list[int]]:
    """The sentences holding each concept, in increasing order (a sentence listing a concept twice, twice)."""
    holders: list[list[int]] = [[] for _ in range(n_concepts)]
    for j, held in enumerate(concepts):
        for i in held:
            holders[i].append(j)
    return holders


def _merge_twins(
    concepts: Sequence[Sequence[int]], weights: Sequence[float]
) -> tuple[list[list[int]], list[float], list[tuple[int, ...]]]:
    """Merge concepts held by exactly the same sentences into one (their weights add up); drop unheld ones.

    Covering one twin always covers the other, so the optimum is unchanged while the program gets much
    smaller: most bigrams occur in a single sentence and its versions. Returns the merged concepts of each
    sentence, their weights, and the sentences holding each merged concept.
    """
    holders: dict[int, list[int]] = {}
    for j, held in enumerate(concepts):
        for i in set(held):
            found = holders.get(i)
            if found is None:
                holders[i] = [j]
            else:
                found.append(j)
    merged: dict[tuple[int, ...], float] = {}
    for i, sentences in holders.items():
        key = tuple(sentences)
        merged[key] = merged.get(key, 0.0) + float(weights[i])
    new_concepts: list[list[int]] = [[] for _ in concepts]
    keys = sorted(merged)
    for index, sentences in enumerate(keys):
        for j in sentences:
            new_concepts[j].append(index)
    return new_concepts, [merged[key] for key in keys], keys
