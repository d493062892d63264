"""The events list as SQLite orders it, against the order people read it in: latest date first."""

from __future__ import annotations

import json
import os
import random
import sqlite3

from storyline.model import Article, Event
from storyline.pipeline import WRITE_MARK
from storyline.store import Store
from storyline.web import listing as listing_module
from storyline.web.listing import EventListings
from storyline.web.reader import EventFilters, Snapshot, StoreReader

DATES = [None, "", "2024-03-01", "2024-03-02", "2024-03-02T10:00", "2024-11-30", "2025-01-01"]


def _store(rows) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.execute('CREATE TABLE events (id TEXT PRIMARY KEY, title TEXT, start TEXT, "end" TEXT, outlets TEXT)')
    db.execute("CREATE TABLE articles (seq INTEGER PRIMARY KEY, id TEXT)")
    db.execute("CREATE TABLE state (key TEXT PRIMARY KEY, data BLOB)")
    db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?)", rows)
    return db


def _newest_first(rows) -> list[str]:
    """The reading order, spelled out: latest date (end, else start) descending, undated last; then start
    descending; then id."""

    def latest(row):
        return row[3] or row[2]

    ordered = sorted(rows, key=lambda row: row[0])
    ordered.sort(key=lambda row: (row[2] is not None, row[2] or ""), reverse=True)
    ordered.sort(key=lambda row: (latest(row) is not None, latest(row) or ""), reverse=True)
    return [row[0] for row in ordered]


def test_events_are_listed_latest_date_first_with_undated_events_last():
    rng = random.Random(3)
    rows = [
        (f"e{number:03d}", f"Event {number}", rng.choice(DATES), rng.choice(DATES), json.dumps(["a.example"]))
        for number in range(300)
    ]
    listing = EventListings().get(Snapshot(_store(rows)))
    assert [event.id for event in listing.events] == _newest_first(rows)
    assert listing.events[0].newest == "2025-01-01"
    assert all(event.newest is None for event in listing.events[-3:])


def test_a_changed_event_shows_its_new_dates_and_outlets_after_a_write():
    db = _store([("e1", "One", "2024-01-01", None, '["a.example"]'), ("e2", "Two", "2024-02-01", None, "[]")])
    listings = EventListings()
    first = listings.get(Snapshot(db))
    assert [event.id for event in first.events] == ["e2", "e1"]
    db.execute("INSERT OR REPLACE INTO events VALUES ('e1', 'One', '2024-01-01', '2024-03-01', '[\"b.example\"]')")
    db.execute("INSERT INTO articles VALUES (1, 'x')")  # a new store version
    second = listings.get(Snapshot(db))
    assert [event.id for event in second.events] == ["e1", "e2"]
    assert second.events[0].outlets == ("b.example",)
    assert [event.id for event in second.matching(Snapshot(db), EventFilters(outlet="b.example"))] == ["e1"]
    assert second.matching(Snapshot(db), EventFilters(outlet="a.example")) == []
    assert second.events[1] is first.events[0]  # an unchanged event is not read again


def _as_read(listing) -> dict:
    """Everything the events page and the API show from a listing."""
    return {
        "events": [(e.id, e.title, e.start, e.end, e.outlets) for e in listing.events],
        "by_outlet": {name: [e.id for e in listed] for name, listed in listing.by_outlet.items()},
        "by_id": sorted(listing.by_id),
        "outlets": listing.outlets,
        "options": listing.options,
        "articles": listing.article_total,
    }


def _write(store: Store, events: list[Event], articles: int = 0) -> None:
    with store.transaction():
        start = store.count_articles()
        store.add_articles(
            Article(id=f"n{number}", text=f"Article {number}.", content_hash=f"h{number}")
            for number in range(start, start + articles)
        )
        store.put_events(events)
        store.put_state(WRITE_MARK, os.urandom(8))  # as an ingest marks its writes


def _random_event(rng: random.Random, number: int, members: list[str]) -> Event:
    outlets = rng.sample(["a.example", "b.example", "c.example", "d.example", ""], rng.randint(0, 3))
    return Event(f"e{number:03d}", f"Event {number}", rng.choice(DATES), rng.choice(DATES), members, outlets)


