"""A local process pool: the caller takes every ``workers``-th item and ``workers - 1`` processes take the rest."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class LocalPool:
    """``workers`` processes in all, the calling one included, so the caller can reduce one result while the next
    ones are computed. Steps and items must be picklable (module-level functions, model dataclasses)."""

    def __init__(self, workers: int) -> None:
        if workers < 2:
            raise ValueError(f"a pool needs at least 2 workers, got {workers} (use InProcess)")
        self.workers = workers

    def map(self, step: Callable[[Item], Result], items: Iterable[Item]) -> Iterator[Result]:
        items = list(items)
        if len(items) < 2:
            yield from (step(item) for item in items)
            return
        with ProcessPoolExecutor(max_workers=self.workers - 1) as pool:
            pending = {i: pool.submit(step, item) for i, item in enumerate(items) if i % self.workers}
            for i, item in enumerate(items):
                yield pending.pop(i).result() if i in pending else step(item)
