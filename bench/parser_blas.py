"""The parser's matrix products: thinc's own CPU ops (the BLIS it bundles) beside ``quotes.blas_ops`` (numpy's
BLAS), on one BLAS thread and on the library's default, in one process and the same run.

Each round, each side: spaCy's small pipeline as ``quotes.nlp.load_pipeline`` loads it parses every paragraph of
the articles (``nlp.pipe``: the tagger, parser and recogniser), then quotes and entities of the same articles are
computed through the product's path (``quotes.analyse_articles``, nothing reused between rounds). CPU seconds of
the process (all its threads), medians of the rounds; the parses and the quotes of every side are compared with
thinc's.

    PYTHONPATH=src python bench/parser_blas.py [--split train] [--articles 300] [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def reading(docs) -> list:
    return [([(t.tag_, t.head.i, t.dep_) for t in doc], [(e.start, e.end, e.label_) for e in doc.ents]) for doc in docs]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="train", help="PolNeAR split under ../shared/data (default: train)")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    folder = "polnear-dev" if args.split in ("dev", "train") else args.split
    path = SHARED / "data" / folder / f"{args.split}.jsonl"
    if not path.is_file():
        raise SystemExit(f"{path} is missing: the PolNeAR data lives in ../shared/data")

    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_limits

    from storyline import api
    from storyline.quotes import analyse_articles
    from storyline.quotes.blas_ops import NumpyBlasOps, set_layer_ops
    from storyline.quotes.nlp import load_pipeline

    articles = api.read([path]).articles[: args.articles]
    paragraphs = [p for a in articles for p in a.text.split("\n") if p.strip()]
    nlp = load_pipeline()
    sides = {
        "thinc's ops (BLIS)": (NumpyOps(), None),
        "numpy's BLAS, default threads": (NumpyBlasOps(), None),
        "numpy's BLAS, one thread (the commands')": (NumpyBlasOps(), 1),
    }
    cpu: dict[str, dict[str, list[float]]] = {side: {"parse": [], "quotes": []} for side in sides}
    outputs: dict[str, tuple] = {}
    for _ in range(args.rounds):
        for side, (ops, threads) in sides.items():
            set_layer_ops(nlp, ops)
            with threadpool_limits(limits=threads, user_api="blas"):
                started = time.process_time()
                docs = list(nlp.pipe(paragraphs, batch_size=256))
                cpu[side]["parse"].append(time.process_time() - started)
                started = time.process_time()
                analysed = analyse_articles(articles)
                cpu[side]["quotes"].append(time.process_time() - started)
            outputs[side] = (reading(docs), [[q.to_dict() for q in item.quotes] for item in analysed])
    set_layer_ops(nlp, NumpyBlasOps())
    counts = f"{len(articles)} articles of PolNeAR {args.split}, {len(paragraphs)} paragraphs"
    print(f"{counts}; CPU s, median of {args.rounds}")
    print()
    print("| side | parse every paragraph | quotes and entities (the product's path) | same as thinc's |")
    print("|---|---|---|---|")
    base = next(iter(sides))
    for side in sides:
        parse, quotes = (statistics.median(cpu[side][k]) for k in ("parse", "quotes"))
        ratio = "" if side == base else f" ({parse / statistics.median(cpu[base]['parse']):.2f}x)"
        qratio = "" if side == base else f" ({quotes / statistics.median(cpu[base]['quotes']):.2f}x)"
        print(f"| {side} | {parse:.2f}{ratio} | {quotes:.2f}{qratio} | {outputs[side] == outputs[base]} |")


if __name__ == "__main__":
    main()
