#!/usr/bin/env python3
"""Where sources disagree: recall per kind, precision and false disagreements per benign pair on injected-conflict
sets built at run time from real articles, beside a naive baseline in the same run; ClaimDiff weakening pairs; and
the compare stage's speed on real events, extrapolated to a 100k-article store.

usage (from the repository root):
    PYTHONPATH=src python bench/disagreements.py [--per-kind 40] [--benign 200] [--real 150] [--seed 7]
    PYTHONPATH=src python bench/disagreements.py --show 5     # print a few misses and false reports per set
    PYTHONPATH=src python bench/disagreements.py --speed-only # only the compare stage's speed on real events
    PYTHONPATH=src python bench/disagreements.py --store FILE [--every N] [--before REV]
                                                # the compare stage over a store's events, 1 and 2 processes

The tuning set ("a") and the unseen set ("b") come from disjoint halves of the articles (split by a hash of the
article id) and use different edit styles (see bench/disagreement_set.py). "Real" pairs are two different articles
of one ECB+ event: they may hold true disagreements, so their reports are counted separately, not as errors.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from disagreement_set import KINDS, Pair, build_set, duc_articles, ecbplus_articles

from storyline.compare import event_disagreements, event_quotes
from storyline.diff import diff_articles
from storyline.model import Article

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
TARGET_ARTICLES = 100_000
_NAIVE_NEGATION = re.compile(r"\b(?:not|no|never)\b|n't\b", re.IGNORECASE)
_NAIVE_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def as_articles(pair: Pair) -> list[Article]:
    return [
        Article(id=name, text=text, outlet=f"Outlet {name}", published="2020-01-01", content_hash=_digest(text))
        for name, text in (("A", pair.a_text), ("B", pair.b_text))
    ]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def ours(pair: Pair) -> list[tuple[str, set[str]]]:
    """(kind, the sentences cited) for each disagreement the product reports."""
    articles = as_articles(pair)
    found = event_disagreements("bench", articles, event_quotes(articles))
    return [(item.kind, {claim.text for claim in item.claims}) for item in found]


def naive(pair: Pair) -> list[tuple[str, set[str]]]:
    """The anchor: diff's aligned (changed) sentence pairs whose digits or negation words differ, no normalisation."""
    a, b = as_articles(pair)
    found = []
    for change in diff_articles(a, b).changed:
        numbers_differ = sorted(_NAIVE_NUMBER.findall(change.a.text)) != sorted(_NAIVE_NUMBER.findall(change.b.text))
        negation_differs = len(_NAIVE_NEGATION.findall(change.a.text)) != len(_NAIVE_NEGATION.findall(change.b.text))
        if numbers_differ or negation_differs:
            found.append(("number" if numbers_differ else "negation", {change.a.text, change.b.text}))
    return found


def cites(texts: set[str], pair: Pair) -> bool:
    """Whether a report cites the injected sentence on both sides (as the product splits it into sentences)."""

    def held(sentence: str) -> bool:
        return any(text and (text in sentence or sentence in text) for text in texts)

    return held(pair.a_sentence) and held(pair.b_sentence)


def score(pairs: list[Pair], detector, show: int) -> dict:
    hits = collections.Counter()
    right_kind = collections.Counter()
    injected = collections.Counter(pair.kind for pair in pairs if pair.kind)
    reported = true_reports = benign_reports = real_reports = 0
    benign = sum(1 for pair in pairs if pair.kind is None and pair.source != "real")
    real = sum(1 for pair in pairs if pair.source == "real")
    misses, false_reports, real_examples = [], [], []
    cpu = time.process_time()
    for pair in pairs:
        found = detector(pair)
        if pair.source == "real":
            real_reports += len(found)
            real_examples += [(pair.id, kind, sorted(texts)) for kind, texts in found]
            continue
        reported += len(found)
        if pair.kind is None:
            benign_reports += len(found)
            false_reports += [(pair.id, kind, sorted(texts)) for kind, texts in found]
            continue
        matching = [kind for kind, texts in found if cites(texts, pair)]
        if matching:
            hits[pair.kind] += 1
            true_reports += 1
            right_kind[pair.kind] += pair.kind in matching
        else:
            misses.append((pair.id, pair.a_sentence, pair.b_sentence))
        false_reports += [(pair.id, kind, sorted(texts)) for kind, texts in found if not cites(texts, pair)]
    result = {
        "recall": {kind: round(hits[kind] / injected[kind], 3) if injected[kind] else None for kind in KINDS},
        "recall_right_kind": {
            kind: round(right_kind[kind] / injected[kind], 3) if injected[kind] else None for kind in KINDS
        },
        "injected": dict(injected),
        "precision": round(true_reports / reported, 3) if reported else None,
        "false_per_benign_pair": round(benign_reports / benign, 3) if benign else None,
        "benign_pairs": benign,
        "reports_per_real_pair": round(real_reports / real, 3) if real else None,
        "real_pairs": real,
        "cpu_s": round(time.process_time() - cpu, 2),
    }
    if show:
        result["misses"] = misses[:show]
        result["false_reports"] = false_reports[:show]
        result["real_reports"] = real_examples[:show]
    return result


