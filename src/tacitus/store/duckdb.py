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
from tacitus.store.query import BACKFILL_EVENTS, EVENTS_JOINED, SQL
from tacitus.store.schema import PRIMARY_KEYS, TABLES, Failure, record_rows

SQL_TYPES = {
    "text": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "date": "DATE", "json": "JSON",
    "text[]": "VARCHAR[]", "timestamp": "TIMESTAMP",
}  # fmt: skip
ARROW_TYPES = {
    "text": pa.string(), "int": pa.int64(), "float": pa.float64(), "date": pa.string(), "json": pa.string(),
    "text[]": pa.list_(pa.string()), "timestamp": pa.timestamp("us"),
}  # fmt: skip

TABLE_ORDER = {"articles": ("seq",), "mentions": ("article_id", "actor_id", "start_char")}


def create_statements() -> list[str]:
    statements = []
    for table, columns in TABLES.items():
        body = [f'"{name}" {SQL_TYPES[kind]}' for name, kind in columns.items()]
        if table in PRIMARY_KEYS:
            body.append("PRIMARY KEY (" + ", ".join(PRIMARY_KEYS[table]) + ")")
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(body)})")
    return statements


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
    for statement in create_statements():
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
        if self.read_only:
            raise TacitusError("E807")
        dicts = [r.to_dict() if isinstance(r, Record) else r for r in records]
        # Within one batch the same article may come twice (a file listed twice): keep the first.
        unique = list({d["article"]["id"]: d for d in reversed(dicts)}.values())[::-1]
        self.con.execute("BEGIN TRANSACTION")
        try:
            stored = self.existing_ids([d["article"]["id"] for d in unique])
            new = [d for d in unique if d["article"]["id"] not in stored]
            if new:
                seq = self.con.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]
                now = datetime.now(UTC).replace(tzinfo=None)
                tables: dict[str, list[dict]] = {name: [] for name in TABLES if name != "failures"}
                for offset, record in enumerate(new, start=1):
                    for name, rows in record_rows(record, seq + offset, now).items():
                        tables[name].extend(rows)
                for name, rows in tables.items():
                    if rows:
                        self._insert(name, rows)
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
        if not failures:
            return
        now = datetime.now(UTC).replace(tzinfo=None)
        self.con.executemany(
            "INSERT INTO failures (input, code, reason, failed_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (input, code) DO UPDATE SET reason = excluded.reason, failed_at = excluded.failed_at",
            [(f.input, f.code, f.reason, now) for f in failures],
        )

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

    def table(self, name: str) -> pa.Table:
        if name == "events":
            return self.con.sql(EVENTS_JOINED).to_arrow_table()
        if name not in TABLES:
            raise TacitusError("E007", what="table", value=name, known=", ".join(TABLES))
        order = ", ".join(TABLE_ORDER.get(name) or PRIMARY_KEYS[name])
        columns = ", ".join(f'"{c}"' for c in TABLES[name] if c != "record")
        return self.con.sql(f"SELECT {columns} FROM {name} ORDER BY {order}").to_arrow_table()

    def close(self) -> None:
        for cursor in self._cursors:
            cursor.close()
        self.con.close()
