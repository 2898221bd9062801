"""``tacitus eval actors``: the coreference scorers and the evaluation on the gold sets."""

from __future__ import annotations

import json

import pytest

from tacitus.config import Settings
from tacitus.evaluate import run_evaluation
from tacitus.evaluate.actors import _gum_entities, gsr_actors, locate
from tacitus.evaluate.coref import MentionSpan, align, b_cubed, muc, score_document
from tests.conftest import GOLD, needs_gold, run_cli


def clusters(*groups):
    return [frozenset(g) for g in groups]


def test_muc_counts_links():
    # Vilain et al. (1995): key {A B C D}, response {A B} {C D}: 2 of 3 links found, none wrong.
    score = muc(clusters("ABCD"), clusters("AB", "CD"))
    assert score.recall == pytest.approx(2 / 3) and score.precision == 1.0
    # Singletons carry no links.
    assert muc(clusters("A", "B"), clusters("A", "B")).f1 == 0.0


def test_b_cubed_averages_over_mentions():
    # Key {A B C} {D E}, response {A B C D E}: recall 1; precision (3*3/5 + 2*2/5) / 5 = 13/25.
    score = b_cubed(clusters("ABC", "DE"), clusters("ABCDE"))
    assert score.recall == pytest.approx(1.0)
    assert score.precision == pytest.approx(13 / 25)
    perfect = b_cubed(clusters("AB", "C"), clusters("AB", "C"))
    assert perfect.f1 == pytest.approx(1.0)


def test_scores_add_up_as_micro_averages():
    total = muc(clusters("ABCD"), clusters("AB", "CD"))
    total += muc(clusters("EF"), clusters("EF"))
    assert total.recall == pytest.approx(3 / 4)


def test_alignment_by_heads():
    gold = [MentionSpan("g1", 0, 20, 15, 20, "x")]  # "the Iranian officials", head "officials"
    system = [
        MentionSpan("s1", 4, 20, 15, 20, "a"),  # "Iranian officials"
        MentionSpan("s2", 4, 11, 4, 11, "b"),  # "Iranian": its head is not the gold head
    ]
    assert align(gold, system) == {"s1": "g1"}


def test_system_mentions_of_other_types_are_left_out():
    gold = [MentionSpan("g1", 0, 5, 0, 5, "p"), MentionSpan("g2", 10, 15, 10, 15, "p")]
    place = [MentionSpan("g3", 20, 25, 20, 25, "l")]
    system = [
        MentionSpan("s1", 0, 5, 0, 5, "a"),
        MentionSpan("s2", 10, 15, 10, 15, "a"),
        MentionSpan("s3", 20, 25, 20, 25, "a"),  # a place in the gold: neither right nor wrong here
        MentionSpan("s4", 30, 35, 30, 35, "c"),  # no gold mention: spurious
    ]
    scores = score_document(gold, system, place)
    assert scores.muc.f1 == 1.0
    assert (scores.mentions.tp, scores.mentions.fp, scores.mentions.fn) == (2, 1, 0)


def test_gum_entity_brackets():
    events = _gum_entities("Entity=(8-time-new-nnnnn-cf2-1-coref)7)|XML=</date>")
    assert events == [("open", "8", "8-time-new-nnnnn-cf2-1-coref"), ("close", "8", ""), ("close", "7", "")]


def test_gold_actor_text_is_found_despite_spacing_and_ellipses():
    text = "U.S. and Russian negotiators return to Geneva; the NATO peacekeeping troops arrived."
    head, first = locate(text, "U.S. ... negotiators")
    assert (text[slice(*head)], text[slice(*first)]) == ("negotiators", "U.S.")
    head, first = locate(text, "U.S. negotiators")  # discontinuous without "..."
    assert (text[slice(*head)], text[slice(*first)]) == ("negotiators", "U.S.")
    assert locate(text, "NATO  peacekeeping troops") == ((text.index("NATO"), text.index(" arrived")), None)
    record = {"source": [{"actorText": "Hungarian", "code": "HUN", "sector": "GOV"}], "target": ""}
    assert [(a.text, a.code, a.sector) for a in gsr_actors(0, record)] == [("Hungarian", "HUN", "GOV")]


@needs_gold
def test_evaluation_reports_tacitus_beside_the_baseline():
    report = run_evaluation("actors", GOLD, Settings(), limit=6)
    systems = {row.system for row in report.rows}
    assert {"tacitus", "tacitus, names only", "spaCy entities (baseline)"} <= systems
    measures = {row.measure for row in report.rows}
    assert {"GSR country/root code", "GSR sector", "GUM news coref MUC", "MEANTIME coref B-cubed"} <= measures
    country = report.row("GSR country/root code", "tacitus")
    assert country.target == 0.90 and country.score.support > 0
    assert country.score.f1 > report.row("GSR country/root code", "spaCy entities (baseline)").score.f1


@needs_gold
def test_eval_command_prints_and_writes_json(tmp_path):
    out = tmp_path / "actors.json"
    result = run_cli("eval", "actors", "--gold", str(GOLD), "--limit", "2", "--json", str(out), timeout=900)
    assert result.returncode == 0, result.stderr.decode()
    printed = result.stdout.decode()
    assert "GSR" in printed and "baseline" in printed and "MUC" in printed
    rows = json.loads(out.read_text())["rows"]
    assert any(r["system"] == "spaCy entities (baseline)" for r in rows)
