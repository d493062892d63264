"""Storyline benchmark: DUC 2004 folders as gold storylines, ECB+ topics as pairs of different stories, and the
cost of storylines on the synthetic stream of ``bench/events.py``.

Articles are read by the product's own reader (``storyline.read``), and storylines come from the product's own
functions: ``storyline.api.storylines_and_events`` (batch) and ``storyline.pipeline.ingest`` into a store
(online, 50 articles per call), beside events alone, measured in the same run.

    PYTHONPATH=src python bench/storylines.py [--data ../shared/data] [--scale 20000] [--explain] [--stream-only]
        [--halves] [--duc DIR] [--ecb DIR] [--first-report-days N ...]

``--joined-gold`` adds rows scoring the gold DUC folders with pairs of folders that tell one story in a reader's
sense joined (``STORY_PAIRS``): how far the DUC goal is from a partition that joins them and is otherwise perfect,
and the product's storylines scored against the gold with those pairs joined.
The stream's rows score its storylines as ECB+'s (each copy of a gold event its own story, a topic copy's two events
two stories); with ``--explain``, a stream of at most 3,000 events also gets its candidate links by what they join.
``--explain`` adds, after the tables, the breakdown of what is left (``storyline_breakdown``): events mixing two
gold stories, gold stories split over storylines and what kept them apart, storylines merging two gold stories,
and the ECB+ topics fused by events or by linking. ``--halves`` also runs and scores each half of both sets on its
own (alternate DUC folders, odd and even ECB+ topics); ``--duc`` and ``--ecb`` point at another split laid out the
same way (the held-out halves of both sets). ``--first-report-days N`` (repeatable) adds rows of the batch events
linked with ``StoryOptions.first_report_days=N`` (60 by default) and times it on the stream.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))

from events import bcubed, read_ecbplus, synthetic_stream

from storyline.api import read, storylines_and_events

EXPLANATIONS: list = []  # breakdowns to print after the tables (``--explain``)
FIRST_REPORT_DAYS: list = []  # ``--first-report-days``: also link with ``StoryOptions.first_report_days`` set


def unique(articles):
    """The reader keeps an article read twice (DUC files repeated in two folders) under one id: keep the first."""
    seen: set[str] = set()
    return [a for a in articles if not (a.id in seen or seen.add(a.id))]


def labels(articles, events, storylines):
    event_of = {a: e.id for e in events for a in e.article_ids}
    story_of = {e: s.id for s in storylines for e in s.event_ids}
    return [event_of[a.id] for a in articles], [story_of[event_of[a.id]] for a in articles]


def online(articles, batch: int = 50):
    """Storylines and events of a store fed ``batch`` articles per call in date order (the ingest path)."""
    from storyline.pipeline import ingest
    from storyline.store import Store

    ordered = sorted(articles, key=lambda a: (a.published or "", a.id))
    with Store(":memory:") as store:
        for begin in range(0, len(ordered), batch):
            ingest(store, ordered[begin : begin + batch])
        return store.events(), store.storylines()


def merged_topics(articles, gold, topic, predicted) -> int:
    """Topics whose two gold events have the same majority group in ``predicted``."""
    groups: dict = defaultdict(lambda: defaultdict(Counter))
    for article, label in zip(articles, predicted):
        groups[topic[article.id]][gold[article.id]][label] += 1
    return sum(len({c.most_common(1)[0][0] for c in events.values()}) < len(events) for events in groups.values())


def row(data, method, gold, predicted, seconds, extra=""):
    p, r, f = bcubed(gold, predicted)
    print(f"| {data} | {method} | {p:.3f} | {r:.3f} | {f:.3f} | {len(set(predicted))} | {extra} | {seconds:.1f} |")


def batch_idf(articles):
    """The document frequencies a batch run links with (for the breakdown's similarities)."""
    from storyline.dedup import find_copy_groups
    from storyline.events import EventIndex

    return EventIndex.from_articles(articles, copy_groups=find_copy_groups(articles)).idf()


def first_report_rows(data, articles, gold_of, events, topic=None) -> None:
    """Rows of the same batch events linked with small reports reaching a story that begins up to N days after
    them (``build_storylines``, the product's batch linking, with the index's document frequencies)."""
    from storyline.events.storylines import build_storylines

    if not FIRST_REPORT_DAYS:
        return
    gold, idf = [gold_of[a.id] for a in articles], batch_idf(articles)
    for days in FIRST_REPORT_DAYS:
        started = time.process_time()
        storylines = build_storylines(events, articles, idf=idf, first_report_days=days)
        seconds = time.process_time() - started
        predicted = labels(articles, events, storylines)[1]
        extra = ""
        if topic is not None:
            fused, topics = merged_topics(articles, gold_of, topic, predicted), len({topic[a.id] for a in articles})
            extra = f"{fused} of {topics} ({fused / topics:.2f})"
        row(data, f"option: first reports reach {days:g} days (batch)", gold, predicted, seconds, extra)


def later_explain(title, articles, gold_of, events, storylines, topic=None):
    def run():
        from storyline_breakdown import explain, fused_topics

        explain(title, articles, gold_of, events, storylines, batch_idf(articles))
        if topic is not None:
            fused_topics(articles, gold_of, topic, events, storylines)

    EXPLANATIONS.append(run)


def duc(folder: Path, keep=None, data: str = "DUC 2004 dev") -> None:
    """``keep``: which gold folders to score (a half of the set), else all."""
    articles = unique(read([folder]).articles)
    articles = [a for a in articles if keep is None or keep(Path(a.source_path).parent.name)]
    gold_of = {a.id: Path(a.source_path).parent.name for a in articles}
    gold = [gold_of[a.id] for a in articles]
    started = time.process_time()
    storylines, events = storylines_and_events(articles)
    seconds = time.process_time() - started
    by_event, by_story = labels(articles, events, storylines)
    majority = {e.id: Counter(gold_of[a] for a in e.article_ids).most_common(1)[0][0] for e in events}
    row(data, "anchor: events alone (batch)", gold, by_event, seconds)
    row(data, "ours: storylines (batch)", gold, by_story, seconds)
    row(data, "ceiling: these events merged by their gold folder", gold, [majority[e] for e in by_event], 0)
    first_report_rows(data, articles, gold_of, events)
    later_explain(data + ", batch", articles, gold_of, events, storylines)
    started = time.process_time()
    events, storylines = online(articles)
    seconds = time.process_time() - started
    by_event, by_story = labels(articles, events, storylines)
    majority = {e.id: Counter(gold_of[a] for a in e.article_ids).most_common(1)[0][0] for e in events}
    row(data, "anchor: events alone (store, 50 per ingest)", gold, by_event, seconds)
    row(data, "ours: storylines (store, 50 per ingest)", gold, by_story, seconds)
    row(data, "ceiling: these events merged by their gold folder", gold, [majority[e] for e in by_event], 0)
    later_explain(data + ", store (50 per ingest)", articles, gold_of, events, storylines)


def ecb(folder: Path, keep=None, data: str = "ECB+ dev") -> None:
    """``keep``: which topics to score (a half of the set), else all."""
    records = [json.loads(line) for line in (folder / "docs.jsonl").open(encoding="utf-8")]
    gold_of = {r["doc_id"]: r["cluster"] for r in records}
    topic = {r["doc_id"]: r["topic"] for r in records}
    articles = [a for a in unique(read([folder / "docs.jsonl"]).articles) if keep is None or keep(topic[a.id])]
    gold = [gold_of[a.id] for a in articles]
    n_topics = len({topic[a.id] for a in articles})
    started = time.process_time()
    storylines, events = storylines_and_events(articles)
    seconds = time.process_time() - started
    by_event, by_story = labels(articles, events, storylines)
    for method, predicted in (("anchor: events alone (batch)", by_event), ("ours: storylines (batch)", by_story)):
        fused = merged_topics(articles, gold_of, topic, predicted)
        row(data, method, gold, predicted, seconds, f"{fused} of {n_topics} ({fused / n_topics:.2f})")
    first_report_rows(data, articles, gold_of, events, topic)
    later_explain(data + ", batch", articles, gold_of, events, storylines, topic)
    started = time.process_time()
    events, storylines = online(articles)
    seconds = time.process_time() - started
    by_event, by_story = labels(articles, events, storylines)
    for method, predicted in (
        ("anchor: events alone (store, 50 per ingest)", by_event),
        ("ours: storylines (store, 50 per ingest)", by_story),
    ):
        fused = merged_topics(articles, gold_of, topic, predicted)
        row(data, method, gold, predicted, seconds, f"{fused} of {n_topics} ({fused / n_topics:.2f})")
    later_explain(data + ", store (50 per ingest)", articles, gold_of, events, storylines, topic)


def ecb_dated(folder: Path) -> None:
    """ECB+ with the dates that ``bench/events.py``'s own parser finds in the texts (the product's reader finds
    few): what time adds."""
    articles, gold, topics = read_ecbplus(folder)
    gold_of = {a.id: g for a, g in zip(articles, gold)}
    topic = {a.id: t for a, t in zip(articles, topics)}
    started = time.process_time()
    storylines, events = storylines_and_events(articles)
    seconds = time.process_time() - started
    by_event, by_story = labels(articles, events, storylines)
    data = "ECB+ dev, dates found by bench/events.py"
    for method, predicted in (("anchor: events alone (batch)", by_event), ("ours: storylines (batch)", by_story)):
        fused = merged_topics(articles, gold_of, topic, predicted)
        row(data, method, gold, predicted, seconds, f"{fused} of {len(set(topics))} ({fused / len(set(topics)):.2f})")
    first_report_rows(data, articles, gold_of, events, topic)
    later_explain(data + ", batch", articles, gold_of, events, storylines, topic)


def scale(folder: Path, total: int, explain: bool = False) -> None:
    """Events and storylines online over the synthetic stream, 1,000 articles per call; CPU seconds of each. With
    ``explain``, also the candidate links of a stream of at most ``LINKS_UP_TO`` events (``stream_links``)."""
    from storyline.events import EventIndex
    from storyline.events.storylines import StorylineIndex
    from storyline.features import featurize

    articles, gold, topics = read_ecbplus(folder)
    events, stories = EventIndex(), StorylineIndex()
    # The same updates without the lone-report rule, timed in the same run: what that rule costs.
    plain, plain_cpu = StorylineIndex(lone_threshold=None), 0.0
    # And with small reports reaching a story that begins up to N days after them (``--first-report-days``).
    far = {days: [StorylineIndex(first_report_days=days), 0.0] for days in FIRST_REPORT_DAYS}
    events_cpu = stories_cpu = 0.0
    done, streamed, kept = 0, [], []
    for batch in synthetic_stream(articles, gold, total):
        streamed += [(a.id, a.published) for a in batch]
        kept += batch if explain else []
        started = time.process_time()
        features = featurize(batch)
        changed = events.add(batch, features=features)
        events_cpu += time.process_time() - started
        started = time.process_time()
        stories.update(changed, batch, idf=events.idf(), features=features)
        stories_cpu += time.process_time() - started
        started = time.process_time()
        plain.update(changed, batch, idf=events.idf(), features=features)
        plain_cpu += time.process_time() - started
        for entry in far.values():
            started = time.process_time()
            entry[0].update(changed, batch, idf=events.idf(), features=features)
            entry[1] += time.process_time() - started
        done += len(batch)
    started = time.perf_counter()
    state = stories.to_state()
    StorylineIndex.from_state(state)
    saving = time.perf_counter() - started
    print(
        f"| synthetic stream, {done:,} articles | events {events_cpu:.1f} CPU s; storylines {stories_cpu:.1f} CPU s "
        f"(+{stories_cpu / events_cpu:.1%}) | {len(events.events()):,} events, {len(stories.storylines()):,} "
        f"storylines | storyline state {len(state) / 1e6:.1f} MB, saved and loaded in {saving:.2f} s |"
    )
    print(
        f"| the same without the lone-report rule | storylines {plain_cpu:.1f} CPU s (+{plain_cpu / events_cpu:.1%}) | "
        f"{len(plain.storylines()):,} storylines | |"
    )
    for days, (index, cpu) in far.items():
        print(
            f"| the same with first reports reaching {days:g} days | storylines {cpu:.1f} CPU s "
            f"(+{cpu / events_cpu:.1%}) | {len(index.storylines()):,} storylines | storyline state "
            f"{len(index.to_state()) / 1e6:.1f} MB |"
        )
    gold_and_topic = dict(zip((a.id for a in articles), zip(gold, topics)))
    stream_quality(streamed, gold_and_topic, events, stories, plain)
    if explain and len(events.events()) <= LINKS_UP_TO:
        stream_links(kept, gold_and_topic, events)


LINKS_UP_TO = 3_000  # events: the pair table holds every pair's similarity in memory


def stream_links(articles, gold_and_topic, events) -> None:
    """The stream's candidate links (pairs of events at the threshold, within the window, sharing a key), by what
    they join: one gold story, two gold events of one topic's copy (two happenings of one kind), or two topics.
    Their similarity and its parts, 10th / 50th / 90th percentiles: whether any of them tells the kinds apart."""
    import numpy as np
    from storyline_breakdown import PairTable

    event_list = events.events()
    table = PairTable(event_list, articles, events.idf())
    members = {e.id: e.article_ids for e in event_list}

    def majority(event_id):
        held = Counter()
        for article_id in members[event_id]:
            source, copy = article_id.rsplit("~", 1)
            held[(gold_and_topic[source][1], copy, gold_and_topic[source][0])] += 1
        return held.most_common(1)[0][0]

    story = [majority(e) for e in table.ids]
    options = table.options
    rows, columns = np.triu_indices(len(table.ids), 1)
    near = (table.similarity[rows, columns] >= options.threshold) & (table.gap[rows, columns] <= options.window_days)
    near &= table.shares_key[rows, columns]
    kinds: dict[str, list[tuple[float, ...]]] = defaultdict(list)
    for i, j in zip(rows[near], columns[near]):
        kind = (
            "one gold story"
            if story[i] == story[j]
            else "two events of one topic"
            if story[i][:2] == story[j][:2]
            else "two topics"
        )
        kinds[kind].append((table.similarity[i, j], *(part[i, j] for part in table.parts), table.gap[i, j]))
    print("\n| candidate links of the stream | pairs | similarity | body | headline | entities | days apart |")
    print("|---|---|---|---|---|---|---|")
    for kind, found in kinds.items():
        spread = np.percentile(np.array(found), [10, 50, 90], axis=0)
        cells = " | ".join(" / ".join(f"{v:.2f}" for v in spread[:, k]) for k in range(5))
        print(f"| {kind} | {len(found)} | {cells} |")


def stream_quality(streamed, gold_and_topic, events, stories, plain) -> None:
    """The stream's storylines scored as ECB+'s: each copy of a gold event is its own story, and the two gold events
    of a topic's copy are two stories (two earthquakes, two arrests). The stream puts each event on a random day
    of its span, so a topic's two events often fall within the 30-day window, which ECB+'s own dates rarely do."""
    from datetime import date

    event_of = {a: e.id for e in events.events() for a in e.article_ids}
    placed = [(article_id, published) for article_id, published in streamed if article_id in event_of]
    if len(placed) < len(streamed):
        print(f"\n{len(streamed) - len(placed):,} streamed articles are in no event and are left out.")
    streamed = placed
    source = [article_id.rsplit("~", 1) for article_id, _ in streamed]
    gold = [f"{gold_and_topic[s][0]}~{copy}" for s, copy in source]
    topic = {article_id: f"{gold_and_topic[s][1]}~{copy}" for (article_id, _), (s, copy) in zip(streamed, source)}
    gold_of = {article_id: g for (article_id, _), g in zip(streamed, gold)}
    first_day: dict[str, dict[str, int]] = defaultdict(dict)
    for (article_id, published), g in zip(streamed, gold):
        day = date.fromisoformat(published).toordinal()
        first_day[topic[article_id]][g] = min(first_day[topic[article_id]].get(g, day), day)
    pairs = [sorted(days.values()) for days in first_day.values() if len(days) == 2]
    close = sum(later - earlier <= 30 for earlier, later in pairs)
    print(f"\nThe stream's topics: {len(pairs):,} copies of a topic with two gold events, the two starting within 30")
    print(f"days of each other in {close:,} ({close / len(pairs):.0%}).\n")
    print("| stream, scored as ECB+ | B3 P | B3 R | B3 F1 | topic copies whose two events share a group |")
    print("|---|---|---|---|---|")
    articles = [SimpleNamespace(id=article_id) for article_id, _ in streamed]
    event_list = events.events()
    by_event, by_story = labels(articles, event_list, stories.storylines())
    shown = [
        ("events alone", by_event),
        ("storylines (shipped)", by_story),
        ("storylines without the lone-report rule", labels(articles, event_list, plain.storylines())[1]),
    ]
    for name, predicted in shown:
        p, r, f = bcubed(gold, predicted)
        fused = merged_topics(articles, gold_of, topic, predicted)
        print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {fused:,} of {len(pairs):,} ({fused / len(pairs):.0%}) |")


# DUC folder pairs of one story in a reader's sense (the same people, place and days; the first pair shares two
# articles), joined one after another: what a partition that is perfect but for joining them scores.
STORY_PAIRS = (
    ("d30008t", "d30011t", "APEC summit in Kuala Lumpur + Anwar Ibrahim's arrest"),
    ("d30026t", "d31033t", "AOL buying Netscape + the Microsoft antitrust trial"),
    ("d30040t", "d30053t", "the Gaza airport + Clinton's Gaza visit"),
    ("d30050t", "d31031t", "the midterm campaign + the budget deal"),
)


def joined_gold(folder: Path) -> None:
    """Rows of the gold DUC storylines with the folder pairs of ``STORY_PAIRS`` joined, one more pair per row: the
    gold itself (a partition perfect but for the joins), then the product's storylines, batch and store, scored
    against that same joined gold."""
    articles = unique(read([folder]).articles)
    gold = [Path(a.source_path).parent.name for a in articles]
    storylines, events = storylines_and_events(articles)
    batch = labels(articles, events, storylines)[1]
    store = labels(articles, *online(articles))[1]
    joined: dict[str, str] = {}
    steps = [("none joined", dict(joined))]
    for first, second, what in STORY_PAIRS:
        joined[second] = first
        steps.append((f"joined: + {what}", dict(joined)))
    for what, pairs in steps:
        truth = [pairs.get(g, g) for g in gold]
        row("DUC 2004 dev", f"gold folders, {what}", gold, truth, 0)
        row("DUC 2004 dev, gold " + what, "ours: storylines (batch)", truth, batch, 0)
        row("DUC 2004 dev, gold " + what, "ours: storylines (store, 50 per ingest)", truth, store, 0)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared" / "data")
    parser.add_argument("--scale", type=int, default=20_000, help="articles in the synthetic stream (0: skip)")
    parser.add_argument("--explain", action="store_true", help="print the breakdown of what is left after the tables")
    parser.add_argument("--stream-only", action="store_true", help="only the synthetic stream (--scale)")
    parser.add_argument("--halves", action="store_true", help="also each half of both sets, scored on its own")
    parser.add_argument(
        "--first-report-days",
        type=float,
        action="append",
        default=[],
        help="also link the batch events and the stream with StoryOptions.first_report_days at this value",
    )
    parser.add_argument(
        "--joined-gold", action="store_true", help="also score the gold DUC folders with pairs of one story joined"
    )
    parser.add_argument("--duc", type=Path, help="DUC folders of gold folders (default: DATA/duc2004-dev/docs)")
    parser.add_argument("--ecb", type=Path, help="an ECB+ folder holding docs.jsonl (default: DATA/ecbplus-dev)")
    args = parser.parse_args(argv)
    FIRST_REPORT_DAYS[:] = args.first_report_days
    duc_dir = args.duc or args.data / "duc2004-dev" / "docs"
    ecb_dir = args.ecb or args.data / "ecbplus-dev"
    if not duc_dir.is_dir() or not (ecb_dir / "docs.jsonl").exists():
        sys.exit(f"benchmark data not found under {args.data}")
    if not args.stream_only:
        print("| data | method | B3 P | B3 R | B3 F1 | groups | ECB+ topics whose two events share a group | CPU s |")
        print("|---|---|---|---|---|---|---|---|")
        duc(duc_dir)
        ecb(ecb_dir)
        ecb_dated(ecb_dir)
    if args.joined_gold:
        joined_gold(duc_dir)
    if args.halves:
        # Each half run and scored alone with the same knobs: how much the figures move with the stories held.
        folders = sorted(p.name for p in duc_dir.iterdir() if p.is_dir())
        for parity, name in ((0, "first"), (1, "second")):
            duc(duc_dir, lambda f, k=parity: folders.index(f) % 2 == k, f"DUC 2004 dev, {name} of alternate folders")
        for parity, name in ((1, "odd"), (0, "even")):
            ecb(ecb_dir, lambda t, k=parity: int(t) % 2 == k, f"ECB+ dev, {name} topics")
    if args.scale:
        print()
        print("| stream | CPU seconds | groups | state |")
        print("|---|---|---|---|")
        scale(ecb_dir, args.scale, args.explain)
    if args.explain and EXPLANATIONS:
        print("\n### What is left")
        for run in EXPLANATIONS:
            run()


if __name__ == "__main__":
    main()
