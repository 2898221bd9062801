"""The events stage in the whole pipeline, on article text: records, dates, modality, evidence, the CLI."""

from __future__ import annotations

import json

import pytest

from tacitus.config import Settings
from tacitus.errors import TacitusError
from tacitus.events.stage import EventStage
from tacitus.record import Article

from .conftest import DATA, GOLD, needs_gold, run_cli


@pytest.fixture(scope="module")
def anniversary(pipeline):
    text = (DATA / "soleimani_anniversary.txt").read_text(encoding="utf-8")
    return pipeline.code_one(Article(id="soleimani", text=text, published="2022-01-05"))


def _place(record, place_id):
    return next((p.name for p in record.places if p.id == place_id), None)


def _name(record, actor_id):
    return next((a.name for a in record.actors if a.id == actor_id), None)


def test_threat_is_coded_with_direction_and_publication_date(anniversary):
    threats = [e for e in anniversary.events if e.plover.type == "THREATEN" and e.sentence == 0]
    assert threats, [(e.cameo, e.sentence) for e in anniversary.events]
    threat = threats[0]
    assert "Khamenei" in _name(anniversary, threat.source)
    assert "Trump" in _name(anniversary, threat.target)
    assert threat.date == "2022-01-05" and threat.aux == []
    assert _place(anniversary, threat.place) == "Tehran", "at a ceremony in Tehran, not Iran of Iran's leader"
    assert "threatened" in threat.evidence.text and threat.trigger.text == "threatened"


def test_historical_strike_has_its_own_date(anniversary):
    strikes = [e for e in anniversary.events if e.plover.type == "ASSAULT" and e.date == "2020-01-03"]
    assert len(strikes) == 1
    strike = strikes[0]
    assert strike.aux == ["historical"]
    assert _name(anniversary, strike.source) == "US"
    assert "Soleimani" in _name(anniversary, strike.target)
    assert strike.evidence.text.startswith("Soleimani was killed in a US drone strike")
    assert _place(anniversary, strike.place) == "Baghdad", "the place of the strike, not the striker's country"


def test_anniversary_does_not_date_the_killing_today(anniversary):
    """ "the second anniversary of the killing" is a time expression dating the anniversary, not the killing."""
    for event in anniversary.events:
        if event.plover.type == "ASSAULT" and "Soleimani" in (_name(anniversary, event.target) or ""):
            assert event.date not in ("2022-01-05", "2022-01-03")


def test_denied_attack_is_marked_negated(anniversary):
    denied = [e for e in anniversary.events if e.sentence == 3 and e.plover.type == "ASSAULT"]
    assert denied and all("negated" in e.aux for e in denied)


def test_events_are_unique_and_in_range(anniversary):
    keys = [(e.source, e.target, e.cameo, e.date, tuple(e.aux)) for e in anniversary.events]
    assert len(keys) == len(set(keys))
    for event in anniversary.events:
        assert anniversary.article.text[event.evidence.start : event.evidence.end] == event.evidence.text
        assert 0 <= event.confidence <= 1
        assert event.cameo_root == event.cameo[:2]


def test_unknown_method_is_a_one_line_error():
    with pytest.raises(TacitusError, match="events method"):
        EventStage(method="magic")


def test_missing_dictionary_is_a_one_line_error(tmp_path):
    with pytest.raises(TacitusError, match="E401"):
        EventStage(verbs=str(tmp_path / "nothing.txt"))


def test_code_cli_writes_events(tmp_path):
    out = run_cli("code", str(DATA / "soleimani_anniversary.txt"), "--published", "2022-01-05")
    assert out.returncode == 0, out.stderr.decode()
    record = json.loads(out.stdout.decode().splitlines()[0])
    assert any(e["plover"]["type"] == "THREATEN" for e in record["events"])


@needs_gold
def test_eval_events_prints_the_tables():
    from tacitus.evaluate import run_evaluation

    report = run_evaluation("events", GOLD, Settings(), limit=12)
    measures = {row.measure for row in report.rows}
    assert "GSR event type accuracy" in measures
    assert "PETRARCH expected triples produced" in measures
    assert {row.system for row in report.rows if row.measure == "GSR event type accuracy"} == {
        "patterns",
        "classifier",
        "combined",
    }
    assert any(m.strip().startswith("GSR type") for m in measures)
    assert any(m.strip().startswith("PETRARCH") and "DEMO" in m for m in measures)


