"""Storyline: turn a pile of news articles into sourced event digests.

>>> from storyline import api
>>> result = api.read(["examples/corpus"])     # clean articles, and problems for inputs that failed
>>> groups = api.copy_groups(result.articles)  # copies of one story
>>> events = api.events(result.articles)       # articles per real-world event
>>> summary = api.summarize(result.articles[:3], words=60)
>>> len(result.articles), len(events), len(summary.sentences) > 0
(20, 5, True)

Names are loaded on first use, so ``import storyline.ingest`` does not pull in the heavier stages. The API's
``events``, ``diff``, ``ingest``, ``summarize`` and ``quotes`` share their names with subpackages, which take their
place as attributes of ``storyline`` once imported: call them as ``storyline.api.events`` and so on.
"""

from importlib import import_module

__version__ = "0.1.0"

_HOMES = {
    "api": (
        "DigestReport",
        "ReadResult",
        "copy_groups",
        "digest",
        "disagreements",
        "entities",
        "open_store",
        "read",
        "rebuild",
        "storylines",
    ),
    "model": (
        "Article",
        "Citation",
        "Claim",
        "CopyGroup",
        "Disagreement",
        "Entity",
        "Event",
        "EventDigest",
        "Problem",
        "Quote",
        "Sentence",
        "Storyline",
        "Summary",
        "SummarySentence",
    ),
    "store": ("Store", "StoreError"),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = sorted(_HOME_OF)


def __getattr__(name: str):
    if name == "api":  # ``import storyline`` then ``storyline.api.events(...)``
        return import_module("storyline.api")
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
