"""This code beside another git revision's: each side's measure runs in a process of its own, on the same input.

A benchmark script that compares revisions measures one side when called with ``--side`` (printing its result as
one JSON line) and calls ``run_sides`` otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def source_tree(revision: str, folder: Path) -> Path:
    """The ``src`` folder of ``revision`` of this repository, unpacked under ``folder``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "src"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder / "src"


def run_side(script: str, src: Path, side_args: list[str]) -> dict:
    """``script --side`` with ``side_args``, run with ``src`` on the import path: the JSON of its last line."""
    env = dict(os.environ, PYTHONPATH=str(src))
    done = subprocess.run([sys.executable, script, *side_args, "--side"], env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{src}: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_sides(script: str, side_args: list[str], before: str | None) -> dict[str, dict]:
    """Each side's result by name: ``before``'s code first (when given), then this code's ("this code")."""
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start")
    sides: dict[str, dict] = {}
    scratch = Path(tempfile.mkdtemp(prefix="storyline-revisions-"))
    try:
        if before:
            sides[before] = run_side(script, source_tree(before, scratch), side_args)
        sides["this code"] = run_side(script, ROOT / "src", side_args)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return sides


def data_sides(doc: str, side: Callable[[Path], dict], show: int) -> tuple[argparse.Namespace, dict, dict]:
    """The command line of a script that compares what this code and ``--before``'s give on the shared data:
    ``--before``, ``--data``, ``--show`` (default ``show``) and the hidden ``--side``. Called with ``--side``, it
    prints ``side(data)`` as one JSON line and exits; otherwise it returns the arguments and both sides' results
    (``--before``'s, then this code's)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", default="main", help="the other side's git revision")
    parser.add_argument("--data", type=Path, default=ROOT / ".." / "shared" / "data")
    parser.add_argument("--show", type=int, default=show, help="how many differences to print")
    parser.add_argument("--side", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not (args.data / "duc2004-dev" / "docs").is_dir():
        sys.exit(f"benchmark data not found under {args.data} (duc2004-dev/docs)")
    if args.side:
        print(json.dumps(side(args.data)))
        sys.exit(0)
    sides = run_sides(str(Path(sys.argv[0]).resolve()), ["--data", str(args.data)], args.before)
    return args, sides[args.before], sides["this code"]
