"""The annotated speaker set is well formed, and `tacitus eval quotes` scores it and GUM beside textacy."""

from __future__ import annotations

import json
import subprocess
import sys

from tacitus.evaluate.quotes import (
    ANNOTATED_SET,
    GoldQuote,
    load_annotated,
    match,
    names_an_actor,
    normalise,
    split_at_narration,
)
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


def test_actor_id_is_owed_only_where_the_gold_speaker_is_an_actor():
    def gold(text: str, words: str, names: list[str] = ()) -> GoldQuote:
        start = text.index(words)
        spans = [(text.index(n), text.index(n) + len(n)) for n in names]
        return GoldQuote(0, 1, "indirect", (start, start + len(words)), spans)

    text = "Some reports said X. The court filing said Y. The Washington Post said Z. Boeing's statement said W."
    assert not names_an_actor(text, gold(text, "Some reports"))
    assert not names_an_actor(text, gold(text, "The court filing"))
    assert names_an_actor(text, gold(text, "The Washington Post"))  # a name, not a text
    assert names_an_actor(text, gold(text, "Boeing's statement"))  # its owner speaks
    assert names_an_actor(text, gold(text, "The court filing", ["Washington Post"]))  # a name stands behind it


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
