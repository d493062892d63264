"""The knobs of event clustering, checked once when they are set."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from storyline.features import DEFAULT_BITS, SUBSPACES


@dataclass(frozen=True, slots=True)
class EventOptions:
    """The knobs of event clustering; defaults tuned on the ECB+ development topics (see docs/benchmarks.md).

    ``weights`` weigh the body, headline and entity cosines (a subspace the article lacks is left out of its mean).
    ``threshold`` is the least similarity for joining an event. ``time_scale_days``: the similarity of a dated
    article to an event is multiplied by the Gaussian exp(-(gap / time_scale)^2 / 2), gap being the days between the
    article and the event's date range (coverage of one event runs for days to weeks; the same kind of event months
    apart is another one). ``window_days``: an event closes once its newest date is this far behind the stream.
    ``batch_size``: articles compared with the open events at once (document frequencies are updated per batch).
    ``refine_rounds``: batch mode only, rounds of moving articles to their best event.

    Two levels (batch and online): ``topic_threshold`` (used where below ``threshold``) groups articles into broad
    topics first; each topic is then split in two, again and again, while the halves are far apart by the topic's
    own term weights (see ``storyline.events.split``): ``split_ratio`` is the largest ratio of the mean similarity
    across the halves to the geometric mean of the similarities within them that still splits.
    ``split_ratio_large`` is that ratio for a cut whose halves both hold at least ``LARGE_HALF`` articles: a handful
    of articles of one event can look apart by chance (one outlet's follow-ups, one angle), two large groups that
    are moderately apart are two events. ``split_ratio=0`` turns the second level off (one level at ``threshold``).

    >>> EventOptions(threshold=0.3, topic_threshold=0.2).pass_threshold
    0.2
    >>> EventOptions.from_mapping({"treshold": 0.5})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown event option(s): treshold; known: batch_size, bits, refine_rounds, ...
    """

    threshold: float = 0.3
    weights: tuple[float, float, float] = (0.3, 0.1, 0.6)
    time_scale_days: float = 30.0
    window_days: float = 60.0
    bits: int = DEFAULT_BITS
    batch_size: int = 256
    refine_rounds: int = 2
    topic_threshold: float = 0.2
    split_ratio: float = 0.35
    split_ratio_large: float = 0.6

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise ValueError(f"threshold must be between 0 and 1, got {self.threshold}")
        if len(self.weights) != len(SUBSPACES) or min(self.weights) < 0 or sum(self.weights) <= 0:
            raise ValueError(f"weights must be {len(SUBSPACES)} non-negative numbers with a positive sum")
        if self.time_scale_days <= 0 or self.window_days <= 0:
            raise ValueError("time_scale_days and window_days must be positive")
        if self.batch_size < 1 or self.refine_rounds < 0:
            raise ValueError("batch_size must be at least 1 and refine_rounds at least 0")
        if not 0.0 < self.topic_threshold < 1.0:
            raise ValueError(f"topic_threshold must be between 0 and 1, got {self.topic_threshold}")
        if not 0.0 <= self.split_ratio < 1.0:
            raise ValueError(f"split_ratio must be between 0 (no splitting) and 1, got {self.split_ratio}")
        if not self.split_ratio <= self.split_ratio_large < 1.0:
            raise ValueError(
                f"split_ratio_large must be at least split_ratio ({self.split_ratio}) and below 1, "
                f"got {self.split_ratio_large}"
            )

    @classmethod
    def from_mapping(cls, options: Mapping[str, object]) -> EventOptions:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise ValueError(f"unknown event option(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        values = dict(options)
        if "weights" in values:
            values["weights"] = tuple(float(w) for w in values["weights"])  # type: ignore[union-attr]
        return cls(**values)  # type: ignore[arg-type]

    @property
    def two_level(self) -> bool:
        """Whether topics are split into events (``split_ratio > 0``)."""
        return self.split_ratio > 0

    @property
    def pass_threshold(self) -> float:
        """The threshold of the date-ordered pass: the topic threshold where it is lower and topics are split."""
        return min(self.threshold, self.topic_threshold) if self.two_level else self.threshold
