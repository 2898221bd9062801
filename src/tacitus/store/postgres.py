"""The server store: PostgreSQL (``postgresql://user@host/db``), through psycopg 3 and a connection pool.

Same tables as the embedded store (:data:`~tacitus.store.schema.TABLES`), same queries
(:mod:`tacitus.store.query`). Rows go in with ``COPY``; writers take a lock on ``articles`` so that two
``tacitus ingest`` runs against one database never store an article twice. A store opened read-only (as
``tacitus serve`` opens it without a write token) runs every statement in read-only transactions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from decimal import Decimal

import pyarrow as pa

from tacitus.errors import TacitusError, one_line
from tacitus.record import Record
from tacitus.store.base import Store
from tacitus.store.postgres_scale import PostgresScale
from tacitus.store.query import BACKFILL_EVENTS, SQL, PostgresDialect
from tacitus.store.schema import FAILURE_UPSERT, INDEXES, TABLES, Batch, Failure
from tacitus.store.schema import create_statements as schema_statements

SQL_TYPES = {
    "text": "TEXT", "int": "BIGINT", "float": "DOUBLE PRECISION", "date": "DATE", "json": "JSON",
    "text[]": "TEXT[]", "timestamp": "TIMESTAMP", "blob": "BYTEA",
}  # fmt: skip
# JSON, not JSONB: JSONB reorders keys, and an exported record must be the record that was stored.

NUMERIC = 1700  # PostgreSQL's type oid for NUMERIC, which sum() of integers returns
# PostgreSQL type oids -> Arrow types, so that both backends give the same column types (even when empty).
ARROW_OF_OID = {
    16: pa.bool_(), 20: pa.int64(), 21: pa.int64(), 23: pa.int64(), 25: pa.string(), 1043: pa.string(),
    700: pa.float64(), 701: pa.float64(), 1082: pa.date32(), 1114: pa.timestamp("us"), 114: pa.string(),
    1009: pa.list_(pa.string()), 1015: pa.list_(pa.string()), 17: pa.binary(),
}  # fmt: skip


def create_statements() -> list[str]:
    # Columns added since a store was made are added to it in place (ADD COLUMN IF NOT EXISTS).
    statements = schema_statements(SQL_TYPES)
    for table, columns in TABLES.items():
        for column, kind in columns.items():
            statements.append(f'ALTER TABLE {table} ADD COLUMN IF NOT EXISTS "{column}" {SQL_TYPES[kind]}')
    for table, indexes in INDEXES.items():
        for columns in indexes:
            name = re.sub(r"\W+", "_", f"{table}_{'_'.join(columns)}").strip("_") + "_idx"
            statements.append(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({', '.join(columns)})")
    return statements


def _plain(value: object, integral: bool) -> object:
    if isinstance(value, Decimal):
        return int(value) if integral else float(value)
    return value


class PostgresStore(PostgresScale, Store):
    dialect = PostgresDialect()

    def __init__(self, url: str, *, read_only: bool = False, pool_size: int = 8) -> None:
        import psycopg
        from psycopg_pool import ConnectionPool

        self.url = url
        self.read_only = read_only
        self._psycopg = psycopg
        kwargs: dict = {"autocommit": False}
        if read_only:
            kwargs["options"] = "-c default_transaction_read_only=on"
        try:
            # One plain connection first: a wrong URL fails at once with the server's reason, not after the
            # pool's retries.
            psycopg.connect(url, connect_timeout=10).close()
            self.pool = ConnectionPool(
                url, min_size=1, max_size=pool_size, kwargs=kwargs, open=True, timeout=10, name="tacitus"
            )
            self.pool.wait(timeout=10)
            if not read_only:
                self._upgrade()
        except (psycopg.Error, Exception) as error:
            if isinstance(error, TacitusError):
                raise
            raise TacitusError("E006", url=_safe(url), reason=one_line(error) or type(error).__name__) from error

    def _upgrade(self) -> None:
        with self.pool.connection() as conn:
            # One upgrader at a time: two processes creating the same tables at once would collide.
            conn.execute("SELECT pg_advisory_xact_lock(7316)")
            had_names = conn.execute(
                "SELECT 1 FROM information_schema.columns WHERE table_name = 'events' AND column_name = 'source_name'"
                " AND table_schema = current_schema()"
            ).fetchone()
            had_events = conn.execute(
                "SELECT 1 FROM information_schema.tables WHERE table_name = 'events'"
                " AND table_schema = current_schema()"
            ).fetchone()
            for statement in create_statements():
                conn.execute(statement)
            if had_events and not had_names:
                conn.execute(BACKFILL_EVENTS)

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        with self.pool.connection() as conn:
            rows = conn.execute("SELECT id FROM articles WHERE id = ANY(%s)", [list(ids)]).fetchall()
        return {row[0] for row in rows}

    def add_records(self, records: Sequence[Record | dict]) -> int:
        return self.add_batch(Batch(records=list(records)))

    def add_table(self, name: str, rows: pa.Table) -> None:
        with self.pool.connection() as conn, conn.transaction():
            for batch in rows.to_batches(max_chunksize=50_000):
                self._copy(conn, name, batch.to_pylist())

    @staticmethod
    def _copy(conn, name: str, rows: Sequence[dict]) -> None:
        columns = TABLES[name]
        names = ", ".join(f'"{c}"' for c in columns)
        with conn.cursor().copy(f"COPY {name} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(tuple(row.get(c) for c in columns))

    def add_failures(self, failures: Sequence[Failure]) -> None:
        if not failures:
            return
        now = datetime.now(UTC).replace(tzinfo=None)
        with self.pool.connection() as conn, conn.cursor() as cursor:
            cursor.executemany(FAILURE_UPSERT.format("%s"), [(f.input, f.code, f.reason, now) for f in failures])

    def records(self, ids: Iterable[str] | None = None) -> Iterator[dict]:
        # Records come back as text (::text) so that each is exactly the JSON that was stored.
        with self.pool.connection() as conn, conn.cursor(name="tacitus_records") as cursor:
            if ids is None:
                cursor.execute("SELECT record::text FROM articles ORDER BY seq")
            else:
                cursor.execute("SELECT record::text FROM articles WHERE id = ANY(%s) ORDER BY seq", [list(ids)])
            while rows := cursor.fetchmany(500):
                for (record,) in rows:
                    yield json.loads(record)

    def counts(self) -> dict[str, int]:
        with self.pool.connection() as conn:
            return {name: conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in TABLES}

    def fetch(self, sql: SQL) -> pa.Table:
        with self.pool.connection() as conn, conn.cursor() as cursor:
            cursor.execute(sql.text, sql.params)
            return self._arrow(cursor)

    @staticmethod
    def _arrow(cursor) -> pa.Table:
        rows = cursor.fetchall()
        arrays, names = [], []
        for index, description in enumerate(cursor.description):
            values = [row[index] for row in rows]
            kind = ARROW_OF_OID.get(description.type_code)
            if description.type_code == NUMERIC:
                integral = all(v is None or v == int(v) for v in values)
                values = [_plain(v, integral) for v in values]
                kind = pa.int64() if integral else pa.float64()
            if description.type_code == 114:  # json: back to its text, as DuckDB gives it
                values = [None if v is None else json.dumps(v, ensure_ascii=False) for v in values]
            arrays.append(pa.array(values, type=kind))
            names.append(description.name)
        return pa.table(arrays, names=names)

    def close(self) -> None:
        self.pool.close()


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url
