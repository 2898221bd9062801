"""The query layer (tacitus.store.query) on both backends, checked against answers computed in plain Python
from the same SYNTHETIC records (tacitus.store.synthetic): generated, contract-valid, not news."""

from __future__ import annotations

import fnmatch
from collections import Counter, defaultdict
from datetime import date

import pytest

from tacitus.errors import TacitusError
from tacitus.store import open_store
from tacitus.store.query import ActorFilter, EventFilter, QuoteFilter
from tacitus.store.synthetic import synthetic_records

RECORDS = synthetic_records(120, seed=3)


def flat_events(records):
    """Events as rows, computed without SQL: the oracle."""
    rows = []
    for r in records:
        actors = {a["id"]: a for a in r["actors"]}
        places = {p["id"]: p for p in r["places"]}
        for e in r["events"]:
            s, t, p = actors.get(e["source"], {}), actors.get(e["target"], {}), places.get(e["place"], {})
            rows.append({
                "key": (r["article"]["id"], e["id"]), "source": s.get("name"), "target": t.get("name"),
                "source_code": s.get("code"), "target_code": t.get("code"), "countries": {s.get("country"),
                t.get("country"), p.get("country")}, "cameo": e["cameo"], "quad": e["quad_class"],
                "goldstein": e["goldstein"], "day": date.fromisoformat(e["date"]), "place": p.get("name"),
            })  # fmt: skip
    return rows


EVENTS = flat_events(RECORDS)


@pytest.fixture
def store(store_url):
    with open_store(store_url) as s:
        s.add_records(RECORDS)
        yield s


def keys(table):
    return {(row["article_id"], row["id"]) for row in table.to_pylist()}


def matches(name_or_code: str, name: str | None, code: str | None) -> bool:
    return (name is not None and fnmatch.fnmatch(name.lower(), name_or_code.lower())) or code == name_or_code.upper()


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, lambda e: True),
        ({"actor": "Kenyan police"}, lambda e: "Kenyan police" in (e["source"], e["target"])),
        ({"actor": "*army*"}, lambda e: matches("*army*", e["source"], None) or matches("*army*", e["target"], None)),
        ({"actor": "ukrmil"}, lambda e: "UKRMIL" in (e["source_code"], e["target_code"])),
        ({"source": "Russia", "target": "Ukraine"}, lambda e: (e["source"], e["target"]) == ("Russia", "Ukraine")),
        ({"country": "ken"}, lambda e: "KEN" in e["countries"]),
        ({"cameo": "19"}, lambda e: e["cameo"].startswith("19")),
        ({"cameo": "1831"}, lambda e: e["cameo"] == "1831"),
        ({"cameo_root": "4"}, lambda e: e["cameo"].startswith("04")),
        ({"quad_class": "3,4"}, lambda e: e["quad"] in (3, 4)),
        ({"quad_class": [1]}, lambda e: e["quad"] == 1),
        ({"plover": "assault"}, lambda e: e["cameo"] in ("190", "193", "1831")),
        ({"date_from": "2023-03-01", "date_to": "2023-05-31"}, lambda e: date(2023, 3, 1) <= e["day"] <= date(2023, 5, 31)),  # noqa: E501
        ({"place": "nairobi"}, lambda e: e["place"] == "Nairobi"),
        ({"place": "*a"}, lambda e: e["place"].lower().endswith("a")),
        ({"country": "UKR", "quad_class": 4, "date_from": "2023-06-01"},
         lambda e: "UKR" in e["countries"] and e["quad"] == 4 and e["day"] >= date(2023, 6, 1)),
    ],
)  # fmt: skip
def test_event_filters_match_python(store, filters, expected):
    f = EventFilter.of(**filters)
    want = {e["key"] for e in EVENTS if expected(e)}
    assert want, "the synthetic data should exercise this filter"
    assert keys(store.events(f, limit=None)) == want
    assert store.count_events(f) == len(want)


def test_paging_and_sorting_are_stable(store):
    pages = [store.events(sort="goldstein", limit=25, offset=o).to_pylist() for o in range(0, len(EVENTS), 25)]
    rows = [row for page in pages for row in page]
    assert len(rows) == len(EVENTS) and len({(r["article_id"], r["id"]) for r in rows}) == len(EVENTS)
    assert [r["goldstein"] for r in rows] == sorted(e["goldstein"] for e in EVENTS)
    newest = store.events(sort="-date", limit=1).to_pylist()[0]
    assert newest["day"] == max(e["day"] for e in EVENTS)


def test_timeline_sums_match_python(store):
    want = defaultdict(lambda: [0, 0.0])
    for e in EVENTS:
        month = e["day"].replace(day=1)
        want[(month, e["quad"])][0] += 1
        want[(month, e["quad"])][1] += e["goldstein"]
    got = {(r["period"], r["quad_class"]): [r["events"], r["goldstein"]] for r in store.timeline().to_pylist()}
    assert got.keys() == want.keys()
    for key, (count, goldstein) in want.items():
        assert got[key][0] == count and got[key][1] == pytest.approx(goldstein)
    weeks = store.timeline(interval="week").to_pylist()
    assert all(r["period"].weekday() == 0 for r in weeks)  # ISO weeks start on Monday
    assert sum(r["events"] for r in weeks) == len(EVENTS)


