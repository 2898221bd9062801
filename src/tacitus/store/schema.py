"""The store's tables, shared by every backend, and how a record becomes their rows.

One row per article (with the whole record as JSON, so that exports round-trip exactly) and one row per fact,
keyed by ``(article_id, id)``. Events carry copies of their actors' names, codes and countries and of their
place, so that the queries analysts run most (filters, timelines, dyads, maps) read one table.
Column types are logical; each backend maps them to its own SQL types.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

# Logical column types: text, int, float, date, json, text[] (a list of strings), timestamp, blob (bytes).
TABLES: dict[str, dict[str, str]] = {
    "articles": {
        "id": "text", "seq": "int", "content_hash": "text", "title": "text", "url": "text", "source": "text",
        "published": "date", "language": "text", "text": "text", "record": "json", "ingested_at": "timestamp",
    },
    "actors": {
        "article_id": "text", "id": "text", "name": "text", "code": "text", "country": "text",
        "sectors": "text[]", "type": "text", "n_mentions": "int",
    },
    "mentions": {
        "article_id": "text", "actor_id": "text", "start_char": "int", "end_char": "int", "text": "text",
    },
    "events": {
        "article_id": "text", "id": "text", "source": "text", "target": "text",
        "source_code": "text", "target_code": "text", "source_country": "text", "target_country": "text",
        "source_name": "text", "target_name": "text",
        "cameo": "text", "cameo_root": "text", "quad_class": "int", "goldstein": "float",
        "plover_type": "text", "plover_mode": "text", "plover_contexts": "text[]", "aux": "text[]",
        "date": "text", "day": "date", "place": "text", "sentence": "int",
        "evidence_start": "int", "evidence_end": "int", "evidence_text": "text", "confidence": "float",
        "place_name": "text", "place_country": "text", "place_lat": "float", "place_lon": "float",
    },
    "quotes": {
        "article_id": "text", "id": "text", "speaker": "text", "speaker_text": "text", "cue": "text",
        "text": "text", "start_char": "int", "end_char": "int", "kind": "text",
    },
    "places": {
        "article_id": "text", "id": "text", "name": "text", "geonames_id": "int", "country": "text",
        "lat": "float", "lon": "float", "feature": "text", "n_mentions": "int",
    },
    "times": {
        "article_id": "text", "id": "text", "text": "text", "start_char": "int", "end_char": "int",
        "type": "text", "value": "text",
    },
    "failures": {"input": "text", "code": "text", "reason": "text", "failed_at": "timestamp"},
    # Corpus scale (tacitus.scale): near-duplicate detection, events merged across articles, watched feeds.
    # The MinHash signature of each article's text, to find its reprints among later articles.
    "signatures": {"article_id": "text", "minhash": "blob"},
    # An article that repeats an earlier one (a wire copy, a reprint): kept, but not counted twice.
    "duplicates": {"article_id": "text", "canonical_id": "text", "kind": "text", "similarity": "float"},
    # One real event reported by one or more mentions (events of articles), GDELT-style counts.
    "merged_events": {
        "id": "text", "merge_key": "text", "source_code": "text", "target_code": "text",
        "cameo": "text", "cameo_root": "text", "quad_class": "int", "goldstein": "float",
        "date": "text", "last_date": "text", "place_name": "text", "place_geonames_id": "int",
        "place_country": "text", "place_lat": "float", "place_lon": "float",
        "num_mentions": "int", "num_sources": "int", "num_articles": "int",
    },
    "event_mentions": {"article_id": "text", "event_id": "text", "merged_id": "text"},
    # What `tacitus watch` remembers of each feed between polls and restarts.
    "feeds": {
        "url": "text", "etag": "text", "last_modified": "text", "polled_at": "timestamp", "status": "int",
        "new_count": "int", "skipped_count": "int", "failed_count": "int",
    },
}  # fmt: skip

PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("id",),
    "actors": ("article_id", "id"),
    "events": ("article_id", "id"),
    "quotes": ("article_id", "id"),
    "places": ("article_id", "id"),
    "times": ("article_id", "id"),
    "failures": ("input", "code"),
    "signatures": ("article_id",),
    "duplicates": ("article_id",),
    "merged_events": ("id",),
    "event_mentions": ("article_id", "event_id"),
    "feeds": ("url",),
}

# Tables written by tacitus.scale rather than from a record's own content.
SCALE_TABLES = ("signatures", "duplicates", "merged_events", "event_mentions", "feeds")

# The key under which events of different articles may merge: the dyad by actor code and the CAMEO root.
# An event with neither actor coded has nothing to match on, so it keys on itself and stays alone.
MERGE_KEY_SQL = (
    "CASE WHEN e.source_code IS NULL AND e.target_code IS NULL THEN '#' || e.article_id || '/' || e.id "
    "ELSE coalesce(e.source_code, '') || '|' || coalesce(e.target_code, '') || '|' || e.cameo_root END"
)
# Indexes a server database keeps for the filters of tacitus.store.query, which compare names as lower(...)
# (DuckDB scans columns fast enough without them, and keeping them would slow its bulk inserts).
INDEXES: dict[str, tuple[tuple[str, ...], ...]] = {
    "articles": (("seq",),),
    "events": (
        ("day",), ("day DESC NULLS LAST",), ("lower(source_name)",), ("lower(target_name)",),
        ("source_code",), ("target_code",),
        ("cameo",), ("lower(place_name)",), ("quad_class", "day"),
    ),
    "actors": (("lower(name)",),),
    "quotes": (("lower(speaker_text)",),),
}  # fmt: skip

FACT_TABLES = ("actors", "mentions", "events", "quotes", "places", "times")


@dataclass(frozen=True)
class Failure:
    """An input that could not be coded, and why."""

    input: str
    code: str
    reason: str


@dataclass(frozen=True)
class Duplicate:
    """``article_id`` repeats ``canonical_id`` (stored before it): ``kind`` is ``exact`` or ``near``."""

    article_id: str
    canonical_id: str
    kind: str
    similarity: float


@dataclass
class Batch:
    """What one step of a run writes, in one transaction: coded records, failures, and for deduplication the
    MinHash signature of each new article (article id -> bytes) and the duplicates found among them."""

    records: list = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    signatures: dict[str, bytes] = field(default_factory=dict)
    duplicates: list[Duplicate] = field(default_factory=list)


@dataclass(frozen=True)
class FeedState:
    """A watched feed after its last poll: validators for the next conditional request, and what it gave."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    polled_at: object = None
    status: int | None = None
    new_count: int = 0
    skipped_count: int = 0
    failed_count: int = 0


