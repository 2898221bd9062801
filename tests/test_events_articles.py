"""Whole news stories written for the purpose (tests/data): the events, actors and places a reader would code."""

from __future__ import annotations

import pytest

from tacitus.record import Article

from .conftest import DATA


def _code(pipeline, name: str, published: str):
    text = (DATA / name).read_text(encoding="utf-8")
    return pipeline.code_one(Article(id=name, text=text, published=published))


# The stories written for these tests: file and publication date.
STORIES = {
    "niger": ("niger_expulsion.txt", "2025-03-04"),
    "lebanon": ("lebanon_strikes.txt", "2024-10-12"),
    "korea": ("korea_missiles.txt", "2024-08-19"),
    "sanctions": ("eu_sanctions.txt", "2023-06-23"),
    "kenya": ("kenya_protests.txt", "2024-06-25"),
    "gaza": ("gaza_ceasefire.txt", "2024-05-06"),
    "venezuela": ("venezuela_exile.txt", "2024-09-08"),
    "houthis": ("houthi_threat.txt", "2024-01-13"),
    "verdict": ("moscow_verdict.txt", "2024-07-19"),
}


def _story(name: str):
    """A module-wide fixture coding one of the stories of tests/data, once."""
    filename, published = STORIES[name]

    @pytest.fixture(scope="module")
    def story(pipeline):
        return _code(pipeline, filename, published)

    return story


niger = _story("niger")
lebanon = _story("lebanon")
korea = _story("korea")
sanctions = _story("sanctions")
kenya = _story("kenya")
gaza = _story("gaza")
venezuela = _story("venezuela")
houthis = _story("houthis")
verdict = _story("verdict")


def _actor(record, actor_id):
    return next((a for a in record.actors if a.id == actor_id), None)


def _place(record, place_id):
    return next((p.name for p in record.places if p.id == place_id), None)


def _events(record, trigger: str):
    return [e for e in record.events if e.trigger.text == trigger]


def test_a_capital_the_story_names_as_an_origin_does_not_place_the_event(niger):
    """ "recalled its ambassador from Paris" happened in Niamey (the dateline), not in Paris."""
    (recall,) = _events(niger, "recalled")
    assert _place(niger, recall.place) == "Niamey"
    (order,) = _events(niger, "ordered")
    assert _place(niger, order.place) == "Niamey"


def test_recalling_its_own_envoy_from_a_capital_targets_that_country(niger):
    (recall,) = _events(niger, "recalled")
    assert _actor(niger, recall.source).code.startswith("NER")
    assert _actor(niger, recall.target).country == "FRA"


def test_a_former_colonial_ruler_is_coded_as_the_power_that_ruled(niger):
    (accusation,) = _events(niger, "accusing")
    assert _actor(niger, accusation.target).country == "FRA"


def test_what_an_accusation_alleges_is_not_an_event(niger):
    assert not _events(niger, "interfering")


def test_the_dateline_country_codes_unnamed_police_and_protesters(niger):
    police = next(a for a in niger.actors if a.name == "Police")
    assert police.code == "NERCOP"
    (tiani,) = [a for a in niger.actors if a.name == "Abdourahamane Tiani"]
    assert tiani.country == "NER"


def test_the_junta_is_the_military_government_the_story_named_before(niger):
    (expulsion,) = _events(niger, "expelled")
    (order,) = _events(niger, "ordered")
    assert expulsion.source == order.source
    assert _actor(niger, order.source).code == "NERGOVMIL"
    assert "historical" in expulsion.aux and expulsion.date == "2023"


def test_a_name_beside_a_persons_role_is_that_person(niger):
    (expulsion,) = _events(niger, "expelled")
    target = _actor(niger, expulsion.target)
    assert target.name == "Sylvain Itte" and target.type == "person" and target.code == "FRAGOV"


def test_a_spokesman_for_an_organisation_speaks_for_it(niger):
    (appeal,) = _events(niger, "urged")
    assert _actor(niger, appeal.source).code.startswith("IGOUNO")


def test_a_partner_of_the_speaker_is_not_the_speaker(niger):
    for event in _events(niger, "consult"):
        assert event.source != event.target
        target = _actor(niger, event.target)
        assert target is None or "ministry" not in target.name


def test_a_headline_verb_with_a_bare_noun_reports_no_speech(niger):
    assert not any(q.cue == "recalls" for q in niger.quotes)


def test_suspending_budget_support_is_a_sanction(niger):
    (suspension,) = _events(niger, "suspended")
    assert suspension.cameo == "1621" and _actor(niger, suspension.target).code == "NER"


def test_a_quoted_no_business_is_no_actor(niger):
    assert not any(a.name == "no business" for a in niger.actors)


def test_a_country_named_as_target_of_diplomacy_is_not_the_place(lebanon):
    (appeal,) = _events(lebanon, "called")
    assert _place(lebanon, appeal.place) == "Beirut", "pressure on Israel is not made in Israel"


