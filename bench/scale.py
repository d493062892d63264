"""A news stream at scale, run through the command line as a user would: ingest, digest, then 1,000 more.

The stream is built at run time in a temporary folder (never kept): the ECB+ development articles, copied again
and again, each copy of the set with its own vocabulary and its events on random days (``synthetic_stream`` of
``bench/events.py``, about 300 articles a day), plus republications: one article in twenty is published again by
another outlet one to four days later, word for word (copies published days apart). Written as JSON Lines shards
of 1,000 articles. The last 1,000 articles of each size are held back for the "add 1,000 and digest again" step.

Every step is a ``storyline`` command in its own process; its CPU time (user + system, children included), wall
time and peak resident memory come from the operating system (``os.wait4``). Then the largest event's summary
is timed in a process of its own (the articles are loaded first; only ``summarize`` is timed), with this code and,
given ``--before REVISION``, with the code of that git revision too, so both sides are measured in the same run.
The machine's own speed (``bench/machine_speed.py``, a fixed pure-Python workload) is printed at the start and at
the end: the same code takes up to a third longer in one hour than in another on a shared machine.

    PYTHONPATH=src python bench/scale.py --sizes 2000,10000 [--before REVISION] [--event-size N] [--keep DIR]
    PYTHONPATH=src python bench/scale.py --sizes 10000 --before main --ingest-only before,local1,local2,ray
    PYTHONPATH=src python bench/scale.py --sizes 100000 --ingest-only local2 --stream DIR --queries [--copy-store DB]

``--stream DIR`` builds the stream under DIR once and reuses it on later runs (a 100,000-article stream takes
minutes to make); ``--queries`` also times ``search`` and ``articles --json | head`` on each ingested store, and
``--copy-store DB`` keeps a copy of it (before the 1,000 more) at DB; with ``--queries`` the ingest's progress
(articles stored, CPU so far) is printed every 30 s.
"""

from __future__ import annotations

import argparse
import heapq
import itertools
import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

SHARD = 1000
ADDED = 1000
REPUBLISHED_EVERY = 20  # one article in this many is republished by another outlet days later
OUTLETS_AGAIN = ("wire-reprint.example", "regional-daily.example", "aggregator.example")


@dataclass
class Run:
    """One command: what it cost and how it ended."""

    step: str
    wall: float
    cpu: float
    peak_mb: float
    code: int
    last_line: str = ""


def storyline_command() -> list[str]:
    """The installed ``storyline`` entry point beside this Python, else the CLI module."""
    script = Path(sys.executable).with_name("storyline")
    return [str(script)] if script.exists() else [sys.executable, "-m", "storyline.cli"]


def machine_speed() -> str:
    """The machine's speed now (``bench/machine_speed.py``, in a process of its own, this Python)."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "machine_speed.py")], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def run(step: str, args: list[str], cwd: Path, env: dict, *, sample: Path | None = None) -> Run:
    """Run one command, its output to files; CPU and peak memory of it and the processes it waited for.

    ``sample``: a store the command writes; every ``SAMPLE_S`` seconds the articles stored in it and the CPU time
    of the command's processes so far are printed, which shows how the cost of a batch grows with the store."""
    out_path, err_path = cwd / f"{step}.out", cwd / f"{step}.err"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, stdout=out, stderr=err, env=env)
        if sample is not None:
            print(f"\n{step}: wall s, articles stored, CPU s so far (the command and its worker processes)")
        while True:
            pid, status, usage = os.wait4(process.pid, 0 if sample is None else os.WNOHANG)
            if pid:
                break
            time.sleep(SAMPLE_S)
            print(f"  {time.perf_counter() - started:.0f} {stored_articles(sample)} {tree_cpu(process.pid):.1f}")
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    lines = (err_path.read_text(errors="replace") + out_path.read_text(errors="replace")).strip().splitlines()
    return Run(
        step,
        wall,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
        process.returncode,
        lines[-1][:160] if lines else "",
    )


SAMPLE_S = 30


