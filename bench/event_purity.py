"""Purer events: rules that would cut an event holding two happenings which share their actors, places and days,
measured on DUC 2004 and ECB+ at once, halves included.

Each rule replaces the events' second level (``storyline.events.split.split_topics``, in batch and in the store's
online splits) for one run; everything else is the product's own path: its reader (``storyline.read``), its events
and storylines (``storyline.api.storylines_and_events``; ``storyline.pipeline.ingest`` into a store, 50 articles
per call) and, for the events benchmark's figures, ``storyline.events.cluster_events`` on the articles as
``bench/events.py`` reads them. Per rule: DUC events and storylines (batch / store), the events holding two gold
folders, the ceiling of linking those events (each merged into the gold folder holding most of it), each half of
DUC and ECB+ run alone, ECB+ topics whose two events share a storyline, and the events benchmark's ECB+ text only,
dates where present and DUC rows (batch).

``--cuts`` first prints, for every event holding two gold stories (and, to compare, every pure event of at least
12 articles), how far apart its gold halves are, and the best cut of each view: the mean similarity across the
halves over the mean within the tighter half (the split's own measure, ``apart_on_both_sides``), under the split's
similarity and under a view of the words that are not names (names and numbers left out), whole article or lead.

    PYTHONPATH=src python bench/event_purity.py [--data ../shared/data] [--cuts]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

sys.path.insert(0, str(Path(__file__).resolve().parent))

from events import bcubed, read_duc, read_ecbplus
from storylines import labels, merged_topics, online, unique

import storyline.events.index as index_module
import storyline.events.layer as layer_module
from storyline.api import read, storylines_and_events
from storyline.events import cluster_events
from storyline.events import split as shipped_split
from storyline.events.vectors import row_norms2
from storyline.features import _unit_rows, entity_tokens, featurize
from storyline.text import STOPWORDS, stem
from storyline.text.tokens import lower_words

SHIPPED_SPLIT = shipped_split.split_topics
WEIGHTS = np.array((0.3, 0.1, 0.6))
LEAD_CHARACTERS = 600
# The words of each article that are not names, looked up by its body row (the split sees rows, not articles).
NOT_NAMES: dict[tuple[bytes, str], sp.csr_matrix] = {}


def not_name_stems(article, lead: bool = False) -> list[str]:
    """Stems of the words that are never part of a name or a number in the article: what it says happened."""
    names = {word for token in entity_tokens((article.title or "") + "\n" + article.text) for word in token.split()}
    text = article.text[:LEAD_CHARACTERS] if lead else article.text
    return [stem(w) for w in lower_words(text) if w not in STOPWORDS and w not in names and not w[:1].isdigit()]


def remember_words(articles) -> None:
    rows = featurize(articles)
    for view, lead in (("words", False), ("lead", True)):
        words = _unit_rows([not_name_stems(a, lead) for a in articles], 20)
        for i in range(len(articles)):
            NOT_NAMES[(rows.body[i].indices.tobytes(), view)] = words[i]


def topic_weighted(rows: sp.csr_matrix, idf: np.ndarray) -> np.ndarray:
    """Cosines of rows weighted by the corpus idf times the topic's own idf (as ``local_similarity`` does)."""
    m = rows.shape[0]
    columns, local = np.unique(rows.indices, return_inverse=True)
    local_idf = np.log((1.0 + m) / (1.0 + np.bincount(local, minlength=len(columns))[local])) + 1.0
    rows = sp.csr_matrix((rows.data * idf[columns][local] * local_idf, local.ravel(), rows.indptr), (m, len(columns)))
    lengths = np.sqrt(row_norms2(rows))
    rows.data /= np.repeat(np.where(lengths > 0, lengths, 1.0), np.diff(rows.indptr))
    similarity = (rows @ rows.T).toarray()
    np.fill_diagonal(similarity, 1.0)
    return similarity


def view_similarity(features, idf, view: str) -> np.ndarray:
    if view == "split":
        return shipped_split.local_similarity(features, idf, WEIGHTS)
    rows = [NOT_NAMES[(features.body[i].indices.tobytes(), view)] for i in range(features.body.shape[0])]
    return topic_weighted(sp.vstack(rows, format="csr"), idf["body"])


def apart_ratio(similarity: np.ndarray, half: np.ndarray) -> float:
    """Mean similarity across the halves over the mean within the tighter one (1 when a half is too small)."""
    if min(half.sum(), (~half).sum()) < 2:
        return float("nan")
    across = similarity[np.ix_(half, ~half)].mean()
    within = min(shipped_split.mean_within(similarity, half), shipped_split.mean_within(similarity, ~half))
    return float(across / within)


