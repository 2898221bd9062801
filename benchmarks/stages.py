"""What each tacitus stage costs per article, beside the cost of spaCy's parse of the same articles.

    .venv/bin/python benchmarks/stages.py [--articles 100]

Parses the sample corpus once, then runs each tacitus stage alone over the parsed documents and prints
milliseconds per article and the share of the parse time each stage adds. Budget: all stages together
at most 25% of the parse (throughput ratio >= 0.8), times and places together at most 10%.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from tacitus.config import Settings
from tacitus.document import to_record
from tacitus.pipeline import STAGE_PREFIX, Pipeline
from tacitus.record import Article

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "wikinews"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100)
    args = parser.parse_args()
    items = [json.loads(line) for path in sorted(CORPUS.glob("*.jsonl")) for line in path.open() if line.strip()]
    articles = [Article(id=i["id"], text=i["text"], published=i.get("published")) for i in items[: args.articles]]
    pipeline = Pipeline(Settings())
    nlp = pipeline.nlp
    model_pipes = [name for name in nlp.pipe_names if not name.startswith(STAGE_PREFIX)]
    list(pipeline.code(articles[:5]))  # warm-up: lazy loads happen outside the timing

    # The parse is timed as the pipeline and benchmarks/throughput.py run it: at the settings' batch size (not
    # spaCy's default of 256), and on a second pass, the first having filled the vocabulary with the corpus's
    # words as the stages' warm-up did not. A first pass at 256 read ~40% slower, and the stages' shares low.
    with nlp.select_pipes(enable=model_pipes):
        for _ in range(2):
            start = time.perf_counter()
            docs = list(nlp.pipe((pipeline.make_doc(a) for a in articles), batch_size=pipeline.settings.batch_size))
            parse_ms = (time.perf_counter() - start) * 1000 / len(docs)
    print(f"{len(docs)} articles; spaCy parse {parse_ms:.1f} ms/article")
    total = 0.0
    for name, component in nlp.pipeline:
        if not name.startswith(STAGE_PREFIX):
            continue
        start = time.perf_counter()
        for doc in docs:
            component(doc)
        ms = (time.perf_counter() - start) * 1000 / len(docs)
        total += ms
        print(f"  {name.removeprefix(STAGE_PREFIX):<10} {ms:7.2f} ms/article  {100 * ms / parse_ms:5.1f}% of parse")
    start = time.perf_counter()
    for doc in docs:
        to_record(doc).to_json()
    ms = (time.perf_counter() - start) * 1000 / len(docs)
    total += ms
    print(f"  {'record':<10} {ms:7.2f} ms/article  {100 * ms / parse_ms:5.1f}% of parse")
    print(f"all stages {total:.2f} ms/article = {100 * total / parse_ms:.1f}% of parse "
          f"(expected throughput ratio {parse_ms / (parse_ms + total):.2f})")  # fmt: skip


if __name__ == "__main__":
    main()
