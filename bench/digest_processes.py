"""``storyline digest`` of one store in one process, in two, on Ray: wall, CPU and whether the digests are the same.

Each variant digests its own copy of the store (a copy holds no stored analyses, so every event is analysed),
through the command line as a user runs it: ``storyline digest --db COPY --out DIR --quiet`` with ``--workers 1``,
``--workers 2``, no ``--workers`` (the default) and, as variant ``ray``, ``--engine ray`` (a local Ray cluster the
command starts and stops; needs ray importable, e.g. on PYTHONPATH, which reaches the commands after their src).
CPU is user + system time of the command and of the worker processes it waited for. Ray's raylet reaps its worker
processes without adding their CPU to its own accounting, so the next column counts every process descended from
the command from ``/proc``: sampled every half second, each process's own CPU as last seen (orphans stay in view:
this script adopts them as a Linux child subreaper and reaps them after the command ends). A process's last half
second before it ends can be missed; on the local variants the two columns agree within that. Peak memory is the
largest single process, and the largest sum over the tree of the processes' proportional set size (shared pages
split between the processes sharing them).
With ``--before REVISION`` that revision's code digests a copy too, with no ``--workers`` (what a user got by
default there). The output folders are hashed file by file: equal hashes are equal digests.

    PYTHONPATH=src python bench/digest_processes.py --db STORE [--before main] [--variants default,1,2,ray]
"""

from __future__ import annotations

import argparse
import ctypes
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
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


PR_SET_CHILD_SUBREAPER = 36
SAMPLE_S = 0.5
LEFTOVER_WAIT_S = 60.0  # how long processes the command left behind (Ray's) may take to end after it


@dataclass
class Digest:
    """One digest command: what it and every process descended from it cost."""

    wall: float
    cpu: float  # the command and the processes it waited for
    all_cpu: float  # every process descended from the command, Ray's daemons and workers included (sampled)
    peak_mb: float  # the largest single process the command waited for
    tree_pss_mb: float  # the largest sampled sum of PSS over the command and its descendants
    by_kind: dict[str, float]  # the CPU seconds of every descendant by what it runs
    left_over: int  # processes still alive LEFTOVER_WAIT_S after the command ended (not counted)
    code: int
    last_line: str


