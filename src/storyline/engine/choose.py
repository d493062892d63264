"""The engine a command runs its map steps on, from its options: one process, a local pool or Ray."""

from __future__ import annotations

import os
from collections.abc import Iterable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from storyline.engine.base import Engine, InProcess

ENGINES = ("local", "ray")
# Inputs smaller than this are read in one process when the number of workers is not given: starting processes
# would cost more than they save.
POOL_MIN_INPUT_BYTES = 4_000_000
# How far the processes that read and prepare inputs yield the CPU to the command's own (serial) reduce step.
WORKER_NICE = 5


def command_engine(
    name: str = "local", *, workers: int | None = None, address: str | None = None, paths: Iterable = ()
) -> AbstractContextManager[Engine]:
    """The engine, as a context that stops what it started. ``workers`` (local): processes, the caller's own
    included; None: every CPU when the inputs ``paths`` are large, else one process for reading them and every
    CPU for a long list of events to analyse (``SizedPool``). Without ``paths`` the caller maps a share too."""
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r} (choose from {', '.join(ENGINES)})")
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be >= 1, got {workers}")
    if name == "ray":
        from storyline.engine.distributed import RayEngine

        return RayEngine(address)
    if address is not None:
        raise ValueError("--address is for the Ray engine (--engine ray)")
    paths = list(paths)
    # Without inputs (``digest --db FILE``) the only map step is the analysis of events, and the caller has little
    # to do but store each result: it analyses its share too, which spares starting (and loading spaCy in) one
    # more process. Reading inputs, the caller's own reduce step (grouping, events) keeps it busy.
    caller_maps = not paths
    if workers is None:
        if input_bytes(paths, POOL_MIN_INPUT_BYTES) < POOL_MIN_INPUT_BYTES:
            # Small inputs are read here; a long list of events to analyse still gets every CPU.
            from storyline.engine.sized import SizedPool

            return SizedPool(os.cpu_count() or 1, caller_maps=caller_maps)
        workers = os.cpu_count() or 1
    if workers == 1:
        return nullcontext(InProcess())
    from storyline.engine.pool import LocalPool

    # Reading inputs, the processes feed the caller's serial reduce step: it keeps its core (``WORKER_NICE``).
    return LocalPool(workers, caller_maps=caller_maps, nice=0 if caller_maps else WORKER_NICE)


def input_bytes(paths: Iterable, enough: int) -> int:
    """The size of the files under ``paths``, counted until it reaches ``enough``."""
    total = 0
    for path in paths:
        if str(path) == "-":
            continue
        try:
            target = Path(path)
            if target.is_file():
                total += target.stat().st_size
            elif target.is_dir():
                for root, folders, names in os.walk(target):
                    folders[:] = [f for f in folders if not f.startswith(".")]
                    for name in names:
                        total += (Path(root) / name).stat().st_size
                        if total >= enough:
                            return total
        except (OSError, ValueError):
            continue  # reading it will say what is wrong
        if total >= enough:
            return total
    return total
