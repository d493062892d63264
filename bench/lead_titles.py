"""The short titles cut from articles' leads, this code beside another revision's, on real articles without
headlines: every article of DUC 2004 dev and ECB+ dev, read through the product's reader (``ingest.read_paths``),
its lead picked as the product picks it (``titles.lead_sentence`` over its first four sentences) and cut by
``titles.short_title`` (with the parser, as the digest's event titles are). Printed: how many titles differ and
each pair, to be read by hand (no gold titles exist for these sets).

    PYTHONPATH=src python bench/lead_titles.py --before main [--data ../shared/data] [--show 60]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from revisions import data_sides  # noqa: E402


def side(data: Path) -> dict:
    """Each article's lead and its title (this side's code), by article id."""
    from storyline.ingest import read_paths
    from storyline.model import Article
    from storyline.text import split_sentences
    from storyline.titles import lead_sentence, short_title

    titles = {}
    for article in read_paths([data / "duc2004-dev" / "docs", data / "ecbplus-dev" / "docs.jsonl"]):
        if not isinstance(article, Article) or not article.text:
            continue
        lead = lead_sentence([article.text[a:b] for a, b in split_sentences(article.text)[:4]])
        if lead:
            titles[article.id] = {"lead": lead, "title": short_title(lead)}
    return titles


def main() -> None:
    args, before, now = data_sides(__doc__, side, show=60)
    keys = sorted(set(before) | set(now))
    differ = [k for k in keys if before.get(k, {}).get("title") != now.get(k, {}).get("title")]
    over = {
        name: sum(len(item["title"]) > 100 for item in found.values())
        for name, found in ((args.before, before), ("this code", now))
    }
    print(f"leads: {len(keys)}; titles that differ: {len(differ)}")
    print("titles over 100 characters: " + ", ".join(f"{name} {count}" for name, count in over.items()))
    for key in differ[: args.show]:
        print(f"\n{key}: {(now.get(key) or before[key])['lead'][:240]}")
        for name, found in ((args.before, before), ("this code", now)):
            print(f"  {name}: {found.get(key, {}).get('title')}")


if __name__ == "__main__":
    main()
