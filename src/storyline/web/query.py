"""What a person types into a search box, turned into an FTS5 query that cannot be a syntax error.

Every word is quoted, so punctuation (``U.S.``, ``don't``, ``C++``, a stray ``"``) is searched as text, never
read as syntax. A few habits of search boxes are kept: ``"exact phrase"``, ``word*`` for a prefix, ``OR`` between
words, and ``-word`` or ``NOT word`` to leave a word out. Words are otherwise all required.
"""

from __future__ import annotations

import re

MAX_QUERY_CHARS = 500
MAX_TERMS = 32
_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression for ``text``, or None when it holds nothing searchable.

    >>> fts_query('U.S. "trade talks" OR tariffs -Canada')
    '("U.S.") AND ("trade talks" OR "tariffs") NOT "Canada"'
    """
    text = _CONTROL.sub(" ", text[:MAX_QUERY_CHARS]).translate(_QUOTES)
    groups: list[list[str]] = []
    excluded: list[str] = []
    join_next = negate_next = False
    for match in _TOKEN.finditer(text):
        phrase, word = match.group(1), match.group(2)
        if phrase is None and word in ("OR", "AND", "NOT"):
            join_next = word == "OR" and bool(groups)
            negate_next = word == "NOT"
            continue
        negate = negate_next
        if phrase is None and word.startswith("-") and len(word) > 1:
            negate, word = True, word[1:]
        term = _term(phrase if phrase is not None else word, prefix=phrase is None and word.endswith("*"))
        if term is None:
            join_next = negate_next = False
            continue
        if negate:
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = negate_next = False
        if len(groups) + len(excluded) >= MAX_TERMS:
            break
    if not groups:
        return None
    expression = " AND ".join("(" + " OR ".join(group) + ")" for group in groups)
    for term in excluded:
        expression += f" NOT {term}"
    return expression


def _term(text: str, *, prefix: bool) -> str | None:
    text = text.rstrip("*") if prefix else text
    if not any(char.isalnum() for char in text):
        return None
    quoted = '"' + text.replace('"', '""') + '"'
    return quoted + "*" if prefix else quoted
