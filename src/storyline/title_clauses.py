"""A short title from a long lead's parse: the main clause ended where one of its phrases begins.

Where no clause boundary or where-and-when phrase fits a title's length, the parser finds the phrases hanging off
the main verb (and off its object) to its right; the title ends before one of them, so it ends at a phrase
boundary, never between two words of one phrase. Complements the verb needs ("asked her *to join*", "said *that
...*") are kept whole.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from itertools import pairwise

# Dependents that only add to a clause: where, when, how, why, and what else happened.
_ADJUNCTS = frozenset("prep advmod npadvmod advcl conj cc punct agent relcl acl appos".split())
_OBJECTS = frozenset("dobj attr pobj oprd dative".split())
_JOINS = frozenset("conj cc punct".split())


def phrase_cut(
    text: str, max_chars: int, slack: int = 20, *, reported: bool = False, pared: bool = False
) -> str | None:
    """``text`` ended before a phrase of its main clause, within ``max_chars`` (or ``slack`` more), or None when
    the parser is missing or no phrase boundary fits. Where none fits, the sentence is pared first (see
    ``_pared``) and the cut is looked for again."""
    from storyline.quotes.nlp import QuotesUnavailable, load_pipeline
    from storyline.titles import _back_off, _dangles

    try:
        nlp = load_pipeline()
    except QuotesUnavailable:
        return None
    ahead = getattr(_BATCH, "parses", {})
    doc = ahead.get(text)
    if doc is None:
        if getattr(_BATCH, "only", False):
            raise _NotParsedYet(text)
        doc = nlp(text, disable=_without_entities(nlp))
    root = next((t for t in doc if t.dep_ == "ROOT" and t.tag_.startswith(("VB", "MD"))), None)
    if root is None:
        return None
    said = next((child for child in root.rights if child.dep_ == "ccomp"), None)
    if root.lower_ in _SPEECH and said is not None and not reported:
        # "Police say a bomb killed two officers": what was said, as a title gives it.
        start = min(token.idx for token in said.subtree)
        what = text[start:].strip()
        if what.split()[0].lower() not in _PRONOUNS:
            return phrase_cut(what[0].upper() + what[1:], max_chars, slack, reported=True, pared=pared)
    # The main verb, its objects, and the verbs coordinated with it ("couldn't help but smile ...").
    heads = [root] + [child for child in root.rights if child.dep_ in _OBJECTS or _coordinated_verb(child)]
    if root.lower_ in _SPEECH and said is not None:
        # "X said that he hoped Y would be extradited to Spain to be tried ...": the said clause's phrases too.
        heads += [
            token for token in said.subtree if token.tag_.startswith("VB") and token.dep_ not in ("aux", "auxpass")
        ]
    cuts = set()
    for head in heads:
        for child in head.rights:
            # An object's "of" phrase and its coordinated nouns belong to it ("the arrest of ...", "A and B").
            if child.dep_ in _ADJUNCTS and not (head is not root and (child.lower_ == "of" or child.dep_ in _JOINS)):
                start = min(token.idx for token in child.subtree)
                if start > root.idx:
                    cuts.add(start)
    titles = [text[: _back_off(text, cut)].rstrip(" ,;:([-–—―") for cut in sorted(cuts)]
    titles = [t for t in titles if len(t) >= 20 and not _dangles(t)]
    within = [t for t in titles if len(t) <= max_chars]
    if within and len(within[-1]) >= max_chars // 2:
        return within[-1]
    fitting = [t for t in titles if len(t) <= max_chars + slack]  # holds every title ``within`` holds
    if fitting:
        return fitting[-1]
    if pared:
        return text if len(text) <= max_chars + slack else None
    shorter = _pared_once(text, doc, root)
    if shorter == text or len(shorter.split()) < 4:
        return None
    return phrase_cut(shorter, max_chars, slack, reported=reported, pared=True)


# Parses made ahead by ``phrase_cuts``, by text; while it runs, ``phrase_cut`` asks for a missing one by raising.
# Per thread: the web app's threads may cut titles at the same time.
_BATCH = threading.local()
# Deep enough for every parse ``phrase_cut`` makes of one text: the text, what it reports, their pared forms.
_DEPTH = 4


class _NotParsedYet(Exception):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def phrase_cuts(texts: Sequence[str], max_chars: int) -> list[str | None]:
    """``phrase_cut`` of each text, the same cuts, with the texts parsed in batches (far cheaper than one by one):
    every text first, then the texts those cuts need parsed (what a sentence reports, a pared sentence)."""
    from storyline.quotes.nlp import QuotesUnavailable, load_pipeline

    if not texts:
        return []
    try:
        nlp = load_pipeline()
    except QuotesUnavailable:
        return [None] * len(texts)
    cuts: dict[str, str | None] = {}
    pending = list(dict.fromkeys(texts))
    wanted = pending
    _BATCH.parses, _BATCH.pared, _BATCH.only = {}, {}, True
    try:
        for _ in range(_DEPTH):
            docs = [_unparsed(text) for text in wanted]
            _BATCH.parses.update(zip(wanted, nlp.pipe(docs, disable=_without_entities(nlp))))
            waiting, needed = [], {}
            for text in pending:
                try:
                    cuts[text] = phrase_cut(text, max_chars)
                except _NotParsedYet as missing:
                    waiting.append(text)
                    needed[missing.text] = None
            pending, wanted = waiting, list(needed)
            if not pending:
                break
        _BATCH.only = False
        for text in pending:  # deeper than ever seen: parsed one at a time
            cuts[text] = phrase_cut(text, max_chars)
    finally:
        _BATCH.parses, _BATCH.pared, _BATCH.only = {}, None, False
    return [cuts[text] for text in texts]


def _pared_once(text: str, doc, root) -> str:
    """``_pared(doc, root)``, kept by text while ``phrase_cuts`` runs: a text waiting for a deeper parse is cut
    again from the start once that parse is made."""
    kept = getattr(_BATCH, "pared", None)
    if kept is None:
        return _pared(doc, root)
    if text not in kept:
        kept[text] = _pared(doc, root)
    return kept[text]


def _unparsed(text: str):
    """The tokens of ``text`` where a bound on its title split it already (``title_bounds.tokenized``), else the
    text: the parser starts from the same tokens either way, and never from a parse. Only in the main thread: the
    web app's threads may cut the same title at once, and must not parse one shared set of tokens together."""
    from storyline.title_bounds import tokenized

    if threading.current_thread() is not threading.main_thread():
        return text
    doc = tokenized(text)
    return text if doc.has_annotation("DEP") or doc.has_annotation("TAG") else doc


