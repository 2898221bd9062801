"""The embedded store: one DuckDB file (default ``tacitus.duckdb``)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from tacitus.errors import TacitusError, one_line
from tacitus.record import Record
from tacitus.store.base import Store
from tacitus.store.query import BACKFILL_EVENTS, SQL
from tacitus.store.schema import (
    FAILURE_UPSERT,
    MERGE_KEY_SQL,
    TABLES,
    Batch,
    Failure,
    FeedState,
    batch_rows,
    create_statements,
    recent_signatures_sql,
    unique_records,
)

LATE_MATERIALIZATION_ROWS = 2000

SQL_TYPES = {
    "text": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "date": "DATE", "json": "JSON",
    "text[]": "VARCHAR[]", "timestamp": "TIMESTAMP", "blob": "BLOB",
}  # fmt: skip
ARROW_TYPES = {
    "text": pa.string(), "int": pa.int64(), "float": pa.float64(), "date": pa.string(), "json": pa.string(),
    "text[]": pa.list_(pa.string()), "timestamp": pa.timestamp("us"), "blob": pa.binary(),
}  # fmt: skip


def missing_columns(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]]:
    """Columns of :data:`TABLES` that a store made by an older tacitus does not have yet."""
    present: dict[str, set[str]] = {}
    for table, column in con.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()"
    ).fetchall():
        present.setdefault(table, set()).add(column)
    return {
        table: {c: kind for c, kind in columns.items() if c not in present[table]}
        for table, columns in TABLES.items()
        if table in present and not set(columns) <= present[table]
    }


def upgrade(con: duckdb.DuckDBPyConnection) -> None:
    """Create missing tables and add missing columns, filling the copies events keep of actors and places."""
    for statement in create_statements(SQL_TYPES):
        con.execute(statement)
    missing = missing_columns(con)
    for table, columns in missing.items():
        for column, kind in columns.items():
            con.execute(f'ALTER TABLE {table} ADD COLUMN "{column}" {SQL_TYPES[kind]}')
    if "events" in missing:
        con.execute(BACKFILL_EVENTS)


class DuckDBStore(Store):
    def __init__(self, path: str, *, read_only: bool = False) -> None:
        self.url = path
        self.read_only = read_only
        self._local = threading.local()
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        try:
            if read_only and not Path(path).exists():
                raise TacitusError("E006", url=path, reason="no such file")
            if not read_only and Path(path).parent != Path(""):
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(path, read_only=read_only)
            if not read_only:
                upgrade(self.con)
            elif missing_columns(self.con):
                # Made by an older tacitus: upgrade it once for writing, then read it as asked.
                self.con.close()
                with duckdb.connect(path) as writable:
                    upgrade(writable)
                self.con = duckdb.connect(path, read_only=True)
        except duckdb.Error as error:
            raise TacitusError("E006", url=path, reason=one_line(error)) from error

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        """One cursor per thread: a DuckDB connection must not be used by two threads at once."""
        cursor = getattr(self._local, "cursor", None)
        if cursor is None:
            cursor = self._local.cursor = self.con.cursor()
            # A page of events is sorted over every matching row; reading the wide columns (evidence text)
            # only for the rows of the page, not for every candidate, makes deep and large pages 1.1-2x faster.
            # DuckDB does that only for pages up to 50 rows (limit + offset) unless told otherwise.
            cursor.execute(f"SET late_materialization_max_rows = {LATE_MATERIALIZATION_ROWS}")
            self._cursors.append(cursor)
        return cursor

    def fetch(self, sql: SQL) -> pa.Table:
        return self._cursor().sql(sql.text, params=sql.params or None).to_arrow_table()

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [list(ids)]).fetchall()
        return {row[0] for row in rows}

    def add_records(self, records: Sequence[Record | dict]) -> int:
        return self.add_batch(Batch(records=list(records)))

    def add_batch(self, batch: Batch) -> int:
        if self.read_only:
            raise TacitusError("E807")
        unique = unique_records(batch.records)
        self.con.execute("BEGIN TRANSACTION")
        try:
            stored = self.existing_ids([d["article"]["id"] for d in unique])
            new = [d for d in unique if d["article"]["id"] not in stored]
            if new:
                seq = self.con.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]
                tables = batch_rows(new, seq, datetime.now(UTC).replace(tzinfo=None), batch)
                for name, rows in tables.items():
                    if rows:
                        self._insert(name, rows)
            self._upsert_failures(batch.failures)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return len(new)

    def _insert(self, name: str, rows: list[dict]) -> None:
        columns = TABLES[name]
        schema = pa.schema([(column, ARROW_TYPES[kind]) for column, kind in columns.items()])
        batch = pa.Table.from_pylist(rows, schema=schema)  # noqa: F841 - read by DuckDB by its name
        names = ", ".join(f'"{c}"' for c in columns)
        casts = ", ".join(f'CAST("{c}" AS {SQL_TYPES[k]})' for c, k in columns.items())
        self.con.execute(f"INSERT INTO {name} ({names}) SELECT {casts} FROM batch")

    def add_table(self, name: str, rows: pa.Table) -> None:
        if name not in TABLES:
            raise TacitusError("E007", what="table", value=name, known=", ".join(TABLES))
        names = ", ".join(f'"{c}"' for c in rows.column_names)
        incoming = rows  # noqa: F841 - read by DuckDB by its name
        self.con.execute(f"INSERT INTO {name} ({names}) SELECT {names} FROM incoming")

    def add_failures(self, failures: Sequence[Failure]) -> None:
        self._upsert_failures(failures)

    def _upsert_failures(self, failures: Sequence[Failure]) -> None:
        if not failures:
            return
        now = datetime.now(UTC).replace(tzinfo=None)
        self.con.executemany(FAILURE_UPSERT.format("?"), [(f.input, f.code, f.reason, now) for f in failures])

    def records(self, ids: Iterable[str] | None = None) -> Iterator[dict]:
        if ids is None:
            cursor = self.con.execute("SELECT record FROM articles ORDER BY seq")
        else:
            cursor = self.con.execute(
                "SELECT record FROM articles WHERE id IN (SELECT unnest(?)) ORDER BY seq", [list(ids)]
            )
        while rows := cursor.fetchmany(500):
            for (record,) in rows:
                yield json.loads(record)

    def counts(self) -> dict[str, int]:
        return {name: self.con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in TABLES}

    def signatures(self, last: int | None = None) -> Iterator[tuple[str, str, bytes]]:
        # The most recent `last` canonical articles, oldest first.
        cursor = self.con.execute(recent_signatures_sql(last))
        while rows := cursor.fetchmany(10_000):
            yield from ((aid, content_hash, bytes(sig)) for aid, content_hash, sig, _ in rows)

    def article_ids(self) -> list[str]:
        return [row[0] for row in self.con.execute("SELECT id FROM articles ORDER BY seq").fetchall()]

    def duplicate_links(self) -> dict[str, str]:
        return dict(self.con.execute("SELECT article_id, canonical_id FROM duplicates").fetchall())

    def unmerged_keys(self) -> list[str]:
        rows = self.con.execute(
            f"SELECT DISTINCT {MERGE_KEY_SQL} AS k FROM events e "
            "LEFT JOIN event_mentions m ON m.article_id = e.article_id AND m.event_id = e.id "
            "WHERE m.merged_id IS NULL AND e.article_id NOT IN (SELECT article_id FROM duplicates) ORDER BY k"
        ).fetchall()
        return [row[0] for row in rows]

    def merge_candidates(self, keys: Sequence[str] | None = None) -> list[dict]:
        where = "e.article_id NOT IN (SELECT article_id FROM duplicates)"
        params: list = []
        if keys is not None:
            where += f" AND {MERGE_KEY_SQL} IN (SELECT unnest(?))"
            params.append(list(keys))
        cursor = self.con.execute(
            f"SELECT {MERGE_KEY_SQL} AS merge_key, e.article_id, e.id AS event_id, e.source_code, e.target_code, "
            "e.cameo, e.cameo_root, e.quad_class, e.goldstein, e.date, a.seq, a.source AS outlet, a.url, "
            "p.name AS place_name, p.geonames_id AS place_geonames_id, p.country AS place_country, "
            "p.lat AS place_lat, p.lon AS place_lon, p.feature AS place_feature "
            "FROM events e JOIN articles a ON a.id = e.article_id "
            "LEFT JOIN places p ON p.article_id = e.article_id AND p.id = e.place "
            f"WHERE {where} ORDER BY merge_key, a.seq, e.sentence, e.id",
            params,
        )
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def replace_merged(self, keys: Sequence[str] | None, merged: Sequence[dict], mentions: Sequence[dict]) -> None:
        self.con.execute("BEGIN TRANSACTION")
        try:
            if keys is None:
                self.con.execute("DELETE FROM event_mentions")
                self.con.execute("DELETE FROM merged_events")
            elif keys:
                self.con.execute(
                    "DELETE FROM event_mentions WHERE merged_id IN "
                    "(SELECT id FROM merged_events WHERE merge_key IN (SELECT unnest(?)))",
                    [list(keys)],
                )
                self.con.execute("DELETE FROM merged_events WHERE merge_key IN (SELECT unnest(?))", [list(keys)])
            if merged:
                self._insert("merged_events", list(merged))
            if mentions:
                self._insert("event_mentions", list(mentions))
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def feed_state(self, url: str) -> FeedState | None:
        columns = list(TABLES["feeds"])
        row = self.con.execute(f"SELECT {', '.join(columns)} FROM feeds WHERE url = ?", [url]).fetchone()
        return FeedState(**dict(zip(columns, row, strict=True))) if row else None

    def save_feed_state(self, state: FeedState) -> None:
        columns = list(TABLES["feeds"])
        values = [getattr(state, c) for c in columns]
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "url")
        self.con.execute(
            f"INSERT INTO feeds ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)}) "
            f"ON CONFLICT (url) DO UPDATE SET {updates}",
            values,
        )

    def close(self) -> None:
        for cursor in self._cursors:
            cursor.close()
        self.con.close()
