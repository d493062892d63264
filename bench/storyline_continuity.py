"""Links beyond the 30-day window, scored on frozen events: which evidence of continuity is safe.

The product's events (``storyline.api.storylines_and_events``, batch, and a store fed 50 articles per call) are made
once for DUC 2004 dev and ECB+ dev (and ECB+ with the dates ``bench/events.py`` finds), and, with ``--halves``,
for each half of both sets run alone (alternate DUC folders, odd and even ECB+ topics, as ``bench/storylines.py
--halves``). Every rule then links the same events with the linking's own pair similarity
(``storyline_signals.Frozen``), so only the rule changes; the shipped rule reproduces ``bench/storylines.py``.
Each cell is B-cubed F1 of storylines, with the number of ECB+ topics whose two gold events share a storyline.

Rules tried for pairs of events 30-60 days apart (the shipped rule links within 30):
- an explicit back-reference: one of the later event's articles names a day (or the month, or "last month" /
  "last year") that falls in the earlier event's dates;
- linking through the chain: the summed coverage of each storyline (its events' articles) against the other
  storylines, 30-60 days apart;
- first reports: a small report (one article) also reaching a larger event that begins after it, up to 45-120
  days later (``StoryOptions.first_report_days``), beside the same reach in both directions, and with small
  reports of 2-3 articles at 0.12 (``lone_size``, ``lone_threshold``).
Then the pairs of events 30-60 days apart that the similarity would link, with their back-references, and every
link the first-report rule adds, and whether it joins two events of one gold story.

    PYTHONPATH=src python bench/storyline_continuity.py [--data ../shared/data] [--halves]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from storyline_breakdown import PairTable
from storyline_signals import Frozen, freeze, shipped
from storylines import batch_idf, online, unique

from storyline.api import read, storylines_and_events
from storyline.events.days import day_number
from storyline.model import Event
from storyline.text.time_words import date_time_words
from storyline.unionfind import UnionFind

_MONTH = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|"
    r"Nov(?:ember)?|Dec(?:ember)?"
)
# "Oct. 12", "October 12, 1998", "October": a month, a day unless a year or a count follows, a year.
_DATE = re.compile(rf"\b({_MONTH})\b\.?(?:\s+(\d{{1,2}})\b(?!\s*,?\s*\d{{3}}))?(?:\s*,?\s*(\d{{4}}))?")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def freeze_halves(data: Path) -> dict[str, Frozen]:
    """Each half of both sets run alone, batch and store, as ``bench/storylines.py --halves`` runs them."""
    out = {}
    duc_dir = data / "duc2004-dev" / "docs"
    folders = sorted(p.name for p in duc_dir.iterdir() if p.is_dir())
    duc = unique(read([duc_dir]).articles)
    for parity, name in ((0, "first"), (1, "second")):
        articles = [a for a in duc if folders.index(Path(a.source_path).parent.name) % 2 == parity]
        gold = {a.id: Path(a.source_path).parent.name for a in articles}
        idf = batch_idf(articles)
        out[f"DUC {name} half batch"] = Frozen(articles, gold, None, storylines_and_events(articles)[1], idf)
        out[f"DUC {name} half store"] = Frozen(articles, gold, None, online(articles)[0], idf)
    folder = data / "ecbplus-dev"
    records = [json.loads(line) for line in (folder / "docs.jsonl").open(encoding="utf-8")]
    gold = {r["doc_id"]: r["cluster"] for r in records}
    topic = {r["doc_id"]: r["topic"] for r in records}
    ecb = unique(read([folder / "docs.jsonl"]).articles)
    for parity, name in ((1, "odd"), (0, "even")):
        articles = [a for a in ecb if int(topic[a.id]) % 2 == parity]
        idf = batch_idf(articles)
        out[f"ECB+ {name} batch"] = Frozen(articles, gold, topic, storylines_and_events(articles)[1], idf)
        out[f"ECB+ {name} store"] = Frozen(articles, gold, topic, online(articles)[0], idf)
    return out


def named_dates(text: str, when: date) -> list[tuple[float, float, bool]]:
    """(first day, last day, is a single day) of each date ``text`` names up to ``when`` (its publication day):
    "Oct. 12", "October" (the most recent October), "last month", "last year"."""
    out = []
    for match in _DATE.finditer(text):
        month = _MONTHS.index(match.group(1)[:3].lower()) + 1
        if match.group(1) == "May" and not match.group(2):
            continue  # the verb
        year = int(match.group(3)) if match.group(3) else when.year - (month > when.month)
        try:
            if match.group(2):
                first = last = date(year, month, int(match.group(2)))
            else:
                first = date(year, month, 1)
                last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        except ValueError:
            continue
        out.append((first, last, bool(match.group(2))))
    for start, end, first, last in date_time_words(text, when):
        words = text[start:end].lower()
        if words in ("last month", "last year"):
            out.append((date.fromisoformat(first), date.fromisoformat(last or first), False))
    return [(float(first.toordinal()), float(last.toordinal()), single) for first, last, single in out if last <= when]


def back_references(run: Frozen) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of events where an article of the later one names a day (first matrix) or a month, "last month" or
    "last year" (second) falling in the earlier one's dates (up to a week before its first report)."""
    by_id = {a.id: a for a in run.articles}
    dated = {a.id for a in run.articles if a.published and a.date_source != "ingest-time"}
    days = []
    for members in run.members:
        known = [day_number(by_id[a].published) for a in members if a in dated]
        days.append((min(known), max(known)) if known else (np.nan, np.nan))
    names = {a: named_dates(by_id[a].text, date.fromisoformat(by_id[a].published[:10])) for a in dated}
    single = np.zeros((len(days), len(days)), bool)
    month = np.zeros_like(single)
    for later, (later_first, _) in enumerate(days):
        for earlier, (first, last) in enumerate(days):
            if earlier == later or np.isnan(first) or np.isnan(later_first) or first > later_first:
                continue
            for article in (a for a in run.members[later] if a in dated):
                for start, end, is_day in names[article]:
                    if is_day and first - 7 <= start <= last:
                        single[later, earlier] = single[earlier, later] = True
                    if not is_day and start <= last and end >= first - 7 and end < later_first:
                        month[later, earlier] = month[earlier, later] = True
    return single, month