def split_with(
    least_half: int = shipped_split.LARGE_HALF, small_ratio: float = 0.4, view=None, view_half=2, view_ratio=0.5
):
    """The shipped split, then: a spectral cut whose smaller half holds ``least_half`` to ``LARGE_HALF - 1``
    articles is taken when apart on both sides at ``small_ratio``; with ``view``, a spectral cut on the words that
    are not names is taken when its halves hold ``view_half`` or more and are apart on both sides at
    ``view_ratio``."""

    def split_topics(labels, features, idf, options, order):
        out = labels.copy()
        next_label = int(labels.max()) + 1 if len(labels) else 0
        stack = [order[labels[order] == label] for label in np.unique(labels)]
        large = shipped_split.LARGE_HALF
        while stack:
            members = stack.pop()
            if not shipped_split.MIN_SPLIT_TOPIC <= len(members) <= shipped_split.MAX_SPLIT_TOPIC:
                continue
            rows = features.take(members)
            similarity = shipped_split.local_similarity(rows, idf, np.array(options.weights))
            tree = linkage(squareform(np.clip(1.0 - similarity, 0.0, None), checks=False), "average")
            half = shipped_split.settle(similarity, fcluster(tree, 2, "maxclust") == 1)
            smaller = min(half.sum(), (~half).sum())
            ratio = options.split_ratio_large if smaller >= large else options.split_ratio
            cut = None
            if smaller >= 2 and shipped_split.separation(similarity, half) < ratio:
                stack += [members[half], members[~half]]
                cut = half
            elif smaller < large and len(members) >= 2 * large:
                half = shipped_split.settle(similarity, shipped_split.spectral_half(similarity))
                smaller = min(half.sum(), (~half).sum())
                # Large halves at the shipped ratio; smaller ones (from ``least_half``) at ``small_ratio``.
                needed = options.split_ratio_large if smaller >= large else small_ratio
                if smaller >= least_half and shipped_split.apart_on_both_sides(similarity, half, needed):
                    cut = half
            if cut is None and view is not None and len(members) >= 2 * large:
                words = view_similarity(rows, idf, view)
                half = shipped_split.settle(words, shipped_split.spectral_half(words))
                if min(half.sum(), (~half).sum()) >= view_half and shipped_split.apart_on_both_sides(
                    words, half, view_ratio
                ):
                    cut = half
            if cut is not None:
                out[members[~cut]] = next_label
                next_label += 1
        return np.unique(out, return_inverse=True)[1]

    return split_topics


RULES = {
    "shipped": None,
    "spectral halves of 5 apart at 0.35": split_with(5, 0.35),
    "spectral halves of 5 apart at 0.45": split_with(5, 0.45),
    "spectral halves of 3 apart at 0.35": split_with(3, 0.35),
    "spectral halves of 3 apart at 0.45": split_with(3, 0.45),
    "words that are not names, halves of 2 apart at 0.4": split_with(view="words", view_ratio=0.4),
    "words that are not names, halves of 2 apart at 0.5": split_with(view="words", view_ratio=0.5),
    "words that are not names, halves of 4 apart at 0.5": split_with(view="words", view_half=4, view_ratio=0.5),
    "lead words that are not names, halves of 2 apart at 0.5": split_with(view="lead", view_ratio=0.5),
}


class Sets:
    def __init__(self, data: Path) -> None:
        self.duc = unique(read([data / "duc2004-dev" / "docs"]).articles)
        self.duc_gold = {a.id: Path(a.source_path).parent.name for a in self.duc}
        folder = data / "ecbplus-dev"
        self.ecb = unique(read([folder / "docs.jsonl"]).articles)
        records = [json.loads(line) for line in (folder / "docs.jsonl").open(encoding="utf-8")]
        self.ecb_gold = {r["doc_id"]: r["cluster"] for r in records}
        self.topic = {r["doc_id"]: r["topic"] for r in records}
        self.dated, self.dated_gold, _ = read_ecbplus(folder)
        self.undated = [replace(a, published=None, date_source=None) for a in self.dated]
        self.duc_read, self.duc_read_gold = read_duc(data / "duc2004-dev" / "docs")
        for articles in (self.duc, self.ecb, self.dated, self.undated, self.duc_read):
            remember_words(articles)


def f1(gold_of, articles, predicted) -> float:
    return bcubed([gold_of[a.id] for a in articles], predicted)[2]


