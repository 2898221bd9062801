"""The actors stage on codes the sentence states plainly but the dictionaries or the rules got wrong:
international organisations the Phoenix files name in other words, national movements they give another country,
a person's title tying them to a country or an organisation, and agents composed with the actor they belong to as
PETRARCH composes them. Each test is a short sentence of its own."""

from __future__ import annotations

import pytest

from tacitus.config import Settings
from tacitus.pipeline import Pipeline
from tacitus.record import Article
from tests.conftest import GOLD, needs_gold
from tests.test_actors_news import actor_with


def code(pipeline: Pipeline, text: str, published: str | None = "1995-06-01"):
    return pipeline.code_one(Article(id="t", text=text, published=published))


# -- dictionary entries --


@pytest.mark.parametrize(
    ("text", "mention", "expected_code"),
    [
        ("The European Community lifted its ban on British beef.", "The European Community", "IGOEUREEC"),
        ("Observers from the OSCE arrived in Minsk on Sunday.", "the OSCE", "IGO"),
        ("APEC leaders met in Manila.", "APEC", "IGOASABUS"),
        ("The International Labour Office published a report on child labour.", "The International Labour Office",
         "IGOUNOLABILO"),
    ],
)  # fmt: skip
def test_an_international_organisation_the_phoenix_files_name_otherwise_is_coded(
    pipeline, text, mention, expected_code
):
    assert actor_with(code(pipeline, text), mention).code == expected_code


@pytest.mark.parametrize(
    ("text", "mention", "expected_code"),
    [
        ("The SPLM said the talks had failed.", "The SPLM", "SDNREB"),  # acronyms of national movements
        ("NPFL fighters attacked the town.", "NPFL", "LBRREB"),
        ("Cairo's security chief warned protesters.", "Cairo's security chief", "EGYCOP"),  # agents
        ("The hostage-takers released two women.", "The hostage-takers", "---CRM"),
    ],
)
def test_names_and_agents_the_2014_files_lack_are_coded(pipeline, text, mention, expected_code):
    assert actor_with(code(pipeline, text), mention).code == expected_code


def test_a_dictionary_phrase_with_a_possessive_matches_the_text(pipeline):
    # Phoenix writes the name PEOPLE'S_LIBERATION_ARMY: the possessive before the underscore must go as in the text.
    record = code(pipeline, "The People's Liberation Army held exercises near Taiwan.")
    assert actor_with(record, "The People's Liberation Army").code == "CHNMIL"


def test_a_role_of_an_international_organisation_named_before_it_is_the_organisations(pipeline):
    record = code(pipeline, "European Community finance ministers met in Brussels to discuss aid to Hungary.")
    assert actor_with(record, "European Community finance ministers").code == "IGOEUREECGOV"


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("Algerian troops attacked the Islamic Salvation Front in the mountains.", "the Islamic Salvation Front",
         "DZA"),
        ("UNITA rebels shelled the town of Kuito on Monday.", "UNITA rebels", "AGO"),
    ],
)  # fmt: skip
def test_a_national_movement_is_coded_with_its_own_country(pipeline, text, mention, country):
    assert actor_with(code(pipeline, text), mention).country == country


def test_a_demonym_of_a_former_name_of_a_country_is_that_country(pipeline):
    record = code(pipeline, "Kampuchean guerrillas attacked a government post.", published="1985-03-01")
    assert actor_with(record, "Kampuchean guerrillas").code == "KHMREB"


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Police in Northern Ireland arrested two men on Monday.", "Northern Ireland"),
        ("The Northern Ireland Assembly met on Monday.", "The Northern Ireland Assembly"),
    ],
)
def test_northern_ireland_is_the_united_kingdoms(pipeline, text, mention):
    # "Ireland" after a direction word is otherwise read as Ireland, as "South Lebanon" is Lebanon.
    assert actor_with(code(pipeline, text), mention).country == "GBR"


# -- peoples coded by the country they live in --


def test_a_people_of_a_country_is_that_countrys(pipeline):
    record = code(pipeline, "The Serbs of Croatia voted on Sunday.")
    assert actor_with(record, "The Serbs").country == "HRV"


def test_an_ethnic_group_in_a_country_is_that_countrys(pipeline):
    record = code(pipeline, "Ethnic Hungarians in Slovakia protested against the language law.")
    assert actor_with(record, "Ethnic Hungarians").country == "SVK"


def test_an_ethnic_group_operating_in_a_country_is_that_countrys(pipeline):
    record = code(pipeline, "Ethnic Albanian rebels operating in Macedonia ambushed a police patrol.")
    assert actor_with(record, "Ethnic Albanian rebels").code == "MKDREB"


def test_an_ethnic_group_acting_in_a_country_is_that_countrys(pipeline):
    record = code(pipeline, "Thousands of ethnic Hungarians rallied in Romania on Sunday.")
    assert actor_with(record, "Thousands of ethnic Hungarians").country == "ROU"


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("Ethnic Hungarians protested on Sunday.", "Ethnic Hungarians", "HUN"),
        ("Hungarian tourists in Romania were robbed.", "Hungarian tourists", "HUN"),
    ],
)
def test_nationals_abroad_and_a_people_nothing_places_keep_their_demonyms_country(pipeline, text, mention, country):
    assert actor_with(code(pipeline, text), mention).country == country


# -- the article's country is no one's for being named beside it --


def test_a_named_person_is_not_of_another_named_persons_country_for_sharing_a_sentence(pipeline):
    record = code(pipeline, "President Aldo Ferrante gave a warm welcome on Thursday to Polish leader Jan Kowalczyk.")
    assert actor_with(record, "President Aldo Ferrante").country is None


