"""Version diffs of a copy group, read for meaning: which changed sentences change what the story claims, and which
sentence one version dropped conflicts with one the other added (the wire story that "did not outright reject" a
proposal in one edit and "slammed" it in another)."""

from __future__ import annotations

from storyline.compare.align import aligned_pairs, sentence_units
from storyline.compare.detect import compare_pair
from storyline.model import Article, MeaningChange
from storyline.text import split_sentences


def meaning_changes(canonical: Article, copy: Article) -> dict[tuple[int, int], MeaningChange]:
    """Sentence pairs (index in ``canonical``, index in ``copy``) whose versions make conflicting claims, with what
    they dispute; the first finding of each pair names it."""
    found: dict[tuple[int, int], MeaningChange] = {}
    if _sentence_texts(canonical) == _sentence_texts(copy):
        return found  # every sentence is in both versions
    units = sentence_units([canonical, copy])
    if len({unit.article_ids for unit in units if len(unit.article_ids) == 1}) < 2:
        return found  # a pair needs a sentence only one version says on each side: one version only adds or drops
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
                topic = f"{finding.label_a or finding.kind}: {value_a} or {value_b}"
                found.setdefault((a_side[0].index, b_side[0].index), MeaningChange(finding.kind, topic))
    return found


def _sentence_texts(article: Article) -> set[str]:
    text = article.text
    return {text[start:end] for start, end in split_sentences(text)}
