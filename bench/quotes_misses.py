"""Why speakers are missed: every matched quote whose gold source names someone but whose ``speaker_name`` lacks the
word the scorer wants, sorted into causes.

usage: python bench/quotes_misses.py [--split train] [--list CAUSE-PREFIX] [--predicted FILE] [--save FILE]

Quotes come from the product's path (``storyline.api.read`` then ``storyline.api.quotes``); pairs are matched and
checked exactly as ``../shared/tools/quotes_eval.py`` does (its functions are imported), so the misses counted here
are the ones behind its speaker figure. Each miss gets one cause, by these rules in order:

  format: the scorer wants a word our name should not hold (the speaker is named right):
    possessive      the wanted word is a possessive whose bare form is in our name ("Pagliano's lawyer");
    party-state tag the gold span opens with the name we give, the wanted word is in a tag ("(D-Mo.)", ", R-Ky.,");
    appositive      the gold span's head is the name we give, the wanted word comes after it in an appositive,
                    an of-phrase or a relative clause ("Donna Brazile, the chairwoman of the DNC"); the head is
                    found past an opening possessor ("Florida's Rick Wilson, a consultant") and is the name set off
                    after a role in lower case ("Trump's Indiana chairman, Rex Early, a former ...");
    no name         the gold span names no one: its capitalised words are sentence openers, numbers, party or
                    nationality words ("About four in 10", "The Republican nominee").
  real: the speaker is wrong or unnamed:
    no speaker      we give the quote no speaker;
    other span      our speaker phrase is not the gold source phrase (a parse error, or a nested attribution whose
                    content matched); "pronoun" when ours is a pronoun;
    pronoun wrong   same phrase, a pronoun, resolved to someone else;
    unresolved      same phrase, no name found for it;
    wrong name      same phrase, another name.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
# Capitalised words that name no one: sentence openers, quantities, months and days, party and nationality words.
NOT_NAMES = set(
    """
    the a an according nearly only other others several some many most more one two three four five six seven eight
    nine ten both each every all any this that these those no former current top senior new about almost just
    virtually roughly even while when if as but and also still among
    monday tuesday wednesday thursday friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec
    january february march april may june july august september october november december
    republican republicans democratic democrat democrats gop american americans conservative conservatives liberal
    liberals
    """.split()
)
# Where the head of a gold source span ends: an appositive, a tag, an of-phrase, a relative clause, a possessive.
HEAD_ENDS = re.compile(
    r"\s*\(|,|\s--\s|\s(?:of|at|for|from|with|who|whom|which|in|on|and|to|by|that|under|about|over)\s|['’]s\b"
)


def split_and_quotes(script: str, split: str, predicted: Path | None, save: Path | None) -> tuple[list, list]:
    """The PolNeAR split's records and the quotes of its articles: read from ``predicted`` (a ``{"quotes": [...]}``
    file), else found by the product's reader and ``storyline.api.quotes``; written to ``save`` when given."""
    gold = SHARED / "data" / "polnear-dev" / f"{split}.jsonl"
    if not gold.exists():
        sys.exit(f"{script}: {gold} not found (the shared evaluation data lives beside the repository)")
    rows = [json.loads(line) for line in gold.open(encoding="utf-8") if line.strip()]
    if predicted:
        quotes = json.loads(predicted.read_text(encoding="utf-8"))["quotes"]
    else:
        from storyline import api

        quotes = [q.to_dict() for q in api.quotes(api.read([gold]).articles)]
    if save:
        save.write_text(json.dumps({"quotes": quotes}), encoding="utf-8")
    return rows, quotes


