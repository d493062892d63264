"""A batch's splits shared with another process (``EventLayer._split_labels`` with ``elsewhere``): the same events,
copy groups, storylines and saved index rows as splitting them all in the calling process."""

import pickle

import numpy as np
import pytest

import storyline.events.layer as layer
from storyline import pipeline
from storyline.engine import InProcess, LocalPool
from storyline.engine.base import elsewhere
from storyline.events.vectors import ColumnIdf, Idf
from storyline.model import Article
from storyline.store import Store
from tests.scale_stream import stream_records


@pytest.fixture(scope="module")
def stream() -> list[Article]:
    return [Article(**record) for record in stream_records(600, seed=3)]


def stored(path) -> tuple:
    with Store(path) as store:
        return (
            [(g.id, g.article_ids, g.canonical, g.overlap) for g in store.copy_groups()],
            [(e.id, e.title, e.start, e.end, e.article_ids, e.outlets) for e in store.events()],
            [(s.id, s.title, s.start, s.end, s.event_ids) for s in store.storylines()],
            sorted(store.state_rows(pipeline.EVENT_STATE)),
            sorted(store.state_rows(pipeline.STORYLINE_STATE)),
        )


class _Done:
    def __init__(self, value) -> None:
        self.value = value

    def result(self):
        return self.value


class SentEngine(InProcess):
    """Maps in this process; ``submit`` runs the step on a pickled copy of its item, as a pool's process would."""

    workers = 2

    def __init__(self) -> None:
        self.sent = []

    def submit(self, step, item):
        self.sent.append(item)
        return _Done(pickle.loads(pickle.dumps(step(pickle.loads(pickle.dumps(item))))))


def test_splits_shared_with_another_process_give_the_same_store(stream, tmp_path, monkeypatch):
    with Store(tmp_path / "here.db") as store:
        pipeline.ingest(store, stream, batch_size=100)
    monkeypatch.setattr(layer, "SHARED_SPLIT_CELLS", 0)  # every batch shares its splits
    sent = SentEngine()
    with Store(tmp_path / "sent.db") as store:
        pipeline.ingest(store, stream, batch_size=100, engine=sent)
    with LocalPool(2, caller_maps=False) as pool, Store(tmp_path / "pool.db") as store:
        pipeline.ingest(store, stream, batch_size=100, engine=pool)
    here = stored(tmp_path / "here.db")
    assert stored(tmp_path / "sent.db") == here
    assert stored(tmp_path / "pool.db") == here
    assert len(sent.sent) >= 5  # every batch that split topics sent a share
    assert max(len(job[0]) for job in sent.sent) >= 50  # shares of many kept articles
    assert max(len(e[4]) for e in here[1]) >= 100 and any(len(g[1]) > 1 for g in here[0])


def test_a_share_is_sent_with_the_frequencies_of_its_columns_only(stream, monkeypatch):
    monkeypatch.setattr(layer, "SHARED_SPLIT_CELLS", 0)
    sent = SentEngine()
    pipeline.ingest(Store(":memory:"), stream[:300], batch_size=100, engine=sent)
    for _, features, idf, *_ in sent.sent:
        for name, share in idf.items():
            assert isinstance(share, ColumnIdf)
            assert set(share.columns) == set(features.subspace(name).indices)  # not the hashed vocabulary
    assert len(pickle.dumps(sent.sent[-1])) < 2_000_000


def test_column_idf_gives_the_values_of_the_whole_idf():
    generator = np.random.default_rng(7)
    for _ in range(50):
        whole = Idf(generator.integers(0, 500, size=1 << 12), int(generator.integers(1, 10_000)))
        columns = generator.choice(1 << 12, size=int(generator.integers(1, 300)))
        asked = generator.choice(columns, size=int(generator.integers(1, 600)))  # unsorted, repeated
        some = ColumnIdf(whole, columns)
        assert some[asked].dtype == whole[asked].dtype
        assert np.array_equal(some[asked], whole[asked])  # bit for bit: the same arithmetic on the same counts
        assert pickle.loads(pickle.dumps(some))[asked].tobytes() == whole[asked].tobytes()


def test_two_shares_take_every_topic_once_at_about_equal_cost():
    generator = np.random.default_rng(11)
    for _ in range(100):
        topics = sorted(generator.choice(5000, size=int(generator.integers(2, 200)), replace=False).tolist())
        cells = {t: int(generator.integers(1, 500)) ** 2 for t in topics}
        first, second = layer._two_shares(topics, cells)
        assert sorted(first + second) == topics and not set(first) & set(second)
        assert first == sorted(first) and second == sorted(second)
        costs = [sum(cells[t] for t in share) for share in (first, second)]
        assert abs(costs[0] - costs[1]) <= max(cells.values())


def test_only_an_engine_with_other_processes_shares():
    assert elsewhere(InProcess()) is None
    assert elsewhere(LocalPool(2, caller_maps=False)) is None  # not started: no processes between maps
    with LocalPool(2, caller_maps=False) as pool:
        assert elsewhere(pool) is not None
        assert elsewhere(pool)(sum, [1, 2, 3]).result() == 6
