"""``storyline digest`` of one store in one process and in two: wall, CPU and whether the digests are the same.

Each variant digests its own copy of the store (a copy holds no stored analyses, so every event is analysed),
through the command line as a user runs it: ``storyline digest --db COPY --out DIR --quiet`` with ``--workers 1``,
``--workers 2`` and no ``--workers`` (the default). CPU is user + system time of the command and of the worker
processes it waited for; peak memory is the largest single process. With ``--before REVISION`` that revision's
code digests a copy too, with no ``--workers`` (what a user got by default there). The output folders are hashed
file by file: equal hashes are equal digests.

    PYTHONPATH=src python bench/digest_processes.py --db STORE [--before main] [--variants default,1,2]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def copy_store(db: Path, target: Path) -> None:
    """A copy of the store through SQLite's backup (safe while another process reads it), without its analyses."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
        tables = {row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "analyses" in tables:
            copy.execute("DELETE FROM analyses")


def folder_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def events_in(db: Path) -> tuple[int, int]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        events = connection.execute("SELECT COUNT(DISTINCT event_id) FROM event_members").fetchone()[0]
        articles = connection.execute("SELECT COUNT(*) FROM event_members").fetchone()[0]
    return events, articles


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="a store built by storyline ingest")
    parser.add_argument("--variants", default="default,1,2", help="'default' and numbers of workers, comma-separated")
    parser.add_argument("--before", metavar="REVISION", help="also digest with this git revision's code (default)")
    args = parser.parse_args(argv)
    if not args.db.exists():
        sys.exit(f"no store at {args.db}")
    from revisions import source_tree
    from scale import run, storyline_command

    events, articles = events_in(args.db)
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start")
    print(f"store: {events} events of {articles} articles; every event analysed (no stored analyses)\n")
    scratch = Path(tempfile.mkdtemp(prefix="storyline-digest-processes-"))
    rows = []
    try:
        sides = []
        if args.before:
            (scratch / "before").mkdir()
            src = source_tree(args.before, scratch / "before")
            sides.append((f"{args.before}, default", src, []))
        for variant in (v.strip() for v in args.variants.split(",") if v.strip()):
            options = [] if variant == "default" else ["--workers", variant]
            label = "default" if variant == "default" else f"--workers {variant}"
            sides.append((label, ROOT / "src", options))
        for n, (label, src, options) in enumerate(sides):
            folder = scratch / f"run{n}"
            folder.mkdir()
            copy_store(args.db, folder / "store.db")
            env = dict(os.environ, PYTHONPATH=str(src))
            command = [*storyline_command(), "digest", "--db", "store.db", "--out", "out", "--quiet", *options]
            done = run(f"digest{n}", command, folder, env)
            if done.code:
                sys.exit(f"{label}: exit {done.code}: {done.last_line}")
            rows.append((label, done, folder_hash(folder / "out")))
            shutil.rmtree(folder / "out", ignore_errors=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print("| digest | wall s | CPU s | CPU s per 1,000 articles | peak MB (largest process) | output hash |")
    print("|---|---|---|---|---|---|")
    for label, done, digest in rows:
        print(
            f"| {label} | {done.wall:.1f} | {done.cpu:.1f} | {done.cpu * 1000 / articles:.1f} | {done.peak_mb:.0f} "
            f"| {digest} |"
        )
    ours = {digest for label, _, digest in rows if not label.endswith(", default")}
    print("\nthis code's digests are " + ("identical" if len(ours) == 1 else "DIFFERENT") + " across its variants")
    if args.before:
        same = rows[0][2] in ours and len(ours) == 1
        print(f"{args.before}'s digests are " + ("the same" if same else "different"))
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
