"""The map step of ingest: what each batch of articles needs before it meets the indexes (copy sketches and
event features), and what the digest will take from each article, computed wherever the engine runs it; each
article's part depends on that article alone."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial

import numpy as np

from storyline.dedup.sketch import DEFAULT_MIN_WORDS, Sketches, sketch_texts
from storyline.engine import Engine
from storyline.events.options import EventOptions
from storyline.features import ArticleFeatures, featurize
from storyline.ids import suffixed_id
from storyline.model import Article


@dataclass(slots=True)
class PreparedBatch:
    """A batch of articles as read, with their sketches and features (None when left to the reduce step) and the
    analysers' products of each article (JSON text by article id; empty when left to the digest)."""

    articles: list[Article]
    sketches: Sketches | None = None
    features: ArticleFeatures | None = None
    bits: int = 0
    min_words: int = 0
    products: dict[str, str] = field(default_factory=dict)


def prepare_batch(articles: list[Article], *, bits: int, min_words: int, products: bool = False) -> PreparedBatch:
    """A map step: sketch and featurize ``articles``; with ``products``, also compute what the digest's analysers
    take from each article alone (``analysis.article_products``)."""
    texts = [article.text for article in articles]
    prepared = PreparedBatch(articles, sketch_texts(texts, min_words), featurize(articles, bits=bits), bits, min_words)
    if products:
        from storyline.analysis import article_products

        prepared.products = article_products(articles)
    return prepared


def stored_positions(batch: Sequence[Article], added: Sequence[Article]) -> list[int]:
    """Where the articles the store took (in order, some under a suffixed id) stand in ``batch``."""
    positions, j = [], 0
    for i, article in enumerate(batch):
        taken = j < len(added) and added[j].content_hash == article.content_hash
        if taken and added[j].id in (article.id, suffixed_id(article.id, article.content_hash)):
            positions.append(i)
            j += 1
    if j != len(added):
        raise ValueError("the stored articles are not a part of the batch")
    return positions


def take_sketches(sketches: Sketches, rows: Sequence[int]) -> Sketches:
    """The sketches of the articles at ``rows``, in that order."""
    if list(rows) == list(range(len(sketches))):
        return sketches
    rows = np.asarray(rows, dtype=np.int64)
    starts, ends = sketches.offsets[rows], sketches.offsets[rows + 1]
    picked = [sketches.shingles[a:b] for a, b in zip(starts.tolist(), ends.tolist())]
    return Sketches(
        words=sketches.words[rows],
        offsets=np.concatenate([[0], np.cumsum(ends - starts)]).astype(sketches.offsets.dtype),
        shingles=np.concatenate(picked) if picked else sketches.shingles[:0],
        signatures=sketches.signatures[rows],
    )


def take_features(features: ArticleFeatures, rows: Sequence[int]) -> ArticleFeatures:
    return features if list(rows) == list(range(features.body.shape[0])) else features.take(rows)


def prepared_batches(engine: Engine, batches: Iterable[list[Article]], events: Mapping) -> Iterator[PreparedBatch]:
    """``batches`` prepared by ``engine``. With one process the reduce step featurizes only the articles it stores,
    as it always has, and the articles' products are left to the digest, which spreads them over every core. With
    more, the map step computes them too: work the digest would do, moved to processes that otherwise idle part of
    the time, as the reduce step is serial."""
    if engine.workers <= 1:
        return (PreparedBatch(batch) for batch in batches)
    bits = EventOptions.from_mapping(events).bits
    return engine.map(partial(prepare_batch, bits=bits, min_words=DEFAULT_MIN_WORDS, products=True), batches)


def stored_products(prepared: PreparedBatch, added: Sequence[Article], versions: str) -> list[tuple[str, bytes]]:
    """The store's rows of the products prepared for the articles the store took under their own ids (one
    stored under a suffixed id is another article to its products)."""
    if not prepared.products:
        return []
    from storyline.products import pack, product_key

    rows = []
    for position, article in zip(stored_positions(prepared.articles, added), added):
        text = prepared.products.get(article.id)
        if text is not None and prepared.articles[position].id == article.id:
            rows.append((article.id, pack(product_key(article, versions), text)))
    return rows


def for_stored(
    prepared: PreparedBatch, added: Sequence[Article], *, bits: int, min_words: int
) -> tuple[Sketches | None, ArticleFeatures | None]:
    """The sketches and features of the articles the store took, where they were prepared with these settings."""
    if prepared.sketches is None or prepared.features is None:
        return None, None
    rows = stored_positions(prepared.articles, added)
    return (
        take_sketches(prepared.sketches, rows) if prepared.min_words == min_words else None,
        take_features(prepared.features, rows) if prepared.bits == bits else None,
    )
