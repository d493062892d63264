"""The editorial check: what an editor looks at first, counted over the dev data, before and after.

Usage (from the repository root)::

    python bench/editorial.py [--data ../shared/data] [--before main] [--rouge]
    python bench/editorial.py --unseen [PATH] [--every 3]

"Before" is the product as another git revision builds it (``--before``, default ``main``), checked out in a
temporary ``git worktree``; "after" is this working tree. Each side runs in its own process, through the product's
own path (``storyline.api.read`` and the pipeline's digests over an in-memory store, as ``storyline digest`` does),
over the DUC 2004 dev clusters, the ECB+ dev articles (``docs.jsonl`` read as a JSON Lines file) and the example
corpus. The same checks, written here and independent of the product's rules, are applied to both sides' output:

- event titles that are a real headline or a clean short title (no URL, capitals, credit, ellipsis, date or time
  stamp, and no dangling end: a determiner, possessive, preposition, conjunction, auxiliary or an adverb that
  qualifies what was cut, "largely"; a title made from a lead at most 100 characters, a member's own headline of
  any length);
- articles whose text writes a date (a short date line near the top or the bottom) that are dated;
- articles with a recognised outlet, among those whose metadata or raw text names a source at all (a URL, an
  archive id, a wire dateline or credit, a byline with a paper, a copyright line, the site's own newsletter or
  photo credit), and apart, the articles that name none;
- summary sentences that open with a reference to something the summary has not said (or count a time from an event
  they do not state: "three days earlier" in the main clause);
- relative time words ("Monday", "yesterday", "last week") in summary sentences with no date shown, where a
  citing source is dated (words whose every source is undated are counted on a row of their own: no date can be
  computed for them);
- pairs of summary sentences of one event stating the same fact (content-word Dice at least 0.5, and some word
  besides names and numbers shared: the same people with different things said of them are different facts);
- summary sentences without a verb (a small verb test, no parser).
- summaries of events of three or more articles that use under half the default budget (50 words): material
  left out.

``--rouge`` adds ROUGE on the DUC dev clusters through ``storyline.api.summarize`` for both sides. ``--unseen`` runs
instead the checks that need no gold over articles the rules were not tuned on (PolNeAR train by default), this
tree only (see ``measure_unseen``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT / ".." / "shared" / "data"

# ------------------------------------------------------------------------------------------------ one side


def measure(data: Path, with_rouge: bool) -> dict:
    """Run the product of the ``storyline`` on ``sys.path`` over the dev sets; return what the checks need."""
    from storyline import api, pipeline
    from storyline.ingest import read_paths
    from storyline.render import digest_to_json
    from storyline.store import Store

    sets = {
        "DUC 2004 dev": [data / "duc2004-dev" / "docs"],
        "ECB+ dev": [data / "ecbplus-dev" / "docs.jsonl"],
        "example corpus": [ROOT / "examples" / "corpus"],
    }
    out: dict = {}
    for name, paths in sets.items():
        store = Store(":memory:")
        pipeline.ingest(store, read_paths(paths))
        digests = pipeline.digests(store)
        articles = [
            {
                "id": a.id,
                "published": a.published,
                "date_source": a.date_source,
                "outlet": a.outlet,
                "title": a.title,
                "title_source": a.title_source,
                "url": a.url,
                "source_path": a.source_path,
            }
            for a in store.articles()
        ]
        out[name] = {"articles": articles, "digests": [digest_to_json(d) for d in digests]}
    if with_rouge:
        docs = data / "duc2004-dev" / "docs"
        out["rouge"] = {
            folder.name: "\n".join(s.text for s in api.summarize(api.read([folder]).articles).sentences)
            for folder in sorted(docs.iterdir())
        }
    return out


def measure_unseen(path: Path, every: int) -> dict:
    """The product over articles it was not tuned on (every ``every``-th line of a JSON Lines file with ``id``,
    ``title``, ``text``, ``publisher``, ``publication_date``), twice: with that metadata, and as bare text (the
    headline line, any dateline and credit left in the text, as a scraped page gives them). Also each article's lead
    made into a title with its headline paragraph taken away (``storyline.titles.event_title`` of the article)."""
    from storyline import pipeline
    from storyline.ingest import read_paths
    from storyline.model import Article
    from storyline.render import digest_to_json
    from storyline.store import Store
    from storyline.titles import event_title

    rows = [json.loads(line) for line in path.open(encoding="utf-8")][::every]
    keys = ("id", "title", "text", "publisher", "publication_date")
    variants = {"with metadata": [{k: r[k] for k in keys if r.get(k)} for r in rows]}
    variants["bare text"] = [{"id": r["id"], "text": r["text"]} for r in rows]
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, items in variants.items():
            file = Path(tmp) / f"{name.replace(' ', '-')}.jsonl"
            file.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
            store = Store(":memory:")
            pipeline.ingest(store, read_paths([file]))
            articles = [
                {"id": a.id, "published": a.published, "date_source": a.date_source, "outlet": a.outlet}
                for a in store.articles()
            ]
            out[name] = {"articles": articles, "digests": [digest_to_json(d) for d in pipeline.digests(store)]}
    out["made titles"] = [event_title([Article(id=r["id"], text=_without_headline(r))]) for r in rows]
    return out


def _without_headline(row: dict) -> str:
    """An article's text without its first paragraph when that paragraph opens with the article's title."""
    first, _, rest = row["text"].partition("\n\n")
    title = " ".join(row.get("title", "").split()).rstrip(". ")
    return rest if title and rest and " ".join(first.split()).startswith(title[:40]) else row["text"]


# ------------------------------------------------------------------------------------------------ the checks

_STOP = frozenset(
    """a an the and or but of to in on at for from by with as is are was were be been has have had it its
