"""What a command pays to load a big store's indexes before it can take in one new article, beside another revision.

``storyline ingest`` and ``storyline digest`` with new input load the copy index, the event index and the storyline
index from the store's rows once per command (``pipeline._load_indexes`` and ``pipeline._storyline_index``); where
the copy index is read batch by batch (``dedup/stored.py``), a command loads only its band runs, and where the event
index's rows of copy groups and kept articles are read by key (``READ_BY_KEY``), only the others: a batch then
reads those it asks for, which this does not time. This times each
step's CPU in a process of its own, with this code and, given ``--before REVISION``, with the code of that revision,
on the same store, in the same run; a hash of every stored copy group tells whether both sides read the same store.
Run it on a copy of a store: opening a store may migrate it, and this code adds the band runs to a store without.

    PYTHONPATH=src python bench/index_load.py --db COPY_OF_STORE [--before main] [--rounds 2]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def one_side(db: str, rounds: int) -> dict:
    from storyline import pipeline
    from storyline.store import Store

    try:
        from storyline.dedup.stored import StoredCopies as stored_copies
    except ImportError:
        stored_copies = None
    best: dict[str, float] = {}
    with Store(db) as store:
        articles = store.count_articles()
        for _ in range(rounds):
            spent = {}
            if stored_copies is None:  # a revision that loads the whole copy index
                started = time.process_time()
                rows = list(store.index_rows(pipeline.COPY_INDEX))
                spent["copy index: read rows"] = time.process_time() - started
                started = time.process_time()
                pipeline.CopyIndex.from_rows(iter(rows), threshold=pipeline.DEFAULTS.copy_threshold)
                spent["copy index: restore"] = time.process_time() - started
                del rows
            else:  # only the band runs; a store without them gets them in the first round (kept: least of rounds)
                started = time.process_time()
                with store.transaction():
                    stored_copies(store, threshold=pipeline.DEFAULTS.copy_threshold, min_words=25)
                spent["copy index: band runs"] = time.process_time() - started
            started = time.process_time()
            read_by_key = getattr(pipeline, "READ_BY_KEY", None)
            if read_by_key is None:  # a revision that reads every row of the event index
                event_index, _ = pipeline.load_event_rows(store.state_rows(pipeline.EVENT_STATE))
            else:  # as the command loads it: the rows read by key are left for the batches that ask for them
                rows = store.state_rows(pipeline.EVENT_STATE, skip=read_by_key)
                event_index, _ = pipeline.load_event_rows(rows, partial(store.state_rows_named, pipeline.EVENT_STATE))
            spent["event index: read and load rows"] = time.process_time() - started
            started = time.process_time()
            pipeline._storyline_index(store, event_index)
            spent["storyline index"] = time.process_time() - started
            spent["all"] = sum(spent.values())
            for name, value in spent.items():
                best[name] = min(best.get(name, value), value)
        stored_groups = store.copy_groups()
    groups = hashlib.sha256()
    for group in sorted(stored_groups, key=lambda g: g.canonical):
        groups.update(f"{group.canonical}:{','.join(group.article_ids)};".encode())
    count = len(stored_groups)
    return {"articles": articles, "cpu": best, "groups": groups.hexdigest()[:12], "copy_groups": count}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="a COPY of a store built by storyline ingest")
    parser.add_argument("--rounds", type=int, default=2, help="load this many times; least CPU kept")
    parser.add_argument("--before", metavar="REVISION", help="also run the code of this git revision, first")
    parser.add_argument("--side", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.db.exists():
        sys.exit(f"no store at {args.db}")
    if args.side:
        print(json.dumps(one_side(str(args.db), args.rounds)))
        return
    from revisions import run_sides

    sides = run_sides(__file__, ["--db", str(args.db), "--rounds", str(args.rounds)], args.before)
    first = next(iter(sides.values()))
    print(f"\n{first['articles']:,} articles, {first['copy_groups']:,} copy groups; CPU s (least of {args.rounds})\n")
    print("| step | " + " | ".join(sides) + " |")
    print("|---|" + "---|" * len(sides))
    names = list(dict.fromkeys(name for side in sides.values() for name in side["cpu"]))
    for name in names:
        cells = (f"{side['cpu'][name]:.2f}" if name in side["cpu"] else "-" for side in sides.values())
        print(f"| {name} | " + " | ".join(cells) + " |")
    print("| hash of every stored copy group | " + " | ".join(side["groups"] for side in sides.values()) + " |")
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
