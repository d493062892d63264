"""Copy groups: every republished copy of a story, exact or edited, grouped once.

How two articles come to share a group:

1. **Normalise** each text (``storyline.text.normalize``): known boilerplate lines (credits, copyright tails,
   "Advertisement", share prompts, "Published on ..." headers) are dropped, and house-style variants are folded
   ("U.S." = "US", "per cent" = "percent", "1,000" = "1000", "week-long" = "weeklong", case and quotes ignored).
2. **Shingle** the words into overlapping word 6-grams (``SHINGLE_WORDS``; seeded hashing, vectorised over whole
   chunks of texts) kept as a sorted set of 32-bit values (``sketch``). A run of six words repeated verbatim is
   rarely a coincidence, while syndication edits leave most sentences intact. Shingles made only of stopwords are
   dropped.
3. **Propose** candidate pairs with locality-sensitive hashing (``bands``): a 128-bin one-permutation MinHash per
   article (densified), cut into 64 bands of 2 bins; two articles sharing any band are candidates. Articles with
   the very same shingle set are joined directly and only one of them enters the bands.
4. **Verify** each candidate pair exactly: the share of the smaller article's shingles that the other one also
   contains (containment). Syndication trims endings and cuts teasers, so overlap is measured against the smaller
   text rather than the union. Pairs at or above ``threshold`` are copies. The default (0.6) sits in the middle of
   the plateau of a coarse sweep on the syndication dev set (docs/benchmarks.md).
5. **Group** copies with union-find (copies of copies belong together).

A pair's verdict depends on the two articles alone, never on the rest of the corpus, so the groups are a pure
function of the set of articles: independent of input order, of batch boundaries and of the process.
``CopyIndex`` (``index``) adds articles incrementally and persists one opaque row per article (``rows``);
``find_copy_groups`` is the batch form of the same computation; ``explain`` says why two articles are or are not
copies.
"""

from storyline.batching import iter_batches
from storyline.dedup.explain import explain
from storyline.dedup.index import DEFAULT_THRESHOLD, CopyIndex, find_copy_groups, group_id
from storyline.dedup.sketch import DEFAULT_MIN_WORDS, SHINGLE_WORDS, containment, sketch, sketch_texts
from storyline.text.boilerplate import is_boilerplate_line
from storyline.text.normalize import normalized_words

__all__ = [
    "DEFAULT_MIN_WORDS",
    "DEFAULT_THRESHOLD",
    "SHINGLE_WORDS",
    "CopyIndex",
    "containment",
    "explain",
    "find_copy_groups",
    "group_id",
    "is_boilerplate_line",
    "iter_batches",
    "normalized_words",
    "sketch",
    "sketch_texts",
]
