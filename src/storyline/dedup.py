"""Copy groups: every republished copy of a story, exact or edited, grouped once.

How two articles come to share a group:

1. **Normalise** each text: known boilerplate lines (credits, copyright tails, "Advertisement", share prompts,
   "Published on ..." headers) are dropped, and house-style variants are folded ("U.S." = "US", "per cent" =
   "percent", "1,000" = "1000", "week-long" = "weeklong", case and quotes ignored).
2. **Shingle** the words into overlapping word 6-grams (seeded hashing, vectorised over whole chunks of texts)
   kept as a sorted set of 32-bit values. A run of six words repeated verbatim is rarely a coincidence, while
   syndication edits leave most sentences intact. Shingles made only of stopwords ("one of the most") are the
   most frequent phrases of any English corpus and carry no evidence of copying, so they are dropped.
3. **Propose** candidate pairs with locality-sensitive hashing: a 128-bin one-permutation MinHash per article
   (densified), cut into 64 bands of 2 bins; two articles sharing any band are candidates. Articles with the
   very
   same shingle set are joined directly and only one of them enters the bands.
4. **Verify** each candidate pair exactly: the share of the smaller article's shingles that the other one also
   contains (containment). Syndication trims endings and cuts teasers, so overlap is measured against the
   smaller text rather than the union. Pairs at or above ``threshold`` are copies. The default (0.6) sits in
   the
   middle of the plateau of a coarse sweep on the syndication dev set (docs/benchmarks.md).
5. **Group** copies with union-find (copies of copies belong together).

A pair's verdict depends on the two articles alone, never on the rest of the corpus, so the groups are a pure
function of the set of articles: independent of input order, of batch boundaries and of the process.
``CopyIndex`` adds articles incrementally and persists one opaque row per article; ``find_copy_groups`` is the
batch form of the same computation.
"""

from __future__ import annotations

import itertools
import os
import re
import struct
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np
import xxhash

from storyline.model import Article, CopyGroup
from storyline.text import STOPWORDS
from storyline.workers import exit_with_parent

DEFAULT_THRESHOLD = 0.6
DEFAULT_MIN_WORDS = 25
SHINGLE_WORDS = 6
NUM_PERM = 128
BAND_ROWS = 2
NUM_BANDS = NUM_PERM // BAND_ROWS
SEED = 0x5C0FFEE

# Inputs smaller than this are sketched in-process even when workers are allowed: a pool costs more than it saves.
_POOL_MIN_ARTICLES = 1000
_POOL_CHUNK = 500
# Sketched articles are matched against the index this many at a time: fewer, larger LSH lookups and runs.
_CONNECT_BATCH = 10_000

_U64 = np.uint64
_ROLL = _U64(0x100000001B3)  # odd multiplier: a shingle's hash depends on the order of its words
_BIN_BITS = 7  # NUM_PERM = 2 ** _BIN_BITS bins of one-permutation MinHash
_EMPTY = np.uint32(0xFFFFFFFF)  # an empty bin (ranks use 31 bits, so never this value)
# Densification: an empty bin borrows from bin _PROBES[t, bin] for the first attempt t that lands on a filled one.
_PROBES = np.random.default_rng(SEED).integers(0, NUM_PERM, (NUM_PERM, NUM_PERM))

# ---------------------------------------------------------------------------------------------------- Normalisation

