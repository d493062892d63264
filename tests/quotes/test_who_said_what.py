"""What the digest's "Who said what" shows: speech that stands alone, each speaker with a role worth printing."""

from storyline.model import Quote
from storyline.quotes.merge import by_speaker, is_speech, partly_quoted, reported_text, shown_role


def _reported(text: str, speaker: str, cue: str = "said", **fields) -> Quote:
    return Quote("a1", text, False, speaker, fields.get("name"), fields.get("role"), cue, 0, len(text), 0)


def test_reported_speech_with_a_verb_of_saying_is_shown():
    assert is_speech(_reported("the bridge would stay closed for six weeks", "The council"))


def test_no_one_is_not_a_speaker():
    assert not is_speech(_reported("the fire had been started deliberately", "nothing", cue="suggest"))
    assert not is_speech(_reported("the fire had been started deliberately", "Nothing"))


def test_the_tail_of_a_relative_clause_is_not_shown_as_what_was_said():
    quote = _reported("which the director said would depend on what caused the crack", "the director")
    assert not is_speech(quote)


def test_a_span_that_still_holds_its_speaker_is_not_shown():
    quote = _reported("critics on the council said should have been spent on schools", "critics on the council")
    assert not is_speech(quote)


def test_a_role_that_repeats_the_name_or_dangles_is_not_printed():
    assert shown_role("Traders on the eastern bank", "Traders on eastern bank") is None
    assert shown_role("Lindenhall Mortgages", "calculations by") is None
    assert shown_role("Dorota Venn", "Transport director") == "Transport director"


def test_by_speaker_prints_the_shown_role():
    quotes = [
        _reported("the rates would rise again in April", "Traders on the eastern bank", role="Traders on eastern bank")
    ]
    (speaker,) = by_speaker(quotes)
    assert speaker.name == "Traders on the eastern bank"
    assert speaker.role is None


def test_reported_words_holding_a_quotation_keep_their_marks_where_they_stand():
    text = 'Minister Ada Venn said she was "pleased with the progress made this week."\n'
    start = text.index("she was")
    quote = Quote(
        "a1",
        "she was pleased with the progress made this week",
        True,
        "Ada Venn",
        None,
        None,
        "said",
        start,
        text.index('."'),
        0,
    )
    assert partly_quoted(quote, text) == "she was “pleased with the progress made this week”"


def test_a_whole_quotation_is_not_partly_quoted():
    text = '"We are close," Ada Venn said.'
    quote = Quote("a1", "We are close", True, "Ada Venn", None, None, "said", 1, 13, 0)
    assert partly_quoted(quote, text) is None


def test_what_a_verb_of_stance_governs_keeps_its_verb():
    accused = _reported("Canada of being uncooperative", "Donald Trump", cue="accused")
    assert reported_text(accused, accused.text) == "accused Canada of being uncooperative"
    said = _reported("the talks had advanced slowly", "a trade official", cue="said")
    assert reported_text(said, said.text) == "the talks had advanced slowly"
    urged = _reported("to avoid the city centre", "Lumeway", cue="urged")
    assert reported_text(urged, urged.text) == "to avoid the city centre"
