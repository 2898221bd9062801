"""SYNTHETIC test data: generated, contract-valid records and event rows for tests and load benchmarks.

Nothing here is news. Articles are sentences assembled from fixed templates ("Kenya police arrested
protesters in Nairobi.") with correct offsets, so that every record passes the ``tacitus/1`` schema and
``record_problems``; event rows for the million-event benchmarks are drawn at random (seeded, repeatable).
Every generated article id starts with ``synthetic-`` and its source is ``synthetic``.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tacitus.store.schema import TABLES

# (name, CAMEO actor code, ISO alpha-3, sectors, type)
ACTORS = [
    ("Kenya", "KEN", "KEN", [], "country"), ("Kenyan police", "KENCOP", "KEN", ["COP"], "organization"),
    ("protesters", "KENOPP", "KEN", ["OPP"], "group"), ("Ethiopia", "ETH", "ETH", [], "country"),
    ("Somalia", "SOM", "SOM", [], "country"), ("al-Shabaab", "SOMREB", "SOM", ["REB"], "group"),
    ("Russia", "RUS", "RUS", [], "country"), ("Ukraine", "UKR", "UKR", [], "country"),
    ("Ukrainian army", "UKRMIL", "UKR", ["MIL"], "organization"),
    ("Russian army", "RUSMIL", "RUS", ["MIL"], "organization"),
    ("United Nations", "IGOUNO", None, ["IGO"], "organization"), ("United States", "USA", "USA", [], "country"),
    ("China", "CHN", "CHN", [], "country"), ("India", "IND", "IND", [], "country"),
    ("Israel", "ISR", "ISR", [], "country"), ("Hamas", "PSEREB", "PSE", ["REB"], "group"),
]  # fmt: skip
# (CAMEO code, root, QuadClass, Goldstein, PLOVER type, the words of the sentence)
ACTIONS = [
    ("040", "04", 1, 1.0, "CONSULT", "met with"), ("036", "03", 1, 4.0, "CONSULT", "offered to meet"),
    ("057", "05", 1, 8.0, "AGREE", "signed an agreement with"), ("071", "07", 2, 7.4, "AID", "sent aid to"),
    ("0231", "02", 1, 3.4, "REQUEST", "appealed for aid to"), ("112", "11", 3, -2.0, "ACCUSE", "accused"),
    ("138", "13", 3, -7.0, "THREATEN", "threatened"), ("1411", "14", 3, -6.5, "PROTEST", "protested against"),
    ("173", "17", 4, -5.0, "COERCE", "arrested"), ("190", "19", 4, -10.0, "ASSAULT", "attacked"),
    ("193", "19", 4, -10.0, "ASSAULT", "fought"), ("1831", "18", 4, -10.0, "ASSAULT", "bombed"),
]  # fmt: skip
# (name, GeoNames id, ISO alpha-3, lat, lon, feature)
PLACES = [
    ("Nairobi", 184745, "KEN", -1.28333, 36.81667, "P.PPLC"), ("Mombasa", 186301, "KEN", -4.05466, 39.66359, "P.PPLA"),
    ("Addis Ababa", 344979, "ETH", 9.02497, 38.74689, "P.PPLC"),
    ("Mogadishu", 53654, "SOM", 2.03711, 45.34375, "P.PPLC"),
    ("Kyiv", 703448, "UKR", 50.45466, 30.5238, "P.PPLC"), ("Kharkiv", 706483, "UKR", 49.98081, 36.25272, "P.PPLA"),
    ("Moscow", 524901, "RUS", 55.75222, 37.61556, "P.PPLC"), ("Geneva", 2660646, "CHE", 46.20222, 6.14569, "P.PPLA"),
    ("New York", 5128581, "USA", 40.71427, -74.00597, "P.PPL"),
    ("Beijing", 1816670, "CHN", 39.9075, 116.39723, "P.PPLC"),
    ("New Delhi", 1261481, "IND", 28.63576, 77.22445, "P.PPLC"), ("Gaza", 281133, "PSE", 31.50161, 34.46672, "P.PPLA"),
]  # fmt: skip


def synthetic_record(number: int, rng: random.Random, start: date = date(2023, 1, 1), days: int = 365) -> dict:
    """One generated, schema-valid ``tacitus/1`` record with 1-4 events (and sometimes a quote)."""
    published = start + timedelta(days=rng.randrange(days))
    text, actors, places, events, quotes = "", {}, {}, [], []

    def actor_id(index: int, start_char: int) -> str:
        name, code, country, sectors, kind = ACTORS[index]
        if index not in actors:
            actors[index] = {"id": f"a{len(actors) + 1}", "name": name, "code": code, "country": country,
                             "sectors": sectors, "type": kind, "mentions": []}  # fmt: skip
        actors[index]["mentions"].append({"start": start_char, "end": start_char + len(name), "text": name})
        return actors[index]["id"]

    for sentence in range(rng.randint(1, 4)):
        s, t = rng.sample(range(len(ACTORS)), 2)
        cameo, root, quad, goldstein, plover, words = rng.choice(ACTIONS)
        place_index = rng.randrange(len(PLACES))
        begin = len(text)
        source_id = actor_id(s, begin)
        text += ACTORS[s][0] + " " + words + " "
        target_id = actor_id(t, len(text))
        text += ACTORS[t][0] + " in "
        name, geonames_id, country, lat, lon, feature = PLACES[place_index]
        if place_index not in places:
            places[place_index] = {
                "id": f"p{len(places) + 1}", "name": name, "geonames_id": geonames_id, "country": country,
                "lat": lat, "lon": lon, "feature": feature, "mentions": [],
            }  # fmt: skip
        places[place_index]["mentions"].append({"start": len(text), "end": len(text) + len(name), "text": name})
        text += name + "."
        events.append({
            "id": f"e{sentence + 1}", "source": source_id, "target": target_id, "cameo": cameo, "cameo_root": root,
            "quad_class": quad, "goldstein": goldstein, "plover": {"type": plover, "mode": None, "contexts": []},
            "aux": [], "date": published.isoformat(), "place": places[place_index]["id"], "sentence": sentence,
            "evidence": {"start": begin, "end": len(text), "text": text[begin:]}, "confidence": 0.9,
        })  # fmt: skip
        text += " "
    if rng.random() < 0.5:
        speaker = rng.randrange(len(ACTORS))
        said = "We will not accept this"
        text += ACTORS[speaker][0] + ' said: "'
        speaker_id = actor_id(speaker, len(text) - len(ACTORS[speaker][0]) - 8)
        quotes.append({"id": "q1", "speaker": speaker_id, "speaker_text": ACTORS[speaker][0], "cue": "said",
                       "text": said, "start": len(text), "end": len(text) + len(said), "kind": "direct"})  # fmt: skip
        text += said + '."'
    return {
        "schema": "tacitus/1",
        "article": {
            "id": f"synthetic-{number}",
            "title": f"Synthetic article {number}",
            "url": None,
            "source": "synthetic",
            "published": published.isoformat(),
            "language": "en",
            "text": text.strip(),
            "content_hash": None,
        },
        "actors": list(actors.values()),
        "events": events,
        "quotes": quotes,
        "places": list(places.values()),
        "times": [],
    }


def synthetic_records(count: int, seed: int = 8) -> list[dict]:
    rng = random.Random(seed)
    return [synthetic_record(number, rng) for number in range(count)]


def synthetic_event_table(count: int, *, articles: int | None = None, seed: int = 8) -> pa.Table:
    """``count`` generated rows of the ``events`` table (columnar, fast: a million in seconds), spread over
    ``articles`` articles (ids ``synthetic-N``) and five years of days."""
    rs = np.random.default_rng(seed)
    articles = articles or max(1, count // 10)
    article = rs.integers(0, articles, count)
    source = rs.integers(0, len(ACTORS), count)
    target = (source + rs.integers(1, len(ACTORS), count)) % len(ACTORS)
    action = rs.integers(0, len(ACTIONS), count)
    place = rs.integers(0, len(PLACES), count)
    day0 = date(2019, 1, 1)
    days = rs.integers(0, 5 * 365, count)
    actor_col = lambda i: [ACTORS[k][i] for k in range(len(ACTORS))]  # noqa: E731
    action_col = lambda i: [ACTIONS[k][i] for k in range(len(ACTIONS))]  # noqa: E731
    place_col = lambda i: [PLACES[k][i] for k in range(len(PLACES))]  # noqa: E731

    def pick(values: list, index: np.ndarray, kind: pa.DataType) -> pa.Array:
        return pa.array(values, kind).take(pa.array(index))

    dates = pa.array([day0 + timedelta(days=int(d)) for d in range(5 * 365)], pa.date32()).take(pa.array(days))
    columns = {
        "article_id": pa.array([f"synthetic-{a}" for a in article], pa.string()),
        "id": pa.array([f"e{i}" for i in range(count)], pa.string()),
        "source": pick(["a" + str(k) for k in range(len(ACTORS))], source, pa.string()),
        "target": pick(["a" + str(k) for k in range(len(ACTORS))], target, pa.string()),
        "source_code": pick(actor_col(1), source, pa.string()),
        "target_code": pick(actor_col(1), target, pa.string()),
        "source_country": pick(actor_col(2), source, pa.string()),
        "target_country": pick(actor_col(2), target, pa.string()),
        "source_name": pick(actor_col(0), source, pa.string()),
        "target_name": pick(actor_col(0), target, pa.string()),
        "cameo": pick(action_col(0), action, pa.string()),
        "cameo_root": pick(action_col(1), action, pa.string()),
        "quad_class": pick(action_col(2), action, pa.int64()),
        "goldstein": pick(action_col(3), action, pa.float64()),
        "plover_type": pick(action_col(4), action, pa.string()),
        "plover_mode": pa.nulls(count, pa.string()),
        "plover_contexts": pa.array([[]] * count, pa.list_(pa.string())),
        "aux": pa.array([[]] * count, pa.list_(pa.string())),
        "date": pc.cast(dates, pa.string()),
        "day": dates,
        "place": pa.array(["p1"] * count, pa.string()),
        "sentence": pa.array(rs.integers(0, 20, count), pa.int64()),
        "evidence_start": pa.array([0] * count, pa.int64()),
        "evidence_end": pa.array([10] * count, pa.int64()),
        "evidence_text": pick(action_col(5), action, pa.string()),
        "confidence": pa.array(rs.uniform(0.3, 1.0, count), pa.float64()),
        "place_name": pick(place_col(0), place, pa.string()),
        "place_country": pick(place_col(2), place, pa.string()),
        "place_lat": pick(place_col(3), place, pa.float64()),
        "place_lon": pick(place_col(4), place, pa.float64()),
    }
    assert set(columns) == set(TABLES["events"]), set(TABLES["events"]) ^ set(columns)
    return pa.table([columns[c] for c in TABLES["events"]], names=list(TABLES["events"]))


def synthetic_article_table(articles: int) -> pa.Table:
    """Minimal ``articles`` rows for the generated events (empty texts, no records: not exportable as JSONL)."""
    now = datetime.now(UTC).replace(tzinfo=None)
    return pa.table(
        {
            "id": [f"synthetic-{a}" for a in range(articles)],
            "seq": list(range(1, articles + 1)),
            "content_hash": pa.nulls(articles, pa.string()),
            "title": [f"Synthetic article {a}" for a in range(articles)],
            "url": pa.nulls(articles, pa.string()),
            "source": ["synthetic"] * articles,
            "published": pa.nulls(articles, pa.date32()),
            "language": ["en"] * articles,
            "text": [""] * articles,
            "record": pa.nulls(articles, pa.string()),
            "ingested_at": pa.array([now] * articles, pa.timestamp("us")),
        }
    )


__all__ = ["synthetic_article_table", "synthetic_event_table", "synthetic_record", "synthetic_records"]
