"""The offline gazetteer: GeoNames countries, first-level regions, cities (population >= 500) and continents,
with coordinates, indexed by every name English news may use for them.

Built by ``scripts/build_gazetteer.py`` into ``places/data/`` (see NOTICE for sources and licenses) and loaded
once per process (:func:`load_gazetteer`), about a second for 235,000 cities.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

DATA = Path(__file__).parent / "data"

# Kinds of entry, from the widest; the GeoNames feature class and code each is given.
FEATURES = {"continent": "L.CONT", "country": "A.PCLI", "admin1": "A.ADM1"}


@dataclass(slots=True)
class Entry:
    geonames_id: int
    name: str
    kind: str  # continent, country, admin1, city
    country: str | None  # ISO 3166-1 alpha-3
    iso2: str | None
    lat: float | None
    lon: float | None
    population: int
    feature: str
    admin1: str | None = None  # the first-level region's name, for cities
    admin1_code: str | None = None  # "US.TN": country and region code, for cities and regions


class Lines:
    """The lines of a packaged table as one block of bytes and the offsets of its lines and first tabs.

    The city tables have 235,000 and 412,000 lines: held as Python strings they took over 100 MB and a
    second to split; as one block they take their own size and are indexed with numpy in milliseconds.
    A line becomes a string only when asked for.
    """

    def __init__(self, compressed: bytes) -> None:
        block = gzip.decompress(compressed)
        block = block[block.index(b"\n") + 1 :]  # the header
        if not block.endswith(b"\n"):
            block += b"\n"
        self.block = block
        codes = np.frombuffer(block, dtype=np.uint8)
        self.ends = np.flatnonzero(codes == 10)
        self.starts = np.concatenate(([0], self.ends[:-1] + 1))
        tabs = np.flatnonzero(codes == 9)
        # The first tab of each line: the first tab at or after the line's start.
        self.tabs = tabs[np.searchsorted(tabs, self.starts)] if len(tabs) else self.ends

    def __len__(self) -> int:
        return len(self.ends)

    def line(self, number: int) -> str:
        return self.block[self.starts[number] : self.ends[number]].decode()

    def first(self, number: int) -> bytes:
        """The first cell of a line, as bytes (keys compare in UTF-8 order, which is code point order)."""
        return self.block[self.starts[number] : self.tabs[number]]

    def rest(self, number: int) -> str:
        """The line after its first tab."""
        return self.block[self.tabs[number] + 1 : self.ends[number]].decode()


class _FirstCells:
    """The first cells of :class:`Lines` as a sequence, for :func:`bisect.bisect_left`."""

    def __init__(self, lines: Lines) -> None:
        self.lines = lines

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, number: int) -> bytes:
        return self.lines.first(number)


class Gazetteer:
    """Name -> entries. Countries, regions and continents are built at load; the 235,000 cities stay in
    their packaged table (:class:`Lines`) and become :class:`Entry` objects only when a name asks for them."""

    def __init__(self) -> None:
        self.by_name: dict[str, list[Entry]] = {}  # name_key -> countries, regions, continents
        self.countries: dict[str, Entry] = {}  # by alpha-3
        self.regions: dict[str, Entry] = {}  # by "US.TN"
        self.neighbours: dict[str, set[str]] = {}  # alpha-3 -> alpha-3 of neighbours
        self.iso3_of: dict[str, str] = {}
        self.city_lines: Lines | None = None  # one city a line
        self.city_names: Lines | None = None  # sorted name keys of the cities, and the numbers of their lines
        self._cities: dict[int, Entry] = {}
        self._found: dict[str, tuple[Entry, ...]] = {}  # what lookup answered, by key: names recur

    def add(self, entry: Entry, keys: str) -> None:
        for key in keys.split("|"):
            if key:
                self.by_name.setdefault(key, []).append(entry)

    def candidates(self, name: str) -> list[Entry]:
        return self.lookup(name_key(name))

    def lookup(self, key: str) -> list[Entry]:
        found = self._found.get(key)
        if found is None:
            entries = list(self.by_name.get(key, ()))
            names, wanted = self.city_names, key.encode()
            if names is not None:
                at = bisect_left(_FirstCells(names), wanted)
                if at < len(names) and names.first(at) == wanted:
                    entries += [self.city(int(line)) for line in names.rest(at).split(",")]
            if len(self._found) > _MAX_REMEMBERED:
                self._found.clear()
            found = self._found[key] = tuple(entries)
        return list(found)

    def entry(self, geonames_id: int) -> Entry | None:
        """The entry with this GeoNames id (a slow first call: it indexes every city line)."""
        if not hasattr(self, "_by_id"):
            self._by_id: dict[int, Entry | int] = {}
            for entries in self.by_name.values():
                self._by_id.update((e.geonames_id, e) for e in entries)
            lines = self.city_lines
            for number in range(len(lines) if lines is not None else 0):
                self._by_id.setdefault(int(lines.first(number)), number)
        found = self._by_id.get(geonames_id)
        return self.city(found) if isinstance(found, int) else found

    def city(self, line: int) -> Entry:
        entry = self._cities.get(line)
        if entry is None:
            gid, name, lat, lon, iso2, admin1, population, feature, _ = self.city_lines.line(line).split("\t")
            code = f"{iso2}.{admin1}"
            region = self.regions.get(code)
            entry = Entry(int(gid), name, "city", self.iso3_of.get(iso2), iso2, float(lat), float(lon),
                          int(population), feature, region.name if region else None, code)  # fmt: skip
            self._cities[line] = entry
        return entry


_MAX_REMEMBERED = 200_000  # keys whose entries lookup keeps (most are misses: words that name no place)
_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """How names are compared: case, accents, dots and a leading "the" do not count ("the U.S." = "us")."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    folded = folded.replace(".", "").replace("'", "")
    folded = _NON_WORD.sub(" ", folded).strip()
    return folded.removeprefix("the ")


