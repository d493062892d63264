"""A seeded generator of pairs of news articles with and without one injected conflict, built at run time from
real articles read from the shared data (never stored in the repository).

Each pair is an original article and a second version "by another outlet" with benign edits (dropped and reordered
sentences, synonyms outside quotations, house style, rounding, an added line); half of the pairs also get exactly one
conflict of a known kind (number, negation, attribution, date, cue, place, quote) in a sentence both versions keep.
Two edit styles exist: the tuning set uses style "a", the unseen set style "b", with different word lists and
different ways of making each kind of conflict, so that a detector tuned on one is checked on the other.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("number", "negation", "attribution", "date", "cue", "place", "quote")

# ---------------------------------------------------------------------------------------------------- Edit styles

SYNONYMS = {
    "a": {
        "big": "large",
        "began": "started",
        "help": "assist",
        "buy": "purchase",
        "shows": "indicates",
        "many": "numerous",
        "quickly": "rapidly",
        "car": "vehicle",
        "also": "additionally",
        "near": "close to",
        "attack": "assault",
        "officials": "authorities",
    },
    "b": {
        "police": "officers",
        "major": "significant",
        "after": "following",
        "before": "prior to",
        "home": "residence",
        "announced": "said",
        "large": "big",
        "started": "began",
        "told": "informed",
        "people": "persons",
        "killed": "left dead",
        "hit": "struck",
        "tried": "attempted",
    },
}
HOUSE_STYLE = {
    "a": [
        (r"\bU\.S\.", "US"),
        (r"\bpercent\b", "per cent"),
        (r"\bMr\. ", ""),
        (r"\bJan\.", "January"),
        (r"\b([2-9]) (people|men|women|children)\b", lambda m: f"{WORDS[int(m.group(1))]} {m.group(2)}"),
    ],
    "b": [
        (r"%", " percent"),
        (r"\bUnited States\b", "U.S."),
        (r"\bper cent\b", "percent"),
        (r"\bDr\. ", "Dr "),
        (r"\b(\d{1,3}),(\d{3})\b", r"\1\2"),
        (
            r"\b(January|February|March|April|May|June|July|August|September|October|November|December) (\d{1,2})\b",
            r"\2 \1",
        ),
        (
            r"\b(three|four|five|six|seven|eight|nine) (people|men|women|children|persons)\b",
            lambda m: f"{WORDS.index(m.group(1))} {m.group(2)}",
        ),
    ],
}
ADDED_LINES = {
    "a": [
        "The agency could not immediately confirm the report.",
        "More details were expected later in the day.",
        "This article has been updated with additional information.",
        "Reporters were kept away from the scene.",
    ],
    "b": [
        "Further information was not immediately available.",
        "Officials scheduled a news conference for later in the week.",
        "Our correspondent said the mood in the area was tense.",
        "The story is developing.",
    ],
}
NAMES = {
    "a": ["Maria Delgado", "Thomas Becker", "Aisha Rahman", "Jonathan Pike", "Leila Haddad", "Victor Osei"],
    "b": ["Hannah Lindqvist", "Rafael Moreno", "Grace Okafor", "Samuel Whitfield", "Yuki Tanabe", "Ivan Petrov"],
}
CUE_SWAPS = {
    "a": {
        "rose": "fell",
        "increased": "decreased",
        "agreed": "refused",
        "accepted": "rejected",
        "approved": "rejected",
        "supported": "opposed",
        "rejected": "accepted",
        "fell": "rose",
        "denied": "admitted",
        "refused": "agreed",
        "raised": "lowered",
        "opposed": "supported",
    },
    "b": {
        "climbed": "dropped",
        "confirmed": "denied",
        "admitted": "denied",
        "praised": "criticized",
        "welcomed": "condemned",
        "backed": "opposed",
        "allowed": "blocked",
        "succeeded": "failed",
        "acquitted": "convicted",
        "convicted": "acquitted",
        "won": "lost",
        "increase": "decrease",
        "rise": "fall",
        "supports": "opposes",
        "accepts": "rejects",
        "denies": "confirms",
        "gained": "lost",
        "agreed": "declined",
        "approved": "vetoed",
    },
}
PLACES = {
    "a": ["Leeds", "Marseille", "Tucson", "Osaka", "Porto", "Winnipeg", "Adelaide", "San Antonio"],
    "b": ["Dundee", "Bologna", "Fresno", "Nagoya", "Gdansk", "Halifax", "Port Elizabeth", "Kansas City"],
}
PLACE_LEADS = {"a": r"in|at", "b": r"in|near|outside|at|from"}
# Words an outlet may change inside a quotation, each to one that says something else.
QUOTE_SWAPS = {
    "a": {"will": "may", "never": "rarely", "all": "some", "always": "often", "good": "bad", "very": "quite"},
    "b": {
        "can": "cannot",
        "must": "should",
        "everyone": "nobody",
        "best": "worst",
        "happy": "sad",
        "more": "less",
        "right": "wrong",
        "going": "trying",
    },
}
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_AUX = r"\b(is|was|were|are|has|have|had|will|would|could|can|does|did)\b"


@dataclass(slots=True)
class Pair:
    id: str
    a_text: str
    b_text: str
    source: str  # ecbplus / duc / real
    kind: str | None = None  # the injected conflict, None for a benign pair
    a_sentence: str = ""  # the sentence of A the conflict changed, and what it became in B
    b_sentence: str = ""
    benign_edits: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------------- Reading


def detokenize(line: str) -> str:
    text = line.replace("``", "“").replace("''", "”")
    text = re.sub(r" ([.,;:!?%)\]}])", r"\1", text)
    text = re.sub(r"([(\[{$“]) ", r"\1", text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m|”)", r"\1", text)
    text = re.sub(r"(\w) - (\w)", r"\1-\2", text)
    return text.strip()


def ecbplus_articles(data: Path) -> list[dict]:
    articles = []
    with open(data / "docs.jsonl", encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            lines = doc["text"].split("\n")
            if doc["subtopic"] == "ecbplus":
                lines = lines[3:] if lines and lines[0].startswith("http") else lines
            sentences = [detokenize(item) for item in lines if len(item.split()) >= 4]
            articles.append(
                {
                    "id": doc["doc_id"],
                    "cluster": doc["cluster"],
                    "topic": doc["topic"],
                    "sentences": sentences,
                    "source": "ecbplus",
                }
            )
    return articles


def duc_articles(docs: Path) -> list[dict]:
    articles = []
    for cluster in sorted(docs.iterdir()):
        for path in sorted(cluster.iterdir()):
            lines = [line.strip() for line in path.read_text(encoding="utf-8", errors="replace").split("\n")]
            sentences = [line for line in lines if len(line.split()) >= 4]
            articles.append(
                {
                    "id": path.name,
                    "cluster": cluster.name,
                    "topic": cluster.name,
                    "sentences": sentences,
                    "source": "duc",
                }
            )
    return articles


def half_of(article_id: str) -> str:
    """Which set an article belongs to, fixed by its id: tuning ("a") or unseen ("b")."""
    return "a" if hashlib.sha256(article_id.encode()).digest()[0] % 2 == 0 else "b"


# ---------------------------------------------------------------------------------------------------- Editing


def _sub_first(pattern, replacement, text: str) -> str:
    return re.sub(pattern, replacement, text, count=1)


def benign_version(sentences: list[str], protect: int | None, style: str, rng: random.Random) -> tuple[list[str], list]:
    """Another outlet's edit of the same story: nothing it changes alters a claim."""
    out = list(sentences)
    edits = rng.sample(["drop", "reorder", "synonyms", "house_style", "added_line", "rounding"], rng.randint(2, 4))
    for edit in edits:
        if edit == "synonyms":
            for old, new in rng.sample(sorted(SYNONYMS[style].items()), 4):
                out = [_outside_quotes(rf"\b{old}\b", new, s) for s in out]
        elif edit == "house_style":
            for pattern, replacement in HOUSE_STYLE[style]:
                out = [re.sub(pattern, replacement, s) for s in out]
        elif edit == "rounding":
            out = [_round_one(s, style) for s in out]
        elif edit == "added_line":
            out.insert(rng.randint(1, len(out)), rng.choice(ADDED_LINES[style]))
    # Dropping and reordering last, by position, never touching the protected (conflict) sentence.
    if "drop" in edits and len(out) > 4:
        candidates = [i for i in range(1, len(out)) if i != protect]
        for i in sorted(rng.sample(candidates, min(2, len(candidates) - 2)), reverse=True):
            del out[i]
            if protect is not None and i < protect:
                protect -= 1
    if "reorder" in edits and len(out) > 3:
        i = rng.randint(1, len(out) - 2)
        out[i], out[i + 1] = out[i + 1], out[i]
        if protect == i:
            protect = i + 1
        elif protect == i + 1:
            protect = i
    return out, edits


