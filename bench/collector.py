"""The cyclic garbage collector's thresholds: the commands' own (``storyline.collector``) beside Python's default,
on the same stream in the same run.

Each round, per side in turn (the side that goes first alternates): ``storyline ingest STREAM`` into an empty store,
then ``storyline digest`` of it, each timed as ``bench/scale.py`` times a step (wall, CPU of the command and the
processes it waited for, peak memory). The commands run through ``storyline.cli.main`` as a user's would; the
"Python's default" side only has ``collect_less`` set Python's default thresholds (700, 10, 10) instead. Every
process (the command and its pool workers, which are forked from it) times its collections with ``gc.callbacks``,
so each step also reports the CPU spent collecting and how many collections ran. A hash of the digest folder and
of the store says whether both sides wrote the same digests.

    PYTHONPATH=src python bench/collector.py --stream DIR [--rounds 3] [--scratch DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from digest_fixed import store_hash  # noqa: E402
from incremental import folder_hash  # noqa: E402
from scale import run  # noqa: E402

# Run in each command's process: the side's thresholds, and every collection's CPU time written to a file of the
# process (forked workers inherit the callback; they leave without running exit handlers, so it writes as it goes).
_COMMAND = """
import gc, os, sys, time
import storyline.cli, storyline.collector
if os.environ["COLLECTOR_SIDE"] == "default":
    default = lambda: gc.set_threshold(700, 10, 10)
    storyline.cli.collect_less = storyline.collector.collect_less = default
folder, spent = os.environ["COLLECTOR_TIMES"], [0.0, 0.0, 0]
def timed(phase, info):
    if phase == "start":
        spent[1] = time.process_time()
        return
    spent[0] += time.process_time() - spent[1]
    spent[2] += 1
    with open(os.path.join(folder, str(os.getpid())), "w") as out:
        out.write(f"{spent[0]} {spent[2]}")
gc.callbacks.append(timed)
sys.exit(storyline.cli.main(sys.argv[1:]))
"""

SIDES = {"Python's default (700, 10, 10)": "default", "the commands' (storyline.collector)": "commands"}


def collections(folder: Path) -> tuple[float, int]:
    """CPU seconds spent collecting and collections run, summed over the processes that wrote to ``folder``."""
    seconds, count = 0.0, 0
    for path in folder.iterdir():
        spent, runs = path.read_text().split()
        seconds, count = seconds + float(spent), count + int(runs)
    return seconds, count


def one_side(stream: Path, folder: Path, side: str) -> dict:
    """Ingest then digest with ``side``'s thresholds, in ``folder`` (emptied first)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    result: dict = {}
    db = ["--db", str(folder / "store.db")]
    for step, args in (
        ("ingest", ["ingest", str(stream), *db, "--quiet"]),
        ("digest", ["digest", *db, "--out", str(folder / "digest"), "--quiet"]),
    ):
        times = folder / f"{step}-collections"
        times.mkdir()
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), COLLECTOR_SIDE=side, COLLECTOR_TIMES=str(times))
        done = run(step, [sys.executable, "-c", _COMMAND, *args], folder, env)
        if done.code:
            sys.exit(f"{side}: {step} failed: {done.last_line}")
        result[step] = (done.wall, done.cpu, done.peak_mb, *collections(times))
    result["hashes"] = (folder_hash(folder / "digest"), store_hash(folder / "store.db", products=False))
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stream", type=Path, required=True, help="JSON Lines shards (a folder)")
    parser.add_argument("--scratch", type=Path, help="where the stores go (default: a temporary folder)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    scratch = args.scratch or Path(tempfile.mkdtemp(prefix="storyline-collector-"))
    scratch.mkdir(parents=True, exist_ok=True)
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start; stream {args.stream}")
    results: dict[str, list[dict]] = {name: [] for name in SIDES}
    names = list(SIDES)
    for round_ in range(1, args.rounds + 1):
        for name in names if round_ % 2 else names[::-1]:
            result = one_side(args.stream, scratch / "run", SIDES[name])
            results[name].append(result)
            parts = [
                f"{step} {w:.2f} s wall / {c:.2f} CPU s / {m:.0f} MB, collecting {g:.2f} CPU s in {n} collections"
                for step in ("ingest", "digest")
                for w, c, m, g, n in [result[step]]
            ]
            print(f"round {round_}, {name}: {'; '.join(parts)}; hashes {' '.join(result['hashes'])}", flush=True)
    print("\n| median of the rounds | step | wall s | CPU s | collecting, CPU s | collections | peak MB |")
    print("|---|---|---|---|---|---|---|")
    for name, runs in results.items():
        for step in ("ingest", "digest"):
            med = [statistics.median(r[step][k] for r in runs) for k in range(5)]
            print(f"| {name} | {step} | {med[0]:.2f} | {med[1]:.2f} | {med[3]:.2f} | {med[4]:.0f} | {med[2]:.0f} |")
    hashes = {r["hashes"] for runs in results.values() for r in runs}
    print(f"\nthe same digests on every run of both sides: {'yes' if len(hashes) == 1 else 'NO'}")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
