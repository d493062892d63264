"""Storyline: turn a pile of news articles into sourced event digests.

>>> import storyline
>>> result = storyline.read(["examples"])          # clean articles, and problems for inputs that failed
>>> groups = storyline.copy_groups(result.articles)  # copies of one story
>>> events = storyline.events(result.articles)       # articles per real-world event
>>> stories = storyline.storylines(result.articles)  # events linked into storylines, oldest first
>>> summary = storyline.summarize(result.articles[:3], words=60)

Names are loaded on first use, so ``import storyline.ingest`` does not pull in the heavier stages.
"""

from importlib import import_module

__version__ = "0.1.0"

_HOMES = {
    "api": ("DigestReport", "ReadResult", "copy_groups", "diff", "digest", "events", "ingest", "open_store", "read",
            "rebuild", "storylines", "summarize", "disagreements"),
    "model": ("Article", "Citation", "Claim", "CopyGroup", "Disagreement", "Event", "EventDigest", "Problem",
              "Sentence", "Storyline", "Summary", "SummarySentence"),
    "store": ("Store", "StoreError"),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = sorted(_HOME_OF)


def __getattr__(name: str):
    if name not in _HOME_OF:
        raise AttributeError(f"module 'storyline' has no attribute {name!r}")
    home = _HOME_OF[name]
    module = import_module(f"storyline.{home}")
    # Bind every name of that module at once: importing it also imports submodules such as ``storyline.events``,
    # which would otherwise hide the functions of the same name.
    globals().update({other: getattr(module, other) for other in _HOMES[home]})
    return globals()[name]


def __dir__() -> list[str]:
    return __all__
