"""The actors stage on real parses: who acts, with which code, and which mentions are the same actor."""

from __future__ import annotations

import pytest

from tacitus.actors import actors_at
from tacitus.config import Settings
from tacitus.errors import TacitusError
from tacitus.pipeline import Pipeline
from tacitus.record import Article
from tests.conftest import DATA, GOLD, needs_gold

ARTICLES = DATA / "actors"


def code(pipeline: Pipeline, text: str, published: str | None = "2024-01-03"):
    return pipeline.code_one(Article(id="t", text=text, published=published))


def actor_with(record, mention: str):
    """The actor one of whose mentions is exactly ``mention`` (the first such)."""
    found = [a for a in record.actors if any(m.text == mention for m in a.mentions)]
    assert found, (
        f"no actor mentioned as {mention!r}: {[(a.name, [m.text for m in a.mentions]) for a in record.actors]}"
    )
    return found[0]


@pytest.fixture(scope="module")
def anniversary(pipeline):
    text = (ARTICLES / "soleimani-anniversary.txt").read_text(encoding="utf-8")
    return code(pipeline, text, published="2024-01-03")


def test_people_missing_from_the_dictionaries_get_country_and_sector_from_the_text(anniversary):
    qaani = actor_with(anniversary, "Brigadier General Esmail Qaani")
    assert (qaani.country, qaani.sectors[:1], qaani.type) == ("IRN", ["MIL"], "person")
    assert qaani.code_source != "dictionary"
    # Trump is in tacitus's supplementary dictionary now; the text's "Former US president" agrees with its
    # dates (ELI between his terms).
    trump = actor_with(anniversary, "Former US president Donald Trump")
    assert trump.code == "USAELI"
    raisi = actor_with(anniversary, "President Ebrahim Raisi")
    assert raisi.country == "IRN" and raisi.sectors[:1] == ["GOV"]
    muhandis = actor_with(anniversary, "Abu Mahdi al-Muhandis")
    assert muhandis.country == "IRQ"
    assert "the Iraqi militia commander" in [m.text for m in muhandis.mentions]
    officials = actor_with(anniversary, "Iranian officials")
    assert officials.code == "IRNGOV" and officials.type == "group"
    militias = actor_with(anniversary, "the Iraqi Shiite militias")
    assert militias.country == "IRQ" and militias.sectors


def test_spelling_variants_and_pronouns_land_on_the_same_actor(anniversary):
    qaani = actor_with(anniversary, "Brigadier General Esmail Qaani")
    mentions = [m.text for m in qaani.mentions]
    assert "Ghaani" in mentions  # Qaani / Ghaani
    assert "He" in mentions  # "He praised the Iraqi Shiite militias"
    quds = actor_with(anniversary, "the Quds Force")
    assert "the Qods Force" in [m.text for m in quds.mentions]  # Quds / Qods
    irgc = actor_with(anniversary, "the Islamic Revolutionary Guard Corps")
    assert "IRGC" in [m.text for m in irgc.mentions]  # acronym and expansion
    assert irgc.code == "IRNMIL"
    khamenei = actor_with(anniversary, "Supreme Leader Ayatollah Ali Khamenei")
    assert khamenei.code_source == "dictionary" and khamenei.country == "IRN"
    assert "The country's hardline leader" in [m.text for m in khamenei.mentions]
    iran = actor_with(anniversary, "Iran")
    assert iran.type == "country" and "The country" in [m.text for m in iran.mentions]


def test_a_list_tagged_as_one_entity_is_split(pipeline):
    record = code(pipeline, "Iran, Iraq and Syria condemned the strike. Bosnia and Herzegovina protested.")
    assert [a.code for a in record.actors] == ["IRN", "IRQ", "SYR", "BIH"]


def test_lists_give_each_member_its_own_actor(anniversary):
    hezbollah = actor_with(anniversary, "Hezbollah")
    houthis = actor_with(anniversary, "the Houthis")
    assert hezbollah.id != houthis.id
    assert hezbollah.country == "LBN" and houthis.country == "YEM"
    front = actor_with(anniversary, "the Resistance Front")
    assert front.type == "group"


