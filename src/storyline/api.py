"""The Python API: the same operations as the command line, over plain values.

Defaults come from ``storyline.config``; functions that run stages take ``settings`` (a ``Settings``) for the copy
threshold and the event options.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.config import DEFAULT_DB, DEFAULT_SUMMARY_WORDS, DIGEST_FORMATS, Settings
from storyline.digest_reads import full_digests, listed_digests
from storyline.engine import Engine, InProcess
from storyline.model import (
    Article,
    CopyGroup,
    Disagreement,
    Entity,
    Event,
    EventDigest,
    Problem,
    Quote,
    Storyline,
    Summary,
)
from storyline.outfolder import RenderedPages, page_key
from storyline.outputs import output_errors, prepare_output_folder
from storyline.progress import Progress, counted
from storyline.render import index_to_json, index_to_markdown
from storyline.render.json_text import indented_json
from storyline.render.pages import json_page, markdown_page
from storyline.safety import file_stem
from storyline.store import Store, StoreError
from storyline.timelines import link_digests

if TYPE_CHECKING:
    from storyline.diff import VersionDiff
    from storyline.ingest.limits import Limits
    from storyline.pipeline import IngestReport

# The stages are imported by the functions that run them: a digest with nothing to ingest never loads the copy and
# event indexes' code.

DEFAULTS = Settings()


@dataclass(slots=True)
class ReadResult:
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(slots=True)
class DigestReport:
    out: str
    index_path: str
    event_count: int
    article_count: int
    problems: list[Problem]
    digests: list[EventDigest]  # the events analysed or written in this run, in full (pages of others were kept)


def read(paths: Iterable[str | Path], *, max_file_bytes: int | None = None, limits: Limits | None = None) -> ReadResult:
    """Read and clean articles from files, directories or ``-`` (stdin); nothing is stored."""
    from storyline.ingest import read_paths

    result = ReadResult()
    for item in read_paths(paths, max_file_bytes=max_file_bytes, limits=limits):
        (result.problems if isinstance(item, Problem) else result.articles).append(item)
    return result


def open_store(path: str | Path = DEFAULT_DB, *, must_exist: bool = False) -> Store:
    """Open (or create) a store file; ``must_exist`` refuses to create one."""
    if must_exist and str(path) != ":memory:" and not Path(path).exists():
        raise StoreError(f"{path}: no such store (create one with 'storyline ingest')")
    return Store(path)


def ingest(
    paths: Iterable[str | Path],
    *,
    db: str | Path = DEFAULT_DB,
    max_file_bytes: int | None = None,
    limits: Limits | None = None,
    settings: Settings = DEFAULTS,
    progress: bool = False,
    engine: Engine | None = None,
) -> IngestReport:
    """Read articles into the store and update copy groups and events incrementally (``progress``: show it on
    the terminal; ``engine``: what runs the reading, sketching and featurizing, one process by default)."""
    from storyline import pipeline
    from storyline.ingest.parallel import read_paths_with

    engine = engine or InProcess()
    with open_store(db) as store, Progress("articles read", enabled=progress) as shown:
        items = read_paths_with(engine, paths, max_file_bytes=max_file_bytes, limits=limits)
        return pipeline.ingest(store, counted(items, shown, Article), settings=settings, engine=engine)


def copy_groups(
    articles: Sequence[Article], *, threshold: float | None = None, settings: Settings = DEFAULTS
) -> list[CopyGroup]:
    """Groups of copies of one story; every article in exactly one group (``threshold``: else the settings')."""
    from storyline.dedup import find_copy_groups

    return find_copy_groups(articles, threshold=settings.copy_threshold if threshold is None else threshold)


def diff(a: Article, b: Article) -> VersionDiff:
    """Sentence-aligned differences between two versions of a story."""
    from storyline.diff import diff_articles

    return diff_articles(a, b)


def events(articles: Sequence[Article], *, settings: Settings = DEFAULTS) -> list[Event]:
    """Articles grouped by the real-world event they report (copies always together)."""
    from storyline.dedup import find_copy_groups
    from storyline.events import cluster_events
    from storyline.titles import with_event_titles

    groups = find_copy_groups(articles, threshold=settings.copy_threshold)
    return with_event_titles(cluster_events(articles, copy_groups=groups, **settings.events), articles)


def disagreements(articles: Sequence[Article], *, event_list: Sequence[Event] | None = None) -> list[Disagreement]:
    """Where the articles disagree, event by event (articles are grouped into events first unless given)."""
    from storyline.compare import event_disagreements, event_quotes

    by_id = {article.id: article for article in articles}
    found = []
    for event in events(articles) if event_list is None else event_list:
        members = [by_id[i] for i in event.article_ids if i in by_id]
        found += event_disagreements(event.id, members, event_quotes(members) if len(members) > 1 else None)
    return found


def storylines(articles: Sequence[Article], *, settings: Settings = DEFAULTS) -> list[Storyline]:
    """Events of ``articles`` linked into storylines, oldest first; every event in exactly one storyline."""
    return storylines_and_events(articles, settings=settings)[0]


def storylines_and_events(
    articles: Sequence[Article], *, settings: Settings = DEFAULTS
) -> tuple[list[Storyline], list[Event]]:
    """``storylines(articles)`` and the events they hold."""
    from storyline.dedup import find_copy_groups
    from storyline.events import EventIndex
    from storyline.events.storylines import build_storylines
    from storyline.titles import with_event_titles

    groups = find_copy_groups(articles, threshold=settings.copy_threshold)
    index = EventIndex.from_articles(articles, copy_groups=groups, **settings.events)
    found = with_event_titles(index.events(), articles)
    return build_storylines(found, articles, idf=index.idf()), found


def stored_storylines(store: Store, *, words: int = DEFAULT_SUMMARY_WORDS) -> tuple[list[Storyline], list[Event]]:
    """The store's storylines and events under the titles the digests give them (``words``: the summary length
    the digests are made with, whose stored titles are reused): every output names an event, and a storyline, the
    same way."""
    from storyline.digest_reads import titled_events
    from storyline.timelines import titled_storylines

    events = titled_events(store, store.events(), words=words)
    return titled_storylines(store.storylines(), events), events


def summarize(
    articles: Sequence[Article], *, words: int = DEFAULT_SUMMARY_WORDS, copy_groups: Sequence[CopyGroup] | None = None
) -> Summary:
    """A cited summary of one event's articles; copies count once."""
    from storyline.dedup import find_copy_groups
    from storyline.summarize import summarize as _summarize

    if copy_groups is None:
        copy_groups = find_copy_groups(articles) if articles else []
    return _summarize(articles, words=words, copy_groups=copy_groups)


def quotes(articles: Sequence[Article]) -> list[Quote]:
    """Every quote of every article (direct and reported speech) with its speaker, article by article.

    Needs spaCy's small English model; raises ``storyline.quotes.QuotesUnavailable`` saying what to install.
    """
    from storyline.quotes import find_quotes

    return find_quotes(articles)


def entities(articles: Sequence[Article]) -> list[Entity]:
    """The people, organisations and places of the articles, name variants merged, most mentioned first."""
    from storyline.quotes import find_entities

    return find_entities(articles)


def rebuild(store: Store, *, settings: Settings = DEFAULTS) -> None:
    """Recompute copy groups and events of every stored article."""
    from storyline import pipeline

    pipeline.rebuild(store, settings=settings)


def digest(
    paths: Iterable[str | Path] = (),
    *,
    out: str | Path = "digest",
    db: str | Path = DEFAULT_DB,
    words: int = DEFAULT_SUMMARY_WORDS,
    max_file_bytes: int | None = None,
    limits: Limits | None = None,
    settings: Settings = DEFAULTS,
    formats: Sequence[str] = ("markdown", "json"),
    progress: bool = False,
    engine: Engine | None = None,
    report_digests: bool = True,
) -> DigestReport:
    """Ingest ``paths`` into the store, then write every stored event in ``formats`` (markdown, json, html: a
    static site readable from the file system) plus an index (``progress``: show it on the terminal). Pages of
    unchanged events are not written again; pages of events no longer stored are removed. ``report_digests``: the
    report holds the digests analysed or written; without them, each analysed event keeps in memory only what the
    index and its pages' storyline part need (a long stream's digests would fill the memory)."""
    unknown = [name for name in formats if name not in DIGEST_FORMATS]
    if unknown or not formats:
        raise ValueError(
            f"unknown digest format {', '.join(unknown) or '(none)'} (choose from {', '.join(DIGEST_FORMATS)})"
        )
    if words < 1:
        raise ValueError(f"the word budget must be a positive whole number, got {words!r}")
    paths = list(paths)
    if not paths and str(db) != ":memory:" and not Path(db).exists():
        raise ValueError(f"nothing to digest: give files or folders to read, or --db of an existing store ({db})")
    out = Path(out)
    prepare_output_folder(out)  # before any work: an unusable --out fails at once
    with open_store(db) as store:
        problems: list[Problem] = []
        with Progress("articles read", enabled=progress) as shown:
            if paths:
                from storyline import pipeline
                from storyline.ingest.parallel import read_paths_with

                items = read_paths_with(engine or InProcess(), paths, max_file_bytes=max_file_bytes, limits=limits)
                report = pipeline.ingest(store, counted(items, shown, Article), settings=settings, engine=engine)
                problems = report.problems
        with Progress("events analysed", enabled=progress) as shown:
            # Unchanged events are read as the index lists them; texts only for the events analysed or written.
            # Each analysed event's pages are drafted where it is analysed; only its storyline is added here.
            drafts = {} if set(formats) & set(_PAGE_SUFFIX) else None
            slim = not report_digests and drafts is not None and "html" not in formats  # the site reads them in full
            digests, full, keys = listed_digests(
                store, words=words, progress=shown, engine=engine, drafts=drafts, slim=slim
            )
        article_count = store.count_articles()
        stored_storylines = store.storylines()
        link_digests(digests, stored_storylines)
        file_of = _file_names(digests)
        md_names = {event_id: f"{name}.md" for event_id, name in file_of.items()}
        json_names = {event_id: f"{name}.json" for event_id, name in file_of.items()}
        page_names = {event_id: Path(name).name for event_id, name in md_names.items()}  # pages link each other
        with output_errors(out):
            (out / "events").mkdir(parents=True, exist_ok=True)
            pages = RenderedPages(out, tuple(suffix for name, suffix in _PAGE_SUFFIX.items() if name in formats))
            stale = []
            for item in digests:
                link = item.storyline
                linked = [] if link is None else [entry["id"] for entry in link.earlier + link.later]
                shown = [
                    sorted(formats),
                    None if link is None else [link.id, link.title, link.earlier, link.later],
                    [page_names.get(event_id) for event_id in linked],
                ]
                if not pages.up_to_date(file_of[item.event.id], page_key(item, keys[item.event.id], shown)):
                    stale.append(item)
            wanted = digests if "html" in formats else stale  # the site writer reads every event in full
            full.update(full_digests(store, [d for d in wanted if d.event.id not in full], words=words))
            for item in stale:
                base = out / file_of[item.event.id]
                draft = (drafts or {}).get(item.event.id)
                if "markdown" in formats:
                    base.with_suffix(".md").write_text(
                        markdown_page(full[item.event.id], page_names, draft), encoding="utf-8"
                    )
                if "json" in formats:
                    base.with_suffix(".json").write_text(json_page(full[item.event.id], draft), encoding="utf-8")
            if "markdown" in formats:
                (out / "index.md").write_text(index_to_markdown(digests, md_names, stored_storylines), encoding="utf-8")
            if "json" in formats:
                (out / "index.json").write_text(
                    indented_json(index_to_json(digests, json_names, stored_storylines)),
                    encoding="utf-8",
                )
            if "html" in formats:
                from storyline.render.html import write_site

                write_site([full[d.event.id] for d in digests], out, file_of)  # every page links the others
            pages.finish()  # pages of events that no longer exist are removed
    written = [full[d.event.id] for d in digests if d.event.id in full] if report_digests else []
    index = out / {"markdown": "index.md", "html": "index.html", "json": "index.json"}[formats[0]]
    return DigestReport(str(out), str(index), len(digests), article_count, problems, written)


# The event page each digest format writes for itself (html is written by the site writer).
_PAGE_SUFFIX = {"markdown": ".md", "json": ".json"}


def _file_names(digests: Sequence[EventDigest]) -> dict[str, str]:
    """``events/<date>-<title-slug>`` for each event, unique (also where case does not count); never a path."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    dates: dict[str | None, str] = {}  # many events share a day
    for item in digests:
        event = item.event
        day = dates.get(event.start)
        if day is None:
            day = dates[event.start] = file_stem(event.start, fallback="undated", max_bytes=32)
        name = f"events/{day}-{file_stem(event.title)}"
        number = 1
        while name.casefold() in taken:
            number += 1
            suffix = file_stem(event.id, max_bytes=16)[-6:]
            name = f"{name.rsplit('~', 1)[0]}~{suffix}{number if number > 2 else ''}"
        taken.add(name.casefold())
        names[event.id] = name
    return names