def load_scorer():
    spec = importlib.util.spec_from_file_location("quotes_eval", SHARED / "tools" / "quotes_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def named_pairs(rows: list[dict], quotes: list[dict], scorer) -> list[dict]:
    """Every matched pair whose gold source names someone, as the scorer pairs and checks them."""
    by_article = defaultdict(list)
    for quote in quotes:
        by_article[str(quote.get("article_id"))].append(quote)
    pairs = []
    for row in rows:
        golds = [a for a in row["attributions"]]
        gold_words = [
            {"words": scorer.words(" ".join(row["text"][s:e] for s, e in a["fragments"]["content"]))} for a in golds
        ]
        preds = by_article.get(row["id"], [])
        pred_words = [{"words": scorer.words(q.get("text"))} for q in preds]
        for i, j in scorer.match(gold_words, pred_words):
            source = golds[i].get("source")
            if not source:
                continue
            caps = [w for w in re.findall(r"[A-Z][A-Za-z'\-]+", source[2]) if w.lower() not in scorer.PRONOUNS]
            if not caps:
                continue
            quote = preds[j]
            name = quote.get("speaker_name") or quote.get("speaker") or ""
            pairs.append(
                {
                    "article": row["id"],
                    "text": row["text"],
                    "gold": source[2],
                    "gold_start": source[0],
                    "want": caps[-1],
                    "ok": caps[-1].lower() in name.lower(),
                    "speaker": quote.get("speaker"),
                    "name": quote.get("speaker_name"),
                }
            )
    return pairs


def _same_phrase(text: str, speaker: str | None, start: int, end: int) -> bool:
    """Whether our speaker phrase overlaps the gold source span (its occurrence near it)."""
    if not speaker:
        return False
    at = text.find(speaker, max(0, start - len(speaker) - 5))
    while 0 <= at <= end:
        if at < end and start < at + len(speaker):
            return True
        at = text.find(speaker, at + 1)
    return False


# A possessor opening a source span ("Florida's Rick Wilson", "Trump's Indiana chairman, Rex Early"): not its head.
POSSESSOR = re.compile(r"^(?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w.\-]*['’]s\s+(?=\S)")
QUOTATION_MARKS = ('"', "“", "”", "''")
# The name set off after a role in lower case: "Another pollster, David Woodard of ...".
APPOSED_NAME = re.compile(r",\s+((?:[A-Z][\w.'’\-]*\s?)+)")


def head_of(gold: str) -> str:
    """The words of a gold source span that name whom it means: its head, past an opening possessor, or the name
    set off after a role in lower case."""
    own = HEAD_ENDS.split(gold, 1)[0]
    rest = POSSESSOR.sub("", gold)
    if rest != gold and any(mark in rest for mark in QUOTATION_MARKS):
        return own  # a title in quotation marks after the possessor ("X's book “...”")
    head = HEAD_ENDS.split(rest, 1)[0]
    words = head.split()
    if words and words[-1].islower():
        apposed = APPOSED_NAME.match(rest, len(head))
        listed = apposed and re.match(r"[^,]*\band [A-Z]", rest[apposed.end() :])
        return apposed.group(1) if apposed and not listed else own  # "X's campaign" speaks for X
    return head


def cause(pair: dict, pronouns: set[str]) -> str:
    name = (pair["name"] or pair["speaker"] or "").lower()
    gold, want = pair["gold"], pair["want"]
    head = head_of(gold)
    head_names = [w for w in re.findall(r"[A-Z][A-Za-z'\-]+", head) if w.lower().removesuffix("'s") not in NOT_NAMES]
    names = [w for w in re.findall(r"[A-Z][A-Za-z'\-]+", gold) if w.lower() not in NOT_NAMES | pronouns]
    if want.endswith("'s") and want[:-2].lower() in name:
        return "format: possessive"
    if head_names and head_names[-1].lower() in name and head_names[-1] != want:
        tagged = re.search(r"(?:\(|, )[^)]*" + re.escape(want) + r"[.)]", gold)
        return "format: party-state tag" if tagged else "format: appositive"
    if not names:
        return "format: no name"
    if pair["speaker"] is None:
        return "real: no speaker"
    pronoun = pair["speaker"].lower() in pronouns
    if not _same_phrase(pair["text"], pair["speaker"], pair["gold_start"], pair["gold_start"] + len(gold)):
        return "real: other span, pronoun" if pronoun else "real: other span"
    if pronoun:
        return "real: pronoun wrong"
    return "real: unresolved" if pair["name"] is None else "real: wrong name"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="train")
    parser.add_argument("--list", metavar="CAUSE", help="print the misses whose cause starts with this")
    parser.add_argument("--predicted", type=Path, help='a {"quotes": [...]} file instead of running the product')
    parser.add_argument("--save", type=Path, help='write the quotes scored here as {"quotes": [...]}')
    args = parser.parse_args()
    rows, quotes = split_and_quotes("bench/quotes_misses.py", args.split, args.predicted, args.save)
    scorer = load_scorer()
    pairs = named_pairs(rows, quotes, scorer)
    misses = [pair for pair in pairs if not pair["ok"]]
    counts = Counter(cause(pair, scorer.PRONOUNS) for pair in misses)
    right = len(pairs) - len(misses)
    named_right = sum(n for c, n in counts.items() if c.startswith("format") and c != "format: no name")
    print(f"{args.split}: speaker {right / len(pairs):.3f} of {len(pairs)} named; {len(misses)} misses")
    for name, count in sorted(counts.items()):
        print(f"  {count:5d}  {name}")
    print(
        f"  counting the speakers named right as right: {(right + named_right) / len(pairs):.3f}; and the gold "
        f"spans that name no one too: {(right + named_right + counts['format: no name']) / len(pairs):.3f}"
    )
    if args.list:
        for pair in misses:
            if cause(pair, scorer.PRONOUNS).startswith(args.list):
                print(f"{pair['gold'][:70]!r} | {pair['speaker']!r} -> {pair['name']!r}")


if __name__ == "__main__":
    main()
