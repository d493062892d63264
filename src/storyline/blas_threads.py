"""One BLAS thread in each process of ours.

The commands already run one process per core (a pool of workers beside the command's own). A BLAS library that
also starts a thread per core in each of them runs more threads than there are cores, and for the small matrices of
the parser's layers the threads' hand-offs cost more CPU than they save (docs/benchmarks.md, "The parser's matrix
products"). Only processes of ours are limited (a command, a pool worker), never a caller of the Python API, and a
limit the user set is kept. A step whose result depends on the number of threads holds one thread wherever it
runs (``one_blas_thread``).
"""

from __future__ import annotations

import os
import sys
from contextlib import AbstractContextManager
from functools import cache

# Read by the BLAS libraries numpy and scipy load (OpenBLAS in their wheels, MKL in some distributions).
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def limit_process_to_one_blas_thread() -> None:
    if any(name in os.environ for name in BLAS_THREAD_VARIABLES):
        return  # the user's choice
    # Libraries loaded from now on (in this process and the processes it starts) read the variables ...
    os.environ.update(dict.fromkeys(BLAS_THREAD_VARIABLES, "1"))
    if "numpy" in sys.modules:  # ... one already loaded is limited in place
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1, user_api="blas")


def blas_on_one_thread() -> bool:
    """Whether every BLAS library loaded in this process runs on one thread (``numpy`` is loaded first)."""
    import numpy  # noqa: F401  (its BLAS is the one that matters)
    from threadpoolctl import threadpool_info

    found = [library for library in threadpool_info() if library["user_api"] == "blas"]
    return bool(found) and all(library["num_threads"] == 1 for library in found)


@cache
def _controller():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def one_blas_thread() -> AbstractContextManager:
    """The BLAS libraries limited to one thread while it is held. A topic's spectral cut (``eigh`` of a matrix of
    up to a few hundred articles squared) took 6 to 30 times the CPU with the library's threads on a busy 2-core
    machine, spinning while they wait, and the eigenvectors' last bits depend on the number of threads: with one,
    the events do not depend on the machine's number of cores."""
    return _controller().limit(limits=1, user_api="blas")
