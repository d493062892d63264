"""Fuzz every reader through the command line: damaged example files, counted by exit code.

    python bench/fuzz.py --cases 10000                      # this checkout
    python bench/fuzz.py --cases 3000 --src /tmp/old/src    # the same cases against another source tree

Each case is an example file of one format (text, Markdown, HTML, RSS, JSON, JSONL, WARC, WARC.gz, gzip) with one to
three random mutations (byte flips, truncation, NUL bytes, wrong encodings, deep nesting, wrong JSON types, broken
markup and feeds, broken WARC headers, spliced regions, control characters), read by ``storyline read --json`` in
this process. The goal: 0 tracebacks and 0 exit-3s (internal errors); exit 1 (problems named) is the right answer
for most cases.
"""

from __future__ import annotations

import argparse
import collections
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
    args = parser.parse_args()
    if args.src:
        sys.path.insert(0, str(Path(args.src).resolve()))
    sys.path.insert(0, str(REPO))
    import storyline
    from tests.fuzzing import make_case, run_cli, seeds

    pool = seeds()
    kinds = sorted(pool)
    rng = random.Random(args.seed)
    codes: collections.Counter = collections.Counter()
    by_kind: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    failures: list[str] = []
    slowest = (0.0, "")
    started = time.process_time()
    with tempfile.TemporaryDirectory() as folder:
        for number in range(args.cases):
            kind = kinds[number % len(kinds)]
            name, data, applied = make_case(kind, rng.randrange(1000), rng, pool)
            path = Path(folder) / f"{number}-{name}"
            path.write_bytes(data)
            case_start = time.process_time()
            code, err = run_cli(path)
            spent = time.process_time() - case_start
            slowest = max(slowest, (spent, f"{kind} {applied} ({len(data):,} bytes)"))
            codes[code] += 1
            by_kind[kind][code] += 1
            if code not in (0, 1) and len(failures) < args.show:
                failures.append(f"  {kind} {'+'.join(applied)}: exit {code}: {err.strip().splitlines()[-1:]}")
            path.unlink()
    total = time.process_time() - started
    print(f"storyline from {Path(storyline.__file__).parent}")
    print(f"{args.cases:,} cases over {len(kinds)} formats in {total:.0f} s CPU "
          f"(slowest case {slowest[0]:.1f} s: {slowest[1]})")
    print(f"tracebacks: {codes[-1]}  exit 3: {codes[3]}  exit 2: {codes[2]}  exit 1: {codes[1]}  exit 0: {codes[0]}")
    print("per format (exit 0 / 1 / 2 / 3 / traceback):")
    for kind in kinds:
        counts = by_kind[kind]
        print(f"  {kind:9} {counts[0]:5} {counts[1]:5} {counts[2]:5} {counts[3]:5} {counts[-1]:5}")
    if failures:
        print("first failures:")
        print("\n".join(failures))


if __name__ == "__main__":
    main()
