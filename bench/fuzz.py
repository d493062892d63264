"""Fuzz every reader through the command line: damaged example files, counted by exit code.

    python bench/fuzz.py --cases 10000                      # this checkout
    python bench/fuzz.py --cases 3000 --src /tmp/old/src    # the same cases against another source tree
    python bench/fuzz.py --cases 10000 --shard 0/4 --save s0.json ...; python bench/fuzz.py --combine s*.json

Case N is the same whatever the sharding (its random generator is seeded with the seed and N), so shards run in
parallel and their saved counts add up to the whole run.

Each case is an example file of one format (text, Markdown, HTML, RSS, JSON, JSONL, WARC, WARC.gz, gzip) with one to
three random mutations (byte flips, truncation, NUL bytes, wrong encodings, deep nesting, wrong JSON types, broken
markup and feeds, broken WARC headers, spliced regions, control characters), read by ``storyline read --json`` in
this process. The goal: 0 tracebacks and 0 exit-3s (internal errors); exit 1 (problems named) is the right answer
for most cases.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", default="fuzz")
    parser.add_argument("--src", help="read with the storyline package under this folder (default: this checkout)")
    parser.add_argument("--show", type=int, default=5, help="print this many failing cases")
    parser.add_argument("--shard", default="0/1", help="K/N: run only the cases whose number is K modulo N")
    parser.add_argument("--save", help="write the counts to this JSON file")
    parser.add_argument("--combine", nargs="+", metavar="JSON", help="print the sum of saved shard counts")
    args = parser.parse_args()
    if args.combine:
        report(*combine(args.combine))
        return
    if args.src:
        sys.path.insert(0, str(Path(args.src).resolve()))
    sys.path.insert(0, str(REPO))
    import storyline
    from tests.fuzzing import make_case, run_cli, seeds

    pool = seeds()
    kinds = sorted(pool)
    shard, shards = (int(part) for part in args.shard.split("/"))
    by_kind: dict[str, collections.Counter] = {kind: collections.Counter() for kind in kinds}
    failures: list[str] = []
    slowest = [0.0, ""]
    started = time.process_time()
    with tempfile.TemporaryDirectory() as folder:
        for number in range(shard, args.cases, shards):
            rng = random.Random(f"{args.seed}-{number}")
            kind = kinds[number % len(kinds)]
            name, data, applied = make_case(kind, rng.randrange(1000), rng, pool)
            path = Path(folder) / f"{number}-{name}"
            path.write_bytes(data)
            case_start = time.process_time()
            code, err = run_cli(path)
            spent = time.process_time() - case_start
            if spent > slowest[0]:
                slowest = [spent, f"{kind} {'+'.join(applied)} ({len(data):,} bytes)"]
            by_kind[kind][str(code)] += 1
            if code not in (0, 1) and len(failures) < args.show:
                failures.append(
                    f"case {number}: {kind} {'+'.join(applied)}: exit {code}: {err.strip().splitlines()[-1:]}"
                )
            path.unlink()
    summary = {
        "package": str(Path(storyline.__file__).parent),
        "cpu_s": time.process_time() - started,
        "slowest": slowest,
        "by_kind": by_kind,
        "failures": failures,
    }
    if args.save:
        Path(args.save).write_text(json.dumps(summary))
    report(summary)


def combine(paths: list[str]) -> list[dict]:
    total = {"package": "", "cpu_s": 0.0, "slowest": [0.0, ""], "by_kind": {}, "failures": []}
    for path in paths:
        part = json.loads(Path(path).read_text())
        total["package"] = part["package"]
        total["cpu_s"] += part["cpu_s"]
        total["slowest"] = max(total["slowest"], part["slowest"])
        total["failures"] += part["failures"]
        for kind, counts in part["by_kind"].items():
            total["by_kind"].setdefault(kind, collections.Counter()).update(counts)
    return [total]


def report(summary: dict) -> None:
    by_kind = {kind: collections.Counter(counts) for kind, counts in summary["by_kind"].items()}
    codes = sum(by_kind.values(), collections.Counter())
    print(f"storyline from {summary['package']}")
    print(
        f"{sum(codes.values()):,} cases over {len(by_kind)} formats in {summary['cpu_s']:.0f} s CPU "
        f"(slowest case {summary['slowest'][0]:.1f} s: {summary['slowest'][1]})"
    )
    print(
        f"tracebacks: {codes['-1']}  exit 3: {codes['3']}  exit 2: {codes['2']}  exit 1: {codes['1']}  "
        f"exit 0: {codes['0']}"
    )
    print("per format (exit 0 / 1 / 2 / 3 / traceback):")
    for kind, counts in sorted(by_kind.items()):
        print(f"  {kind:9} {counts['0']:5} {counts['1']:5} {counts['2']:5} {counts['3']:5} {counts['-1']:5}")
    if summary["failures"]:
        print("first failures:")
        print("\n".join("  " + line for line in summary["failures"]))


if __name__ == "__main__":
    main()
