"""The events list, read once per store version and then served from memory.

Sorting every event by date on each request costs a full scan that grows with the store. The list, the outlet menu
and each listed event's counts only change when something is written, so they are kept per store version (the
ingest's write mark and the newest article). After a write, the new version is the last one with the events that
write added, changed or removed read again and put in place (the store's ``event_changes``), not every event: a
write touches few events of many. A request always uses the version its own read snapshot sees, so a page never
mixes two states of the store.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from storyline.model import Event
from storyline.pipeline import WRITE_MARK
from storyline.web.reader import EventFilters, EventRow, Snapshot

VERSIONS_KEPT = 2  # a request whose snapshot began before the latest write still finds its version
FILTERS_KEPT = 128  # filtered lists remembered per version
FULL_READ_SHARE = 8  # a write that changed more than one event in this many (a rebuild) is followed by a full read


@dataclass(slots=True, frozen=True)
class ListedEvent:
    id: str
    title: str
    start: str | None
    end: str | None
    outlets: tuple[str, ...]

    @property
    def newest(self) -> str | None:
        return self.end or self.start


@dataclass(slots=True)
class Listing:
    """Every event of one store version, newest first, with what the events page shows about them."""

    version: tuple
    events: list[ListedEvent]
    outlets: list[tuple[str, int]]
    article_total: int
    options: str  # the outlet menu's <option>s, escaped
    first_lines: dict[str, str]  # article id -> first line of its text; kept across versions, texts never change
    by_outlet: dict[str, list[ListedEvent]] = field(default_factory=dict)  # each outlet's events, newest first
    by_id: dict[str, ListedEvent] = field(default_factory=dict)
    changes: int | None = None  # the last event change this listing holds (None: a store without the change log)
    rows: dict[str, EventRow] = field(default_factory=dict)
    filtered: OrderedDict = field(default_factory=OrderedDict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def matching(self, snapshot: Snapshot, filters: EventFilters) -> list[ListedEvent]:
        """The events these filters keep, newest first."""
        if not (filters.since or filters.until or filters.outlet or filters.text):
            return self.events
        with self.lock:
            found = self.filtered.get(filters)
            if found is not None:
                self.filtered.move_to_end(filters)
                return found
        # An outlet filter starts from that outlet's own events, not from all of them.
        events = self.by_outlet.get(filters.outlet, []) if filters.outlet else self.events
        found = _filter(events, filters, snapshot)
        with self.lock:
            self.filtered[filters] = found
            while len(self.filtered) > FILTERS_KEPT:
                self.filtered.popitem(last=False)
        return found

    def event_rows(self, snapshot: Snapshot, listed: list[ListedEvent]) -> list[EventRow]:
        """Rows with article and outlet counts; members are read once per event and version."""
        missing = [event.id for event in listed if event.id not in self.rows]
        if missing:
            members = snapshot.members(missing)
            with self.lock:
                for event in listed:
                    if event.id in members:
                        self.rows[event.id] = _row(event, members[event.id])
        return [self.rows[event.id] for event in listed]

    def outlet_options(self, selected: str) -> Markup:
        if not selected:
            return Markup(self.options)
        option = f'<option value="{escape(selected)}">'
        return Markup(self.options.replace(option, option[:-1] + " selected>", 1))


class EventListings:
    """Listings of the last few store versions."""

    def __init__(self) -> None:
        self._listings: OrderedDict[tuple, Listing] = OrderedDict()
        self._lock = threading.Lock()
        self._building = threading.Lock()
        self._first_lines: dict[str, str] = {}
        self._known: dict[tuple, ListedEvent] = {}  # the newest listing's events by their rows in the store
        self._latest: Listing | None = None  # the listing of the most recent store state read

    def get(self, snapshot: Snapshot) -> Listing:
        version = store_version(snapshot)
        found = self._find(version)
        if found is not None:
            return found
        with self._building:  # one thread reads a new version; the others wait for it rather than read it too
            found = self._find(version)
            if found is None:
                found = self._read(snapshot, version)
                with self._lock:
                    self._listings[version] = found
                    while len(self._listings) > VERSIONS_KEPT:
                        self._listings.popitem(last=False)
            return found

    def _read(self, snapshot: Snapshot, version: tuple) -> Listing:
        """This version's listing: the latest one updated with the events changed since, else read whole."""
        changes = last_event_change(snapshot)
        latest = self._latest
        if latest is not None and _older(version, changes, latest):
            # a snapshot older than the latest listing (a request that began before a write): read it whole and
            # keep building on the latest
            return _read_listing(snapshot, version, self._first_lines, self._known)[0]
        listing = None
        if latest is not None and None not in (changes, latest.changes):
            listing = refreshed_listing(latest, snapshot, version, changes)
        if listing is None:
            listing, self._known = _read_listing(snapshot, version, self._first_lines, self._known)
            listing.changes = changes
        self._latest = listing
        return listing

    def _find(self, version: tuple) -> Listing | None:
        with self._lock:
            return self._listings.get(version)


