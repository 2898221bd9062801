"""The actors stage on faults found coding wire stories (a Sahel story, a strike story): names with
particles, countries the model calls people, regions and mass nouns taken for actors, descriptions joining
the wrong actor, headline roles, and what belongs to whom. Each test is a short sentence of its own."""

from __future__ import annotations

import pytest

from tacitus.pipeline import Pipeline
from tacitus.record import Article


def code(pipeline: Pipeline, text: str, published: str | None = "2022-01-31"):
    return pipeline.code_one(Article(id="t", text=text, published=published))


def actor_with(record, mention: str):
    found = [a for a in record.actors if any(m.text == mention for m in a.mentions)]
    listing = [(a.name, a.code, [m.text for m in a.mentions]) for a in record.actors]
    assert found, f"no actor mentioned as {mention!r}: {listing}"
    return found[0]


def names(record) -> list[str]:
    return [a.name for a in record.actors]


# -- names --


@pytest.mark.parametrize(
    ("text", "mention", "name", "expected_code"),
    [
        # spaCy ends the person at "von" and tags "Leyen" a place.
        (
            "German Defence Minister Ursula von der Leyen visited the troops on Tuesday.",
            "German Defence Minister Ursula von der Leyen",
            "Ursula von der Leyen",
            "DEUGOV",
        ),
        (
            "Belgian Prime Minister Alexander De Croo met the king.",
            "Belgian Prime Minister Alexander De Croo",
            "Alexander De Croo",
            "BELGOV",
        ),
    ],
)
def test_a_name_particle_stays_inside_the_name_and_the_title_codes_it(pipeline, text, mention, name, expected_code):
    record = code(pipeline, text)
    actor = actor_with(record, mention)
    assert (actor.name, actor.code) == (name, expected_code)
    assert not any(a.name in ("Leyen", "German Defence Minister", "Belgian Prime Minister") for a in record.actors)


def test_a_particle_after_a_complete_name_begins_another_name(pipeline):
    record = code(pipeline, "Osama bin Laden's al-Qaeda network threatened new attacks, a weekly reported.")
    assert "al-Qaeda" in names(record)
    assert actor_with(record, "Osama bin Laden's").name == "Osama bin Laden"


# -- countries and places the model calls people --


NIGER_STORY = (
    "Niger junta expels French envoy\n\n"
    "NIAMEY, Aug 25 (Reuters) - Niger's military rulers on Friday ordered the French ambassador to leave the "
    "country within 48 hours."
)


def test_a_country_tagged_as_an_organisation_is_the_country_and_the_country_is_it(pipeline):
    record = code(pipeline, NIGER_STORY)
    niger = actor_with(record, "the country")
    assert niger.type == "country" and niger.code == "NER"
    assert "Niger" in [m.text for m in niger.mentions]
    # "ambassador to" is a dictionary phrase; here "to" begins "to leave", so the ambassador is an actor.
    assert actor_with(record, "the French ambassador").code == "FRAGOV"


def test_a_region_written_with_the_article_is_no_person(pipeline):
    record = code(
        pipeline,
        "Sahel violence displaces thousands\n\n"
        "DAKAR, May 3 (Reuters) - Fighting in the Sahel has forced thousands of villagers from their homes, "
        "the United Nations said.",
    )
    assert "Sahel" not in names(record)


def test_a_people_written_with_the_article_stays_an_actor(pipeline):
    # "the Hutu" takes an article too, but no gazetteer or places stage knows it as a place.
    record = code(pipeline, "Hutu rebels insisted that Burundi's government grant the Hutu majority more rights.")
    assert "the Hutu" in [m.text for a in record.actors for m in a.mentions]


def test_a_name_nothing_places_before_a_noun_is_part_of_its_name(pipeline):
    record = code(pipeline, "Chadian soldiers left the Gorgona task force on Monday.")
    assert "Gorgona" not in names(record)
    assert actor_with(record, "the Gorgona task force").type == "organization"


def test_an_uncoded_demonym_before_a_noun_that_is_no_actor_is_no_actor(pipeline):
    record = code(pipeline, "Germany will consult its European partners on the plan.")
    assert "European" not in names(record)


def test_people_of_a_region_take_no_country_from_the_article(pipeline):
    record = code(pipeline, "West African leaders imposed sanctions on Mali. Malian officials rejected them.")
    assert actor_with(record, "West African leaders").country is None
    assert actor_with(record, "Malian officials").code == "MLIGOV"


# -- nouns that are no actor --


def test_mass_force_and_questions_are_no_actors(pipeline):
    record = code(
        pipeline,
        "Rights groups urged the police to avoid the use of force. The ministry did not say how many people "
        "had been detained.",
    )
    mentions = [m.text for a in record.actors for m in a.mentions]
    assert "force" not in mentions and "how many people" not in mentions
    assert "the police" in mentions  # the institution with its article stays


def test_state_television_is_an_organisation(pipeline):
    record = code(pipeline, "Kenya's government announced the decision on state television.")
    television = actor_with(record, "state television")
    assert television.type == "organization" and "JRN" in television.sectors


# -- descriptions and coreference --


def test_a_plural_description_repeats_its_own_noun_not_the_officials_before_it(pipeline):
    record = code(
        pipeline,
        "Police fired tear gas at striking bus drivers in the capital, officials said. The drivers are "
        "demanding higher wages.",
    )
    drivers = actor_with(record, "The drivers")
    assert "striking bus drivers" in [m.text for m in drivers.mentions]
    assert "officials" not in [m.text for m in drivers.mentions]


