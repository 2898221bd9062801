"""The HTTP API, served for real by uvicorn on 127.0.0.1, over DuckDB and PostgreSQL stores holding real
coded articles and SYNTHETIC records (tacitus.store.synthetic)."""

from __future__ import annotations

import json
from contextlib import contextmanager
from urllib.parse import quote

import httpx
import pytest

from tacitus.api import create_app
from tacitus.config import Settings
from tacitus.record import Article
from tacitus.store import open_store
from tacitus.store.synthetic import synthetic_records

from .conftest import BACKENDS, DATA, assert_valid_record
from .postgres_server import drop_database, new_database
from .serving import running

TOKEN = "test-token-0123456789abcdef"
SYNTHETIC = synthetic_records(60, seed=11)


@pytest.fixture(scope="module")
def real_records(pipeline):
    texts = {
        "nairobi": (DATA / "nairobi.txt").read_text(),
        "geneva": "Russian and Ukrainian negotiators met in Geneva on Friday. "
        '"We made progress," the Russian envoy told reporters.',
    }
    return [pipeline.code_one(Article(id=k, text=v, published="2023-05-01")).to_dict() for k, v in texts.items()]


@contextmanager
def serving(store_url, records, pipeline, token=None):
    with open_store(store_url) as writer:
        writer.add_records(records)
    store = open_store(store_url, read_only=token is None)
    settings = Settings(max_bytes=20_000)
    try:
        with running(create_app(store, token=token, settings=settings, pipeline=pipeline)) as url:
            yield url, store
    finally:
        store.close()


@pytest.fixture(scope="module", params=BACKENDS)
def api(request, tmp_path_factory, real_records, pipeline):
    """(base URL, store) of a running read-only server (no token), one per backend for the module."""
    if request.param == "duckdb":
        url = str(tmp_path_factory.mktemp("api") / "api.duckdb")
        with serving(url, SYNTHETIC + real_records, pipeline) as running_api:
            yield running_api
        return
    admin = request.getfixturevalue("postgres_admin")
    url, name = new_database(admin)
    try:
        with serving(url, SYNTHETIC + real_records, pipeline) as running_api:
            yield running_api
    finally:
        drop_database(admin, name)


@pytest.fixture
def writable_api(store_url, real_records, pipeline):
    """A server started with a write token, over a fresh store."""
    with serving(store_url, SYNTHETIC + real_records, pipeline, token=TOKEN) as running_api:
        yield running_api


def get(url, path, **params):
    return httpx.get(url + path, params=params, timeout=30)


def test_openapi_describes_every_endpoint(api):
    url, _ = api
    spec = get(url, "/openapi.json").json()
    paths = ["/events", "/aggregates/timeline", "/aggregates/quad_class", "/aggregates/dyads", "/aggregates/places"]
    paths += ["/actors", "/quotes", "/articles", "/articles/{article_id}", "/code"]
    for path in paths:
        assert path in spec["paths"], path
    names = {p["name"] for p in spec["paths"]["/events"]["get"]["parameters"]}
    assert {"actor", "country", "cameo", "cameo_root", "quad_class", "plover", "date_from", "date_to", "place",
            "sort", "limit", "offset"} <= names  # fmt: skip


def test_events_filter_page_and_sort(api):
    url, store = api
    body = get(url, "/events", country="UKR", quad_class=["3", "4"], sort="goldstein", limit=5).json()
    assert body["total"] == sum(
        1 for r in store.events(limit=None).to_pylist()
        if "UKR" in (r["source_country"], r["target_country"], r["place_country"]) and r["quad_class"] >= 3
    )  # fmt: skip
    assert len(body["rows"]) == 5 and body["limit"] == 5
    assert [r["goldstein"] for r in body["rows"]] == sorted(r["goldstein"] for r in body["rows"])
    second = get(url, "/events", country="UKR", quad_class="3,4", sort="goldstein", limit=5, offset=5).json()
    assert not {(r["article_id"], r["id"]) for r in body["rows"]} & {(r["article_id"], r["id"]) for r in second["rows"]}
    row = body["rows"][0]
    assert isinstance(row["day"], str) and len(row["day"]) == 10  # dates travel as ISO text
    assert {"source_name", "target_name", "cameo", "evidence_text", "place_name", "place_lat"} <= row.keys()


