"""Version diffs of a copy group, read for meaning: which changed sentences change what the story claims, and which
sentence one version dropped conflicts with one the other added (the wire story that "did not outright reject" a
proposal in one edit and "slammed" it in another)."""

from __future__ import annotations

from storyline.compare.align import aligned_pairs, sentence_units
from storyline.compare.detect import compare_pair
from storyline.model import Article


def mark_meaning(variant: dict, canonical: Article, copy: Article) -> dict:
    """``variant`` (a ``VersionDiff.to_dict()``) with ``changes_meaning`` on each changed sentence and
    ``conflicts``: dropped/added sentence pairs that make conflicting claims about the same thing."""
    found: dict[tuple[int, int], dict] = {}
    units = sentence_units([canonical, copy])
    for pair in aligned_pairs(units):
        for finding in compare_pair(pair):
            a_side = [s for s in pair.a.holders if s.article_id == canonical.id]
            b_side = [s for s in pair.b.holders if s.article_id == copy.id]
            if not (a_side and b_side):
                a_side = [s for s in pair.b.holders if s.article_id == canonical.id]
                b_side = [s for s in pair.a.holders if s.article_id == copy.id]
                value_a, value_b = finding.value_b, finding.value_a
            else:
                value_a, value_b = finding.value_a, finding.value_b
            if a_side and b_side:
                key = (a_side[0].index, b_side[0].index)
                found.setdefault(
                    key, {"kind": finding.kind, "topic": f"{finding.label_a or finding.kind}: {value_a} or {value_b}"}
                )
    for change in variant.get("changed", []):
        meaning = found.get((change["a"]["index"], change["b"]["index"]))
        change["changes_meaning"] = meaning is not None
        if meaning:
            change["disagreement"] = meaning
    dropped = {sentence["index"] for sentence in variant.get("only_a", [])}
    added = {sentence["index"] for sentence in variant.get("only_b", [])}
    variant["conflicts"] = [
        {"a": a, "b": b, **meaning} for (a, b), meaning in sorted(found.items()) if a in dropped and b in added
    ]
    return variant
