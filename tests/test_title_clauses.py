"""Short titles from a long lead's parse: ended before a phrase of the main clause, never inside one."""

import pytest

from storyline.quotes.nlp import QuotesUnavailable, load_pipeline
from storyline.title_clauses import phrase_cut, phrase_cuts
from storyline.titles import short_title

try:
    load_pipeline()
except QuotesUnavailable:
    pytest.skip("needs spaCy and its small English model", allow_module_level=True)


def test_a_long_main_clause_ends_before_one_of_its_phrases():
    lead = (
        "The harbour board of the island of Tarrow ordered the closure of the old northern ferry terminal and may "
        "use its budget for a new pier beside the lifeboat station"
    )
    title = phrase_cut(lead, 80)
    assert title == "The harbour board of the island of Tarrow ordered the closure of the old northern ferry terminal"


def test_what_an_authority_says_happened_is_the_title():
    lead = "Harbour police say a fire at the Tarrow pier destroyed the ticket office on Monday night after a gas leak"
    assert phrase_cut(lead, 60) == "A fire at the Tarrow pier destroyed the ticket office"


def test_coordinated_objects_stay_together():
    lead = (
        "The ferry company has asked engineer and former harbour master Jo Bell of Tarrow island to chair the "
        "inquiry into the sinking of the old ferry"
    )
    title = short_title(lead, max_chars=40)
    assert not title.endswith("engineer") and "Jo Bell" in title


def test_a_lead_with_no_phrase_to_end_before_loses_what_only_describes_its_actors():
    lead = (
        "A gas explosion at a crowded riverside bakery in the old town of Tarrow killed a night baker and a "
        "passing delivery driver"
    )
    title = phrase_cut(lead, 80)
    assert title is not None and len(title) <= 100
    assert title.startswith("A gas explosion killed") and "bakery" not in title


def test_a_person_described_before_the_name_keeps_the_name():
    lead = (
        "The Tarrow ferry company has asked veteran lifeboat volunteer Joanna Bellingham to lead its new inquiry "
        "into the sinking of the Morwen"
    )
    title = phrase_cut(lead, 90)
    assert title is not None and len(title) <= 110
    assert "asked Joanna Bellingham to lead" in title


def test_a_phrase_dropped_from_between_commas_takes_both_commas():
    lead = (
        "Jo Bell, whose long career at the Tarrow port ended after two groundings of island ferries in one winter, "
        "was unable to keep his licence after the inquiry"
    )
    assert phrase_cut(lead, 80) == "Jo Bell was unable to keep his licence after the inquiry"


def test_titles_cut_in_a_batch_are_the_titles_cut_one_by_one():
    # A plain cut, a reported clause (parsed again), a pared sentence (parsed again), a repeat and no verb at all.
    leads = [
        "Harbour police say a fire at the Tarrow pier destroyed the ticket office on Monday night after a gas leak",
        "A gas explosion at a crowded riverside bakery in the old town of Tarrow killed a night baker and a "
        "passing delivery driver",
        "The Tarrow ferry company has asked veteran lifeboat volunteer Joanna Bellingham to lead its new inquiry "
        "into the sinking of the Morwen",
        "Harbour police say a fire at the Tarrow pier destroyed the ticket office on Monday night after a gas leak",
        "Sunset over the quiet northern harbour of the island of Tarrow in the last week of the long summer",
    ]
    one_by_one = [phrase_cut(lead, 60) for lead in leads]
    assert phrase_cuts(leads, 60) == one_by_one
    assert one_by_one[0] == "A fire at the Tarrow pier destroyed the ticket office"
    assert phrase_cuts([], 60) == []
