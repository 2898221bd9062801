"""A POLECAT-like JSON Lines layout: one event per line, keyed by the column names of POLECAT's weekly files.

POLECAT (the ICEWS successor, coded with PLOVER) publishes tab-separated files with a header row; code
written for them reads these names. Values tacitus does not code (COW codes, actor titles, Wikipedia ids,
story-level people and organizations) are null, never invented. ``Intensity`` is the event's Goldstein
score (tacitus's own scale for the event; POLECAT's intensity is a PLOVER score). Lists stay lists.
Each line also carries a ``tacitus`` object that ties the event back to its article and its evidence.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import IO

import pyarrow as pa

from tacitus import __version__
from tacitus.formats.gdelt import country_names

# The header of POLECAT's weekly files (Harvard Dataverse doi:10.7910/DVN/AJGVIT), in order.
COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type",
    "Source", "Publication Date", "Story People", "Story Organizations", "Story Locations", "Language", "Version",
)  # fmt: skip


def _iso(value: object) -> object:
    return value.isoformat() if isinstance(value, date | datetime) else value


def polecat_row(row: dict) -> dict:
    values: dict[str, object] = dict.fromkeys(COLUMNS)
    values["Event ID"] = f"{row['article_id']}-{row['id']}"
    values["Event Date"] = _iso(row.get("day"))
    values["Event Type"] = row.get("plover_type")
    values["Event Mode"] = row.get("plover_mode")
    values["Intensity"] = row.get("goldstein")
    values["Quad Code"] = row.get("quad_class")
    values["Contexts"] = list(row.get("plover_contexts") or [])
    for side, prefix in (("source", "Actor"), ("target", "Recipient")):
        sectors = list(row.get(f"{side}_sectors") or [])
        values[f"{prefix} Name"] = row.get(f"{side}_name")
        values[f"{prefix} Country"] = row.get(f"{side}_country")
        values[f"Primary {prefix} Sector"] = sectors[0] if sectors else None
        values[f"{prefix} Sectors"] = sectors
    if row.get("place_name") is not None:
        feature = row.get("place_feature") or ""
        country = row.get("place_country")
        values["Placename"] = row["place_name"]
        values["City"] = row["place_name"] if feature.startswith("P.") else None
        values["Province"] = row["place_name"] if feature.startswith("A.ADM1") else None
        values["Country"] = country_names().get(country or "", country)
        values["Latitude"] = row.get("place_lat")
        values["Longitude"] = row.get("place_lon")
        values["GeoNames ID"] = row.get("place_geonames_id")
        values["Raw Placename"] = row["place_name"]
        values["Feature Type"] = feature or None
    values["Source"] = row.get("article_source")
    values["Publication Date"] = _iso(row.get("published"))
    values["Language"] = row.get("language") or "en"
    values["Version"] = f"tacitus {__version__}"
    values["tacitus"] = {
        "article_id": row["article_id"], "event_id": row["id"], "url": row.get("url"), "cameo": row["cameo"],
        "goldstein": row.get("goldstein"), "aux": list(row.get("aux") or []), "date": row.get("date"),
        "evidence": {"start": row["evidence_start"], "end": row["evidence_end"], "text": row["evidence_text"]},
        "confidence": row.get("confidence"),
    }  # fmt: skip
    return values


def write_polecat(events: pa.Table, stream: IO[bytes]) -> int:
    count = 0
    for batch in events.to_batches(max_chunksize=10_000):
        lines = [json.dumps(polecat_row(row), ensure_ascii=False) + "\n" for row in batch.to_pylist()]
        stream.write("".join(lines).encode("utf-8"))
        count += len(lines)
    return count
