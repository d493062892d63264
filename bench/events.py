"""Event clustering benchmark: ECB+ development topics and DUC 2004 clusters, plus an online scale run.

Prints one table: our batch and online modes beside the TF-IDF + average-link anchor, measured in the same
run.

    PYTHONPATH=src python bench/events.py [--data ../shared/data] [--scale 100000]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np

from storyline.model import Article

MONTHS = {
    name: number
    for number, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1
    )
}
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
_I = re.IGNORECASE
_DATE_PATTERNS = [
    (re.compile(rf"\b{_MONTH}\s*(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*-?\s*(\d{{4}})\b", _I), ("m", "d", "y")),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s*,?\s+(\d{{4}})\b", _I), ("d", "m", "y")),
    (re.compile(r"\b(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\b"), ("y", "m", "d")),
    (re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4}|\d{2})\b"), ("m", "d", "y")),
]


def find_date(line: str) -> str | None:
    """The first date written in ``line`` (tokenised text: "May 03 , 2013", "2013 - 09 - 26"), ISO, or
    None."""
    line = re.sub(r"\s+([.,])", r"\1", line)
    for pattern, roles in _DATE_PATTERNS:
        match = pattern.search(line)
        if not match:
            continue
        parts = dict(zip(roles, match.groups()))
        month = int(parts["m"]) if parts["m"].isdigit() else MONTHS.get(parts["m"].lower().rstrip(".")[:3])
        year = int(parts["y"]) + (2000 if len(parts["y"]) == 2 else 0)
        try:
            return date(year, int(month), int(parts["d"])).isoformat()
        except (TypeError, ValueError):
            continue
    return None


def _detokenise(line: str) -> str:
    line = re.sub(r"\s+([,.;:!?%)'])", r"\1", line)
    line = re.sub(r"([($])\s+", r"\1", line)
    return line.replace(" 's", "'s").replace(" n't", "n't")


def read_ecbplus(folder: Path) -> tuple[list[Article], list[str], list[int]]:
    """ECB+ articles: ecbplus docs open with a URL line, then title and date lines in either order (and
    sometimes a subtitle); ecb docs are body only, without a date. Returns articles, gold events, topics."""
    articles, gold, topics = [], [], []
    for line in (folder / "docs.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        lines = row["text"].split("\n")
        title = url = published = outlet = None
        body_lines = lines
        if row["subtopic"] == "ecbplus" and lines and lines[0].startswith("http"):
            url = lines[0].replace(" ", "")
            outlet = re.sub(r"^https?:/*(www\.)?", "", url).split("/")[0] or None
            head = lines[1:6]
            date_at = next((k for k, text in enumerate(head) if find_date(text) and len(text.split()) <= 24), None)
            if date_at is not None:
                published = find_date(head[date_at])
            title_at = next((k for k in range(min(len(head), 2)) if k != date_at), None)
            title = _detokenise(head[title_at]) if title_at is not None else None
            body_lines = [text for k, text in enumerate(lines[1:], start=0) if k not in (date_at, title_at)]
        articles.append(
            Article(
                id=row["doc_id"],
                text="\n".join(body_lines),
                title=title,
                url=url,
                outlet=outlet,
                published=published,
                date_source="dateline" if published else None,
            )
        )
        gold.append(row["cluster"])
        topics.append(row["topic"])
    return articles, gold, topics


def read_duc(folder: Path) -> tuple[list[Article], list[str]]:
    """DUC 2004 articles: one sentence per line, no title; the DOCID (APW19981016.0240) carries the date."""
    articles, gold = [], []
    for cluster in sorted(p for p in folder.iterdir() if p.is_dir()):
        for path in sorted(cluster.iterdir()):
            stamp = re.search(r"(\d{4})(\d{2})(\d{2})", path.name)
            published = f"{stamp[1]}-{stamp[2]}-{stamp[3]}" if stamp else None
            outlet = re.match(r"[A-Z]+", path.name)
            articles.append(
                Article(
                    id=path.name,
                    text=path.read_text(encoding="utf-8", errors="replace"),
                    outlet=outlet.group() if outlet else None,
                    published=published,
                    date_source="id" if published else None,
                )
            )
            gold.append(cluster.name)
    return articles, gold


def bcubed(gold: list, predicted: list) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998), averaged over items."""
    gold_ids = np.unique(np.asarray(gold, dtype=object).astype(str), return_inverse=True)[1]
    pred_ids = np.unique(np.asarray(predicted, dtype=object).astype(str), return_inverse=True)[1]
    pair = Counter(zip(gold_ids.tolist(), pred_ids.tolist()))
    gold_size, pred_size = Counter(gold_ids.tolist()), Counter(pred_ids.tolist())
    overlap = np.array([pair[(g, p)] for g, p in zip(gold_ids.tolist(), pred_ids.tolist())], dtype=float)
    precision = float(np.mean(overlap / np.array([pred_size[p] for p in pred_ids.tolist()])))
    recall = float(np.mean(overlap / np.array([gold_size[g] for g in gold_ids.tolist()])))
    return precision, recall, 2 * precision * recall / (precision + recall)


