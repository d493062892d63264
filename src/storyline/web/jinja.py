"""The Jinja2 environment of every page: autoescaping always on, templates loaded from this package."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"


@lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, FileSystemLoader

    # auto_reload off: templates are part of the package, so no file is checked on each page
    return Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True, auto_reload=False
    )
