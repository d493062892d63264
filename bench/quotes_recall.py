"""Which attributions are missed and which found ones are not attributions: gold misses and false positives counted by
the kind of cue, on a split or on its even- or odd-numbered articles (rules found on one half, checked on the other).

usage: python bench/quotes_recall.py [--split train] [--half all|even|odd] [--predicted FILE] [--save FILE]
                                     [--list KIND] [--cues N]

Quotes come from the product's path (``storyline.api.read`` then ``storyline.api.quotes``) over the whole split (or
a saved ``{"quotes": [...]}`` file), then only the half's articles are scored: the scorer's own line
(``../shared/tools/quotes_eval.py`` run on those articles), the right-person figure of ``bench/quotes_misses.py``,
and pairs matched as the scorer matches them. Each gold attribution left unmatched gets a kind:

  near      a prediction overlaps its content, but its words differ too much (Dice under 0.5) or the prediction
            matched another attribution: a boundary or a nested attribution;
  else the kind of its cue, read from the gold cue's words:
  colon     no cue word, or only a colon ("Clinton: ...");
  according "according to";
  phrase    a cue that opens with a preposition ("in a statement", "in an interview", "for Smith");
  speech / belief / stance   a cue verb of that kind, as the product reads cues ("said", "believes", "found");
  other     any other word: a verb or noun we have no cue for ("seemed", "found", "plans", "statement").

Each prediction left unmatched is "near" (it overlaps a gold content: a boundary or nesting error) or "none" (no
gold attribution there), counted by our cue.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quotes_misses import SHARED, cause, load_scorer, named_pairs, split_and_quotes

from storyline.quotes.screen import QUOTE_CUE_FORMS as CUE_FORMS
from storyline.text.cues import BELIEF_VERBS, SPEECH_VERBS, STANCE_VERBS

PREPOSITIONS = frozenset("in on at for from with by during through via of to about".split())
# Words of a cue that do not say its kind: auxiliaries, adverbs, determiners ("has also called for", "the claim").
FILLERS = frozenset(
    "has have had is are was were be been being would will could may might should can do does did not never also "
    "just still s ’s the a an it his her their its this that as".split()
)
KINDS = ("near", "colon", "according", "phrase", "speech", "belief", "stance", "other")


def cue_kind(cue: str) -> str:
    """The kind of a gold cue, from its words ("has said" -> speech, "according to" -> according)."""
    words = [w.strip(".,:;!?\"'“”") for w in cue.lower().split()]
    words = [w for w in words if w]
    if not words:
        return "colon"
    if words[:2] == ["according", "to"]:
        return "according"
    if words[0] in PREPOSITIONS:
        return "phrase"
    for word in words:
        lemma = CUE_FORMS.get(word)
        if lemma in SPEECH_VERBS:
            return "speech"
        if lemma in BELIEF_VERBS:
            return "belief"
        if lemma in STANCE_VERBS:
            return "stance"
    return "other"


def cue_word(cue: str) -> str:
    """The word of a cue that says what kind it is: its first cue verb, else its first word that is no preposition
    nor filler ("criticism of" -> "criticism", "has been critical of" -> "critical"), else its last word."""
    words = [w.strip(".,:;!?\"'“”") for w in cue.lower().split()]
    words = [w for w in words if w] or [":"]
    fallback = next((w for w in words if w not in PREPOSITIONS | FILLERS), words[-1])
    return next((w for w in words if w in CUE_FORMS), fallback)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def classify(rows: list[dict], quotes: list[dict], scorer) -> tuple[list[dict], list[dict]]:
    """The gold attributions left unmatched and the predictions left unmatched, each with its kind."""
    by_article = defaultdict(list)
    for quote in quotes:
        by_article[str(quote.get("article_id"))].append(quote)
    missed, wrong = [], []
    for row in rows:
        golds = row["attributions"]
        preds = by_article.get(row["id"], [])
        gold_words = [
            {"words": scorer.words(" ".join(row["text"][s:e] for s, e in a["fragments"]["content"]))} for a in golds
        ]
        pairs = scorer.match(gold_words, [{"words": scorer.words(q.get("text"))} for q in preds])
        matched_gold, matched_pred = {i for i, _ in pairs}, {j for _, j in pairs}
        pred_spans = [(q["start"], q["end"]) if q["start"] is not None else (0, 0) for q in preds]  # title: none
        gold_spans = [span for a in golds for span in a["fragments"]["content"]]
        for i, gold in enumerate(golds):
            if i in matched_gold:
                continue
            cue = gold["cue"][2] if gold.get("cue") else ""
            near = [j for j, (a, b) in enumerate(pred_spans) if _overlaps(gold["fragments"]["content"], a, b)]
            missed.append(
                {
                    "kind": "near" if near else cue_kind(cue),
                    "nested": any(j in matched_pred for j in near),
                    "ours": [preds[j] for j in near],
                    "cue": cue_word(cue),
                    "direct": bool(gold.get("is_direct_quote")),
                    "text": row["text"],
                    "gold": gold,
                }
            )
        for j, quote in enumerate(preds):
            if j in matched_pred:
                continue
            near = quote["start"] is not None and _overlaps(gold_spans, quote["start"], quote["end"])
            wrong.append({"kind": "near" if near else "none", "cue": (quote.get("cue") or "").lower(), "quote": quote})
    return missed, wrong


def scorer_line(rows: list[dict], quotes: list[dict]) -> str:
    ids = {row["id"] for row in rows}
    with tempfile.TemporaryDirectory() as folder:
        gold, predicted = Path(folder) / "gold.jsonl", Path(folder) / "predicted.json"
        gold.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
        kept = [q for q in quotes if str(q.get("article_id")) in ids]
        predicted.write_text(json.dumps({"quotes": kept}), encoding="utf-8")
        command = [sys.executable, str(SHARED / "tools" / "quotes_eval.py"), str(gold), str(predicted)]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


def right_person(rows: list[dict], quotes: list[dict], scorer) -> str:
    """The right-person figure of ``bench/quotes_misses.py``: the scorer's right pairs and its "format" misses."""
    pairs = named_pairs(rows, quotes, scorer)
    right = sum(
        1
        for pair in pairs
        if pair["ok"] or (cause(pair, scorer.PRONOUNS).startswith("format") and "no name" not in cause(pair, set()))
    )
    return f"right person {right / len(pairs):.3f} ({right} of {len(pairs)})" if pairs else "right person -"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="train")
    parser.add_argument("--half", choices=("all", "even", "odd"), default="all")
    parser.add_argument("--predicted", type=Path, help='a {"quotes": [...]} file instead of running the product')
    parser.add_argument("--save", type=Path, help='write the quotes of the whole split as {"quotes": [...]}')
    parser.add_argument("--list", metavar="KIND", help='print the misses of a kind ("other", "fp:none", "fp:near")')
    parser.add_argument("--cue", help="with --list: only those whose cue word is this")
    parser.add_argument("--cues", type=int, default=25, help="how many cue words to print per table")
    args = parser.parse_args()
    rows, quotes = split_and_quotes("bench/quotes_recall.py", args.split, args.predicted, args.save)
    if args.half != "all":
        rows = [row for n, row in enumerate(rows) if n % 2 == (0 if args.half == "even" else 1)]
    scorer = load_scorer()
    print(f"{args.split} ({args.half}, {len(rows)} articles): {scorer_line(rows, quotes)}")
    print(f"  {right_person(rows, quotes, scorer)}")
    missed, wrong = classify(rows, quotes, scorer)
    gold_total = sum(len(row["attributions"]) for row in rows)
    kinds = Counter(m["kind"] for m in missed)
    print(f"gold attributions missed: {len(missed)} of {gold_total}")
    for kind in KINDS:
        direct = sum(1 for m in missed if m["kind"] == kind and m["direct"])
        print(f"  {kinds[kind]:5d}  {kind} ({direct} direct)")
        if kind == "near":
            nested = sum(1 for m in missed if m["kind"] == kind and m["nested"])
            print(f"         of which {nested} overlap a prediction matched to another attribution (nesting)")
    all_cues = Counter(cue_word(a["cue"][2] if a.get("cue") else "") for row in rows for a in row["attributions"])
    print(f"missed by cue word (missed / gold with that cue), the first {args.cues}:")
    for word, count in Counter(m["cue"] for m in missed if m["kind"] != "near").most_common(args.cues):
        print(f"  {count:5d} / {all_cues[word]:5d}  {word}  [{cue_kind(word)}]")
    ids = {row["id"] for row in rows}
    print(f"predictions not matched: {len(wrong)} of {sum(1 for q in quotes if str(q.get('article_id')) in ids)}")
    for kind in ("near", "none"):
        of_kind = Counter(w["cue"] for w in wrong if w["kind"] == kind)
        top = ", ".join(f"{cue} {n}" for cue, n in of_kind.most_common(12))
        print(f"  {sum(of_kind.values()):5d}  {kind}: {top}")
    if args.list:
        if args.list.startswith("fp:"):
            for item in wrong:
                if item["kind"] == args.list[3:] and (not args.cue or item["cue"] == args.cue):
                    quote = item["quote"]
                    print(f"[{quote['cue']}] {quote['speaker']!r}: {quote['text'][:150]!r}")
        for item in missed:
            if item["kind"] == args.list and (not args.cue or item["cue"] == args.cue):
                gold, text = item["gold"], item["text"]
                s, e = gold["fragments"]["content"][0]
                cue = gold["cue"][2] if gold.get("cue") else ""
                source = gold["source"][2] if gold.get("source") else ""
                around = text[max(0, min(s, gold["cue"][0] if gold.get("cue") else s) - 60) : e + 10]
                print(f"[{cue}] {source!r}: {' '.join(around.split())[:260]!r}")
                for quote in item.get("ours", [])[:2]:
                    print(f"    ours [{quote['cue']}] {quote['speaker']!r}: {quote['text'][:200]!r}")


if __name__ == "__main__":
    main()
