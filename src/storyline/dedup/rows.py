"""One opaque row per article, what the store persists of the copy index: settings, date, sketch and links."""

from __future__ import annotations

import struct
import sys
from dataclasses import dataclass

import numpy as np

from storyline.dedup.sketch import Sketch

_ROW_MAGIC = b"SLC1"
_ROW_HEAD = struct.Struct("<4sBBHfIIII")  # magic, shingle words, band rows, perms, threshold, min words,
#                                            words, shingles, links


@dataclass(slots=True)
class Row:
    """A stored row as it is kept in memory: the sketch's shingle set and signature stay the bytes they are stored
    as (little-endian unsigned 32-bit words), so restoring an index copies no arrays."""

    article_id: str
    published: str | None
    words: int
    shingles: bytes  # empty when the article has no sketch
    signature: bytes | None
    links: list[str]
    settings: tuple


def encode_row(
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


def _native(stored: bytes) -> bytes:
    return np.frombuffer(stored, dtype="<u4").astype(np.uint32).tobytes()


_SETTINGS: dict[bytes, tuple] = {}  # the settings part of a row's head -> its settings (the same in every row)
_NATIVE = sys.byteorder == "little"


def decode_row(article_id: str, data: bytes) -> Row:
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
        shingles = b""
        if n_shingles:
            end = offset + 4 * (perms + n_shingles)
            if end > len(data):
                raise ValueError("the sketch is cut short")
            signature = data[offset : offset + 4 * perms]
            shingles = data[offset + 4 * perms : end]
            if not _NATIVE:  # kept in memory as native words
                signature, shingles = (_native(part) for part in (signature, shingles))
            offset = end
        links = []
        for _ in range(n_links):
            (length,) = struct.unpack_from("<H", data, offset)
            if offset + 2 + length > len(data):
                raise ValueError("a link is cut short")
            links.append(data[offset + 2 : offset + 2 + length].decode())
            offset += 2 + length
    except (struct.error, UnicodeDecodeError, ValueError) as error:
        raise ValueError(f"corrupt copy index row for article {article_id!r}: {error}") from None
    head = data[4:16]  # shingle words, band rows, perms, threshold, min words
    settings = _SETTINGS.get(head)
    if settings is None:
        settings = _SETTINGS.setdefault(head, (shingle_words, band_rows, perms, round(threshold, 6), min_words))
    return Row(article_id, published, words, shingles, signature, links, settings)
