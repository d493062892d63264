#!/usr/bin/env python3
"""The compare stage over the events of a store: every stored event's disagreements, as the digest's disagreements
analyser finds them (``storyline.compare.event_disagreements`` over the event's stored articles), on one process
and on two (the engine ``storyline digest --workers 2`` runs: two processes map, the caller collects), with CPU and
wall seconds and a fingerprint of the findings.

usage (from the repository root; the store is only read, but work on a copy of one you care about):
    PYTHONPATH=src python bench/disagreement_store.py --store FILE [--every 1] [--processes 1 2]
    PYTHONPATH=src python bench/disagreement_store.py --store FILE --before REV   # REV's code beside this code

``--every N`` takes every N-th event (a quicker estimate). The quotes analyser's output is left out: in the digest
it is computed once per event for the quotes section and only read here, and its parse is that analyser's cost
(``--quotes-every N`` times the full ``storyline compare`` path, quotes included, on every N-th event).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _events(store_path: Path, every: int) -> tuple[list[tuple[str, list]], dict]:
    """(event id, its stored articles) for every ``every``-th stored event, read through the product's store."""
    from storyline import api

    cpu, wall = time.process_time(), time.perf_counter()
    with api.open_store(store_path, must_exist=True) as store:
        events = store.events()[::every]
        articles = {article.id: article for article in store.articles()}
    picked = [(event.id, [articles[i] for i in event.article_ids if i in articles]) for event in events]
    read = {"cpu_s": round(time.process_time() - cpu, 1), "wall_s": round(time.perf_counter() - wall, 1)}
    return picked, read


def event_step(item: tuple[str, list]) -> list[dict]:
    """One event's disagreements as JSON-able data (the map step the pool runs)."""
    from storyline.compare import event_disagreements

    event_id, articles = item
    return [found.to_dict() for found in event_disagreements(event_id, articles)]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def compare_all(events: list[tuple[str, list]], processes: int) -> dict:
    """The compare stage over ``events`` on ``processes`` processes: CPU (all processes) and wall seconds."""
    import scipy.sparse  # noqa: F401 - the stage's one-off import is not a cost per event

    from storyline.engine.choose import command_engine

    cpu, children, wall = time.process_time(), _children_cpu(), time.perf_counter()
    with command_engine("local", workers=processes) as engine:
        found = list(engine.map(event_step, events))
    wall = time.perf_counter() - wall
    cpu = time.process_time() - cpu + _children_cpu() - children
    articles = sum(len(members) for _, members in events)
    data = json.dumps(found, sort_keys=True, ensure_ascii=False).encode()
    return {
        "processes": processes,
        "events": len(events),
        "articles": articles,
        "cpu_s": round(cpu, 1),
        "wall_s": round(wall, 1),
        "articles_per_cpu_s": round(articles / cpu, 1) if cpu else None,
        "disagreements": sum(len(items) for items in found),
        "findings_sha256": hashlib.sha256(data).hexdigest()[:16],
    }


def with_quotes(events: list[tuple[str, list]]) -> dict:
    """The ``storyline compare`` path on these events, the quotes analyser's parse included (CPU seconds)."""
    from storyline.compare import event_disagreements, event_quotes

    cpu = time.process_time()
    found = 0
    for event_id, members in events:
        found += len(event_disagreements(event_id, members, event_quotes(members) if len(members) > 1 else None))
    cpu = time.process_time() - cpu
    articles = sum(len(members) for _, members in events)
    return {"events": len(events), "articles": articles, "cpu_s": round(cpu, 1), "disagreements": found}


def measure(store_path: Path, every: int, processes: list[int], quotes_every: int = 0) -> dict:
    events, read = _events(store_path, every)
    result = {"store": store_path.name, "every": every, "read": read, "runs": []}
    for count in processes:
        run = compare_all(events, count)
        run["extrapolated_whole_store_cpu_s" if every > 1 else "whole_store"] = (
            round(run["cpu_s"] * every, 1) if every > 1 else True
        )
        if every > 1:
            run["extrapolated_whole_store_wall_s"] = round(run["wall_s"] * every, 1)
        result["runs"].append(run)
    if quotes_every:
        result["with_quotes"] = with_quotes(events[::quotes_every])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--every", type=int, default=1, help="take every N-th event")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--quotes-every", type=int, default=0, help="also time the path with quotes on 1/N events")
    parser.add_argument("--before", help="a git revision to measure beside this code, each in its own process")
    parser.add_argument("--side", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.store.is_file():
        sys.exit(f"{args.store}: no such store")
    if args.every < 1:
        sys.exit("--every must be at least 1")
    if args.side or not args.before:
        result = measure(args.store, args.every, args.processes, args.quotes_every)
        print(json.dumps(result) if args.side else json.dumps(result, indent=2))
        return
    compare_store(args.store, args.every, args.processes, args.before)


def compare_store(store: Path, every: int, processes: list[int], before: str | None) -> None:
    """This code's compare stage over ``store``'s events, beside ``before``'s when given, each in its own process;
    prints both sides and whether their findings are identical."""
    if not store.is_file():
        sys.exit(f"{store}: no such store")
    from revisions import run_sides

    side_args = ["--store", str(store), "--every", str(every), "--processes", *map(str, processes)]
    sides = run_sides(__file__, side_args, before)
    print(json.dumps(sides, indent=2))
    hashes = {run["findings_sha256"] for side in sides.values() for run in side["runs"]}
    print("findings identical on every side and process count:", len(hashes) == 1)
    for name, side in sides.items():
        for run in side["runs"]:
            whole = run.get("extrapolated_whole_store_cpu_s", run["cpu_s"])
            print(
                f"{name}: {run['processes']} process(es), {run['articles']:,} articles, {run['cpu_s']} CPU s, "
                f"{run['wall_s']} s wall, {run['articles_per_cpu_s']} articles per CPU s; whole store {whole} CPU s, "
                f"{round(whole / run['processes'], 1)} s wall on {run['processes']} idle core(s)"
            )
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
