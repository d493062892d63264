"""Progress of long work, on one line of a terminal rewritten in place: how many done, the rate, the time left.

Shown only where a person watches: on an interactive terminal, never in a pipe, a log file or with ``--quiet``.

>>> import io
>>> out = io.StringIO()
>>> with Progress("articles read", stream=out, enabled=True, every=0) as progress:
...     progress.advance(3)
>>> out.getvalue().split("\\r")[-1].strip()
'articles read: 3 done'
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

Item = TypeVar("Item")


def watched(quiet: bool = False) -> bool:
    """Whether progress should be shown: not ``quiet``, and both output streams are terminals."""
    return not quiet and _is_terminal(sys.stdout) and _is_terminal(sys.stderr)


def _is_terminal(stream: TextIO | None) -> bool:
    try:
        return bool(stream and stream.isatty())
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


class Progress:
    """Counts work done; on a terminal, redraws ``label: done/total (rate/s, about N s left)`` now and then."""

    def __init__(
        self,
        label: str,
        total: int | None = None,
        *,
        stream: TextIO | None = None,
        enabled: bool = False,
        every: float = 0.5,
    ):
        self.label, self.total, self.done = label, total, 0
        self.stream = stream if stream is not None else sys.stderr
        self.enabled, self.every = enabled, every
        self._started = self._shown = time.monotonic()
        self._width = 0

    def advance(self, count: int = 1) -> None:
        self.done += count
        if self.enabled and time.monotonic() - self._shown >= self.every:
            self._draw()

    def line(self) -> str:
        """The progress line as it stands."""
        seconds = time.monotonic() - self._started
        rate = self.done / seconds if seconds > 0 else 0.0
        done = f"{self.done:,}/{self.total:,}" if self.total else f"{self.done:,} done"
        parts = [f"{self.label}: {done}"]
        if rate and seconds >= 1:
            left = f", about {_duration((self.total - self.done) / rate)} left" if self.total else ""
            parts.append(f" ({rate:,.0f}/s{left})")
        return "".join(parts)

    def _draw(self) -> None:
        text = self.line()
        self.stream.write("\r" + text.ljust(self._width))
        self.stream.flush()
        self._width = len(text)
        self._shown = time.monotonic()

    def close(self) -> None:
        """Draw the last count and end the line, so that what is printed next starts on a line of its own."""
        if self.enabled and self.done:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()
            self.enabled = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def counted(items: Iterable[Item], progress: Progress, kind: type | None = None) -> Iterator[Item]:
    """``items`` unchanged, advancing ``progress`` for each (each of type ``kind`` when given)."""
    for item in items:
        if kind is None or isinstance(item, kind):
            progress.advance()
        yield item


def _duration(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds < 90:
        return f"{seconds} s"
    if seconds < 5400:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"