def beyond_window(run: Frozen, threshold: float = 0.25, days: float = 60.0) -> np.ndarray:
    """Pairs 30 to ``days`` days apart at ``threshold`` or more, sharing a key."""
    gap = run.gap
    return run.dated & (gap > 30) & (gap <= days) & (run.pairs.similarity >= threshold) & run.pairs.shares_key


def through_storylines(run: Frozen, threshold: float, days: float = 60.0) -> np.ndarray:
    """The shipped links, and storylines linked when their summed coverage is similar at ``threshold``, 30 to
    ``days`` days apart, sharing a key."""
    links = shipped(run)
    sets = UnionFind(len(run.members))
    for i, j in zip(*np.nonzero(np.triu(links, 1))):
        sets.union(int(i), int(j))
    groups: dict[int, list[int]] = {}
    for k in range(len(run.members)):
        groups.setdefault(sets.find(k), []).append(k)
    stories = list(groups.values())
    table = PairTable(
        [Event(f"s{k}", "", None, None, [a for e in s for a in run.members[e]], []) for k, s in enumerate(stories)],
        run.articles,
        run.idf,
    )
    for x in range(len(stories)):
        for y in range(x + 1, len(stories)):
            i, j = table.position[f"s{x}"], table.position[f"s{y}"]
            gap = table.gap[i, j]
            if 30 < gap <= days and table.similarity[i, j] >= threshold and table.shares_key[i, j]:
                links[stories[x][0], stories[y][0]] = links[stories[y][0], stories[x][0]] = True
    return links