def _outside_quotes(pattern: str, replacement: str, sentence: str) -> str:
    """A synonym swap leaves quotations alone: an outlet rewords its own sentences, not what someone said."""
    pieces = re.split(r"([“\"][^“”\"]*[”\"])", sentence)
    return "".join(piece if piece[:1] in '“"' else re.sub(pattern, replacement, piece) for piece in pieces)


def _round_one(sentence: str, style: str) -> str:
    match = re.search(r"\b(\d{3,})\b(?! ?(?:BC|AD))", sentence.replace(",", ""))
    if not match or 1900 <= int(match.group(1)) <= 2100 or "," in sentence:
        return sentence
    value = int(match.group(1))
    magnitude = 10 ** (len(str(value)) - 2)
    rounded = round(value / magnitude) * magnitude
    hedge = "about" if style == "a" else ("nearly" if rounded > value else "more than")
    if hedge == "more than" and rounded >= value:
        hedge = "about"
    return sentence[: match.start()] + f"{hedge} {rounded}" + sentence[match.end() :]


def inject(sentence: str, kind: str, style: str, rng: random.Random) -> str | None:
    """``sentence`` with one conflict of ``kind``, or None when it offers nothing to change."""
    if kind == "number":
        spots = [
            m
            for m in re.finditer(r"(?<![\d.,$])\b(\d{1,3}(?:,\d{3})*|\d+)(?:\.\d+)?\b(?![\d.,])", sentence)
            if not 1900 <= int(m.group(1).replace(",", "")) <= 2100
        ]
        spelled = list(re.finditer(r"\b(two|three|four|five|six|seven|eight|nine|ten)\b", sentence))
        if style == "b" and spelled:
            m = rng.choice(spelled)
            value = WORDS.index(m.group(1))
            new = WORDS[value + 2] if value + 2 <= 10 else WORDS[value - 2]
            return sentence[: m.start()] + new + sentence[m.end() :]
        if not spots:
            return None
        m = rng.choice(spots)
        value = float(m.group(0).replace(",", ""))
        new_value = value + max(2, round(value * 0.4)) if style == "a" else (value * 2 if value < 50 else value / 2)
        text = f"{new_value:,.0f}" if new_value == int(new_value) else f"{new_value:g}"
        return sentence[: m.start()] + text + sentence[m.end() :]
    if kind == "negation":
        existing = re.search(r"\b(not|never) ", sentence) or re.search(r"n't\b", sentence)
        if existing and style == "b":
            return sentence[: existing.start()] + sentence[existing.end() :]
        m = re.search(_AUX + r" (?!not\b|n't\b)([a-z]+)", sentence)
        if not m:
            return None
        if style == "a":
            return sentence[: m.end(1)] + " not" + sentence[m.end(1) :]
        short = {"will": "won't", "can": "can't"}.get(m.group(1), m.group(1) + "n't")
        return sentence[: m.start(1)] + short + sentence[m.end(1) :]
    if kind == "attribution":
        name = r"([A-Z][a-z]+(?: [A-Z]\.)?(?: [A-Z][a-z]+){1,2})"
        patterns = [name + r",? (?:said|says|told)\b", r"\b(?:said|says|told reporters) " + name]
        if style == "b":
            patterns.append(r"\baccording to " + name)
        for pattern in patterns:
            m = re.search(pattern, sentence)
            if m and not re.search(r"\b(The|A|An|In|On|But|And)\b", m.group(1)):
                new = rng.choice([n for n in NAMES[style] if n != m.group(1)])
                return sentence[: m.start(1)] + new + sentence[m.end(1) :]
        return None
    if kind == "date":
        return _changed_date(sentence, style, rng)
    if kind == "cue":
        swaps = CUE_SWAPS[style]
        found = [m for m in re.finditer(r"\b(" + "|".join(swaps) + r")\b", sentence)]
        if not found:
            return None
        m = rng.choice(found)
        return sentence[: m.start()] + swaps[m.group(1)] + sentence[m.end() :]
    if kind == "place":
        found = [
            m
            for m in re.finditer(
                rf"\b(?:{PLACE_LEADS[style]}) (?:the )?([A-Z][a-z]+(?: [A-Z][a-z]+)?)(?=[,.;:)]|\s+[a-z]|$)", sentence
            )
            if m.group(1).split()[0] not in WEEKDAYS + MONTH_NAMES and m.start() > 0
        ]
        if not found:
            return None
        m = rng.choice(found)
        new = rng.choice([name for name in PLACES[style] if name != m.group(1)])
        return sentence[: m.start(1)] + new + sentence[m.end(1) :]
    if kind == "quote":
        return _changed_quote(sentence, style, rng)
    raise ValueError(kind)


