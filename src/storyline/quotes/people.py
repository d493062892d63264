"""People named in sentences the parser did not see: capitalised names found in the plain text, with the titles
written before them ("Senate Minority Leader Harry M. Reid"), and fuller forms of one-word names."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

# Honorifics and titles that are not part of a name ("Mr. Smith", "President Trump").
HONORIFICS = set(
    """
    mr mrs ms miss dr prof sir dame lord lady rev sen senator rep gov governor president gen general col capt lt sgt
    judge justice mayor minister secretary chancellor prime vice speaker chairman chairwoman king queen prince
    princess pope st former candidate nominee councillor councilor councilman councilwoman alderman commissioner
    inspector superintendent constable detective professor ambassador bishop archbishop father coach captain admiral
    major deputy mp chief director officer spokesman spokeswoman congressman congresswoman sheriff representative
    leader sens reps govs messrs
""".split()
)
# Last words of capitalised names that are organisations, places, parties or days rather than people ("the Kent
# County Republican headquarters").
NOT_SURNAMES = set(
    """
    Republican Republicans Democrat Democrats Democratic
    Union Party Bank Council Committee Ministry Department University College School Hospital Street Road Avenue
    Bridge River Park Square Station Airport Port City County State States Republic Kingdom Agency Service Court
    House Office Group Company Corporation Association Institute Foundation Center Centre Times Post News Press
    Fire Rescue Police Army Force Navy Close Lane Way Hall Drive Place Gardens Estate Centre Docks Market
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
    September October November December Act Day Games Cup League Club Fund Trust Board Authority Commission
    Convention Caucus Congress Senate Assembly Coalition Conference
""".split()
)
# Capitalised words that start sentences rather than names ("The Carson campaign").
SENTENCE_WORDS = set(
    """
    the a an but and when if as in on at for after before while then so said says told asked why how what where who
    with without once absent did does do is was were are would could should can has have had not even just only
    also still yet since because though although unlike like including by from to of into about against during under
    over upon via whether which whose whom this these those there here meanwhile however thanks dear
    despite amid among amongst beyond besides unless until following according
    our my your their its his her we they you it that maybe perhaps certainly surely clearly indeed yes no never
    nothing nobody everyone everything every whatever whoever often sometimes always
