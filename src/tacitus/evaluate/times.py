"""``tacitus eval times``: TIMEX3 extraction and normalisation on MEANTIME (120 Wikinews articles).

MEANTIME annotates the title and the first five sentences of each article; the second line, the dateline,
is the document's creation time (the publication date, given to tacitus as ``published``), so it is left
out on both sides. Scoring, as in TempEval-3:

- extraction P/R/F1, *strict* (same start and end) and *relaxed* (overlapping, one-to-one);
- *value accuracy*: of the relaxed matches, the share whose TIMEX3 value equals the gold value
  (HeidelTime, the reference system, reached about 0.78 value F1 on TempEval-3); *value F1*: a match counts
  only with the right value; *type accuracy* likewise.

Baselines on the same text and publication date: dateparser's ``search_dates`` (the plain library), and
spaCy's DATE/TIME entities valued by dateparser (tacitus's first version). Rows per ``valued_by`` path show
which path produced the values and how well each did.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import dateparser
from dateparser.search import search_dates

from tacitus.config import Settings
from tacitus.evaluate.gold import GoldDoc, load_meantime
from tacitus.evaluate.metrics import Accuracy, Report, Score
from tacitus.pipeline import Pipeline
from tacitus.record import Article

VALUE_TARGET = 0.85
ANNOTATED_SENTENCES = {0, 2, 3, 4, 5}  # title and the first five body sentences; 1 is the dateline


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    type: str
    value: str | None
    path: str | None = None  # valued_by, for tacitus's own expressions


def gold_timexes(doc: GoldDoc) -> list[Timex]:
    out = []
    for timex in doc.source.iter("TIMEX3"):
        anchors = [a.get("t_id") for a in timex.iter("token_anchor")]
        if not anchors or timex.get("functionInDocument") == "CREATION_TIME":
            continue
        tokens = [doc.token(a) for a in anchors]
        if tokens[0].sentence not in ANNOTATED_SENTENCES:
            continue
        out.append(Timex(tokens[0].start, tokens[-1].end, timex.get("type"), timex.get("value")))
    return out


def annotated_ranges(doc: GoldDoc) -> list[tuple[int, int]]:
    ranges: dict[int, list[int]] = {}
    for token in doc.tokens:
        if token.sentence in ANNOTATED_SENTENCES:
            span = ranges.setdefault(token.sentence, [token.start, token.end])
            span[0], span[1] = min(span[0], token.start), max(span[1], token.end)
    return [tuple(r) for r in ranges.values()]


def inside(ranges: list[tuple[int, int]], start: int) -> bool:
    return any(a <= start < b for a, b in ranges)


@dataclass
class Scores:
    strict: Score
    relaxed: Score
    value: Accuracy
    value_f1: Score
    type: Accuracy

    @classmethod
    def new(cls) -> Scores:
        return cls(Score(), Score(), Accuracy(), Score(), Accuracy())


def match(gold: list[Timex], predicted: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs of overlapping expressions, exact matches first, then by overlap."""
    pairs, used_gold, used_predicted = [], set(), set()
    options = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                options.append(((g.start, g.end) == (p.start, p.end), overlap, i, j))
    for _, _, i, j in sorted(options, reverse=True):
        if i not in used_gold and j not in used_predicted:
            used_gold.add(i)
            used_predicted.add(j)
            pairs.append((gold[i], predicted[j]))
    return pairs


def score(scores: Scores, gold: list[Timex], predicted: list[Timex], by_path: dict[str, Accuracy] | None) -> None:
    scores.strict.add({(g.start, g.end) for g in gold}, {(p.start, p.end) for p in predicted})
    pairs = match(gold, predicted)
    scores.relaxed.tp += len(pairs)
    scores.relaxed.fp += len(predicted) - len(pairs)
    scores.relaxed.fn += len(gold) - len(pairs)
    right = 0
    for g, p in pairs:
        correct = p.value is not None and p.value == g.value
        right += correct
        scores.value.add(correct)
        scores.type.add(p.type == g.type)
        if by_path is not None:
            by_path.setdefault(p.path or "unvalued", Accuracy()).add(correct)
    scores.value_f1.tp += right
    scores.value_f1.fp += len(predicted) - right
    scores.value_f1.fn += len(gold) - right


