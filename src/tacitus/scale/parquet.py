"""Partitioned Parquet beside the store: ``tacitus ingest ... --parquet DIR``.

Every table of the records (articles, actors, mentions, events, quotes, places, times) and the duplicate
links are written as Parquet files under ``DIR/<table>/month=YYYY-MM/`` (the articles' publication month,
``month=unknown`` when undated): a Hive-partitioned dataset that DuckDB, pandas, Spark or Arrow read directly::

    SELECT * FROM read_parquet('DIR/events/*/*.parquet', hive_partitioning = true)

The store stays the single source of truth and the single writer's target: a batch's files (one "part")
are written after its transaction commits, each atomically (written aside, then renamed), and the part is
marked done (``DIR/_parts/<part>.done``) after its last file. A run starts by deleting the files of parts
never marked done (a run killed while writing them) and writing whatever the store holds that the done parts
lack. So the dataset holds every stored article exactly once, whenever runs were killed.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tacitus.store.schema import FACT_TABLES, TABLES, record_rows

DATASET_TABLES = ("articles", *FACT_TABLES, "duplicates")


def month_of(published: str | None) -> str:
    return published[:7] if published else "unknown"


class ParquetSink:
    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    @property
    def done_folder(self) -> Path:
        return self.folder / "_parts"

    def done_parts(self) -> set[str]:
        return {path.stem for path in self.done_folder.glob("*.done")} if self.done_folder.exists() else set()

    def part_files(self) -> list[Path]:
        return [p for table in DATASET_TABLES for p in (self.folder / table).glob("month=*/part-*.parquet")]

    def written_ids(self) -> set[str]:
        """The article ids the done parts hold."""
        done = self.done_parts()
        ids: set[str] = set()
        for path in sorted((self.folder / "articles").glob("month=*/part-*.parquet")):
            if path.stem in done:
                ids.update(pq.read_table(path, columns=["id"]).column("id").to_pylist())
        return ids

    def catch_up(self, store) -> int:
        """Delete unfinished parts and write the stored articles the dataset lacks; return how many."""
        done = self.done_parts()
        for path in self.part_files():
            if path.stem not in done:
                path.unlink()
        missing = set(store.article_ids()) - self.written_ids()
        if not missing:
            return 0
        records = list(store.records(sorted(missing)))
        duplicates = [row for row in store.table("duplicates").to_pylist() if row["article_id"] in missing]
        self.write(records, duplicates)
        return len(records)

    def write(self, records: Sequence[dict], duplicates: Sequence[dict]) -> None:
        """Write the rows of newly stored records and their duplicate links (``duplicates`` table rows) as one
        part: one file per table and month."""
        if not records:
            return
        tables: dict[tuple[str, str], list[dict]] = {}
        month_by_article: dict[str, str] = {}
        for record in records:
            if record["article"]["id"] in month_by_article:
                continue  # the same article twice in a batch is stored once
            month = month_of(record["article"].get("published"))
            month_by_article[record["article"]["id"]] = month
            for name, rows in record_rows(record, None, None).items():
                tables.setdefault((name, month), []).extend(rows)
        for row in duplicates:
            tables.setdefault(("duplicates", month_by_article[row["article_id"]]), []).append(row)
        part = f"part-{uuid.uuid4().hex[:16]}"
        for (name, month), rows in sorted(tables.items()):
            if rows:
                self._write_file(name, month, part + ".parquet", rows)
        self.done_folder.mkdir(exist_ok=True)
        (self.done_folder / f"{part}.done").touch()

    def _write_file(self, table: str, month: str, file_name: str, rows: list[dict]) -> None:
        from tacitus.store.duckdb import ARROW_TYPES

        columns = TABLES[table]
        schema = pa.schema([(c, ARROW_TYPES[kind]) for c, kind in columns.items()])
        data = pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in rows], schema=schema)
        folder = self.folder / table / f"month={month}"
        folder.mkdir(parents=True, exist_ok=True)
        aside = folder / f".{file_name}.tmp"
        pq.write_table(data, aside)
        os.replace(aside, folder / file_name)
