"""The local web app: event pages whose every summary sentence shows its source, and a JSON API under /api/.

Every handler reads the store inside one read-only snapshot; the only thing the app ever writes is the analysis
cache of an event it had to analyse (see ``digests.py``). Handlers run on the event loop: each is a few milliseconds
of indexed reads and rendering, less than a hop to a worker thread and back costs under load; only an event page
whose digest is not in memory (read from the store or analysed, up to seconds) is handed to a thread. Article
text is untrusted: templates escape everything, and the Content-Security-Policy allows no script at all and nothing
from another origin.
"""

from __future__ import annotations

import math
import re
import sqlite3
from pathlib import Path
from typing import ClassVar
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline.render.json import SCHEMA_VERSION, digest_to_json
from storyline.web import views
from storyline.web.cached import RenderedPages, StaticAssets, content_tag, read_static
from storyline.web.digests import DigestCache
from storyline.web.jinja import STATIC, environment
from storyline.web.listing import EventListings, Listing
from storyline.web.reader import HIT_CLOSE, HIT_OPEN, EventFilters, Snapshot, StoreReader

PAGE_SIZE = 20
SEARCH_LIMIT = 50
API_PAGE_MAX = 100
RENDERED_SLOTS = 512  # event pages, digests and pages of the events list kept rendered
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# The API's own docs page is served by the app; no API explorer is loaded from another site.
OPENAPI_URL = "/api/openapi.json"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every response, errors included (plain ASGI: no per-request task overhead)."""

    _RAW: ClassVar[list[tuple[bytes, bytes]]] = [
        (name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS.items()
    ]
    _NAMES: ClassVar[set[bytes]] = {name for name, _ in _RAW}

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                kept = [(name, value) for name, value in message.get("headers", []) if name.lower() not in self._NAMES]
                message = {**message, "headers": kept + self._RAW}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class AppLinks:
    """Absolute paths within the app; static files carry a tag of their content, so browsers may keep them."""

    def __init__(self, static_tags: dict[str, str] | None = None):
        self.static_tags = static_tags or {}

    def home(self, **params: str) -> str:
        query = urlencode({key: value for key, value in params.items() if value})
        return "/" + (f"?{query}" if query else "")

    def event(self, event_id: str) -> str:
        return f"/events/{quote(event_id, safe='')}"

    def article(self, article_id: str, sentence: int | None = None) -> str:
        return f"/article?{urlencode({'id': article_id})}" + (f"#s{sentence}" if sentence is not None else "")

    def static(self, name: str) -> str:
        tag = self.static_tags.get(name)
        return f"/static/{name}" + (f"?v={tag}" if tag else "")

    def search_page(self, query: str = "") -> str:
        return "/search" + (f"?{urlencode({'q': query})}" if query else "")

    def api_docs(self) -> str:
        return "/api/docs"


def create_app(db: str | Path, *, words: int = 100, write_back: bool = True, page_size: int = PAGE_SIZE) -> FastAPI:
    """The app over the store at ``db`` (which must exist); ``write_back=False`` never writes to it."""
    reader = StoreReader(db)
    cache = DigestCache(str(db), words=words, write_back=write_back)
    static_files = read_static(STATIC)
    links = AppLinks({name: content_tag(static_files, name) for name in static_files})
    templates = environment()
    listings = EventListings()
    rendered = RenderedPages(RENDERED_SLOTS)
    app = FastAPI(
        title="Storyline",
        version=str(SCHEMA_VERSION),
        docs_url=None,
        redoc_url=None,
        openapi_url=OPENAPI_URL,
        description="Sourced event digests over a local Storyline store. Read-only.",
    )
    app.state.reader, app.state.cache = reader, cache
    app.add_middleware(StaticAssets, files=static_files)
    app.add_middleware(SecurityHeaders)  # added last, so it wraps the static files too
    compiled = {name: templates.get_template(name) for name in templates.list_templates() if name.endswith(".html")}

    def render(template: str, **context) -> str:
        return compiled[template].render(links=links, **context)

    def page(template: str, status: int = 200, **context) -> HTMLResponse:
        return HTMLResponse(render(template, **context), status_code=status)

    def not_found(what: str) -> HTMLResponse:
        return page("message.html", 404, heading="Not found", message=what)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": str(error.detail)}, status_code=error.status_code)
        return page(
            "message.html",
            error.status_code,
            heading="Not found" if error.status_code == 404 else "Error",
            message="There is no page at this address." if error.status_code == 404 else str(error.detail),
        )

    @app.exception_handler(sqlite3.Error)
    async def store_busy(request: Request, error: sqlite3.Error):
        message = "The store could not be read just now; try again in a moment."
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=503)
        return page("message.html", 503, heading="Try again", message=message)

    # Pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def events_page(
        since: str = "", until: str = "", outlet: str = "", text: str = "", page_number: str = Query("", alias="page")
    ):
        filters = _filters(since, until, outlet, text)
        number = _page_number(page_number)
        with reader.snapshot() as snapshot:
            events = listings.get(snapshot)
            listing = _listing(snapshot, events, cache, filters, number, page_size)
        key = ("events", events.version, filters, number, tuple(lead for _, lead in listing["rows"]))
        body = rendered.get(key)
        if body is not None:
            return Response(body, media_type="text/html; charset=utf-8")
        pages = max(1, math.ceil(listing["total"] / page_size))
        params = {"since": filters.since, "until": filters.until, "outlet": filters.outlet, "text": filters.text}
        html = render(
            "events.html",
            rows=[_row_view(item, links) for item in listing["rows"]],
            total=listing["total"],
            filters=filters,
            filtered=any(params.values()),
            outlet_options=events.outlet_options(filters.outlet),
            filters_enabled=True,
            article_total=events.article_total,
            page=number,
            pages=pages,
            newer=links.home(**params, page=str(number - 1) if number > 2 else "") if number > 1 else None,
            older=links.home(**params, page=str(number + 1)) if number < pages else None,
        )
        return Response(rendered.put(key, html.encode()), media_type="text/html; charset=utf-8")

    def event_response(event_id: str, kind: str, *, memory_only: bool) -> Response | None:
        """The event's page (``kind`` "page") or digest ("json"); with ``memory_only``, None when the event's
        digest is not in memory (it then has to be read from the analysis cache or analysed: a thread's work)."""
        with reader.snapshot() as snapshot:
            event = snapshot.event(event_id)
            if event is None:
                if kind == "json":
                    return JSONResponse({"error": f"no event with id {event_id!r}"}, status_code=404)
                return not_found("No event has this id; it may have been merged into another by a later ingest.")
            found = cache.digest_and_key(snapshot, event, memory_only=memory_only)
        if found is None:
            return None
        digest, key = found
        body = rendered.get((kind, *key))
        if body is None:
            if kind == "json":
                body = JSONResponse(digest_to_json(digest)).body
            else:
                body = render("event.html", **views.event_context(digest, links)).encode()
            rendered.put((kind, *key), body)
        media_type = "application/json" if kind == "json" else "text/html; charset=utf-8"
        return Response(body, media_type=media_type)

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    async def event_page(event_id: str):
        response = event_response(event_id, "page", memory_only=True)
        if response is None:
            response = await run_in_threadpool(event_response, event_id, "page", memory_only=False)
        return response

    @app.get("/article", response_class=HTMLResponse, include_in_schema=False)
    async def article_page(article_id: str = Query("", alias="id")):
        with reader.snapshot() as snapshot:
            context = _article_context(snapshot, article_id, links)
        if context is None:
            return not_found("No article has this id.")
        return page("article.html", **context)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    async def search_page(q: str = ""):
        with reader.snapshot() as snapshot:
            hits = snapshot.search(q, limit=SEARCH_LIMIT) if q.strip() else []
            groups = _search_groups(snapshot, hits, links)
        return page("search.html", query=q, groups=groups, hit_count=len(hits), limit=SEARCH_LIMIT)

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon():
        return Response(status_code=204)

    @app.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
    async def api_docs():
        return page("api_docs.html", spec=app.openapi(), openapi_url=OPENAPI_URL)

    # JSON API

    @app.get(
        "/api/events",
        summary="Events, newest first",
        description="Paged; filtered by dates (YYYY-MM-DD), outlet and words in the articles.",
    )
    async def api_events(
        since: str = Query("", description="events that last until this date or later"),
        until: str = Query("", description="events that start on this date or earlier"),
        outlet: str = Query("", description="events with an article from this outlet"),
        text: str = Query("", description="events with an article holding these words"),
        page_number: int = Query(1, alias="page", ge=1, le=1_000_000),
        per_page: int = Query(page_size, ge=1, le=API_PAGE_MAX),
    ):
        filters = _filters(since, until, outlet, text)
        with reader.snapshot() as snapshot:
            listing = _listing(snapshot, listings.get(snapshot), cache, filters, page_number, per_page)
        return JSONResponse(
            {
                "schema_version": SCHEMA_VERSION,
                "total": listing["total"],
                "page": page_number,
                "per_page": per_page,
                "events": [
                    {
                        "id": row.event.id,
                        "title": row.event.title,
                        "start": row.event.start,
                        "end": row.event.end,
                        "outlets": row.event.outlets,
                        "article_count": row.article_count,
                        "outlet_count": row.outlet_count,
                        "lead": lead,
                        "url": f"/api/events/{quote(row.event.id, safe='')}",
                    }
                    for row, lead in listing["rows"]
                ],
            }
        )

    @app.get(
        "/api/events/{event_id}",
        summary="One event's digest",
        description="The same object as the digest's JSON file (analysed on first request, then cached).",
    )
    async def api_event(event_id: str):
        response = event_response(event_id, "json", memory_only=True)
        if response is None:
            response = await run_in_threadpool(event_response, event_id, "json", memory_only=False)
        return response

    @app.get(
        "/api/article",
        summary="One article",
        description="Its metadata, cleaned text, sentences (with the offsets citations use), event and copy group.",
    )
    async def api_article(article_id: str = Query(..., alias="id", description="the article's id")):
        with reader.snapshot() as snapshot:
            article = snapshot.article(article_id)
            if article is None:
                return JSONResponse({"error": f"no article with id {article_id!r}"}, status_code=404)
            groups = snapshot.copy_groups_of([article.id])
            event_id = snapshot.event_of(article.id)
        data = article.to_dict()
        data["sentences"] = [
            {"index": index, "start": start, "end": end, "text": article.text[start:end]}
            for index, (start, end) in enumerate(views.split_sentences(article.text))
        ]
        data["event_id"] = event_id
        data["copy_group"] = (
            {"id": groups[0].id, "articles": groups[0].article_ids, "canonical": groups[0].canonical}
            if groups
            else None
        )
        return JSONResponse({"schema_version": SCHEMA_VERSION, **data})

    @app.get(
        "/api/search",
        summary="Full-text search",
        description='Any text works: words are searched as written; "phrases", word*, OR and -word are '
        "understood. Each snippet's matched words are given as [start, end) offsets.",
    )
    async def api_search(
        q: str = Query("", description="what to search for"), limit: int = Query(SEARCH_LIMIT, ge=1, le=200)
    ):
        with reader.snapshot() as snapshot:
            hits = snapshot.search(q, limit=limit) if q.strip() else []
        return JSONResponse(
            {
                "schema_version": SCHEMA_VERSION,
                "query": q,
                "hits": [
                    {
                        "article_id": hit.article_id,
                        "title": hit.title,
                        "outlet": hit.outlet,
                        "published": hit.published,
                        "event_id": hit.event_id,
                        **_snippet_json(hit.snippet),
                    }
                    for hit in hits
                ],
            }
        )

    return app


def _filters(since: str, until: str, outlet: str, text: str) -> EventFilters:
    """Filters as typed; a date that is no YYYY-MM-DD date is left out rather than refused."""
    return EventFilters(
        since=since if _DATE.fullmatch(since.strip()) else "",
        until=until if _DATE.fullmatch(until.strip()) else "",
        outlet=outlet.strip()[:300],
        text=text.strip()[:500],
    )


def _page_number(value: str) -> int:
    return int(value) if value.isdigit() and 0 < int(value) < 1_000_000 else 1


def _listing(
    snapshot: Snapshot, events: Listing, cache: DigestCache, filters: EventFilters, number: int, size: int
) -> dict:
    matching = events.matching(snapshot, filters)
    rows = events.event_rows(snapshot, matching[(number - 1) * size : number * size])
    leads = cache.cached_summary_leads(snapshot, rows)
    # An event not analysed yet shows the first line of its first article.
    firsts = [row.event.article_ids[0] for row in rows if row.event.article_ids and row.event.id not in leads]
    texts = snapshot.lead_sentences([article_id for article_id in firsts if article_id not in events.first_lines])
    for article_id, text in texts.items():
        events.first_lines[article_id] = views.first_line(text)
    for row in rows:
        if row.event.id not in leads:
            leads[row.event.id] = events.first_lines.get(row.event.article_ids[0], "") if row.event.article_ids else ""
    return {"total": len(matching), "rows": [(row, leads[row.event.id]) for row in rows]}


def _row_view(item, links: AppLinks) -> dict:
    row, lead = item
    return {
        "title": row.event.title,
        "href": links.event(row.event.id),
        "dates": views.date_span(row.event.start, row.event.end),
        "article_count": row.article_count,
        "outlet_count": row.outlet_count,
        "lead": lead,
    }


def _article_context(snapshot: Snapshot, article_id: str, links) -> dict | None:
    article = snapshot.article(article_id) if article_id else None
    if article is None:
        return None
    event_id = snapshot.event_of(article.id)
    event = (event_id, snapshot.event_titles([event_id]).get(event_id, event_id)) if event_id else None
    groups = snapshot.copy_groups_of([article.id])
    group = groups[0] if groups else None
    briefs = snapshot.article_briefs(group.article_ids) if group else {}
    return views.article_context(article, links, event=event, group=group, group_briefs=briefs)


def _search_groups(snapshot: Snapshot, hits, links: AppLinks) -> list[dict]:
    titles = snapshot.event_titles([hit.event_id for hit in hits if hit.event_id])
    groups: dict[str | None, dict] = {}
    for hit in hits:
        group = groups.setdefault(
            hit.event_id,
            {
                "title": titles.get(hit.event_id, "Not in an event yet") if hit.event_id else "Not in an event yet",
                "href": links.event(hit.event_id) if hit.event_id in titles else None,
                "hits": [],
            },
        )
        group["hits"].append(
            {
                "title": hit.title or hit.article_id,
                "outlet": hit.outlet,
                "published": (hit.published or "")[:10],
                "href": links.article(hit.article_id),
                "pieces": views.hit_pieces(hit.snippet, HIT_OPEN, HIT_CLOSE),
            }
        )
    return list(groups.values())


def _snippet_json(snippet: str) -> dict:
    text, spans = "", []
    for hot, piece in views.hit_pieces(snippet, HIT_OPEN, HIT_CLOSE):
        if hot:
            spans.append([len(text), len(text) + len(piece)])
        text += piece
    return {"snippet": text, "highlights": spans}
