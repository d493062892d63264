"""Reading many inputs as a map step: each file is read and cleaned wherever the engine runs it, and the articles
come back in the order ``read_paths`` gives them, with the same ids."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path

from storyline.engine import Engine
from storyline.ids import unique_articles
from storyline.ingest import _files_under, _folder_file, _read_path, read_paths
from storyline.ingest.limits import Limits
from storyline.model import Article, Problem
from storyline.safety import display_path


def read_paths_with(
    engine: Engine, paths: Iterable[str | Path], *, max_file_bytes: int | None = None, limits: Limits | None = None
) -> Iterator[Article | Problem]:
    """``read_paths(paths)``, each file read by ``engine`` (one process: ``read_paths`` itself)."""
    if engine.workers <= 1:
        yield from read_paths(paths, max_file_bytes=max_file_bytes, limits=limits)
        return
    limits = Limits.from_settings(limits or Limits(), max_file_bytes=max_file_bytes)
    results = engine.map(partial(read_job, limits=limits), _jobs(paths, limits))
    yield from unique_articles(item for items in results for item in items)


def read_job(job: tuple[str, object], *, limits: Limits) -> list[Article | Problem]:
    """A map step: the items of one input (``("path", path)``, ``("file", file in a folder)``) or items read
    already (``("items", items)``)."""
    kind, what = job
    if kind == "items":
        return list(what)  # type: ignore[call-overload]
    if kind == "file":
        return list(_folder_file(Path(what), limits))  # type: ignore[arg-type]
    return list(_read_path(what, limits))  # type: ignore[arg-type]


def _jobs(paths: Iterable[str | Path], limits: Limits) -> Iterator[tuple[str, object]]:
    """One job per file, in ``read_paths`` order; standard input is read here, where it is open."""
    for path in paths:
        if str(path) == "-":
            yield "items", list(_read_path(path, limits))
            continue
        try:
            is_dir = Path(path).is_dir()
        except (OSError, ValueError):
            is_dir = False  # the reading job says what is wrong with it
        if not is_dir:
            yield "path", path
            continue
        problems: list[Problem] = []
        files = _files_under(Path(path), problems)
        if problems or not files:
            yield "items", problems or [Problem(display_path(path), "directory holds no files")]
        for file in files:
            yield "file", file


__all__ = ["read_job", "read_paths_with"]
