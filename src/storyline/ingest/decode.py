"""Bytes to text: the declared or detected encoding, and a refusal for binary data."""

from __future__ import annotations

import charset_normalizer


class UnreadableInput(ValueError):
    """The input is not something Storyline can read; the message says why in one line."""


def decode(data: bytes) -> str:
    """Decode ``data`` as UTF-8 (BOM allowed), else as the encoding that best explains it."""
    if not data.strip():
        raise UnreadableInput("empty file")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableInput("binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data[:1_000_000]).best()
    if best is None:
        raise UnreadableInput("binary data or unknown text encoding")
    text = data.decode(best.encoding, errors="replace")
    if _control_ratio(text) > 0.05:
        raise UnreadableInput("binary data, not text")
    return text


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / len(sample)
