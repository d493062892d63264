"""The ``storyline`` command line.

Exit codes: 0 all inputs read, 1 some inputs failed, 2 usage errors (bad arguments, settings or store), 3 a bug.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from storyline import __version__
from storyline.config import load_settings

if TYPE_CHECKING:
    from storyline.model import Article, Problem

# The stages and their libraries are imported by the commands that use them, so that --help and --version start
# at once.

EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def main(argv: Sequence[str] | None = None) -> int:
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
        print(f"storyline: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # a bug: one line for the user, the traceback only on request
        if os.environ.get("STORYLINE_DEBUG"):
            raise
        print(f"storyline: internal error: {type(error).__name__}: {error} (set STORYLINE_DEBUG=1 for details)",
              file=sys.stderr)
        return EXIT_INTERNAL


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="storyline", description="Turn news articles into sourced event digests.")
    parser.add_argument("--config", help="TOML settings file (default: ./storyline.toml if present)")
    parser.add_argument("--version", action="version", version=f"storyline {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, handler: Callable, help_text: str, *, reads: bool = False,
                store: bool = False) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        if reads:
            sub.add_argument("paths", nargs="+", metavar="PATH", help="file, directory (recursive) or - for stdin")
            sub.add_argument("--max-file-bytes", type=int, help="refuse larger files (WARC: larger records)")
        if store:
            sub.add_argument("--db", help="store file (default: ./storyline.db)")
        return sub

    sub = command("read", cmd_read, "Read and clean articles without storing them.", reads=True)
    sub.add_argument("--json", action="store_true", help="one JSON object per article, per line")

    sub = command("ingest", cmd_ingest, "Read articles into the store; update copy groups and events.", reads=True,
                  store=True)
    sub.add_argument("--quiet", action="store_true", help="no progress line on the terminal")

    sub = command("articles", cmd_articles, "List the stored articles.", store=True)
    sub.add_argument("--json", action="store_true")

    sub = command("digest", cmd_digest, "Ingest PATHs (if any) and write a digest of every stored event.",
                  store=True)
    sub.add_argument("paths", nargs="*", metavar="PATH")
    sub.add_argument("--out", default="digest", help="output directory (default: ./digest)")
    sub.add_argument("--words", type=int, help="summary length in words (default: 100)")
    sub.add_argument("--max-file-bytes", type=int)
    sub.add_argument("--quiet", action="store_true", help="no progress line on the terminal")

    sub = command("dedup", cmd_dedup, "Group copies of the same story.", reads=True)
    sub.add_argument("--threshold", type=float, help="overlap needed to count as a copy")
    sub.add_argument("--json", action="store_true")
    sub.add_argument("--explain", action="store_true", help="show the overlap behind each grouping")

    sub = command("diff", cmd_diff, "Show how two versions of a story differ (article ids in the store, or files).",
                  store=True)
    sub.add_argument("a", metavar="A")
    sub.add_argument("b", metavar="B")
    sub.add_argument("--json", action="store_true")
    sub.add_argument("--max-file-bytes", type=int, help="refuse larger files")

    sub = command("events", cmd_events, "Group articles by the real-world event they report.", reads=True)
    sub.add_argument("--json", action="store_true")

    command("rebuild", cmd_rebuild, "Recompute copy groups and events from every stored article.", store=True)

    sub = command("summarize", cmd_summarize, "Summarise one event's articles with cited sentences.", reads=True)
    sub.add_argument("--words", type=int, help="summary length in words (default: 100)")
    sub.add_argument("--format", choices=("text", "markdown", "json"), default="text")

    sub = command("search", cmd_search, "Full-text search over stored articles.", store=True)
    sub.add_argument("query")
    sub.add_argument("--limit", type=int, default=20)
    return parser


# Handlers


def cmd_read(args) -> int:
    articles, problems = _read(args)
    for article in articles:
        if args.json:
            print(json.dumps(article.to_dict(), ensure_ascii=False))
        else:
            print("\t".join([article.id, article.published or "-", article.outlet or "-", article.title or "-"]))
    return _finish(problems)


def cmd_ingest(args) -> int:
    from storyline import api
    from storyline.progress import watched

    report = api.ingest(args.paths, db=_db(args), max_file_bytes=_max_bytes(args), settings=args.settings,
                        progress=watched(args.quiet))
    _print_problems(report.problems)
    print(f"{report.read} articles read: {len(report.added)} stored, {report.already_stored} already in the store; "
          f"{len(report.events_touched)} events updated; {len(report.problems)} inputs failed ({_db(args)})")
    return EXIT_INPUT_FAILED if report.problems else EXIT_OK


def cmd_articles(args) -> int:
    with _existing_store(args) as store:
        for article in store.article_listing():  # streamed: no text is loaded to print a list
            if args.json:
                print(json.dumps(article, ensure_ascii=False))
            else:
                print("\t".join([article["id"], article["published"] or "-", article["outlet"] or "-",
                                 article["title"] or "-"]))
    return EXIT_OK


def cmd_digest(args) -> int:
    from storyline import api
    from storyline.progress import watched

    words = args.words if args.words is not None else args.settings.summary_words
    report = api.digest(args.paths, out=args.out, db=_db(args), words=words, max_file_bytes=_max_bytes(args),
                        settings=args.settings, progress=watched(args.quiet))
    _print_problems(report.problems)
    print(f"Wrote {report.event_count} event digests from {report.article_count} articles to {report.out}/ "
          f"(index: {report.index_path})")
    return EXIT_INPUT_FAILED if report.problems else EXIT_OK


def cmd_dedup(args) -> int:
    from storyline import api

    articles, problems = _read(args)
    from storyline.dedup import explain

    threshold = args.threshold if args.threshold is not None else args.settings.copy_threshold
    groups = api.copy_groups(articles, threshold=threshold)
    by_id = {article.id: article for article in articles}

    def why(group, article_id):  # the overlap behind each member's place in its group
        return explain(by_id[group.canonical], by_id[article_id], threshold=threshold)

    if args.json:
        def explained(g):
            return {"overlap": g.overlap, "explain": [why(g, a) for a in g.article_ids if a != g.canonical]}
        print(json.dumps({"groups": [{"id": g.id, "articles": g.article_ids, "canonical": g.canonical,
                                      **(explained(g) if args.explain else {})} for g in groups]},
                         ensure_ascii=False, indent=2))
    else:
        for group in groups:
            print(f"{group.id}: {len(group.article_ids)} article(s)")
            for article_id in group.article_ids:
                mark = "*" if article_id == group.canonical else " "
                print(f"  {mark} {article_id}  {by_id[article_id].title or ''}")
                if args.explain and article_id != group.canonical:
                    reason = why(group, article_id)
                    joined = "" if reason["copies"] else "; in the group through another copy"
                    print(f"      {reason['reason']}{joined}")
    return _finish(problems)


def cmd_diff(args) -> int:
    from storyline import api

    a, b = (_article_by_id_or_file(ref, args) for ref in (args.a, args.b))
    difference = api.diff(a, b)
    print(json.dumps(difference.to_dict(), ensure_ascii=False, indent=2) if args.json else difference.to_text())
    return EXIT_OK


def cmd_events(args) -> int:
    from storyline import api

    articles, problems = _read(args)
    events = api.events(articles, settings=args.settings)
    if args.json:
        print(json.dumps({"events": [{"id": e.id, "title": e.title, "start": e.start, "end": e.end,
                                      "articles": e.article_ids, "outlets": e.outlets} for e in events]},
                         ensure_ascii=False, indent=2))
    else:
        for event in events:
            print(f"{event.id}\t{event.start or '-'}\t{len(event.article_ids)} articles\t{event.title}")
    return _finish(problems)


def cmd_rebuild(args) -> int:
    from storyline import api

    with api.open_store(_db(args), must_exist=True) as store:
        api.rebuild(store, settings=args.settings)
        print(f"Rebuilt copy groups and events of {store.count_articles()} articles: "
              f"{len(store.copy_groups())} copy groups, {len(store.events())} events")
    return EXIT_OK


def cmd_summarize(args) -> int:
    from storyline import api

    articles, problems = _read(args)
    if not articles:
        return _finish(problems, nothing_read=True)
    from storyline.render import summary_to_json, summary_to_markdown

    summary = api.summarize(articles, words=args.words if args.words is not None else args.settings.summary_words)
    if args.format == "text":
        print("\n".join(sentence.text for sentence in summary.sentences))
    elif args.format == "markdown":
        print(summary_to_markdown(summary, articles), end="")
    else:
        print(json.dumps(summary_to_json(summary, articles), ensure_ascii=False, indent=2))
    return _finish(problems)


def cmd_search(args) -> int:
    with _existing_store(args) as store:
        for article_id, snippet in store.search(args.query, args.limit):
            print(f"{article_id}\t{snippet}")
    return EXIT_OK


# Helpers


def _db(args) -> str:
    return args.db or args.settings.db


def _existing_store(args):
    """The store named by ``--db``, opened without the pipeline's imports (listing and search need none)."""
    from storyline.store import Store, StoreError

    if _db(args) != ":memory:" and not Path(_db(args)).exists():
        raise StoreError(f"{_db(args)}: no such store (create one with 'storyline ingest')")
    return Store(_db(args))


