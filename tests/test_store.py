import json

import pyarrow.parquet as pq
import pytest

from tacitus.export import EXPORTERS
from tacitus.record import Article
from tacitus.store import Failure, open_store


@pytest.fixture
def records(pipeline):
    texts = {
        "s1": "Kenyan police fired tear gas at protesters in Nairobi on Monday.",
        "s2": "Russian and Ukrainian negotiators met in Geneva on Friday.",
    }
    return [pipeline.code_one(Article(id=k, text=v, published="2023-05-01")) for k, v in texts.items()]


def test_add_is_idempotent(store_url, records):
    with open_store(store_url) as store:
        assert store.add_records(records) == 2
        counts = store.counts()
        assert store.add_records(records) == 0
        assert store.counts() == counts
        assert counts["articles"] == 2 and counts["places"] >= 2


def test_records_round_trip(store_url, records):
    with open_store(store_url) as store:
        store.add_records(records)
        assert list(store.records()) == [r.to_dict() for r in records]
        assert [r["article"]["id"] for r in store.records(["s2"])] == ["s2"]


def test_store_persists_and_reopens(store_url, records):
    path = store_url
    with open_store(path) as store:
        store.add_records(records[:1])
    with open_store(path) as store:
        store.add_records(records)
        assert store.counts()["articles"] == 2


def test_failures_are_kept_once(store_url):
    with open_store(store_url) as store:
        store.add_failures([Failure("bin.txt", "E102", "binary data, not text")])
        store.add_failures([Failure("bin.txt", "E102", "binary data, not text")])
        assert store.counts()["failures"] == 1


def test_exports(tmp_path, store_url, records):
    with open_store(store_url) as store:
        store.add_records(records)
        with open(tmp_path / "out.jsonl", "wb") as stream:
            assert EXPORTERS["jsonl"](store, stream, "events") == 2
        with open(tmp_path / "places.csv", "wb") as stream:
            EXPORTERS["csv"](store, stream, "places")
        with open(tmp_path / "actors.parquet", "wb") as stream:
            EXPORTERS["parquet"](store, stream, "actors")
    lines = (tmp_path / "out.jsonl").read_text().splitlines()
    assert [json.loads(line)["article"]["id"] for line in lines] == ["s1", "s2"]
    assert "Nairobi" in (tmp_path / "places.csv").read_text()
    assert pq.read_table(tmp_path / "actors.parquet").num_rows == store_rows(records, "actors")


def store_rows(records, section):
    return sum(len(getattr(r, section)) for r in records)


def test_records_keep_key_order(store_url, records):
    """An exported record is the JSON that was stored, keys in the same order (PostgreSQL's JSONB would not)."""
    with open_store(store_url) as store:
        store.add_records(records)
        assert [json.dumps(r) for r in store.records()] == [json.dumps(r.to_dict()) for r in records]


def test_read_only_store_refuses_writes(store_url, records):
    from tacitus.errors import TacitusError

    with open_store(store_url) as store:
        store.add_records(records[:1])
    with open_store(store_url, read_only=True) as store, pytest.raises(TacitusError, match="read-only"):
        store.add_records(records[1:])


def test_store_made_before_events_carried_names_is_upgraded(tmp_path, records):
    """A DuckDB file written by the foundation's schema (no actor names on events) opens, read-only too,
    and its events get their actors' names and place from the other tables."""
    import duckdb

    path = str(tmp_path / "old.duckdb")
    with open_store(path) as store:
        store.add_records(records)
    with duckdb.connect(path) as con:
        for column in ("source_name", "target_name", "place_name", "place_country", "place_lat", "place_lon"):
            con.execute(f"ALTER TABLE events DROP COLUMN {column}")
        con.execute("INSERT INTO events (article_id, id, source, cameo, cameo_root, quad_class, goldstein, place)"
                    " SELECT article_id, 'e99', id, '010', '01', 1, 0.0, NULL FROM actors LIMIT 1")  # fmt: skip
    with open_store(path, read_only=True) as store:
        events = store.events().to_pylist()
    [old] = [e for e in events if e["id"] == "e99"]
    assert old["source_name"]


def test_read_only_store_must_exist(tmp_path):
    from tacitus.errors import TacitusError

    with pytest.raises(TacitusError, match="cannot be opened"):
        open_store(str(tmp_path / "missing.duckdb"), read_only=True)


def test_postgres_store_made_before_events_carried_names_is_upgraded(postgres_url, records):
    import psycopg

    with open_store(postgres_url) as store:
        store.add_records(records)
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        for column in ("source_name", "target_name", "place_name", "place_country", "place_lat", "place_lon"):
            conn.execute(f"ALTER TABLE events DROP COLUMN {column} CASCADE")
        conn.execute("INSERT INTO events (article_id, id, source, cameo, cameo_root, quad_class, goldstein)"
                     " SELECT article_id, 'e99', id, '010', '01', 1, 0.0 FROM actors LIMIT 1")  # fmt: skip
    with open_store(postgres_url) as store:
        [old] = [e for e in store.events().to_pylist() if e["id"] == "e99"]
    assert old["source_name"]
