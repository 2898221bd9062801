"""Inputs to articles: files, directories, globs, standard input and URLs, in text, HTML, JSON Lines, WARC
archives and RSS/Atom feeds.

:func:`read_inputs` yields, in order, an :class:`~tacitus.record.Article` for each article read or a
:class:`~tacitus.errors.TacitusError` for each input (or JSON line) that could not be read, so that one bad
input never stops a batch. The format is chosen by file extension, else sniffed from the first bytes.
"""

from __future__ import annotations

import glob
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from tacitus.errors import TacitusError, one_line
from tacitus.ingest.article import ReadOptions, Skipped, build_article
from tacitus.ingest.feeds import count_entries, read_feed
from tacitus.ingest.html import read_html
from tacitus.ingest.jsonl import read_jsonl
from tacitus.ingest.text import read_text
from tacitus.ingest.urls import is_url, read_url
from tacitus.ingest.warc import count_pages, read_warc
from tacitus.record import Article

__all__ = [
    "FORMATS", "ReadOptions", "Skipped", "build_article", "count_articles", "expand_inputs", "is_url", "read_inputs",
]  # fmt: skip

Item = Article | TacitusError | Skipped
Reader = Callable[[BinaryIO, str, ReadOptions], Iterator[Item]]

STDIN = "-"


def _whole(read: Callable[[bytes, str, ReadOptions], Article]) -> Reader:
    """A reader for formats where one file is one article, read whole, refusing files far over the limit."""

    def reader(stream: BinaryIO, where: str, options: ReadOptions) -> Iterator[Item]:
        # HTML carries markup around the text, so allow the file some room before refusing it unread.
        data = stream.read(options.max_bytes * 10 + 1)
        if len(data) > options.max_bytes * 10:
            yield TacitusError("E105", where, size=len(data), limit=options.max_bytes)
            return
        try:
            yield read(data, where, options)
        except TacitusError as error:
            yield error

    return reader


def _jsonl(stream: BinaryIO, where: str, options: ReadOptions) -> Iterator[Item]:
    yield from read_jsonl(stream, where, options)


# Format name -> reader. Other modules may add formats (WARC, feeds) by adding entries and suffixes.
FORMATS: dict[str, Reader] = {
    "text": _whole(read_text), "html": _whole(read_html), "jsonl": _jsonl, "warc": read_warc, "feed": read_feed,
}  # fmt: skip
SUFFIXES: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".warc": "warc", ".warc.gz": "warc", ".arc": "warc", ".arc.gz": "warc",
    ".rss": "feed", ".atom": "feed",
}  # fmt: skip


def gunzipped_head(head: bytes) -> bytes:
    """The first bytes of gzip data, decompressed (for sniffing a ``.gz`` file), or b"" when it is not gzip."""
    if not head.startswith(b"\x1f\x8b"):
        return b""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head)
    except zlib.error:
        return b""


def sniff_format(head: bytes) -> str:
    if head.startswith(b"WARC/") or gunzipped_head(head).startswith(b"WARC/"):
        return "warc"
    start = head.lstrip()[:512].lower()
    if start.startswith(b"{"):
        return "jsonl"
    if any(tag in start for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if start.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in start or b"<p>" in start:
        return "html"
    return "text"


def format_of(path: str, head: bytes) -> str:
    return known_format(path) or sniff_format(head)


def known_format(path: str) -> str | None:
    for suffix, name in SUFFIXES.items():
        if path.lower().endswith(suffix):
            return name
    return None


def expand_inputs(specs: Iterable[str]) -> Iterator[str | TacitusError]:
    """Each spec as paths: a file, every readable file under a directory (sorted), a glob, ``-`` or a URL."""
    for spec in specs:
        if spec == STDIN or is_url(spec):
            yield spec
            continue
        path = Path(spec)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            # In a directory only files of a known format are read: images and notes are left alone.
            yield from (str(p) for p in files if known_format(str(p)))
        elif path.exists():
            yield spec
        elif glob.has_magic(spec):
            matches = sorted(m for m in glob.glob(spec, recursive=True) if Path(m).is_file())
            if not matches:
                yield TacitusError("E110", spec)
            yield from matches
        else:
            yield TacitusError("E101", spec)


def _open(path: str) -> BinaryIO:
    return sys.stdin.buffer if path == STDIN else open(path, "rb")


def read_inputs(specs: Iterable[str], options: ReadOptions | None = None) -> Iterator[Item]:
    """Every article in the inputs, or the error that kept it out, in input order."""
    options = options or ReadOptions()
    for path in expand_inputs(specs):
        if isinstance(path, TacitusError):
            yield path
            continue
        if is_url(path):
            yield from read_url(path, options)
            continue
        where = "<stdin>" if path == STDIN else path
        try:
            stream = _open(path)
        except OSError as error:
            yield TacitusError("E111", where, reason=one_line(error.strerror or error))
            continue
        try:
            head = stream.peek(512) if hasattr(stream, "peek") else b""
            yield from FORMATS[format_of(path, head)](stream, where, options)
        except OSError as error:
            yield TacitusError("E111", where, reason=one_line(error.strerror or error))
        finally:
            if path != STDIN:
                stream.close()


def count_articles(specs: Iterable[str]) -> int | None:
    """How many articles the inputs hold (for a progress bar's ETA), or None when standard input is read."""
    total = 0
    for path in expand_inputs(specs):
        if path == STDIN:
            return None
        if isinstance(path, TacitusError) or is_url(path):
            total += 1  # a URL may serve a feed of many pages: the total grows as they are read
            continue
        try:
            with open(path, "rb") as stream:
                kind = format_of(path, stream.peek(512))
                if kind == "jsonl":
                    total += sum(1 for line in stream if line.strip())
                elif kind == "warc":
                    total += count_pages(path)
                elif kind == "feed":
                    total += count_entries(stream.read())
                else:
                    total += 1
        except OSError:
            total += 1
    return total
