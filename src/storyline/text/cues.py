"""Attribution cues: the verbs and phrases that tell who said (or believes) what.

Shared by every stage that needs to know whether a sentence reports speech: quotes, disagreements.
"""

from __future__ import annotations

import re

# Verbs of saying: the usual frames for direct and reported speech.
SPEECH_VERBS = frozenset(
    """
    say tell add warn state note explain claim argue insist announce report write tweet ask reply respond answer
    comment remark declare suggest acknowledge admit concede confirm deny stress emphasize emphasise predict promise
    pledge vow recall caution complain contend assert maintain testify urge continue conclude reveal disclose
    indicate mention observe reiterate repeat recount quip joke lament shout scream yell whisper post allege
    announce boast brag charge counter retort protest concur agree disagree estimate propose recommend demand
    declare describe accuse criticize criticise praise blame thank question wonder speculate hint signal
    tell inform advise assure reassure complain grumble muse opine point echo
    """.split()
)
# Verbs of belief and intention, which PolNeAR-style annotation also counts as attribution.
BELIEF_VERBS = frozenset(
    """
    believe think hope fear expect know feel worry doubt want wish suspect consider assume reckon guess
    """.split()
)
# Verbs whose object is what is attributed ("called him a liar", "praised the ruling", "a poll shows ...").
STANCE_VERBS = frozenset(
    """
    call describe accuse praise criticize criticise blame thank label dub slam blast attack dismiss reject defend
    endorse support back oppose condemn applaud credit mock ridicule decry welcome question challenge cite show find
    prefer favor favour list discuss mention push demand urge ask refuse decline vote promise pledge vow propose
    """.split()
)
CUE_VERBS = SPEECH_VERBS | BELIEF_VERBS | STANCE_VERBS

_IRREGULAR = {
    "said": "say",
    "says": "say",
    "saying": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "thought": "think",
    "knew": "know",
    "known": "know",
    "felt": "feel",
    "spoke": "speak",
    "spoken": "speak",
    "meant": "mean",
}
# Multi-word cues matched on lower-cased text.
CUE_PHRASES = ("according to", "in a statement", "in an interview", "pointed out", "points out", "point out")


def _forms(lemma: str) -> set[str]:
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif re.search(r"(s|sh|ch|x|z)$", lemma):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
        if re.search(r"[^aeiou][aeiou][bdgmnprt]$", lemma) and len(lemma) <= 4:  # stop -> stopped
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


# Every inflected form of a cue verb -> its lemma.
CUE_FORMS: dict[str, str] = {form: lemma for lemma in sorted(CUE_VERBS) for form in _forms(lemma)}
CUE_FORMS.update({form: lemma for form, lemma in _IRREGULAR.items() if lemma in CUE_VERBS})

_CUE_WORD = re.compile(r"\b(" + "|".join(sorted(map(re.escape, CUE_FORMS), key=len, reverse=True)) + r")\b")
_WORDS = re.compile(r"\w+")
_CUE_PHRASE = re.compile(r"\b(" + "|".join(map(re.escape, CUE_PHRASES)) + r")\b")


def cue_lemma(word: str) -> str | None:
    """The cue verb a word form belongs to (``"warned"`` -> ``"warn"``), or None."""
    return CUE_FORMS.get(word.lower())


def has_cue(text: str, *, speech_only: bool = False) -> bool:
    """Whether ``text`` holds a cue verb form or a cue phrase ("according to")."""
    lowered = text.lower()
    if _CUE_PHRASE.search(lowered):
        return True
    # Every cue form is one run of word characters, so ``_CUE_WORD`` matches exactly the whole words that are cue
    # forms: looking the words up is the same test, without trying hundreds of alternatives at every position.
    found = _WORDS.findall(lowered)
    if speech_only:
        return any(CUE_FORMS.get(word) in SPEECH_VERBS for word in found)
    return not CUE_FORMS.keys().isdisjoint(found)


__all__ = [
    "BELIEF_VERBS",
    "CUE_FORMS",
    "CUE_PHRASES",
    "CUE_VERBS",
    "SPEECH_VERBS",
    "STANCE_VERBS",
    "cue_lemma",
    "has_cue",
]