""".split()
)
# Capitalised words that open a run of capitals without being a first name ("Follow Breitbart News", "Six Gannett",
# "Democrat Zephyr Teachout", "Actress Ada Lund").
NOT_FIRST_NAMES = set(
    """
    follow read watch contact email like share subscribe click see one two three four five six seven eight nine ten
    many some several most all both each every other another former late top senior republican republicans democrat
    democrats democratic actress actor singer rapper comedian author novelist businessman businesswoman billionaire
    pastor
    """.split()
)
NOT_NAME_STARTS = HONORIFICS | SENTENCE_WORDS | NOT_FIRST_NAMES
# Capitalised words after a person's name that make it a thing of theirs ("Obama Administration", "Trump Tower").
NOT_NAME_ENDS = set(
    """
    administration campaign tower towers organization presidency era doctrine library center plan care act rule
    """.split()
)
# One word of a name: "Reid", "McConnell", "O'Rourke", "Smith-Ramos", "Sen." or a middle initial "M."
_NAME_WORD = r"(?:O['’])?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?\.?|[A-Z]\."
# The first word of a run: a ``_NAME_WORD`` with no word character nor full stop before it, written to start with the
# capital every form of it starts with, so that the search skips to capitals instead of looking behind everywhere.
_FIRST_NAME_WORD = (
    r"[A-Z](?<![\w.].)(?:(?<=O)['’][A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?\.?"
    r"|[a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?\.?|\.)"
)
_CAPITALISED_RUN = re.compile(rf"{_FIRST_NAME_WORD}(?: (?:{_NAME_WORD}))+\b\.?")
_NON_SPACE = re.compile(r"\S+")
# A name followed by its role and a cue, or by a cue: "Marguerite Osei, the chief executive of X, said".
_SPEAKS_NEXT = re.compile(r"(?:,[^,.\n]{0,80},)?\s+(?:said|says|told|added|warned)\b")
_ORGANISATION_GOES_ON = re.compile(r"\s+(?:and|of|for|&)\s+[A-Z]")  # "Kestrel Valley Fire and Rescue"
_PRONOUN = re.compile(r"\b(?:he|she|He|She)\b")
# The last word of a name, and what may stand before it: "Donald J. Trump", "Mr. Trump", "President Trump".
_LONGER_FORM = r"\b((?:(?:[A-Z][a-z]+\.?|[A-Z]\.) ){1,3})"


# An author line closing an opinion piece or a letter, the writer's role after "is": "Rick Scott is the governor of
# Florida.", "Glenn Harlan Reynolds, a law professor, is a member of ...", "Ada Lund writes from Oslo." (not "Ada
# Lund is expected to ...", the last line of a report).
_AUTHOR_LINE = re.compile(
    r"((?:[A-Z][a-z]+|[A-Z]\.)(?: (?:[A-Z][\w'’\-]+|[A-Z]\.)){1,3})"  # the name
    r"(?:,(?:[^.\n]|\.(?!\s)){1,120},)? (?:(?:is|was) (?:an?|the|[A-Z]|\w+-in-)|writes\b)"  # ", D-Ore.," is ...
)
_OPENING_TITLE = re.compile(r"[A-Z][a-z]+\.? (?=[A-Z])")
# A closing credit of a book excerpt: "From THE HARBOUR by Ada Lund.", "Copyright © 2015 by Ada Lund."
_CREDIT_LINE = re.compile(
    r"(?:(?:Excerpted |Adapted |Reprinted )?[Ff]rom\b[^\n]{1,120}?|Copyright\b[^\n]{0,20}?) by "
    r"((?:[A-Z][a-z]+|[A-Z]\.)(?: (?:[A-Z][\w'’\-]+|[A-Z]\.)){1,3})(?=[.,;]|$)"
)


def _initial(word: str) -> bool:
    return len(word) == 2 and word[1] == "."


def ends_sentence(word: str) -> bool:
    return word.endswith(".") and not _initial(word) and word[:-1].lower() not in HONORIFICS


def capitalised_people(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """``(start, end, title)`` of each person named by two or three capitalised words (middle initials aside) whose
    last word the article also uses alone, or that "he"/"she" or a speech verb follows; ``taken`` are spans already
    named by the parser. In a longer run of capitals the name is its last words ("Senate Minority Leader Harry Reid":
    Harry Reid, titled "Senate Minority Leader"), and a headline's run may hold several names."""
    found = []
    for match in _CAPITALISED_RUN.finditer(text):
        words = [(m.start(), m.group()) for m in _NON_SPACE.finditer(text, match.start(), match.end())]
        part: list[tuple[int, str]] = []
        for at, word in words:
            part.append((at, word))
            if ends_sentence(word) or (at, word) == words[-1]:  # "Virginia. The National ...": a sentence ends
                found += _names_in_part(text, part, taken)
                part = []
    return found