def stored_articles(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
            return connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return -1  # not made yet


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process, the children it waited for and its live children (Linux ``/proc``)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = [
            int(child)
            for task in Path(f"/proc/{pid}/task").iterdir()
            for child in (task / "children").read_text().split()
        ]
    except OSError:
        return 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    return sum(int(value) for value in fields[11:15]) / ticks + sum(tree_cpu(child) for child in children)


def build_stream(data: Path, total: int, folder: Path) -> tuple[int, str]:
    """Write ``total`` articles then ``ADDED`` more as JSONL shards under ``folder/stream`` and ``folder/more``.

    Returns the number of republications and a word to search for.
    """
    from events import read_ecbplus, synthetic_stream

    articles, gold, _ = read_ecbplus(data / "ecbplus-dev")
    kept = [i for i, article in enumerate(articles) if article.text.strip()]  # a few ECB+ documents are empty
    articles, gold = [articles[i] for i in kept], [gold[i] for i in kept]
    originals = (total + ADDED) * REPUBLISHED_EVERY // (REPUBLISHED_EVERY + 1)
    pending: list[tuple[str, int, dict]] = []  # (day, order, record) of republications not yet due
    written, republished, order = 0, 0, 0
    shard: list[str] = []
    query = ""

    def flush() -> None:
        nonlocal shard, written
        if not shard:
            return
        part = "stream" if written < total else "more"
        (folder / part).mkdir(exist_ok=True)
        (folder / part / f"shard-{written // SHARD:05d}.jsonl").write_text("\n".join(shard) + "\n", encoding="utf-8")
        written += len(shard)
        shard = []

    def emit(record: dict) -> None:
        shard.append(json.dumps(record, ensure_ascii=False))
        if len(shard) == SHARD or written + len(shard) == total:
            flush()

    for batch in synthetic_stream(articles, gold, originals, batch=SHARD):
        for article in batch:
            while pending and pending[0][0] <= article.published:
                emit(heapq.heappop(pending)[2])
            record = {
                "id": article.id,
                "title": article.title,
                "text": article.text,
                "outlet": article.outlet,
                "published": article.published,
            }
            query = query or next((w for w in (article.title or "").split() if len(w) > 7 and w.isalpha()), "")
            emit(record)
            order += 1
            if order % REPUBLISHED_EVERY == 0:
                day = date.fromisoformat(article.published) + timedelta(days=1 + order % 4)
                again = dict(
                    record,
                    id=f"{article.id}~again",
                    outlet=OUTLETS_AGAIN[order % len(OUTLETS_AGAIN)],
                    published=day.isoformat(),
                )
                heapq.heappush(pending, (again["published"], order, again))
                republished += 1
    while pending:
        emit(heapq.heappop(pending)[2])
    flush()
    return republished, query or "police"


def largest_event(db: Path) -> tuple[str, int]:
    with sqlite3.connect(db) as connection:
        row = connection.execute(
            "SELECT event_id, COUNT(*) AS n FROM event_members GROUP BY event_id ORDER BY n DESC, event_id LIMIT 1"
        ).fetchone()
    return (row[0], row[1]) if row else ("", 0)


def export_event(db: Path, event_id: str, path: Path) -> None:
    """Write one stored event's articles and copy groups as JSON, for summarizing by any version of the code."""
    from storyline.store import Store

    with Store(db) as store:
        event = next(e for e in store.events() if e.id == event_id)
        members = set(event.article_ids)
        data = {
            "articles": [a.to_dict() for a in store.articles(event.article_ids)],
            "groups": [[g.id, g.article_ids, g.canonical] for g in store.copy_groups() if members & set(g.article_ids)],
        }
    path.write_text(json.dumps(data), encoding="utf-8")


def summarize_event(path: str) -> None:
    """(In a process of its own) time the summary of one exported event; print one JSON line."""
    import resource

    import storyline
    from storyline.model import Article, CopyGroup
    from storyline.summarize import summarize

    data = json.loads(Path(path).read_text(encoding="utf-8"))
    articles = [Article.from_dict(a) for a in data["articles"]]
    groups = [CopyGroup(group_id, ids, canonical, {}) for group_id, ids, canonical in data["groups"]]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, started_cpu = time.perf_counter(), time.process_time()
    summary = summarize(articles, words=100, copy_groups=groups)
    wall, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "articles": len(articles),
                "sentences": len(summary.sentences),
                "wall": wall,
                "cpu": cpu,
                "peak_mb": peak / 1024,
                "growth_mb": (peak - before) / 1024,
                "code": storyline.__file__,
                "text": " ".join(s.text for s in summary.sentences),
            }
        )
    )


