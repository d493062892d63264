"""The ``storyline`` command line.

Exit codes: 0 all inputs read, 1 some inputs failed, 2 usage errors (bad arguments, settings or store, or an
environment without Storyline's dependencies), 3 a bug.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from storyline import __version__
from storyline.blas_threads import limit_process_to_one_blas_thread
from storyline.collector import collect_less
from storyline.config import DEFAULT_DB, DIGEST_FORMATS, load_settings
from storyline.safety import printable
from storyline.store.faults import store_error

if TYPE_CHECKING:
    pass

# The stages and their libraries are imported by the commands that use them, so that --help and --version start
# at once.

from storyline.commands import (
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    cmd_articles,
    cmd_compare,
    cmd_dedup,
    cmd_diff,
    cmd_digest,
    cmd_events,
    cmd_ingest,
    cmd_quotes,
    cmd_read,
    cmd_rebuild,
    cmd_search,
    cmd_serve,
    cmd_storylines,
    cmd_summarize,
)


def main(argv: Sequence[str] | None = None) -> int:
    collect_less()  # this process is the command's own
    limit_process_to_one_blas_thread()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USAGE
    from storyline.store import StoreError

    try:
        args.settings = load_settings(args.config)
        return args.handler(args)
    except (ValueError, StoreError) as error:
        print(f"storyline: error: {printable(error)}", file=sys.stderr)
        return EXIT_USAGE
    except sqlite3.Error as error:  # a store fault not met before: still one line naming the file
        db = getattr(args, "db", None) or getattr(getattr(args, "settings", None), "db", "the store")
        print(f"storyline: error: {printable(store_error(db, error))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except ModuleNotFoundError as error:  # optional parts say what to install themselves: this one is required
        print(
            f"storyline: error: the Python module {error.name or printable(error)!r} is missing: this environment "
            "lacks Storyline's dependencies (pip install -e . in the repository)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except Exception as error:  # a bug: one line for the user, the traceback only on request
        if os.environ.get("STORYLINE_DEBUG"):
            raise
        print(
            f"storyline: internal error: {type(error).__name__}: {printable(error)} "
            f"(set STORYLINE_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _engine_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--engine", choices=("local", "ray"), default="local", help="where the map steps run (default: local)"
    )
    sub.add_argument(
        "--workers",
        type=int,
        help="local processes (default: every CPU for large inputs or many events to analyse, else one)",
    )
    sub.add_argument("--address", help="the Ray cluster to join (default: start one on this machine)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="storyline", description="Turn news articles into sourced event digests.")
    parser.add_argument("--config", help="TOML settings file (default: ./storyline.toml if present)")
    parser.add_argument("--version", action="version", version=f"storyline {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(
        name: str, handler: Callable, help_text: str, *, reads: str = "", store: bool = False, example: str = ""
    ) -> argparse.ArgumentParser:
        """A subcommand; ``reads`` is how many PATHs it takes ("+": at least one, "*": any, "": none)."""
        sub = commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=f"example:\n  {example}" if example else None,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(handler=handler)
        if reads:
            sub.add_argument("paths", nargs=reads, metavar="PATH", help="file, directory (recursive) or - for stdin")
            sub.add_argument("--max-file-bytes", type=int, help="refuse larger files (WARC: larger records)")
        if store:
            sub.add_argument("--db", help=f"store file (default: the db setting, ./{DEFAULT_DB})")
        return sub

    sub = command(
        "read",
        cmd_read,
        "Read and clean articles without storing them.",
        reads="+",
        example="storyline read examples/corpus --json",
    )
    sub.add_argument("--json", action="store_true", help="one JSON object per article, per line")

    sub = command(
        "ingest",
        cmd_ingest,
        "Read articles into the store; update copy groups and events.",
        reads="+",
        store=True,
        example="storyline ingest examples/corpus --db news.db",
    )
    sub.add_argument("--quiet", action="store_true", help="no progress line on the terminal")
    _engine_options(sub)

    sub = command(
        "articles",
        cmd_articles,
        "List the stored articles.",
        store=True,
        example="storyline articles --db news.db --json",
    )
    sub.add_argument("--json", action="store_true", help="one JSON object per article (without its text), per line")

    sub = command(
        "digest",
        cmd_digest,
        "Ingest PATHs (if any) and write a digest of every stored event.",
        store=True,
        example="storyline digest examples/corpus --out digest --words 150",
    )
    sub.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or directories to ingest first (none: digest the store as it is)",
    )
    sub.add_argument("--out", default="digest", help="output directory (default: ./digest)")
    sub.add_argument("--words", type=int, help="summary length in words (default: the summary_words setting, 100)")
    sub.add_argument("--max-file-bytes", type=int, help="refuse larger files (WARC: larger records)")
    sub.add_argument(
        "--format",
        default="markdown,json",
        type=_formats,
        help="what to write, comma-separated: markdown, json, html (default: markdown,json)",
    )
    sub.add_argument("--quiet", action="store_true", help="no progress line on the terminal")
    _engine_options(sub)

    sub = command(
        "dedup",
        cmd_dedup,
        "Group copies of the same story.",
        reads="+",
        example="storyline dedup examples/corpus --explain",
    )
    sub.add_argument(
        "--threshold",
        type=float,
        help="share of the smaller text's word 6-grams the other must hold to be a copy "
        "(default: the copy_threshold setting, 0.6)",
    )
    sub.add_argument("--json", action="store_true", help="the groups as one JSON object")
    sub.add_argument("--explain", action="store_true", help="show the overlap behind each grouping")

    sub = command(
        "diff",
        cmd_diff,
        "Show how two versions of a story differ (article ids in the store, or files).",
        store=True,
        example="storyline diff cpa-20260305-0412 reserve-bank-lifts-rates-again --db news.db",
    )
    sub.add_argument("a", metavar="A", help="the first version: a stored article id or a file holding one article")
    sub.add_argument("b", metavar="B", help="the second version, the same way")
    sub.add_argument("--json", action="store_true", help="the differences as one JSON object")
    sub.add_argument("--max-file-bytes", type=int, help="refuse larger files")

    sub = command(
        "events",
        cmd_events,
        "Group articles by the real-world event they report.",
        reads="+",
        example="storyline events examples/corpus --json",
    )
    sub.add_argument("--json", action="store_true", help="the events as one JSON object")

    sub = command(
        "storylines",
        cmd_storylines,
        "Link events into storylines: PATHs read in memory, or with --db "
        "ingested into the store and the store's storylines printed.",
        reads="*",
        store=True,
        example="storyline storylines examples/corpus --json",
    )
    sub.add_argument("--json", action="store_true", help="the storylines as one JSON object")

    command(
        "rebuild",
        cmd_rebuild,
        "Recompute copy groups, events and storylines from every stored article.",
        store=True,
        example="storyline rebuild --db news.db",
    )

    sub = command(
        "summarize",
        cmd_summarize,
        "Summarise one event's articles with cited sentences.",
        reads="+",
        example="storyline summarize examples/corpus/text/cpa-reserve-bank-rate-decision.txt --words 60",
    )
    sub.add_argument("--words", type=int, help="summary length in words (default: the summary_words setting, 100)")
    sub.add_argument(
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="text: the sentences; markdown: with citations and sources; json (default: text)",
    )

    sub = command(
        "quotes",
        cmd_quotes,
        "Who said what: every quote of every article, with its speaker.",
        reads="*",
        store=True,
        example="storyline quotes examples/corpus --json",
    )
    sub.add_argument("--event", help="with --db: only the articles of this event")
    sub.add_argument("--json", action="store_true", help="the quotes as one JSON object")

    sub = command(
        "serve",
        cmd_serve,
        "Read the stored events in a browser: a local web app with a JSON API.",
        store=True,
        example="storyline serve --db news.db --port 8000",
    )
    sub.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    sub.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    sub.add_argument("--words", type=int, help="summary length in words (default: the summary_words setting, 100)")
    sub.add_argument("--workers", type=int, default=1, help="server processes (default: 1; 2 uses two cores)")

    sub = command(
        "compare",
        cmd_compare,
        "Show where sources disagree, event by event (PATHs, or --db the store).",
        reads="*",
        store=True,
        example="storyline compare examples/corpus --json",
    )
    sub.add_argument("--event", help="only this stored event (with --db)")
    sub.add_argument("--json", action="store_true", help="the disagreements as one JSON object")

    sub = command(
        "search",
        cmd_search,
        "Full-text search over stored articles.",
        store=True,
        example='storyline search "warehouse fire" --db news.db --limit 5',
    )
    sub.add_argument("query", help="words to find, as typed (with --fts: SQLite full-text syntax)")
    sub.add_argument("--limit", type=int, default=20, help="most results to show (default: 20)")
    sub.add_argument(
        "--fts",
        action="store_true",
        help="read QUERY in the SQLite FTS5 query syntax (phrases, OR, NOT, prefix*) instead of as plain words",
    )
    return parser


def _formats(value: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [name for name in formats if name not in DIGEST_FORMATS]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or value!r} (choose from {', '.join(DIGEST_FORMATS)})"
        )
    return formats


if __name__ == "__main__":
    sys.exit(main())