def test_a_description_prefers_its_own_noun_to_a_shared_role(pipeline):
    record = code(
        pipeline,
        "Mali's junta expelled the French ambassador on Monday. French Foreign Minister Catherine Colonna "
        "condemned the decision. The ambassador left Bamako on Wednesday.",
    )
    ambassador = actor_with(record, "The ambassador")
    assert "the French ambassador" in [m.text for m in ambassador.mentions]


HEADLINE_STORY = (
    'Kenya fuel protests spread; minister blames "saboteurs"\n\n'
    "NAIROBI, March 3 (Reuters) - Kenyan police fired tear gas at protesters on Tuesday. Energy Minister "
    'John Mbadi accused "saboteurs" of stoking the unrest.'
)


def test_a_headline_role_is_the_one_person_of_the_story_bearing_it(pipeline):
    record = code(pipeline, HEADLINE_STORY)
    minister = actor_with(record, "minister")
    assert minister.name == "John Mbadi" and minister.code == "KENGOV"


def test_a_headline_role_two_people_bear_stays_apart(pipeline):
    record = code(
        pipeline,
        HEADLINE_STORY + " Interior Minister Kithure Kindiki said the police would restore order.",
    )
    assert actor_with(record, "minister").name == "minister"


# -- what belongs to whom --


def test_an_office_possessed_by_a_president_is_his_government(pipeline):
    record = code(
        pipeline, "Kenyan President William Ruto met union leaders on Monday, according to a statement from his office."
    )
    assert actor_with(record, "his office").code == "KENGOV"


def test_a_union_is_labour_and_belongs_to_its_members_country(pipeline):
    record = code(
        pipeline,
        "Kenyan nurses marched in Nairobi on Monday. Their union, the Health Workers Association, said the "
        "strike would go on. Union leader Mary Wanjiru told reporters: the union will not back down.",
    )
    union = actor_with(record, "Their union")
    assert union.country == "KEN" and union.sectors[:1] == ["LAB"]
    assert actor_with(record, "Union leader Mary Wanjiru").sectors == ["LAB"]


def test_a_capitalised_union_is_a_federation_not_labour(pipeline):
    record = code(pipeline, "The European Union and the Arab League met in Cairo.")
    assert "LAB" not in actor_with(record, "The European Union").sectors


def test_a_colonial_ruler_is_not_of_the_country_it_ruled(pipeline):
    record = code(
        pipeline, "Relations between Algeria and its former colonial ruler have soured, Algerian officials said."
    )
    ruler = actor_with(record, "its former colonial ruler")
    assert ruler.country != "DZA"
    assert "ELI" not in ruler.sectors  # "former" qualifies the colonial rule, not an office once held


@pytest.mark.parametrize(
    ("text", "mention", "expected_code"),
    [
        ("Houthi rebels attacked a ship owned by a British company.", "Houthi rebels", "YEMREB"),
        ("Ansar Allah fired a missile at a tanker in the Red Sea.", "Ansar Allah", "YEMREB"),
        ("The Rapid Support Forces attacked El Fasher on Sunday.", "The Rapid Support Forces", "SDNREB"),
        ("Wagner Group fighters withdrew from Bakhmut.", "Wagner Group", "RUSUAF"),
    ],
)
def test_armed_groups_in_the_news_after_2014_have_their_codes(pipeline, text, mention, expected_code):
    """The supplementary dictionary names groups the Phoenix files lack: no British Houthis from the sentence."""
    assert actor_with(code(pipeline, text, published="2024-01-15"), mention).code == expected_code


def test_the_names_of_one_group_entry_are_one_actor(pipeline):
    """ "Houthis" in a headline, "Houthi" before a noun and "the Houthis" (tagged PERSON) are one group."""
    text = (
        "Houthis fire missiles at tanker\n\nAmerican warplanes struck Houthi targets near Hodeidah on Monday. "
        "The Houthis seized a cargo ship in November."
    )
    record = code(pipeline, text, published="2024-01-15")
    houthis = [a for a in record.actors if a.code == "YEMREB" and a.type != "person"]
    assert len(houthis) == 1 and houthis[0].type in ("organization", "group")
    assert {m.text for m in houthis[0].mentions} >= {"Houthis", "Houthi", "The Houthis"}


def test_a_pro_or_anti_regional_demonym_is_a_stance_not_an_origin(pipeline):
    text = "TBILISI, Dec 1 (Reuters) - Georgian riot police fired water cannon at thousands of pro-European protesters."
    record = code(pipeline, text, published="2024-12-01")
    assert actor_with(record, "thousands of pro-European protesters").code == "GEOCVLOPP"


@pytest.mark.parametrize(
    ("text", "mention", "expected_code"),
    [
        ("The French Minister of Foreign Affairs condemned the attack.", "The French Minister", "FRAGOV"),
        ("The Minister of Interior of Kenya said police would investigate.", "The Minister", "KENGOV"),
    ],
)
def test_a_minister_of_a_portfolio_is_the_actor_not_the_portfolio(pipeline, text, mention, expected_code):
    record = code(pipeline, text)
    assert actor_with(record, mention).code == expected_code
    assert not any(a.name in ("Foreign Affairs", "Interior") for a in record.actors)
