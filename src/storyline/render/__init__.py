"""Output formats: Markdown for people, JSON for programs."""

from storyline.render.json import digest_to_json, index_to_json, summary_to_json
from storyline.render.markdown import digest_to_markdown, index_to_markdown, summary_to_markdown

__all__ = [
    "digest_to_json",
    "digest_to_markdown",
    "index_to_json",
    "index_to_markdown",
    "summary_to_json",
    "summary_to_markdown",
]