def _changed_date(sentence: str, style: str, rng: random.Random) -> str | None:
    """Another weekday, day of the month, month, year or clock time; which one depends on what the sentence has."""
    options = []
    for m in re.finditer(r"\b(" + "|".join(WEEKDAYS) + r")\b", sentence):
        step = rng.choice([1, 2, 3]) if style == "a" else rng.choice([-1, -2, 4])
        options.append((m.start(), m.end(), WEEKDAYS[(WEEKDAYS.index(m.group(1)) + step) % 7]))
    for m in re.finditer(r"\b(?:" + "|".join(MONTH_NAMES) + r")\.? (\d{1,2})\b", sentence):
        day = int(m.group(1))
        options.append((m.start(1), m.end(1), str(day + 3 if day <= 25 else day - 5)))
    if style == "b":
        for m in re.finditer(r"\b(?:in|since|until) (19[5-9]\d|20[0-2]\d)\b", sentence):
            options.append((m.start(1), m.end(1), str(int(m.group(1)) - 2)))
        for m in re.finditer(r"\bin (" + "|".join(MONTH_NAMES) + r")\b(?! \d)", sentence):
            options.append((m.start(1), m.end(1), MONTH_NAMES[(MONTH_NAMES.index(m.group(1)) + 2) % 12]))
    for m in re.finditer(r"\b(\d{1,2})(:\d{2})? ?([ap]\.m\.)", sentence):
        hour = int(m.group(1))
        if 1 <= hour <= 12:
            new_hour = (hour + (2 if style == "a" else 3) - 1) % 12 + 1
            options.append((m.start(1), m.end(1), str(new_hour)))
    if not options:
        return None
    start, end, new = rng.choice(options)
    return sentence[:start] + new + sentence[end:]


