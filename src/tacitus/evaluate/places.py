"""``tacitus eval places``: toponym resolution on real news annotated with GeoNames ids.

The set (tests/data/places/, made by scripts/make_toponym_set.py) is 255 toponyms in 21 Wikinews articles
of the GUM corpus, each with the GeoNames entry it means. tacitus codes each whole article with the places
stage; a gold toponym counts as

- *found* when a place mention overlaps it;
- *correct* when that mention's place has the gold GeoNames id (accuracy over all gold toponyms, so a
  missed toponym counts as wrong);
- *within 161 km* (100 miles, the usual tolerance) when its coordinates are that close to the gold entry's.

Baseline: the same mentions resolved to the most populous gazetteer entry of the name (the plain library
approach of the first version); a second row shows resolution alone, over the toponyms tacitus found.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

from tacitus.config import Settings
from tacitus.errors import TacitusError
from tacitus.evaluate.metrics import Accuracy, Report
from tacitus.pipeline import Pipeline
from tacitus.places.gazetteer import Entry, load_gazetteer
from tacitus.record import Article

TOPONYM_SET = Path(__file__).resolve().parents[3] / "tests" / "data" / "places"
ACCURACY_161_TARGET = 0.90
EARTH_RADIUS_KM = 6371.0


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def within(entry: Entry | None, lat: float | None, lon: float | None, km: float = 161.0) -> bool:
    if entry is None or lat is None or entry.lat is None:
        return False
    return distance_km((entry.lat, entry.lon), (lat, lon)) <= km


def ambiguous(candidates: list[Entry]) -> bool:
    """A name shared by places more than 161 km apart (or one without coordinates): resolution matters."""
    located = [c for c in candidates if c.lat is not None]
    return len(candidates) > 1 and (
        len(located) < len(candidates)
        or any(distance_km((a.lat, a.lon), (b.lat, b.lon)) > 161 for a in located for b in located)
    )


def load_set(folder: Path = TOPONYM_SET) -> tuple[list[dict], list[dict]]:
    for name in ("articles.jsonl", "toponyms.jsonl"):
        if not (folder / name).exists():
            raise TacitusError("E008", path=str(folder / name), expected="tests/data/places/" + name)
    read = lambda name: [json.loads(line) for line in (folder / name).open(encoding="utf-8") if line.strip()]  # noqa: E731
    return read("articles.jsonl"), read("toponyms.jsonl")


def evaluate(gold_dir: Path, settings: Settings, limit: int | None = None) -> Report:
    articles, toponyms = load_set()
    articles = articles[:limit]
    gazetteer = load_gazetteer()
    pipeline = Pipeline(settings.with_(stages=("places",)))
    docs = {
        doc._.article.id: doc
        for doc in pipeline.nlp.pipe(
            pipeline.make_doc(Article(id=a["id"], text=a["text"], published=a.get("published"))) for a in articles
        )
    }
    rows = {key: Accuracy() for key in ("found", "tacitus", "tacitus@161", "popular", "popular@161",
                                        "tacitus|found", "popular|found", "tacitus|ambiguous",
                                        "popular|ambiguous")}  # fmt: skip
    how = Counter()
    for item in toponyms:
        doc = docs.get(item["article"])
        if doc is None:
            continue
        gold = gazetteer.entry(item["geonames_id"])
        hit = None
        for place in doc._.places:
            for mention in place.mentions:
                if mention.start < item["end"] and item["start"] < mention.end:
                    hit = (place, mention)
        rows["found"].add(hit is not None)
        if hit is None:
            for key in ("tacitus", "tacitus@161", "popular", "popular@161"):
                rows[key].add(False)
            continue
        place, mention = hit
        how[place.resolution] += 1
        ours = place.geonames_id == item["geonames_id"]
        candidates = gazetteer.candidates(mention.text)
        popular = max(candidates, key=lambda e: e.population) if candidates else None
        theirs = popular is not None and popular.geonames_id == item["geonames_id"]
        rows["tacitus"].add(ours)
        rows["tacitus@161"].add(ours or within(gold, place.lat, place.lon))
        rows["popular"].add(theirs)
        rows["popular@161"].add(theirs or within(gold, *((popular.lat, popular.lon) if popular else (None, None))))
        rows["tacitus|found"].add(ours)
        rows["popular|found"].add(theirs)
        if ambiguous(candidates):
            rows["tacitus|ambiguous"].add(ours)
            rows["popular|ambiguous"].add(theirs)
    report = Report(f"places: {sum(1 for t in toponyms if t['article'] in docs)} annotated toponyms in "
                    f"{len(docs)} Wikinews articles (GUM), GeoNames ids")  # fmt: skip
    report.add("toponyms found", "tacitus", rows["found"])
    report.add("accuracy (GeoNames id)", "tacitus", rows["tacitus"])
    report.add("accuracy (GeoNames id)", "most populous match", rows["popular"])
    report.add("accuracy within 161 km", "tacitus", rows["tacitus@161"], ACCURACY_161_TARGET)
    report.add("accuracy within 161 km", "most populous match", rows["popular@161"])
    report.add("resolution accuracy, found toponyms", "tacitus", rows["tacitus|found"])
    report.add("resolution accuracy, found toponyms", "most populous match", rows["popular|found"])
    report.add("resolution accuracy, ambiguous names", "tacitus", rows["tacitus|ambiguous"])
    report.add("resolution accuracy, ambiguous names", "most populous match", rows["popular|ambiguous"])
    report.notes.append("tacitus resolutions by method: " + ", ".join(f"{k} {v}" for k, v in how.most_common()))
    report.notes.append("Missed toponyms count as wrong in both accuracies; the baseline resolves the same mentions.")
    return report
