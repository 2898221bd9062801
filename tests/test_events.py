"""The events stage: dictionary syntax, pattern matching on parses, arguments, modality, dates, dedup, records.

Most tests code a real spaCy parse with the actors given by hand (``doc._.token_actor``, the actors stage's
interface), so that they test the event logic whatever the actors stage finds; the last ones run the whole
pipeline on real article text.
"""

from __future__ import annotations

import pytest

from tacitus.events.codebook import codebook
from tacitus.events.coder import DEFAULT_NOMINALS, DEFAULT_SPEECH_CUES, EventCoder
from tacitus.events.dictionary import DEFAULT_VERBS, load_verb_dictionary, regular_forms
from tacitus.events.modality import is_historical
from tacitus.record import Article, Quote

from .conftest import GOLD, needs_gold


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder(DEFAULT_VERBS, DEFAULT_NOMINALS, DEFAULT_SPEECH_CUES)


@pytest.fixture(scope="module")
def nlp(pipeline):
    return pipeline.nlp


def parse(nlp, text: str, actors: dict[str, str], published: str = "2022-01-05", quotes=()):
    """Parse ``text`` with spaCy only, then mark actors by hand: {"surface words": "actor id"}."""
    with nlp.select_pipes(disable=[n for n in nlp.pipe_names if n.startswith("tacitus_")]):
        doc = nlp(text)
    doc._.article = Article(id="t", text=text, published=published)
    token_actor = {}
    for words, actor in actors.items():
        start = text.index(words)
        span = doc.char_span(start, start + len(words), alignment_mode="expand")
        token_actor.update((t.i, actor) for t in span)
    doc._.token_actor = token_actor
    doc._.quotes = list(quotes)
    return doc


def triples(codings) -> set[tuple]:
    return {(c.source, c.target, c.code) for c in codings}


# --- the dictionary ------------------------------------------------------------------------------------


def test_cameo_dictionary_reads_every_block_and_pattern():
    verbs = load_verb_dictionary(DEFAULT_VERBS)
    assert len(verbs.blocks) == 399  # the 397 of the Phoenix file and tacitus's SHORTEN and DEMOBILIZE
    assert verbs.pattern_count >= 4600  # 4,668 lines; PETRARCH too skips the few with undefined synonym sets
    kill = verbs.by_base["KILL"][0]
    assert kill.bare_code == "190"
    assert "SLAIN" in verbs.by_form and verbs.by_form["SLAIN"][0].word == "SLAY"


def test_multiword_verbs_and_reverse_codes():
    verbs = load_verb_dictionary(DEFAULT_VERBS)
    blow_up = [v for v in verbs.by_base["BLOW"] if v.after == ("UP",)]
    assert blow_up, "+BLOW_UP is read as BLOW followed by UP"
    visit = next(b for b in verbs.blocks if b.name == "VISIT")
    assert (visit.code, visit.reverse) == ("042", "043")


def test_regular_forms():
    assert regular_forms("CARRY") == ("CARRY", "CARRIES", "CARRIED", "CARRYING")
    assert regular_forms("RAISE") == ("RAISE", "RAISES", "RAISED", "RAISING")


@needs_gold
def test_validation_dictionary_synonym_sets_nest():
    verbs = load_verb_dictionary(str(GOLD / "petrarch_unittest" / "PETR.Validate.verbs.txt"))
    accord = next(b for b in verbs.blocks if b.name == "ACCORD")
    inching = next(p for p in accord.patterns if p.code == "083")
    phrases = inching.before[1].phrases
    assert ("CLOSER",) in phrases and ("MILITARY",) in phrases and ("DOLLARS",) in phrases


def test_codebook_codes_and_plover():
    book = codebook()
    kill = book.cameo("190")
    assert (kill.root, kill.quad_class, kill.goldstein) == ("19", 4, -10.0)
    assert book.plover("0231").type == "REQUEST"  # an appeal: our rule where CAMEO2PLOVER is silent
    assert book.plover("1712").type == "ASSAULT"
    assert book.plover("042").mode == "visit"
    assert book.cameo("0231").code == "0231"


def test_codebook_follows_the_plover_manual_where_the_table_contradicts_it():
    book = codebook()
    assert book.plover("0813").type == "CONCEDE"  # "the lifting of a curfew is, effectively, a promise"
    assert book.plover("0814").type == "CONCEDE"
    assert (book.plover("0831").type, book.plover("0831").mode) == ("RETREAT", "resign")


def test_tabari_complex_code_codes_no_event(tmp_path):
    path = tmp_path / "verbs.txt"
    path.write_text("---  RESTORE   [064]  ---\nRESTORE\n- * FXLL DIPLOMATIC  [+++]\n", encoding="utf-8")
    (pattern,) = load_verb_dictionary(path).blocks[0].patterns
    assert pattern.code == "---"


# --- coding ---------------------------------------------------------------------------------------------


def test_active_verb_with_object(nlp, coder):
    doc = parse(nlp, "Iranian forces attacked Israel on Monday.", {"Iranian forces": "irn", "Israel": "isr"})
    assert ("irn", "isr", "190") in triples(coder.code(doc))


def test_passive_with_agent_is_turned_around(nlp, coder):
    doc = parse(nlp, "The general was killed by American soldiers.", {"The general": "gen", "American soldiers": "usa"})
    assert ("usa", "gen", "190") in triples(coder.code(doc))


def test_passive_without_by_phrase_takes_the_strike_it_happened_in(nlp, coder):
    text = "Soleimani was killed in a US drone strike in Baghdad on January 3, 2020."
    doc = parse(nlp, text, {"Soleimani": "sol", "US": "usa"})
    codings = coder.code(doc)
    assert {(c.source, c.target) for c in codings} == {("usa", "sol")}
    assert codings[0].code[:2] == "19"


def test_compound_subject_gives_one_event_per_member(nlp, coder):
    text = "Fornost and Gondor welcomed the resumption of ties with Osgiliath."
    doc = parse(nlp, text, {"Fornost": "for", "Gondor": "gon", "Osgiliath": "osg"})
    found = {(c.source, c.target) for c in coder.code(doc)}
    assert {("for", "osg"), ("gon", "osg")} <= found


def test_reciprocal_compound_without_target(nlp, coder):
    doc = parse(nlp, "Israel and Hamas agreed to a ceasefire.", {"Israel": "isr", "Hamas": "ham"})
    found = {(c.source, c.target) for c in coder.code(doc)}
    assert found == {("isr", "ham"), ("ham", "isr")}


def test_pattern_with_prepositional_phrase(nlp, coder):
    doc = parse(nlp, "Kenyan police fired tear gas at protesters.", {"Kenyan police": "cop", "protesters": "opp"})
    codings = coder.code(doc)
    assert ("cop", "opp", "175") in triples(codings)
    assert codings[0].method == "pattern" and "TEAR GAS" in codings[0].pattern


def test_of_two_equal_patterns_the_one_nearer_the_verb_wins(nlp, coder):
    text = "Some 500,000 workers stopped work on the first day of an open-ended strike on Monday."
    doc = parse(nlp, text, {"Some 500,000 workers": "lab"})
    assert [c.code for c in coder.code(doc)] == ["143"]  # "* WORK" (a strike), not "* STRIKE" (calling one off)


def test_a_noun_in_a_phrase_of_cause_is_not_the_verbs_object(nlp, coder):
    text = "Russia closed its southern borders with Iran because of fighting between Azerbaijanis and Armenians."
    doc = parse(nlp, text, {"Russia": "rus", "Iran": "irn"})
    codes = {c.code for c in coder.code(doc)}
    assert codes and not any(code.startswith("087") for code in codes)  # not "ended the fighting"


def test_resignation_is_a_retreat(nlp, coder):
    doc = parse(nlp, "Georgian President Eduard Shevardnadze resigned on Sunday.", {"Eduard Shevardnadze": "geo"})
    (coding,) = coder.code(doc)
    assert coding.code == "0831" and codebook().plover(coding.code).type == "RETREAT"


def test_threat_to_attack_is_a_threat_not_an_attack(nlp, coder):
    doc = parse(nlp, "Iran threatened to attack Israel.", {"Iran": "irn", "Israel": "isr"})
    codes = {c.code[:2] for c in coder.code(doc)}
    assert codes == {"13"}


def test_reported_event_replaces_the_statement(nlp, coder):
    text = "Officials said Russian troops shelled Kharkiv."
    doc = parse(nlp, text, {"Officials": "off", "Russian troops": "rus", "Kharkiv": "ukr"})
    codings = coder.code(doc)
    assert triples(codings) == {("rus", "ukr", "194")} or {c.code[:2] for c in codings} == {"19"}
    assert all(c.source == "rus" for c in codings)


def test_negated_event_is_kept_but_marked(nlp, coder):
    doc = parse(nlp, "Iran did not attack Israel.", {"Iran": "irn", "Israel": "isr"})
    (coding,) = coder.code(doc)
    assert "negated" in coding.aux and coding.date is None


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Russia could retaliate against NATO.", "hypothetical"),
        ("Israel may attack Iran.", "hypothetical"),
        ("Iran will condemn Israel.", "future"),
    ],
)
def test_modality(nlp, coder, text, mode):
    names = {"Russia": "rus", "NATO": "nato", "Iran": "irn", "Israel": "isr", "Arnor": "arn", "Gondor": "gon"}
    doc = parse(nlp, text, {k: v for k, v in names.items() if k in text})
    codings = coder.code(doc)
    assert codings and all(mode in c.aux for c in codings)
    assert all(c.date is None for c in codings), "an event that has not happened has no date"


@pytest.mark.parametrize(
    ("text", "root"),
    [("Iran will attack Israel.", "13"), ("Norway is willing to send troops to Israel.", "03")],
)
def test_a_stated_intention_is_coded_as_one(nlp, coder, text, root):
    """CAMEO: "will attack" is a threat (13x), "is willing to send troops" an intent to cooperate (03x)."""
    doc = parse(nlp, text, {k: v for k, v in {"Iran": "irn", "Israel": "isr", "Norway": "nor"}.items() if k in text})
    codings = coder.code(doc)
    assert codings and all(c.code[:2] == root for c in codings)
    assert all(c.aux == [] and c.date == "2022-01-05" for c in codings), "the statement itself is asserted, now"


