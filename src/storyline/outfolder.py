"""The digest output folder kept in step with the store: pages of unchanged events are not written again, and
pages of events that no longer exist are removed, so the folder holds exactly the current events.

A page's key covers what it is made from: the event (title, dates, outlets, members), its analysis cache key, the
code of the renderers and what else the page shows (its storyline's events and their file names, the formats
written); ``.rendered.json`` in the folder remembers the key of every page written.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from storyline.model import EventDigest

MANIFEST = ".rendered.json"
PAGE_SUFFIXES = (".md", ".json", ".html")  # every kind of event page, for removing those of gone events


@lru_cache(maxsize=1)
def _renderers() -> str:
    """A hash of the renderers' code: a changed renderer rewrites every page."""
    folder = Path(__file__).parent / "render"
    return hashlib.sha256(b"".join(path.read_bytes() for path in sorted(folder.glob("*.py")))).hexdigest()


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

    def up_to_date(self, name: str, key: str) -> bool:
        """Record page ``name`` (``events/...`` without suffix) with ``key``; True when it need not be written."""
        self._current[name] = key
        return self._previous.get(name) == key and all(
            (self.out / name).with_suffix(suffix).is_file() for suffix in self.suffixes
        )

    def finish(self) -> int:
        """Remove the event pages not recorded in this run and save the keys; return how many were removed."""
        removed = 0
        keep = {Path(name).name for name in self._current}
        for path in sorted((self.out / "events").glob("*")):
            if path.suffix in PAGE_SUFFIXES and path.with_suffix("").name not in keep and path.is_file():
                path.unlink()
                removed += 1
        (self.out / MANIFEST).write_text(json.dumps(self._current, indent=0, sort_keys=True), encoding="utf-8")
        return removed
