"""Settings: every default in one place, overridden by a TOML file and the environment, carried to every stage."""

import json

import pytest

from storyline.cli import main
from storyline.config import DEFAULT_COPY_THRESHOLD, DEFAULT_DB, Settings, load_settings

STORY = (
    "The harbour board in Selby approved a new ferry pier on Monday after a two year planning fight. Work starts "
    "in June and the pier should open before the summer season of next year, the board said on Monday evening."
)


def test_defaults_live_in_one_place():
    settings = Settings()
    assert (settings.db, settings.copy_threshold, settings.summary_words) == (DEFAULT_DB, DEFAULT_COPY_THRESHOLD, 100)
    assert settings.events == {}


def test_a_toml_file_and_the_environment_override_the_defaults(tmp_path, monkeypatch):
    config = tmp_path / "storyline.toml"
    config.write_text("[storyline]\ncopy_threshold = 0.8\n\n[storyline.events]\nthreshold = 0.4\n", encoding="utf-8")
    monkeypatch.setenv("STORYLINE_SUMMARY_WORDS", "60")
    settings = load_settings(config)
    assert (settings.copy_threshold, settings.summary_words, settings.events) == (0.8, 60, {"threshold": 0.4})


@pytest.mark.parametrize(
    "text, message",
    [
        ("[storyline]\ncopy_treshold = 0.8\n", "unknown setting 'copy_treshold'"),
        ("[storyline]\nevents = 3\n", "setting 'events' must be a table"),
    ],
)
def test_a_wrong_setting_is_one_clear_line(tmp_path, capsys, text, message):
    config = tmp_path / "storyline.toml"
    config.write_text(text, encoding="utf-8")
    assert main(["--config", str(config), "read", str(config)]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.splitlines()) == 1


def test_the_copy_threshold_setting_reaches_copy_grouping(tmp_path, capsys):
    records = [{"id": "a", "text": STORY}, {"id": "b", "text": STORY.replace("a two year", "a long")}]
    (tmp_path / "articles.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    strict = tmp_path / "strict.toml"
    strict.write_text("[storyline]\ncopy_threshold = 1.0\n", encoding="utf-8")
    main(["dedup", str(tmp_path / "articles.jsonl"), "--json"])
    default_groups = json.loads(capsys.readouterr().out)["groups"]
    main(["--config", str(strict), "dedup", str(tmp_path / "articles.jsonl"), "--json"])
    strict_groups = json.loads(capsys.readouterr().out)["groups"]
    assert [len(g["articles"]) for g in default_groups] == [2]
    assert [len(g["articles"]) for g in strict_groups] == [1, 1]


def test_event_options_from_settings_reach_event_clustering(tmp_path, capsys):
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "a", "text": STORY}) + "\n", encoding="utf-8")
    config = tmp_path / "storyline.toml"
    config.write_text("[storyline.events]\nthreshhold = 0.4\n", encoding="utf-8")
    assert main(["--config", str(config), "events", str(tmp_path / "a.jsonl")]) == 2
    assert "unknown event option(s): threshhold" in capsys.readouterr().err
