"""A statistical PLOVER event-type (and mode) classifier that complements the verb patterns.

A linear model (TF-IDF of words and word pairs, multinomial logistic regression; scikit-learn, CPU only) trained
by :mod:`tacitus.events.train` on the NGEC synthetic stories (4,500 stories labelled with PLOVER event type and
mode). The model ships as plain arrays (``data/event_classifier.npz``: vocabulary, IDF weights, coefficients),
not as a pickle, so it loads fast, safely, and the same under any scikit-learn version.

It never invents an event on its own in a sentence the patterns found nothing in (it has no "no event" class:
every training story reports one). ``method``:

- ``patterns``: the verb patterns alone.
- ``classifier``: the classifier alone types every sentence in which patterns or event nouns found an event,
  with the same actors (so both are measured on the same events).
- ``combined``: the patterns' code stands when a pattern matched; where only a verb's default code is known
  ("verb") or an event noun's, a confident classifier that disagrees re-types the event.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from tacitus.document import sentences as document_sentences
from tacitus.errors import TacitusError
from tacitus.events.codebook import codebook

DEFAULT_CLASSIFIER = str(Path(__file__).parent / "data" / "event_classifier.npz")
# Vectorizer settings shared by training and prediction.
VECTORIZER = {
    "lowercase": True,
    "ngram_range": (1, 2),
    "sublinear_tf": True,
    "token_pattern": r"(?u)\b[a-zA-Z][a-zA-Z-]+\b",
}
# Re-type a default-coded event only when the classifier is this sure and gives the default type this little.
RETYPE_MIN = 0.55
RETYPE_OLD_MAX = 0.10


@dataclass
class Prediction:
    type: str
    probability: float
    mode: str | None
    probabilities: dict[str, float]


class EventClassifier:
    def __init__(
        self,
        vocabulary: list[str],
        idf: np.ndarray,
        type_coef: np.ndarray,
        type_intercept: np.ndarray,
        types: list[str],
        mode_coef: np.ndarray,
        mode_intercept: np.ndarray,
        modes: list[str],
    ) -> None:
        # The TF-IDF transform of training (lower case, VECTORIZER's token pattern, word pairs, 1 + log tf, IDF,
        # L2 norm), done directly: scikit-learn's per-call checks cost more than the sums for a few sentences.
        self.vocabulary = {t: i for i, t in enumerate(vocabulary)}
        self.idf = idf.astype(np.float32)
        self.token_pattern = re.compile(VECTORIZER["token_pattern"])
        # Stored as float16 to keep the package small; computed in float32.
        self.type_coef_t = np.ascontiguousarray(type_coef.T.astype(np.float32))
        self.mode_coef_t = np.ascontiguousarray(mode_coef.T.astype(np.float32))
        self.type_intercept, self.types = type_intercept, types
        self.mode_intercept, self.modes = mode_intercept, modes
        self._cache: dict[str, Prediction] = {}

    def features(self, text: str) -> np.ndarray:
        words = self.token_pattern.findall(text.lower())
        counts: dict[int, int] = {}
        for term in (*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))):
            index = self.vocabulary.get(term)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        row = np.zeros(len(self.vocabulary), dtype=np.float32)
        if counts:
            indexes = np.fromiter(counts, dtype=np.int64)
            values = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32))
            row[indexes] = values * self.idf[indexes]
            row /= np.linalg.norm(row) or 1.0
        return row

    @staticmethod
    def _softmax(scores: np.ndarray) -> np.ndarray:
        scores = scores - scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def predict(self, texts: list[str]) -> list[Prediction]:
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            features = np.vstack([self.features(text) for text in missing])
            type_probs = self._softmax(features @ self.type_coef_t + self.type_intercept)
            mode_scores = features @ self.mode_coef_t + self.mode_intercept
            for row, text in enumerate(missing):
                best = int(type_probs[row].argmax())
                event_type = self.types[best]
                # The mode: the best-scoring "TYPE/mode" label of the predicted type ("/" alone: no mode).
                candidates = [i for i, m in enumerate(self.modes) if m.split("/")[0] == event_type]
                mode = None
                if candidates:
                    mode = self.modes[max(candidates, key=lambda i: mode_scores[row, i])].split("/", 1)[1] or None
                probabilities = {t: float(p) for t, p in zip(self.types, type_probs[row], strict=True)}
                self._cache[text] = Prediction(event_type, float(type_probs[row, best]), mode, probabilities)
            if len(self._cache) > 5000:
                self._cache.clear()
        return [self._cache[t] for t in texts]

    # Combining with the patterns ---------------------------------------------------------------------

    def apply(self, doc, codings: list, method: str, coder) -> list:
        if method == "patterns" or not codings:
            return codings
        # Only events whose type rests on a verb's default code or an event noun can change (classifier-only
        # mode types them all): the others are not classified, which keeps the stage fast.
        chosen = [c for c in codings if method == "classifier" or c.method in ("verb", "nominal")]
        if not chosen:
            return codings
        sentences = document_sentences(doc)
        predictions = self.predict([sentences[c.sentence].text for c in chosen])
        book = codebook()
        for coding, prediction in zip(chosen, predictions, strict=True):
            current = book.plover(coding.code).type if coding.code in book else None
            if method == "classifier":
                coding.code = book.representative(prediction.type, prediction.mode)
                coding.method = "classifier"
                coding.pattern = None
                coding.confidence = round(min(0.99, 0.3 + 0.6 * prediction.probability), 2)
                continue
            if current is None:
                continue
            p_current = prediction.probabilities.get(current, 0.0)
            if (
                coding.method in ("verb", "nominal")
                and prediction.type != current
                and prediction.probability >= RETYPE_MIN
                and p_current <= RETYPE_OLD_MAX
            ):
                coding.code = book.representative(prediction.type, prediction.mode)
                coding.method = f"{coding.method}+classifier"
                coding.confidence = round(min(0.99, 0.35 + 0.5 * prediction.probability), 2)
            elif prediction.type == current:
                coding.confidence = round(min(0.99, coding.confidence + 0.1), 2)
        return codings


@cache
def load_classifier(path: str) -> EventClassifier:
    try:
        data = np.load(path, allow_pickle=False)
        return EventClassifier(
            [str(t) for t in data["vocabulary"]],
            data["idf"].astype(np.float64),
            data["type_coef"],
            data["type_intercept"].astype(np.float32),
            [str(t) for t in data["types"]],
            data["mode_coef"],
            data["mode_intercept"].astype(np.float32),
            [str(m) for m in data["modes"]],
        )
    except (OSError, KeyError, ValueError) as error:
        raise TacitusError("E402", path=path, reason=str(error)) from error
