"""A story told mostly by one outlet's versions still gets a summary that fills its budget."""

from storyline import api
from storyline.summarize import summarize

# Seven AP reports of the Goteborg dance-hall fire: six versions of one story and one early report.
DANCE_HALL_FIRE = {
    "APW19981030.0230",
    "APW19981030.0470",
    "APW19981030.0489",
    "APW19981030.0792",
    "APW19981030.1037",
    "APW19981030.1041",
    "APW19981030.1046",
}


def test_a_story_of_one_outlets_versions_and_one_other_report_fills_its_summary(shared_data):
    articles = [
        a for a in api.read([shared_data / "duc2004-dev" / "docs" / "d31022t"]).articles if a.id in DANCE_HALL_FIRE
    ]
    assert {a.id for a in articles} == DANCE_HALL_FIRE
    groups = api.copy_groups(articles)
    assert len(groups) == 2  # two sources: concepts both report are few
    summary = summarize(articles, copy_groups=groups)
    assert sum(len(sentence.text.split()) for sentence in summary.sentences) >= 60
    assert len(summary.sentences) >= 3