def scores(gold: list, predicted: list) -> dict:
    from sklearn.metrics import adjusted_rand_score

    p, r, f = bcubed(gold, predicted)
    return {"P": p, "R": r, "F1": f, "ARI": adjusted_rand_score(gold, predicted), "k": len(set(predicted))}


def baseline_labels(texts: list[str], threshold: float = 0.825) -> list[int]:
    """The anchor: sublinear TF-IDF with English stopwords, average-link clustering on cosine distance."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts).toarray()
    model = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold)
    return model.fit_predict(matrix).tolist()


def labels_of(events, articles) -> list[str]:
    event_of = {a: e.id for e in events for a in e.article_ids}
    return [event_of[a.id] for a in articles]


def synthetic_stream(
    articles: list[Article], gold: list[str], total: int, batch: int = 1000, seed: int = 7, per_day: int = 300
):
    """Yield ``total`` articles in date order, in batches: copies of the dev articles, each copy of the set
    with its own vocabulary (every word of four letters or more gets a copy-specific suffix, so copies are
    distinct events), events starting on random days of a span that grows with ``total`` (about
    ``per_day`` articles a day, so a longer stream is not a denser one), articles of an event on its first day
    plus their own offsets where known (up to 20 days). Only the plan is held; texts are made batch by
    batch."""
    rng = np.random.default_rng(seed)
    events = sorted(set(gold))
    base: dict[str, int] = {}
    for article, event in zip(articles, gold):
        if article.published:
            day = date.fromisoformat(article.published).toordinal()
            base[event] = min(base.get(event, day), day)
    start = date(2030, 1, 1).toordinal()
    span = max(1, total // per_day)
    plan: list[tuple[int, int, int]] = []  # (day, copy, source article)
    copy = 0
    while len(plan) < total:
        event_day = {event: start + int(rng.integers(0, span)) for event in events}
        for index, (article, event) in enumerate(zip(articles, gold)):
            if len(plan) >= total:
                break
            if article.published and event in base:
                offset = min(date.fromisoformat(article.published).toordinal() - base[event], 20)
            else:
                offset = int(rng.integers(0, 3))
            plan.append((event_day[event] + offset, copy, index))
        copy += 1
    plan.sort()
    word = re.compile(r"\b([A-Za-z]{4,})\b")
    for begin in range(0, len(plan), batch):
        out = []
        for day, copy, index in plan[begin : begin + batch]:
            source = articles[index]
            suffix = "".join(chr(97 + (copy // 26**p) % 26) for p in range(3))
            rename = rf"\1{suffix}"  # suffix is letters only
            out.append(
                Article(
                    id=f"{source.id}~{copy}",
                    text=word.sub(rename, source.text),
                    title=word.sub(rename, source.title) if source.title else None,
                    outlet=source.outlet,
                    published=date.fromordinal(day).isoformat(),
                    date_source="synthetic",
                )
            )
        yield out


def online_labels(articles: list[Article], order: list[int], chunk: int = 50, **options) -> tuple[list[str], float]:
    """Feed ``articles`` to an EventIndex in ``order``, ``chunk`` at a time, saving and loading the state
    between
    calls as a store would; return each article's event id and the seconds taken."""
    from storyline.events import EventIndex

    started = time.perf_counter()
    state = EventIndex(**options).to_state()
    for begin in range(0, len(order), chunk):
        index = EventIndex.from_state(state)
        index.add([articles[i] for i in order[begin : begin + chunk]])
        state = index.to_state()
    events = EventIndex.from_state(state).events()
    return labels_of(events, articles), time.perf_counter() - started


