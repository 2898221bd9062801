"""What the times and places stages cost beside spaCy's parse, measured interleaved.

    .venv/bin/python benchmarks/times_places.py [--articles 100] [--rounds 3]

benchmarks/stages.py times the parse of all articles first and the stages afterwards; on a shared machine
whose load changes from minute to minute the two halves can see different loads. Here each batch of
articles is parsed, then run through the times stage and the places stage, in turn, so that parse and
stages share the load of the moment; the ratios are summed over all batches and rounds. Budget: times and
places together at most 10% of the parse.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from tacitus.config import Settings
from tacitus.pipeline import STAGE_PREFIX, Pipeline
from tacitus.record import Article
from tacitus.times.fallback import dateparser_value

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "wikinews"
BATCH = 10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    items = [json.loads(line) for path in sorted(CORPUS.glob("*.jsonl")) for line in path.open() if line.strip()]
    articles = [Article(id=i["id"], text=i["text"], published=i.get("published")) for i in items[: args.articles]]
    pipeline = Pipeline(Settings(stages=("times", "places")))
    nlp = pipeline.nlp
    model_pipes = [name for name in nlp.pipe_names if not name.startswith(STAGE_PREFIX)]
    stages = {name.removeprefix(STAGE_PREFIX): c for name, c in nlp.pipeline if name.startswith(STAGE_PREFIX)}
    # Warm-up: the gazetteer, spaCy and dateparser (which compiles its patterns on first use) load here.
    list(pipeline.code(articles[:5]))
    dateparser_value("3rd of Jan. 2021", None, "DATE")
    spent = {"parse": 0.0, **dict.fromkeys(stages, 0.0)}
    for round_ in range(args.rounds):
        before = dict(spent)
        for at in range(0, len(articles), BATCH):
            batch = articles[at : at + BATCH]
            start = time.perf_counter()
            with nlp.select_pipes(enable=model_pipes):
                docs = list(nlp.pipe(pipeline.make_doc(a) for a in batch))
            spent["parse"] += time.perf_counter() - start
            for name, component in stages.items():
                start = time.perf_counter()
                for doc in docs:
                    component(doc)
                spent[name] += time.perf_counter() - start
        parse = spent["parse"] - before["parse"]
        print(f"round {round_ + 1}: " + ", ".join(
            f"{name} {100 * (spent[name] - before[name]) / parse:.1f}%" for name in stages))  # fmt: skip
    count = len(articles) * args.rounds
    parse_ms = spent["parse"] * 1000 / count
    print(f"{len(articles)} articles x {args.rounds} rounds; spaCy parse {parse_ms:.1f} ms/article")
    total = 0.0
    for name in stages:
        ms = spent[name] * 1000 / count
        total += ms
        print(f"  {name:<8} {ms:7.2f} ms/article  {100 * ms / parse_ms:5.1f}% of parse")
    print(f"times + places {total:.2f} ms/article = {100 * total / parse_ms:.1f}% of parse (budget 10%)")


if __name__ == "__main__":
    main()