def test_historical_event_gets_its_own_date(nlp, coder):
    text = "Soleimani was killed in a US drone strike in Baghdad on January 3, 2020."
    doc = parse(nlp, text, {"Soleimani": "sol", "US": "usa"}, published="2022-01-05")
    from tacitus.record import Time

    span = doc.char_span(text.index("January"), text.index("2020") + 4)
    doc._.times = [Time(id="t1", text=span.text, start=span.start_char, end=span.end_char, type="DATE",
                        value="2020-01-03")]  # fmt: skip
    doc._.token_time = {t.i: "t1" for t in span}
    (coding,) = coder.code(doc)
    assert coding.date == "2020-01-03"
    assert "historical" in coding.aux


def test_present_event_takes_the_publication_date(nlp, coder):
    doc = parse(nlp, "Iranian forces attacked Israel.", {"Iranian forces": "irn", "Israel": "isr"})
    (coding,) = coder.code(doc)
    assert coding.date == "2022-01-05" and coding.aux == []


def test_is_historical():
    assert is_historical("2020-01-03", "2022-01-05")
    assert is_historical("2019", "2022-01-05")
    assert not is_historical("2022-01-03", "2022-01-05")
    assert not is_historical("2022", "2022-01-05")


def test_nominal_event(nlp, coder):
    text = "Tehran vowed to avenge the killing of Soleimani by the United States."
    doc = parse(nlp, text, {"Tehran": "irn", "Soleimani": "sol", "the United States": "usa"})
    assert ("usa", "sol", "190") in triples(coder.code(doc))


def test_nominal_without_a_victim_is_not_an_event(nlp, coder):
    text = "The government condemned an attack by Osgiliath soldiers in south Ithilen."
    doc = parse(nlp, text, {"The government": "gov", "Osgiliath soldiers": "osg", "Ithilen": "ith"})
    codings = coder.code(doc)
    assert ("gov", "osg") in {(c.source, c.target) for c in codings}
    assert not any(c.method == "nominal" for c in codings)


def test_speech_event_from_a_quotation(nlp, coder):
    text = 'Khamenei said: "The Americans will face harsh revenge for this crime."'
    start = text.index('"') + 1
    quote = Quote(id="q1", speaker="kha", speaker_text="Khamenei", cue="said", text=text[start:-2], start=start,
                  end=len(text) - 2, kind="direct")  # fmt: skip
    doc = parse(nlp, text, {"Khamenei": "kha", "Americans": "usa"}, quotes=[quote])
    codings = coder.code(doc)
    assert any(c.source == "kha" and c.target == "usa" and c.method == "speech" for c in codings)
    speech = next(c for c in codings if c.method == "speech")
    assert speech.code[:2] == "13"
    assert doc[speech.evidence[0] : speech.evidence[1]].text.startswith("The Americans")


def test_same_interaction_twice_is_one_event(nlp, coder):
    text = "Iranian forces attacked Israel. Iranian forces attacked Israel again."
    doc = parse(nlp, text, {"Iranian forces": "irn", "Israel": "isr"})
    assert len(coder.code(doc)) == 1


def test_no_event_across_unrelated_sentences(nlp, coder):
    doc = parse(nlp, "Iran held elections. Israel was attacked.", {"Iran": "irn", "Israel": "isr"})
    attacks = [c for c in coder.code(doc) if c.sentence == 1]
    assert attacks and all(c.source is None and c.target == "isr" for c in attacks)


# Round 2: faults seen on a wire story (tests/data/events_wire_khamenei.txt) -------------------------------------


def test_relative_clause_victim_is_not_the_strikes_actor(nlp, coder):
    text = "Khamenei threatened Trump with retribution for the drone strike that killed General Qassem Soleimani."
    doc = parse(nlp, text, {"Khamenei": "kha", "Trump": "usa", "General Qassem Soleimani": "sol"})
    kills = [c for c in coder.code(doc) if c.code[:2] == "19"]
    assert kills and all(c.source != "sol" and c.target == "sol" for c in kills)


@pytest.mark.parametrize(
    "text",
    ["Khamenei said the killers would pay.", "Khamenei warned that the killers would pay a heavy price."],
)
def test_they_will_pay_is_a_threat_not_a_payment(nlp, coder, text):
    doc = parse(nlp, text, {"Khamenei": "kha", "the killers": "kil"})
    codings = coder.code(doc)
    assert not any(c.code.startswith("06") for c in codings), triples(codings)
    assert ("kha", "kil", "138") in triples(codings)


def test_payment_is_still_cooperation(nlp, coder):
    doc = parse(nlp, "Germany paid 5 million dollars to Ukraine.", {"Germany": "deu", "Ukraine": "ukr"})
    assert any(c.code.startswith("06") and c.source == "deu" for c in coder.code(doc))


def test_according_to_is_not_an_event(nlp, coder):
    text = "Iraqi officials met the envoy, according to state media."
    doc = parse(nlp, text, {"Iraqi officials": "irq", "the envoy": "env", "state media": "med"})
    assert not any("med" in (c.source, c.target) for c in coder.code(doc))


def test_circumstance_of_a_statement_is_not_another_statement(nlp, coder):
    text = "Speaking at a ceremony marking the anniversary of Soleimani's death, Khamenei said the killers would pay."
    doc = parse(nlp, text, {"Soleimani": "sol", "Khamenei": "kha", "the killers": "kil"})
    codings = coder.code(doc)
    assert not any(c.target == "sol" for c in codings), triples(codings)


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Iraqi officials said they did not expect attacks on US forces.", "hypothetical"),
        ("Iraq denied attacks on US forces.", "negated"),
        ("Iraqi militias did not launch attacks on US forces.", "negated"),
    ],
)
def test_an_expected_or_denied_attack_is_not_asserted(nlp, coder, text, mode):
    subject = text.split(" ")[0] if text.startswith("Iraq ") else " ".join(text.split(" ")[:2])
    doc = parse(nlp, text, {subject: "irq", "US forces": "usa"})
    attacks = [c for c in coder.code(doc) if c.code[:2] in ("18", "19") and c.target == "usa"]
    assert attacks and all(mode in c.aux for c in attacks)


def test_coarse_and_precise_dates_of_one_event_merge():
    """ "the strike that killed X two years ago" (2020) and "X was killed ... on January 3, 2020": one killing."""
    from tacitus.events.coder import Coding, deduplicate

    coarse = Coding("190", None, "sol", 1, (5, 6), (0, 9), "verb", date="2020", confidence=0.45)
    precise = Coding("190", "usa", "sol", 3, (40, 41), (30, 50), "verb", date="2020-01-03", confidence=0.7)
    other_year = Coding("190", None, "sol", 4, (60, 61), (55, 70), "verb", date="2019", confidence=0.45)
    kept = deduplicate([coarse, precise, other_year])
    assert [(c.source, c.date) for c in kept] == [("usa", "2020-01-03"), (None, "2019")]


def test_a_headline_event_joins_the_story_event_its_short_names_stand_for():
    """ "Mali junta expels French ambassador" is the story's "Mali's military government ordered the French
    ambassador to leave": the headline's actor code (MLIGOV) is refined by the story's (MLIGOVMIL)."""
    from tacitus.events.coder import Coding, deduplicate

    headline = Coding("174", "junta", "envoy", 0, (2, 3), (0, 5), "verb", date="2022-01-31", confidence=0.9)
    story = Coding("174", "government", "envoy", 2, (20, 21), (15, 30), "verb", date="2022-01-31", confidence=0.9)
    other = Coding("174", "france", "envoy", 3, (40, 41), (35, 50), "verb", date="2022-01-31", confidence=0.9)
    codes = {"junta": "MLIGOV", "government": "MLIGOVMIL", "france": "FRAGOV", "envoy": "FRAGOV"}
    assert [c.sentence for c in deduplicate([headline, story], {0}, codes)] == [2]
    assert [c.sentence for c in deduplicate([headline, other], {0}, codes)] == [0, 3]
    assert [c.sentence for c in deduplicate([headline, story], set(), codes)] == [0, 2], "only headlines"


@pytest.mark.parametrize(
    "text", ["Gondor and Rohan agreed to hold joint exercises.", "Gondor and Rohan agreed upon a trade pact."]
)
def test_agreeing_to_do_something_is_an_intention_to_cooperate(nlp, coder, text):
    doc = parse(nlp, text, {"Gondor": "gon", "Rohan": "roh"})
    codes = {c.code for c in coder.code(doc)}
    assert codes and all(code.startswith("03") for code in codes), codes


def test_aim_of_a_protest_does_not_outrank_the_protest(nlp, coder):
    text = "Thousands of Gondorian students staged demonstrations to demand reforms from the Gondor government."
    doc = parse(nlp, text, {"Gondorian students": "stu", "the Gondor government": "gov"})
    best = max(coder.code(doc), key=lambda c: c.confidence)
    assert best.code.startswith("14"), [(c.code, c.confidence) for c in coder.code(doc)]


def test_reported_offer_is_an_intention_of_its_subject(nlp, coder):
    text = "Rohan is ready to contribute 4,000 troops to the force in Gondor, the minister said."
    start, end = 0, text.index(", the minister")
    quote = Quote(id="q1", speaker="min", speaker_text="the minister", cue="said", text=text[start:end], start=start,
                  end=end, kind="indirect")  # fmt: skip
    doc = parse(nlp, text, {"Rohan": "roh", "the minister": "min", "Gondor": "gon"}, quotes=[quote])
    assert any(c.source == "roh" and c.code.startswith("03") for c in coder.code(doc))


