"""``tacitus watch``: poll feeds on an interval and code what is new into the store.

Each poll asks each feed conditionally (``If-None-Match`` / ``If-Modified-Since`` with the validators its
last answer gave), so an unchanged feed costs one small 304 answer. A changed feed's entries whose article is
stored already are skipped without fetching their page (their id is the hash of their link); the others are
fetched, coded and stored like any ingest. What each feed answered is kept in the store's ``feeds`` table,
after its articles, so a watcher stopped at any point (Ctrl-C, SIGKILL, a reboot) and started again neither
re-ingests nor misses anything. Each poll logs one line: feeds asked, new articles, skipped, failed.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from tacitus.errors import TacitusError
from tacitus.ingest.article import ReadOptions
from tacitus.ingest.feeds import read_feed_bytes
from tacitus.ingest.urls import Fetcher, canonical_url
from tacitus.run import code_items, failure_of
from tacitus.store import FeedState, Store

_INTERVAL = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)", re.IGNORECASE)
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """Seconds in an interval such as ``90s``, ``15m``, ``1h30m`` or ``2h`` (a bare number is seconds)."""
    spec = text.strip().lower()
    parts = _INTERVAL.findall(spec)
    if not spec or not parts or _INTERVAL.sub("", spec).strip():
        raise TacitusError("E604", value=text)
    seconds = sum(float(number) * _UNIT_SECONDS[unit] for number, unit in parts)
    if seconds <= 0:
        raise TacitusError("E604", value=text)
    return seconds


@dataclass
class FeedPoll:
    """What one feed gave in one poll."""

    url: str
    status: int | None  # HTTP status; None when it could not be fetched
    new: int = 0
    skipped: int = 0
    failed: int = 0


@dataclass
class Poll:
    number: int
    at: datetime
    feeds: list[FeedPoll]

    @property
    def new(self) -> int:
        return sum(f.new for f in self.feeds)

    @property
    def skipped(self) -> int:
        return sum(f.skipped for f in self.feeds)

    @property
    def failed(self) -> int:
        return sum(f.failed for f in self.feeds)

    def line(self) -> str:
        unchanged = sum(1 for f in self.feeds if f.status == 304)
        unreachable = sum(1 for f in self.feeds if f.status is None or f.status >= 400)
        count = len(self.feeds)
        return (
            f"{self.at.strftime('%Y-%m-%dT%H:%M:%SZ')} poll {self.number}: {count} feed{'s' if count != 1 else ''} "
            f"({unchanged} not modified, {unreachable} unreachable): "
            f"new {self.new}, skipped {self.skipped}, failed {self.failed}"
        )


def poll_feed(url: str, store: Store, executor, fetcher: Fetcher, options: ReadOptions, dedup=None) -> FeedPoll:
    """Ask one feed for what changed and code its new articles into the store (``dedup``: the watcher's
    :class:`~tacitus.scale.dedup.Deduplicator`, so that the index is not rebuilt at every poll)."""
    url = canonical_url(url)
    state = store.feed_state(url)
    now = datetime.now(UTC).replace(tzinfo=None)
    try:
        response = fetcher.get(url, etag=state and state.etag, last_modified=state and state.last_modified)
    except TacitusError as error:
        store.add_failures([failure_of(error)])
        status = int(error.reason.split()[-1]) if error.code == "E120" else None
        keep = state or FeedState(url)
        store.save_feed_state(replace(keep, polled_at=now, status=status, new_count=0, skipped_count=0, failed_count=1))
        return FeedPoll(url, status, failed=1)
    if response.status == 304:
        store.save_feed_state(
            replace(state or FeedState(url), polled_at=now, status=304, new_count=0, skipped_count=0, failed_count=0)
        )
        return FeedPoll(url, 304)
    items = read_feed_bytes(response.body, url, replace(options, fetcher=fetcher, known_ids=store.existing_ids))
    tally = code_items(items, executor=executor, store=store, deduplicator=dedup)
    result = FeedPoll(url, response.status, tally.stored, tally.skipped, tally.failed)
    # Saved after the articles: a watcher killed before this line asks again in full, and skips what it has.
    store.save_feed_state(
        FeedState(
            url,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            polled_at=now,
            status=response.status,
            new_count=result.new,
            skipped_count=result.skipped,
            failed_count=result.failed,
        )
    )
    return result


def poll_once(
    feeds: Sequence[str], store: Store, executor, fetcher: Fetcher, options: ReadOptions, number: int = 1, dedup=None
) -> Poll:
    at = datetime.now(UTC)
    return Poll(number, at, [poll_feed(url, store, executor, fetcher, options, dedup) for url in feeds])


def watch(
    feeds: Sequence[str],
    store: Store,
    executor,
    *,
    every: float,
    polls: int | None = None,
    fetcher: Fetcher | None = None,
    options: ReadOptions | None = None,
    log: Callable[[str], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Poll]:
    """Poll ``feeds`` every ``every`` seconds (``polls`` times, or until interrupted); log one line per poll."""
    fetcher = fetcher or Fetcher()
    options = options or ReadOptions()
    log = log or (lambda line: print(f"tacitus watch: {line}", file=sys.stderr, flush=True))
    from tacitus.scale.dedup import Deduplicator

    dedup = Deduplicator.from_store(store)  # once: the watcher is the store's one writer while it runs
    done: list[Poll] = []
    number = 0
    while polls is None or number < polls:
        number += 1
        started = time.monotonic()
        poll = poll_once(feeds, store, executor, fetcher, options, number, dedup)
        log(poll.line())
        done.append(poll)
        if polls is not None and number >= polls:
            break
        sleep(max(0.0, every - (time.monotonic() - started)))
    return done
