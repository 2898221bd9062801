"""Event merging across articles: mentions of the same real event become one event with GDELT-style counts.

Two mentions (events of different articles, or of one) are of the same event when they have

- the same dyad, by actor code (source code, target code; an event with neither coded merges with nothing),
- the same CAMEO root,
- dates within ``window_days`` of the merged event's first day (a date known only to the month or the year
  merges only with the same month or year; an event with no date merges with nothing), and
- compatible places: either unknown, the same GeoNames place, within ``radius_km`` of each other, or a
  country and a place inside it; never two different countries.

Mentions are taken in a stable order (key, day, then the order articles were stored) and each joins the first
open merged event it fits, else opens one; so the result does not depend on workers or restarts. Events of
duplicate articles (reprints, :mod:`tacitus.scale.dedup`) are left out: a reprint is not another report.

A merged event has ``num_mentions`` (its mentions), ``num_articles`` (distinct articles) and ``num_sources``
(distinct outlets: the article's source, else its URL's host; an article with neither counts as its own
outlet). Each mention keeps its own article, evidence and codes in the ``events`` table; ``event_mentions``
links it to its merged event. Merging is incremental: only the keys of events not merged yet are recomputed.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from urllib.parse import urlsplit

DEFAULT_WINDOW_DAYS = 1
DEFAULT_RADIUS_KM = 50.0
EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class MergeRules:
    window_days: int = DEFAULT_WINDOW_DAYS
    radius_km: float = DEFAULT_RADIUS_KM


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def is_country_level(place: dict) -> bool:
    feature = place.get("place_feature") or ""
    return feature.startswith("A.PCL")


def places_compatible(a: dict, b: dict, radius_km: float) -> bool:
    """Whether two mentions' places (``place_*`` fields, any of them None) can be the same event's place."""
    if a.get("place_name") is None or b.get("place_name") is None:
        return True  # one report does not say where: nothing contradicts
    if a.get("place_geonames_id") is not None and a.get("place_geonames_id") == b.get("place_geonames_id"):
        return True
    ca, cb = a.get("place_country"), b.get("place_country")
    if ca and cb and ca != cb:
        return False
    if (is_country_level(a) or is_country_level(b)) and ca and ca == cb:
        return True  # "in Kenya" and "in Nairobi"
    coords = (a.get("place_lat"), a.get("place_lon"), b.get("place_lat"), b.get("place_lon"))
    if all(c is not None for c in coords):
        return km_between(*coords) <= radius_km
    # Neither resolved to coordinates: the same name is the best evidence left.
    return (a.get("place_name") or "").casefold() == (b.get("place_name") or "").casefold()


def day_of(value: str | None) -> Date | None:
    if value and len(value) == 10:
        try:
            return Date.fromisoformat(value)
        except ValueError:
            return None
    return None


def outlet_of(mention: dict) -> str:
    if mention.get("outlet"):
        return str(mention["outlet"]).casefold()
    if mention.get("url"):
        host = urlsplit(mention["url"]).hostname or ""
        if host:
            return host.removeprefix("www.")
    return "#" + mention["article_id"]


@dataclass
class Cluster:
    key: str
    first: dict
    day: Date | None
    mentions: list[dict] = field(default_factory=list)
    place: dict | None = None  # the first mention that says where

    def accepts(self, mention: dict, rules: MergeRules) -> bool:
        if self.key.startswith("#"):
            return False  # uncoded dyad: merges with nothing
        date = mention.get("date")
        if not date:
            return False
        if self.day is None or len(date) != 10:
            return date == self.first.get("date")  # partial dates merge only with the same partial date
        day = day_of(date)
        if day is None or abs((day - self.day).days) > rules.window_days:
            return False
        return self.place is None or places_compatible(self.place, mention, rules.radius_km)

    def add(self, mention: dict) -> None:
        self.mentions.append(mention)
        if self.place is None and mention.get("place_name") is not None:
            self.place = mention


def cluster_mentions(mentions: Sequence[dict], rules: MergeRules) -> list[Cluster]:
    """Group the mentions of one merge key into clusters (each mention in exactly one)."""
    ordered = sorted(
        mentions,
        key=lambda m: (m["merge_key"], m.get("date") is None, m.get("date") or "", m["seq"], m["event_id"]),
    )
    clusters: list[Cluster] = []
    open_clusters: dict[str, list[Cluster]] = {}
    for mention in ordered:
        candidates = open_clusters.setdefault(mention["merge_key"], [])
        target = next((c for c in candidates if c.accepts(mention, rules)), None)
        if target is None:
            target = Cluster(mention["merge_key"], mention, day_of(mention.get("date")))
            clusters.append(target)
            if mention.get("date"):  # an undated mention stays alone: no need to offer it others
                candidates.append(target)
            # Clusters whose window has passed can take nothing later in date order: stop trying them.
            day = target.day
            if day is not None:
                candidates[:] = [
                    c for c in candidates if c.day is None or (day - c.day).days <= rules.window_days or c is target
                ]
        target.add(mention)
    return clusters


def merged_id(cluster: Cluster) -> str:
    first = cluster.first
    digest = hashlib.sha256(f"{cluster.key}\0{first['article_id']}\0{first['event_id']}".encode()).hexdigest()
    return "m" + digest[:15]


def merged_row(cluster: Cluster) -> dict:
    """The merged event: the most reported CAMEO code (ties: the lowest), its first mention's scores."""
    counts = Counter(m["cameo"] for m in cluster.mentions)
    cameo = min(counts, key=lambda code: (-counts[code], code))
    representative = next(m for m in cluster.mentions if m["cameo"] == cameo)
    dates = sorted(m["date"] for m in cluster.mentions if m.get("date"))
    place = cluster.place or {}
    return {
        "id": merged_id(cluster),
        "merge_key": cluster.key,
        "source_code": cluster.first.get("source_code"),
        "target_code": cluster.first.get("target_code"),
        "cameo": cameo,
        "cameo_root": cluster.first["cameo_root"],
        "quad_class": representative["quad_class"],
        "goldstein": representative["goldstein"],
        "date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "place_name": place.get("place_name"),
        "place_geonames_id": place.get("place_geonames_id"),
        "place_country": place.get("place_country"),
        "place_lat": place.get("place_lat"),
        "place_lon": place.get("place_lon"),
        "num_mentions": len(cluster.mentions),
        "num_sources": len({outlet_of(m) for m in cluster.mentions}),
        "num_articles": len({m["article_id"] for m in cluster.mentions}),
    }


def merge(mentions: Sequence[dict], rules: MergeRules | None = None) -> tuple[list[dict], list[dict]]:
    """Merged events and mention links (``event_mentions`` rows) for the given mentions."""
    rules = rules or MergeRules()
    merged, links = [], []
    for cluster in cluster_mentions(mentions, rules):
        row = merged_row(cluster)
        merged.append(row)
        links.extend(
            {"article_id": m["article_id"], "event_id": m["event_id"], "merged_id": row["id"]} for m in cluster.mentions
        )
    return merged, links


def merge_pending(store, rules: MergeRules | None = None) -> int:
    """Merge the events not merged yet, recomputing their keys whole; return how many merged events those keys
    now have. Idempotent: with nothing new it changes nothing."""
    keys = store.unmerged_keys()
    if not keys:
        return 0
    merged, links = merge(store.merge_candidates(keys), rules)
    store.replace_merged(keys, merged, links)
    return len(merged)


def merge_all(store, rules: MergeRules | None = None) -> int:
    """Recompute every merged event (after changing the rules)."""
    merged, links = merge(store.merge_candidates(None), rules)
    store.replace_merged(None, merged, links)
    return len(merged)