def test_speech_act_targets_who_undergoes_it_once(nlp, coder):
    """A long quotation names many actors in passing: its threat has one target, who is threatened."""
    text = 'Rohan said: "Theoden issued an order that Gondor and Mordor must be punished."'
    start = text.index('"') + 1
    quote = Quote(id="q1", speaker="roh", speaker_text="Rohan", cue="said", text=text[start:-2], start=start,
                  end=len(text) - 2, kind="direct")  # fmt: skip
    doc = parse(nlp, text, {"Rohan": "roh", "Theoden": "the", "Gondor": "gon", "Mordor": "mor"}, quotes=[quote])
    speech = [c for c in coder.code(doc) if c.method == "speech"]
    assert [(c.source, c.target) for c in speech] == [("roh", "gon")]
    assert "negated" not in speech[0].aux


def test_a_not_in_a_condition_does_not_negate_the_threat(nlp, coder):
    text = 'Rohan said: "If Mordor does not stop, we will destroy its army."'
    start = text.index('"') + 1
    quote = Quote(id="q1", speaker="roh", speaker_text="Rohan", cue="said", text=text[start:-2], start=start,
                  end=len(text) - 2, kind="direct")  # fmt: skip
    doc = parse(nlp, text, {"Rohan": "roh", "Mordor": "mor"}, quotes=[quote])
    threats = [c for c in coder.code(doc) if c.source == "roh" and c.code.startswith("13")]
    assert threats and all("negated" not in c.aux for c in threats)


def test_rejecting_an_invitation_is_a_rejection_not_a_meeting(nlp, coder):
    text = "Iran rejected an invitation to attend talks with the European Union next week."
    doc = parse(nlp, text, {"Iran": "irn", "the European Union": "eu"})
    codings = coder.code(doc)
    best = max(codings, key=lambda c: c.confidence)
    assert best.code.startswith("12") and best.source == "irn", triples(codings)
    assert all("hypothetical" in c.aux for c in codings if c.code.startswith("04"))


def test_conditional_withdrawal_is_a_threat(nlp, coder):
    text = "Nigeria said it will withdraw its soldiers from Chad unless the rebels agree to a ceasefire."
    doc = parse(nlp, text, {"Nigeria": "nga", "its soldiers": "ngamil", "Chad": "tcd", "the rebels": "reb"})
    assert any(c.code.startswith("13") for c in coder.code(doc)), triples(coder.code(doc))


def test_sworn_to_fight_is_a_threat(nlp, coder):
    text = "Rebels in the north have sworn to fight the army until they control the border villages."
    doc = parse(nlp, text, {"Rebels": "reb", "the army": "mil"})
    codes = {(c.source, c.target, c.code[:2]) for c in coder.code(doc)}
    assert ("reb", "mil", "13") in codes and not any(code == "19" for _s, _t, code in codes), codes


def test_demonstration_in_a_city_is_aimed_where_its_demand_is(nlp, coder):
    text = "Thousands of Kurds demonstrated in the city of Kirkuk on Sunday calling for independence from Iraq."
    doc = parse(nlp, text, {"Kurds": "kur", "Kirkuk": "kir", "Iraq": "irq"})
    doc._.token_place = {i: "p1" for i in range(len(doc)) if doc[i].text == "Kirkuk"}
    codings = coder.code(doc)
    best = max(codings, key=lambda c: c.confidence)
    assert best.code.startswith("14") and (best.source, best.target) == ("kur", "irq"), triples(codings)
    assert not any(c.target == "kir" for c in codings)


@pytest.mark.parametrize(
    ("text", "actors", "expected"),
    [
        # the target is the object of the infinitive the pattern spans
        ("Rohan signed an accord on Thursday to supply Gondor with wheat.", {"Rohan": "roh", "Gondor": "gon"},
         ("roh", "gon")),
        # "off" taken by the parser for a preposition
        ("Soldiers from Gondor cordoned off the roads leading into Mordor.",
         {"Soldiers from Gondor": "gon", "Mordor": "mor"}, ("gon", "mor")),
        # the phrase hangs on an adverb of the verb
        ("Gondor soldiers marched very close to the border with Mordor.", {"Gondor soldiers": "gon", "Mordor": "mor"},
         ("gon", "mor")),
    ],
)  # fmt: skip
def test_targets_beyond_the_verbs_own_object(nlp, coder, text, actors, expected):
    doc = parse(nlp, text, actors)
    assert expected in {(c.source, c.target) for c in coder.code(doc)}, triples(coder.code(doc))


@pytest.mark.parametrize(
    "text",
    [
        "Amnesty International demanded that the Sudanese government end curbs on press freedom.",
        "Washington demanded that Hamas renounce its armed struggle against Israel.",
    ],
)
def test_a_preposition_in_a_that_clause_is_not_the_demands_pattern(nlp, coder, text):
    """The DEMAND block's "* ON" (press on: attack) and "* (AGAINST)" (campaign against) are the demanding verb's
    own phrases, not phrases of the clause that says what is demanded."""
    subject = "Amnesty International" if text.startswith("Amnesty") else "Washington"
    target = "the Sudanese government" if subject.startswith("Amnesty") else "Hamas"
    doc = parse(nlp, text, {subject: "src", target: "tgt"})
    codes = {c.code for c in coder.code(doc) if c.source == "src"}
    assert codes and all(code.startswith("10") for code in codes), codes


def test_warning_that_allies_will_act_does_not_target_the_allies(nlp, coder):
    text = "Qaani warned that the Resistance front would avenge the general."
    doc = parse(nlp, text, {"Qaani": "qaa", "the Resistance front": "res", "the general": "gen"})
    assert not any(c.target == "res" for c in coder.code(doc)), triples(coder.code(doc))


def test_caret_skips_the_next_noun_phrase(nlp, tmp_path):
    # TABARI's "^": "* AT ^ +" skips the phrase after AT; the target is the next actor ("^ ^": two phrases).
    verbs = tmp_path / "verbs.txt"
    verbs.write_text("--- WARN  [160] ---\nWARN\n- * AT ^ +  [162]\n\n--- CELEBRATE  [181] ---\nCELEBRATE\n"
                     "- * IFTAR AT ^ ^ +  [044]\n", encoding="utf-8")  # fmt: skip
    coder = EventCoder(str(verbs))
    text = "The Danish government warned at the Kremlin of the president of Belarus."
    doc = parse(nlp, text, {"The Danish government": "dnk", "Kremlin": "rus", "the president of Belarus": "blr"})
    assert triples(coder.code(doc)) == {("dnk", "blr", "162")}
    text = "Jordan has celebrated Iftar at Amman with the parliament of Egypt."
    doc = parse(nlp, text, {"Jordan": "jor", "Amman": "amm", "Egypt": "egy"})
    assert triples(coder.code(doc)) == {("jor", "egy", "044")}


def test_four_coordinated_sources_and_two_targets_give_eight_events(nlp, coder):
    text = "The United States, Britain, France and Germany condemned Russia and Belarus."
    names = {"The United States": "usa", "Britain": "gbr", "France": "fra", "Germany": "deu", "Russia": "rus",
             "Belarus": "blr"}  # fmt: skip
    doc = parse(nlp, text, names)
    found = {(c.source, c.target) for c in coder.code(doc)}
    assert found == {(s, t) for s in ("usa", "gbr", "fra", "deu") for t in ("rus", "blr")}


def test_a_name_that_stands_for_two_actors_is_the_target_of_both(nlp, coder):
    text = "Egypt welcomed the resumption of ties with the Gulf states."
    doc = parse(nlp, text, {"Egypt": "egy", "the Gulf states": "sau"})
    states = next(t for t in doc if t.text == "states")
    doc._.head_actors = {states.i: ["sau", "are"]}
    assert {(c.source, c.target) for c in coder.code(doc)} == {("egy", "sau"), ("egy", "are")}


