"""Quotes of the bundled example corpus, of the shared seed articles, and the digest's "Who said what"."""

import json
import re
from pathlib import Path

import pytest

from storyline import api
from storyline.cli import main
from storyline.quotes import find_quotes
from storyline.quotes.merge import by_speaker
from tests.conftest import EXAMPLES

pytest.importorskip("spacy")

SEED_SPEAKERS = {
    "Robert Lighthizer",
    "Chrystia Freeland",
    "Steve Verheul",
    "Raymond Bachand",
    "Kenneth Smith Ramos",
    "Ildefonso Guajardo",
}
QUOTE_FIELDS = {
    "article_id",
    "text",
    "direct",
    "speaker",
    "speaker_name",
    "speaker_role",
    "cue",
    "start",
    "end",
    "sentence_index",
}


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


@pytest.fixture(scope="module")
def example_quotes():
    articles = api.read([EXAMPLES / "corpus"]).articles
    return articles, find_quotes(articles)


def test_every_expected_quote_is_found_with_its_speaker(example_quotes):
    articles, quotes = example_quotes
    title_of = {article.id: article.title for article in articles}
    expected = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))["quotes"]
    for item in expected:
        for title in item["titles"]:
            found = [q for q in quotes if title_of[q.article_id] == title and _words(item["text"]) in _words(q.text)]
            assert found, f"not found in {title!r}: {item['text']!r}"
            assert any(q.speaker_name == item["speaker"] for q in found), (item, [q.speaker_name for q in found])


def test_quote_offsets_point_into_the_cleaned_text(example_quotes):
    articles, quotes = example_quotes
    text_of = {article.id: article.text for article in articles}
    title_of = {article.id: article.title for article in articles}
    for quote in quotes:
        if quote.start is None:  # a quote of the title
            assert _words(quote.text) in _words(title_of[quote.article_id])
            continue
        assert _words(quote.text)[:20] in _words(text_of[quote.article_id][quote.start : quote.end])


def test_seed_quotes_name_all_six_speakers_in_full_and_resolve_he_said(seeds_dir, capsys):
    assert main(["quotes", *map(str, sorted(seeds_dir.glob("*.txt"))), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["quotes"]
    assert all(set(quote) == QUOTE_FIELDS for quote in data["quotes"])
    names = {quote["speaker_name"] for quote in data["quotes"]}
    assert names >= SEED_SPEAKERS
    pronouns = [q for q in data["quotes"] if (q["speaker"] or "").lower() in ("he", "she")]
    assert pronouns and all(q["speaker_name"] in SEED_SPEAKERS for q in pronouns)
    lighthizer = [q for q in data["quotes"] if q["speaker_name"] == "Robert Lighthizer" and q["direct"]]
    assert {q["speaker"] for q in lighthizer} >= {"Lighthizer"}


def test_seed_digest_merges_the_lighthizer_quotes_of_both_copies(seeds_dir, tmp_path):
    report = api.digest([seeds_dir], out=tmp_path / "digest", db=tmp_path / "s.db")
    digest = next(d for d in report.digests if len(d.articles) == 3)
    speakers = {s.name: s for s in by_speaker(digest.quotes)}
    assert set(speakers) >= SEED_SPEAKERS
    breakthroughs = [q for q in speakers["Robert Lighthizer"].quotes if "major breakthroughs" in q.text]
    assert len(breakthroughs) == 1
    assert {a[:3] for a in breakthroughs[0].article_ids} == {"001", "002"}
    page = next(Path(report.out, "events").glob("*.md")).read_text(encoding="utf-8")
    assert "## Who said what" in page and page.count("**Robert Lighthizer**") == 1
    data = json.loads(next(Path(report.out, "events").glob("*.json")).read_text(encoding="utf-8"))
    assert any(s["speaker"] == "Robert Lighthizer" for s in data["quotes"])
    assert any(e["name"] == "Robert Lighthizer" and "Lighthizer" in e["variants"] for e in data["entities"])


def test_quotes_from_the_store_and_one_event(tmp_path, capsys):
    db = str(tmp_path / "s.db")
    assert main(["ingest", str(EXAMPLES / "corpus" / "text"), "--db", db]) == 0
    capsys.readouterr()
    assert main(["events", str(EXAMPLES / "corpus" / "text"), "--json"]) == 0
    capsys.readouterr()
    assert main(["quotes", "--db", db, "--json"]) == 0
    everything = json.loads(capsys.readouterr().out)["quotes"]
    with api.open_store(db) as store:
        event = store.events()[0]
    assert main(["quotes", "--db", db, "--event", event.id, "--json"]) == 0
    one = json.loads(capsys.readouterr().out)["quotes"]
    assert one and {q["article_id"] for q in one} <= set(event.article_ids)
    assert len(one) <= len(everything)
    assert main(["quotes", "--db", db, "--event", "no-such-event"]) == 2
    assert "no such event" in capsys.readouterr().err


def test_quotes_usage_errors_are_one_line(tmp_path, capsys):
    assert main(["quotes"]) == 2
    assert "nothing to read" in capsys.readouterr().err
    assert main(["quotes", "--db", str(tmp_path / "missing.db")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_non_english_article_is_said_once(tmp_path, capsys):
    path = tmp_path / "fr.txt"
    path.write_text(
        "Le ministre a déclaré que le pont restera fermé jusqu'en mai, selon la mairie de la ville. "
        "Les commerçants disent que la fermeture leur coûte cher et que les clients ne viennent plus. "
        "« Nous sommes inquiets », a dit une commerçante du quartier est de la ville.",
        encoding="utf-8",
    )
    assert main(["quotes", str(path), "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == {"quotes": []}
    assert captured.err.count("not in English") == 1
