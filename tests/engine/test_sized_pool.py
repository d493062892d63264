"""A command without large inputs reads them in one process, yet analyses a long list of events on every CPU."""

import os

from storyline.engine.choose import command_engine
from storyline.engine.sized import SizedPool


def pid_of(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


def test_a_long_list_is_mapped_by_other_processes_in_order():
    with SizedPool(2, min_items=8) as engine:
        results = list(engine.map(pid_of, list(range(20))))
    assert [square for square, _ in results] == [n * n for n in range(20)]
    pids = {pid for _, pid in results}
    assert os.getpid() not in pids and len(pids) >= 1


def test_streams_and_short_lists_stay_in_this_process():
    with SizedPool(2, min_items=8) as engine:
        assert engine.workers == 1  # what readers of a stream check before mapping
        streamed = list(engine.map(pid_of, iter(range(20))))
        short = list(engine.map(pid_of, list(range(7))))
    assert {pid for _, pid in streamed + short} == {os.getpid()}
    assert [square for square, _ in streamed] == [n * n for n in range(20)]


def test_with_caller_maps_the_caller_takes_its_share_in_order():
    with SizedPool(2, min_items=8, caller_maps=True) as engine:
        results = list(engine.map(pid_of, list(range(20))))
    assert [square for square, _ in results] == [n * n for n in range(20)]
    pids = {pid for _, pid in results}
    assert os.getpid() in pids and len(pids) == 2  # one process started, not two


def test_a_digest_without_inputs_gets_every_cpu_for_its_events():
    with command_engine("local", paths=()) as engine:
        assert isinstance(engine, SizedPool) and engine.processes == (os.cpu_count() or 1)
        assert engine.caller_maps  # the caller, which only stores the analyses, analyses its share
    with command_engine("local", workers=1, paths=()) as engine:
        assert engine.workers == 1 and not isinstance(engine, SizedPool)  # --workers 1 is one process
