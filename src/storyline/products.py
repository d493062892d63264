"""What an event's analysis computes from one article alone, kept in the store and reused when the event is analysed
again.

An event that gains articles is analysed again over all its articles, most of which the previous digest analysed.
Some parts of that analysis depend on one article alone: its quotes and entities, the short title cut from its lead,
its sentences' candidate versions for the summary, a copy's variant against its canonical. These are the article's
*products*: an analyser asks for one through ``product`` (or ``products_of`` for a batch), which gives the stored
value when there is one and otherwise computes it and keeps it for the store. The event-level assembly (weights,
selection, merging, ordering, comparing across articles) always runs again, so a reused product gives exactly what
computing it gives. (Stems and concepts are not kept: reading them back costs about what taking them does.)

Products are stored per article (``index_rows`` of kind ``PRODUCTS``) under a key of everything they are computed
from (``product_key``: the article's id, text hash, language, paragraphs and title, ``PRODUCTS_VERSION``, every
analyser's version and the parser's): a changed text or a new analyser version computes them again. Outside
``reusing`` (a plain call of an analyser) nothing is kept and every product is computed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from storyline.model import Article

T = TypeVar("T")

PRODUCTS = "analysis-products"
# Bump when what a product holds, or how it is computed, changes without an analyser's version changing.
PRODUCTS_VERSION = 1

_ACTIVE: list[Reuse] = []


class Reuse:
    """The products of one event's articles: those stored (JSON text by article id) and those computed now."""

    def __init__(self, stored: Mapping[str, str] | None = None) -> None:
        self._stored = stored or {}
        self._parts: dict[str, dict[str, dict[str, Any]]] = {}
        self.changed: set[str] = set()

    def parts(self, kind: str, article_id: str) -> dict[str, Any]:
        products = self._parts.get(article_id)
        if products is None:
            products = self._parts[article_id] = _parsed(self._stored.get(article_id))
        return products.setdefault(kind, {})

    def computed(self) -> dict[str, str]:
        """The products of every article that gained one, as JSON text by article id (for the store)."""
        return {article_id: json.dumps(self._parts[article_id], separators=(",", ":")) for article_id in self.changed}


def _parsed(text: str | None) -> dict[str, dict[str, Any]]:
    """Stored products; damaged ones count as none (computed again and stored anew)."""
    try:
        products = json.loads(text) if text else {}
    except ValueError:
        return {}
    return products if isinstance(products, dict) and all(isinstance(p, dict) for p in products.values()) else {}


@contextmanager
def reusing(stored: Mapping[str, str] | None = None) -> Iterator[Reuse]:
    """Within the block, ``product`` serves and keeps products (``stored``: JSON text by article id)."""
    reuse = Reuse(stored)
    _ACTIVE.append(reuse)
    try:
        yield reuse
    finally:
        _ACTIVE.pop()


def product(
    kind: str,
    article_id: str,
    part: str,
    compute: Callable[[], T],
    dump: Callable[[T], Any] = lambda value: value,
    load: Callable[[Any], T] = lambda data: data,
) -> T:
    """Part ``part`` of the article's product ``kind``: stored, else ``compute()`` (kept as ``dump`` of it; a
    stored one is given back through ``load``). ``dump`` must return JSON data that ``load`` turns back into an
    equal value."""
    if not _ACTIVE:
        return compute()
    reuse = _ACTIVE[-1]
    parts = reuse.parts(kind, article_id)
    if part in parts:
        return load(parts[part])
    value = compute()
    parts[part] = dump(value)
    reuse.changed.add(article_id)
    return value


def products_of(
    kind: str,
    articles: Sequence[Article],
    compute: Callable[[list[Article]], list[T]],
    dump: Callable[[T], Any],
    load: Callable[[Any], T],
) -> list[T]:
    """``compute(articles)`` (one value per article, computed from that article alone), with the stored values
    reused: only the articles without one go to ``compute``, in one call."""
    if not _ACTIVE:
        return compute(list(articles))
    reuse = _ACTIVE[-1]
    values: list[Any] = [None] * len(articles)
    missing = []
    for n, article in enumerate(articles):
        parts = reuse.parts(kind, article.id)
        if "value" in parts:
            values[n] = load(parts["value"])
        else:
            missing.append(n)
    if missing:
        for n, value in zip(missing, compute([articles[n] for n in missing])):
            reuse.parts(kind, articles[n].id)["value"] = dump(value)
            reuse.changed.add(articles[n].id)
            values[n] = value
    return values


def product_key(article: Article, versions: str) -> str:
    """What an article's products are computed from: a changed text, title, language or paragraph, or a new
    analyser (``versions``), gives another key."""
    key = hashlib.sha256(f"products@{PRODUCTS_VERSION};{versions};".encode())
    fields = (article.id, article.content_hash, article.language, article.title, article.title_source)
    key.update(json.dumps([*fields, [list(span) for span in article.paragraphs]]).encode())
    if not article.content_hash:  # an article built in memory: its text itself
        key.update(article.text.encode())
    return key.hexdigest()[:32]


def pack(key: str, products: str) -> bytes:
    """A stored row: the key, then the products' JSON."""
    return f"{key}\n{products}".encode()


def unpack(row: bytes, key: str) -> str | None:
    """The products' JSON of a stored row, None when it was stored under another key (stale)."""
    head, _, products = bytes(row).decode(errors="replace").partition("\n")
    return products if head == key else None
