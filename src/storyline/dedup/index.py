"""``CopyIndex``: copy groups kept up to date as articles arrive, restored from the store's rows without texts."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

import numpy as np
import xxhash

from storyline.config import DEFAULT_COPY_THRESHOLD
from storyline.dedup.bands import KeyRuns, pairs_within
from storyline.dedup.chunks import sketch_chunks
from storyline.dedup.rows import Row, decode_row, encode_row
from storyline.dedup.sketch import (
    BAND_ROWS,
    DEFAULT_MIN_WORDS,
    NUM_BANDS,
    NUM_PERM,
    SEED,
    SHINGLE_WORDS,
    Sketch,
    Sketches,
    band_keys,
    containment,
)
from storyline.engine import Engine, engine_for
from storyline.model import Article, CopyGroup
from storyline.unionfind import UnionFind

DEFAULT_THRESHOLD = DEFAULT_COPY_THRESHOLD
# Sketched articles are matched against the index this many at a time: fewer, larger LSH lookups and runs.
_CONNECT_BATCH = 10_000


class CopyIndex:
    """Incremental copy-group index; the store persists one opaque row per article.

    Adding articles in any order or in any batches gives the same groups as ``find_copy_groups`` on all of them.

    >>> story = " ".join(f"The council met on day {n} and voted to rebuild bridge {n} before winter." for n in range(4))
    >>> index = CopyIndex()
    >>> rows, changed = index.add([Article(id="a", text=story + " Work starts in May."), Article(id="b", text=story)])
    >>> [(group.article_ids, group.canonical) for group in changed]  # the most complete version is canonical
    [(['a', 'b'], 'a')]
    >>> CopyIndex.from_rows(rows).groups() == index.groups()  # restored from the rows alone, without the texts
    True
    """

    def __init__(
        self,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        min_words: int = DEFAULT_MIN_WORDS,
        workers: int | None = None,
        engine: Engine | None = None,
    ) -> None:
        """``engine`` runs the sketching (default: ``workers`` processes, the calling one alone when None)."""
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        if min_words < 0:
            raise ValueError(f"min_words must be >= 0, got {min_words}")
        self.threshold = float(threshold)
        self.min_words = int(min_words)
        self.engine = engine if engine is not None else engine_for(workers)
        self._ids: list[str] = []
        self._position: dict[str, int] = {}
        self._published: list[str | None] = []
        self._words: list[int] = []
        self._shingles: list[bytes] = []
        self._sets = UnionFind()  # articles (by position) joined as copies
        self._bands = [KeyRuns() for _ in range(NUM_BANDS)]
        self._digests = KeyRuns()  # 32-bit digest of each distinct shingle set -> the article representing it

    # Public API

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._position

    @property
    def _settings(self) -> tuple:
        return (SHINGLE_WORDS, BAND_ROWS, NUM_PERM, round(self.threshold, 6), self.min_words)

    def add(
        self, articles: Sequence[Article], *, sketches: Sketches | None = None
    ) -> tuple[list[tuple[str, bytes]], list[CopyGroup]]:
        """Index new articles; return (their rows to persist, groups whose membership or canonical changed).

        Each returned group supersedes any earlier group that held one of its articles. ``sketches``: the
        articles' ``sketch_texts`` (this index's ``min_words``) when the caller made them already.
        Raises ``ValueError`` for an article id given twice or already indexed.
        """
        seen: set[str] = set()
        for article in articles:
            if article.id in self._position or article.id in seen:
                raise ValueError(f"article {article.id!r} is already in the copy index")
            seen.add(article.id)
        if not articles:
            return [], []
        first = len(self._ids)
        rows: list[tuple[str, bytes]] = []
        pending: list[Sketches] = []
        done = 0
        if sketches is not None and len(sketches) != len(articles):
            raise ValueError("sketches must have one entry per article")
        if sketches is None:
            chunks = sketch_chunks([a.text for a in articles], self.min_words, self.engine)
        else:
            chunks = [sketches]
        for sketches in itertools.chain(chunks, [None]):
            if sketches is not None:
                pending.append(sketches)
                if sum(map(len, pending)) < _CONNECT_BATCH:
                    continue
            if pending:
                batch = Sketches.concatenate(pending)
                rows += self._index(articles[done : done + len(batch)], batch)
                done += len(batch)
                pending = []
        return rows, self._groups_of(range(first, len(self._ids)))

    def _index(self, articles: Sequence[Article], sketches: Sketches) -> list[tuple[str, bytes]]:
        """Index sketched articles and return their rows (links are kept by the later article of each pair, so
        these articles' links are final once they are connected)."""
        first = len(self._ids)
        for i, article in enumerate(articles):
            self._append(article.id, article.published, sketches[i])
        links = self._connect(first, sketches.signatures)
        rows = []
        for i, article in enumerate(articles):
            position = first + i
            signature = sketches.signatures[i] if self._shingles[position] else None
            rows.append(
                (
                    article.id,
                    encode_row(
                        article.published,
                        sketches[i],
                        signature,
                        [self._ids[j] for j in links.get(position, ())],
                        self._settings,
                    ),
                )
            )
        return rows

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, bytes]], **options) -> CopyIndex:
        """An index restored from the rows of earlier ``add`` calls, without the article texts.

        Rows made with the same settings are replayed as they are (their links hold the verified copy pairs);
        rows made with other settings (another threshold, say) are re-matched from their stored sketches.
        """
        index = cls(**options)
        index._restore([decode_row(article_id, data) for article_id, data in rows])
        return index

    def _restore(self, parsed: list[Row]) -> None:
        seen: set[str] = set()
        for row in parsed:
            if row.article_id in seen:
                raise ValueError(f"article {row.article_id!r} appears twice in the copy index rows")
            seen.add(row.article_id)
        if not parsed:
            return
        replay = all(row.settings == self._settings for row in parsed) and all(
            link in seen for row in parsed for link in row.links
        )
        signatures = np.zeros((len(parsed), NUM_PERM), dtype=np.uint32)
        for i, row in enumerate(parsed):
            self._append_stored(row.article_id, row.published, row.words, row.shingles)
            if row.signature is not None:
                signatures[i] = np.frombuffer(row.signature, dtype=np.uint32)
        if replay:
            self._replay(signatures, [row.links for row in parsed])
        else:
            self._connect(0, signatures)

    def restore_groups(self, rows: Sequence[tuple[str, bytes]], groups: Iterable[Sequence[str]]) -> bool:
        """Take in stored ``rows`` (in the order stored) whose copy groups are ``groups`` (lists of their ids), as
        found by the store, without matching them again; False (and nothing taken) when a row was made with other
        settings, which only matching the whole index again can honour."""
        parsed = [decode_row(article_id, data) for article_id, data in rows]
        if any(row.settings != self._settings for row in parsed) or self._ids:
            return False
        if not parsed:
            return True
        signatures = np.zeros((len(parsed), NUM_PERM), dtype=np.uint32)
        for i, row in enumerate(parsed):
            self._append_stored(row.article_id, row.published, row.words, row.shingles)
            if row.signature is not None:
                signatures[i] = np.frombuffer(row.signature, dtype=np.uint32)
        self._replay(signatures, [[] for _ in parsed])
        for members in groups:
            positions = [self._position[a] for a in members if a in self._position]
            for position in positions[1:]:
                self._sets.union(positions[0], position)
        return True

    def groups(self) -> list[CopyGroup]:
        """Every article in exactly one group (singletons included), largest groups first."""
        return self._groups_of(range(len(self._ids)))

    def group_of(self, article_id: str) -> CopyGroup:
        if article_id not in self._position:
            raise ValueError(f"unknown article id {article_id!r}")
        return self._groups_of([self._position[article_id]])[0]

    def nbytes(self) -> int:
        """Approximate memory of the index's arrays and shingle sets (without Python object overhead)."""
        return sum(len(s) for s in self._shingles) + sum(b.nbytes() for b in self._bands) + self._digests.nbytes()

    # Internals

    def _append(self, article_id: str, published: str | None, item: Sketch) -> None:
        position = len(self._ids)
        self._ids.append(article_id)
        self._position[article_id] = position
        self._published.append(published)
        self._words.append(item.words)
        groupable = len(item.shingles) and item.words >= self.min_words
        self._shingles.append(item.shingles.tobytes() if groupable else b"")
        self._sets.add()

    def _append_stored(self, article_id: str, published: str | None, words: int, shingles: bytes) -> None:
        """``_append`` for a stored row: its shingle set as the bytes it was stored as."""
        self._position[article_id] = len(self._ids)
        self._ids.append(article_id)
        self._published.append(published)
        self._words.append(words)
        self._shingles.append(shingles if shingles and words >= self.min_words else b"")
        self._sets.add()

    def _set(self, position: int) -> np.ndarray:
        return np.frombuffer(self._shingles[position], dtype=np.uint32)

    def _twins(self, first: int) -> dict[int, int]:
        """{article: earlier article with the very same shingle set} for groupable articles ``first..``."""
        twin: dict[int, int] = {}
        new = [p for p in range(first, len(self._ids)) if self._shingles[p]]
        if not new:
            return twin
        digests = np.fromiter(
            (xxhash.xxh32_intdigest(self._shingles[p], SEED) for p in new), dtype=np.uint32, count=len(new)
        )
        query, found = self._digests.lookup(digests)
        for q, p in zip(query.tolist(), found.tolist()):
            if new[q] not in twin and self._shingles[p] == self._shingles[new[q]]:
                twin[new[q]] = p
        first_of: dict[bytes, int] = {}
        for position in new:
            if position not in twin:
                twin_of = first_of.setdefault(self._shingles[position], position)
                if twin_of != position:
                    twin[position] = twin_of
        originals = np.array([q for q, p in enumerate(new) if p not in twin], dtype=np.int64)
        self._digests.insert(digests[originals], np.array(new, dtype=np.int32)[originals])
        return twin

    def _register(self, first: int, signatures: np.ndarray) -> tuple[dict[int, int], np.ndarray, np.ndarray]:
        """Put articles ``first..`` into the duplicate table and the LSH bands.

        Returns ({duplicate: original}, the other groupable new articles, their band keys). An article whose
        shingle set equals an indexed one is joined to it directly and kept out of the bands: any copy of it
        is a copy of its twin, so the bands stay free of the cliques that mass republication would make.
        """
        twin = self._twins(first)
        originals = np.array(
            [p for p in range(first, len(self._ids)) if self._shingles[p] and p not in twin], dtype=np.int64
        )
        keys = band_keys(signatures[originals - first])
        return twin, originals, keys

    def _connect(self, first: int, signatures: np.ndarray) -> dict[int, list[int]]:
        """Register articles ``first..``, verify their candidate pairs, join copies; return the links made.

        Links are the pairs that joined two groups (a spanning forest of the copy graph): replaying them
        restores the groups, so they are what the rows persist.
        """
        links: dict[int, list[int]] = {}

        def join(a: int, b: int) -> None:
            if self._sets.union(a, b):
                links.setdefault(max(a, b), []).append(min(a, b))

        twin, originals, keys = self._register(first, signatures)
        for duplicate, original in sorted(twin.items()):
            join(duplicate, original)
        pairs = []
        for band, runs in enumerate(self._bands):
            query, found = runs.lookup(keys[:, band])  # indexed articles, before this batch joins the bands
            pairs.append((originals[query], found))
            pairs.append(pairs_within(keys[:, band], originals))
            runs.insert(keys[:, band], originals.astype(np.int32))
        size = len(self._ids)
        a = np.concatenate([pair[0] for pair in pairs])
        b = np.concatenate([pair[1] for pair in pairs])
        for code in np.unique(np.minimum(a, b) * size + np.maximum(a, b)).tolist():
            p, q = divmod(code, size)
            if self._sets.find(p) == self._sets.find(q):
                continue  # already in one group: this pair cannot change the groups
            if containment(self._set(p), self._set(q)) >= self.threshold:
                join(p, q)
        return links

    def _replay(self, signatures: np.ndarray, links: list[list[str]]) -> None:
        """Rebuild the bands from stored signatures and the groups from stored links, verifying nothing."""
        _, originals, keys = self._register(0, signatures)
        for band, runs in enumerate(self._bands):
            runs.insert(keys[:, band], originals.astype(np.int32))
        for position, targets in enumerate(links):
            for target in targets:
                self._sets.union(position, self._position[target])

    def _canonical_key(self, position: int) -> tuple:
        published = self._published[position]
        return (published is None, published or "", -self._words[position], self._ids[position])

    def _groups_of(self, positions: Iterable[int]) -> list[CopyGroup]:
        roots = {self._sets.find(p) for p in positions}
        groups = [self._group(self._sets.members(root)) for root in roots]
        return sorted(groups, key=lambda g: (-len(g.article_ids), self._canonical_key(self._position[g.canonical])))

    def _group(self, members: list[int]) -> CopyGroup:
        ordered = sorted(members, key=self._canonical_key)
        canonical = ordered[0]
        canonical_set = self._set(canonical)
        overlap = {self._ids[canonical]: 1.0}
        for position in ordered[1:]:
            overlap[self._ids[position]] = round(containment(self._set(position), canonical_set), 4)
        canonical_id = self._ids[canonical]
        return CopyGroup(
            id=group_id(canonical_id),
            article_ids=[self._ids[p] for p in ordered],
            canonical=canonical_id,
            overlap=overlap,
        )


def group_id(canonical_id: str) -> str:
    """A short stable id for the group whose canonical version is ``canonical_id``."""
    return "c" + xxhash.xxh64_hexdigest(canonical_id.encode(), SEED)


def find_copy_groups(
    articles: Sequence[Article],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    min_words: int = DEFAULT_MIN_WORDS,
    workers: int | None = None,
    engine: Engine | None = None,
) -> list[CopyGroup]:
    """Copy groups of ``articles``: each article in exactly one group (singletons included), largest first.

    The canonical version of a group is the earliest published, then the most complete (most words);
    ``overlap`` gives each member's containment with it. Deterministic and independent of input order.
    """
    _, groups = CopyIndex(threshold=threshold, min_words=min_words, workers=workers, engine=engine).add(articles)
    return groups  # every group holds a new article, so these are all the groups