def first_version_value(text: str, label: str, reference) -> str | None:
    """tacitus's first version: the entity's text through ``dateparser.parse`` relative to publication."""
    settings = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    if reference is not None:
        settings["RELATIVE_BASE"] = reference
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        return None
    return parsed.strftime("%Y-%m-%dT%H:%M") if label == "TIME" else parsed.strftime("%Y-%m-%d")


def search_dates_baseline(doc: GoldDoc, ranges: list[tuple[int, int]]) -> list[Timex]:
    base = datetime.fromisoformat(doc.published) if doc.published else None
    settings = {"RELATIVE_BASE": base} if base else {}
    found = search_dates(doc.text, languages=["en"], settings=settings) or []
    out, cursor = [], 0
    for text, moment in found:
        start = doc.text.find(text, cursor)
        if start < 0:
            continue
        cursor = start + len(text)
        if inside(ranges, start):
            out.append(Timex(start, start + len(text), "DATE", moment.strftime("%Y-%m-%d")))
    return out


def evaluate(gold_dir: Path, settings: Settings, limit: int | None = None) -> Report:
    documents = load_meantime(gold_dir)[:limit]
    pipeline = Pipeline(settings.with_(stages=("times",)))
    systems = {name: Scores.new() for name in ("tacitus", "spaCy + dateparser", "dateparser search_dates")}
    by_path: dict[str, Accuracy] = {}
    found_by: Counter = Counter()
    valued_by: Counter = Counter()
    articles = [Article(id=d.id, title=d.title, text=d.text, published=d.published) for d in documents]
    docs = pipeline.nlp.pipe(pipeline.make_doc(a) for a in articles)
    for gold_doc, doc in zip(documents, docs, strict=True):
        gold = gold_timexes(gold_doc)
        ranges = annotated_ranges(gold_doc)
        ours = [
            Timex(t.start, t.end, t.type, t.value, t.valued_by) for t in doc._.times or [] if inside(ranges, t.start)
        ]
        found_by.update(t.found_by for t in doc._.times or [] if inside(ranges, t.start))
        valued_by.update(t.valued_by or "unvalued" for t in doc._.times or [] if inside(ranges, t.start))
        score(systems["tacitus"], gold, ours, by_path)
        reference = datetime.fromisoformat(gold_doc.published) if gold_doc.published else None
        first_version = [
            Timex(ent.start_char, ent.end_char, ent.label_, first_version_value(ent.text, ent.label_, reference))
            for ent in doc.ents
            if ent.label_ in ("DATE", "TIME") and inside(ranges, ent.start_char)
        ]
        score(systems["spaCy + dateparser"], gold, first_version, None)
        score(systems["dateparser search_dates"], gold, search_dates_baseline(gold_doc, ranges), None)
    report = Report(f"times: TIMEX3 on MEANTIME English ({len(documents)} articles, annotated sentences)")
    for system, s in systems.items():
        report.add("extraction strict", system, s.strict)
    for system, s in systems.items():
        report.add("extraction relaxed", system, s.relaxed)
    for system, s in systems.items():
        report.add(
            "value accuracy (of relaxed matches)", system, s.value, VALUE_TARGET if system == "tacitus" else None
        )
    for system, s in systems.items():
        report.add("value F1", system, s.value_f1)
    for system, s in systems.items():
        report.add("type accuracy (of relaxed matches)", system, s.type)
    for path, accuracy in sorted(by_path.items()):
        report.add(f"value accuracy, valued by {path}", "tacitus", accuracy)
    report.notes.append("tacitus expressions found by: " + ", ".join(f"{k} {v}" for k, v in found_by.most_common()))
    report.notes.append("tacitus expressions valued by: " + ", ".join(f"{k} {v}" for k, v in valued_by.most_common()))
    report.notes.append(
        "Dateline (creation time) excluded; MEANTIME annotates only the title and first five sentences, and only "
        "expressions there are scored."
    )
    return report
