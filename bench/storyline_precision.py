"""Where DUC storylines lose precision, and link rules that might win it back, scored on frozen events.

The product's events (batch, and a store fed 50 articles per call) are made once for DUC 2004 dev and ECB+ dev (and
ECB+ with the dates ``bench/events.py`` finds), and for each half of both sets run alone (alternate DUC folders, odd
and even ECB+ topics, as ``bench/storylines.py --halves``): ``storyline_continuity.freeze_halves``. The shipped
linking (``storyline_continuity.first_reports`` at 60 days) reproduces ``bench/storylines.py``'s DUC figures and ECB+
topics fused (the ECB+ store's F1 differs a little: the frozen pairs use the batch document frequencies).

First, the B-cubed precision lost by the shipped storylines, split by cause. Each ordered pair of articles of one
storyline and two gold stories costs its article 1 / (storyline size); the pair is counted as
- inside a mixed event: both articles in one event that holds two gold stories;
- a mixed event's stray, carried: the two events have the same majority gold story (one article is the minority of
  its event), joined by right links;
- a link through a mixed event: the events have different majorities and are joined by a link whose one end holds
  articles of the other end's majority (it reaches the story of the mixed event's strays);
- a plain wrong link: joined by a link between two events, neither holding an article of the other's majority.

Then what removing each cause would give: every link between events of two majorities dropped (a perfect veto), the
mixed events' strays taken out as events of their own with the same links, and both; and each link between two gold
stories with the F1 of dropping it alone.

Then rules, each on the same frozen events with the linking's own pair similarity:
- core match: a link between two events of at least ``size`` articles also needs the similarity of their cores (the
  articles whose similarity to the rest of their event is at least ``share`` of the event's median) at the
  threshold: an event joins a storyline only through the articles that carry its match, not its outliers;
- carried by strays: a link is refused when, on either side, the articles closer to the other event than to the rest
  of their own are a minority and the events without them fall below the threshold;
- coherent merges: links taken from the most similar down; a link that would join two storylines of at least
  ``size`` articles each is refused when the two storylines' summed coverage is below ``floor``, or (supported
  merges) when only one pair of their events is linked;
- specific names: the entity cosine weighted by document frequencies over the pair's own window (the articles
  within the window of either event) instead of over the whole set.
Each cell is B-cubed F1 of storylines (DUC: its precision too; ECB+: the topics fused), and the links cut within
one gold story / across two (and any added).

    PYTHONPATH=src python bench/storyline_precision.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from events import bcubed
from storyline_continuity import first_reports, freeze_halves
from storyline_signals import Frozen, freeze

from storyline.events.story_options import StoryOptions
from storyline.events.story_profiles import rows_of, summed_profiles, unit_vectors
from storyline.features import DEFAULT_BITS, SUBSPACES, featurize
from storyline.unionfind import UnionFind

OPTIONS = StoryOptions()
CAUSES = (
    "inside a mixed event",
    "a mixed event's stray, carried",
    "a link through a mixed event",
    "a plain wrong link",
)


def shipped(run: Frozen) -> np.ndarray:
    return first_reports(run, OPTIONS.first_report_days)


# ------------------------------------------------------------------------------------------- similarities
class Rows:
    """The articles' feature rows, and the linking's similarity between any groups of them."""

    def __init__(self, run: Frozen) -> None:
        self.run = run
        self.features = featurize(run.articles, bits=DEFAULT_BITS)
        self.row = {a.id: i for i, a in enumerate(run.articles)}
        self.rows = [rows_of(self.features, i) for i in range(len(run.articles))]

    def vectors(self, groups, idf=None):
        profiles = summed_profiles([[self.rows[self.row[a]] for a in g] for g in groups], DEFAULT_BITS)
        return unit_vectors(profiles, self.run.idf if idf is None else idf)

    def similarity(self, groups_a, groups_b, idf=None) -> np.ndarray:
        """The linking's similarity (weighted mean of the three cosines over the subspaces both use)."""
        vectors = self.vectors(list(groups_a) + list(groups_b), idf)
        n = len(groups_a)
        total = np.zeros((n, len(groups_b)))
        mass = np.zeros_like(total)
        for vector, weight in zip(vectors, OPTIONS.weights):
            mine, theirs = vector[:n], vector[n:]
            total += weight * (mine @ theirs.T).toarray()
            mass += weight * np.outer(np.diff(mine.indptr) > 0, np.diff(theirs.indptr) > 0)
        return total / np.where(mass > 0, mass, 1.0)

    def cores(self, share: float, size: int) -> list[list[str]]:
        """Each event's articles whose similarity to the rest of the event is at least ``share`` of the event's
        median (events under ``size`` articles: all)."""
        out = []
        for members in self.run.members:
            if len(members) < max(size, 3):
                out.append(list(members))
                continue
            rest = [[b for b in members if b != a] for a in members]
            alone = [[a] for a in members]
            score = np.diag(self.similarity(alone, rest))
            out.append([a for a, s in zip(members, score) if s >= share * np.median(score)])
        return out

    def window_entities(self) -> np.ndarray:
        """Per pair of dated events within the window, the entity cosine with document frequencies over the
        articles dated within the window of either event (NaN elsewhere)."""
        from storyline.events.days import day_number
        from storyline.events.vectors import Idf

        run = self.run
        day = np.array(
            [
                day_number(a.published) if a.published and a.date_source != "ingest-time" else np.nan
                for a in run.articles
            ]
        )
        spans = [day[[self.row[a] for a in m]] for m in run.members]
        first = np.array([np.nanmin(s) if not np.isnan(s).all() else np.nan for s in spans])
        last = np.array([np.nanmax(s) if not np.isnan(s).all() else np.nan for s in spans])
        entities = self.features.subspace("entities").tocsc()
        present = (entities > 0).astype(np.float64).tocsr()
        out = np.full((len(run.members), len(run.members)), np.nan)
        window = OPTIONS.window_days
        for i, j in zip(*np.nonzero(run.dated & (run.gap <= window))):
            if i >= j:
                continue
            chosen = (day >= min(first[i], first[j]) - window) & (day <= max(last[i], last[j]) + window)
            df = np.asarray(present[chosen].sum(axis=0)).ravel()
            idf = dict(self.run.idf)
            idf["entities"] = Idf(df, int(chosen.sum()))
            vectors = self.vectors([run.members[i], run.members[j]], idf)
            names = vectors[SUBSPACES.index("entities")]
            out[i, j] = out[j, i] = (names[0] @ names[1].T).toarray()[0, 0]
        return out


