"""What a sentence asserts, normalised: figures with units, dates, negated predicates, cues and speakers."""

from storyline.compare.claims import extract


def only_quantity(text):
    (quantity,) = extract(text).quantities
    return quantity


def test_spelled_out_and_written_numbers_read_the_same():
    assert only_quantity("Fourteen people were taken to hospital.").value == 14
    assert only_quantity("14 people were taken to hospital.").value == 14
    assert only_quantity("Twenty-five people were hurt.").value == 25
    assert only_quantity("About 1,500 people attended.").value == 1500


def test_units_fold_house_style_and_scale():
    assert only_quantity("Prices rose 2.5 per cent.").unit == only_quantity("Prices rose 2.5%.").unit == "percent"
    crack = only_quantity("Engineers found a 40-centimetre crack.")
    metre = only_quantity("They found a crack almost a metre long.")
    assert (crack.unit, crack.value) == ("metre", 0.4)
    assert (metre.unit, metre.value, metre.bound) == ("metre", 1.0, "upper")
    money = only_quantity("The works cost $1.5 million.")
    assert (money.unit, money.value) == ("dollar", 1_500_000)


def test_hedges_are_bounds():
    assert only_quantity("More than 200 people were evacuated.").bound == "lower"
    assert only_quantity("Nearly 500 million consumers live there.").bound == "upper"
    assert only_quantity("About 500 people came.").bound == "approx"


def test_a_bare_figure_counts_what_the_previous_one_counted():
    first, second = extract("Five people died and 14 were hurt.").quantities
    assert (first.unit, second.unit) == ("people", "people")


def test_dates_fold_day_month_order_and_mark_when_a_source_spoke():
    (us,) = extract("The meeting is on April 23.").dates
    (uk,) = extract("The meeting is on 23 April.").dates
    assert us.value == uk.value == (4, 23)
    (spoke,) = extract("The bridge will reopen, the council said on Tuesday.").dates
    assert spoke.reporting and spoke.value == (1,)
    (debate,) = extract("Bonior said during Saturday's House debate that the vote was wrong.").dates
    assert debate.kind == "weekday" and debate.value == (5,) and not debate.reporting
    (time,) = extract("The fire was reported shortly before midnight.").dates
    assert time.kind == "time" and time.hedged
    assert extract("They may go.").dates == []  # the verb, not the month


def test_negation_finds_the_predicate_it_applies_to():
    claims = extract("The Americans did not outright reject the proposals.")
    assert "reject" in claims.negated
    assert "reject" in extract("The Americans rejected the proposals.").asserted


def test_or_not_offers_a_choice_and_negates_nothing():
    claims = extract("The arbitrator will rule whether or not more than 200 players should be paid.")
    assert not claims.negated
    assert "paid" in extract("The arbitrator ruled the players should not be paid.").negated


def test_cues_carry_polarity_after_negation():
    (slammed,) = extract("Lighthizer slammed the proposals.").cues
    (not_rejected,) = extract("The Americans did not reject the proposals.").cues
    assert slammed.group == not_rejected.group == "stance"
    assert (slammed.polarity, not_rejected.polarity) == (-1, 1)
    (fell,) = extract("Shares fell sharply.").cues
    assert (fell.group, fell.polarity) == ("direction", -1)


def test_speakers_next_to_attribution_verbs():
    ((names, _),) = extract('"We will rebuild," said Mayor Dorota Venn.').speakers
    assert {"dorota", "venn"} <= names
    assert extract('"We will rebuild," he said.').speakers == []


def test_where_a_word_is_asserted_is_read_the_same_without_listing_every_word():
    text = "Officials did not close the bridge, but the council closed the road and did not reopen it."
    listed = extract(text).asserted
    for head in ("close", "council", "road", "reopen", "bridg", "absent"):
        assert extract(text).asserted_at(head) == listed.get(head)
    assert "reopen" in extract(text).negated and extract(text).asserted_at("reopen") is None


def test_parts_read_in_any_order_agree():
    text = "Police said on Tuesday that 14 people, not nine, were taken to hospital after the fire."
    first, second = extract(text), extract(text)
    assert (first.quantities, first.dates) and first.negated
    second_dates, second_quantities = second.dates, second.quantities
    assert (second_quantities, second_dates) == (first.quantities, first.dates)
    assert second.cues == first.cues and second.speakers == first.speakers


def test_token_offsets_point_at_their_words_in_the_sentence():
    from storyline.compare.words import read_tokens

    text = "The a15 5 costs $1,500.50 (15%); don’t 5-5 “quoted” x’s 15 15a Zoë’s 2.5 no-one, 1,5."
    tokens = read_tokens(text)
    assert [t.text for t in tokens][:9] == ["The", "a", "15", "5", "costs", "$", "1,500.50", "15", "%"]
    for token in tokens:
        assert text[token.start : token.end] == token.text
    assert [t.start for t in tokens] == sorted(t.start for t in tokens)
    assert "don’t" in [t.text for t in tokens] and "Zoë’s" in [t.text for t in tokens]


def test_a_figure_or_date_is_compared_only_with_one_of_the_same_unit_or_kind():
    a, b = extract("Police said 14 people were hurt on Monday."), extract("Police said 9 cars burned on June 3, 2020.")
    assert a.units == {"people"} and b.units == {"car"} and a.units.isdisjoint(b.units)
    assert a.date_kinds == {"weekday"} and b.date_kinds == {"day", "year"}
