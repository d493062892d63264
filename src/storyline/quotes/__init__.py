"""Who said what: quotes and reported speech with their speakers, and the people, organisations and places named.

>>> from storyline.quotes import find_quotes                         # doctest: +SKIP
>>> [(q.speaker_name, q.text) for q in find_quotes(articles)]      # doctest: +SKIP

Only English articles are read for quotes (others have no cue lexicon); spaCy's small English pipeline parses
only the sentences that hold a quotation mark or a cue, and is loaded on first use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from storyline.model import Article, Entity, Quote
from storyline.quotes.nlp import INSTALL_HINT, QuotesUnavailable, load_pipeline

__all__ = [
    "INSTALL_HINT",
    "ArticleAnalysis",
    "QuotesUnavailable",
    "analyse_articles",
    "analysed_articles",
    "find_entities",
    "find_quotes",
    "is_english",
]


CHUNK_ARTICLES = 500


@dataclass(slots=True)
class ArticleAnalysis:
    article_id: str
    quotes: list[Quote]
    entities: list[Entity]
    skipped: str | None = None  # why the article was not read for quotes (its language)


def is_english(article: Article) -> bool:
    return article.language in (None, "en")


def analyse_articles(
    articles: Sequence[Article], *, n_process: int = 1, batch_size: int = 256
) -> list[ArticleAnalysis]:
    """Quotes and entities of each article, in the order given; non-English articles get none. A sentence that
    several of the articles carry word for word is parsed once, and copies (the same text, paragraphs and title)
    are analysed once, each copy getting the quotes and entities under its own id."""
    from storyline.quotes.extract import extract_many
    from storyline.quotes.parses import ParseStore

    english = [article for article in articles if is_english(article) and article.text.strip()]
    nlp = load_pipeline() if english else None
    store = ParseStore()
    by_copy: dict[tuple, ArticleAnalysis] = {}
    # In chunks, so that the parses held at once stay few; each chunk starts its worker processes anew.
    chunk = CHUNK_ARTICLES if n_process == 1 else CHUNK_ARTICLES * 8
    for at in range(0, len(english), chunk):
        firsts: dict[tuple, Article] = {}
        for article in english[at : at + chunk]:
            key = _copy_key(article)
            if key not in by_copy:
                firsts.setdefault(key, article)
        batch = list(firsts.values())
        items = [(a.text, a.paragraphs) for a in batch]
        titles = [a.title or "" for a in batch]
        parsed = extract_many(items, nlp, batch_size=batch_size, n_process=n_process, store=store, titles=titles)
        for key, article, result in zip(firsts, batch, parsed):
            by_copy[key] = _analysed(article, result)
    done = {}
    for article in english:
        first = by_copy[_copy_key(article)]
        done[article.id] = first if first.article_id == article.id else _relabelled(first, article.id)
    return [
        done.get(article.id)
        or ArticleAnalysis(article.id, [], [], None if is_english(article) else f"not English ({article.language})")
        for article in articles
    ]


def _copy_key(article: Article) -> tuple:
    """What an article's quotes and entities are computed from, its id aside."""
    paragraphs = None if article.paragraphs is None else tuple(map(tuple, article.paragraphs))
    return article.text, paragraphs, article.title or ""


def _analysed(article: Article, result) -> ArticleAnalysis:
    from storyline.quotes.entities import article_entities
    from storyline.quotes.groups import quoted_first_person
    from storyline.quotes.names import ArticleNames
    from storyline.quotes.speakers import resolve, said

    names = ArticleNames(article.text, result, article.title or "")
    founds = sorted(result.found, key=lambda f: f.start)
    resolved = []
    previous = None
    for found in founds:
        speaker, name, role = resolve(found, names, previous)
        if name is None and speaker is not None and found.described and found.described[0] == found.speaker[0]:
            speaker = article.text[slice(*found.described)].strip()  # "people living in Pellham", not "people"
        if speaker is not None and speaker.lower() != "i":  # "he added" goes on past a quoted "I think"
            previous = said(found, speaker, name, names)
        resolved.append((speaker, name, role))
    resolved = quoted_first_person(founds, resolved, names.is_person, article.text)
    quotes = [_headline_quote(article, f, names) for f in result.headline if f.text]
    quotes += [
        Quote(article.id, f.text, f.direct, *who, f.cue, f.start, f.end, f.sentence_index)
        for f, who in zip(founds, resolved)
    ]
    return ArticleAnalysis(article.id, quotes, article_entities(article.id, names))


