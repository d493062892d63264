"""The digest output folder kept in step with the store: pages of unchanged events are not written again, and
pages of events that no longer exist are removed, so the folder holds exactly the current events.

A page's key covers what it is made from: the event (title, dates, outlets, members), its analysis cache key, the
code of the renderers and what else the page shows (its storyline's events and their file names, the formats
written); ``.rendered.json`` in the folder remembers the key of every page written.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from storyline.model import EventDigest

MANIFEST = ".rendered.json"
PAGE_SUFFIXES = (".md", ".json", ".html")  # every kind of event page, for removing those of gone events


# What the renderers show through other modules' code (the quotes grouped by speaker, dates written out, outlets'
# names, storylines' timelines, the escaping of text), beside their own folder.
RENDERED_WITH = ("quotes/merge.py", "text/time_words.py", "ingest/outlets.py", "timelines.py", "safety.py")


@lru_cache(maxsize=1)
def _renderers() -> str:
    """A hash of the code pages are made with: a changed renderer rewrites every page."""
    package = Path(__file__).parent
    files = [*sorted((package / "render").glob("*.py")), *(package / name for name in RENDERED_WITH)]
    return hashlib.sha256(b"".join(path.read_bytes() for path in files)).hexdigest()


def page_key(digest: EventDigest, analysis_key: str, shown: object = None) -> str:
    """The key of one event's pages; ``shown``: anything else (JSON-able) the pages are made from."""
    event = digest.event
    facts = [
        shown,
        analysis_key,
        _renderers(),
        event.id,
        event.title,
        event.start,
        event.end,
        event.outlets,
        event.article_ids,
        [g.article_ids for g in digest.copy_groups],
    ]
    return hashlib.sha256(json.dumps(facts, ensure_ascii=False).encode()).hexdigest()[:32]


class RenderedPages:
    """Which event pages of ``out`` are up to date; ``finish`` removes the rest and records the keys."""

    def __init__(self, out: Path, suffixes: tuple[str, ...] = (".md", ".json")):
        self.out = Path(out)
        self.suffixes = suffixes  # the pages written in this run
        try:
            self._previous = json.loads((self.out / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._previous = {}
        if not isinstance(self._previous, dict):
            self._previous = {}
        self._current: dict[str, str] = {}
        self._files: set[str] | None = None  # the files in ``out/events``, listed once when first asked

    def up_to_date(self, name: str, key: str) -> bool:
        """Record page ``name`` (``events/...`` without suffix) with ``key``; True when it need not be written."""
        self._current[name] = key
        if self._previous.get(name) != key:
            return False
        if self._files is None:
            self._files = _files_in(self.out / "events")
        return all(_page_file(name, suffix) in self._files for suffix in self.suffixes)

    def finish(self) -> int:
        """Remove the event pages not recorded in this run and save the keys; return how many were removed."""
        removed = 0
        keep = {name.rsplit("/", 1)[-1] for name in self._current}
        folder = self.out / "events"
        for file_name in sorted(_files_in(folder)):
            stem, suffix = os.path.splitext(file_name)
            if suffix in PAGE_SUFFIXES and stem not in keep:
                (folder / file_name).unlink()
                removed += 1
        (self.out / MANIFEST).write_text(json.dumps(self._current, indent=0, sort_keys=True), encoding="utf-8")
        return removed


def _files_in(folder: Path) -> set[str]:
    """The names of the files in ``folder`` (links to files included), in one listing rather than a look per page."""
    with os.scandir(folder) as entries:
        return {entry.name for entry in entries if entry.is_file()}


def _page_file(name: str, suffix: str) -> str:
    """The file name of page ``name`` in ``suffix``'s format, as ``Path(name).with_suffix(suffix).name`` gives it."""
    base = name.rsplit("/", 1)[-1]
    return base + suffix if "." not in base else Path(base).with_suffix(suffix).name
