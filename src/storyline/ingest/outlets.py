"""Who published an article: the outlet named by metadata, a site name, the URL's domain, a news-archive id, and
the wire agency credited in the text.

A wire story republished by an outlet names both: the outlet that printed it and the agency that wrote it.

>>> wire_credit("OTTAWA (AFP) - Talks advanced slowly.")
'AFP'
>>> outlet_from_id("APW19981016.0240")
'Associated Press'
>>> outlet_from_url("https://www.example-gazette.example/news/1.html")
'example-gazette.example'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlparse

from storyline.model import Article, CopyGroup

# Wire agencies and the names they are credited under (lower case). Short names only count in credit positions.
WIRES: dict[str, tuple[str, ...]] = {
    "AFP": ("afp", "agence france-presse", "agence france presse"),
    "Reuters": ("reuters", "thomson reuters"),
    "Associated Press": ("ap", "the associated press", "associated press"),
    "Xinhua": ("xinhua", "xinhua news agency"),
    "dpa": ("dpa", "deutsche presse-agentur"),
    "EFE": ("efe",),
    "ANSA": ("ansa",),
    "Kyodo": ("kyodo", "kyodo news"),
    "Press Association": ("pa", "press association"),
    "Canadian Press": ("cp", "the canadian press", "canadian press"),
    "Bloomberg": ("bloomberg", "bloomberg news"),
    "UPI": ("upi", "united press international"),
    "AAP": ("aap", "australian associated press"),
    "PTI": ("pti", "press trust of india"),
    "Yonhap": ("yonhap",),
    "Interfax": ("interfax",),
    "TASS": ("tass", "itar-tass"),
}
_WIRE_OF = {alias: name for name, aliases in WIRES.items() for alias in aliases}
_WIRE_ALTERNATION = "|".join(sorted((re.escape(alias) for alias in _WIRE_OF), key=len, reverse=True))

# Prefixes of news-archive document ids (TDT, DUC, TREC, Gigaword): APW19981016.0240, NYT_ENG_20050101.0001.
ARCHIVE_PREFIXES = {
    "APW": "Associated Press",
    "AP": "Associated Press",
    "NYT": "New York Times",
    "XIE": "Xinhua",
    "XIN": "Xinhua",
    "AFP": "AFP",
    "AFE": "AFP",
    "LTW": "Los Angeles Times-Washington Post",
    "CNA": "Central News Agency",
    "WSJ": "Wall Street Journal",
    "FT": "Financial Times",
    "LA": "Los Angeles Times",
    "SJMN": "San Jose Mercury News",
    "FBIS": "Foreign Broadcast Information Service",
    "CNN": "CNN",
    "ABC": "ABC News",
    "NBC": "NBC News",
    "PRI": "Public Radio International",
    "VOA": "Voice of America",
    "MNB": "MSNBC",
    "WPB": "Washington Post",
}
_ARCHIVE_ID = re.compile(r"^(?P<prefix>[A-Z]{2,4})(?:_ENG)?_?(?:19|20)\d{6}")

# A dateline's agency: "OTTAWA (AFP) -", "Ottawa, Jan. 29 (Reuters) —", "WASHINGTON (AP) _".
_DATELINE_AGENCY = re.compile(rf"^[^\n]{{0,80}}?\((?P<wire>{_WIRE_ALTERNATION})\)\s*(?:[-–—_]|\s-)", re.IGNORECASE)
# Credit lines: "By Jane Doe, Associated Press", "Reporting by ...; Editing by ..." (Reuters), "-- AFP", "(c) AFP"
# as the last words of a story, "The Associated Press contributed to this report."
_CREDIT_LINE = re.compile(
    rf"^(?:[-–—(©]+\s*|(?:copyright|\(c\))\s+(?:\d{{4}}\s+)?)?(?P<wire>{_WIRE_ALTERNATION})\)?\.?$"
    rf"|^(?:the\s+)?(?P<contrib>{_WIRE_ALTERNATION})\s+contributed\s+to\s+this\s+(?:report|story)"
    rf"|^by\s+[^,\n]{{2,60}},\s*(?P<by>{_WIRE_ALTERNATION})\.?$",
    re.IGNORECASE,
)
_REUTERS_CREDIT = re.compile(r"^\(?(?:additional\s+)?reporting\s+by\s+[^\n]{2,120};\s*editing\s+by\b", re.IGNORECASE)


def wire_of(name: str | None) -> str | None:
    """The wire agency a name stands for ("Agence France-Presse" -> "AFP"), None for any other name."""
    if not name:
        return None
    return _WIRE_OF.get(" ".join(name.lower().replace(".", "").split()))


def wire_credit(text: str) -> str | None:
    """The wire agency a story credits in its dateline or in a credit line at its start or end, if any.

    Mentions in the body ("told Reuters") are not credits and are not counted.
    """
    parts = text.strip().split("\n")
    first, last = _nonblank(parts, 4), _nonblank(reversed(parts), 3)[::-1]  # a long text's middle is never read
    for line in first:
        match = _DATELINE_AGENCY.match(line) if "(" in line[:81] else None  # the agency's bracket opens early
        if match:
            return wire_of(match.group("wire"))
    for line in first[:3] + last:
        if len(line) > 200:
            continue
        if _REUTERS_CREDIT.match(line):
            return "Reuters"
        match = _CREDIT_LINE.match(line)
        if match:
            return wire_of(match.group("wire") or match.group("contrib") or match.group("by"))
    return None


def _nonblank(lines, count: int) -> list[str]:
    """The first ``count`` lines that are not blank, stripped."""
    found = []
    for line in lines:
        if len(found) == count:
            break
        if stripped := line.strip():
            found.append(stripped)
    return found


def outlet_from_id(identifier: str | None) -> str | None:
    """The source named by a news-archive document id such as ``APW19981016.0240`` or ``NYT_ENG_20050101.0001``."""
    if not identifier:
        return None
    name = identifier.replace("\\", "/").rsplit("/", 1)[-1]
    match = _ARCHIVE_ID.match(name)
    return ARCHIVE_PREFIXES.get(match.group("prefix")) if match else None


# A site names itself in its own page furniture: "Sign up to the Evening Post newsletter", "© 2031 Harbour News".
_NAME = r"(?P<name>[A-Z][\w&'’.-]*(?:\s+(?:of\s+)?[A-Z][\w&'’.-]*){0,4})"
_OWN_NAME = (
    re.compile(
        rf"^(?i:sign\s+up|subscribe)\s+(?i:to|for)\s+(?i:the\s+)?{_NAME}(?:['’]s)?\s+"
        r"(?i:newsletters?|daily\s+briefing|briefing|e-?mails?|digest|alerts)\b"
    ),
    re.compile(
        rf"^(?:©|\([cC]\)|(?i:copyright))\s*(?:©\s*)?(?:\d{{4}}\s+)?(?i:the\s+)?{_NAME}\.?"
        r"(?:\s+(?i:all\s+rights\s+reserved)\.?)?$"
    ),
)


def own_name(text: str) -> str | None:
    """The outlet a page names as itself in a newsletter sign-up or a copyright line among its first or last lines,
    in the fullest form the text writes it ("Evening Post" in the sign-up, "Northmere Evening Post" in a credit)."""
    lines = [line.strip() for line in text.strip().split("\n") if line.strip()]
    for line in lines[-8:] + lines[:8]:
        for pattern in _OWN_NAME:
            match = pattern.match(line) if len(line) <= 200 else None
            if match:
                name = match.group("name").rstrip(".")
                longer = re.findall(rf"\b((?:[A-Z][\w'’-]+\s+){{1,3}}){re.escape(name)}\b", text)
                return (max(longer, key=len) + name) if longer else name
    return None


def outlet_from_url(url: str | None) -> str | None:
    """The site of a URL, its host without ``www.`` (a URL written with spaces, "http : / / x . com", too)."""
    if not url:
        return None
    url = url.strip()
    if " " in url and re.match(r"https?\s*:", url):
        url = url.replace(" ", "")
    try:
        host = urlparse(url).hostname or ""
    except ValueError:
        return None
    host = host.removeprefix("www.")
    return host if "." in host else None


def article_outlets(article: Article) -> list[str]:
    """The distinct sources an article names: the outlet that published it, and the wire agency its text credits
    when that is another (a wire story republished by an outlet counts for both)."""
    names = [name for name in (article.outlet, wire_credit(article.text)) if name]
    return list(dict.fromkeys(names))


def event_outlets(articles: Sequence[Article], copy_groups: Sequence[CopyGroup] = ()) -> dict[str, list[str]]:
    """``article_outlets`` of each article, where a copy of a wire story also names the wire its copy group
    credits (an outlet's edited copy of an AFP story is AFP's story even when the credit was cut)."""
    named = {article.id: article_outlets(article) for article in articles}
    wires = {article.id: wire_credit(article.text) for article in articles}
    for group in copy_groups:
        credited = sorted({wires[a] for a in group.article_ids if wires.get(a)})
        for article_id in group.article_ids:
            if article_id in named and len(credited) == 1 and credited[0] not in named[article_id]:
                named[article_id].append(credited[0])
    return named
