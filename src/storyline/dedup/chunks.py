"""Sketching many texts chunk by chunk: a map step, run by whatever engine the caller chose."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from storyline.dedup.sketch import Sketches, sketch_texts
from storyline.engine import Engine, InProcess

# Inputs smaller than this are sketched in-process whatever the engine: a pool costs more than it saves.
_POOL_MIN_ARTICLES = 1000
_POOL_CHUNK = 500


def sketch_chunks(texts: list[str], min_words: int, engine: Engine) -> Iterator[Sketches]:
    """Sketches of ``texts``, chunk by chunk in order (with a ``LocalPool`` the caller can index one chunk while the
    next ones are being sketched)."""
    chunks = [texts[i : i + _POOL_CHUNK] for i in range(0, len(texts), _POOL_CHUNK)]
    if len(texts) < _POOL_MIN_ARTICLES:
        engine = InProcess()
    return engine.map(partial(sketch_texts, min_words=min_words), chunks)
