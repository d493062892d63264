"""Who speaks for a cue verb on the parse: its subject, a name after it (", says X"), the noun a relative clause
describes, the subject of the clause it hangs on, or whoever released the document it is said of; and what an
unnamed speaker's phrase says of who is meant ("people living nearby", "councillors who voted against")."""

from __future__ import annotations

from storyline.quotes.groups import PUBLISHED_BY
from storyline.quotes.screen import QUOTE_CUE_FORMS
from storyline.text.cues import SPEECH_VERBS

_SUBJECT_DEPS = ("nsubj",)
_INHERITS_SUBJECT = ("conj", "advcl", "xcomp")
# Cues whose object is the listener, never an inverted speaker.
_LISTENER_VERBS = frozenset({"tell", "inform", "advise", "assure", "reassure"})


def subject(verb, depth: int = 0):
    """Who a cue verb's subject is: its own subject, an inverted one (", says X"), or the one it inherits from the
    clause it hangs on (a relative clause's noun, a participle's main clause, a conjoined verb's subject)."""
    inverted = _inverted_subject(verb)
    if inverted is not None:
        return inverted
    if _reduced_passive(verb):
        return None  # "Residents told to keep windows shut": they were told, a headline leaving out "were"
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS and not (verb.tag_ == "VBG" and child.i > verb.i):
            # a participle's subject is never after it: "..., saying Christie was wrong" is the main clause's
            if child.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                return _named_head(verb.head)  # "Verheul, who said ..."
            return _past_hyphen(child, verb)
    if verb.dep_ == "relcl":
        return _named_head(verb.head)
    if any(child.dep_ == "nsubjpass" for child in verb.children):
        # "drivers are asked to ...": the subject was asked; only "by X" says who asked
        return _agent(verb) if QUOTE_CUE_FORMS.get(verb.lower_) in SPEECH_VERBS else None
    if verb.tag_ == "VBG" and depth == 0 and verb.i > 0 and verb.doc[verb.i - 1].text == ",":
        root = verb.sent.root  # "Byrne wrote the agents knew ..., saying, “...”": the main clause's subject
        if root.i != verb.i and root.tag_.startswith("VB"):
            return subject(root, depth + 1)
    if verb.dep_ in _INHERITS_SUBJECT and depth < 3 and verb.head.i != verb.i:
        inherited = subject(verb.head, depth + 1)
        if verb.dep_ == "xcomp" and inherited is not None and inherited.lower_ == "it":
            return None  # "it's unrealistic to think that ...": no one thinks it
        return inherited
    if verb.dep_ == "pcomp" and depth < 3 and verb.head.head.i != verb.head.i:  # "began by saying"
        return subject(verb.head.head, depth + 1)
    return None


def _past_hyphen(first, verb):
    """A subject the parser cut at a hyphen ("Co-host Mika Brzezinski", "The ex-wife of X" give the verb a subject
    per piece): the last piece, the head of the phrase; ``hyphen_start`` gives the pieces before it back."""
    pieces = [child for child in verb.children if child.dep_ in _SUBJECT_DEPS and child.i >= first.i]
    last = first
    for piece in pieces[1:]:
        joined = all(not token.whitespace_ for token in verb.doc[last.i : piece.left_edge.i])
        if not joined or piece.left_edge.i <= last.i:
            break
        last = piece
    return last


def hyphen_start(token) -> int:
    """Where the phrase of ``token`` begins once the pieces of a hyphenated word before it are back, with their
    determiner: the index of "The" in "The ex-wife of X"."""
    doc = token.doc
    first = token.left_edge.i
    moved = False
    while (
        first >= 2
        and doc[first - 1].text == "-"
        and not doc[first - 1].whitespace_
        and not doc[first - 2].whitespace_
        and doc[first - 2].is_alpha
    ):
        first -= 2
        moved = True
    if moved and first > 0 and doc[first - 1].dep_ in ("det", "poss") and doc[first - 1].head.i >= first:
        first -= 1
    return first


def _reduced_passive(verb) -> bool:
    """ "told to", "urged to" with no listener between: the subject is the one told, not the teller (active "asked
    to speak" is the subject's own request, so "asked" is not one of them)."""
    doc = verb.doc
    return (
        verb.lower_ in _TOLD_FORMS
        and verb.i + 1 < len(doc)
        and doc[verb.i + 1].lower_ == "to"
        and not any(child.dep_ in ("dobj", "dative", "iobj") for child in verb.children)
    )


_TOLD_FORMS = frozenset({"told", "urged", "ordered", "warned", "advised", "instructed"})


