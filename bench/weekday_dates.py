"""The dates a summary shows beside relative time words ("on Thursday [5 March 2026]"), this code beside another
revision's, on real articles: every sentence of DUC 2004 dev and ECB+ dev with a publication date, read through the
product's reader (``ingest.read_paths``) and sentence splitter, dated by ``text.time_words.date_time_words`` from
its article's date. Printed: how many time words each side dates, and every sentence the two sides date
differently, with both datings and the article's weekday, to be read by hand (no gold dates exist for these
sets).

    PYTHONPATH=src python bench/weekday_dates.py --before main [--data ../shared/data] [--show 20]
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from revisions import data_sides  # noqa: E402


def side(data: Path) -> dict:
    """Each sentence's dated time words, by article id and sentence index (this side's code)."""
    from storyline.ingest import read_paths
    from storyline.model import Article
    from storyline.text import split_sentences
    from storyline.text.time_words import date_time_words

    paths = [data / "duc2004-dev" / "docs", data / "ecbplus-dev" / "docs.jsonl"]
    dated, words = {}, 0
    for article in read_paths(paths):
        if not isinstance(article, Article) or not article.published:
            continue
        try:
            when = date.fromisoformat(article.published[:10])
        except ValueError:
            continue
        for index, (start, end) in enumerate(split_sentences(article.text)):
            text = article.text[start:end]
            found = [[text[a:b], first, last] for a, b, first, last in date_time_words(text, when)]
            words += len(found)
            if found:
                dated[f"{article.id}#{index}"] = {"when": when.isoformat(), "text": text, "dates": found}
    return {"words": words, "dated": dated}


def main() -> None:
    args, before, now = data_sides(__doc__, side, show=20)
    print(f"time words dated: {args.before} {before['words']}, this code {now['words']}")
    keys = sorted(set(before["dated"]) | set(now["dated"]))
    differ = [k for k in keys if before["dated"].get(k, {}).get("dates") != now["dated"].get(k, {}).get("dates")]
    print(f"sentences dated differently: {len(differ)}")
    for key in differ[: args.show]:
        item = now["dated"].get(key) or before["dated"][key]
        weekday = date.fromisoformat(item["when"]).strftime("%a %Y-%m-%d")
        print(f"\n{key} (published {weekday}): {' '.join(item['text'].split())[:280]}")
        for name, found in ((args.before, before), ("this code", now)):
            shown = [(word, first if not last else f"{first}..{last}") for word, first, last in _dates(found, key)]
            print(f"  {name}: {shown}")


def _dates(found: dict, key: str) -> list:
    return found["dated"].get(key, {}).get("dates", [])


if __name__ == "__main__":
    main()