def test_every_token_of_every_mention_is_indexed(pipeline):
    text = (ARTICLES / "soleimani-anniversary.txt").read_text(encoding="utf-8")
    doc = next(pipeline.nlp.pipe([pipeline.make_doc(Article(id="t", text=text, published="2024-01-03"))]))
    token_actor = doc._.token_actor
    ids = {a.id for a in doc._.actors}
    for actor in doc._.actors:
        for mention in actor.mentions:
            span = doc.char_span(mention.start, mention.end)
            assert span is not None
            assert all(token_actor.get(t.i) in ids for t in span), mention.text
    # The head of a mention finds its own actor ("the Quds Force" inside "the commander of the Quds Force").
    quds = next(a for a in doc._.actors if a.name == "Quds Force")
    first = quds.mentions[0]
    assert token_actor[doc.char_span(first.start, first.end).root.i] == quds.id


def test_real_wikinews_article(pipeline):
    text = (ARTICLES / "wikinews-soleimani.txt").read_text(encoding="utf-8")
    record = code(pipeline, text, published="2020-01-05")
    soleimani = actor_with(record, "Qasem Soleimani")
    assert (soleimani.country, soleimani.sectors[:1]) == ("IRN", ["MIL"])  # "head of Iran's Quds Force"
    assert "He" in [m.text for m in soleimani.mentions]  # "He was being met by ..."
    muhandis = actor_with(record, "Abu Mahdi al-Muhandis")
    assert "al-Muhandis" in [m.text for m in muhandis.mentions]
    assert "the deputy commander" in [m.text for m in muhandis.mentions]  # "al-Muhandis was the deputy ..."
    pmf = actor_with(record, "the Popular Mobilization Forces")
    assert "PMF" in [m.text for m in pmf.mentions]
    assert actor_with(record, "Kataeb Hezbollah").code != "LBNREB"  # not the Lebanese Hezbollah
    usa = actor_with(record, "The United States")
    assert usa.code == "USA" and "its" in [m.text for m in usa.mentions]


def test_coordinated_modifiers_give_one_actor_each(pipeline):
    doc = next(
        pipeline.nlp.pipe(
            [pipeline.make_doc(Article(id="t", text="Senior Hungarian and Romanian officials agreed on Wednesday."))]
        )
    )
    codes = sorted(a.code for a in doc._.actors)
    assert codes == ["HUNGOV", "ROUGOV"]
    officials = next(t for t in doc if t.text == "officials")
    assert sorted(actors_at(doc, officials.i)) == sorted(a.id for a in doc._.actors)
    record = code(pipeline, "Chinese and Indian troops clashed on the border.")
    assert sorted(a.code for a in record.actors) == ["CHNMIL", "INDMIL"]


def test_dictionary_codes_follow_the_publication_date(pipeline):
    text = "Vladimir Putin met the prime minister."
    assert actor_with(code(pipeline, text, "1995-05-01"), "Vladimir Putin").code == "RUSELI"
    assert actor_with(code(pipeline, text, "2005-05-01"), "Vladimir Putin").code == "RUSGOV"
    # The text beats a dictionary written in 2014: a former president is an elite, not the government.
    obama = actor_with(
        code(pipeline, "Former President Barack Obama criticised the plan.", "2020-06-01"),
        "Former President Barack Obama",
    )
    assert obama.code == "USAELI" and obama.code_source == "dictionary" and obama.sector_source == "descriptor"


def test_pronouns_respect_binding_gender_and_number(pipeline):
    record = code(pipeline, "Donald Trump met Emmanuel Macron. Trump praised him.")
    macron = actor_with(record, "Emmanuel Macron")
    assert "him" in [m.text for m in macron.mentions]
    record = code(pipeline, "Mrs Angela Merkel met the rebels. She said they would talk.")
    merkel = actor_with(record, "Mrs Angela Merkel")
    rebels = actor_with(record, "the rebels")
    assert "She" in [m.text for m in merkel.mentions] and "they" in [m.text for m in rebels.mentions]


