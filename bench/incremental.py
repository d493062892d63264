"""Adding articles to a big store and digesting again, through the command line, with this code beside another
revision's, in the same run, each side on its own copy of the store.

For each side: a copy of ``--db`` (a store made by ``storyline ingest``, digested or not), then the steps below,
each a ``storyline`` command in its own process, timed as ``bench/scale.py`` times a step (CPU of the command and
the processes it waited for, wall, peak memory):

1. with ``--out-first``: ``digest --db COPY --out DIR`` (fills the output folder; with a digested store nothing is
   analysed, every page is written), then ``digest`` again with no new input;
2. ``ingest SHARD --db COPY`` (the articles added; ``--workers`` as given);
3. with ``--digest-after``: ``digest --db COPY --out DIR`` after them (only touched events are analysed); with
   ``--rounds N``, N times, each on the store and folder as the first one found them, the two sides in turn
   (CPU: the median and each round).

A store digested by ``storyline digest`` keeps each analysed article's products (``storyline.products``): with this
code, the digest after the shard reuses those of the touched events' earlier articles; code without them ignores
the rows and analyses the touched events from scratch. A hash of every page of the output folder says whether both
sides wrote the same digest.

``--placeholder-analyses`` first fills the analysis cache of the copy with a placeholder for every event (a
one-sentence summary citing its first article, every other analysis empty, under the fingerprint of its members),
so that the digests' reading and writing of a big store can be timed without analysing it first; real analyses are
larger, so this understates what reading every cached analysis costs.

A hash of every article's copy group and event says whether both sides made the same groups and events. Copies
and folders go under ``--scratch`` and are removed at the end unless ``--keep``.

    PYTHONPATH=src python bench/incremental.py --db STORE --shard SHARD_DIR --scratch DIR [--before main]
        [--workers 2] [--out-first] [--digest-after [--rounds N]] [--placeholder-analyses]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sqlite3
import sys
import tempfile
from dataclasses import replace
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from revisions import source_tree  # noqa: E402
from scale import run, store_fingerprint, storyline_command  # noqa: E402


def copy_store(source: Path, target: Path) -> None:
    """A consistent copy of a store (SQLite's backup, so a store another process writes is copied whole)."""
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def fill_placeholders(db: Path) -> int:
    """A placeholder analysis for every event of the store (see the module docstring)."""
    from storyline.analysis import ANALYSERS, analysis_key
    from storyline.model import Citation, Summary, SummarySentence
    from storyline.store import Store

    with Store(db) as store:
        stubs = store.article_stubs()
        events = store.events()
        with store.transaction():
            for event in events:
                members = [stubs[article_id] for article_id in event.article_ids]
                summary = Summary(event.title, [SummarySentence("Placeholder.", [Citation(members[0].id, 0, 0, 12)])])
                data = {analyser.name: {} if analyser.name == "variants" else [] for analyser in ANALYSERS[1:]}
                data.update(summary=summary.to_dict(), notes=[], title=event.title)
                store.put_analysis(event.id, analysis_key(members, words=100), data)
    return len(events)


def side(name: str, src: Path, args: argparse.Namespace, scratch: Path) -> list:
    folder = scratch / name.replace(" ", "-")
    folder.mkdir(parents=True)
    db = folder / "store.db"
    copy_store(args.db, db)
    if args.placeholder_analyses:
        print(f"{name}: {fill_placeholders(db)} placeholder analyses")
    env = dict(os.environ, PYTHONPATH=str(src))
    cli = storyline_command()
    store = ["--db", str(db)]
    workers = ["--workers", str(args.workers)] if args.workers else []
    runs = []
    if args.out_first:
        runs.append(run("digest", [*cli, "digest", *store, "--out", "digest", "--quiet"], folder, env))
        runs.append(
            run("digest again, no new input", [*cli, "digest", *store, "--out", "digest", "--quiet"], folder, env)
        )
    runs.append(run("ingest the shard", [*cli, "ingest", str(args.shard), *store, *workers, "--quiet"], folder, env))
    analysed = 0
    again = None
    if args.digest_after:
        kept, with_products = analyses(db), articles_with_products(db)
        if args.rounds > 1:  # the store and folder as the digest after the shard finds them, for the later rounds
            copy_store(db, folder / "before-digest.db")
            if (folder / "digest").is_dir():
                shutil.copytree(folder / "digest", folder / "before-digest")
        digest_after = [*cli, "digest", *store, "--out", "digest", "--quiet", *workers]
        runs.append(run("digest after the shard", digest_after, folder, env))
        events = {event_id for event_id, _ in analyses(db) - kept}
        members = members_of(db, events)
        analysed = f"{len(events):,} ({len(members):,} articles, {len(members & with_products):,} with stored products)"
        again = partial(digest_again, digest_after, folder, env)
    pages = len(list((folder / "digest" / "events").glob("*.md"))) if (folder / "digest").is_dir() else 0
    return [runs, store_fingerprint(db), pages, folder_hash(folder / "digest"), analysed, again]


def digest_again(command: list[str], folder: Path, env: dict):
    """The digest after the shard once more, on the store and folder as it found them the first time."""
    for name in ("store.db", "store.db-wal", "store.db-shm"):
        (folder / name).unlink(missing_ok=True)
    copy_store(folder / "before-digest.db", folder / "store.db")
    shutil.rmtree(folder / "digest", ignore_errors=True)
    if (folder / "before-digest").is_dir():
        shutil.copytree(folder / "before-digest", folder / "digest")
    done = run("digest after the shard", command, folder, env)
    return done, folder_hash(folder / "digest")


def articles_with_products(db: Path) -> set[str]:
    """The articles whose analysis products the store keeps (``storyline.products``; none before they existed)."""
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT article_id FROM index_rows WHERE kind = 'analysis-products'")
        return {article_id for (article_id,) in rows}


def members_of(db: Path, events: set[str]) -> set[str]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT event_id, article_id FROM event_members").fetchall()
    return {article_id for event_id, article_id in rows if event_id in events}


def analyses(db: Path) -> set[tuple[str, str]]:
    """The stored analyses, as (event, fingerprint): those a digest adds are the events it analysed."""
    with sqlite3.connect(db) as connection:
        return set(connection.execute("SELECT event_id, fingerprint FROM analyses"))


def folder_hash(folder: Path) -> str:
    """A hash of every page of a digest folder (names and bytes; its manifest of rendered pages left out)."""
    if not folder.is_dir():
        return "-"
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != ".rendered.json":
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="the store (copied, never written)")
    parser.add_argument("--shard", type=Path, required=True, help="articles not yet in the store (a file or folder)")
    parser.add_argument("--scratch", type=Path, help="where the copies go (default: a temporary folder)")
    parser.add_argument("--before", metavar="REVISION", help="also run the code of this git revision, first")
    parser.add_argument("--workers", type=int, default=0, help="--workers for ingest and digest (default: none)")
    parser.add_argument("--out-first", action="store_true", help="digest before and after the shard")
    parser.add_argument("--digest-after", action="store_true", help="digest after the shard")
    parser.add_argument("--placeholder-analyses", action="store_true", help="fill the copy's analysis cache first")
    parser.add_argument("--rounds", type=int, default=1, help="with --digest-after: that digest this many times")
    parser.add_argument("--keep", action="store_true", help="keep the copies and folders")
    args = parser.parse_args(argv)
    args.db, args.shard = args.db.resolve(), args.shard.resolve()
    scratch = Path(tempfile.mkdtemp(prefix="storyline-incremental-", dir=args.scratch)).resolve()
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start")
    results = {}
    try:
        if args.before:
            results[args.before] = side(args.before, source_tree(args.before, scratch), args, scratch)
        results["this code"] = side("this code", ROOT / "src", args, scratch)
        for n in range(1, args.rounds if args.digest_after else 1):  # the sides in turn, the other one first
            for name in list(results)[:: -1 if n % 2 else 1]:
                done, pages = results[name][5]()
                results[name][0].append(done)
                print(f"round {n + 1}, {name}: {done.cpu:.1f} CPU s, {done.wall:.1f} s wall, every page {pages}")
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    steps = next(iter(results.values()))[0]
    if args.rounds > 1 and args.digest_after:  # the rounds of the last step: their median
        first = len(steps) - args.rounds
        for name, r in results.items():
            rounds = r[0][first:]
            print(f"{name}: digest after the shard, CPU s of each round: {', '.join(f'{d.cpu:.1f}' for d in rounds)}")
            middle = sorted(rounds, key=lambda done: done.cpu)[len(rounds) // 2]
            r[0][first:] = [replace(middle, step=f"digest after the shard (median of {len(rounds)})")]
    print(f"\n| step | {' | '.join(f'{name}: CPU s | wall s | peak MB' for name in results)} |")
    steps = next(iter(results.values()))[0]
    print("|---|" + "---|---|---|" * len(results))
    for k, step in enumerate(steps):
        cells = " | ".join(
            f"{r[0][k].cpu:.1f} | {r[0][k].wall:.1f} | {r[0][k].peak_mb:,.0f}"
            + (f" (exit {r[0][k].code})" * bool(r[0][k].code))
            for r in results.values()
        )
        print(f"| {step.step} | {cells} |")
    print("| copy groups and events | " + " | ".join(f"{r[1]} | | " for r in results.values()) + "|")
    if args.out_first or args.digest_after:
        print("| event pages in the folder | " + " | ".join(f"{r[2]:,} | | " for r in results.values()) + "|")
        print("| every page (hash) | " + " | ".join(f"{r[3]} | | " for r in results.values()) + "|")
    if args.digest_after:
        print("| events analysed after the shard | " + " | ".join(f"{r[4]} | | " for r in results.values()) + "|")
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
