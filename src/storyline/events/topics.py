"""The first level: one date-ordered pass that puts each article into the most similar open topic, or a new one.

The method follows news stream clustering (Miranda et al. 2018). Each article is three sparse TF-IDF vectors
(body, headline, entities: see ``storyline.features``); each topic keeps, per subspace, the sum of its articles'
vectors (a centroid). An article joins the most similar topic that is still open when the similarity reaches the
pass's threshold, and otherwise starts a topic of its own. The similarity is a weighted mean of the three cosines,
lowered by the time between the article and the topic's date range. A topic stays open while its newest article is
within a time window of the newest date seen, so the work and the state per article stay bounded however long the
stream runs; closed topics keep their articles but no vectors.

Online, document frequencies grow batch by batch. Batch mode (``corpus_idf``) uses corpus-wide frequencies and
keeps the vectors of closed topics aside, so that articles of unknown time (taken last) can join any topic.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp

from storyline.events.days import UNKNOWN, article_days, nanmax, nanmin, stream_order
from storyline.events.options import EventOptions
from storyline.events.records import Entry, EventRecord, entries_of, event_id
from storyline.events.saved_mapping import SavedMapping
from storyline.events.vectors import Idf, row_norms2, summed_rows, time_factor, weighted_unit
from storyline.features import SUBSPACES, ArticleFeatures, featurize
from storyline.model import Article


class Corpus(NamedTuple):
    """Batch mode: the articles and what was worked out for them, in the form installing a grouping needs."""

    articles: list[Article]
    entries: list[Entry]
    features: ArticleFeatures
    order: list[int]  # date, then longest first, then id
    copy_group_of: Mapping[str, str]
    title_idf: Idf


class _Archive:
    """Batch mode: the centroids of closed topics, set aside until the articles of unknown time come."""

    def __init__(self) -> None:
        self.records: list[int] = []
        self.centroids: dict[str, list[sp.csr_matrix]] = {name: [] for name in SUBSPACES}


class TopicStream:
    """The topics so far, the open ones' centroids, and the document frequencies of the stream.

    Its fields are its state (``storyline.events.state`` saves and restores them): ``records`` (every topic),
    ``open`` (record indices of open topics, aligned with the rows of ``centroids``), ``topic_of_article``,
    ``topic_of_copy_group``, ``df``/``n_docs`` and ``stream_day`` (the newest known day seen).
    """

    def __init__(self, options: EventOptions) -> None:
        self.options = options
        self.threshold = options.pass_threshold
        size = 1 << options.bits
        self.df = {name: np.zeros(size, dtype=np.int32) for name in SUBSPACES}
        self.n_docs = 0
        self.records: list[EventRecord] = []
        self.topic_of_article: dict[str, int] = {}
        self.topic_of_copy_group = SavedMapping()  # read by key from a saved index
        self.open: list[int] = []
        self.centroids = {name: sp.csr_matrix((0, size)) for name in SUBSPACES}
        self.stream_day = UNKNOWN

    def idf(self) -> dict[str, Idf]:
        return {name: Idf(self.df[name], self.n_docs) for name in SUBSPACES}

    def cluster(
        self,
        articles: list[Article],
        copy_group_of: Mapping[str, str],
        features: ArticleFeatures | None,
        *,
        corpus_df: Mapping[str, np.ndarray] | None = None,
    ) -> set[int]:
        """One date-ordered pass over ``articles`` in batches; returns the indices of touched records.

        ``corpus_df`` (batch mode): the document frequencies of all of ``articles``, used from the first batch on
        and kept as the stream's afterwards; closed topics stay candidates for the articles of unknown time.
        """
        corpus_idf = None if corpus_df is None else {name: Idf(corpus_df[name], len(articles)) for name in SUBSPACES}
        days, known = article_days(articles)
        order = stream_order(articles, days, known)
        archive = _Archive() if corpus_idf is not None else None
        touched: set[int] = set()
        size = self.options.batch_size
        n_dated = int(np.count_nonzero(known))
        chunks = [order[b : min(b + size, n_dated)] for b in range(0, n_dated, size)]
        chunks += [order[b : b + size] for b in range(n_dated, len(order), size)]
        for chunk in chunks:
            if archive is not None and not known[chunk[0]] and archive.records:
                self._reopen(archive)
            batch = [articles[i] for i in chunk]
            rows = featurize(batch, bits=self.options.bits) if features is None else features.take(chunk)
            touched |= self._cluster_batch(batch, rows, days[chunk], known[chunk], copy_group_of, corpus_idf, archive)
        if corpus_df is not None:
            self.df, self.n_docs = dict(corpus_df), len(articles)
        return touched

    def _cluster_batch(
        self,
        batch: list[Article],
        features: ArticleFeatures,
        days: np.ndarray,
        known: np.ndarray,
        copy_group_of: Mapping[str, str],
        corpus_idf: Mapping[str, Idf] | None,
        archive: _Archive | None,
    ) -> set[int]:
        opts = self.options
        n_batch, n_open = len(batch), len(self.open)
        if corpus_idf is None:
            for name in SUBSPACES:
                np.add.at(self.df[name], features.subspace(name).indices, 1)
            self.n_docs += n_batch
        idf = corpus_idf or self.idf()
        entries = entries_of([a.id for a in batch], [a.outlet for a in batch], features, days, known)

        # Per subspace: dot products of each batch article with every open centroid and with each other, and the
        # squared centroid lengths; kept exact as articles join (a centroid is a plain sum of article vectors).
        width = n_open + n_batch
        dots, lengths2, grams, scales = {}, {}, {}, {}
        for name in SUBSPACES:
            unit, scale = weighted_unit(features.subspace(name), idf[name])
            centroids = self.centroids[name].copy()
            centroids.data = centroids.data * idf[name][centroids.indices]
            dot = np.zeros((n_batch, width))
            if n_open:  # the centroids as the left factor: only the batch's small matrix is transposed to rows
                dot[:, :n_open] = (centroids @ unit.T).T.toarray()
            length2 = np.zeros(width)
            length2[:n_open] = row_norms2(centroids)
            dots[name], lengths2[name], grams[name], scales[name] = dot, length2, (unit @ unit.T).toarray(), scale

        weights = np.array(opts.weights)
        column_record = list(self.open) + [-1] * n_batch
        record_column = {record: column for column, record in enumerate(self.open)}
        # Languages as small numbers, so each article's test against every column compares numbers, not strings.
        codes: dict[str, int] = {}
        column_language = np.array(
            [codes.setdefault(self.records[r].language, len(codes)) for r in self.open] + [-1] * n_batch,
            dtype=np.int64,
        )
        starts = np.array([self.records[r].start for r in self.open] + [UNKNOWN] * n_batch)
        ends = np.array([self.records[r].end for r in self.open] + [UNKNOWN] * n_batch)
        n_columns = n_open
        assignment = np.empty(n_batch, dtype=np.int64)
        touched: set[int] = set()
        scorer = _Scorer(dots, lengths2, scales, weights)

        for i, article in enumerate(batch):
            if known[i]:
                self.stream_day = nanmax(self.stream_day, days[i])
            language = features.languages[i]
            code = codes.setdefault(language, len(codes))
            group = copy_group_of.get(article.id)
            column = -1
            if group is not None and group in self.topic_of_copy_group:
                record = self.topic_of_copy_group[group]
                column = record_column.get(record, -1)
                if column < 0:  # the copy's topic is closed: it still joins it, without vectors
                    self._note(record, entries[i])
                    touched.add(record)
                    assignment[i] = -1
                    continue
            elif scorer.has_any[i] and n_columns:
                scores = scorer.scores(i, n_columns)
                if known[i]:
                    gaussian = time_factor(days[i : i + 1], starts[:n_columns], ends[:n_columns], opts.time_scale_days)
                    scores *= gaussian[0]
                scores[column_language[:n_columns] != code] = -1.0
                best = int(np.argmax(scores))
                if scores[best] >= self.threshold:
                    column = best
            if column < 0:
                column = n_columns
                n_columns += 1
                record = len(self.records)
                self.records.append(EventRecord(id=event_id(article.id), language=language))
                column_record[column] = record
                record_column[record] = column
                column_language[column] = code
            record = column_record[column]
            for name in SUBSPACES:
                r = scales[name][i]
                if r > 0:
                    lengths2[name][column] += 2.0 * r * dots[name][i, column] + r * r
                    dots[name][:, column] += r * grams[name][:, i]
                    scorer.length_changed(name, column)
            if known[i]:
                starts[column] = nanmin(starts[column], days[i])
                ends[column] = nanmax(ends[column], days[i])
            assignment[i] = column
            self._note(record, entries[i])
            if group is not None:
                self.topic_of_copy_group.setdefault(group, record)
            touched.add(record)

        self._store_centroids(features, assignment, column_record[:n_columns], n_open)
        if known.any():  # only a dated article moves the stream on
            self._close_old_topics(archive)
        for record in touched:
            self.records[record].choose_title(idf["title"])
        return touched

    def _note(self, record: int, entry: Entry) -> None:
        self.records[record].note(entry, self.stream_day)
        self.topic_of_article[entry.id] = record

    def merge(self, topics: set[int]) -> tuple[int, list[int]]:
        """Make ``topics`` one: the first open one (else the first) takes in the others' articles and centroids.

        Returns (the topic that remains, the topics merged into it, now empty)."""
        open_topics = set(self.open)
        target, *sources = sorted(topics, key=lambda t: (t not in open_topics, t))
        for source in sources:
            self.records[target].absorb(self.records[source])
            for article_id in self.records[source].article_ids:
                self.topic_of_article[article_id] = target
            self.records[source] = self.records[source].emptied()
        merged = set(sources)
        for group, topic in self.topic_of_copy_group.items():
            if topic in merged:
                self.topic_of_copy_group[group] = target
        if merged & open_topics:  # then the target is open too: it takes in their centroids
            kept = [record for record in self.open if record not in merged]
            row = {record: r for r, record in enumerate(kept)}
            rows = [row[target if record in merged else record] for record in self.open]
            joins = sp.csr_matrix((np.ones(len(rows)), (rows, np.arange(len(rows)))), shape=(len(kept), len(rows)))
            for name in SUBSPACES:
                self.centroids[name] = (joins @ self.centroids[name]).tocsr()
            self.open = kept
        self.records[target].choose_title(self.idf()["title"])
        return target, sources

    def _store_centroids(
        self, features: ArticleFeatures, assignment: np.ndarray, records: list[int], n_open: int
    ) -> None:
        """Add the batch's article vectors to the centroids of the topics they joined; append new topics."""
        n_columns = len(records)
        members = np.flatnonzero(assignment >= 0)
        joins = sp.csr_matrix(
            (np.ones(len(members)), (assignment[members], members)), shape=(n_columns, len(assignment))
        )
        for name in SUBSPACES:
            old = self.centroids[name]
            grown = sp.vstack([old, sp.csr_matrix((n_columns - n_open, old.shape[1]))], format="csr")
            self.centroids[name] = summed_rows(grown, joins @ features.subspace(name))
        self.open = list(records)

    def _close_old_topics(self, archive: _Archive | None) -> None:
        """Drop the vectors of topics whose newest day is a window behind the stream (they keep their articles)."""
        if math.isnan(self.stream_day) or not self.open:
            return
        horizon = self.stream_day - self.options.window_days
        keep = [c for c, r in enumerate(self.open) if not self.records[r].last_seen < horizon]
        if len(keep) == len(self.open):
            return
        if archive is not None:
            closing = [c for c in range(len(self.open)) if c not in set(keep)]
            archive.records += [self.open[c] for c in closing]
            for name in SUBSPACES:
                archive.centroids[name].append(self.centroids[name][closing])
        self.open = [self.open[c] for c in keep]
        for name in SUBSPACES:
            self.centroids[name] = self.centroids[name][keep]

    def _reopen(self, archive: _Archive) -> None:
        """Batch mode, before articles of unknown time: every topic becomes a candidate again."""
        self.open = archive.records + self.open
        for name in SUBSPACES:
            self.centroids[name] = sp.vstack(archive.centroids[name] + [self.centroids[name]], format="csr")
            archive.centroids[name] = []
        archive.records = []

    def install(self, corpus: Corpus, labels: np.ndarray) -> None:
        """Batch mode: replace the topics by the grouping ``labels`` (one per article of the corpus), keeping the
        stream state; topics within the window of the newest day stay open, with their centroids."""
        self.records, self.topic_of_article, self.topic_of_copy_group = [], {}, SavedMapping()
        record_of_label: dict[int, int] = {}
        for i in corpus.order:
            article = corpus.articles[i]
            record = record_of_label.get(int(labels[i]))
            if record is None:
                record = record_of_label[int(labels[i])] = len(self.records)
                self.records.append(EventRecord(id=event_id(article.id), language=corpus.features.languages[i]))
            self._note(record, corpus.entries[i])
            group = corpus.copy_group_of.get(article.id)
            if group is not None:
                self.topic_of_copy_group.setdefault(group, record)
        for record in self.records:
            record.choose_title(corpus.title_idf)
        horizon = self.stream_day - self.options.window_days
        self.open = [r for r, record in enumerate(self.records) if not record.last_seen < horizon]
        column = {record: c for c, record in enumerate(self.open)}
        members = [
            (column[record_of_label[int(labels[i])]], i)
            for i in range(len(corpus.articles))
            if record_of_label[int(labels[i])] in column
        ]
        rows, cols = (np.array(x, dtype=np.int64) for x in zip(*members)) if members else (np.zeros(0, int),) * 2
        joins = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(self.open), len(corpus.articles)))
        for name in SUBSPACES:
            self.centroids[name] = (joins @ corpus.features.subspace(name)).tocsr()


