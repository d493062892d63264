#!/usr/bin/env python3
"""A fingerprint of every disagreement the compare stage's rules report, to show that a change to the stage's speed
left its findings alone: the real events of the speed measure (and its one large event), both injected-conflict sets
and the ClaimDiff pairs of bench/disagreements.py, each reduced to a SHA-256 of the disagreements' JSON.

usage (from the repository root):
    PYTHONPATH=src python bench/disagreement_findings.py [--dump FILE]   # FILE: every finding as JSON, to diff

The quotes analyser's quotes are left out (its parser is the slow part and this stage only reads its output).
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from disagreement_set import Pair, build_set, duc_articles, ecbplus_articles
from disagreements import DATA, as_articles

from storyline.compare import event_disagreements
from storyline.model import Article


def speed_events(ecb: list[dict], duc: list[dict]) -> list[tuple[str, list[Article]]]:
    """The events bench/disagreements.py times, built the same way, and its one large event last."""
    events = collections.defaultdict(list)
    for article in ecb + duc:
        events[(article["source"], article["cluster"])].append(article)

    def articles(members: list[dict]) -> list[Article]:
        return [Article(id=m["id"], text="\n".join(m["sentences"]), published="2020-01-01") for m in members]

    named = [(f"{source}:{cluster}", articles(members)) for (source, cluster), members in events.items()]
    return [*named, ("large", articles(duc))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dump", type=Path, help="write every finding as JSON here")
    parser.add_argument("--events-only", action="store_true", help="only the real events (a quick check)")
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"shared evaluation data not found at {DATA}")
    ecb = ecbplus_articles(DATA / "ecbplus-dev")
    duc = duc_articles(DATA / "duc2004-dev" / "docs")
    groups: dict[str, list] = {}
    groups["speed events"] = [
        (name, [item.to_dict() for item in event_disagreements(name, articles)])
        for name, articles in speed_events(ecb, duc)
    ]
    for style, name in () if args.events_only else (("a", "tuning"), ("b", "unseen")):
        pairs = build_set(ecb + duc, style, seed=args.seed, per_kind=40, benign=200, real_pairs=150)
        groups[f"{name} set"] = [
            (pair.id, [item.to_dict() for item in event_disagreements("bench", as_articles(pair))]) for pair in pairs
        ]
    claimdiff = DATA / "claimdiff-dev" / "weak-train.json"
    records = [] if args.events_only else json.loads(claimdiff.read_text(encoding="utf-8"))["data"]
    groups["claimdiff"] = []
    for index, record in enumerate(records):
        found = event_disagreements("bench", as_articles(Pair(str(index), record["claim_a"], record["claim_b"], "")))
        groups["claimdiff"].append((str(index), [item.to_dict() for item in found]))
    summary = {}
    for name, items in groups.items():
        if not items:
            continue
        data = json.dumps(items, sort_keys=True, ensure_ascii=False).encode()
        summary[name] = {
            "cases": len(items),
            "disagreements": sum(len(found) for _, found in items),
            "sha256": hashlib.sha256(data).hexdigest()[:16],
        }
    print(json.dumps(summary, indent=2))
    if args.dump:
        args.dump.write_text(json.dumps(groups, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
