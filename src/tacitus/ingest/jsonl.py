"""JSON Lines: one article per line, ``text`` required; ``id``, ``title``, ``url``, ``source``,
``published``, ``language`` optional. A bad line is one failure; the other lines go on."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from tacitus.errors import TacitusError, one_line
from tacitus.ingest.article import ReadOptions, build_article, looks_binary
from tacitus.record import Article

FIELDS = ("id", "title", "url", "source", "published", "language")


def read_jsonl(lines: Iterable[bytes], where: str, options: ReadOptions) -> Iterator[Article | TacitusError]:
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        line_where = f"{where}:{number}"
        try:
            yield article_from_json(raw, line_where, options)
        except TacitusError as error:
            yield error


def article_from_json(raw: bytes, where: str, options: ReadOptions) -> Article:
    if len(raw) > options.max_bytes * 2:  # JSON escaping at most roughly doubles the text
        raise TacitusError("E105", where, size=len(raw), limit=options.max_bytes)
    if looks_binary(raw):
        raise TacitusError("E102", where)
    try:
        item = json.loads(raw)
    except UnicodeDecodeError as error:
        raise TacitusError("E103", where, encoding="UTF-8", byte=raw[error.start], offset=error.start) from error
    except json.JSONDecodeError as error:
        raise TacitusError("E107", where, reason=one_line(error)) from error
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise TacitusError("E108", where)
    for field in FIELDS:
        value = item.get(field)
        if value is not None and (not isinstance(value, str | int) or isinstance(value, bool)):
            raise TacitusError("E109", where, field=field, expected="a string")
    return build_article(item["text"], where, options, **{f: item.get(f) for f in FIELDS})