def measure(sets: Sets) -> list[str]:
    duc, gold = sets.duc, sets.duc_gold
    storylines, events = storylines_and_events(duc)
    by_event, by_story = labels(duc, events, storylines)
    mixed = sum(len({gold[a] for a in e.article_ids}) > 1 for e in events)
    majority = {e.id: Counter(gold[a] for a in e.article_ids).most_common(1)[0][0] for e in events}
    ceiling = f1(gold, duc, [majority[e] for e in by_event])
    store_events, store_storylines = online(duc)
    store_event, store_story = labels(duc, store_events, store_storylines)
    halves = []
    folders = sorted(set(gold.values()))
    for k in (0, 1):
        part = [a for a in duc if gold[a.id] in folders[k::2]]
        halves.append(f1(gold, part, labels(part, *reversed(storylines_and_events(part)))[1]))
    cells = [
        f"{f1(gold, duc, by_event):.3f} / {f1(gold, duc, store_event):.3f}",
        f"{mixed}",
        f"{ceiling:.3f}",
        f"{f1(gold, duc, by_story):.3f} / {f1(gold, duc, store_story):.3f}",
        " / ".join(f"{h:.3f}" for h in halves),
    ]
    ecb, gold, topic = sets.ecb, sets.ecb_gold, sets.topic
    storylines, events = storylines_and_events(ecb)
    by_event, by_story = labels(ecb, events, storylines)
    store_event, store_story = labels(ecb, *online(ecb))
    fused = [merged_topics(ecb, gold, topic, by_story), merged_topics(ecb, gold, topic, store_story)]
    for parity in (1, 0):
        part = [a for a in ecb if topic[a.id] % 2 == parity]
        fused.append(merged_topics(part, gold, topic, labels(part, *reversed(storylines_and_events(part)))[1]))
    cells += [
        f"{f1(gold, ecb, by_event):.3f} / {f1(gold, ecb, store_event):.3f}",
        f"{f1(gold, ecb, by_story):.3f} / {f1(gold, ecb, store_story):.3f}",
        "{} / {} (odd {}, even {})".format(*fused),
    ]
    for articles, gold_list in ((sets.undated, sets.dated_gold), (sets.dated, sets.dated_gold)):
        event_of = {a: e.id for e in cluster_events(articles) for a in e.article_ids}
        cells.append(f"{bcubed(gold_list, [event_of[a.id] for a in articles])[2]:.3f}")
    event_of = {a: e.id for e in cluster_events(sets.duc_read) for a in e.article_ids}
    cells.append(f"{bcubed(sets.duc_read_gold, [event_of[a.id] for a in sets.duc_read])[2]:.3f}")
    return cells


def cuts(sets: Sets) -> None:
    """How far apart the gold halves of each mixed event are, and each view's own best cut."""
    print("| set | event (gold stories: articles) | view | gold halves apart | best cut: halves, apart |")
    print("|---|---|---|---|---|")
    for name, articles, gold in (("DUC", sets.duc, sets.duc_gold), ("ECB+", sets.ecb, sets.ecb_gold)):
        _, events = storylines_and_events(articles)
        position = {a.id: i for i, a in enumerate(articles)}
        features = featurize(articles)
        idf = index_module.EventIndex.from_articles(articles).idf()
        for event in events:
            counts = Counter(gold[a] for a in event.article_ids)
            if (len(counts) < 2 and len(event.article_ids) < 12) or len(event.article_ids) < 6:
                continue
            rows = features.take([position[a] for a in event.article_ids])
            first = counts.most_common(1)[0][0]
            gold_half = np.array([gold[a] == first for a in event.article_ids])
            for view in ("split", "words", "lead"):
                similarity = view_similarity(rows, idf, view)
                half = shipped_split.settle(similarity, shipped_split.spectral_half(similarity))
                sides = sorted((int(half.sum()), int((~half).sum())))
                gold_apart = f"{apart_ratio(similarity, gold_half):.2f}" if len(counts) > 1 else ""
                print(
                    f"| {name} | {dict(counts.most_common())} | {view} | {gold_apart} | "
                    f"{sides[0]} + {sides[1]}, {apart_ratio(similarity, half):.2f} |"
                )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared" / "data")
    parser.add_argument("--cuts", action="store_true", help="first, how far apart the gold halves of mixed events are")
    args = parser.parse_args(argv)
    sets = Sets(args.data)
    if args.cuts:
        cuts(sets)
        print()
    print(
        "| rule | DUC events, batch / store | DUC events holding two folders (batch) | DUC ceiling (batch) | "
        "DUC storylines, batch / store | DUC halves alone, storylines (batch) | ECB+ events, batch / store | "
        "ECB+ storylines, batch / store | ECB+ topics fused by storylines, batch / store (halves, batch) | "
        "events bench: ECB+ text only | ECB+ dates where present | DUC | CPU s |"
    )
    print("|---|" + "---|" * 12)
    for name, rule in RULES.items():
        index_module.split_topics = layer_module.split_topics = rule or SHIPPED_SPLIT
        started = time.process_time()
        cells = measure(sets)
        print(f"| {name} | " + " | ".join(cells) + f" | {time.process_time() - started:.1f} |", flush=True)
    index_module.split_topics = layer_module.split_topics = SHIPPED_SPLIT


if __name__ == "__main__":
    main()
