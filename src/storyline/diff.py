"""How two versions of a story differ: sentence-aligned, with word-level changes inside changed sentences.

Republished copies differ in a few sentences, and those differences are often the news (one outlet says the
talks "did not outright reject" a proposal, another that a negotiator "slammed" it). Sentences are compared as
the copy detector sees them, so house-style variants (case, quotes, "U.S."/"US", "per cent"/"percent",
"week-long"/"weeklong") do not count as changes.

1. Sentences equal after normalisation are aligned in order (longest common subsequence), then equal sentences
   that moved are matched anywhere.
2. The remaining sentences are paired, most similar first, when at least half of their words align: those are
   *changed* sentences, shown with a word-level diff. What is left is *only in A* or *only in B*.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from storyline.model import Article, MeaningChange, Sentence, SentenceChange, Variant, VersionConflict
from storyline.text import split_sentences, word_spans
from storyline.text.normalize import normalized_words

# Two unmatched sentences are versions of one sentence when at least this share of their words align.
CHANGED_MIN_SIMILARITY = 0.5
_QUOTES = str.maketrans(dict.fromkeys("\"'“”‘’`", "'"))  # every quote mark reads as "'"


@dataclass(slots=True, frozen=True)
class WordEdit:
    """One step of a word-level diff: ``op`` is equal, delete, insert or replace.

    ``a`` and ``b`` are the words as written in each sentence; ``b_start``/``b_end`` locate the step in B's
    sentence (an empty span where words of A were deleted).
    """

    op: str
    a: str
    b: str
    b_start: int
    b_end: int


@dataclass(slots=True)
class ChangedSentence:
    a: Sentence
    b: Sentence
    similarity: float
    edits: list[WordEdit]

    def to_dict(self) -> dict:
        return {
            "a": _sentence_dict(self.a),
            "b": _sentence_dict(self.b),
            "similarity": round(self.similarity, 3),
            "edits": [{"op": e.op, "a": e.a, "b": e.b} for e in self.edits if e.op != "equal"],
        }

    def marked(self) -> str:
        """B's sentence with the changes from A marked inline: [-words of A-]{+words of B+}."""
        text = self.b.text
        parts = []
        cursor = 0
        for edit in self.edits:
            if edit.op == "equal":
                continue
            parts.append(text[cursor : edit.b_start])
            if edit.a:
                parts.append(f"[-{edit.a}-]")
            if edit.b:
                parts.append(f"{{+{edit.b}+}}")
            elif edit.b_start < len(text) and text[edit.b_start].isalnum():
                parts.append(" ")
            cursor = edit.b_end
        parts.append(text[cursor:])
        return "".join(parts)


@dataclass(slots=True)
class VersionDiff:
    """Sentence-aligned differences between article ``a_id`` (A) and article ``b_id`` (B)."""

    a_id: str
    b_id: str
    same: list[tuple[int, int]] = field(default_factory=list)  # (sentence index in A, in B)
    changed: list[ChangedSentence] = field(default_factory=list)
    only_a: list[Sentence] = field(default_factory=list)
    only_b: list[Sentence] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return not (self.changed or self.only_a or self.only_b)

    def to_dict(self) -> dict:
        return {
            "a": self.a_id,
            "b": self.b_id,
            "same": len(self.same),
            "changed": [change.to_dict() for change in self.changed],
            "only_a": [_sentence_dict(s) for s in self.only_a],
            "only_b": [_sentence_dict(s) for s in self.only_b],
        }

    def variant(self, meaning: Mapping[tuple[int, int], MeaningChange] | None = None) -> Variant:
        """This diff as the digest keeps it (B being the copy), with the sentence pairs (index in A, index in B)
        whose versions make conflicting claims: a changed pair is marked, a dropped/added pair is a conflict."""
        meaning = meaning or {}
        dropped = {s.index for s in self.only_a}
        added = {s.index for s in self.only_b}
        return Variant(
            article_id=self.b_id,
            canonical_id=self.a_id,
            same=len(self.same),
            changed=[
                SentenceChange(
                    change.a,
                    change.b,
                    round(change.similarity, 3),
                    tuple((e.op, e.a, e.b) for e in change.edits if e.op != "equal"),
                    meaning.get((change.a.index, change.b.index)),
                )
                for change in self.changed
            ],
            dropped=list(self.only_a),
            added=list(self.only_b),
            conflicts=[
                VersionConflict(a, b, found.kind, found.topic)
                for (a, b), found in sorted(meaning.items())
                if a in dropped and b in added
            ],
        )

    def to_text(self) -> str:
        """A readable rendering for the terminal."""
        lines = [
            f"--- A: {self.a_id}",
            f"+++ B: {self.b_id}",
            f"sentences: {len(self.same)} the same, {len(self.changed)} changed, "
            f"{len(self.only_a)} only in A, {len(self.only_b)} only in B",
        ]
        if self.identical:
            lines.append("The two versions say the same thing.")
        for change in self.changed:
            lines += [
                "",
                f"~ changed (A sentence {change.a.index + 1}, B sentence {change.b.index + 1}):",
                f"  {change.marked()}",
            ]
        for title, mark, sentences in (("only in A", "-", self.only_a), ("only in B", "+", self.only_b)):
            if sentences:
                lines += ["", f"{mark} {title}:"] + [f"  {mark} {s.text}" for s in sentences]
        return "\n".join(lines)