def evaluate(name: str, articles: list[Article], gold: list[str], rows: list, *, anchor_texts=None, online_orders=()):
    """Anchor, batch and online rows for one data set. With several ``online_orders`` (arrival orders) the
    online row is the run with the median F1, and carries the F1 range."""
    from storyline.events import cluster_events

    if anchor_texts is not None:
        started = time.perf_counter()
        labels = baseline_labels(anchor_texts)
        rows.append(
            (
                name,
                "anchor: TF-IDF + average link (0.825)",
                scores(gold, labels),
                time.perf_counter() - started,
            )
        )
    started = time.perf_counter()
    batch = labels_of(cluster_events(articles), articles)
    rows.append((name, "ours, batch", scores(gold, batch), time.perf_counter() - started))
    if online_orders:
        runs = sorted(
            (
                (scores(gold, labels), labels, seconds)
                for labels, seconds in (online_labels(articles, order) for order in online_orders)
            ),
            key=lambda run: run[0]["F1"],
        )
        median, online, seconds = runs[len(runs) // 2]
        method = "ours, online (50 per call)"
        if len(runs) > 1:
            method += f": median of {len(runs)} arrival orders (F1 {runs[0][0]['F1']:.3f}-{runs[-1][0]['F1']:.3f})"
        rows.append((name, method, median, seconds))
        rows.append((name, "agreement of online with batch (batch as gold)", scores(batch, online), 0.0))


def shuffled_ids(name: str, articles: list[Article], gold: list[str], seeds: int = 5) -> tuple:
    """Batch mode with the article ids renamed at random: the date-ordered pass breaks ties by id, so this
    shows
    how much the figures owe to one order. The row carries the run with the median F1 and the F1 range."""
    from storyline.events import cluster_events

    runs = []
    started = time.perf_counter()
    for seed in range(seeds):
        names = np.random.default_rng(seed).permutation(len(articles))
        renamed = [replace(a, id=f"a{names[i]:05d}") for i, a in enumerate(articles)]
        runs.append(scores(gold, labels_of(cluster_events(renamed), renamed)))
    runs.sort(key=lambda s: s["F1"])
    low, median, high = runs[0]["F1"], runs[len(runs) // 2], runs[-1]["F1"]
    return (
        name,
        f"ours, batch, ids renamed at random: median of {seeds} (F1 {low:.3f}-{high:.3f})",
        median,
        time.perf_counter() - started,
    )


def scale_run(articles: list[Article], gold: list[str], total: int) -> list[tuple]:
    """Online clustering of a synthetic stream in calls of 1,000 articles. At checkpoints: (articles so
    far, wall
    seconds, CPU seconds, peak resident MB of the whole process, open events, state MB). Making the texts is
    not
    timed."""
    import resource

    from storyline.events import EventIndex

    index = EventIndex()
    checkpoints, done, wall, cpu, calls = [], 0, 0.0, 0.0, []
    shown = {min(total, 10_000), min(total, 20_000), total // 2, total}
    marks = (shown | {done - 10_000 for done in shown}) - {0}
    for batch in synthetic_stream(articles, gold, total):
        started, started_cpu = time.perf_counter(), time.process_time()
        index.add(batch)
        calls.append(time.perf_counter() - started)
        wall += calls[-1]
        cpu += time.process_time() - started_cpu
        done += len(batch)
        if done in marks:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            saving = time.perf_counter()
            state = index.to_state()
            EventIndex.from_state(state)
            saving = time.perf_counter() - saving
            median_call = float(np.median(calls[-10:]))
            checkpoints.append((done, wall, cpu, peak, len(index.events()), len(state) / 1e6, median_call, saving))
    return checkpoints


def print_scale(checkpoints: list[tuple]) -> None:
    """Rows of the scale run: cumulative figures, and the CPU rate over the last 10,000 articles."""
    by_done = {row[0]: row for row in checkpoints}
    total = max(by_done)
    for done, wall, cpu, peak, n_events, state, median_call, saving in checkpoints:
        if done not in {min(total, 10_000), min(total, 20_000), total // 2, total}:
            continue
        recent = by_done.get(done - 10_000)
        last = 10_000 / (cpu - recent[2]) if recent else done / cpu
        print(
            f"| synthetic stream, {done:,} articles | ours, online (1,000 per call) | | | | | {n_events:,} | "
            f"{wall:.0f} wall, {cpu:.0f} CPU ({last:.0f} articles per CPU second over the last 10,000; "
            f"median call {median_call:.2f} s over the last 10; peak {peak:,.0f} MB; "
            f"state {state:.1f} MB, saved and loaded in {saving:.2f} s) |"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared" / "data")
    parser.add_argument("--scale", type=int, default=10_000, help="articles in the synthetic online stream (0: skip)")
    args = parser.parse_args(argv)
    ecb_dir, duc_dir = args.data / "ecbplus-dev", args.data / "duc2004-dev" / "docs"
    if not (ecb_dir / "docs.jsonl").exists() or not duc_dir.exists():
        sys.exit(f"benchmark data not found under {args.data}")
    rows: list = []
    articles, gold, topics = read_ecbplus(ecb_dir)
    raw = [json.loads(line)["text"] for line in (ecb_dir / "docs.jsonl").open(encoding="utf-8")]
    undated = [replace(a, published=None, date_source=None) for a in articles]
    arrivals = [np.random.default_rng(seed).permutation(len(articles)).tolist() for seed in range(5)]
    evaluate("ECB+ dev, text only", undated, gold, rows, anchor_texts=raw, online_orders=arrivals)
    evaluate("ECB+ dev, dates where present", articles, gold, rows)
    rows.append(shuffled_ids("ECB+ dev, text only", undated, gold))
    for parity, label in ((1, "odd"), (0, "even")):  # each half clustered on its own: how much topics vary
        half = [i for i, topic in enumerate(topics) if topic % 2 == parity]
        evaluate(
            f"ECB+ dev, text only, {label} topics only",
            [undated[i] for i in half],
            [gold[i] for i in half],
            rows,
            anchor_texts=[raw[i] for i in half],
        )
    duc, duc_gold = read_duc(duc_dir)
    by_date = sorted(range(len(duc)), key=lambda i: (duc[i].published, duc[i].id))
    evaluate("DUC 2004 dev", duc, duc_gold, rows, anchor_texts=[a.text for a in duc], online_orders=[by_date])

    print("| data | method | B3 P | B3 R | B3 F1 | ARI | events | seconds |")
    print("|---|---|---|---|---|---|---|---|")
    for data, method, s, seconds in rows:
        print(
            f"| {data} | {method} | {s['P']:.3f} | {s['R']:.3f} | {s['F1']:.3f} | {s['ARI']:.3f} | "
            f"{s['k']} | "
            f"{seconds:.1f} |"
        )
    if args.scale:
        print_scale(scale_run(articles, gold, args.scale))


if __name__ == "__main__":
    main()
