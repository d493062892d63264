"""Where sources disagree: conflicting claims between the articles of one event, with citations.

``claims`` reads what a sentence asserts (figures with units, dates, negated predicates, stance and direction
cues, speakers); ``align`` pairs sentences about the same thing within one event; ``detect`` tells a conflict from
rounding, house style, paraphrase and one source saying more; ``report`` merges findings into disagreements with
their sides and a short topic; ``roles`` finds a place changed between versions of one sentence; ``quoted`` reads
the quotes analyser's output for a quotation given other words or another speaker; ``versions`` marks the version
diffs of copy groups.
"""

from storyline.compare.quoted import event_quotes
from storyline.compare.report import event_disagreements

__all__ = ["event_disagreements", "event_quotes"]
