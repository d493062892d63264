"""Raw JSON Lines to digests through the command line, this code beside another revision's in the same run: each
round, per side, ``storyline ingest STREAM`` into an empty store then ``storyline digest`` of it, the sides in turn.
With ``--python EXE`` the other side is this code run by another Python interpreter (one with Storyline's
dependencies installed, such as a virtual environment made from it): how much the interpreter's own build matters.

Each command is timed as ``bench/scale.py`` times a step (wall, CPU of the command and the processes it waited
for, peak memory). After each round a hash of the output folder and of the store's copy groups, events and analyses say
whether both sides wrote the same digests. (The articles' stored products may differ: which of them are kept depends on
where they are computed, not what they hold.)

    PYTHONPATH=src python bench/stream_sides.py --stream DIR --scratch DIR [--before main] [--rounds 3]
    PYTHONPATH=src python bench/stream_sides.py --stream DIR --python OTHER_VENV/bin/python [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from digest_fixed import store_hash  # noqa: E402
from incremental import folder_hash  # noqa: E402
from revisions import source_tree  # noqa: E402
from scale import run, storyline_command  # noqa: E402


def one_side(stream: Path, folder: Path, src: Path, python: str | None = None) -> dict:
    """Ingest then digest with the code under ``src``, in ``folder`` (emptied first); ``python``: the interpreter
    to run it with (default: the one beside this one's ``storyline``)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    env = dict(os.environ, PYTHONPATH=str(src))
    cli = [python, "-m", "storyline.cli"] if python else storyline_command()
    db = ["--db", str(folder / "store.db")]
    ingest = run("ingest", [*cli, "ingest", str(stream), *db, "--quiet"], folder, env)
    digest = run("digest", [*cli, "digest", *db, "--out", str(folder / "digest"), "--quiet"], folder, env)
    for step in (ingest, digest):
        if step.code:
            sys.exit(f"{src}: {step.step} failed: {step.last_line}")
    return {
        "ingest": (ingest.wall, ingest.cpu, ingest.peak_mb),
        "digest": (digest.wall, digest.cpu, digest.peak_mb),
        "hashes": (folder_hash(folder / "digest"), store_hash(folder / "store.db", products=False)),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stream", type=Path, required=True, help="JSON Lines shards (a folder)")
    parser.add_argument("--scratch", type=Path, help="where the stores go (default: a temporary folder)")
    parser.add_argument("--before", metavar="REVISION", default="main", help="the other side's git revision")
    parser.add_argument("--python", metavar="EXE", help="the other side: this code run by this interpreter")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    scratch = args.scratch or Path(tempfile.mkdtemp(prefix="storyline-sides-"))
    scratch.mkdir(parents=True, exist_ok=True)
    # Each side: its name, its source folder, the interpreter that runs it (None: this one's).
    if args.python:
        this = (interpreter(sys.executable), ROOT / "src", None)
        sides = [this, (interpreter(args.python), ROOT / "src", args.python)]
    else:
        shutil.rmtree(scratch / "before-src", ignore_errors=True)
        (scratch / "before-src").mkdir()
        before = (args.before, source_tree(args.before, scratch / "before-src"), None)
        sides = [before, ("this code", ROOT / "src", None)]
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start; stream {args.stream}")
    results: dict[str, list[dict]] = {side: [] for side, _, _ in sides}
    for round_ in range(1, args.rounds + 1):
        for side, src, python in sides:
            result = one_side(args.stream, scratch / "run", src, python)
            results[side].append(result)
            ingest, digest = result["ingest"], result["digest"]
            print(
                f"round {round_}, {side}: ingest {ingest[0]:.2f} s wall / {ingest[1]:.2f} CPU s / {ingest[2]:.0f} MB, "
                f"digest {digest[0]:.2f} / {digest[1]:.2f} / {digest[2]:.0f}, "
                f"both {ingest[0] + digest[0]:.2f} s wall; hashes {' '.join(result['hashes'])}",
                flush=True,
            )
    print("\n| median of the rounds | ingest wall / CPU s | digest wall / CPU s | JSONL to digests, wall s | peak MB |")
    print("|---|---|---|---|---|")
    for side, runs in results.items():
        med = {key: [statistics.median(r[key][k] for r in runs) for k in range(3)] for key in ("ingest", "digest")}
        both = statistics.median(r["ingest"][0] + r["digest"][0] for r in runs)
        peak = max(max(r["ingest"][2], r["digest"][2]) for r in runs)
        print(
            f"| {side} | {med['ingest'][0]:.2f} / {med['ingest'][1]:.2f} | {med['digest'][0]:.2f} / "
            f"{med['digest'][1]:.2f} | {both:.2f} | {peak:,.0f} |"
        )
    hashes = {tuple(r["hashes"]) for runs in results.values() for r in runs}
    print(f"\nthe same digests on every run of both sides: {'yes' if len(hashes) == 1 else 'NO: ' + str(hashes)}")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


def interpreter(python: str) -> str:
    """A side's name: the interpreter's path and version."""
    try:
        done = subprocess.run(
            [python, "-c", "import platform, storyline.pipeline, storyline.analysis; print(platform.python_version())"],
            capture_output=True,
            text=True,
            env=dict(os.environ, PYTHONPATH=str(ROOT / "src")),
        )
    except OSError as error:
        sys.exit(f"{python}: cannot run it ({error.strerror})")
    if done.returncode:
        sys.exit(f"{python}: cannot import Storyline's dependencies there ({done.stderr.strip().splitlines()[-1]})")
    return f"{python} (Python {done.stdout.strip()})"


if __name__ == "__main__":
    main()
