"""The places stage: toponyms found and resolved to the right GeoNames entry, with what decided it."""

from tacitus.config import Settings
from tacitus.evaluate.places import evaluate
from tacitus.places.anchor import event_place
from tacitus.places.gazetteer import country_of_demonym, load_gazetteer
from tacitus.record import Article
from tacitus.times.anchor import event_date

BAGHDAD = 98182
LEBANON_COUNTRY, LEBANON_TENNESSEE = 272103, 4636045
GEORGIA_COUNTRY, GEORGIA_STATE = 614540, 4197000


def places(pipeline, text, published="2022-01-06"):
    return pipeline.code_one(Article(id="p", text=text, published=published)).places


def by_name(items):
    return {m.text: p for p in items for m in p.mentions}


def test_gazetteer_has_countries_regions_cities_with_coordinates():
    gazetteer = load_gazetteer()
    kinds = {e.kind for e in gazetteer.candidates("Georgia")}
    assert {"country", "admin1"} <= kinds
    tennessee = gazetteer.candidates("Tennessee")[0]
    assert (tennessee.feature, tennessee.country) == ("A.ADM1", "USA") and tennessee.lat is not None
    assert gazetteer.entry(BAGHDAD).name == "Baghdad"
    assert [e.geonames_id for e in gazetteer.candidates("the U.S.") if e.kind == "country"] == [6252001]


def test_lebanon_is_the_country_in_a_middle_east_story(pipeline):
    found = by_name(places(pipeline, "Israeli jets struck targets in Lebanon and Syria, officials in Beirut said."))
    assert found["Lebanon"].geonames_id == LEBANON_COUNTRY
    assert found["Beirut"].country == "LBN" and found["Beirut"].feature == "P.PPLC"


def test_lebanon_tennessee_by_its_qualifier(pipeline):
    found = by_name(places(pipeline, "A tornado hit Lebanon, Tennessee, on Sunday night."))
    lebanon = found["Lebanon"]
    assert (lebanon.geonames_id, lebanon.admin1, lebanon.resolution) == (LEBANON_TENNESSEE, "Tennessee", "qualifier")
    assert found["Tennessee"].feature == "A.ADM1"


def test_georgia_by_the_other_places_of_the_article(pipeline):
    caucasus = by_name(places(pipeline, "Georgia's president met the prime minister in Tbilisi."))
    assert caucasus["Georgia"].geonames_id == GEORGIA_COUNTRY
    south = by_name(places(pipeline, "Voters in Atlanta and Savannah turned out as Georgia chose a senator."))
    assert south["Georgia"].geonames_id == GEORGIA_STATE


def test_demonyms_are_not_places_but_give_context(pipeline):
    assert country_of_demonym("Iraqi") == "IRQ"
    found = by_name(places(pipeline, "Iraqi officials said the convoy was hit near the border."))
    assert "Iraqi" not in found


def test_us_as_a_modifier_is_the_country(pipeline):
    found = by_name(places(pipeline, "He was killed in a US drone strike in Baghdad."))
    assert found["US"].country == "USA" and found["Baghdad"].geonames_id == BAGHDAD


def test_dateline_place(pipeline):
    found = places(pipeline, "KABUL, Aug 15 (Reuters) - Taliban fighters entered the capital on Sunday.")
    assert [(p.name, p.dateline) for p in found] == [("Kabul", True)]


def test_toponyms_inside_names_are_marked(pipeline):
    found = places(pipeline, "The U.S. Department of Agriculture said exports to Mexico rose.")
    mentions = {m.text: m for p in found for m in p.mentions}
    assert mentions["U.S."].in_name and not mentions["Mexico"].in_name


def test_place_tokens_are_indexed(pipeline):
    doc = pipeline.nlp(pipeline.make_doc(Article(id="x", text="Fighting spread from Aleppo to Idlib.")))
    for place in doc._.places:
        for mention in place.mentions:
            assert {doc._.token_place[t.i] for t in doc.char_span(mention.start, mention.end)} == {place.id}


def test_events_get_the_clause_then_sentence_then_article_date_and_place(pipeline):
    text = (
        "BAGHDAD, Jan 6 (Reuters) - Soleimani was killed on January 3, 2020 in a drone strike. "
        "Protesters gathered outside the embassy in Basra on Tuesday. Officials condemned the strike."
    )
    doc = pipeline.nlp(pipeline.make_doc(Article(id="e", text=text, published="2022-01-06")))
    first, second, third = [s for s in doc.sents if "Reuters" not in s.text][:3]
    killed = [t for t in first if t.lemma_ == "kill"]
    assert event_date(doc, killed, first).date == "2020-01-03"
    gathered = [t for t in second if t.lemma_ == "gather"]
    assert event_date(doc, gathered, second).date == "2022-01-04"
    basra = event_place(doc, gathered, second)
    assert next(p for p in doc._.places if p.id == basra).mentions[0].text == "Basra"
    condemned = [t for t in third if t.lemma_ == "condemn"]
    assert event_date(doc, condemned, third).how == "article"
    dateline = event_place(doc, condemned, third)
    assert next(p for p in doc._.places if p.id == dateline).name == "Baghdad"
    assert event_place(doc, condemned, third, use_article=False) is None


def test_toponym_set_accuracy():
    report = evaluate(None, Settings(), limit=8)
    assert report.row("accuracy within 161 km", "tacitus").headline >= 0.9


def test_a_toponym_naming_a_facility_does_not_place_events(pipeline):
    found = places(pipeline, "An American Airlines 777 landed at Heathrow airport.")
    assert all(m.in_name for p in found for m in p.mentions if m.text == "Heathrow")


def test_korea_alone_is_the_republic(pipeline):
    found = by_name(places(pipeline, "Exports from Korea rose in May, while North Korea fired a missile."))
    assert found["Korea"].country == "KOR" and found["North Korea"].country == "PRK"


def test_a_town_inside_an_organisation_name_goes_by_its_own_name(pipeline):
    found = by_name(places(pipeline, "Soleimani commanded the Quds Force of the Revolutionary Guard in Iran."))
    assert "Quds" not in found and found["Iran"].country == "IRN"
    assert by_name(places(pipeline, "A spokesman for the U.S. Department of State said so."))["U.S."].country == "USA"


def test_dateline_after_a_headline(pipeline):
    text = "Taliban enter the capital\n\nKABUL, Aug 15 (Reuters) - Taliban fighters entered the city on Sunday."
    assert [(p.name, p.dateline) for p in places(pipeline, text)] == [("Kabul", True)]
