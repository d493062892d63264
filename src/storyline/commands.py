"""What each ``storyline`` command does once its arguments are parsed: one ``cmd_*`` function per command.

The stages and their libraries are imported inside the commands that use them, so that ``--help`` starts at once.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.safety import json_text, printable, printable_lines

if TYPE_CHECKING:
    from storyline.ingest.limits import Limits
    from storyline.model import Article, Problem

EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def cmd_read(args) -> int:
    articles, problems = _read(args)
    for article in articles:
        print(_json_line(article.to_dict()) if args.json else _article_line(article))
    return _finish(problems)


def cmd_ingest(args) -> int:
    from storyline import api
    from storyline.progress import watched

    with _engine(args) as engine:
        report = api.ingest(
            args.paths,
            db=_db(args),
            max_file_bytes=_max_bytes(args),
            limits=_limits(args),
            settings=args.settings,
            progress=watched(args.quiet),
            engine=engine,
        )
    _print_problems(report.problems)
    print(
        f"{report.read} articles read: {len(report.added)} stored, {report.already_stored} already in the store; "
        f"{len(report.events_touched)} events updated; {len(report.problems)} inputs failed "
        f"({printable(_db(args))})"
    )
    return EXIT_INPUT_FAILED if report.problems else EXIT_OK


def _engine(args):
    """The engine of ``--engine``, ``--workers`` and ``--address``, as a context that stops what it started."""
    from storyline.engine.choose import command_engine

    paths = getattr(args, "paths", ())
    return command_engine(getattr(args, "engine", "local"), workers=args.workers, address=args.address, paths=paths)


def cmd_articles(args) -> int:
    with _existing_store(args) as store:
        for article in store.article_listing():  # streamed: no text is loaded to print a list
            if args.json:
                print(_json_line(article))
            else:
                print("\t".join(printable(article[key] or "-") for key in ("id", "published", "outlet", "title")))
    return EXIT_OK


def cmd_digest(args) -> int:
    from storyline import api
    from storyline.progress import watched

    words = args.words if args.words is not None else args.settings.summary_words
    with _engine(args) as engine:
        report = api.digest(
            args.paths,
            out=args.out,
            db=_db(args),
            words=words,
            max_file_bytes=_max_bytes(args),
            limits=_limits(args),
            settings=args.settings,
            formats=args.format,
            progress=watched(args.quiet),
            engine=engine,
            report_digests=False,
        )
    _print_problems(report.problems)
    print(
        f"Wrote {report.event_count} event digests from {report.article_count} articles to "
        f"{printable(report.out)}/ (index: {printable(report.index_path)})"
    )
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

        _print_json(
            {
                "groups": [
                    {
                        "id": g.id,
                        "articles": g.article_ids,
                        "canonical": g.canonical,
                        **(explained(g) if args.explain else {}),
                    }
                    for g in groups
                ]
            }
        )
    else:
        for group in groups:
            print(f"{printable(group.id)}: {len(group.article_ids)} article(s)")
            for article_id in group.article_ids:
                mark = "*" if article_id == group.canonical else " "
                print(f"  {mark} {printable(article_id)}  {printable(by_id[article_id].title or '')}")
                if args.explain and article_id != group.canonical:
                    reason = why(group, article_id)
                    joined = "" if reason["copies"] else "; in the group through another copy"
                    print(f"      {printable(reason['reason'])}{joined}")
    return _finish(problems)


def cmd_diff(args) -> int:
    from storyline import api
    from storyline.render.json_text import indented_json

    a, b = (_article_by_id_or_file(ref, args) for ref in (args.a, args.b))
    difference = api.diff(a, b)
    print(json_text(indented_json(difference.to_dict())) if args.json else printable_lines(difference.to_text()))
    return EXIT_OK


def cmd_events(args) -> int:
    from storyline import api

    articles, problems = _read(args)
    events = api.events(articles, settings=args.settings)
    if args.json:
        _print_json(
            {
                "events": [
                    {
                        "id": e.id,
                        "title": e.title,
                        "start": e.start,
                        "end": e.end,
                        "articles": e.article_ids,
                        "outlets": e.outlets,
                    }
                    for e in events
                ]
            }
        )
    else:
        for event in events:
            print(
                f"{printable(event.id)}\t{printable(event.start or '-')}\t{len(event.article_ids)} articles\t"
                f"{printable(event.title)}"
            )
    return _finish(problems)


def cmd_storylines(args) -> int:
    from storyline import api

    problems: Sequence[Problem] = []
    if args.db:
        report = (
            api.ingest(args.paths, db=args.db, max_file_bytes=_max_bytes(args), settings=args.settings)
            if args.paths
            else None
        )
        problems = report.problems if report else []
        with api.open_store(args.db, must_exist=True) as store:
            storylines, events = api.stored_storylines(store, words=args.settings.summary_words)
    elif args.paths:
        articles, problems = _read(args)
        if not articles:
            return _finish(problems, nothing_read=True)
        storylines, events = api.storylines_and_events(articles, settings=args.settings)
    else:
        raise ValueError("nothing to link: give files or folders to read, or --db of a store")
    event_of = {event.id: event for event in events}
    if args.json:
        _print_json(
            {
                "storylines": [
                    {
                        "id": s.id,
                        "title": s.title,
                        "start": s.start,
                        "end": s.end,
                        "events": [
                            {
                                "id": e.id,
                                "title": e.title,
                                "start": e.start,
                                "end": e.end,
                                "articles": e.article_ids,
                            }
                            for e in (event_of[event_id] for event_id in s.event_ids if event_id in event_of)
                        ],
                    }
                    for s in storylines
                ]
            }
        )
    else:
        for s in storylines:
            print(_fields(s.id, s.start or "-", s.end or "-", f"{len(s.event_ids)} event(s)", s.title))
            for event_id in s.event_ids:
                if event_id in event_of:
                    event = event_of[event_id]
                    print(
                        "  " + _fields(event.id, event.start or "-", f"{len(event.article_ids)} articles", event.title)
                    )
    return _finish(problems)


def cmd_rebuild(args) -> int:
    from storyline import api

    with api.open_store(_db(args), must_exist=True) as store:
        api.rebuild(store, settings=args.settings)
        print(
            f"Rebuilt copy groups and events of {store.count_articles()} articles: "
            f"{len(store.copy_groups())} copy groups, {len(store.events())} events, "
            f"{len(store.storylines())} storylines"
        )
    return EXIT_OK


def cmd_summarize(args) -> int:
    from storyline import api

    articles, problems = _read(args)
    if not articles:
        return _finish(problems, nothing_read=True)
    from storyline.render import summary_to_json, summary_to_markdown

    summary = api.summarize(articles, words=args.words if args.words is not None else args.settings.summary_words)
    if args.format == "text":
        print("\n".join(printable(sentence.text) for sentence in summary.sentences))
    elif args.format == "markdown":
        print(summary_to_markdown(summary, articles), end="")
    else:
        _print_json(summary_to_json(summary, articles))
    return _finish(problems)


def cmd_quotes(args) -> int:
    from storyline.quotes import QuotesUnavailable, analyse_articles

    if not args.paths and not args.db:
        raise ValueError("nothing to read: give files or folders, or --db FILE of a store")
    articles, problems, _ = _articles_of_events(args)
    try:
        analysed = analyse_articles(articles)
    except QuotesUnavailable as error:
        raise ValueError(str(error)) from None
    quotes = [quote for item in analysed for quote in item.quotes]
    if args.json:
        _print_json({"quotes": [q.to_dict() for q in quotes]})
    for quote in quotes if not args.json else []:
        text = f"“{quote.text}”" if quote.direct else quote.text
        print(_fields(quote.article_id, quote.speaker_name or quote.speaker or "-", text))
    skipped = [item.article_id for item in analysed if item.skipped]
    if skipped:
        print(
            f"storyline: {len(skipped)} article(s) not in English, no quotes looked for: "
            f"{printable(', '.join(skipped[:5]))}{' ...' if len(skipped) > 5 else ''}",
            file=sys.stderr,
        )
    return _finish(problems, nothing_read=not articles and bool(args.paths))


def cmd_serve(args) -> int:
    from storyline.web import serve

    words = args.words if args.words is not None else args.settings.summary_words
    if words < 1:
        raise ValueError(f"the word budget must be a positive whole number, got {words!r}")
    return serve(_db(args), host=args.host, port=args.port, words=words, workers=args.workers)


def cmd_compare(args) -> int:
    from storyline import api

    articles, problems, events = _articles_of_events(args)
    if args.paths and not articles:
        return _finish(problems, nothing_read=True)
    found = api.disagreements(articles, event_list=events)
    if args.json:
        _print_json({"disagreements": [_issue_shape(d.to_dict()) for d in found]})
    elif not found:
        print("No disagreements found.")
    for item in found if not args.json else []:
        print(printable(f"{item.event}: {item.topic} ({'update' if item.update else item.kind})"))
        for claim in item.claims:
            print(
                "  "
                + printable(
                    f"[{claim.side + 1}] {claim.outlet or '-'} {claim.published or '-'} "
                    f"{claim.article_id}#{claim.sentence_index + 1}: {claim.text}"
                )
            )
    return _finish(problems)


def _issue_shape(disagreement: dict) -> dict:
    """A disagreement as ``compare --json`` prints it: claims in side order, without the digest's ``side`` number."""
    for claim in disagreement["claims"]:
        claim.pop("side", None)
    return disagreement