class _Scorer:
    """The topic pass's similarity of one article to the first ``n`` columns, with the arithmetic of
    ``vectors.similarity`` on a single row, element for element: each subspace's centroid lengths are kept as the
    pass changes them (a square root per change, not per column per article), and a subspace the article lacks adds
    nothing (its term is +0.0: every dot product and length here is non-negative)."""

    def __init__(self, dots: dict, lengths2: dict, scales: dict, weights: np.ndarray) -> None:
        self.dots, self.lengths2 = dots, lengths2
        self.used = [(name, weight) for name, weight in zip(SUBSPACES, weights) if weight]
        self.lengths = {name: np.sqrt(np.maximum(lengths2[name], 0.0)) for name, _ in self.used}
        self.usable = {name: length > 1e-12 for name, length in self.lengths.items()}
        present = np.stack([scales[name] > 0 for name in SUBSPACES], axis=1)
        self.has_any = present.any(axis=1).tolist()
        self.present = [dict(zip(SUBSPACES, row)) for row in present.tolist()]
        self.divisors: dict[tuple, float] = {}
        for row in {tuple(row) for row in present.tolist()}:
            mass = np.array([row]).astype(float) @ weights  # as ``similarity`` weighs an article's subspaces
            self.divisors[row] = np.where(mass > 0, mass, 1.0)[0]
        self.patterns = [tuple(row) for row in present.tolist()]

    def scores(self, i: int, n: int) -> np.ndarray:
        total = np.zeros(n)
        present = self.present[i]
        for name, weight in self.used:
            if present[name]:
                cosine = np.divide(
                    self.dots[name][i, :n], self.lengths[name][:n], out=np.zeros(n), where=self.usable[name][:n]
                )
                total += weight * cosine
        return total / self.divisors[self.patterns[i]]

    def length_changed(self, name: str, column: int) -> None:
        if name in self.lengths:
            length = np.sqrt(np.maximum(self.lengths2[name][column], 0.0))
            self.lengths[name][column] = length
            self.usable[name][column] = length > 1e-12
