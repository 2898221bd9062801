"""The interface every store implements: DuckDB (embedded) and PostgreSQL (server)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence

import pyarrow as pa

from tacitus.record import Record
from tacitus.store.schema import Failure


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

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
