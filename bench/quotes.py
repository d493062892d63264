"""Quotes and speakers on PolNeAR, beside textacy's direct quotations and a quotation-mark regex, same run.

usage: python bench/quotes.py [--split dev] [--speed-articles 200]

Quality: every system's quotes are written as ``{"quotes": [...]}`` and scored by ``../shared/tools/quotes_eval.py``.
Ours go through the product's own path (``storyline.api.read`` of the JSONL, then ``storyline.api.quotes``).
Speed: CPU seconds for quotes and entities of the first N articles beside spaCy's whole small pipeline over the
same articles (the first N of the train split, the development data); articles per second (wall) on 1 and 2
processes.
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


def speed(rows: list[dict], nlp) -> None:
    from storyline.model import Article
    from storyline.quotes import analyse_articles

    articles = [Article(row["id"], row["text"]) for row in rows]
    started = time.process_time()
    list(nlp.pipe([row["text"] for row in rows]))
    whole = time.process_time() - started
    started = time.process_time()
    analyse_articles(articles)
    mine = time.process_time() - started
    print(
        f"speed on {len(rows)} articles (CPU s): quotes+entities {mine:.1f}, spaCy whole pipeline {whole:.1f}, "
        f"ratio {whole / mine:.2f}x"
    )
    for processes in (1, 2):
        started = time.perf_counter()
        analyse_articles(articles, n_process=processes)
        wall = time.perf_counter() - started
        print(f"  {processes} process(es): {len(rows) / wall:.1f} articles/s (wall)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="dev")
    parser.add_argument("--speed-articles", type=int, default=200)
    args = parser.parse_args()
    gold = SHARED / "data" / "polnear-dev" / f"{args.split}.jsonl"
    if not gold.exists():
        sys.exit(f"bench/quotes.py: {gold} not found (the shared evaluation data lives beside the repository)")
    rows = [json.loads(line) for line in gold.open(encoding="utf-8") if line.strip()]
    import spacy

    from storyline.quotes.nlp import MODEL_NAMES

    nlp = None
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    predicted, cpu = ours(gold)
    print(f"storyline ({cpu:.1f} s CPU): {score(gold, predicted)}")
    baseline, cpu = textacy_baseline(rows, nlp)
    print(f"textacy direct quotations ({cpu:.1f} s CPU): {score(gold, baseline)}")
    print(f"quotation-mark regex: {score(gold, regex_baseline(rows))}")
    train = gold.with_name("train.jsonl")
    if train.exists():
        with train.open(encoding="utf-8") as handle:
            rows = [json.loads(line) for _, line in zip(range(args.speed_articles), handle)]
    speed(rows[: args.speed_articles], nlp)


if __name__ == "__main__":
    main()
