"""Quotes and speakers on PolNeAR, beside textacy's direct quotations and a quotation-mark regex, same run.

usage: python bench/quotes.py [--split dev] [--speed-articles 10000] [--anchor-articles N] [--rate-articles 400]
                              [--speed-only | --quality-only]

Quality: every system's quotes are written as ``{"quotes": [...]}`` and scored by ``../shared/tools/quotes_eval.py``.
Ours go through the product's own path (``storyline.api.read`` of the JSONL, then ``storyline.api.quotes``).
Speed: CPU seconds for quotes and entities of N articles (the train split, then dev, repeated when N is larger)
beside spaCy's whole small pipeline over the same articles, or over the first ``--anchor-articles`` of them and
scaled (printed when so); both sides on those first articles alone too (no repeated text, so parses reused across
copies do not count there); articles per second (wall) on 1 and 2 processes. The process runs BLAS on one thread
as the commands do (``blas_threads``), so our side's parser multiplies as theirs does; spaCy's whole pipeline, as
a user of it loads it, multiplies with thinc's own BLIS either way.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
MARKS = re.compile(r"[\"“”«»„‟]")
QUOTED = re.compile(r"“([^”\n]+)”|\"([^\"\n]+)\"")


def score(gold: Path, quotes: list[dict]) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump({"quotes": quotes}, handle)
    result = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "quotes_eval.py"), str(gold), handle.name],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def ours(gold: Path) -> tuple[list[dict], float]:
    from storyline import api

    articles = api.read([gold]).articles
    started = time.process_time()
    quotes = api.quotes(articles)
    return [q.to_dict() for q in quotes], time.process_time() - started


def regex_baseline(rows: list[dict]) -> list[dict]:
    return [
        {"article_id": row["id"], "text": next(g for g in match.groups() if g), "direct": True, "speaker": None}
        for row in rows
        for match in QUOTED.finditer(row["text"])
    ]


def textacy_baseline(rows: list[dict], nlp) -> tuple[list[dict], float]:
    from textacy.extract.triples import direct_quotations

    started = time.process_time()
    quotes = []
    for row in rows:
        for paragraph in (p for p in row["text"].split("\n") if p.strip()):
            try:  # textacy raises on unbalanced quotation marks: one paragraph at a time
                triples = list(direct_quotations(nlp(paragraph)))
            except (ValueError, IndexError):
                continue
            for triple in triples:
                content = MARKS.sub("", " ".join(t.text for t in triple.content)).strip()
                speaker = " ".join(t.text for t in triple.speaker)
                quotes.append({"article_id": row["id"], "text": content, "direct": True, "speaker": speaker})
    return quotes, time.process_time() - started


def speed_articles(shared: Path, count: int) -> tuple[list, str]:
    """``count`` articles for the speed run: the train split, then dev, then again from the start (each repeat
    with its own id) when more are asked for than the splits hold."""
    from storyline.model import Article

    texts = []
    for split in ("train", "dev"):
        path = shared / "data" / "polnear-dev" / f"{split}.jsonl"
        if path.exists():
            with path.open(encoding="utf-8") as handle:
                texts += [json.loads(line)["text"] for line in handle if line.strip()]
    articles = [Article(f"a{n}", texts[n % len(texts)]) for n in range(count)]
    note = f"{len(texts)} distinct train+dev articles" + (", repeated in order" if count > len(texts) else "")
    return articles, note


def speed(articles: list, note: str, nlp, anchor_count: int, rate_count: int) -> None:
    from storyline.quotes import analyse_articles

    anchor = articles[: min(anchor_count, len(articles))]
    started = time.process_time()
    list(nlp.pipe([article.text for article in anchor]))
    whole = time.process_time() - started
    started = time.process_time()
    analyse_articles(anchor)
    mine_on_anchor = time.process_time() - started
    started, wall = time.process_time(), time.perf_counter()
    analyse_articles(articles)
    mine, wall = time.process_time() - started, time.perf_counter() - wall
    scaled = whole * len(articles) / len(anchor)
    how = (
        "on the same articles"
        if len(anchor) == len(articles)
        else f"measured on the first {len(anchor)} of them and scaled by {len(articles) / len(anchor):.1f}"
    )
    print(
        f"speed on {len(articles)} articles ({note}), CPU s: quotes+entities {mine:.1f} "
        f"({len(articles) / mine:.1f} articles per CPU s); spaCy whole pipeline over every article {scaled:.1f} "
        f"({how}: {whole:.1f} s for {len(anchor)}, {len(anchor) / whole:.1f} articles per CPU s); "
        f"ratio {scaled / mine:.2f}x"
    )
    distinct = len({article.text for article in anchor})
    print(
        f"  same run, both sides on the first {len(anchor)} articles only ({distinct} distinct texts): "
        f"quotes+entities {mine_on_anchor:.1f} s, spaCy whole pipeline {whole:.1f} s, "
        f"ratio {whole / mine_on_anchor:.2f}x"
    )
    print(f"  1 process, all {len(articles)} articles: {len(articles) / wall:.1f} articles/s (wall)")
    subset = articles[: min(rate_count, len(articles))]
    for processes in (1, 2):
        started = time.perf_counter()
        analyse_articles(subset, n_process=processes)
        wall = time.perf_counter() - started
        print(f"  {processes} process(es), first {len(subset)} articles: {len(subset) / wall:.1f} articles/s (wall)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="dev")
    parser.add_argument("--speed-articles", type=int, default=10000, help="articles for the speed run")
    parser.add_argument(
        "--anchor-articles", type=int, default=10000, help="of those, how many spaCy's whole pipeline runs over"
    )
    parser.add_argument("--rate-articles", type=int, default=400, help="articles for the 1- and 2-process rates")
    parser.add_argument("--speed-only", action="store_true", help="leave out the quality scores (the speed run only)")
    parser.add_argument(
        "--quality-only", action="store_true", help="our quality scores alone: no anchors, no speed run (development)"
    )
    args = parser.parse_args()
    from storyline.blas_threads import limit_process_to_one_blas_thread

    limit_process_to_one_blas_thread()  # as the commands run
    gold = SHARED / "data" / "polnear-dev" / f"{args.split}.jsonl"
    if not gold.exists():
        sys.exit(f"bench/quotes.py: {gold} not found (the shared evaluation data lives beside the repository)")
    rows = [json.loads(line) for line in gold.open(encoding="utf-8") if line.strip()]
    if args.quality_only:
        predicted, cpu = ours(gold)
        print(f"storyline ({cpu:.1f} s CPU): {score(gold, predicted)}")
        return
    import spacy

    from storyline.quotes.nlp import MODEL_NAMES

    nlp = None
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    if not args.speed_only:
        predicted, cpu = ours(gold)
        print(f"storyline ({cpu:.1f} s CPU): {score(gold, predicted)}")
        baseline, cpu = textacy_baseline(rows, nlp)
        print(f"textacy direct quotations ({cpu:.1f} s CPU): {score(gold, baseline)}")
        print(f"quotation-mark regex: {score(gold, regex_baseline(rows))}")
    articles, note = speed_articles(SHARED, args.speed_articles)
    speed(articles, note, nlp, args.anchor_articles, args.rate_articles)


if __name__ == "__main__":
    main()
