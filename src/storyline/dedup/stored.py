"""The copy index over a store: a batch loads only the stored articles that can be copies of its own.

Every groupable stored article's LSH band keys, and the digest of its shingle set, are kept as sorted runs
(``BandRuns``, state rows of kind ``copy-bands``): a batch looks its articles' keys up there, loads the copy index
rows of the articles found and of every member of their copy groups, and matches against those alone. An article
that shares no band key with a new one is never paired with it by the whole index either, so the groups are the
same. Runs are appended per batch and merged like a binary counter, so a batch writes what its articles add
(amortised) and a command reads the keys as arrays, with nothing to parse.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Sequence

import numpy as np
import xxhash

from storyline.dedup.bands import expand_ranges
from storyline.dedup.index import CopyIndex
from storyline.dedup.rows import decode_row
from storyline.dedup.sketch import (
    BAND_ROWS,
    NUM_BANDS,
    NUM_PERM,
    SEED,
    SHINGLE_WORDS,
    Sketches,
    band_keys,
    sketch_texts,
)
from storyline.model import Article, CopyGroup

COPY_INDEX = "copies"  # the index_rows kind of the copy index
BANDS_KIND = "copy-bands"  # the state_rows kind of the band runs
RUNS_VERSION = 1
_KEYS = NUM_BANDS + 1  # every band, then the shingle set's digest as one more band (it finds exact twins)
_COUNT = struct.Struct("<Q")
_BUILD_CHUNK = 10_000


def band_settings(min_words: int) -> tuple:
    """What the band keys of an article depend on."""
    return (SHINGLE_WORDS, BAND_ROWS, NUM_PERM, min_words)


def article_keys(signatures: np.ndarray, shingle_sets: Sequence[bytes]) -> np.ndarray:
    """(articles, NUM_BANDS + 1) uint64 keys: the band's number in the high bits, its key (for the last one, the
    shingle set's 32-bit digest) in the low 32."""
    keys = band_keys(signatures).astype(np.uint64)
    digests = np.fromiter((xxhash.xxh32_intdigest(s, SEED) for s in shingle_sets), np.uint64, len(shingle_sets))
    return np.concatenate([keys, digests[:, None]], axis=1) | (np.arange(_KEYS, dtype=np.uint64) << np.uint64(32))


class BandRuns:
    """The keys of every groupable stored article as sorted runs of (key, article seq)."""

    def __init__(self, settings: tuple, runs: list[tuple[str, np.ndarray, np.ndarray]], last_run: int) -> None:
        self.settings = settings
        self._runs = runs  # (row name, sorted keys, article seqs), largest first
        self._last = last_run

    @classmethod
    def load(cls, store, settings: tuple) -> BandRuns | None:
        """The stored runs, or None when the store has none made with ``settings`` (then ``build`` them)."""
        rows = dict(store.state_rows(BANDS_KIND))
        if "meta" not in rows:
            return None
        meta = json.loads(rows["meta"])
        if meta.get("version") != RUNS_VERSION or tuple(meta.get("settings", ())) != tuple(settings):
            return None
        return cls(tuple(settings), [(name, *_unpack_run(rows[name])) for name in meta["runs"]], meta["last"])

    @classmethod
    def build(cls, store, settings: tuple, min_words: int) -> BandRuns:
        """Runs made afresh from every stored copy index row (a store made before the runs, or a rebuild)."""
        seq_of = store.article_seqs()
        keys, seqs = [], []
        signatures: list[np.ndarray] = []
        shingle_sets: list[bytes] = []
        owners: list[int] = []

        def flush() -> None:
            if owners:
                keys.append(article_keys(np.array(signatures), shingle_sets).ravel())
                seqs.append(np.repeat(np.array(owners, dtype=np.uint32), _KEYS))
                signatures.clear(), shingle_sets.clear(), owners.clear()

        for article_id, data in store.index_rows(COPY_INDEX):
            row = decode_row(article_id, data)
            if row.signature is None or not row.shingles or row.words < min_words:
                continue
            signatures.append(np.frombuffer(row.signature, dtype=np.uint32))
            shingle_sets.append(row.shingles)
            owners.append(seq_of[article_id])
            if len(owners) >= _BUILD_CHUNK:
                flush()
        flush()
        store.clear_state_rows(BANDS_KIND)
        runs = cls(tuple(settings), [], 0)
        if keys:
            runs._append(store, np.concatenate(keys), np.concatenate(seqs))
        runs._save_meta(store)
        return runs

    def lookup(self, keys: np.ndarray) -> list[int]:
        """The seqs of the stored articles holding any of ``keys``, each once, in order."""
        found = []
        ordered = np.sort(keys)
        for _, run_keys, run_seqs in self._runs:
            low = np.searchsorted(run_keys, ordered, side="left")
            high = np.searchsorted(run_keys, ordered, side="right")
            found.append(run_seqs[expand_ranges(low, high)[1]])
        return np.unique(np.concatenate(found)).tolist() if found else []

    def add(self, store, keys: np.ndarray, seqs: np.ndarray) -> None:
        """Take in the keys of newly stored articles: a new run, merged with the last ones while they are small."""
        if len(keys):
            self._append(store, keys, seqs)
            self._save_meta(store)

    def _append(self, store, keys: np.ndarray, seqs: np.ndarray) -> None:
        order = np.argsort(keys, kind="stable")
        self._last += 1
        name, run_keys, run_seqs = f"run:{self._last}", keys[order], seqs[order].astype(np.uint32)
        gone = []
        while self._runs and len(self._runs[-1][1]) <= 2 * len(run_keys):
            old_name, old_keys, old_seqs = self._runs.pop()
            gone.append(old_name)
            merged = np.concatenate([old_keys, run_keys])
            order = np.argsort(merged, kind="stable")  # two sorted runs: timsort merges them in linear time
            run_keys, run_seqs = merged[order], np.concatenate([old_seqs, run_seqs])[order]
        self._runs.append((name, run_keys, run_seqs))
        store.put_state_rows(BANDS_KIND, {name: _pack_run(run_keys, run_seqs)}, gone)

    def _save_meta(self, store) -> None:
        meta = {"version": RUNS_VERSION, "settings": list(self.settings), "runs": [r[0] for r in self._runs]}
        store.put_state_rows(BANDS_KIND, {"meta": json.dumps({**meta, "last": self._last}).encode()})