def test_the_sentence_event_of_the_gsr_is_that_of_its_highest_clause(pipeline):
    from tacitus.document import facts
    from tacitus.evaluate.events import _primary

    text = "The PRC on Tuesday demanded that the US cancel plans to sell anti-tank weapons to Taiwan."
    doc = pipeline.nlp(pipeline.make_doc(Article(id="gsr", text=text, published="2000-01-01")))
    events = facts(doc, "events")
    # The sale is coded more confidently than the demand, but is what is demanded, two clauses down.
    assert {e.plover.type for e in events} >= {"REQUEST", "COOPERATE"}
    assert _primary(events, doc).plover.type == "REQUEST"


def test_threat_in_a_quotation_is_an_event_of_its_speaker(anniversary):
    speech = [e for e in anniversary.events if e.method == "speech"]
    assert speech, [(e.cameo, e.method) for e in anniversary.events]
    threat = speech[0]
    assert threat.plover.type == "THREATEN"
    assert "Khamenei" in _name(anniversary, threat.source)
    assert _name(anniversary, threat.target) == "Americans"
    assert threat.evidence.text.startswith("The Americans will face harsh revenge")
    # The threatened act is the threat's content, not an act of the Americans.
    assert not any(e.source == threat.target and e.sentence == threat.sentence for e in anniversary.events)


def test_a_verb_that_is_not_a_clause_of_its_own(pipeline):
    """Found by the quotes tests: "a statement saying ..." (a participle inside a noun phrase)."""
    text = (
        'The UAW issued a statement saying "The impacted workers find themselves facing uncertain futures." '
        '"We do not need to buy aircraft from Europe," Detik.com quoted Djamal as saying.'
    )
    record = pipeline.code_one(Article(id="uaw", text=text))
    for event in record.events:
        assert text[event.evidence.start : event.evidence.end] == event.evidence.text


@pytest.fixture(scope="module")
def wire(pipeline):
    text = (DATA / "events_wire_khamenei.txt").read_text(encoding="utf-8")
    return pipeline.code_one(Article(id="wire", text=text, published="2022-01-03"))


def test_wire_story_strike_is_one_event_in_baghdad(wire):
    """ "the drone strike that killed General Qassem Soleimani two years ago" and "Soleimani ... was killed ... in a
    US drone strike near Baghdad airport on January 3, 2020" are one killing, by the US, in Baghdad."""
    kills = [e for e in wire.events if e.plover.type == "ASSAULT" and "Soleimani" in (_name(wire, e.target) or "")]
    assert len(kills) == 1, [(e.source, e.target, e.date) for e in kills]
    assert _name(wire, kills[0].source) == "US" and kills[0].date == "2020-01-03"
    assert _place(wire, kills[0].place) == "Baghdad"
    assert not any("Soleimani" in (_name(wire, e.source) or "") for e in wire.events)


def test_wire_story_has_no_spurious_events(wire):
    triggers = {e.trigger.text for e in wire.events}
    assert not triggers & {"according", "Speaking", "pay"}, triggers
    assert not any(e.plover.type == "COOPERATE" for e in wire.events)
    for event in wire.events:
        assert event.evidence.text == event.evidence.text.strip()
        # "Iran's Supreme Leader", "US president", "US forces": an actor's country is not the event's place
        assert _place(wire, event.place) not in ("Iran", "United States"), (event.trigger.text, event.place)


def test_wire_story_unexpected_attack_is_not_asserted(wire):
    attacks = [
        e
        for e in wire.events
        if e.plover.type == "ASSAULT" and "did not expect" in wire.article.text[e.evidence.start - 40 : e.evidence.end]
    ]
    assert attacks and all({"hypothetical", "negated"} & set(e.aux) for e in attacks)
    assert all(e.date is None for e in attacks)


def test_wire_story_they_will_pay_is_khameneis_threat(wire):
    threats = [e for e in wire.events if e.plover.type == "THREATEN" and "would pay" in e.evidence.text]
    assert threats and all(_name(wire, e.target) == "killers" for e in threats)
    assert all("Khamenei" in _name(wire, e.source) for e in threats)
    assert threats[0].date == "2022-01-03"


