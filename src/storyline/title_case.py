"""Headlines written in capitals, put in sentence case the way their own article writes each word.

>>> from_capitals("COLTS BEAT CHIEFS TO CLINCH BERTH", "The Colts and the Chiefs met. The Colts beat the Chiefs.")
'Colts beat Chiefs to clinch berth'
"""

from __future__ import annotations

import re

from storyline.titles import URL_PATTERN, in_capitals

_WORD = re.compile(r"(?:^|(?<=(\S))\s+)([A-Za-z][\w'’-]*)")
_OPENERS = '.!?"“(:'  # a word after one of these may be capitalised only because it opens a sentence
_LONGEST_NAME = 4


def from_capitals(line: str, body: str) -> str | None:
    """``line``, a headline in capitals ("COLTS BEAT CHIEFS 20-13 TO CLINCH PLAYOFF BERTH"), in sentence case, each
    word cased as ``body`` writes it inside a sentence ("Colts beat Chiefs 20-13 to clinch playoff berth"), a
    name of several words as a whole ("White House"); None when ``line`` is not in capitals or reads as a label
    rather than a headline: only names, a short line without a verb ("THE WHITE HOUSE"), a stamp.

    A word the text never writes inside a sentence goes to lower case, unless it has no vowel (an acronym: "MVC").
    """
    if not in_capitals(line):
        return None
    inside, opening, names = _forms(body)
    tokens = line.split()
    cores = [token.strip(".,;:!?\"'“”‘’()") for token in tokens]
    cased: list[str | None] = [None] * len(tokens)
    start = 0
    while start < len(tokens):
        for size in range(min(_LONGEST_NAME, len(tokens) - start), 1, -1):
            name = names.get(tuple(core.lower() for core in cores[start : start + size]))
            if name:
                cased[start : start + size] = name
                start += size
                break
        else:
            start += 1
    words = []
    for token, core, name_form in zip(tokens, cores, cased, strict=True):
        if not core.replace("'", "").replace("’", "").replace("-", "").isalpha():
            words.append(token)
            continue
        seen = inside.get(core.lower()) or opening.get(core.lower())
        if name_form:
            form = name_form
        elif seen:
            form = max(seen, key=lambda candidate: (seen[candidate], candidate.islower()))
        else:
            form = core if not re.search(r"[aeiouy]", core.lower()) else core.lower()
        words.append(token.replace(core, form, 1))
    if sum(bool(re.search(r"[A-Za-z]{2}", word)) for word in words) < 3:
        return None  # a stamp ("10 : 55 P . M . FEB . 2")
    if not any(word[:1].islower() for word in words[1:]):
        return None  # only names: a label
    if len(words) < 4:
        from storyline.text.verbs import has_main_verb

        if not has_main_verb(" ".join(words)):
            return None  # a short line without a verb: a label, not a headline
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)


def _forms(body: str) -> tuple[dict, dict, dict]:
    """How ``body`` writes each word inside a sentence and where one opens (lower-cased word -> form -> count), and
    its names of two to four capitalised words that start inside a sentence (lower-cased words -> forms). Lines in
    capitals and URLs (a slug writes every word in lower case) say nothing of a word's case."""
    inside: dict[str, dict[str, int]] = {}
    opening: dict[str, dict[str, int]] = {}
    names: dict[tuple[str, ...], list[str]] = {}
    for text_line in body.splitlines():
        letters = [ch for ch in text_line if ch.isalpha()]
        if sum(ch.isupper() for ch in letters) > 0.8 * len(letters) or URL_PATTERN.search(text_line):
            continue
        run: list[str] = []
        for match in _WORD.finditer(text_line):
            word, before = match.group(2), match.group(1)
            opens = before is None or before in _OPENERS
            forms = opening if opens else inside
            seen = forms.setdefault(word.lower(), {})
            seen[word] = seen.get(word, 0) + 1
            if word[0].isupper() and not opens and (not run or before.isalpha()):
                run.append(word)  # a name goes on while capitalised words follow one another
            else:
                _add_names(names, run)
                run = [word] if word[0].isupper() and not opens else []
        _add_names(names, run)
    return inside, opening, names


def _add_names(names: dict[tuple[str, ...], list[str]], run: list[str]) -> None:
    for size in range(2, min(_LONGEST_NAME, len(run)) + 1):
        for start in range(len(run) - size + 1):
            words = run[start : start + size]
            names.setdefault(tuple(word.lower() for word in words), list(words))