def _agent(verb):
    """The "by" phrase of a passive verb: "residents were told by the mayor" -> the mayor."""
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
            return objects[0] if objects else None
    return None


# Verbs by which someone makes a document theirs: "He released a letter that says ...", not "He believed the polls
# that showed ...".
_MAKING_VERBS = frozenset(
    form
    for stem in ("release", "issue", "publish", "post", "file", "air", "unveil", "launch", "circulate")
    for form in (
        stem,
        stem + ("es" if stem.endswith("h") else "s"),
        stem.removesuffix("e") + "ed",
        stem.removesuffix("e") + "ing",
    )
) | frozenset("send sends sent sending write writes wrote writing put puts putting run runs ran running".split())


def _named_head(token):
    """ "McConnell, now the Senate majority leader, who said": the name an appositive describes; "He released a
    letter that says": who released the document (the subject of the verb whose object it is)."""
    if token.dep_ == "dobj" and token.lower_ in PUBLISHED_BY and token.head.lower_ in _MAKING_VERBS:
        maker = next((child for child in token.head.children if child.dep_ in _SUBJECT_DEPS), None)
        if maker is not None:
            return maker
    return token.head if token.dep_ == "appos" and token.head.tag_ in ("NNP", "NNPS") else token


def _inverted_subject(verb):
    """ ", says Quebec negotiator Raymond Bachand": a name right after a cue that follows a comma or a quotation."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text not in (",", "”", '"', "—", "–") or verb.tag_ == "VBG":
        return None  # ", saying Christie was wrong": a participle's subject is never after it
    if QUOTE_CUE_FORMS.get(verb.lower_) in _LISTENER_VERBS:  # ", told MSNBC": the name after is who was told
        return None
    for child in verb.children:  # a subject before the verb wins when it names someone or is a pronoun
        if (
            child.dep_ in _SUBJECT_DEPS
            and child.i < verb.i
            and (
                child.tag_ in ("PRP", "WP", "NNP", "NNPS")  # "Ada Lund, who ..., praised Olsen": not Olsen
                or any(t.ent_type_ in ("PERSON", "ORG") for t in child.subtree)
            )
        ):
            return None
    for entity in doc.ents:
        if entity.label_ in ("PERSON", "ORG") and verb.i < entity.start <= verb.i + 5:
            between = doc[verb.i + 1 : entity.start]
            if not any(t.is_punct or t.dep_ == "prep" or t.tag_ == "IN" for t in between):
                head = entity.root  # climb to the head of the phrase: "Group Manager Declan Fairweather"
                # by position: spaCy makes a new Token object on every access, so ``is`` never finds the root
                while head.head.i != head.i and head.head.i > verb.i and head.head.tag_.startswith("NN"):
                    head = head.head
                return head
    return None


def participle(token) -> bool:
    """A participle describing the noun before it ("residents opposed to the plan", the tagger perhaps taking it for
    a past tense; "people living nearby"), not a clause of its own ("claims that X had refused")."""
    return (
        token.dep_ == "acl"
        and token.tag_ in ("VBN", "VBD", "VBG")
        and not any(child.dep_ in _CLAUSE_DEPS for child in token.children)
    )


_CLAUSE_DEPS = frozenset({"aux", "auxpass", "nsubj", "nsubjpass"})


def described(token, offset: int, span: tuple[int, int] | None, cue) -> tuple[int, int] | None:
    """A common noun's speaker span with the participle or the restrictive relative clause after it that says who
    is meant, when short and plain: "people living in Pellham", "figures submitted with the planning application",
    "executives who have worked with him" (no comma, at most ``DESCRIBING_WORDS`` words, the ``cue`` token not in it:
    in "cities that support the rules" the clause is what is attributed)."""
    if token is None or span is None or token.tag_ not in ("NN", "NNS"):
        return None
    doc = token.doc
    for child in token.children:
        # Not a past tense the parser hung on the noun ("a group of rabbis called for a boycott").
        describes = participle(child) and child.tag_ != "VBD"
        if child.i > token.i and (describes or _restrictive_relative(child)):
            first, last = child.left_edge.i, child.right_edge.i
            words = doc[token.i : last + 1]
            if any(t.is_punct for t in words) or last - first + 1 > DESCRIBING_WORDS or first <= cue.i <= last:
                return None
            end = offset + doc[last].idx + len(doc[last].text)
            return (span[0], end) if end > span[1] else None
    return None


def _restrictive_relative(token) -> bool:
    """A relative clause opened by "who" or "that" (one set off by a comma is no part of who is meant)."""
    return token.dep_ == "relcl" and token.doc[token.left_edge.i].lower_ in ("who", "that")


DESCRIBING_WORDS = 12