def _changed_quote(sentence: str, style: str, rng: random.Random) -> str | None:
    """A quotation given another word, or another speaker."""
    quoted = re.search(r"[“\"]([^“”\"]{25,})[”\"]", sentence)
    if not quoted:
        return None
    name = r"([A-Z][a-z]+(?: [A-Z]\.)?(?: [A-Z][a-z]+){1,2})"
    speaker = re.search(name + r",? (?:said|says|told)\b|\b(?:said|says) " + name, sentence[quoted.end() :])
    swaps = QUOTE_SWAPS[style]
    words = [m for m in re.finditer(r"\b(" + "|".join(swaps) + r")\b", quoted.group(1))]
    if speaker and (not words or rng.random() < 0.5):
        group = 1 if speaker.group(1) else 2
        old = speaker.group(group)
        if re.search(r"\b(The|A|An|In|On|But|And)\b", old):
            return None
        start = quoted.end() + speaker.start(group)
        new = rng.choice([n for n in NAMES[style] if n != old])
        return sentence[:start] + new + sentence[start + len(old) :]
    if not words:
        return None
    m = rng.choice(words)
    start = quoted.start(1) + m.start()
    return sentence[:start] + swaps[m.group(1)] + sentence[start + len(m.group(1)) :]


# ---------------------------------------------------------------------------------------------------- Sets


