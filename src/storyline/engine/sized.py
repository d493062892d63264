"""An engine that chooses per map step: one process for a stream or a short list, every CPU for a long list.

A command whose inputs are small (or that has none, like ``storyline digest --db FILE``) still has a large map
step when the store holds many events to analyse: the list of events is known before the map starts, so its
length decides. Streams (reading and preparing inputs) stay in the calling process, as ``workers == 1`` says.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sized
from typing import TypeVar

from storyline.engine.pool import LocalPool

Item = TypeVar("Item")
Result = TypeVar("Result")

# Fewer items than this are mapped in the calling process: each new process first spends seconds importing and
# loading models (spaCy's pipeline among them), about what a few dozen events take to analyse.
POOL_MIN_ITEMS = 48


class SizedPool:
    """``InProcess`` for streams and for lists shorter than ``min_items``; a ``LocalPool`` of ``processes`` (the
    caller maps nothing, or with ``caller_maps`` its share as one of them) for longer lists, started on the first
    of them and kept until the context exits."""

    workers = 1  # what a stream gets; a long list gets ``processes``

    def __init__(self, processes: int, *, min_items: int = POOL_MIN_ITEMS, caller_maps: bool = False) -> None:
        if processes < 1:
            raise ValueError(f"processes must be >= 1, got {processes}")
        self.processes = processes
        self.min_items = min_items
        self.caller_maps = caller_maps
        self._pool: LocalPool | None = None

    def __enter__(self) -> SizedPool:
        return self

    def __exit__(self, *exc) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.__exit__(*exc)

    def map(self, step: Callable[[Item], Result], items: Iterable[Item]) -> Iterator[Result]:
        if self.processes < 2 or not isinstance(items, Sized) or len(items) < self.min_items:
            return (step(item) for item in items)
        if self._pool is None:
            self._pool = LocalPool(self.processes, caller_maps=self.caller_maps).__enter__()
        return self._pool.map(step, items)
