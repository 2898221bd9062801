"""The interface every store implements: DuckDB (embedded) and PostgreSQL (server).

A backend implements the abstract methods (writing, reading records, running one parameterized query); the
questions analysts ask (events, actors, quotes, aggregates) are written once, here, over
:mod:`tacitus.store.query`, so that the HTTP API, the dashboard and the Python API get the same answers
from either backend.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence

import pyarrow as pa

from tacitus.errors import TacitusError
from tacitus.record import Record
from tacitus.store import query
from tacitus.store.query import SQL, ActorFilter, ArticleFilter, Dialect, EventFilter, QuoteFilter
from tacitus.store.schema import PRIMARY_KEYS, TABLES, Batch, Failure, FeedState

# How exported tables are ordered where their primary key is not the natural order.
TABLE_ORDER = {"articles": ("seq",), "mentions": ("article_id", "actor_id", "start_char")}


class Store(ABC):
    """Where coded articles live. Adding is idempotent: an article already stored is skipped."""

    url: str
    dialect: Dialect = Dialect()

    @abstractmethod
    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of these article ids are already stored."""

    @abstractmethod
    def add_records(self, records: Sequence[Record | dict]) -> int:
        """Store the records of articles not stored yet, all in one transaction; return how many were new."""

    @abstractmethod
    def add_failures(self, failures: Sequence[Failure]) -> None:
        """Record inputs that could not be coded (the same input and error twice is kept once, updated)."""

    @abstractmethod
    def records(self, ids: Iterable[str] | None = None) -> Iterator[dict]:
        """Stored records as ``tacitus/1`` dicts, in the order they were stored."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Rows per table."""

    def table(self, name: str) -> pa.Table:
        """A whole table, for export (``events`` comes joined with its article, actors and place)."""
        if name == "events":
            text = query.EVENTS_JOINED
        elif name in TABLES:
            order = ", ".join(TABLE_ORDER.get(name) or PRIMARY_KEYS[name])
            columns = ", ".join(f'"{c}"' for c in TABLES[name] if c != "record")
            text = f"SELECT {columns} FROM {name} ORDER BY {order}"
        else:
            raise TacitusError("E007", what="table", value=name, known=", ".join(TABLES))
        return self.fetch(SQL(self.dialect, text))

    @abstractmethod
    def add_table(self, name: str, rows: pa.Table) -> None:
        """Append rows to one table as they are, unchecked: for loading generated data in benchmarks."""

    @abstractmethod
    def fetch(self, sql: SQL) -> pa.Table:
        """Run one read-only parameterized query (from :mod:`tacitus.store.query`) and return its rows."""

    @abstractmethod
    def close(self) -> None: ...

    # Corpus scale (tacitus.scale). One writer calls these; each write is one transaction.

    def add_batch(self, batch: Batch) -> int:
        """Store a batch in one transaction: the records of articles not stored yet, the failures, and the
        signatures and duplicate links of the new articles (those of articles already stored are ignored).
        Return how many records were new. A run killed at any point has stored whole batches or nothing."""
        raise NotImplementedError(f"{type(self).__name__} cannot store batches yet")

    def signatures(self, last: int | None = None) -> Iterator[tuple[str, str, bytes]]:
        """(article id, content hash, MinHash signature) of the canonical (not duplicate) stored articles, in the
        order stored; only the most recent ``last`` of them when given."""
        raise NotImplementedError(f"{type(self).__name__} has no signatures yet")

    def article_ids(self) -> list[str]:
        """Every stored article id, in the order stored."""
        return [record["article"]["id"] for record in self.records()]

    def duplicate_links(self) -> dict[str, str]:
        """Duplicate article id -> its canonical article id."""
        raise NotImplementedError(f"{type(self).__name__} has no duplicates yet")

    def unmerged_keys(self) -> list[str]:
        """The merge keys (:data:`~tacitus.store.schema.MERGE_KEY_SQL`) of events not yet in a merged event."""
        raise NotImplementedError(f"{type(self).__name__} cannot merge events yet")

    def merge_candidates(self, keys: Sequence[str] | None = None) -> list[dict]:
        """The events that may merge, with their key, day, place and outlet, for ``keys`` (None: all), in a
        stable order; events of duplicate articles are left out (a reprint is not another report)."""
        raise NotImplementedError(f"{type(self).__name__} cannot merge events yet")

    def replace_merged(self, keys: Sequence[str] | None, merged: Sequence[dict], mentions: Sequence[dict]) -> None:
        """In one transaction, replace the merged events (and their mention links) of ``keys`` (None: all)."""
        raise NotImplementedError(f"{type(self).__name__} cannot merge events yet")

    def feed_state(self, url: str) -> FeedState | None:
        """What the last poll of a watched feed left, or None for a feed never polled."""
        raise NotImplementedError(f"{type(self).__name__} cannot watch feeds yet")

    def save_feed_state(self, state: FeedState) -> None:
        raise NotImplementedError(f"{type(self).__name__} cannot watch feeds yet")

    # The questions analysts ask; every view (HTTP, page, Python) goes through these.

    def events(
        self, filters: EventFilter | None = None, *, sort: str = "-date", limit: int | None = 100, offset: int = 0
    ) -> pa.Table:
        """Events matching ``filters``, one page of them, with their actors' names and their place."""
        return self.fetch(query.select_events(self.dialect, filters or EventFilter(), sort, limit, offset))

    def count_events(self, filters: EventFilter | None = None) -> int:
        return self.fetch(query.count_events(self.dialect, filters or EventFilter())).column(0)[0].as_py()

    def timeline(self, filters: EventFilter | None = None, *, interval: str = "month") -> pa.Table:
        """Events and Goldstein sum per period (day, week, month, year) and QuadClass."""
        return self.fetch(query.timeline(self.dialect, filters or EventFilter(), interval))

    def by_quad_class(self, filters: EventFilter | None = None) -> pa.Table:
        return self.fetch(query.by_quad_class(self.dialect, filters or EventFilter()))

    def dyads(self, filters: EventFilter | None = None, *, limit: int | None = 50) -> pa.Table:
        """Source-target pairs by number of events, heaviest first."""
        return self.fetch(query.dyads(self.dialect, filters or EventFilter(), limit))

    def event_places(self, filters: EventFilter | None = None, *, limit: int | None = 500) -> pa.Table:
        return self.fetch(query.event_places(self.dialect, filters or EventFilter(), limit))

    def actors(
        self, filters: ActorFilter | None = None, *, sort: str = "-events", limit: int | None = 100, offset: int = 0
    ) -> pa.Table:
        return self.fetch(query.actors(self.dialect, filters or ActorFilter(), sort, limit, offset))

    def quotes(self, filters: QuoteFilter | None = None, *, limit: int | None = 100, offset: int = 0) -> pa.Table:
        return self.fetch(query.quotes(self.dialect, filters or QuoteFilter(), limit, offset))

    def articles(self, filters: ArticleFilter | None = None, *, limit: int | None = 100, offset: int = 0) -> pa.Table:
        return self.fetch(query.articles(self.dialect, filters or ArticleFilter(), limit, offset))

    def record(self, article_id: str) -> dict | None:
        """One article's whole ``tacitus/1`` record, or None."""
        rows = self.fetch(query.record(self.dialect, article_id)).column(0).to_pylist()
        if not rows:
            return None
        return rows[0] if isinstance(rows[0], dict) else json.loads(rows[0])

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
