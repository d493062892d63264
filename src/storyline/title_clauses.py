"""A short title from a long lead's parse: the main clause ended where one of its phrases begins.

Where no clause boundary or where-and-when phrase fits a title's length, the parser finds the phrases hanging off
the main verb (and off its object) to its right; the title ends before one of them, so it ends at a phrase
boundary, never between two words of one phrase. Complements the verb needs ("asked her *to join*", "said *that
...*") are kept whole.
"""

from __future__ import annotations

# Dependents that only add to a clause: where, when, how, why, and what else happened.
_ADJUNCTS = frozenset("prep advmod npadvmod advcl conj cc punct agent relcl acl appos".split())
_OBJECTS = frozenset("dobj attr pobj oprd dative".split())
_JOINS = frozenset("conj cc punct".split())


def phrase_cut(text: str, max_chars: int, slack: int = 20, *, reported: bool = False) -> str | None:
    """``text`` ended before a phrase of its main clause, within ``max_chars`` (or ``slack`` more), or None when
    the parser is missing or no phrase boundary fits."""
    from storyline.quotes.nlp import QuotesUnavailable, load_pipeline

    try:
        nlp = load_pipeline()
    except QuotesUnavailable:
        return None
    doc = nlp(text)
    root = next((t for t in doc if t.dep_ == "ROOT" and t.tag_.startswith(("VB", "MD"))), None)
    if root is None:
        return None
    said = next((child for child in root.rights if child.dep_ == "ccomp"), None)
    if root.lower_ in _SPEECH and said is not None and not reported:
        # "Police say a bomb killed two officers": what was said, as a title gives it.
        start = min(token.idx for token in said.subtree)
        what = text[start:].strip()
        if what.split()[0].lower() not in _PRONOUNS:
            return phrase_cut(what[0].upper() + what[1:], max_chars, slack, reported=True)
    heads = [root] + [child for child in root.rights if child.dep_ in _OBJECTS]
    cuts = set()
    for head in heads:
        for child in head.rights:
            # An object's "of" phrase and its coordinated nouns belong to it ("the arrest of ...", "A and B").
            if child.dep_ in _ADJUNCTS and not (head is not root and (child.lower_ == "of" or child.dep_ in _JOINS)):
                start = min(token.idx for token in child.subtree)
                if start > root.idx:
                    cuts.add(start)
    titles = [text[:cut].rstrip(" ,;:-") for cut in sorted(cuts)]
    titles = [t for t in titles if len(t) >= 20 and not _ends_open(t)]
    within = [t for t in titles if len(t) <= max_chars]
    if within and len(within[-1]) >= max_chars // 2:
        return within[-1]
    fitting = [t for t in titles if len(t) <= max_chars + slack]
    return fitting[-1] if fitting else (within[-1] if within else None)


_SPEECH = frozenset("say says said report reports reported announce announces announced confirm confirms".split())
_PRONOUNS = frozenset("he she it they we i you this that these those".split())


def _ends_open(text: str) -> bool:
    last = text.split()[-1].lower()
    return last in {"the", "a", "an", "of", "to", "and", "or", "but", "that", "his", "her", "its", "their", "by"}