# ---------------------------------------------------------------------------------------------- breakdown
def components(links: np.ndarray) -> list[int]:
    sets = UnionFind(len(links))
    for i, j in zip(*np.nonzero(np.triu(links, 1))):
        sets.union(int(i), int(j))
    return [sets.find(k) for k in range(len(links))]


def precision_breakdown(run: Frozen, links: np.ndarray) -> dict[str, float]:
    """The precision lost by the storylines of ``links``, by cause (see the module's docstring)."""
    majority = run.majority
    strays = [set(Counter(run.gold_of[a] for a in m)) for m in run.members]
    cross = np.triu(links, 1) & ~np.equal.outer(np.array(majority, object), np.array(majority, object))
    through = np.zeros_like(links)
    for i, j in zip(*np.nonzero(cross)):
        through[i, j] = through[j, i] = majority[j] in strays[i] or majority[i] in strays[j]
    right = links & np.equal.outer(np.array(majority, object), np.array(majority, object))
    plain_only = components(right | (links & ~through))  # joined without links through mixed events
    mixed_only = components(right | through)  # joined without plain wrong links
    story = components(links)
    event_of = {a: k for k, m in enumerate(run.members) for a in m}
    size = Counter(story[event_of[a.id]] for a in run.articles)
    lost = dict.fromkeys(CAUSES, 0.0)
    articles = [a.id for a in run.articles]
    for a in articles:
        ea = event_of[a]
        for b in articles:
            eb = event_of[b]
            if story[ea] != story[eb] or run.gold_of[a] == run.gold_of[b]:
                continue
            if ea == eb:
                cause = CAUSES[0]
            elif majority[ea] == majority[eb]:
                cause = CAUSES[1]
            elif mixed_only[ea] == mixed_only[eb]:
                cause = CAUSES[2]
            else:
                cause = CAUSES[3] if plain_only[ea] == plain_only[eb] else CAUSES[2]
            lost[cause] += 1.0 / size[story[ea]] / len(articles)
    return lost


def prf(run: Frozen, links: np.ndarray, members=None) -> str:
    members = run.members if members is None else members
    story = components(links)
    story_of = {a: story[k] for k, m in enumerate(members) for a in m}
    p, r, f1 = bcubed([run.gold_of[a.id] for a in run.articles], [story_of[a.id] for a in run.articles])
    return f"{p:.3f} / {r:.3f} / {f1:.3f}"


def counterfactuals(run: Frozen):
    """(links, members) of: the shipped storylines; without their links between events of two majorities; with each
    mixed event's strays (articles not of its majority) taken out as events of their own, linked to nothing; both."""
    links = shipped(run)
    same = np.equal.outer(np.array(run.majority, object), np.array(run.majority, object))
    strays = [a for k, m in enumerate(run.members) for a in m if run.gold_of[a] != run.majority[k]]
    cores = [[a for a in m if run.gold_of[a] == run.majority[k]] for k, m in enumerate(run.members)]
    apart = np.zeros((len(cores) + len(strays),) * 2, bool)

    def widen(kept: np.ndarray) -> np.ndarray:
        out = apart.copy()
        out[: len(cores), : len(cores)] = kept
        return out

    purer = cores + [[a] for a in strays]
    return [(links, None), (links & same, None), (widen(links), purer), (widen(links & same), purer)]


