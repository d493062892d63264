from storyline.ingest.clean import clean_text, normalise


def test_caption_with_credit_line_is_removed_with_its_caption():
    raw = (
        "Rescuers search the riverbank near the old mill\n. ©Northgate Wire\n\n"
        "Rescuers searched the river on Tuesday.\n\nThe search continues."
    )
    cleaned = clean_text(raw)
    assert cleaned.text == "Rescuers searched the river on Tuesday.\n\nThe search continues."
    assert "Rescuers search the riverbank near the old mill" in cleaned.removed


def test_caption_ending_in_photo_credit_is_removed():
    cleaned = clean_text("Crews at the depot on Monday. Photo: Ana Ruiz/Valley Herald\n\nThe depot closed.")
    assert cleaned.text == "The depot closed."


def test_published_line_gives_the_date_and_disappears():
    cleaned = clean_text("Published on 9:30 AM, March 4, 2026\n\nThe council voted on Monday.")
    assert cleaned.text == "The council voted on Monday."
    assert cleaned.dateline_date == "2026-03-04"


def test_share_advertisement_copyright_and_byline_lines_are_removed():
    raw = (
        "By Marta Jensen\n\nThe bridge reopened on Friday.\n\nAdvertisement\n\nShare this article\n\n"
        "Drivers welcomed the news.\n\n© 2026 Harbor Gazette. All rights reserved."
    )
    cleaned = clean_text(raw)
    assert cleaned.text == "The bridge reopened on Friday.\n\nDrivers welcomed the news."
    assert cleaned.byline_author == "Marta Jensen"


def test_quotes_and_spaces_are_normalised():
    assert normalise("“We’re  ready,”\u00a0she said.") == '"We\'re ready," she said.'


def test_paragraph_offsets_point_at_the_paragraphs():
    cleaned = clean_text("First paragraph here.\n\n\n  Second   one.  \n\nThird.")
    assert [cleaned.text[a:b] for a, b in cleaned.paragraphs] == ["First paragraph here.", "Second one.", "Third."]


def test_one_sentence_per_line_keeps_every_line_and_wrapped_lines_are_joined():
    per_line = clean_text("The first sentence is here.\nThe second sentence, F.W.\nde Klerk said, follows.")
    assert len(per_line.paragraphs) == 3
    wrapped = clean_text("A sentence that was wrapped\nby an old mail client.\n\nNext paragraph.")
    assert wrapped.text == "A sentence that was wrapped by an old mail client.\n\nNext paragraph."


def test_credit_with_initials_is_recognised():
    cleaned = clean_text("Queues on the bridge on Monday. Photo: M. Ferreira/Evening Post\n\nThe bridge closed.")
    assert cleaned.text == "The bridge closed."
