"""The engine contract, and the engine that runs everything in the calling process."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class Engine(Protocol):
    """Runs a map step over items; results come back in input order, one per item."""

    workers: int

    def map(self, step: Callable[[Item], Result], items: Iterable[Item]) -> Iterator[Result]: ...


class InProcess:
    """Every item in the calling process, one after another.

    >>> list(InProcess().map(len, ["a", "bcd"]))
    [1, 3]
    """

    workers = 1

    def map(self, step: Callable[[Item], Result], items: Iterable[Item]) -> Iterator[Result]:
        return (step(item) for item in items)


def engine_for(workers: int | None) -> Engine:
    """``InProcess`` for one worker (or None), else a ``LocalPool`` of ``workers`` processes (the caller included)."""
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be >= 1, got {workers}")
    if workers is None or workers == 1:
        return InProcess()
    from storyline.engine.pool import LocalPool

    return LocalPool(workers)
