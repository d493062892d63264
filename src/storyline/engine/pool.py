"""A local process pool: the caller takes every ``workers``-th item and ``workers - 1`` processes take the rest."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import ExitStack
from itertools import chain, islice
from typing import TypeVar

from storyline.engine.workers import exit_with_parent

Item = TypeVar("Item")
Result = TypeVar("Result")
_LOCAL = object()


class LocalPool:
    """``workers`` processes in all, the calling one included, so the caller can reduce one result while the next
    ones are computed. Steps and items must be picklable (module-level functions, model dataclasses).

    Items are taken from the iterable as the results are consumed, at most ``ahead`` in flight, so a long stream is
    never held in memory. The default is twice the processes, or eight per worker when the caller maps too: the
    caller submits nothing while it computes its own share, so a shallow queue leaves the processes idle whenever
    items differ in cost. ``caller_maps=False``: the calling process
    maps nothing (it has a reduce step of its own to run) and ``workers`` processes take every item. Used as a
    context manager, the processes are started once and serve every ``map`` until it exits.
    """

    def __init__(self, workers: int, *, caller_maps: bool = True, ahead: int | None = None) -> None:
        if workers < 2 and caller_maps:
            raise ValueError(f"a pool needs at least 2 workers, got {workers} (use InProcess)")
        if workers < 1:
            raise ValueError(f"workers must be >= 1, got {workers}")
        self.workers = workers
        self.caller_maps = caller_maps
        self.processes = workers - 1 if caller_maps else workers
        self.ahead = ahead or (8 * self.workers if caller_maps else 2 * self.processes)
        self._stack: ExitStack | None = None
        self._pool: Executor | None = None

    def __enter__(self) -> LocalPool:
        self._stack = ExitStack()
        return self

    def __exit__(self, *exc) -> None:
        stack, self._stack, self._pool = self._stack, None, None
        if stack is not None:
            stack.close()

    def _executor(self, stack: ExitStack) -> Executor:
        if self._stack is None:  # not in a ``with``: processes for this map only
            return stack.enter_context(self._new_executor())
        if self._pool is None:
            self._pool = self._stack.enter_context(self._new_executor())
        return self._pool

    def _new_executor(self) -> Executor:
        return ProcessPoolExecutor(max_workers=self.processes, initializer=exit_with_parent)

    def map(self, step: Callable[[Item], Result], items: Iterable[Item]) -> Iterator[Result]:
        iterator = iter(items)
        first = list(islice(iterator, 2))
        if len(first) < 2:  # one item: no process is worth starting
            yield from (step(item) for item in first)
            return
        iterator = chain(first, iterator)
        with ExitStack() as stack:
            pool = self._executor(stack)
            queue: deque = deque()
            position = 0

            def fill() -> None:
                nonlocal position
                while len(queue) < self.ahead:
                    item = next(iterator, _LOCAL)
                    if item is _LOCAL:
                        return
                    local = self.caller_maps and position % self.workers == 0
                    queue.append((_LOCAL, item) if local else pool.submit(step, item))
                    position += 1

            fill()
            while queue:
                head = queue.popleft()
                fill()  # keep the processes busy while this one is computed or awaited
                yield step(head[1]) if isinstance(head, tuple) else head.result()