FAILURE_UPSERT = (
    "INSERT INTO failures (input, code, reason, failed_at) VALUES ({0}, {0}, {0}, {0}) "
    "ON CONFLICT (input, code) DO UPDATE SET reason = excluded.reason, failed_at = excluded.failed_at"
)


def recent_signatures_sql(last: int | None) -> str:
    """The MinHash signatures of the most recent `last` canonical articles (all when None), oldest first."""
    limit = f"LIMIT {int(last)}" if last is not None else ""
    return (
        "SELECT * FROM (SELECT s.article_id, a.content_hash, s.minhash, a.seq FROM signatures s "
        "JOIN articles a ON a.id = s.article_id WHERE s.article_id NOT IN (SELECT article_id FROM duplicates) "
        f"ORDER BY a.seq DESC {limit}) recent ORDER BY seq"
    )


def create_statements(sql_types: dict[str, str]) -> list[str]:
    """``CREATE TABLE`` for every table, in a backend's SQL types."""
    statements = []
    for table, columns in TABLES.items():
        body = [f'"{name}" {sql_types[kind]}' for name, kind in columns.items()]
        if table in PRIMARY_KEYS:
            body.append("PRIMARY KEY (" + ", ".join(PRIMARY_KEYS[table]) + ")")
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(body)})")
    return statements


def unique_records(records: list) -> list[dict]:
    """Records as dicts, each article once: within one batch the same article may come twice (a file listed
    twice); the first is kept."""
    dicts = [r.to_dict() if hasattr(r, "to_dict") else r for r in records]
    return list({d["article"]["id"]: d for d in reversed(dicts)}.values())[::-1]


def batch_rows(new: list[dict], seq: int, now: object, batch: Batch) -> dict[str, list[dict]]:
    """The rows a batch adds to every table but ``failures``: ``new`` are its records not stored yet, numbered
    from ``seq + 1``; signatures and duplicate links are kept for those articles only."""
    tables: dict[str, list[dict]] = {name: [] for name in TABLES if name != "failures"}
    for offset, record in enumerate(new, start=1):
        for name, rows in record_rows(record, seq + offset, now).items():
            tables[name].extend(rows)
    new_ids = {d["article"]["id"] for d in new}
    tables["signatures"] = [
        {"article_id": aid, "minhash": sig} for aid, sig in batch.signatures.items() if aid in new_ids
    ]
    tables["duplicates"] = [
        {"article_id": d.article_id, "canonical_id": d.canonical_id, "kind": d.kind, "similarity": d.similarity}
        for d in batch.duplicates
        if d.article_id in new_ids
    ]
    return tables


