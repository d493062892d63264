"""How the processes the commands start collect cyclic garbage.

Python's default collects its youngest generation after every 700 new container objects, which suits small heaps.
The stages make millions of short-lived tuples, sets and dicts (hardly ever in cycles) beside large long-lived data,
and with the default the collector took about a tenth of a digest's CPU (docs/benchmarks.md, "The collector's
thresholds"). Only processes of ours are tuned (a command, a pool worker), never a caller of the Python API.
"""

from __future__ import annotations

import gc

# A young collection after this many new container objects; the older generations keep Python's proportions.
YOUNG_COLLECTION_EVERY = 50_000


def collect_less() -> None:
    gc.set_threshold(YOUNG_COLLECTION_EVERY, 10, 10)
