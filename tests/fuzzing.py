"""Damaged inputs in every format, made from the bundled examples: the test suite and ``bench/fuzz.py`` share them.

A case is ``(name, bytes)``: a file name (its suffix matters to format detection) and content made by applying one
to three random mutations to an example file of one format.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import random
import re
import zlib
from collections.abc import Callable
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def seeds() -> dict[str, list[tuple[str, bytes]]]:
    """Example inputs by format: text, markdown, html, feed, json, jsonl, warc, warc.gz, gzip."""
    found: dict[str, list[tuple[str, bytes]]] = {}

    def add(kind: str, name: str, data: bytes) -> None:
        found.setdefault(kind, []).append((name, data))

    for path in sorted(EXAMPLES.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".txt":
            add("text", path.name, data)
            add("gzip", path.name + ".gz", gzip.compress(data, mtime=0))
        elif path.suffix == ".md":
            add("markdown", path.name, data)
        elif path.suffix == ".html":
            add("html", path.name, data)
        elif path.suffix == ".xml":
            add("feed", path.name, data)
        elif path.suffix == ".jsonl":
            add("jsonl", path.name, data)
            records = [json.loads(line) for line in data.decode().splitlines() if line.strip()]
            add("json", "export.json", json.dumps({"articles": records[:4]}).encode())
            add("json", "one.json", json.dumps(records[0]).encode())
        elif path.name.endswith(".warc.gz"):
            add("warc.gz", path.name, data)
            add("warc", path.name[:-3], gzip.decompress(data))
    return found


# Mutations: each takes (data, rng) and returns new bytes.


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)] if data else data


def insert_nul(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + b"\x00" * rng.choice((1, 2, 64)) + data[at:]


def wrong_encoding(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", "replace")
    choice = rng.randrange(6)
    if choice == 0:
        return text.encode("utf-16")
    if choice == 1:
        return text.encode("latin-1", "replace")
    if choice == 2:
        return b"\xef\xbb\xbf" + data  # a BOM where none is expected
    if choice == 3:
        return data.replace(b"e", b"\xe9", rng.randint(1, 20))  # Latin-1 bytes inside UTF-8
    if choice == 4:
        return text.encode("utf-32")
    return data + b"\xed\xa0\x80 \xff\xfe"  # an encoded surrogate and bytes UTF-8 never uses


def deep_nesting(data: bytes, rng: random.Random) -> bytes:
    depth = rng.choice((200, 2000, 20000))
    at = rng.randrange(len(data) + 1)
    opener, closer = rng.choice(((b"[", b"]"), (b'{"a":', b"}"), (b"<div>", b"</div>"), (b"<item>", b"</item>")))
    return data[:at] + opener * depth + closer * rng.choice((0, depth)) + data[at:]


def wrong_json_types(data: bytes, rng: random.Random) -> bytes:
    values = [
        b"null",
        b"[]",
        b"{}",
        b"0",
        b"-1e999",
        b"true",
        b'[{"a": 1}]',
        b'{"name": [1]}',
        b'"\\ud800"',
        b'"\\u0000"',
        b"1.5",
        b'""',
    ]
    keys = rng.sample(("text", "title", "id", "published", "source", "url", "author", "language", "articles"), 3)
    for key in keys:
        data = re.sub(
            rb'("%s"\s*:\s*)("(?:[^"\\]|\\.)*"|[^,}\]]+)' % key.encode(),
            lambda match: match.group(1) + rng.choice(values),
            data,
            count=rng.randint(1, 3),
        )
    return data


def break_markup(data: bytes, rng: random.Random) -> bytes:
    choice = rng.randrange(7)
    if choice == 0:
        return re.sub(rb"</\w+(?::\w+)?>", b"", data, count=rng.randint(1, 50))
    if choice == 1:
        return re.sub(rb">[^<]{1,200}<", b"><", data, count=rng.randint(1, 40))  # empty elements
    if choice == 2:
        return re.sub(
            rb'encoding="[^"]*"',
            rng.choice((b'encoding="ut\xfff-8"', b'encoding="nope"', b'encoding="utf-16"', b'encoding=""')),
            data,
        )
    if choice == 3:
        return data.replace(b"<title>", b"<title>&undefined;&#0;&#xd800;&#x110000;", 3)
    if choice == 4:
        return b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>' + data
    if choice == 5:
        return data.replace(b"<", b"<<", rng.randint(1, 30))
    return data.replace(b"<item>", b"<item><item>", 2).replace(b"<entry>", b"", 1)


def break_warc_headers(data: bytes, rng: random.Random) -> bytes:
    if data.startswith(b"\x1f\x8b"):
        with contextlib.suppress(OSError, EOFError, zlib.error):
            data = gzip.decompress(data)
    replacement = rng.choice(
        (
            b"Content-Length: 0",
            b"Content-Length: -1",
            b"Content-Length: 99999999999999999999",
            b"Content-Length: abc",
            b"Content-Length: 10",
            b"X-Nothing: here",
            b"",
            b"Content-Length: 1" + b"0" * 40,
        )
    )
    data = re.sub(rb"Content-Length: \d+", replacement, data, count=rng.randint(1, 4))
    if rng.random() < 0.3:
        data = data.replace(b"WARC/1.", rng.choice((b"WARC/9.", b"WARX/1.", b"warc/1.")), rng.randint(1, 3))
    if rng.random() < 0.3:
        data = data.replace(b"\r\n\r\n", b"\r\n", rng.randint(1, 3))
    return gzip.compress(data, mtime=0) if rng.random() < 0.5 else data


def splice(data: bytes, rng: random.Random) -> bytes:
    if len(data) < 4:
        return data * 2
    a, b = sorted(rng.sample(range(len(data)), 2))
    return data[:a] + data[a:b] * rng.randint(2, 5) + data[b:]


def insert_controls(data: bytes, rng: random.Random) -> bytes:
    junk = rng.choice((b"\x1b[2J\x1b]0;t\x07", b"\x7f\x9b", "\u202e\u2028".encode(), b"\r\r\n\x0c\x0b"))
    at = rng.randrange(len(data) + 1)
    return data[:at] + junk + data[at:]


MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "flip": flip_bytes,
    "truncate": truncate,
    "nul": insert_nul,
    "encoding": wrong_encoding,
    "nesting": deep_nesting,
    "json-types": wrong_json_types,
    "markup": break_markup,
    "warc-headers": break_warc_headers,
    "splice": splice,
    "controls": insert_controls,
}
# Mutations that make sense for each format (all get the generic ones).
_GENERIC = ("flip", "truncate", "nul", "encoding", "splice", "controls", "nesting")
FOR_FORMAT = {
    "json": _GENERIC + ("json-types", "json-types"),
    "jsonl": _GENERIC + ("json-types", "json-types"),
    "feed": _GENERIC + ("markup", "markup"),
    "html": _GENERIC + ("markup",),
    "warc": _GENERIC + ("warc-headers", "warc-headers"),
    "warc.gz": _GENERIC + ("warc-headers", "warc-headers"),
}


def make_case(
    kind: str, seed_index: int, rng: random.Random, pool: dict[str, list[tuple[str, bytes]]]
) -> tuple[str, bytes, list[str]]:
    """One damaged input of format ``kind``: its file name, content and the mutations applied."""
    name, data = pool[kind][seed_index % len(pool[kind])]
    applied = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        mutation = rng.choice(FOR_FORMAT.get(kind, _GENERIC))
        data = MUTATIONS[mutation](data, rng)
        applied.append(mutation)
    return name, data, applied


def run_cli(path: Path) -> tuple[int, str]:
    """``storyline read --json PATH`` in this process: its exit code, and the traceback if one escaped."""
    import traceback

    from storyline.cli import main

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
        try:
            code = main(["read", "--json", str(path)])
        except BaseException:
            return -1, traceback.format_exc()
    return code, err.getvalue()
