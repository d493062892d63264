"""Digest CPU per article, per analyser: this code beside another revision's, on the same events of one store.

A sample of a store's events (drawn with a fixed seed) is analysed as ``storyline digest`` analyses an event
(``analysis.analyse_event``, no stored analyses), each analyser's ``run`` wrapped in a CPU timer. Each side runs
in a process of its own; with ``--before REVISION`` the code of that git revision runs the same events in the same
run, then this code. A hash over every analysis and title of every event tells whether the two sides' digests are
identical, and one hash per analyser tells which analysis changed when they are not. The event's title and the
quotes-and-entities analysis (paid by the first analyser that asks for it, disagreements) are timed too. With
``--rounds 2`` the figures are warm: the least of two rounds, the first round (imports, model loads) on its own line;
each round starts with the caches kept by a text emptied (``forget_texts``), as a digest meets each article once.
With ``--stored-products`` each event is analysed with its articles' stored products reused, as ``storyline digest``
does (``stored_digests``): their quotes, entities and lead titles are read back, not computed (the store must hold
products made by the code of both sides).

    PYTHONPATH=src python bench/digest_cpu.py --db STORE [--events 60] [--seed 7] [--before main] [--rounds 1]
                                              [--repeat 1] [--stored-products]

Nothing is written to the store: analyses are computed, hashed and dropped.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def sample_events(store, count: int, seed: int) -> list:
    events = sorted(store.events(), key=lambda e: e.id)
    return sorted(random.Random(seed).sample(events, min(count, len(events))), key=lambda e: e.id)


# Quotes and entities are one analysis of the event shared by three analysers: the first to ask for it
# (disagreements, for the quotes it compares) pays for it, the quotes and entities analysers reuse it.
SHARED_QUOTES = "quotes and entities' shared analysis"


@contextmanager
def timed_function(module, name: str, spent: dict[str, float], key: str):
    """``module.name`` replaced, while in the block, by a wrapper adding its CPU time to ``spent[key]``."""
    original = getattr(module, name, None)
    if original is None:  # a revision without it
        yield
        return

    def run(*args, **kwargs):
        started = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent[key] += time.process_time() - started

    setattr(module, name, run)
    try:
        yield
    finally:
        setattr(module, name, original)


@contextmanager
def timed_quotes(spent: dict[str, float]):
    try:
        import storyline.quotes as quotes
    except ImportError:
        yield
        return
    with timed_function(quotes, "event_analysis", spent, SHARED_QUOTES):
        yield


def forget_texts() -> int:
    """Empty every cache the code keeps by a text (a sentence's verb test, an article's sentences or stems): a digest
    meets each article once, so a round must not find the texts of the round before. Word-level caches (a word's
    stem) and loaders (the spaCy pipeline) are kept: a long digest has them warm from its first events on."""
    emptied = 0
    for name, module in list(sys.modules.items()):
        if not name.startswith("storyline") or module is None:
            continue
        for value in list(vars(module).values()):
            wrapped = getattr(value, "__wrapped__", None)
            code = getattr(wrapped, "__code__", None)
            if not hasattr(value, "cache_clear") or code is None or getattr(value, "__module__", "") != name:
                continue
            if code.co_argcount == 0 or (name, value.__name__) == ("storyline.text.tokens", "stem"):
                continue
            value.cache_clear()
            emptied += 1
    return emptied


def one_side(db: str, count: int, seed: int, rounds: int, stored_products: bool = False) -> dict:
    """Analyse the sampled events ``rounds`` times; CPU per analyser (the least over the rounds) and hashes."""
    from contextlib import nullcontext

    from storyline import analysis
    from storyline.store import Store

    with Store(db) as store:  # only read: no analysis is stored
        events = sample_events(store, count, seed)
        needed = sorted({a for e in events for a in e.article_ids})
        articles = {a.id: a for a in store.articles(needed)}
        groups = store.copy_groups()
        products = _stored_products(store, [articles[a] for a in needed]) if stored_products else None
    if products is not None:
        from storyline.products import reusing

        missing = len(needed) - len(products)
        print(f"stored products of {len(products)} articles, {missing} without", file=sys.stderr)
    group_of = {article_id: group for group in groups for article_id in group.article_ids}
    jobs = []
    for event in events:
        members = [articles[a] for a in event.article_ids]
        event_groups = list({group_of[a.id].id: group_of[a.id] for a in members if a.id in group_of}.values())
        jobs.append((event, members, event_groups))
    best: dict[str, float] = {}
    hashes: dict[str, str] = {}
    first_round = 0.0
    for _ in range(rounds):
        spent = {a.name: 0.0 for a in analysis.ANALYSERS}

        def timed(analyser, spent=spent):
            def run(event_input):
                started = time.process_time()
                try:
                    return analyser.run(event_input)
                finally:
                    spent[analyser.name] += time.process_time() - started

            return analysis.Analyser(analyser.name, analyser.version, run, analyser.dump, analyser.load)

        wrapped = tuple(timed(a) for a in analysis.ANALYSERS)
        per_analyser = {name: hashlib.sha256() for name in [a.name for a in analysis.ANALYSERS] + ["title"]}
        spent["title"] = 0.0
        spent[SHARED_QUOTES] = 0.0
        forget_texts()
        with timed_function(analysis, "_titled", spent, "title"), timed_quotes(spent):
            started = time.process_time()
            for event, members, event_groups in jobs:
                stored = None if products is None else {a.id: products[a.id] for a in members if a.id in products}
                with nullcontext() if stored is None else reusing(stored):
                    digest = analysis.analyse_event(event, members, event_groups, analysers=wrapped)
                data = analysis.analysis_to_dict(digest, wrapped)
                for name, value in data.items():
                    if name in per_analyser:
                        per_analyser[name].update(json.dumps(value, sort_keys=True).encode())
            spent["digest"] = time.process_time() - started
        first_round = first_round or spent["digest"]
        for name, value in spent.items():
            best[name] = min(best.get(name, value), value)
        hashes = {name: h.hexdigest()[:12] for name, h in per_analyser.items()}
    everything = hashlib.sha256("".join(hashes[n] for n in sorted(hashes)).encode()).hexdigest()[:12]
    return {
        "events": len(jobs),
        "articles": sum(len(m) for _, m, _ in jobs),
        "cpu": best,
        "first_round": first_round,
        "hashes": hashes,
        "all": everything,
    }


def _stored_products(store, articles: list) -> dict[str, str]:
    """The stored products of the articles still valid for this code (JSON text by article id), as a digest reads
    them."""
    from storyline.analysis import products_versions
    from storyline.products import PRODUCTS, product_key, unpack

    versions = products_versions()
    keys = {article.id: product_key(article, versions) for article in articles}
    rows = store.index_rows_of(PRODUCTS, list(keys))
    valid = {article_id: unpack(row, keys[article_id]) for article_id, row in rows.items()}
    return {article_id: text for article_id, text in valid.items() if text is not None}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="a store built by storyline ingest")
    parser.add_argument("--events", type=int, default=60, help="how many events to analyse (a seeded sample)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=1, help="analyse the events this many times; least CPU kept")
    parser.add_argument("--before", metavar="REVISION", help="also run the code of this git revision, first")
    parser.add_argument(
        "--repeat", type=int, default=1, help="run the sides this many times, alternating; each figure is the median"
    )
    parser.add_argument(
        "--stored-products", action="store_true", help="reuse the articles' stored products, as a digest does"
    )
    parser.add_argument("--side", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.db.exists():
        sys.exit(f"no store at {args.db}")
    if args.side:
        print(json.dumps(one_side(str(args.db), args.events, args.seed, args.rounds, args.stored_products)))
        return
    side_args = ["--db", str(args.db), "--events", str(args.events), "--seed", str(args.seed)]
    side_args += ["--stored-products"] if args.stored_products else []
    from revisions import run_sides

    runs = [run_sides(__file__, [*side_args, "--rounds", str(args.rounds)], args.before) for _ in range(args.repeat)]
    sides = {name: _median_side([run[name] for run in runs]) for name in runs[0]}
    first = next(iter(sides.values()))
    print(f"\n{first['events']} events, {first['articles']} articles; CPU s (least of {args.rounds} rounds)")
    if args.repeat > 1:
        print(f"median of {args.repeat} runs of each side, the sides alternating")
    print("and CPU s per 1,000 articles\n")
    print("| analyser | " + " | ".join(f"{side} | {side}, per 1,000" for side in sides) + " |")
    print("|---|" + "---|---|" * len(sides))
    labels = {
        "title": "title (chosen from the headlines and leads)",
        SHARED_QUOTES: f"of which, inside disagreements: {SHARED_QUOTES}",
        "digest": "**digest, these events**",
    }
    for name in first["cpu"]:
        cells = []
        for side in sides.values():
            value = side["cpu"].get(name, 0.0)
            per = value * 1000 / side["articles"]
            cells += [f"{value:.2f}", f"**{per:.1f}**" if name == "digest" else f"{per:.2f}"]
        print(f"| {labels.get(name, name)} | " + " | ".join(cells) + " |")
    cells = []
    for side in sides.values():
        value = side.get("first_round", 0.0)
        cells += [f"{value:.2f}", f"{value * 1000 / side['articles']:.1f}"]
    print("| digest, first round (imports and model loads included) | " + " | ".join(cells) + " |")
    print("| hash of every analysis | " + " | ".join(f"{s['all']} | " for s in sides.values()) + " |")
    if len({s["all"] for s in sides.values()}) > 1:
        changed = [n for n in first["hashes"] if len({s["hashes"][n] for s in sides.values()}) > 1]
        print(f"analyses that differ: {', '.join(changed)}")
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


def _median_side(results: list[dict]) -> dict:
    """One side's figures over several runs: the median of each CPU figure (its hashes are those of every run)."""
    if len({result["all"] for result in results}) > 1:
        sys.exit("one side's analyses differ between runs: the code is not deterministic")
    side = dict(results[0])
    side["cpu"] = {name: statistics.median(r["cpu"].get(name, 0.0) for r in results) for name in side["cpu"]}
    side["first_round"] = statistics.median(r["first_round"] for r in results)
    return side


if __name__ == "__main__":
    main()