def test_a_compound_fighting_a_war_is_each_others_target(lebanon):
    war = _events(lebanon, "fought")
    pairs = {(_actor(lebanon, e.source).name, _actor(lebanon, e.target).name) for e in war}
    assert pairs == {("Israel", "Hezbollah"), ("Hezbollah", "Israel")}
    assert all(e.place is None for e in war), "a war of 2006 is not placed by the dateline of today's story"


def test_victims_in_a_country_place_the_killing_there(lebanon):
    (killing,) = _events(lebanon, "killed")
    assert _place(lebanon, killing.place) == "Lebanon"


def test_a_backer_in_a_hyphenated_modifier_neither_codes_nor_places(lebanon):
    (strike,) = _events(lebanon, "struck")
    assert _actor(lebanon, strike.target).country != "IRN"
    assert _place(lebanon, strike.place) != "Iran"


def test_a_name_read_as_group_and_as_organisation_is_one_actor(lebanon):
    assert [a.name for a in lebanon.actors].count("Hezbollah") == 1


def test_the_town_of_a_name_is_a_place_not_a_person(lebanon):
    town = next(a for a in lebanon.actors if a.name == "Kiryat Shmona")
    assert town.type != "person"


def test_last_week_dates_an_event_by_its_month(lebanon):
    (meeting,) = _events(lebanon, "met")
    assert meeting.date == "2024-10"


def test_missiles_fired_into_the_sea_are_a_show_of_force_told_once(korea):
    launches = [e for e in korea.events if _actor(korea, e.source) and _actor(korea, e.source).code == "PRK"]
    assert [(e.cameo, e.trigger.text) for e in launches] == [("150", "fired")], "the headline's 'fires' joins it"


def test_joint_exercises_of_two_capitals_target_each_other(korea):
    drills = _events(korea, "began")
    pairs = {(_actor(korea, e.source).name, _actor(korea, e.target).name) for e in drills}
    assert pairs == {("Seoul", "Washington"), ("Washington", "Seoul")}
    assert all(_place(korea, e.place) == "Seoul" for e in drills), "the dateline, not Washington the actor"


def test_ordering_troops_to_respond_to_provocation_is_no_agreement_nor_visit(korea):
    (order,) = _events(korea, "ordered")
    assert order.cameo == "100"


def test_a_time_opening_a_span_does_not_date_the_event(korea):
    (rejection,) = _events(korea, "rejected")
    assert rejection.date == "2024-08-19" and "historical" not in rejection.aux


def test_leaders_after_2014_are_coded_from_the_supplementary_dictionary(korea):
    kim = next(a for a in korea.actors if a.name == "Kim Jong Un")
    assert kim.code == "PRKGOV"
    trump = next(a for a in korea.actors if a.name == "Donald Trump")
    assert trump.country == "USA", "then-President in Hanoi is not Vietnamese"


def test_a_korean_surname_alone_is_the_person_named_in_full(korea):
    (quote,) = [q for q in korea.quotes if q.kind == "direct"]
    assert next(a for a in korea.actors if a.id == quote.speaker).name == "Yoon Suk Yeol"


def test_sanctions_adopted_as_a_package_are_the_adopters_sanctions(sanctions):
    (package,) = [e for e in sanctions.events if e.sentence == 2 and _actor(sanctions, e.target).name == "Russia"]
    assert package.cameo == "163" and _actor(sanctions, package.source).name == "European Union"
    assert "adopted" in package.evidence.text


def test_what_sanctions_target_they_sanction_not_attack(sanctions):
    targeting = _events(sanctions, "targeting")
    assert targeting and all(e.cameo == "163" for e in targeting)
    assert all(_place(sanctions, e.place) == "Brussels" for e in targeting), "where the companies are is not where"


def test_a_mistagged_participle_after_a_noun_is_passive(sanctions):
    for accusation in _events(sanctions, "accused"):
        assert accusation.source is None, "the companies are accused, they accuse no one"


def test_denouncing_sanctions_is_disapproval(sanctions):
    (denunciation,) = _events(sanctions, "denounced")
    assert denunciation.plover.type == "ACCUSE"


def test_a_second_verb_of_saying_keeps_its_subject_as_speaker(sanctions):
    (quote,) = [q for q in sanctions.quotes if q.text == "Moscow would respond"]
    assert _actor(sanctions, quote.speaker).name == "Maria Zakharova"


def test_a_day_without_its_year_takes_the_year_its_clause_states(sanctions):
    (invasion,) = _events(sanctions, "invaded")
    assert invasion.date == "2022-02-24" and "historical" in invasion.aux


def test_as_long_as_it_takes_is_no_seizure(sanctions):
    assert not _events(sanctions, "takes")


def test_a_story_filed_from_brussels_is_not_about_belgians(sanctions):
    assert not any(a.country == "BEL" and a.type == "group" for a in sanctions.actors)