# -------------------------------------------------------------------------------------------------- rules
def core_match(run: Frozen, rows: Rows, share: float, size: int) -> np.ndarray:
    """The shipped links, less those between two events of ``size`` articles or more whose cores are below the
    threshold."""
    links = shipped(run)
    cores = rows.cores(share, size)
    core_similarity = rows.similarity(cores, cores)
    sizes = np.array([len(m) for m in run.members])
    big = (sizes[:, None] >= size) & (sizes[None, :] >= size)
    return links & ~(big & run.dated & (core_similarity < OPTIONS.threshold))


def carriers(rows: Rows, x: int, y: int) -> list[str]:
    """The articles of event ``x`` closer to event ``y`` than to the rest of their own event."""
    members = rows.run.members[x]
    if len(members) < 2:
        return []
    alone = [[a] for a in members]
    to_other = rows.similarity(alone, [rows.run.members[y]])[:, 0]
    to_own = np.diag(rows.similarity(alone, [[b for b in members if b != a] for a in members]))
    return [a for a, other, own in zip(members, to_other, to_own) if other > own]


def carried(run: Frozen, rows: Rows, size: int = 3, minority: float = 0.5) -> np.ndarray:
    """The shipped links, less those between events of ``size`` articles or more that only their strays carry: on
    either side, the articles closer to the other event than to their own are fewer than ``minority`` of it, and
    without them the two events are below the threshold."""
    links = shipped(run)
    sizes = [len(m) for m in run.members]
    for i, j in zip(*np.nonzero(np.triu(links, 1))):
        if min(sizes[i], sizes[j]) < size or not run.dated[i, j]:
            continue
        for x, y in ((i, j), (j, i)):
            strays = carriers(rows, x, y)
            if not strays or len(strays) >= minority * sizes[x]:
                continue
            rest = [a for a in run.members[x] if a not in strays]
            if rows.similarity([rest], [run.members[y]])[0, 0] < OPTIONS.threshold:
                links[i, j] = links[j, i] = False
    return links


def coherent(run: Frozen, rows: Rows, size: int, floor: float | None, support: bool = False) -> np.ndarray:
    """The shipped links taken from the most similar down; a link joining two storylines of ``size`` articles or
    more each is refused when their summed coverage is below ``floor`` (or, with ``support``, when only one pair of
    their events is linked)."""
    links = shipped(run)
    sizes = [len(m) for m in run.members]
    order = sorted(zip(*np.nonzero(np.triu(links, 1))), key=lambda p: -run.pairs.similarity[p])
    sets = UnionFind(len(sizes))
    members: dict[int, list[int]] = {k: [k] for k in range(len(sizes))}
    kept = np.zeros_like(links)
    for i, j in order:
        a, b = sets.find(int(i)), sets.find(int(j))
        if a != b:
            big = sum(sizes[k] for k in members[a]) >= size and sum(sizes[k] for k in members[b]) >= size
            if big:
                if support and np.count_nonzero(links[np.ix_(members[a], members[b])]) < 2:
                    continue
                if floor is not None:
                    groups = [[x for k in members[s] for x in run.members[k]] for s in (a, b)]
                    if rows.similarity(groups[:1], groups[1:])[0, 0] < floor:
                        continue
            merged = members.pop(a) + members.pop(b)
            sets.union(a, b)
            members[sets.find(a)] = merged
        kept[i, j] = kept[j, i] = True
    return kept


def specific_names(run: Frozen, window_entities: np.ndarray, threshold: float = OPTIONS.threshold) -> np.ndarray:
    """The shipped rule with the entity cosine of dated pairs within the window recomputed over the pair's window."""
    body, title, names = run.pairs.parts
    names = np.where(np.isnan(window_entities), names, window_entities)
    w = OPTIONS.weights
    has = [np.outer(np.diag(p) > 0, np.diag(p) > 0) for p in run.pairs.parts]
    total = w[0] * body + w[1] * title + w[2] * names
    mass = sum(weight * h for weight, h in zip(w, has))
    similarity = total / np.where(mass > 0, mass, 1.0)
    links = first_reports(run, OPTIONS.first_report_days)
    near = run.dated & (run.gap <= OPTIONS.window_days) & run.pairs.shares_key
    sizes = np.array([len(m) for m in run.members])
    full = (sizes[:, None] > 1) & (sizes[None, :] > 1)  # leave the lone-report links as they are
    return np.where(near & full, similarity >= threshold, links)


