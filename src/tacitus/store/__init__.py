"""Stores: DuckDB embedded (a file path or ``duckdb:///path``) and PostgreSQL (``postgresql://...``)."""

from __future__ import annotations

from tacitus.errors import TacitusError
from tacitus.store.base import Store
from tacitus.store.schema import FACT_TABLES, TABLES, Batch, Duplicate, Failure, FeedState

__all__ = ["FACT_TABLES", "TABLES", "Batch", "Duplicate", "Failure", "FeedState", "Store", "open_store"]


def open_store(url: str, *, read_only: bool = False) -> Store:
    if url.startswith(("postgresql://", "postgres://")):
        from tacitus.store.postgres import PostgresStore

        return PostgresStore(url, read_only=read_only)
    if "://" in url and not url.startswith("duckdb://"):
        raise TacitusError("E005", url=url)
    from tacitus.store.duckdb import DuckDBStore

    return DuckDBStore(url.removeprefix("duckdb://"), read_only=read_only)
