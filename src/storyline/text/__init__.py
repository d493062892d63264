"""NLP primitives shared by every stage: sentences, tokens, stems, stopwords."""

from storyline.text.sentences import split_sentences
from storyline.text.tokens import STOPWORDS, content_stems, stem, stem_set, word_spans, words

__all__ = ["STOPWORDS", "content_stems", "split_sentences", "stem", "stem_set", "word_spans", "words"]
