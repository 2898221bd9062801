"""Getting data out of the store in the formats analysts' tools read.

``jsonl`` writes whole ``tacitus/1`` records (a lossless round trip); ``csv`` and ``parquet`` write one table
(``events`` by default, joined with its article, actors and place); ``gdelt`` writes events in the GDELT 2.0
Events layout (61 tab-separated columns) and ``polecat`` as POLECAT-like JSON Lines (see
:mod:`tacitus.formats`). Each format is a function in :data:`EXPORTERS`; other modules add theirs there.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from tacitus.store import Store

Exporter = Callable[[Store, IO[bytes], str], int]


@contextmanager
def output(path: str | None):
    """A binary stream to write to: the file ``path``, or standard output for ``None`` or ``-``."""
    if path in (None, "-"):
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as stream:
            yield stream


def export_jsonl(store: Store, stream: IO[bytes], table: str) -> int:
    count = 0
    for record in store.records():
        stream.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
        count += 1
    return count


def flatten_lists(table: pa.Table, separator: str = ";") -> pa.Table:
    """CSV has no lists: join list columns (sectors, aux, contexts) with ``separator``."""
    for index, column in enumerate(table.schema):
        if pa.types.is_list(column.type) or pa.types.is_large_list(column.type):
            joined = pc.binary_join(table.column(index), separator)
            table = table.set_column(index, column.name, joined)
    return table


def export_csv(store: Store, stream: IO[bytes], table: str) -> int:
    data = flatten_lists(store.table(table))
    pa_csv.write_csv(data, stream)
    return data.num_rows


def export_parquet(store: Store, stream: IO[bytes], table: str) -> int:
    data = store.table(table)
    pq.write_table(data, stream)
    return data.num_rows


def export_gdelt(store: Store, stream: IO[bytes], table: str) -> int:
    from tacitus.formats.gdelt import write_gdelt

    return write_gdelt(store.table("events"), stream)


def export_polecat(store: Store, stream: IO[bytes], table: str) -> int:
    from tacitus.formats.polecat import write_polecat

    return write_polecat(store.table("events"), stream)


EXPORTERS: dict[str, Exporter] = {
    "jsonl": export_jsonl,
    "csv": export_csv,
    "parquet": export_parquet,
    "gdelt": export_gdelt,
    "polecat": export_polecat,
}
# Formats that always write events, whatever --table says.
EVENT_FORMATS = ("gdelt", "polecat")
