"""DUC 2004 task 2 (development half): our summaries beside the published systems, one scorer, one run.

Usage (from the repository root)::

    PYTHONPATH=src python bench/duc2004.py [--data ../shared/data/duc2004-dev] [--clusters N] [--ablations]
                                           [--halves]

Scoring matches ROUGE-1.5.5 ``-n 2 -m -l 100 -x -c 95 -r 1000 -f A -p 0.5 -t 0`` through py-rouge configured
as the data README says (nltk tokenisers replaced by a newline split and a whitespace split). Summaries are
written one sentence per line, as ``storyline summarize --format text`` prints them: the clusters are read by the
product's own reader (``storyline.api.read``, as ``storyline summarize DIR`` does) and summarized by
``storyline.api.summarize``, copy detection included. Longer budgets (200, 400
words) are scored with the length limit raised to the budget. Seconds per cluster cover reading the files,
building the articles and summarizing, on one core. ``--ablations`` adds a second table: the method with one
idea taken out at a time, and the plain concept ILP it starts from (Gillick & Favre: bigrams weighted by document
frequency, at least three documents, no compression, no copy handling). ``--halves`` also scores our summaries on
each half of the clusters (the 1st, 3rd, 5th, ... in name order, and the 2nd, 4th, ...), so that a change can be
seen to hold on both.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import rouge

import storyline.summarize
from storyline import api
from storyline.model import Article

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT / ".." / "shared" / "data" / "duc2004-dev"
PEERS = (
    "Lead",
    "FreqSum",
    "TsSum",
    "Centroid",
    "LexRank",
    "GreedyKL",
    "CLASSY04",
    "CLASSY11",
    "Submodular",
    "DPP",
    "OCCAMS_V",
    "RegSum",
    "ICSISumm",
)


def _scorer(length_limit: int) -> rouge.Rouge:
    # py-rouge's nltk tokenisers need punkt data; ROUGE-1.5.5 splits on newlines and whitespace anyway.
    rouge.Rouge.tokenize_text = staticmethod(lambda text, language="english": text.split())
    rouge.Rouge.split_into_sentences = staticmethod(
        lambda text, ensure_compatibility=True, language="english": text.split("\n")
    )
    return rouge.Rouge(
        metrics=["rouge-n"],
        max_n=2,
        limit_length=True,
        length_limit=length_limit,
        length_limit_type="words",
        apply_avg=True,
        stemming=True,
        alpha=0.5,
    )


def _score(scorer: rouge.Rouge, hypotheses: list[str], references: list[list[str]]) -> tuple[float, float]:
    """Mean over clusters of the recall averaged over the references (``-f A``), x100."""
    r1 = r2 = 0.0
    for hypothesis, refs in zip(hypotheses, references):
        scores = scorer.get_scores([hypothesis], [refs])
        r1 += scores["rouge-1"]["r"]
        r2 += scores["rouge-2"]["r"]
    return 100 * r1 / len(hypotheses), 100 * r2 / len(hypotheses)


def read_cluster(folder: Path) -> list[Article]:
    """The cluster's documents as the product reads them (``storyline summarize DIR``): id and date from the
    DOCID file name, text cleaned, language detected."""
    result = api.read([folder])
    if result.problems:
        raise SystemExit(f"cannot read {folder}: {result.problems[0]}")
    return result.articles


def summarize(articles: list[Article], words: int = 100):
    """The product's summary of one cluster: ``storyline.api.summarize``, which finds copy groups first."""
    return api.summarize(articles, words=words)


_CONCEPTS = sys.modules["storyline.summarize.concepts"]
_PACKAGE = storyline.summarize
# Each ablation sets module attributes of the summarizer for the length of one run.
ABLATIONS: dict[str, list[tuple[object, str, object]]] = {
    "without lead weighting": [(_CONCEPTS, "LEAD_BONUS", 0.0)],
    "without content-word concepts": [(_CONCEPTS, "WORD_SHARE", 0.0)],
    "concepts from 3+ sources, not 2+": [(_PACKAGE, "MIN_SOURCES", 3)],
    "without compression": [(_PACKAGE, "removable_spans", lambda text: [])],
    "without stand-alone filter": [(_PACKAGE, "stands_alone", lambda text: True)],
    "without near-duplicate support": [(_PACKAGE, "near_duplicate_pairs", lambda sets: [])],
    "copy groups ignored": [(api, "find_copy_groups", lambda articles, **options: [])],
    "a sentence may lean on one left out": [(_PACKAGE, "needs_antecedent", lambda text: False)],
    "plain concept ILP (Gillick & Favre)": [
        (_CONCEPTS, "LEAD_BONUS", 0.0),
        (_CONCEPTS, "WORD_SHARE", 0.0),
        (_PACKAGE, "MIN_SOURCES", 3),
        (_PACKAGE, "removable_spans", lambda text: []),
        (_PACKAGE, "stands_alone", lambda text: True),
        (_PACKAGE, "near_duplicate_pairs", lambda sets: []),
        (_PACKAGE, "MIN_WORDS", 1),
    ],
}