def test_aggregates(api):
    url, store = api
    total = store.count_events()
    timeline = get(url, "/aggregates/timeline", interval="week").json()["rows"]
    assert sum(r["events"] for r in timeline) == total and all("period" in r and "goldstein" in r for r in timeline)
    quads = get(url, "/aggregates/quad_class").json()["rows"]
    assert sum(r["events"] for r in quads) == total
    dyads = get(url, "/aggregates/dyads", limit=5).json()["rows"]
    assert len(dyads) == 5 and dyads[0]["events"] >= dyads[-1]["events"]
    places = get(url, "/aggregates/places", quad_class=4).json()["rows"]
    assert places and all(r["lat"] is not None and r["conflict"] == r["events"] for r in places)


def test_actors_quotes_articles_and_a_record(api, real_records):
    url, _ = api
    actors = get(url, "/actors", country="KEN").json()["rows"]
    assert actors and all(a["country"] == "KEN" for a in actors)
    quotes = get(url, "/quotes", speaker="hamas").json()["rows"]
    assert all(q["speaker_name"] == "Hamas" for q in quotes)
    listed = get(url, "/articles", text="Geneva", limit=100).json()["rows"]
    assert "geneva" in {a["id"] for a in listed}
    record = get(url, "/articles/geneva").json()
    assert record == real_records[1]
    assert_valid_record(record)
    missing = get(url, "/articles/nothing-here")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "E803"


@pytest.mark.parametrize(
    ("path", "params", "status", "code"),
    [
        ("/events", {"limit": 100000}, 422, "E801"),
        ("/events", {"limit": 0}, 422, "E801"),
        ("/events", {"offset": -5}, 422, "E801"),
        ("/events", {"offset": 10**12}, 422, "E801"),
        ("/events", {"date_from": "2023-13-45"}, 422, "E801"),
        ("/events", {"date_from": "yesterday"}, 422, "E801"),
        ("/events", {"date_from": "2023-06-01", "date_to": "2023-01-01"}, 400, "E801"),
        ("/events", {"sort": "date; DROP TABLE events"}, 422, "E801"),
        ("/events", {"sort": "evidence_text"}, 400, "E801"),
        ("/events", {"quad_class": "9"}, 400, "E801"),
        ("/events", {"country": "1=1"}, 400, "E801"),
        ("/events", {"cameo": "'--"}, 400, "E801"),
        ("/events", {"actor": "x" * 5000}, 422, "E801"),
        ("/events", {"min_confidence": "NaN"}, 422, "E801"),
        ("/aggregates/timeline", {"interval": "fortnight"}, 400, "E801"),
        ("/aggregates/dyads", {"limit": 10**9}, 422, "E801"),
        ("/actors", {"type": "alien"}, 400, "E801"),
        ("/quotes", {"kind": "shouted"}, 400, "E801"),
        ("/events", {"quadclass": "4"}, 400, "E802"),
        ("/aggregates/timeline", {"period": "week"}, 400, "E802"),
    ],
)
def test_bad_parameters_get_4xx_with_a_code(api, path, params, status, code):
    url, store = api
    before = store.counts()
    answer = get(url, path, **params)
    assert answer.status_code == status, answer.text
    assert answer.json()["error"]["code"] == code
    assert "Traceback" not in answer.text
    assert store.counts() == before


@pytest.mark.parametrize(
    "value",
    ["'; DROP TABLE events; --", "x' OR '1'='1", "%", "_", "\\", "Robert'); DELETE FROM articles;--", "\x00"],
)
def test_sql_metacharacters_leave_the_store_intact(api, value):
    url, store = api
    before = store.counts()
    for path, name in (("/events", "actor"), ("/events", "place"), ("/events", "text"), ("/actors", "name"),
                       ("/quotes", "speaker"), ("/articles", "text")):  # fmt: skip
        answer = get(url, path, **{name: value})
        if value == "\x00":
            assert answer.status_code in (400, 422)
        else:
            assert answer.status_code == 200, answer.text
            assert answer.json()["rows"] == []
    assert get(url, "/articles/" + quote(value, safe="")).status_code in (400, 404)
    assert store.counts() == before