def test_a_person_is_not_of_a_country_an_act_is_against(pipeline):
    record = code(pipeline, "Bishop Tomas Varga on Sunday called for sanctions against Serbia.")
    assert actor_with(record, "Bishop Tomas Varga").country is None


def test_a_country_a_stance_is_against_is_not_the_nouns_own(pipeline):
    record = code(pipeline, "A prominent anti-Syria journalist was killed in Beirut.")
    assert actor_with(record, "A prominent anti-Syria journalist").country == "LBN"


def test_a_country_a_stance_is_for_makes_nobody_its_own(pipeline):
    record = code(pipeline, "Pro-Russia separatists attacked the town.")
    assert actor_with(record, "Pro-Russia separatists").country is None


def test_forces_withdrawn_from_a_country_are_not_its_own(pipeline):
    record = code(pipeline, "Moscow announced the pullout of some combat troops from Georgia.")
    assert actor_with(record, "some combat troops").country != "GEO"


# -- bodies no dictionary knows --


def test_a_name_headed_by_a_non_governmental_bodys_noun_is_an_ngo(pipeline):
    record = code(pipeline, "The Global Water Forum called on governments to fund sanitation.")
    assert actor_with(record, "The Global Water Forum").code == "NGO"


def test_a_council_named_international_is_an_ngo(pipeline):
    record = code(pipeline, "The World Council of Churches condemned the attack.")
    assert actor_with(record, "The World Council of Churches").code == "NGO"


def test_a_council_not_named_international_is_left_uncoded(pipeline):
    record = code(pipeline, "The Central Committee met on Monday.")
    assert actor_with(record, "The Central Committee").code is None


def test_jurists_are_of_the_judiciary(pipeline):
    record = code(pipeline, "Two Kenyan jurists resigned on Monday.")
    assert actor_with(record, "Two Kenyan jurists").code == "KENJUD"


def test_a_place_name_the_model_ran_on_over_a_word_for_a_place_is_the_place(pipeline):
    # The model's entity is "Montenegro province"; the dictionary knows "Montenegro".
    record = code(pipeline, "Serbia sent troops to Montenegro province.")
    assert actor_with(record, "Montenegro province").country == "MNE"


# -- names the model cut short --


def test_a_persons_name_beginning_a_phrase_of_their_entry_is_that_person(pipeline):
    # "Clinton administration" is a phrase of Bill Clinton's entry; the model tags "Clinton" alone.
    record = code(pipeline, "The Clinton administration criticised China over its trade barriers.")
    assert actor_with(record, "Clinton").code.startswith("USA")
    assert actor_with(record, "The Clinton administration").code == "USAGOV"


def test_a_dictionary_phrase_running_on_past_an_entity_is_the_name(pipeline):
    record = code(pipeline, "Government troops attacked positions of the Liberation Tigers of Tamil Eelam near Jaffna.")
    assert actor_with(record, "the Liberation Tigers of Tamil Eelam").code == "LKAREB"


# -- what the text says of a person beats the dictionary --


def test_a_country_in_an_of_phrase_beats_another_persons_dictionary_entry(pipeline):
    # The Phoenix entry "HASSAN" is Jordan's Prince Hassan.
    record = code(pipeline, "King Hassan of Morocco received the Spanish prime minister in Rabat.")
    assert actor_with(record, "King Hassan").code == "MARGOV"


def test_an_organisation_in_a_title_beats_the_persons_dictionary_country(pipeline):
    # Phoenix files Martti Ahtisaari under Finland; as the UN's envoy he acts for the UN.
    text = "UN envoy Martti Ahtisaari presented his plan for Kosovo on Friday."
    record = code(pipeline, text, published="2007-02-02")
    assert actor_with(record, "UN envoy Martti Ahtisaari").code.startswith("IGOUNO")


def test_a_description_a_name_is_in_apposition_to_states_the_persons_organisation(pipeline):
    text = "The UN's special envoy, Martti Ahtisaari, presented his plan on Friday."
    record = code(pipeline, text, published="2007-02-02")
    assert actor_with(record, "Martti Ahtisaari").code.startswith("IGOUNO")


def test_the_stated_country_holds_for_the_persons_later_bare_name(pipeline):
    text = "King Hassan of Morocco received the Spanish prime minister. Hassan said the talks went well."
    record = code(pipeline, text)
    assert actor_with(record, "Hassan").code == "MARGOV"


# -- agents composed with their actor, as PETRARCH composes them --


@pytest.fixture(scope="module")
def petrarch():
    validate = GOLD / "petrarch_unittest"
    config = {
        "actor_dictionaries": [str(validate / "PETR.Validate.actors.txt")],
        "agent_dictionaries": [str(validate / "PETR.Validate.agents.txt")],
        "city_roles": False,
    }
    return Pipeline(Settings(stages=("actors",), stage_config={"actors": config}))


@needs_gold
def test_a_prefix_agent_inside_a_name_goes_before_the_names_code(petrarch):
    # MSF is [NGO~] in the validation agents: an NGO of Arnor.
    record = code(petrarch, "MSF Arnor is about to restore full diplomatic ties with Gondor.")
    assert actor_with(record, "MSF Arnor").code == "NGOARN"


@needs_gold
def test_a_role_of_a_name_with_a_prefix_agent_keeps_the_prefix(petrarch):
    record = code(petrarch, "An MSF Arnor diplomat is about to restore full diplomatic ties with Gondor.")
    assert actor_with(record, "An MSF Arnor diplomat").code == "NGOARNGOV"