def test_a_name_coordinated_with_the_place_of_a_noun_is_not_an_actor_of_its_own(nlp):
    from spacy.tokens import Doc

    from tacitus.events.arguments import coordinated

    # The parse the parser sometimes gives: "Serbia" coordinated with "Lawmakers". Like joins like: it belongs to
    # "in Kosovo and Serbia"; a common noun coordinated with the subject ("and officials") still counts.
    words = ["Lawmakers", "and", "officials", "in", "Kosovo", "and", "Serbia", "welcomed", "talks"]
    heads = [7, 0, 0, 0, 3, 0, 0, 7, 7]
    deps = ["nsubj", "cc", "conj", "prep", "pobj", "cc", "conj", "ROOT", "dobj"]
    pos = ["NOUN", "CCONJ", "NOUN", "ADP", "PROPN", "CCONJ", "PROPN", "VERB", "NOUN"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert [t.text for t in coordinated(doc[0])] == ["Lawmakers", "officials"]
    doc = Doc(nlp.vocab, words=["Police", "and", "Kenya"], heads=[0, 0, 0], deps=["ROOT", "cc", "conj"],
              pos=["NOUN", "CCONJ", "PROPN"])  # fmt: skip
    assert [t.text for t in coordinated(doc[0])] == ["Police", "Kenya"]


def test_a_reported_passive_without_agent_is_not_the_reporters_act(nlp, coder):
    text = "Ukrainian officials said 54 civilians were killed in Kharkiv."
    doc = parse(nlp, text, {"Ukrainian officials": "ukr", "civilians": "cvl"})
    assert not [c for c in coder.code(doc) if c.source == "ukr"]


def test_a_subject_the_parser_split_in_two_is_one_compound(nlp, coder):
    # The parser gives "welcomed" two subjects, "Wolves" and "Gondor".
    text = (
        "Wolves, bears, and Gondor welcomed a resumption of formal diplomatic ties with Osgiliath after a rift, "
        "the agency said."
    )
    doc = parse(nlp, text, {"Gondor": "gon", "Osgiliath": "osg", "the agency": "med"})
    assert ("gon", "osg") in {(c.source, c.target) for c in coder.code(doc)}


@pytest.mark.parametrize(
    "text",
    ["The French troops halted their march towards the border with Mali.",
     "The French army withdrew their troops from Mali."],
)  # fmt: skip
def test_an_object_that_is_the_sources_own_leaves_the_target_to_a_phrase(nlp, coder, text):
    subject = text.split(" halted")[0].split(" withdrew")[0]
    doc = parse(nlp, text, {subject: "src", "their": "src", "Mali": "mli"})
    assert {(c.source, c.target) for c in coder.code(doc)} == {("src", "mli")}


def test_cameo_event_nouns_and_speech_cues_are_not_mixed_into_another_code_system(nlp, tmp_path):
    verbs = tmp_path / "verbs.txt"
    verbs.write_text("--- WARN  [9160] ---\nWARN\n\n--- ATTACK  [9223] ---\nATTACK\n", encoding="utf-8")
    mixed = EventCoder(str(verbs), DEFAULT_NOMINALS, DEFAULT_SPEECH_CUES)
    assert not mixed.nominals and not mixed.speech_cues
    text = "The killing of the general by Iraqi militias was condemned."
    doc = parse(nlp, text, {"the general": "gen", "Iraqi militias": "irq"})
    assert not [c for c in mixed.code(doc) if c.method == "nominal"]
    cameo = EventCoder(DEFAULT_VERBS, DEFAULT_NOMINALS, DEFAULT_SPEECH_CUES)
    assert cameo.nominals and cameo.speech_cues


def test_a_compound_slot_is_the_other_side_of_a_subject_actor(nlp, tmp_path):
    verbs = tmp_path / "verbs.txt"
    verbs.write_text("--- AGREE  [030] ---\nAGREE\n- * WITH %  [031]\n", encoding="utf-8")
    coder = EventCoder(str(verbs))
    text = "Kenya agrees with Uganda and Tanzania that the dispute should be settled."
    doc = parse(nlp, text, {"Kenya": "ken", "Uganda": "uga", "Tanzania": "tza"})
    assert triples(coder.code(doc)) == {("ken", "uga", "031"), ("ken", "tza", "031")}
    # Without an actor of its own on the other side, the compound's members are each other's partners.
    text = "The delegates agreed with Uganda and Tanzania that the dispute should be settled."
    doc = parse(nlp, text, {"Uganda": "uga", "Tanzania": "tza"})
    assert triples(coder.code(doc)) == {("uga", "tza", "031"), ("tza", "uga", "031")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Criticized by Iran, the Iraqi government recalled its envoy.", ("irn", "irq")),
     ("Having criticized Iran, the Iraqi government recalled its envoy.", ("irq", "irn"))],
)  # fmt: skip
def test_a_bare_participle_opening_a_clause_is_passive(nlp, coder, text, expected):
    doc = parse(nlp, text, {"Iran": "irn", "the Iraqi government": "irq"})
    assert {(c.source, c.target) for c in coder.code(doc) if c.code[:2] == "11"} == {expected}


def test_a_show_of_force_is_not_aimed_at_the_forces_it_deploys(nlp, coder):
    text = "The Kenyan government is increasing police patrols in Mombasa."
    doc = parse(nlp, text, {"The Kenyan government": "gov", "police": "cop"})
    assert triples(coder.code(doc)) == {("gov", None, "150")}  # CAMEO 150, not a threat (130) to the police
    doc = parse(nlp, "Kenya increased its troops in Somalia.", {"Kenya": "ken", "its troops": "mil"})
    assert {(c.source, c.target) for c in coder.code(doc)} == {("ken", None)}


@pytest.mark.parametrize(
    "text",
    ["Kenya paid a heavy price for its intervention in Somalia.",
     "Kenya paid dearly for its support of Somalia.",
     "Kenya must pay attention to Somalia."],
)  # fmt: skip
def test_pay_in_an_idiom_is_no_payment(nlp, coder, text):
    doc = parse(nlp, text, {"Kenya": "ken", "Somalia": "som"})
    assert not [c for c in coder.code(doc) if c.code.startswith("06")]


def test_a_payment_is_still_a_payment(nlp, coder):
    doc = parse(nlp, "The Somali government paid Kenya for the electricity.", {"The Somali government": "som",
                                                                              "Kenya": "ken"})  # fmt: skip
    assert triples(coder.code(doc)) == {("som", "ken", "061")}


@pytest.mark.parametrize(
    "text",
    ["Khamenei said the United States is going to pay for the killing.",
     "Khamenei said Iran will make the United States pay."],
)  # fmt: skip
def test_going_to_pay_and_make_them_pay_are_threats(nlp, coder, text):
    names = {"Khamenei": "kha", "Iran": "irn", "the United States": "usa"}
    doc = parse(nlp, text, {words: actor for words, actor in names.items() if words in text})
    assert ("kha", "usa", "138") in triples(coder.code(doc))
    assert not [c for c in coder.code(doc) if c.code.startswith("04")]  # "going" is no journey


def test_going_to_a_place_is_still_a_journey(nlp, coder):
    doc = parse(nlp, "The Kenyan president is going to Somalia for talks.", {"The Kenyan president": "ken",
                                                                              "Somalia": "som"})  # fmt: skip
    assert ("ken", "som", "042") in triples(coder.code(doc))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Russia stepped up its attacks on Ukraine.", {("rus", "ukr", "19")}),  # the attacks happen: no threat
     ("Russia increased fuel prices.", set()),  # intensifying says nothing of its own
     ("China boosted economic relations with Ukraine.", {("rus", "ukr", "06")})],
)  # fmt: skip
def test_an_intensifying_verb_is_the_event_of_what_it_intensifies(nlp, coder, text, expected):
    text = text.replace("China", "Russia")
    doc = parse(
        nlp, text, {words: actor for words, actor in {"Russia": "rus", "Ukraine": "ukr"}.items() if words in text}
    )
    assert {(c.source, c.target, c.code[:2]) for c in coder.code(doc)} == expected


def test_a_claim_is_a_statement_not_a_disapproval(nlp, coder):
    doc = parse(nlp, "Uganda claims Kenya is hiding weapons.", {"Uganda": "uga", "Kenya": "ken"})
    assert not [c for c in coder.code(doc) if c.code.startswith("11")]
    doc = parse(nlp, "Hamas claimed responsibility for the attack on Israel.", {"Hamas": "ham", "Israel": "isr"})
    assert ("ham", "isr", "015") in triples(coder.code(doc))  # the patterns of "claim" stand


def test_an_incomplete_event_of_a_temporal_clause_is_background_to_the_news(nlp, coder):
    from tacitus.record import Actor

    text = "Egypt restored full diplomatic ties with Iran almost five years after crowds burned down its embassy."
    names = {"Egypt": "egy", "Iran": "irn", "crowds": "crowd", "its embassy": "embassy"}
    doc = parse(nlp, text, names)
    codes = {"egy": "EGY", "irn": "IRN", "crowd": "IRNCVL", "embassy": None}  # the embassy's owner is not known
    doc._.actors = [Actor(id=actor, name=actor, code=codes[actor]) for actor in names.values()]
    assert {(c.source, c.target) for c in coder.code(doc)} == {("egy", "irn")}
    # Alone in its sentence, the same event is reported.
    text = "Crowds burned down its embassy after the elections."
    doc = parse(nlp, text, {"Crowds": "crowd", "its embassy": "embassy"})
    doc._.actors = [Actor(id="crowd", name="crowds", code="IRNCVL"), Actor(id="embassy", name="embassy")]
    assert {(c.source, c.target) for c in coder.code(doc)} == {("crowd", "embassy")}


def test_an_actor_does_not_act_on_itself_when_its_mentions_are_two_actors(nlp, coder):
    from tacitus.record import Actor

    # "Somalia" twice, left as two actors by the actors stage: no Somalia -> Somalia event.
    text = "Talks between Kenya and Somalia may spur reconciliation between Ethiopia and Somalia."
    doc = parse(nlp, text, {"Kenya": "ken", "Ethiopia": "eth"})
    first, second = [t.i for t in doc if t.text == "Somalia"]
    doc._.token_actor.update({first: "som1", second: "som2"})
    named = {
        "ken": ("Kenya", "KEN"),
        "eth": ("Ethiopia", "ETH"),
        "som1": ("Somalia", "SOM"),
        "som2": ("Somalia", "SOM"),
    }
    doc._.actors = [Actor(id=actor, name=name, code=code) for actor, (name, code) in named.items()]
    pairs = {(c.source, c.target) for c in coder.code(doc)}
    assert pairs and not {("som1", "som2"), ("som2", "som1")} & pairs


@pytest.mark.parametrize(
    ("text", "source"),
    [("Kenya abandoned plans to attack the Somali army.", "ken"),
     ("Ethiopia welcomed Kenya's decision to attack Somalia.", "ken")],
)  # fmt: skip
def test_the_subject_of_an_infinitive_after_a_noun_is_who_would_act(nlp, coder, text, source):
    names = {"Kenya": "ken", "Ethiopia": "eth", "Somalia": "som", "the Somali army": "som"}
    doc = parse(nlp, text, {words: actor for words, actor in names.items() if words in text})
    assert ("ken", "som", "190") in triples(coder.code(doc))  # not the army attacking: it is the object


def test_ordering_someone_to_leave_the_country_is_an_expulsion(nlp, coder):
    # The dictionary's "* (TO LEAVE)": its "to" is that of an infinitive, not a preposition.
    text = "The Kenyan government ordered the Ugandan envoy to leave the country within two days."
    doc = parse(nlp, text, {"The Kenyan government": "gov", "the Ugandan envoy": "env"})
    assert triples(coder.code(doc)) == {("gov", "env", "174")}


def test_a_patterns_noun_in_the_subject_of_a_reported_clause_does_not_match(nlp, coder):
    text = "The Ugandan minister said Kenya's new measures were reckless."
    doc = parse(nlp, text, {"The Ugandan minister": "uga", "Kenya": "ken"})
    assert not [c for c in coder.code(doc) if c.pattern and "MEASURES" in c.pattern]
    # As the verb's own object, the same noun is the pattern's.
    doc = parse(nlp, "Uganda announced measures against Kenya.", {"Uganda": "uga", "Kenya": "ken"})
    assert ("uga", "ken", "130") in triples(coder.code(doc))