def _without_entities(nlp) -> list[str]:
    """The recogniser, left out of a title's parse: the cut reads tags and arcs only."""
    return [name for name in nlp.pipe_names if name == "ner"]


def _pared(doc, root) -> str:
    """The sentence without what only describes its actors: the phrases after its subject ("A bomb explosion *at a
    bank* killed ...") and the descriptions before a person's name ("*neurosurgeon and CNN correspondent* Dr.
    Sanjay Gupta", "*former Chilean dictator* Augusto Pinochet")."""
    dropped: set[int] = set()
    for subject in (t for t in doc if t.dep_ in ("nsubj", "nsubjpass") and t.tag_.startswith("NN")):
        for child in subject.rights:
            if child.dep_ in ("prep", "acl", "relcl", "appos") and child.lower_ != "of":
                dropped.update(token.i for token in child.subtree)
    for head in (t for t in doc if t.dep_ in _NOUN_SLOTS):
        span = list(head.subtree)
        name = next((t for t in span if t.dep_ == "appos" and _is_name(list(t.subtree))), None)
        if name is not None and name.head is not head.head:
            kept = {token.i for token in name.subtree}
            dropped.update(token.i for token in span if token.i not in kept)
        elif _proper(head):
            first = head.i
            while (
                first > 0
                and (_proper(doc[first - 1]) or doc[first - 1].tag_ == "HYPH")
                and doc[first - 1].head.i in range(first, head.i + 1)
            ):
                first -= 1
            described = [t for t in head.lefts if t.i < first and t.dep_ in ("compound", "amod", "nmod")]
            if described and any(t.tag_ in ("NN", "NNS") for t in described):
                dropped.update(i for i in range(described[0].left_edge.i, first) if doc[i].dep_ != "det")
    spaced = set()
    for token in doc:  # a phrase dropped from between two commas takes both: "Jo Bell, who ..., has died"
        if token.i in dropped and token.i > 1 and doc[token.i - 1].text == "," and token.i - 1 not in dropped:
            end = token.i
            while end + 1 < len(doc) and end + 1 in dropped:
                end += 1
            if end + 1 < len(doc) and doc[end + 1].text == ",":
                dropped.update((token.i - 1, end + 1))
                spaced.add(token.i - 2)
    kept = [token for token in doc if token.i not in dropped]
    # Where a phrase is dropped after a token written without a space, the words on either side stay apart
    # ("Corp. 's ... the" is "Corp the", not "Corpthe"): a cut only ever holds words of its sentence.
    apart = {
        token.i
        for token, after in pairwise(kept)
        if after.i > token.i + 1 and not token.whitespace_ and _joins(token.text[-1]) and _joins(after.text[0])
    }
    words = "".join(t.text_with_ws + (" " if t.i in spaced or t.i in apart else "") for t in kept)
    return " ".join(words.replace(" ,", ",").split()).strip(" ,")


def _joins(character: str) -> bool:
    """Whether ``character`` can continue a word (``text.words``): a letter, a digit or an inner mark."""
    return character.isalnum() or character in "'’.-"


def _coordinated_verb(token) -> bool:
    return token.dep_ == "conj" and token.tag_.startswith("VB")


def _is_name(tokens) -> bool:
    return any(_proper(t) for t in tokens) and all(_proper(t) or t.is_punct for t in tokens)


def _proper(token) -> bool:
    # Tags, not parts of speech: the pipeline runs without the attribute ruler that sets ``pos_``.
    return token.tag_ in ("NNP", "NNPS")


_NOUN_SLOTS = frozenset("nsubj nsubjpass dobj attr pobj conj".split())


_SPEECH = frozenset("say says said report reports reported announce announces announced confirm confirms".split())
_PRONOUNS = frozenset("he she it they we i you this that these those".split())