def build_set(
    articles: list[dict], style: str, *, seed: int, per_kind: int, benign: int, real_pairs: int
) -> list[Pair]:
    """Injected-conflict pairs (``per_kind`` of each kind), benign pairs, and pairs of different real articles
    of one ECB+ event, all from ``articles`` of one half."""
    rng = random.Random(seed)
    pool = [a for a in articles if half_of(a["id"]) == style and len(a["sentences"]) >= 5]
    rng.shuffle(pool)
    pairs: list[Pair] = []
    cursor = 0

    def next_article() -> dict:
        nonlocal cursor
        article = pool[cursor % len(pool)]
        cursor += 1
        return article

    for kind in KINDS:
        made = tries = 0
        while made < per_kind and tries < len(pool) * 2:
            tries += 1
            article = next_article()
            sentences = article["sentences"]
            order = list(range(len(sentences)))
            rng.shuffle(order)
            for index in order:
                changed = inject(sentences[index], kind, style, rng)
                if changed is None or changed == sentences[index]:
                    continue
                edited, edits = benign_version(sentences, index, style, rng)
                position = _find(edited, sentences[index], index)
                if position is None:
                    break
                edited[position] = inject_again(edited[position], sentences[index], changed)
                pairs.append(
                    Pair(
                        f"{article['id']}/{kind}",
                        "\n".join(sentences),
                        "\n".join(edited),
                        article["source"],
                        kind,
                        sentences[index],
                        edited[position],
                        edits,
                    )
                )
                made += 1
                break
    for _ in range(benign):
        article = next_article()
        edited, edits = benign_version(article["sentences"], None, style, rng)
        pairs.append(
            Pair(
                f"{article['id']}/benign",
                "\n".join(article["sentences"]),
                "\n".join(edited),
                article["source"],
                benign_edits=edits,
            )
        )
    by_cluster: dict[str, list[dict]] = {}
    for article in pool:
        if article["source"] == "ecbplus":
            by_cluster.setdefault(article["cluster"], []).append(article)
    candidates = [(x, y) for members in by_cluster.values() for i, x in enumerate(members) for y in members[i + 1 :]]
    for x, y in rng.sample(candidates, min(real_pairs, len(candidates))):
        pairs.append(Pair(f"{x['id']}+{y['id']}", "\n".join(x["sentences"]), "\n".join(y["sentences"]), "real"))
    return pairs


def _find(sentences: list[str], original: str, hint: int) -> int | None:
    """Where the protected sentence went after benign edits (synonyms and house style may have touched it)."""
    for position in range(len(sentences)):
        if sentences[position] == original:
            return position
    return hint if hint < len(sentences) else None


def inject_again(edited_sentence: str, original: str, changed: str) -> str:
    """Carry the injected change into the benign-edited sentence (the change is a single word-level swap)."""
    if edited_sentence == original:
        return changed
    import difflib

    a, b = original.split(" "), changed.split(" ")
    target = edited_sentence.split(" ")
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            old, new = " ".join(a[i1:i2]), " ".join(b[j1:j2])
            if old and old in edited_sentence:
                return edited_sentence.replace(old, new, 1)
            if not old and i1 > 0 and a[i1 - 1] in target:
                k = target.index(a[i1 - 1])
                return " ".join(target[: k + 1] + b[j1:j2] + target[k + 1 :])
    return changed
