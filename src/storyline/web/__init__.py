"""The local web app over a store: ``storyline serve``. Its dependencies are imported only when it starts."""

from __future__ import annotations

import importlib.util
import socket
import sys
from pathlib import Path

WEB_PACKAGES = ("fastapi", "jinja2", "uvicorn")
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def require_web_packages() -> None:
    """A one-line error naming what to install when the web packages are missing."""
    missing = [name for name in WEB_PACKAGES if importlib.util.find_spec(name) is None]
    if missing:
        raise ValueError(f"the web app needs {', '.join(missing)}; install them with: pip install {' '.join(missing)}")


def serve(db: str | Path, *, host: str = "127.0.0.1", port: int = 8000, words: int = 100) -> int:
    """Serve the store at ``db`` until interrupted; prints the address to open."""
    require_web_packages()
    import uvicorn

    from storyline.web.app import create_app

    app = create_app(db, words=words)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
    except (OSError, OverflowError) as error:
        listener.close()
        raise ValueError(f"cannot listen on {host}:{port} ({getattr(error, 'strerror', None) or error})") from None
    listener.listen(2048)  # connections wait in the queue until the server takes them
    bound_port = listener.getsockname()[1]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    print(f"Storyline is serving {db} at http://{shown}:{bound_port}/ (Ctrl+C to stop)", flush=True)
    if host not in LOCAL_HOSTS:
        print(
            "storyline: warning: listening beyond this machine; anyone who can reach it can read the store",
            file=sys.stderr,
            flush=True,
        )
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    uvicorn.Server(config).run(sockets=[listener])
    app.state.cache.flush(timeout=5)
    return 0