def test_quad_class_and_dyads_match_python(store):
    by_quad = Counter(e["quad"] for e in EVENTS)
    assert {r["quad_class"]: r["events"] for r in store.by_quad_class().to_pylist()} == by_quad
    dyads = Counter((e["source"], e["target"]) for e in EVENTS)
    got = store.dyads(limit=None).to_pylist()
    assert {(r["source"], r["target"]): r["events"] for r in got} == dyads
    assert [r["events"] for r in got] == sorted(dyads.values(), reverse=True)
    assert all(r["cooperation"] + r["conflict"] == r["events"] for r in got)
    top = store.dyads(EventFilter.of(quad_class="4"), limit=3).to_pylist()
    assert len(top) == 3 and all(r["conflict"] == r["events"] for r in top)


def test_places_actors_quotes_articles(store):
    places = {r["name"]: r["events"] for r in store.event_places(limit=None).to_pylist()}
    assert places == Counter(e["place"] for e in EVENTS)
    actors = {r["name"]: r for r in store.actors(limit=None).to_pylist()}
    police = actors["Kenyan police"]
    assert police["code"] == "KENCOP" and police["country"] == "KEN"
    assert police["events"] == sum((e["source"] == "Kenyan police") + (e["target"] == "Kenyan police") for e in EVENTS)
    assert police["articles"] == sum(any(a["name"] == "Kenyan police" for a in r["actors"]) for r in RECORDS)
    kenyan = store.actors(ActorFilter.of(country="ken"), limit=None).to_pylist()
    assert {r["name"] for r in kenyan} == {"Kenya", "Kenyan police", "protesters"}
    all_quotes = [(r["article"]["id"], q) for r in RECORDS for q in r["quotes"]]
    by_israel = store.quotes(QuoteFilter.of(speaker="israel"), limit=None).to_pylist()
    assert len(by_israel) == sum(q["speaker_text"] == "Israel" for _, q in all_quotes)
    assert all(r["speaker_name"] == "Israel" and r["text"] == "We will not accept this" for r in by_israel)
    assert store.articles(limit=5).num_rows == 5
    assert store.record(RECORDS[7]["article"]["id"]) == RECORDS[7]
    assert store.record("no such article") is None


HOSTILE = [
    "'; DROP TABLE events; --",
    "x' OR '1'='1",
    "%",
    "_",
    "\\",
    "Robert'); DELETE FROM articles;--",
    '" OR 1=1 --',
    "ÿ☃💣",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_are_only_values(store, value):
    before = store.counts()
    for name in ("actor", "source", "place", "article", "text"):
        assert store.events(EventFilter.of(**{name: value})).num_rows == 0
    assert store.actors(ActorFilter.of(name=value)).num_rows == 0
    assert store.quotes(QuoteFilter.of(speaker=value)).num_rows == 0
    assert store.record(value) is None
    assert store.counts() == before


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"country": "Kenya"}, "alpha-3"),
        ({"cameo": "19; DROP"}, "CAMEO code"),
        ({"cameo_root": "21"}, "root"),
        ({"quad_class": "5"}, "1, 2, 3 or 4"),
        ({"quad_class": "x"}, "1, 2, 3 or 4"),
        ({"date_from": "2023-02-30"}, "YYYY-MM-DD"),
        ({"date_from": "2023-05-01", "date_to": "2023-04-01"}, "on or after"),
        ({"min_confidence": 2}, "0 to 1"),
        ({"exclude_aux": "maybe"}, "negated"),
        ({"plover": "DROP TABLE"}, "PLOVER"),
        ({"actor": "x" * 500}, "at most 200"),
        ({"colour": "red"}, "unknown filter"),
    ],
)
def test_bad_filters_are_refused_with_a_code(filters, message):
    with pytest.raises(TacitusError, match=message) as raised:
        EventFilter.of(**filters)
    assert raised.value.code in ("E801", "E802")


def test_bad_sort_interval_and_page_are_refused(store):
    for call in (
        lambda: store.events(sort="date; DROP TABLE events"),
        lambda: store.events(sort="evidence_text"),
        lambda: store.timeline(interval="decade"),
        lambda: store.events(limit=10**6),
        lambda: store.events(limit=0),
        lambda: store.events(offset=-1),
    ):
        with pytest.raises(TacitusError, match="E801"):
            call()


def test_excluding_negated_events(store_url):
    records = synthetic_records(10, seed=5)
    records[0]["events"][0]["aux"] = ["negated"]
    with open_store(store_url) as store:
        store.add_records(records)
        everything = store.count_events()
        assert store.count_events(EventFilter.of(exclude_aux="negated")) == everything - 1
        assert store.count_events(EventFilter.of(exclude_aux=["hypothetical", "future"])) == everything
