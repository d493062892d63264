"""Hostile article text served and written as a static site: escaped everywhere, links only http(s), no page breaks."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

from storyline import api
from storyline.store import Store
from tests.hostile import HOSTILE_IDS, LONG_TITLE, PWNED


def hostile_pages(client, db) -> dict[str, str]:
    with Store(db) as store:
        articles = store.articles()
        events = store.events()
    pages = {"/": client.get("/").text}
    for event in events:
        pages[f"/events/{event.id}"] = client.get(f"/events/{event.id}").text
    for article in articles:
        response = client.get("/article", params={"id": article.id})
        assert response.status_code == 200, article.id
        pages[f"/article?id={article.id}"] = response.text
    for query in ("ferry", "festival", "script", "onerror", "javascript"):
        pages[f"/search?q={query}"] = client.get("/search", params={"q": query}).text
    return pages


def assert_safe(html: str, where: str) -> lxml.html.HtmlElement:
    doc = lxml.html.fromstring(html)
    assert not doc.xpath("//script | //iframe | //img | //svg | //object | //embed | //style"), where
    assert not [a for a in doc.xpath("//*/@*") if a.attrname.lower().startswith("on")], where
    for element in doc.xpath("//a[@href]"):
        href = element.get("href")
        scheme = urlsplit(href).scheme.lower()
        assert scheme in ("", "http", "https"), (where, href)
        if scheme:  # a link taken from an article
            assert element.get("rel") == "noopener noreferrer nofollow", (where, href)
    assert PWNED not in doc.text_content() or "<script>" in doc.text_content()  # shown as text, never as markup
    return doc


def test_every_page_of_the_hostile_articles_is_escaped_and_whole(client, news_db):
    pages = hostile_pages(client, news_db)
    for where, html in pages.items():
        doc = assert_safe(html, where)
        assert doc.xpath("//main") and doc.xpath("//footer"), where  # the page rendered to its end
    texts = "".join(lxml.html.fromstring(html).text_content() for html in pages.values())
    assert "<script>window.__pwned = 1</script>" in texts  # the hostile text is shown, as text
    assert LONG_TITLE in texts


def test_hostile_ids_reach_their_own_article_pages(client):
    for article_id in HOSTILE_IDS:
        doc = lxml.html.fromstring(client.get("/article", params={"id": article_id}).text)
        assert doc.xpath("//dl[@class='facts']//code")[0].text_content() == article_id


def test_only_http_links_from_articles_survive(client):
    doc = lxml.html.fromstring(client.get("/article", params={"id": "../../etc/passwd"}).text)
    assert not doc.xpath("//a[@class='outside']")  # its url is javascript:
    doc = lxml.html.fromstring(client.get("/article", params={"id": "a/b/c"}).text)
    assert doc.xpath("//a[@class='outside']/@href") == ["https://ferry.example/strike?a=1&b=<x>"]
    for article_id in (".", "<script>x</script>", "quote\"and'apos", "%2e%2e%2f"):
        doc = lxml.html.fromstring(client.get("/article", params={"id": article_id}).text)
        assert all(href.startswith(("http://", "https://")) for href in doc.xpath("//a[@class='outside']/@href"))


def test_static_site_of_hostile_articles_stays_inside_its_folder_and_links_resolve(fresh_db, tmp_path):
    out = tmp_path / "site"
    api.digest([], out=out, db=fresh_db, formats=("html",))
    files = sorted(out.rglob("*.html"))
    assert all(path.resolve().is_relative_to(out.resolve()) for path in files)
    with Store(fresh_db) as store:
        assert len(files) == 1 + len(store.events()) + store.count_articles()
    for path in files:
        html = path.read_text(encoding="utf-8")
        doc = assert_safe(html, str(path))
        for link in doc.xpath("//a/@href") + doc.xpath("//link/@href"):
            parts = urlsplit(link)
            if parts.scheme:
                continue
            assert not link.startswith("/"), (path, link)  # relative, so the site opens from the file system
            target = (path.parent / unquote(parts.path)).resolve()
            assert target.is_file(), (path, link)
            if parts.fragment:
                assert f'id="{parts.fragment}"' in target.read_text(encoding="utf-8"), (path, link)
    assert Path(out / "static" / "storyline.css").is_file()
