"""Turning raw bytes and fields into a checked :class:`~tacitus.record.Article`."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tacitus.errors import TacitusError
from tacitus.record import Article

# Control characters other than tab, newline, carriage return and form feed do not occur in text files.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read: ``published`` fills in a date for inputs that carry none.

    ``fetcher`` (a :class:`tacitus.ingest.urls.Fetcher`) fetches URLs and feed pages (default: one per
    process); ``known_ids`` says which article ids are stored already, so that a feed's pages that are
    stored are not fetched again (they are yielded as :class:`Skipped`).
    """

    published: str | None = None
    max_bytes: int = 1_000_000
    encoding: str = "utf-8"
    language: str = "en"
    fetcher: Any = None
    known_ids: Callable[[Sequence[str]], set[str]] | None = None


@dataclass(frozen=True)
class Skipped:
    """An article the reader knew was stored already, and so did not read."""

    id: str
    where: str


def content_hash(text: str) -> str:
    """A hash of the text with whitespace normalised: the identity of an article that has no id."""
    return hashlib.sha256(_SPACE.sub(" ", text).strip().encode("utf-8")).hexdigest()


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    return len(_CONTROL.findall(sample)) > max(8, len(sample) // 100)


def decode_text(data: bytes, where: str, options: ReadOptions) -> str:
    """Bytes to text, refusing binary data and text that is not in the expected encoding."""
    if looks_binary(data):
        raise TacitusError("E102", where)
    try:
        text = data.decode(options.encoding)
    except UnicodeDecodeError as error:
        raise TacitusError(
            "E103", where, encoding=options.encoding.upper(), byte=data[error.start], offset=error.start
        ) from error
    except LookupError as error:
        raise TacitusError("E111", where, reason=f"unknown encoding {options.encoding!r}") from error
    return text.removeprefix("\ufeff")


def normalise_date(value: object, where: str) -> str | None:
    """A publication date as ``YYYY-MM-DD``; ISO date-times are cut to their date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, str):
        candidate = value.strip()
        try:
            return datetime.fromisoformat(candidate.replace("Z", "+00:00")).strftime("%Y-%m-%d")
        except ValueError:
            pass
        try:
            return date.fromisoformat(candidate[:10]).isoformat()
        except ValueError:
            pass
    raise TacitusError("E112", where, value=value)


def build_article(
    text: str,
    where: str,
    options: ReadOptions,
    *,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: object = None,
    language: str | None = None,
) -> Article:
    """Check the text and fields of one article and build it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    size = len(text.encode("utf-8"))
    if size > options.max_bytes:
        raise TacitusError("E105", where, size=size, limit=options.max_bytes)
    if not text.strip():
        raise TacitusError("E104", where)
    language = language or options.language
    if options.language and language.split("-")[0].lower() != options.language:
        raise TacitusError("E113", where, language=language, model_language=options.language)
    article = Article(
        id=str(id) if id not in (None, "") else content_hash(text)[:16],
        title=title.strip() if isinstance(title, str) and title.strip() else None,
        url=url or None,
        source=source or None,
        published=normalise_date(published, where) or options.published,
        language=language,
        text=text,
        content_hash=content_hash(text),
    )
    return article.from_origin(where)