# Lines that outlets add around a story and that say nothing about which story it is. Only short lines that
# start with one of these words, or that carry a copyright mark, are tested against the full pattern.
_BOILERPLATE = re.compile(
    r"""[^\w]*(?:
        advertisement | advertising | sponsored(?:\ content)?
      | share\ (?:this|on|via)\b | follow\ us\b | subscribe\b | sign\ up\b | click\ here\b
      | read\ more\b | related\ (?:articles?|stories|coverage)\b | more\ on\ this\ story\b
      | published\b | (?:last\ )?updated\b | posted\ (?:on|at|by)\b
      | (?:additional\ )?reporting\ by\b | (?:writing|editing|edited)\ by\b
      | (?:photo|image|picture|video)(?:\ credit)?\s*:
      | .*\b(?:copyright|all\ rights\ reserved)\b | .*(?:©|\(c\)\s*\d{4})
    )""",
    re.VERBOSE,
)
_BOILERPLATE_STARTS = frozenset(
    "advertisement advertising sponsored share follow subscribe sign click read related more published "
    "updated last posted reporting additional writing editing edited photo image picture video photo: image: "
    "video:".split()
)
_BOILERPLATE_MARKS = ("©", "(c)", "copyright", "rights reserved")
_BOILERPLATE_MAX_CHARS = 120
_BOILERPLATE_LEAD = "\"'“‘*-–—•|>[( \t"
_BOILERPLATE_PREFIXES = tuple(sorted(_BOILERPLATE_STARTS))
# Tokens are runs of letters, digits and the marks . , - (bytes; any non-ASCII byte counts as a letter), so that
# house-style variants can be folded once per distinct token. Unicode quotes and dashes separate words.
# After folding, a word is a run of ASCII letters and digits (any non-ASCII byte counts as a letter); every other
# byte separates words, except hyphens, which are deleted (week-long = weeklong).
_WORD_BYTES = bytes(
    c if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789" or c >= 0x80 else 0x20 for c in range(256)
)
_UNICODE_SEPARATORS = re.compile(
    "[\u00a0\u00ab\u00b7\u00bb\u2012-\u2015\u2018-\u201f\u2022\u2026\u2032\u2033]"
)
_UNICODE_HYPHENS = re.compile("[\u2010\u2011\u2212]")
_ACRONYM_DOT = re.compile(rb"\.(?<=\b[a-z]\.)(?=[a-z]\b)")  # the inner dots of u.s. / e.g.
_DIGIT_COMMA = re.compile(rb",(?<=\d,)(?=\d{3}\b)")  # 1,000
_SPACE = 0x20


def is_boilerplate_line(line: str) -> bool:
    """Whether a line is a known kind of page furniture (credit, copyright, share prompt, dateline header...).

    >>> is_boilerplate_line("Reporting by Jane Doe; editing by John Roe"), is_boilerplate_line("He said so.")
    (True, False)
    """
    lowered = line.strip().lower()
    if not lowered or len(lowered) > _BOILERPLATE_MAX_CHARS:
        return False
    first = lowered.lstrip(_BOILERPLATE_LEAD).split(None, 1)
    if not (first and first[0] in _BOILERPLATE_STARTS) and not any(
        mark in lowered for mark in _BOILERPLATE_MARKS
    ):
        return False
    return bool(_BOILERPLATE.match(lowered))


def _folded(text: str) -> bytes:
    """``text`` as lower-case, space-separated words: boilerplate dropped, house-style variants folded."""
    lowered = text.lower()
    lines = lowered.split("\n")
    if any(mark in lowered for mark in _BOILERPLATE_MARKS) or any(
        line.lstrip(_BOILERPLATE_LEAD).startswith(_BOILERPLATE_PREFIXES) for line in lines
    ):
        lowered = "\n".join(line for line in lines if not is_boilerplate_line(line))
    lowered = lowered.replace("per cent", "percent")
    if not lowered.isascii():
        lowered = _UNICODE_HYPHENS.sub("-", _UNICODE_SEPARATORS.sub(" ", lowered))
    data = _DIGIT_COMMA.sub(b"", _ACRONYM_DOT.sub(b"", lowered.encode()))
    return data.translate(_WORD_BYTES, b"-")


def normalized_words(text: str) -> list[str]:
    """The words of ``text`` as compared for copying: boilerplate lines dropped, house-style variants folded.

    >>> normalized_words("The U.S. economy grew 2 per cent, a week-long high.\nAdvertisement")
    ['the', 'us', 'economy', 'grew', '2', 'percent', 'a', 'weeklong', 'high']
    """
    return [word.decode(errors="replace") for word in _folded(text).split()]


# ----------------------------------------------------------------------------------------------------
# Word hashes, vectorised over all the bytes of a chunk of texts

_BYTE_RANDOM = np.random.default_rng(SEED).integers(1, 2**63, 256, dtype=np.uint64)
_POLY = 0x9E3779B97F4A7C15  # odd, so its powers are invertible modulo 2**64