def _relabelled(analysis: ArticleAnalysis, article_id: str) -> ArticleAnalysis:
    """A copy's analysis: the same quotes and entities, each of its own, under the copy's id."""
    quotes = [replace(quote, article_id=article_id) for quote in analysis.quotes]
    entities = [replace(e, variants=list(e.variants), article_ids=[article_id]) for e in analysis.entities]
    return ArticleAnalysis(article_id, quotes, entities, analysis.skipped)


def _headline_quote(article: Article, found, names) -> Quote:
    """A quote of the title: no offsets in the text; the speaker named as the text names that person in full."""
    speaker = article.title[found.speaker[0] : found.speaker[1]].strip() if found.speaker else None
    surname = speaker.split()[-1] if speaker else None
    person = names.by_surname(surname) if surname else None
    name = person.fullest if person and person.fullest.split()[-1] == surname else None
    role = None
    if name is None and speaker:  # "Canada's chief NAFTA negotiator says ...": the one person the text gives that role
        from storyline.quotes.role_names import named_later_with_role

        titled = named_later_with_role(names, speaker, -1)
        name, role = (titled.fullest, titled.roles[0]) if titled is not None else (None, None)
    speaker = speaker or None
    return Quote(article.id, found.text, found.direct, speaker, name, role, found.cue, None, None, 0)


def find_quotes(articles: Sequence[Article], *, n_process: int = 1) -> list[Quote]:
    """Every quote of every article, article by article, in text order."""
    return [quote for item in analyse_articles(articles, n_process=n_process) for quote in item.quotes]


def find_entities(articles: Sequence[Article], *, n_process: int = 1) -> list[Entity]:
    """The people, organisations and places of the articles, merged across them, most mentioned first."""
    from storyline.quotes.entities import merge_entities

    return merge_entities([e for item in analyse_articles(articles, n_process=n_process) for e in item.entities])


_LAST_EVENT: list = []  # the analysis of the last event, shared by its quotes and entities analysers


def event_analysis(articles: Sequence[Article]) -> tuple[list[Quote], list[Entity], list[str]]:
    """An event's quotes (main news first), entities (merged, most mentioned first) and notes for the reader."""
    from storyline.quotes.entities import merge_entities
    from storyline.quotes.merge import order_quotes

    key = tuple((article.id, article.content_hash, len(article.text)) for article in articles)
    if _LAST_EVENT and _LAST_EVENT[0] == key:
        return _LAST_EVENT[1]
    analysed = analysed_articles(articles)
    quotes = order_quotes([q for item in analysed for q in item.quotes], articles)
    entities = merge_entities([e for item in analysed for e in item.entities])
    skipped = [item.article_id for item in analysed if item.skipped]
    notes = [f"no quotes looked for in {len(skipped)} article(s) not in English"] if skipped else []
    _LAST_EVENT[:] = [key, (quotes, entities, notes)]
    return quotes, entities, notes


def analysed_articles(articles: Sequence[Article]) -> list[ArticleAnalysis]:
    """``analyse_articles``, as the articles' products: each article's quotes and entities depend on it alone, so
    those stored (by an earlier digest, or computed ahead at ingest) are reused."""
    from storyline.products import products_of

    return products_of("quotes", articles, analyse_articles, _dump_analysis, _load_analysis)


def _dump_analysis(item: ArticleAnalysis) -> dict:
    return {
        "article_id": item.article_id,
        "quotes": [quote.to_dict() for quote in item.quotes],
        "entities": [entity.to_dict() for entity in item.entities],
        "skipped": item.skipped,
    }


def _load_analysis(data: dict) -> ArticleAnalysis:
    quotes = [Quote.from_dict(quote) for quote in data["quotes"]]
    return ArticleAnalysis(data["article_id"], quotes, [Entity.from_dict(e) for e in data["entities"]], data["skipped"])
