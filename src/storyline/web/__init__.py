"""The local web app over a store: ``storyline serve``. Its dependencies are imported only when it starts."""

from __future__ import annotations

import importlib.util
import os
import socket
import sys
from pathlib import Path

WEB_PACKAGES = ("fastapi", "jinja2", "uvicorn")
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
# What each worker process of ``serve --workers N`` builds its app from.
DB_VARIABLE, WORDS_VARIABLE = "STORYLINE_SERVE_DB", "STORYLINE_SERVE_WORDS"


def require_web_packages() -> None:
    """A one-line error naming what to install when the web packages are missing."""
    missing = [name for name in WEB_PACKAGES if importlib.util.find_spec(name) is None]
    if missing:
        raise ValueError(f"the web app needs {', '.join(missing)}; install them with: pip install {' '.join(missing)}")


def serve(db: str | Path, *, host: str = "127.0.0.1", port: int = 8000, words: int = 100, workers: int = 1) -> int:
    """Serve the store at ``db`` until interrupted; prints the address to open.

    With ``workers`` over 1, that many processes share the listening socket (the GIL holds one process to one
    core); each keeps its own memory of rendered pages and finds events analysed by the others in the store.
    """
    require_web_packages()
    if not 1 <= workers <= 64:
        raise ValueError(f"--workers must be between 1 and 64, got {workers}")
    import uvicorn

    from storyline.web.app import create_app

    app = create_app(db, words=words)  # also checks the store before anything listens
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
    if workers > 1:
        from uvicorn.supervisors import Multiprocess

        os.environ[DB_VARIABLE], os.environ[WORDS_VARIABLE] = str(Path(db).resolve()), str(words)
        config = uvicorn.Config(
            "storyline.web:app_from_environment",
            factory=True,
            workers=workers,
            log_level="warning",
            access_log=False,
            lifespan="off",
        )
        Multiprocess(config, sockets=[listener]).run()
        return 0
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    uvicorn.Server(config).run(sockets=[listener])
    app.state.cache.flush(timeout=5)
    return 0


def app_from_environment():
    """The app of one worker process of ``serve --workers N``."""
    from storyline.web.app import create_app

    return create_app(os.environ[DB_VARIABLE], words=int(os.environ[WORDS_VARIABLE]))
