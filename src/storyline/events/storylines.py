"""Storylines: events linked over days and weeks when they continue one story, in one batch or as events change.

Two events are linked when their articles name the same people, places and organisations and use the same words
(the weighted mean of three idf-weighted cosines, body, headline and entities, as events are compared; see
``storyline.features``) at ``threshold`` or more, and their date ranges are at most ``window_days`` apart. An
event whose time is unknown (no article with a publication date) is linked only at ``undated_threshold``: without
dates, a later development cannot be told from another event of the same kind (two warehouse fires, two
earthquakes), so only near-identical coverage joins. A storyline is a connected group of linked events.

A small report (a dated event of at most ``lone_size`` articles; a lone report is one of a single article)
also joins the closest larger event within the window when their similarity reaches ``lone_threshold``, sharing a
key or not: a few articles' names are too few to pick their keys well, and a short later report of a running story
is rarely compared with the story's summed coverage at the level two full events reach. It joins that one event
only, so it never bridges two storylines. Its closest event is the closest open one when it is linked (in a batch:
of all events); the small report is linked again when that event changes or goes away, and a report linked to
nothing looks again when a larger event it may join arrives or changes (it may have come before its story). With
``first_report_days`` a small report also reaches a larger event that begins after it, up to that many days later:
the first word of a story that grew later; such reports stay open that long (the larger events do not).

Events are never compared all against all: each event lists its ``keys`` heaviest entity terms (by idf), and
only events sharing a key, within the window, are compared. An event's vectors and keys are kept while it is
open (its newest date within ``window_days`` of the newest date seen); a closed event keeps its links and its
storyline, so the work and the state per update stay bounded however long the stream runs. ``update`` takes the
events that changed (new ones, or ones whose articles changed) and relinks only those; ``build`` runs the same
update over every event at once, so a rebuild gives the storylines the updates gave, up to the idf values at
the time each link was made.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import scipy.sparse as sp
import xxhash

from storyline.events.days import day_number
from storyline.events.story_options import StoryOptions
from storyline.events.story_profiles import rows_of, summed_profiles, unit_vectors
from storyline.events.vectors import Idf
from storyline.features import SUBSPACES, ArticleFeatures, featurize
from storyline.model import Article, Event, Storyline

_UNKNOWN = math.nan
_BLOCK = 256  # events compared with their candidates at once


def _storyline_id(founder: str) -> str:
    return "sl-" + xxhash.xxh64_hexdigest(founder.encode("utf-8"), seed=0x5E7)[:12]


class StorylineIndex:
    """Events linked into storylines, updated as events change.

    >>> from storyline.events import EventIndex
    >>> articles = [Article(id="a", text="Fire destroyed the Dunmore mill.", published="2026-03-02")]
    >>> events = EventIndex()
    >>> index = StorylineIndex()
    >>> changed = index.update(events.add(articles), articles, idf=events.idf())
    >>> [(s.title, s.event_ids) for s in index.storylines()]
    [('Fire destroyed the Dunmore mill.', ['ev-116b6d267f7f'])]
    """

    def __init__(self, **options: object) -> None:
        self.options = StoryOptions(**options)  # type: ignore[arg-type]
        self._events: dict[str, Event] = {}
        self._days: dict[str, tuple[float, float]] = {}  # event -> known first and last day (NaN if unknown)
        self._links: dict[str, set[str]] = {}
        self._event_of_article: dict[str, str] = {}
        self._rows: dict[str, tuple] = {}  # article -> feature rows, while its event is open
        self._article_day: dict[str, float] = {}  # article -> known day, while its event is open
        self._keys: dict[str, list[int]] = {}  # open event -> its key entity columns
        self._profiles: dict[str, tuple] = {}  # open event -> the sum of its articles' rows (a cache)
        self._postings: dict[int, set[str]] = {}  # key column -> open events listing it
        self._seen: dict[str, float] = {}  # event -> the newest day seen when it last changed
        self._stream_day = _UNKNOWN
        # Open small reports by every entity column they name, for the stories that arrive after them; built from
        # the rows when first needed (a loaded state holds the rows, not this).
        self._reports: dict[str, list[int]] | None = None  # small report -> its entity columns
        self._report_postings: dict[int, set[str]] = {}  # entity column -> open small reports naming it

    # ----------------------------------------------------------------------------------------------- public
    def update(
        self,
        events: Sequence[Event],
        articles: Sequence[Article],
        *,
        idf: Mapping,
        features: ArticleFeatures | None = None,
    ) -> list[Storyline]:
        """Take new or changed ``events`` (``articles``: at least their articles not given before, with their
        ``features`` rows if the caller has them; ``idf``: ``EventIndex.idf()``); return the storylines that
        changed."""
        if not events:
            return []
        known_days = {a.id: day_number(a.published) if a.date_source != "ingest-time" else _UNKNOWN for a in articles}
        fresh = [i for i, a in enumerate(articles) if a.id not in self._rows]
        if fresh:
            rows = featurize([articles[i] for i in fresh], bits=self.options.bits) if features is None else None
            for j, i in enumerate(fresh):
                self._rows[articles[i].id] = rows_of(rows, j) if rows is not None else rows_of(features, i)
                self._article_day[articles[i].id] = known_days[articles[i].id]
        affected = self._affected(events)
        changed: set[str] = set()
        for event in events:
            changed |= self._replace_event(event, known_days)
        changed |= {e.id for e in events}
        self._relink(sorted(e for e in changed if e in self._events), idf)
        self._close_old()
        affected = {e for e in affected | changed if e in self._events}
        return self.storylines(only=affected | self._neighbours(affected))

    def storylines(self, only: set[str] | None = None) -> list[Storyline]:
        """Every storyline (or those holding the events ``only``), oldest first."""
        seen: set[str] = set()
        out = []
        starts = sorted(self._events) if only is None else sorted(e for e in only if e in self._events)
        for event_id in starts:
            if event_id in seen:
                continue
            group = self._component(event_id)
            seen |= group
            out.append(self._storyline(group))
        return sorted(out, key=lambda s: (s.start is None, s.start or "", s.id))

    def storyline_of(self, event_id: str) -> str | None:
        return self._storyline(self._component(event_id)).id if event_id in self._events else None

    # ------------------------------------------------------------------------------------------- internals
    def _affected(self, events: Sequence[Event]) -> set[str]:
        """Events whose storyline may change when ``events`` change: themselves and their current neighbours."""
        ids = {e.id for e in events if e.id in self._events}
        for event in events:
            ids |= {self._event_of_article[a] for a in event.article_ids if a in self._event_of_article}
        return ids | self._neighbours(ids)

    def _neighbours(self, ids: set[str]) -> set[str]:
        return {n for e in ids for n in self._links.get(e, ())}

    def _replace_event(self, event: Event, known_days: Mapping[str, float]) -> set[str]:
        """Record ``event``'s new membership; returns the ids of other events that lost articles to it, and of the
        small reports joined to one of those that is gone (they pick their closest event again)."""
        losers: set[str] = set()
        orphans: set[str] = set()
        for article_id in event.article_ids:
            previous = self._event_of_article.get(article_id)
            if previous is not None and previous != event.id:
                losers.add(previous)
            self._event_of_article[article_id] = event.id
        for loser in losers:
            old = self._events[loser]
            kept = [a for a in old.article_ids if self._event_of_article.get(a) == loser]
            if kept:
                self._events[loser] = Event(loser, old.title, old.start, old.end, kept, old.outlets)
                self._days[loser] = self._recount(kept, known_days)
            else:
                orphans |= {n for n in self._links.get(loser, ()) if n in self._keys and self._lone(n)}
                self._drop(loser)
        old = self._events.get(event.id)
        first, last = self._days.get(event.id, (_UNKNOWN, _UNKNOWN)) if old else (_UNKNOWN, _UNKNOWN)
        if old is not None and set(old.article_ids) - set(event.article_ids):
            first, last = self._recount(event.article_ids, known_days)  # articles left: count those kept
        else:
            for article_id in set(event.article_ids) - set(old.article_ids if old else ()):
                first, last = _extend(first, last, self._day_of(article_id, known_days))
        self._events[event.id] = event
        self._days[event.id] = (first, last)
        if not math.isnan(last):
            self._stream_day = last if math.isnan(self._stream_day) else max(self._stream_day, last)
        self._seen[event.id] = self._stream_day
        return losers | orphans

    def _day_of(self, article_id: str, known_days: Mapping[str, float]) -> float:
        return known_days.get(article_id, self._article_day.get(article_id, _UNKNOWN))

    def _recount(self, article_ids: Sequence[str], known_days: Mapping[str, float]) -> tuple[float, float]:
        first, last = _UNKNOWN, _UNKNOWN
        for article_id in article_ids:
            first, last = _extend(first, last, self._day_of(article_id, known_days))
        return first, last

    def _drop(self, event_id: str) -> None:
        for other in self._links.pop(event_id, set()):
            self._links.get(other, set()).discard(event_id)
        self._unpost(event_id)
        self._events.pop(event_id, None)
        self._days.pop(event_id, None)
        self._seen.pop(event_id, None)

    def _unpost(self, event_id: str) -> None:
        self._profiles.pop(event_id, None)
        for column in self._reports.pop(event_id, []) if self._reports is not None else []:
            posting = self._report_postings[column]
            posting.discard(event_id)
            if not posting:
                del self._report_postings[column]
        for key in self._keys.pop(event_id, []):
            posting = self._postings.get(key)
            if posting is not None:
                posting.discard(event_id)
                if not posting:
                    del self._postings[key]

    def _fill_profiles(self, event_ids: Sequence[str]) -> None:
        """Compute the profiles of ``event_ids`` not kept yet (none when some of an event's articles' rows are gone:
        a closed event); kept until the event changes."""
        todo = [
            e
            for e in dict.fromkeys(event_ids)
            if e not in self._profiles and all(a in self._rows for a in self._events[e].article_ids)
        ]
        members = [[self._rows[a] for a in self._events[e].article_ids] for e in todo]
        self._profiles.update(zip(todo, summed_profiles(members, self.options.bits)))

    def _vectors(self, event_ids: Sequence[str], idf: Mapping) -> list[sp.csr_matrix]:
        """Per subspace, the idf-weighted unit profiles of ``event_ids`` (all open), on the columns they use."""
        self._fill_profiles(event_ids)
        return unit_vectors([self._profiles[e] for e in event_ids], idf)

    def _relink(self, event_ids: list[str], idf: Mapping) -> None:
        """Recompute the keys and links of ``event_ids`` against the open events sharing a key with them."""
        if not event_ids:
            return
        options = self.options
        entities = SUBSPACES.index("entities")
        if options.lone_threshold is not None:
            # A small report joined to an event being relinked loses that link below: it picks its closest again,
            # and so do the small reports joined to it in turn.
            joined, frontier = set(event_ids), set(event_ids)
            while frontier:
                frontier = {
                    n for e in frontier for n in self._links.get(e, ()) if n in self._keys and self._lone(n)
                } - joined
                joined |= frontier
            event_ids = sorted(joined)
        relinked = []
        for event_id in event_ids:
            if event_id not in self._keys and event_id in self._links:
                # A closed event changed (a late copy joined it): it keeps its links, and keeps no rows.
                for article_id in self._events[event_id].article_ids:
                    self._rows.pop(article_id, None)
                    self._article_day.pop(article_id, None)
                continue
            for other in self._links.pop(event_id, set()):
                self._links.get(other, set()).discard(event_id)
            self._unpost(event_id)
            relinked.append(event_id)
        self._fill_profiles(relinked)
        for event_id in relinked:
            profile = self._profiles.get(event_id)
            if profile is None:
                continue
            columns, values = profile[entities]
            weights = values * idf["entities"][columns]
            if len(weights) > options.keys:  # ties at the cut go to the lower column, so the keys never depend on order
                cut = np.partition(weights, len(weights) - options.keys)[len(weights) - options.keys]
                columns = columns[weights >= cut]
                weights = weights[weights >= cut]
            top = columns[np.lexsort((columns, -weights))[: options.keys]]
            self._keys[event_id] = sorted(int(c) for c in top)
            for key in self._keys[event_id]:
                self._postings.setdefault(key, set()).add(event_id)
            self._post_report(event_id)
        candidates = {}
        for event_id in event_ids:
            found = set().union(*(self._postings.get(k, set()) for k in self._keys.get(event_id, [])))
            candidates[event_id] = sorted(c for c in found if c != event_id and self._near(event_id, c))
        lone = self._lone_candidates(event_ids) if options.lone_threshold is not None else {}
        if options.lone_threshold is not None:
            # A report linked to nothing was below its threshold with every event it reaches: only the events that
            # changed may now take it in (their own links to it are made from their side, above).
            waiting = {r: e for r, e in self._waiting_reports(relinked).items() if r not in candidates}
            for report, events in waiting.items():
                candidates[report], lone[report] = [], events
            event_ids = sorted(set(event_ids) | set(waiting))
        compared = {e: set(candidates[e]).union(lone.get(e, ())) for e in event_ids}
        pool = sorted({e for e in event_ids if compared[e]} | set().union(*compared.values()))
        if not pool:
            return
        position = {e: p for p, e in enumerate(pool)}
        pool_vectors = self._vectors(pool, idf)
        weights = np.array(options.weights)
        for begin in range(0, len(event_ids), _BLOCK):
            block = [e for e in event_ids[begin : begin + _BLOCK] if compared[e]]
            if not block:
                continue
            targets = sorted({t for e in block for t in compared[e]})
            rows, columns = [position[e] for e in block], [position[t] for t in targets]
            total = np.zeros((len(rows), len(columns)))
            mass = np.zeros((len(rows), len(columns)))
            for vector, weight in zip(pool_vectors, weights):
                mine, theirs = vector[rows], vector[columns]
                total += weight * (mine @ theirs.T).toarray()
                mass += weight * np.outer(np.diff(mine.indptr) > 0, np.diff(theirs.indptr) > 0)
            similarity = total / np.where(mass > 0, mass, 1.0)
            column_of = {t: c for c, t in enumerate(targets)}
            for r, event_id in enumerate(block):
                for target in candidates[event_id]:
                    dated = not (math.isnan(self._days[event_id][0]) or math.isnan(self._days[target][0]))
                    if similarity[r, column_of[target]] >= (options.threshold if dated else options.undated_threshold):
                        self._link(event_id, target)
                if lone.get(event_id):
                    # The first of equals in id order: the choice never depends on the order events came in.
                    closest = max(lone[event_id], key=lambda t: similarity[r, column_of[t]])
                    if similarity[r, column_of[closest]] >= options.lone_threshold:
                        self._link(event_id, closest)

    def _link(self, a: str, b: str) -> None:
        self._links.setdefault(a, set()).add(b)
        self._links.setdefault(b, set()).add(a)

    def _lone(self, event_id: str) -> bool:
        """Whether ``event_id`` is a small report: at most ``lone_size`` articles, with a known date."""
        size = len(self._events[event_id].article_ids)
        return size <= self.options.lone_size and not math.isnan(self._days[event_id][0])

    def _lone_candidates(self, event_ids: Sequence[str]) -> dict[str, list[str]]:
        """For each open small report among ``event_ids``: the open dated events of more articles within the
        window that list one of its entity columns among their keys."""
        entities = SUBSPACES.index("entities")
        out = {}
        for event_id in event_ids:
            profile = self._profiles.get(event_id)
            if profile is None or event_id not in self._keys or not self._lone(event_id):
                continue
            found = set().union(*(self._postings.get(int(c), set()) for c in profile[entities][0]))
            out[event_id] = sorted(
                c
                for c in found
                if c != event_id
                and len(self._events[c].article_ids) > len(self._events[event_id].article_ids)
                and not math.isnan(self._days[c][0])
                and self._reaches(event_id, c)
            )
        return out

    @property
    def _first_report_days(self) -> float:
        reach = self.options.first_report_days
        return self.options.window_days if reach is None else max(reach, self.options.window_days)

    def _reaches(self, small: str, larger: str) -> bool:
        """Whether a small report may join ``larger``: within the window, or ``larger`` begins after it ends,
        at most ``first_report_days`` later (the report was the first word of a story that grew later)."""
        if self._near(small, larger):
            return True
        ends, begins = self._days[small][1], self._days[larger][0]
        return 0.0 <= begins - ends <= self._first_report_days

    def _post_report(self, event_id: str) -> None:
        """List an open small report under every entity column it names (once the index of reports is built)."""
        articles = self._events[event_id].article_ids
        if self._reports is None or not self._lone(event_id) or not all(a in self._rows for a in articles):
            return
        entities = SUBSPACES.index("entities")
        columns = sorted({int(c) for a in articles for c in self._rows[a][entities][0]})
        self._reports[event_id] = columns
        for column in columns:
            self._report_postings.setdefault(column, set()).add(event_id)

    def _waiting_reports(self, event_ids: Sequence[str]) -> dict[str, list[str]]:
        """Open small reports linked to nothing that the dated larger ``event_ids`` (keys computed) may now take
        in, each with those events: they name one of an event's keys and it is within their reach. In a batch every
        small report sees every event; as updates come, a report that came before its story looks again when the
        story arrives."""
        if self._reports is None:
            self._reports = {}
            for event_id in self._keys:
                self._post_report(event_id)
        out: dict[str, set[str]] = {}
        for event_id in event_ids:
            if event_id not in self._keys or math.isnan(self._days[event_id][0]) or self._lone(event_id):
                continue
            size = len(self._events[event_id].article_ids)
            reports = set().union(*(self._report_postings.get(key, ()) for key in self._keys[event_id]))
            for report in reports:
                if (
                    report in self._keys
                    and not self._links.get(report)
                    and self._lone(report)
                    and len(self._events[report].article_ids) < size
                    and self._reaches(report, event_id)
                ):
                    out.setdefault(report, set()).add(event_id)
        return {report: sorted(events) for report, events in out.items()}

    def _near(self, a: str, b: str) -> bool:
        """Dated events within the window of each other (events of unknown time are near everything)."""
        (a_first, a_last), (b_first, b_last) = self._days[a], self._days[b]
        if math.isnan(a_first) or math.isnan(b_first):
            return True
        return max(b_first - a_last, a_first - b_last) <= self.options.window_days

    def _close_old(self) -> None:
        """Drop the rows and keys of events whose newest day is a window behind the newest day seen."""
        if math.isnan(self._stream_day):
            return
        horizon = self._stream_day - self.options.window_days
        # A small report waits longer for the story it may be the first word of (``first_report_days``).
        lone_horizon = self._stream_day - self._first_report_days
        # An event of unknown time closes when the stream has moved a window on since it last changed.
        for event_id in [
            e
            for e in self._keys
            if _nanmax(self._days[e][1], self._seen.get(e)) < (lone_horizon if self._lone(e) else horizon)
        ]:
            self._unpost(event_id)
            for article_id in self._events[event_id].article_ids:
                self._rows.pop(article_id, None)
                self._article_day.pop(article_id, None)

    def _component(self, event_id: str) -> set[str]:
        group, stack = {event_id}, [event_id]
        while stack:
            for other in self._links.get(stack.pop(), ()):
                if other not in group:
                    group.add(other)
                    stack.append(other)
        return group

    def _storyline(self, group: set[str]) -> Storyline:
        events = sorted((self._events[e] for e in group), key=_event_order)
        largest = max(enumerate(events), key=lambda item: (len(item[1].article_ids), -item[0]))[1]
        starts = [e.start for e in events if e.start]
        ends = [e.end or e.start for e in events if e.end or e.start]
        return Storyline(
            id=_storyline_id(events[0].id),
            title=largest.title,
            start=min(starts) if starts else None,
            end=max(ends) if ends else None,
            event_ids=[e.id for e in events],
        )

    # ------------------------------------------------------------------------------------------------ state
    def to_state(self) -> bytes:
        """The index as bytes (numpy arrays and JSON, no pickle)."""
        from storyline.events.storyline_state import encode

        return encode(self)

    @classmethod
    def from_state(cls, data: bytes) -> StorylineIndex:
        from storyline.events.storyline_state import decode

        return decode(cls, data)


def _extend(first: float, last: float, day: float) -> tuple[float, float]:
    if math.isnan(day):
        return first, last
    return (day if math.isnan(first) else min(first, day)), (day if math.isnan(last) else max(last, day))


def _nanmax(a: float, b: float | None) -> float:
    b = _UNKNOWN if b is None else b
    return b if math.isnan(a) else a if math.isnan(b) else max(a, b)


def _event_order(event: Event) -> tuple:
    return (event.start is None, event.start or "", event.id)


def build_storylines(
    events: Sequence[Event], articles: Sequence[Article], *, idf: Mapping | None = None, **options: object
) -> list[Storyline]:
    """Storylines of ``events`` (``articles``: theirs), oldest first: every event in exactly one storyline.

    ``idf``: ``EventIndex.idf()`` of the index that made the events; without it, the document frequencies of
    ``articles``.
    """
    index = StorylineIndex(**options)
    features = None
    if idf is None:
        features = featurize(articles, bits=index.options.bits)
        size = 1 << index.options.bits
        idf = {
            name: Idf(np.bincount(features.subspace(name).indices, minlength=size), len(articles)) for name in SUBSPACES
        }
    index.update(sorted(events, key=_event_order), articles, idf=idf, features=features)
    return index.storylines()
