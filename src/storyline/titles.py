"""Titles an editor would sign: real headlines, or a short title made from a lead's main clause.

A line is a real headline when it reads like one: a handful of words in sentence or title case, not a URL, not a
line in capitals, not a photo credit or a player's leftovers ("CLOSE", "Getty 2/37"), not a date line and not a
sentence cut off with an ellipsis. Where an article has none, ``short_title`` makes one from the lead: its main
clause without the dateline, the attribution, asides and day stamps, at most about 80 characters, ending at a clause
boundary or before a phrase that only adds where or when; where none fits, the main clause whole, never a cut
between any two words.

>>> is_headline("Progress in Nafta talks, but very slow: US trade official")
True
>>> is_headline("http : / / newsok . com / article / 123")
False
>>> short_title("OTTAWA (AFP) - Talks on the trade pact have advanced slowly, a US trade official said Monday.")
'Talks on the trade pact have advanced slowly'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from storyline.model import Article, Event

MAX_TITLE_CHARS = 80
# How far over ``MAX_TITLE_CHARS`` a title may run where no cut within it fits.
_SLACK = 20

URL_PATTERN = re.compile(
    r"^\s*(?:https?\s*:|www\s*\.)|\b[\w-]+\s*\.\s*(?:com|org|net|co\.uk|html?)\b\s*(?:/|$)", re.IGNORECASE
)
# Photo credits, gallery counters and video-player leftovers that scrapers take for headlines.
_CREDIT = re.compile(
    r"©|\(c\)|\bcopyright\b|\bphoto(?:graph)?s?\s*(?:credit|by)?\s*:|\b(?:getty(?:\s+images)?|shutterstock|"
    r"afp photo|ap photo|reuters/|epa)\b|\b\d+\s*/\s*\d+\b|^(?:close|play|watch|video|image|gallery|advertisement)\b",
    re.IGNORECASE,
)
# A line that credits a picture or names a writer or a source rather than telling news: "Courtesy of the Gazette :",
# "Photo: Jo Bell", "By Jo Bell", "Source: Harbour News". A line ending in a colon introduces what follows.
_CREDIT_LINE = re.compile(
    r"^\W*(?:(?i:courtesy(?:\s+of)?\b|(?:photo(?:graph)?s?|pictures?|images?|video|credits?|sources?)\s*(?::|by\b)"
    r"|getty\b)|[Bb][Yy]\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
    r"\s*(?:[,|/]\s*(?:the\s+)?[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,4}\s*)?$)"
    r"|:\s*$",
)
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z][^<>]*>")  # scraped HTML left in a title
_CUT = re.compile(r"(?:…|\.\.\.|\s-)\s*$")
# Where a clause ends: a comma or semicolon before a conjunction or a relative word, a dash, a colon. Every match
# starts at a space or one of ;:, (the first test, so that other positions fail at once), and the conjunction is
# looked for before the words it must not follow (the same matches: the tests hold at one position, in any order).
_CLAUSE_BREAK = re.compile(
    r"(?=[\s;:,])\s*(?:[;:]|\s(?:--|[–—])\s|\s-\s(?=(?:and|but|while|as)\b)|,(?=\s+(?:and|but|while|which|who|where|"
    r"as|after|before|when|because|although|though|amid|despite|following|according|with|in\s+a|in\s+an|[a-z]+ing|the|"
    r"a|an)\b)"
    r"|(?=\s(?:while|as|after|because|before|amid|although|though|but|when)\s"
    r"(?!well\b|of\b|part\b|a\s+result\b|many\b|much\b|long\b|soon\b|far\b|few\b|little\b))"
    r"(?<!many)(?<!much)(?<!long)(?<!soon)(?<!well)(?<!far)(?<!few)(?<!such)(?<!same)(?<!help)(?<!nothing)(?<!all)"
    r"|(?=\sto\s(?!the\b|a\b|an\b|his\b|her\b|their\b|its\b|be\b)[a-z]+\s))"
)
# ", a US trade official said Monday" between commas or at the end: who said it, not what happened.
_ATTRIBUTION = re.compile(
    r",\s+(?:[^,;\"]{0,60}?\s)?(?:said|says|told\s+\w+|reported|announced)"
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday))?(?=\s*(?:,|$))"
)
# A subordinate clause before the main one: "After skipping rehab, Lindsay Lohan has checked in".
_LEADING_CLAUSE = re.compile(
    r"^(?:After|Before|While|Although|Though|Despite|As|When|Following|Amid|With|Since|Because|Once|Hours|Days|"
    r"In|On|At|For|Under|Without|According\s+to|[A-Z][a-z]+ing|[A-Z][a-z]+ed|Caught|Bent|Born|Known|Driven|Stung|"
    r"Struck|Stricken|Shaken|Torn|Beaten|Hit|Held|Built|Taken|Given|Written|Hidden|Stuck|Thrown)"
    r"\b[^,]{3,200},\s+(?=[A-Za-z])"
)


# A bracketed aside, or an appositive, relative or participial clause between commas: "Hansbrough , who came back
# ... ,", "White House officials , concerned that ... ,".
# Every match starts at a space, a bracket or a comma: other positions fail at the first test.
_ASIDE = re.compile(
    r"(?=[\s(,])(?:\s*\([^()]{0,80}\)|\s*,\s+(?:who|which|whose|a|an|the|[a-z]+ed|[a-z]+ing)\b[^,;]{3,200},(?=\s))"
)
# A day stamp, which a title does without: "on Friday", "late Tuesday night"; a bare day only after a name ("Hamas
# Monday denounced") or a speech verb ("said Friday that"), not where it dates a participle ("published Sunday").
_DAY_STAMP = re.compile(
    r"(?P<before>\S+)\s+(?P<on>(?:on|late|early)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"today|yesterday)(?:\s+(?:night|morning|afternoon|evening))?\b"
)


# ``_DAY_STAMP`` names one of these: a text without any has no day stamp.
_DAY_WORDS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "today", "yesterday")


def _without_day(match: re.Match) -> str:
    before = match.group("before")
    keep = not match.group("on") and not before[0].isupper() and before not in _SPEECH_VERBS
    return match.group(0) if keep else before


# Verbs of saying or deciding, after which a bare day is a day stamp ("warned Thursday that", "agreed Monday to").
_SPEECH_VERBS = frozenset(
    """said says announced reported confirmed told warned added urged insisted argued claimed denied declared
    predicted vowed pledged promised stated agreed decided ruled disclosed revealed acknowledged admitted""".split()
)
# A place given after the subject's head, before its verb: "The store near the Champs-Elysee was stormed".
_SUBJECT_PLACE = re.compile(
    r"^(?P<head>(?:[A-Z][^\s,]*|[a-z]+)(?:\s+[^\s,]+){0,8}?)\s+(?:near|outside|inside|in|at)\s+(?:the\s+)?[A-Z][^,]{1,40}?"
    r"(?=\s+(?:was|were|is|are|has|have|had|will)\s)"
)
# "X announced Friday that <what happened>": what was announced, when the whole is too long for a title.
_REPORTED = re.compile(
    r"^[^,;\"]{3,90}?\s(?:said|says|announced|reported|confirmed|disclosed|revealed)(?:\s+[A-Z]?[a-z]+){0,2}?"
    r"\s+that\s+(?P<what>(?:[A-Z]|(?:the|a|an)\s)[^;]{10,})$"
)
_PHRASE_BREAK = re.compile(
    r"\s(?=(?:in|at|on|near|from|with|after|during|over|outside|inside|for|by|since|"
    r"amid|under|across|last|this|late|early)\s)"
)
# Words a title cannot end on, because they need what was cut after them: determiners and possessives,
# prepositions, conjunctions and relative words, auxiliaries, and the adverbs of ``_LEANING``.
_DANGLING = frozenset(
    """a an the this these those each every some any no another of to and or but nor by for with at in on from as
    than that his her their its our my your whose valued worth about into onto under after before during against
    between among through without within across toward towards via per upon amid despite since until including
    because although though while whereas if unless whether when where who which said says is are was were be been
    being am has have had do does did will would shall should can could may might must seem seems seemed able
    unable poised""".split()
)
# Adverbs that qualify the phrase after them ("largely by appealing to ...", "only after ..."): a cut before that
# phrase takes them too.
_LEANING = frozenset(
    """largely mainly mostly partly partially chiefly primarily solely only just even especially particularly
    notably exactly precisely merely purely simply almost nearly roughly approximately very rather quite also""".split()
)
# Words after which "to" completes what they say rather than starting a clause of its own, so a title does not end
# before it: verbs, adjectives and nouns that take an infinitive ("agreed to", "is due to", "efforts to"), verbs
# whose "to" is a preposition of where, how much or what ("could lead to", "went to court", "fell to 3%").
_COMPLETED_BY_TO = frozenset(
    """want wants wanted offer offers offered threaten threatens threatened agree agrees agreed plan plans planned
    planning decide decides decided vote votes voted move moves moved prepare prepares prepared preparing hope hopes
    hoped expect expects expected refuse refuses refused fail fails failed promise promises promised vow vows vowed
    seek seeks sought seeking try tries tried trying attempt attempts attempted intend intends intended aim aims aimed
    need needs needed manage manages managed choose chooses chose opt opts opted pledge pledges pledged decline
    declines declined appear appears appeared seem seems seemed struggle struggles struggled rush rushes rushed
    continue continues continued begin begins began start starts started volunteer volunteered
    due able unable likely unlikely determined ready willing unwilling poised set scheduled about going eager keen
    reluctant free forced allowed required obliged supposed
    effort efforts bid bids attempt decision decisions chance chances agreement refusal failure right power
    authority way desire intention call calls order orders request requests deal deals push pressure
    lead leads led go goes went going gone return returns returned turn turns turned belong belongs belonging
    fly flies flew travel travels traveled travelled come comes came fall falls fell rise rises rose climb climbs
    climbed drop drops dropped increase increases increased decrease decreases decreased jump jumps jumped slip slips
    slipped soar soars soared raise raises raised lower lowers lowered cut cuts switch switched shift shifted
    contribute contributed contributing respond responds responded react reacted reply replied""".split()
)
# Verbs whose object the "to" after it belongs to: "forced the crews to halt", "sentenced the driver to life".
_OBJECT_THEN_TO = frozenset(
    """ask asks asked urge urges urged force forces forced allow allows allowed order orders ordered tell tells told
    persuade persuaded encourage encourages encouraged invite invites invited sentence sentences sentenced enable
    enabled prompt prompted press pressed push pushed help helps helped stab stabbed appoint appointed
    elect elected name named nominate nominated hire hired send sends sent""".split()
)
_DAYS_BEFORE_TO = frozenset("monday tuesday wednesday thursday friday saturday sunday today yesterday".split())
# What a cut leaves open at its end: a comma, an opening bracket, a dash.
_OPEN_PUNCTUATION = " ,;:([-–—―"
_LEANING_END = re.compile(r"(?:[\s,]+(?:" + "|".join(sorted(_LEANING)) + r"))+[\s,]*$", re.IGNORECASE)
# A present participle ("lobbying"), which is no finite verb: "A delegation of legislators lobbying against ...".
_PARTICIPLE = re.compile(r"\b[a-z]{3,}ing\b")


def is_headline(text: str | None, *, given: bool = False) -> bool:
    """Whether ``text`` reads like a real headline (see the module's rules). A title the source ``given`` as
    metadata is held to the junk rules only, not to a headline's length."""
    if not text:
        return False
    line = " ".join(text.split())
    words = line.split()
    if not given and (not 2 <= len(words) <= 25 or len(line) > 180):
        return False
    if (
        URL_PATTERN.search(line)
        or _CREDIT.search(line)
        or _CUT.search(line)
        or _MARKUP.search(line)
        or is_credit_line(line)
    ):
        return False
    if line[0].islower() or line.endswith((",", ";", ":")):
        return False
    if in_capitals(line):
        return False  # a line in capitals: a section label, a kicker or a date line
    from storyline.ingest.dates import date_from_line

    return date_from_line(line) is None


def is_credit_line(text: str) -> bool:
    """Whether ``text`` is a credit or a byline ("Courtesy of the Gazette :", "Photo: Jo Bell", "By Jo Bell") or a
    line introducing what follows (it ends in a colon): never a title, and no lead to make one from."""
    return bool(_CREDIT_LINE.search(" ".join(text.split())))


def lead_sentence(sentences: Sequence[str]) -> str:
    """The lead among an article's first sentences: the first that is neither a line in capitals (a kicker, a
    section, a shouted headline), a credit line nor a date or time stamp; the first sentence when all are."""
    return next(
        (text for text in sentences if not in_capitals(text) and not is_credit_line(text) and not _is_stamp(text)), ""
    ) or (sentences[0] if sentences else "")


# The words of a date or time stamp line ("Dec . 24 4 : 33 AM EST", "Thursday , March 14"): no news in it.
_STAMP_WORDS = frozenset(
    """jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september
    october november december mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday
    saturday sunday am pm a m p est edt cst cdt mst mdt pst pdt gmt utc bst cet ist et pt updated posted""".split()
)


def _is_stamp(text: str) -> bool:
    """Whether ``text`` is only a date or time stamp (numbers, months, days, clock words): no lead."""
    tokens = re.findall(r"[A-Za-z]+|\d+", text)
    return bool(tokens) and all(token.isdigit() or token.lower() in _STAMP_WORDS for token in tokens)


def short_title(sentence: str, max_chars: int = MAX_TITLE_CHARS, *, parse: bool = True) -> str:
    """A short title from a lead sentence: its main clause, ending at a clause boundary, no ellipsis.

    The dateline and a trailing attribution (", officials said Monday") go first; then, when the sentence is
    still longer than ``max_chars``, it is cut at the last clause boundary that keeps it within the limit and
    keeps a verb. When no boundary does, the first clause is ended before a where-or-when phrase, or (with
    ``parse``, through the parser) before another phrase of the main clause; failing that it is kept whole.
    """
    text, final = _shortened(sentence, max_chars)
    if final or not parse:
        return text
    from storyline.title_clauses import phrase_cut

    return phrase_cut(text, max_chars) or last_resort(text, max_chars)


def last_resort(text: str, max_chars: int = MAX_TITLE_CHARS) -> str:
    """The title of a lead that neither the rules nor the parser could cut: kept whole when that is at most a
    little over ``max_chars``, else cut before a "to" even where it completes what comes before it ("have agreed |
    to set aside ..."), rather than kept whole far over the limit."""
    if len(text) <= max_chars + _SLACK:
        return text
    return _shortened(text, max_chars, to_cuts=True)[0]


def _shortened(sentence: str, max_chars: int, *, to_cuts: bool = False) -> tuple[str, bool]:
    """``short_title`` up to the parser: the title, and whether it is final (else the parser may cut it). With
    ``to_cuts``, a clause may end before a "to" that completes it (``last_resort``)."""
    from storyline.text.verbs import dateline, has_main_verb

    text = " ".join(sentence.split())
    text = text[dateline(text) :].strip().rstrip(" .!?;,")
    if text.endswith("…") and not _dangles(text.rstrip(" .…")):
        text = text.rstrip(" .…")  # a teaser's own "…" after a whole clause; a cut one keeps it (and is no title)
    text = re.sub(r"^\([^()]{0,60}\)\s*", "", text)  # "( Tue , 16 Aug 2011 ) This morning ..."
    for pattern in (_ATTRIBUTION, _LEADING_CLAUSE, _ASIDE, None):
        shorter = _without_subject_participle(text) if pattern is None else pattern.sub("", text, count=1)
        if shorter == text and text[:1].upper() == text[:1]:
            continue  # taking it would change nothing
        if len(shorter.split()) >= 4 and has_main_verb(shorter):
            text = shorter[0].upper() + shorter[1:]
    if len(text) <= max_chars:
        return text, True
    for pattern, keep in ((_DAY_STAMP, _without_day), (_SUBJECT_PLACE, r"\g<head>"), (_REPORTED, r"\g<what>")):
        if pattern is _DAY_STAMP and not any(day in text for day in _DAY_WORDS):
            continue  # no day named: nothing to drop
        shorter = pattern.sub(keep, text, count=0 if pattern is _DAY_STAMP else 1)
        if shorter != text and len(shorter.split()) >= 4 and has_main_verb(shorter):
            text = shorter[0].upper() + shorter[1:]
        if len(text) <= max_chars:
            return text, True
    cuts = [_back_off(text, match.start()) for match in _CLAUSE_BREAK.finditer(text) if match.start() > 0]
    cuts = [cut for cut in cuts if cut > 0 and not _dangles(text[:cut]) and (to_cuts or not _to_completes(text, cut))]
    # The last boundary that fits and keeps a verb: looked for from the end, so the verb test stops at it.
    fitting = next((cut for cut in reversed(cuts) if cut <= max_chars and _finite(text[:cut])), None)
    if fitting is not None:
        return text[:fitting].rstrip(_OPEN_PUNCTUATION), True
    first = next((cut for cut in cuts if _finite(text[:cut])), None)
    text = text[:first].rstrip(_OPEN_PUNCTUATION) if first else text
    if len(text) <= max_chars:
        return text, True
    # Still long: end before a phrase that only adds where, when or how ("in ...", "on Saturday"), within the
    # limit or a little over it; a cut between any two words could end mid-clause ("appointed him to be foreign").
    breaks = [_back_off(text, m.start()) for m in _PHRASE_BREAK.finditer(text)]
    for limit in (max_chars, max_chars + _SLACK):
        fits = (cut for cut in reversed(breaks) if 20 <= cut <= limit)
        last = next((cut for cut in fits if _finite(text[:cut]) and not _dangles(text[:cut])), None)
        if last is not None:
            return text[:last].rstrip(_OPEN_PUNCTUATION), True
    return text, False


def in_capitals(text: str) -> bool:
    if len(text.split()) < 3:
        return False
    letters = "".join(filter(str.isalpha, text))
    return bool(letters) and sum(map(str.isupper, letters)) / len(letters) > 0.8


def _dangles(text: str) -> bool:
    """Whether ``text`` ends on a word that needs what follows ("the", "of", "said", "that", "is", "largely") or on
    a possessive ("Pinochet's"). "May" is the month."""
    last = text.split()[-1].strip(',;:"“”()')
    lower = last.lower().replace("’", "'")
    if lower == "help" and re.search(r"(?:n't|not)\s+help$", text.rstrip(",;: ").replace("’", "'")):
        return True  # "couldn't help | but smile"
    return lower.endswith(("'s", "s'")) or (last != "May" and (lower in _DANGLING or lower in _LEANING))


def _to_completes(text: str, cut: int) -> bool:
    """Whether the "to" that ``text`` goes on with at ``cut`` completes what comes before it ("has threatened | to
    close", "voted Friday | to condemn", "forced NASA | to halt"): a title ended there leaves it unsaid."""
    if not text[cut:].lstrip(" ,").startswith("to "):
        return False
    words = [word.strip(',;:"“”()').lower() for word in text[:cut].split()[-6:]]
    if words and words[-1] in _DAYS_BEFORE_TO:
        words.pop()
    return bool(words) and (words[-1] in _COMPLETED_BY_TO or any(word in _OBJECT_THEN_TO for word in words[-5:]))


def _back_off(text: str, cut: int) -> int:
    """``cut`` moved before the leaning adverbs that end ``text[:cut]`` ("... in cyberspace *largely* | by
    appealing ..."): they qualify the phrase cut off."""
    head = text[:cut]
    if not _may_end_leaning(head):
        return cut
    match = _LEANING_END.search(head)
    return match.start() if match else cut


def _may_end_leaning(head: str) -> bool:
    """False only where ``_LEANING_END`` cannot match ``head``: that needs its last word (before any spaces and
    commas, and after one) to be a leaning adverb. Searching the pattern tries every position of ``head``; this
    reads its end. A last word outside ASCII is left to the pattern (its case-blind match knows more letters)."""
    core = head.rstrip()
    while core.endswith(","):
        core = core[:-1].rstrip()
    if not core:
        return False
    word = core.rsplit(None, 1)[-1].rpartition(",")[2]
    # A space or a comma must come before it.
    return len(word) < len(core) and (not word.isascii() or word.lower() in _LEANING)


def _finite(text: str) -> bool:
    """Whether ``text`` has a finite main verb (``has_main_verb``), a present participle not counting as one."""
    from storyline.text.verbs import has_main_verb

    if "ing" in text:  # else no participle to set apart
        text = _PARTICIPLE.sub(lambda m: m.group(0).capitalize(), text)
    return has_main_verb(text)


def _without_subject_participle(text: str) -> str:
    """``text`` without a participial phrase that follows its subject and is closed by a comma before the verb,
    where the opening comma is missing: "A delegation of legislators lobbying against the bill, warned ..." ->
    "A delegation of legislators warned ..."; ``text`` itself when it has no such phrase."""
    from storyline.text.verbs import has_sure_verb

    comma = text.find(",")
    rest = text[comma + 1 :].split(maxsplit=1) if comma > 0 else []
    if len(rest) < 2 or not rest[0].islower() or not has_sure_verb(rest[0]) or ";" in text[:comma]:
        return text
    for match in _PARTICIPLE.finditer(text, 0, comma):
        head = text[: match.start()].rstrip()
        if has_sure_verb(head) or has_sure_verb(text[match.end() : comma]):
            # The participle follows the verb ("Police arrested men carrying knives, ..."), or the verb is inside
            # the phrase ("Kurds living in Romania closed down shops, ...").
            return text
        if match.group(0) in _ING_NOUNS or not re.search(r"[A-Za-z]$", head):
            continue  # "The board meeting ...", "high - ranking"
        if head[0].isupper() and not _dangles(head):
            return f"{head} {' '.join(rest)}"
    return text


# Words in -ing that name a thing rather than describe the subject ("The board meeting in Paris, ...").
_ING_NOUNS = frozenset(
    """meeting building hearing ruling funding spending offering wedding morning evening nothing something anything
    everything during including ceiling string spring bring thing king""".split()
)


def representative(titles: Sequence[str], texts: Sequence[str | tuple[str, ...]]) -> int:
    """Index of the title whose words the event's texts share most (cosine against how many texts use each word).

    A text may come in parts (a headline and a body: no word runs across two parts). Ties go to the earlier title.
    """
    from storyline.title_bounds import stem_profile

    if len(titles) == 1:
        return 0  # nothing to weigh it against
    return _closest(titles, stem_profile(texts))


def _closest(titles: Sequence[str], profile: Counter) -> int:
    from storyline.title_bounds import closeness

    return max(range(len(titles)), key=lambda k: (round(closeness(titles[k], profile), 9), -k))


# Marks a lead title left uncut: no cut of it could beat the event's best title when it was met (the rest is the
# lead as the rules left it). It is cut when an event it belongs to could take it.
UNCUT = "\x00"


def event_title(articles: Sequence[Article]) -> str:
    """An event's title: the most representative real headline among its articles; where none has one, a short
    title from the most representative lead."""
    from storyline.products import products_of
    from storyline.title_bounds import stem_profile

    texts = [(article.title or "", article.text) for article in articles]
    headlines = [title for title in map(_headline, articles) if title]
    if headlines:
        return headlines[representative(headlines, texts)]
    if len(articles) == 1:  # one lead: cut whatever it takes, nothing to weigh it against
        leads = products_of("title-lead", articles, _lead_titles, str, str)
        return leads[0] or articles[0].id
    profile = stem_profile(texts)
    # Each article's lead title depends on it alone: those of an earlier digest are reused.
    leads = products_of("title-lead", articles, lambda some: _lead_titles(some, profile), str, str)
    leads = _cut_if_close(leads, profile)
    leads = [lead for lead in leads if lead and not lead.startswith(UNCUT)] or [a.id for a in articles]
    return leads[_closest(leads, profile)] if len(leads) > 1 else leads[0]


def _headline(article: Article) -> str | None:
    """The article's real headline, None where it has none (no title, or a title taken from its lead)."""
    if not article.title or article.title_source == "lead":
        return None
    # "Headline; subhead" layouts leave a headline ending in a semicolon, which is no part of it.
    title = " ".join(article.title.split()).rstrip(" ;")
    return title if is_headline(title) else None


def lead_titles_ahead(articles: Sequence[Article]) -> None:
    """The lead titles of the articles without a real headline, computed as the articles' products (every lead
    cut, as for an event of one article), so that a digest only reads them."""
    from storyline.products import products_of

    headless = [article for article in articles if not _headline(article)]
    if headless:
        products_of("title-lead", headless, _lead_titles, str, str)


def _lead_titles(articles: Sequence[Article], profile: Counter | None = None) -> list[str]:
    """``short_title`` of each article's lead ("" without one), the leads the parser must cut parsed in batches
    (far cheaper than one by one). With the event's ``profile``, a lead no cut of which can beat the best title
    found is left uncut (``UNCUT`` and the lead as the rules left it)."""
    from storyline.text import split_sentences

    leads = [lead_sentence([article.text[a:b] for a, b in split_sentences(article.text)[:4]]) for article in articles]
    drafts = [_shortened(lead, MAX_TITLE_CHARS) if lead else ("", True) for lead in leads]
    if profile is None:
        from storyline.title_clauses import phrase_cuts

        cuts = iter(phrase_cuts([text for text, final in drafts if not final], MAX_TITLE_CHARS))
        return [text if final else next(cuts) or last_resort(text) for text, final in drafts]
    return _cut_if_close([text if final else UNCUT + text for text, final in drafts], profile)


def _cut_if_close(leads: list[str], profile: Counter) -> list[str]:
    """``leads`` with each uncut lead that could still be the closest title cut: the one closest as the rules left
    it first, then every other whose bound reaches the best title then found (two batches for the parser; a lead
    left out scores below a title found, so the choice is the one cutting every lead gives)."""
    from storyline.title_bounds import closeness, closeness_bound
    from storyline.title_clauses import phrase_cuts

    uncut = list(dict.fromkeys(lead[1:] for lead in leads if lead.startswith(UNCUT)))
    if not uncut:
        return leads
    best = max((closeness(lead, profile) for lead in leads if lead and not lead.startswith(UNCUT)), default=0.0)
    # A likely winner first (its own words score alike), so that its title rules the others out.
    first = max(range(len(uncut)), key=lambda k: (closeness(uncut[k], profile), -k))
    cut: dict[str, str] = {}
    for batch in ([uncut[first]], uncut[:first] + uncut[first + 1 :]):
        batch = [text for text in batch if round(closeness_bound(text, profile), 9) >= round(best, 9)]
        cut.update((text, c or last_resort(text)) for text, c in zip(batch, phrase_cuts(batch, MAX_TITLE_CHARS)))
        best = max([best, *(closeness(cut[text], profile) for text in batch)])
    return [cut.get(lead[1:], lead) if lead.startswith(UNCUT) else lead for lead in leads]


def with_event_titles(events: Sequence[Event], articles: Sequence[Article]) -> list[Event]:
    """``events`` under the titles their digests carry (``event_title`` of their articles), so that every output
    names an event the same way."""
    by_id = {article.id: article for article in articles}
    out = []
    for event in events:
        members = [by_id[i] for i in event.article_ids if i in by_id]
        out.append(replace(event, title=event_title(members) or event.title) if members else event)
    return out
