"""Bounded work per input: how many bytes, how long a line, how deep a nesting, how many seconds.

Every input is read within these limits; one over a limit is refused with a message naming the limit (the setting
that raises it) and the run goes on with the next input.
"""

from __future__ import annotations

import _signal
import os
import re
import signal
import stat
import threading
from dataclasses import dataclass, fields

from storyline.ingest.decode import UnreadableInput

MiB = 1024 * 1024
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


@dataclass(slots=True, frozen=True)
class Limits:
    max_file_bytes: int = 64 * MiB  # a larger file is refused (WARC: per record)
    max_decompressed_bytes: int = 256 * MiB  # gzip data expanding past this is refused
    max_line_bytes: int = 16 * MiB  # a longer line (JSONL record, text line, WARC header block) is refused
    max_json_depth: int = 100  # deeper nesting of JSON arrays and objects is refused
    seconds_per_file: float = 120.0  # reading one file (one WARC record) taking longer is stopped
    html_full_extraction_tags: int = 40_000  # larger pages get a cheaper extraction (the full one is superlinear)

    @classmethod
    def from_settings(cls, settings: object, **overrides) -> Limits:
        """The limits named in ``settings`` (any object with some of these attributes); ``None`` overrides skipped."""
        values = {f.name: getattr(settings, f.name) for f in fields(cls) if hasattr(settings, f.name)}
        values.update({key: value for key, value in overrides.items() if value is not None})
        return cls(**values)


class OverLimit(UnreadableInput):
    """An input over one of the limits."""


class ReadTimeout(BaseException):
    """Reading one input took longer than ``seconds_per_file``.

    A BaseException so that the ``except Exception`` blocks inside parsing libraries cannot swallow it.
    """


def over(what: str, size: int, limit: int, setting: str) -> OverLimit:
    return OverLimit(f"{what} over the limit of {limit:,} bytes ({size:,}; setting {setting})")


def read_file(path: str | os.PathLike, limit: int) -> bytes:
    """The content of a regular file or a pipe, at most ``limit`` bytes; devices and sockets are refused.

    A FIFO is opened without waiting for a writer, so one that nobody writes to reads as empty instead of blocking.
    """
    mode = os.stat(path).st_mode
    if stat.S_ISREG(mode):
        with open(path, "rb") as handle:
            return read_open_file(handle, limit)
    if not stat.S_ISFIFO(mode):
        kind = "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket or other special file"
        raise UnreadableInput(f"not a regular file ({kind}); give '-' to read from a pipe")
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    os.set_blocking(descriptor, True)
    with os.fdopen(descriptor, "rb") as handle:
        return read_stream(handle, limit)


def read_open_file(handle, limit: int) -> bytes:
    """The content of a regular file open for reading, at most ``limit`` bytes."""
    size = os.fstat(handle.fileno()).st_size
    if size > limit:
        raise over("file is", size, limit, "max_file_bytes")
    return read_stream(handle, limit, chunk_bytes=min(size + 1, MiB))  # a small file in one small read


def read_stream(stream, limit: int, *, chunk_bytes: int = MiB) -> bytes:
    """At most ``limit`` bytes of ``stream``; more is refused without reading it all."""
    chunks, size = [], 0
    while chunk := stream.read(min(chunk_bytes, limit + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise over("input is", size, limit, "max_file_bytes")
    return b"".join(chunks)


def longest_line(data: bytes) -> int:
    """Length of the longest line in ``data`` (numpy finds the line breaks without a Python loop)."""
    if len(data) < 1024:
        return max(map(len, data.split(b"\n")), default=0)
    import numpy as np

    breaks = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10)
    edges = np.concatenate(([-1], breaks, [len(data)]))
    return int(np.max(np.diff(edges)) - 1)


def check_lines(data: bytes, limits: Limits) -> None:
    if len(data) > limits.max_line_bytes and (size := longest_line(data)) > limits.max_line_bytes:
        raise over("a line is", size, limits.max_line_bytes, "max_line_bytes")


def json_depth(text: str, *, exact: bool = True) -> int:
    """How deeply arrays and objects nest in a JSON text; ``exact=False`` also counts brackets inside strings."""
    import numpy as np

    if exact:
        text = _JSON_STRING.sub('""', text)
    codes = np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    steps = np.isin(codes, (91, 123)).astype(np.int8) - np.isin(codes, (93, 125)).astype(np.int8)
    return int(np.max(np.cumsum(steps, dtype=np.int64), initial=0))


def check_json_depth(text: str, limits: Limits) -> None:
    """Refuse JSON nested deeper than the limit (a rough count first: strings can only add brackets)."""
    if text.count("[") + text.count("{") <= limits.max_json_depth:
        return
    if json_depth(text, exact=False) > limits.max_json_depth and (found := json_depth(text)) > limits.max_json_depth:
        raise OverLimit(
            f"JSON nested {found:,} deep, over the limit of {limits.max_json_depth} (setting max_json_depth)"
        )


class time_limit:  # lower case: used as a function, ``with time_limit(seconds):``
    """Raise ``ReadTimeout`` in the block after ``seconds`` (only in the main thread, where signals arrive; inside
    another ``time_limit`` the outer one holds).

    A class rather than a generator: it is entered twice for every file read, and costs less this way.
    """

    __slots__ = ("_previous", "_seconds")

    def __init__(self, seconds: float):
        self._seconds = seconds
        self._previous = None

    def __enter__(self) -> None:
        seconds = self._seconds
        usable = seconds and seconds > 0 and hasattr(signal, "setitimer")
        if (
            not usable
            or threading.current_thread() is not threading.main_thread()
            or signal.getitimer(signal.ITIMER_REAL)[0] > 0
        ):  # an outer limit is already running: it applies
            self._seconds = None
            return
        # _signal's own function: signal.signal's enum conversions cost more than reading a small page.
        self._previous = _signal.signal(signal.SIGALRM, _expire)
        signal.setitimer(signal.ITIMER_REAL, seconds)

    def __exit__(self, *exc) -> None:
        if self._seconds is None:
            return
        signal.setitimer(signal.ITIMER_REAL, 0)
        _signal.signal(signal.SIGALRM, self._previous)


def _expire(signum, frame):
    raise ReadTimeout()
