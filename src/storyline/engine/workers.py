"""Helpers for worker processes."""

from __future__ import annotations

import os
import signal
import sys
from contextlib import suppress


def exit_with_parent() -> None:
    """Make this (pool worker) process die with its parent: a killed command leaves no worker holding the store.

    Linux only (``prctl(PR_SET_PDEATHSIG)``); elsewhere workers stop when their queue closes.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def start_worker(nice: int = 0) -> None:
    """A pool worker's start: it dies with its parent, collects garbage and uses one BLAS thread as a command does
    and, with ``nice`` > 0, yields the CPU to processes of a lower niceness (the parent's own reduce step, which
    the workers only feed)."""
    from storyline.blas_threads import limit_process_to_one_blas_thread
    from storyline.collector import collect_less

    exit_with_parent()
    collect_less()
    limit_process_to_one_blas_thread()
    if nice > 0:
        with suppress(OSError):
            os.nice(nice)
