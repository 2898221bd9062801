"""Choosing the GeoNames entry a toponym means.

Every entry with the mention's name is a candidate; each gets a score from what is known of it and of the
article, and the best wins:

- *prominence*: log10 of the population; countries and continents above regions, regions above towns;
  capitals up; an entry whose own name is the mention's (not one of its alternate names) up;
- *a qualifier in the text*: "Lebanon, Tennessee", "Paris, Texas", "Baghdad, Iraq" -- the entry in that
  region or country wins outright;
- *the article's other places*: countries named elsewhere (places, demonyms such as "Iraqi", the dateline)
  and regions named elsewhere raise the entries inside them, so "Lebanon" in a Middle East story is the
  country and in a story about Nashville the town in Tennessee.

``resolution`` on each place says which of these decided: ``qualifier``, ``context``, ``prominence`` (the
most prominent entry, which the context did not change) or ``only`` (a single candidate).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from tacitus.places.gazetteer import Entry, Gazetteer, name_key

KIND_PRIOR = {"continent": 3.0, "country": 3.0, "admin1": 0.5, "city": 0.0}
CAPITAL = 2.0
OWN_NAME = 1.0
SAME_NAME_SEAT = 1.5  # "Baghdad" the city before "Baghdad" the governorate ...
BIG_SEAT = 3.0  # ... and more so for a city of a million ("New York" is the city)
CONTEXT_COUNTRY = 1.5  # per other mention in that country, up to CONTEXT_CAP
CONTEXT_CAP = 4.5
CONTEXT_REGION = 2.5
NEIGHBOUR = 0.75  # per mention of a neighbouring country, up to NEIGHBOUR_CAP
NEIGHBOUR_CAP = 2.25
QUALIFIED = 10.0
UNQUALIFIED = -4.0
FIRST_GUESS_MARGIN = 1.5  # a 30-fold lead in population (or its equivalent) makes a mention context itself


@dataclass
class Context:
    """What the article says about where it is: countries and regions, counted per piece of evidence."""

    countries: Counter = field(default_factory=Counter)
    regions: Counter = field(default_factory=Counter)

    def add(self, entry: Entry, weight: float = 1.0) -> None:
        if entry.country:
            self.countries[entry.country] += weight
        if entry.kind in ("city", "admin1") and entry.admin1_code:
            self.regions[entry.admin1_code] += weight

    def remove(self, entry: Entry, weight: float = 1.0) -> None:
        if entry.country:
            self.countries[entry.country] -= weight
        if entry.kind in ("city", "admin1") and entry.admin1_code:
            self.regions[entry.admin1_code] -= weight


def prominence(entry: Entry, key: str, candidates: list[Entry]) -> float:
    return prominences(key, candidates, [entry])[0]


def prominences(key: str, candidates: list[Entry], entries: list[Entry] | None = None) -> list[float]:
    """The prominence of each of ``entries`` (default: the candidates) among ``candidates`` for the name
    ``key``. The regions among the candidates are gathered once: a name can have hundreds of towns."""
    seats = {c.admin1_code for c in candidates if c.kind == "admin1"}
    scores = []
    for entry in candidates if entries is None else entries:
        score = math.log10(entry.population + 1) + KIND_PRIOR[entry.kind]
        if entry.feature == "P.PPLC":
            score += CAPITAL
        if name_key(entry.name) == key:
            score += OWN_NAME
        if entry.kind == "city" and entry.admin1_code in seats:
            score += BIG_SEAT if entry.population >= 1_000_000 else SAME_NAME_SEAT
        scores.append(score)
    return scores


def matches_qualifier(entry: Entry, qualifier: list[Entry]) -> bool:
    for q in qualifier:
        if q.kind == "country" and entry.country == q.country and entry.kind != "country":
            return True
        if q.kind == "admin1" and entry.admin1_code == q.admin1_code and entry.kind == "city":
            return True
    return False


def contextual(entry: Entry, context: Context, neighbours: dict[str, set[str]] | None = None) -> float:
    score = 0.0
    if entry.country:
        score += min(CONTEXT_CAP, CONTEXT_COUNTRY * max(0.0, context.countries[entry.country]))
        near = sum(max(0.0, context.countries[n]) for n in (neighbours or {}).get(entry.country, ()))
        score += min(NEIGHBOUR_CAP, NEIGHBOUR * near)
    if entry.kind in ("city", "admin1") and context.regions[entry.admin1_code] > 0:
        score += CONTEXT_REGION  # a town in a region the article names, or the region of its towns
    return score


@dataclass
class Resolution:
    entry: Entry | None
    how: str  # qualifier, context, prominence, only, unresolved
    candidates: int


def resolve(
    key: str,
    candidates: list[Entry],
    context: Context,
    qualifier: list[Entry] | None = None,
    neighbours: dict[str, set[str]] | None = None,
) -> Resolution:
    if not candidates:
        return Resolution(None, "unresolved", 0)
    if len(candidates) == 1:
        return Resolution(candidates[0], "only", 1)
    base = {id(c): score for c, score in zip(candidates, prominences(key, candidates), strict=True)}
    by_prominence = max(candidates, key=lambda c: base[id(c)])
    if qualifier:
        qualified = [c for c in candidates if matches_qualifier(c, qualifier)]
        if qualified:
            best = max(qualified, key=lambda c: base[id(c)] + contextual(c, context, neighbours))
            return Resolution(best, "qualifier", len(candidates))
    best = max(candidates, key=lambda c: base[id(c)] + contextual(c, context, neighbours))
    return Resolution(best, "prominence" if best is by_prominence else "context", len(candidates))


def first_guess(gazetteer: Gazetteer, key: str, candidates: list[Entry]) -> Entry | None:
    """The entry a mention means before context is weighed, when it is clear enough to be context itself:
    the only candidate, or one far more prominent than the rest (a country against its homonym towns)."""
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    scores = prominences(key, candidates)
    order = sorted(range(len(candidates)), key=scores.__getitem__, reverse=True)  # stable: ties keep their order
    margin = scores[order[0]] - scores[order[1]]
    return candidates[order[0]] if margin >= FIRST_GUESS_MARGIN else None
