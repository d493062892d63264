"""What a cue reports: the content of a cue verb or of "according to", read from the parse of its unit.

A content is one or more pieces of the unit's text: one for "X said (that) ...", two when the attribution stands
inside the clause it reports ("Many of the ferry routes, the harbour master said, have lost money").
"""

from __future__ import annotations

from storyline.quotes.screen import QUOTE_CUE_FORMS
from storyline.text.cues import BELIEF_VERBS, SPEECH_VERBS, STANCE_VERBS

Pieces = list[tuple[int, int]]  # character offsets in the unit, in text order

_CONTENT_DEPS = ("ccomp", "xcomp", "parataxis")
_RELATIVE_WORDS = frozenset("which who whom whose where".split())
# Where the object of a stance verb ends: "defended the plan as a fair one, mocked the council and ...",
# "praised the ruling, saying ...": what follows is another clause, not what was praised.
_STANCE_ENDS = ("cc", "conj", "advcl", "parataxis")


def cue_content(doc, cue_token, cue: str) -> Pieces | None:
    """The pieces (character offsets in the unit) of the reported content of a cue, or None."""
    if cue == "according to":
        return _according_content(doc, cue_token)
    passive = any(child.dep_ == "agent" for child in cue_token.children)
    # "His views were echoed by experts I spoke to": after a "by" phrase, a loose clause is not what was said
    clauses = [
        child
        for child in cue_token.children
        if child.dep_ in _CONTENT_DEPS and not (passive and child.dep_ == "parataxis")
    ]
    lemma = QUOTE_CUE_FORMS.get(cue_token.lower_)
    if not clauses and lemma not in BELIEF_VERBS:
        # "He said: the talks failed." The parser may hang the clause on the colon.
        clauses = [
            child
            for child in cue_token.children
            if child.dep_ in ("dobj",)
            and child.i > cue_token.i
            and any(t.dep_ in ("nsubj", "ccomp") for t in child.subtree)
        ]
    if not clauses and lemma in SPEECH_VERBS and cue_token.dep_ == "parataxis":
        return _parenthetical_content(doc, cue_token)
    if not clauses and lemma in STANCE_VERBS:
        return _stance_object(doc, cue_token)
    if not clauses:
        return None
    clause = max(clauses, key=lambda c: c.right_edge.i - c.left_edge.i)
    if clause.dep_ == "xcomp" and (clause.right_edge.i - clause.left_edge.i < 2 or lemma == "continue"):
        return None  # "firefighters continue to battle the fire": going on doing, not saying
    first = _clause_start(cue_token, clause)
    last = _before_closing_relative(doc, first, _before_next_saying(cue_token, clause))
    return [char_span(doc, first, _before_closing_according(doc, first, last))]


def _before_next_saying(cue_token, clause) -> int:
    """Where a reported clause ends when the parser hangs the speaker's next act of saying on it: in "Lund said
    the ferry runs late and demanded a refund", the demand has no subject of its own and is told in the past like
    the cue, so it is the speaker's, not part of what was said."""
    last = clause.right_edge.i
    if cue_token.tag_ not in ("VBD", "VBN") or clause.tag_ == "VBD":
        return last
    for child in clause.children:
        if (
            child.dep_ == "conj"
            and child.tag_ == "VBD"
            and child.lower_ in QUOTE_CUE_FORMS
            and not any(t.dep_ in ("nsubj", "nsubjpass") for t in child.children)
        ):
            last = min(t.i for t in child.subtree) - 1
            doc = clause.doc
            while last > clause.left_edge.i and (doc[last].is_punct or doc[last].dep_ == "cc"):
                last -= 1
            return last
    return last


def _before_closing_relative(doc, first: int, last: int) -> int:
    """Where a content ends when a relative clause set off by a comma closes it: "the police questioned Ada Lund,
    who runs the ferry" reports the questioning; who she is comes from the writer."""
    for token in doc[first : last + 1]:
        start = token.left_edge.i
        if (
            token.dep_ == "relcl"
            and token.right_edge.i == last
            and first < start - 1
            and doc[start - 1].text == ","
            and doc[start].lower_ in _RELATIVE_WORDS
        ):
            return start - 2
    return last