def test_the_subject_of_a_reported_clause_is_not_the_target_of_the_statement(nlp, coder):
    text = "The Ugandan president said on Monday that Kenya would not stay in Somalia."
    doc = parse(nlp, text, {"The Ugandan president": "pres", "Kenya": "ken", "Somalia": "som"})
    assert not [c for c in coder.code(doc) if c.source == "pres" and c.target == "ken"]


@pytest.mark.parametrize(
    "text",
    ["The Ugandan envoy was summoned on Monday and notified of the decision of the Kenyan government.",
     "The Ugandan envoy was arrested on Monday and released on Tuesday."],
)  # fmt: skip
def test_a_participle_sharing_a_passive_auxiliary_is_passive(nlp, coder, text):
    names = {"The Ugandan envoy": "env", "the Kenyan government": "gov"}
    doc = parse(nlp, text, {words: actor for words, actor in names.items() if words in text})
    codings = coder.code(doc)
    assert codings and all(c.target == "env" and c.source != "env" for c in codings)


def test_a_crowd_gathering_with_no_one_to_meet_is_no_consultation(nlp, coder):
    text = "Thousands of protesters gathered in Nairobi on Friday."
    doc = parse(nlp, text, {"Thousands of protesters": "cvl"})
    assert not [c for c in coder.code(doc) if c.code.startswith("04")]
    doc = parse(nlp, "Kenya and Uganda met in Nairobi on Friday.", {"Kenya": "ken", "Uganda": "uga"})
    assert triples(coder.code(doc)) == {("ken", "uga", "040"), ("uga", "ken", "040")}
    # A journey names where it went, not whom it met: still reported.
    doc = parse(nlp, "The Ugandan president arrived in Nairobi on Friday.", {"The Ugandan president": "uga"})
    assert [c for c in coder.code(doc) if c.code.startswith("04")]


@pytest.mark.parametrize("verb", ["urged", "called on", "asked"])
def test_an_appeal_to_do_something_is_coded_as_the_appeal(nlp, coder, verb):
    text = f"The United Nations office {verb} the Kenyan authorities to investigate the killings."
    doc = parse(nlp, text, {"The United Nations office": "un", "the Kenyan authorities": "ken"})
    codings = coder.code(doc)
    assert {(c.source, c.target) for c in codings if c.code.startswith("02")} == {("un", "ken")}
    assert not [c for c in codings if c.source == "ken"]  # the investigation is asked for, not done


@pytest.mark.parametrize(
    ("quoted", "expected"),
    [("The police treat us like criminals.", "cop"),
     ("They treat us like criminals.", None)],
)  # fmt: skip
def test_the_noun_of_a_comparison_is_not_the_target_of_an_accusation(nlp, coder, quoted, expected):
    text = f'The union leader said: "{quoted}"'
    start = text.index('"') + 1
    quote = Quote(id="q1", speaker="lab", speaker_text="The union leader", cue="said", text=text[start:-1],
                  start=start, end=len(text) - 1, kind="direct")  # fmt: skip
    names = {"The union leader": "lab", "The police": "cop", "criminals": "crm"}
    doc = parse(nlp, text, {words: actor for words, actor in names.items() if words in text}, quotes=[quote])
    speech = [c for c in coder.code(doc) if c.method == "speech"]
    assert [(c.source, c.target, c.code) for c in speech] == [("lab", expected, "112")]


@pytest.mark.parametrize(
    "text",
    ["Kenyan troops intervened in the region to drive back the rebels.",
     "Kenyan troops intervened in the region to fight the rebels.",
     "Kenyan troops intervened in the region to crush the rebels."],
)  # fmt: skip
def test_an_intervention_aimed_at_force_against_fighters_is_no_aid_to_them(nlp, coder, text):
    doc = parse(nlp, text, {"Kenyan troops": "ken", "the rebels": "reb"})
    towards = {c.code for c in coder.code(doc) if c.target == "reb"}
    assert towards and all(codebook().cameo(code).quad_class == 4 for code in towards)


def test_an_intervention_to_help_is_still_aid(nlp, coder):
    doc = parse(nlp, "Kenyan troops intervened to help the Somali government.", {"Kenyan troops": "ken",
                "the Somali government": "som"})  # fmt: skip
    assert {c.code[:2] for c in coder.code(doc) if (c.source, c.target) == ("ken", "som")} == {"07"}


def test_driving_back_to_a_place_is_no_use_of_force(nlp, coder):
    doc = parse(nlp, "The Kenyan army drove back to Nairobi.", {"The Kenyan army": "ken", "Nairobi": "gov"})
    assert not coder.code(doc)


def test_inviting_an_envoy_to_leave_is_an_expulsion(nlp, coder):
    text = "The Kenyan government invited the Ugandan envoy to leave the national territory."
    doc = parse(nlp, text, {"The Kenyan government": "gov", "the Ugandan envoy": "env"})
    assert triples(coder.code(doc)) == {("gov", "env", "174")}


def test_a_meeting_whose_aim_is_a_complaint_is_the_complaint(nlp, coder):
    text = "The Kenyan minister summoned the Ugandan ambassador to complain of inaction over the raids."
    doc = parse(nlp, text, {"The Kenyan minister": "ken", "the Ugandan ambassador": "uga"})
    assert triples(coder.code(doc)) == {("ken", "uga", "114")}  # CAMEO: complain officially


def test_the_to_of_an_infinitive_is_no_destination(nlp, coder):
    # "* TO" and "* (TO)" (HEAD: "headed to X") are destinations; ordering someone to act is a demand (ORDER: 100).
    text = "The Kenyan government ordered the Ugandan officials to explain the remarks."
    doc = parse(nlp, text, {"The Kenyan government": "gov", "the Ugandan officials": "uga"})
    assert triples(coder.code(doc)) == {("gov", "uga", "100")}


def test_a_phrase_that_says_when_is_not_a_patterns_phrase(nlp, coder):
    # "* (ON)" is "called on X" (an appeal, 020); "on Tuesday" only dates the call (041).
    text = "The Kenyan president telephoned the Ugandan president on Tuesday."
    doc = parse(nlp, text, {"The Kenyan president": "ken", "the Ugandan president": "uga"})
    assert {c.code for c in coder.code(doc)} == {"041"}


def test_sanctions_are_plover_sanction_as_the_manual_says_not_the_tables_coerce():
    from tacitus.events.codebook import codebook

    coding = codebook().plover("163")
    assert (coding.type, coding.mode) == ("SANCTION", "discontinue")


def test_a_bare_pattern_preposition_inside_the_object_phrase_is_not_the_verbs(pipeline):
    """ "* (FOR)" is "attacked X for saying ...", criticism; "a camp for refugees was attacked" is an attack."""
    text = "A camp for Congolese refugees was attacked by Burundian militiamen, killing at least 156 people."
    record = pipeline.code_one(Article(id="camp", text=text))
    names = {a.id: a.name for a in record.actors}
    attack = next(e for e in record.events if e.trigger.text == "attacked")
    assert attack.plover.type == "ASSAULT"
    killing = next(e for e in record.events if e.trigger.text == "killing")
    assert names[killing.source] == "Burundian militiamen", "the passive clause's agent goes on acting"


def test_a_pattern_word_inside_a_demanded_clause_is_not_the_demanding_verbs(pipeline):
    text = (
        "Greece demanded that its European Community partners refuse to recognize the Former Yugoslav Republic of "
        "Macedonia, on Greece's northern border."
    )
    record = pipeline.code_one(Article(id="greece", text=text))
    demand = next(e for e in record.events if e.trigger.text == "demanded")
    assert demand.plover.type == "REQUEST", "not '* ON' (attack on) from a phrase of the demanded clause"


def test_a_journey_that_names_only_a_city_visits_its_host(pipeline):
    text = "Iraqi President Saddam Hussein arrived in Amman on a previously unannounced visit on Wednesday."
    record = pipeline.code_one(Article(id="amman", text=text))
    names = {a.id: a for a in record.actors}
    (arrival,) = [e for e in record.events if e.trigger.text == "arrived"]
    assert names[arrival.target].country == "JOR"


def test_two_sides_reaching_a_consensus_reach_it_with_each_other(pipeline):
    text = "Israel and the Palestinians reached a consensus to exchange information on water resources."
    record = pipeline.code_one(Article(id="consensus", text=text))
    names = {a.id: a.name for a in record.actors}
    pairs = {(names[e.source], names[e.target]) for e in record.events if e.trigger.text == "reached"}
    assert pairs == {("Israel", "Palestinians"), ("Palestinians", "Israel")}


def test_it_before_an_adjective_of_readiness_is_the_actor_who_is_ready(pipeline):
    """ "it was ready to impose martial law" is the government's threat; "it is clear that" stands for no one."""
    text = "The Iraqi government said it was ready to impose martial law in Baghdad."
    record = pipeline.code_one(Article(id="martial", text=text))
    names = {a.id: a.name for a in record.actors}
    (threat,) = [e for e in record.events if e.trigger.text == "impose"]
    assert threat.plover.type == "THREATEN" and names[threat.source] == "Iraqi government"
    record = pipeline.code_one(Article(id="clear", text="It is clear that Iran will respond."))
    assert [a.name for a in record.actors] == ["Iran"]


def test_declaring_a_state_of_siege_and_blocking_a_highway(pipeline):
    text = "The military government declared a 30-day state of siege in Haiti on Saturday."
    (siege,) = pipeline.code_one(Article(id="siege", text=text)).events
    assert (siege.cameo, siege.plover.type) == ("1724", "COERCE")
    text = "Angry farmers blocked the main highway to the capital on Monday."
    (blockade,) = pipeline.code_one(Article(id="highway", text=text)).events
    assert (blockade.cameo, blockade.plover.type, blockade.plover.mode) == ("144", "PROTEST", "obstruct")


