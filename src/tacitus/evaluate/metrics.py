"""Scores and the one table every evaluation prints.

Like scikit-learn's metrics, every scorer takes gold and predicted items in the same form. A
:class:`Report` holds rows of (measure, system, score) with an optional target, prints as a table beside
its baseline and writes the same content as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table


@dataclass
class Score:
    """Precision, recall and F1 from counts of true positives, false positives and false negatives."""

    tp: float = 0
    fp: float = 0
    fn: float = 0

    def add(self, gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> Score:
        gold, predicted = set(gold), set(predicted)
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)
        return self

    def __iadd__(self, other: Score) -> Score:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> float:
        return self.tp + self.fn

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}  # fmt: skip


@dataclass
class Accuracy:
    correct: float = 0
    total: float = 0

    def add(self, is_correct: bool) -> Accuracy:
        self.correct += bool(is_correct)
        self.total += 1
        return self

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def as_dict(self) -> dict:
        return {"accuracy": round(self.value, 4), "correct": self.correct, "total": self.total}


@dataclass
class Row:
    measure: str
    system: str
    score: Score | Accuracy
    target: float | None = None  # the F1 or accuracy this measure should reach

    @property
    def headline(self) -> float:
        return self.score.f1 if isinstance(self.score, Score) else self.score.value

    @property
    def met(self) -> bool | None:
        return None if self.target is None else self.headline >= self.target

    def as_dict(self) -> dict:
        return {"measure": self.measure, "system": self.system, **self.score.as_dict(),
                "target": self.target, "met": self.met}  # fmt: skip


@dataclass
class Report:
    title: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, measure: str, system: str, score: Score | Accuracy, target: float | None = None) -> Report:
        self.rows.append(Row(measure, system, score, target))
        return self

    def row(self, measure: str, system: str) -> Row:
        return next(r for r in self.rows if r.measure == measure and r.system == system)

    def to_dict(self) -> dict:
        return {"title": self.title, "rows": [r.as_dict() for r in self.rows], "notes": self.notes}

    def write_json(self, path: str | Path) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")

    def print(self, console: Console | None = None) -> None:
        # A report is read in logs and CI output as much as in terminals: never squeeze its columns.
        console = console or Console(width=max(Console().width, 140))
        table = Table(title=self.title, title_justify="left")
        for name, justify in (("measure", "left"), ("system", "left"), ("P", "right"), ("R", "right"),
                              ("F1 / acc", "right"), ("n", "right"), ("target", "right")):  # fmt: skip
            table.add_column(name, justify=justify)
        for row in self.rows:
            if isinstance(row.score, Score):
                p, r, n = f"{row.score.precision:.3f}", f"{row.score.recall:.3f}", f"{row.score.support:g}"
            else:
                p, r, n = "", "", f"{row.score.total:g}"
            target = "" if row.target is None else f"{row.target:.2f} {'met' if row.met else 'MISSED'}"
            table.add_row(row.measure, row.system, p, r, f"{row.headline:.3f}", n, target)
        console.print(table)
        for note in self.notes:
            console.print(f"  {note}")
