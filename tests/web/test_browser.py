"""End to end in headless Chromium: `storyline serve` read the way a person reads it, and the hostile corpus.

Needs the ``playwright`` package and a Chromium binary (Debian's ``chromium``; ``STORYLINE_CHROMIUM`` names another).
Without them these tests skip on a developer's machine and fail in CI (``CI=true``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from urllib.parse import quote, urlsplit

import pytest

from storyline import api
from storyline.store import Store
from tests.hostile import HOSTILE_IDS

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HIGHLIGHT = "rgb(255, 241, 168)"  # --mark in storyline.css


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser tests must run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    executable = os.environ.get("STORYLINE_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        _unavailable("no Chromium found (apt-get install chromium, or set STORYLINE_CHROMIUM)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(news_db, tmp_path_factory):
    """`storyline serve` on a free port, over a copy of the store it may write its analysis cache into."""
    db = tmp_path_factory.mktemp("served") / "news.db"
    shutil.copyfile(news_db, db)
    process = subprocess.Popen(
        [sys.executable, "-m", "storyline.cli", "serve", "--db", str(db), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()
    match = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
    if not match:
        process.kill()
        pytest.fail(f"storyline serve did not print its address: {line!r} {process.stderr.read()}")
    yield match.group(1), db
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    tab = context.new_page()
    tab.dialogs = []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    yield tab
    context.close()


def assert_no_script_ran(tab) -> None:
    assert tab.evaluate("window.__pwned === undefined"), tab.url
    assert tab.evaluate("document.scripts.length") == 0, tab.url
    assert tab.dialogs == [], tab.url


def test_front_page_event_citation_search_and_filters(server, page, tmp_path):
    base, db = server
    page.goto(base)
    page.screenshot(path=tmp_path / "events.png")
    page.get_by_role("link", name=re.compile("Reserve Bank")).first.click()
    page.wait_for_selector(".summary-sentence")
    page.screenshot(path=tmp_path / "event.png", full_page=True)

    cite = page.locator(".cite").first
    card = cite.locator(".card")
    assert not card.is_visible()
    cite.hover()
    card.wait_for(state="visible")
    quoted = card.locator("q").inner_text()
    card.locator("a.card-link").click()
    page.wait_for_url(re.compile(r"/article\?id=.+#s\d+$"))
    fragment = urlsplit(page.url).fragment
    target = page.locator(f"#{fragment}")
    assert target.inner_text() == quoted
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") == HIGHLIGHT
    assert target.evaluate("e => e.matches(':target')")
    page.screenshot(path=tmp_path / "article.png")

    page.fill(".masthead-search input", "warehouse fire")
    page.keyboard.press("Enter")
    page.wait_for_selector(".result-group")
    assert page.locator(".result-group").count() >= 2
    assert page.locator(".snippet mark").count() >= 2
    page.screenshot(path=tmp_path / "search.png")

    page.goto(base)
    page.select_option("select[name=outlet]", "Coastline Press Agency")
    page.click(".filters button")
    page.wait_for_url(re.compile(r"outlet=Coastline"))
    with Store(db) as store:
        articles = {a.id: a for a in store.articles()}
        expected = {
            e.title
            for e in store.events()
            if any(articles[a].outlet == "Coastline Press Agency" for a in e.article_ids)
        }
    assert set(page.locator(".event-title").all_inner_texts()) == expected
    assert_no_script_ran(page)


def test_pages_fit_a_phone_screen(server, browser, tmp_path):
    base, db = server
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    with Store(db) as store:  # the event with the longest title, and the one with copies and their diffs
        events = [e for e in store.events() if "a/b/c" in e.article_ids or "Reserve Bank" in e.title]
    urls = [base, base + "search?q=ferry", f"{base}article?id=a%2Fb%2Fc"]
    for url in urls + [f"{base}events/{event.id}" for event in events]:
        tab.goto(url)
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, (url, overflow)
    tab.screenshot(path=tmp_path / "phone.png", full_page=True)
    context.close()


def test_no_script_from_the_hostile_articles_runs_anywhere(server, page):
    base, db = server
    with Store(db) as store:
        event_ids = [e.id for e in store.events() if set(e.article_ids) & set(HOSTILE_IDS)]
    assert len(event_ids) >= 2
    urls = [base] + [f"{base}events/{event_id}" for event_id in event_ids]
    urls.append(f"{base}search?q=script+OR+javascript+OR+ferry")
    for url in urls:
        page.goto(url)
        if page.locator(".cite").count():
            page.locator(".cite").first.hover()
        assert_no_script_ran(page)
    for article_id in HOSTILE_IDS:
        page.goto(f"{base}article?id={quote(article_id, safe='')}")
        assert page.locator("dl.facts code").first.inner_text() == article_id
        hrefs = page.locator("a.outside").evaluate_all("links => links.map(link => link.getAttribute('href'))")
        assert all(href.startswith(("http://", "https://")) for href in hrefs)
        assert_no_script_ran(page)


def test_static_site_opens_from_the_file_system(news_db, tmp_path, page):
    db = tmp_path / "static.db"
    shutil.copyfile(news_db, db)
    out = tmp_path / "site"
    api.digest([], out=out, db=db, formats=("html",))
    page.goto((out / "index.html").as_uri())
    assert page.locator(".masthead").evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(29, 33, 37)"
    page.get_by_role("link", name=re.compile("Reserve Bank")).first.click()
    cite = page.locator(".cite").first
    cite.hover()
    quoted = cite.locator("q").inner_text()
    cite.locator("a.card-link").click()
    page.wait_for_url(re.compile(r"articles/.+\.html#s\d+$"))
    assert page.locator(f"#{urlsplit(page.url).fragment}").inner_text() == quoted
    assert_no_script_ran(page)
