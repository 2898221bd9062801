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


def test_add_is_idempotent(tmp_path, records):
    with open_store(str(tmp_path / "t.duckdb")) as store:
        assert store.add_records(records) == 2
        counts = store.counts()
        assert store.add_records(records) == 0
        assert store.counts() == counts
        assert counts["articles"] == 2 and counts["places"] >= 2


def test_records_round_trip(tmp_path, records):
    with open_store(str(tmp_path / "t.duckdb")) as store:
        store.add_records(records)
        assert list(store.records()) == [r.to_dict() for r in records]
        assert [r["article"]["id"] for r in store.records(["s2"])] == ["s2"]


def test_store_persists_and_reopens(tmp_path, records):
    path = str(tmp_path / "t.duckdb")
    with open_store(path) as store:
        store.add_records(records[:1])
    with open_store(path) as store:
        store.add_records(records)
        assert store.counts()["articles"] == 2


def test_failures_are_kept_once(tmp_path):
    with open_store(str(tmp_path / "t.duckdb")) as store:
        store.add_failures([Failure("bin.txt", "E102", "binary data, not text")])
        store.add_failures([Failure("bin.txt", "E102", "binary data, not text")])
        assert store.counts()["failures"] == 1


def test_exports(tmp_path, records):
    with open_store(str(tmp_path / "t.duckdb")) as store:
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


def test_read_only_store_must_exist(tmp_path):
    from tacitus.errors import TacitusError

    with pytest.raises(TacitusError, match="cannot be opened"):
        open_store(str(tmp_path / "missing.duckdb"), read_only=True)
