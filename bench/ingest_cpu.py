"""Ingest CPU per 1,000 articles on a large store: this code beside another revision's, in the same run.

Each round, for each side in turn (the side that goes first alternates): a fresh copy of ``--db`` (a store made by
``storyline ingest``), then ``storyline ingest SHARD --db COPY --workers 1 --quiet`` in a process of its own, timed
as ``bench/scale.py`` times a step (CPU of the command and the processes it waited for, from ``os.wait4``; wall;
peak memory). With ``--full STREAM``, then one ingest of the whole stream into an empty store per side.

After every command three hashes of the store say whether both sides made the same thing: every article's copy
group and event (``bench/scale.py``'s fingerprint, as in the earlier subsections), every event's and storyline's
row with the storylines' members, and every row of the saved event and storyline indexes (what the next ingest
starts from).

    PYTHONPATH=src python bench/ingest_cpu.py --db STORE --shard SHARD_DIR --before main [--rounds 3]
        [--full STREAM_DIR] [--scratch DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from incremental import copy_store  # noqa: E402
from revisions import source_tree  # noqa: E402
from scale import Run, run, store_fingerprint  # noqa: E402


def table_hash(db: Path, queries: list[str]) -> str:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        rows = [connection.execute(query).fetchall() for query in queries]
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:12]


def hashes(db: Path) -> tuple[str, str, str]:
    """(copy groups and events, event and storyline rows, saved index rows) of a store."""
    stories = table_hash(
        db,
        [
            'SELECT id, title, start, "end", outlets FROM events ORDER BY id',
            'SELECT id, title, start, "end" FROM storylines ORDER BY id',
            "SELECT event_id, storyline_id, position FROM storyline_members ORDER BY event_id",
        ],
    )
    index = table_hash(db, ["SELECT key, data FROM state_rows ORDER BY key"])
    return store_fingerprint(db), stories, index


def ingest(side: str, src: Path, source: Path, db: Path, folder: Path) -> tuple[Run, tuple[str, str, str]]:
    env = dict(os.environ, PYTHONPATH=str(src))
    command = [sys.executable, "-m", "storyline.cli", "ingest", str(source), "--db", str(db), "--workers", "1"]
    result = run(f"{side} {db.stem}", [*command, "--quiet"], folder, env)
    if result.code != 0:
        sys.exit(f"{side}: ingest failed (exit {result.code}): {result.last_line}")
    return result, hashes(db)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="the store (copied, never written)")
    parser.add_argument("--shard", type=Path, required=True, help="articles not yet in the store (a file or folder)")
    parser.add_argument("--before", metavar="REVISION", required=True, help="the other side: this git revision")
    parser.add_argument("--rounds", type=int, default=3, help="ingests of the shard per side (median reported)")
    parser.add_argument("--full", type=Path, metavar="STREAM_DIR", help="also ingest this stream into empty stores")
    parser.add_argument("--scratch", type=Path, help="where the copies go (default: a temporary folder)")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="storyline-ingest-cpu-", dir=args.scratch))
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start")
    try:
        sides = {args.before: source_tree(args.before, folder), "this code": ROOT / "src"}
        runs: dict[str, list[Run]] = {side: [] for side in sides}
        seen: dict[str, set] = {side: set() for side in sides}
        for round_number in range(args.rounds):
            order = list(sides) if round_number % 2 == 0 else list(reversed(sides))
            for side in order:
                copy = folder / f"round{round_number}-{'before' if side == args.before else 'now'}.db"
                copy_store(args.db, copy)
                result, found = ingest(side, sides[side], args.shard, copy, folder)
                runs[side].append(result)
                seen[side].add(found)
                copy.unlink()
                print(
                    f"  round {round_number + 1}, {side}: {result.cpu:.2f} CPU s, {result.wall:.1f} s wall", flush=True
                )
        print(f"\nIngest of {args.shard.name} into a copy of {args.db.name}, {args.rounds} rounds per side:\n")
        print(
            "| code | CPU s (median) | each round | wall s (median) | peak MB | groups and events | events and "
            "storylines | index rows |"
        )
        print("|---|---|---|---|---|---|---|---|")
        for side, side_runs in runs.items():
            cpu = ", ".join(f"{r.cpu:.2f}" for r in side_runs)
            groups, stories, index = (" / ".join(sorted({found[k] for found in seen[side]})) for k in range(3))
            print(
                f"| {side} | {statistics.median(r.cpu for r in side_runs):.2f} | {cpu} | "
                f"{statistics.median(r.wall for r in side_runs):.1f} | {max(r.peak_mb for r in side_runs):,.0f} | "
                f"{groups} | {stories} | {index} |"
            )
        if args.full:
            print(f"\nIngest of {args.full.name} into an empty store, once per side:\n")
            print("| code | CPU s | wall s | peak MB | groups and events | events and storylines | index rows |")
            print("|---|---|---|---|---|---|---|")
            for side in sides:
                result, found = ingest(
                    side,
                    sides[side],
                    args.full,
                    folder / f"full-{'before' if side == args.before else 'now'}.db",
                    folder,
                )
                print(
                    f"| {side} | {result.cpu:.1f} | {result.wall:.1f} | {result.peak_mb:,.0f} | {' | '.join(found)} |",
                    flush=True,
                )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
