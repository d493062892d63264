"""The stage contract: a map step gives the same results whichever engine runs it, in input order."""

import pytest

from storyline import pipeline
from storyline.dedup import chunks, find_copy_groups
from storyline.engine import InProcess, LocalPool, engine_for
from storyline.ingest import read_paths
from storyline.store import Store
from tests.conftest import EXAMPLES


def square(n: int) -> int:
    return n * n


def test_engines_keep_input_order():
    assert (
        list(LocalPool(2).map(square, range(7)))
        == list(InProcess().map(square, range(7)))
        == [
            0,
            1,
            4,
            9,
            16,
            25,
            36,
        ]
    )


def test_engine_for_picks_the_pool_only_for_several_workers():
    assert isinstance(engine_for(None), InProcess) and isinstance(engine_for(1), InProcess)
    assert isinstance(engine_for(3), LocalPool) and engine_for(3).workers == 3
    with pytest.raises(ValueError, match="workers must be >= 1"):
        engine_for(0)


@pytest.fixture(scope="module")
def example_articles():
    return [item for item in read_paths([EXAMPLES / "corpus"]) if hasattr(item, "text")]


def test_copy_groups_are_the_same_in_process_and_in_a_pool(example_articles, monkeypatch):
    expected = find_copy_groups(example_articles, engine=InProcess())
    monkeypatch.setattr(chunks, "_POOL_CHUNK", 3)  # several chunks, so the pool's processes take some
    monkeypatch.setattr(chunks, "_POOL_MIN_ARTICLES", 1)
    assert find_copy_groups(example_articles, engine=LocalPool(2)) == expected
    assert sum(len(g.article_ids) > 1 for g in expected) == 1  # the wire story and its two copies


def test_digests_are_the_same_in_process_and_in_a_pool(example_articles):
    results = []
    for engine in (InProcess(), LocalPool(2)):
        store = Store(":memory:")
        pipeline.ingest(store, example_articles)
        digests = pipeline.digests(store, engine=engine)
        results.append([(d.event.id, d.summary.to_dict(), d.variants, d.notes) for d in digests])
    assert results[0] == results[1] and len(results[0]) > 4


def test_a_pool_feeding_a_reduce_step_runs_its_processes_at_a_lower_priority():
    import os

    base = os.nice(0)
    with LocalPool(2, caller_maps=False, nice=5) as pool:
        assert list(pool.map(os.nice, [0, 0, 0])) == [min(base + 5, 19)] * 3
    with LocalPool(2, caller_maps=False) as pool:
        assert list(pool.map(os.nice, [0, 0, 0])) == [base] * 3


def _collector_thresholds(_: int) -> tuple[int, int, int]:
    import gc

    return gc.get_threshold()


def test_pool_workers_collect_garbage_as_a_command_does():
    import gc

    from storyline.collector import YOUNG_COLLECTION_EVERY

    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)  # Python's default, in the parent the workers are forked from
    try:
        with LocalPool(2, caller_maps=False) as pool:
            thresholds = list(pool.map(_collector_thresholds, [0, 0, 0]))
    finally:
        gc.set_threshold(*before)
    assert thresholds == [(YOUNG_COLLECTION_EVERY, 10, 10)] * 3


def _blas_threads(_: int) -> list[int]:
    from threadpoolctl import threadpool_info

    return sorted({lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"})


def test_pool_workers_run_their_blas_on_one_thread(monkeypatch):
    import numpy  # noqa: F401  (loaded in the parent the workers are forked from, with its own thread count)

    from storyline.blas_threads import BLAS_THREAD_VARIABLES

    for name in BLAS_THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    with LocalPool(2, caller_maps=False) as pool:
        assert list(pool.map(_blas_threads, [0, 0, 0])) == [[1]] * 3
