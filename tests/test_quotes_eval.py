"""The annotated speaker set is well formed, and `tacitus eval quotes` scores it and GUM beside textacy."""

from __future__ import annotations

import json
import subprocess
import sys

from tacitus.evaluate.quotes import ANNOTATED_SET, load_annotated, match, normalise, split_at_narration
from tests.conftest import ROOT, needs_gold, run_cli


def test_annotated_set_offsets_and_size():
    items = load_annotated()
    assert sum(len(quotes) for _, quotes in items) >= 150
    for line in ANNOTATED_SET.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        for q in data["quotes"]:
            assert data["text"][q["start"] : q["end"]] == q["text"]
            if q["speaker"]:
                assert data["text"][q["speaker"]["start"] : q["speaker"]["end"]] == q["speaker"]["text"]


def test_annotated_set_is_rebuilt_from_its_annotation(tmp_path):
    before = ANNOTATED_SET.read_text(encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "tests/data/quotes/build.py")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert ANNOTATED_SET.read_text(encoding="utf-8") == before


def test_normalise_and_match():
    text = 'He said "dangerous" ((it)) today.'
    assert text[slice(*normalise(text, 8, 26))] == "dangerous"
    assert len(match([(0, 10), (20, 30)], [(5, 25)])) == 1  # one-to-one


@needs_gold
def test_eval_quotes_prints_table_beside_textacy(tmp_path):
    out = tmp_path / "quotes.json"
    result = run_cli(
        "eval", "quotes", "--gold", str(ROOT.parent / "shared" / "gold"), "--json", str(out), "--limit", "3"
    )
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(out.read_text())
    systems = {(row["measure"], row["system"]) for row in report["rows"]}
    assert ("annotated direct span, overlap", "textacy") in systems
    assert ("speaker of found direct quotes", "tacitus") in systems
    assert any(row["measure"].startswith("GUM <quote>") for row in report["rows"])


def test_split_at_narration_separates_two_quotations_in_one_gold_span():
    text = 'Intro. "We want to thank all," said Bolden to the crowd. "This was a hard decision." Next.'
    start, end = text.index('"We'), text.index("Next") - 1
    assert [text[s:e] for s, e in split_at_narration(text, [(start, end)])] == [
        "We want to thank all,",
        "This was a hard decision.",
    ]
    one = (text.index('"This'), text.index("Next") - 1)
    assert split_at_narration(text, [one]) == [one]
