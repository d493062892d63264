"""The Ray engine: map steps as Ray tasks over a cluster (or a local one), results in input order.

Ray is an optional extra (``pip install 'storyline[ray]'``); every node needs this Storyline installed. The reduce
steps (the copy union, the topic pass, the store's writes) stay in the calling process, so the output is the one
the local engines give.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MISSING_RAY = "the Ray engine needs the ray package: pip install 'storyline[ray]'"


class RayUnavailable(ValueError):
    """Ray is not installed, or the cluster cannot be reached; the message says what to do."""


def _run(step: Callable, item: object) -> object:
    return step(item)


class RayEngine:
    """Runs each item of a map step as one Ray task, at most ``ahead`` in flight (default: twice the cluster's
    CPUs). Connects to the cluster at ``address`` (``"auto"``: the one started on this machine with ``ray start``;
    None: a running ``ray.init``, else a local cluster of this machine's CPUs)."""

    def __init__(self, address: str | None = None, *, ahead: int | None = None) -> None:
        try:
            import ray
        except ImportError:
            raise RayUnavailable(MISSING_RAY) from None
        self._ray = ray
        self._started = False
        if not ray.is_initialized():
            try:
                ray.init(address=address, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
            except (ConnectionError, RuntimeError, ValueError) as error:
                raise RayUnavailable(f"cannot reach the Ray cluster at {address or 'this machine'}: {error}") from None
            self._started = True
        cpus = int(ray.cluster_resources().get("CPU", 1))
        self.workers = max(2, cpus)  # map steps always go to the cluster's tasks
        self.ahead = ahead or 2 * self.workers
        self._remote = ray.remote(_run)

    def __enter__(self) -> RayEngine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Stop the local cluster this engine started (a cluster it joined keeps running)."""
        if self._started:
            self._ray.shutdown()
            self._started = False

    def map(self, step: Callable[[Item], Result], items: Iterable[Item]) -> Iterator[Result]:
        ray = self._ray
        step_ref = ray.put(step)
        queue: deque = deque()
        iterator = iter(items)
        done = False
        while True:
            while not done and len(queue) < self.ahead:
                item = next(iterator, _END)
                if item is _END:
                    done = True
                else:
                    queue.append(self._remote.remote(step_ref, item))
            if not queue:
                return
            yield ray.get(queue.popleft())


_END = object()
