"""The embedded store at corpus scale: a dyad-by-month count over 1 million generated events.

    .venv/bin/python benchmarks/store_query.py [--events 1000000] [--merge] [--json OUT]

Fills a fresh DuckDB store (the real schema, via ``open_store``) with generated articles and events: 200
actor codes with a skewed (Zipf-like) frequency, 20 CAMEO roots, days over ten years, a place for half the
events, and 5% of the articles marked as reprints. Then times, cold (store just reopened) and warm (median
of 5):

- the dyad-by-month count of events (target < 1 s on 1M events),
- the same count without the events of reprints (what ``tacitus`` counts),
- with ``--merge``: merging every event across articles (:func:`tacitus.scale.merge.merge_all`) and the
  dyad-by-month count of merged events.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tacitus.store import open_store

DYAD_BY_MONTH = """
SELECT source_code, target_code, date_trunc('month', day) AS month, count(*) AS events
FROM events WHERE source_code IS NOT NULL AND target_code IS NOT NULL {extra}
GROUP BY ALL
"""
# What a dashboard asks: the same with the Goldstein sum, busiest cells first.
DYAD_BY_MONTH_RANKED = """
SELECT source_code, target_code, date_trunc('month', day) AS month, count(*) AS events, sum(goldstein) AS goldstein
FROM events WHERE source_code IS NOT NULL AND target_code IS NOT NULL
GROUP BY ALL ORDER BY events DESC
"""
WITHOUT_REPRINTS = "AND article_id NOT IN (SELECT article_id FROM duplicates)"
MERGED_BY_MONTH = """
SELECT source_code, target_code, date_trunc('month', CAST(date AS DATE)) AS month, count(*) AS events,
       sum(num_mentions) AS mentions
FROM merged_events WHERE source_code IS NOT NULL AND target_code IS NOT NULL AND length(date) = 10
GROUP BY ALL ORDER BY events DESC
"""

EVENTS_PER_ARTICLE = 5


def generate(con, events: int) -> None:
    """Articles, places, events and reprint links, made by DuckDB itself (fast, deterministic: hashes of i)."""
    articles = events // EVENTS_PER_ARTICLE
    con.execute(f"""
        INSERT INTO articles (id, seq, content_hash, title, url, source, published, language, text, record,
                              ingested_at)
        SELECT 'a' || i, i + 1, md5('a' || i), 'Article ' || i, NULL, 'outlet' || (hash(i) % 500), NULL, 'en',
               '', '{{}}', now()::TIMESTAMP
        FROM range({articles}) t(i)""")  # fmt: skip
    con.execute(f"""
        INSERT INTO places (article_id, id, name, geonames_id, country, lat, lon, feature, n_mentions)
        SELECT 'a' || i, 'p1', 'Place ' || (hash(i) % 2000), hash(i) % 2000, 'C' || (hash(i) % 150),
               (hash(i) % 180) - 90.0, (hash(i * 7) % 360) - 180.0, 'P.PPL', 1
        FROM range({articles}) t(i)""")  # fmt: skip
    # Zipf-like actor frequency: code k with probability ~ 1/k, from a uniform hash through exp.
    con.execute(f"""
        INSERT INTO events (article_id, id, source, target, source_code, target_code, source_country,
                            target_country, cameo, cameo_root, quad_class, goldstein, plover_type, plover_mode,
                            plover_contexts, aux, date, day, place, sentence, evidence_start, evidence_end,
                            evidence_text, confidence)
        WITH g AS (
            SELECT i, 'a' || (i // {EVENTS_PER_ARTICLE}) AS article_id, 'e' || (i % {EVENTS_PER_ARTICLE}) AS id,
                   'ACT' || lpad(CAST(floor(exp((hash(i) % 1000) / 1000.0 * ln(200))) AS VARCHAR), 3, '0') AS src,
                   'ACT' || lpad(CAST(floor(exp((hash(i * 31) % 1000) / 1000.0 * ln(200))) AS VARCHAR), 3, '0')
                       AS tgt,
                   lpad(CAST(1 + hash(i * 17) % 20 AS VARCHAR), 2, '0') AS root,
                   DATE '2015-01-01' + CAST(hash(i * 13) % 3650 AS INTEGER) AS d
            FROM range({events}) t(i)
        )
        SELECT article_id, id, 'x1', 'x2', src, tgt, NULL, NULL, root || '0', root, 1 + CAST(root AS INTEGER) % 4,
               (hash(i) % 200) / 10.0 - 10.0, NULL, NULL, [], [], strftime(d, '%Y-%m-%d'), d,
               CASE WHEN i % 2 = 0 THEN 'p1' END, 0, 0, 1, 'x', 0.9
        FROM g""")  # fmt: skip
    con.execute(f"""
        INSERT INTO duplicates SELECT 'a' || i, 'a' || (i - 1), 'near', 0.9
        FROM range(1, {articles}) t(i) WHERE i % 20 = 0""")  # fmt: skip


def time_query(con, sql: str, runs: int = 5) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        rows = con.sql(sql).to_arrow_table().num_rows  # as an analyst gets it: a table (DataFrame), not tuples
        times.append(time.perf_counter() - started)
    return statistics.median(times), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--merge", action="store_true", help="also merge every event across articles")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    path = Path(tempfile.mkdtemp(prefix="tacitus-store-")) / "bench.duckdb"
    started = time.perf_counter()
    with open_store(str(path)) as store:
        generate(store.con, args.events)
        counts = store.counts()
    print(f"generated {counts['events']:,} events in {counts['articles']:,} articles "
          f"({counts['duplicates']:,} reprints) in {time.perf_counter() - started:.1f} s: {path}")  # fmt: skip
    figures: dict[str, object] = {"events": counts["events"], "load_average": os.getloadavg()[0]}
    print(f"load average: {figures['load_average']:.1f} on {os.cpu_count()} cores")
    with open_store(str(path), read_only=True) as store:
        cold, rows = time_query(store.con, DYAD_BY_MONTH.format(extra=""), runs=1)
        warm, _ = time_query(store.con, DYAD_BY_MONTH.format(extra=""))
        without, _ = time_query(store.con, DYAD_BY_MONTH.format(extra=WITHOUT_REPRINTS))
        ranked, _ = time_query(store.con, DYAD_BY_MONTH_RANKED)
    figures.update(dyad_month_cold_s=cold, dyad_month_warm_s=warm, dyad_month_without_reprints_s=without,
                   dyad_month_ranked_goldstein_s=ranked, dyad_month_rows=rows)  # fmt: skip
    print(f"dyad-by-month count: {rows:,} rows; cold {cold * 1000:.0f} ms, warm {warm * 1000:.0f} ms "
          f"(target < 1000 ms); without reprints {without * 1000:.0f} ms; "
          f"with Goldstein sum, ranked {ranked * 1000:.0f} ms")  # fmt: skip
    if args.merge:
        from tacitus.scale.merge import merge_all

        with open_store(str(path)) as store:
            started = time.perf_counter()
            merged = merge_all(store)
            seconds = time.perf_counter() - started
            merged_time, merged_rows = time_query(store.con, MERGED_BY_MONTH)
            mentions = store.counts()["event_mentions"]
        figures.update(merge_s=seconds, merged_events=merged, merged_dyad_month_s=merged_time)
        print(f"merged {mentions:,} mentions into {merged:,} events in {seconds:.1f} s; "
              f"merged dyad-by-month {merged_rows:,} rows in {merged_time * 1000:.0f} ms")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
        print(f"wrote {args.json}", file=sys.stderr)


if __name__ == "__main__":
    main()
