"""Build the bundled sample corpus from the Wikinews texts of the MEANTIME and GUM gold sets.

    python scripts/make_sample_corpus.py ../shared/gold corpus/wikinews

Only the texts and their metadata are copied (CC BY; see NOTICE), never the gold annotations.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tacitus.evaluate.gold import load_gum, load_meantime


def main(gold_dir: str, out_dir: str) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, docs, license_ in (
        ("meantime", load_meantime(gold_dir), "CC BY 4.0 (NewsReader MEANTIME; text from Wikinews)"),
        ("gum", load_gum(gold_dir), "CC BY 2.5 (Wikinews, via the GUM corpus)"),
    ):
        with open(out / f"wikinews-{name}.jsonl", "w", encoding="utf-8") as stream:
            for doc in docs:
                item = {
                    "id": f"wikinews-{name}-{doc.id}",
                    "title": doc.title,
                    "url": doc.url,
                    "source": "Wikinews",
                    "published": doc.published,
                    "license": license_,
                    "text": doc.text,
                }
                stream.write(json.dumps(item, ensure_ascii=False) + "\n")
        print(f"{name}: {len(docs)} articles")


if __name__ == "__main__":
    main(*sys.argv[1:3])
