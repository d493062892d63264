"""Many write transactions in a row (an ingest, batch after batch): the log copied back into the database file by a
thread of its own after each commit, instead of inside whichever commit fills the log.

In WAL mode a commit appends the transaction's pages to the log; once the log holds 1,000 pages, the committing
connection copies them into the database file before the commit returns (a checkpoint). On a large store that copy
is a large share of every batch's commit. Here a second connection copies them while the command goes on with the
next batch: SQLite lets one checkpoint run beside one writer, and Python's sqlite3 lets other threads run meanwhile.
What is stored is the same; only when the pages reach the database file changes.
"""

from __future__ import annotations

import sqlite3
import threading

# Pages a transaction may keep in memory before writing them to the log (negative: KiB). SQLite's default, 2 MB,
# is less than a batch changes, so its pages were spilled to the log while it ran, some of them more than once.
BULK_CACHE_KIB = 65536
# The connection's settings while it writes in bulk (each comes back after): no checkpoints of its own.
BULK_SETTINGS = {"cache_size": -BULK_CACHE_KIB, "wal_autocheckpoint": 0}
# Every this many commits the next transaction waits for the last checkpoint, so the log starts over (below).
RESTART_EVERY = 4


class BackgroundCheckpoints:
    """A thread that checkpoints the store at ``path`` each time ``request`` is called (``PASSIVE``: it never waits
    for the writer and never holds it up; what a checkpoint leaves is copied by the next one)."""

    def __init__(self, path: str, *, restart_every: int = RESTART_EVERY) -> None:
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._wanted = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._stopping = False
        self.restart_every, self._commits = restart_every, 0
        self.done = 0  # checkpoints run, for tests
        self._thread = threading.Thread(target=self._run, name="storyline-checkpoints", daemon=True)
        self._thread.start()

    def request(self) -> None:
        """After a commit: copy what it wrote."""
        self._commits += 1
        self._idle.clear()
        self._wanted.set()

    def before_write(self) -> None:
        """Before a transaction begins: every ``restart_every`` commits, wait for the checkpoint of the last one.
        SQLite writes the log from its start again only when the writer's transaction began with the whole log
        copied; a transaction begun while the copy runs appends to it, and so would every batch."""
        if self._commits >= self.restart_every:
            self._idle.wait()
            self._commits = 0

    def _run(self) -> None:
        while True:
            self._wanted.wait()
            self._wanted.clear()
            if self._stopping:
                self._idle.set()
                return
            try:
                self._db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                self.done += 1
            except sqlite3.Error:
                pass  # the next request, or the writer's own checkpoints once this ends, copy what is left
            finally:
                if not self._wanted.is_set():  # no commit since: all is copied
                    self._idle.set()

    def close(self) -> None:
        """Stop the thread (after the checkpoint it is running) and close its connection."""
        self._stopping = True
        self._wanted.set()
        self._thread.join()
        self._db.close()