def claimdiff(path: Path, detector_name: str) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    tp = fp = fn = 0
    for index, record in enumerate(data):
        pair = Pair(str(index), record["claim_a"], record["claim_b"], "claimdiff")
        flagged = bool(ours(pair) if detector_name == "ours" else naive_claims(pair))
        weakening = record["relation"] == 1
        tp += flagged and weakening
        fp += flagged and not weakening
        fn += weakening and not flagged
    return {
        "pairs": len(data),
        "weakening": tp + fn,
        "flagged": tp + fp,
        "precision": round(tp / (tp + fp), 3) if tp + fp else None,
        "recall": round(tp / (tp + fn), 3),
    }


def naive_claims(pair: Pair) -> bool:
    """The anchor on single claims: numbers or negation differ between two claims sharing two content words."""
    a, b = pair.a_text, pair.b_text
    shared = {w for w in re.findall(r"[a-z]{4,}", a.lower())} & {w for w in re.findall(r"[a-z]{4,}", b.lower())}
    if len(shared) < 2:
        return False
    return sorted(_NAIVE_NUMBER.findall(a)) != sorted(_NAIVE_NUMBER.findall(b)) or len(
        _NAIVE_NEGATION.findall(a)
    ) != len(_NAIVE_NEGATION.findall(b))


def speed(ecb: list[dict], duc: list[dict]) -> dict:
    """CPU seconds of the compare stage per real event (gold ECB+ events, DUC clusters), and one large event."""
    import scipy.sparse  # noqa: F401 - the stage's one-off import is not a cost per article

    events = collections.defaultdict(list)
    for article in ecb + duc:
        events[(article["source"], article["cluster"])].append(article)

    def run(members: list[dict]) -> float:
        articles = [Article(id=m["id"], text="\n".join(m["sentences"]), published="2020-01-01") for m in members]
        start = time.process_time()
        event_disagreements("speed", articles)
        return time.process_time() - start

    cpu = sum(run(members) for members in events.values())
    articles = sum(len(members) for members in events.values())
    big = duc  # every DUC article in one event: blocking must keep a 250-article event fast
    big_cpu = run(big)
    rate = articles / cpu
    return {
        "events": len(events),
        "articles": articles,
        "cpu_s": round(cpu, 2),
        "articles_per_cpu_s": round(rate, 1),
        "mean_event_size": round(articles / len(events), 1),
        f"one_event_of_{len(big)}_articles_cpu_s": round(big_cpu, 2),
        "extrapolated_100k_store_cpu_s": round(TARGET_ARTICLES / rate, 1),
        "extrapolated_100k_store_wall_s_two_processes": round(TARGET_ARTICLES / rate / 2, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-kind", type=int, default=40)
    parser.add_argument("--benign", type=int, default=200)
    parser.add_argument("--real", type=int, default=150)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--speed-only", action="store_true", help="measure the speed in a fresh process, nothing else")
    parser.add_argument("--store", type=Path, help="time the compare stage over this store's events, nothing else")
    parser.add_argument("--every", type=int, default=1, help="with --store: take every N-th event")
    parser.add_argument("--before", help="with --store: a git revision measured beside this code")
    args = parser.parse_args()
    if args.store:
        from disagreement_store import compare_store

        compare_store(args.store, args.every, [1, 2], args.before)
        return
    if not DATA.is_dir():
        sys.exit(f"shared evaluation data not found at {DATA}")
    ecb = ecbplus_articles(DATA / "ecbplus-dev")
    duc = duc_articles(DATA / "duc2004-dev" / "docs")
    report = {}
    if args.speed_only:
        print(json.dumps({"speed": speed(ecb, duc)}, indent=2))
        return
    for style, name in (("a", "tuning"), ("b", "unseen")):
        pairs = build_set(
            ecb + duc, style, seed=args.seed, per_kind=args.per_kind, benign=args.benign, real_pairs=args.real
        )
        report[name] = {"ours": score(pairs, ours, args.show), "naive": score(pairs, naive, args.show)}
    claims = DATA / "claimdiff-dev" / "weak-train.json"
    report["claimdiff_weak"] = {"ours": claimdiff(claims, "ours"), "naive": claimdiff(claims, "naive")}
    if not args.skip_speed:
        report["speed"] = speed(ecb, duc)
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