def test_people_sharing_a_surname_are_not_merged(pipeline):
    record = code(
        pipeline,
        "Ali Khamenei met his son Mojtaba Khamenei in Tehran. Mojtaba Khamenei later spoke to reporters.",
    )
    ali, mojtaba = actor_with(record, "Ali Khamenei"), actor_with(record, "Mojtaba Khamenei")
    assert ali.id != mojtaba.id
    assert len([m for m in mojtaba.mentions if m.text == "Mojtaba Khamenei"]) == 2


def test_descriptions_and_demonyms(pipeline):
    record = code(pipeline, "Iran's leader warned Israel. Kenyan police fired tear gas at protesters in Nairobi.")
    assert actor_with(record, "Iran's leader").code == "IRNGOV"
    assert actor_with(record, "Kenyan police").code == "KENCOP"
    protesters = actor_with(record, "protesters")
    assert "CVL" in protesters.sectors or "OPP" in protesters.sectors
    record = code(pipeline, "The IRGC general said the militia would respond.")
    assert actor_with(record, "The IRGC general").sectors == ["MIL"]


def test_towns_are_actors_only_when_placed_in_a_country(pipeline):
    text = "Two explosions struck mourners in Kerman."
    # Without the places stage no dictionary knows Kerman: a place, not an actor.
    alone = Pipeline(Settings(stages=("actors",)))
    assert not any(m.text == "Kerman" for a in code(alone, text).actors for m in a.mentions)
    # With it, the gazetteer places Kerman in Iran: its people, as the PLOVER gold standard codes towns.
    kerman = actor_with(code(pipeline, text), "Kerman")
    assert (kerman.country, kerman.sectors, kerman.type) == ("IRN", ["CVL"], "other")


def test_bad_dictionary_path_is_a_one_line_error(tmp_path):
    settings = Settings(stages=("actors",), stage_config={"actors": {"actor_dictionaries": [str(tmp_path / "no.txt")]}})
    with pytest.raises(Exception) as raised:
        Pipeline(settings)
    error = raised.value
    while not isinstance(error, TacitusError) and error.__cause__ is not None:
        error = error.__cause__
    assert isinstance(error, TacitusError) and error.code == "E301"


@needs_gold
def test_petrarch_validation_dictionaries_through_the_stage_config():
    validate = GOLD / "petrarch_unittest"
    settings = Settings(
        stages=("actors",),
        stage_config={
            "actors": {
                "actor_dictionaries": [str(validate / "PETR.Validate.actors.txt")],
                "agent_dictionaries": [str(validate / "PETR.Validate.agents.txt")],
                "city_roles": False,
            }
        },
    )
    pipeline = Pipeline(settings)
    record = code(pipeline, "Arnor is about to restore full diplomatic ties with Gondor.", "1995-01-01")
    assert {a.code for a in record.actors} >= {"ARN", "GON"}
    record = code(pipeline, "Soldiers from Gondor have cordoned off the roads leading into Mordor.", "1995-01-01")
    assert actor_with(record, "Soldiers").code == "GONMIL"
    record = code(pipeline, "The Shire is about to restore full diplomatic ties with Lorien.", "1995-01-01")
    assert {a.code for a in record.actors} >= {"FRO", "BIL", "SAM", "ELR", "GAL"}
    record = code(pipeline, "Sam Gamgee met Frodo.", "2010-01-10")
    assert actor_with(record, "Sam Gamgee").code == "ORCHOB"
    record = code(pipeline, "The ambassadors of Arnor, Osgiliath and Gondor presented credentials.", "1995-01-01")
    assert {a.code for a in record.actors} >= {"ARNGOV", "OSGGOV", "GONGOV"}
    # Parse errors the origin phrase survives: "from [Gondor wire]", "[Lawmakers in Fornost] and [Gondor]".
    record = code(
        pipeline, "Soldiers from Gondor wire tapped all communication links leading into Mordor.", "1995-01-01"
    )
    assert actor_with(record, "Soldiers").code == "GONMIL"
    record = code(pipeline, "Lawmakers in Fornost and Gondor welcomed a resumption of ties with Eriador.", "1995-01-04")
    assert {a.code for a in record.actors} >= {"FORLEG", "GONLEG", "ERI"}
    record = code(pipeline, "Human rights activists in Arnor are about to restore ties with Gondor.", "1995-01-04")
    assert actor_with(record, "Human rights activists").code == "ARNOPP"  # Arnor tagged NORP is still a place
    record = code(
        pipeline, "Washington security officials are about to restore full diplomatic ties with Gondor.", "1995-01-04"
    )
    assert actor_with(record, "Washington security officials").code == "USAGOV"
    # city_roles off: a city is the dictionary's code, as in PETRARCH ("+SEOUL" under SOUTH_KOREA [KOR]).
    record = code(pipeline, "Pyongyang on Thursday fired two artillery shells at Seoul.", "1995-01-04")
    assert actor_with(record, "Seoul").code == "KOR"


