"""Stores for the web tests: the example corpus plus the hostile articles, ingested once per session."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storyline import api
from tests.conftest import EXAMPLES
from tests.hostile import write_hostile_corpus


@pytest.fixture(scope="session")
def news_db(tmp_path_factory) -> Path:
    """Examples and hostile articles, ingested (events and copy groups made) but never analysed."""
    folder = tmp_path_factory.mktemp("web-store")
    hostile = write_hostile_corpus(folder / "hostile")
    db = folder / "news.db"
    report = api.ingest([EXAMPLES / "corpus", hostile], db=db)
    assert not report.problems, report.problems
    return db


@pytest.fixture
def fresh_db(news_db, tmp_path) -> Path:
    """A private copy of ``news_db`` that a test may let the app write its analysis cache into."""
    copy = tmp_path / "copy.db"
    with sqlite3.connect(news_db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return copy


@pytest.fixture(scope="session")
def client(news_db):
    from starlette.testclient import TestClient

    from storyline.web.app import create_app

    with TestClient(create_app(news_db, write_back=False, page_size=4)) as test_client:
        yield test_client
