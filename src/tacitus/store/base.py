"""The interface every store implements: DuckDB (embedded) and PostgreSQL (server)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence

import pyarrow as pa

from tacitus.record import Record
from tacitus.store.schema import Batch, Failure, FeedState


class Store(ABC):
    """Where coded articles live. Adding is idempotent: an article already stored is skipped."""

    url: str

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

    @abstractmethod
    def table(self, name: str) -> pa.Table:
        """A whole table, for export (``events`` comes joined with its article, actors and place)."""

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

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
