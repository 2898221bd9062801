"""Measuring tacitus against gold data: ``tacitus eval NAME``.

Each evaluation is a module here with ``evaluate(gold_dir, settings, limit=None) -> Report`` that codes the
gold documents with tacitus and with a baseline, and scores both with the same scorer.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from tacitus.config import Settings
from tacitus.errors import TacitusError
from tacitus.evaluate.metrics import Accuracy, Report, Score

__all__ = ["EVALUATIONS", "Accuracy", "Report", "Score", "run_evaluation"]

# Evaluation name -> module implementing it.
EVALUATIONS: dict[str, str] = {
    "actors": "tacitus.evaluate.actors",
    "events": "tacitus.evaluate.events",
    "times": "tacitus.evaluate.times",
    "places": "tacitus.evaluate.places",
    "quotes": "tacitus.evaluate.quotes",
}

DEFAULT_GOLD_DIR = Path("../shared/gold")


def run_evaluation(name: str, gold_dir: Path, settings: Settings, limit: int | None = None) -> Report:
    if name not in EVALUATIONS:
        raise TacitusError("E007", what="evaluation", value=name, known=", ".join(sorted(EVALUATIONS)) or "none")
    module = importlib.import_module(EVALUATIONS[name])
    return module.evaluate(gold_dir, settings, limit=limit)