def test_a_city_stands_for_its_people_or_government(pipeline):
    # The default (PLOVER gold standard convention): a city as a target is its civilians.
    record = code(pipeline, "North Korea on Thursday fired two artillery shells at Seoul.")
    assert actor_with(record, "Seoul").code == "KORCVL"


def test_a_surname_the_model_takes_for_a_town_is_the_person_named_in_full(pipeline):
    text = (
        "Fritz Henderson, the chief executive officer of Acme Motors, spoke in Detroit on Monday. "
        "Speaking to reporters under the rules of the exchange, Henderson described the plan as a fresh start."
    )
    record = code(pipeline, text)
    henderson = actor_with(record, "Fritz Henderson")
    assert "Henderson" in [m.text for m in henderson.mentions]
    assert henderson.type == "person" and henderson.sectors == ["BUS"]  # a company officer, not the military


def test_an_acronym_the_model_left_unlabelled_is_the_organisation_it_tags_elsewhere(pipeline):
    text = (
        "The United States Air Force (USAF) chose the European bid on Friday. "
        "USAF also denied that creating jobs at home was a factor."
    )
    record = code(pipeline, text)
    air_force = actor_with(record, "The United States Air Force")
    assert [m.text for m in air_force.mentions].count("USAF") == 2


def test_a_description_repeating_the_title_of_a_named_person_is_that_person(pipeline):
    text = (
        "US bank chief Ben Bernanke said on Friday the economy was recovering. "
        "The bank chief said that growth would be slow at first."
    )
    record = code(pipeline, text)
    bernanke = actor_with(record, "US bank chief Ben Bernanke")
    assert "The bank chief" in [m.text for m in bernanke.mentions]


def test_a_described_business_speaker_is_an_actor_with_country_and_sector(pipeline):
    text = 'Indian firms are worried. "We are watching the market closely," said a Delhi auto parts supplier.'
    record = code(pipeline, text)
    supplier = actor_with(record, "a Delhi auto parts supplier")
    assert (supplier.country, supplier.sectors) == ("IND", ["BUS"])


def test_people_known_by_what_they_say_are_group_actors(pipeline):
    text = "Acme recalled the phone on Friday, with critics saying that the company had acted too slowly."
    record = code(pipeline, text)
    critics = actor_with(record, "critics")
    assert (critics.type, critics.sectors) == ("group", [])
    quote = next(q for q in record.quotes if q.speaker_text == "critics")
    assert quote.speaker == critics.id


def test_a_description_prefers_the_subject_of_the_sentence_before(pipeline):
    text = (
        "The press event came days after Consumer Reports declined to give Apple's newest phone a good rating. "
        "The group said that the free cases were a good first step."
    )
    record = code(pipeline, text)
    reviewers = actor_with(record, "Consumer Reports")
    assert "The group" in [m.text for m in reviewers.mentions]
