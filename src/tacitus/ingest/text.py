"""Plain text files: the whole file is one article."""

from __future__ import annotations

from tacitus.ingest.article import ReadOptions, build_article, decode_text
from tacitus.record import Article


def read_text(data: bytes, where: str, options: ReadOptions) -> Article:
    return build_article(decode_text(data, where, options), where, options)
