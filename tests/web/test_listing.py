"""The events list as SQLite orders it, against the order people read it in: latest date first."""

from __future__ import annotations

import json
import random
import sqlite3

from storyline.web.listing import EventListings
from storyline.web.reader import EventFilters, Snapshot

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