def cmd_search(args) -> int:
    with _existing_store(args) as store:
        for article_id, snippet in store.search(args.query, args.limit, fts=args.fts):
            print(f"{printable(article_id)}\t{printable(snippet)}")
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


def _limits(args) -> Limits:
    from storyline.ingest.limits import Limits

    return Limits.from_settings(args.settings, max_file_bytes=getattr(args, "max_file_bytes", None))


def _article_line(article: Article) -> str:
    return "\t".join(
        printable(value)
        for value in (article.id, article.published or "-", article.outlet or "-", article.title or "-")
    )


def _fields(*values: object) -> str:
    """Tab-separated fields, each safe for a terminal."""
    return "\t".join(printable(value) for value in values)


def _print_json(data: object) -> None:
    """``data`` as indented JSON, safe for a terminal."""
    from storyline.render.json_text import indented_json

    print(json_text(indented_json(data)))


def _json_line(data: dict) -> str:
    return json_text(json.dumps(data, ensure_ascii=False))


def _read(args) -> tuple[list[Article], list[Problem]]:
    from storyline import api

    result = api.read(args.paths, max_file_bytes=_max_bytes(args), limits=_limits(args))
    return result.articles, result.problems


def _articles_of_events(args) -> tuple[list[Article], list[Problem], list | None]:
    """PATHs read in memory (events: None, to be found), or the stored articles of every event or of ``--event``."""
    from storyline import api

    if args.paths:
        if args.event:
            raise ValueError("--event picks a stored event: use it with --db, not with PATHs")
        return (*_read(args), None)
    with api.open_store(_db(args), must_exist=True) as store:
        events = [e for e in store.events() if not args.event or e.id == args.event]
        if args.event and not events:
            raise ValueError(f"{args.event}: no such event in {_db(args)} (list them with 'storyline events')")
        wanted = {article_id for event in events for article_id in event.article_ids}
        return [a for a in store.articles() if a.id in wanted], [], events


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
        print(f"storyline: {printable(problem)}", file=sys.stderr)


def _finish(problems: Sequence[Problem], *, nothing_read: bool = False) -> int:
    _print_problems(problems)
    if nothing_read:
        print("storyline: no articles could be read", file=sys.stderr)
    return EXIT_INPUT_FAILED if problems or nothing_read else EXIT_OK
