"""Settings: defaults, overridden by a TOML file, overridden by environment variables.

Every default lives here, once; the command line reads ``Settings`` and hands it to the API, which hands its parts
to the stages. A TOML file holds the fields under ``[storyline]`` and event clustering knobs under
``[storyline.events]`` (the fields of ``storyline.events.EventOptions``):

>>> settings = _apply(Settings(), {"summary_words": "60", "events": {"threshold": 0.35}}, "example")
>>> settings.summary_words, settings.events, settings.db
(60, {'threshold': 0.35}, 'storyline.db')
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

CONFIG_FILE = "storyline.toml"
ENV_PREFIX = "STORYLINE_"


DEFAULT_DB = "storyline.db"
DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024  # a larger file is refused (WARC: per record)
DEFAULT_SUMMARY_WORDS = 100
DIGEST_FORMATS = ("markdown", "json", "html")  # html: a static site readable from the file system
# Share of the smaller text's word 6-grams found in the other text for two articles to be copies; the middle of the
# plateau of the threshold sweep on the syndication dev set (docs/benchmarks.md).
DEFAULT_COPY_THRESHOLD = 0.6


@dataclass(slots=True, frozen=True)
class Settings:
    """Every setting a run uses; ``events`` holds event clustering options (defaults: ``EventOptions``)."""

    db: str = DEFAULT_DB
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    summary_words: int = DEFAULT_SUMMARY_WORDS
    copy_threshold: float = DEFAULT_COPY_THRESHOLD
    events: dict[str, Any] = field(default_factory=dict)
    # Bounded work per input (storyline.ingest.limits): an input over a limit is refused with its own message.
    max_decompressed_bytes: int = 256 * 1024 * 1024  # gzip data expanding past this is refused
    max_line_bytes: int = 16 * 1024 * 1024  # a longer line (JSONL record, text line, WARC header block)
    max_json_depth: int = 100  # deeper nesting of JSON arrays and objects
    seconds_per_file: float = 120.0  # reading one file (WARC: one record) taking longer is stopped
    html_full_extraction_tags: int = 40_000  # a page with more tags gets a cheaper extraction, linear in its size


def load_settings(config_path: str | Path | None = None) -> Settings:
    """Defaults < ``storyline.toml`` (or ``config_path``) < ``STORYLINE_*`` environment variables."""
    settings = Settings()
    path = Path(config_path) if config_path else Path(CONFIG_FILE)
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ValueError(f"{path}: invalid TOML ({error})") from None
        settings = _apply(settings, data.get("storyline", data), str(path))
    elif config_path:
        raise ValueError(f"{path}: no such config file")
    from_env = {
        f.name: os.environ[ENV_PREFIX + f.name.upper()]
        for f in fields(Settings)
        if f.name != "events" and ENV_PREFIX + f.name.upper() in os.environ
    }
    return _apply(settings, from_env, "environment")


def _apply(settings: Settings, values: dict, origin: str) -> Settings:
    known = {f.name: f.type for f in fields(Settings)}
    changes = {}
    for key, value in values.items():
        if key not in known:
            raise ValueError(f"{origin}: unknown setting '{key}' (known: {', '.join(known)})")
        kind = type(getattr(settings, key))
        if kind is dict:
            if not isinstance(value, dict):
                raise ValueError(f"{origin}: setting '{key}' must be a table of options, got {value!r}")
            changes[key] = dict(value)
            continue
        try:
            changes[key] = kind(value)
        except (TypeError, ValueError):
            raise ValueError(f"{origin}: setting '{key}' must be {kind.__name__}, got {value!r}") from None
    return replace(settings, **changes)
