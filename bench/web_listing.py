"""CPU of the events list after an ingest commit: followed from the events the write changed, against a full read.

The web app keeps the events list (every event, newest first, with the outlet menu) per store version. After each
commit of an ingest running beside it, each server process needs the new version's list. This times, after each
batch ingested through the product's own ingest, the list followed from the store's change log (``web/listing.py``,
``EventListings.get``) beside the anchor measured in the same run on the same snapshot: the full read that every
commit used to cost (``_read_listing``, reusing the events whose rows are unchanged, as before). Both results are
compared, event by event, to a fresh full read. It writes to the store: give it a copy.

    PYTHONPATH=src python bench/web_listing.py --db COPY_OF_A_STORE [--articles 102000] [--batches 10]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from web import INGEST_BATCH, stream, write_tail


def main(argv: list[str] | None = None) -> None:
    from storyline import pipeline
    from storyline.model import Article
    from storyline.store import Store
    from storyline.web import listing
    from storyline.web.reader import StoreReader

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="a store to write to (a copy)")
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--articles", type=int, default=102_000, help="the stream the store was built from")
    parser.add_argument("--batches", type=int, default=10, help="ingest commits to follow")
    args = parser.parse_args(argv)
    tail = args.db.with_name(args.db.stem + "-tail.jsonl")
    if not tail.exists():  # the same held-back articles as bench/web.py's concurrent ingest
        write_tail(args.db, (article for batch in stream(args.data, args.articles) for article in batch), tail)
    articles = [Article.from_dict(json.loads(line)) for line in tail.read_text(encoding="utf-8").splitlines()]

    with Store(args.db):  # brings an older store's schema up to date (the change log starts empty)
        pass
    reader = StoreReader(args.db)
    followed = listing.EventListings()
    known: dict = {}
    with reader.snapshot() as snapshot:
        followed.get(snapshot)
        _, known = listing._read_listing(snapshot, listing.store_version(snapshot), {}, known)
    print(f"store: {len(followed._latest.events):,} events, {len(followed._latest.by_outlet)} outlets")
    timings: dict[str, list[float]] = {"followed from the change log": [], "full read (anchor)": []}
    changed_counts = []

    def measure(number: int) -> None:
        nonlocal known
        with reader.snapshot() as snapshot:
            version = listing.store_version(snapshot)
            since = followed._latest.changes
            changed_counts.append(
                snapshot.db.execute("SELECT COUNT(*) FROM event_changes WHERE seq > ?", (since,)).fetchone()[0]
            )
            started = time.process_time()
            new = followed.get(snapshot)
            timings["followed from the change log"].append((time.process_time() - started) * 1000)
            started = time.process_time()
            full, known = listing._read_listing(snapshot, version, {}, known)
            timings["full read (anchor)"].append((time.process_time() - started) * 1000)
            fresh = listing.EventListings().get(snapshot)
            for name, made in (("followed", new), ("full read", full)):
                if _shown(made) != _shown(fresh):
                    sys.exit(f"bench/web_listing.py: the {name} list differs from a fresh read after commit {number}")

    def measured_between_commits():
        for number, article in enumerate(articles[: args.batches * INGEST_BATCH]):
            if number and number % INGEST_BATCH == 0:  # pulled once the batch before is committed
                measure(number // INGEST_BATCH)
            yield article

    with Store(args.db) as store:
        pipeline.ingest(store, measured_between_commits(), batch_size=INGEST_BATCH)
    measure(args.batches)
    print(
        f"{len(changed_counts)} commits of {INGEST_BATCH} articles; events changed per commit: median "
        f"{statistics.median(changed_counts):.0f}, most {max(changed_counts)}; every list equal to a fresh full read\n"
    )
    print("| events list after a commit | median CPU ms | max CPU ms |")
    print("|---|---|---|")
    for name, values in timings.items():
        print(f"| {name} | {statistics.median(values):.1f} | {max(values):.1f} |")


def _shown(made) -> tuple:
    return (
        [(event.id, event.title, event.start, event.end, event.outlets) for event in made.events],
        {name: [event.id for event in listed] for name, listed in made.by_outlet.items()},
        made.outlets,
        made.options,
        made.article_total,
    )


if __name__ == "__main__":
    main()