def adopt_orphans() -> None:
    """Become the parent of the command's orphaned descendants, so that they stay in view until they end."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        sys.exit("cannot become a child subreaper (Linux only): CPU of processes outside the command not counted")


def own_cpu(pid: int) -> tuple[tuple[int, int], tuple[str, float]] | None:
    """A process's identity (pid and start time, as pids are reused), what it runs and its own CPU seconds so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return None
    return (pid, int(fields[19])), (process_kind(argv), (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"))


def process_kind(argv: list[str]) -> str:
    """What a process runs, in a word: a Ray process's title, a Python script's name or the program's name."""
    if argv and argv[0].startswith("ray::"):
        return "ray::IDLE (worker)" if argv[0] == "ray::IDLE" else argv[0]
    scripts = [Path(arg).name for arg in argv[1:] if arg.endswith(".py") or Path(arg).name == "storyline"]
    return scripts[0] if scripts else Path(argv[0]).name if argv and argv[0] else ""


def observe(seen: dict[tuple[int, int], tuple[str, float]], pids: list[int]) -> None:
    """Note each process's own CPU so far and what it runs (kept from before once it has ended: a zombie's is
    blank)."""
    for sample in map(own_cpu, pids):
        if sample is not None:
            identity, (kind, cpu) = sample
            seen[identity] = (kind or seen.get(identity, ("?", 0.0))[0], cpu)


def descendants(pid: int) -> list[int]:
    """A process and every live process below it (Linux ``/proc``)."""
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        try:
            for task in Path(f"/proc/{parent}/task").iterdir():
                todo.extend(int(child) for child in (task / "children").read_text().split())
        except OSError:
            continue
        found.append(parent)
    return found


def pss_mb(pid: int) -> float:
    """A process's proportional set size: its private pages and its share of the pages it shares."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def run_digest(step: str, args: list[str], cwd: Path, env: dict) -> Digest:
    """Run one command, its output to files, counting the CPU of every process descended from it."""
    me = os.getpid()
    seen: dict[tuple[int, int], tuple[str, float]] = {}  # each process's kind and own CPU as last seen
    out_path, err_path = cwd / f"{step}.out", cwd / f"{step}.err"
    tree_peak, own = 0.0, None
    with out_path.open("wb") as out, err_path.open("wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, stdout=out, stderr=err, env=env)
        while own is None:
            tree = [p for p in descendants(me) if p != me]
            observe(seen, tree)
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                own = (status, usage)
                break
            tree_peak = max(tree_peak, sum(pss_mb(p) for p in tree))
            time.sleep(SAMPLE_S)
        wall = time.perf_counter() - started
    deadline, left_over = time.monotonic() + LEFTOVER_WAIT_S, 0
    while True:  # follow what the command left behind (adopted orphans) until it ends, and reap it
        observe(seen, [p for p in descendants(me) if p != me])
        try:
            pid, _, _ = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if not pid:
            if time.monotonic() > deadline:
                left_over = len(descendants(me)) - 1
                break
            time.sleep(0.2)
    status, usage = own
    process.returncode = os.waitstatus_to_exitcode(status)
    lines = (err_path.read_text(errors="replace") + out_path.read_text(errors="replace")).strip().splitlines()
    return Digest(
        wall,
        usage.ru_utime + usage.ru_stime,
        sum(cpu for _, cpu in seen.values()),
        usage.ru_maxrss / 1024,
        tree_peak,
        by_kind(seen),
        left_over,
        process.returncode,
        lines[-1][:160] if lines else "",
    )


def by_kind(seen: dict[tuple[int, int], tuple[str, float]]) -> dict[str, float]:
    """CPU seconds per kind of process (a process's kind as last seen: a Ray worker becomes IDLE between tasks)."""
    kinds: dict[str, float] = {}
    for kind, cpu in seen.values():
        kinds[kind] = kinds.get(kind, 0.0) + cpu
    return dict(sorted(kinds.items(), key=lambda item: -item[1]))


def variant_options(variant: str) -> tuple[str, list[str]]:
    """The label and the command-line options of a variant: default, ray or a number of workers."""
    if variant == "default":
        return "default", []
    if variant == "ray":
        return "--engine ray (local cluster)", ["--engine", "ray"]
    return f"--workers {variant}", ["--workers", variant]


def events_in(db: Path) -> tuple[int, int]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        events = connection.execute("SELECT COUNT(DISTINCT event_id) FROM event_members").fetchone()[0]
        articles = connection.execute("SELECT COUNT(*) FROM event_members").fetchone()[0]
    return events, articles


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="a store built by storyline ingest")
    parser.add_argument(
        "--variants", default="default,1,2", help="'default', 'ray' and numbers of workers, comma-separated"
    )
    parser.add_argument("--before", metavar="REVISION", help="also digest with this git revision's code (default)")
    args = parser.parse_args(argv)
    if not args.db.exists():
        sys.exit(f"no store at {args.db}")
    from revisions import source_tree
    from scale import storyline_command

    adopt_orphans()

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
            label, options = variant_options(variant)
            sides.append((label, ROOT / "src", options))
        for n, (label, src, options) in enumerate(sides):
            folder = scratch / f"run{n}"
            folder.mkdir()
            copy_store(args.db, folder / "store.db")
            # The side's src first; what else is on PYTHONPATH (ray, say) after it.
            path = os.pathsep.join(p for p in (str(src), os.environ.get("PYTHONPATH", "")) if p)
            env = dict(os.environ, PYTHONPATH=path)
            command = [*storyline_command(), "digest", "--db", "store.db", "--out", "out", "--quiet", *options]
            done = run_digest(f"digest{n}", command, folder, env)
            if done.code:
                sys.exit(f"{label}: exit {done.code}: {done.last_line}")
            rows.append((label, done, folder_hash(folder / "out")))
            shutil.rmtree(folder / "out", ignore_errors=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(
        "| digest | wall s | CPU s (command + processes it waited for) | CPU s (every descendant, sampled) "
        "| CPU s per 1,000 articles (every descendant) | peak MB (largest process) | peak MB (sum of PSS) "
        "| output hash |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for label, done, digest in rows:
        print(
            f"| {label} | {done.wall:.1f} | {done.cpu:.1f} | {done.all_cpu:.1f} | {done.all_cpu * 1000 / articles:.1f} "
            f"| {done.peak_mb:.0f} | {done.tree_pss_mb:.0f} | {digest} |"
        )
    print("\nCPU s of every descendant by what it runs:")
    for label, done, _ in rows:
        print(f"  {label}: " + ", ".join(f"{kind} {cpu:.1f}" for kind, cpu in done.by_kind.items()))
    for label, done, _ in rows:
        if done.left_over:
            print(f"{label}: {done.left_over} processes still running {LEFTOVER_WAIT_S:.0f} s later, not counted")
    ours = {digest for label, _, digest in rows if not label.endswith(", default")}
    print("\nthis code's digests are " + ("identical" if len(ours) == 1 else "DIFFERENT") + " across its variants")
    if args.before:
        same = rows[0][2] in ours and len(ours) == 1
        print(f"{args.before}'s digests are " + ("the same" if same else "different"))
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