def test_staging_a_strike_is_a_protest_and_a_hunger_strike_its_own_kind(pipeline):
    workers = pipeline.code_one(Article(id="w", text="Dock workers staged a strike at the port on Monday."))
    assert [e.cameo for e in workers.events] == ["143"]
    hunger = pipeline.code_one(Article(id="h", text="The activist staged a 24-hour hunger strike in prison on Sunday."))
    assert [e.cameo for e in hunger.events] == ["142"] and hunger.events[0].pattern is None
    called_off = pipeline.code_one(Article(id="c", text="The teachers' union called off a four-day strike."))
    assert all(e.plover.type != "PROTEST" for e in called_off.events)


def test_carrying_out_a_drone_strike_is_one_strike(pipeline):
    record = pipeline.code_one(Article(id="d", text="The Israeli military carried out a drone strike on the camp."))
    assert [(e.cameo, e.trigger.text) for e in record.events] == [("195", "strike")]


def test_refusing_to_leave_is_defiance_not_a_rejected_meeting(niger):
    (refusal,) = _events(niger, "leave")
    assert refusal.cameo == "120" and _actor(niger, refusal.source).name == "Sylvain Itte"


def test_a_national_branch_of_an_organisation_is_one_actor_placed_in_its_country(kenya):
    branch = next(a for a in kenya.actors if a.name == "Amnesty International Kenya")
    assert branch.code.startswith("NGO") and branch.country == "KEN"
    (quote,) = [q for q in kenya.quotes if "excessive force" in q.text]
    assert quote.speaker == branch.id


def test_police_firing_on_protesters_who_stormed_parliament(kenya):
    (firing,) = _events(kenya, "fired")
    assert _actor(kenya, firing.source).code == "KENCOP" and "protesters" in _actor(kenya, firing.target).name
    (storming,) = _events(kenya, "stormed")
    assert _actor(kenya, storming.target).name == "parliament"
    assert all(_place(kenya, e.place) == "Nairobi" for e in (firing, storming))


def test_a_place_inside_what_is_urged_is_not_where_it_was_urged(gaza):
    for appeal in _events(gaza, "urged"):
        assert _place(gaza, appeal.place) == "Doha", "the ceasefire in Gaza is what was asked for"


def test_a_place_in_another_clauses_object_does_not_place_a_call(gaza):
    for call in _events(gaza, "spoke"):
        assert _place(gaza, call.place) != "Rafaḩ"


def test_a_demand_owned_by_another_is_no_speech_act_of_the_speaker(gaza):
    assert not any(e.method == "speech" and e.plover.type == "REQUEST" for e in gaza.events)


def test_opposition_to_an_operation_is_a_stance_not_an_opposition_party(gaza):
    assert not any(a.code and a.code.endswith("OPP") for a in gaza.actors)


def test_the_attack_that_began_the_war_keeps_its_own_date(gaza):
    (attack,) = _events(gaza, "attacked")
    assert attack.date == "2023-10-07" and "historical" in attack.aux
    assert _actor(gaza, attack.target).name == "Israel"


def test_leaving_ones_own_country_for_another_is_a_journey_there(venezuela):
    (departure,) = _events(venezuela, "left")
    assert _actor(venezuela, departure.target).name == "Spain"


def test_a_month_in_a_perfect_infinitive_is_past(venezuela):
    (july,) = [t for t in venezuela.times if t.text == "July"]
    assert july.value == "2024-07", "claims to have won July's election"


def test_regional_governments_take_no_country_from_the_story(venezuela):
    regional = next(a for a in venezuela.actors if "Latin American" in a.name)
    assert regional.country is None


def test_a_name_after_a_persons_title_is_a_person(venezuela):
    machado = next(a for a in venezuela.actors if a.name == "María Corina Machado")
    assert machado.type == "person" and machado.code == "VENOPP"


def test_the_group_is_the_rebels_named_in_the_plural(houthis):
    (targeting,) = _events(houthis, "target")
    assert _actor(houthis, targeting.source).name == "Yemen's Houthi rebels"


def test_transliterations_of_a_leaders_name_are_one_actor(houthis):
    leader = next(a for a in houthis.actors if "Houthi" in a.name and a.type == "person")
    assert {"Abdulmalik al-Houthi", "Abdul-Malik al-Houthi"} <= {m.text for m in leader.mentions}


def test_leading_ones_own_movement_is_no_event(houthis):
    assert not _events(houthis, "led")


def test_a_vow_to_retaliate_threatens_each_side_named(houthis):
    threats = _events(houthis, "retaliate")
    assert {_actor(houthis, e.target).name for e in threats} == {"United States", "Britain"}
    assert all(e.plover.type == "THREATEN" for e in threats)


def test_a_headline_role_joins_the_storys_person_of_a_synonymous_title(verdict):
    reporter = next(a for a in verdict.actors if a.name == "Evan Gershkovich")
    assert "US journalist" in {m.text for m in reporter.mentions}
    assert reporter.code == "USAJRN", "the headline's country, not the Moscow dateline's"


def test_a_town_in_an_adverbial_clause_is_not_what_was_taken(verdict):
    (arrest,) = _events(verdict, "arrested")
    assert arrest.cameo == "173" and arrest.date == "2023-03" and "historical" in arrest.aux


def test_gathering_information_is_no_meeting(verdict):
    assert not _events(verdict, "gathered")
