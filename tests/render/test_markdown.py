"""The Markdown digest page as a reader sees it, including copy groups only partly in the event."""

from storyline.analysis import analyse_event
from storyline.model import Article, CopyGroup, Event, EventDigest, Summary
from storyline.render import digest_to_json, digest_to_markdown

WIRE = (
    "The harbour board in Selby approved a new ferry pier on Monday after a two year planning fight. "
    "Work starts in June and the pier should open before the summer season of next year, the board said."
)


def digest(articles, groups):
    event = Event("ev-1", "Selby approves ferry pier", "2026-03-02", "2026-03-03", [a.id for a in articles])
    return analyse_event(event, articles, groups, words=40)


def test_a_copy_group_is_listed_with_its_original_and_what_each_copy_changed():
    wire = Article(id="wire", text=WIRE, outlet="Coast Wire", published="2026-03-02")
    copy = Article(
        id="copy", text=WIRE.replace("Monday", "Monday evening"), outlet="Selby Star", published="2026-03-03"
    )
    page = digest_to_markdown(digest([wire, copy], [CopyGroup("c1", ["wire", "copy"], "wire", {"copy": 0.9})]))
    assert "## Copies of one story" in page
    assert "Coast Wire" in page.split("## Copies of one story")[1].splitlines()[2]  # the original first
    assert "(original)" in page and "changed:" in page


def test_a_group_whose_original_is_in_another_event_is_rendered_without_it():
    copy = Article(id="copy", text=WIRE, outlet="Selby Star", published="2026-03-03")
    other = Article(id="other", text=WIRE + " Fares are not set yet.", outlet="Bay News", published="2026-03-03")
    group = CopyGroup("c1", ["wire", "copy", "other"], "wire", {"copy": 1.0, "other": 0.9})
    item = EventDigest(digest([copy, other], []).event, Summary("Selby", []), [copy, other], [group])
    page = digest_to_markdown(item)
    assert "the original is not among this event's articles" in page
    assert digest_to_json(item)["copy_groups"][0]["canonical"] == "wire"