def _max_bytes(args) -> int:
    return getattr(args, "max_file_bytes", None) or args.settings.max_file_bytes


def _read(args) -> tuple[list[Article], list[Problem]]:
    from storyline import api

    result = api.read(args.paths, max_file_bytes=_max_bytes(args))
    return result.articles, result.problems


def _article_by_id_or_file(ref: str, args) -> Article:
    from storyline import api

    if Path(ref).exists():
        result = api.read([ref], max_file_bytes=_max_bytes(args))
        if result.problems:
            raise ValueError(str(result.problems[0]))
        if len(result.articles) != 1:
            raise ValueError(f"{ref}: holds {len(result.articles)} articles; give one article (or its id)")
        return result.articles[0]
    if not Path(_db(args)).exists():
        raise ValueError(f"{ref}: no such file, and no store at {_db(args)} to look up an article id")
    with api.open_store(_db(args), must_exist=True) as store:
        article = store.article(ref)
    if article is None:
        raise ValueError(f"{ref}: no such file, and no article with this id in {_db(args)}")
    return article


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(f"storyline: {problem}", file=sys.stderr)


def _finish(problems: Sequence[Problem], *, nothing_read: bool = False) -> int:
    _print_problems(problems)
    if nothing_read:
        print("storyline: no articles could be read", file=sys.stderr)
    return EXIT_INPUT_FAILED if problems or nothing_read else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
