"""The embedded store: one DuckDB file (default ``tacitus.duckdb``)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from tacitus.errors import TacitusError, one_line
from tacitus.record import Record
from tacitus.store.base import Store
from tacitus.store.schema import PRIMARY_KEYS, TABLES, Failure, record_rows

SQL_TYPES = {
    "text": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "date": "DATE", "json": "JSON",
    "text[]": "VARCHAR[]", "timestamp": "TIMESTAMP",
}  # fmt: skip
ARROW_TYPES = {
    "text": pa.string(), "int": pa.int64(), "float": pa.float64(), "date": pa.string(), "json": pa.string(),
    "text[]": pa.list_(pa.string()), "timestamp": pa.timestamp("us"),
}  # fmt: skip

# The events of the store with what an analyst needs beside each: its article, its actors and its place.
EVENTS_JOINED = """
SELECT e.*, a.published, a.url, a.title, a.source AS article_source,
       s.name AS source_name, t.name AS target_name,
       p.name AS place_name, p.geonames_id AS place_geonames_id, p.country AS place_country,
       p.lat AS place_lat, p.lon AS place_lon
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN actors s ON s.article_id = e.article_id AND s.id = e.source
LEFT JOIN actors t ON t.article_id = e.article_id AND t.id = e.target
LEFT JOIN places p ON p.article_id = e.article_id AND p.id = e.place
ORDER BY a.seq, e.article_id, e.sentence, e.id
"""


TABLE_ORDER = {"articles": ("seq",), "mentions": ("article_id", "actor_id", "start_char")}


def create_statements() -> list[str]:
    statements = []
    for table, columns in TABLES.items():
        body = [f'"{name}" {SQL_TYPES[kind]}' for name, kind in columns.items()]
        if table in PRIMARY_KEYS:
            body.append("PRIMARY KEY (" + ", ".join(PRIMARY_KEYS[table]) + ")")
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(body)})")
    return statements


class DuckDBStore(Store):
    def __init__(self, path: str, *, read_only: bool = False) -> None:
        self.url = path
        try:
            if read_only and not Path(path).exists():
                raise TacitusError("E006", url=path, reason="no such file")
            if not read_only and Path(path).parent != Path(""):
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(path, read_only=read_only)
            if not read_only:
                for statement in create_statements():
                    self.con.execute(statement)
        except duckdb.Error as error:
            raise TacitusError("E006", url=path, reason=one_line(error)) from error

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [list(ids)]).fetchall()
        return {row[0] for row in rows}

    def add_records(self, records: Sequence[Record | dict]) -> int:
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
        self.con.close()