def test_refusing_an_act_that_codes_nothing_is_a_rejection_but_refusing_to_comment_is_not(pipeline):
    text = "The Turkish government has refused to commit to any direct assistance to the US-led war against Iraq."
    (refusal,) = pipeline.code_one(Article(id="refused", text=text)).events
    assert (refusal.cameo, refusal.trigger.text) == ("120", "refused")
    text = "A spokesman for the Russian foreign ministry refused to comment on the report."
    assert pipeline.code_one(Article(id="comment", text=text)).events == []


def test_a_multi_word_verbs_particle_is_not_its_object(pipeline):
    text = "The Nigerian Union of Teachers announced Thursday that it has called off a four-day strike."
    (called_off,) = pipeline.code_one(Article(id="strike", text=text)).events
    assert called_off.plover.type == "CONCEDE", "'* STRIKE' of CALL_OFF, not CALL's '* OFF' (cancel talks)"


def test_a_declaration_demanding_speaks_for_who_issued_it(pipeline):
    text = (
        "The rebel Kurdistan Workers' Party issued a declaration demanding that the Turkish government provide "
        "information on the safety of its leader."
    )
    record = pipeline.code_one(Article(id="pkk", text=text))
    names = {a.id: a.name for a in record.actors}
    demand = next(e for e in record.events if e.trigger.text == "demanding")
    assert demand.plover.type == "REQUEST" and "Kurdistan Workers' Party" in names[demand.source]
    issued = next(e for e in record.events if e.trigger.text == "issued")
    assert issued.plover.type is None, "issuing a declaration is a statement, not cooperation"


def test_two_sides_renewing_negotiations_on_a_topic_negotiate_with_each_other(pipeline):
    text = "Israel and Lebanon renewed negotiations today on an Israeli troop pullback."
    record = pipeline.code_one(Article(id="renewed", text=text))
    names = {a.id: a.name for a in record.actors}
    pairs = {(names[e.source], names[e.target]) for e in record.events}
    assert pairs == {("Israel", "Lebanon"), ("Lebanon", "Israel")}
    assert {e.plover.type for e in record.events} == {"CONSULT"}


def test_upgrading_ties_supports_and_taking_shelter_asks_no_one(pipeline):
    text = "Czechia and Albania have upgraded their diplomatic ties to ambassadorial level."
    assert {e.plover.type for e in pipeline.code_one(Article(id="ties", text=text)).events} == {"SUPPORT"}
    text = "Thousands of families sought shelter in schools run by the United Nations."
    assert pipeline.code_one(Article(id="shelter", text=text)).events == []


def test_the_noun_a_participle_hangs_on_is_read_without_the_participles_clause(pipeline):
    text = '"We will continue to target ships heading to Israeli ports," Houthi spokesman Yahya Saree said.'
    record = pipeline.code_one(Article(id="ships", text=text, published="2024-01-15"))
    names = {a.id: a.name for a in record.actors}
    heading = [e for e in record.events if e.trigger.text == "heading"]
    assert all(names.get(e.source) != "Israeli" for e in heading), "the ships head to the ports; Israel heads nowhere"


def test_a_threat_is_not_aimed_at_the_speakers_own_state_who_would_act(pipeline):
    text = "Britain's Foreign Secretary David Cameron warned that London would not hesitate to act again."
    (warning,) = pipeline.code_one(Article(id="cameron", text=text, published="2024-01-15")).events
    assert warning.plover.type == "THREATEN" and warning.target is None


def test_mediating_between_two_sides_consults_each_of_them(pipeline):
    text = "Oman, which has mediated between Saudi Arabia and the Houthis, urged all sides to exercise restraint."
    record = pipeline.code_one(Article(id="oman", text=text, published="2024-01-15"))
    names = {a.id: a.name for a in record.actors}
    mediation = {(names[e.source], names[e.target]) for e in record.events if e.trigger.text == "mediated"}
    assert mediation == {("Oman", "Saudi Arabia"), ("Oman", "Houthis")}
    assert {e.cameo for e in record.events if e.trigger.text == "mediated"} == {"045"}


def test_a_participle_with_an_object_of_its_own_is_an_active_verb(pipeline):
    """The parser reads "attacks killed" as "attacks [that were] killed": the object says it acted."""
    text = "Jihadist attacks killed at least 20 soldiers near Djibo on Tuesday, the army said."
    record = pipeline.code_one(Article(id="djibo", text=text, published="2024-03-14"))
    names = {a.id: a.name for a in record.actors}
    assert [(e.plover.type, names.get(e.source), names.get(e.target)) for e in record.events] == [
        ("ASSAULT", "Jihadist", "at least 20 soldiers")
    ], "and the attacks and the army, subjects the parser gave 'said', do not speak to each other"


def test_suspending_a_broadcaster_denying_accusations_and_lifting_sanctions(pipeline):
    def coded(text):
        record = pipeline.code_one(Article(id="t", text=text, published="2024-03-14"))
        names = {a.id: a.name for a in record.actors}
        return [(e.cameo, e.plover.type, names.get(e.source), names.get(e.target)) for e in record.events]

    assert coded("Burkina Faso's junta suspended the French broadcaster TV5 Monde for two weeks.") == [
        ("1721", "COERCE", "Burkina Faso's junta", "French broadcaster")
    ]
    assert coded("France's foreign ministry denied the accusations.") == [
        ("016", "REJECT", "France's foreign ministry", None)
    ]
    text = "The Economic Community of West African States (ECOWAS) lifted sanctions on Niger last month."
    assert [c[:2] for c in coded(text)] == [("085", "RETREAT")]


def test_recalling_ones_own_ambassador_targets_no_one_unless_a_place_says_whom(pipeline):
    text = "OUAGADOUGOU, March 14 (AFP) - The junta expelled two French diplomats.\n\nParis recalled its ambassador."
    record = pipeline.code_one(Article(id="recall", text=text, published="2024-03-14"))
    names = {a.id: a for a in record.actors}
    (recall,) = [e for e in record.events if e.trigger.text == "recalled"]
    assert recall.target is None, "its ambassador is Paris's own"
    (ambassador,) = [a for a in record.actors if a.name == "its ambassador"]
    assert ambassador.code.startswith("FRA") and names[recall.source].name == "Paris"


def test_an_announced_suspension_of_links_is_a_sanction(pipeline):
    text = "Italy announced a suspension of air links with Serbia on Wednesday."
    record = pipeline.code_one(Article(id="links", text=text, published="1992-05-06"))
    names = {a.id: a.name for a in record.actors}
    (suspension,) = [e for e in record.events if e.trigger.text == "suspension"]
    assert (suspension.plover.type, names[suspension.source], names[suspension.target]) == (
        "SANCTION",
        "Italy",
        "Serbia",
    )


def test_a_gapped_passive_and_a_suspended_partnership(pipeline):
    text = "The interior ministry said 224 people had been detained since Thursday and 113 police officers injured."
    record = pipeline.code_one(Article(id="detained", text=text, published="2024-12-01"))
    names = {a.id: a.name for a in record.actors}
    (injured,) = [e for e in record.events if e.trigger.text == "injured"]
    assert injured.source is None and names[injured.target] == "113 police officers", "they were injured"
    text = "The United States suspended its strategic partnership with Georgia on Saturday, the State Department said."
    record = pipeline.code_one(Article(id="partnership", text=text, published="2024-12-01"))
    codes = {a.id: a.code for a in record.actors}
    (suspension,) = record.events
    assert (suspension.plover.type, codes[suspension.source], codes[suspension.target]) == ("SANCTION", "USA", "GEO")
    assert record.quotes[0].speaker is not None and codes[record.quotes[0].speaker] == "USAGOV"


def test_a_show_of_force_around_an_island_and_forces_sent_are_not_their_senders_target(pipeline):
    text = (
        "Taiwan drills\n\nBEIJING/TAIPEI, Oct 14 (Reuters) - China's military staged large-scale drills around Taiwan "
        "on Monday, days after President Lai Ching-te said Beijing had no right to represent Taiwan. Lai, whom "
        "Beijing calls a separatist, has repeatedly offered talks with China."
    )
    record = pipeline.code_one(Article(id="taiwan", text=text, published="2024-10-14"))
    names = {a.id: a for a in record.actors}
    assert not any(a.name in ("TAIPEI", "BEIJING/TAIPEI") or "Reuters" in a.name for a in record.actors)
    (drills,) = [e for e in record.events if e.trigger.text == "staged"]
    assert (drills.plover.type, names[drills.target].name) == ("MOBILIZE", "Taiwan")
    assert not [e for e in record.events if e.trigger.text == "calls"], "naming someone is no phone call"
    lai = next(a for a in record.actors if a.name == "Lai Ching-te")
    assert lai.code == "TWNGOV" and {"Lai", "President Lai Ching-te"} <= {m.text for m in lai.mentions}
    text = "France sent troops to Mali."
    record = pipeline.code_one(Article(id="troops", text=text, published="2013-01-14"))
    names = {a.id: a.name for a in record.actors}
    assert [names[e.target] for e in record.events] == ["Mali"], "the troops are France's own, sent to Mali"


def test_a_quotation_is_a_speech_act_only_when_the_speaker_performs_it_on_someone(pipeline):
    def speech(text):
        record = pipeline.code_one(Article(id="q", text=text, published="2009-04-01"))
        names = {a.id: a.name for a in record.actors}
        return [(e.plover.type, names.get(e.target)) for e in record.events if e.method == "speech"]

    text = 'Obama said: "These companies must ultimately stand on their own, not as wards of the state."'
    assert speech(text) == [("REQUEST", "companies")]
    text = '"Airlines demand performance improvements of 15-20% for a new airliner," Boeing said.'
    assert speech(text) == [], "the airlines' demand, reported; not Boeing's"
    text = '"A company like Caterpillar should be a poster child for global growth," the trader at Bell Curve said.'
    assert speech(text) == [], "a judgement, no request"
    text = '"We should have an American tanker built by American workers," Senator Todd Tiahrt said.'
    assert speech(text) == []