this that these those he she they his her their not no will would said says say also after before over into
about than more most than which who whom whose what when where while there here one two""".split()
)
_VERBS = frozenset(
    """is are was were be been am has have had do does did will would shall should can could may might
must said says told found made took gave came went got saw knew thought brought kept held left led met paid put ran
rose fell sent set won lost wrote began broke became built caught cut drew felt fought heard hit hurt let meant sold
shut shot spoke stood struck took threw understood withdrew drove flew grew fled sought bought sat hid swore
underwent overcame forgave forbade bore wore tore swam sang rang drank ate slid hung lay dug fed bled bent lent spent
dealt sank beat bit shook woke stole froze chose spun sprang taught wept swept slept knelt leapt stuck strove wound
bound rode strode flung clung swung stung
know run see want need face remain""".split()
)
_DETERMINERS = frozenset("a an the this that these those its his her their our my your no each every some".split())
_PRONOUN_OPENING = re.compile(
    r"^[\"'“‘]?(?:He|She|It|They|His|Her|Its|Their|This|These|Those|Such|The latter|"
    r"The former|Both)\b(?!\s+[A-Z][a-z]+\s+said)"
)
_ALSO = re.compile(r"^(?:\S+\s+){0,6}?(?:also|too)\b")
_THE_THING = re.compile(
    r"^[\"'“‘]?The\s+(?:\w+\s+)?(?:plea|statement|move|decision|deal|agreement|request|"
    r"announcement|ruling|verdict|proposal|incident|attack|case|company|plan)\b"
    r"(?!\s+(?:of|by|for|from|in|on|that|which|who)\b)(?!,?\s+[A-Z][a-z]+\s+[A-Z])"
)
_LATER = re.compile(
    r"\b(?:\w+\s+(?:days?|weeks?|months?|hours?)\s+(?:earlier|later)|the\s+(?:next|following)\s+day)"
    r"\b",
    re.IGNORECASE,
)
_TIME_WORD = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tomorrow|"
    r"tonight|(?:last|next|this)\s+(?:week|weekend|month|year))\b"
)
_DATE_LINE = re.compile(
    r"^(?:[A-Za-z]+\s*:?\s*)?(?:(?:Mon|Tues?|Wed|Thu(?:rs)?|Fri|Sat|Sun)[a-z]*\s*,?\s*)?"
    r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\s*,?\s*(?:19|20)\d\d"
    r"|\d{1,2}\s*/\s*\d{1,2}\s*/\s*(?:19|20)\d\d|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*"
    r"\s+(?:19|20)\d\d)",
    re.IGNORECASE,
)


# Where an article's raw text names its own source, among its first or last lines: a URL line, a dateline with an
# agency, a wire credit, a byline with a paper, a copyright line, the site's own newsletter or photo credit.
_NAMES_SOURCE = re.compile(
    r"^\s*(?:https?\s*:\s*/\s*/|www\s*\.)"
    r"|^\s*[A-Z][\w .,'-]{0,60}\(\s*(?:AP|AFP|Reuters|Xinhua|UPI|CNN|dpa|Bloomberg)\s*\)"
    r"|^(?:by\s+[^,\n]{2,60},\s*)?(?:the\s+)?(?:associated press|reuters|agence france-presse|afp|xinhua|upi)\.?\s*$"
    r"|contributed to this (?:report|story)|^(?-i:By\s+[A-Z][a-z]+(?:\s+[A-Z][\w.'-]*){1,3}\s*,\s+(?:the\s+)?[A-Z])"
    r"|(?:©|\(c\)|\bcopyright\b)\s*(?:\d{4}\s+)?[A-Z]|\bsign\s+up\s+(?:to|for)\s+(?:the\s+)?[A-Z][^\n]{0,60}newsletter"
    r"|\bphoto\s*:\s*[^/\n]{2,40}/\s*[A-Z]"
    r"|og:site_name|^\s*(?:outlet|source|site|publisher)\s*:\s*\S|\"(?:outlet|source|site_name|publisher)\"\s*:\s*\"[^\"]",
    re.IGNORECASE | re.MULTILINE,
)
_ARCHIVE_ID = re.compile(r"^[A-Z]{2,4}(?:_ENG)?_?(?:19|20)\d{6}")


def _names_a_source(article: dict, raw_text: str | None) -> bool:
    """Whether an article's metadata or raw text names a source at all (independent of the product's rules)."""
    if article.get("url") or _ARCHIVE_ID.match(article["id"]):
        return True
    lines = (raw_text or "").strip().split("\n")
    return bool(_NAMES_SOURCE.search("\n".join(lines[:8] + lines[-8:])))


def _raw_texts(data: Path) -> dict[str, str]:
    """Each dev article's raw text by its id: a DUC file, an ECB+ row, an example file holding one article."""
    raw = {p.name: p.read_text(encoding="utf-8", errors="replace") for p in (data / "duc2004-dev" / "docs").glob("*/*")}
    for line in (data / "ecbplus-dev" / "docs.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        raw[row["doc_id"]] = row["text"]
    return raw


def _words(text: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP and len(w) > 2}


def _said_words(text: str) -> set[str]:
    """The content words of ``text`` that are not names or numbers: what it says about whom it names."""
    tokens = re.findall(r"[A-Za-z0-9]+", text)
    return {
        t.lower().rstrip("s")
        for k, t in enumerate(tokens)
        if t.lower() not in _STOP and len(t) > 2 and not t[0].isdigit() and (k == 0 or not t[0].isupper())
    }


def _same_fact(a: str, b: str) -> bool:
    """Two sentences state the same fact when their content words overlap (Dice at least 0.5) and they say
    something alike about them: sentences naming the same people but saying different things are not counted."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb or 2 * len(wa & wb) / (len(wa) + len(wb)) < 0.5:
        return False
    return bool(_said_words(a) & _said_words(b))


def _clean_title(title: str, real_headlines: set[str] = frozenset()) -> bool:
    """A real headline (one a member article carries as its own, given by its source or standing as its text's
    first line) of any length, or a made title of at most 100 characters; either free of junk."""
    t = " ".join((title or "").split())
    made = t not in real_headlines
    letters = [c for c in t if c.isalpha()]
    return (
        bool(t)
        and (len(t) <= 100 or not made)
        and not re.search(
            r"https?\s*:|www\s*\.|\.\s*com\b|©|getty|^close\b|^courtesy\b|^photos?\s*:|^by\s+[A-Z]", t, re.I
        )
        and not t.endswith(("…", "...", ",", ":", ";", " -"))
        and not (letters and sum(c.isupper() for c in letters) / len(letters) > 0.8 and len(t.split()) > 2)
        and not _dangling_end(t)
        and not _only_a_stamp(t)
    )


_STAMP = re.compile(
    r"(?:\d+|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|[ap]m?|m|[ecmp][sd]t|gmt|utc|bst|cet|ist|et|posted|updated)",
    re.IGNORECASE,
)


def _only_a_stamp(title: str) -> bool:
    """Whether ``title`` is a date or time stamp and nothing else ("Dec . 24 4 : 33 AM EST")."""
    tokens = re.findall(r"[A-Za-z]+|\d+", title)
    return bool(tokens) and all(_STAMP.fullmatch(token) for token in tokens)


# Words that cannot end a title because they need what was cut after them: determiners, possessives, prepositions,
# conjunctions, auxiliaries, and adverbs that qualify the phrase after them ("largely by ...", "only after ...").
# "her" is left out (an object as often as a possessive: "Court frees her"), and so are "this", "these", "those" (as
# often a pronoun: "Few would admit this"), particles of phrasal verbs ("up", "out", "down", "off", "over") and
# adverbs that close a clause ("sharply", "again", "yet", "too").
_OPEN_ENDS = frozenset(
    """a an the that each every some any no another either neither both such my your his its our
their whose of to in on at for with by from into onto about under after before during against between among
through without within across toward towards via per than as like upon amid despite since until unlike including
and or but nor because although though while whereas if unless whether when where which who whom is are was were
be been being am has have had do does did will would shall should can could may might must largely mainly mostly
partly partially chiefly primarily solely only just even especially particularly notably exactly precisely merely
purely simply almost nearly roughly approximately very rather quite also""".split()
)


def _dangling_end(title: str) -> bool:
    """Whether ``title`` ends on a word that needs what follows it (see ``_OPEN_ENDS``) or on a possessive
    ("Pinochet's", "the players'", a tokenised "'s"). "May" is the month."""
    words = title.split()
    word = words[-1].strip('"“”()[]')
    # "'useless'", "... 'Talks To the Press Everywhere She Goes'": the end of a quotation, not a possessive
    quoted = bool(re.search(r"(?:^|\s)['‘]\w", title))
    if word.lower().endswith(("'s", "’s")) or (not quoted and word.lower().endswith(("s'", "s’"))):
        return True
    lower = word.lower().strip("'‘’")
    if lower in _AUXILIARIES and len(words) > 1 and words[-2].lower() in _SUBJECT_PRONOUNS:
        return False  # "just the way he is", "as they were": the clause is whole
    return word != "May" and lower in _OPEN_ENDS


_AUXILIARIES = frozenset(
    "is are was were be been being am has have had do does did will would shall should can could".split()
)
_SUBJECT_PRONOUNS = frozenset("i you he she it we they there who".split())
_PRONOUN_IS = re.compile(r"(?:he|she|it|that|there|what|who)['’]s", re.IGNORECASE)


def _has_verb(text: str) -> bool:
    tokens = re.findall(r"[A-Za-z'’-]+", text)
    for before, word in zip([""] + [t.lower() for t in tokens], tokens):
        if word in _VERBS or "n't" in word or word.lower() in _AUXILIARIES:
            return True
        if re.search(r"['’](?:re|m|ve|ll|d)$", word.lower()) or re.fullmatch(_PRONOUN_IS, word):
            return True  # "we're", "I'm", "it's"
        if (
            word.islower()
            and before not in _DETERMINERS
            and len(word) > 3
            and (word.endswith("ed") or (word.endswith("s") and not word.endswith(("ss", "us", "is"))))
        ):
            return True
    return False


# A clause of the sentence's own that a time counted from an event can count from: "... after sinking a trawler
# that had been seized hours earlier" counts from the sinking the sentence states.
_OWN_CLAUSE = re.compile(r"\b(?:that|which|who|after|before|when|since|until|while|than)\b", re.IGNORECASE)


def _counted_from_outside(body: str) -> bool:
    """Whether ``body`` holds a time counted from an event ("three days earlier") that the sentence does not state:
    the phrase stands in its main clause, not in a clause of its own that follows the event it counts from."""
    match = _LATER.search(body)
    return bool(match) and not _OWN_CLAUSE.search(body[: match.start()])


def _unresolved(sentences: list[dict], k: int) -> bool:
    text = sentences[k]["text"]
    body = re.sub(r"[\"“][^\"“”]*[\"”]", " ", text)
    if not (_PRONOUN_OPENING.match(text) or _THE_THING.match(text) or _ALSO.match(body) or _counted_from_outside(body)):
        return False
    earlier = {(c["article_id"], c["sentence_index"]) for s in sentences[:k] for c in s["citations"]}
    return not any((c["article_id"], c["sentence_index"] - 1) in earlier for c in sentences[k]["citations"])


def _written_dates(data: Path) -> set[str]:
    """Ids of ECB+ articles whose raw text holds a date line among its first 5 or last 3 lines."""
    ids = set()
    for line in (data / "ecbplus-dev" / "docs.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        lines = row["text"].split("\n")
        if any(
            len(x.split()) <= 16
            and (m := _DATE_LINE.search(x.strip()))
            and not re.search(r"[a-z]{4,}", x.strip()[m.end() :])
            for x in lines[:5] + lines[-3:]
        ):
            ids.add(row["doc_id"])
    return ids


def _single_article_files(articles: list[dict]) -> dict[str, str]:
    """Raw text of the example files that hold one article each (a feed, an export or a crawl holds several)."""
    paths = [a.get("source_path") for a in articles if a.get("source_path")]
    single = [p for p in paths if paths.count(p) == 1 and not p.endswith((".gz", ".xml", ".jsonl"))]
    return {p: (ROOT / p).read_text(encoding="utf-8", errors="replace") for p in single if (ROOT / p).is_file()}


def check(side: dict, data: Path) -> dict[str, tuple[int, int]]:
    """Each check's (count, out of) over the three sets."""
    written = _written_dates(data)
    raw = _raw_texts(data)
    keys = ("titles", "dated", "outlets", "names_none", "unresolved", "undated_time", "no_source_date", "same_fact")
    counts: dict[str, list[int]] = {k: [0, 0] for k in (*keys, "no_verb", "short")}
    for name in ("DUC 2004 dev", "ECB+ dev", "example corpus"):
        result = side[name]
        dated_ids = {
            a["id"] for a in result["articles"] if a.get("published") and a.get("date_source") != "ingest-time"
        }
        named_in_digests = {
            s["id"]
            for digest in result["digests"]
            for s in digest["summary"]["sources"]
            if s.get("outlets") or s.get("outlet")
        }
        singles = _single_article_files(result["articles"])
        for article in result["articles"]:
            text = raw.get(article["id"]) if name != "example corpus" else singles.get(article.get("source_path"))
            counts["names_none"][1] += 1
            if _names_a_source(article, text):
                counts["outlets"][1] += 1
                counts["outlets"][0] += bool(article["outlet"]) or article["id"] in named_in_digests
            else:
                counts["names_none"][0] += 1
            if name == "ECB+ dev" and article["id"] in written:
                counts["dated"][1] += 1
                counts["dated"][0] += bool(article["published"]) and article["date_source"] != "ingest-time"
        _check_digests(result, dated_ids, counts)
    return {k: (v[0], v[1]) for k, v in counts.items()}


# A summary of this many articles or more, in fewer words than this (half the default budget), leaves material out.
SHORT_MIN_ARTICLES = 3
SHORT_WORDS = 50


def _check_digests(result: dict, dated_ids: set[str], counts: dict[str, list[int]]) -> None:
    """Add one set's digests to the title and summary rows of ``counts``."""
    for digest in result["digests"]:
        real = {
            " ".join(s["title"].split())
            for s in digest["summary"]["sources"]
            if s.get("title") and s.get("title_source") in ("metadata", "headline")
        }
        counts["titles"][1] += 1
        counts["titles"][0] += _clean_title(digest["title"], real)
        sentences = digest["summary"]["sentences"]
        if digest["article_count"] >= SHORT_MIN_ARTICLES:  # enough to say something: a summary under half its budget
            counts["short"][1] += 1
            counts["short"][0] += sum(len(sentence["text"].split()) for sentence in sentences) < SHORT_WORDS
        for k, sentence in enumerate(sentences):
            counts["unresolved"][1] += 1
            counts["unresolved"][0] += _unresolved(sentences, k)
            counts["no_verb"][1] += 1
            counts["no_verb"][0] += not _has_verb(sentence["text"])
            dated = [(d["start"], d["end"]) for d in sentence.get("dates", [])]
            # A date can be computed only from a dated source: words whose every citing source is undated are
            # counted on their own row.
            key = (
                "undated_time" if any(c["article_id"] in dated_ids for c in sentence["citations"]) else "no_source_date"
            )
            for match in _TIME_WORD.finditer(sentence["text"]):
                counts[key][1] += 1
                counts[key][0] += not any(a <= match.start() and match.end() <= b + 1 for a, b in dated)
        for i in range(len(sentences)):
            for j in range(i + 1, len(sentences)):
                counts["same_fact"][1] += 1
                counts["same_fact"][0] += _same_fact(sentences[i]["text"], sentences[j]["text"])


def check_unseen(side: dict) -> dict[str, dict[str, tuple[int, int]]]:
    """The rows that need no gold, for each variant of ``measure_unseen``; and the made titles' row."""
    result = {}
    for name in ("with metadata", "bare text"):
        keys = ("titles", "unresolved", "undated_time", "no_source_date", "same_fact", "no_verb", "short")
        counts = {k: [0, 0] for k in keys}
        articles = side[name]["articles"]
        dated_ids = {a["id"] for a in articles if a.get("published") and a.get("date_source") != "ingest-time"}
        _check_digests(side[name], dated_ids, counts)
        counts["dated_any"] = [len(dated_ids), len(articles)]
        counts["outlet_any"] = [sum(bool(a["outlet"]) for a in articles), len(articles)]
        result[name] = {k: (v[0], v[1]) for k, v in counts.items()}
    made = side["made titles"]
    result["made titles"] = {
        "made_clean": (sum(_clean_title(t) for t in made), len(made)),
        "made_over_80": (sum(len(t) > 80 for t in made), len(made)),
    }
    return result


UNSEEN_ROWS = (
    ("titles", "event titles: a real headline or a clean short title"),
    ("made_clean", "titles made from leads, headline taken away: clean"),
    ("made_over_80", "titles made from leads: over 80 characters"),
    ("dated_any", "articles dated (not the day of ingest)"),
    ("outlet_any", "articles with a recognised outlet"),
    ("unresolved", "summary sentences opening with an unresolved reference"),
    ("undated_time", "relative time words with a dated source, no date shown"),
    ("no_source_date", "relative time words whose sources are all undated"),
    ("same_fact", "pairs of summary sentences stating the same fact"),
    ("no_verb", "summary sentences without a verb"),
    ("short", "summaries of 3 or more articles under 50 words"),
)


def _print_unseen(checked: dict, path: Path, every: int) -> None:
    print(f"Editorial check on {path.name}, every {every}th article (not tuned on); this tree")
    print()
    print(f"| {'check':<58} | {'with metadata':>13} | {'bare text':>13} |")
    print(f"|{'-' * 60}|{'-' * 15}|{'-' * 15}|")
    for key, label in UNSEEN_ROWS:
        cells = []
        for name in ("with metadata", "bare text"):
            got = checked[name].get(key) or checked["made titles"].get(key)
            cells.append(f"{got[0]} / {got[1]}" if got else "-")
        if key.startswith("made"):
            cells[1] = "-"
        print(f"| {label:<58} | {cells[0]:>13} | {cells[1]:>13} |")


ROWS = (
    ("titles", "event titles: a real headline or a clean short title", "more"),
    ("dated", "ECB+ articles with a written date that are dated", "more"),
    ("outlets", "articles naming a source, with a recognised outlet", "all"),
    ("names_none", "articles whose text and metadata name no source", "-"),
    ("unresolved", "summary sentences opening with an unresolved reference", "none"),
    ("undated_time", "relative time words with a dated source, no date shown", "none"),
    ("no_source_date", "relative time words whose sources are all undated", "-"),
    ("same_fact", "pairs of summary sentences stating the same fact", "none"),
    ("no_verb", "summary sentences without a verb", "none"),
    ("short", "summaries of 3 or more articles under 50 words", "fewer"),
)


# ------------------------------------------------------------------------------------------------ the run


def _run_side(src: Path, data: Path, rouge: bool) -> dict:
    env = dict(os.environ, PYTHONPATH=str(src))
    args = [sys.executable, str(Path(__file__).resolve()), "--measure", "--data", str(data)]
    args += ["--rouge"] if rouge else []
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the run on {src} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def _rouge(outputs: dict[str, str], data: Path) -> tuple[float, float]:
    sys.path.insert(0, str(ROOT / "bench"))
    import duc2004

    clusters = sorted(outputs)
    refs = [
        [
            p.read_text(encoding="utf-8", errors="replace").strip()
            for p in sorted((data / "duc2004-dev" / "models").glob(f"{c[:-1].upper()}.M.100.T.*"))
        ]
        for c in clusters
    ]
    return duc2004._score(duc2004._scorer(100), [outputs[c] for c in clusters], refs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--before", default="main", help="git revision whose product is 'before' (default: main)")
    parser.add_argument("--rouge", action="store_true", help="also score DUC 2004 dev ROUGE on both sides")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--unseen",
        type=Path,
        nargs="?",
        const=DEFAULT_DATA / "polnear-dev" / "train.jsonl",
        help="instead: the checks that need no gold on articles not tuned on (default: PolNeAR train), this tree only",
    )
    parser.add_argument("--every", type=int, default=3, help="with --unseen: take every N-th article (default 3)")
    args = parser.parse_args(argv)
    if args.unseen:
        if not args.unseen.is_file():
            print(f"unseen articles not found: {args.unseen}", file=sys.stderr)
            return 2
        side = measure_unseen(args.unseen, args.every)
        if args.measure:
            json.dump(side, sys.stdout)
        else:
            _print_unseen(check_unseen(side), args.unseen, args.every)
        return 0
    if not (args.data / "duc2004-dev").is_dir() or not (args.data / "ecbplus-dev").is_dir():
        print(f"dev data not found under {args.data}", file=sys.stderr)
        return 2
    if args.measure:
        json.dump(measure(args.data.resolve(), args.rouge), sys.stdout)
        return 0

    data = args.data.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        before_tree = Path(tmp) / "before"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(before_tree), args.before], check=True
        )
        try:
            before = _run_side(before_tree / "src", data, args.rouge)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(before_tree)], check=False)
    after = _run_side(ROOT / "src", data, args.rouge)
    checked = {"before": check(before, data), "after": check(after, data)}
    print(
        f"Editorial check over DUC 2004 dev, ECB+ dev and the example corpus; before = {args.before}, after = this tree"
    )
    print()
    print(f"| {'check':<58} | {'before':>13} | {'after':>13} | goal |")
    print(f"|{'-' * 60}|{'-' * 15}|{'-' * 15}|------|")
    for key, label, goal in ROWS:
        cells = [f"{checked[side][key][0]} / {checked[side][key][1]}" for side in ("before", "after")]
        print(f"| {label:<58} | {cells[0]:>13} | {cells[1]:>13} | {goal} |")
    if args.rouge:
        print()
        for side, result in (("before", before), ("after", after)):
            r1, r2 = _rouge(result["rouge"], data)
            print(f"DUC 2004 dev through storyline.api.summarize ({side}): R-1 {r1:.2f}, R-2 {r2:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