def first_reports(run: Frozen, days: float, both_ways: bool = False, lone: float = 0.15, size: int = 1) -> np.ndarray:
    """The shipped rule, with each small dated report (``size`` articles or fewer) reaching, besides the events
    within the window, the larger dated events that begin after it up to ``days`` later (``both_ways``: before it
    too); it joins the closest one that lists one of its names as a key, at ``lone``."""
    links = shipped(run, lone=None)
    by_id = {a.id: a for a in run.articles}
    dated = {a.id for a in run.articles if a.published and a.date_source != "ingest-time"}
    first = np.array(
        [min((day_number(by_id[a].published) for a in m if a in dated), default=np.nan) for m in run.members]
    )
    sizes = np.array([len(m) for m in run.members])
    begins_after = first[None, :] > first[:, None]
    far = run.gap <= days
    reach = run.pairs.names_key & run.dated & ((run.gap <= 30) | (far & (begins_after | both_ways)))
    reach &= sizes[None, :] > sizes[:, None]
    for i in np.nonzero(sizes <= size)[0]:
        scores = np.where(reach[i], run.pairs.similarity[i], -np.inf)
        j = int(np.argmax(scores))
        if scores[j] >= lone:
            links[i, j] = links[j, i] = True
    return links


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared" / "data")
    parser.add_argument("--halves", action="store_true", help="also each half of both sets, run alone")
    args = parser.parse_args(argv)
    if not (args.data / "duc2004-dev" / "docs").is_dir() or not (args.data / "ecbplus-dev" / "docs.jsonl").exists():
        sys.exit(f"benchmark data not found under {args.data}")
    runs = freeze(args.data)
    if args.halves:
        runs.update(freeze_halves(args.data))
    references = {name: back_references(run) for name, run in runs.items()}
    rules = {
        "shipped: 0.25 within 30 days, lone reports to their closest larger event at 0.15": lambda r, n: shipped(r),
        "also 30-60 days at 0.25 when the later event names a day of the earlier": lambda r, n: (
            shipped(r) | (beyond_window(r) & references[n][0])
        ),
        "also 30-60 days at 0.25 when the later event names the earlier's month, 'last month' or 'last year'": (
            lambda r, n: shipped(r) | (beyond_window(r) & references[n][1])
        ),
    }
    for threshold in (0.25, 0.35, 0.45):
        rules[f"storylines' summed coverage linked 30-60 days apart at {threshold}"] = lambda r, n, t=threshold: (
            through_storylines(r, t)
        )
    for days in (45, 60, 90, 120):
        rules[f"first reports: a lone report reaches a larger event beginning up to {days} days after it"] = (
            lambda r, n, d=days: first_reports(r, d)
        )
    for days in (60, 90):
        rules[f"lone reports reach {days} days both ways (larger events kept open that long)"] = lambda r, n, d=days: (
            first_reports(r, d, both_ways=True)
        )
    for size in (2, 3):
        rules[f"first reports within 60 days, small reports of up to {size} articles at 0.12"] = lambda r, n, k=size: (
            first_reports(r, 60, lone=0.12, size=k)
        )
    print("| rule | " + " | ".join(runs) + " |")
    print("|---|" + "---|" * len(runs))
    for label, rule in rules.items():
        cells = []
        for name, run in runs.items():
            f1, fused = run.score(rule(run, name))
            cells.append(f"{f1:.3f}" + ("" if fused is None else f" ({fused})"))
        print(f"| {label} | " + " | ".join(cells) + " |", flush=True)
    print("\nPairs of events 30-60 days apart at 0.25 or more sharing a key (the later event's back-references):\n")
    for name in ("DUC batch", "ECB+ batch"):
        run, (single, month) = runs[name], references[name]
        for i, j in zip(*np.nonzero(np.triu(beyond_window(run), 1))):
            same = "one gold story" if run.majority[i] == run.majority[j] else "TWO GOLD STORIES"
            named = "a day" if single[i, j] else "a month" if month[i, j] else "nothing"
            print(
                f"- {name}, {same} ({run.majority[i]} / {run.majority[j]}): {len(run.members[i])} + "
                f"{len(run.members[j])} articles, {run.gap[i, j]:.0f} days, {run.pairs.similarity[i, j]:.2f}; "
                f"names {named} of the earlier"
            )
    print("\nLinks that first reports reaching 60 days add (events' sizes, days apart, similarity):\n")
    for name, run in runs.items():
        added = np.triu(first_reports(run, 60) & ~shipped(run), 1)
        pairs = [
            f"{'one gold story' if run.majority[i] == run.majority[j] else 'TWO GOLD STORIES'}: "
            f"{len(run.members[i])} + {len(run.members[j])}, {run.gap[i, j]:.0f} days, {run.pairs.similarity[i, j]:.2f}"
            for i, j in zip(*np.nonzero(added))
        ]
        print(f"- {name}: " + ("; ".join(pairs) or "none"))


if __name__ == "__main__":
    main()