def _pack_run(keys: np.ndarray, seqs: np.ndarray) -> bytes:
    return _COUNT.pack(len(keys)) + keys.astype("<u8").tobytes() + seqs.astype("<u4").tobytes()


def _unpack_run(data: bytes) -> tuple[np.ndarray, np.ndarray]:
    (count,) = _COUNT.unpack_from(data, 0)
    keys = np.frombuffer(data, dtype="<u8", count=count, offset=_COUNT.size).astype(np.uint64, copy=False)
    seqs = np.frombuffer(data, dtype="<u4", count=count, offset=_COUNT.size + 8 * count)
    return keys, seqs.astype(np.uint32, copy=False)


class StoredCopies:
    """The copy groups of a store, kept up to date batch by batch, loading only what each batch can touch.

    ``add`` runs inside the store's write transaction, after its articles were stored.
    """

    def __init__(self, store, *, threshold: float, min_words: int) -> None:
        self.threshold, self.min_words = threshold, min_words
        settings = band_settings(min_words)
        self._runs = BandRuns.load(store, settings) or BandRuns.build(store, settings, min_words)

    def add(
        self, store, articles: Sequence[Article], *, sketches: Sketches | None = None
    ) -> tuple[list[tuple[str, bytes]], list[CopyGroup]]:
        """As ``CopyIndex.add`` on the whole stored index: the new articles' rows and the groups they changed."""
        if not articles:
            return [], []
        if sketches is None:
            sketches = sketch_texts([article.text for article in articles], self.min_words)
        groupable = [
            i for i in range(len(articles)) if len(sketches[i].shingles) and sketches[i].words >= self.min_words
        ]
        shingle_sets = [sketches[i].shingles.astype("<u4").tobytes() for i in groupable]
        keys = article_keys(sketches.signatures[groupable], shingle_sets)
        index = CopyIndex(threshold=self.threshold, min_words=self.min_words)
        rows, groups = store.copy_neighbourhood(COPY_INDEX, self._runs.lookup(keys.ravel()))
        if not index.restore_groups(rows, groups):  # rows of other settings: matched again with the whole index
            index = CopyIndex.from_rows(
                store.index_rows(COPY_INDEX), threshold=self.threshold, min_words=self.min_words
            )
        new_rows, changed = index.add(articles, sketches=sketches)
        seq_of = store.article_seqs([articles[i].id for i in groupable])
        owners = np.array([seq_of[articles[i].id] for i in groupable], dtype=np.uint32)
        self._runs.add(store, keys.ravel(), np.repeat(owners, _KEYS))
        return new_rows, changed
