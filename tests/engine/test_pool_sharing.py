"""The local pool shares items by who is free: a caller busy with its own reduce step takes fewer of them."""

import os
import time

import pytest

from storyline.engine import LocalPool


def slow_pid(item: int) -> tuple[int, int]:
    time.sleep(0.01)
    return item, os.getpid()


def fails_on_seven(item: int) -> int:
    if item == 7:
        raise ValueError("seven")
    return item


def test_a_caller_slow_to_reduce_leaves_most_items_to_the_process():
    results = []
    with LocalPool(2) as engine:
        for result in engine.map(slow_pid, list(range(60))):
            results.append(result)
            time.sleep(0.05)  # the caller's reduce step: far longer than one item
    assert [item for item, _ in results] == list(range(60))
    by_caller = sum(pid == os.getpid() for _, pid in results)
    assert by_caller < 15  # a fixed share would be every second item (30)


def test_a_caller_that_only_waits_computes_items_too():
    with LocalPool(2) as engine:
        results = list(engine.map(slow_pid, list(range(60))))
    assert [item for item, _ in results] == list(range(60))
    assert {pid for _, pid in results} - {os.getpid()}  # the process took some
    assert os.getpid() in {pid for _, pid in results}  # and the caller did not sit idle


@pytest.mark.parametrize("caller_maps", [True, False])
def test_an_error_comes_in_its_items_place(caller_maps):
    seen = []
    with LocalPool(2, caller_maps=caller_maps) as engine, pytest.raises(ValueError, match="seven"):
        for result in engine.map(fails_on_seven, list(range(20))):
            seen.append(result)
    assert seen == list(range(7))


_LOADED: list[int] = []


def loaded_before(item: int) -> tuple[int, bool]:
    """Whether this process had loaded its "model" before this item (it loads it on first use)."""
    before = bool(_LOADED)
    _LOADED.append(item)
    return item, before


def test_the_processes_start_with_what_the_first_item_loaded():
    _LOADED.clear()
    with LocalPool(2) as engine:
        results = list(engine.map(loaded_before, list(range(30))))
    assert [item for item, _ in results] == list(range(30))
    assert [item for item, before in results if not before] == [0]  # loaded once, by the caller, not again


LOADED: list[int] = []  # what a step's warm-up loaded, in the process that ran it


class WarmedStep:
    """A step that says what it loads: the pool has it loaded before its processes start."""

    def warm_up(self) -> None:
        LOADED.append(os.getpid())

    def __call__(self, item: int) -> tuple[int, int, list[int]]:
        return item, os.getpid(), list(LOADED)


def test_a_step_that_says_what_it_loads_has_it_loaded_before_the_processes_start():
    LOADED.clear()
    with LocalPool(2) as engine:
        results = list(engine.map(WarmedStep(), list(range(40))))
        again = list(engine.map(WarmedStep(), list(range(40))))
    assert [item for item, _, _ in results + again] == list(range(40)) * 2
    assert LOADED[:] == [os.getpid()]  # loaded once, in the caller, before forking: never again
    assert {pid for _, pid, _ in results} - {os.getpid()}  # a process took items
    assert all(loaded == [os.getpid()] for _, _, loaded in results)  # every process began with it loaded