def store_version(snapshot: Snapshot) -> tuple:
    """Changes with every ingest or rebuild (their write mark) and every article stored."""
    row = snapshot.db.execute(
        "SELECT (SELECT data FROM state WHERE key = ?), (SELECT COALESCE(MAX(seq), 0) FROM articles)", (WRITE_MARK,)
    ).fetchone()
    return tuple(row)


def _older(version: tuple, changes: int | None, latest: Listing) -> bool:
    """Whether a snapshot of this version and last event change is older than the latest listing's."""
    if version[1] < latest.version[1]:  # fewer articles stored
        return True
    return None not in (changes, latest.changes) and changes < latest.changes


def last_event_change(snapshot: Snapshot) -> int | None:
    """The number of the last event change the snapshot holds; None for a store written before the change log."""
    try:
        return snapshot.db.execute("SELECT COALESCE(MAX(seq), 0) FROM event_changes").fetchone()[0]
    except sqlite3.OperationalError:  # no such table: until a newer Storyline writes to the store
        return None


def refreshed_listing(base: Listing, snapshot: Snapshot, version: tuple, changes: int) -> Listing | None:
    """``base`` with the events changed since its last change read again and put in place: the same listing as a
    full read of this snapshot. None when so many changed (a rebuild) that a full read is as quick."""
    changed = snapshot.db.execute(
        'SELECT c.event_id, e.title, e.start, e."end", e.outlets FROM event_changes c '
        "LEFT JOIN events e ON e.id = c.event_id WHERE c.seq > ?",
        (base.changes,),
    ).fetchall()
    if len(changed) * FULL_READ_SHARE > len(base.events) + 64:
        return None
    removed = [base.by_id[event_id] for event_id, *_ in changed if event_id in base.by_id]
    added = [
        ListedEvent(event_id, title, start, end, tuple(json.loads(outlets)))
        for event_id, title, start, end, outlets in changed
        if title is not None  # an event that was removed has no row left
    ]
    try:
        events = _moved(base.events, removed, added)
        by_outlet = dict(base.by_outlet)  # an outlet none of the changed events names keeps its list
        for outlet in {outlet for event in removed + added for outlet in event.outlets if outlet}:
            kept = _moved(
                base.by_outlet.get(outlet, []),
                [event for event in removed if outlet in event.outlets],
                [event for event in added if outlet in event.outlets],
            )
            if kept:
                by_outlet[outlet] = kept
            else:
                by_outlet.pop(outlet, None)
    except _NotInPlace:
        return None
    by_id = dict(base.by_id)
    for event in removed:
        del by_id[event.id]
    by_id.update((event.id, event) for event in added)
    outlets, options = _outlet_menu(by_outlet)
    # Articles are only ever added (the store deletes none): the count follows from those stored since, without a
    # count of every article.
    added_articles = snapshot.db.execute("SELECT COUNT(*) FROM articles WHERE seq > ?", (base.version[1],)).fetchone()
    total = base.article_total + added_articles[0]
    listing = Listing(version, events, outlets, total, options, base.first_lines, by_outlet, by_id)
    listing.changes = changes
    return listing


class _NotInPlace(Exception):
    """A listed event was not where the order puts it (never expected: the caller then reads the list whole)."""


def _moved(listed: list[ListedEvent], removed: list[ListedEvent], added: list[ListedEvent]) -> list[ListedEvent]:
    """A copy of ``listed`` (newest first) without ``removed`` and with ``added``, each found by binary search."""
    result = list(listed)
    for event in removed:
        position = _place(result, event)
        if position == len(result) or result[position] is not event:
            raise _NotInPlace(event.id)
        del result[position]
    for event in added:
        result.insert(_place(result, event), event)
    return result