def test_wire_story_threat_is_one_event_told_by_the_story_not_the_headline(wire):
    """The headline "Khamenei vows revenge on Trump" and the lead "... threatened former US president Donald Trump
    with retribution" report one threat: the lead's full sentence is its evidence, the dateline its place."""
    threats = [e for e in wire.events if e.plover.type == "THREATEN" and _name(wire, e.target) == "Donald Trump"]
    assert len(threats) == 1, [e.evidence.text for e in threats]
    assert "threatened former US president Donald Trump" in threats[0].evidence.text
    assert _place(wire, threats[0].place) == "Tehran" and threats[0].date == "2022-01-03"


def test_one_head_naming_two_actors_gives_an_event_for_each(pipeline):
    record = pipeline.code_one(Article(id="troops", text="Chinese and Indian troops attacked the rebels on Monday."))
    sources = {_name(record, e.source) for e in record.events if e.plover.type == "ASSAULT"}
    assert len(sources) == 2, sources


def test_petrarch_records_whose_parse_reads_other_words_are_told_apart():
    from tacitus.evaluate.events import parse_reads_text

    text = "The Calenardhon government condemned an attack."
    same = (
        "(ROOT (S (NP (DT The) (JJ Calenardhon) (NN government) ) (VP (VBD condemned) (NP (DT an) (NN attack) ) ) "
        "(. .) ) )"
    )
    other = same.replace("(NN government)", "(NN Congresses)")
    assert parse_reads_text({"text": text, "parse": same})
    assert not parse_reads_text({"text": text, "parse": other})
    assert parse_reads_text(
        {
            "text": "He said (twice) so.",
            "parse": "(S (PRP He) (VBD said) (-LRB- -LRB-) (RB twice) (-RRB- -RRB-) (RB so) (. .) )",
        }
    )


def test_an_act_done_to_a_place_targets_whom_it_stands_for(pipeline):
    text = "Turkish authorities have imposed a curfew in the town of Cizre after a demonstration."
    record = pipeline.code_one(Article(id="cizre", text=text, published="2000-01-01"))
    names = {a.id: a.name for a in record.actors}
    places = {p.id: p.name for p in record.places}
    (curfew,) = [e for e in record.events if e.cameo == "1723"]
    assert (names[curfew.source], names[curfew.target], places[curfew.place]) == ("Turkish authorities", "Cizre",
                                                                                   "Cizre")  # fmt: skip


def test_where_an_attack_happened_is_not_who_made_it(pipeline):
    text = "At least three Iraqi civilians have been killed in a suicide car bombing in central Baghdad, police said."
    record = pipeline.code_one(Article(id="bombing", text=text, published="2005-01-01"))
    (killing,) = [e for e in record.events if e.trigger.text == "killed"]
    assert killing.source is None


def test_refuge_sought_in_a_country_asks_that_country(pipeline):
    text = "Some 800,000 Iraqi Kurds sought refuge in Germany last month."
    record = pipeline.code_one(Article(id="refuge", text=text, published="1991-05-01"))
    names = {a.id: a.name for a in record.actors}
    assert [(names[e.source], names[e.target]) for e in record.events] == [("Kurds", "Germany")]


def test_a_warning_that_ones_own_state_will_strike_is_aimed_at_whom_it_strikes(pipeline):
    text = "Israel's foreign minister Gideon Saar warned that Israel would resume strikes on Gaza if the talks failed."
    record = pipeline.code_one(Article(id="warning", text=text, published="2025-03-03"))
    names = {a.id: a.name for a in record.actors}
    (threat,) = [e for e in record.events if e.plover.type == "THREATEN"]
    assert (names[threat.source], names.get(threat.target)) == ("Gideon Saar", "Gaza")


def test_a_headline_that_leaves_out_a_side_is_the_story_event_and_talks_in_a_city_are_no_actor(pipeline):
    text = (
        "Israel demands hostage release\n\nJERUSALEM, March 3 (Reuters) - Israel's foreign minister Gideon Saar on "
        "Monday demanded that Hamas release the remaining hostages and warned that Israel would resume strikes on "
        "Gaza if talks in Cairo failed."
    )
    record = pipeline.code_one(Article(id="headline", text=text, published="2025-03-03"))
    names = {a.id: a.name for a in record.actors}
    requests = [(names.get(e.source), names.get(e.target)) for e in record.events if e.plover.type == "REQUEST"]
    assert requests == [("Gideon Saar", "Hamas")]  # the headline's "Israel demands" is this demand, once
    assert not [e for e in record.events if names.get(e.source) == "Cairo"]  # talks in Cairo are not Cairo's