def test_no_actor_is_made_the_author_of_an_act_the_sentence_does_not_give_them(pipeline):
    """A finite verb of an adverbial clause the parser left without its subject, and "they" after "the strikes",
    have no actor's name to borrow: the warplanes did not kill the five in Ankara, the SDF no civilians."""
    text = (
        "ANKARA, Oct 24 (Reuters) - Turkish warplanes struck Kurdish militant targets in northern Iraq and Syria on "
        "Thursday, a day after an attack on a defence company near Ankara killed five people, the defence ministry "
        "said.\n\nThe Kurdish-led Syrian Democratic Forces (SDF) said the strikes hit bakeries and power stations, "
        "saying they had killed 12 civilians."
    )
    record = pipeline.code_one(Article(id="turkey", text=text, published="2024-10-24"))
    killings = [e for e in record.events if e.trigger.text == "killed"]
    assert killings and all(e.source is None for e in killings)
    assert all(e.date != "2024-10-25" for e in killings), "a day after the attack is Thursday, not the day after"
    struck = [e for e in record.events if e.trigger.text == "struck"]
    assert struck and all(e.plover.type == "ASSAULT" for e in struck)


def test_tariffs_a_headline_semicolon_and_a_ministry_spokesperson(pipeline):
    text = (
        "EU slaps tariffs on Chinese electric cars; Beijing vows response\n\nBRUSSELS, Oct 29 (Reuters) - The "
        "European Union imposed tariffs of up to 35.3% on electric vehicles made in China on Tuesday.\n\nChina's "
        'commerce ministry said it did not accept the ruling. "China will take all necessary measures to safeguard '
        'the rights of Chinese companies," a ministry spokesperson said.'
    )
    record = pipeline.code_one(Article(id="tariffs", text=text, published="2024-10-29"))
    codes = {a.id: a.code for a in record.actors}
    imposed = [e for e in record.events if e.trigger.text in ("imposed", "slaps")]
    assert imposed and all(e.plover.type == "SANCTION" for e in imposed)
    assert not any(q.text.startswith("EU slaps") for q in record.quotes), "a semicolon joins two statements"
    (spokesperson,) = [q for q in record.quotes if q.text.startswith("China will")]
    assert codes[spokesperson.speaker] == "CHNGOV", "the ministry named before, China's"


def test_carrying_on_a_protest_is_that_protest(nlp, coder):
    # CONTINUE codes nothing of its own in the CAMEO dictionary; the hunger strike it carries on is the event.
    text = "The fundamentalists continued their hunger strike to demand the resignation of President Ben Bella."
    doc = parse(nlp, text, {"The fundamentalists": "rel", "President Ben Bella": "gov"})
    assert ("rel", "gov", "142") in triples(coder.code(doc))


def test_a_bare_with_phrase_needs_an_actor(nlp, coder):
    # BREAK's "* (WITH)" (130) is breaking with someone; "with the knowledge of officers" is how, not with whom.
    text = "Israeli soldiers beat up Palestinian detainees with the knowledge of senior officers."
    doc = parse(nlp, text, {"Israeli soldiers": "isr", "Palestinian detainees": "pse", "senior officers": "off"})
    codes = {c.code for c in coder.code(doc) if c.target == "pse"}
    assert codes and all(code[:2] in ("18", "19") for code in codes)


def _indirect(text: str, speaker_text: str, speaker: str) -> Quote:
    end = text.index(", " + speaker_text)
    return Quote(id="q1", speaker=speaker, speaker_text=speaker_text, cue="said", text=text[:end], start=0, end=end,
                 kind="indirect")  # fmt: skip


def test_a_story_retold_by_an_agency_is_no_speech_act_of_the_agency(nlp, coder):
    text = "Algerian landowners began a hunger strike to demand the return of their land, the news agency said."
    quote = _indirect(text, "the news agency", "agency")
    doc = parse(nlp, text, {"Algerian landowners": "dza", "the news agency": "agency"}, quotes=[quote])
    codings = coder.code(doc)
    assert any(c.source == "dza" and c.code == "142" for c in codings)
    assert not [c for c in codings if c.source == "agency"]  # its "demand" is the landowners', retold


def test_must_be_ready_to_act_asks_who_must(nlp, coder):
    text = "Mubarak said the US must be ready to mediate between Israelis and Palestinians."
    start = text.index("the US")
    quote = Quote(id="q1", speaker="mub", speaker_text="Mubarak", cue="said", text=text[start:-1], start=start,
                  end=len(text) - 1, kind="indirect")  # fmt: skip
    names = {"Mubarak": "mub", "the US": "usa", "Israelis": "isr", "Palestinians": "pal"}
    doc = parse(nlp, text, names, quotes=[quote])
    requests = {(c.source, c.target) for c in coder.code(doc) if c.code.startswith("10")}
    assert requests == {("mub", "usa")}  # the US is asked; the sides it would mediate between are not


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        # CAMEO 166x: expelling or withdrawing inspectors is a sanction, not the deportation of individuals (174).
        ("North Korea expelled inspectors of the atomic agency.", {"North Korea": "prk", "the atomic agency": "iaea"},
         ("prk", "iaea", "1662")),
        # Weapons inspectors are inspectors: no retreat of weapons (0874); announced, it is a threat (136).
        ("Annan announced that the UN will withdraw weapons inspectors from Iraq.", {"the UN": "un", "Iraq": "irq"},
         ("un", "irq", "136")),
        ("Syrian officers ended mediation efforts between the militias.", {"Syrian officers": "syr",
                                                                            "the militias": "mil"},
         ("syr", "mil", "165")),
    ],
)  # fmt: skip
def test_halting_involvement_is_a_sanction(nlp, coder, text, names, expected):
    assert expected in triples(coder.code(parse(nlp, text, names)))


def test_a_coercive_act_announced_for_the_future_is_a_threat(nlp, coder):
    # CAMEO: an intention to use force or pressure is a threat (13x), for event nouns as for verbs.
    doc = parse(nlp, "NATO will tighten the naval blockade of Serbia.", {"NATO": "nato", "Serbia": "srb"})
    assert ("nato", "srb", "1381") in triples(coder.code(doc))
    doc = parse(nlp, "Greece plans to impose restrictions on workers from Poland.", {"Greece": "grc", "Poland": "pol"})
    assert {c.code[:2] for c in coder.code(doc) if c.source == "grc"} == {"13"}


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("Swiss doctors handed over medicine to the Red Crescent.", {"Swiss doctors": "che", "the Red Crescent": "irc"},
         ("che", "irc", "073")),  # humanitarian aid (tacitus's HAND_OVER in BRING)
        ("The UN reduced food supplies to the refugee camp.", {"The UN": "un", "the refugee camp": "ref"},
         ("un", "ref", "162")),  # reduced aid
        ("Israel has strengthened its forces in the south.", {"Israel": "isr"},
         ("isr", None, "154")),  # more armed forces: a show of force, not aimed at the forces
    ],
)  # fmt: skip
def test_dictionary_additions_for_aid_and_forces(nlp, coder, text, names, expected):
    assert expected in triples(coder.code(parse(nlp, text, names)))


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("Denmark accepted a formula for ending the dispute.", {"Denmark": "dnk"}, ("dnk", None, "030")),
        ("The government accepted demands from the rebels.", {"The government": "gov", "the rebels": "reb"},
         ("gov", "reb", "080")),
        ("Serbia eased emergency measures in the province.", {"Serbia": "srb"}, ("srb", None, "0814")),
        ("The president shortened the nightly curfew in Sudan.", {"The president": "gov", "Sudan": "sdn"},
         ("gov", "sdn", "0813")),
        ("The government ordered the newspaper La Prensa to suspend publication.",
         {"The government": "gov", "the newspaper La Prensa": "jrn"}, ("gov", "jrn", "1721")),
        ("The United States continued to send arms to Pakistan.", {"The United States": "usa", "Pakistan": "pak"},
         ("usa", "pak", "072")),  # arms to someone are military aid, not a show of force (154)
        ("Rebels blocked transport into the city.", {"Rebels": "reb"}, ("reb", None, "144")),
        ("Palestinians shunned work on Monday.", {"Palestinians": "pse"}, ("pse", None, "143")),
        ("Apple Corps took the case to the Court of Appeal.", {"Apple Corps": "app", "the Court of Appeal": "crt"},
         ("app", "crt", "115")),  # a suit brought, nothing seized (TAKE's 171)
    ],
)  # fmt: skip
def test_dictionary_additions_for_concessions_protests_and_aid(nlp, coder, text, names, expected):
    assert expected in triples(coder.code(parse(nlp, text, names)))


def test_a_circumstance_phrase_below_the_object_is_no_pattern_word(nlp, coder):
    text = "The minister allowed the opposition leader to hold a rally after an agreement with the police."
    doc = parse(nlp, text, {"The minister": "gov", "the opposition leader": "opp", "the police": "cop"})
    assert {c.code for c in coder.code(doc) if c.source == "gov"} == {"080"}  # allowing, not ALLOW * &TREATY 031


def test_a_cyber_attack_is_coerce_cyber(nlp, coder):
    # CAMEO 176 ("attack cybernetically", an ICEWS addition) is missing from CAMEO2PLOVER and has no Goldstein value:
    # PLOVER's manual codes it COERCE 'cyber'; its root's Goldstein value stands.
    doc = parse(nlp, "Hackers defaced nearly 3,000 Danish web sites.", {"Hackers": "hak", "Danish web sites": "dnk"})
    assert ("hak", "dnk", "176") in triples(coder.code(doc))
    book = codebook()
    assert (book.plover("176").type, book.plover("176").mode) == ("COERCE", "cyber")
    assert book.cameo("176").goldstein == book.cameo("17").goldstein


