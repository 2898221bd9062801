"""Answers the API has computed, served again while the store cannot have changed under them.

A dashboard asks the same questions over and over (every view reloads its timeline, network, map and the
first page of events on each click), and an event page needs the total of its filter, which stays the same
while the user pages and sorts. On a million events each of these is a scan of the whole table, so the
server keeps the answers (Arrow tables, bounded in bytes, least recently used dropped first) for as long
as they are right:

- a DuckDB store cannot change while it is served except through this server (DuckDB lets no other process
  write a file that a process has open), so its answers stay right until this server stores an article;
- a PostgreSQL store may be written by other processes at any time: an answer is served again only while
  the store's last article (``max(seq)``, an index look-up) is the one it was computed on, and for at most
  ``seconds`` (default 10), for changes that add no article (actor merges);
- this server's own writes (``POST /code?store=true``) clear everything.

Identical requests arriving together are computed once: the others wait for the first one's answer.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

import pyarrow as pa

from tacitus.store import Store
from tacitus.store.duckdb import DuckDBStore
from tacitus.store.query import last_article

DEFAULT_MB = 64
DEFAULT_SECONDS = 10.0


def cache_megabytes() -> int:
    """The answer cache's size from ``TACITUS_API_CACHE_MB`` (0 turns it off), or the default."""
    value = os.environ.get("TACITUS_API_CACHE_MB", "").strip()
    return int(value) if value.isdigit() else DEFAULT_MB


def _size(answer: object) -> int:
    if isinstance(answer, pa.Table):
        return answer.nbytes
    return 64  # a count


class AnswerCache:
    def __init__(self, store: Store, max_bytes: int, seconds: float = DEFAULT_SECONDS) -> None:
        self.store = store
        self.max_bytes = max_bytes
        # A DuckDB file has one writer at most: none (read-only) or this server, which clears on each write.
        # Anything else (PostgreSQL) may be written by others and is checked on each request.
        self.immutable = isinstance(store, DuckDBStore)
        self.seconds = seconds
        self._answers: OrderedDict[Hashable, tuple[object, object, float, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}
        self.hits = self.misses = 0

    def version(self) -> object:
        """What the answers are valid for: nothing to check on an immutable store, else the last article."""
        if self.immutable or self.max_bytes <= 0:
            return None
        return self.store.fetch(last_article(self.store.dialect)).column(0)[0].as_py()

    def get(self, key: Hashable, compute: Callable[[], object]) -> object:
        """The answer for ``key``: kept, or ``compute()`` (once, however many requests ask at the same time)."""
        if self.max_bytes <= 0:
            return compute()
        version = self.version()
        found = self._fresh(key, version)
        if found is not None:
            return found[0]
        with self._lock:
            computing = self._computing.setdefault(key, threading.Lock())
        with computing:
            found = self._fresh(key, version)
            if found is not None:
                return found[0]
            answer = compute()
            self._keep(key, answer, version)
        with self._lock:
            self._computing.pop(key, None)
            self.misses += 1
        return answer

    def peek(self, key: Hashable) -> object | None:
        """The answer kept for ``key`` if it is still right, else None (nothing is computed)."""
        if self.max_bytes <= 0:
            return None
        found = self._fresh(key, self.version())
        return found[0] if found is not None else None

    def put(self, key: Hashable, answer: object) -> None:
        """Keep an answer computed on the side (the total that came with a page of events)."""
        if self.max_bytes > 0:
            self._keep(key, answer, self.version())

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()
            self._bytes = 0

    def _fresh(self, key: Hashable, version: object) -> tuple[object] | None:
        with self._lock:
            kept = self._answers.get(key)
            if kept is None:
                return None
            answer, kept_version, when, size = kept
            stale = kept_version != version or (not self.immutable and time.monotonic() - when > self.seconds)
            if stale:
                del self._answers[key]
                self._bytes -= size
                return None
            self._answers.move_to_end(key)
            self.hits += 1
            return (answer,)

    def _keep(self, key: Hashable, answer: object, version: object) -> None:
        size = _size(answer)
        if size > self.max_bytes // 4:
            return  # one huge answer would push out everything else
        with self._lock:
            old = self._answers.pop(key, None)
            if old is not None:
                self._bytes -= old[3]
            self._answers[key] = (answer, version, time.monotonic(), size)
            self._bytes += size
            while self._bytes > self.max_bytes and self._answers:
                _, dropped = self._answers.popitem(last=False)
                self._bytes -= dropped[3]
