"""Ingest on one process, on two, and on a local Ray cluster: the same copy groups, events and storylines."""

import pytest

from storyline import pipeline
from storyline.cli import main
from storyline.engine import InProcess, LocalPool
from storyline.engine.choose import command_engine
from storyline.ingest import read_paths
from storyline.ingest.parallel import read_paths_with
from storyline.store import Store
from tests.conftest import EXAMPLES
from tests.scale_stream import write_stream


def outcome(path) -> tuple:
    with Store(path) as store:
        return (
            [(g.id, g.article_ids, g.canonical, g.overlap) for g in store.copy_groups()],
            [(e.id, e.title, e.start, e.end, e.article_ids, e.outlets) for e in store.events()],
            [(s.id, s.title, s.start, s.end, s.event_ids) for s in store.storylines()],
        )


@pytest.fixture(scope="module")
def stream(tmp_path_factory):
    return write_stream(tmp_path_factory.mktemp("stream") / "shards", 2000, shard=250)


def test_a_stream_ingested_by_one_process_and_by_two_gives_the_same_store(stream, tmp_path, capsys):
    for workers in (1, 2):
        code = main(["ingest", str(stream), "--db", str(tmp_path / f"{workers}.db"), "--workers", str(workers)])
        assert code == 0
    one, two = outcome(tmp_path / "1.db"), outcome(tmp_path / "2.db")
    assert one == two
    groups, events, _ = one
    assert sum(len(g[1]) > 1 for g in groups) > 100  # copies published days apart were grouped
    assert max(len(e[4]) for e in events) >= 200  # a big event
    event_of = {a: e[0] for e in events for a in e[4]}
    assert all(len({event_of[a] for a in g[1]}) == 1 for g in groups)  # and each copy group is in one event


def test_reading_through_a_pool_keeps_order_ids_and_problems(tmp_path):
    folder = write_stream(tmp_path / "s", 60, shard=20)
    (folder / "broken.jsonl").write_text('{"id": "x", "text": \n', encoding="utf-8")
    (folder / "empty").mkdir()
    expected = list(read_paths([folder, folder / "empty", tmp_path / "missing"]))
    with LocalPool(2, caller_maps=False) as engine:
        assert list(read_paths_with(engine, [folder, folder / "empty", tmp_path / "missing"])) == expected


def test_the_engine_options_are_checked():
    with pytest.raises(ValueError, match="unknown engine"):
        command_engine("spark")
    with pytest.raises(ValueError, match="engine ray"):
        command_engine("local", address="10.0.0.1:6379")
    with command_engine("local", paths=[EXAMPLES / "corpus"]) as engine:
        assert engine.workers == 1  # a small input is read in one process
    with command_engine("local", workers=2, paths=[EXAMPLES / "corpus"]) as engine:
        assert isinstance(engine, LocalPool) and engine.processes == 2  # the caller reduces what they read
    with command_engine("local", workers=2) as engine:
        assert isinstance(engine, LocalPool) and engine.processes == 1  # no input: the caller analyses too


def test_ray_gives_the_results_of_one_process(stream, tmp_path):
    ray = pytest.importorskip("ray", reason="ray is not installed (pip install 'storyline[ray]')")
    from storyline.engine.distributed import RayEngine

    articles = [a for a in read_paths([stream]) if hasattr(a, "text")][:150]
    examples = [a for a in read_paths([EXAMPLES / "corpus"]) if hasattr(a, "text")]
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        results = []
        for name, engine in (("one", InProcess()), ("ray", RayEngine())):
            with Store(tmp_path / f"{name}.db") as store:
                pipeline.ingest(store, articles, batch_size=50, engine=engine)
            store = Store(":memory:")
            pipeline.ingest(store, examples, engine=engine)
            digests = [(d.event.id, d.summary.to_dict(), d.variants) for d in pipeline.digests(store, engine=engine)]
            results.append((outcome(tmp_path / f"{name}.db"), digests))
        assert results[0] == results[1]
        assert len(results[0][1]) > 4
    finally:
        ray.shutdown()


def test_without_ray_the_engine_says_what_to_install(monkeypatch, capsys):
    import builtins

    real_import = builtins.__import__

    def no_ray(name, *args, **kwargs):
        if name == "ray":
            raise ImportError("No module named 'ray'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    assert main(["ingest", str(EXAMPLES / "corpus"), "--db", ":memory:", "--engine", "ray"]) == 2
    err = capsys.readouterr().err
    assert "pip install 'storyline[ray]'" in err and len(err.strip().splitlines()) == 1
