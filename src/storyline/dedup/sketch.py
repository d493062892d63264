"""Sketches of texts: word 6-gram shingle sets and one-permutation MinHash signatures, vectorised over chunks.

Words are the folded words of ``storyline.text.normalize``. Shingles made only of stopwords ("one of the most") are
the most frequent phrases of any English corpus and carry no evidence of copying, so they are dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from storyline.text import STOPWORDS
from storyline.text.normalize import folded

DEFAULT_MIN_WORDS = 25
SHINGLE_WORDS = 6
NUM_PERM = 128
BAND_ROWS = 2
NUM_BANDS = NUM_PERM // BAND_ROWS
SEED = 0x5C0FFEE

_U64 = np.uint64
_ROLL = _U64(0x100000001B3)  # odd multiplier: a shingle's hash depends on the order of its words
_BIN_BITS = 7  # NUM_PERM = 2 ** _BIN_BITS bins of one-permutation MinHash
_EMPTY = np.uint32(0xFFFFFFFF)  # an empty bin (ranks use 31 bits, so never this value)
# Densification: an empty bin borrows from bin _PROBES[t, bin] for the first attempt t that lands on a filled one.
_PROBES = np.random.default_rng(SEED).integers(0, NUM_PERM, (NUM_PERM, NUM_PERM))
_SPACE = 0x20

_BYTE_RANDOM = np.random.default_rng(SEED).integers(1, 2**63, 256, dtype=np.uint64)
_POLY = 0x9E3779B97F4A7C15  # odd, so its powers are invertible modulo 2**64


def _word_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of the folded words of ``texts`` concatenated, and each text's word count.

    A word starting at byte s has the polynomial hash sum(r[b_k] * P^(k-s)) over its bytes b_k (arithmetic
    modulo 2^64), read off prefix sums of r[b_k] * P^k for every byte of the chunk at once, then mixed.
    """
    parts = [folded(text) for text in texts]
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
class Sketches:
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
    def concatenate(cls, parts: Sequence[Sketches]) -> Sketches:
        if len(parts) == 1:
            return parts[0]
        shifts = np.cumsum([0] + [len(part.shingles) for part in parts[:-1]])
        return cls(
            words=np.concatenate([part.words for part in parts]),
            offsets=np.concatenate([[0]] + [part.offsets[1:] + shift for part, shift in zip(parts, shifts)]),
            shingles=np.concatenate([part.shingles for part in parts]),
            signatures=np.concatenate([part.signatures for part in parts]),
        )


def sketch_texts(texts: Sequence[str], min_words: int = DEFAULT_MIN_WORDS) -> Sketches:
    """Shingle sets and signatures of ``texts``; texts under ``min_words`` words get none (never grouped)."""
    all_hashes, words = _word_hashes(texts)
    groupable = words >= max(min_words, SHINGLE_WORDS)
    lengths = np.where(groupable, words, 0)
    token_hashes = all_hashes[np.repeat(groupable, words)]
    found = np.minimum(np.searchsorted(_STOP_HASHES, token_hashes), len(_STOP_HASHES) - 1)
    is_content = _STOP_HASHES[found] != token_hashes
    # Word SHINGLE_WORDS-grams that start in an article and end in the same article, with at least one content word.
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
    return Sketches(words, offsets, shingles, _signatures(owner, shingles, len(texts)))


def _signatures(owner: np.ndarray, shingles: np.ndarray, count: int) -> np.ndarray:
    """One-permutation MinHash with optimal densification (Shrivastava 2017), for ``count`` articles.

    Each shingle is rehashed once; its top bits pick one of NUM_PERM bins and the rest rank it within the bin.
    Two articles agree on a bin with probability close to their Jaccard similarity, as with NUM_PERM separate
    permutations, at the cost of one. Empty bins borrow from a filled bin chosen by a fixed probe sequence,
    the same for every article. Articles without shingles get a row of zeros.
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


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the smaller shingle set found in the other one (0.0 when either is empty)."""
    if not len(a) or not len(b):
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    found = np.searchsorted(b, a)
    found[found == len(b)] = 0
    return float(np.count_nonzero(b[found] == a)) / len(a)
