"""Build wikinews-quotes.jsonl from the hand annotation in wikinews-quotes.txt and the bundled article texts.

    .venv/bin/python tests/data/quotes/build.py

Each annotation names its span by first and last words; this finds them in the article (in text order) and
writes character offsets, so the offsets are exact and the annotation stays readable. It stops with the
line number of any annotation it cannot place.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[2] / "corpus" / "wikinews" / "wikinews-meantime.jsonl"
KINDS = {"D": "direct", "I": "indirect", "M": "mixed"}
NEAR = 400  # how far from its quotation a speaker's words may be, in characters


def occurrences(text: str, words: str) -> list[int]:
    pattern = (r"\b" if words[0].isalnum() else "") + re.escape(words) + (r"\b" if words[-1].isalnum() else "")
    return [m.start() for m in re.finditer(pattern, text)]


def place_quote(text: str, words: str, cursor: int) -> tuple[int, int]:
    first, _, last = words.partition(" … ")
    start = text.find(first, cursor)
    if start < 0:
        raise ValueError(f"quote start {first!r} not found")
    if not last:
        return start, start + len(first)
    end = text.find(last, start + len(first) - len(last) if len(last) < len(first) else start)
    if end < 0:
        raise ValueError(f"quote end {last!r} not found")
    return start, end + len(last)


def place_near(text: str, words: str, start: int, end: int, before_only: bool = False) -> dict:
    """The occurrence of ``words`` nearest the span: "<words" takes the nearest before it, ">words" after it;
    reported speech (``before_only``) names its speaker first, so an occurrence before it is preferred."""
    if words[0] in "<>":
        before_only, after_only, words = words[0] == "<", words[0] == ">", words[1:]
    else:
        after_only = False

    def distance(at: int) -> int:
        if at + len(words) <= start:
            return start - (at + len(words)) + (10_000 if after_only else 0)
        if at >= end:
            return at - end + (10_000 if before_only else 0)
        return 5_000  # inside the quotation: only when nothing outside fits

    found = occurrences(text, words)
    if not found:
        raise ValueError(f"speaker {words!r} not found")
    at = min(found, key=distance)
    if NEAR < distance(at) % 10_000 != 5_000 and not before_only:
        raise ValueError(f"speaker {words!r} is {distance(at)} characters from the quotation")
    return {"start": at, "end": at + len(words), "text": text[at : at + len(words)]}


def build() -> int:
    articles = {}
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        articles[item["id"].removeprefix("wikinews-meantime-")] = item
    annotated: dict[str, list[dict]] = {}
    cursors: dict[str, int] = {}
    for number, line in enumerate((HERE / "wikinews-quotes.txt").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split(" | ")]
        try:
            article_id, kind, words, speaker = fields[:4]
            names = [n.strip() for n in fields[4].split(" ; ")] if len(fields) > 4 else []
            text = articles[article_id]["text"]
            start, end = place_quote(text, words, cursors.get(article_id, 0))
            cursors[article_id] = start
            quote = {"start": start, "end": end, "text": text[start:end], "kind": KINDS[kind]}
            reported = kind != "D" and not speaker.startswith((">", "<"))
            quote["speaker"] = None if speaker == "-" else place_near(text, speaker, start, end, reported)
            anchor = quote["speaker"] or quote
            quote["speaker_names"] = [place_near(text, n, anchor["start"], anchor["end"], True) for n in names]
        except (ValueError, KeyError) as error:
            print(f"wikinews-quotes.txt:{number}: {error}", file=sys.stderr)
            return 1
        annotated.setdefault(article_id, []).append(quote)
    with (HERE / "wikinews-quotes.jsonl").open("w", encoding="utf-8") as out:
        for article_id, quotes in annotated.items():
            item = articles[article_id]
            record = {key: item.get(key) for key in ("id", "title", "url", "source", "published", "license", "text")}
            out.write(json.dumps({**record, "quotes": quotes}, ensure_ascii=False) + "\n")
    print(f"{sum(len(q) for q in annotated.values())} quotations in {len(annotated)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(build())