def fused_event(data: Path, size: int, path: Path) -> None:
    """Write one event of ``size`` articles: the ECB+ development articles in one event (many stories fused, the
    worst case for a summary), one in twenty republished word for word by another outlet (one copy group)."""
    from events import read_ecbplus

    articles = [a for a in read_ecbplus(data / "ecbplus-dev")[0] if a.text.strip()]
    originals = articles[: size * REPUBLISHED_EVERY // (REPUBLISHED_EVERY + 1)]
    records, groups = [a.to_dict() for a in originals], []
    for k, article in enumerate(originals[::REPUBLISHED_EVERY]):
        records.append(dict(article.to_dict(), id=f"{article.id}~again", outlet=OUTLETS_AGAIN[k % 3]))
        groups.append([f"g{k}", [article.id, f"{article.id}~again"], article.id])
    path.write_text(json.dumps({"articles": records, "groups": groups}), encoding="utf-8")


def summary_runs(event_json: Path, env: dict, before_src: Path | None) -> dict:
    """The event's summary timed with this code and, when given, with the code in ``before_src``."""
    facts = {}
    for mode, code in (("now", ROOT / "src"), ("before", before_src)):
        if code is None:
            continue
        done = subprocess.run(
            [sys.executable, __file__, "--summarize-event", str(event_json)],
            capture_output=True,
            text=True,
            env=dict(env, PYTHONPATH=str(code)),
        )
        lines = done.stdout.strip().splitlines()
        facts[f"summary_{mode}"] = (
            json.loads(lines[-1])
            if done.returncode == 0 and lines
            else {"error": (done.stderr.strip().splitlines() or ["?"])[-1]}
        )
    return facts


def failed(step: Run) -> None:
    """Stop with the command's own message when it failed: every later step would measure nothing."""
    if step.code:
        sys.exit(f"storyline {step.step} failed (exit {step.code}): {step.last_line or 'no message'}")


def median_run(step: str, args: list[str], cwd: Path, env: dict, repeats: int = 3) -> Run:
    runs = sorted((run(step, args, cwd, env) for _ in range(repeats)), key=lambda r: r.wall)
    return runs[len(runs) // 2]


def measure(data: Path, total: int, folder: Path, env: dict, before_src: Path | None) -> tuple[list[Run], dict]:
    cli = storyline_command()
    made = time.perf_counter()
    republished, query = build_stream(data, total, folder)
    facts = {"republished": republished, "made_s": time.perf_counter() - made}
    db = ["--db", "store.db"]
    runs = [median_run("help", [*cli, "--help"], folder, env)]
    runs.append(run("ingest", [*cli, "ingest", "stream", *db], folder, env))
    failed(runs[-1])
    runs.append(run("digest", [*cli, "digest", *db, "--out", "digest"], folder, env))
    runs.append(run("digest again, no new input", [*cli, "digest", *db, "--out", "digest"], folder, env))
    runs.append(median_run("search", [*cli, "search", query, *db], folder, env))
    runs.append(run("articles --json", [*cli, "articles", "--json", *db], folder, env))
    runs.append(run(f"ingest {ADDED:,} more", [*cli, "ingest", "more", *db], folder, env))
    runs.append(run(f"digest after {ADDED:,} more", [*cli, "digest", *db, "--out", "digest"], folder, env))
    event_id, size = largest_event(folder / "store.db")
    facts["largest_event"] = size
    if event_id:
        export_event(folder / "store.db", event_id, folder / "largest-event.json")
        facts.update(summary_runs(folder / "largest-event.json", env, before_src))
    with sqlite3.connect(folder / "store.db") as connection:
        facts["events"] = connection.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        facts["articles"] = connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    digest = folder / "digest" / "events"
    facts["event_files"] = len(list(digest.glob("*.md"))) if digest.is_dir() else 0
    return runs, facts


def ingest_variants(
    data: Path,
    total: int,
    folder: Path,
    env: dict,
    before_src: Path | None,
    variants: list[str],
    *,
    stream: Path | None = None,
    queries: bool = False,
    copy_store: Path | None = None,
) -> list[tuple[str, Run, Run, str, list[Run]]]:
    """Ingest the stream, then the 1,000 more, once per variant: ``before`` (the code of ``--before``, as it runs
    by default), ``local1``/``local2`` (this code, one or two processes), ``ray`` (this code on a local Ray
    cluster). Returns (variant, ingest, ingest more, fingerprint of the resulting events and copy groups, the
    query runs on the store before the 1,000 more)."""
    source = stream_folder(data, total, stream or folder)
    out = []
    for variant in variants:
        if variant == "before" and before_src is None:
            continue
        code = before_src if variant == "before" else ROOT / "src"
        variant_env = dict(env, PYTHONPATH=str(code))
        cli = [sys.executable, "-m", "storyline.cli"]
        extra = {"before": [], "local1": ["--workers", "1"], "local2": ["--workers", "2"], "ray": ["--engine", "ray"]}
        db = ["--db", f"{variant}.db", "--quiet", *extra[variant]]
        first = run(
            f"{variant} ingest",
            [*cli, "ingest", str(source / "stream"), *db],
            folder,
            variant_env,
            sample=folder / f"{variant}.db" if queries else None,
        )
        asked = query_runs(cli, folder / f"{variant}.db", folder, variant_env) if queries and first.code == 0 else []
        if copy_store is not None and first.code == 0:
            copy_store.parent.mkdir(parents=True, exist_ok=True)
            with sqlite3.connect(folder / f"{variant}.db") as kept, sqlite3.connect(copy_store) as copy:
                kept.backup(copy)  # a consistent copy, the write-ahead log included
        more = run(f"{variant} ingest {ADDED:,} more", [*cli, "ingest", str(source / "more"), *db], folder, variant_env)
        out.append((variant, first, more, store_fingerprint(folder / f"{variant}.db"), asked))
    return out


def stream_folder(data: Path, total: int, folder: Path) -> Path:
    """``folder``, holding the stream (``stream/`` and ``more/``) of ``total`` articles: built there unless a
    finished one of that size is there already."""
    done = folder / f"stream-{total}.done"
    if not done.exists():
        for part in ("stream", "more"):
            shutil.rmtree(folder / part, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        build_stream(data, total, folder)
        done.write_text("built by bench/scale.py\n", encoding="utf-8")
    return folder


def store_queries(db: Path, count: int = 5) -> list[str]:
    """Words to search for, taken from the store itself (the stream's words carry a suffix per copy of the set):
    the longest word of articles spread over the store, and the two longest words of one of them."""
    with sqlite3.connect(db) as connection:
        total = connection.execute("SELECT MAX(seq) FROM articles").fetchone()[0] or 0
        texts = [
            connection.execute(
                "SELECT COALESCE(title, '') || ' ' || substr(text, 1, 400) FROM articles WHERE seq >= ? "
                "ORDER BY seq LIMIT 1",
                (seq,),
            ).fetchone()[0]
            for seq in range(1, total + 1, max(1, total // count))
        ]
    longest = [sorted(set(re.findall(r"[A-Za-z]{5,}", text)), key=lambda w: (-len(w), w))[:2] for text in texts]
    longest = [words for words in longest if words]
    return [words[0] for words in longest[: count - 1]] + [" ".join(longest[-1])] if longest else ["police"]


def query_runs(cli: list[str], db: Path, folder: Path, env: dict) -> list[Run]:
    """``search`` (median wall of three runs per query, several queries) and ``articles --json | head``."""
    runs = [
        median_run(f"search {query!r}", [*cli, "search", query, "--db", str(db)], folder, env)
        for query in store_queries(db)
    ]
    runs.append(
        first_lines("articles --json, first 20 lines", [*cli, "articles", "--json", "--db", str(db)], folder, env)
    )
    for r in runs:
        if r.step.startswith("search"):
            out = (folder / f"{r.step}.out").read_text(errors="replace")
            r.last_line = f"{len(out.splitlines())} results"
    return runs


def first_lines(step: str, args: list[str], cwd: Path, env: dict, lines: int = 20) -> Run:
    """Run a listing command, read its first ``lines`` lines and close the pipe, as ``| head`` does."""
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    got = [process.stdout.readline() for _ in range(lines)]
    process.stdout.close()
    _, _, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    return Run(step, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, 0, f"{sum(map(bool, got))} lines")


def store_fingerprint(db: Path) -> str:
    """A digest of a store's copy groups and events (membership and ids), to tell whether two runs agree."""
    import hashlib

    if not db.exists():
        return "-"
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT article_id, group_id FROM copy_groups ORDER BY article_id").fetchall()
        rows += connection.execute("SELECT article_id, event_id FROM event_members ORDER BY article_id").fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:12]


def report_ingest(total: int, results: list[tuple[str, Run, Run, str, list[Run]]]) -> None:
    print(f"\n### {total:,} articles, then {ADDED:,} more: ingest only\n")
    print("| code / engine | ingest wall s | ingest CPU s | peak MB | +1,000 wall s | +1,000 CPU s | events, copies |")
    print("|---|---|---|---|---|---|---|")
    for variant, first, more, fingerprint, _ in results:
        failed = "" if first.code == more.code == 0 else f" (exit {first.code}/{more.code}: {first.last_line})"
        print(
            f"| {variant}{failed} | {first.wall:.1f} | {first.cpu:.1f} | {first.peak_mb:,.0f} | {more.wall:.1f} | "
            f"{more.cpu:.1f} | {fingerprint} |"
        )
    for variant, *_, asked in results:
        if asked:
            print(f"\nOn the {total:,}-article store ({variant}):\n")
            print("| command | wall s | CPU s | peak MB | |")
            print("|---|---|---|---|---|")
            for r in asked:
                print(f"| {r.step} | {r.wall:.2f} | {r.cpu:.2f} | {r.peak_mb:,.0f} | {r.last_line} |")
            searches = sorted(r.wall for r in asked if r.step.startswith("search"))
            print(f"\nsearch, median wall over {len(searches)} queries: {searches[len(searches) // 2]:.2f} s")


def ingest_growth(results: dict[int, list]) -> None:
    sizes = sorted(results)
    if len(sizes) < 2:
        return
    print("\n| variant | from -> to | articles | ingest CPU | ingest wall | peak MB | +1,000 CPU |")
    print("|---|---|---|---|---|---|---|")
    for small, large in itertools.pairwise(sizes):
        low, high = ({r[0]: r for r in results[n]} for n in (small, large))
        for variant in [v for v in low if v in high]:
            a, b = low[variant], high[variant]
            print(
                f"| {variant} | {small:,} -> {large:,} | {large / small:.1f}x | {b[1].cpu / a[1].cpu:.2f}x | "
                f"{b[1].wall / a[1].wall:.2f}x | {b[1].peak_mb / a[1].peak_mb:.2f}x | {b[2].cpu / a[2].cpu:.2f}x |"
            )


def report_summaries(facts: dict) -> None:
    for mode, label in (("now", "this code"), ("before", f"the code of {facts.get('before', 'before')}")):
        s = facts.get(f"summary_{mode}")
        if s is None:
            continue
        if "error" in s:
            print(f"\nsummary, {label}: failed: {s['error']}")
            continue
        print(
            f"\nsummary, {label}: {s['articles']} articles, {s['wall']:.2f} s wall, "
            f"{s['cpu']:.2f} s CPU, peak {s['peak_mb']:.0f} MB (+{s['growth_mb']:.0f} MB while summarizing), "
            f"{s['sentences']} sentences"
        )


def report(total: int, runs: list[Run], facts: dict) -> None:
    print(
        f"\n### {total:,} articles ({facts['republished']:,} of them republications days apart); "
        f"then {facts['articles']:,} stored, {facts['events']:,} events, {facts['event_files']:,} event pages, "
        f"largest event {facts['largest_event']:,} articles (stream made in {facts['made_s']:.0f} s, not counted)\n"
    )
    print("| step | wall s | CPU s | peak MB | exit | last line |")
    print("|---|---|---|---|---|---|")
    for r in runs:
        print(f"| {r.step} | {r.wall:.2f} | {r.cpu:.2f} | {r.peak_mb:,.0f} | {r.code} | {r.last_line} |")
    print("\nThe largest event's summary:")
    report_summaries(facts)


def growth(results: dict[int, tuple[list[Run], dict]]) -> None:
    sizes = sorted(results)
    if len(sizes) < 2:
        return
    print("\n| from -> to | articles | ingest CPU | digest CPU | ingest + digest wall | peak MB |")
    print("|---|---|---|---|---|---|")
    for small, large in itertools.pairwise(sizes):
        a, b = ({r.step: r for r in results[n][0]} for n in (small, large))

        def ratio(value, a=a, b=b) -> str:
            low, high = value(a), value(b)
            return f"{high / low:.1f}x" if low else "-"

        print(
            f"| {small:,} -> {large:,} | {large / small:.1f}x | {ratio(lambda r: r['ingest'].cpu)} | "
            f"{ratio(lambda r: r['digest'].cpu)} | "
            f"{ratio(lambda r: r['ingest'].wall + r['digest'].wall)} | "
            f"{ratio(lambda r: max(r['ingest'].peak_mb, r['digest'].peak_mb))} |"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="2000,10000", help="stream sizes, comma-separated")
    parser.add_argument("--data", type=Path, default=ROOT / ".." / "shared" / "data")
    parser.add_argument("--keep", type=Path, help="build and keep the streams, stores and digests here")
    parser.add_argument(
        "--before",
        metavar="REVISION",
        help="also summarize the largest event with the code of this git revision (e.g. main)",
    )
    parser.add_argument(
        "--event-size",
        type=int,
        default=0,
        metavar="N",
        help="also summarize one event of N dev articles (all fused: the worst case); 0: skip",
    )
    parser.add_argument(
        "--ingest-only",
        metavar="VARIANTS",
        help="only ingest, once per variant, comma-separated: before (needs --before), local1, local2, ray",
    )
    parser.add_argument(
        "--stream", type=Path, metavar="DIR", help="with --ingest-only: build the stream here once, reuse it"
    )
    parser.add_argument("--queries", action="store_true", help="with --ingest-only: time search and articles too")
    parser.add_argument("--copy-store", type=Path, metavar="DB", help="with --ingest-only: keep a copy of the store")
    parser.add_argument("--summarize-event", metavar="EVENT_JSON", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.summarize_event:
        summarize_event(args.summarize_event)
        return
    if not (args.data / "ecbplus-dev" / "docs.jsonl").exists():
        sys.exit(f"benchmark data not found under {args.data} (ecbplus-dev/docs.jsonl)")
    sizes = [int(size) for size in args.sizes.split(",") if size.strip() and int(size) > 0]  # 0: no stream
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    print(
        f"storyline through {' '.join(storyline_command())} (Python {platform.python_version()}); "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start"
    )
    print(f"machine speed at the start (bench/machine_speed.py): {machine_speed()}")
    results, ingested = {}, {}
    scratch = Path(tempfile.mkdtemp(prefix="storyline-before-"))
    from revisions import source_tree

    before_src = source_tree(args.before, scratch) if args.before else None
    if args.event_size:
        fused_event(args.data, args.event_size, scratch / "event.json")
        facts = dict(summary_runs(scratch / "event.json", env, before_src), before=args.before)
        print(f"\nOne event of {args.event_size:,} articles (every ECB+ development topic fused, 1 in 20 republished):")
        report_summaries(facts)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    for total in sizes:
        folder = Path(tempfile.mkdtemp(prefix=f"storyline-scale-{total}-", dir=args.keep))
        if args.ingest_only:
            variants = [v.strip() for v in args.ingest_only.split(",") if v.strip()]
            try:
                ingested[total] = ingest_variants(
                    args.data,
                    total,
                    folder,
                    env,
                    before_src,
                    variants,
                    stream=args.stream / str(total) if args.stream else None,
                    queries=args.queries,
                    copy_store=args.copy_store,
                )
                report_ingest(total, ingested[total])
            finally:
                if args.keep is None:
                    shutil.rmtree(folder, ignore_errors=True)
            continue
        try:
            results[total] = measure(args.data, total, folder, env, before_src)
            results[total][1]["before"] = args.before
            report(total, *results[total])
        finally:
            if args.keep is None:
                shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(scratch, ignore_errors=True)
    growth(results)
    ingest_growth(ingested)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")
    print(f"machine speed at the end (bench/machine_speed.py): {machine_speed()}")


if __name__ == "__main__":
    main()
