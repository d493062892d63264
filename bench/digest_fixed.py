"""What a digest costs on a big store apart from the analysis of the events that changed: ``digest`` with no new
input, and ``ingest`` of new articles then ``digest``, through the command line, this code beside another
revision's in the same run, the rounds of the two sides in turn.

``--db`` is a digested store and ``--out`` its output folder (both copied, never written). Each side first gets a
copy of both, digested once with its own code (a side whose renderers differ writes every page there, once); then
each round, per side:

1. ``digest --db BASE --out BASE_FOLDER`` with no new input (nothing to analyse, no page to write);
2. on fresh copies of that store and folder: ``ingest SHARD`` then ``digest``, both with ``--workers``.

Each command is timed as ``bench/scale.py`` times a step (CPU of the command and the processes it waited for, wall,
peak memory). After every round, a hash of the output folder (every file, its manifest of rendered pages apart) and
a hash of what the store keeps (copy groups, events, analyses, the articles' analysis products) say whether both
sides wrote the same.

    PYTHONPATH=src python bench/digest_fixed.py --db STORE --out FOLDER --shard SHARD_DIR --scratch DIR \
        [--before main] [--after REVISION] [--rounds 3] [--workers 2]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sqlite3
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from incremental import copy_store, folder_hash  # noqa: E402
from revisions import source_tree  # noqa: E402
from scale import run, storyline_command  # noqa: E402


def store_hash(db: Path, *, products: bool = True) -> str:
    """A hash of what a digest and an ingest keep: copy groups, events, analyses and (with ``products``) the
    articles' analysis products."""
    digest = hashlib.sha256()
    queries = [
        "SELECT article_id, group_id, canonical, overlap FROM copy_groups ORDER BY article_id",
        "SELECT article_id, event_id FROM event_members ORDER BY article_id",
        'SELECT id, title, start, "end", outlets FROM events ORDER BY id',
        "SELECT event_id, fingerprint, data FROM analyses ORDER BY event_id",
    ]
    if products:
        queries.append("SELECT article_id, data FROM index_rows WHERE kind = 'analysis-products' ORDER BY article_id")
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        for query in queries:
            for row in connection.execute(query):
                digest.update(repr(row).encode())
    return digest.hexdigest()[:12]


def fresh_copy(db: Path, folder: Path, target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    copy_store(db, target / "store.db")
    shutil.copytree(folder, target / "digest")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="a digested store (copied, never written)")
    parser.add_argument("--out", type=Path, required=True, help="its output folder (copied, never written)")
    parser.add_argument("--shard", type=Path, required=True, help="articles not yet in the store")
    parser.add_argument("--scratch", type=Path, required=True, help="where the copies go (removed at the end)")
    parser.add_argument("--before", metavar="REVISION", help="also run the code of this git revision")
    parser.add_argument("--after", metavar="REVISION", help="the code of this revision in place of the working tree")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)

    args.scratch.mkdir(parents=True, exist_ok=False)
    cli = storyline_command()
    sides = {"this code": ROOT / "src"}
    if args.after:
        (args.scratch / "after").mkdir()
        sides = {args.after: source_tree(args.after, args.scratch / "after")}
    if args.before:
        (args.scratch / "before").mkdir()
        sides = {args.before: source_tree(args.before, args.scratch / "before"), **sides}
    envs = {name: dict(os.environ, PYTHONPATH=str(src)) for name, src in sides.items()}
    workers = ["--workers", str(args.workers)]
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start")
    try:
        for name in sides:  # each side's base: the store and folder digested once by its own code
            base = args.scratch / f"base-{name.replace(' ', '-')}"
            fresh_copy(args.db, args.out, base)
            primed = run("prime", [*cli, "digest", "--db", "store.db", "--out", "digest", "--quiet"], base, envs[name])
            print(f"{name}: base digested in {primed.wall:.1f} s wall, {primed.cpu:.1f} CPU s (exit {primed.code})")
        results: dict[str, dict[str, list]] = {name: {} for name in sides}
        for round_number in range(args.rounds):
            for name in sides if round_number % 2 == 0 else list(sides)[::-1]:
                base = args.scratch / f"base-{name.replace(' ', '-')}"
                env, steps = envs[name], results[name]
                again = run("again", [*cli, "digest", "--db", "store.db", "--out", "digest", "--quiet"], base, env)
                work = args.scratch / "round"
                fresh_copy(base / "store.db", base / "digest", work)
                ingest = run(
                    "ingest", [*cli, "ingest", str(args.shard), "--db", "store.db", "--quiet", *workers], work, env
                )
                after = run(
                    "after", [*cli, "digest", "--db", "store.db", "--out", "digest", "--quiet", *workers], work, env
                )
                for step, done in (("again", again), ("ingest", ingest), ("after", after)):
                    if done.code:
                        sys.exit(f"{name}, {step}: exit {done.code}: {done.last_line}")
                    steps.setdefault(step, []).append(done)
                steps.setdefault("folder", []).append(folder_hash(work / "digest"))
                steps.setdefault("store", []).append(store_hash(work / "store.db"))
                print(
                    f"round {round_number + 1}, {name}: again {again.cpu:.2f} CPU s / {again.wall:.2f} s; "
                    f"ingest {ingest.cpu:.2f} / {ingest.wall:.2f}; digest after {after.cpu:.2f} / {after.wall:.2f}; "
                    f"folder {steps['folder'][-1]}, store {steps['store'][-1]}; "
                    f"load {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
        print(
            "\n| step (median of the rounds) | "
            + " | ".join(f"{name}: CPU s / wall s / peak MB" for name in sides)
            + " |"
        )
        print("|---|" + "---|" * len(sides))
        for step, label in (
            ("again", "digest again, no new input"),
            ("ingest", "ingest the shard"),
            ("after", "digest after the shard"),
        ):
            cells = []
            for name in sides:
                done = results[name][step]
                cells.append(
                    f"{statistics.median(d.cpu for d in done):.2f} / {statistics.median(d.wall for d in done):.2f} / "
                    f"{max(d.peak_mb for d in done):,.0f}"
                )
            print(f"| {label} | " + " | ".join(cells) + " |")
        for name in sides:
            walls = [i.wall + a.wall for i, a in zip(results[name]["ingest"], results[name]["after"])]
            print(f"{name}: ingest + digest after, wall s each round: {', '.join(f'{w:.1f}' for w in walls)}")
            hashes = results[name]
            print(f"{name}: folder hashes {sorted(set(hashes['folder']))}, store {sorted(set(hashes['store']))}")
    finally:
        shutil.rmtree(args.scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
