"""A mapping saved one row per key, read a key at a time: what a command asks of it, not the whole of it.

The event index maps every copy group to its topic and to its event: one entry per article stored, so reading
them all costs a command in proportion to the store. A batch looks up the groups of its own articles (and a few
copies'), so a ``SavedMapping`` reads those rows when asked and remembers which keys changed, for the next save.
Walking every entry (a merge of two topics repoints the groups of one) reads the rest once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, MutableMapping

Fetch = Callable[[list[str] | None], dict[str, int]]  # keys (None: all) -> the saved values of those found
_ABSENT = object()


class SavedMapping(MutableMapping[str, int]):
    """str -> int, backed by ``fetch`` for the keys not read yet (no ``fetch``: everything is in memory).

    >>> saved = {"g1": 4, "g2": 7}
    >>> mapping = SavedMapping(fetch=lambda keys: {k: saved[k] for k in (keys or saved) if k in saved})
    >>> mapping["g1"], "g3" in mapping, mapping.loaded()
    (4, False, 1)
    >>> mapping["g3"] = 5
    >>> sorted(mapping.items()), sorted(mapping.take_changed())
    ([('g1', 4), ('g2', 7), ('g3', 5)], ['g3'])
    """

    def __init__(self, items: dict[str, int] | None = None, fetch: Fetch | None = None) -> None:
        self._items: dict[str, int] = dict(items or {})
        self._missing: set[str] = set()  # asked for and not saved
        self._fetch = fetch  # None once every saved entry is in ``_items``
        self._changed: set[str] = set()  # keys set or deleted since ``take_changed``

    def prefetch(self, keys: Iterable[str]) -> None:
        """Read the saved entries of ``keys`` in one go (the ones a batch is about to look up)."""
        if self._fetch is None:
            return
        wanted = [key for key in dict.fromkeys(keys) if key not in self._items and key not in self._missing]
        if wanted:
            found = self._fetch(wanted)
            self._items.update(found)
            self._missing.update(key for key in wanted if key not in found)

    def loaded(self) -> int:
        """How many entries are in memory (read or set)."""
        return len(self._items)

    def take_changed(self) -> set[str]:
        """The keys set or deleted since the last call (their rows are to be written or deleted)."""
        changed, self._changed = self._changed, set()
        return changed

    def __getitem__(self, key: str) -> int:
        value = self._items.get(key, _ABSENT)
        if value is _ABSENT:
            self.prefetch([key])
            value = self._items.get(key, _ABSENT)
            if value is _ABSENT:
                raise KeyError(key)
        return value  # type: ignore[return-value]

    def __contains__(self, key: object) -> bool:
        if key in self._items:
            return True
        if self._fetch is None or not isinstance(key, str):
            return False
        self.prefetch([key])
        return key in self._items

    def __setitem__(self, key: str, value: int) -> None:
        if key not in self._items:
            self.prefetch([key])  # what is saved: an unchanged value needs no new row
        if self._items.get(key, _ABSENT) != value:
            self._items[key] = value
            self._missing.discard(key)
            self._changed.add(key)

    def __delitem__(self, key: str) -> None:
        if key not in self:
            raise KeyError(key)
        del self._items[key]
        self._missing.add(key)
        self._changed.add(key)

    def __iter__(self) -> Iterator[str]:
        self._read_all()
        return iter(self._items)

    def __len__(self) -> int:
        self._read_all()
        return len(self._items)

    def _read_all(self) -> None:
        if self._fetch is not None:
            found = self._fetch(None)
            for key, value in found.items():
                if key not in self._items and key not in self._missing:
                    self._items[key] = value
            self._fetch = None
            self._missing.clear()
