"""RSS and Atom feeds (feedparser): each entry's page is fetched and read as an article.

The entry gives the link, the title and the publication date (a feed's dates are more reliable than a page's
metadata); the page gives the text. Pages are fetched a few at a time, and entries whose article is stored
already (by the id of their link, :func:`tacitus.ingest.urls.url_id`) are not fetched at all.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import BinaryIO

import feedparser

from tacitus.errors import TacitusError, one_line
from tacitus.ingest.article import ReadOptions, Skipped
from tacitus.ingest.urls import canonical_url, fetcher_of, html_article, url_id
from tacitus.record import Article

# Pages fetched at once from one feed: enough to hide network latency, few enough to be polite.
FETCH_CONCURRENCY = 4

Item = Article | TacitusError | Skipped


@dataclass(frozen=True)
class Entry:
    link: str
    title: str | None
    published: str | None  # YYYY-MM-DD

    @property
    def id(self) -> str:
        return url_id(self.link)


def entry_date(entry: feedparser.FeedParserDict) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), UTC).strftime("%Y-%m-%d")


def parse_feed(data: bytes, where: str) -> list[Entry | TacitusError]:
    """The entries of a feed document, in feed order (an entry without a link is an error of its own)."""
    feed = feedparser.parse(data)
    if not feed.entries and (feed.bozo or feed.version == ""):
        reason = one_line(feed.get("bozo_exception") or "no RSS or Atom elements found")
        raise TacitusError("E125", where, reason=reason)
    entries: list[Entry | TacitusError] = []
    for number, entry in enumerate(feed.entries, start=1):
        link = entry.get("link")
        if not link:
            entries.append(TacitusError("E125", f"{where}#entry{number}", reason="the entry has no link"))
            continue
        title = (entry.get("title") or "").strip() or None
        entries.append(Entry(canonical_url(link), title, entry_date(entry)))
    return entries


def fetch_entry(entry: Entry, options: ReadOptions) -> Article | TacitusError:
    try:
        response = fetcher_of(options).get(entry.link)
        return html_article(response, entry.link, options, id=entry.id, title=entry.title, published=entry.published)
    except TacitusError as error:
        return error


def read_feed_bytes(data: bytes, where: str, options: ReadOptions) -> Iterator[Item]:
    """Every article of a feed: fetched pages, errors, and :class:`Skipped` for entries stored already."""
    try:
        entries = parse_feed(data, where)
    except TacitusError as error:
        yield error
        return
    wanted = [e for e in entries if isinstance(e, Entry)]
    known = options.known_ids([e.id for e in wanted]) if options.known_ids and wanted else set()
    seen: set[str] = set()
    to_fetch = []
    for entry in wanted:
        if entry.id not in known and entry.id not in seen:
            to_fetch.append(entry)
        seen.add(entry.id)
    with ThreadPoolExecutor(max_workers=FETCH_CONCURRENCY) as pool:
        pages = pool.map(lambda entry: fetch_entry(entry, options), to_fetch)
        fetched = dict(zip((e.id for e in to_fetch), pages, strict=True))
    yielded: set[str] = set()
    for entry in entries:
        if isinstance(entry, TacitusError):
            yield entry
        elif entry.id in yielded:
            continue  # the same link twice in one feed
        elif entry.id in known:
            yielded.add(entry.id)
            yield Skipped(entry.id, entry.link)
        else:
            yielded.add(entry.id)
            yield fetched[entry.id]


def read_feed(stream: BinaryIO, where: str, options: ReadOptions) -> Iterator[Item]:
    """A feed file (the ``feed`` format of :data:`tacitus.ingest.FORMATS`)."""
    data = stream.read(options.max_bytes * 10 + 1)
    if len(data) > options.max_bytes * 10:
        yield TacitusError("E105", where, size=len(data), limit=options.max_bytes)
        return
    yield from read_feed_bytes(data, where, options)


def count_entries(data: bytes) -> int:
    try:
        return sum(1 for e in parse_feed(data, "") if isinstance(e, Entry)) or 1
    except TacitusError:
        return 1