def _names_in_part(text: str, part: list[tuple[int, str]], taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    part = [(at, word.rstrip(".") if ends_sentence(word) else word) for at, word in part]
    titled = 0
    while titled < len(part) and part[titled][1].lower().rstrip(".") in NOT_NAME_STARTS:
        titled += 1
    words = part[titled:]
    found: list[tuple[int, int]] = []
    for last in range(len(words) - 1, 0, -1):  # from the right, so "Harry Reid" is taken before "Leader Harry"
        at, word = words[last]
        end = at + len(word)
        final = last == len(words) - 1
        if word.endswith(".") or word in NOT_SURNAMES or word.lower() in NOT_NAME_STARTS:
            continue
        if found and end > found[-1][0]:
            continue
        # inside a longer run of capitals (a headline, titles): the word used by itself elsewhere, twice
        if not final and sum(_by_itself(text, p, len(word)) for p in phrase_positions(text, word)) < 2:
            continue
        titles = [n for n in range(last) if words[n][1].lower().rstrip(".") in NOT_NAME_STARTS]
        first = titles[-1] + 1 if titles else 0
        kept = [n for n in range(first, last + 1) if not _initial(words[n][1])]
        if len(kept) < 2:
            continue
        if len(kept) > 3 or not all(words[n][1].lower().rstrip(".") in NOT_NAME_STARTS for n in range(first)):
            first = kept[-2]  # "Senate Minority Leader Harry M. Reid": the last word and the one before, initials kept
        if words[first][1] in NOT_SURNAMES:  # not "State Clinton" of "Secretary of State Clinton"
            continue
        start = words[first][0]
        if any(a < end and start < b for a, b in taken):
            continue
        titled_name = bool(titles) or (titled > 0 and first == 0)
        if final and not titled_name and _ORGANISATION_GOES_ON.match(text[end : end + 8]):
            continue
        # the last word of the run used alone after it (looked for last: the tests above are cheaper)
        alone = not final or any(
            not text.endswith(words[last - 1][1] + " ", 0, p) for p in _phrase_positions(text, word, end)
        )
        if alone or _PRONOUN.search(text, end, end + 400) or _SPEAKS_NEXT.match(text, end):
            found.append((start, end))
    found.reverse()  # each name's title: the words between the name before it (or the run's start) and it
    starts = [part[0][0]] + [end for _, end in found[:-1]]
    titles = [_without_sentence_opener(text[since:start].strip(" ,"), text) for since, (start, _) in zip(starts, found)]
    return [(start, end, title if _is_title(title) else "") for (start, end), title in zip(found, titles)]


def _without_sentence_opener(title: str, text: str) -> str:
    """``title`` without a first word capitalised only because it opens a sentence: the article writes it in lower
    case elsewhere ("Even Senator" -> "Senator", "But Senate Minority Leader" -> "Senate Minority Leader")."""
    words = title.split()
    if len(words) > 1 and _used_in_lower_case(words[0].lower(), text):
        return " ".join(words[1:])
    return title


def _used_in_lower_case(word: str, text: str) -> bool:
    """Whether ``text`` writes ``word`` as a word of its own: not after a word character, a full stop or a full stop
    and a space, and ending where a word does (plain string search: no pattern compiled per word)."""
    ends_in_word = _is_word_char(word[-1])
    at = text.find(word)
    while at >= 0:
        after = at + len(word)
        if (
            (at == 0 or not (_is_word_char(text[at - 1]) or text[at - 1] == "."))
            and (at < 2 or text[at - 2 : at] != ". ")
            and ends_in_word != (after < len(text) and _is_word_char(text[after]))
        ):
            return True
        at = text.find(word, at + 1)
    return False


def _is_title(words: str) -> bool:
    """ "Senate Minority Leader", "Harbour Minister", "Sen.": not "Goes After" in a headline."""
    return bool(words) and words.split()[-1].lower().rstrip(".") in HONORIFICS


def _by_itself(text: str, at: int, length: int) -> bool:
    """Whether the word at ``at`` stands outside a run of capitals ("Mr. Reid said", not "Reid Hoffman")."""
    before = re.search(r"([A-Z][\w.'’\-]*) $", text[max(0, at - 24) : at])
    if before and before.group(1).lower().rstrip(".") not in HONORIFICS:
        return False
    return not re.match(r" [A-Z]", text[at + length : at + length + 2])


def couple_form(text: str, first_name: str, full_names: set[str]) -> str | None:
    """A first name written before "and" and another person's full name takes that surname: "Khizr" of "Khizr and
    Ghazala Khan" is Khizr Khan, "Bill" of "Bill and Hillary Clinton" Bill Clinton. Only a word the article writes
    nowhere else: "Obama" of "Obama and Hillary Clinton" is a surname of its own, written alone elsewhere."""
    pattern = r"\b" + re.escape(first_name) + r"\s+and\s+([A-Z][\w'’.-]*)\s+([A-Z][\w'’-]+)\b"
    matches = list(re.finditer(pattern, text))
    if not matches or len(re.findall(r"\b" + re.escape(first_name) + r"\b", text)) > len(matches):
        return None
    for match in matches:
        if f"{match.group(1)} {match.group(2)}" in full_names:
            return f"{first_name} {match.group(2)}"
    return None


def longer_form(text: str, word: str) -> str | None:
    """The name most often written ending with a one-word name, titles left out: "Donald J. Trump" for "Trump"
    when the article writes "President Donald J. Trump" or "Donald J. Trump" (not "Mr. Trump")."""
    forms = Counter()
    for match in re.finditer(_LONGER_FORM + re.escape(word) + r"\b", text):
        before = match.group(1).split()
        titles = [
            n
            for n, w in enumerate(before)
            if (w.lower().rstrip(".") in NOT_NAME_STARTS and not _initial(w)) or ends_sentence(w)
        ]
        if titles:  # "Navy Capt. Erling Dahl", "... in May. Oyelaran": the name starts after a title or a full stop
            before = before[titles[-1] + 1 :]
        if before and not _initial(before[0]):
            forms[" ".join([*before, word])] += 1
    return forms.most_common(1)[0][0] if forms else None


def name_starting_with(text: str, word: str) -> str | None:
    """The two-word name most often written starting with a one-word name no longer name ends with: "Wendy Long"
    for "Wendy", "Ban Ki-moon" for "Ban"; never a longer run of capitals ("Will Twitter Survive", "Obama Presidential
    Center") nor one ending in an organisation's or a thing's word ("Clinton Foundation", "Obama Administration")."""
    forms = Counter()
    for match in re.finditer(r"\b" + re.escape(word) + r" ([A-Z][a-z]+(?:-[A-Za-z]+)?)\b", text):
        last = match.group(1)
        if re.match(r" ?[A-Z]|-", text[match.end() : match.end() + 2]) or _in_longer_run(text, match.start()):
            continue
        compound = f"{word}-{last}" in text  # "Glass Steagall" where the article writes "Glass-Steagall": a law
        if not compound and last not in NOT_SURNAMES and last.lower() not in NOT_NAME_STARTS | NOT_NAME_ENDS:
            forms[match.group()] += 1
    return forms.most_common(1)[0][0] if forms else None


def closing_author(text: str) -> str | None:
    """The writer an article names in an author line among its last two paragraphs ("Rick Scott is the governor of
    Florida."): whom its own "I" means, outside quotations."""
    for paragraph in [p.strip() for p in text.strip().split("\n") if p.strip()][-2:]:
        title = _OPENING_TITLE.match(paragraph)
        if title and title.group().strip().lower().rstrip(".") not in HONORIFICS:
            title = None  # "Rep. Ada Lund, D-Ore., is ...": only a title may stand before the name
        line = _AUTHOR_LINE.match(paragraph, title.end() if title else 0)
        if line is not None and _may_be_person(line.group(1)):
            return line.group(1)
        credit = _CREDIT_LINE.match(paragraph)
        if credit is not None and _may_be_person(credit.group(1)):
            return credit.group(1)
    return None


# The labels of a question-and-answer piece: "Q: ..." and "A: ..." opening paragraphs, or a "Q" the copy ran
# into its question ("QWhat would have happened?").
_INTERVIEW_LABEL = re.compile(r"^[ \t]*(?:(Q|A|QUESTION|ANSWER)[ \t]*[:.][ \t]|(Q)(?=[A-Z][a-z']))", re.MULTILINE)


def interview_answers(text: str) -> tuple[int, list[tuple[int, int]]]:
    """Where the first question of a question-and-answer piece stands and the spans of its answers (from an "A:"
    label to the next "Q:"), when the text has at least two of each; else ``(len(text), [])``."""
    labels = [
        (match.start(), (match.group(1) or match.group(2))[0]) for match in _at_line_starts(_INTERVIEW_LABEL, text)
    ]
    if sum(kind == "Q" for _, kind in labels) < 2 or sum(kind == "A" for _, kind in labels) < 2:
        return len(text), []
    answers = []
    for n, (at, kind) in enumerate(labels):
        if kind == "A":
            after = next((b for b, other in labels[n + 1 :] if other == "Q"), len(text))
            answers.append((at, after))
    return next(at for at, kind in labels if kind == "Q"), answers


# A paragraph that signs a letter or a reader's post: a name alone, with a town after it ("Ada Lund. Oslo."), or a
# handle ("@harbourfan").
_SIGNATURE = re.compile(
    r"^[ \t]*(?:(@\w+)|((?:(?:[A-Z][a-z]+|[A-Z]\.) ){1,2}[A-Z][\w'’\-]+))\.?"
    r"(?:,? [A-Z][\w'’\-]*\.?(?: [A-Z][\w'’\-]*\.?)?)?[ \t]*$",
    re.MULTILINE,
)


def signatures(text: str) -> list[tuple[int, str | None]]:
    """Where the paragraphs that sign letters stand and the name each gives (None for a handle), when at least two
    give a name (a page of readers' letters); else none."""
    found = [
        (m.start(), m.group(2)) for m in _at_line_starts(_SIGNATURE, text) if m.group(1) or _may_be_person(m.group(2))
    ]
    return found if sum(name is not None for _, name in found) >= 2 else []


def _at_line_starts(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """``pattern.finditer(text)`` for a pattern that starts with ``^`` (multi-line) and never matches across a line
    break: tried at each line's start only, not at every character."""
    at = 0
    while at <= len(text):
        match = pattern.match(text, at)
        if match is not None:
            yield match
        at = text.find("\n", at) + 1
        if at == 0:
            return


def _may_be_person(name: str) -> bool:
    return name.split()[0].lower() not in NOT_NAME_STARTS and name.split()[-1] not in NOT_SURNAMES


def headline_form(title: str, word: str, text: str, taken: set[str]) -> str | None:
    """The two-word name the headline writes ending with a one-word name of the text: "Hillary Clinton" for "Clinton"
    from "Hillary Clinton Goes After Donald Trump". A headline capitalises every word, so the first word must be one
    the text never writes in lower case ("Attacks Clinton" is no name), no title or opener, and no other name of the
    article (``taken``: "Sanders Clinton Debate")."""
    for match in re.finditer(r"(?<![\w.'’\-])([A-Z][a-z]+) " + re.escape(word) + r"\b(?!-\w)", title):
        first = match.group(1)
        if first.lower() in NOT_NAME_STARTS or first in taken or first in NOT_SURNAMES:
            continue
        if re.search(rf"\b{re.escape(first.lower())}\b", text):
            continue
        after = re.match(r" ([A-Z][a-z]+)", title[match.end() :])
        if after and (after.group(1).lower() in NOT_NAME_ENDS or after.group(1) in NOT_SURNAMES):
            continue  # "Clinton Foundation", "Trump Tower"
        return match.group()
    return None


def _in_longer_run(text: str, at: int) -> bool:
    """Whether a capitalised word other than a title stands right before ``at`` ("Will Twitter", not "Mr. Ban" nor
    "U.N. Secretary-General Ban")."""
    before = re.search(r"([A-Z][\w.'’\-]*) $", text[max(0, at - 30) : at])
    return bool(before) and not any(part.lower().rstrip(".") in NOT_NAME_STARTS for part in before.group(1).split("-"))


def phrase_positions(text: str, phrase: str, start: int = 0) -> list[int]:
    """Where ``phrase`` occurs in ``text`` from ``start`` as whole words (plain string search, no regex to build)."""
    return list(_phrase_positions(text, phrase, start))


def _phrase_positions(text: str, phrase: str, start: int = 0) -> Iterator[int]:
    """``phrase_positions``, one at a time: a test that stops at the first need not find the others."""
    at = text.find(phrase, start)
    while at >= 0 and phrase:
        after = at + len(phrase)
        if (at == 0 or not _is_word_char(text[at - 1])) and (after >= len(text) or not _is_word_char(text[after])):
            yield at
        at = text.find(phrase, at + 1)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"
