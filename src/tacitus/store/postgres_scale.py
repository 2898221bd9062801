"""The corpus-scale methods of the store (:mod:`tacitus.scale`) for PostgreSQL, mixed into ``PostgresStore``.

They are the DuckDB ones (:mod:`tacitus.store.duckdb`) in PostgreSQL's words: ``= ANY(%s)`` for lists,
``COPY`` for rows, and the writers' lock on ``articles`` so that one batch (records, failures, signatures,
duplicate links) is one transaction that no other writer interleaves with.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

from tacitus.store.schema import (
    FAILURE_UPSERT,
    MERGE_KEY_SQL,
    TABLES,
    Batch,
    FeedState,
    batch_rows,
    recent_signatures_sql,
    unique_records,
)

NOT_A_REPRINT = "e.article_id NOT IN (SELECT article_id FROM duplicates)"


class PostgresScale:
    """Expects ``self.pool`` (a psycopg pool), ``self._copy(conn, table, rows)`` and ``self.read_only``."""

    def add_batch(self, batch: Batch) -> int:
        from tacitus.errors import TacitusError

        if getattr(self, "read_only", False):
            raise TacitusError("E807")
        unique = unique_records(batch.records)
        new: list[dict] = []
        with self.pool.connection() as conn, conn.transaction():
            # Writers queue here, so that the check for stored articles and the numbering below stay true.
            conn.execute("LOCK TABLE articles IN SHARE ROW EXCLUSIVE MODE")
            if unique:
                rows = conn.execute(
                    "SELECT id FROM articles WHERE id = ANY(%s)", [[d["article"]["id"] for d in unique]]
                ).fetchall()
                stored = {row[0] for row in rows}
                new = [d for d in unique if d["article"]["id"] not in stored]
            if new:
                seq = conn.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]
                tables = batch_rows(new, seq, datetime.now(UTC).replace(tzinfo=None), batch)
                for name, table_rows in tables.items():
                    if table_rows:
                        self._copy(conn, name, table_rows)
            if batch.failures:
                now = datetime.now(UTC).replace(tzinfo=None)
                with conn.cursor() as cursor:
                    cursor.executemany(
                        FAILURE_UPSERT.format("%s"), [(f.input, f.code, f.reason, now) for f in batch.failures]
                    )
        return len(new)

    def signatures(self, last: int | None = None) -> Iterator[tuple[str, str, bytes]]:
        with self.pool.connection() as conn, conn.cursor(name="tacitus_signatures") as cursor:
            cursor.execute(recent_signatures_sql(last))
            while rows := cursor.fetchmany(10_000):
                yield from ((aid, content_hash, bytes(sig)) for aid, content_hash, sig, _ in rows)

    def article_ids(self) -> list[str]:
        with self.pool.connection() as conn:
            return [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY seq").fetchall()]

    def duplicate_links(self) -> dict[str, str]:
        with self.pool.connection() as conn:
            return dict(conn.execute("SELECT article_id, canonical_id FROM duplicates").fetchall())

    def unmerged_keys(self) -> list[str]:
        with self.pool.connection() as conn:
            rows = conn.execute(
                f"SELECT DISTINCT {MERGE_KEY_SQL} AS k FROM events e "
                "LEFT JOIN event_mentions m ON m.article_id = e.article_id AND m.event_id = e.id "
                f"WHERE m.merged_id IS NULL AND {NOT_A_REPRINT} ORDER BY k"
            ).fetchall()
        return [row[0] for row in rows]

    def merge_candidates(self, keys: Sequence[str] | None = None) -> list[dict]:
        where, params = NOT_A_REPRINT, []
        if keys is not None:
            where += f" AND {MERGE_KEY_SQL} = ANY(%s)"
            params.append(list(keys))
        with self.pool.connection() as conn, conn.cursor() as cursor:
            cursor.execute(
                f"SELECT {MERGE_KEY_SQL} AS merge_key, e.article_id, e.id AS event_id, e.source_code, "
                "e.target_code, e.cameo, e.cameo_root, e.quad_class, e.goldstein, e.date, a.seq, a.source AS outlet, "
                "a.url, p.name AS place_name, p.geonames_id AS place_geonames_id, p.country AS place_country, "
                "p.lat AS place_lat, p.lon AS place_lon, p.feature AS place_feature "
                "FROM events e JOIN articles a ON a.id = e.article_id "
                "LEFT JOIN places p ON p.article_id = e.article_id AND p.id = e.place "
                f"WHERE {where} ORDER BY merge_key, a.seq, e.sentence, e.id",
                params,
            )
            names = [d.name for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def replace_merged(self, keys: Sequence[str] | None, merged: Sequence[dict], mentions: Sequence[dict]) -> None:
        with self.pool.connection() as conn, conn.transaction():
            if keys is None:
                conn.execute("DELETE FROM event_mentions")
                conn.execute("DELETE FROM merged_events")
            elif keys:
                conn.execute(
                    "DELETE FROM event_mentions WHERE merged_id IN "
                    "(SELECT id FROM merged_events WHERE merge_key = ANY(%s))",
                    [list(keys)],
                )
                conn.execute("DELETE FROM merged_events WHERE merge_key = ANY(%s)", [list(keys)])
            if merged:
                self._copy(conn, "merged_events", list(merged))
            if mentions:
                self._copy(conn, "event_mentions", list(mentions))

    def feed_state(self, url: str) -> FeedState | None:
        columns = list(TABLES["feeds"])
        with self.pool.connection() as conn:
            row = conn.execute(f"SELECT {', '.join(columns)} FROM feeds WHERE url = %s", [url]).fetchone()
        return FeedState(**dict(zip(columns, row, strict=True))) if row else None

    def save_feed_state(self, state: FeedState) -> None:
        columns = list(TABLES["feeds"])
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "url")
        with self.pool.connection() as conn, conn.transaction():
            conn.execute(
                f"INSERT INTO feeds ({', '.join(columns)}) VALUES ({', '.join('%s' for _ in columns)}) "
                f"ON CONFLICT (url) DO UPDATE SET {updates}",
                [getattr(state, c) for c in columns],
            )
