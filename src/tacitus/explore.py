"""The store, for analysts in notebooks: the HTTP API's questions, answered as pandas DataFrames.

    >>> import tacitus
    >>> data = tacitus.open("tacitus.duckdb")
    >>> data.events(actor="*police*", quad_class=[3, 4], date_from="2023-01-01")
    >>> data.timeline(source="Israel", target="Hamas", interval="week")

Every method takes the filters of the HTTP API (see :class:`tacitus.store.query.EventFilter`) as keyword
arguments and goes through the same query layer, so a notebook, the dashboard and ``curl`` agree. Columns
are Arrow-backed (``pd.ArrowDtype``): strings stay strings, lists stay lists, missing values stay missing.
Unlike the HTTP API, ``limit=None`` (the default for most methods here) returns every matching row.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from tacitus.store import Store, open_store
from tacitus.store.query import ActorFilter, ArticleFilter, EventFilter, QuoteFilter


def frame(table: pa.Table) -> pd.DataFrame:
    return table.to_pandas(types_mapper=pd.ArrowDtype)


class Explorer:
    """Read-only questions to a store (a DuckDB file or ``postgresql://...``), answered as DataFrames."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def events(self, *, sort: str = "-date", limit: int | None = None, offset: int = 0, **filters) -> pd.DataFrame:
        """Events with their actors' names, codes and countries, and their place."""
        return frame(self.store.events(EventFilter.of(**filters), sort=sort, limit=limit, offset=offset))

    def count_events(self, **filters) -> int:
        return self.store.count_events(EventFilter.of(**filters))

    def timeline(self, *, interval: str = "month", **filters) -> pd.DataFrame:
        """Events and Goldstein sum per period (day, week, month, year) and QuadClass, one row each."""
        return frame(self.store.timeline(EventFilter.of(**filters), interval=interval))

    def quad_classes(self, **filters) -> pd.DataFrame:
        """Events, Goldstein sum and mean per QuadClass."""
        return frame(self.store.by_quad_class(EventFilter.of(**filters)))

    def dyads(self, *, limit: int | None = None, **filters) -> pd.DataFrame:
        """Source-target pairs with events, Goldstein sum, cooperation and conflict counts, heaviest first."""
        return frame(self.store.dyads(EventFilter.of(**filters), limit=limit))

    def places(self, *, limit: int | None = None, **filters) -> pd.DataFrame:
        """Event places with coordinates, events and conflict counts."""
        return frame(self.store.event_places(EventFilter.of(**filters), limit=limit))

    def actors(self, *, sort: str = "-events", limit: int | None = None, offset: int = 0, **filters) -> pd.DataFrame:
        """Actors across articles: name, code, country, type, articles, mentions, events (filters: name,
        code, country, type)."""
        return frame(self.store.actors(ActorFilter.of(**filters), sort=sort, limit=limit, offset=offset))

    def quotes(self, *, limit: int | None = None, offset: int = 0, **filters) -> pd.DataFrame:
        """Quotes with their speaker (filters: speaker, article, kind, text)."""
        return frame(self.store.quotes(QuoteFilter.of(**filters), limit=limit, offset=offset))

    def articles(self, *, limit: int | None = None, offset: int = 0, **filters) -> pd.DataFrame:
        """Articles with their number of events and quotes (filters: text, source, date_from, date_to)."""
        return frame(self.store.articles(ArticleFilter.of(**filters), limit=limit, offset=offset))

    def record(self, article_id: str) -> dict | None:
        """One article's whole ``tacitus/1`` record."""
        return self.store.record(article_id)

    def counts(self) -> dict[str, int]:
        return self.store.counts()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Explorer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<tacitus store {self.store.url}>"


def open_explorer(db_url: str | None = None, *, read_only: bool = True) -> Explorer:
    from tacitus.config import Settings

    return Explorer(open_store(db_url or Settings().db, read_only=read_only))
