"""The commands a user runs: ``tacitus ingest``, ``serve`` and ``export`` on DuckDB and on PostgreSQL, the
GDELT and POLECAT exports read back column by column, and the Python API (``tacitus.open``)."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import time
from datetime import date

import httpx
import pandas as pd
import pyarrow.parquet as pq
import pytest

import tacitus
from tacitus.export import EXPORTERS
from tacitus.formats.gdelt import COLUMNS_FILE, columns, global_event_id
from tacitus.formats.polecat import COLUMNS as POLECAT_COLUMNS
from tacitus.store import open_store
from tacitus.store.synthetic import ACTORS, synthetic_records

from .conftest import DATA, ROOT, TACITUS, run_cli
from .serving import free_port

RECORDS = synthetic_records(40, seed=21)


@pytest.fixture
def filled(store_url):
    with open_store(store_url) as store:
        store.add_records(RECORDS)
    return store_url


def test_gdelt_columns_are_the_codebook_list():
    shared = ROOT.parent / "shared" / "data" / "formats" / "gdelt2_events_columns.txt"
    names = [name for name, _ in columns()]
    assert len(names) == 61 and names[0] == "GlobalEventID" and names[-1] == "SOURCEURL"
    if shared.exists():
        lines = [line.split()[:3] for line in shared.read_text().splitlines() if line and not line.startswith("#")]
        assert [(n, t) for _, n, t in lines] == columns()
    assert COLUMNS_FILE.exists()


def test_gdelt_export_reads_back_column_by_column(filled, tmp_path):
    out = tmp_path / "events.gdelt.tsv"
    proc = run_cli("export", "--db", filled, "--format", "gdelt", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    names = [name for name, _ in columns()]
    with open(out, newline="", encoding="utf-8") as stream:
        rows = [
            dict(zip(names, row, strict=True)) for row in csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)
        ]
    events = [(r, e) for r in RECORDS for e in r["events"]]
    assert len(rows) == len(events)
    for row, (record, event) in zip(rows, events, strict=True):
        actors = {a["id"]: a for a in record["actors"]}
        place = next(p for p in record["places"] if p["id"] == event["place"])
        day = date.fromisoformat(event["date"])
        source, target = actors[event["source"]], actors[event["target"]]
        expected = {
            "GlobalEventID": str(global_event_id(record["article"]["id"], event["id"])),
            "Day": day.strftime("%Y%m%d"), "MonthYear": day.strftime("%Y%m"), "Year": str(day.year),
            "FractionDate": f"{day.year + (day.month * 30 + day.day) / 365:.4f}",
            "Actor1Code": source["code"], "Actor1Name": source["name"].upper(),
            "Actor1CountryCode": source["country"] or "", "Actor1KnownGroupCode": "", "Actor1EthnicCode": "",
            "Actor1Religion1Code": "", "Actor1Religion2Code": "",
            "Actor1Type1Code": (source["sectors"] + [""])[0], "Actor1Type2Code": "", "Actor1Type3Code": "",
            "Actor2Code": target["code"], "Actor2Name": target["name"].upper(),
            "Actor2CountryCode": target["country"] or "", "Actor2KnownGroupCode": "", "Actor2EthnicCode": "",
            "Actor2Religion1Code": "", "Actor2Religion2Code": "",
            "Actor2Type1Code": (target["sectors"] + [""])[0], "Actor2Type2Code": "", "Actor2Type3Code": "",
            "IsRootEvent": "1" if event["sentence"] == 0 else "0",
            "EventCode": event["cameo"], "EventBaseCode": event["cameo"][:3], "EventRootCode": event["cameo_root"],
            "QuadClass": str(event["quad_class"]), "NumMentions": "1", "NumSources": "1", "NumArticles": "1",
            "AvgTone": "", "ActionGeo_Fullname": row["ActionGeo_Fullname"],
            "ActionGeo_FeatureID": str(place["geonames_id"]), "SOURCEURL": "synthetic",
        }  # fmt: skip
        for side in ("Actor1Geo", "Actor2Geo"):
            for part in ("Type", "Fullname", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"):
                expected[f"{side}_{part}"] = ""
        for name, value in expected.items():
            assert row[name] == value, (name, row[name], value)
        assert float(row["GoldsteinScale"]) == event["goldstein"]
        assert row["ActionGeo_Fullname"].startswith(place["name"])
        assert float(row["ActionGeo_Lat"]) == pytest.approx(place["lat"])
        assert float(row["ActionGeo_Long"]) == pytest.approx(place["lon"])
        assert row["ActionGeo_Type"] == ("4" if place["country"] != "USA" else "3")
        assert len(row["ActionGeo_CountryCode"]) == 2 and row["ActionGeo_ADM1Code"].startswith(
            row["ActionGeo_CountryCode"]
        )
        assert len(row["DATEADDED"]) == 14 and row["DATEADDED"].isdigit()
    # Codes stay strings: a CAMEO code with a leading zero survives the round trip.
    assert any(row["EventCode"].startswith("0") for row in rows)
    # GDELT's ActionGeo country codes are FIPS 10-4: Kenya KE, Switzerland SZ (ISO CH), China CH (ISO CN).
    fips = {r["ActionGeo_Fullname"].split(",")[0]: r["ActionGeo_CountryCode"] for r in rows}
    assert (fips["Nairobi"], fips["Geneva"], fips["Beijing"]) == ("KE", "SZ", "CH")
    frame = pd.read_csv(out, sep="\t", header=None, names=names, dtype=str, keep_default_na=False)
    assert frame.shape == (len(events), 61)
    assert frame["EventRootCode"].str.len().eq(2).all()


def test_polecat_and_tabular_exports(filled, tmp_path):
    out = tmp_path / "events.polecat.jsonl"
    assert run_cli("export", "--db", filled, "--format", "polecat", "-o", str(out)).returncode == 0
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    events = [(r, e) for r in RECORDS for e in r["events"]]
    assert len(lines) == len(events)
    for line, (record, event) in zip(lines, events, strict=True):
        assert list(line)[: len(POLECAT_COLUMNS)] == list(POLECAT_COLUMNS)
        actors = {a["id"]: a for a in record["actors"]}
        assert line["Event ID"] == f"{record['article']['id']}-{event['id']}"
        assert line["Event Date"] == event["date"] and line["Event Type"] == event["plover"]["type"]
        assert line["Actor Name"] == actors[event["source"]]["name"]
        assert line["Recipient Name"] == actors[event["target"]]["name"]
        assert line["Actor Sectors"] == actors[event["source"]]["sectors"] and line["Quad Code"] == event["quad_class"]
        assert line["tacitus"]["evidence"] == event["evidence"]
    # Parquet and JSON Lines in-process (the CLI path of both is tested in test_cli.py and above).
    with open_store(filled, read_only=True) as store, open(tmp_path / "events.parquet", "wb") as stream:
        EXPORTERS["parquet"](store, stream, "events")
        records = list(store.records())
    assert pq.read_table(tmp_path / "events.parquet").num_rows == len(events)
    assert records == RECORDS


def test_ingest_and_export_on_postgres(postgres_url, tmp_path):
    first = run_cli("ingest", str(DATA / "nairobi.txt"), str(DATA / "articles.jsonl"), "--db", postgres_url)
    assert first.returncode == 0, first.stderr
    again = run_cli("ingest", str(DATA / "nairobi.txt"), str(DATA / "articles.jsonl"), "--db", postgres_url)
    assert again.returncode == 0 and "stored 0" in again.stderr.decode()
    stats = json.loads(run_cli("stats", "--db", postgres_url, "--json").stdout)
    assert stats["articles"] == 3
    out = tmp_path / "out.jsonl"
    assert run_cli("export", "--db", postgres_url, "-o", str(out)).returncode == 0
    assert len(out.read_text().splitlines()) == 3


def test_bad_postgres_url_is_one_line():
    proc = run_cli("stats", "--db", "postgresql://nobody:secret@127.0.0.1:1/none")
    err = proc.stderr.decode()
    assert proc.returncode == 1 and "cannot be opened" in err and "Traceback" not in err and "secret" not in err


@pytest.fixture
def served_store(request, tmp_path):
    url = str(tmp_path / "t.duckdb") if request.param == "duckdb" else request.getfixturevalue("postgres_url")
    with open_store(url) as store:
        store.add_records(RECORDS)
    return url


@pytest.mark.parametrize(
    ("served_store", "with_token"), [("duckdb", False), ("postgres", True)], indirect=["served_store"]
)
def test_tacitus_serve(served_store, with_token):
    filled = served_store
    port = free_port()
    env = {**os.environ}
    env.pop("TACITUS_API_TOKEN", None)
    args = [str(TACITUS), "serve", "--db", filled, "--port", str(port)]
    if with_token:
        env["TACITUS_API_TOKEN"] = "serve-test-token-123456"
    server = subprocess.Popen(args, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                if httpx.get(base + "/stats", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        stats = httpx.get(base + "/stats").json()
        assert stats["counts"]["articles"] == len(RECORDS) and stats["storing"] is with_token
        assert "<title>tacitus" in httpx.get(base + "/").text
        assert "/events" in httpx.get(base + "/openapi.json").json()["paths"]
        assert httpx.get(base + "/events", params={"actor": "Kenya"}).json()["total"] > 0
    finally:
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=20)
    assert f"serving {filled}" in err.decode()
    assert "Traceback" not in err.decode()


def test_serve_refuses_a_short_token(tmp_path):
    proc = run_cli("serve", "--db", str(tmp_path / "t.duckdb"), "--token", "short")
    assert proc.returncode == 1 and "at least 16 characters" in proc.stderr.decode()


def test_python_api_gives_the_same_answers_as_the_store(filled):
    with tacitus.open(filled) as data:
        events = data.events(country="KEN", quad_class=[3, 4])
        assert isinstance(events, pd.DataFrame) and len(events) == data.count_events(country="KEN", quad_class="3,4")
        assert isinstance(events["source_name"].dtype, pd.ArrowDtype)
        assert set(events["quad_class"]) <= {3, 4}
        timeline = data.timeline(source="Russia", target="Ukraine", interval="month")
        assert timeline["events"].sum() == data.count_events(source="Russia", target="Ukraine")
        dyads = data.dyads()
        # Every synthetic event has a source and a target, so the dyads account for all of them.
        assert dyads["events"].sum() == data.count_events()
        codes = {name: code for name, code, *_ in ACTORS}
        assert all(codes[r.source] == r.source_code and codes[r.target] == r.target_code for r in dyads.itertuples())
        assert data.quad_classes()["events"].sum() == data.count_events()
        assert {"name", "code", "country", "events"} <= set(data.actors(country="KEN").columns)
        assert len(data.quotes(speaker="*a*")) <= sum(len(r["quotes"]) for r in RECORDS)
        assert data.record(RECORDS[0]["article"]["id"]) == RECORDS[0]
        assert data.counts()["articles"] == len(RECORDS)
        with pytest.raises(tacitus.errors.TacitusError, match="unknown filter"):
            data.events(colour="red")


def test_python_code_returns_records():
    records = tacitus.code(["Kenyan police fired tear gas at protesters in Nairobi on Monday."], published="2023-05-01")
    assert records[0]["article"]["published"] == "2023-05-01" and records[0]["schema"] == "tacitus/1"
