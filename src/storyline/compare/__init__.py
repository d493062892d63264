"""Where sources disagree: conflicting claims between the articles of one event, with citations.

``claims`` reads what a sentence asserts (figures with units, dates, negated predicates, stance and direction
cues, speakers); ``align`` pairs sentences about the same thing within one event; ``detect`` tells a conflict from
rounding, house style, paraphrase and one source saying more; ``report`` merges findings into disagreements with
their sides and a short topic; ``versions`` marks the version diffs of copy groups.
"""

from storyline.compare.report import event_disagreements

__all__ = ["event_disagreements"]
