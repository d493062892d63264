"""Output folders: checked before any work, and every write failure said in one line naming the file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from storyline.safety import display_path


def prepare_output_folder(out: Path) -> None:
    """Create ``out`` (and ``out/events``) in an existing folder and make sure files can be written there.

    Raises ValueError (a usage error) saying what is wrong: a file where the folder should be, a missing parent
    folder, no permission, a read-only or special file system.
    """
    name = display_path(out)
    if out.exists() and not out.is_dir():
        raise ValueError(f"{name}: exists and is not a directory")
    parent = out.absolute().parent
    if not out.exists() and not parent.is_dir():
        what = "is not a folder" if parent.exists() else "does not exist"
        raise ValueError(f"{name}: cannot create the output folder: {display_path(parent)} {what}")
    try:
        (out / "events").mkdir(parents=not out.exists(), exist_ok=True)
        descriptor, probe = tempfile.mkstemp(dir=out / "events", prefix=".write-test-")
        os.close(descriptor)
        os.unlink(probe)
    except OSError as error:
        raise ValueError(f"{name}: cannot write the output there ({error.strerror or error})") from None


@contextmanager
def output_errors(out: Path) -> Iterator[None]:
    """Turn a failed write under ``out`` (disk full, permissions changed) into a one-line usage error."""
    try:
        yield
    except OSError as error:
        where = display_path(error.filename or out)
        raise ValueError(f"{where}: cannot write the output ({error.strerror or error})") from None