# --------------------------------------------------------------------------------------------------- main
def score(run: Frozen, links: np.ndarray) -> str:
    story = components(links)
    event_of = {a: k for k, m in enumerate(run.members) for a in m}
    predicted = [story[event_of[a.id]] for a in run.articles]
    p, _, f1 = bcubed([run.gold_of[a.id] for a in run.articles], predicted)
    if run.topic_of:
        from storylines import merged_topics

        return f"{f1:.3f} ({merged_topics(run.articles, run.gold_of, run.topic_of, predicted)})"
    return f"{f1:.3f} (P {p:.3f})"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared" / "data")
    args = parser.parse_args(argv)
    if not (args.data / "duc2004-dev" / "docs").is_dir() or not (args.data / "ecbplus-dev" / "docs.jsonl").exists():
        sys.exit(f"benchmark data not found under {args.data}")
    runs = freeze(args.data)
    runs.update(freeze_halves(args.data))
    rows = {name: Rows(run) for name, run in runs.items()}

    print("Precision lost by the shipped storylines, by cause (share of B-cubed precision; DUC):\n")
    print("| run | B3 P | " + " | ".join(CAUSES) + " |")
    print("|---|---|" + "---|" * len(CAUSES))
    for name, run in runs.items():
        if not name.startswith("DUC"):
            continue
        lost = precision_breakdown(run, shipped(run))
        cells = " | ".join(f"{lost[c]:.3f}" for c in CAUSES)
        print(f"| {name} | {1 - sum(lost.values()):.3f} | {cells} |")
    print("\nWhat removing each cause would give (DUC; B-cubed P / R / F1):\n")
    print("| run | shipped | wrong links dropped | mixed events' strays apart, same links | both (precision 1) |")
    print("|---|---|---|---|---|")
    for name, run in runs.items():
        if name.startswith("DUC"):
            cells = [prf(run, links, members) for links, members in counterfactuals(run)]
            print(f"| {name} | " + " | ".join(cells) + " |")
    print("\nLinks joining two gold stories (DUC; the events' gold stories, similarity, F1 with that link dropped):\n")
    for name, run in runs.items():
        if not name.startswith("DUC"):
            continue
        links = shipped(run)
        for i, j in zip(*np.nonzero(np.triu(links, 1))):
            if run.majority[i] != run.majority[j]:
                dropped = links.copy()
                dropped[i, j] = dropped[j, i] = False
                print(
                    f"- {name}: {dict(Counter(run.gold_of[a] for a in run.members[i]))} + "
                    f"{dict(Counter(run.gold_of[a] for a in run.members[j]))}, {run.pairs.similarity[i, j]:.2f}; "
                    f"F1 {prf(run, links)[-5:]} -> {prf(run, dropped)[-5:]}"
                )

    rules = {"shipped": lambda name, run: shipped(run)}
    for share in (0.5, 0.7):
        for size in (3, 4, 6):
            rules[f"core match: cores at {share} of the median, events of {size}+"] = (
                lambda name, run, s=share, k=size: core_match(run, rows[name], s, k)
            )
    rules["carried by strays: events of 2+, strays under half"] = lambda name, run: carried(run, rows[name], 2)
    for size in (5, 10):
        for floor in (0.2, 0.3, 0.4):
            rules[f"coherent merges: storylines of {size}+ joined only at {floor}"] = (
                lambda name, run, k=size, f=floor: coherent(run, rows[name], k, f)
            )
        rules[f"supported merges: storylines of {size}+ joined only by two linked pairs"] = lambda name, run, k=size: (
            coherent(run, rows[name], k, None, support=True)
        )
    window: dict = {}
    for threshold in (0.25, 0.3):
        rules[f"specific names: entity idf over the pair's window, at {threshold}"] = lambda name, run, t=threshold: (
            specific_names(run, window.setdefault(name, rows[name].window_entities()), t)
        )
    print("\nRules (B-cubed F1, DUC with its precision, ECB+ with its topics fused; links cut: within one gold story")
    print("/ across two, and added):\n")
    print("| rule | " + " | ".join(runs) + " |")
    print("|---|" + "---|" * len(runs))
    for label, rule in rules.items():
        cells = []
        for name, run in runs.items():
            links = rule(name, run)
            cells.append(f"{score(run, links)} {changed_links(run, shipped(run), links)}")
        print(f"| {label} | " + " | ".join(cells) + " |", flush=True)


def changed_links(run: Frozen, before: np.ndarray, after: np.ndarray) -> str:
    same = np.equal.outer(np.array(run.majority, object), np.array(run.majority, object))
    gone, added = np.triu(before & ~after, 1), np.triu(after & ~before, 1)
    out = f"-{np.count_nonzero(gone & same)}/-{np.count_nonzero(gone & ~same)}"
    return out + (f" +{np.count_nonzero(added & same)}/+{np.count_nonzero(added & ~same)}" if added.any() else "")


if __name__ == "__main__":
    main()