def test_preparing_to_use_force_is_a_show_of_force(nlp, coder):
    text = "The Macedonian army prepared to resume shelling rebel positions."
    doc = parse(nlp, text, {"The Macedonian army": "mkd", "rebel positions": "reb"})
    assert {c.code for c in coder.code(doc) if c.source == "mkd"} == {"154"}  # as POISE * (FOR ATTACK), no threat


def test_a_withdrawal_carried_out_is_a_retreat_from_where_it_leaves(nlp, coder):
    text = "The United States speeded up the withdrawal of its invasion forces from Panama."
    doc = parse(nlp, text, {"The United States": "usa", "Panama": "pan"})
    assert ("usa", "pan", "0874") in triples(coder.code(doc))


def test_a_subjunctive_reported_is_a_demand(nlp, coder):
    text = "The ILO insisted that Israel ease restrictions on Palestinian workers."
    doc = parse(nlp, text, {"The ILO": "ilo", "Israel": "isr", "Palestinian workers": "pse"})
    codings = coder.code(doc)
    assert ("ilo", "isr", "100") in triples(codings)
    assert not [c for c in codings if c.source == "isr"]  # the easing is demanded, not done


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("The prime minister received a mission of observers from the OSCE.",
         {"The prime minister": "kgz", "the OSCE": "osce"}, ("kgz", "osce", "0862")),
        ("The rebels demobilized their fighters.", {"The rebels": "reb"}, ("reb", None, "0873")),
    ],
)  # fmt: skip
def test_receiving_observers_and_demobilizing_are_retreats(nlp, coder, text, names, expected):
    assert expected in triples(coder.code(parse(nlp, text, names)))


def test_a_reported_obligation_is_a_demand(nlp, coder):
    text = "A British minister reiterated that Libya must hand over the suspects."
    doc = parse(nlp, text, {"A British minister": "gbr", "Libya": "lby"})
    assert ("gbr", "lby", "100") in triples(coder.code(doc))
    doc = parse(nlp, "The minister said that we must act.", {"The minister": "gbr"})
    assert not [c for c in coder.code(doc) if c.code == "100"]  # "we must" obliges the speaker's side


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("The high court opened a hearing into the treatment of Palestinian detainees.",
         {"The high court": "jud", "Palestinian detainees": "pse"}, ("jud", "pse", "090")),
        ("Klibi undertook a mediation mission between Syria and Arafat.",
         {"Klibi": "arl", "Syria": "syr", "Arafat": "pse"}, ("arl", "syr", "045")),
        ("Saudi Arabia has mobilized pressure groups in Washington.", {"Saudi Arabia": "sau"}, ("sau", None, "053")),
        ("Russia's investigation into Ukraine drags on.", {"Russia": "rus", "Ukraine": "ukr"}, ("rus", "ukr", "090")),
    ],
)  # fmt: skip
def test_inquiries_mediation_and_rallied_support(nlp, coder, text, names, expected):
    assert expected in triples(coder.code(parse(nlp, text, names)))


def test_a_reminder_that_someone_must_act_is_a_demand_of_them(nlp, coder):
    text = "Chirac issued a stern reminder to Iraq that Baghdad must cooperate with UN inspectors."
    doc = parse(nlp, text, {"Chirac": "fra", "Iraq": "irq", "Baghdad": "irq", "UN inspectors": "un"})
    assert {(c.source, c.target, c.code) for c in coder.code(doc) if c.source == "fra"} == {("fra", "irq", "100")}


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        # A word in a phrase of the subject ("riots against military policies") is no subject-side pattern word
        # (&MILITARY * 190); the riots are a protest noun aimed at what they are against.
        ("Palestinian riots against Israeli military policies are still continuing.",
         {"Palestinian": "pse", "Israeli military": "isr"}, ("pse", "isr", "145")),
        ("A newspaper has violated a ban by General Aoun.", {"A newspaper": "jrn", "General Aoun": "gen"},
         ("jrn", "gen", "128")),
    ],
)  # fmt: skip
def test_riots_against_and_violated_bans(nlp, coder, text, names, expected):
    found = triples(coder.code(parse(nlp, text, names)))
    assert expected in found
    assert not [t for t in found if t[2].startswith("19")]


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("Bashir has taken steps to enhance political freedoms.", {"Bashir": "sdn"}, {("sdn", None, "0811")}),
        ("The US said removing the sanctions on Burma is out of the question.", {"The US": "usa", "Burma": "mmr"},
         {(None, "mmr", "085")}),  # lifting sanctions, not deporting them (DEPORT's REMOVE, 174)
        ("Norway will send material to Saudi Arabia.", {"Norway": "nor", "Saudi Arabia": "sau"},
         {("nor", "sau", "033")}),  # the intention to give aid
    ],
)  # fmt: skip
def test_steps_sanctions_removed_and_material_sent(nlp, coder, text, names, expected):
    assert triples(coder.code(parse(nlp, text, names))) == expected


def test_forces_of_two_states_exercising_together_cooperate(pipeline):
    text = "French and Egyptian warships on Monday launched ten days of war games in the Mediterranean Sea."
    record = pipeline.code_one(Article(id="games", text=text, published="2000-01-03"))
    codes = {a.id: a.code[:3] for a in record.actors if a.code}
    found = {(codes.get(e.source), codes.get(e.target), e.cameo) for e in record.events}
    assert found == {("FRA", "EGY", "062"), ("EGY", "FRA", "062")}  # military cooperation, no show of force alone


def test_force_aimed_near_someone_is_aimed_at_them(nlp, coder):
    text = "North Korea fired two artillery shells near a naval vessel from South Korea."
    doc = parse(nlp, text, {"North Korea": "prk", "South Korea": "kor"})
    assert {(c.source, c.target) for c in coder.code(doc)} == {("prk", "kor")}


def test_a_saying_about_oneself_aims_at_the_other_side_it_names(nlp, coder):
    text = "Frodo said he has deep satisfaction toward Gondor."
    doc = parse(nlp, text, {"Frodo": "hob", "Gondor": "gon"})
    assert {(c.source, c.target) for c in coder.code(doc)} == {("hob", "gon")}


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        # A demand asks the subject of what it demands, also when that subject is to act on something.
        ("The United States demanded that North Korea forsake its nuclear program.",
         {"The United States": "usa", "North Korea": "prk"}, ("usa", "prk", "10")),
        # A threat is aimed at whom its condition is put to.
        ("Russia has threatened to stop negotiations if the United States deploys new missiles.",
         {"Russia": "rus", "the United States": "usa"}, ("rus", "usa", "13")),
        ("Iran threatened to launch a new offensive unless Baghdad accepted its conditions.",
         {"Iran": "irn", "Baghdad": "irq"}, ("irn", "irq", "13")),
    ],
)  # fmt: skip
def test_whom_demands_and_threats_are_aimed_at(nlp, coder, text, names, expected):
    source, target, root = expected
    assert any(c.source == source and c.target == target and c.code.startswith(root) for c in coder.code(
        parse(nlp, text, names)))  # fmt: skip


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        # "is opposed to", "were engaged in": what the subject does, not done to it.
        ("Israel is opposed to French mediation in the negotiations.", {"Israel": "isr", "French": "fra"},
         ("isr", "fra")),
        ("Serb forces were engaged in ethnic cleansing against the Albanian population.",
         {"Serb forces": "srb", "the Albanian population": "alb"}, ("srb", "alb")),
        # A complaint is about whom it is over, not whom it is made to.
        ("Lebanon complained to the United Nations over Israeli air raids.",
         {"Lebanon": "lbn", "the United Nations": "un", "Israeli": "isr"}, ("lbn", "isr")),
    ],
)  # fmt: skip
def test_who_acted_on_whom_in_passives_stances_and_complaints(nlp, coder, text, names, expected):
    assert expected in {(c.source, c.target) for c in coder.code(parse(nlp, text, names))}


def test_a_quantity_noun_stands_for_all_it_counts(nlp, coder):
    text = "Security forces have tortured scores of Sierra Leonean and Liberian refugees."
    doc = parse(nlp, text, {"Security forces": "gin", "Sierra Leonean": "sle", "Liberian refugees": "lbr"})
    assert {c.target for c in coder.code(doc)} == {"sle", "lbr"}


def test_according_to_is_no_accord(nlp, coder):
    text = "The minister allowed the opposition leader to hold a rally, according to the interior secretary."
    doc = parse(nlp, text, {"The minister": "gov", "the opposition leader": "opp", "the interior secretary": "sec"})
    assert "031" not in {c.code for c in coder.code(doc)}  # ALLOW * &TREATY ("ACCORD") is not in "according to"


def test_agreeing_to_take_on_costs_threatens_no_one_and_firing_staff_is_no_attack(nlp, coder):
    # Only a deliberate plan to coerce is a threat (13x); an agreement to act ("agreed to take on costs", TAKE's
    # default 171) is not, and firing employees is no use of force.
    doc = parse(nlp, "Cerberus has agreed to take on the pension costs of retirees.", {"Cerberus": "cer"})
    assert not [c for c in coder.code(doc) if c.code.startswith("13")]
    names = {"The company": "com", "three thousand employees": "lab"}
    doc = parse(nlp, "The company plans to fire three thousand employees.", names)
    assert not [c for c in coder.code(doc) if c.code[:2] in ("13", "18", "19", "20")]


def test_what_is_seen_or_about_nothing_is_no_demand(nlp, coder):
    doc = parse(nlp, "The markets saw investors pull out billions.", {"investors": "bus", "The markets": "mkt"})
    assert not [c for c in coder.code(doc) if c.code.startswith("10")]  # a perception, no subjunctive
    doc = parse(nlp, "Officials said that the flag should mean unity.", {"Officials": "gov"})
    assert not [c for c in coder.code(doc) if c.code.startswith("10")]  # obliges no actor


def test_a_saying_about_oneself_is_not_aimed_at_a_place(nlp, coder):
    doc = parse(nlp, "DaimlerChrysler announced that it would cut jobs in North America.",
                {"DaimlerChrysler": "dcx", "North America": "usa"})  # fmt: skip
    assert not [c for c in coder.code(doc) if c.target == "usa"]
