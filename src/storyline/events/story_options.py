"""The knobs of storyline linking, checked once when they are set."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.features import DEFAULT_BITS, SUBSPACES


@dataclass(frozen=True, slots=True)
class StoryOptions:
    """The knobs of storyline linking (see ``storyline.events.storylines``); defaults chosen on the DUC 2004 and
    ECB+ development sets (docs/benchmarks.md).

    ``first_report_days``: how far a small report reaches a larger event that begins after it (the first word of a
    story that grew later); a reach shorter than ``window_days``, or None, is the window. Such reports stay open
    that long.
    """

    threshold: float = 0.25
    undated_threshold: float = 0.7
    lone_threshold: float | None = 0.15
    lone_size: int = 1
    window_days: float = 30.0
    first_report_days: float | None = 60.0
    weights: tuple[float, float, float] = (0.3, 0.1, 0.6)
    keys: int = 12
    bits: int = DEFAULT_BITS

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= self.undated_threshold <= 1.0:
            raise ValueError("thresholds must satisfy 0 < threshold <= undated_threshold <= 1")
        if self.lone_threshold is not None and not 0.0 < self.lone_threshold <= self.threshold:
            raise ValueError("lone_threshold must be above 0 and at most threshold (or None: off)")
        if self.window_days < 0 or self.keys < 1 or self.lone_size < 1:
            raise ValueError("window_days must be at least 0, and keys and lone_size at least 1")
        if self.first_report_days is not None and self.first_report_days < 0:
            raise ValueError("first_report_days must be at least 0 (or None: window_days)")
        if len(self.weights) != len(SUBSPACES) or min(self.weights) < 0 or sum(self.weights) <= 0:
            raise ValueError(f"weights must be {len(SUBSPACES)} non-negative numbers with a positive sum")
