#!/usr/bin/env python3
"""Copy groups against datasketch's MinHashLSH on the syndication dev set, then the rate at larger scales.

usage (from the repository root):
    PYTHONPATH=src python bench/dedup.py [--data DIR] [--scale 10000,100000] [--workers 2]
    PYTHONPATH=src python bench/dedup.py --scale 10000,100000,1000000      # adds the optional 1M run
    PYTHONPATH=src python bench/dedup.py --sweep                            # threshold x shingle-size sweep

Every measurement runs in a fresh child process, so peak memory (maximum resident set size) is its own.
Rates are end to end: article texts in memory -> copy groups out (reading the JSONL file is not counted).
The larger sets replicate the dev set and mutate every replica (each content word gets a replica-specific
suffix), so replicas are distinct stories with the dev set's copy structure; they live only in memory.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "dedup-dev"
EVAL_TOOL = REPO.parent / "shared" / "tools" / "dedup_eval.py"
DATASKETCH_THRESHOLD = 0.3  # its best threshold on this set (the set's README)
BATCH = 20_000  # articles per incremental add in the scale runs


def load(data: Path) -> list[dict]:
    with open(data / "articles.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest child (pool workers), in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


# ----------------------------------------------------------------------------------------------------
# Child runs (one measurement per process)


def run_storyline(records: list[dict], workers: int, threshold: float | None) -> dict:
    from storyline.dedup import DEFAULT_THRESHOLD, CopyIndex
    from storyline.model import Article

    articles = [Article(id=r["id"], text=r["text"]) for r in records]
    start = time.perf_counter()
    index = CopyIndex(threshold=threshold or DEFAULT_THRESHOLD, workers=workers)
    rows, _ = index.add(articles)
    groups = index.groups()
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "groups": [g.article_ids for g in groups],
        "row_bytes": sum(len(data) for _, data in rows),
        "index_bytes": index.nbytes(),
    }


def run_datasketch(records: list[dict]) -> dict:
    from datasketch import MinHash, MinHashLSH

    start = time.perf_counter()
    lsh = MinHashLSH(threshold=DATASKETCH_THRESHOLD, num_perm=128)
    signatures = {}
    for record in records:
        words = re.findall(r"\w+", record["text"].lower())  # the tokenisation behind the set's README anchor
        shingles = {" ".join(words[i : i + 5]).encode() for i in range(max(len(words) - 4, 1))}
        signature = MinHash(num_perm=128)
        signature.update_batch(shingles)
        signatures[record["id"]] = signature
        lsh.insert(record["id"], signature)
    parent = {key: key for key in signatures}

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for key, signature in signatures.items():
        for other in lsh.query(signature):
            parent[find(other)] = find(key)
    groups = collections.defaultdict(list)
    for key in signatures:
        groups[find(key)].append(key)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "groups": list(groups.values())}


class Replicas:
    """Mutated replicas of the dev set: replica r suffixes every content word with a code for r."""

    def __init__(self, records: list[dict]):
        from storyline.text import STOPWORDS

        self.records = records
        self.parts = []
        for record in records:
            pieces = re.split(r"(\w+)", record["text"])
            mutable = [i % 2 == 1 and piece.lower() not in STOPWORDS for i, piece in enumerate(pieces)]
            self.parts.append((pieces, mutable))

    @staticmethod
    def suffix(replica: int) -> str:
        letters = []
        replica += 1
        while replica:
            replica, digit = divmod(replica - 1, 26)
            letters.append("abcdefghijklmnopqrstuvwxyz"[digit])
        return "q" + "".join(letters)

    def articles(self, total: int):
        from storyline.model import Article

        for n in range(total):
            replica, i = divmod(n, len(self.records))
            pieces, mutable = self.parts[i]
            tag = self.suffix(replica) if replica else ""
            text = "".join(piece + tag if flag else piece for piece, flag in zip(pieces, mutable))
            yield Article(id=f"{replica}:{self.records[i]['id']}", text=text)


def run_scale(records: list[dict], total: int, workers: int) -> dict:
    from storyline.dedup import CopyIndex, iter_batches

    replicas = Replicas(records)
    index = CopyIndex(workers=workers)
    seconds = 0.0
    row_bytes = 0
    for batch in iter_batches(replicas.articles(total), BATCH):
        start = time.perf_counter()
        rows, _ = index.add(batch)
        seconds += time.perf_counter() - start
        row_bytes += sum(len(data) for _, data in rows)
    start = time.perf_counter()
    groups = index.groups()
    seconds += time.perf_counter() - start
    return {
        "seconds": seconds,
        "groups": [g.article_ids for g in groups],
        "row_bytes": row_bytes,
        "index_bytes": index.nbytes(),
    }


def child(args: argparse.Namespace) -> None:
    records = load(Path(args.data))
    if args.child == "storyline":
        result = run_storyline(records, args.workers, args.threshold)
    elif args.child == "datasketch":
        result = run_datasketch(records)
    else:
        result = run_scale(records, args.size, args.workers)
    result["rss_mb"], result["worker_rss_mb"] = peak_rss_mb()
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(result, handle)


# ----------------------------------------------------------------------------------------------------
# Scoring


def score_with_tool(data: Path, groups: list[list[str]]) -> dict:
    """Pairwise precision, recall, F1 and ARI from the set's own scorer."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(groups, handle)
    try:
        out = subprocess.run(
            [sys.executable, str(EVAL_TOOL), str(data / "articles.jsonl"), handle.name],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(handle.name)
    numbers = dict(re.findall(r"(precision|recall|F1|ARI) ([0-9.]+)", out))
    return {key: float(value) for key, value in numbers.items()}


def score_replicas(records: list[dict], data: Path, groups: list[list[str]]) -> dict:
    """Pairwise precision/recall/F1 over replicated gold groups (ambiguous pairs left out, as the scorer)."""
    group_of = {r["id"]: r["group"] for r in records}
    ambiguous = {tuple(pair) for pair in json.loads((data / "articles.ambiguous.json").read_text())}

    def gold(article_id: str) -> tuple[str, str]:
        replica, original = article_id.split(":", 1)
        return replica, group_of[original]

    def pairs(clusters):
        return {pair for members in clusters for pair in itertools.combinations(sorted(members), 2)}

    gold_clusters = collections.defaultdict(list)
    for members in groups:
        for article_id in members:
            gold_clusters[gold(article_id)].append(article_id)
    gold_pairs = pairs(gold_clusters.values())
    predicted = {
        (a, b)
        for a, b in pairs(groups)
        if not (gold(a)[0] == gold(b)[0] and tuple(sorted((gold(a)[1], gold(b)[1]))) in ambiguous)
    }
    hits = len(gold_pairs & predicted)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(gold_pairs) if gold_pairs else 1.0
    return {"precision": precision, "recall": recall, "F1": 2 * precision * recall / (precision + recall)}


# ----------------------------------------------------------------------------------------------------
# Parent


def measure(
    args: argparse.Namespace, method: str, *, size: int = 0, workers: int = 1, threshold: float | None = None
) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = handle.name
    command = [
        sys.executable,
        __file__,
        "--child",
        method,
        "--data",
        str(args.data),
        "--workers",
        str(workers),
        "--size",
        str(size),
        "--out",
        out,
    ]
    if threshold is not None:
        command += ["--threshold", str(threshold)]
    env = dict(os.environ, PYTHONPATH=str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    try:
        subprocess.run(command, check=True, env=env)
        with open(out, encoding="utf-8") as handle:
            return json.load(handle)
    finally:
        os.unlink(out)


def row(name: str, articles: int, result: dict, quality: dict) -> str:
    rate = articles / result["seconds"]
    per_article = (
        f"{result['row_bytes'] / articles:,.0f} / {result['index_bytes'] / articles:,.0f}"
        if "row_bytes" in result
        else "-"
    )
    cells = [
        name,
        f"{articles:,}",
        *(f"{quality[k]:.4f}" if k in quality else "-" for k in ("precision", "recall", "F1", "ARI")),
        f"{rate:,.0f}",
        f"{result['rss_mb']:,.0f}",
        per_article,
    ]
    return "| " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--scale", default="10000,100000", help="comma-separated article counts ('' for none)")
    parser.add_argument("--workers", type=int, default=2, help="processes for sketching (default 2)")
    parser.add_argument("--repeats", type=int, default=3, help="interleaved runs per system on the dev set")
    parser.add_argument("--sweep", action="store_true", help="print the threshold x shingle-size sweep instead")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--threshold", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    if not (args.data / "articles.jsonl").is_file():
        sys.exit(f"dedup-dev data not found at {args.data}")
    if args.sweep:
        sweep(args)
        return
    records = load(args.data)
    runs: dict[str, list[dict]] = collections.defaultdict(list)
    for _ in range(args.repeats):  # interleaved, so that both systems see the same machine load
        runs["one"].append(measure(args, "storyline", workers=1))
        runs["pool"].append(measure(args, "storyline", workers=args.workers))
        runs["datasketch"].append(measure(args, "datasketch"))
    ours, pooled, theirs = (median_run(runs[key]) for key in ("one", "pool", "datasketch"))
    lines = [
        "| system | articles | precision | recall | F1 | ARI | articles/s | peak RSS MB "
        "| bytes/article (rows / in memory) |",
        "|---|---|---|---|---|---|---|---|---|",
        row("storyline copy groups, 1 process", len(records), ours, score_with_tool(args.data, ours["groups"])),
        row(
            f"storyline copy groups, {args.workers} processes",
            len(records),
            pooled,
            score_with_tool(args.data, pooled["groups"]),
        ),
        row(
            f"datasketch MinHashLSH 128 perms, word 5-grams, t={DATASKETCH_THRESHOLD}",
            len(records),
            theirs,
            score_with_tool(args.data, theirs["groups"]),
        ),
    ]
    for size in [int(s) for s in args.scale.split(",") if s.strip()]:
        result = measure(args, "scale", size=size, workers=args.workers)
        lines.append(
            row(
                f"storyline, {args.workers} processes, dev set replicated + mutated, added {BATCH:,} at a time",
                size,
                result,
                score_replicas(records, args.data, result["groups"]),
            )
        )
    print("\n".join(lines))
    best = max(ours["seconds"], pooled["seconds"]) and min(ours["seconds"], pooled["seconds"])
    print(
        f"\nmedians of {args.repeats} interleaved runs; speed on the dev set: "
        f"{theirs['seconds'] / ours['seconds']:.1f}x "
        f"datasketch with 1 process, {theirs['seconds'] / pooled['seconds']:.1f}x with {args.workers} "
        f"(best {theirs['seconds'] / best:.1f}x)"
    )


def median_run(results: list[dict]) -> dict:
    """The run with the median time, with the largest peak memory of all runs."""
    chosen = dict(sorted(results, key=lambda r: r["seconds"])[len(results) // 2])
    chosen["rss_mb"] = max(r["rss_mb"] for r in results)
    return chosen


def sweep(args: argparse.Namespace) -> None:
    """Pairwise F1 of storyline's copy groups over thresholds and shingle sizes (one process, dev set)."""
    from storyline import dedup
    from storyline.model import Article

    records = load(args.data)
    articles = [Article(id=r["id"], text=r["text"]) for r in records]
    thresholds = [0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75]
    print("| shingle words | " + " | ".join(f"t={t}" for t in thresholds) + " |")
    print("|---|" + "---|" * len(thresholds))
    for words in (4, 5, 6, 7):
        dedup.SHINGLE_WORDS = words  # the module reads it at call time; a bench-only override
        cells = []
        for threshold in thresholds:
            groups = dedup.find_copy_groups(articles, threshold=threshold, workers=1)
            cells.append(f"{score_with_tool(args.data, [g.article_ids for g in groups])['F1']:.4f}")
        print(f"| {words} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
