"""The API's answer cache (tacitus.api.cache): answers are served again only while they are right, over real
DuckDB and PostgreSQL stores and a real uvicorn server on 127.0.0.1. Records are SYNTHETIC
(tacitus.store.synthetic)."""

from __future__ import annotations

import copy

import httpx
import pytest

from tacitus.api import create_app
from tacitus.config import Settings
from tacitus.store import open_store
from tacitus.store.synthetic import synthetic_records

from .serving import running

TOKEN = "cache-token-0123456789abcdef"


def renamed(records: list[dict], prefix: str) -> list[dict]:
    """Copies of ``records`` under new article ids, so that they are stored as new articles."""
    out = copy.deepcopy(records)
    for record in out:
        record["article"]["id"] = prefix + record["article"]["id"]
    return out


def total(url: str, **params) -> int:
    answer = httpx.get(url + "/events", params={"limit": 5, **params}, timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.json()["total"]


def aggregate_sum(url: str) -> int:
    rows = httpx.get(url + "/aggregates/quad_class", timeout=30).json()["rows"]
    return sum(row["events"] for row in rows)


def test_answers_are_kept_and_cleared_by_the_servers_own_writes(store_url, pipeline):
    records = synthetic_records(20, seed=5)
    with open_store(store_url) as writer:
        writer.add_records(records)
    store = open_store(store_url)
    app = create_app(store, token=TOKEN, settings=Settings(max_bytes=20_000), pipeline=pipeline, cache_mb=16)
    try:
        with running(app) as url:
            events = sum(len(r["events"]) for r in records)
            assert total(url) == events and aggregate_sum(url) == events
            hits = app.state.answers.hits
            first = httpx.get(url + "/events", params={"limit": 5, "sort": "goldstein"}, timeout=30).json()
            again = httpx.get(url + "/events", params={"limit": 5, "sort": "goldstein"}, timeout=30).json()
            assert again == first and app.state.answers.hits > hits
            # A stored article changes every answer at once.
            posted = {"id": "posted-cache", "published": "2024-01-09",
                      "text": "Ethiopian troops attacked rebels near Gondar on Monday."}  # fmt: skip
            answer = httpx.post(url + "/code?store=true", json=posted, timeout=60,
                                headers={"authorization": f"Bearer {TOKEN}"})  # fmt: skip
            assert answer.status_code == 200 and answer.json()["stored"] is True
            added = len(answer.json()["record"]["events"])
            assert added >= 1
            assert total(url) == events + added and aggregate_sum(url) == events + added
    finally:
        store.close()


def test_postgresql_answers_follow_other_writers(postgres_url):
    records = synthetic_records(20, seed=6)
    with open_store(postgres_url) as writer:
        writer.add_records(records)
    store = open_store(postgres_url, read_only=True)
    app = create_app(store, cache_mb=16)
    try:
        with running(app) as url:
            events = sum(len(r["events"]) for r in records)
            assert total(url) == events and aggregate_sum(url) == events
            # Another process (here another connection) stores articles: the next answers count them.
            more = renamed(synthetic_records(3, seed=7), "later-")
            with open_store(postgres_url) as writer:
                writer.add_records(more)
            grown = events + sum(len(r["events"]) for r in more)
            assert total(url) == grown and aggregate_sum(url) == grown
    finally:
        store.close()


@pytest.mark.parametrize("cache_mb", [0, 16])
def test_filters_and_pages_are_answered_apart(tmp_path, cache_mb):
    path = str(tmp_path / "c.duckdb")
    records = synthetic_records(30, seed=8)
    with open_store(path) as writer:
        writer.add_records(records)
    store = open_store(path, read_only=True)
    app = create_app(store, cache_mb=cache_mb)
    try:
        with running(app) as url:
            conflict = total(url, quad_class="3,4")
            cooperation = total(url, quad_class="1,2")
            assert conflict + cooperation == total(url) and conflict and cooperation
            pages = [httpx.get(url + "/events", params={"limit": 10, "offset": o}, timeout=30).json() for o in (0, 10)]
            assert {(r["article_id"], r["id"]) for r in pages[0]["rows"]}.isdisjoint(
                (r["article_id"], r["id"]) for r in pages[1]["rows"]
            )
            assert total(url, quad_class="3,4") == conflict
            # A page past the end has no rows to carry the total: it is counted on its own.
            assert total(url, quad_class="3,4", offset=100_000) == conflict
            assert total(url, actor="nobody at all") == 0 and total(url, actor="nobody", offset=50) == 0
            by_page = httpx.get(url + "/events", params={"limit": 1000, "sort": "goldstein"}, timeout=30).json()
            keys = {(r["article_id"], r["id"]) for r in by_page["rows"]}
            assert len(by_page["rows"]) == by_page["total"] == len(keys)
            goldstein = [r["goldstein"] for r in by_page["rows"] if r["goldstein"] is not None]
            assert goldstein == sorted(goldstein)
            assert (app.state.answers.hits > 0) == (cache_mb > 0)
    finally:
        store.close()
