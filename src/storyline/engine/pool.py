"""A local process pool: ``workers - 1`` processes take items, and the caller takes one whenever it would wait."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any, TypeVar

from storyline.engine.workers import start_worker

Item = TypeVar("Item")
Result = TypeVar("Result")
_LOCAL = object()
# Items queued per process beyond the one it runs, so it never waits while the caller stores or computes a result.
QUEUED_PER_PROCESS = 4


@dataclass(slots=True)
class _Waiting:
    """An item taken from the iterable that nobody computes yet."""

    item: Any


@dataclass(slots=True)
class _Computed:
    """An item the caller computed itself: its result, or the error it raised (raised again in input order)."""

    value: Any = None
    error: BaseException | None = None


class LocalPool:
    """``workers`` processes in all, the calling one included, so the caller can reduce one result while the next
    ones are computed. Steps and items must be picklable (module-level functions, model dataclasses).

    Items are taken from the iterable as the results are consumed, at most ``ahead`` in flight, so a long stream is
    never held in memory (default: eight per worker when the caller maps too, else twice the processes). The
    caller's share is not fixed: the processes are kept fed, and the caller computes the next waiting item whenever
    the result it must give next is not ready, so a caller slowed by its own reduce step takes fewer items and no
    process idles while it catches up. ``caller_maps=False``: the calling process maps nothing (it has a reduce
    step of its own to run) and ``workers`` processes take every item; ``nice`` > 0 lowers their priority, so the
    caller's reduce step keeps its core while they compute what may wait. Used as a context manager, the processes
    are started once and serve every ``map`` until it exits.
    """

    def __init__(self, workers: int, *, caller_maps: bool = True, ahead: int | None = None, nice: int = 0) -> None:
        if workers < 2 and caller_maps:
            raise ValueError(f"a pool needs at least 2 workers, got {workers} (use InProcess)")
        if workers < 1:
            raise ValueError(f"workers must be >= 1, got {workers}")
        self.workers = workers
        self.caller_maps = caller_maps
        self.processes = workers - 1 if caller_maps else workers
        self.ahead = ahead or (8 * self.workers if caller_maps else 2 * self.processes)
        self.nice = nice
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
        return ProcessPoolExecutor(max_workers=self.processes, initializer=start_worker, initargs=(self.nice,))

    def map(self, step: Callable[[Item], Result], items: Iterable[Item]) -> Iterator[Result]:
        iterator = iter(items)
        first = list(islice(iterator, 2))
        if len(first) < 2:  # one item: no process is worth starting
            yield from (step(item) for item in first)
            return
        iterator = chain(first, iterator)
        warm = None
        if self.caller_maps and self._pool is None:
            # What the step loads (models, tables) is loaded here, before the processes start: forked, they begin
            # with it instead of loading it again each. A step that says what it loads (``warm_up``) has just that
            # loaded, so the processes start at once; any other computes its first item here.
            warm_up = getattr(step, "warm_up", None)
            if warm_up is not None:
                warm_up()
            else:
                warm = _computed(step, next(iterator))
        with ExitStack() as stack:
            pool = self._executor(stack)
            if self.caller_maps:
                yield from self._shared(pool, step, iterator, warm)
            else:
                yield from self._delegated(pool, step, iterator)

    def _delegated(self, pool: Executor, step: Callable, iterator: Iterator) -> Iterator:
        """Every item to the processes, results in input order."""
        queue: deque[Future] = deque()
        try:
            while True:
                while len(queue) < self.ahead and (item := next(iterator, _LOCAL)) is not _LOCAL:
                    queue.append(pool.submit(step, item))
                if not queue:
                    return
                yield queue.popleft().result()
        finally:
            for future in queue:
                future.cancel()

    def _shared(self, pool: Executor, step: Callable, iterator: Iterator, first: _Computed | None) -> Iterator:
        """Items to the processes and to the caller as each is free, results in input order (after ``first``, the
        first item's when the caller computed it already)."""
        slots: deque[Future | _Waiting | _Computed] = deque()  # one per item taken, in input order
        if first is not None:
            slots.append(first)
        queued = QUEUED_PER_PROCESS * self.processes
        try:
            while True:
                while len(slots) < self.ahead and (item := next(iterator, _LOCAL)) is not _LOCAL:
                    slots.append(_Waiting(item))
                if not slots:
                    return
                _feed(pool, step, slots, queued)
                head = slots[0]
                if isinstance(head, Future) and not head.done():
                    waiting = next((n for n, slot in enumerate(slots) if isinstance(slot, _Waiting)), None)
                    if waiting is not None:  # the next result is not ready: compute another item meanwhile
                        slots[waiting] = _computed(step, slots[waiting].item)
                        continue
                slots.popleft()
                if isinstance(head, _Waiting):  # the processes have enough queued: this one is the caller's
                    head = _computed(step, head.item)
                if isinstance(head, _Computed):
                    if head.error is not None:
                        raise head.error
                    yield head.value
                else:
                    yield head.result()
        finally:
            for slot in slots:
                if isinstance(slot, Future):
                    slot.cancel()


def _feed(pool: Executor, step: Callable, slots: deque, queued: int) -> None:
    """Submit the earliest waiting items until ``queued`` are submitted and not finished."""
    busy = sum(1 for slot in slots if isinstance(slot, Future) and not slot.done())
    for n, slot in enumerate(slots):
        if busy >= queued:
            return
        if isinstance(slot, _Waiting):
            slots[n] = pool.submit(step, slot.item)
            busy += 1


def _computed(step: Callable, item: Any) -> _Computed:
    try:
        return _Computed(step(item))
    except Exception as error:  # given in its item's place, after the results before it
        return _Computed(error=error)
