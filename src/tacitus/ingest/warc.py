"""WARC archives (warcio): each HTML page answered with 200 becomes an article.

The article's URL is the record's ``WARC-Target-URI`` and its id the hash of that URL (as for fetched pages),
its date the page's own publication date, else the capture date ``WARC-Date``. Requests, metadata, revisits,
redirects and non-HTML responses (images, scripts) are passed over: an archive of a crawl holds many.
Compressed (``.warc.gz``, record by record) and plain archives are read alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from tacitus.errors import TacitusError, one_line
from tacitus.ingest.article import ReadOptions, normalise_date
from tacitus.ingest.html import read_html
from tacitus.ingest.urls import HTML_TYPES, canonical_url, url_id
from tacitus.record import Article

Item = Article | TacitusError


ARCHIVE_STARTS = (b"WARC/", b"filedesc://")


def starts_archive(head: bytes) -> bool:
    """Whether these first bytes open a WARC or ARC file, compressed or not."""
    import zlib

    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head)
        except zlib.error:
            return False
    return head.startswith(ARCHIVE_STARTS)


def html_responses(stream: BinaryIO, where: str) -> Iterator[tuple[str, str | None, str | None, object]]:
    """(url, capture date, charset, record) of each successful HTML response in the archive."""
    head = stream.peek(512)[:512] if hasattr(stream, "peek") else b""
    if head and not starts_archive(head):
        raise TacitusError("E124", where, reason="it does not start with a WARC or ARC record")
    records = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            records += 1
            if record.rec_type != "response" or record.http_headers is None:
                continue
            if record.http_headers.get_statuscode() != "200":
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            media_type = content_type.split(";")[0].strip().lower()
            if media_type and media_type not in HTML_TYPES:
                continue
            charset = None
            for part in content_type.split(";")[1:]:
                name, _, value = part.partition("=")
                if name.strip().lower() == "charset" and value.strip():
                    charset = value.strip().strip('"').lower()
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            yield canonical_url(url.strip("<>")), record.rec_headers.get_header("WARC-Date"), charset, record
    except ArchiveLoadFailed as error:
        raise TacitusError("E124", where, reason=one_line(error)) from error
    if records == 0:  # warcio reads text that is no archive as an archive of nothing
        raise TacitusError("E124", where, reason="no WARC records found")


def read_warc(stream: BinaryIO, where: str, options: ReadOptions) -> Iterator[Item]:
    """Every HTML page of a WARC archive as an article, or the error that kept it out."""
    from dataclasses import replace

    try:
        for url, captured, charset, record in html_responses(stream, where):
            page = f"{where}#{url}"
            # Read one byte over the limit (with room for markup) to know a page is too big without reading it all.
            limit = options.max_bytes * 10
            data = record.content_stream().read(limit + 1)
            if len(data) > limit:
                yield TacitusError("E105", page, size=len(data), limit=options.max_bytes)
                continue
            try:
                capture_day = normalise_date(captured, page)
            except TacitusError:
                capture_day = None
            read_options = replace(options, encoding=charset) if charset else options
            try:
                yield read_html(data, page, read_options, url=url, id=url_id(url), default_published=capture_day)
            except TacitusError as error:
                if error.code in ("E103", "E111") and charset not in (None, "utf-8"):
                    try:
                        yield read_html(data, page, replace(options, encoding="utf-8"), url=url, id=url_id(url),
                                        default_published=capture_day)  # fmt: skip
                        continue
                    except TacitusError:
                        pass
                yield error
    except TacitusError as error:
        yield error


def count_pages(path: str) -> int:
    """How many HTML pages an archive holds (for the progress bar), reading only record headers."""
    try:
        with open(path, "rb") as stream:
            return sum(1 for _ in html_responses(stream, path)) or 1
    except (OSError, TacitusError):
        return 1
