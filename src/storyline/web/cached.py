"""Responses answered from memory: the app's own static files, and rendered pages.

Static files are read once at start and answered before any routing. Pages link to ``/static/NAME?v=TAG``, where
TAG is a hash of the content, so a browser may keep a file for a year and still never use a stale one; a request
carrying the file's ETag gets a 304.
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections import OrderedDict
from pathlib import Path
from threading import Lock

PREFIX = "/static/"
LONG_CACHE = b"public, max-age=31536000, immutable"
SHORT_CACHE = b"public, max-age=300"  # a link without the content tag, or with an old one


class StaticAssets:
    """ASGI middleware: GET or HEAD under PREFIX is answered from memory; everything else goes to the app."""

    def __init__(self, app, files: dict[str, tuple[bytes, bytes, bytes]]):
        self.app = app
        self.files = files

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not path.startswith(PREFIX) or scope["method"] not in ("GET", "HEAD"):
            return await self.app(scope, receive, send)
        found = self.files.get(path[len(PREFIX) :])
        if found is None:
            return await self.app(scope, receive, send)  # the app's own 404 page
        body, content_type, etag = found
        tagged = b"v=" + etag.strip(b'"') in scope.get("query_string", b"").split(b"&")
        headers = [
            (b"content-type", content_type),
            (b"etag", etag),
            (b"cache-control", LONG_CACHE if tagged else SHORT_CACHE),
        ]
        if any(name == b"if-none-match" and etag in value for name, value in scope.get("headers", [])):
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})


class RenderedPages:
    """Rendered response bodies by a key that holds everything they show; the least recently used go first."""

    def __init__(self, slots: int):
        self.slots = slots
        self._bodies: OrderedDict[tuple, bytes] = OrderedDict()
        self._lock = Lock()

    def get(self, key: tuple) -> bytes | None:
        with self._lock:
            body = self._bodies.get(key)
            if body is not None:
                self._bodies.move_to_end(key)
            return body

    def put(self, key: tuple, body: bytes) -> bytes:
        with self._lock:
            self._bodies[key] = body
            while len(self._bodies) > self.slots:
                self._bodies.popitem(last=False)
        return body


def read_static(directory: Path) -> dict[str, tuple[bytes, bytes, bytes]]:
    """Each file of ``directory``: name -> (content, content type, ETag)."""
    return {path.name: _entry(path) for path in sorted(Path(directory).iterdir()) if path.is_file()}


def content_tag(files: dict[str, tuple[bytes, bytes, bytes]], name: str) -> str:
    return files[name][2].decode().strip('"')


def _entry(path: Path) -> tuple[bytes, bytes, bytes]:
    body = path.read_bytes()
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if kind.startswith("text/") or kind in ("application/javascript", "image/svg+xml"):
        kind += "; charset=utf-8"
    etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
    return body, kind.encode(), etag.encode()
