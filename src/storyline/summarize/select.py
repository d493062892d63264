"""Choose sentences by maximum weighted concept coverage under a word budget: an exact integer linear program.

Variables: ``s_j`` (sentence j is chosen) and ``c_i`` (concept i is covered), all binary.

    maximise    sum_i w_i c_i  +  sum_j b_j s_j
    subject to  sum_j len_j s_j <= budget
                c_i <= sum_{j contains i} s_j          (a concept counts only when a chosen sentence holds it)
                sum_{j in group} s_j <= 1              (versions of one sentence, near-duplicates: at most one)

``b_j`` is a small per-sentence bonus that only breaks ties between equally covering choices. Solved by HiGHS
through ``scipy.optimize.milp`` with a node limit, so the answer does not depend on the machine's speed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

NODE_LIMIT = 20_000


def best_cover(
    lengths: Sequence[int],
    concepts: Sequence[Sequence[int]],
    weights: Sequence[float],
    budget: int,
    *,
    groups: Sequence[Sequence[int]] = (),
    bonus: Sequence[float] | None = None,
) -> list[int]:
    """Indices of the chosen sentences, in increasing order.

    ``lengths[j]`` is sentence j's length in words and ``concepts[j]`` the indices (into ``weights``) of the
    concepts it holds. ``groups`` lists sets of sentences of which at most one may be chosen.
    """
    n_sent, n_conc = len(lengths), len(weights)
    if n_sent == 0:
        return []
    lengths_arr = np.asarray(lengths, dtype=np.float64)
    rows = [i for j, held in enumerate(concepts) for i in held]
    cols = [j for j, held in enumerate(concepts) for _ in held]
    # occurrence[i, j] = 1 when sentence j holds concept i.
    occurrence = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n_conc, n_sent))

    constraints = [LinearConstraint(sparse.hstack([sparse.csr_matrix((1, n_conc)),
                                                   sparse.csr_matrix(lengths_arr[None, :])]), -np.inf, budget)]
    if n_conc:
        cover = sparse.hstack([sparse.identity(n_conc, format="csr"), -occurrence]).tocsr()
        constraints.append(LinearConstraint(cover, -np.inf, 0.0))
    real_groups = [sorted(set(g)) for g in groups if len(set(g)) > 1]
    if real_groups:
        g_rows = [r for r, g in enumerate(real_groups) for _ in g]
        g_cols = [n_conc + j for g in real_groups for j in g]
        exclusive = sparse.csr_matrix((np.ones(len(g_rows)), (g_rows, g_cols)),
                                      shape=(len(real_groups), n_conc + n_sent))
        constraints.append(LinearConstraint(exclusive, -np.inf, 1.0))

    bonus_arr = np.zeros(n_sent) if bonus is None else np.asarray(bonus, dtype=np.float64)
    objective = -np.concatenate([np.asarray(weights, dtype=np.float64), bonus_arr])
    # A sentence longer than the budget can never be chosen.
    upper = np.concatenate([np.ones(n_conc), (lengths_arr <= budget).astype(np.float64)])
    result = milp(objective, constraints=constraints, integrality=np.ones(n_conc + n_sent),
                  bounds=Bounds(np.zeros(n_conc + n_sent), upper),
                  options={"node_limit": NODE_LIMIT, "time_limit": 30.0, "mip_rel_gap": 1e-6})
    if result.x is None:
        return []
    return [j for j in range(n_sent) if result.x[n_conc + j] > 0.5]