@contextlib.contextmanager
def _patched(changes: list[tuple[object, str, object]]) -> Iterator[None]:
    saved = [(target, name, getattr(target, name)) for target, name, _ in changes]
    try:
        for target, name, value in changes:
            setattr(target, name, value)
        yield
    finally:
        for target, name, value in saved:
            setattr(target, name, value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--clusters", type=int, default=0, help="score only the first N clusters (0: all)")
    parser.add_argument("--ablations", action="store_true", help="also score the method with ideas taken out")
    parser.add_argument("--halves", action="store_true", help="also score ours on the odd and the even clusters")
    args = parser.parse_args(argv)
    if not (args.data / "docs").is_dir():
        print(f"DUC 2004 data not found at {args.data}", file=sys.stderr)
        return 2

    clusters = sorted(p.name for p in (args.data / "docs").iterdir() if p.is_dir())
    if args.clusters:
        clusters = clusters[: args.clusters]
    references = []
    for cluster in clusters:
        paths = sorted((args.data / "models").glob(f"{cluster[:-1].upper()}.M.100.T.*"))
        references.append([p.read_text(encoding="utf-8", errors="replace").strip() for p in paths])

    rows: list[tuple[str, float, float]] = []
    scorer100 = _scorer(100)
    for peer in PEERS:
        folder = args.data / "peers"
        outputs = [
            (folder / f"{cluster[:-1]}.{peer}").read_text(encoding="utf-8", errors="replace").strip()
            for cluster in clusters
        ]
        rows.append((peer, *_score(scorer100, outputs, references)))
    rows.sort(key=lambda row: row[2])

    ours: dict[int, list[str]] = {}
    seconds: list[float] = []
    for budget in (100, 200, 400):
        ours[budget] = []
        for cluster in clusters:
            started = time.process_time()
            summary = summarize(read_cluster(args.data / "docs" / cluster), words=budget)
            if budget == 100:
                seconds.append(time.process_time() - started)
            ours[budget].append("\n".join(sentence.text for sentence in summary.sentences))

    print(f"DUC 2004 task 2, {len(clusters)} clusters, ROUGE-1.5.5-equivalent recall x100 (-n 2 -m -l N -f A)")
    print()
    print(f"| {'system':<28} | {'words':>5} | {'R-1':>6} | {'R-2':>6} |")
    print(f"|{'-' * 30}|{'-' * 7}|{'-' * 8}|{'-' * 8}|")
    for name, r1, r2 in rows:
        print(f"| {name:<28} | {100:>5} | {r1:6.2f} | {r2:6.2f} |")
    for budget in (100, 200, 400):
        r1, r2 = _score(_scorer(budget), ours[budget], references)
        print(f"| {'storyline':<28} | {budget:>5} | {r1:6.2f} | {r2:6.2f} |")
    if args.halves:
        print()
        print(f"| {'storyline, half of the clusters':<36} | {'words':>5} | {'R-1':>6} | {'R-2':>6} |")
        print(f"|{'-' * 38}|{'-' * 7}|{'-' * 8}|{'-' * 8}|")
        for name, first in (("odd (1st, 3rd, ...)", 0), ("even (2nd, 4th, ...)", 1)):
            for budget in (100, 200, 400):
                half = range(first, len(clusters), 2)
                r1, r2 = _score(_scorer(budget), [ours[budget][k] for k in half], [references[k] for k in half])
                print(f"| {name + f', {len(half)} clusters':<36} | {budget:>5} | {r1:6.2f} | {r2:6.2f} |")
    print()
    print(
        f"storyline seconds per cluster (CPU time, one core, reading included): median "
        f"{statistics.median(seconds):.3f}, max {max(seconds):.3f}"
    )
    if args.ablations:
        print()
        print(f"| {'storyline, 100 words':<36} | {'R-1':>6} | {'R-2':>6} |")
        print(f"|{'-' * 38}|{'-' * 8}|{'-' * 8}|")
        for name, changes in ABLATIONS.items():
            with _patched(changes):
                outputs = [
                    "\n".join(s.text for s in summarize(read_cluster(args.data / "docs" / c)).sentences)
                    for c in clusters
                ]
            r1, r2 = _score(scorer100, outputs, references)
            print(f"| {name:<36} | {r1:6.2f} | {r2:6.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