def test_code_without_storing(api):
    url, store = api
    before = store.counts()
    answer = httpx.post(url + "/code", json={"text": "Kenyan police arrested twelve protesters in Mombasa.",
                                             "published": "2024-02-03"}, timeout=60)  # fmt: skip
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["stored"] is False
    assert_valid_record(body["record"])
    assert body["record"]["article"]["published"] == "2024-02-03"
    plain = httpx.post(url + "/code", content="Rebels seized the airport in Goma.", timeout=60,
                       headers={"content-type": "text/plain"})  # fmt: skip
    assert plain.status_code == 200
    assert plain.json()["record"]["article"]["text"] == "Rebels seized the airport in Goma."
    assert store.counts() == before


def test_no_token_no_writes(api):
    url, store = api
    before = store.counts()
    for headers in ({}, {"authorization": f"Bearer {TOKEN}"}):
        answer = httpx.post(url + "/code?store=true", json={"text": "Kenyan police arrested protesters."},
                            headers=headers, timeout=60)  # fmt: skip
        assert answer.status_code == 403 and answer.json()["error"]["code"] == "E805"
    assert store.counts() == before


def test_storing_needs_the_right_token(writable_api):
    url, store = writable_api
    before = store.counts()["articles"]
    article = {"id": "posted-1", "text": "Ethiopian troops clashed with rebels near Gondar.", "published": "2024-01-09"}
    for headers in ({}, {"authorization": "Bearer wrong-token-xxxxxxxxxxxx"}, {"authorization": TOKEN}):
        refused = httpx.post(url + "/code?store=true", json=article, headers=headers, timeout=60)
        assert refused.status_code == 401 and refused.json()["error"]["code"] == "E806"
        assert refused.headers["www-authenticate"] == "Bearer"
    stored = httpx.post(url + "/code?store=true", json=article, timeout=60,
                        headers={"authorization": f"Bearer {TOKEN}"})  # fmt: skip
    assert stored.status_code == 200 and stored.json()["stored"] is True
    again = httpx.post(url + "/code?store=true", json=article, timeout=60,
                       headers={"authorization": f"Bearer {TOKEN}"})  # fmt: skip
    assert again.json()["stored"] is False  # idempotent: the same article is stored once
    assert store.counts()["articles"] == before + 1
    assert get(url, "/articles/posted-1").json()["article"]["text"] == article["text"]


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        (json.dumps({"text": "x" * 30_000}), "application/json", 413, "E105"),
        (b"x" * 200_000, "text/plain", 413, "E804"),
        (b'{"text": broken', "application/json", 422, "E107"),
        (b'["not", "an", "object"]', "application/json", 422, "E108"),
        (json.dumps({"text": "   "}), "application/json", 422, "E104"),
        (json.dumps({"text": "War.", "published": "last week"}), "application/json", 422, "E112"),
        (json.dumps({"text": "War.", "title": ["a"]}), "application/json", 422, "E109"),
        (bytes(range(256)) * 10, "text/plain", 422, "E102"),
        (b"\xff\xfe caf\xe9", "text/plain", 422, "E103"),
    ],
)
def test_bad_articles_get_4xx(api, body, content_type, status, code):
    url, store = api
    before = store.counts()
    answer = httpx.post(url + "/code", content=body, headers={"content-type": content_type}, timeout=60)
    assert answer.status_code == status, answer.text
    assert answer.json()["error"]["code"] == code
    assert store.counts() == before


def test_oversized_body_is_refused_before_it_is_read(api):
    url, _ = api

    def endless():
        for _ in range(1000):
            yield b"y" * 65536

    answer = httpx.post(url + "/code", content=endless(), headers={"content-type": "text/plain"}, timeout=60)
    assert answer.status_code == 413 and answer.json()["error"]["code"] == "E804"


def test_dashboard_and_its_assets_are_served_locally(api):
    url, _ = api
    page = get(url, "/", utm_source="newsletter")
    assert page.status_code == 200 and "<title>tacitus" in page.text
    assert "http://" not in page.text.replace('href="/', "") and "https://" not in page.text
    for asset in ("/static/app.js", "/static/app.css", "/static/vendor/countries-110m.json",
                  "/static/vendor/topojson-client.min.js"):  # fmt: skip
        assert get(url, asset).status_code == 200, asset
    assert get(url, "/static/../../store/postgres.py").status_code == 404
