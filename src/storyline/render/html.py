"""A static site of event digests: the web app's pages as files, with relative links, readable with no server.

digest/index.html                      every event, newest first
digest/events/<date>-<slug>.html       one page per event (the same names as the Markdown files)
digest/articles/<slug>-<hash>.html     one page per article, an anchor on every sentence
digest/static/storyline.css
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

from storyline.model import EventDigest

# Pages opened from the file system allow no script at all and styles only from beside them.
SITE_CSP = "default-src 'none'; style-src 'self' file:; img-src 'self' file:; base-uri 'none'; form-action 'none'"


class SiteLinks:
    """Relative links from a page ``depth`` folders below the site's root."""

    def __init__(self, depth: int, event_files: dict[str, str], article_files: dict[str, str]):
        self.prefix = "../" * depth
        self.event_files = event_files
        self.article_files = article_files

    def home(self, **_params: str) -> str:
        return self.prefix + "index.html"

    def event(self, event_id: str) -> str:
        return self.prefix + self.event_files.get(event_id, "index") + ".html"

    def article(self, article_id: str, sentence: int | None = None) -> str:
        name = self.article_files.get(article_id)
        if name is None:
            return self.home()
        return self.prefix + name + ".html" + (f"#s{sentence}" if sentence is not None else "")

    def static(self, name: str) -> str:
        return self.prefix + "static/" + name


def article_file_name(article_id: str) -> str:
    """``articles/<slug>-<hash>``: safe on every file system whatever the id holds (slashes, ``..``, quotes)."""
    slug = re.sub(r"[^a-z0-9]+", "-", article_id.lower()).strip("-")[:48] or "article"
    return f"articles/{slug}-{hashlib.sha256(article_id.encode('utf-8', 'surrogatepass')).hexdigest()[:10]}"


def write_site(digests: Sequence[EventDigest], out: str | Path, event_files: dict[str, str]) -> Path:
    """Write the site for ``digests`` into ``out``; ``event_files`` names each event's page (without suffix)."""
    from storyline.web import views
    from storyline.web.jinja import STATIC, environment

    out = Path(out)
    (out / "events").mkdir(parents=True, exist_ok=True)
    (out / "articles").mkdir(parents=True, exist_ok=True)
    (out / "static").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(STATIC / "storyline.css", out / "static" / "storyline.css")
    templates = environment()
    article_files = {article.id: article_file_name(article.id) for d in digests for article in d.articles}

    def write(path: Path, template: str, links: SiteLinks, **context) -> None:
        html = templates.get_template(template).render(links=links, csp_meta=SITE_CSP, **context)
        path.write_text(html, encoding="utf-8")

    ordered = sorted(
        digests, key=lambda d: (d.event.end or d.event.start or "", d.event.start or "", d.event.id), reverse=True
    )
    root = SiteLinks(0, event_files, article_files)
    rows = [
        {
            "title": d.event.title,
            "href": root.event(d.event.id),
            "dates": views.date_span(d.event.start, d.event.end),
            "article_count": len(d.articles),
            "outlet_count": len({a.outlet for a in d.articles if a.outlet}),
            "lead": d.summary.sentences[0].text if d.summary.sentences else "",
        }
        for d in ordered
    ]
    write(
        out / "index.html",
        "events.html",
        root,
        rows=rows,
        total=len(rows),
        filtered=False,
        filters_enabled=False,
        article_total=sum(len(d.articles) for d in digests),
    )
    nested = SiteLinks(1, event_files, article_files)
    for digest in digests:
        write(out / f"{event_files[digest.event.id]}.html", "event.html", nested, **views.event_context(digest, nested))
        group_of = {member: group for group in digest.copy_groups for member in group.article_ids}
        briefs = {a.id: (a.title, a.outlet, a.published) for a in digest.articles}
        for article in digest.articles:
            context = views.article_context(
                article,
                nested,
                event=(digest.event.id, digest.event.title),
                group=group_of.get(article.id),
                group_briefs=briefs,
            )
            write(out / f"{article_files[article.id]}.html", "article.html", nested, **context)
    return out / "index.html"