def event_day(date: str | None) -> str | None:
    """The first day a possibly partial event date (YYYY, YYYY-MM) can mean, for date-range queries."""
    if not date:
        return None
    year, month, day = ([*date.split("-"), "01", "01"])[:3]
    return f"{year}-{month}-{day}"


def record_rows(record: dict, seq: int, ingested_at: object) -> dict[str, list[dict]]:
    """The rows of every table for one record (a ``tacitus/1`` dict)."""
    article = record["article"]
    aid = article["id"]
    actors = {a["id"]: a for a in record["actors"]}
    places = {p["id"]: p for p in record["places"]}
    rows: dict[str, list[dict]] = {name: [] for name in ("articles", *FACT_TABLES)}
    rows["articles"].append(
        {
            "id": aid, "seq": seq, "content_hash": article.get("content_hash"), "title": article.get("title"),
            "url": article.get("url"), "source": article.get("source"), "published": article.get("published"),
            "language": article.get("language"), "text": article["text"],
            "record": json.dumps(record, ensure_ascii=False), "ingested_at": ingested_at,
        }
    )  # fmt: skip
    for a in record["actors"]:
        rows["actors"].append(
            {
                "article_id": aid, "id": a["id"], "name": a["name"], "code": a["code"], "country": a["country"],
                "sectors": list(a["sectors"]), "type": a["type"], "n_mentions": len(a["mentions"]),
            }
        )  # fmt: skip
        rows["mentions"].extend(
            {
                "article_id": aid,
                "actor_id": a["id"],
                "start_char": m["start"],
                "end_char": m["end"],
                "text": m["text"],
            }
            for m in a["mentions"]
        )
    for e in record["events"]:
        source, target = actors.get(e["source"] or "", {}), actors.get(e["target"] or "", {})
        place = places.get(e["place"] or "", {})
        plover = e.get("plover") or {}
        rows["events"].append(
            {
                "article_id": aid, "id": e["id"], "source": e["source"], "target": e["target"],
                "source_code": source.get("code"), "target_code": target.get("code"),
                "source_country": source.get("country"), "target_country": target.get("country"),
                "source_name": source.get("name"), "target_name": target.get("name"),
                "cameo": e["cameo"], "cameo_root": e["cameo_root"], "quad_class": e["quad_class"],
                "goldstein": e["goldstein"], "plover_type": plover.get("type"), "plover_mode": plover.get("mode"),
                "plover_contexts": list(plover.get("contexts") or []), "aux": list(e["aux"]),
                "date": e["date"], "day": event_day(e["date"]), "place": e["place"], "sentence": e["sentence"],
                "evidence_start": e["evidence"]["start"], "evidence_end": e["evidence"]["end"],
                "evidence_text": e["evidence"]["text"], "confidence": e["confidence"],
                "place_name": place.get("name"), "place_country": place.get("country"),
                "place_lat": place.get("lat"), "place_lon": place.get("lon"),
            }
        )  # fmt: skip
    for q in record["quotes"]:
        rows["quotes"].append(
            {
                "article_id": aid, "id": q["id"], "speaker": q["speaker"], "speaker_text": q["speaker_text"],
                "cue": q["cue"], "text": q["text"], "start_char": q["start"], "end_char": q["end"], "kind": q["kind"],
            }
        )  # fmt: skip
    for p in record["places"]:
        rows["places"].append(
            {
                "article_id": aid, "id": p["id"], "name": p["name"], "geonames_id": p["geonames_id"],
                "country": p["country"], "lat": p["lat"], "lon": p["lon"], "feature": p["feature"],
                "n_mentions": len(p["mentions"]),
            }
        )  # fmt: skip
    for t in record["times"]:
        rows["times"].append(
            {
                "article_id": aid, "id": t["id"], "text": t["text"], "start_char": t["start"],
                "end_char": t["end"], "type": t["type"], "value": t["value"],
            }
        )  # fmt: skip
    return rows