def test_a_write_is_followed_by_reading_the_changed_events_alone_with_the_same_result_as_a_full_read(
    tmp_path, monkeypatch
):
    rng = random.Random(7)
    path = tmp_path / "s.db"
    with Store(path) as store:
        _write(store, [_random_event(rng, number, [f"a{number}"]) for number in range(120)])
        reader = StoreReader(path)
        listings = EventListings()
        with reader.snapshot() as snapshot:
            listings.get(snapshot)
        full_reads = []
        monkeypatch.setattr(listing_module, "_read_listing", lambda *args: full_reads.append(args) or 1 / 0)
        article, last = 1000, 0
        for _ in range(25):
            changed = [_random_event(rng, last, [f"a{last}"])]  # the event written last, changed again
            for number in rng.sample(range(150), 6):  # new events and changed ones: dates, titles, outlets
                changed.append(_random_event(rng, number, [f"a{number}", f"a{article}"]))
                article += 1
            for number in rng.sample(range(150), 2):  # events whose only members move to another: removed
                changed.append(_random_event(rng, 200 + number, [f"a{number}"]))
            _write(store, changed, articles=rng.randint(0, 2))
            last = int(changed[-1].id[1:])
            with reader.snapshot() as snapshot:
                followed = listings.get(snapshot)
                monkeypatch.undo()
                fresh = EventListings().get(snapshot)
                monkeypatch.setattr(listing_module, "_read_listing", lambda *args: full_reads.append(args) or 1 / 0)
            assert _as_read(followed) == _as_read(fresh)
            assert [e.id for e in followed.matching(snapshot, EventFilters(outlet="b.example"))] == [
                e.id for e in fresh.matching(snapshot, EventFilters(outlet="b.example"))
            ]
        assert not full_reads
        assert followed.article_total == fresh.article_total > 10
        assert len(followed.events) > 100 and followed.by_outlet and "" not in followed.by_outlet


def test_a_rebuild_and_an_older_snapshot_are_read_whole_and_stay_right(tmp_path):
    rng = random.Random(9)
    path = tmp_path / "s.db"
    with Store(path) as store:
        _write(store, [_random_event(rng, number, [f"a{number}"]) for number in range(40)])
        reader = StoreReader(path)
        listings = EventListings()
        older = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
        older.execute("BEGIN")
        before = EventListings().get(Snapshot(older))  # this snapshot stays on the store as it is now
        with store.transaction():
            store.replace_all_events([_random_event(rng, number, [f"a{number}"]) for number in range(30, 90)])
            store.put_state(WRITE_MARK, os.urandom(8))
        with reader.snapshot() as snapshot:
            rebuilt = listings.get(snapshot)
            assert _as_read(rebuilt) == _as_read(EventListings().get(snapshot))
        assert _as_read(listings.get(Snapshot(older))) == _as_read(before)
        older.execute("COMMIT")
        _write(store, [_random_event(rng, 95, ["a95"])])
        with reader.snapshot() as snapshot:
            assert _as_read(listings.get(snapshot)) == _as_read(EventListings().get(snapshot))


def test_a_store_written_before_the_change_log_is_listed_and_followed_once_written_to(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        _write(store, [Event("e1", "One", "2024-01-01", None, ["a1"], ["a.example"])])
    with sqlite3.connect(path) as db:  # as a store written before the change log existed
        db.executescript(
            "DROP TABLE event_changes; DROP TRIGGER IF EXISTS event_added; DROP TRIGGER IF EXISTS event_changed; "
            "DROP TRIGGER IF EXISTS event_removed; UPDATE meta SET value = '3' WHERE key = 'schema_version';"
        )
    reader = StoreReader(path)
    listings = EventListings()
    with reader.snapshot() as snapshot:
        assert [e.id for e in listings.get(snapshot).events] == ["e1"]
    with Store(path) as store:  # a newer Storyline writes to it: the log starts
        _write(store, [Event("e2", "Two", "2024-02-01", None, ["a2"], ["b.example"])])
        with reader.snapshot() as snapshot:
            assert [e.id for e in listings.get(snapshot).events] == ["e2", "e1"]
        _write(store, [Event("e1", "One", "2024-03-01", None, ["a1"], ["b.example"])])
        with reader.snapshot() as snapshot:
            followed = listings.get(snapshot)
            assert _as_read(followed) == _as_read(EventListings().get(snapshot))
            assert [e.id for e in followed.events] == ["e1", "e2"]