def _word_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of the folded words of ``texts`` concatenated, and each text's word count.

    A word starting at byte s has the polynomial hash sum(r[b_k] * P^(k-s)) over its bytes b_k (arithmetic
    modulo
    2^64), read off prefix sums of r[b_k] * P^k for every byte of the chunk at once, then mixed.
    """
    parts = [_folded(text) for text in texts]
    data = np.frombuffer(b" " + b" ".join(parts) + b" ", dtype=np.uint8)
    in_word = data != _SPACE
    starts = np.flatnonzero(in_word[1:] & ~in_word[:-1]) + 1
    ends = np.flatnonzero(in_word[:-1] & ~in_word[1:]) + 1
    powers = np.full(len(data), _POLY, dtype=np.uint64)
    powers[0] = 1
    powers = np.cumprod(powers)
    prefix = np.zeros(len(data) + 1, dtype=np.uint64)
    np.cumsum(_BYTE_RANDOM[data] * powers, out=prefix[1:])
    hashes = _fmix64((prefix[ends] - prefix[starts]) * _inverse(powers[starts]))
    text_ends = np.cumsum([len(part) + 1 for part in parts])  # offset of the space after each text
    counts = np.diff(np.concatenate(([0], np.searchsorted(starts, text_ends))))
    return hashes, counts


def _inverse(odd: np.ndarray) -> np.ndarray:
    """Inverses modulo 2^64 of odd uint64 values (Newton's iteration doubles the correct bits: 3 -> 96)."""
    inverse = odd.copy()
    for _ in range(5):
        inverse = inverse * (_U64(2) - odd * inverse)
    return inverse


def _hash_words(words: Sequence[str]) -> np.ndarray:
    return _word_hashes([" ".join(words)])[0]


# ----------------------------------------------------------------------------------------------------
# Sketches: shingle sets and one-permutation MinHash signatures, vectorised over a chunk of articles


def _fmix64(x: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser, vectorised: spreads every input bit over the output."""
    x = x ^ (x >> _U64(33))
    x = x * _U64(0xFF51AFD7ED558CCD)
    x = x ^ (x >> _U64(33))
    x = x * _U64(0xC4CEB9FE1A85EC53)
    return x ^ (x >> _U64(33))


_STOP_HASHES = np.sort(_hash_words(sorted(STOPWORDS)))


@dataclass(slots=True)
class Sketch:
    """What the index keeps of an article: its word count and shingle set (empty when too short to group)."""

    words: int
    shingles: np.ndarray


@dataclass(slots=True)
class _Sketches:
    """Sketches of a chunk of articles in flat arrays (cheap to pass between processes)."""

    words: np.ndarray  # (n,) normalised word counts
    offsets: np.ndarray  # (n + 1,) article i's shingles are shingles[offsets[i]:offsets[i + 1]]
    shingles: np.ndarray  # sorted unique uint32 shingle hashes of each article, concatenated
    signatures: np.ndarray  # (n, NUM_PERM) uint32; zeros for articles without shingles

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, i: int) -> Sketch:
        return Sketch(int(self.words[i]), self.shingles[self.offsets[i] : self.offsets[i + 1]])

    @classmethod
    def concatenate(cls, parts: Sequence[_Sketches]) -> _Sketches:
        if len(parts) == 1:
            return parts[0]
        shifts = np.cumsum([0] + [len(part.shingles) for part in parts[:-1]])
        return cls(
            words=np.concatenate([part.words for part in parts]),
            offsets=np.concatenate([[0]] + [part.offsets[1:] + shift for part, shift in zip(parts, shifts)]),
            shingles=np.concatenate([part.shingles for part in parts]),
            signatures=np.concatenate([part.signatures for part in parts]),
        )


def sketch_texts(texts: Sequence[str], min_words: int = DEFAULT_MIN_WORDS) -> _Sketches:
    """Shingle sets and signatures of ``texts``; texts under ``min_words`` words get none (never grouped)."""
    all_hashes, words = _word_hashes(texts)
    groupable = words >= max(min_words, SHINGLE_WORDS)
    lengths = np.where(groupable, words, 0)
    token_hashes = all_hashes[np.repeat(groupable, words)]
    found = np.minimum(np.searchsorted(_STOP_HASHES, token_hashes), len(_STOP_HASHES) - 1)
    is_content = _STOP_HASHES[found] != token_hashes
    # Word 5-grams that start in an article and end in the same article, with at least one content word.
    ends = np.cumsum(lengths)
    count = max(len(token_hashes) - SHINGLE_WORDS + 1, 0)
    rolled = token_hashes[:count].copy()
    for offset in range(1, SHINGLE_WORDS):
        rolled = rolled * _ROLL + token_hashes[offset : offset + count]
    owner = np.repeat(np.arange(len(texts)), lengths)[:count]
    content = np.concatenate(([0], np.cumsum(is_content)))
    keep = (np.arange(count) + SHINGLE_WORDS <= ends[owner]) & (content[SHINGLE_WORDS:] > content[:count])
    values = (_fmix64(rolled[keep]) >> _U64(32)).astype(np.uint64)
    keyed = np.sort((owner[keep].astype(np.uint64) << _U64(32)) | values)
    keyed = keyed[np.concatenate((np.ones(min(len(keyed), 1), dtype=bool), keyed[1:] != keyed[:-1]))]
    owner = (keyed >> _U64(32)).astype(np.int64)
    shingles = (keyed & _U64(0xFFFFFFFF)).astype(np.uint32)
    offsets = np.searchsorted(owner, np.arange(len(texts) + 1))
    return _Sketches(words, offsets, shingles, _signatures(owner, shingles, len(texts)))


def _signatures(owner: np.ndarray, shingles: np.ndarray, count: int) -> np.ndarray:
    """One-permutation MinHash with optimal densification (Shrivastava 2017), for ``count`` articles.

    Each shingle is rehashed once; its top bits pick one of NUM_PERM bins and the rest rank it within the bin.
    Two articles agree on a bin with probability close to their Jaccard similarity, as with NUM_PERM separate
    permutations, at the cost of one. Empty bins borrow from a filled bin chosen by a fixed probe sequence,
    the
    same for every article. Articles without shingles get a row of zeros.
    """
    mixed = _fmix64(shingles.astype(np.uint64) ^ _U64(SEED))
    bins = (mixed >> _U64(64 - _BIN_BITS)).astype(np.int64)
    ranks = ((mixed & _U64(0xFFFFFFFF)) >> _U64(1)).astype(np.uint32)
    flat = np.full(count * NUM_PERM, _EMPTY, dtype=np.uint32)
    np.minimum.at(flat, owner * NUM_PERM + bins, ranks)
    signatures = flat.reshape(count, NUM_PERM)
    filled = signatures != _EMPTY
    has_any = filled.any(axis=1)
    pending = np.flatnonzero(has_any & ~filled.all(axis=1))
    original = signatures[pending]
    dense = original.copy()
    for probe in _PROBES:
        todo = dense == _EMPTY
        rows = np.flatnonzero(todo.any(axis=1))
        if not len(rows):
            break
        borrowed = original[rows][:, probe]
        fill = todo[rows] & (borrowed != _EMPTY)
        block = dense[rows]
        block[fill] = borrowed[fill]
        dense[rows] = block
    else:  # the few bins no probe reached take their article's smallest rank
        lowest = np.where(original == _EMPTY, _EMPTY, original).min(axis=1, keepdims=True)
        dense = np.where(dense == _EMPTY, lowest, dense)
    signatures[pending] = dense
    signatures[~has_any] = 0
    return signatures


def band_keys(signatures: np.ndarray) -> np.ndarray:
    """One 32-bit key per LSH band (``NUM_BANDS`` columns): the band's ``BAND_ROWS`` bins hashed together."""
    rows = signatures.astype(np.uint64).reshape(len(signatures), NUM_BANDS, BAND_ROWS)
    packed = rows[:, :, 0]
    for row in range(1, BAND_ROWS):
        packed = (packed << _U64(32)) | rows[:, :, row]
    return (_fmix64(packed + _U64(SEED)) >> _U64(32)).astype(np.uint32)


def sketch(text: str, min_words: int = DEFAULT_MIN_WORDS) -> Sketch:
    """The word count and shingle set of one text."""
    return sketch_texts([text], min_words)[0]


def _sketch_chunks(texts: list[str], min_words: int, workers: int | None) -> Iterator[_Sketches]:
    """Sketches of ``texts``, chunk by chunk in order.

    With several workers and enough texts to pay for a pool, this process sketches every ``workers``-th chunk
    and ``workers - 1`` pool processes sketch the others, so the caller can index one chunk while the next
    ones
    are being sketched.
    """
    chunks = [texts[i : i + _POOL_CHUNK] for i in range(0, len(texts), _POOL_CHUNK)]
    workers = min(os.cpu_count() or 1, 8) if workers is None else workers
    if workers <= 1 or len(texts) < _POOL_MIN_ARTICLES:
        yield from (sketch_texts(chunk, min_words) for chunk in chunks)
        return
    with ProcessPoolExecutor(max_workers=workers - 1, initializer=exit_with_parent) as pool:
        pending = {
            i: pool.submit(sketch_texts, chunk, min_words) for i, chunk in enumerate(chunks) if i % workers
        }
        for i, chunk in enumerate(chunks):
            yield pending.pop(i).result() if i in pending else sketch_texts(chunk, min_words)


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the smaller shingle set found in the other one (0.0 when either is empty)."""
    if not len(a) or not len(b):
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    found = np.searchsorted(b, a)
    found[found == len(b)] = 0
    return float(np.count_nonzero(b[found] == a)) / len(a)


# ----------------------------------------------------------------------------------------------------
# Sorted key runs: the LSH buckets, appendable and searchable without rebuilding


class _KeyRuns:
    """A multiset of (key, doc) pairs kept as sorted runs that merge like a binary counter.

    Appending a batch and looking keys up both cost O(log n) sorted searches, so the index grows incrementally
    without re-sorting everything on each batch.
    """

    __slots__ = ("_runs",)

    def __init__(self) -> None:
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []

    def __len__(self) -> int:
        return sum(len(keys) for keys, _ in self._runs)

    def nbytes(self) -> int:
        return sum(keys.nbytes + docs.nbytes for keys, docs in self._runs)

    def insert(self, keys: np.ndarray, docs: np.ndarray) -> None:
        if not len(keys):
            return
        order = np.argsort(keys, kind="stable")
        self._runs.append((keys[order], docs[order]))
        while len(self._runs) > 1 and len(self._runs[-2][0]) <= 2 * len(self._runs[-1][0]):
            (keys_a, docs_a), (keys_b, docs_b) = self._runs[-2], self._runs[-1]
            keys = np.concatenate((keys_a, keys_b))
            order = np.argsort(keys, kind="stable")  # two sorted runs: timsort merges them in linear time
            self._runs[-2:] = [(keys[order], np.concatenate((docs_a, docs_b))[order])]

    def lookup(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every (position in ``keys``, doc) whose stored key equals ``keys[position]``."""
        positions, docs = [], []
        order = np.argsort(
            keys, kind="stable"
        )  # sorted queries walk the runs in order: far fewer cache misses
        ordered = keys[order]
        for run_keys, run_docs in self._runs:
            low = np.searchsorted(run_keys, ordered, side="left")
            high = np.searchsorted(run_keys, ordered, side="right")
            query, found = _expand_ranges(low, high)
            positions.append(order[query])
            docs.append(run_docs[found])
        if not positions:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        return np.concatenate(positions), np.concatenate(docs).astype(np.int64)


def _expand_ranges(low: np.ndarray, high: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For ranges [low[i], high[i]): the range number and the index of each element, concatenated."""
    counts = high - low
    total = int(counts.sum())
    owner = np.repeat(np.arange(len(low)), counts)
    offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    return owner, np.repeat(low, counts) + offsets


def _pairs_within(keys: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All pairs of docs sharing a key (each pair once per shared key)."""
    order = np.argsort(keys, kind="stable")
    keys, docs = keys[order], docs[order]
    boundaries = np.flatnonzero(np.diff(keys)) + 1
    run_end = np.repeat(
        np.append(boundaries, len(keys)), np.diff(np.concatenate(([0], boundaries, [len(keys)])))
    )
    owner, partner = _expand_ranges(np.arange(len(keys)) + 1, run_end)
    return docs[owner], docs[partner]


# ---------------------------------------------------------------------------------------------------- The index


_ROW_MAGIC = b"SLC1"
_ROW_HEAD = struct.Struct("<4sBBHfIIII")  # magic, shingle words, band rows, perms, threshold, min words,
#                                            words, shingles, links


@dataclass(slots=True)
class _Row:
    article_id: str
    published: str | None
    sketch: Sketch
    signature: np.ndarray | None
    links: list[str]
    settings: tuple


class CopyIndex:
    """Incremental copy-group index; the store persists one opaque row per article.

    >>> index = CopyIndex()
    >>> rows, changed = index.add(articles)           # doctest: +SKIP
    >>> same = CopyIndex.from_rows(rows)               # doctest: +SKIP  (restores without the texts)

    Adding articles in any order or in any batches gives the same groups as ``find_copy_groups`` on all of
    them.
    """

    def __init__(
        self,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        min_words: int = DEFAULT_MIN_WORDS,
        workers: int | None = None,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        if min_words < 0:
            raise ValueError(f"min_words must be >= 0, got {min_words}")
        if workers is not None and workers < 1:
            raise ValueError(f"workers must be >= 1, got {workers}")
        self.threshold = float(threshold)
        self.min_words = int(min_words)
        self.workers = workers
        self._ids: list[str] = []
        self._position: dict[str, int] = {}
        self._published: list[str | None] = []
        self._words: list[int] = []
        self._shingles: list[bytes] = []
        self._parent: list[int] = []
        self._members: dict[int, list[int]] = {}  # root -> members, for groups of two or more
        self._bands = [_KeyRuns() for _ in range(NUM_BANDS)]
        self._digests = (
            _KeyRuns()
        )  # 32-bit digest of each distinct shingle set -> the article representing it

    # Public API

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._position

    @property
    def _settings(self) -> tuple:
        return (SHINGLE_WORDS, BAND_ROWS, NUM_PERM, round(self.threshold, 6), self.min_words)

    def add(self, articles: Sequence[Article]) -> tuple[list[tuple[str, bytes]], list[CopyGroup]]:
        """Index new articles; return (their rows to persist, groups whose membership or canonical changed).

        Each returned group supersedes any earlier group that held one of its articles.
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
        pending: list[_Sketches] = []
        done = 0
        chunks = _sketch_chunks([a.text for a in articles], self.min_words, self.workers)
        for sketches in itertools.chain(chunks, [None]):
            if sketches is not None:
                pending.append(sketches)
                if sum(map(len, pending)) < _CONNECT_BATCH:
                    continue
            if pending:
                batch = _Sketches.concatenate(pending)
                rows += self._index(articles[done : done + len(batch)], batch)
                done += len(batch)
                pending = []
        return rows, self._groups_of(range(first, len(self._ids)))

    def _index(self, articles: Sequence[Article], sketches: _Sketches) -> list[tuple[str, bytes]]:
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
                    _encode_row(
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
        parsed = [_decode_row(article_id, data) for article_id, data in rows]
        if not parsed:
            return index
        seen: set[str] = set()
        for row in parsed:
            if row.article_id in seen:
                raise ValueError(f"article {row.article_id!r} appears twice in the copy index rows")
            seen.add(row.article_id)
        replay = all(row.settings == index._settings for row in parsed) and all(
            link in seen for row in parsed for link in row.links
        )
        signatures = np.zeros((len(parsed), NUM_PERM), dtype=np.uint32)
        for i, row in enumerate(parsed):
            index._append(row.article_id, row.published, row.sketch)
            if row.signature is not None:
                signatures[i] = row.signature
        if not replay:
            index._connect(0, signatures)
            return index
        index._replay(signatures, [row.links for row in parsed])
        return index

    def groups(self) -> list[CopyGroup]:
        """Every article in exactly one group (singletons included), largest groups first."""
        return self._groups_of(range(len(self._ids)))

    def group_of(self, article_id: str) -> CopyGroup:
        if article_id not in self._position:
            raise ValueError(f"unknown article id {article_id!r}")
        return self._groups_of([self._position[article_id]])[0]

    def nbytes(self) -> int:
        """Approximate memory of the index's arrays and shingle sets (without Python object overhead)."""
        return (
            sum(len(s) for s in self._shingles)
            + sum(b.nbytes() for b in self._bands)
            + self._digests.nbytes()
        )

    # Internals

    def _append(self, article_id: str, published: str | None, item: Sketch) -> None:
        position = len(self._ids)
        self._ids.append(article_id)
        self._position[article_id] = position
        self._published.append(published)
        self._words.append(item.words)
        groupable = len(item.shingles) and item.words >= self.min_words
        self._shingles.append(item.shingles.tobytes() if groupable else b"")
        self._parent.append(position)

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
        is a
        copy of its twin, so the bands stay free of the cliques that mass republication would make.
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
        restores
        the groups, so they are what the rows persist.
        """
        links: dict[int, list[int]] = {}

        def join(a: int, b: int) -> None:
            if self._union(a, b):
                links.setdefault(max(a, b), []).append(min(a, b))

        twin, originals, keys = self._register(first, signatures)
        for duplicate, original in sorted(twin.items()):
            join(duplicate, original)
        pairs = []
        for band, runs in enumerate(self._bands):
            query, found = runs.lookup(keys[:, band])  # indexed articles, before this batch joins the bands
            pairs.append((originals[query], found))
            pairs.append(_pairs_within(keys[:, band], originals))
            runs.insert(keys[:, band], originals.astype(np.int32))
        size = len(self._ids)
        a = np.concatenate([pair[0] for pair in pairs])
        b = np.concatenate([pair[1] for pair in pairs])
        for code in np.unique(np.minimum(a, b) * size + np.maximum(a, b)).tolist():
            p, q = divmod(code, size)
            if self._find(p) == self._find(q):
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
                self._union(position, self._position[target])

    def _find(self, position: int) -> int:
        parent = self._parent
        while parent[position] != position:
            parent[position] = parent[parent[position]]
            position = parent[position]
        return position

    def _union(self, a: int, b: int) -> bool:
        root_a, root_b = self._find(a), self._find(b)
        if root_a == root_b:
            return False
        members_a = self._members.pop(root_a, None) or [root_a]
        members_b = self._members.pop(root_b, None) or [root_b]
        if len(members_a) < len(members_b):
            root_a, root_b, members_a, members_b = root_b, root_a, members_b, members_a
        self._parent[root_b] = root_a
        members_a.extend(members_b)
        self._members[root_a] = members_a
        return True

    def _canonical_key(self, position: int) -> tuple:
        published = self._published[position]
        return (published is None, published or "", -self._words[position], self._ids[position])

    def _groups_of(self, positions: Iterable[int]) -> list[CopyGroup]:
        roots = {self._find(p) for p in positions}
        groups = [self._group(self._members.get(root) or [root]) for root in roots]
        return sorted(
            groups, key=lambda g: (-len(g.article_ids), self._canonical_key(self._position[g.canonical]))
        )

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


def _encode_row(
    published: str | None, item: Sketch, signature: np.ndarray | None, links: list[str], settings: tuple
) -> bytes:
    shingle_words, band_rows, perms, threshold, min_words = settings
    published_bytes = (published or "").encode()
    link_bytes = [link.encode() for link in links]
    parts = [
        _ROW_HEAD.pack(
            _ROW_MAGIC,
            shingle_words,
            band_rows,
            perms,
            threshold,
            min_words,
            item.words,
            len(item.shingles) if signature is not None else 0,
            len(links),
        ),
        struct.pack("<BH", published is not None, len(published_bytes)),
        published_bytes,
    ]
    if signature is not None:
        parts += [signature.astype("<u4").tobytes(), item.shingles.astype("<u4").tobytes()]
    for link in link_bytes:
        parts += [struct.pack("<H", len(link)), link]
    return b"".join(parts)


def _decode_row(article_id: str, data: bytes) -> _Row:
    try:
        magic, shingle_words, band_rows, perms, threshold, min_words, words, n_shingles, n_links = (
            _ROW_HEAD.unpack_from(data, 0)
        )
        if magic != _ROW_MAGIC:
            raise ValueError("not a copy index row")
        offset = _ROW_HEAD.size
        has_date, date_length = struct.unpack_from("<BH", data, offset)
        offset += 3
        published = data[offset : offset + date_length].decode() if has_date else None
        offset += date_length
        signature = None
        shingles = np.empty(0, dtype=np.uint32)
        if n_shingles:
            signature = np.frombuffer(data, dtype="<u4", count=perms, offset=offset).astype(np.uint32)
            offset += 4 * perms
            shingles = np.frombuffer(data, dtype="<u4", count=n_shingles, offset=offset).astype(np.uint32)
            offset += 4 * n_shingles
        links = []
        for _ in range(n_links):
            (length,) = struct.unpack_from("<H", data, offset)
            links.append(data[offset + 2 : offset + 2 + length].decode())
            offset += 2 + length
    except (struct.error, UnicodeDecodeError, ValueError) as error:
        raise ValueError(f"corrupt copy index row for article {article_id!r}: {error}") from None
    settings = (shingle_words, band_rows, perms, round(threshold, 6), min_words)
    return _Row(article_id, published, Sketch(words, shingles), signature, links, settings)


# ----------------------------------------------------------------------------------------------------
# Batch form and explanations


def find_copy_groups(
    articles: Sequence[Article],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    min_words: int = DEFAULT_MIN_WORDS,
    workers: int | None = None,
) -> list[CopyGroup]:
    """Copy groups of ``articles``: each article in exactly one group (singletons included), largest first.

    The canonical version of a group is the earliest published, then the most complete (most words);
    ``overlap`` gives each member's containment with it. Deterministic and independent of input order.
    """
    _, groups = CopyIndex(threshold=threshold, min_words=min_words, workers=workers).add(articles)
    return groups  # every group holds a new article, so these are all the groups


def explain(
    a: Article, b: Article, *, threshold: float = DEFAULT_THRESHOLD, min_words: int = DEFAULT_MIN_WORDS
) -> dict:
    """The estimated and exact overlaps that make two articles copies of each other, or keep them apart."""
    sketches = sketch_texts([a.text, b.text], 0)
    sketch_a, sketch_b = sketches[0], sketches[1]
    set_a, set_b = sketch_a.shingles, sketch_b.shingles
    shared = int(np.intersect1d(set_a, set_b, assume_unique=True).size)
    union = len(set_a) + len(set_b) - shared
    too_short = [
        article.id
        for article, s in ((a, sketch_a), (b, sketch_b))
        if s.words < min_words or not len(s.shingles)
    ]
    estimated_jaccard = 0.0
    candidate = False
    if not too_short:
        signatures = sketches.signatures
        estimated_jaccard = float(np.mean(signatures[0] == signatures[1]))
        keys = band_keys(signatures)
        candidate = bool((keys[0] == keys[1]).any())
    contained = shared / min(len(set_a), len(set_b)) if shared else 0.0
    if too_short:
        reason = f"too short to group (under {min_words} words): {', '.join(too_short)}"
    elif not candidate:
        reason = "no shared LSH band: too little overlap to be proposed as a pair"
    elif contained >= threshold:
        reason = (
            f"copies: {contained:.0%} of the smaller text's word {SHINGLE_WORDS}-grams occur in the other "
            f"(threshold {threshold:.0%})"
        )
    else:
        reason = (
            f"not copies: only {contained:.0%} of the smaller text's word {SHINGLE_WORDS}-grams occur in the "
            f"other (threshold {threshold:.0%})"
        )
    return {
        "a": a.id,
        "b": b.id,
        "words": {a.id: sketch_a.words, b.id: sketch_b.words},
        "shingles": {a.id: int(len(set_a)), b.id: int(len(set_b))},
        "shared_shingles": shared,
        "containment": round(contained, 4),
        "jaccard": round(shared / union, 4) if union else 0.0,
        "estimated_jaccard": round(estimated_jaccard, 4),
        "lsh_candidate": candidate,
        "threshold": threshold,
        "min_words": min_words,
        "copies": bool(candidate and not too_short and contained >= threshold),
        "reason": reason,
    }


def iter_batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Consecutive lists of ``size`` articles (the last may be shorter)."""
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
