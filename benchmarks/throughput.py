"""Throughput of the whole tacitus pipeline against bare spaCy on the same texts, in the same run.

    .venv/bin/python benchmarks/throughput.py [--min-bytes 1000000] [--batch-size 32] [--rounds 1]

Codes the bundled sample corpus repeated until it holds at least ``--min-bytes`` of text, with bare spaCy
``nlp.pipe`` (the same model, parser on) and with tacitus (parse + every stage + record), and prints
articles/s, words/s, peak memory of each and the ratio tacitus/spaCy. The target for the whole pipeline is a
ratio of at least 0.8. With ``--rounds N`` the two alternate N times and the ratio of each round is printed:
on a machine whose speed drifts (a shared virtual machine) the rounds show how far one figure can be trusted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import threading
import time
from pathlib import Path

import spacy

from tacitus.config import Settings
from tacitus.pipeline import Pipeline
from tacitus.record import Article

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "wikinews"


def load_articles(min_bytes: int) -> list[Article]:
    base = [json.loads(line) for path in sorted(CORPUS.glob("*.jsonl")) for line in path.open() if line.strip()]
    articles, size, copy = [], 0, 0
    while size < min_bytes:
        for item in base:
            articles.append(Article(id=f"{item['id']}#{copy}", text=item["text"], published=item.get("published")))
            size += len(item["text"].encode())
        copy += 1
    return articles


class PeakMemory:
    """Peak resident memory of this process while the block runs, sampled every 20 ms."""

    def __enter__(self) -> PeakMemory:
        self.peak = self.current()
        self._running = True
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._running = False
        self._thread.join()

    def _sample(self) -> None:
        while self._running:
            self.peak = max(self.peak, self.current())
            time.sleep(0.02)

    @staticmethod
    def current() -> int:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def measure(label: str, run, articles: list[Article], words: int) -> dict:
    with PeakMemory() as memory:
        start = time.perf_counter()
        run(articles)
        seconds = time.perf_counter() - start
    result = {
        "system": label,
        "seconds": round(seconds, 2),
        "articles_per_s": round(len(articles) / seconds, 1),
        "words_per_s": round(words / seconds),
        "peak_memory_mb": round(memory.peak / 2**20),
    }
    print(
        f"{label:<12} {result['seconds']:>8.2f} s {result['articles_per_s']:>9.1f} articles/s "
        f"{result['words_per_s']:>9,} words/s  peak {result['peak_memory_mb']:,} MB"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min-bytes", type=int, default=1_000_000)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=1, help="alternate spaCy and tacitus this many times")
    parser.add_argument("--json", type=Path, help="Also write the figures here.")
    args = parser.parse_args()

    settings = Settings(batch_size=args.batch_size)
    articles = load_articles(args.min_bytes)
    nlp = spacy.load(settings.model)
    pipeline = Pipeline(settings)
    words = sum(len(text.split()) for text in (a.text for a in articles))
    size = sum(len(a.text.encode()) for a in articles)
    print(f"{len(articles)} articles, {size:,} bytes, {words:,} words; model {settings.model}; "
          f"stages {', '.join(pipeline.stage_names)}")  # fmt: skip

    # Warm both up on a few articles so that neither pays for first-call set-up inside the timing.
    list(nlp.pipe((a.text for a in articles[:8]), batch_size=args.batch_size))
    list(pipeline.code(articles[:8]))

    rounds = []
    for _ in range(max(1, args.rounds)):
        spacy_result = measure(
            "spacy", lambda arts: list(nlp.pipe((a.text for a in arts), batch_size=args.batch_size)), articles, words
        )
        tacitus_result = measure(
            "tacitus", lambda arts: [o.record.to_json() for o in pipeline.code(arts) if o.ok], articles, words
        )
        ratio = spacy_result["seconds"] / tacitus_result["seconds"]  # from the times, not the rounded rates
        print(f"ratio tacitus/spaCy throughput: {ratio:.3f} (target >= 0.80)")
        rounds.append({"spacy": spacy_result, "tacitus": tacitus_result, "ratio": ratio})
    if len(rounds) > 1:
        ratios = sorted(r["ratio"] for r in rounds)
        print(f"ratios over {len(rounds)} rounds: median {statistics.median(ratios):.3f}, "
              f"range {ratios[0]:.3f}-{ratios[-1]:.3f}")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(rounds if len(rounds) > 1 else rounds[0], indent=2))


if __name__ == "__main__":
    main()
