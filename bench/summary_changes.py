"""Which summaries and developments a change moves: every DUC 2004 dev folder and every ECB+ dev topic summarized
with this code and with another revision's, through the product's own path (``storyline.api.read`` and
``storyline.api.summarize``, as ``storyline summarize DIR`` does), and its dated developments worked out
(``storyline.timelines.developments``, as the digest's "Developments" section shows them), each side in a process
of its own. Printed: how many summaries and how many developments lists differ, and each differing one on both
sides, to be read by hand. ROUGE is ``bench/duc2004.py``'s; this shows what changed where, on both sets.

    PYTHONPATH=src python bench/summary_changes.py --before main [--data ../shared/data] [--show 20]
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from revisions import data_sides  # noqa: E402


def side(data: Path) -> dict:
    """Each cluster's summary sentences (this side's code), or the error it gave, and its developments ("date:
    text"), by cluster name."""
    from storyline import api
    from storyline.timelines import developments

    clusters = {}
    for folder in sorted((data / "duc2004-dev" / "docs").iterdir()):
        clusters[folder.name] = api.read([folder]).articles
    topics = defaultdict(list)
    for article in api.read([data / "ecbplus-dev" / "docs.jsonl"]).articles:
        topics["ecb+ topic " + article.id.split("_")[0]].append(article)
    clusters.update(sorted(topics.items()))
    summaries, days = {}, {}
    for name, articles in clusters.items():
        try:
            summaries[name] = [sentence.text for sentence in api.summarize(articles).sentences]
        except ValueError as error:
            summaries[name] = f"error: {error}"
        days[name] = [f"{item.date}: {item.text}" for item in developments(articles)]
    return {"summaries": summaries, "developments": days}


def main() -> None:
    args, before_sides, now_sides = data_sides(__doc__, side, show=20)
    for part in ("summaries", "developments"):
        before, now = before_sides.get(part, {}), now_sides[part]
        differ = [name for name in now if before.get(name) != now[name]]
        print(f"\n{part}: {len(now)} (DUC 2004 dev folders and ECB+ dev topics); differing: {len(differ)}")
        for name in differ[: args.show]:
            print(f"\n{name}")
            for label, found in ((args.before, before), ("this code", now)):
                print(f"  {label}:")
                lines = found.get(name)
                for line in lines if isinstance(lines, list) else [lines]:
                    print(f"    - {line}")


if __name__ == "__main__":
    main()
