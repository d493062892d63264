"""A generated news stream for scale tests: a few big events among many small ones over two months, several
outlets, and one article in ten republished word for word by another outlet one to four days later."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

_SYLLABLES = "ka lo mer dun vek sar ti bro nal ge fos qui ram bel tor an sil ep vo hu".split()
_COMMON = (
    "the said on in a of to and was were officials residents reported after before during near its their "
    "at by with for new local city council police people families morning evening week statement"
).split()
_OUTLETS = ("daily-post.example", "city-herald.example", "wire.example", "evening-news.example", "coast-times.example")


def _word(rng: random.Random, syllables: int = 3) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables))


def stream_records(total: int, *, seed: int = 7) -> list[dict]:
    """``total`` article records (JSON-ready), in publication order, republications included."""
    rng = random.Random(seed)
    sizes = [300, 220, 150] + [rng.choice([1, 1, 2, 3, 5, 8, 13]) for _ in range(total)]
    records: list[dict] = []
    start = date(2026, 3, 1)
    originals = total - total // 11
    for n, size in enumerate(sizes):
        if len(records) >= originals:
            break
        place, person = _word(rng).title(), _word(rng, 2).title() + " " + _word(rng).title()
        topic = [_word(rng) for _ in range(25)]
        first = rng.randrange(60)
        for k in range(min(size, originals - len(records))):
            words = rng.sample(topic, 10)
            sentences = [
                " ".join([person if j % 2 else place, *rng.sample(_COMMON, 4), *words[j : j + 4]]) + "."
                for j in range(0, 9, 2)
            ]
            records.append(
                {
                    "id": f"e{n}-a{k}",
                    "title": f"{place} {words[0]} {words[1]} as {person} speaks",
                    "outlet": _OUTLETS[(n + k) % len(_OUTLETS)],
                    "published": (start + timedelta(days=first + rng.randrange(6))).isoformat(),
                    "text": " ".join(sentences) + f" Report {n}-{k} from {place}.",
                }
            )
    for i, record in enumerate(records[::10]):
        again = date.fromisoformat(record["published"]) + timedelta(days=1 + i % 4)
        outlet = _OUTLETS[(_OUTLETS.index(record["outlet"]) + 1) % len(_OUTLETS)]
        records.append(dict(record, id=record["id"] + "-again", outlet=outlet, published=again.isoformat()))
    records.sort(key=lambda r: (r["published"], r["id"]))
    return records[:total]


def write_stream(folder: Path, total: int, *, shard: int = 250, seed: int = 7) -> Path:
    """The stream as JSON Lines shards of ``shard`` articles under ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    records = stream_records(total, seed=seed)
    for begin in range(0, len(records), shard):
        lines = "".join(json.dumps(r) + "\n" for r in records[begin : begin + shard])
        (folder / f"shard-{begin // shard:04d}.jsonl").write_text(lines, encoding="utf-8")
    return folder