def _before_closing_according(doc, first: int, last: int) -> int:
    """Where a content ends when "according to X" closes it: "tests confirmed the crack has not spread, according
    to the council" names who reports the finding, which is no part of what the tests showed."""
    for token in doc[first + 1 : last]:
        if token.lower_ == "according" and doc[token.i + 1].lower_ == "to" and token.right_edge.i >= last:
            end = token.i - 1
            while end > first and doc[end].is_punct:
                end -= 1
            return end
    return last


def _clause_start(cue_token, clause) -> int:
    """Where a reported clause starts. "told us journeys from the suburbs took an hour": the parser may take the
    clause's subject for a second object of a cue that already has its listener; a finite clause without a subject
    of its own then begins at that object."""
    start = clause.left_edge.i
    if clause.dep_ != "ccomp" or not clause.tag_.startswith(("VBD", "VBZ", "VBP")):
        return start
    if any(child.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for child in clause.children):
        return start
    if not any(child.dep_ == "dative" for child in cue_token.children):
        return start
    objects = [child for child in cue_token.children if child.dep_ == "dobj" and cue_token.i < child.i < start]
    return objects[-1].left_edge.i if objects else start


def _according_content(doc, cue_token) -> Pieces | None:
    head = cue_token.head
    prep = set(range(cue_token.left_edge.i, cue_token.right_edge.i + 1))
    tokens = [t.i for t in head.subtree if t.i not in prep] if head.i != cue_token.i else []
    if not tokens:
        return None
    before = [i for i in tokens if i < cue_token.i]
    after = [i for i in tokens if i > cue_token.right_edge.i]
    side = after if len(after) >= len(before) else before
    return [char_span(doc, side[0], side[-1])] if side else None


def _stance_object(doc, cue_token) -> Pieces | None:
    """ "called him a liar", "praised the ruling": what the verb governs after it, up to another clause."""
    if any(child.dep_ == "agent" for child in cue_token.children):
        return None  # "the plan was praised by ...": what was praised is the subject, before the verb
    last = cue_token.right_edge.i
    for child in cue_token.children:
        if child.i > cue_token.i and (child.dep_ in _STANCE_ENDS or (child.is_punct and child.text in ",;—–")):
            last = child.left_edge.i - 1
            break
    right = [t for t in cue_token.subtree if cue_token.i < t.i <= last]
    if len(right) < 2 or right[0].is_punct:
        return None
    last = _before_closing_relative(doc, right[0].i, last)
    while last > right[0].i and doc[last].is_punct:
        last -= 1
    return [char_span(doc, right[0].i, last)]


def _parenthetical_content(doc, cue_token) -> Pieces | None:
    """ "Many of the ferry routes, he said, have lost money": the clause the attribution interrupts (or
    follows: "The talks failed, she said."), without the attribution."""
    head = cue_token.head
    if head.i == cue_token.i or not head.tag_.startswith("VB"):
        return None
    inner = range(cue_token.left_edge.i, cue_token.right_edge.i + 1)
    runs: list[list[int]] = []
    for token in head.subtree:
        if token.i in inner:
            if runs and runs[-1]:
                runs.append([])
            continue
        if not runs:
            runs.append([])
        runs[-1].append(token.i)
    pieces = []
    for run in runs:
        while run and (doc[run[0]].is_punct or doc[run[0]].is_space):
            run.pop(0)
        while run and (doc[run[-1]].is_punct or doc[run[-1]].is_space):
            run.pop()
        if run:
            pieces.append(char_span(doc, run[0], run[-1]))
    words = sum(1 for t in head.subtree if t.i not in inner and not t.is_punct)
    return pieces if pieces and words >= 3 else None


def char_span(doc, first: int, last: int) -> tuple[int, int]:
    return doc[first].idx, doc[last].idx + len(doc[last].text)