def _place(listed: list[ListedEvent], event: ListedEvent) -> int:
    """The first position in ``listed`` whose event does not come before ``event``."""
    low, high = 0, len(listed)
    while low < high:
        middle = (low + high) // 2
        if _comes_before(listed[middle], event):
            low = middle + 1
        else:
            high = middle
    return low


def _comes_before(first: ListedEvent, second: ListedEvent) -> bool:
    """Whether ``first`` is listed above ``second``: the order of LISTING_QUERY (SQLite compares text by its UTF-8
    bytes, which orders as Python compares code points)."""
    latest, other = first.newest, second.newest
    if (latest is None) != (other is None):
        return other is None
    if latest != other:
        return latest > other
    if (first.start is None) != (second.start is None):
        return second.start is None
    if first.start != second.start:
        return first.start > second.start
    return first.id < second.id


# Newest first: latest date (the end, else the start) descending, undated last; then start descending; then id.
_LATEST = """CASE WHEN "end" IS NOT NULL AND "end" != '' THEN "end" ELSE start END"""
LISTING_QUERY = (
    f'SELECT id, title, start, "end", outlets FROM events ORDER BY ({_LATEST}) IS NULL, ({_LATEST}) DESC, '
    "start IS NULL, start DESC, id"
)


def _read_listing(
    snapshot: Snapshot, version: tuple, first_lines: dict[str, str], known: dict[tuple, ListedEvent]
) -> tuple[Listing, dict[tuple, ListedEvent]]:
    """The listing of this version, and its events by their rows. SQLite sorts; an event whose row is unchanged
    since the last version (``known``) is reused, not parsed again: a write changes few events of many."""
    events: list[ListedEvent] = []
    rows: dict[tuple, ListedEvent] = {}
    for row in snapshot.db.execute(LISTING_QUERY):
        event = known.get(row)
        if event is None:
            event_id, title, start, end, outlets = row
            event = ListedEvent(event_id, title, start, end, tuple(json.loads(outlets)))
        rows[row] = event
        events.append(event)
    by_outlet: dict[str, list[ListedEvent]] = {}
    for event in events:
        for outlet in set(event.outlets):
            if outlet:
                by_outlet.setdefault(outlet, []).append(event)
    outlets, options = _outlet_menu(by_outlet)
    by_id = {event.id: event for event in events}
    return Listing(version, events, outlets, snapshot.counts()[0], options, first_lines, by_outlet, by_id), rows


def _outlet_menu(by_outlet: dict[str, list[ListedEvent]]) -> tuple[list[tuple[str, int]], str]:
    """Outlets with their event counts, most events first, and the menu's escaped <option>s."""
    outlets = sorted(((name, len(listed)) for name, listed in by_outlet.items()), key=lambda item: (-item[1], item[0]))
    options = "".join(
        f'<option value="{shown}">{shown} ({count} event{"" if count == 1 else "s"})</option>\n'
        for shown, count in ((escape(name), count) for name, count in outlets)
    )
    return outlets, options


def _filter(events: list[ListedEvent], filters: EventFilters, snapshot: Snapshot) -> list[ListedEvent]:
    kept = events
    if filters.since:
        kept = [event for event in kept if event.newest is not None and event.newest >= filters.since]
    if filters.until:
        last = filters.until + "\uffff"  # a date-time on the last day still counts
        kept = [event for event in kept if event.start is not None and event.start <= last]
    if filters.outlet:
        kept = [event for event in kept if filters.outlet in event.outlets]
    if filters.text:
        ids = snapshot.events_matching(filters.text)
        if ids is None:
            return []
        words = filters.text.lower()
        kept = [event for event in kept if event.id in ids or words in event.title.lower()]
    return kept


def _row(event: ListedEvent, members: list[tuple[str, str, str | None]]) -> EventRow:
    full = Event(event.id, event.title, event.start, event.end, [a for a, _, _ in members], list(event.outlets))
    outlet_count = len({outlet for _, _, outlet in members if outlet})
    return EventRow(full, len(members), outlet_count, [(a, h) for a, h, _ in members])
