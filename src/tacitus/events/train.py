"""Train the PLOVER event classifier, reproducibly (fixed seed), from the NGEC synthetic stories.

    .venv/bin/python -m tacitus.events.train --ngec ../shared/train/ngec [--out PATH.npz]

Reads ``gpt_synthetic_events_*.csv`` (4,500 machine-written, fictional stories, each labelled with a PLOVER event
type and mode; MIT, from NGEC), holds out 20% (stratified, seed 13) to report accuracy, then fits the final model on
all stories and writes its arrays. The stories are fiction written to train classifiers: only their labels' link
to wording is learned, never their "facts".
"""

from __future__ import annotations

import argparse
import csv
import glob
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split

from tacitus.events.classifier import DEFAULT_CLASSIFIER, VECTORIZER

SEED = 13
MAX_FEATURES = 12000
# NGEC's labels use a few older or misspelt names.
TYPE_NAMES = {"PROTEST": "PROTEST"}
MODE_NAMES = {"PRIMATIVE": "primitive", "SIEZE": "seize"}


def read_stories(folder: Path) -> tuple[list[str], list[str], list[str]]:
    texts, types, modes = [], [], []
    csv.field_size_limit(sys.maxsize)
    for path in sorted(glob.glob(str(folder / "gpt_synthetic_events_*.csv"))):
        with open(path, encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                text = (row.get("text") or "").strip()
                if not text:
                    continue
                event = TYPE_NAMES.get(row["label"], row["label"]).upper()
                mode = MODE_NAMES.get(row.get("mode") or "", (row.get("mode") or "").lower())
                texts.append(text)
                types.append(event)
                modes.append(f"{event}/{mode}")
    return texts, types, modes


def fit(texts: list[str], types: list[str], modes: list[str]):
    vectorizer = TfidfVectorizer(min_df=3, max_features=MAX_FEATURES, **VECTORIZER)
    features = vectorizer.fit_transform(texts)
    type_model = LogisticRegression(C=8.0, max_iter=2000, random_state=SEED).fit(features, types)
    mode_model = LogisticRegression(C=8.0, max_iter=2000, random_state=SEED).fit(features, modes)
    return vectorizer, type_model, mode_model


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ngec", type=Path, default=Path("../shared/train/ngec"))
    parser.add_argument("--out", type=Path, default=Path(DEFAULT_CLASSIFIER))
    args = parser.parse_args(argv)
    texts, types, modes = read_stories(args.ngec)
    print(f"{len(texts)} stories, {len(set(types))} event types, {len(set(modes))} type/mode labels")
    train_idx, test_idx = train_test_split(np.arange(len(texts)), test_size=0.2, random_state=SEED, stratify=types)
    pick = lambda items, idx: [items[i] for i in idx]  # noqa: E731
    vectorizer, type_model, mode_model = fit(pick(texts, train_idx), pick(types, train_idx), pick(modes, train_idx))
    held_out = vectorizer.transform(pick(texts, test_idx))
    type_accuracy = accuracy_score(pick(types, test_idx), type_model.predict(held_out))
    mode_accuracy = accuracy_score(pick(modes, test_idx), mode_model.predict(held_out))
    print(
        f"held-out (20%, seed {SEED}): event type accuracy {type_accuracy:.3f}, type/mode accuracy {mode_accuracy:.3f}"
    )
    vectorizer, type_model, mode_model = fit(texts, types, modes)
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out,
        vocabulary=np.array(vocabulary),
        idf=vectorizer.idf_.astype(np.float32),
        type_coef=type_model.coef_.astype(np.float16),
        type_intercept=type_model.intercept_.astype(np.float32),
        types=np.array(type_model.classes_),
        mode_coef=mode_model.coef_.astype(np.float16),
        mode_intercept=mode_model.intercept_.astype(np.float32),
        modes=np.array(mode_model.classes_),
        held_out_type_accuracy=np.float32(type_accuracy),
        held_out_mode_accuracy=np.float32(mode_accuracy),
    )
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
