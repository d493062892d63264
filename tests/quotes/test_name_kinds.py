"""A name's kind told by its last word where the recogniser read the sentence around it instead."""

from storyline.quotes.extract import Parsed
from storyline.quotes.mentions import Mention
from storyline.quotes.name_kinds import kind_by_last_word
from storyline.quotes.names import ArticleNames


def test_streets_and_crossings_are_places_and_firms_are_not_people():
    assert kind_by_last_word("Fenwick Road", "person") == "place"
    assert kind_by_last_word("Carrow Bridge", "organisation") == "place"
    assert kind_by_last_word("Tellam Logistics", "person") == "organisation"
    assert kind_by_last_word("Harbourline Bank", "person") == "organisation"
    # one word tells nothing; an organisation keeps its kind; a person's name is left alone
    assert kind_by_last_word("Road", "person") == "person"
    assert kind_by_last_word("Harbourline Bank", "organisation") == "organisation"
    assert kind_by_last_word("Ada Lund", "person") == "person"
    assert kind_by_last_word("Ada Lund", "organisation") == "organisation"


def test_an_article_lists_a_street_the_recogniser_took_for_a_person_as_a_place():
    text = "Ada Lund said smoke drifted over Fenwick Road, and Tellam Logistics said its staff were safe."
    tagged = [("Ada Lund", "person"), ("Fenwick Road", "person"), ("Tellam Logistics", "person")]
    mentions = [Mention(text.index(name), text.index(name) + len(name), kind) for name, kind in tagged]
    names = ArticleNames(text, Parsed(mentions=mentions))
    assert {(name.fullest, name.kind) for name in names.names} == {
        ("Ada Lund", "person"),
        ("Fenwick Road", "place"),
        ("Tellam Logistics", "organisation"),
    }


def test_a_name_right_after_a_persons_title_is_a_person_the_recogniser_took_for_an_organisation():
    from storyline.quotes.name_kinds import kind_by_title

    text = "Mayor Agnes Pirrie said the council would act. Sen. Ada Lund agreed."
    assert kind_by_title(text, text.index("Agnes"), "Agnes Pirrie", "organisation") == "person"
    assert kind_by_title(text, text.index("Ada"), "Ada Lund", "organisation") == "person"
    # a place after a title is the place of the person named after it; a title in the name, or a body's word
    text = "Former South Carolina Gov. Jim Hodges said so, and Pentagon spokesman Navy Capt. Jeff Davis agreed."
    assert kind_by_title(text, text.index("South"), "South Carolina", "place") == "place"
    assert kind_by_title(text, text.index("Navy"), "Navy Capt", "organisation") == "organisation"
    assert kind_by_title("Mayor Harbour Council", 6, "Harbour Council", "organisation") == "organisation"
    # no title before it
    text = "The bus operator Lumeway said routes would change."
    assert kind_by_title(text, text.index("Lumeway"), "Lumeway Buses", "organisation") == "organisation"


def test_she_after_a_mayor_the_recogniser_took_for_an_organisation_is_the_mayor():
    text = (
        "Five bus routes were rerouted, according to the bus operator Lumeway. Mayor Agnes Pirrie said the council "
        "would set out a timetable for repairs. She said extra traffic wardens would be posted at the junctions."
    )
    mentions = [
        Mention(text.index("Lumeway"), text.index("Lumeway") + len("Lumeway"), "person"),
        Mention(text.index("Agnes Pirrie"), text.index("Agnes Pirrie") + len("Agnes Pirrie"), "organisation"),
    ]
    names = ArticleNames(text, Parsed(mentions=mentions))
    assert names.last_person_before(text.index("She said"), "she").fullest == "Agnes Pirrie"


def test_the_company_is_the_one_business_named_before_it_and_a_vague_modifier_needs_no_match():
    from storyline.quotes.role_names import organisation_called
    from storyline.quotes.roles import body_reference

    def called(text: str, bodies: list[str], span: str):
        mentions = [Mention(text.index(b), text.index(b) + len(b), "organisation") for b in bodies]
        names = ArticleNames(text, Parsed(mentions=mentions))
        found = organisation_called(names, *body_reference(span), at=text.index(span))
        return found.fullest if found else None

    text = (
        "Brackwater General Hospital treated nine people after the fire at Tellam Logistics, and the Kestrel "
        "Fire and Rescue Service sent 16 engines. The company said all staff were safe. The regional fire service "
        "said the cause was not known."
    )
    bodies = ["Brackwater General Hospital", "Tellam Logistics", "Kestrel Fire and Rescue Service"]
    assert called(text, bodies, "The company") == "Tellam Logistics"  # the hospital is no company
    assert called(text, bodies, "The regional fire service") == "Kestrel Fire and Rescue Service"
    two = "Tellam Logistics and Corran Foods share the site. The company said all staff were safe."
    assert called(two, ["Tellam Logistics", "Corran Foods"], "The company") is None  # two businesses: no guess
