"""Sketching many texts in chunks, with a local process pool where it pays."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

from storyline.dedup.sketch import Sketches, sketch_texts

# Inputs smaller than this are sketched in-process even when workers are allowed: a pool costs more than it saves.
_POOL_MIN_ARTICLES = 1000
_POOL_CHUNK = 500


def sketch_chunks(texts: list[str], min_words: int, workers: int | None) -> Iterator[Sketches]:
    """Sketches of ``texts``, chunk by chunk in order.

    With several workers and enough texts to pay for a pool, this process sketches every ``workers``-th chunk
    and ``workers - 1`` pool processes sketch the others, so the caller can index one chunk while the next ones
    are being sketched.
    """
    chunks = [texts[i : i + _POOL_CHUNK] for i in range(0, len(texts), _POOL_CHUNK)]
    workers = min(os.cpu_count() or 1, 8) if workers is None else workers
    if workers <= 1 or len(texts) < _POOL_MIN_ARTICLES:
        yield from (sketch_texts(chunk, min_words) for chunk in chunks)
        return
    with ProcessPoolExecutor(max_workers=workers - 1) as pool:
        pending = {i: pool.submit(sketch_texts, chunk, min_words) for i, chunk in enumerate(chunks) if i % workers}
        for i, chunk in enumerate(chunks):
            yield pending.pop(i).result() if i in pending else sketch_texts(chunk, min_words)
