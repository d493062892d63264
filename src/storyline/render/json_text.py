"""Indented JSON text, as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it.

With an indent, the standard library encodes in Python, through generators and nested closures that refer to each
other: every call leaves a reference cycle for the cycle collector, and a digest writes two JSON texts per event.
This writer gives the same text, character for character, in about half the CPU and leaves no cycle. Strings go
through the standard library's own C escaping.
"""

from __future__ import annotations

from collections.abc import Callable
from json.encoder import encode_basestring

INDENT = "  "
_INFINITY = float("inf")


def indented_json(value: object) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``: the same text, or the same ``TypeError``."""
    parts: list[str] = []
    _write(value, parts.append, "\n")
    return "".join(parts)


def _write(value: object, write: Callable[[str], None], newline: str) -> None:
    # The checks come in the standard encoder's order, so a bool is never written as a number.
    if isinstance(value, str):
        write(encode_basestring(value))
    elif value is None:
        write("null")
    elif value is True:
        write("true")
    elif value is False:
        write("false")
    elif isinstance(value, int):
        write(int.__repr__(value))
    elif isinstance(value, float):
        write(_float_text(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            write("[]")
            return
        inner = newline + INDENT
        write("[" + inner)
        separator = None
        for item in value:
            if separator:
                write(separator)
            else:
                separator = "," + inner
            _write(item, write, inner)
        write(newline + "]")
    elif isinstance(value, dict):
        if not value:
            write("{}")
            return
        inner = newline + INDENT
        write("{" + inner)
        separator = None
        for key, item in value.items():
            if separator:
                write(separator)
            else:
                separator = "," + inner
            write(encode_basestring(_key_text(key)) + ": ")
            _write(item, write, inner)
        write(newline + "}")
    else:
        raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def _key_text(key: object) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _float_text(key)
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


def _float_text(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)