def _rows(path: Path) -> Iterator[list[str]]:
    """The rows of a table the build script wrote (tab-separated, no quoting needed), header skipped."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        next(f)
        for line in f:
            yield line.rstrip("\n").split("\t")


def _float(value: str) -> float | None:
    return float(value) if value else None


@cache
def load_gazetteer(data: Path = DATA) -> Gazetteer:
    gazetteer = Gazetteer()
    countries = list(_rows(data / "countries.tsv"))
    for gid, iso2, iso3, name, lat, lon, population, _continent, _capital, _neighbours, keys in countries:
        entry = Entry(int(gid), name, "country", iso3, iso2, _float(lat), _float(lon), int(population or 0),
                      FEATURES["country"])  # fmt: skip
        gazetteer.iso3_of[iso2] = iso3
        gazetteer.countries[iso3] = entry
        gazetteer.add(entry, keys)
    for row in countries:
        gazetteer.neighbours[row[2]] = {gazetteer.iso3_of[n] for n in row[9].split(",") if n in gazetteer.iso3_of}
    for gid, _code, name, lat, lon, population, keys in _rows(data / "continents.tsv"):
        entry = Entry(int(gid), name, "continent", None, None, _float(lat), _float(lon), int(population or 0),
                      FEATURES["continent"])  # fmt: skip
        gazetteer.add(entry, keys)
    for gid, iso2, admin1, name, lat, lon, population, _centroid, keys in _rows(data / "admin1.tsv"):
        code = f"{iso2}.{admin1}"
        entry = Entry(int(gid), name, "admin1", gazetteer.iso3_of.get(iso2), iso2, _float(lat), _float(lon),
                      int(population or 0), FEATURES["admin1"], name, code)  # fmt: skip
        gazetteer.regions[code] = entry
        gazetteer.add(entry, keys)
    gazetteer.city_lines = Lines((data / "cities.tsv.gz").read_bytes())
    gazetteer.city_names = Lines((data / "city_names.tsv.gz").read_bytes())
    return gazetteer


@cache
def demonyms(data: Path = DATA) -> dict[str, str]:
    """Lower-cased demonym or adjective ("iraqi", "iraqis") -> ISO 3166-1 alpha-3 of its country."""
    return {demonym.lower(): iso3 for demonym, iso3 in _rows(data / "demonyms.tsv")}


def country_of_demonym(word: str) -> str | None:
    """``"Iraqi"`` -> ``"IRQ"``; None for a word that is not a demonym."""
    return demonyms().get(word.lower().strip())
