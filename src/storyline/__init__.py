"""Storyline: turn a pile of news articles into sourced event digests.

>>> import storyline
>>> result = storyline.read(["examples"])          # clean articles, and problems for inputs that failed
>>> groups = storyline.copy_groups(result.articles)  # copies of one story
>>> events = storyline.events(result.articles)       # articles per real-world event
>>> summary = storyline.summarize(result.articles[:3], words=60)

Names are loaded on first use, so ``import storyline.ingest`` does not pull in the heavier stages.
"""

from importlib import import_module

__version__ = "0.1.0"

_HOMES = {
    "api": ("DigestReport", "ReadResult", "copy_groups", "diff", "digest", "events", "ingest", "open_store", "read",
            "rebuild", "summarize"),
    "model": ("Article", "Citation", "CopyGroup", "Event", "EventDigest", "Problem", "Sentence", "Summary",
              "SummarySentence"),
    "store": ("Store", "StoreError"),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = sorted(_HOME_OF)


def __getattr__(name: str):
    if name not in _HOME_OF:
        raise AttributeError(f"module 'storyline' has no attribute {name!r}")
    value = getattr(import_module(f"storyline.{_HOME_OF[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