def diff_articles(a: Article, b: Article) -> VersionDiff:
    """Sentence-aligned differences between two versions of a story (A = ``a``, B = ``b``)."""
    sentences_a, sentences_b = _sentences(a), _sentences(b)
    keys_a = [" ".join(normalized_words(s.text)) for s in sentences_a]
    keys_b = [" ".join(normalized_words(s.text)) for s in sentences_b]
    result = VersionDiff(a.id, b.id)
    matched_a: set[int] = set()
    matched_b: set[int] = set()
    for block in SequenceMatcher(None, keys_a, keys_b, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            result.same.append((block.a + k, block.b + k))
            matched_a.add(block.a + k)
            matched_b.add(block.b + k)
    # Equal sentences that moved.
    waiting: dict[str, list[int]] = {}
    for j, key in enumerate(keys_b):
        if j not in matched_b:
            waiting.setdefault(key, []).append(j)
    for i, key in enumerate(keys_a):
        if i not in matched_a and waiting.get(key):
            j = waiting[key].pop(0)
            result.same.append((i, j))
            matched_a.add(i)
            matched_b.add(j)
    # Versions of one sentence: the most similar pairs first.
    words_a = {i: keys_a[i].split() for i in range(len(keys_a)) if i not in matched_a}
    words_b = {j: keys_b[j].split() for j in range(len(keys_b)) if j not in matched_b}
    distinct_b = {j: set(wb) for j, wb in words_b.items()}
    candidates = []
    for i, wa in words_a.items():
        distinct_a = set(wa)
        for j, wb in words_b.items():
            if may_be_versions(wa, distinct_a, wb, distinct_b[j]):
                similarity = SequenceMatcher(None, wa, wb, autojunk=False).ratio()
                if similarity >= CHANGED_MIN_SIMILARITY:
                    candidates.append((-similarity, i, j))
    for negative, i, j in sorted(candidates):
        if i in matched_a or j in matched_b:
            continue
        matched_a.add(i)
        matched_b.add(j)
        result.changed.append(
            ChangedSentence(
                sentences_a[i],
                sentences_b[j],
                -negative,
                word_edits(sentences_a[i].text, sentences_b[j].text),
            )
        )
    result.same.sort()
    result.changed.sort(key=lambda change: change.a.index)
    result.only_a = [s for i, s in enumerate(sentences_a) if i not in matched_a and keys_a[i]]
    result.only_b = [s for j, s in enumerate(sentences_b) if j not in matched_b and keys_b[j]]
    return result


def may_be_versions(words_a: list[str], distinct_a: set[str], words_b: list[str], distinct_b: set[str]) -> bool:
    """Whether two sentences (their words and distinct words) share a word and may align at least
    CHANGED_MIN_SIMILARITY of their words. The word diff's ratio counts matched words: at most the shared distinct
    words plus the repeats of the sentence with fewer. Below the share on that bound, no diff is needed."""
    shared = len(distinct_a & distinct_b)
    most = shared + min(len(words_a) - len(distinct_a), len(words_b) - len(distinct_b))
    return shared > 0 and 2 * most >= CHANGED_MIN_SIMILARITY * (len(words_a) + len(words_b))


def word_edits(a: str, b: str) -> list[WordEdit]:
    """Word-level diff of two sentences; words compare without case and quote marks, keep their spelling."""
    spans_a, spans_b = word_spans(a), word_spans(b)
    matcher = SequenceMatcher(
        None,
        [_comparable(a[i:j]) for i, j in spans_a],
        [_comparable(b[i:j]) for i, j in spans_b],
        autojunk=False,
    )
    edits = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        text_a = a[spans_a[i1][0] : spans_a[i2 - 1][1]] if i2 > i1 else ""
        if j2 > j1:
            b_start, b_end = spans_b[j1][0], spans_b[j2 - 1][1]
        else:  # a deletion sits where B's next word starts (or at B's end)
            b_start = b_end = spans_b[j1][0] if j1 < len(spans_b) else len(b)
        edits.append(WordEdit(op, text_a, b[b_start:b_end], b_start, b_end))
    return edits


def _comparable(word: str) -> str:
    return word.lower().translate(_QUOTES)


def _sentences(article: Article) -> list[Sentence]:
    return [
        Sentence(article.id, index, start, end, article.text[start:end])
        for index, (start, end) in enumerate(split_sentences(article.text))
    ]


def _sentence_dict(sentence: Sentence) -> dict:
    return {"index": sentence.index, "start": sentence.start, "end": sentence.end, "text": sentence.text}
