"""The embedded store: one SQLite file holding articles, copy groups, events and analyses."""

from storyline.store.sqlite import Store, StoreError

__all__ = ["Store", "StoreError"]
